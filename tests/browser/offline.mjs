#!/usr/bin/env node
// Browser test of a site built with --relative, opened straight from disk (file://), as a
// teacher hands it out on a USB stick: styled pages and pictures, links that open pages
// (never a folder listing), search, quizzes with their score kept, the progress panel,
// and review with a question card read from its quiz page's script; no request other
// than file://, no script error.
//
//   node tests/browser/offline.mjs --site DIR
//
// Exit 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checker, launch } from './lib.mjs';

const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const site = path.resolve(arg('--site') || 'public');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`offline: ${site} has no index.html; build the site with --relative first`);
  process.exit(2);
}

const { check, done } = checker();

const errors = [];
const requests = new Set();
const url = (rel) => pathToFileURL(path.join(site, rel)).href;

async function open(context, rel, query = '') {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => errors.push(`${rel}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${rel}: ${m.text()}`));
  page.on('request', (r) => requests.add(r.url().split(':')[0]));
  await page.goto(url(rel) + query);
  return page;
}

/** The first lesson page that shows a picture, by its file. */
function lessonWithPicture() {
  const dir = path.join(site, 'lessons');
  for (const id of fs.readdirSync(dir).sort()) {
    if (/<img [^>]*src="/.test(fs.readFileSync(path.join(dir, id, 'index.html'), 'utf8'))) return `lessons/${id}/index.html`;
  }
  return null;
}

const START = new Date('2026-03-02T09:00:00Z').getTime();
const browser = await launch();
try {
  const context = await browser.newContext();
  await context.clock.install({ time: START });
  const home = await open(context, 'index.html');
  const look = await home.evaluate(() => ({
    header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    relative: document.documentElement.hasAttribute('data-relative'),
  }));
  check(look.relative && look.header !== 'rgba(0, 0, 0, 0)', `the home page is styled from disk (header ${look.header})`);

  // A link from the home page opens the lesson's page, not its folder.
  const first = await home.getAttribute('.lesson-list a', 'href');
  await home.click('.lesson-list a');
  await home.waitForLoadState();
  check(home.url().endsWith('/index.html') && (await home.$('article[data-lesson-id] h1')) !== null, `the first lesson opens from the outline (${first})`);

  const withPicture = lessonWithPicture();
  if (check(withPicture !== null, 'the course has a lesson with a picture')) {
    const lesson = await open(context, withPicture);
    const pictures = await lesson.$$eval('[data-content] img', (imgs) => imgs.map((i) => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]));
    check(pictures.length > 0 && pictures.every(([, shown]) => shown), `${withPicture}: every picture shows (${JSON.stringify(pictures)})`);
  }

  // Search, in the header of a lesson, then following a result.
  const lesson = await open(context, withPicture || 'index.html');
  const term = await lesson.$eval('a[data-concept]', (a) => a.textContent.trim());
  await lesson.fill('input[data-search-input]', term);
  await lesson.waitForSelector('[data-search-results] a');
  const hit = await lesson.getAttribute('[data-search-results] a', 'href');
  check(/index\.html(#|$)/.test(hit), `search finds "${term}" from disk, linking a page's index.html (${hit})`);
  await lesson.click('[data-search-results] a');
  await lesson.waitForLoadState();
  check((await lesson.$('h1')) !== null && lesson.url().startsWith('file:'), `the result opens (${lesson.url().split('/').slice(-3).join('/')})`);
  const more = await open(context, 'search/index.html', '?q=' + encodeURIComponent(term));
  await more.waitForSelector('[data-search-results] a');
  check((await more.$$('[data-search-results] a')).length > 0, 'the search page answers a query in its address');

  // A quiz: one question answered wrongly, then all checked; the score is kept.
  const quizId = fs.readdirSync(path.join(site, 'quizzes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()[0];
  const quiz = await open(context, `quizzes/${quizId}/index.html`);
  const key = await quiz.$eval('script[data-quiz-key]', (s) => JSON.parse(s.textContent));
  const single = key.questions.find((q) => q.type === 'single');
  const wrong = single.feedback.findIndex((_, i) => !single.correct.includes(i));
  await quiz.check(`[data-question-id="${single.id}"] input[data-choice][value="${wrong}"]`);
  await quiz.click(`[data-question-id="${single.id}"] [data-action="check"]`);
  await quiz.click('[data-action="check-all"]');
  const score = await quiz.$eval('[data-score]', (n) => n.textContent);
  check(/^\d+(\.\d+)?\/\d+(\.\d+)?$/.test(score), `the quiz is checked from disk (${score})`);
  await quiz.reload();
  check(!(await quiz.$eval('[data-best]', (n) => n.hidden)), 'its best score is kept after a reload');
  const panel = await open(context, 'index.html');
  await panel.waitForSelector('[data-progress-quiz]');
  const link = await panel.getAttribute('[data-progress-quiz] a', 'href');
  check(link.endsWith(`quizzes/${quizId}/index.html`), `the progress panel lists the quiz, linking its page (${link})`);

  // Review: the wrong question comes back, read from the quiz page's script.
  await panel.clock.fastForward('05:00');
  const review = await open(context, 'review/index.html');
  await review.waitForFunction(() => !document.querySelector('[data-review]').hasAttribute('aria-busy') && document.querySelector('[data-review-status]').textContent.trim() !== '');
  let found = false;
  for (let i = 0; i < 30 && !found; i++) {
    await review.waitForFunction(() => !document.querySelector('[data-review]').hasAttribute('aria-busy'));
    const id = await review.evaluate(() => {
      const c = document.querySelector('[data-review-card]');
      return c.hidden ? null : c.getAttribute('data-card-id');
    });
    if (!id) break;
    if (id === `question/${quizId}/${single.id}`) {
      found = (await review.$('[data-review-card] fieldset input[data-choice]')) !== null;
      break;
    }
    await review.click('[data-action="reveal"]');
    await review.click('[data-grade]:not([disabled])');
  }
  check(found, 'the question answered wrongly comes back on the review page, asked as on its quiz page');
  await context.close();
} catch (e) {
  check(false, `the run stopped: ${e.stack}`);
} finally {
  await browser.close();
}
check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.slice(0, 5).join(' | ') : ''}`);
const other = [...requests].filter((p) => !['file', 'data', 'blob'].includes(p));
check(other.length === 0, `nothing asked of a server (${[...requests].join(', ')})`);
done('offline');
