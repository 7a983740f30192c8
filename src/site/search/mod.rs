//! Search index: from the text the render stage kept, builds the files `search.js` loads
//! under `/search/` once a learner starts searching: a manifest, term shards (an inverted
//! index cut into small files by term range) and page metadata in chunks. Ours rather
//! than Pagefind's: Pagefind indexes the built HTML, a second parse of every page, and
//! adds some 96 s to a clean compile; this index reuses the Markdown pass's text.
//!
//! Format (version 2), every file JSON:
//! - `search/index.json`: `{version, v, stem, docs, chunk, kinds: [[kind, first, end]],
//!   shards: [first term of each shard]}`; `v`, the build id, changes whenever any file
//!   does. The same manifest is put at the top of `assets/search.js` ([`embed`]), so a
//!   first query needs no request for it.
//! - `search/t/N.json`: `{v, terms: {term: [max, postings]}}` for a range of terms in
//!   code point order. `postings` lists the pages holding the term: for each, the gap
//!   from the previous page id (first: the id plus one) as base-32 digits, least
//!   significant first, each digit `+32` when more follow, then the page's score for the
//!   term, 0 to 63 of `max` (BM25 with field weights); every digit is one character of
//!   [`DIGITS`].
//! - `search/d/N.json`: `{v, pages: [[kind, title, path, lead]]}` for pages `N * chunk ..`,
//!   `path` relative to the base URL, `lead` the start of its text for the result snippet.
//!
//! Shards and pages are fetched with `?v=` and carry `v` themselves, so a browser that
//! kept a `search.js` of an older build finds out at its first file and fetches the
//! manifest; no browser mixes two builds.

pub mod tokenize;

use std::sync::Arc;

use rayon::prelude::*;

use crate::util::html::script_json;
use serde::Serialize;

use crate::common::Kind;
use crate::common::PageKey;
use crate::content::model::targets;
use crate::index::SiteIndex;
use crate::site::bodies::{Bodies, Texts};
use crate::site::search::tokenize::{Piece, Tokenizer, pieces};
use crate::util::hash::fingerprint;

/// Pages per metadata file.
pub const CHUNK: usize = 32;
/// A term shard is closed once it holds about this many bytes.
pub const SHARD_BYTES: usize = 16 * 1024;
/// Characters of a page's text kept for its snippet.
const LEAD_CHARS: usize = 200;
/// The 64 digits of postings, safe in JSON strings and URLs.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
/// Page kinds in page-id order: the manifest gives each kind's id range.
const KINDS: [Kind; 6] = [Kind::Concept, Kind::Lesson, Kind::Article, Kind::Module, Kind::Page, Kind::Quiz];

/// Field weights: a word in a title counts as this many in running text.
const TITLE: f32 = 6.0;
const SUMMARY: f32 = 2.0;
const TERMS: f32 = 3.0;
const BODY: f32 = 1.0;

/// One page as search sees it.
struct Doc<'a> {
    kind: Kind,
    title: &'a str,
    path: &'a str,
    /// Texts with their weights.
    fields: Vec<(&'a str, f32)>,
    /// The body's running text, owned so it is freed as soon as it is counted.
    body: String,
    lead: String,
}

/// A term and the pages that hold it: (page id, weighted count), by page id.
type Postings = (Arc<str>, Vec<(u32, Count)>);

/// A term's weighted count on a page, and whether the page's title (or a concept's term or
/// alias) holds it: the sign carries that, so a posting stays eight bytes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Count(f32);

impl Count {
    fn new(weighted: f32, in_title: bool) -> Count {
        Count(if in_title { -weighted } else { weighted })
    }

    fn weighted(self) -> f32 {
        self.0.abs()
    }

    fn in_title(self) -> bool {
        self.0 < 0.0
    }
}

/// Every file of the search index: site path and bytes.
pub fn files(index: &SiteIndex, bodies: &mut Bodies) -> Vec<(String, Vec<u8>)> {
    let tokenizer = Tokenizer::new(&index.course.config.language);
    let mut texts = bodies.take_texts();
    let mut docs = docs(index, bodies, &mut texts);
    let (terms, lens) = invert(count_all(&tokenizer, &mut docs));
    let lessons = kind_ranges(&docs)
        .into_iter()
        .find(|(kind, _, _)| *kind == Kind::Lesson.name())
        .map_or(0..0, |(_, first, end)| first as u32..end as u32);
    let shards = shards(&terms, &lens, &lessons);
    let chunks: Vec<Vec<u8>> = docs.par_chunks(CHUNK).map(chunk).collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + chunks.len() + 1);
    let mut firsts = Vec::with_capacity(shards.len());
    for (i, (first, bytes)) in shards.into_iter().enumerate() {
        firsts.push(first.to_string());
        files.push((format!("search/t/{i}.json"), bytes));
    }
    files.extend(chunks.into_iter().enumerate().map(|(i, bytes)| (format!("search/d/{i}.json"), bytes)));
    let version = version(&files);
    files.par_iter_mut().for_each(|(path, bytes)| {
        let key = if path.starts_with("search/t/") { "terms" } else { "pages" };
        *bytes = [format!("{{\"v\":\"{version}\",\"{key}\":").as_bytes(), bytes, b"}"].concat();
    });
    let manifest = Manifest {
        version: 2,
        v: version,
        stem: tokenizer.stemmer_name(),
        docs: docs.len(),
        chunk: CHUNK,
        kinds: kind_ranges(&docs),
        shards: firsts,
    };
    files.push(("search/index.json".into(), safe_json(&manifest)));
    files
}

/// The index's files again as scripts, for a site opened from disk (`build --relative`),
/// where a browser fetches no file: `search/t/0.js` calls `syllabusSearchFile("t/0.json",
/// {...})`, which search.js defines before it adds the script to the page.
pub fn scripts(files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter_map(|(path, bytes)| {
            let name = path.strip_prefix("search/")?.strip_suffix(".json")?;
            let head = format!("window.syllabusSearchFile(\"{name}.json\",");
            Some((format!("search/{name}.js"), [head.as_bytes(), bytes, b");\n"].concat()))
        })
        .collect()
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    v: String,
    stem: &'static str,
    docs: usize,
    chunk: usize,
    kinds: Vec<(&'a str, usize, usize)>,
    shards: Vec<String>,
}

/// Every indexed page, grouped by kind in `KINDS` order. Quizzes give their title and
/// prompts only: never choices, answers, feedback or explanations.
fn docs<'a>(index: &'a SiteIndex, bodies: &'a Bodies, texts: &mut Texts) -> Vec<Doc<'a>> {
    let c = index.course;
    let mut docs = Vec::new();
    for kind in KINDS {
        for i in 0..c.ids(kind).len() {
            let key = PageKey::new(kind, i);
            let take = |list: &mut Vec<String>| list.get_mut(i).map(std::mem::take).unwrap_or_default();
            let (fields, body, lead) = match kind {
                Kind::Concept => concept_fields(index, bodies, i, take(&mut texts.concepts)),
                Kind::Lesson => lesson_fields(index, bodies, i, take(&mut texts.lessons)),
                Kind::Article => {
                    let a = &c.articles[i];
                    let text = take(&mut texts.articles);
                    let names = a.authors.iter().map(|n| (n.name(), SUMMARY));
                    let fields = [(a.title.as_str(), TITLE), (a.summary.as_str(), SUMMARY)]
                        .into_iter()
                        .chain(names)
                        .chain([(a.publication.as_str(), SUMMARY)])
                        .collect();
                    let lead = lead(&[&a.summary, &text]);
                    (fields, text, lead)
                }
                Kind::Module => {
                    let m = &c.modules[i];
                    let text = take(&mut texts.modules);
                    let lead = lead(&[&m.summary, &text]);
                    (vec![(m.title.as_str(), TITLE), (m.summary.as_str(), SUMMARY)], text, lead)
                }
                Kind::Page => {
                    let text = take(&mut texts.pages);
                    let lead = lead(&[&text]);
                    (vec![(c.pages[i].title.as_str(), TITLE)], text, lead)
                }
                Kind::Quiz => {
                    let prompts = bodies.quizzes[i].questions.iter().map(|q| (q.prompt_text.as_str(), BODY));
                    let fields: Vec<(&str, f32)> =
                        [(c.quizzes[i].title.as_str(), TITLE)].into_iter().chain(prompts).collect();
                    let first: Vec<&str> = fields[1..].iter().map(|f| f.0).collect();
                    let lead = lead(&first);
                    (fields, String::new(), lead)
                }
            };
            docs.push(Doc { kind, title: index.title(key), path: index.site_path(key), fields, body, lead });
        }
    }
    docs
}

type Fields<'a> = (Vec<(&'a str, f32)>, String, String);

fn concept_fields<'a>(index: &'a SiteIndex, bodies: &'a Bodies, i: usize, text: String) -> Fields<'a> {
    let concept = &index.course.concepts[i];
    let definition = bodies.definitions[i].plain.as_str();
    let mut fields = vec![(concept.term.as_str(), TITLE), (definition, SUMMARY)];
    fields.extend(concept.aliases.iter().map(|a| (a.as_str(), TITLE)));
    let lead = lead(&[definition, &text]);
    (fields, text, lead)
}

/// A lesson's fields: the terms of the concepts it introduces count, so a concept's term
/// finds the lesson that teaches it.
fn lesson_fields<'a>(index: &'a SiteIndex, bodies: &'a Bodies, i: usize, text: String) -> Fields<'a> {
    let c = index.course;
    let lesson = &c.lessons[i];
    let rendered = &bodies.lesson_fields[i];
    let summary = rendered.summary.as_ref().map_or("", |s| s.text.as_str());
    let mut fields = vec![(lesson.title.as_str(), TITLE), (summary, SUMMARY)];
    fields.extend(rendered.objectives.iter().chain(&rendered.keypoints).map(|o| (o.text.as_str(), SUMMARY)));
    fields.extend(targets(&lesson.concepts).map(|k| (c.concepts[k].term.as_str(), TERMS)));
    let lead = lead(&[summary, &text]);
    (fields, text, lead)
}

/// The first texts that are not empty, joined, whitespace collapsed, cut at a word
/// boundary near `LEAD_CHARS`.
fn lead(texts: &[&str]) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in texts.iter().flat_map(|t| t.split_whitespace()) {
        let n = word.chars().count();
        if chars + n > LEAD_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(LEAD_CHARS));
            }
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += n;
    }
    out
}

/// FxHash: the index hashes every word of the course, and needs no protection from
/// adversarial keys.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// One worker's terms: each normalised piece seen maps to the id of its term (its stem),
/// so a word is stemmed once per worker however often the course uses it.
#[derive(Default)]
struct Terms {
    /// Pieces of up to 16 bytes, packed into one number ([`pack`]): a lookup compares
    /// numbers instead of following a pointer to compare strings.
    short: FxMap<u128, u32>,
    /// Longer pieces.
    long: FxMap<Box<str>, u32>,
    by_term: FxMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
    /// Weighted counts of the page being counted, by term id, and the ids it touched.
    scratch: Vec<f32>,
    touched: Vec<u32>,
    /// Ids the page's title holds.
    titled: Vec<u32>,
}

impl Terms {
    fn id(&mut self, tokenizer: &Tokenizer, piece: Piece) -> u32 {
        let s = match piece {
            Piece::Word(s) | Piece::Gram(s) => s,
        };
        let packed = pack(s);
        let known = match packed {
            Some(key) => self.short.get(&key),
            None => self.long.get(s),
        };
        if let Some(&id) = known {
            return id;
        }
        let term: Arc<str> = match piece {
            Piece::Word(w) => tokenizer.stem(w).into(),
            Piece::Gram(g) => g.into(),
        };
        let next = self.terms.len() as u32;
        let id = *self.by_term.entry(term.clone()).or_insert(next);
        if id == next {
            self.terms.push(term);
            self.scratch.push(0.0);
        }
        match packed {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(s.into(), id),
        };
        id
    }

    /// Counts a page's terms, weighted by field: (worker term id, count) and the length.
    fn count(&mut self, tokenizer: &Tokenizer, doc: &Doc) -> (Vec<(u32, Count)>, f32) {
        let mut len = 0.0;
        for &(text, weight) in doc.fields.iter().chain([(doc.body.as_str(), BODY)].iter()) {
            pieces(text, &mut |p| {
                len += weight;
                let id = self.id(tokenizer, p) as usize;
                if self.scratch[id] == 0.0 {
                    self.touched.push(id as u32);
                }
                self.scratch[id] += weight;
                if weight == TITLE {
                    self.titled.push(id as u32);
                }
            });
        }
        let titled = std::mem::take(&mut self.titled);
        let counts = self
            .touched
            .drain(..)
            .map(|id| (id, Count::new(std::mem::take(&mut self.scratch[id as usize]), titled.contains(&id))))
            .collect();
        self.titled = titled;
        self.titled.clear();
        (counts, len)
    }
}

/// A piece of up to 16 bytes as one number, its bytes in order and zeros after them. No
/// piece holds a zero byte (pieces are letters, digits and marks), so two pieces get the
/// same number only if they are the same.
fn pack(piece: &str) -> Option<u128> {
    let bytes = piece.as_bytes();
    (bytes.len() <= 16).then(|| {
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(buf)
    })
}

/// The pages a worker counted (a run of consecutive page ids) with its terms.
struct Counted {
    first: usize,
    terms: Terms,
    pages: Vec<Vec<(u32, Count)>>,
    lens: Vec<f32>,
}

/// Counts every page's terms, in parallel.
fn count_all(tokenizer: &Tokenizer, docs: &mut [Doc]) -> Vec<Counted> {
    let mut parts: Vec<Counted> = docs
        .par_iter_mut()
        .enumerate()
        .fold(
            || Counted { first: usize::MAX, terms: Terms::default(), pages: Vec::new(), lens: Vec::new() },
            |mut part, (i, doc)| {
                part.first = part.first.min(i);
                let (counts, len) = part.terms.count(tokenizer, doc);
                doc.body = String::new();
                part.pages.push(counts);
                part.lens.push(len);
                part
            },
        )
        .filter(|p| !p.pages.is_empty())
        .collect();
    parts.sort_by_key(|p| p.first);
    parts
}

/// Every term with its postings, terms in code point order, postings by page id; and
/// each page's weighted length.
fn invert(parts: Vec<Counted>) -> (Vec<Postings>, Vec<f32>) {
    let mut global: FxMap<Arc<str>, u32> = FxMap::default();
    let mut terms: Vec<Postings> = Vec::new();
    let mut lens = Vec::new();
    let mut page = 0u32;
    for part in parts {
        let to_global: Vec<u32> = part
            .terms
            .terms
            .iter()
            .map(|t| {
                let next = terms.len() as u32;
                let id = *global.entry(t.clone()).or_insert(next);
                if id == next {
                    terms.push((t.clone(), Vec::new()));
                }
                id
            })
            .collect();
        for counts in part.pages {
            for (local, tf) in counts {
                terms[to_global[local as usize] as usize].1.push((page, tf));
            }
            page += 1;
        }
        lens.extend(part.lens);
    }
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (terms, lens)
}

/// Encodes every term's postings and packs them into shards of about `SHARD_BYTES`:
/// each shard's first term and its bytes.
fn shards(terms: &[Postings], lens: &[f32], lessons: &std::ops::Range<u32>) -> Vec<(Arc<str>, Vec<u8>)> {
    let n = lens.len() as f32;
    let avg = lens.iter().sum::<f32>() / n.max(1.0);
    let encoded: Vec<String> = terms
        .par_iter()
        .map(|(term, postings)| {
            let (max, code) = encode(postings, n, avg, lens, lessons);
            let mut entry = script_json(&serde_json::to_string(term.as_ref()).unwrap_or_default());
            entry.push_str(&format!(":[{max},\"{code}\"]"));
            entry
        })
        .collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut first: Option<Arc<str>> = None;
    for ((term, _), entry) in terms.iter().zip(&encoded) {
        if !current.is_empty() && current.len() + entry.len() > SHARD_BYTES {
            out.push(close_shard(&mut current, &mut first));
        }
        current.push(if current.is_empty() { '{' } else { ',' });
        current.push_str(entry);
        first.get_or_insert_with(|| term.clone());
    }
    if !current.is_empty() {
        out.push(close_shard(&mut current, &mut first));
    }
    out
}

fn close_shard(current: &mut String, first: &mut Option<Arc<str>>) -> (Arc<str>, Vec<u8>) {
    current.push('}');
    let bytes = std::mem::take(current).into_bytes();
    (first.take().unwrap_or_else(|| "".into()), bytes)
}

/// Scores of one term's postings, scaled to 0..63 of their maximum, and the postings in
/// the format above. Returns the maximum, rounded. A score is the term's BM25 weight (its
/// idf) times a rank: 2 when the page's title holds the term, plus 1 for a lesson (where
/// learners go), plus how much of the page is the term (BM25's saturated count, k1 1.2,
/// b 0.75, below 1). So a title match outranks a mention, and a lesson a concept or module
/// matched as well.
fn encode(postings: &[(u32, Count)], n: f32, avg: f32, lens: &[f32], lessons: &std::ops::Range<u32>) -> (f32, String) {
    let df = postings.len() as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    let scores: Vec<f32> = postings
        .iter()
        .map(|&(doc, count)| {
            let tf = count.weighted();
            let norm = 1.2 * (0.25 + 0.75 * lens[doc as usize] / avg.max(1.0));
            let title = if count.in_title() { 2.0 } else { 0.0 };
            let lesson = if lessons.contains(&doc) { 1.0 } else { 0.0 };
            idf * (title + lesson + tf / (tf + norm))
        })
        .collect();
    let max = scores.iter().copied().fold(0.0f32, f32::max);
    let max = (max * 1000.0).round() / 1000.0;
    let mut code = String::with_capacity(postings.len() * 2);
    let mut prev: i64 = -1;
    for (&(doc, _), score) in postings.iter().zip(scores) {
        push_number(&mut code, (i64::from(doc) - prev) as u64);
        prev = i64::from(doc);
        let q = if max > 0.0 { (score / max * 63.0).round().clamp(0.0, 63.0) as usize } else { 0 };
        code.push(char::from(DIGITS[q]));
    }
    (max, code)
}

/// A number as base-32 digits, least significant first, `+32` on all but the last.
fn push_number(out: &mut String, mut n: u64) {
    while n >= 32 {
        out.push(char::from(DIGITS[(32 | (n & 31)) as usize]));
        n >>= 5;
    }
    out.push(char::from(DIGITS[n as usize]));
}

/// One metadata file: `[kind, title, path, lead]` per page.
fn chunk(docs: &[Doc]) -> Vec<u8> {
    let rows: Vec<(&str, &str, &str, &str)> =
        docs.iter().map(|d| (d.kind.name(), d.title, d.path, d.lead.as_str())).collect();
    safe_json(&rows)
}

/// A value as JSON with markup characters escaped (`\u003c`...): page text stays inert.
fn safe_json(value: &impl serde::Serialize) -> Vec<u8> {
    script_json(&serde_json::to_string(value).unwrap_or_default()).into_bytes()
}

/// Each kind's page-id range `[kind, first, end)`, for filtering without metadata.
fn kind_ranges<'a>(docs: &[Doc<'a>]) -> Vec<(&'a str, usize, usize)> {
    let mut out: Vec<(&str, usize, usize)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.0 == d.kind.name() => last.2 = i + 1,
            _ => out.push((d.kind.name(), i, i + 1)),
        }
    }
    out
}

/// `script` (the theme's `search.js`) with the index's manifest put first, as
/// `window.syllabusSearchManifest`. The manifest's JSON escapes `<`, `>` and `&`, so it cannot end
/// the script early.
pub fn embed(script: &[u8], manifest: &[u8]) -> Vec<u8> {
    [b"window.syllabusSearchManifest = ".as_slice(), manifest, b";\n", script].concat()
}

/// The manifest among the index's files.
pub fn manifest(files: &[(String, Vec<u8>)]) -> Option<&[u8]> {
    files.iter().find(|(path, _)| path == "search/index.json").map(|(_, bytes)| bytes.as_slice())
}

/// A fingerprint of every file, for `?v=`.
fn version(files: &[(String, Vec<u8>)]) -> String {
    let all: String = files.par_iter().map(|(_, bytes)| fingerprint(bytes)).collect::<Vec<_>>().concat();
    fingerprint(all.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_short_and_long_keep_one_id_each() {
        let tokenizer = Tokenizer::new("en");
        let mut terms = Terms::default();
        let pieces = ["ab", "abc", "abcdefghijklmnop", "internationalisations", "floods", "flood"];
        let ids: Vec<u32> = pieces.iter().map(|p| terms.id(&tokenizer, Piece::Word(p))).collect();
        let again: Vec<u32> = pieces.iter().map(|p| terms.id(&tokenizer, Piece::Word(p))).collect();
        assert_eq!(ids, again);
        // "floods" and "flood" are two pieces of one term.
        assert_eq!(ids, [0, 1, 2, 3, 4, 4]);
        assert_eq!((terms.short.len(), terms.long.len()), (5, 1));
        assert_eq!(pack("abcdefghijklmnopq"), None);
        assert_ne!(pack("ab"), pack("abc"));
    }

    fn decode(code: &str) -> Vec<(u64, usize)> {
        let digit = |c: u8| DIGITS.iter().position(|&d| d == c).unwrap() as u64;
        let bytes = code.as_bytes();
        let (mut out, mut i, mut prev) = (Vec::new(), 0, -1i64);
        while i < bytes.len() {
            let (mut n, mut shift) = (0u64, 0);
            loop {
                let d = digit(bytes[i]);
                i += 1;
                n |= (d & 31) << shift;
                shift += 5;
                if d < 32 {
                    break;
                }
            }
            prev += n as i64;
            out.push((prev as u64, digit(bytes[i]) as usize));
            i += 1;
        }
        out
    }

    #[test]
    fn postings_round_trip_with_gaps_of_any_size() {
        let docs = [10.0; 5000];
        let postings = [(0, 1.0), (1, 3.0), (31, 1.0), (32, 1.0), (4999, 9.0)].map(|(d, c)| (d, Count::new(c, false)));
        let (max, code) = encode(&postings, 5000.0, 10.0, &docs, &(0..0));
        assert!(max > 0.0);
        let back = decode(&code);
        assert_eq!(back.iter().map(|p| p.0).collect::<Vec<_>>(), [0, 1, 31, 32, 4999]);
        // The page with the term most often scores the maximum; scores grow with counts.
        assert_eq!(back[4].1, 63);
        assert!(back[1].1 > back[0].1);
    }

    #[test]
    fn a_title_outranks_a_mention_and_a_lesson_its_equals() {
        let lens = [100.0, 3.0, 3.0, 100.0];
        // Page 0: a lesson with the word in its title; 1: a concept whose term it is; 2: a
        // concept that mentions it three times; 3: a page (then a lesson) mentioning it once.
        let postings = [
            (0, Count::new(7.0, true)),
            (1, Count::new(6.0, true)),
            (2, Count::new(3.0, false)),
            (3, Count::new(1.0, false)),
        ];
        let (_, code) = encode(&postings, 4.0, 50.0, &lens, &(0..1));
        let scores: Vec<usize> = decode(&code).into_iter().map(|p| p.1).collect();
        assert!(scores[0] > scores[1] && scores[1] > scores[2], "{scores:?}");
        let (_, code) = encode(&postings, 4.0, 50.0, &lens, &(3..4));
        let scores: Vec<usize> = decode(&code).into_iter().map(|p| p.1).collect();
        assert!(scores[3] > scores[2], "a lesson's mention outranks a concept's: {scores:?}");
    }

    #[test]
    fn shards_split_by_size_in_term_order() {
        let docs = [5.0; 3000];
        let all: Vec<(u32, Count)> = (0..3000).map(|d| (d, Count::new(1.0, false))).collect();
        let terms: Vec<Postings> =
            ["alpha", "beta", "gamma", "海绵"].iter().map(|t| (Arc::from(*t), all.clone())).collect();
        let out = shards(&terms, &docs, &(0..0));
        // Each term's postings take about 6 KB: two terms fit in a 16 KB shard.
        assert_eq!(out.iter().map(|s| s.0.as_ref()).collect::<Vec<_>>(), ["alpha", "gamma"]);
        let first: serde_json::Value = serde_json::from_slice(&out[0].1).unwrap();
        assert_eq!(first.as_object().unwrap().keys().collect::<Vec<_>>(), ["alpha", "beta"]);
        assert!(out.iter().all(|s| s.1.len() <= SHARD_BYTES));
    }

    #[test]
    fn pages_counted_in_parallel_are_inverted_in_page_order() {
        let tokenizer = Tokenizer::new("en");
        let texts: Vec<String> = (0..2000).map(|i| format!("Floods flood{} river", i % 3)).collect();
        let mut docs: Vec<Doc> = texts
            .iter()
            .map(|t| Doc {
                kind: Kind::Lesson,
                title: "",
                path: "",
                fields: vec![(t, 1.0), ("river", TITLE)],
                body: String::new(),
                lead: String::new(),
            })
            .collect();
        let (terms, lens) = invert(count_all(&tokenizer, &mut docs));
        assert_eq!(lens, vec![9.0; 2000]);
        assert!(terms.windows(2).all(|w| w[0].0 < w[1].0));
        let postings = |term: &str| terms.iter().find(|t| &*t.0 == term).map(|t| t.1.clone()).unwrap_or_default();
        assert_eq!(postings("flood"), (0..2000).map(|i| (i, Count::new(1.0, false))).collect::<Vec<_>>());
        assert_eq!(postings("river"), (0..2000).map(|i| (i, Count::new(1.0 + TITLE, true))).collect::<Vec<_>>());
        assert_eq!(postings("flood1").len(), 667);
    }

    #[test]
    fn leads_stop_at_a_word() {
        let long = "word ".repeat(100);
        let l = lead(&["", &long]);
        assert!(l.ends_with("word…") && l.chars().count() <= LEAD_CHARS + 1);
        assert_eq!(lead(&["Short  summary\n", "body"]), "Short summary body");
    }
}
