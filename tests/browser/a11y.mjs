#!/usr/bin/env node
// Browser test of a site built by syllabus.
//
//   node tests/browser/a11y.mjs --site public [--screenshots OUTDIR] [--all]
//
// Serves the built site on 127.0.0.1 (a free port), finds one page of each
// kind by listing the site's folders (with --all: every page), and opens each
// in headless Chromium at 390x844, 768x1024 and 1280x900, in the light and the dark
// colour scheme. On every load it checks:
//
//   - axe-core: no WCAG 2.0/2.1 A or AA violation;
//   - exactly one h1, exactly one main landmark;
//   - a skip link: the first Tab stop, visible when focused, pointing at main;
//   - the first few Tab stops show a visible focus outline;
//   - no horizontal scrolling (scrollWidth <= innerWidth);
//   - no request to any host but the local server, no failed request;
//   - no console error and no uncaught page error;
//   - the script ran (<html> has class "js", not "no-js").
//
// Exit status: 0 all passed, 1 a check failed, 2 a bad command line or setup.
// Chromium: Debian's package (/usr/bin/chromium), or CHROMIUM=/path/to/it.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS, serve } from './lib.mjs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axe = require('axe-core');
const { chromium } = require('playwright-core');

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 900 },
];
const SCHEMES = ['light', 'dark'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`a11y: ${message}`);
  console.error('usage: node tests/browser/a11y.mjs --site DIR [--screenshots OUTDIR] [--all]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { site: null, screenshots: null, all: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--site' || arg === '--screenshots') {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      opts[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--site=')) {
      opts.site = arg.slice(7);
    } else if (arg.startsWith('--screenshots=')) {
      opts.screenshots = arg.slice(14);
    } else if (arg === '--all') {
      opts.all = true;
    } else if (arg === '-h' || arg === '--help') {
      usage();
    } else {
      usage(`unknown argument: ${arg}`);
    }
  }
  if (!opts.site) usage('--site is required');
  opts.site = path.resolve(opts.site);
  if (!fs.existsSync(path.join(opts.site, 'index.html'))) {
    usage(`${opts.site} has no index.html: build the site first (cargo run --release -- build)`);
  }
  if (opts.screenshots) {
    opts.screenshots = path.resolve(opts.screenshots);
    fs.mkdirSync(opts.screenshots, { recursive: true });
  }
  return opts;
}

// ---------------------------------------------------------------- discovery

// Folders under the output root that hold one page kind each. A top-level
// folder not in this list whose index.html the plain-page template wrote
// (body class "page") is a plain page.
const SECTIONS = {
  modules: 'module',
  lessons: 'lesson',
  articles: 'article',
  concepts: 'concept',
  quizzes: 'quiz',
};
const INDEXES = {
  articles: 'articles index',
  concepts: 'concepts index',
  glossary: 'glossary',
  quizzes: 'quizzes index',
  search: 'search page',
};

function subpages(site, folder) {
  const dir = path.join(site, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html')))
    .map((d) => ({
      url: `/${folder}/${encodeURIComponent(d.name)}/`,
      size: fs.statSync(path.join(dir, d.name, 'index.html')).size,
    }))
    .sort((a, b) => b.size - a.size || a.url.localeCompare(b.url));
}

function bodyClass(file) {
  const html = fs.readFileSync(file, 'utf8');
  const m = /<body[^>]*\bclass="([^"]*)"/i.exec(html);
  return m ? m[1].split(/\s+/) : [];
}

function discover(site, all) {
  const pages = [];
  const missing = [];
  const add = (kind, url) => pages.push({ kind, url });
  add('home', '/');
  for (const [folder, kind] of Object.entries(SECTIONS)) {
    const found = subpages(site, folder);
    if (found.length === 0) missing.push(kind);
    // One page of the kind: the largest, which exercises the most markup.
    for (const p of all ? found : found.slice(0, 1)) add(kind, p.url);
  }
  for (const [folder, kind] of Object.entries(INDEXES)) {
    if (fs.existsSync(path.join(site, folder, 'index.html'))) add(kind, `/${folder}/`);
    else missing.push(kind);
  }
  const known = new Set([...Object.keys(SECTIONS), ...Object.keys(INDEXES), 'assets']);
  const plain = fs
    .readdirSync(site, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !known.has(d.name) && !d.name.startsWith('.'))
    .filter((d) => {
      const f = path.join(site, d.name, 'index.html');
      return fs.existsSync(f) && bodyClass(f).includes('page');
    })
    .map((d) => `/${encodeURIComponent(d.name)}/`)
    .sort();
  if (plain.length === 0) missing.push('plain page');
  for (const url of all ? plain : plain.slice(0, 1)) add('plain page', url);
  if (fs.existsSync(path.join(site, '404.html'))) add('404', '/404.html');
  else missing.push('404');
  return { pages, missing };
}

// ------------------------------------------------------------------- checks

// Runs in the page: facts about structure and layout.
function pageFacts() {
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    return s;
  };
  const root = document.documentElement;
  const overflowing = [];
  if (root.scrollWidth > window.innerWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= window.innerWidth + 0.5) continue;
      // Only report the outermost culprit, not all its descendants.
      const parent = el.parentElement;
      if (parent && parent.getBoundingClientRect().right > window.innerWidth + 0.5) continue;
      overflowing.push(`${describe(el)} (right edge ${Math.round(r.right)}px)`);
      if (overflowing.length >= 5) break;
    }
  }
  const mains = document.querySelectorAll('main, [role="main"]');
  return {
    h1: document.querySelectorAll('h1').length,
    mains: mains.length,
    mainId: mains.length === 1 ? mains[0].id : null,
    scrollWidth: root.scrollWidth,
    innerWidth: window.innerWidth,
    overflowing,
    htmlClass: root.className,
    title: document.title,
  };
}

// Runs in the page after a Tab: about the focused element.
function focusFacts() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 40),
    href: el.getAttribute('href'),
    classes: el.className,
    rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`,
    visible:
      r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 &&
      r.top < window.innerHeight && r.left < window.innerWidth &&
      cs.visibility !== 'hidden' && parseFloat(cs.opacity) > 0.1,
    indicator: outline || shadow,
    skipTarget: (() => {
      const href = el.getAttribute('href') || '';
      if (!href.startsWith('#') || href.length < 2) return null;
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!target) return 'missing';
      return target.matches('main, [role="main"]') || target.querySelector('main, [role="main"]') ? 'main' : 'other';
    })(),
  };
}

async function checkPage(context, base, page, size, scheme, opts) {
  const problems = [];
  const notes = [];
  const origin = new URL(base).origin;
  const tab = await context.newPage();
  tab.setDefaultTimeout(30000);
  const consoleErrors = [];
  const foreign = new Set();
  const failed = [];
  tab.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  tab.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  tab.on('request', (req) => {
    const u = req.url();
    if (/^(data|blob|about):/.test(u)) return;
    if (new URL(u).origin !== origin) foreign.add(u);
  });
  tab.on('requestfailed', (req) => {
    if (new URL(req.url()).origin === origin) failed.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  tab.on('response', (res) => {
    const own = new URL(res.url()).origin === origin;
    // The 404 page itself is fetched by its file name, so a 404 status is a broken resource.
    if (own && res.status() >= 400) failed.push(`${res.url()} (HTTP ${res.status()})`);
  });

  try {
    await tab.setViewportSize({ width: size.width, height: size.height });
    await tab.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await tab.goto(base + page.url.slice(1), { waitUntil: 'load' });

    const facts = await tab.evaluate(pageFacts);
    if (facts.h1 !== 1) problems.push(`expected exactly one h1, found ${facts.h1}`);
    if (facts.mains !== 1) problems.push(`expected exactly one main landmark, found ${facts.mains}`);
    if (facts.scrollWidth > facts.innerWidth) {
      problems.push(
        `horizontal overflow: page is ${facts.scrollWidth}px wide in a ${facts.innerWidth}px viewport` +
          (facts.overflowing.length ? `; too wide: ${facts.overflowing.join(', ')}` : ''),
      );
    }
    const classes = facts.htmlClass.split(/\s+/);
    if (!classes.includes('js') || classes.includes('no-js')) {
      problems.push(`the script did not run: <html class="${facts.htmlClass}">`);
    }
    if (!facts.title.trim()) problems.push('empty <title>');

    // Keyboard: the first Tab stop is a visible skip link to main; the next
    // few Tab stops all show a focus indicator.
    await tab.keyboard.press('Tab');
    const first = await tab.evaluate(focusFacts);
    if (!first || first.tag !== 'a' || first.skipTarget === null) {
      problems.push(`first Tab stop is not a skip link (got ${first ? `<${first.tag}> "${first.text}"` : 'nothing'})`);
    } else {
      if (first.skipTarget !== 'main') problems.push(`skip link ${first.href} does not lead to main (${first.skipTarget})`);
      if (!first.visible) problems.push(`skip link is not visible when focused (box at ${first.rect})`);
      if (!first.indicator) problems.push('skip link shows no focus outline');
    }
    for (let i = 0; i < 6; i++) {
      await tab.keyboard.press('Tab');
      const f = await tab.evaluate(focusFacts);
      if (!f) break;
      if (!f.indicator) problems.push(`no visible focus indicator on <${f.tag} class="${f.classes}"> "${f.text}"`);
    }
    await tab.keyboard.press('Shift+Tab'); // leave the page in a calm state
    await tab.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });

    // axe-core, in this colour scheme and width.
    await tab.evaluate(axe.source);
    const result = await tab.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] }),
      AXE_TAGS,
    );
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 4).map((n) => {
        const why = (n.failureSummary || '').split('\n').slice(1).join(' ').trim();
        return `\n        ${n.target.join(' ')}${why ? `: ${why}` : ''}`;
      });
      const more = v.nodes.length > 4 ? `\n        … and ${v.nodes.length - 4} more` : '';
      problems.push(`axe ${v.id} (${v.impact}): ${v.help} [${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}]${targets.join('')}${more}`);
    }
    for (const v of result.incomplete) {
      notes.push(`axe could not decide ${v.id} on ${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'} (${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`);
    }

    if (opts.screenshots) {
      const name = `${page.kind.replace(/\s+/g, '-')}${page.url.replace(/[^a-z0-9]+/gi, '_').replace(/_+$/, '')}-${size.width}-${scheme}.png`;
      await tab.screenshot({ path: path.join(opts.screenshots, name), fullPage: true });
      if (scheme === 'light' && size.name === 'desktop') {
        await tab.emulateMedia({ media: 'print', colorScheme: 'light' });
        await tab.setViewportSize({ width: 800, height: 1100 });
        await tab.screenshot({ path: path.join(opts.screenshots, name.replace(/-light\.png$/, '-print.png')), fullPage: true });
      }
    }
  } catch (err) {
    problems.push(`could not test the page: ${err.message.split('\n')[0]}`);
  } finally {
    await tab.close();
  }

  for (const u of foreign) problems.push(`request to another host: ${u}`);
  for (const f of failed) problems.push(`failed request: ${f}`);
  for (const c of consoleErrors) problems.push(`console error: ${c}`);
  return { problems, notes };
}

// --------------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`a11y: no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM=/path)`);
    process.exit(2);
  }
  const { pages, missing } = discover(opts.site, opts.all);
  const server = await serve(opts.site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-a11y-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    offline: false,
  });
  // Nothing may leave the machine: requests to other hosts are recorded by
  // the page's listeners, and aborted here so they cannot hang the test.
  await context.route(
    (url) => url.origin !== new URL(base).origin,
    (route) => route.abort('blockedbyclient'),
  );

  console.log(`Testing ${opts.site} at ${base}`);
  console.log(`axe-core ${axe.version}, tags ${AXE_TAGS.join(' ')}; Chromium ${context.browser()?.version() ?? ''}\n`);
  let failures = 0;
  let runs = 0;
  for (const kind of missing) {
    failures++;
    console.log(`FAIL  ${kind}: no page of this kind in the site`);
  }
  for (const page of pages) {
    for (const size of WIDTHS) {
      for (const scheme of SCHEMES) {
        runs++;
        const { problems, notes } = await checkPage(context, base, page, size, scheme, opts);
        const label = `${page.kind.padEnd(15)} ${page.url}  ${size.width}px ${scheme}`;
        if (problems.length) {
          failures++;
          console.log(`FAIL  ${label}`);
          for (const p of problems) console.log(`      - ${p}`);
        } else {
          console.log(`ok    ${label}`);
        }
        for (const n of notes) console.log(`      note: ${n}`);
      }
    }
  }
  await context.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });

  console.log(`\n${pages.length} pages, ${runs} loads (${WIDTHS.map((w) => `${w.width}px`).join(', ')} × light, dark): ` +
    (failures ? `${failures} failed` : 'all passed'));
  if (opts.screenshots) console.log(`Screenshots in ${opts.screenshots}`);
  process.exit(failures ? 1 : 0);
}

main().catch((err) => {
  console.error(`a11y: ${err.stack || err}`);
  process.exit(2);
});
