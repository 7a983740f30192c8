#!/usr/bin/env node
// Browser test of search on the fixture course that tests/browser.rs builds.
//
//   node tests/browser/search.mjs --site DIR [--prefix /course/]
//
// Serves the site at PREFIX (its base_url path) and checks, in headless Chromium: no
// request for the index before the first keystroke; `/` focuses the box; a concept's
// term finds the concept and the lesson that teaches it; a phrase inside an article
// finds the article first; "floods" finds a page that only says "flood"; 海绵城市 finds
// the page that contains it; quiz feedback, choices and explanations find nothing;
// arrows move through the results and Enter opens one; a title holding <script> stays
// text; the /search/ page reads ?q= and filters by kind; no axe-core violation with
// results shown. Exit status 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const site = path.resolve(arg('--site', 'public'));
const prefix = arg('--prefix', '/');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`search: ${site} has no index.html; build the site first`);
  process.exit(2);
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures.push(what);
}

/** Types a query into the box and waits for its results: [{kind, href, title, snippet, marks}]. */
async function query(page, text, selector = 'input[data-search-input]') {
  const box = page.locator(selector);
  await box.fill('');
  await box.pressSequentially(text, { delay: 5 });
  await page.waitForFunction(
    (q) => {
      const status = document.querySelector('[data-search-status]');
      return status && status.textContent.includes(`“${q.trim()}”`);
    },
    text,
    { timeout: 10000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-search-results] li')].map((li) => {
      const a = li.querySelector('a');
      return {
        kind: a.dataset.kind,
        href: new URL(a.href).pathname,
        title: a.querySelector('.search-title').textContent,
        snippet: li.querySelector('.search-snippet')?.textContent ?? '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      };
    }),
  );
}

async function axeViolations(page) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function main() {
  const server = await serve(site, prefix);
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  const browser = await launch();
  const errors = [];
  const dialogs = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    const indexRequests = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(`${prefix}search/`) && u.pathname.endsWith('.json')) indexRequests.push(u.pathname);
    });

    // Nothing is fetched until the learner types.
    await page.goto(`${base}lessons/rivers/`);
    await page.waitForTimeout(300);
    check(await page.locator('input[data-search-input]').count() === 1, 'every page has one search box');
    await page.keyboard.press('/');
    const focused = await page.evaluate(() => document.activeElement?.matches('input[data-search-input]'));
    check(focused, '"/" focuses the search box');
    await page.waitForTimeout(200);
    check(indexRequests.length === 0, `no request for the index before the first keystroke (${indexRequests.join(', ') || 'none'})`);

    // A concept's term finds the concept and the lesson that teaches it.
    let hits = await query(page, 'sponge city');
    check(indexRequests.length > 0 && indexRequests.every((p) => p.startsWith(`${prefix}search/`)), `the index is fetched under the base path (${indexRequests[0]})`);
    check(!indexRequests.includes(`${prefix}search/index.json`), `the first query starts with the term shards: the manifest came with search.js (${indexRequests.join(', ')})`);
    check(hits[0]?.href === `${prefix}concepts/sponge-city/` && hits[0]?.kind === 'concept', `"sponge city" finds its concept first (${hits.map((h) => h.href).join(' ')})`);
    check(hits.some((h) => h.href === `${prefix}lessons/sponges/`), '"sponge city" finds the lesson that introduces it');
    check(hits[0]?.marks.some((m) => /sponge/i.test(m)), `matched words are highlighted (${hits[0]?.marks.join(', ')})`);

    // Keyboard: arrows move through results, Enter opens.
    await page.keyboard.press('ArrowDown');
    let active = await page.evaluate(() => new URL(document.activeElement.href || location.href).pathname);
    check(active === hits[0].href, 'ArrowDown moves to the first result');
    await page.keyboard.press('ArrowDown');
    active = await page.evaluate(() => new URL(document.activeElement.href || location.href).pathname);
    check(hits.length > 1 && active === hits[1].href, 'ArrowDown again moves to the second');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    check(await page.evaluate(() => document.activeElement?.matches('input[data-search-input]')), 'ArrowUp from the first result returns to the box');
    check((await axeViolations(page)).length === 0, `no axe violation with results shown (${(await axeViolations(page)).join('; ')})`);
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(`**${hits[0].href}`), page.keyboard.press('Enter')]);
    check(new URL(page.url()).pathname === hits[0].href, 'Enter opens the result');

    // A phrase inside an article finds the article.
    await page.goto(`${base}`);
    // Ranking: a word in a title first, and a lesson before a concept or module matched as well.
    const pipe = await query(page, 'pipe');
    check(pipe[0]?.href === `${prefix}lessons/pipes/`, `"pipe" finds the lesson titled "Pipes and filters" first (${pipe.map((h) => h.href).join(' ')})`);
    check(pipe[1]?.href === `${prefix}concepts/pipe/`, `then the concept "Pipe", titled too (${pipe.map((h) => h.href).join(' ')})`);
    const lessonMention = pipe.findIndex((h) => h.href === `${prefix}lessons/drains/`);
    const moduleMention = pipe.findIndex((h) => h.href === `${prefix}modules/sewers/`);
    check(lessonMention > 1 && moduleMention > lessonMention, `pages that only mention it come after, a lesson before a module (${pipe.map((h) => h.href).join(' ')})`);
    hits = await query(page, 'mangrove belt absorbed');
    check(hits[0]?.href === `${prefix}articles/delta-report/`, `a phrase inside an article finds it first (${hits.map((h) => h.href).join(' ')})`);

    // Stemming: "floods" finds the page that only says "flood".
    hits = await query(page, 'floods ');
    check(hits.some((h) => h.href === `${prefix}lessons/rivers/`), `"floods" finds the lesson that says "flood" (${hits.map((h) => h.href).join(' ')})`);
    check(hits.find((h) => h.href === `${prefix}lessons/rivers/`)?.marks.some((m) => m.toLowerCase() === 'flood'), '"flood" is highlighted in its snippet');

    // CJK.
    hits = await query(page, '海绵城市');
    check(hits.some((h) => h.href === `${prefix}reading-chinese/`), `海绵城市 finds the page that contains it (${hits.map((h) => h.href).join(' ')})`);
    check(hits.find((h) => h.href === `${prefix}reading-chinese/`)?.marks.includes('海绵城市'), '海绵城市 is highlighted in the snippet');

    // Quizzes: prompts are found, answers, feedback and explanations are not.
    hits = await query(page, 'rainwater design');
    check(hits.some((h) => h.href === `${prefix}quizzes/water-check/`), 'a quiz prompt finds the quiz');
    for (const secret of ['quokka', 'pelican', 'marmoset']) {
      hits = await query(page, secret);
      const status = await page.locator('[data-search-status]').first().textContent();
      check(hits.length === 0 && status.startsWith('No results'), `quiz ${secret === 'quokka' ? 'feedback' : secret === 'pelican' ? 'explanation' : 'choice'} text finds nothing ("${secret}": ${hits.length})`);
    }

    // A title holding markup stays text.
    hits = await query(page, 'markup');
    const hit = hits.find((h) => h.href === `${prefix}lessons/markup/`);
    check(hit && hit.title.includes('<script>alert("title")</script>'), `a <script> in a title is shown as text (${hit?.title})`);
    const scripts = await page.evaluate(() => document.querySelectorAll('[data-search-results] script, [data-search-results] img').length);
    check(scripts === 0 && dialogs.length === 0, 'no element or script made from page data');

    // The search page reads ?q= and filters by kind.
    await page.goto(`${base}search/?q=sponge`);
    await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0, null, { timeout: 10000 });
    check(await page.inputValue('input[data-search-input]') === 'sponge', '/search/?q= fills the box');
    const kinds = await page.evaluate(() => [...document.querySelectorAll('[data-search-results] a')].map((a) => a.dataset.kind));
    check(new Set(kinds).size > 1, `/search/?q=sponge lists several kinds (${[...new Set(kinds)].join(', ')})`);
    await page.check('input[name="kind"][value="lesson"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-search-results] a')].every((a) => a.dataset.kind === 'lesson'));
    const lessons = await page.evaluate(() => [...document.querySelectorAll('[data-search-results] a')].map((a) => a.dataset.kind));
    check(lessons.length > 0 && lessons.every((k) => k === 'lesson'), `filtering by kind shows only lessons (${lessons.join(', ')})`);
    check((await axeViolations(page)).length === 0, `no axe violation on /search/ with results (${(await axeViolations(page)).join('; ')})`);
    check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);

    // A search.js kept from an older build (its manifest names another build) still
    // finds the right pages: the first index file shows the difference, the manifest is
    // fetched, and the query runs again.
    const stale = await browser.newPage();
    await stale.route('**/assets/search.js*', async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/^(window\.syllabusSearchManifest = \{"version":2,"v":")[^"]+/, '$1older');
      await route.fulfill({ response, body });
    });
    const staleRequests = [];
    stale.on('request', (r) => { if (new URL(r.url()).pathname.startsWith(`${prefix}search/`)) staleRequests.push(new URL(r.url()).pathname); });
    await stale.goto(`${base}lessons/rivers/`);
    check(await stale.evaluate(() => window.syllabusSearchManifest?.v === 'older'), 'the stale test page has an older manifest');
    hits = await query(stale, 'sponge city');
    check(hits[0]?.href === `${prefix}concepts/sponge-city/`, `with a stale search.js, "sponge city" still finds its concept (${hits.map((h) => h.href).join(' ')})`);
    check(staleRequests.includes(`${prefix}search/index.json`), 'with a stale search.js, the manifest is fetched');
    await stale.close();
  } finally {
    await browser.close();
    server.close();
  }
}

main()
  .then(() => {
    console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall search checks passed');
    process.exit(failures.length ? 1 : 0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
