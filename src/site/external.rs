//! External links (`check --external`): asks every article's `url` over HTTP (HEAD, then
//! GET where HEAD is refused), a few at a time with a timeout, and warns on those that
//! fail, naming the archived copy when the article has one.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::diag::{Diagnostic, Pos};
use crate::content::model::Course;

/// How many addresses are asked at once.
const WORKERS: usize = 4;

struct Target<'c> {
    path: &'c str,
    pos: Pos,
    url: &'c str,
    archive: Option<&'c str>,
}

/// The request timeout: 10 s, or `SYLLABUS_HTTP_TIMEOUT` seconds.
fn timeout() -> Duration {
    let secs = std::env::var("SYLLABUS_HTTP_TIMEOUT").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(10.0);
    Duration::from_secs_f64(secs.max(0.1))
}

/// Asks every article's address and returns a warning for each that does not answer.
pub fn check(course: &Course) -> Vec<Diagnostic> {
    let targets: Vec<Target> = course
        .articles
        .iter()
        .filter_map(|a| {
            let url = a.url.as_ref()?;
            Some(Target {
                path: a.origin.path(),
                pos: url.pos,
                url: &url.value,
                archive: a.archive.as_ref().map(|x| x.value.as_str()),
            })
        })
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout()))
        .http_status_as_error(false)
        .user_agent(concat!("syllabus/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let found = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(targets.len()) {
            scope.spawn(|| {
                while let Some(t) = targets.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(problem) = ask(&agent, t.url) {
                        let archive = match t.archive {
                            Some(a) => format!("; the archived copy is {a}"),
                            None => "; no archived copy is named (add 'archive:')".into(),
                        };
                        let msg = format!("url {} does not answer: {problem}{archive}", t.url);
                        found.lock().expect("no worker panics holding it").push(Diagnostic::warning(
                            t.path,
                            Some(t.pos),
                            msg,
                        ));
                    }
                }
            });
        }
    });
    found.into_inner().expect("workers are done")
}

/// HEAD, then GET if HEAD did not succeed (many servers refuse HEAD).
fn ask(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let head = agent.head(url).call();
    if matches!(&head, Ok(r) if r.status().is_success()) {
        return Ok(());
    }
    match agent.get(url).call() {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("HTTP {}", r.status())),
        Err(ureq::Error::Timeout(_)) => Err(format!("no answer within {} s", timeout().as_secs_f64())),
        Err(e) => Err(e.to_string()),
    }
}
