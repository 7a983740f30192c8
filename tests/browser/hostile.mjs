#!/usr/bin/env node
// Browser test of a hostile course: every field holds "><script>alert(1)</script>
// <img src=x onerror=alert(2)>. Opens every page of the built site in headless Chromium
// (and searches for the payload), and fails if any script from the course runs: a
// dialog opens, an injected <script> or <img onerror> element exists, or a page error.
//
//   node tests/browser/hostile.mjs --site DIR

import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const args = process.argv.slice(2);
const site = path.resolve(args[args.indexOf('--site') + 1] || 'public');

function htmlPages(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...htmlPages(dir, rel));
    else if (entry.name.endsWith('.html')) out.push('/' + rel.replace(/index\.html$/, ''));
  }
  return out;
}

const failures = [];
const server = await serve(site);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on('dialog', async (d) => {
    failures.push(`a dialog opened on ${page.url()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('pageerror', (e) => failures.push(`page error on ${page.url()}: ${e}`));
  const pages = htmlPages(site);
  for (const url of pages) {
    await page.goto(base + url);
    const injected = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src]), img[src="x"], [onerror]')]
        .filter((el) => !(el.tagName === 'SCRIPT' && el.type === 'application/json'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    if (injected.length) failures.push(`${url}: injected elements ${injected.join(' | ')}`);
  }
  // The payload as a search: results are built from text, never markup.
  const input = await page.$('input[data-search-input]');
  if (input) {
    await page.goto(base + '/');
    await page.fill('input[data-search-input]', 'script alert onerror');
    await page.waitForTimeout(1500);
    const bad = await page.evaluate(() => document.querySelectorAll('[data-search-results] img[src="x"], [data-search-results] script').length);
    if (bad) failures.push('search results hold injected elements');
  }
  console.log(`${pages.length} pages opened`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log('no script from the course ran on any page');
