//! Front matter: the YAML block between a first line `---` and the next `---` line, split
//! from a Markdown file's body.

/// Front matter split from a Markdown file.
pub struct Split<'a> {
    /// The YAML text (may be empty), and the file line its first line is on.
    pub yaml: Option<(&'a str, u32)>,
    /// The byte offset in the file where the Markdown body starts.
    pub body_offset: usize,
}

/// Splits `---` front matter from a Markdown text (BOM and CRLF already removed).
/// A first line `---` without a closing `---` line is an error at line 1.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let Some(rest) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        return Ok(Split { yaml: None, body_offset: 0 });
    };
    let open = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = open + offset + line.len();
            return Ok(Split { yaml: Some((&rest[..offset], 2)), body_offset });
        }
        offset += line.len();
    }
    Err("front matter starts with '---' on line 1 but has no closing '---' line".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_keeps_body_offset() {
        let text = "---\ntitle: A\n---\n\nBody";
        let s = split(text).unwrap();
        assert_eq!(s.yaml, Some(("title: A\n", 2)));
        assert_eq!(&text[s.body_offset..], "\nBody");
        assert!(split("no front matter").unwrap().yaml.is_none());
        assert!(split("---\ntitle: A\n").is_err());
    }
}
