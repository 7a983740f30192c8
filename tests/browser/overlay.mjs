#!/usr/bin/env node
// Browser test of the preview's error overlay, on a page `syllabus serve` serves while the
// course has an error.
//
//   node tests/browser/overlay.mjs --url http://127.0.0.1:PORT/PAGE [--screenshots OUTDIR]
//
// In the light and the dark colour scheme, at a phone's and a desktop's width: the
// overlay is shown, every error line is inside the viewport's width, and axe-core finds
// no violation in it (colour contrast above all: the theme's own styles must not reach
// it). Exit status: 0 passed, 1 a check failed, 2 a bad command line.

import { createRequire } from 'node:module';
import path from 'node:path';
import { launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const url = value('--url');
const shots = value('--screenshots');
if (!url) {
  console.error('usage: node tests/browser/overlay.mjs --url URL [--screenshots OUTDIR]');
  process.exit(2);
}

const problems = [];
const browser = await launch();
try {
  for (const scheme of ['light', 'dark']) {
    for (const size of [{ width: 360, height: 800 }, { width: 1280, height: 900 }]) {
      const page = await browser.newPage({ viewport: size, colorScheme: scheme });
      await page.goto(url);
      const where = `${scheme} ${size.width}px`;
      const box = await page.$('#syllabus-errors');
      if (!box || !(await box.isVisible())) {
        problems.push(`${where}: no visible #syllabus-errors`);
        await page.close();
        continue;
      }
      const overflow = await page.evaluate(() => {
        const box = document.getElementById('syllabus-errors');
        return box.scrollWidth > box.clientWidth + 1;
      });
      if (overflow) problems.push(`${where}: the overlay scrolls sideways`);
      await page.evaluate(axe.source);
      const result = await page.evaluate(() =>
        window.axe.run(
          { include: [['#syllabus-errors']] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
        ),
      );
      for (const v of result.violations) {
        const nodes = v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').split('\n').slice(1).join(' ')}`);
        problems.push(`${where}: axe ${v.id}: ${v.help}\n    ${nodes.join('\n    ')}`);
      }
      const checked = result.passes.some((p) => p.id === 'color-contrast');
      if (!checked) problems.push(`${where}: axe did not check the overlay's colour contrast`);
      if (shots) await page.screenshot({ path: path.join(shots, `overlay-${size.width}-${scheme}.png`) });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`overlay: ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('overlay: readable in light and dark, at phone and desktop widths');
