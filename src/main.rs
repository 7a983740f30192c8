//! The `syllabus` command line: parses arguments, runs a command, prints diagnostics and
//! sets the exit status (0 done, 1 an error in the course or output, 2 a bad command line).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use syllabus::build::stages::Given;
use syllabus::common::diag;
use syllabus::content::config::BaseUrl;
use syllabus::export::{cards, gift, qti, scorm};
use syllabus::{build, init};

#[derive(Parser)]
#[command(name = "syllabus", version, about = "Build a teaching website from lessons, readings, concepts and quizzes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the course into a static site.
    Build {
        /// The course folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: ROOT/public).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The site's address, overriding course.yaml (https://host/path/ or /path/).
        #[arg(long, value_parser = BaseUrl::parse)]
        base_url: Option<BaseUrl>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Show the notes for instructors (`> [!INSTRUCTOR]`), left out otherwise.
        #[arg(long)]
        instructor: bool,
        /// Links and assets by relative path, so that the folder works opened from disk
        /// (file://), on a USB stick or uploaded to a platform as it is.
        #[arg(long)]
        relative: bool,
    },
    /// Check the course as `build` does, without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        strict: bool,
        /// Also ask every article's url over HTTP and warn on those that fail.
        #[arg(long)]
        external: bool,
    },
    /// Preview the course: build it in memory, serve it, and rebuild on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (only this computer, 127.0.0.1, by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long)]
        drafts: bool,
        /// Show the notes for instructors (`> [!INSTRUCTOR]`), left out otherwise.
        #[arg(long)]
        instructor: bool,
        /// Look for changes by polling, for file systems without change events.
        #[arg(long)]
        poll: bool,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
    },
    /// Start a new course in DIR.
    Init { dir: PathBuf },
    /// Export the course for other systems.
    Export {
        #[command(subcommand)]
        what: Export,
    },
}

#[derive(Subcommand)]
enum Export {
    /// Every quiz, in one file for a learning-management system.
    Quizzes {
        /// The file format.
        #[arg(long, value_enum)]
        format: QuizFormat,
        /// The course folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write (default: standard output for gift, quizzes-FORMAT.zip for QTI).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// The whole course, as one package a learning platform imports.
    Course {
        /// The package format.
        #[arg(long, value_enum)]
        format: CourseFormat,
        /// The course folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write (default: course-scorm12.zip).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Every concept as a flashcard: term on one side, definition on the other.
    Cards {
        /// The file format.
        #[arg(long, value_enum)]
        format: CardFormat,
        /// The course folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum QuizFormat {
    /// Moodle GIFT.
    Gift,
    /// Canvas's QTI 1.2, a zip.
    Qti12,
    /// IMS QTI 2.1 content package, a zip.
    Qti21,
}

#[derive(Clone, Copy, ValueEnum)]
enum CourseFormat {
    /// SCORM 1.2: the site, reporting each learner's score and progress to the platform.
    Scorm12,
}

#[derive(Clone, Copy, ValueEnum)]
enum CardFormat {
    /// Anki's text import (tab-separated, with its header lines).
    Anki,
    /// CSV with a header row.
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Parsers recurse on nested input: give every worker the main thread's stack size.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(8 << 20).build_global();
    match cli.command {
        Command::Build { root, output, base_url, drafts, strict, instructor, relative } => {
            let output = Some(output.unwrap_or_else(|| root.join("public")));
            let given = Given { drafts, base_url, instructor, relative, scorm: false };
            run(build::Options { root, output, given, strict, external: None })
        }
        Command::Check { root, drafts, strict, external } => {
            let timeout = match std::env::var("SYLLABUS_HTTP_TIMEOUT") {
                Ok(value) if external => syllabus::site::external::parse_timeout(&value),
                _ => Ok(syllabus::site::external::DEFAULT_TIMEOUT),
            };
            match timeout {
                Ok(timeout) => {
                    let external = external.then_some(timeout);
                    let given = Given { drafts, ..Given::default() };
                    run(build::Options { root, output: None, given, strict, external })
                }
                Err(e) => {
                    eprintln!("syllabus: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve { root, port, bind, drafts, instructor, poll, open } => {
            match syllabus::serve::run(syllabus::serve::Options { root, port, bind, drafts, instructor, poll, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("syllabus serve: error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Init { dir } => match init::run(&dir) {
            Ok(()) => {
                println!(
                    "Started a new course in {}. Build it with: syllabus build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: error: {e}", dir.display());
                ExitCode::from(1)
            }
        },
        Command::Export { what: Export::Quizzes { format: QuizFormat::Gift, root, output } } => {
            export_gift(&root, output.as_deref())
        }
        Command::Export { what: Export::Course { format: CourseFormat::Scorm12, root, output } } => {
            export_scorm(&root, output.unwrap_or_else(|| "course-scorm12.zip".into()))
        }
        Command::Export { what: Export::Quizzes { format: QuizFormat::Qti12, root, output } } => {
            export_qti(&root, qti::Format::Canvas12, output.unwrap_or_else(|| "quizzes-qti12.zip".into()))
        }
        Command::Export { what: Export::Quizzes { format: QuizFormat::Qti21, root, output } } => {
            export_qti(&root, qti::Format::Qti21, output.unwrap_or_else(|| "quizzes-qti21.zip".into()))
        }
        Command::Export { what: Export::Cards { format, root, output } } => {
            let format = match format {
                CardFormat::Anki => cards::Format::Anki,
                CardFormat::Csv => cards::Format::Csv,
            };
            export_cards(&root, format, output.as_deref())
        }
    }
}

/// `export cards`: the cards to `output` or standard output.
fn export_cards(root: &std::path::Path, format: cards::Format, output: Option<&std::path::Path>) -> ExitCode {
    let export = cards::export(root, format);
    let summary = format!("Exported {} card{}", export.cards, plural(export.cards));
    finish_export(export.text, &export.diags, output, &summary)
}

/// Prints an export's diagnostics and writes its text; exit 1 when there is none.
fn finish_export(
    text: Option<impl AsRef<[u8]>>,
    diags: &[diag::Diagnostic],
    output: Option<&std::path::Path>,
    summary: &str,
) -> ExitCode {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{d}");
    }
    let Some(text) = text else {
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let _ = writeln!(err, "syllabus: {errors} error{}; nothing was exported", plural(errors));
        return ExitCode::from(1);
    };
    let written = match output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("{}: error: cannot write: {e}", path.display())),
        None => std::io::stdout().lock().write_all(text.as_ref()).map_err(|e| format!("error: cannot write: {e}")),
    };
    match (written, output) {
        (Err(e), _) => {
            let _ = writeln!(err, "{e}");
            ExitCode::from(1)
        }
        (Ok(()), Some(path)) => {
            println!("{summary} to {}", path.display());
            ExitCode::SUCCESS
        }
        (Ok(()), None) => ExitCode::SUCCESS,
    }
}

/// `export quizzes --format gift`: the GIFT text to `output` or standard output.
fn export_gift(root: &std::path::Path, output: Option<&std::path::Path>) -> ExitCode {
    let export = gift::export(root);
    let (q, n) = (export.questions, export.quizzes);
    let summary = format!("Exported {q} question{} from {n} quiz{}", plural(q), if n == 1 { "" } else { "zes" });
    finish_export(export.text, &export.diags, output, &summary)
}

/// `export quizzes --format qti12|qti21`: a zip package to `output`.
fn export_qti(root: &std::path::Path, format: qti::Format, output: PathBuf) -> ExitCode {
    if let Err(e) = syllabus::output::folder::check_export_file(root, &output) {
        eprintln!("syllabus: {e}");
        return ExitCode::from(1);
    }
    let export = qti::export(root, format);
    let (q, n) = (export.questions, export.quizzes);
    let summary = format!("Exported {q} question{} from {n} quiz{}", plural(q), if n == 1 { "" } else { "zes" });
    finish_export(export.zip, &export.diags, Some(&output), &summary)
}

/// `export course --format scorm12`: the site as a SCORM 1.2 zip to `output`.
fn export_scorm(root: &std::path::Path, output: PathBuf) -> ExitCode {
    if let Err(e) = syllabus::output::folder::check_export_file(root, &output) {
        eprintln!("syllabus: {e}");
        return ExitCode::from(1);
    }
    let export = scorm::export(root);
    let summary =
        format!("Exported the course as a SCORM 1.2 package of {} file{}", export.files, plural(export.files));
    finish_export(export.zip, &export.diags, Some(&output), &summary)
}

fn run(opts: build::Options) -> ExitCode {
    let report = build::run(&opts);
    let mut err = std::io::stderr().lock();
    for d in &report.diags {
        let _ = writeln!(err, "{d}");
    }
    let errors = report.diags.iter().filter(|d| d.is_error()).count();
    let warnings = report.diags.iter().filter(|d| d.severity == diag::Severity::Warning).count();
    if errors > 0 {
        let what = if opts.output.is_some() { "; nothing was written" } else { "" };
        let _ =
            writeln!(err, "syllabus: {errors} error{}, {warnings} warning{}{what}", plural(errors), plural(warnings));
        return ExitCode::from(1);
    }
    let total: f64 = report.timings.iter().map(|l| l.time.as_secs_f64()).sum();
    match (&report.stats, &opts.output) {
        (Some(s), Some(out)) => println!(
            "Built {} pages into {} in {:.2} s: {} written, {} unchanged, {} removed{}",
            report.pages,
            out.display(),
            total,
            s.written,
            s.unchanged,
            s.removed,
            if warnings > 0 { format!(" ({warnings} warning{})", plural(warnings)) } else { String::new() }
        ),
        _ => println!(
            "Checked {} pages in {:.2} s: no errors, {warnings} warning{}",
            report.pages,
            total,
            plural(warnings)
        ),
    }
    if std::env::var_os("SYLLABUS_TIMINGS").is_some() {
        for lap in &report.timings {
            let (wall, cpu) = (lap.time.as_secs_f64() * 1000.0, lap.cpu.as_secs_f64() * 1000.0);
            let _ = writeln!(err, "  {:<10} {wall:>8.1} ms {cpu:>8.0} ms cpu {:>6} MB", lap.stage, lap.rss_mb);
        }
    }
    ExitCode::SUCCESS
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// jemalloc: 15 to 25% less processor time than the system allocator on a 10,000-lesson
/// build (benches/bench.py). Its settings keep peak memory below the system allocator's:
/// one arena for all threads (each thread still keeps a cache of small blocks), and
/// freed pages given back to the system after half a second (`dirty_decay_ms`), then at
/// once (`muzzy_decay_ms`). With jemalloc's defaults the peak was 40 MB higher. On Linux,
/// `thp:always` asks for 2 MB pages where the kernel's transparent huge pages allow them:
/// the concept automaton, the term tables and the page values are read all over, and with
/// 4 KB pages their address translations missed the processor's cache (3 to 8% of wall
/// time on a 10,000-lesson build, for 5 to 11 MB more peak memory). jemalloc does not
/// build with Microsoft's toolchain: Windows builds keep the system allocator.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc reads its settings from this symbol at start (a C string).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8] = if cfg!(target_os = "linux") {
    b"narenas:1,dirty_decay_ms:500,muzzy_decay_ms:0,thp:always\0"
} else {
    b"narenas:1,dirty_decay_ms:500,muzzy_decay_ms:0\0"
};
