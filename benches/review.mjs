#!/usr/bin/env node
// Review benchmark: what the review page downloads before it shows the first card, and
// how long grading takes, on a large course in headless Chromium.
//
//   python3 benches/gen_course.py /tmp/c10k --lessons 10000 --concepts 1000 --articles 500 --quizzes 500
//   cargo build --release
//   node benches/review.mjs --course /tmp/c10k [--out /tmp/c10k-out] [--no-build] [--grades 40]
//
// The learner is the heaviest one the course allows: every concept's two cards and a
// card for each of the course's questions (1,000 concepts and 3,500 questions make 5,500
// cards), all in review, some due now (concept and question cards alternating). The page
// is served with a day's Cache-Control, as static hosts do. It reports, from the
// browser's own network log (Chrome DevTools Protocol), the bytes received from
// navigation to the first card on screen: cold (an empty cache), and warm (after a lesson
// page, so the theme's stylesheet and scripts are cached); each also as gzip would send
// it. Then it grades `--grades` cards by mouse, answering the questions, and reports the
// time from a grade to the next card on screen (the click's handler, and to the next
// frame painted). Needs the npm packages of tests/browser (npm ci there) and Chromium.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/browser/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const course = path.resolve(arg('--course', '/tmp/c10k'));
const out = path.resolve(arg('--out', `${course}-out`));
const bin = path.resolve(arg('--bin', path.join(here, '../target/release/syllabus')));
const grades = Number(arg('--grades', '40'));
const DAY = 24 * 60 * 60 * 1000;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!args.includes('--no-build')) {
  fs.rmSync(out, { recursive: true, force: true });
  const r = spawnSync(bin, ['build', '--root', course, '--output', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

/* The heaviest learner's progress ------------------------------------------------ */

const sheet = fs.readFileSync(path.join(out, 'review/index.html'), 'utf8');
const concepts = [...sheet.matchAll(/<dt data-review-concept="([^"]+)"/g)].map((m) => m[1]);
const questions = [];
for (const quiz of fs.readdirSync(path.join(out, 'quizzes')).sort()) {
  const file = path.join(out, 'quizzes', quiz, 'index.html');
  if (!fs.existsSync(file)) continue;
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/<fieldset [^>]*data-question-id="([^"]+)"/g)) questions.push(`question/${quiz}/${m[1]}`);
}
const now = Date.now();
const card = (dueIn) => ({
  state: 'review', due: new Date(now + dueIn).toISOString(), last: new Date(now + dueIn - 10 * DAY).toISOString(),
  stability: 10, difficulty: 5, reps: 3, lapses: 0, step: null,
});
const ids = concepts.flatMap((c) => [`term/${c}`, `definition/${c}`]).concat(questions);
const review = {};
ids.forEach((id, i) => { review[id] = card((1 + (i % 30)) * DAY); });
// Due now: concept and question cards in turn, a question first at every other grade.
for (let i = 0; i < grades + 2; i++) {
  const id = i % 2 ? questions[(i * 37) % questions.length] : ids[(i * 53) % (2 * concepts.length)];
  review[id] = card(-(grades + 2 - i) * 60 * 1000);
}
const progress = JSON.stringify({ format: 'syllabus-progress', version: 2, quizzes: {}, lessons: {}, review });
console.log(`Course: ${concepts.length} concepts in the study sheet, ${questions.length} questions; the learner has ${ids.length} cards (${kb(progress.length)} of progress)`);

/* A static server with a day's caching ---------------------------------------------- */

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let file = path.join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (file.endsWith('/')) file = path.join(file, 'index.html');
  if (!file.startsWith(out) || !fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'max-age=86400' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

/** The file a URL of the site is served from. */
function fileOf(url) {
  const p = decodeURIComponent(new URL(url).pathname);
  return path.join(out, p.endsWith('/') ? `${p}index.html` : p);
}

/** Bytes received from the network (not the cache) while `action` runs, by URL. */
async function received(page, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = {};
  const got = {};
  cdp.on('Network.requestWillBeSent', (e) => { urls[e.requestId] = e.request.url; });
  cdp.on('Network.requestServedFromCache', (e) => { got[e.requestId] = -1; });
  cdp.on('Network.loadingFinished', (e) => { if (got[e.requestId] !== -1) got[e.requestId] = e.encodedDataLength; });
  await action();
  const byUrl = {};
  for (const [id, n] of Object.entries(got)) if (n > 0) byUrl[urls[id]] = n;
  await cdp.detach();
  return byUrl;
}

function report(what, byUrl) {
  const files = Object.keys(byUrl).sort();
  const raw = files.reduce((s, u) => s + byUrl[u], 0);
  const gz = files.reduce((s, u) => s + zlib.gzipSync(fs.readFileSync(fileOf(u))).length, 0);
  console.log(`${what}: ${kb(raw)} received (${kb(gz)} gzipped), in ${files.length} files (target 300 KB)`);
  for (const u of files) console.log(`    ${kb(byUrl[u]).padStart(9)}  ${new URL(u).pathname}`);
}

const browser = await launch();
try {
  for (const warm of [false, true]) {
    const context = await browser.newContext();
    await context.addInitScript(([p]) => {
      if (!localStorage.getItem('syllabus-progress:/')) localStorage.setItem('syllabus-progress:/', p);
    }, [progress]);
    const page = await context.newPage();
    if (warm) await page.goto(`${origin}/lessons/${fs.readdirSync(path.join(out, 'lessons'))[0]}/`, { waitUntil: 'networkidle' });
    const byUrl = await received(page, async () => {
      await page.goto(`${origin}/review/`);
      await page.waitForFunction(() => {
        const c = document.querySelector('[data-review-card]');
        return c && !c.hidden && c.getAttribute('data-card-id');
      }, null, { timeout: 20000 });
    });
    report(warm ? 'First card, after a lesson page (theme cached)' : 'First card, empty cache', byUrl);
    if (warm) {
      await page.waitForTimeout(500);
      const load = await page.evaluate(() => {
        const ms = [];
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          window.syllabusProgress.load();
          ms.push(performance.now() - t0);
        }
        return ms.sort((a, b) => a - b)[3];
      });
      const shown = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd);
      console.log(`Reading and checking the ${ids.length} cards (progress.js load(), on every page that keeps progress): median ${load.toFixed(1)} ms; the review page's DOMContentLoaded at ${shown.toFixed(0)} ms`);
      const times = await page.evaluate(async (n) => {
        const out = [];
        const card = document.querySelector('[data-review-card]');
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const shown = (id) => new Promise((r) => {
          const done = () => card.getAttribute('data-card-id') !== id && !card.hidden;
          if (done()) return r();
          const o = new MutationObserver(() => { if (done()) { o.disconnect(); r(); } });
          o.observe(card, { attributes: true });
        });
        for (let i = 0; i < n; i++) {
          const id = card.getAttribute('data-card-id');
          if (!id) break;
          const choice = card.querySelector('input[data-choice], input[data-answer], select');
          if (choice && choice.matches('input[data-answer]')) choice.value = '1';
          else if (choice && choice.matches('select')) choice.selectedIndex = 1;
          else if (choice) choice.checked = true;
          document.querySelector('[data-action="reveal"]').click();
          const grade = document.querySelector('[data-grade]:not([disabled])');
          const t0 = performance.now();
          grade.click();
          const handler = performance.now() - t0;
          await shown(id);
          const inDom = performance.now() - t0;
          await frame();
          out.push({ kind: id.split('/')[0], handler, inDom, painted: performance.now() - t0 });
          await new Promise((r) => setTimeout(r, 30));
        }
        return out;
      }, grades);
      for (const kind of ['concept', 'question']) {
        const xs = times.filter((x) => (kind === 'question') === (x.kind === 'question'));
        if (!xs.length) continue;
        const f = (k) => `median ${median(xs.map((x) => x[k])).toFixed(1)} ms, max ${Math.max(...xs.map((x) => x[k])).toFixed(1)} ms`;
        console.log(`Grading, next card a ${kind === 'question' ? 'concept' : 'question'} (${xs.length} grades of ${kind} cards): click handler ${f('handler')}; next card shown ${f('inDom')}; painted ${f('painted')} (target 50 ms)`);
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
