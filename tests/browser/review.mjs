#!/usr/bin/env node
// Browser test of the review page (spaced repetition) on a site built by syllabus, with
// a fake clock: a learner's week.
//
//   node tests/browser/review.mjs --site DIR [--screenshots OUTDIR]
//
// Day 1: nothing to review; two lessons opened, their concepts' cards appear (both ways)
// on the review page and in the due counts of the home page and the navigation; cards
// are graded by keyboard (Space, 1 to 4) and by mouse; one forgotten card comes back
// minutes later on its own; a quiz answered with one question wrong and one right makes
// two cards, the wrong one back within minutes, asked again as on the quiz page, and
// graded no better than Again when answered wrongly again. Then a day at a time for a
// week: each day the cards due come, and no other. Every question type is asked again
// and checked as on its quiz page (the all-types quiz, when the site has it). Progress
// exported, storage cleared, imported: the same schedule. Version 1 progress is
// migrated without losing a score or a lesson; tampered files are refused with their
// reason and the stored progress is untouched; cards of concepts gone from the course are
// removed; a full localStorage is said and the page keeps working; without JavaScript
// the page is a study sheet. axe-core on the card before and after revealing, light and
// dark, 390 and 1280 px. Exit 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { checker, launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const site = path.resolve(arg('--site') || 'public');
const shots = arg('--screenshots') ? path.resolve(arg('--screenshots')) : null;
if (!fs.existsSync(path.join(site, 'review', 'index.html'))) {
  console.error(`review: ${site} has no review/index.html; build the site first`);
  process.exit(2);
}
if (shots) fs.mkdirSync(shots, { recursive: true });

const { check, done } = checker();

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
// Monday 2 March 2026, 9:00 in the browser's time zone (UTC: Chromium is started with TZ).
const START = new Date('2026-03-02T09:00:00Z').getTime();
const errors = [];
const foreign = new Set();
let origin = '';

/** A page that records script errors and requests to other hosts. */
async function open(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(`${url}: ${m.text()}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(data|blob|about):/.test(u) && new URL(u).origin !== origin) foreign.add(u);
  });
  await page.goto(origin + url);
  return page;
}

/** A browser context whose clock starts at `at` and moves only when the test says. */
async function learner(browser, at, options = {}) {
  const context = await browser.newContext(options);
  await context.clock.install({ time: at });
  return context;
}

const STORE = 'syllabus-progress:/';
// What is stored, once the review page has stored its last grade (a task after it).
const stored = (page) => page.evaluate(async (k) => {
  await new Promise((r) => setTimeout(r, 0));
  return JSON.parse(localStorage.getItem(k) || 'null');
}, STORE);
const store = (page, value) => page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [STORE, value]);

/** What the review page shows, once it has shown it (a question's quiz page is read first). */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-review]').hasAttribute('aria-busy'));
  return page.evaluate(view);
}

function view() {
  const card = document.querySelector('[data-review-card]');
  const shown = (n) => !!n && !n.closest('[hidden]') && n.getClientRects().length > 0;
  const reveal = document.querySelector('[data-action="reveal"]');
  return {
    status: document.querySelector('[data-review-status]').textContent.trim(),
    id: shown(card) ? card.getAttribute('data-card-id') : null,
    front: card.querySelector('[data-review-front]').textContent.trim(),
    back: shown(card.querySelector('[data-review-back]')) ? card.querySelector('[data-review-back]').textContent.trim() : null,
    kind: card.querySelector('[data-review-kind]').textContent.trim(),
    reveal: shown(reveal) ? reveal.textContent.trim() : null,
    grades: [...document.querySelectorAll('[data-grade]')].filter(shown).map((b) => ({ g: b.getAttribute('data-grade'), on: !b.disabled, when: b.querySelector('[data-grade-when]').textContent })),
    focus: document.activeElement ? (document.activeElement.closest('[data-review-card]') ? 'card' : document.activeElement.getAttribute('data-grade') ? 'grade' : document.activeElement.tagName.toLowerCase() + (document.activeElement.className ? '.' + document.activeElement.className : '')) : null,
    sheetOpen: document.querySelector('[data-study-sheet]').open,
    announce: document.querySelector('[data-review-announce]').textContent,
    warning: (document.querySelector('[data-progress-warning]') || {}).textContent || '',
  };
}

/** The review page, its strings, and what it shows once settled. */
async function reviewPage(context) {
  const page = await open(context, '/review/');
  await page.waitForFunction(() => document.querySelector('[data-review-status]').textContent.trim() !== '');
  return page;
}

const t = (page, name, values) => page.evaluate(([n, v]) => window.syllabusStrings.t(n, v), [name, values || {}]);
const dueBadge = (page) => page.evaluate(() => {
  const b = document.querySelector('.site-nav [data-review-due]');
  return b && !b.hidden ? b.textContent : '';
});

/** Grades every card due now with `grade(id)` (by keyboard), until none is left; the ids in order. */
async function reviewAll(page, grade, limit = 60) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    const v = await settled(page);
    if (!v.id) break;
    seen.push(v.id);
    if (v.id.startsWith('question/')) await answerOnCard(page, v.id, true);
    else {
      await page.focus('[data-review-card]');
      await page.keyboard.press('Space');
    }
    await page.waitForSelector('[data-review-grades]:not([hidden])');
    const g = grade(v.id);
    await page.keyboard.press(String(g));
    await page.waitForFunction((id) => document.querySelector('[data-review-card]').getAttribute('data-card-id') !== id || document.querySelector('[data-review-card]').hidden, v.id);
  }
  return seen;
}

/** The answer key of the question a card asks, from its quiz page. */
const keys = {};
async function keyOfCard(page, id) {
  const [, quiz, question] = id.split('/');
  if (!keys[quiz]) {
    keys[quiz] = await page.evaluate(async (u) => {
      const html = await (await fetch(u)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return JSON.parse(doc.querySelector('script[data-quiz-key]').textContent);
    }, `/quizzes/${quiz}/`);
  }
  return keys[quiz].questions.find((q) => q.id === question);
}

/** Answers the question on the card right or wrong, then checks it (the reveal control). */
async function answerOnCard(page, id, right) {
  const q = await keyOfCard(page, id);
  const f = '[data-review-card]';
  switch (q.type) {
    case 'single': {
      const wrong = q.feedback.findIndex((_, i) => !q.correct.includes(i));
      await page.check(`${f} input[data-choice][value="${right ? q.correct[0] : wrong}"]`);
      break;
    }
    case 'multiple':
      if (right) for (const c of q.correct) await page.check(`${f} input[data-choice][value="${c}"]`);
      else await page.check(`${f} input[data-choice][value="${q.feedback.findIndex((_, i) => !q.correct.includes(i))}"]`);
      break;
    case 'true_false':
      await page.check(`${f} input[data-choice][value="${right ? q.answer : !q.answer}"]`);
      break;
    case 'short':
      await page.fill(`${f} input[data-answer]`, right ? `  ${q.answers[0].toUpperCase()} ` : 'not the answer at all');
      break;
    case 'numeric':
      await page.fill(`${f} input[data-answer]`, String(right ? q.answer : q.answer + q.tolerance + 1 + Math.abs(q.answer)));
      break;
    case 'order':
      for (let i = 0; i < q.items.length; i++) await page.selectOption(`${f} select[data-item="${i}"]`, { value: String(right ? i : (i + 1) % q.items.length) });
      break;
    case 'match':
      for (let i = 0; i < q.pairs; i++) await page.selectOption(`${f} select[data-left="${i}"]`, { value: String(right ? i : (i + 1) % q.pairs) });
      break;
  }
  await page.click('[data-action="reveal"]');
  return q;
}

async function runAxe(page, what) {
  await page.evaluate(axe.source);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  check(found.length === 0, `axe: no WCAG 2.1 A/AA violation ${what}${found.length ? ': ' + found.join('; ') : ''}`);
}

/** The lessons that introduce concepts, with the concepts, from the built pages. */
function introducing() {
  const dir = path.join(site, 'lessons');
  return fs.readdirSync(dir).map((id) => {
    const html = fs.readFileSync(path.join(dir, id, 'index.html'), 'utf8');
    const m = /data-review-concepts="([^"]*)"/.exec(html);
    return { id, url: `/lessons/${id}/`, concepts: m ? m[1].split(' ') : [] };
  }).filter((l) => l.concepts.length).sort((a, b) => a.id.localeCompare(b.id));
}

function quizIds() {
  return fs.readdirSync(path.join(site, 'quizzes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/* A week ------------------------------------------------------------------------ */

async function week(browser) {
  const context = await learner(browser, START);
  let page = await reviewPage(context);
  let v = await page.evaluate(view);
  check(v.id === null && v.status === (await t(page, 'review_no_cards')), `day 1: no card before any lesson is opened ("${v.status}")`);
  check(v.sheetOpen === false, 'the study sheet is folded away while the cards run (it holds the answers)');
  await runAxe(page, 'on the review page with no card');

  const lessons = introducing().slice(0, 2);
  const mine = lessons.flatMap((l) => l.concepts);
  // In teaching order, as the study sheet gives them: the order new cards come in.
  const concepts = (await page.$$eval('dt[data-review-concept]', (dts) => dts.map((d) => d.getAttribute('data-review-concept')))).filter((c) => mine.includes(c));
  for (const l of lessons) await (await open(context, l.url)).close();
  const expected = concepts.flatMap((c) => [`term/${c}`, `definition/${c}`]).sort();
  let progress = await stored(page);
  check(JSON.stringify(Object.keys(progress.review).sort()) === JSON.stringify(expected), `opening ${lessons.map((l) => l.id).join(' and ')} adds ${expected.length} new cards (${Object.keys(progress.review).join(', ')})`);

  const home = await open(context, '/');
  const line = await home.evaluate(() => document.querySelector('[data-review-due-line]').textContent.replace(/\s+/g, ' ').trim());
  check(line.includes(await t(home, 'review_due_today', { count: expected.length })), `home: "${line}"`);
  check(await dueBadge(home) === String(expected.length), `navigation: the Review link shows ${expected.length} (${await dueBadge(home)})`);
  check((await home.getAttribute('.site-nav a[href="/review/"]', 'aria-label')) === await t(home, 'label_title', { label: await t(home, 'review'), title: await t(home, 'review_due_today', { count: expected.length }) }), 'navigation: the Review link says how many cards are due to a screen reader');

  page = await reviewPage(context);
  v = await page.evaluate(view);
  check(v.status === (await t(page, 'review_due_now', { count: expected.length })), `review page: "${v.status}"`);
  check(v.id === `term/${concepts[0]}`, `the first card is the first concept's term (${v.id})`);
  check(v.kind === (await t(page, 'review_prompt_term')) && v.back === null && v.grades.length === 0 && v.reveal, 'the term card shows its term, the answer and grades hidden, a reveal control');
  await runAxe(page, 'on a card before it is revealed');
  if (shots) await page.screenshot({ path: path.join(shots, 'review-front.png'), fullPage: true });

  // Space reveals; the back shows the definition; grades say when the card comes back.
  await page.focus('[data-review-card]');
  await page.keyboard.press('Space');
  v = await page.evaluate(view);
  const def = await page.$eval(`dt[data-review-concept="${concepts[0]}"] + dd`, (n) => n.textContent.trim());
  check(v.back && v.back.startsWith(def.slice(0, 40)), `Space reveals the definition ("${(v.back || '').slice(0, 60)}")`);
  check(v.grades.length === 4 && v.grades.every((g) => g.on), 'four grades show, all available');
  check(v.grades[0].when === (await t(page, 'review_minutes', { count: 1 })) && v.grades[2].when === (await t(page, 'review_minutes', { count: 10 })), `a new card: Again in 1 minute, Good in 10 (${v.grades.map((g) => g.when).join(' / ')})`);
  check(v.grades[3].when.length > 0 && v.grades[3].when !== v.grades[2].when, `Easy gives days (${v.grades[3].when})`);
  await runAxe(page, 'on a revealed card with its grades');
  if (shots) await page.screenshot({ path: path.join(shots, 'review-back.png'), fullPage: true });

  // Again by mouse: the card comes back in a minute; focus goes to the next card.
  await page.click('[data-grade="1"]');
  await page.waitForFunction((id) => document.querySelector('[data-review-card]').getAttribute('data-card-id') !== id, v.id);
  v = await page.evaluate(view);
  check(v.focus === 'card', `after a grade, focus is on the next card (${v.focus})`);
  await page.clock.runFor(100);
  v = await page.evaluate(view);
  check(v.announce === (await t(page, 'review_graded', { grade: await t(page, 'grade_again'), time: await t(page, 'review_minutes', { count: 1 }) })), `the grade is announced: "${v.announce}"`);
  check(v.id === `definition/${concepts[0]}` && v.kind === (await t(page, 'review_prompt_definition')), `then the same concept the other way (${v.id})`);
  const term0 = await page.$eval(`dt[data-review-concept="${concepts[0]}"]`, (n) => n.textContent.trim());
  check(!v.front.toLowerCase().includes(term0.toLowerCase()), `the definition card hides the term "${term0}" ("${v.front.slice(0, 80)}")`);

  // The rest: Good by keyboard. The forgotten one comes back after a minute, on its own.
  let seen = await reviewAll(page, () => 3);
  check(seen.length === expected.length - 1 && !seen.includes(`term/${concepts[0]}`), `the other ${expected.length - 1} cards, each once (${seen.length})`);
  v = await page.evaluate(view);
  check(v.id === null && v.status === (await t(page, 'review_nothing_due_in', { time: await t(page, 'review_minutes', { count: 1 }) })) || v.status.includes(await t(page, 'review_minutes', { count: 1 })), `nothing due now; the next in about a minute ("${v.status}")`);
  await page.clock.fastForward('01:10');
  await page.waitForFunction(() => !document.querySelector('[data-review-card]').hidden);
  v = await page.evaluate(view);
  check(v.id === `term/${concepts[0]}`, `a minute later the forgotten card is back on its own (${v.id})`);
  seen = await reviewAll(page, () => 3);
  // Graded Good in learning: 10 minutes, then Good again graduates them.
  await page.clock.fastForward('11:00');
  await page.reload();
  seen = await reviewAll(page, () => 3);
  check(seen.length >= expected.length - 1, `ten minutes later the learning cards come again (${seen.length})`);
  await page.clock.fastForward('11:00');
  await page.reload();
  seen = await reviewAll(page, () => 3);
  progress = await stored(page);
  const states = Object.values(progress.review).map((c) => c.state);
  check(states.every((s) => s === 'review'), `after their learning steps every concept card is in review (${states.join(',')})`);

  // A quiz: one question wrong, one right.
  const quiz = quizIds().find((q) => q !== 'all-types');
  const qp = await open(context, `/quizzes/${quiz}/`);
  const key = await qp.$eval('script[data-quiz-key]', (s) => JSON.parse(s.textContent));
  const [wrongQ, rightQ] = key.questions.filter((q) => q.type === 'single' || q.type === 'true_false');
  const pick = (q, right) => (q.type === 'single' ? (right ? q.correct[0] : q.feedback.findIndex((_, i) => !q.correct.includes(i))) : right ? q.answer : !q.answer);
  await qp.check(`[data-question-id="${wrongQ.id}"] input[data-choice][value="${pick(wrongQ, false)}"]`);
  await qp.click(`[data-question-id="${wrongQ.id}"] [data-action="check"]`);
  await qp.check(`[data-question-id="${rightQ.id}"] input[data-choice][value="${pick(rightQ, true)}"]`);
  await qp.click(`[data-question-id="${rightQ.id}"] [data-action="check"]`);
  progress = await stored(qp);
  const wrongId = `question/${quiz}/${wrongQ.id}`;
  const rightId = `question/${quiz}/${rightQ.id}`;
  const now = await qp.evaluate(() => Date.now());
  check(progress.review[wrongId] && Date.parse(progress.review[wrongId].due) - now <= MINUTE, `a wrong answer makes a card due in a minute (${progress.review[wrongId] && progress.review[wrongId].due})`);
  check(progress.review[rightId] && Date.parse(progress.review[rightId].due) - now >= 10 * MINUTE - 1000, 'a right answer makes a card due later');
  check(Object.keys(progress.review).filter((id) => id.startsWith('question/')).length === 2, 'only the questions answered make cards');
  await qp.close();

  await page.clock.fastForward('02:00');
  await page.reload();
  await page.waitForFunction(() => !document.querySelector('[data-review-card]').hidden);
  v = await page.evaluate(view);
  check(v.id === wrongId, `two minutes later the wrong question is back (${v.id})`);
  check(v.kind.includes(key.title) && v.reveal === (await t(page, 'check')), `asked as on its quiz page, from "${key.title}", with Check`);
  check(await page.$eval('[data-review-card] fieldset', (f) => !!f.querySelector('legend') && !!f.querySelector('.prompt')), 'the question is its quiz page\'s fieldset');
  await answerOnCard(page, wrongId, false);
  v = await page.evaluate(view);
  check(v.grades.length === 4 && v.grades.filter((g) => g.on).map((g) => g.g).join() === '1', `answered wrongly again: only Again can be given (${JSON.stringify(v.grades.map((g) => g.on))})`);
  check(await page.$eval('[data-review-card] [data-feedback]', (n) => n.textContent.trim().length > 0), 'the quiz\'s own feedback shows');
  await runAxe(page, 'on a question card checked wrong');
  if (shots) await page.screenshot({ path: path.join(shots, 'review-question.png'), fullPage: true });
  await page.keyboard.press('3');
  check((await page.evaluate(view)).id === wrongId, 'a grade the answer does not allow is ignored');
  await page.keyboard.press('1');
  await page.clock.fastForward('02:00');
  await page.reload();
  await page.waitForFunction(() => !document.querySelector('[data-review-card]').hidden);
  await answerOnCard(page, wrongId, true);
  v = await page.evaluate(view);
  check(v.grades.every((g) => g.on), 'answered right: every grade can be given');
  await page.keyboard.press('3');

  // A week, a day at a time: exactly the cards due that day come.
  for (let day = 1; day <= 7; day++) {
    await page.clock.fastForward(DAY);
    await page.reload();
    const before = await stored(page);
    const at = await page.evaluate(() => Date.now());
    const dueNow = Object.keys(before.review).filter((id) => Date.parse(before.review[id].due) <= at).sort();
    const got = await reviewAll(page, () => 3);
    check(JSON.stringify([...new Set(got)].sort()) === JSON.stringify(dueNow), `day ${day + 1}: the ${dueNow.length} cards due come, and no other (${got.join(', ') || 'none'})`);
    const after = await stored(page);
    check(Object.values(after.review).every((c) => Date.parse(c.due) > at), `day ${day + 1}: every card is due later once reviewed`);
  }
  v = await page.evaluate(view);
  check(v.id === null && /\d|[٠-٩]/.test(v.status), `a week on, nothing due: the page says when the next card is ("${v.status}")`);
  if (shots) await page.screenshot({ path: path.join(shots, 'review-done.png'), fullPage: true });

  // Export, clear, import: the same schedule.
  const schedule = (await stored(page)).review;
  const homeAgain = await open(context, '/');
  const [download] = await Promise.all([homeAgain.waitForEvent('download'), homeAgain.click('[data-action="export-progress"]')]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const data = JSON.parse(exported);
  check(data.version === 2 && JSON.stringify(data.review) === JSON.stringify(schedule), `export holds the ${Object.keys(schedule).length} cards as stored`);
  await homeAgain.evaluate(() => localStorage.clear());
  await homeAgain.reload();
  const status = await importFile(homeAgain, 'progress.json', exported);
  check(status.includes(await t(homeAgain, 'imported_review', { count: Object.keys(schedule).length })), `import says it brought the review cards back ("${status}")`);
  const back = (await stored(homeAgain)).review;
  check(JSON.stringify(sortKeys(back)) === JSON.stringify(sortKeys(schedule)), 'after clearing storage and importing, the schedule is the same');
  await context.close();
  return { exported: data, concepts, quiz, wrongId };
}

function sortKeys(o) {
  return Object.keys(o).sort().reduce((out, k) => ({ ...out, [k]: o[k] }), {});
}

async function importFile(page, name, body) {
  await page.evaluate(() => { document.querySelector('[data-progress-status]').textContent = ''; });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-action="import-progress"]')]);
  await chooser.setFiles(body.startsWith && body.startsWith('/') ? body : { name, mimeType: 'application/json', buffer: Buffer.from(body) });
  await page.waitForFunction(() => document.querySelector('[data-progress-status]').textContent.trim() !== '');
  return page.$eval('[data-progress-status]', (n) => n.textContent.trim());
}

/* Merging, tampered files, migration ----------------------------------------------- */

async function importing(browser, exported) {
  const context = await learner(browser, START + 10 * DAY);
  const page = await open(context, '/');
  const ids = Object.keys(exported.review);
  const conceptCard = ids.find((id) => id.startsWith('term/'));
  // What is stored: one card reviewed later than the file's, one earlier.
  const later = { ...exported.review[conceptCard], last: new Date(START + 9 * DAY).toISOString(), due: new Date(START + 20 * DAY).toISOString() };
  const other = ids.find((id) => id.startsWith('definition/'));
  const earlier = { state: 'new', due: new Date(START).toISOString(), last: null, stability: null, difficulty: null, reps: 0, lapses: 0, step: null };
  const mine = { format: 'syllabus-progress', version: 2, quizzes: {}, lessons: {}, review: { [conceptCard]: later, [other]: earlier } };
  await store(page, mine);
  await page.reload();
  let status = await importFile(page, 'merge.json', JSON.stringify(exported));
  let now = (await stored(page)).review;
  check(JSON.stringify(now[conceptCard]) === JSON.stringify(later), `merge keeps the stored card reviewed later (${conceptCard})`);
  check(JSON.stringify(now[other]) === JSON.stringify(exported.review[other]), `merge takes the file's card reviewed later (${other})`);

  const base = JSON.stringify(await stored(page));
  const card = exported.review[conceptCard];
  const tamper = (review) => JSON.stringify({ format: 'syllabus-progress', version: 2, quizzes: {}, lessons: {}, review });
  const bad = {
    'year-30000.json': [tamper({ [conceptCard]: { ...card, due: '+030000-01-01T00:00:00.000Z' } }), 'due'],
    'negative.json': [tamper({ [conceptCard]: { ...card, stability: -3 } }), 'stability'],
    'due-before-last.json': [tamper({ [conceptCard]: { ...card, due: '2000-01-01T00:00:00.000Z' } }), 'before the last review'],
    'html-id.json': [tamper({ 'term/<img src=x onerror=alert(1)>': card }), 'is not a card id'],
    'not-a-card.json': [tamper({ [conceptCard]: 'soon' }), 'a card must be an object'],
    'reps.json': [tamper({ [conceptCard]: { ...card, reps: 1.5 } }), 'reps'],
  };
  const notImported = (await t(page, 'not_imported', { reason: '\u0001' })).split('\u0001')[0];
  for (const [name, [body, reason]] of Object.entries(bad)) {
    status = await importFile(page, name, body);
    check(status.startsWith(notImported) && status.includes(reason), `import refuses ${name} with the reason: "${status}"`);
    check(JSON.stringify(await stored(page)) === base, `${name}: nothing stored was changed`);
  }
  // 100 MB of cards: refused before it is read.
  const huge = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'review-')), 'huge.json');
  fs.writeFileSync(huge, Buffer.alloc(100 * 1000 * 1000, 32));
  status = await importFile(page, 'huge.json', huge);
  fs.rmSync(path.dirname(huge), { recursive: true, force: true });
  check(status.startsWith(notImported) && status.includes('10'), `import refuses 100 MB: "${status}"`);
  check(JSON.stringify(await stored(page)) === base, '100 MB: nothing stored was changed');
  // A card for a concept the course does not have: left out, said.
  status = await importFile(page, 'unknown.json', tamper({ 'term/no-such-concept': card, 'definition/no-such-concept': card }));
  now = (await stored(page)).review;
  check(!now['term/no-such-concept'] && status.includes(await t(page, 'import_cards_left_out', { count: 2 })), `cards for an unknown concept are left out, and said: "${status}"`);
  await context.close();
}

async function migration(browser, concepts, quiz) {
  const context = await learner(browser, START);
  const page = await open(context, '/');
  const lesson = introducing()[0];
  const html = fs.readFileSync(path.join(site, 'quizzes', quiz, 'index.html'), 'utf8');
  const [a, b] = [...html.matchAll(/data-question-id="([^"]+)"/g)].map((m) => m[1]);
  const v1 = {
    format: 'syllabus-progress', version: 1,
    quizzes: { [quiz]: { title: 'Old', score: 1, total: 2, questions: { [a]: true, [b]: false }, updated: new Date(START - DAY).toISOString() } },
    lessons: { [lesson.id]: { title: 'Done before', done: true, updated: new Date(START - 2 * DAY).toISOString() } },
  };
  await store(page, v1);
  const review = await reviewPage(context);
  const after = await stored(review);
  check(after.version === 2 && JSON.stringify(after.quizzes) === JSON.stringify(v1.quizzes) && JSON.stringify(after.lessons) === JSON.stringify(v1.lessons), 'version 1 progress is read as version 2 with every score and lesson kept');
  check(after.review[`question/${quiz}/${a}`] && after.review[`question/${quiz}/${b}`], `its scored questions became cards (${a}, ${b})`);
  check(after.review[`question/${quiz}/${b}`].reps === 1 && Date.parse(after.review[`question/${quiz}/${b}`].due) - (START - DAY) === MINUTE, 'the one not right was graded Again when the quiz was taken');
  check(lesson.concepts.every((c) => after.review[`term/${c}`] && after.review[`definition/${c}`]), `the concepts of its lesson marked done became cards (${lesson.concepts.join(', ')})`);

  // A card whose concept is gone, and one whose question is gone: removed.
  await store(review, { ...after, review: { ...after.review, 'term/gone-concept': after.review[`term/${lesson.concepts[0]}`], [`question/${quiz}/gone-question`]: after.review[`question/${quiz}/${a}`], 'question/gone-quiz/q1': after.review[`question/${quiz}/${a}`] } });
  await review.reload();
  await review.waitForFunction(() => document.querySelector('[data-review-status]').textContent.trim() !== '');
  for (let i = 0; i < 40; i++) {
    const v = await settled(review);
    if (!v.id) break;
    if (v.id.startsWith('question/')) await answerOnCard(review, v.id, true);
    else await review.click('[data-action="reveal"]');
    await review.click('[data-grade="3"]');
    await review.waitForFunction((id) => document.querySelector('[data-review-card]').getAttribute('data-card-id') !== id || document.querySelector('[data-review-card]').hidden, v.id);
  }
  const left = (await stored(review)).review;
  check(!left['term/gone-concept'] && !left[`question/${quiz}/gone-question`] && !left['question/gone-quiz/q1'], `cards of a concept, a question and a quiz gone from the course are removed (${Object.keys(left).filter((k) => k.includes('gone')).join(', ') || 'none left'})`);
  await context.close();
}

/* Every question type --------------------------------------------------------------- */

async function everyType(browser) {
  if (!quizIds().includes('all-types')) return;
  const context = await learner(browser, START);
  const qp = await open(context, '/quizzes/all-types/');
  const key = await qp.$eval('script[data-quiz-key]', (s) => JSON.parse(s.textContent));
  await qp.evaluate(() => {
    document.querySelectorAll('[data-question-id]').forEach((f) => {
      const c = f.querySelector('input[data-choice]');
      if (c) c.checked = true;
      const box = f.querySelector('input[data-answer]');
      if (box) box.value = 'x';
      f.querySelectorAll('select').forEach((s) => { s.selectedIndex = 1; });
    });
  });
  await qp.click('[data-action="check-all"]');
  const types = new Set();
  await qp.clock.fastForward('15:00');
  const page = await reviewPage(context);
  for (let i = 0; i < 2 * key.questions.length; i++) {
    const v = await settled(page);
    if (!v.id) break;
    const q = await answerOnCard(page, v.id, i % 2 === 0);
    const after = await page.evaluate(view);
    const verdict = await page.$eval('[data-review-card] [data-feedback]', (n) => (n.className.match(/is-(correct|partial|wrong)/) || [])[1]);
    const right = verdict === 'correct';
    check(right === (i % 2 === 0) && (right || verdict === 'wrong' || (verdict === 'partial' && q.partial)), `${q.type}: answered ${i % 2 === 0 ? 'right' : 'wrong'} on the review page, checked as on the quiz page (${verdict})`);
    const allowed = { correct: 4, partial: 2, wrong: 1 }[verdict];
    check(after.grades.filter((g) => g.on).length === allowed && after.grades.slice(0, allowed).every((g) => g.on), `${q.type}: ${verdict}, so grades 1 to ${allowed} can be given`);
    types.add(q.type);
    await page.click(`[data-grade="${right ? 3 : 1}"]`);
    await page.waitForFunction((id) => document.querySelector('[data-review-card]').getAttribute('data-card-id') !== id || document.querySelector('[data-review-card]').hidden, v.id);
  }
  check(types.size === 7, `all seven question types were asked again (${[...types].join(', ')})`);
  await context.close();
}

/* Storage full, small screens, no JavaScript ---------------------------------------- */

async function storageFull(browser) {
  const context = await learner(browser, START);
  const page = await open(context, introducing()[0].url);
  await page.close();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const review = await reviewPage(context);
  const first = (await review.evaluate(view)).id;
  await review.click('[data-action="reveal"]');
  await review.click('[data-grade="4"]');
  await review.waitForSelector('[data-progress-warning]:not([hidden])');
  const v = await review.evaluate(view);
  check(v.warning === (await t(review, 'progress_not_saved')), `storage full: the page says progress was not saved ("${v.warning}")`);
  check(v.id && v.id !== first, `storage full: the next card still comes (${v.id})`);
  await review.click('[data-action="reveal"]');
  await review.click('[data-grade="3"]');
  const again = await review.evaluate(view);
  check(again.id !== v.id, 'storage full: grading goes on');
  await context.close();
}

async function smallAndDark(browser) {
  for (const [width, scheme] of [[390, 'light'], [390, 'dark'], [1280, 'dark']]) {
    const context = await learner(browser, START, { viewport: { width, height: 800 }, colorScheme: scheme });
    await (await open(context, introducing()[0].url)).close();
    const page = await reviewPage(context);
    await page.click('[data-action="reveal"]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(overflow <= 0, `${width} px ${scheme}: nothing wider than the screen (${overflow} px over)`);
    const tap = await page.$$eval('[data-grade]', (bs) => bs.every((b) => b.getBoundingClientRect().height >= 24 && b.getBoundingClientRect().width >= 24));
    check(tap, `${width} px ${scheme}: grade buttons are big enough to tap`);
    await runAxe(page, `at ${width} px, ${scheme}`);
    if (shots && width === 390) await page.screenshot({ path: path.join(shots, `review-390-${scheme}.png`), fullPage: false });
    await context.close();
  }
}

async function withoutJavaScript(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}/review/`);
  const s = await page.evaluate(() => ({
    session: !!document.querySelector('[data-review]') && document.querySelector('[data-review]').hidden,
    terms: document.querySelectorAll('.study-list dt').length,
    defs: [...document.querySelectorAll('.study-list dd')].filter((d) => d.textContent.trim()).length,
    open: document.querySelector('[data-study-sheet]').open,
    noscript: document.querySelector('noscript') ? document.querySelector('noscript').textContent : '',
  }));
  const total = (fs.readFileSync(path.join(site, 'review/index.html'), 'utf8').match(/<dt data-review-concept/g) || []).length;
  check(s.session && s.open && s.terms === total && s.defs === total && total > 0, `without JavaScript: a study sheet of ${total} concepts with definitions, the card hidden (${JSON.stringify({ ...s, noscript: undefined })})`);
  check(s.noscript.trim().length > 0, 'without JavaScript: the page says scheduling needs it');
  await context.close();
}

/* Run ----------------------------------------------------------------------------- */

const server = await serve(site);
origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const { exported, concepts, quiz } = await week(browser);
  await importing(browser, exported);
  await migration(browser, concepts, quiz);
  await everyType(browser);
  await storageFull(browser);
  await smallAndDark(browser);
  await withoutJavaScript(browser);
} catch (e) {
  check(false, `the run stopped: ${e.stack}`);
} finally {
  await browser.close();
  server.close();
}
check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.slice(0, 5).join(' | ') : ''}`);
check(foreign.size === 0, `no request to another host${foreign.size ? ': ' + [...foreign].slice(0, 5).join(', ') : ''}`);
done('review');
