//! Search terms: turns text into the terms the search index holds (folded, stemmed words
//! and CJK character bigrams); `templates/search.js` turns queries into terms the same way.
//!
//! The steps, mirrored line for line in `search.js`:
//! 1. split the text into runs of word characters (letters, digits, combining marks);
//! 2. NFKC-normalise and lowercase each run, then split it again the same way;
//! 3. split each piece into CJK and other segments: a CJK segment gives its character
//!    bigrams (one character alone gives itself), any other segment is a word, kept if it
//!    has 2 to 40 characters besides combining marks;
//! 4. a word is stemmed with the Snowball stemmer of the course's language, when there is
//!    one (`templates/stemmers/` holds the same stemmers for the browser), and then loses
//!    its combining marks (`é` is `e`), so a query typed without accents finds it.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest word indexed, in characters: longer runs are ids, hashes or URLs.
pub const MAX_WORD: usize = 40;

/// A piece of normalised text: a word (to be stemmed) or a CJK character gram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Word(&'a str),
    Gram(&'a str),
}

/// The Snowball stemmers, by language subtag, with the name `templates/stemmers/NAME.js`
/// gives the same stemmer in the browser.
pub const STEMMERS: &[(&str, Algorithm, &str)] = &[
    ("ar", Algorithm::Arabic, "arabic"),
    ("da", Algorithm::Danish, "danish"),
    ("de", Algorithm::German, "german"),
    ("el", Algorithm::Greek, "greek"),
    ("en", Algorithm::English, "english"),
    ("es", Algorithm::Spanish, "spanish"),
    ("fi", Algorithm::Finnish, "finnish"),
    ("fr", Algorithm::French, "french"),
    ("hu", Algorithm::Hungarian, "hungarian"),
    ("it", Algorithm::Italian, "italian"),
    ("nb", Algorithm::Norwegian, "norwegian"),
    ("nl", Algorithm::Dutch, "dutch"),
    ("nn", Algorithm::Norwegian, "norwegian"),
    ("no", Algorithm::Norwegian, "norwegian"),
    ("pt", Algorithm::Portuguese, "portuguese"),
    ("ro", Algorithm::Romanian, "romanian"),
    ("ru", Algorithm::Russian, "russian"),
    ("sv", Algorithm::Swedish, "swedish"),
    ("ta", Algorithm::Tamil, "tamil"),
    ("tr", Algorithm::Turkish, "turkish"),
];

/// Splits text into terms for one course language.
pub struct Tokenizer {
    stemmer: Option<(Stemmer, &'static str)>,
}

impl Tokenizer {
    /// A tokenizer for a language tag (`en`, `en-GB`, `fr`): words are stemmed with the
    /// language's Snowball stemmer, or kept whole in a language without one.
    pub fn new(language: &str) -> Tokenizer {
        let primary = language.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let stemmer = STEMMERS.iter().find(|(l, _, _)| *l == primary).map(|&(_, a, name)| (Stemmer::create(a), name));
        Tokenizer { stemmer }
    }

    /// The stemmer's name as `search.js` knows it, or `""` for none.
    pub fn stemmer_name(&self) -> &'static str {
        self.stemmer.as_ref().map_or("", |(_, name)| name)
    }

    /// The term of a normalised word: stemmed, then without combining marks.
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        let stemmed = match &self.stemmer {
            // rust-stemmers 1.2's Greek stemmer panics on a few made-up words (`ισαισα`): such a
            // word stays whole, as templates/stemmers/greek.js leaves it.
            Some((s, "greek")) => std::panic::catch_unwind(|| s.stem(word)).unwrap_or(Cow::Borrowed(word)),
            Some((s, _)) => s.stem(word),
            None => Cow::Borrowed(word),
        };
        if stemmed.is_ascii() { stemmed } else { Cow::Owned(fold(&stemmed)) }
    }

    /// Every term of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        pieces(text, &mut |p| match p {
            Piece::Word(w) => out.push(self.stem(w).into_owned()),
            Piece::Gram(g) => out.push(g.to_string()),
        });
        out
    }
}

/// A word without its combining marks.
fn fold(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).nfc().collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Han, kana, Hangul and their compatibility and extension blocks: scripts written
/// without spaces between words, indexed as character bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3130..=0x318F | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF
        | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Classes of ASCII bytes (every other byte is 0): a letter or digit, and upper case.
const WORD: u8 = 1;
const UPPER: u8 = 2;
const ASCII: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = WORD;
        }
        if c.is_ascii_uppercase() {
            table[b] |= UPPER;
        }
        b += 1;
    }
    table
};

/// Calls `emit` with each normalised piece of `text`, in order. ASCII words (most of an
/// English course) take a fast path that allocates nothing.
pub fn pieces(text: &str, emit: &mut impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ASCII[b as usize] & WORD != 0 {
            let start = i;
            let mut seen = 0;
            while let Some(&c) = bytes.get(i) {
                let class = ASCII[c as usize];
                if class & WORD == 0 {
                    break;
                }
                seen |= class;
                i += 1;
            }
            if i < bytes.len() && bytes[i] >= 0x80 {
                i = run_end(text, i);
                unicode_run(&text[start..i], emit);
            } else if seen & UPPER != 0 {
                lower.clear();
                lower.push_str(&text[start..i]);
                lower.make_ascii_lowercase();
                ascii_word(&lower, emit);
            } else {
                ascii_word(&text[start..i], emit);
            }
        } else if b < 0x80 {
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_word_char(c) {
                let end = run_end(text, i);
                unicode_run(&text[i..end], emit);
                i = end;
            } else {
                i += c.len_utf8();
            }
        }
    }
}

/// Where the run of word characters at `from` ends.
fn run_end(text: &str, from: usize) -> usize {
    text[from..].char_indices().find(|&(_, c)| !is_word_char(c)).map_or(text.len(), |(j, _)| from + j)
}

/// A run of word characters with some beyond ASCII: normalised, lowercased, split again.
fn unicode_run(run: &str, emit: &mut impl FnMut(Piece)) {
    let normal = run.nfkc().collect::<String>().to_lowercase();
    for part in normal.split(|c: char| !is_word_char(c)).filter(|r| !r.is_empty()) {
        segments(part, emit);
    }
}

/// Splits a run of word characters into CJK grams and folded words.
fn segments(run: &str, emit: &mut impl FnMut(Piece)) {
    let mut start = 0;
    let mut chars = run.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let cjk = is_cjk(c);
        let ends = chars.peek().is_none_or(|&(_, next)| is_cjk(next) != cjk);
        if !ends {
            continue;
        }
        let end = i + c.len_utf8();
        let segment = &run[start..end];
        if cjk {
            grams(segment, emit);
        } else {
            word(segment, emit);
        }
        start = end;
    }
}

/// The character bigrams of a CJK segment; a single character stands for itself.
fn grams(segment: &str, emit: &mut impl FnMut(Piece)) {
    let bounds: Vec<usize> = segment.char_indices().map(|(i, _)| i).chain([segment.len()]).collect();
    if bounds.len() == 2 {
        emit(Piece::Gram(segment));
    }
    for w in bounds.windows(3) {
        emit(Piece::Gram(&segment[w[0]..w[2]]));
    }
}

/// A word of ASCII letters and digits, whose length in bytes is its length in characters.
fn ascii_word(w: &str, emit: &mut impl FnMut(Piece)) {
    if (2..=MAX_WORD).contains(&w.len()) {
        emit(Piece::Word(w));
    }
}

/// A word of any script: its length is counted without combining marks.
fn word(w: &str, emit: &mut impl FnMut(Piece)) {
    let n = if w.is_ascii() { w.len() } else { w.chars().filter(|c| !is_combining_mark(*c)).count() };
    if (2..=MAX_WORD).contains(&n) {
        emit(Piece::Word(w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(text: &str) -> Vec<String> {
        Tokenizer::new("en").terms(text)
    }

    #[test]
    fn words_are_lowercased_split_and_short_ones_dropped() {
        assert_eq!(en("The BORDER, a map-maker's rule"), ["the", "border", "map", "maker", "rule"]);
        assert_eq!(Tokenizer::new("sw").terms("Les Frontières"), ["les", "frontieres"]);
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(en("floods flooded flooding flood"), ["flood"; 4]);
        assert_eq!(en("nationalism nations"), ["nation", "nation"]);
        assert_eq!(en("studies skies dying"), ["studi", "sky", "die"]);
        assert_eq!(Tokenizer::new("en-GB").stemmer_name(), "english");
        assert_eq!(Tokenizer::new("de").terms("Flüsse"), ["fluss"]);
        assert_eq!(Tokenizer::new("fr").terms("générations"), ["gener"]);
        assert_eq!(Tokenizer::new("sw").stemmer_name(), "");
        assert_eq!(Tokenizer::new("el").terms("ισαισα καθισαμε"), ["ισαισα", "καθ"]);
    }

    #[test]
    fn accents_and_full_width_forms_fold() {
        assert_eq!(en("Café ＡＢＣ naïve"), ["cafe", "abc", "naiv"]);
        // Decomposed input folds to the same term as precomposed input.
        assert_eq!(en("cafe\u{301}"), ["cafe"]);
    }

    #[test]
    fn cjk_text_becomes_bigrams() {
        assert_eq!(en("海绵城市"), ["海绵", "绵城", "城市"]);
        assert_eq!(en("海"), ["海"]);
        assert_eq!(en("建设海绵城市 sponge城市"), ["建设", "设海", "海绵", "绵城", "城市", "spong", "城市"]);
        assert_eq!(en("ソウルの서울"), ["ソウ", "ウル", "ルの", "の서", "서울"]);
    }

    #[test]
    fn overlong_words_are_skipped() {
        assert!(en(&"x".repeat(41)).is_empty());
        assert_eq!(en(&"x".repeat(40)).len(), 1);
    }
}
