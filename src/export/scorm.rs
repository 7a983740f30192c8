//! The whole course as one SCORM 1.2 package (`syllabus export course --format scorm12`):
//! the site built with relative links (as `build --relative`), every page loading
//! `scorm.js` to report to the platform, in a zip with `imsmanifest.xml` at its root: one
//! organization, one item, one SCO whose launch page is the home page, every file listed.

use std::path::{Path, PathBuf};

use crate::build::{self, stages};
use crate::common::diag::Diagnostic;
use crate::export::qti::xml_escape;

/// What an export made: the zip when the course has no error, and every diagnostic.
pub struct Export {
    pub zip: Option<Vec<u8>>,
    pub diags: Vec<Diagnostic>,
    pub files: usize,
}

/// Builds the course at `root` into a temporary folder, then packages it.
pub fn export(root: &Path) -> Export {
    let dir = scratch();
    let given = stages::Given { relative: true, scorm: true, ..stages::Given::default() };
    let opts =
        build::Options { root: root.to_path_buf(), output: Some(dir.clone()), given, strict: false, external: None };
    let report = build::run(&opts);
    let failed = report.diags.iter().any(Diagnostic::is_error);
    let mut diags = report.diags.clone();
    let mut files = Vec::new();
    let zip = if failed {
        None
    } else {
        match site_files(&dir).and_then(|site| {
            files = site;
            package(&report.title, &dir, &files)
        }) {
            Ok(zip) => Some(zip),
            Err(e) => {
                diags.push(Diagnostic::error(
                    dir.display().to_string(),
                    None,
                    format!("cannot read the built site: {e}"),
                ));
                None
            }
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    Export { zip, diags, files: files.len() }
}

/// A new folder under the system's temporary folder, for one export.
fn scratch() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!("syllabus-scorm-{}-{nanos}", std::process::id()))
}

/// Every file of the built site, by its path with `/`, sorted, without the build's own marker.
fn site_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("walk stays inside");
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if rel != crate::output::write::MARKER {
            files.push(rel);
        }
    }
    Ok(files)
}

/// The SCORM 1.2 manifest (ADL's content aggregation model on IMS Content Packaging 1.1.2).
fn manifest(title: &str, files: &[String]) -> String {
    let title = xml_escape(title);
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="syllabus-course" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{title}</title>
      <item identifier="course-item" identifierref="course-site" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-site" type="webcontent" adlcp:scormtype="sco" href="index.html">
"#
    );
    for path in files {
        out.push_str(&format!("      <file href=\"{}\"/>\n", xml_escape(&href(path))));
    }
    out.push_str("    </resource>\n  </resources>\n</manifest>\n");
    out
}

/// A file's path as a manifest's `href`, a URI reference: what URIs cannot hold escaped.
fn href(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'/').remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

/// The manifest, then each file of the site, read from `dir` as it is zipped.
fn package(title: &str, dir: &Path, files: &[String]) -> std::io::Result<Vec<u8>> {
    let manifest = ("imsmanifest.xml".to_string(), manifest(title, files).into_bytes());
    let site = files.iter().map(|path| Ok((path.clone(), std::fs::read(dir.join(path))?)));
    crate::export::qti::zip_read(std::iter::once(Ok(manifest)).chain(site))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lists_every_file_with_the_home_page_as_launch() {
        let files = vec!["index.html".to_string(), "lessons/été/index.html".to_string()];
        let m = manifest("A & B", &files);
        assert!(m.contains(r#"adlcp:scormtype="sco" href="index.html""#));
        assert!(m.contains("<title>A &amp; B</title>"));
        assert!(m.contains(r#"<file href="index.html"/>"#));
        assert!(m.contains(r#"<file href="lessons/%C3%A9t%C3%A9/index.html"/>"#));
    }
}
