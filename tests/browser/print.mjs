#!/usr/bin/env node
// Browser test of a module's print page on the example course:
//
//   node tests/browser/print.mjs --site PUBLIC
//
// The module page links to it; axe finds no violation at 390, 768 and 1280 px in light and
// dark; printed (Chromium's page.pdf()), it has a page for each lesson, each quiz and the
// answers, and in print media it shows the lessons, key points, quiz blanks and answers
// without the site's navigation or buttons.
//
// Exit status: 0 all passed, 1 a check failed, 2 a bad command line.

import { createRequire } from 'node:module';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

const site = process.argv[process.argv.indexOf('--site') + 1];
if (!site || process.argv.indexOf('--site') < 0) {
  console.error('usage: node tests/browser/print.mjs --site DIR');
  process.exit(2);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures++;
}

const MODULE = '/modules/codes-in-action/';
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const errors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + MODULE);
  const link = await page.getAttribute('.print-link a', 'href');
  check(link === `${MODULE}print/`, `the module page links to its print page (${link})`);
  await page.goto(base + MODULE + 'print/');
  const lessons = await page.$$eval('.print-lesson > h2', (hs) => hs.map((h) => h.textContent.trim().replace(/\s+/g, ' ')));
  check(lessons.length === 2, `the print page holds the module's lessons in order (${lessons.join(' | ')})`);

  for (const [width, height] of [[390, 844], [768, 1024], [1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const p = await ctx.newPage();
      await p.goto(base + MODULE + 'print/');
      await p.addScriptTag({ content: axe.source });
      const violations = await p.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      const wide = await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      check(violations.length === 0 && wide, `${width} px ${scheme}: no axe violation, no sideways scrolling${violations.length ? ` (${violations.join(', ')})` : ''}`);
      await ctx.close();
    }
  }

  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.checkVisibility());
    return {
      text: document.body.innerText,
      nav: visible('.site-nav, .site-search, .breadcrumbs, button'),
      breaks: [...document.querySelectorAll('.print-lesson, .print-quiz, .print-answers')].map((s) => getComputedStyle(s).breakBefore),
    };
  });
  check(!printed.nav, 'printed, the navigation, search and buttons are left out');
  check(printed.breaks.length >= 4 && printed.breaks.every((b) => b === 'page'), `each lesson, quiz and the answers start a page (${printed.breaks.join(', ')})`);
  for (const words of [...lessons.map((l) => l.replace(/^Lesson \S+ /, '')), 'Key points', 'Quiz:', 'Answers', '☐']) {
    check(printed.text.toLowerCase().includes(words.toLowerCase()), `printed, it shows "${words}"`);
  }
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  check(pdf.length > 10000 && pages >= printed.breaks.length + 1, `as a PDF it has ${pages} pages: the heading's, then at least one for each of the ${printed.breaks.length} parts`);
  await context.close();
  check(errors.length === 0, `no script error${errors.length ? `: ${errors.join('; ')}` : ''}`);
} finally {
  await browser.close();
  server.close();
}
console.log(failures ? `print: ${failures} check(s) failed` : 'print: all checks passed');
process.exit(failures ? 1 : 0);
