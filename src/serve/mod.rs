//! The preview server (`syllabus serve`): HTTP with axum over the live site, reload and
//! stylesheet swaps pushed with server-sent events, errors shown over every page, and the
//! safety rules (loopback by default, no file outside the site, Host header checked).

pub mod live;
mod stale;
pub mod watch;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::common::diag::{Diagnostic, Severity};
use crate::content::config::BaseUrl;
use crate::serve::watch::Watch;
use crate::util::html::escape;
use live::{Live, Outcome, Served};

#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub drafts: bool,
    pub poll: bool,
    pub open: bool,
}

/// What the browsers are told.
#[derive(Clone, Debug)]
enum Message {
    Reload,
    Css,
}

#[derive(Clone)]
struct Shared {
    live: Arc<RwLock<Live>>,
    events: broadcast::Sender<Message>,
    /// `host:port` forms a request may name (anything else is refused: DNS rebinding).
    hosts: Arc<Vec<String>>,
}

/// The script added to every served page (never to built pages).
const LIVE_JS: &str = include_str!("live.js");

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
    let watch = Watch::start(&opts.root, opts.poll)?;
    let live = Live::new(live::Options { root: opts.root.clone(), drafts: opts.drafts, base_url });
    report(&live, None);
    let (events, _) = broadcast::channel(16);
    let hosts = allowed_hosts(ip, addr.port());
    let shared = Shared { live: Arc::new(RwLock::new(live)), events, hosts: Arc::new(hosts) };
    let watcher_shared = shared.clone();
    let root = opts.root.clone();
    std::thread::spawn(move || follow(watch, watcher_shared, root, opts.poll));
    let url = format!("http://{shown}:{}/", addr.port());
    println!("Serving {} at {url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        open_browser(&url);
    }
    let app = Router::new()
        .route("/__syllabus/events", get(events_handler))
        .route("/__syllabus/live.js", get(live_js))
        .fallback(get(page))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), check_host))
        .with_state(shared);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
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
fn follow(mut watch: Watch, shared: Shared, root: PathBuf, poll: bool) {
    while let Some((paths, _)) = watch.next_batch() {
        let noticed = Instant::now();
        let outcome = shared.live.write().expect("never poisoned").apply(&paths);
        let message = match outcome {
            Outcome::Nothing => None,
            Outcome::Css => Some(Message::Css),
            Outcome::Reload => Some(Message::Reload),
        };
        if let Some(m) = message {
            let _ = shared.events.send(m);
            let took = noticed.elapsed();
            report(&shared.live.read().expect("never poisoned"), Some((paths.len(), took)));
        }
        // A course folder made after the start needs a watch of its own.
        if paths.iter().any(|p| ["content", "templates", "static"].iter().any(|d| *p == root.join(d))) {
            match Watch::start(&root, poll) {
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

async fn check_host(State(shared): State<Shared>, request: Request, next: axum::middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !shared.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return (StatusCode::FORBIDDEN, "This preview answers only to its own address.\n").into_response();
    }
    next.run(request).await
}

async fn events_handler(
    State(shared): State<Shared>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(shared.events.subscribe()).filter_map(|m| {
        let event = match m.ok()? {
            Message::Reload => Event::default().event("reload").data("reload"),
            Message::Css => Event::default().event("css").data("css"),
        };
        Some(Ok(event))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn live_js() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (headers, LIVE_JS).into_response()
}

/// The site path a request asks for, decoded, or `None` when it tries to leave the site
/// (`..`, encoded slashes or backslashes, NUL, a drive or absolute path).
pub fn site_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = crate::util::path::percent_decode(raw);
    let rest = decoded.strip_prefix('/')?;
    crate::util::path::is_normal(rest).then_some(decoded)
}

async fn page(State(shared): State<Shared>, request: Request) -> Response {
    let Some(path) = site_path(request.uri().path()) else {
        return (StatusCode::BAD_REQUEST, "Not a path of this site.\n").into_response();
    };
    let shared2 = shared.clone();
    let found = tokio::task::spawn_blocking(move || {
        let live = shared2.live.read().expect("never poisoned");
        let served = live.get(&path);
        let overlay = overlay(&live.diags);
        (served, overlay, path)
    })
    .await;
    let Ok((served, overlay, path)) = found else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    match served {
        Served::Page(bytes) => respond(StatusCode::OK, &path, bytes.to_vec(), &overlay),
        Served::Static(file) => match read_static(&shared, &file).await {
            Some(bytes) => respond(StatusCode::OK, &path, bytes, &overlay),
            None => not_found(&shared, &overlay),
        },
        Served::NotFound => not_found(&shared, &overlay),
    }
}

/// A static file's bytes, if it is really inside the course's `static/` folder.
async fn read_static(shared: &Shared, file: &std::path::Path) -> Option<Vec<u8>> {
    let root = shared.live.read().expect("never poisoned").root().join("static");
    let (root, file) = (root.canonicalize().ok()?, file.canonicalize().ok()?);
    if !file.starts_with(&root) {
        return None;
    }
    std::fs::read(file).ok()
}

fn not_found(shared: &Shared, overlay: &str) -> Response {
    let page = match shared.live.read().expect("never poisoned").get("/404.html") {
        Served::Page(bytes) => bytes.to_vec(),
        _ => b"<!doctype html><title>Not found</title><p>Not found.</p>".to_vec(),
    };
    respond(StatusCode::NOT_FOUND, "/404.html", page, overlay)
}

/// A response with the right type; HTML pages get the reload script and the overlay.
fn respond(status: StatusCode, path: &str, mut bytes: Vec<u8>, overlay: &str) -> Response {
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes = inject(bytes, overlay);
    }
    let mut headers = HeaderMap::new();
    let kind = HeaderValue::from_str(&kind).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, kind);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    (status, headers, Body::from(bytes)).into_response()
}

fn inject(html: Vec<u8>, overlay: &str) -> Vec<u8> {
    let addition = format!("{overlay}<script src=\"/__syllabus/live.js\"></script>\n");
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{addition}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{addition}").into_bytes(),
    }
}

/// The errors of the latest build, shown over every page (warnings stay in the terminal).
fn overlay(diags: &[Diagnostic]) -> String {
    let errors: Vec<String> = diags.iter().filter(|d| d.is_error()).map(|d| escape(&d.to_string())).collect();
    if errors.is_empty() {
        return String::new();
    }
    format!(
        "<div id=\"syllabus-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;\
         z-index:1000;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e6;font:14px/1.45 ui-monospace,monospace;\
         border-top:4px solid #ff6b5b\"><strong>{} error{} in the course — showing the last good build</strong>\
         <pre style=\"white-space:pre-wrap;margin:.5rem 0 0\">{}</pre></div>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        errors.join("\n")
    )
}

/// The `Content-Type` of a served path, from its extension (mime_guess's table); pages
/// (paths ending in `/` or without an extension) are HTML, and text is UTF-8.
fn content_type(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or("");
    if name.is_empty() || !name.contains('.') {
        return "text/html; charset=utf-8".into();
    }
    if name.ends_with(".bib") {
        return "application/x-bibtex; charset=utf-8".into();
    }
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let text =
        mime.type_() == mime_guess::mime::TEXT || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    if text && mime.get_param("charset").is_none() { format!("{mime}; charset=utf-8") } else { mime.to_string() }
}

/// Opens `url` in the desktop's browser; says so on stderr when it cannot.
fn open_browser(url: &str) {
    if let Err(e) = open::that_detached(url) {
        eprintln!("syllabus: cannot open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        assert_eq!(site_path("/lessons/a/").as_deref(), Some("/lessons/a/"));
        assert_eq!(site_path("/concepts/%E6%B5%B7/").as_deref(), Some("/concepts/海/"));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/etc/passwd",
            "/a%2fb",
            "/a\\..\\b",
            "/a%5c..",
            "/c:/x",
            "/a//b",
            "/%00",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn content_types_follow_the_extension_and_pages_are_html() {
        assert_eq!(content_type("/lessons/a/"), "text/html; charset=utf-8");
        assert_eq!(content_type("/404.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("/assets/syllabus.css"), "text/css; charset=utf-8");
        assert!(content_type("/assets/quiz.js").ends_with("javascript; charset=utf-8"));
        assert_eq!(content_type("/search/index.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("/img/map.svg"), "image/svg+xml");
        assert_eq!(content_type("/articles/readings.bib"), "application/x-bibtex; charset=utf-8");
        assert_eq!(content_type("/articles/readings.ris"), "application/x-research-info-systems");
        assert_eq!(content_type("/files/x.unknownext"), "application/octet-stream");
    }

    #[test]
    fn the_overlay_escapes_and_lists_only_errors() {
        let d = |sev, msg: &str| Diagnostic { path: "a.md".into(), pos: None, severity: sev, message: msg.into() };
        let html = overlay(&[d(Severity::Error, "<script>x</script>"), d(Severity::Warning, "warn")]);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;") && !html.contains("warn") && html.contains("1 error "));
        assert_eq!(overlay(&[d(Severity::Warning, "w")]), "");
    }
}
