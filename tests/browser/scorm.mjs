#!/usr/bin/env node
// Browser test of the SCORM 1.2 package (`syllabus export course --format scorm12`) in a
// platform: scorm-again (npm), a SCORM run-time syllabus shares no code with, serves as
// the platform's API in tests/browser/scorm-lms/index.html, the package in a frame below.
//
//   node tests/browser/scorm.mjs --root DIR
//
// DIR holds lms/ (that page and scorm-again's scorm12.js) and course/ (the package,
// unzipped). The learner moves through the course by its links (the session stays open),
// takes one quiz, then the other: the score, status and suspend data scorm-again records
// are checked after each, with LMSCommit after each change; progress too large for
// SCORM 1.2's 4,096 characters is trimmed as documented; leaving the course calls
// LMSFinish. Then a fresh browser resumes from the suspend data. Opened outside a
// platform, the package behaves as the static site. Exit 0 passed, 1 failed.

import path from 'node:path';
import { checker, launch, serve } from './lib.mjs';

const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const root = path.resolve(arg('--root') || '.');

const { check, done } = checker();

const errors = [];
let origin = '';

const outside = new Set();

async function platform(context, kept) {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!/^(data|blob|about):/.test(r.url()) && (u.origin !== origin || !/^\/(course|lms)\//.test(u.pathname))) outside.add(r.url());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}/lms/index.html${kept ? '#' + encodeURIComponent(JSON.stringify(kept)) : ''}`);
  await course(page).waitForSelector('[data-progress-panel]:not([hidden])');
  return page;
}

const course = (page) => page.frames().find((f) => f.url().includes('/course/'));
const cmi = (page) => page.evaluate(() => ({
  raw: window.API.cmi.core.score.raw,
  min: window.API.cmi.core.score.min,
  max: window.API.cmi.core.score.max,
  status: window.API.cmi.core.lesson_status,
  // cmi.core.exit is write-only: the last value the course set.
  exit: (window.events.filter((e) => e[0] === 'LMSSetValue' && e[1] === 'cmi.core.exit').pop() || [])[2],
  suspend: window.API.cmi.suspend_data,
}));
const count = (page, name) => page.evaluate((n) => window.events.filter((e) => e[0] === n).length, name);

/** Clicks a link in the course's frame and waits for its page. */
async function follow(page, selector) {
  const frame = course(page);
  await Promise.all([frame.waitForNavigation(), frame.click(selector)]);
  return course(page);
}

/** Answers every question of the quiz in `frame` right (or wrong), then checks them all. */
async function takeQuiz(frame, right) {
  const key = await frame.$eval('script[data-quiz-key]', (s) => JSON.parse(s.textContent));
  for (const q of key.questions) {
    const f = `[data-question-id="${q.id}"]`;
    switch (q.type) {
      case 'single':
        await frame.check(`${f} input[data-choice][value="${right ? q.correct[0] : q.feedback.findIndex((_, i) => !q.correct.includes(i))}"]`);
        break;
      case 'multiple':
        if (right) for (const c of q.correct) await frame.check(`${f} input[data-choice][value="${c}"]`);
        break;
      case 'true_false':
        await frame.check(`${f} input[data-choice][value="${right ? q.answer : !q.answer}"]`);
        break;
      case 'short':
        await frame.fill(`${f} input[data-answer]`, right ? q.answers[0] : 'not it');
        break;
      case 'numeric':
        await frame.fill(`${f} input[data-answer]`, String(right ? q.answer : q.answer + q.tolerance + 1));
        break;
      case 'order':
        if (right) for (let i = 0; i < q.items.length; i++) await frame.selectOption(`${f} select[data-item="${i}"]`, { value: String(i) });
        break;
      case 'match':
        if (right) for (let i = 0; i < q.pairs; i++) await frame.selectOption(`${f} select[data-left="${i}"]`, { value: String(i) });
        break;
    }
  }
  await frame.click('[data-action="check-all"]');
  return key;
}

const points = (key) => key.questions.reduce((s, q) => s + q.points, 0);

const server = await serve(root);
origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await platform(context);
  let v = await cmi(page);
  check((await count(page, 'LMSInitialize')) >= 1, 'the home page initializes the session with the platform');
  check(v.status === 'incomplete', `launched, the course is incomplete (${v.status})`);
  check(v.exit === 'suspend' && JSON.parse(v.suspend).format === 'syllabus-progress', 'the progress goes to cmi.suspend_data, and cmi.core.exit is "suspend"');

  // Through the course by its own links: the session stays open.
  let frame = await follow(page, '.lesson-list a');
  check((await frame.$('article[data-lesson-id]')) !== null, 'a lesson opens from the outline, inside the platform');
  frame = await follow(page, '.site-nav a[href$="quizzes/index.html"]');
  const quizLinks = await frame.$$eval('main a[href*="quizzes/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  check(quizLinks.length >= 2, `the quizzes page lists the quizzes (${quizLinks.join(', ')})`);
  check((await count(page, 'LMSFinish')) === 0, 'following the course\'s links does not end the session');

  // Search and review inside the package.
  const term = await frame.evaluate(() => {
    const a = document.querySelector('main a[href*="quizzes/"]');
    return a ? a.textContent.trim().split(/\s+/)[0] : 'code';
  });
  await frame.fill('input[data-search-input]', term);
  await frame.waitForSelector('[data-search-results] a');
  frame = await follow(page, '[data-search-results] a');
  check(frame.url().includes('/course/') && (await frame.$('h1')) !== null, `search works inside the package ("${term}" opens ${frame.url().split('/course/')[1]})`);
  frame = await follow(page, '.site-nav a[href$="review/index.html"]');
  await frame.waitForFunction(() => document.querySelector('[data-review-status]').textContent.trim() !== '');
  check(await frame.evaluate(() => !document.querySelector('[data-review-card]').hidden), 'the review page shows a card of the lesson opened, inside the package');
  frame = await follow(page, '.site-nav a[href$="quizzes/index.html"]');

  // The first quiz right, the others wrong.
  frame = await follow(page, `main a[href="${quizLinks[0]}"]`);
  const commits = await count(page, 'LMSCommit');
  const keys = [await takeQuiz(frame, true)];
  await page.waitForFunction((n) => window.events.filter((e) => e[0] === 'LMSCommit').length > n, commits);
  check(true, 'checking a quiz commits its result to the platform');
  for (const link of quizLinks.slice(1)) {
    await follow(page, '.site-nav a[href$="quizzes/index.html"]');
    frame = await follow(page, `main a[href="${link}"]`);
    keys.push(await takeQuiz(frame, false));
  }
  await page.waitForTimeout(200);
  v = await cmi(page);
  const all = keys.reduce((s, k) => s + points(k), 0);
  const share = Math.round((points(keys[0]) / all) * 10000) / 100;
  check(Number(v.raw) === share && v.min === '0' && v.max === '100', `score.raw is the share of all quiz points earned: ${v.raw} (expected ${share}, of 0 to 100)`);
  check(v.status === 'incomplete', `a quiz below its pass mark keeps the course incomplete (${v.status})`);

  // The others again, right: everything passed.
  for (const link of quizLinks.slice(1)) {
    await follow(page, '.site-nav a[href$="quizzes/index.html"]');
    frame = await follow(page, `main a[href="${link}"]`);
    await takeQuiz(frame, true);
  }
  await page.waitForTimeout(200);
  v = await cmi(page);
  check(Number(v.raw) === 100 && v.status === 'passed', `every quiz at its best: ${v.raw}, ${v.status}`);
  const kept = JSON.parse(v.suspend);
  check(Object.keys(kept.quizzes).length === quizLinks.length && v.suspend.length <= 4096, `the suspend data holds every score in ${v.suspend.length} characters`);

  // Progress too large for SCORM 1.2: the review cards go first, the scores stay.
  await frame.evaluate(() => {
    window.syllabusProgress.update((p) => {
      for (let i = 0; i < 400; i++) p.review[`term/c-${i}`] = window.syllabusFsrs.init(3, Date.UTC(2026, 0, 1) + i * 60000);
    });
  });
  await page.waitForTimeout(200);
  v = await cmi(page);
  const trimmed = JSON.parse(v.suspend);
  const cards = Object.keys(trimmed.review);
  check(v.suspend.length <= 4096 && cards.length > 0 && cards.length < 400 && Object.keys(trimmed.quizzes).length === quizLinks.length, `400 review cards: the suspend data keeps ${cards.length} in ${v.suspend.length} characters, and every score`);
  const stored = await frame.evaluate(() => window.syllabusProgress.load().review);
  // A card never reviewed (its lesson opened) has no last review: it goes first.
  const lastOf = (ids) => ids.map((id) => (stored[id].last ? Date.parse(stored[id].last) : -Infinity));
  const dropped = Object.keys(stored).filter((id) => !cards.includes(id));
  check(Math.min(...lastOf(cards)) >= Math.max(...lastOf(dropped)), 'the cards reviewed most recently are the ones kept');

  // Leaving the course: LMSFinish.
  await page.evaluate(() => document.getElementById('sco').remove());
  await page.waitForFunction(() => window.events.some((e) => e[0] === 'LMSFinish'));
  check(true, 'leaving the course calls LMSFinish');
  const suspend = (await cmi(page)).suspend;
  await context.close();

  // Another computer: the platform hands back what it kept.
  const fresh = await browser.newContext();
  const again = await platform(fresh, { core: { lesson_status: 'passed', score: { raw: '100' } }, suspend_data: suspend });
  await course(again).waitForSelector('[data-progress-quiz]');
  const listed = await course(again).$$eval('[data-progress-quiz] [data-best-score]', (ns) => ns.map((n) => n.textContent));
  check(listed.length === quizLinks.length, `a fresh browser resumes from cmi.suspend_data: the panel lists every best score (${listed.join(', ')})`);
  const quiz = await follow(again, '.site-nav a[href$="quizzes/index.html"]');
  const link = await quiz.$eval(`main a[href="${quizLinks[0]}"]`, (a) => a.href);
  await Promise.all([quiz.waitForNavigation(), quiz.click(`main a[href="${quizLinks[0]}"]`)]);
  check(!(await course(again).$eval('[data-best]', (n) => n.hidden)), `the quiz page shows the resumed best score (${link.split('/').slice(-3).join('/')})`);
  await fresh.close();

  // Outside a platform: the static site.
  const alone = await browser.newContext();
  const site = await alone.newPage();
  site.on('pageerror', (e) => errors.push(`alone: ${e.message}`));
  await site.goto(`${origin}/course/index.html`);
  await site.waitForSelector('[data-progress-panel]:not([hidden])');
  check(await site.evaluate(() => window.API === undefined), 'opened alone, the package is the static site (no API, nothing reported)');
  await alone.close();
} catch (e) {
  check(false, `the run stopped: ${e.stack}`);
} finally {
  await browser.close();
  server.close();
}
check(outside.size === 0, `nothing asked outside the package and the platform${outside.size ? ': ' + [...outside].slice(0, 5).join(', ') : ''}`);
check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.slice(0, 5).join(' | ') : ''}`);
done('SCORM');
