#!/usr/bin/env node
// Screenshots for review (not a check): the pages a person should look at after a change
// to the theme, written to OUT.
//
//   node tests/browser/shots.mjs --example DIR --content DIR --large DIR --out OUT
//
// DIR are built sites: the example course, tests/browser/content-course, and a generated
// course with 1,000 concepts. Exit status 0 once every screenshot is written.

import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['example', 'content', 'large', 'out']) {
  if (!args[k]) {
    console.error('usage: node tests/browser/shots.mjs --example DIR --content DIR --large DIR --out OUT');
    process.exit(2);
  }
}
fs.mkdirSync(args.out, { recursive: true });

const SHOTS = [
  ['example', '/lessons/arms-and-leverage/', 1280, 900, 'lesson-outline-1280', 1600],
  ['example', '/lessons/arms-and-leverage/', 390, 844, 'lesson-phone-header-390', 0],
  ['example', '/modules/foundations/', 1280, 900, 'module-keypoints-1280', 600],
  ['content', '/quizzes/roots/', 1280, 900, 'quiz-code-prompt-1280', 500],
  ['example', '/concepts/', 1280, 900, 'concept-map-9-1280', 300],
  ['example', '/concepts/', 390, 844, 'concept-map-9-390', 300],
  ['large', '/concepts/', 1280, 900, 'concept-map-1000-1280', 300],
  ['example', '/modules/codes-in-action/print/', 1280, 900, 'module-print-1280', 0],
];

const browser = await launch();
const servers = {};
try {
  for (const [site, url, width, height, name, scroll] of SHOTS) {
    if (!servers[site]) servers[site] = await serve(args[site]);
    const base = `http://127.0.0.1:${servers[site].address().port}`;
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(base + url);
      if (scroll) await page.evaluate((y) => window.scrollTo({ top: y, behavior: 'instant' }), scroll);
      await page.waitForTimeout(200);
      const file = path.join(args.out, `review-${name}-${scheme}.png`);
      await page.screenshot({ path: file });
      await context.close();
    }
  }
} finally {
  await browser.close();
  Object.values(servers).forEach((s) => s.close());
}
console.log(`${SHOTS.length * 2} screenshots for review in ${args.out}`);
