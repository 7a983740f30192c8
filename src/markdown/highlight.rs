//! Syntax highlighting at build time: a code block's language name to a grammar, and its
//! text to HTML spans with `hl-*` classes that the theme colours. arborium (tree-sitter
//! grammars, MIT/Apache) was chosen over syntect by measuring both on the same 22-language
//! sample: 1.1 to 3 MB/s against 0.1 to 0.5 MB/s for syntect with `fancy-regex` (its
//! pure-Rust engine), and 26 µs against 440 µs for the benchmark course's four-line
//! blocks. It has no LaTeX grammar, so LaTeX is lexed here (its lexical rules are a few
//! lines: commands, comments, math shifts, groups).

use std::sync::{Arc, LazyLock, OnceLock};

use arborium::{Config, GrammarStore, Highlighter, HtmlFormat};

use crate::util::html::escape_into;

/// Blocks longer than this are shown as plain text: highlighting a generated file of
/// megabytes would cost more than it gives a learner.
pub const MAX_HIGHLIGHTED: usize = 256 * 1024;

/// How a block's text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// A tree-sitter grammar, by arborium's name for it.
    Grammar(&'static str),
    Latex,
    /// A shell session: `$ ` lines are commands (highlighted as bash), the rest output.
    Console,
    /// What a program printed, or an error it gave: plain, with a label.
    Output,
    Error,
    Plain,
}

/// The language an info string's first word names (case does not matter).
pub fn lang(name: &str) -> Lang {
    let lower = name.to_ascii_lowercase();
    let grammar = match lower.as_str() {
        "bash" | "sh" | "shell" | "zsh" => "bash",
        "python" | "py" | "python3" => "python",
        "r" => "r",
        "rust" | "rs" => "rust",
        "c" | "h" => "c",
        "cpp" | "c++" | "cc" | "cxx" | "hpp" => "cpp",
        "java" => "java",
        "javascript" | "js" | "mjs" | "cjs" | "jsx" => "javascript",
        "typescript" | "ts" => "typescript",
        "html" | "htm" | "xhtml" => "html",
        "css" => "css",
        "sql" => "sql",
        "json" | "jsonc" => "json",
        "yaml" | "yml" => "yaml",
        "toml" => "toml",
        "markdown" | "md" => "markdown",
        "go" | "golang" => "go",
        "haskell" | "hs" => "haskell",
        "julia" | "jl" => "julia",
        "matlab" | "octave" => "matlab",
        "diff" | "patch" => "diff",
        "latex" | "tex" => return Lang::Latex,
        "console" | "shell-session" | "sh-session" | "terminal" => return Lang::Console,
        "output" => return Lang::Output,
        "error" => return Lang::Error,
        _ => return Lang::Plain,
    };
    Lang::Grammar(grammar)
}

/// The grammars `lang` names, one of each.
const GRAMMARS_USED: [&str; 21] = [
    "bash",
    "python",
    "r",
    "rust",
    "c",
    "cpp",
    "java",
    "javascript",
    "typescript",
    "html",
    "css",
    "sql",
    "json",
    "yaml",
    "toml",
    "markdown",
    "go",
    "haskell",
    "julia",
    "matlab",
    "diff",
];

/// The compiled grammars, shared by every thread and every build of the process: a
/// grammar is compiled the first time a block uses it (up to 0.3 s for the largest), and
/// the live preview would pay that again on each edit if the store were rebuilt. It only
/// ever caches: what it gives for a language never changes.
static GRAMMARS: LazyLock<Arc<GrammarStore>> = LazyLock::new(|| Arc::new(GrammarStore::new()));

/// Whether each grammar of `GRAMMARS_USED` is compiled: the first block of a language
/// compiles it while blocks of that language on other threads wait, where the store alone
/// would let each thread compile it (up to 30 ms each).
static COMPILED: [OnceLock<bool>; GRAMMARS_USED.len()] = [const { OnceLock::new() }; GRAMMARS_USED.len()];

/// Writes `code` highlighted as `lang` into `out`, escaped; plain when the grammar fails.
pub fn highlight(lang: Lang, code: &str, out: &mut String) {
    if code.len() > MAX_HIGHLIGHTED {
        return escape_into(out, code);
    }
    match lang {
        Lang::Grammar(name) => grammar(name, code, out),
        Lang::Latex => latex(code, out),
        Lang::Console => console(code, out),
        Lang::Output | Lang::Error | Lang::Plain => escape_into(out, code),
    }
}

fn grammar(name: &str, code: &str, out: &mut String) {
    if let Some(i) = GRAMMARS_USED.iter().position(|g| *g == name) {
        COMPILED[i].get_or_init(|| GRAMMARS.get(name).is_some());
    }
    let config = Config { html_format: HtmlFormat::ClassNamesWithPrefix("hl".into()), ..Config::default() };
    let mut highlighter = Highlighter::with_store_and_config(Arc::clone(&GRAMMARS), config);
    match highlighter.highlight(name, code) {
        Ok(html) => {
            out.push_str(&html);
            // arborium drops the text's final newlines; the block keeps them as written.
            let trimmed = code.len() - code.trim_end_matches('\n').len();
            out.extend(std::iter::repeat_n('\n', trimmed));
        }
        Err(_) => escape_into(out, code),
    }
}

/// A shell session: each `$ ` line is a prompt (not selected, not copied) and a command
/// highlighted as bash; every other line is output.
fn console(code: &str, out: &mut String) {
    for line in code.split_inclusive('\n') {
        let (text, newline) = line.strip_suffix('\n').map_or((line, ""), |t| (t, "\n"));
        if let Some(command) = text.strip_prefix("$ ").or_else(|| (text == "$").then_some("")) {
            out.push_str("<span class=\"hl-prompt\" aria-hidden=\"true\">$ </span><span class=\"cmd\">");
            grammar("bash", command, out);
            out.push_str("</span>");
        } else {
            out.push_str("<span class=\"hl-output\">");
            escape_into(out, text);
            out.push_str("</span>");
        }
        out.push_str(newline);
    }
}

/// LaTeX by its lexical rules: `\command` (a name of letters, or one other character),
/// `%` comments to the end of the line, `$` math shifts, and the group characters.
fn latex(code: &str, out: &mut String) {
    let mut rest = code;
    while let Some(c) = rest.chars().next() {
        let len = match c {
            '\\' => {
                let name = rest[1..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len() - 1);
                let len = if name == 0 { 1 + rest[1..].chars().next().map_or(0, char::len_utf8) } else { 1 + name };
                span(out, "hl-keyword", &rest[..len]);
                len
            }
            '%' => {
                let len = rest.find('\n').unwrap_or(rest.len());
                span(out, "hl-comment", &rest[..len]);
                len
            }
            '$' => {
                span(out, "hl-string", "$");
                1
            }
            '{' | '}' | '[' | ']' | '&' | '^' | '_' => {
                span(out, "hl-punctuation", &rest[..1]);
                1
            }
            _ => {
                let len = rest.find(['\\', '%', '$', '{', '}', '[', ']', '&', '^', '_']).unwrap_or(rest.len());
                escape_into(out, &rest[..len]);
                len
            }
        };
        rest = &rest[len..];
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</span>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(lang_name: &str, code: &str) -> String {
        let mut out = String::new();
        highlight(lang(lang_name), code, &mut out);
        out
    }

    #[test]
    fn every_listed_language_has_a_grammar_that_highlights() {
        let samples = [
            ("bash", "echo \"hi\" # c\n"),
            ("python", "def f(x):\n    return 1\n"),
            ("r", "f <- function(x) x + 1\n"),
            ("rust", "fn main() { let x = 1; }\n"),
            ("c", "int main(void) { return 0; }\n"),
            ("cpp", "template <typename T> T f(T x) { return x; }\n"),
            ("java", "class A { void f() {} }\n"),
            ("js", "const x = () => 1;\n"),
            ("ts", "let x: number = 1;\n"),
            ("html", "<p class=\"a\">x</p>\n"),
            ("css", "a { color: red; }\n"),
            ("sql", "SELECT a FROM t WHERE b = 1;\n"),
            ("json", "{\"a\": 1}\n"),
            ("yaml", "a: 1\n"),
            ("toml", "[a]\nb = 1\n"),
            ("markdown", "# Title\n\n*x*\n"),
            ("go", "package main\nfunc main() {}\n"),
            ("haskell", "main :: IO ()\nmain = print 1\n"),
            ("julia", "function f(x)\n  x^2\nend\n"),
            ("matlab", "x = linspace(0, 1, 10);\n"),
            ("diff", "-a\n+b\n"),
            ("latex", "\\frac{a}{b} % c\n"),
        ];
        for (name, code) in samples {
            let out = html(name, code);
            assert!(out.contains("class=\"hl-"), "{name} not highlighted: {out}");
            assert!(out.ends_with('\n'), "{name} lost its final newline");
        }
    }

    #[test]
    fn every_grammar_named_is_one_of_those_compiled_once() {
        for name in GRAMMARS_USED {
            assert_eq!(lang(name), Lang::Grammar(name));
        }
    }

    #[test]
    fn unknown_languages_are_plain_and_escaped() {
        assert_eq!(lang("brainfudge"), Lang::Plain);
        assert_eq!(html("brainfudge", "<a> & b"), "&lt;a&gt; &amp; b");
        assert_eq!(lang("PYTHON"), Lang::Grammar("python"));
    }

    #[test]
    fn console_marks_commands_and_output() {
        let out = html("console", "$ ls -l\ntotal 0\n");
        assert!(out.starts_with("<span class=\"hl-prompt\" aria-hidden=\"true\">$ </span><span class=\"cmd\">"));
        assert!(out.contains("<span class=\"hl-output\">total 0</span>\n"), "{out}");
    }

    #[test]
    fn latex_lexes_commands_comments_and_groups() {
        assert_eq!(
            html("tex", "\\sec{A}%x"),
            "<span class=\"hl-keyword\">\\sec</span><span class=\"hl-punctuation\">{</span>A\
             <span class=\"hl-punctuation\">}</span><span class=\"hl-comment\">%x</span>"
        );
        assert_eq!(html("tex", "\\\\"), "<span class=\"hl-keyword\">\\\\</span>");
        assert_eq!(html("tex", "\\é"), "<span class=\"hl-keyword\">\\é</span>");
    }

    #[test]
    fn huge_blocks_are_plain() {
        let code = "x = 1\n".repeat(MAX_HIGHLIGHTED / 6 + 1);
        assert!(!html("python", &code).contains("hl-"));
    }
}
