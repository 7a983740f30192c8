#!/usr/bin/env node
// Search benchmark: index size, what the first query downloads, how fast it answers in
// headless Chromium, and the search stage's share of the build time.
//
//   python3 benches/gen_course.py /tmp/c10k --lessons 10000 --concepts 1000 --articles 500 --quizzes 500
//   cargo build --release
//   node benches/search.mjs --course /tmp/c10k [--out /tmp/c10k-out] [--runs 3] [--no-build] [--at-load] [--repeat 5]
//
// Builds the course clean `--runs` times and reports the median build and the median of
// its `search` stage (SYLLABUS_TIMINGS=1), the index's cost; then
// serves the output and, for each query, in a fresh browser profile: loads a lesson, waits
// until it has settled (network idle, an idle callback), types the whole query at once,
// and reports the bytes of /search/ files fetched and
// the time from the keystroke to the results on screen (search.js records it in
// `data-search-ms`), cold (first query) and warm (a second query after it). Needs the
// npm packages of tests/browser (npm ci there) and Debian's chromium.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../tests/browser/lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const course = path.resolve(arg('--course', '/tmp/c10k'));
const out = path.resolve(arg('--out', `${course}-out`));
const runs = Number(arg('--runs', '3'));
const bin = path.resolve(arg('--bin', path.join(here, '../target/release/syllabus')));
const QUERIES = [
  ['a concept term', 'strategic hedging doctrine'],
  ['two common words', 'border security'],
  ['one rare word', 'brinkmanship'],
  ['a prefix', 'sovereig'],
  ['three common words', 'trade migration capital'],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Clean builds: the whole build's wall time and its search stage (SYLLABUS_TIMINGS=1). */
function build() {
  const walls = [];
  const stages = [];
  for (let i = 0; i < runs; i++) {
    fs.rmSync(out, { recursive: true, force: true });
    const env = { ...process.env, SYLLABUS_TIMINGS: '1' };
    const start = process.hrtime.bigint();
    const r = spawnSync(bin, ['build', '--root', course, '--output', out], { env, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    const m = /search\s+([\d.]+) ms/.exec(r.stderr);
    if (m) stages.push(Number(m[1]));
  }
  const w = median(walls), s = median(stages);
  console.log(`Clean builds, ${runs} (median wall): ${(w / 1000).toFixed(2)} s`);
  console.log(`  the search stage (SYLLABUS_TIMINGS) ${s.toFixed(0)} ms = ${((100 * s) / (w - s)).toFixed(1)}% of the rest of the build (limit 15%)`);
}

/** The static server of the browser tests, in a process of its own (so the browser
 *  driver's work never delays a response). */
function serveApart(dir) {
  const lib = pathToFileURL(path.join(here, '../tests/browser/lib.mjs')).href;
  const code = `import { serve } from ${JSON.stringify(lib)}; const s = await serve(${JSON.stringify(dir)}); console.log(s.address().port);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d) => resolve({ port: Number(String(d).trim()), close: () => child.kill() }));
  });
}

function size() {
  let bytes = 0, files = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.json')) { bytes += fs.statSync(p).size; files++; }
    }
  };
  walk(path.join(out, 'search'));
  const manifest = fs.statSync(path.join(out, 'search/index.json')).size;
  const script = fs.statSync(path.join(out, 'assets/search.js')).size;
  console.log(`Index: ${files} files, ${(bytes / 1048576).toFixed(2)} MB in all; manifest ${kb(manifest)}; search.js ${kb(script)} (loaded with every page)`);
}

async function measure(browser, base, lesson, query, second) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const fetched = [];
  page.on('response', async (res) => {
    const u = new URL(res.url());
    if (u.pathname.startsWith('/search/') && u.pathname.endsWith('.json')) {
      try { fetched.push({ path: u.pathname, bytes: (await res.body()).length }); } catch { /* navigated away */ }
    }
  });
  await page.goto(base + lesson, { waitUntil: 'load' });
  // A learner reads before searching: type once the page has settled (its scripts run,
  // no request in flight, the main thread idle), so the figure is the search's alone.
  // `--at-load` types at the load event instead.
  if (!args.includes('--at-load')) {
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(), { timeout: 1000 })));
  }
  const before = fetched.length;
  const timed = async (q) => {
    await page.evaluate(() => document.querySelector('[data-search-results]').removeAttribute('data-search-ms'));
    await page.fill('input[data-search-input]', q);
    await page.waitForFunction(() => document.querySelector('[data-search-results]').hasAttribute('data-search-ms'), null, { timeout: 30000 });
    return page.evaluate(() => ({
      ms: Number(document.querySelector('[data-search-results]').getAttribute('data-search-ms')),
      status: document.querySelector('[data-search-status]').textContent,
    }));
  };
  const cold = await timed(query);
  await page.waitForTimeout(100);
  const coldBytes = fetched.reduce((n, f) => n + f.bytes, 0);
  const coldFiles = fetched.length;
  const warm = await timed(second);
  // The first query again, every file now in memory: the work search.js does itself.
  const cached = await timed(`${query} `);
  await ctx.close();
  return { before, cold, coldBytes, coldFiles, warm, cached };
}

async function main() {
  if (!args.includes('--no-build')) build();
  size();
  const server = await serveApart(out);
  const base = `http://127.0.0.1:${server.port}/`;
  const lesson = `lessons/${fs.readdirSync(path.join(out, 'lessons')).sort()[0]}/`;
  const browser = await launch();
  try {
    console.log(`\nFirst query in a fresh profile, typed at once on /${lesson} once it has settled${args.includes("--at-load") ? " (no: at the load event)" : ""} (no compression):`);
    // Each query `--repeat` times (default 5), each in a fresh profile, alternating.
    const repeat = Number(args[args.indexOf('--repeat') + 1]) || 5;
    const runs = QUERIES.map(() => []);
    for (let k = 0; k < repeat; k++) {
      for (const [i, [, q]] of QUERIES.entries()) runs[i].push(await measure(browser, base, lesson, q, 'map'));
    }
    const all = runs.flat();
    const colds = [];
    for (const [i, [what, q]] of QUERIES.entries()) {
      const rs = runs[i], r = rs[0];
      const cold = rs.map((x) => x.cold.ms);
      colds.push(...cold);
      console.log(`  ${what.padEnd(20)} "${q}": ${kb(r.coldBytes)} in ${r.coldFiles} files, median ${median(cold)} ms (${cold.join(', ')}; ${r.cold.status}); then "map" median ${median(rs.map((x) => x.warm.ms))} ms; again from memory at most ${Math.max(...rs.map((x) => x.cached.ms))} ms; index requests before typing: ${Math.max(...rs.map((x) => x.before))}`);
    }
    console.log(`  all ${colds.length} first queries: median ${median(colds)} ms (limit 100 ms), slowest ${Math.max(...colds)} ms; worst download ${kb(Math.max(...all.map((r) => r.coldBytes)))} (limit 300 KB); from memory at most ${Math.max(...all.map((r) => r.cached.ms))} ms`);
    console.log(`  machine load average while measuring: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
