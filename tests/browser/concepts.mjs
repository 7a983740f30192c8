#!/usr/bin/env node
// Browser test of concept links in a site built by syllabus.
//
//   node tests/browser/concepts.mjs --site DIR
//
// On a lesson with concept links it checks that hovering, focusing (keyboard) and
// tapping (touch) a concept link shows a preview with the concept's term and
// definition, that the link points to the preview with aria-describedby while it is
// shown, that Escape and moving away hide it, that a second tap follows the link,
// and that without JavaScript the definitions are on the page as a plain list. On
// /concepts/ it checks the concept map: one SVG link per concept, to its page, drawn
// in the theme's colours in light and dark mode. Exit status 0 passed, 1 failed.

import fs from 'node:fs';
import path from 'node:path';
import { launch, serve } from './lib.mjs';

const args = process.argv.slice(2);
const site = path.resolve(args[args.indexOf('--site') + 1] || 'public');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`concepts: ${site} has no index.html; build the site first`);
  process.exit(2);
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures.push(what);
}

/** A lesson whose text has a concept link with its definition under "Concepts on this page". */
function findLesson() {
  const dir = path.join(site, 'lessons');
  for (const name of fs.readdirSync(dir).sort()) {
    const html = fs.readFileSync(path.join(dir, name, 'index.html'), 'utf8');
    const section = html.indexOf('id="concept-definitions"');
    if (section < 0) continue;
    for (const m of html.slice(0, section).matchAll(/class="concept-link" data-concept="([^"]+)"/g)) {
      if (html.slice(section).includes(`data-definition-of="${m[1]}"`)) return { url: `/lessons/${name}/`, concept: m[1] };
    }
  }
  return null;
}

async function tooltip(page) {
  return page.evaluate(() => {
    const tip = document.getElementById('concept-tip');
    return tip && !tip.hidden ? tip.textContent : null;
  });
}

async function main() {
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launch();
  const errors = [];
  try {
    const lesson = findLesson();
    check(lesson !== null, 'a lesson has a concept link with its definition on the page');
    if (!lesson) return;
    const selector = `.prose a.concept-link[data-concept="${lesson.concept}"]`;

    // Mouse and keyboard.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(base + lesson.url);
    const expected = await page.evaluate((id) => {
      const item = document.querySelector(`[data-definition-of="${id}"]`);
      return { term: item.querySelector('dt').textContent.trim(), definition: item.querySelector('dd').textContent.trim() };
    }, lesson.concept);
    check((await tooltip(page)) === null, 'no preview before any interaction');
    await page.hover(selector);
    const shown = await tooltip(page);
    check(shown !== null && shown.includes(expected.term) && shown.includes(expected.definition), `hover shows "${expected.term}" and its definition`);
    check((await page.getAttribute(selector, 'aria-describedby')) === 'concept-tip', 'the link is described by the preview while it shows');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    check((await tooltip(page)) === null, 'moving away hides the preview');
    await page.focus(selector);
    check((await tooltip(page)) !== null, 'keyboard focus shows the preview');
    const role = await page.evaluate(() => document.getElementById('concept-tip').getAttribute('role'));
    check(role === 'tooltip', 'the preview has role=tooltip');
    await page.keyboard.press('Escape');
    check((await tooltip(page)) === null, 'Escape hides the preview');
    check((await page.getAttribute(selector, 'aria-describedby')) === null, 'no aria-describedby once hidden');
    await page.close();

    // Touch: the first tap previews, the second follows the link.
    const touch = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    const phone = await touch.newPage();
    phone.on('pageerror', (e) => errors.push(String(e)));
    await phone.goto(base + lesson.url);
    await phone.tap(selector);
    await phone.waitForTimeout(200);
    check(new URL(phone.url()).pathname === lesson.url, 'the first tap stays on the page');
    check((await tooltip(phone)) !== null, 'the first tap shows the preview');
    await Promise.all([phone.waitForNavigation(), phone.tap(selector)]);
    check(new URL(phone.url()).pathname === `/concepts/${lesson.concept}/`, 'the second tap opens the concept page');
    await touch.close();

    // Without JavaScript: a plain list of the page's concepts and definitions.
    const nojs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await nojs.newPage();
    await plain.goto(base + lesson.url);
    const box = await plain.evaluate((id) => {
      const section = document.getElementById('concept-definitions');
      const item = document.querySelector(`[data-definition-of="${id}"]`);
      const visible = (el) => !!el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden';
      return { visible: visible(section) && visible(item), href: document.querySelector(`a.concept-link[data-concept="${id}"]`).getAttribute('href') };
    }, lesson.concept);
    check(box.visible, 'without JavaScript the definitions are listed on the page');
    check(box.href.endsWith(`/concepts/${lesson.concept}/`), 'without JavaScript the link leads to the concept page');
    await nojs.close();

    // The concept map.
    for (const scheme of ['light', 'dark']) {
      // Light on a wide screen, dark on a phone.
      const ctx = await browser.newContext({ colorScheme: scheme, viewport: scheme === 'light' ? { width: 1280, height: 900 } : { width: 390, height: 844 } });
      const map = await ctx.newPage();
      map.on('pageerror', (e) => errors.push(String(e)));
      await map.goto(base + '/concepts/');
      const facts = await map.evaluate(() => {
        const svgs = [...document.querySelectorAll('svg.concept-map')];
        if (!svgs.length) return null;
        const links = svgs.flatMap((svg) => [...svg.querySelectorAll('a[data-concept]')]);
        const rect = svgs[0].querySelector('.map-node rect');
        const text = svgs[0].querySelector('.map-node text');
        const concepts = [...document.querySelectorAll('.concept-list dt a[data-concept]')].map((a) => a.dataset.concept);
        // No term cut short, no box crossed by a line: every line lies right of the boxes.
        const truncated = links.some((a) => a.textContent.includes('…') || a.querySelector('title').textContent.replace(/\s+/g, '') !== a.querySelector('text').textContent.replace(/\s+/g, ''));
        // In a right-to-left language the map is mirrored: the lines lie left of the boxes.
        const rtl = document.documentElement.dir === 'rtl';
        const crossed = svgs.some((svg) => {
          const boxes = [...svg.querySelectorAll('.map-node rect')].map((r) => r.getBBox());
          const right = Math.max(...boxes.map((b) => b.x + b.width));
          const left = Math.min(...boxes.map((b) => b.x));
          return [...svg.querySelectorAll('.map-edge')].some((e) => {
            const b = e.getBBox();
            return rtl ? b.x + b.width > left + 0.5 : b.x < right - 0.5;
          });
        });
        // Each term's text inside its box, whichever way the script runs.
        const spills = links.some((a) => {
          const t = a.querySelector('text').getBBox();
          const r = a.querySelector('rect').getBBox();
          return t.x < r.x - 0.5 || t.x + t.width > r.x + r.width + 0.5;
        });
        return {
          links: links.map((a) => [a.dataset.concept, a.getAttribute('href')]),
          edges: document.querySelectorAll('.map-edge').length,
          concepts,
          truncated,
          crossed,
          spills,
          headings: [...document.querySelectorAll('.map-module figcaption')].map((f) => f.textContent),
          relations: document.querySelectorAll('.map-text li a').length,
          wide: document.documentElement.scrollWidth <= window.innerWidth,
          fill: getComputedStyle(rect).fill,
          textFill: getComputedStyle(text).fill,
        };
      });
      check(facts !== null, `${scheme}: /concepts/ has a concept map`);
      if (!facts) continue;
      const linked = new Set(facts.links.map(([id]) => id));
      check(facts.concepts.length > 0 && facts.concepts.every((id) => linked.has(id)), `${scheme}: every concept is a node of the map`);
      check(facts.links.every(([id, href]) => href.endsWith(`/concepts/${id}/`)), `${scheme}: each node links to its concept page`);
      check(facts.edges > 0, `${scheme}: related concepts are joined by lines`);
      check(!facts.truncated && !facts.crossed, `${scheme}: every term whole, no line through a box`);
      check(!facts.spills, `${scheme}: every term inside its box`);
      check(facts.headings.length > 1 && facts.headings.every((h) => !h.includes('…')), `${scheme}: a map per module, titles whole (${facts.headings.join(' | ')})`);
      check(facts.relations > facts.concepts.length, `${scheme}: the map as a list gives every concept and its relations (${facts.relations} links)`);
      check(facts.wide, `${scheme}: the maps fit the screen`);
      const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0) < 3 * 128;
      check(dark(facts.fill) === (scheme === 'dark') && dark(facts.textFill) !== (scheme === 'dark'), `${scheme}: map colours follow the scheme (${facts.fill} on ${facts.textFill})`);
      await ctx.close();
    }
    check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main()
  .then(() => {
    console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall concept checks passed');
    process.exit(failures.length ? 1 : 0);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
