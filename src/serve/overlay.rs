//! The preview's error overlay: the latest build's errors over every served page, in a box
//! styled on its own (a theme's rules for `pre` or `strong` never reach it), readable in
//! light and dark mode (WCAG AA contrast, checked with axe in the browser tests).

use crate::common::Diagnostic;
use crate::util::html::escape;

/// Where the server serves [`CSS`].
pub const CSS_PATH: &str = "/__syllabus/overlay.css";

/// The overlay's stylesheet, scoped to its id: dark red on pale pink in light mode, pale
/// pink on dark red in dark mode (contrast above 12:1 in both).
pub const CSS: &str = "#syllabus-errors{all:initial;display:block;position:fixed;inset:auto 0 0 0;max-height:50vh;\
overflow:auto;z-index:2147483647;box-sizing:border-box;padding:1rem 1.25rem;background:#fff1ef;color:#5a0a00;\
border-top:4px solid #b3261e;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}\
#syllabus-errors *{all:revert;color:inherit;background:transparent;font:inherit}\
#syllabus-errors strong{display:block;font-weight:700}\
#syllabus-errors pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0 0;padding:0;border:0}\
@media (prefers-color-scheme:dark){#syllabus-errors{background:#2b0b0b;color:#ffe4df;border-top-color:#ff8a80}}";

/// The errors of the latest build, shown over every page (warnings stay in the terminal);
/// empty when there are none.
pub fn overlay(diags: &[Diagnostic]) -> String {
    let errors: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| escape(&d.to_string())).collect();
    if errors.is_empty() {
        return String::new();
    }
    format!(
        "<link rel=\"stylesheet\" href=\"{CSS_PATH}\"><div id=\"syllabus-errors\" role=\"alert\">\
         <strong>{} error{} in the course — showing the last good build</strong><pre>{}</pre></div>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        errors.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::Severity;

    #[test]
    fn the_overlay_escapes_and_lists_only_errors() {
        let d = |sev, msg: &str| Diagnostic { path: "a.md".into(), pos: None, severity: sev, message: msg.into() };
        let html = overlay(&[d(Severity::Error, "<script>x</script>"), d(Severity::Warning, "warn")]);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("warn") && html.contains("1 error "));
        assert_eq!(overlay(&[d(Severity::Warning, "w")]), "");
    }
}
