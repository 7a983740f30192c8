#!/usr/bin/env node
// Checks that the browser turns text into the same terms as the Rust index does, in every
// language with a stemmer, and picks the same plural forms as the build.
//
//   node tests/browser/terms.mjs CASES.json
//
// CASES.json, written by tests/browser.rs from the Rust side:
//   {"languages": [{"stem": NAME, "cases": [[text, [term, ...]], ...]}, ...],
//    "plurals": [{"tag": TAG, "plural": LOCALE, "rust": [[n, category], ...]}, ...]}
// Loads every templates/stemmers/*.js, then templates/search.js (outside a browser it only
// defines window.syllabusSearch) and templates/strings.js. Exit status 0: all equal.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const templates = path.join(here, '../../templates');
const sandbox = { URL, Intl };
vm.createContext(sandbox);
const stemmers = path.join(templates, 'stemmers');
for (const file of fs.readdirSync(stemmers).sort()) {
  vm.runInContext(fs.readFileSync(path.join(stemmers, file), 'utf8'), sandbox, { filename: file });
}
vm.runInContext(fs.readFileSync(path.join(templates, 'search.js'), 'utf8'), sandbox);
const { terms } = sandbox.syllabusSearch;
const stringsSource = fs.readFileSync(path.join(templates, 'strings.js'), 'utf8');

const { languages, plurals } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const { stem, cases } of languages) {
  const wrong = [];
  for (const [text, expected] of cases) {
    const got = terms(text, stem);
    if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(text)}: Rust ${JSON.stringify(expected)}, JS ${JSON.stringify(got)}`);
  }
  for (const w of wrong.slice(0, 20)) console.log(`FAIL  ${stem}: ${w}`);
  console.log(`${stem}: ${cases.length - wrong.length} passed, ${wrong.length} failed`);
  failed += wrong.length;
}
for (const { tag, plural, rust } of plurals) {
  const box = { Intl };
  vm.createContext(box);
  const data = `var data = ${JSON.stringify({ lang: tag, plural, dir: 'ltr', texts: {} })};`;
  vm.runInContext(stringsSource.replace("var data = { lang: 'en', plural: 'en', dir: 'ltr', texts: {} };", data), box);
  const wrong = rust.filter(([n, category]) => box.syllabusStrings.category(n) !== category);
  for (const [n, category] of wrong.slice(0, 10)) console.log(`FAIL  plural ${tag} (${plural}) ${n}: Rust ${category}, JS ${box.syllabusStrings.category(n)}`);
  failed += wrong.length;
}
console.log(`plurals: ${plurals.length} languages compared`);
process.exit(failed ? 1 : 0);
