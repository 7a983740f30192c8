#!/usr/bin/env node
// Browser test of a course in a language other than English: the theme speaks it.
//
//   node tests/browser/i18n.mjs --site DIR --course SRC --lang fr|ar
//        [--query WORDS --expect PATH]... [--screenshots OUTDIR]
//
// DIR is the built site of the course in SRC. In headless Chromium it uses the site as a
// learner does (a concept preview, copying code, marking a lesson done, a quiz answered
// wrong and checked with every answer shown, the progress panel, search in the header and
// on the search page) and then walks every text node and every label, placeholder and
// title of each page outside the course's own text ([data-content]): no word of the
// theme's English may remain (a word is English when English's table has it and neither
// the language's table nor the course's own files do). It checks `lang` and `dir`, and for
// a right-to-left language that the layout mirrors while code and math stay left to
// right; that numbers use the language's digits; that each QUERY finds PATH (stemmed in
// the language, accents optional). Screenshots of a lesson and a checked quiz go to
// OUTDIR as LANG-lesson.png and LANG-quiz.png. Exit status 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const argv = process.argv.slice(2);
const one = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : null);
const all = (name) => argv.flatMap((a, i) => (a === name ? [argv[i + 1]] : []));
const site = path.resolve(one('--site') || '');
const course = path.resolve(one('--course') || '');
const lang = one('--lang');
const shots = one('--screenshots');
const searches = all('--query').map((q, i) => [q, all('--expect')[i]]);
if (!lang || !fs.existsSync(path.join(site, 'index.html')) || !fs.existsSync(course)) {
  console.error('usage: node tests/browser/i18n.mjs --site DIR --course SRC --lang LANG [--query Q --expect PATH]... [--screenshots OUT]');
  process.exit(2);
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${lang}: ${what}`);
  if (!ok) failures.push(what);
}

/* Which words are the theme's English ----------------------------------------- */

const here = path.dirname(fileURLToPath(import.meta.url));
const tables = path.join(here, '../../src/i18n/strings');
const WORD = /[\p{L}\p{M}]{3,}/gu;
const wordsOf = (text) => new Set((text.toLowerCase().match(WORD) || []));
/** The words of a table's texts (keys and comments left out). */
function tableWords(file) {
  const text = fs.readFileSync(path.join(tables, file), 'utf8');
  const values = text.split('\n').filter((l) => !l.trim().startsWith('#')).map((l) => l.replace(/^\s*[a-z_0-9]+:\s*/, ''));
  return wordsOf(values.join(' ').replace(/\{[a-z_]+\}/g, ' '));
}
function courseWords(dir) {
  const out = new Set();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) for (const w of wordsOf(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))) out.add(w);
  }
  return out;
}
const local = new Set([...tableWords(`${lang}.yaml`), ...courseWords(course)]);
// Names that are the same in every language: the product, citation styles, formats.
for (const w of ['syllabus', 'apa', 'mla', 'bibtex', 'ris', 'zotero', 'mendeley', 'endnote', 'javascript']) local.add(w);
const english = [...tableWords('en.yaml')].filter((w) => !local.has(w));

/** Text of every node and label outside the course's own text, with its place. */
const theThemesText = () => {
  const out = [];
  const skip = (el) => el.closest('[data-content], script, style, code, pre, math, svg title, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip(el) || !n.nodeValue.trim()) continue;
    const hidden = el.closest('[hidden]') && !el.closest('details');
    if (!hidden) out.push([el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : ''), n.nodeValue.trim()]);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.getAttribute(a)) out.push([`${el.tagName.toLowerCase()}[${a}]`, el.getAttribute(a)]);
  }
  out.push(['title', document.title]);
  return out;
};

async function noEnglish(page, where) {
  const texts = await page.evaluate(theThemesText);
  const found = [];
  for (const [place, text] of texts) {
    const words = text.toLowerCase().match(WORD) || [];
    const bad = words.filter((w) => english.includes(w));
    if (bad.length) found.push(`${place}: "${text.slice(0, 80)}" (${bad.join(', ')})`);
  }
  check(found.length === 0, `${where}: no English word of the theme${found.length ? ':\n        ' + found.slice(0, 8).join('\n        ') : ''}`);
}

async function runAxe(page, where) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const v = result.violations.map((x) => `${x.id} (${x.nodes.length}): ${x.nodes[0].target.join(' ')}`);
  check(v.length === 0, `${where}: axe finds no violation${v.length ? ': ' + v.join('; ') : ''}`);
}

const firstDir = (folder) => fs.readdirSync(path.join(site, folder), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()[0];

async function main() {
  const server = await serve(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const errors = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const open = async (url) => {
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`${url}: ${m.text()}`));
    await page.goto(origin + url);
    return page;
  };
  const rtl = lang === 'ar';
  try {
    const lessonUrl = `/lessons/${firstDir('lessons')}/`;
    const quizUrl = `/quizzes/${firstDir('quizzes')}/`;

    // A lesson: lang and dir, a concept preview, copying code, marking it done.
    let page = await open(lessonUrl);
    const facts = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir, kicker: document.querySelector('.kicker').textContent }));
    check(facts.lang === lang && facts.dir === (rtl ? 'rtl' : 'ltr'), `<html lang="${facts.lang}" dir="${facts.dir}">`);
    check(rtl ? /[\u0660-\u0669]/.test(facts.kicker) && !/[0-9]/.test(facts.kicker) : /[0-9]/.test(facts.kicker), `the lesson's number is in the language's digits ("${facts.kicker.trim().slice(0, 30)}")`);
    const link = await page.$('[data-content] a[data-concept]');
    if (link) {
      await link.hover();
      await page.waitForSelector('#concept-tip:not([hidden])');
      check(true, 'a concept preview shows on hover');
    }
    await page.check('input[data-lesson-done]');
    await noEnglish(page, `${lessonUrl} with a concept preview`);
    if (shots) await page.screenshot({ path: path.join(shots, `${lang}-lesson.png`), fullPage: true });
    await runAxe(page, lessonUrl);

    // A lesson with code: the copy button's words, and for RTL the code read left to right.
    for (const name of fs.readdirSync(path.join(site, 'lessons')).sort()) {
      const html = fs.readFileSync(path.join(site, 'lessons', name, 'index.html'), 'utf8');
      if (!html.includes('data-action="copy"')) continue;
      const code = await open(`/lessons/${name}/`);
      await code.click('[data-action="copy"]');
      await code.waitForSelector('[data-action="copy"][data-copied]');
      await noEnglish(code, `/lessons/${name}/ after copying code`);
      const dirs = await code.evaluate(() => ({
        code: getComputedStyle(document.querySelector('.code pre')).direction,
        math: document.querySelector('math') ? getComputedStyle(document.querySelector('math')).direction : 'ltr',
        list: document.querySelector('[data-content] ul') ? getComputedStyle(document.querySelector('[data-content] ul')) : null,
      }));
      check(dirs.code === 'ltr' && dirs.math === 'ltr', `code and math read left to right (${dirs.code}, ${dirs.math})`);
      break;
    }
    if (rtl) {
      const layout = await page.evaluate(() => {
        const list = document.querySelector('[data-content] ul, [data-content] ol');
        const title = document.querySelector('.site-title').getBoundingClientRect();
        const h1 = document.querySelector('h1').getBoundingClientRect();
        const outline = document.querySelector('nav[data-outline]');
        const article = document.querySelector('article').getBoundingClientRect();
        return {
          listIndent: list ? [parseFloat(getComputedStyle(list).paddingRight), parseFloat(getComputedStyle(list).paddingLeft)] : null,
          titleRight: title.right, h1Right: h1.right, width: window.innerWidth,
          outlineLeft: outline ? outline.getBoundingClientRect().right <= article.left + 1 : null,
        };
      });
      check(!layout.listIndent || layout.listIndent[0] > layout.listIndent[1], `lists are indented on the right (${JSON.stringify(layout.listIndent)})`);
      check(layout.titleRight > layout.width / 2 && layout.h1Right > layout.width / 2, 'the course title and the heading start on the right');
      check(layout.outlineLeft !== false, 'the outline stands on the left of the text, mirrored');
    }

    // A quiz answered wrong and checked: feedback, verdict, review links, every answer shown.
    page = await open(quizUrl);
    await page.click('[data-action="check-all"]');
    await page.waitForSelector('[data-verdict]:not([hidden])');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const score = await page.$eval('[data-score]', (n) => n.textContent);
    check(rtl ? /^[\u0660-\u0669]+\/[\u0660-\u0669]+$/.test(score) : /^\d+\/\d+$/.test(score), `the score is in the language's digits (${score})`);
    if (rtl) {
      const border = await page.$eval('[data-feedback]', (n) => [getComputedStyle(n).borderRightWidth, getComputedStyle(n).borderLeftWidth]);
      check(border[0] === '4px' && border[1] !== '4px', `feedback is marked on its right edge (${border})`);
    }
    await noEnglish(page, `${quizUrl} checked with every answer shown`);
    if (shots) await page.screenshot({ path: path.join(shots, `${lang}-quiz.png`), fullPage: true });
    await runAxe(page, `${quizUrl} checked`);

    // The home and module pages with progress; search in the header.
    page = await open('/');
    await page.waitForSelector('[data-progress-quiz]');
    await noEnglish(page, '/ with progress');
    await runAxe(page, '/ with progress');
    for (const [query, expect] of searches) {
      await page.fill('input[data-search-input]', query);
      await page.waitForSelector('[data-search-results] a');
      await page.waitForTimeout(300);
      const hits = await page.$$eval('[data-search-results] a', (as) => as.map((a) => new URL(a.href).pathname));
      check(hits.includes(expect), `"${query}" finds ${expect} (${hits.slice(0, 5).join(' ')})`);
    }
    await noEnglish(page, '/ with search results');
    // The review page: a card shown, then revealed with its grades; the study sheet open.
    page = await open('/review/');
    await page.waitForSelector('[data-review-card]:not([hidden])');
    await noEnglish(page, '/review/ with a card');
    await page.click('[data-action="reveal"]');
    await page.waitForSelector('[data-review-grades]:not([hidden])');
    const when = await page.$eval('[data-grade="4"] [data-grade-when]', (n) => n.textContent);
    check(rtl ? /[\u0660-\u0669]/.test(when) : /\d/.test(when), `review: the grades say when, in the language's digits (${when})`);
    await page.evaluate(() => { document.querySelector('[data-study-sheet]').open = true; });
    await noEnglish(page, '/review/ revealed, with the study sheet');
    await runAxe(page, '/review/ revealed');
    if (shots) await page.screenshot({ path: path.join(shots, `${lang}-review.png`), fullPage: true });
    await page.click('[data-grade="3"]');
    await page.waitForTimeout(200);
    await noEnglish(page, '/review/ after a grade');
    const moduleUrl = `/modules/${firstDir('modules')}/`;
    const own = fs.existsSync(path.join(site, 'about', 'index.html')) ? ['/about/'] : [];
    for (const url of [...own, moduleUrl, `${moduleUrl}print/`, '/search/?q=' + encodeURIComponent(searches.length ? searches[0][0] : 'x'), '/concepts/', '/glossary/', '/articles/', `/articles/${firstDir('articles')}/`, '/quizzes/', `/concepts/${firstDir('concepts')}/`, '/404.html']) {
      const p = await open(url);
      if (url.startsWith('/search/')) await p.waitForSelector('[data-search-status]:not(:empty)');
      await noEnglish(p, url);
      await runAxe(p, url);
      await p.close();
    }
    check(errors.length === 0, `no script error${errors.length ? ': ' + errors.join('; ') : ''}`);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(failures.length ? `\n${failures.length} check(s) failed` : `\nall ${lang} checks passed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
