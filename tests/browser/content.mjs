#!/usr/bin/env node
// Browser test of what a technical lesson holds: highlighted code, math, callouts and
// figures, on the course in tests/browser/content-course built twice (without and with
// --instructor).
//
//   node tests/browser/content.mjs --site PUBLIC --instructor-site PUBLIC2
//
// Checks, in light and dark: axe-core (WCAG 2.1 AA, colour contrast included) with every
// highlighting token class on the page; the copy button by keyboard, what it copies and
// the "Copied" announcement; callouts folded without JavaScript; MathML shown and exposed
// to assistive technology as math; figure captions and image sizes; at 360 px, long code
// and long display math scroll inside their boxes while the page does not; no request to
// another host; instructors' notes only in the --instructor build.
//
// Exit status: 0 all passed, 1 a check failed, 2 a bad command line.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import { launch, serve } from './lib.mjs';

const require = createRequire(import.meta.url);
const axe = require('axe-core');

const opts = {};
for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!opts.site || !opts['instructor-site']) {
  console.error('usage: node tests/browser/content.mjs --site DIR --instructor-site DIR');
  process.exit(2);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures++;
}

const LESSON = '/lessons/technical/';
const server = await serve(opts.site);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
const errors = [];
const foreign = [];

async function open(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && u.host !== new URL(base).host) foreign.push(r.url());
  });
  await page.goto(base + url);
  return page;
}

try {
  // Highlighting colours and everything else axe checks, in both schemes.
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await open(context, LESSON);
    const classes = await page.evaluate(() => new Set([...document.querySelectorAll('[class^="hl-"]')].map((e) => e.className)).size);
    check(classes >= 25, `${scheme}: the page holds every token class (${classes})`);
    const highlighted = await page.evaluate(() => {
      const keyword = document.querySelector('code.language-python .hl-keyword');
      const code = document.querySelector('code.language-python');
      return keyword && getComputedStyle(keyword).color !== getComputedStyle(code).color;
    });
    check(highlighted, `${scheme}: Python keywords are coloured apart from the code`);
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    check(result.length === 0, `${scheme}: axe finds no violation${result.length ? ` (${result.join('; ')})` : ''}`);
    // A quiz with math in its prompt, choices and feedback.
    const quiz = await open(context, '/quizzes/roots/');
    await quiz.addScriptTag({ content: axe.source });
    const quizResult = await quiz.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return { violations: r.violations.map((v) => v.id), math: document.querySelectorAll('[data-question-id] math').length };
    });
    check(quizResult.math >= 3 && quizResult.violations.length === 0, `${scheme}: a quiz with math is accessible (${quizResult.math} formulas; ${quizResult.violations.join(', ') || 'no violation'})`);
    await context.close();
  }

  // The copy button: keyboard, what it copies, the announcement.
  {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await open(context, LESSON);
    const buttons = await page.locator('[data-action="copy"]').count();
    const blocks = await page.locator('.code').count();
    check(buttons === blocks && blocks >= 7, `every code block has a copy button (${buttons} of ${blocks})`);
    check(await page.locator('[data-action="copy"]').first().isVisible(), 'the copy button shows once the script runs');
    const first = page.locator('figure.code[data-lang="python"] [data-action="copy"]');
    await first.focus();
    check(await first.evaluate((b) => b === document.activeElement), 'the copy button takes keyboard focus');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-copy-status]')?.textContent === 'Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const written = await page.evaluate(() => document.querySelector('figure.code[data-lang="python"] code').textContent.replace(/\n$/, ''));
    check(copied === written && copied.startsWith('import numpy as np\n\ndef fit'), 'Enter copies the code as written');
    const status = await page.evaluate(() => {
      const s = document.querySelector('[data-copy-status]');
      return { role: s.getAttribute('role'), text: s.textContent };
    });
    check(status.role === 'status' && status.text === 'Copied', 'a live region announces "Copied"');
    check((await first.textContent()).startsWith('Copied'), 'the button says "Copied"');
    await page.locator('.code[data-lang="console"] [data-action="copy"]').click();
    await page.waitForTimeout(100);
    const commands = await page.evaluate(() => navigator.clipboard.readText());
    check(commands === 'wc -l data/*.csv\necho done', `a console block copies its commands only (${JSON.stringify(commands)})`);
    await context.close();
  }

  // Callouts and folding without JavaScript.
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await open(context, LESSON);
    const kinds = await page.evaluate(() => [...document.querySelectorAll('[data-callout]')].map((c) => c.dataset.callout));
    check(['note', 'tip', 'important', 'warning', 'caution', 'exercise', 'hint', 'solution', 'example', 'discussion'].every((k) => kinds.includes(k)), `every kind is on the page (${kinds.join(', ')})`);
    check(!kinds.includes('instructor'), 'no instructor note without --instructor');
    const solution = page.locator('details[data-callout="solution"]');
    check(!(await solution.evaluate((d) => d.open)), 'a solution starts folded');
    check(!(await page.locator('details[data-callout="solution"] .callout-body').isVisible()), 'its text is hidden');
    await page.locator('details[data-callout="solution"] > summary').click();
    check(await page.locator('details[data-callout="solution"] .callout-body').isVisible(), 'clicking its summary shows it, with no script');
    check(await page.locator('details[data-callout="example"]').evaluate((d) => d.open), 'a "+" callout starts open');
    const exercise = await page.evaluate(() => {
      const e = document.getElementById('exercise-1');
      return e && { callout: e.dataset.callout, label: e.getAttribute('aria-label'), tag: e.tagName };
    });
    check(exercise && exercise.callout === 'exercise' && exercise.label === 'Exercise 1: Count the allies' && exercise.tag === 'SECTION', 'the exercise is a named region with the anchor #exercise-1');
    const note = await page.evaluate(() => {
      const n = document.querySelector('[data-callout="warning"]');
      return { role: n.getAttribute('role'), label: n.getAttribute('aria-label'), name: n.querySelector('.callout-name').textContent };
    });
    check(note.role === 'note' && note.label === 'Warning' && note.name === 'Warning', 'a warning is a note named in words, not by colour alone');
    await context.close();
  }

  // Math: MathML, shown, and exposed to assistive technology.
  {
    const context = await browser.newContext();
    const page = await open(context, LESSON);
    const math = await page.evaluate(() => {
      const all = [...document.querySelectorAll('[data-content] math')];
      return { count: all.length, visible: all.every((m) => m.getBoundingClientRect().height > 5), block: document.querySelectorAll('[data-content] math[display="block"]').length };
    });
    check(math.count === 3 && math.block === 2 && math.visible, `math is MathML and visible (${math.count} formulas, ${math.block} displayed)`);
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const mathNodes = nodes.filter((n) => n.role?.value === 'MathMLMath' && !n.ignored);
    const named = mathNodes.filter((n) => (n.name?.value || '').trim().length > 0);
    const onPage = await page.evaluate(() => document.querySelectorAll('math').length);
    check(mathNodes.length === onPage && onPage >= 5, `every formula is a math node in the accessibility tree (${mathNodes.length} of ${onPage}, the definition's included)`);
    check(named.length === mathNodes.length, `each has an accessible name (${named.map((n) => JSON.stringify(n.name.value.slice(0, 30))).join(', ')})`);
    await context.close();
  }

  // Figures.
  {
    const context = await browser.newContext();
    const page = await open(context, LESSON);
    const figure = await page.evaluate(() => {
      const f = document.querySelector('figure.figure');
      const img = f?.querySelector('img');
      return f && {
        caption: f.querySelector('figcaption').innerHTML,
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
        src: img.getAttribute('src'),
        loaded: img.complete && img.naturalWidth > 0,
      };
    });
    check(figure && figure.caption === 'A <em>circle</em>, drawn beside its lesson', 'the image is a figure with its caption');
    check(figure && figure.width === '240' && figure.height === '120', 'the image has its size from the file');
    check(figure && figure.src === '/files/lessons/01-writing/fig/shape.svg' && figure.loaded, 'the file beside the lesson is published and loads');
    await context.close();
  }

  // Partial credit, and what a partly right answer is told.
  {
    const context = await browser.newContext();
    const page = await open(context, '/quizzes/roots/');
    const q = '[data-question-id="what-prints"]';
    await page.check(`${q} input[data-choice][value="0"]`);
    await page.click(`${q} [data-action="check"]`);
    const partial = await page.evaluate((sel) => {
      const f = document.querySelector(`${sel} [data-feedback]`);
      return { text: f.textContent, code: !!f.querySelector('.choice-text code') };
    }, q);
    check(partial.text.startsWith('Partly right. 0.5 of 1 point.'), `one of two right choices earns half with partial: true (${partial.text.slice(0, 40)})`);
    check(/missed 1 correct choice/.test(partial.text) && /each wrong choice takes one share away/.test(partial.text), 'it says what was missing and how it was scored');
    check(partial.code, 'the feedback repeats the choice with its code formatting');
    const w = '[data-question-id="whole-only"]';
    await page.check(`${w} input[data-choice][value="0"]`);
    await page.click(`${w} [data-action="check"]`);
    const whole = await page.textContent(`${w} [data-feedback]`);
    check(whole.startsWith('Not right. 0 of 1 point.') && /only when the whole answer is right/.test(whole), `without partial, a part earns nothing and says why (${whole.slice(0, 60)})`);
    check(await page.evaluate(() => document.querySelector('[data-score]').textContent) === '0.5/3', 'the score adds the half point');
    const stored = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('syllabus-progress'));
      return JSON.parse(localStorage.getItem(key) || '{}');
    });
    const shares = Object.values(stored.quizzes || {})[0]?.questions || {};
    check(shares['what-prints'] === 0.5 && shares['whole-only'] === false, `the share is kept in the learner's progress (${JSON.stringify(shares)})`);
    await context.close();
  }

  // The outline: beside the text and following the reader on a wide screen, folded above
  // the text on a phone.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context, LESSON);
    const facts = await page.evaluate(() => {
      const nav = document.querySelector('nav[data-outline]');
      const article = document.querySelector('article');
      const sections = [...document.querySelectorAll('[data-content] h2, [data-content] h3')].map((h) => '#' + h.id);
      return {
        label: nav?.getAttribute('aria-label'),
        links: [...nav.querySelectorAll('a')].map((a) => a.getAttribute('href')),
        sections,
        beside: nav.getBoundingClientRect().left >= article.getBoundingClientRect().right,
        open: nav.querySelector('details').open,
      };
    });
    check(facts.label === 'On this page', 'the outline is a nav named "On this page"');
    check(JSON.stringify(facts.links) === JSON.stringify(facts.sections), `one link per section, in order (${facts.links.join(' ')})`);
    check(facts.beside && facts.open, 'on a wide screen it is open beside the text');
    await page.evaluate(() => document.getElementById('callouts').scrollIntoView());
    // The theme scrolls smoothly: wait for the scroll to end.
    await page.waitForFunction(() => Math.abs(document.getElementById('callouts').getBoundingClientRect().top) < 2, null, { timeout: 5000 }).catch(() => {});
    await page.waitForTimeout(100);
    const followed = await page.evaluate(() => {
      const nav = document.querySelector('nav[data-outline]').getBoundingClientRect();
      return { top: nav.top, current: document.querySelector('nav[data-outline] a[aria-current]')?.getAttribute('href') };
    });
    check(followed.top >= 0 && followed.top < 100, `it follows the reader (top ${Math.round(followed.top)} px)`);
    check(followed.current === '#callouts', `the section in view is marked (${followed.current})`);
    await context.close();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await open(phone, LESSON);
    const folded = await small.evaluate(() => {
      const nav = document.querySelector('nav[data-outline]');
      return { open: nav.querySelector('details').open, above: nav.getBoundingClientRect().bottom <= document.querySelector('[data-content]').getBoundingClientRect().top };
    });
    check(!folded.open && folded.above, 'on a phone it is folded above the text');
    await small.tap('nav[data-outline] summary');
    await small.tap('nav[data-outline] a[href="#math"]');
    await small.waitForTimeout(300);
    const after = await small.evaluate(() => ({ hash: location.hash, open: document.querySelector('nav[data-outline] details').open }));
    check(after.hash === '#math' && !after.open, 'a section chosen there opens it and folds the outline again');
    await phone.close();
  }

  // The header: only the lists the course has, one line at 1280 px with the rest under
  // "More", and on a phone a menu button, the header at most about 120 px.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await open(context, LESSON);
    const wide = await page.evaluate(() => {
      const shown = [...document.querySelectorAll('.site-nav > details > ul > li > a, .nav-more summary')];
      const tops = new Set(shown.map((e) => Math.round(e.getBoundingClientRect().top)));
      return {
        titles: [...document.querySelectorAll('.site-nav a')].map((a) => a.textContent.trim()),
        lines: tops.size,
        more: document.querySelectorAll('.nav-more a').length,
        header: document.querySelector('.site-header').getBoundingClientRect().height,
      };
    });
    check(!wide.titles.includes('Readings') && wide.titles.includes('Quizzes'), `only the lists the course has (${wide.titles.slice(0, 4).join(', ')}, ...)`);
    check(wide.lines === 1 && wide.more >= 5, `at 1280 px the navigation is one line, ${wide.more} links under "More"`);
    check(wide.header < 100, `at 1280 px the header is one line (${Math.round(wide.header)} px)`);
    await page.click('.nav-more summary');
    check(await page.locator('.nav-more a').first().isVisible(), '"More" opens its links');
    await context.close();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await open(phone, LESSON);
    const narrow = await small.evaluate(() => ({
      header: document.querySelector('.site-header').getBoundingClientRect().height,
      hidden: [...document.querySelectorAll('.site-nav a')].every((a) => !a.checkVisibility({ contentVisibilityAuto: true })),
    }));
    check(narrow.header <= 125 && narrow.hidden, `on a phone the links wait behind a menu button, the header ${Math.round(narrow.header)} px`);
    await small.tap('.nav-toggle');
    const opened = await small.evaluate(() => [...document.querySelectorAll('.site-nav a')].filter((a) => a.checkVisibility()).length);
    check(opened >= 10, `the menu shows every link, "More" ones included (${opened})`);
    await phone.close();
  }

  // A phone: long code and long math scroll inside their boxes, never the page.
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, colorScheme: scheme });
    const page = await open(context, LESSON);
    const widths = await page.evaluate(() => {
      const pre = [...document.querySelectorAll('.code pre')].find((p) => p.textContent.includes('value_59'));
      const math = [...document.querySelectorAll('.math-display')].pop();
      return {
        page: document.documentElement.scrollWidth,
        view: window.innerWidth,
        pre: [pre.scrollWidth, pre.clientWidth, getComputedStyle(pre).overflowX],
        math: [math.scrollWidth, math.clientWidth, getComputedStyle(math).overflowX],
      };
    });
    check(widths.page <= widths.view, `${scheme} 360 px: the page does not scroll sideways (${widths.page} <= ${widths.view})`);
    check(widths.pre[0] > widths.pre[1] && widths.pre[2] === 'auto', `${scheme} 360 px: the long code line scrolls inside its block`);
    check(widths.math[0] > widths.math[1] && widths.math[2] === 'auto', `${scheme} 360 px: the long formula scrolls inside its box`);
    await context.close();
  }

  // --instructor: the notes are there, in a style of their own.
  {
    const instructorServer = await serve(opts['instructor-site']);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${instructorServer.address().port}${LESSON}`);
    const note = await page.evaluate(() => {
      const n = document.querySelector('[data-callout="instructor"]');
      return n && { text: n.textContent, style: getComputedStyle(n).borderTopStyle };
    });
    check(note && note.text.includes('wombatinstructor') && note.style === 'dashed', 'with --instructor the instructor note shows, dashed');
    await context.close();
    instructorServer.close();
  }

  check(foreign.length === 0, `no request to another host${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
  check(errors.length === 0, `no script error${errors.length ? `: ${errors.join('; ')}` : ''}`);
} finally {
  await browser.close();
  server.close();
}

console.log(failures ? `content: ${failures} check(s) failed` : 'content: all checks passed');
process.exit(failures ? 1 : 0);
