#!/usr/bin/env node
// Browser test of the interactive quizzes and the progress a learner keeps, in a site
// built by syllabus.
//
//   node tests/browser/quiz.mjs --site DIR [--screenshots OUTDIR] [--max-quizzes N]
//
// On every quiz page (or the first N) it reads the answer key the page carries and
// checks that answering every question right gives full marks (N/N in [data-score]),
// that wrong answers give 0, feedback and review links to the question's concepts,
// and that without JavaScript every answer is on the page in <details>. On one quiz
// it checks retrying only the wrong questions, the best score kept across reloads,
// the progress panel on the home and module pages, marking a lesson done, and export
// then import of progress (and that a bad file is refused). When the site has the
// quiz `all-types` (tests/browser/all-types.yaml) it also answers it with the keyboard
// only and by touch, and checks shuffling, repeated order items, lenient text and
// number answers. axe-core (WCAG 2.1 A and AA) runs on a quiz before and after
// checking, in light and dark, and on the home and lesson pages with progress; no page
// may log a script error or ask another host for anything. Exit 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TYPES = ['single', 'multiple', 'true_false', 'short', 'numeric', 'order', 'match'];

const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const site = path.resolve(arg('--site') || 'public');
const shots = arg('--screenshots') ? path.resolve(arg('--screenshots')) : null;
const maxQuizzes = Number(arg('--max-quizzes') || Infinity);
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`quiz: ${site} has no index.html; build the site first`);
  process.exit(2);
}
if (shots) fs.mkdirSync(shots, { recursive: true });

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures.push(what);
  return ok;
}

const errors = [];
const foreign = new Set();
let origin = '';

/** A page that records script errors and requests to other hosts. */
async function open(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${url}: ${m.text()}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(data|blob|about):/.test(u) && new URL(u).origin !== origin) foreign.add(u);
  });
  await page.goto(origin + url);
  if (!W) W = await words(page);
  return page;
}

/** The theme's words this site shows, in its language, read from the page's strings.js:
 *  whole strings, and the start of those that go on with a value. */
let W = null;
async function words(page) {
  return page.evaluate(() => {
    const t = window.syllabusStrings.t;
    const start = (name, values) => t(name, values).split('\u0001')[0];
    return {
      right: t('right'),
      notRight: t('not_right'),
      verdictWrong: t('question_verdict_wrong', { question: '\u0001' }).split('\u0001').pop(),
      passed: start('passed', { percent: '\u0001', mark: '\u0001' }),
      notPassed: start('not_passed', { percent: '\u0001', mark: '\u0001' }),
      allChecked: t('all_checked'),
      notChecked: t('not_checked_yet'),
      notImported: start('not_imported', { reason: '\u0001' }),
      noQuiz: t('no_quiz_taken'),
      oneDone: t('lessons_done', { count: 1 }),
    };
  });
}

function quizUrls() {
  const dir = path.join(site, 'quizzes');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => `/quizzes/${d.name}/`)
    .sort();
}

const keyOf = (page) => page.$eval('script[data-quiz-key]', (s) => JSON.parse(s.textContent));
const sel = (q) => `[data-question-id="${q.id}"]`;
const total = (key) => key.questions.reduce((s, q) => s + q.points, 0);
const fmt = (n) => String(Math.round(n * 100) / 100);
const text = (page, selector) => page.$eval(selector, (n) => n.textContent.trim());
const visible = (page, selector) => page.isVisible(selector);

/* Answering ----------------------------------------------------------------- */

/** A short answer as a careless learner types it: other case, extra spaces. */
function sloppy(answer) {
  const upper = answer.toUpperCase();
  const cased = upper.toLowerCase() === answer.toLowerCase() ? upper : answer;
  return `  ${cased.replace(/ /g, '   ')} `;
}

async function answerRight(page, q) {
  const fs_ = sel(q);
  switch (q.type) {
    case 'single':
      return page.check(`${fs_} input[data-choice][value="${q.correct[0]}"]`);
    case 'multiple':
      for (const c of q.correct) await page.check(`${fs_} input[data-choice][value="${c}"]`);
      return;
    case 'true_false':
      return page.check(`${fs_} input[data-choice][value="${q.answer}"]`);
    case 'short':
      return page.fill(`${fs_} input[data-answer]`, sloppy(q.answers[0]));
    case 'numeric':
      return page.fill(`${fs_} input[data-answer]`, String(q.answer + q.tolerance / 2));
    case 'order':
      for (let i = 0; i < q.items.length; i++) await page.selectOption(`${fs_} select[data-item="${i}"]`, { value: String(i) });
      return;
    case 'match':
      for (let i = 0; i < q.pairs; i++) await page.selectOption(`${fs_} select[data-left="${i}"]`, { value: String(i) });
  }
}

/** A wrong answer; false when the question has none (an order of equal items). */
async function answerWrong(page, q) {
  const fs_ = sel(q);
  switch (q.type) {
    case 'single': {
      const wrong = q.feedback.findIndex((_, i) => !q.correct.includes(i));
      await page.check(`${fs_} input[data-choice][value="${wrong}"]`);
      return true;
    }
    case 'multiple': {
      const wrong = q.feedback.findIndex((_, i) => !q.correct.includes(i));
      await page.check(`${fs_} input[data-choice][value="${wrong >= 0 ? wrong : q.correct[0]}"]`);
      return wrong >= 0 || q.correct.length > 1;
    }
    case 'true_false':
      await page.check(`${fs_} input[data-choice][value="${!q.answer}"]`);
      return true;
    case 'short':
      await page.fill(`${fs_} input[data-answer]`, 'not the answer at all');
      return true;
    case 'numeric':
      await page.fill(`${fs_} input[data-answer]`, String(q.answer + q.tolerance + 1 + Math.abs(q.answer)));
      return true;
    case 'order': {
      const n = q.items.length;
      for (let i = 0; i < n; i++) await page.selectOption(`${fs_} select[data-item="${i}"]`, { value: String((i + 1) % n) });
      return q.items.some((item, i) => q.items[(i + 1) % n] !== item);
    }
    case 'match':
      for (let i = 0; i < q.pairs; i++) await page.selectOption(`${fs_} select[data-left="${i}"]`, { value: String((i + 1) % q.pairs) });
      return true;
  }
  return false;
}

/* Checks on one quiz -------------------------------------------------------- */

/** Facts about the quiz page as quiz.js left it. */
function state() {
  const qs = [...document.querySelectorAll('[data-question-id]')].map((f) => ({
    id: f.getAttribute('data-question-id'),
    fieldset: f.tagName === 'FIELDSET' && !!f.querySelector(':scope > legend'),
    detailsHidden: f.querySelector('details.answer').hidden,
    checkShown: !f.querySelector('[data-action="check"]').closest('[hidden]'),
    feedback: f.querySelector('[data-feedback]').textContent.trim(),
    review: [...f.querySelectorAll('[data-feedback] a[data-concept]')].map((a) => [a.dataset.concept, a.getAttribute('href')]),
    disabled: [...f.querySelectorAll('input, select')].every((c) => c.disabled),
    enabled: [...f.querySelectorAll('input, select')].every((c) => !c.disabled),
    empty: [...f.querySelectorAll('input, select')].every((c) => (c.type === 'radio' || c.type === 'checkbox' ? !c.checked : c.value === '')),
    unlabelled: [...f.querySelectorAll('input, select')].filter((c) => !c.labels || c.labels.length === 0).length,
  }));
  const result = document.querySelector('.quiz-result');
  const q = (s) => document.querySelector(s);
  // Scores in the page's digits (Arabic-Indic on an Arabic course) as ASCII ones.
  const ascii = (s) => s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/\u066b/g, '.');
  return {
    qs,
    score: ascii(q('[data-score]').textContent.trim()),
    resultShown: !!result && !result.closest('[hidden]'),
    verdict: q('[data-verdict]').hidden ? '' : q('[data-verdict]').textContent.trim(),
    best: q('[data-best]').hidden ? '' : ascii(q('[data-best]').textContent.trim()),
    checkAllShown: !q('[data-action="check-all"]').closest('[hidden]'),
    retryShown: !q('[data-action="retry"]').closest('[hidden]'),
    announced: q('[data-announce]').textContent.trim(),
    announcerRole: q('[data-announce]').getAttribute('role'),
    focus: document.activeElement ? document.activeElement.closest('[data-question-id]')?.getAttribute('data-question-id') || document.activeElement.className : '',
  };
}

async function runAxe(page, what) {
  await page.evaluate(axe.source);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  check(found.length === 0, `axe: no WCAG 2.1 A/AA violation ${what}${found.length ? ': ' + found.join('; ') : ''}`);
}

/** Every question answered right, checked at once: full marks. */
async function fullMarks(browser, url) {
  const context = await browser.newContext();
  const page = await open(context, url);
  const key = await keyOf(page);
  const before = await page.evaluate(state);
  check(before.qs.length === key.questions.length && before.qs.every((q) => q.fieldset), `${url}: each question is a fieldset with a legend`);
  check(before.qs.every((q) => q.unlabelled === 0), `${url}: every input and select has a label`);
  check(before.qs.every((q) => q.detailsHidden && q.checkShown), `${url}: answers hidden and Check shown until checked`);
  check(before.checkAllShown && !before.resultShown, `${url}: "Check all" shown, no result yet`);
  for (const q of key.questions) await answerRight(page, q);
  await page.click('[data-action="check-all"]');
  const after = await page.evaluate(state);
  const m = fmt(total(key));
  check(after.score === `${m}/${m}`, `${url}: every answer right scores ${m}/${m} (got ${after.score})`);
  check(after.qs.every((q) => q.feedback.startsWith(W.right) && !q.detailsHidden && q.disabled), `${url}: every question says Right, shows its answer and is locked`);
  check(after.qs.every((q) => q.review.length === 0), `${url}: no review links when right`);
  check(key.pass_mark == null || after.verdict.startsWith(W.passed), `${url}: passed (${after.verdict})`);
  check(!after.retryShown && !after.checkAllShown, `${url}: nothing to retry or check`);
  await page.waitForFunction((w) => document.querySelector('[data-announce]').textContent.includes(w), W.allChecked);
  check(true, `${url}: the result is announced in a live region`);
  await page.reload();
  const reloaded = await page.evaluate(state);
  check(reloaded.best.includes(`${m}/${m}`) && reloaded.score === W.notChecked, `${url}: after a reload the best score ${m}/${m} shows (${reloaded.best})`);
  await context.close();
  return key;
}

/** Every question answered wrong: 0 points, feedback and review links in [data-feedback]. */
async function allWrong(browser, url) {
  const context = await browser.newContext();
  const page = await open(context, url);
  const key = await keyOf(page);
  const wrongs = [];
  for (const q of key.questions) wrongs.push(await answerWrong(page, q));
  await page.click('[data-action="check-all"]');
  const after = await page.evaluate(state);
  const expected = key.questions.reduce((s, q, i) => s + (wrongs[i] ? 0 : q.points), 0);
  check(after.score === `${fmt(expected)}/${fmt(total(key))}`, `${url}: wrong answers score ${fmt(expected)}/${fmt(total(key))} (got ${after.score})`);
  key.questions.forEach((q, i) => {
    if (!wrongs[i]) return;
    const got = after.qs[i];
    const links = q.review.every((c) => got.review.some(([id, href]) => id === c.id && href === c.url));
    check(got.feedback.startsWith(W.notRight) && links && got.review.length === q.review.length, `${url} ${q.id}: "Not right" and ${q.review.length} review link(s) in its feedback`);
  });
  check(after.retryShown && (key.pass_mark == null || after.verdict.startsWith(W.notPassed)), `${url}: not passed, retry offered (${after.verdict})`);
  await context.close();
}

/** Without JavaScript: every question with its answer and explanation in <details>. */
async function withoutJs(browser, url) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + url);
  const facts = await page.evaluate(() => {
    const shown = (el) => !!el && el.getClientRects().length > 0;
    return [...document.querySelectorAll('[data-question-id]')].map((f) => {
      const d = f.querySelector('details.answer');
      return { shown: shown(f) && shown(d) && shown(d.querySelector('summary')), answer: d.textContent.length > 20, check: shown(f.querySelector('[data-action="check"]')) };
    });
  });
  check(facts.length > 0 && facts.every((f) => f.shown && f.answer && !f.check), `${url} without JavaScript: every question shows its answer in <details>, no Check button`);
  await context.close();
}

/** One question wrong, one right, the rest unanswered; then retry only the wrong ones. */
async function retryFlow(browser, url, shotName) {
  const context = await browser.newContext();
  const page = await open(context, url);
  const key = await keyOf(page);
  const [q1, q2, ...rest] = key.questions;
  const m = fmt(total(key));
  await runAxe(page, `on ${url} before checking`);

  check(await answerWrong(page, q1), `${url}: question 1 has a wrong answer`);
  await page.click(`${sel(q1)} [data-action="check"]`);
  let s = await page.evaluate(state);
  const one = s.qs[0];
  check(one.feedback.startsWith(W.notRight), `${url}: a wrong answer shows "Not right" in [data-feedback]`);
  const reviews = q1.review.map((c) => [c.id, c.url]);
  check(reviews.length > 0 && JSON.stringify(one.review) === JSON.stringify(reviews), `${url}: the feedback links the concepts to review (${one.review.map((r) => r[0]).join(', ')})`);
  if (q1.type === 'single') {
    const wrong = q1.feedback.findIndex((_, i) => !q1.correct.includes(i));
    const fb = await page.$eval(`${sel(q1)} [data-feedback]`, (n) => n.innerHTML);
    const plain = q1.feedback[wrong].replace(/<[^>]+>/g, '');
    check(!plain || fb.includes(plain.slice(0, 20)), `${url}: the chosen choice's own feedback shows`);
    check(await page.$eval(`${sel(q1)} input[value="${wrong}"]`, (i) => i.closest('label').classList.contains('is-wrong')), `${url}: the chosen choice is marked wrong`);
  }
  check(!one.detailsHidden && s.qs.slice(1).every((q) => q.detailsHidden), `${url}: only the checked question's answer is revealed`);
  check(s.focus === q1.id, `${url}: focus moves to the question's feedback (${s.focus})`);
  check(s.score === `0/${m}`, `${url}: score 0/${m} after one wrong answer (${s.score})`);
  await page.waitForFunction((w) => document.querySelector('[data-announce]').textContent.includes(w), W.verdictWrong);
  check(s.announcerRole === 'status', `${url}: the verdict is announced (role=status)`);

  await answerRight(page, q2);
  await page.click('[data-action="check-all"]');
  s = await page.evaluate(state);
  const p2 = fmt(q2.points);
  check(s.score === `${p2}/${m}`, `${url}: one right answer scores ${p2}/${m} (${s.score})`);
  check(s.retryShown && s.verdict.length > 0, `${url}: a verdict and "Try the wrong questions again" show`);
  if (shots) await page.screenshot({ path: path.join(shots, `${shotName}-checked.png`), fullPage: true });
  await runAxe(page, `on ${url} after checking`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await runAxe(page, `on ${url} after checking, dark`);
  await page.emulateMedia({ colorScheme: 'light' });

  await page.click('[data-action="retry"]');
  s = await page.evaluate(state);
  check(s.qs[1].disabled && s.qs[1].feedback.startsWith(W.right), `${url}: retry keeps the right question as it was`);
  const reopened = [s.qs[0], ...s.qs.slice(2)];
  check(reopened.every((q) => q.enabled && q.empty && q.detailsHidden && q.feedback === '' && q.checkShown), `${url}: retry reopens only the wrong questions, emptied`);
  check(s.focus === q1.id, `${url}: retry puts focus in the first reopened question`);
  for (const q of [q1, ...rest]) await answerRight(page, q);
  await page.click('[data-action="check-all"]');
  s = await page.evaluate(state);
  check(s.score === `${m}/${m}`, `${url}: after the retry the score is ${m}/${m} (${s.score})`);
  await context.close();
}

/** The best score survives reloads, and a worse attempt does not lower it. */
async function bestScore(browser, url) {
  const context = await browser.newContext();
  const page = await open(context, url);
  const key = await keyOf(page);
  const m = fmt(total(key));
  const p1 = fmt(key.questions[0].points);
  await answerRight(page, key.questions[0]);
  await page.click('[data-action="check-all"]');
  await page.reload();
  let s = await page.evaluate(state);
  check(s.best.includes(`${p1}/${m}`), `${url}: reload shows the best score ${p1}/${m} (${s.best})`);
  await page.click('[data-action="check-all"]');
  check((await page.evaluate(state)).score === `0/${m}`, `${url}: an empty attempt scores 0/${m}`);
  await page.reload();
  s = await page.evaluate(state);
  check(s.best.includes(`${p1}/${m}`), `${url}: a worse attempt keeps the best ${p1}/${m}`);
  await context.close();
}

/* Progress on other pages --------------------------------------------------- */

function firstLesson() {
  const dir = path.join(site, 'lessons');
  const name = fs.readdirSync(dir).sort()[0];
  return { id: name, url: `/lessons/${name}/` };
}

function firstModule() {
  const dir = path.join(site, 'modules');
  return `/modules/${fs.readdirSync(dir).sort()[0]}/`;
}

const panel = (page) =>
  page.evaluate(() => {
    const ascii = (s) => s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/\u066b/g, '.');
    const p = document.querySelector('[data-progress-panel]');
    return {
      shown: !!p && !p.hidden,
      quizzes: [...document.querySelectorAll('[data-progress-quiz]')].map((li) => [li.dataset.progressQuiz, ascii(li.querySelector('[data-best-score]').textContent), li.querySelector('a').getAttribute('href')]),
      text: p ? p.textContent.replace(/\s+/g, ' ') : '',
      done: [...document.querySelectorAll('li[data-lesson-id]')].filter((li) => li.querySelector('.done-mark')).map((li) => li.dataset.lessonId),
      status: (document.querySelector('[data-progress-status]') || {}).textContent || '',
    };
  });

async function progressFlow(browser, url) {
  const context = await browser.newContext({ acceptDownloads: true });
  const quiz = await open(context, url);
  const key = await keyOf(quiz);
  const m = fmt(total(key));
  for (const q of key.questions) await answerRight(quiz, q);
  await quiz.click('[data-action="check-all"]');

  const lesson = firstLesson();
  const lp = await open(context, lesson.url);
  check(await visible(lp, 'input[data-lesson-done]'), `${lesson.url}: a "finished this lesson" control shows`);
  await lp.check('input[data-lesson-done]');
  await lp.reload();
  check(await lp.isChecked('input[data-lesson-done]'), `${lesson.url}: the lesson stays marked done after a reload`);
  await runAxe(lp, `on ${lesson.url} with the done control`);

  const home = await open(context, '/');
  let p = await panel(home);
  const mine = p.quizzes.find(([id]) => id === key.quiz);
  check(p.shown && mine && mine[1] === `${m}/${m}`, `home: the progress panel lists ${key.quiz} with ${m}/${m} (${JSON.stringify(p.quizzes)})`);
  check(mine && mine[2] === url, `home: the panel links the quiz (${mine && mine[2]})`);
  check(p.done.includes(lesson.id) && p.text.includes(W.oneDone), `home: ${lesson.id} is marked done in the outline and counted`);
  if (shots) await home.screenshot({ path: path.join(shots, 'quiz-home-progress.png'), fullPage: true });
  await runAxe(home, 'on the home page with progress');
  const mod = await open(context, firstModule());
  const mp = await panel(mod);
  check(mp.shown && mp.quizzes.some(([id, score]) => id === key.quiz && score === `${m}/${m}`), 'module page: the progress panel shows the best score');

  const [download] = await Promise.all([home.waitForEvent('download'), home.click('[data-action="export-progress"]')]);
  const exported = fs.readFileSync(await download.path(), 'utf8');
  const data = JSON.parse(exported);
  check(data.format === 'syllabus-progress' && data.version === 2 && data.quizzes[key.quiz].score === total(key) && data.lessons[lesson.id].done === true, `export: ${download.suggestedFilename()} holds the quiz score and the lesson`);
  await context.close();

  const fresh = await browser.newContext();
  const other = await open(fresh, '/');
  p = await panel(other);
  check(p.quizzes.length === 0 && p.text.includes(W.noQuiz), 'a fresh browser has no progress');
  const importFile = async (name, body) => {
    // The last import's message goes first, so that this one's is what is waited for.
    await other.evaluate(() => { document.querySelector('[data-progress-status]').textContent = ''; });
    const [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.click('[data-action="import-progress"]')]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
    await other.waitForFunction(([n, no]) => document.querySelector('[data-progress-status]').textContent.includes(n) || document.querySelector('[data-progress-status]').textContent.startsWith(no), [name, W.notImported]);
    return panel(other);
  };
  const bad = {
    'not-json.json': 'this is { not json',
    'wrong-format.json': JSON.stringify({ format: 'other', version: 1 }),
    'newer.json': JSON.stringify({ format: 'syllabus-progress', version: 3 }),
    'score-too-high.json': JSON.stringify({ format: 'syllabus-progress', version: 1, quizzes: { q: { title: 'Q', score: 9, total: 2, questions: {} } } }),
    'bad-id.json': JSON.stringify({ format: 'syllabus-progress', version: 1, quizzes: { '<img src=x>': { title: 'Q', score: 1, total: 2, questions: {} } } }),
    'bad-answer.json': JSON.stringify({ format: 'syllabus-progress', version: 1, quizzes: { q: { title: 'Q', score: 1, total: 2, questions: { a: 'yes' } } } }),
  };
  for (const [name, body] of Object.entries(bad)) {
    const after = await importFile(name, body);
    check(after.status.startsWith(W.notImported) && after.quizzes.length === 0, `import refuses ${name}: "${after.status}"`);
  }
  p = await importFile('progress.json', exported);
  check(p.quizzes.some(([id, score]) => id === key.quiz && score === `${m}/${m}`) && p.done.includes(lesson.id), `import restores ${key.quiz} ${m}/${m} and the lesson done (${p.status})`);
  const again = await open(fresh, url);
  check((await again.evaluate(state)).best.includes(`${m}/${m}`), `${url}: the imported best score shows on the quiz`);
  const lesson2 = await open(fresh, lesson.url);
  check(await lesson2.isChecked('input[data-lesson-done]'), `${lesson.url}: the imported lesson is marked done`);
  await fresh.close();
}

/* The all-types quiz -------------------------------------------------------- */

/** Presses Tab until `selector` has focus: the control is reachable by keyboard. */
async function tabTo(page, selector) {
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

async function keyboardOnly(browser, url) {
  const context = await browser.newContext();
  const page = await open(context, url);
  const key = await keyOf(page);
  const reach = [];
  const press = async (selector, keys) => {
    reach.push(await tabTo(page, selector));
    for (const k of keys) await page.keyboard.press(k);
  };
  for (const q of key.questions) {
    const f = sel(q);
    if (q.type === 'single' || q.type === 'true_false') {
      const want = q.type === 'single' ? String(q.correct[0]) : String(q.answer);
      await press(`${f} input[data-choice]`, ['Space']);
      for (let i = 0; i < 5 && (await page.$eval(`${f} input:checked`, (n) => n.value)) !== want; i++) await page.keyboard.press('ArrowDown');
    } else if (q.type === 'multiple') {
      for (const c of q.correct) await press(`${f} input[value="${c}"]`, ['Space']);
    } else if (q.type === 'short' || q.type === 'numeric') {
      await press(`${f} input[data-answer]`, []);
      await page.keyboard.type(q.type === 'short' ? q.answers[0] : String(q.answer));
    } else {
      const attr = q.type === 'order' ? 'data-item' : 'data-left';
      const n = q.type === 'order' ? q.items.length : q.pairs;
      for (let i = 0; i < n; i++) {
        const s = `${f} select[${attr}="${i}"]`;
        const label = await page.$eval(`${s} option[value="${i}"]`, (o) => o.textContent);
        await press(s, []);
        await page.keyboard.type(label.slice(0, 4));
      }
    }
    await press(`${f} [data-action="check"]`, ['Enter']);
    const s = await page.evaluate(state);
    check(s.qs.find((x) => x.id === q.id).feedback.startsWith('Right.') && s.focus === q.id, `keyboard: ${q.type} question answered and checked with the keyboard alone`);
  }
  check(reach.every(Boolean), 'keyboard: every control is reached with Tab');
  const m = fmt(total(key));
  check((await page.evaluate(state)).score === `${m}/${m}`, `keyboard: full marks ${m}/${m}`);
  await context.close();
}

async function touchOnly(browser, url) {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 800 } });
  const page = await open(context, url);
  const key = await keyOf(page);
  for (const q of key.questions) {
    const f = sel(q);
    if (q.type === 'single') await page.tap(`${f} input[value="${q.correct[0]}"] + span`);
    else if (q.type === 'true_false') await page.tap(`${f} input[value="${q.answer}"] + span`);
    else if (q.type === 'multiple') for (const c of q.correct) await page.tap(`${f} input[value="${c}"] + span`);
    else await answerRight(page, q);
    await page.tap(`${f} [data-action="check"]`);
  }
  const m = fmt(total(key));
  check((await page.evaluate(state)).score === `${m}/${m}`, `touch: full marks ${m}/${m} by tapping`);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(width[0] <= width[1], `phone: the checked quiz fits the screen (${width[0]}px in ${width[1]}px)`);
  if (shots) await page.screenshot({ path: path.join(shots, 'quiz-all-types-phone.png'), fullPage: true });
  await context.close();
}

async function allTypesDetails(browser, url) {
  const context = await browser.newContext();
  const orders = new Set();
  for (let i = 0; i < 8; i++) {
    const page = await open(context, url);
    orders.add(await page.$$eval('[data-question-id="pick-one"] input[data-choice]', (is) => is.map((n) => n.value).join()));
    await page.close();
  }
  check(orders.size > 1, `shuffle: true shows choices in a new order (${[...orders].join(' | ')})`);
  const page = await open(context, url);
  const key = await keyOf(page);
  const order = key.questions.find((q) => q.type === 'order');
  const again = order.items.map((x, i) => [x, i]).filter(([x]) => x === 'again').map(([, i]) => i);
  await page.selectOption(`${sel(order)} select[data-item="${again[0]}"]`, { value: String(again[1]) });
  await page.selectOption(`${sel(order)} select[data-item="${again[1]}"]`, { value: String(again[0]) });
  for (const [x, i] of order.items.map((x, i) => [x, i])) if (x !== 'again') await page.selectOption(`${sel(order)} select[data-item="${i}"]`, { value: String(i) });
  await page.fill('[data-question-id="type-a-word"] input', '  The   CONTAINMENT strategy ');
  await page.fill('[data-question-id="a-number"] input', '2,975');
  for (const id of ['in-order', 'type-a-word', 'a-number']) await page.click(`[data-question-id="${id}"] [data-action="check"]`);
  const s = await page.evaluate(state);
  const right = (id) => s.qs.find((q) => q.id === id).feedback.startsWith(W.right);
  check(right('in-order'), 'order: the two equal items may swap places');
  check(right('type-a-word'), 'short: case and spaces do not matter');
  check(right('a-number'), 'numeric: "2,975" is within 0.01 of 2.98');
  check(s.score === '3.5/8.5', `fractional points add up: 3.5/8.5 (${s.score})`);
  const prompt = await text(page, '[data-question-id="pick-several"] .prompt');
  check(prompt.includes('<b>containment</b>'), 'markup in a prompt stays text');
  const swap = await open(context, url);
  await swap.selectOption('[data-question-id="in-order"] select[data-item="0"]', { value: '0' });
  await swap.selectOption('[data-question-id="in-order"] select[data-item="3"]', { value: '3' });
  await swap.selectOption('[data-question-id="in-order"] select[data-item="0"]', { value: '3' });
  const places = await swap.$$eval('[data-question-id="in-order"] select', (ss) => Object.fromEntries(ss.map((s) => [s.dataset.item, s.value])));
  check(places['0'] === '3' && places['3'] === '0', 'order: taking a place another item holds swaps the two');
  await swap.fill('[data-question-id="a-number"] input', 'about three');
  await swap.click('[data-question-id="a-number"] [data-action="check"]');
  check((await text(swap, '[data-question-id="a-number"] [data-feedback]')).includes('is not a number'), 'numeric: text that is not a number is said to be so');
  await context.close();
}

/* Main ----------------------------------------------------------------------- */

async function main() {
  const server = await serve(site);
  origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  try {
    const urls = quizUrls().slice(0, maxQuizzes);
    check(urls.length > 0, `the site has quiz pages (${urls.length})`);
    const types = new Set();
    for (const url of urls) {
      const key = await fullMarks(browser, url);
      key.questions.forEach((q) => types.add(q.type));
      await allWrong(browser, url);
      await withoutJs(browser, url);
    }
    check(TYPES.every((t) => types.has(t)), `all seven question types were answered (${[...types].join(', ')})`);
    const allTypes = urls.find((u) => u === '/quizzes/all-types/');
    const main = urls.find((u) => u !== allTypes) || urls[0];
    await retryFlow(browser, main, 'quiz');
    await bestScore(browser, main);
    await progressFlow(browser, main);
    if (allTypes) {
      await retryFlow(browser, allTypes, 'quiz-all-types');
      await keyboardOnly(browser, allTypes);
      await touchOnly(browser, allTypes);
      await allTypesDetails(browser, allTypes);
    }
    check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.slice(0, 5).join('; ') : ''}`);
    check(foreign.size === 0, `no request to another host${foreign.size ? ': ' + [...foreign].join(', ') : ''}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main()
  .then(() => {
    console.log(failures.length ? `\n${failures.length} quiz check(s) failed` : '\nall quiz checks passed');
    process.exit(failures.length ? 1 : 0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
