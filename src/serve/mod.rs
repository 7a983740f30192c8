//! The preview server (`syllabus serve`): the live course built in memory, a watcher on
//! its files, and an HTTP server over it; after every save only what the change affects
//! is built again and every open browser reloads. `http` holds the server's side,
//! `overlay` the error box over served pages.

mod http;
pub mod live;
mod overlay;
mod stale;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{RwLock, broadcast};

pub use http::site_path;
use http::{Message, Shared};
use live::{Live, Outcome};
use watch::Watch;

use crate::common::Severity;
use crate::content::config::BaseUrl;

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub drafts: bool,
    pub instructor: bool,
    pub poll: bool,
    pub open: bool,
}

/// Runs the server until interrupted.
pub fn run(opts: Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime.block_on(serve(opts))
}

async fn serve(opts: Options) -> Result<(), String> {
    // Events name files by absolute paths: the root must be one too (`serve` in the
    // course folder, with the default `--root .`, otherwise never saw an edit).
    let root =
        opts.root.canonicalize().map_err(|e| format!("cannot open the course folder {}: {e}", opts.root.display()))?;
    let ip: IpAddr = match opts.bind.as_str() {
        "localhost" => IpAddr::from([127, 0, 0, 1]),
        other => other.parse().map_err(|_| format!("--bind: '{other}' is not an IP address"))?,
    };
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, opts.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}, not 127.0.0.1: every machine that can reach this one can read the course, drafts included"
        );
    }
    let shown = if ip.is_loopback() { "127.0.0.1".to_string() } else { ip.to_string() };
    let origin = ip.is_loopback().then(|| format!("http://127.0.0.1:{}", addr.port()));
    let base_url = BaseUrl { origin, path: "/".into() };
    // Watch first, so that nothing saved while the course builds is missed.
    let watch = Watch::start(&root, opts.poll)?;
    println!("Watching {} in {}", and_list(&watch.watched), root.display());
    let live =
        Live::new(live::Options { root: root.clone(), drafts: opts.drafts, base_url, instructor: opts.instructor });
    report(&live, None);
    let (events, _) = broadcast::channel(16);
    let hosts = allowed_hosts(ip, addr.port());
    let shared = Shared { live: Arc::new(RwLock::new(live)), events, hosts: Arc::new(hosts) };
    let watcher_shared = shared.clone();
    let watch_root = root.clone();
    std::thread::spawn(move || follow(watch, watcher_shared, &watch_root, opts.poll));
    let url = format!("http://{shown}:{}/", addr.port());
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if opts.open {
        open_browser(&url);
    }
    axum::serve(listener, http::router(shared))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => "nothing yet".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The `Host` values a request may carry for a server at `ip:port`.
fn allowed_hosts(ip: IpAddr, port: u16) -> Vec<String> {
    let mut names = vec![format!("{ip}:{port}")];
    if ip.is_loopback() || ip.is_unspecified() {
        names.extend([format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")]);
    }
    names
}

/// Follows file changes: rebuilds, reports, and tells the browsers.
fn follow(mut watch: Watch, shared: Shared, root: &Path, poll: bool) {
    while let Some((paths, _)) = watch.next_batch() {
        let noticed = Instant::now();
        let outcome = shared.live.blocking_write().apply(&paths);
        let message = match outcome {
            Outcome::Nothing => None,
            Outcome::Css => Some(Message::Css),
            Outcome::Reload => Some(Message::Reload),
        };
        if let Some(m) = message {
            let _ = shared.events.send(m);
            let took = noticed.elapsed();
            report(&shared.live.blocking_read(), Some((paths.len(), took)));
        }
        // A course folder made after the start needs a watch of its own.
        if paths.iter().any(|p| ["content", "templates", "static"].iter().any(|d| *p == root.join(d))) {
            match Watch::start(root, poll) {
                Ok(w) => watch = w,
                Err(e) => eprintln!("error: {e}"),
            }
        }
    }
}

/// Prints the outcome of a build or rebuild and its diagnostics to the terminal.
fn report(live: &Live, change: Option<(usize, std::time::Duration)>) {
    for d in live.diags.iter().filter(|d| d.severity != Severity::Note) {
        eprintln!("{d}");
    }
    let errors = live.diags.iter().filter(|d| d.is_error()).count();
    let state = if errors > 0 {
        format!("{errors} error{}: still serving the last good site", if errors == 1 { "" } else { "s" })
    } else {
        "ok".into()
    };
    match change {
        Some((n, took)) => println!(
            "{n} file{} changed: rebuilt in {:.1} ms, reload sent; {state}",
            if n == 1 { "" } else { "s" },
            took.as_secs_f64() * 1000.0
        ),
        None => println!("Built in {:.0} ms; {state}", live.took.as_secs_f64() * 1000.0),
    }
    if crate::build::clock::wanted() {
        for line in crate::build::clock::lines(&live.timings) {
            eprintln!("{line}");
        }
    }
}

/// Opens `url` in the desktop's browser; says so on stderr when it cannot.
fn open_browser(url: &str) {
    if let Err(e) = open::that_detached(url) {
        eprintln!("syllabus: cannot open a browser ({e}); open {url} yourself");
    }
}
