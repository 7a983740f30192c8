#!/usr/bin/env node
// Checks that search.js turns text into the same terms as the Rust index does.
//
//   node tests/browser/terms.mjs CASES.json
//
// CASES.json: {"stem": "english" or "", "cases": [[text, [term, ...]], ...]}, written by
// tests/browser.rs from the Rust tokenizer. Loads templates/search.js outside a browser
// (it then only defines window.syllabusSearch) and compares. Exit status 0 all equal.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(here, '../../templates/search.js'), 'utf8');
const sandbox = { URL };
vm.createContext(sandbox);
vm.runInContext(source, sandbox);
const { terms } = sandbox.syllabusSearch;

const { stem, cases } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wrong = [];
for (const [text, expected] of cases) {
  const got = terms(text, stem);
  if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(text)}: Rust ${JSON.stringify(expected)}, JS ${JSON.stringify(got)}`);
}
for (const w of wrong.slice(0, 40)) console.log(`FAIL  ${w}`);
console.log(`${cases.length - wrong.length} passed, ${wrong.length} failed`);
process.exit(wrong.length ? 1 : 0);
