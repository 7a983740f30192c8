//! Build: runs the stages in order (load, model, index, render, check, write), timing each,
//! and returns a report with every diagnostic; nothing is written if any is an error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::common::diag::{self, Diagnostic, Severity};
use crate::content::config::{self, BaseUrl};
use crate::content::load;
use crate::content::settle;
use crate::index::SiteIndex;
use crate::output::cache;
use crate::output::write::{self as output, Output, Staged, Stats};
use crate::pages::theme::Theme;
use crate::pages::{self, Pages};
use crate::site::bodies;
use crate::site::graph;
use crate::site::search;

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write; `None` checks without writing.
    pub output: Option<PathBuf>,
    pub base_url: Option<BaseUrl>,
    pub drafts: bool,
    pub strict: bool,
    /// Ask every article's `url` over HTTP (`check --external`).
    pub external: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub diags: Vec<Diagnostic>,
    /// Set when the site was written.
    pub stats: Option<Stats>,
    pub pages: usize,
    pub timings: Vec<Lap>,
}

/// One stage's wall time, the processor time all threads spent in it, and the process's
/// peak resident memory when it ended (the last two on Linux only).
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub time: Duration,
    pub cpu: Duration,
    pub rss_mb: u64,
}

struct Clock {
    last: Instant,
    last_cpu: Duration,
    timings: Vec<Lap>,
}

impl Clock {
    fn start() -> Clock {
        Clock { last: Instant::now(), last_cpu: cpu_time(), timings: Vec::new() }
    }

    fn lap(&mut self, stage: &'static str) {
        let (now, cpu) = (Instant::now(), cpu_time());
        let lap = Lap { stage, time: now - self.last, cpu: cpu.saturating_sub(self.last_cpu), rss_mb: resident_mb() };
        self.timings.push(lap);
        (self.last, self.last_cpu) = (now, cpu);
    }
}

/// Builds (or, without an output folder, checks) the course.
pub fn run(opts: &Options) -> Report {
    let mut clock = Clock::start();
    let mut diags = Vec::new();
    let mut fingerprint = None;
    // Without a previous build's manifest, the inputs' fingerprint is taken while loading.
    let mut alongside = false;
    if let Some(out) = &opts.output {
        match output::check_folder(&opts.root, out) {
            Err(m) => diags.push(Diagnostic::error(out.display().to_string(), None, m)),
            Ok(()) => match cache::read(out) {
                Some(manifest) => {
                    fingerprint = cache::inputs(&opts.root, &format!("{opts:?}")).ok();
                    if let Some(report) = fingerprint.and_then(|f| unchanged(out, manifest, f, &mut clock)) {
                        return report;
                    }
                }
                None => alongside = true,
            },
        }
    }
    let (loaded, late) = rayon::join(
        || load::load(&opts.root, &mut diags),
        || alongside.then(|| cache::inputs(&opts.root, &format!("{opts:?}")).ok()).flatten(),
    );
    fingerprint = fingerprint.or(late);
    let mut config = config::read(loaded.config.as_ref(), &mut diags);
    if let Some(base) = &opts.base_url {
        config.base_url = base.clone();
    }
    clock.lap("load");
    let course = settle::build(loaded, config, opts.drafts, &mut diags);
    let data = crate::index::IndexData::for_course(&course);
    let index = SiteIndex::view(&course, &data);
    clock.lap("model");
    let mut bodies = bodies::bodies(&index);
    diags.append(&mut bodies.take_diags());
    clock.lap("markdown");
    // The theme's templates are read and compiled while the links are checked.
    let mut theme_diags = Vec::new();
    let (graph, mut theme) = rayon::join(
        || {
            let graph = graph::build(&course, &bodies);
            crate::site::check::run(&index, &bodies, &graph, &mut diags);
            graph
        },
        || Theme::load(&course.templates, &mut theme_diags),
    );
    diags.append(&mut theme_diags);
    clock.lap("check");
    if opts.external {
        diags.extend(crate::site::external::check(&course));
        clock.lap("external");
    }
    if opts.strict {
        diag::make_strict(&mut diags);
    }
    let mut report = Report { pages: pages::jobs(&index).len(), ..Report::default() };
    let failed = diags.iter().any(Diagnostic::is_error);
    if course.config.base_url.origin.is_none() && opts.output.is_some() && !failed {
        let msg = "sitemap.xml is not written: base_url has no scheme and host (set base_url: https://host/path/ in course.yaml, or --base-url)";
        diags.push(Diagnostic { path: "course.yaml".into(), pos: None, severity: Severity::Note, message: msg.into() });
    }
    if let (Some(out), Some(theme), false) = (&opts.output, theme.as_mut(), failed) {
        // SYLLABUS_NO_SEARCH=1 leaves the index out: for measuring what it costs.
        let search_files = if std::env::var_os("SYLLABUS_NO_SEARCH").is_some() {
            Vec::new()
        } else {
            search::files(&index, &mut bodies)
        };
        clock.lap("search");
        pages::set_globals(&index, theme);
        let values = pages::Values::new(&course);
        let site = Pages { index: &index, bodies: &bodies, graph: &graph, theme, values: &values };
        match write(&site, &opts.root, out, &search_files) {
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
    std::thread::spawn(move || drop((course, data, bodies, graph)));
    diag::sort(&mut diags);
    report.diags = diags;
    report.timings = clock.timings;
    report
}

/// Peak resident memory so far in MB, from /proc (0 where there is none).
fn resident_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.split_whitespace().next()?.parse().ok());
    kb.unwrap_or(0) / 1024
}

/// Processor time (user and system) of all the process's threads so far, from /proc
/// (zero where there is none), counted in the kernel's ticks of 10 ms.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    Duration::from_millis(cpu_ticks(&stat) * 10)
}

/// utime plus stime from a `/proc/PID/stat` line (0 if it cannot be read).
fn cpu_ticks(stat: &str) -> u64 {
    // Fields after the command name, which is in parentheses and may hold spaces and `)`.
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are the 14th and 15th fields; the rest starts at the 3rd.
    ticks(11) + ticks(12)
}

/// The report of a build skipped because nothing changed since the last one, whose
/// warnings it repeats.
fn unchanged(out: &Path, manifest: cache::Manifest, fingerprint: u64, clock: &mut Clock) -> Option<Report> {
    let manifest = Some(manifest).filter(|m| m.inputs == fingerprint && cache::outputs_intact(out, m))?;
    clock.lap("cache");
    let stats = Stats { unchanged: manifest.files.len(), ..Stats::default() };
    let timings = std::mem::take(&mut clock.timings);
    Some(Report { diags: manifest.diags, stats: Some(stats), pages: manifest.pages, timings })
}

/// Renders every page, stages the changed files (with the theme's and `generated` ones),
/// and commits them, returning every file of the site; or, on any error, removes what was
/// staged and leaves the output as it was.
fn write(
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
    let rendered: Vec<(String, Result<Staged, Diagnostic>)> = jobs
        .par_iter()
        .map(|&job| {
            let path = pages::output_path(site.index, job);
            let rendered = crate::common::diag::guard(&path, || site.render(job)).and_then(|r| r);
            let staged = rendered.and_then(|bytes| stage(&output, &path, &bytes));
            (path, staged)
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
        let embedded =
            manifest.filter(|_| path == crate::pages::theme::SEARCH_JS_PATH).map(|m| search::embed(bytes, m));
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

#[cfg(test)]
mod tests {
    #[test]
    fn processor_time_is_read_after_a_command_name_with_spaces_and_parentheses() {
        let stat = "4242 (my (odd) cmd) R 1 4242 4242 0 -1 4194304 900 0 0 0 123 45 0 0 20 0 3 0";
        assert_eq!(super::cpu_ticks(stat), 168);
        assert_eq!(super::cpu_ticks(""), 0);
    }
}
