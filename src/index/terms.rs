//! Concept terms in running text: one Aho-Corasick automaton over every term, alias and
//! simple plural, so finding mentions costs one pass whatever the number of concepts.

use std::borrow::Borrow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

use crate::content::model::Concept;

/// A mention of a concept in a text: byte range and concept index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub concept: usize,
}

/// Finds concept terms, whole-word and case-insensitively, longest match first.
pub struct Matcher {
    /// Leftmost-longest, for the common path.
    longest: Option<AhoCorasick>,
    /// Every match, for the rare place where the longest term is part of a longer word.
    overlapping: Option<AhoCorasick>,
    /// Concept index of each pattern.
    owner: Vec<usize>,
    /// Length in bytes of the longest pattern.
    max_len: usize,
}

impl Matcher {
    pub fn new<C: Borrow<Concept>>(concepts: &[C]) -> Matcher {
        let (patterns, owner) = patterns(concepts);
        let build = |kind: MatchKind, engine: Option<AhoCorasickKind>| {
            (!patterns.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(kind)
                    .kind(engine)
                    .ascii_case_insensitive(true)
                    .build(&patterns)
                    .expect("concept patterns build an automaton")
            })
        };
        let max_len = patterns.iter().map(String::len).max().unwrap_or(0);
        // Every byte of every page goes through the leftmost-longest automaton: a DFA
        // (a few MB for thousands of terms) keeps that one table lookup per byte.
        let (longest, overlapping) = rayon::join(
            || build(MatchKind::LeftmostLongest, Some(AhoCorasickKind::DFA)),
            || build(MatchKind::Standard, None),
        );
        Matcher { longest, overlapping, owner, max_len }
    }

    /// Non-overlapping mentions in `text`, leftmost first, the longest at each place.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let (Some(longest), Some(overlapping)) = (&self.longest, &self.overlapping) else {
            return Vec::new();
        };
        let folded;
        let (hay, map): (&str, Option<Vec<usize>>) = if !text.is_ascii() {
            let (f, m) = fold_with_map(text);
            folded = f;
            (&folded, Some(m))
        } else if text.contains('\n') {
            folded = text.replace('\n', " ");
            (&folded, None)
        } else {
            (text, None)
        };
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(m) = longest.find(Input::new(hay).span(pos..hay.len())) {
            let found = if whole_word(hay, m.start(), m.end()) {
                Some(Mention { start: m.start(), end: m.end(), concept: self.owner[m.pattern().as_usize()] })
            } else {
                self.shorter_term(overlapping, hay, m.start(), m.end())
            };
            match found {
                Some(f) => {
                    pos = f.end;
                    out.push(f);
                }
                None => pos = m.end(),
            }
        }
        if let Some(map) = map {
            for m in &mut out {
                m.start = map[m.start];
                m.end = map[m.end];
            }
        }
        out
    }
}

impl Matcher {
    /// The leftmost-longest whole-word term starting inside `start..end`, where the longest
    /// term found there was part of a longer word ("state" in "state mediation").
    fn shorter_term(&self, ac: &AhoCorasick, hay: &str, start: usize, end: usize) -> Option<Mention> {
        let window = Input::new(hay).span(start..(end + self.max_len).min(hay.len()));
        ac.find_overlapping_iter(window)
            .filter(|m| m.start() < end && whole_word(hay, m.start(), m.end()))
            .min_by_key(|m| (m.start(), std::cmp::Reverse(m.end())))
            .map(|m| Mention { start: m.start(), end: m.end(), concept: self.owner[m.pattern().as_usize()] })
    }
}

/// Every form a concept is found by (its term and aliases, each also in the plural),
/// folded to lowercase, with the index of the concept each belongs to.
fn patterns<C: Borrow<Concept>>(concepts: &[C]) -> (Vec<String>, Vec<usize>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut owner = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, c) in concepts.iter().map(Borrow::borrow).enumerate() {
        for name in std::iter::once(&c.term).chain(&c.aliases) {
            let lower = fold(name.trim());
            if lower.is_empty() {
                continue;
            }
            for form in [plural(&lower), lower] {
                // A form two concepts share goes to the first; the rest are dropped.
                if seen.insert(form.clone()) {
                    patterns.push(form);
                    owner.push(i);
                }
            }
        }
    }
    (patterns, owner)
}

/// Lowercase for matching; newlines count as spaces (a term may wrap across lines).
fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(|c| if c == '\n' { ' ' } else { c }).collect()
}

/// Folds a non-ASCII text, with a map from each folded byte offset (and the end) back to
/// the original offset.
fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = out.len();
        if c == '\n' {
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
        map.extend(std::iter::repeat_n(i, out.len() - before));
    }
    map.push(text.len());
    (out, map)
}

/// A simple English plural of the last word: `code` → `codes`, `policy` → `policies`,
/// `alliance` → `alliances`, `box` → `boxes`.
fn plural(term: &str) -> String {
    let b = term.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    if !last.is_ascii_alphabetic() {
        return term.to_string();
    }
    let before = b.len().checked_sub(2).map(|i| b[i]).unwrap_or(b' ');
    if term.ends_with("ss")
        || term.ends_with('x')
        || term.ends_with('z')
        || term.ends_with("ch")
        || term.ends_with("sh")
    {
        format!("{term}es")
    } else if last == b'y' && !b"aeiou".contains(&before) {
        format!("{}ies", &term[..term.len() - 1])
    } else if last == b's' {
        term.to_string()
    } else {
        format!("{term}s")
    }
}

/// Scripts written without spaces between words, where any boundary is a word boundary.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31BF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when the match is not part of a longer word on either side.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let inner_first = text[start..].chars().next();
    let inner_last = text[..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |outer: Option<char>, inner: Option<char>| match (outer, inner) {
        (Some(o), Some(i)) => word_char(o) && word_char(i) && !(unspaced(o) || unspaced(i)),
        _ => false,
    };
    !joins(before, inner_first) && !joins(after, inner_last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::diag::Pos;
    use crate::content::model::Origin;
    use crate::content::source::Source;
    use crate::content::yaml::Located;

    fn concept(term: &str, aliases: &[&str]) -> Concept {
        Concept {
            id: term.to_lowercase().replace(' ', "-"),
            origin: Origin { source: Source::new("c.md".into(), String::new()).into(), body_offset: 0 },
            term: term.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            definition: Located { value: "d".into(), pos: Pos::START },
            related: Vec::new(),
            review: true,
            extra: serde_json::Value::Null,
        }
    }

    fn found(m: &Matcher, text: &str) -> Vec<(String, usize)> {
        m.find(text).into_iter().map(|x| (text[x.start..x.end].to_string(), x.concept)).collect()
    }

    #[test]
    fn longest_match_wins_and_words_are_whole() {
        let m = Matcher::new(&[concept("Nationalism", &[]), concept("Top-down nationalism", &[])]);
        assert_eq!(
            found(&m, "Top-down nationalism and nationalism."),
            [("Top-down nationalism".into(), 1), ("nationalism".into(), 0)]
        );
        assert_eq!(found(&m, "nationalisms? ultranationalism"), [("nationalisms".into(), 0)]);
    }

    #[test]
    fn aliases_plurals_and_case() {
        let m = Matcher::new(&[concept("Geopolitical code", &["code of a state"]), concept("Policy", &[])]);
        assert_eq!(
            found(&m, "GEOPOLITICAL CODES, the code of a state, policies."),
            [("GEOPOLITICAL CODES".into(), 0), ("code of a state".into(), 0), ("policies".into(), 1)]
        );
    }

    #[test]
    fn a_longer_term_that_is_not_a_whole_word_falls_back_to_a_shorter_one() {
        let m = Matcher::new(&[concept("State", &[]), concept("State media", &[])]);
        assert_eq!(found(&m, "state mediation"), [("state".into(), 0)]);
    }

    #[test]
    fn unicode_terms_and_text() {
        let m = Matcher::new(&[concept("海绵城市", &[]), concept("Flood", &[]), concept("Éducation", &[])]);
        assert_eq!(
            found(&m, "建设海绵城市 reduces floods; l'ÉDUCATION"),
            [("海绵城市".into(), 0), ("floods".into(), 1), ("ÉDUCATION".into(), 2)]
        );
    }

    /// What `find` must return, the slow way: from left to right, at the first place
    /// where some term is a whole word there, the longest such term; then on after it.
    fn every_place(concepts: &[Concept], text: &str) -> Vec<(String, usize)> {
        let (patterns, owner) = patterns(concepts);
        let (hay, map) =
            if text.is_ascii() { (text.replace('\n', " "), (0..=text.len()).collect()) } else { fold_with_map(text) };
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let rest = &hay.as_bytes()[pos..];
            let longest = (0..patterns.len())
                .filter(|&i| {
                    rest.len() >= patterns[i].len()
                        && rest[..patterns[i].len()].eq_ignore_ascii_case(patterns[i].as_bytes())
                })
                .filter(|&i| whole_word(&hay, pos, pos + patterns[i].len()))
                .max_by_key(|&i| patterns[i].len());
            match longest {
                Some(i) => {
                    let end = pos + patterns[i].len();
                    out.push((text[map[pos]..map[end]].to_string(), owner[i]));
                    pos = end;
                }
                None => pos += hay[pos..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        #[test]
        fn finds_what_trying_every_place_finds(
            terms in proptest::collection::vec(proptest::sample::select(&[
                "state", "State media", "state media policy", "media", "policy", "Top-down nationalism",
                "nationalism", "code", "a", "ab", "海绵城市", "Éducation", "civic annexation effect",
                "civic annexation", "annexation", "c++", "long-term historical containment principle",
            ][..]), 1..6),
            words in proptest::collection::vec(proptest::sample::select(&[
                "state", "STATE", "States", "media", "mediation", "policies", "Policy", "top-down", "Top",
                "nationalism", "ultranationalism", "interstate media", "state media", "state media policymakers",
                "code", "codes", "a", "ab", "abc", "海绵城市", "建设",
                "éducation", "ÉDUCATION", "civic", "annexation", "effect", "effectiveness", "c++", "long-term",
                "historical", "containment", "principles", " ", " ", "\n", "-", ",", ".", "'", "s",
            ][..]), 0..40),
        ) {
            let concepts: Vec<Concept> = terms.iter().map(|t| concept(t, &[])).collect();
            let text: String = words.concat();
            let m = Matcher::new(&concepts);
            proptest::prop_assert_eq!(found(&m, &text), every_place(&concepts, &text), "{:?}", text);
        }
    }

    #[test]
    fn terms_may_wrap_across_lines() {
        let m = Matcher::new(&[concept("Geopolitical code", &[])]);
        assert_eq!(found(&m, "a geopolitical\ncode"), [("geopolitical\ncode".into(), 0)]);
    }
}
