//! Math: `$...$` and `$$...$$` (pulldown-cmark's math extension) turned into MathML at
//! build time, so no script or web font is needed and screen readers read it; what cannot
//! be converted is an error at its command. math-core (MIT) was chosen over pulldown-latex
//! by running both on a corpus of 279 course formulas (`tests/data/math-corpus.tex`): both
//! convert them all (math-core after one macro) at about 4.4 µs each, but math-core says
//! where a problem is as a byte range and in one line, and its output is MathML Core that
//! needs no stylesheet or font, while pulldown-latex's messages are drawn boxes without an
//! offset and its output expects its own CSS and fonts.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::Event;

use super::renderer::Renderer;
use crate::util::html::escape_into;

/// Groups nested deeper than this are refused before conversion: the converter recurses,
/// and no formula a course shows needs more.
const MAX_DEPTH: usize = 64;

/// The converter, set up once: it holds only its configuration and the macros below.
static CONVERTER: LazyLock<LatexToMathML> = LazyLock::new(|| {
    let config = MathCoreConfig {
        macros: vec![("widetilde".to_string(), "\\tilde{#1}".to_string())],
        ..MathCoreConfig::default()
    };
    LatexToMathML::new(config).expect("the built-in macros parse")
});

/// At most this many formulas are kept converted; past it, new ones are converted each time.
const MAX_KEPT: usize = 100_000;

/// Formulas already converted, by source and display mode, shared by the threads of a
/// build: converting costs about 15,000 instructions a formula, a lookup a few hundred.
/// Inline formulas first, displayed ones second.
#[derive(Default)]
pub struct Formulas([RwLock<HashMap<Box<str>, Converted>>; 2]);

type Converted = Result<Arc<str>, Arc<MathError>>;

impl Formulas {
    /// `latex` as MathML, converted once.
    pub fn get(&self, latex: &str, display: bool) -> Converted {
        let map = &self.0[usize::from(display)];
        if let Some(found) = map.read().expect("never poisoned").get(latex) {
            return found.clone();
        }
        let made = to_mathml(latex, display).map(Arc::from).map_err(Arc::new);
        let mut kept = map.write().expect("never poisoned");
        if kept.len() < MAX_KEPT {
            kept.insert(latex.into(), made.clone());
        }
        made
    }
}

/// A formula that could not be converted: the message, and where in the formula.
#[derive(Debug, PartialEq, Eq)]
pub struct MathError {
    pub at: usize,
    pub message: String,
}

/// `latex` as a `<math>` element, named by its TeX source (as Wikipedia names its
/// formulas): browsers give MathML no name of their own, and a name lets a screen reader
/// announce a formula in a list of a page's elements.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, MathError> {
    check_depth(latex)?;
    let mode = if display { MathDisplay::Block } else { MathDisplay::Inline };
    match CONVERTER.convert_with_local_state(latex, mode) {
        Ok(result) => Ok(named(core_attributes(result.mathml), latex)),
        Err(e) => Err(MathError { at: e.0.start, message: e.error_message() }),
    }
}

fn named(mathml: String, latex: &str) -> String {
    let Some(rest) = mathml.strip_prefix("<math") else { return mathml };
    let mut out = String::with_capacity(mathml.len() + latex.len() + 16);
    out.push_str("<math aria-label=\"");
    escape_into(&mut out, latex.trim());
    out.push('"');
    out.push_str(rest);
    out
}

/// `scriptlevel` and `displaystyle` where MathML Core allows them (any element) but the
/// HTML checker's MathML 3 does not (`scriptlevel` only on `mstyle`, `displaystyle` also on
/// `mtable` and `math`), written as the CSS they stand for (`math-depth`, `math-style`),
/// with the same effect.
fn core_attributes(mathml: String) -> String {
    if !mathml.contains("scriptlevel=") && !mathml.contains("displaystyle=") {
        return mathml;
    }
    let mut out = String::with_capacity(mathml.len() + 64);
    let mut rest = mathml.as_str();
    while let Some(at) = rest.find('<') {
        let end = at + rest[at..].find('>').unwrap_or(rest.len() - at);
        out.push_str(&rest[..at]);
        out.push_str(&moved_to_style(&rest[at..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One start tag with the attributes the checker refuses there moved into `style`.
fn moved_to_style(tag: &str) -> std::borrow::Cow<'_, str> {
    if !tag.contains("scriptlevel=") && !tag.contains("displaystyle=") {
        return tag.into();
    }
    let name = tag[1..].split([' ', '/']).next().unwrap_or_default();
    let mut css = String::new();
    let mut kept = tag.to_string();
    for (attr, allowed) in [("scriptlevel", &["mstyle"][..]), ("displaystyle", &["mstyle", "mtable", "math"][..])] {
        let key = format!(" {attr}=\"");
        if allowed.contains(&name) {
            continue;
        }
        let Some(from) = kept.find(&key) else { continue };
        let value_at = from + key.len();
        let Some(len) = kept[value_at..].find('"') else { continue };
        let value = kept[value_at..value_at + len].to_string();
        match attr {
            "scriptlevel" => css.push_str(&format!("math-depth: {value}; ")),
            _ => css.push_str(if value == "true" { "math-style: normal; " } else { "math-style: compact; " }),
        }
        kept.replace_range(from..value_at + len + 1, "");
    }
    if css.is_empty() {
        return tag.into();
    }
    match kept.find(" style=\"") {
        Some(style_at) => kept.insert_str(style_at + " style=\"".len(), &css),
        None => {
            let close = if kept.ends_with('/') { kept.len() - 1 } else { kept.len() };
            kept.insert_str(close, &format!(" style=\"{}\"", css.trim_end()));
        }
    }
    kept.into()
}

fn check_depth(latex: &str) -> Result<(), MathError> {
    let mut depth = 0usize;
    let bytes = latex.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let rest = &latex[i..];
                if rest.starts_with("\\left") || rest.starts_with("\\begin") {
                    depth += 1;
                } else if rest.starts_with("\\right") || rest.starts_with("\\end") {
                    depth = depth.saturating_sub(1);
                }
                i += 1;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            let message = format!("groups nested more than {MAX_DEPTH} deep; split the formula");
            return Err(MathError { at: i, message });
        }
        i += 1;
    }
    Ok(())
}

/// Where dollar signs that did not make math are, in a paragraph's source with its
/// math, code and escapes taken out: `$$` never closed, or `$...$` whose braces do not
/// balance (pulldown-cmark leaves both as text). Offsets are into `text`.
pub fn stray_dollars(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    let dollars: Vec<usize> =
        memchr::memchr_iter(b'$', text.as_bytes()).filter(|&i| i == 0 || text.as_bytes()[i - 1] != b'\\').collect();
    let mut k = 0;
    while k < dollars.len() {
        let at = dollars[k];
        if text[at..].starts_with("$$") {
            found.push((at, "'$$' starts display math that is never closed (write \\$ for a dollar sign)"));
            return found;
        }
        if let Some(&close) = dollars.get(k + 1) {
            let inner = &text[at + 1..close];
            let opens = inner.matches('{').count() - inner.matches("\\{").count();
            let closes = inner.matches('}').count() - inner.matches("\\}").count();
            if !inner.contains('\n') && opens != closes {
                found.push((at, "the braces in this math do not balance, so it is not read as math"));
            }
        }
        k += 2;
    }
    found
}

impl Renderer<'_, '_> {
    /// `$...$` or `$$...$$` whose source starts at `offset`.
    pub(super) fn math(&mut self, latex: &str, display: bool, offset: usize) {
        let delimiter = if display { 2 } else { 1 };
        self.skip_in_paragraph(offset, latex.len() + 2 * delimiter);
        match self.ctx.index.formulas().get(latex, display) {
            Ok(mathml) => {
                let html = if display {
                    let mut html = String::with_capacity(mathml.len() + 60);
                    html.push_str("<span class=\"math-display\" tabindex=\"0\">");
                    html.push_str(&mathml);
                    html.push_str("</span>");
                    html
                } else {
                    mathml.to_string()
                };
                self.push(Event::InlineHtml(html.into()));
            }
            Err(e) => {
                self.error(offset + delimiter + e.at, format!("cannot turn this math into MathML: {}", e.message));
                let mut text = String::new();
                escape_into(&mut text, latex);
                self.push(Event::InlineHtml(format!("<code class=\"math-error\">{text}</code>").into()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(text: &str) -> impl Iterator<Item = &str> {
        text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('%'))
    }

    #[test]
    fn every_formula_of_the_corpus_converts() {
        let text = include_str!("../../tests/data/math-corpus.tex");
        let failed: Vec<String> =
            corpus(text).filter_map(|f| to_mathml(f, false).err().map(|e| format!("{f}: {}", e.message))).collect();
        assert!(failed.is_empty(), "{failed:#?}");
        assert!(corpus(text).count() >= 150);
    }

    #[test]
    fn every_bad_formula_is_refused() {
        let text = include_str!("../../tests/data/math-bad.tex");
        for f in corpus(text) {
            assert!(to_mathml(f, false).is_err(), "converted: {f}");
        }
    }

    #[test]
    fn errors_point_at_the_command() {
        let e = to_mathml("x + \\frobnicate{y}", false).unwrap_err();
        assert_eq!(e, MathError { at: 4, message: "Unknown command \"\\frobnicate\".".into() });
    }

    #[test]
    fn script_levels_and_display_styles_become_css() {
        assert_eq!(
            core_attributes(
                "<math><mtable displaystyle=\"true\" scriptlevel=\"0\" style=\"width: 100%\"><mtr/></mtable></math>"
                    .into()
            ),
            "<math><mtable displaystyle=\"true\" style=\"math-depth: 0; width: 100%\"><mtr/></mtable></math>"
        );
        assert_eq!(
            core_attributes(
                "<mfrac displaystyle=\"false\" scriptlevel=\"1\"><mn>1</mn></mfrac><mstyle scriptlevel=\"1\"/>".into()
            ),
            "<mfrac style=\"math-depth: 1; math-style: compact;\"><mn>1</mn></mfrac><mstyle scriptlevel=\"1\"/>"
        );
        assert_eq!(core_attributes("<mrow scriptlevel=\"2\"/>".into()), "<mrow style=\"math-depth: 2;\"/>");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing() {
        let deep = format!("{}x{}", "{".repeat(1000), "}".repeat(1000));
        let e = to_mathml(&deep, false).unwrap_err();
        assert_eq!(e.at, MAX_DEPTH);
        assert!(e.message.contains("nested more than 64 deep"));
    }

    #[test]
    fn stray_dollars_are_found() {
        assert_eq!(stray_dollars("costs $5 today"), vec![]);
        assert_eq!(stray_dollars("a \\$ b \\$"), vec![]);
        assert_eq!(stray_dollars("x $$ y").len(), 1);
        assert_eq!(stray_dollars("so $\\frac{a}{b$ here")[0].0, 3);
        assert_eq!(stray_dollars("$5 and $6"), vec![]);
    }
}
