//! The pipeline: a course through its stages in order (load, model, index, Markdown, checks,
//! search, write), each timed. `stages` holds the stages that `build`, `check`, `export`
//! and `serve` share; `run` is `build` and `check`, returning a report with every
//! diagnostic. Nothing is written if any diagnostic is an error.

pub mod clock;
pub mod stages;
mod write;

use std::path::{Path, PathBuf};

use crate::common::diag::{self, Diagnostic, Severity};
use crate::output::cache;
use crate::output::folder;
use crate::output::write::Stats;
use crate::pages::theme::Theme;
use crate::pages::{self, Pages};
use crate::site::{Site, external, search};
use clock::{Clock, Lap};

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write; `None` checks without writing.
    pub output: Option<PathBuf>,
    /// Drafts, base URL and instructors' notes, from the command line.
    pub given: stages::Given,
    pub strict: bool,
    /// Ask every article's `url` over HTTP, waiting this long for each (`check --external`).
    pub external: Option<std::time::Duration>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub diags: Vec<Diagnostic>,
    /// Set when the site was written.
    pub stats: Option<Stats>,
    pub pages: usize,
    pub timings: Vec<Lap>,
    /// The course's title (empty when the build was skipped, nothing having changed).
    pub title: String,
}

/// Builds (or, without an output folder, checks) the course.
pub fn run(opts: &Options) -> Report {
    let mut clock = Clock::start();
    let mut diags = Vec::new();
    let mut fingerprint = None;
    // Without a previous build's manifest, the inputs' fingerprint is taken while loading.
    let mut alongside = false;
    // Held until the build ends: a second build into the same folder waits for this one.
    let mut _lock = None;
    if let Some(out) = &opts.output {
        match folder::check_folder(&opts.root, out).and_then(|()| lock(out)) {
            Err(m) => diags.push(Diagnostic::error(out.display().to_string(), None, m)),
            Ok(lock) => {
                _lock = Some(lock);
                match cache::read(out) {
                    Some(manifest) => {
                        fingerprint = cache::inputs(&opts.root, &format!("{opts:?}")).ok();
                        if let Some(report) = fingerprint.and_then(|f| unchanged(out, manifest, f, &mut clock)) {
                            return report;
                        }
                    }
                    None => alongside = true,
                }
            }
        }
    }
    let (course, late) = rayon::join(
        || stages::read(&opts.root, &opts.given, &mut clock, &mut diags),
        || alongside.then(|| cache::inputs(&opts.root, &format!("{opts:?}")).ok()).flatten(),
    );
    fingerprint = fingerprint.or(late);
    // The theme's templates are read and compiled while the course is analysed.
    let templates = course.templates.clone();
    let mut theme_diags = Vec::new();
    let (mut site, mut theme) = rayon::join(
        || stages::analyse(course, None, &mut clock, &mut diags),
        || Theme::load(&templates, &mut theme_diags),
    );
    diags.append(&mut theme_diags);
    if let Some(timeout) = opts.external {
        diags.extend(external::check(&site.course, timeout));
        clock.lap("external");
    }
    if opts.strict {
        diag::make_strict(&mut diags);
    }
    let title = site.course.config.title.clone();
    let mut report = Report { pages: pages::jobs(&site.index()).len(), title, ..Report::default() };
    let failed = diags.iter().any(Diagnostic::is_error);
    // A folder opened from disk has no address for a sitemap to give.
    let relative = site.course.config.relative;
    if site.course.config.base_url.origin.is_none() && opts.output.is_some() && !failed && !relative {
        let msg = "sitemap.xml is not written: base_url has no scheme and host (set base_url: https://host/path/ in course.yaml, or --base-url)";
        diags.push(Diagnostic { path: "course.yaml".into(), pos: None, severity: Severity::Note, message: msg.into() });
    }
    if let (Some(out), Some(theme), false) = (&opts.output, theme.as_mut(), failed) {
        match write_site(&mut site, theme, &opts.root, out, &mut clock) {
            Ok((stats, files)) => {
                report.stats = Some(stats);
                // Without a manifest the next build is simply a full one.
                if let Some(f) = fingerprint {
                    let mut kept = diags.clone();
                    diag::sort(&mut kept);
                    let _ = cache::write(out, &files, f, report.pages, &kept);
                }
            }
            Err(mut errors) => diags.append(&mut errors),
        }
        clock.lap("write");
    }
    // Freeing the course and its texts (a few hundred thousand allocations, some 80 ms at
    // 10,000 lessons) need not hold up the report: a thread does it, cut short if the
    // process ends first.
    std::thread::spawn(move || drop(site));
    diag::sort(&mut diags);
    report.diags = diags;
    report.timings = clock.laps;
    report
}

/// The lock on the output folder, saying on stderr when another build holds it.
fn lock(out: &Path) -> Result<folder::Lock, String> {
    let waiting = |holder: &str| {
        let holder = if holder.is_empty() { "another build".to_string() } else { format!("a build ({holder})") };
        eprintln!("syllabus: {holder} is writing {}; waiting for it to finish", out.display());
    };
    folder::lock(out, waiting).map_err(|e| format!("cannot lock the output folder: {e}"))
}

/// Search and write: the search index, then every page and file of the site.
fn write_site(
    site: &mut Site,
    theme: &mut Theme,
    root: &Path,
    out: &Path,
    clock: &mut Clock,
) -> Result<(Stats, Vec<String>), Vec<Diagnostic>> {
    let index = crate::index::SiteIndex::view(&site.course, &site.data);
    let mut search_files = search::files(&index, &mut site.bodies);
    if site.course.config.relative {
        let scripts = search::scripts(&search_files);
        search_files.extend(scripts);
    }
    clock.lap("search");
    pages::set_globals(&index, theme);
    let values = pages::Values::new(&site.course);
    let pages = Pages { index: &index, bodies: &site.bodies, graph: &site.graph, theme, values: &values };
    write::write(&pages, root, out, &search_files)
}

/// The report of a build skipped because nothing changed since the last one, whose
/// warnings it repeats.
fn unchanged(out: &Path, manifest: cache::Manifest, inputs: cache::Inputs, clock: &mut Clock) -> Option<Report> {
    let manifest = Some(manifest).filter(|m| inputs.match_manifest(m) && cache::outputs_intact(out, m))?;
    clock.lap("cache");
    let stats = Stats { unchanged: manifest.files.len(), ..Stats::default() };
    let timings = std::mem::take(&mut clock.laps);
    Some(Report { diags: manifest.diags, stats: Some(stats), pages: manifest.pages, timings, title: String::new() })
}
