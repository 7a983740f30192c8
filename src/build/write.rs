//! The write stage: every page rendered through the theme in parallel and staged, with the
//! theme's files, the search index and the course's static files, then committed at once;
//! on any error, nothing of it reaches the output.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::common::Diagnostic;
use crate::output::write::{Output, Staged, Stats};
use crate::pages::{self, Pages};
use crate::site::search;

/// Renders every page, stages the changed files (with the theme's and `generated` ones),
/// and commits them, returning every file of the site; or, on any error, removes what was
/// staged and leaves the output as it was.
pub fn write(
    site: &Pages,
    root: &Path,
    out: &Path,
    generated: &[(String, Vec<u8>)],
) -> Result<(Stats, Vec<String>), Vec<Diagnostic>> {
    let io_error = |e: std::io::Error| {
        vec![Diagnostic::error(out.display().to_string(), None, format!("cannot write the site: {e}"))]
    };
    let output = Output::open(out).map_err(io_error)?;
    let jobs = pages::jobs(site.index);
    let relative = site.index.course.config.relative;
    let rendered: Vec<(String, Result<Staged, Diagnostic>)> = jobs
        .par_iter()
        .flat_map_iter(|&job| {
            let path = pages::output_path(site.index, job);
            let rendered = crate::common::diag::guard(&path, || site.render(job)).and_then(|r| r);
            // Opened from disk, the review page reads a quiz page from a script beside it.
            let script = match (&rendered, job) {
                (Ok(bytes), pages::Job::Course(key)) if relative && key.kind == crate::common::Kind::Quiz => {
                    let id = site.index.id(key);
                    let path = format!("{}{}", site.index.site_path(key), pages::QUIZ_PAGE_SCRIPT);
                    Some((path.clone(), stage(&output, &path, &pages::quiz_page_script(id, bytes))))
                }
                _ => None,
            };
            let staged = rendered.and_then(|bytes| stage(&output, &path, &bytes));
            std::iter::once((path, staged)).chain(script)
        })
        .collect();
    let mut produced: HashSet<String> = rendered.iter().map(|(p, _)| p.clone()).collect();
    let mut staged = Vec::with_capacity(rendered.len() + 16);
    let mut errors = Vec::new();
    for (path, result) in rendered {
        match result {
            Ok(s) => staged.push((path, s)),
            Err(d) => errors.push(d),
        }
    }
    let manifest = search::manifest(generated);
    for (path, bytes) in site.theme.files.iter().chain(generated) {
        produced.insert(path.clone());
        let embedded = manifest.filter(|_| path == crate::common::routes::SEARCH_JS).map(|m| search::embed(bytes, m));
        match stage(&output, path, embedded.as_deref().unwrap_or(bytes)) {
            Ok(s) => staged.push((path.clone(), s)),
            Err(d) => errors.push(d),
        }
    }
    for file in &site.index.course.static_files {
        if produced.contains(file) {
            let msg = format!("static/{file} has the same path as a page syllabus makes; rename or move it");
            errors.push(Diagnostic::error(format!("static/{file}"), None, msg));
            continue;
        }
        let result = std::fs::read(root.join("static").join(file))
            .map_err(|e| Diagnostic::error(format!("static/{file}"), None, format!("cannot read: {e}")))
            .and_then(|bytes| stage(&output, file, &bytes));
        match result {
            Ok(s) => staged.push((file.clone(), s)),
            Err(d) => errors.push(d),
        }
    }
    for file in &site.index.course.assets.page_files {
        let site_path = crate::content::assets::site_path(file);
        let result = std::fs::read(root.join("content").join(file))
            .map_err(|e| Diagnostic::error(format!("content/{file}"), None, format!("cannot read: {e}")))
            .and_then(|bytes| stage(&output, &site_path, &bytes));
        match result {
            Ok(s) => staged.push((site_path, s)),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        output.abort(staged);
        return Err(errors);
    }
    let files = staged.iter().map(|(path, _)| path.clone()).collect();
    output.commit(staged).map(|stats| (stats, files)).map_err(io_error)
}

fn stage(output: &Output, path: &str, bytes: &[u8]) -> Result<Staged, Diagnostic> {
    output
        .stage(path, bytes)
        .map_err(|e| Diagnostic::error(output.dir.join(path).display().to_string(), None, format!("cannot write: {e}")))
}
