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

/// The request timeout when `SYLLABUS_HTTP_TIMEOUT` does not set it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The request timeout a `SYLLABUS_HTTP_TIMEOUT` value sets: a number of seconds from 0.1
/// to 3600 (anything else, `inf` included, is refused with the reason).
pub fn parse_timeout(value: &str) -> Result<Duration, String> {
    let secs = value.trim().parse::<f64>().ok().filter(|s| (0.1..=3600.0).contains(s));
    secs.map(Duration::from_secs_f64).ok_or_else(|| {
        format!("SYLLABUS_HTTP_TIMEOUT must be a number of seconds from 0.1 to 3600, such as 10; found '{value}'")
    })
}

/// Asks every article's address, waiting at most `timeout` for each, and returns a warning
/// for each that does not answer.
pub fn check(course: &Course, timeout: Duration) -> Vec<Diagnostic> {
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
        .timeout_global(Some(timeout))
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
                    if let Err(problem) = ask(&agent, t.url, timeout) {
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
fn ask(agent: &ureq::Agent, url: &str, timeout: Duration) -> Result<(), String> {
    let head = agent.head(url).call();
    if matches!(&head, Ok(r) if r.status().is_success()) {
        return Ok(());
    }
    match agent.get(url).call() {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("HTTP {}", r.status())),
        Err(ureq::Error::Timeout(_)) => Err(format!("no answer within {} s", timeout.as_secs_f64())),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_seconds_within_reason() {
        assert_eq!(parse_timeout("10"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_timeout(" 0.5 "), Ok(Duration::from_millis(500)));
        for bad in ["inf", "NaN", "-1", "0", "1e9", "ten", ""] {
            let err = parse_timeout(bad).unwrap_err();
            assert!(err.contains(&format!("found '{bad}'")), "{err}");
        }
    }
}
