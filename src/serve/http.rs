//! The preview's HTTP side (axum): pages of the live course with the reload script and
//! the error overlay added, reload events, and the safety rules: only the server's own
//! `Host` is answered, nothing outside the site is served, no CORS header is sent.
//! Handlers never block: the live course sits behind tokio's lock, and pages are rendered
//! and files read on blocking threads.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{RwLock, broadcast};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::live::{Live, Served};
use super::overlay::overlay;

/// What the browsers are told.
#[derive(Clone, Debug)]
pub enum Message {
    Reload,
    Css,
}

/// What every handler shares.
#[derive(Clone)]
pub struct Shared {
    pub live: Arc<RwLock<Live>>,
    pub events: broadcast::Sender<Message>,
    /// `host:port` forms a request may name (anything else is refused: DNS rebinding).
    pub hosts: Arc<Vec<String>>,
}

/// The script added to every served page (never to built pages).
const LIVE_JS: &str = include_str!("live.js");

/// The preview's routes.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/__syllabus/events", get(events_handler))
        .route("/__syllabus/live.js", get(live_js))
        .route(super::overlay::CSS_PATH, get(overlay_css))
        .fallback(get(page))
        .layer(axum::middleware::from_fn_with_state(shared.clone(), check_host))
        .with_state(shared)
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

async fn overlay_css() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    (headers, super::overlay::CSS).into_response()
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
    let (state, overlay, root) = {
        let live = shared.live.read().await;
        (live.state(), overlay(&live.diags), live.root().to_path_buf())
    };
    // Rendering a page and reading a file both block: off the async workers.
    let found = tokio::task::spawn_blocking(move || {
        let Some(state) = state else {
            return (StatusCode::NOT_FOUND, not_found_page(None, &root), "/404.html".into());
        };
        let file = match state.get(&path, &root) {
            Served::Page(bytes) => Some(bytes.to_vec()),
            Served::Static(file) => read_static(&root, &file),
            Served::NotFound => None,
        };
        match file {
            Some(bytes) => (StatusCode::OK, bytes, path),
            None => (StatusCode::NOT_FOUND, not_found_page(Some(&state), &root), "/404.html".into()),
        }
    })
    .await;
    match found {
        Ok((status, bytes, path)) => respond(status, &path, bytes, &overlay),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A file's bytes, if it is really inside the course's `static/` folder, or `content/` (a
/// file beside the pages): a symbolic link out of them is not followed.
fn read_static(root: &std::path::Path, file: &std::path::Path) -> Option<Vec<u8>> {
    let file = file.canonicalize().ok()?;
    let inside =
        ["static", "content"].iter().any(|dir| root.join(dir).canonicalize().is_ok_and(|d| file.starts_with(d)));
    inside.then(|| std::fs::read(file).ok()).flatten()
}

/// The site's 404 page, or a plain one before any build.
fn not_found_page(state: Option<&super::live::State>, root: &std::path::Path) -> Vec<u8> {
    match state.map(|s| s.get("/404.html", root)) {
        Some(Served::Page(bytes)) => bytes.to_vec(),
        _ => b"<!doctype html><html lang=\"en\"><title>Not found</title><p>Not found.</p></html>".to_vec(),
    }
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
}
