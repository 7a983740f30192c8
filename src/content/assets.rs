//! Files that are not pages: those beside the pages under `content/` (a lesson's
//! `fig/cycle.svg`), published at `/files/<path under content>/`, and the width and height
//! of every image, read from the file's header (imagesize, MIT: it reads a few bytes of
//! PNG, JPEG, GIF, WebP, AVIF and more; SVG sizes are read here from the root element).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::common::diag::Diagnostic;

pub use crate::common::routes::PAGE_FILES;

/// The files beside pages and the size of every image of the course.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Assets {
    /// Files under `content/` that are not pages, relative to `content/`.
    pub page_files: Vec<String>,
    /// Width and height of each image, by site path (`img/map.svg`, `files/lessons/...`).
    pub sizes: HashMap<String, (u32, u32)>,
}

impl Assets {
    /// Sizes of the images among `static_files` (relative to `static/`) and `page_files`.
    pub fn read(root: &Path, static_files: &[String], page_files: Vec<String>) -> Assets {
        let statics = static_files.iter().map(|f| (f.clone(), root.join("static").join(f)));
        let beside = page_files.iter().map(|f| (site_path(f), root.join("content").join(f)));
        let images: Vec<(String, std::path::PathBuf)> = statics.chain(beside).filter(|(p, _)| is_image(p)).collect();
        let sizes = images.into_par_iter().filter_map(|(site, file)| Some((site, size(&file)?))).collect();
        Assets { page_files, sizes }
    }
}

/// The site path of a file beside pages, from its path under `content/`.
pub fn site_path(page_file: &str) -> String {
    format!("{PAGE_FILES}/{page_file}")
}

/// Why a file beside pages cannot be published under its name, if it cannot.
pub fn bad_name(page_file: &str) -> Option<String> {
    let name = page_file.rsplit('/').next().unwrap_or(page_file);
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    let bad = page_file.split('/').find(|part| part.is_empty() || part.starts_with('.') || !part.chars().all(ok))?;
    let what = if bad == name { "its name" } else { "its folder's name" };
    Some(format!(
        "a file beside pages is published under its path, and {what} '{bad}' cannot be part of a URL; rename it with letters, digits, '-', '_' and '.'"
    ))
}

fn is_image(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "bmp" | "ico" | "svg" | "tif" | "tiff")
}

/// An image's width and height in CSS pixels, if its header says.
fn size(file: &Path) -> Option<(u32, u32)> {
    if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
        let mut head = vec![0; 8192];
        let n = std::io::Read::read(&mut std::fs::File::open(file).ok()?, &mut head).ok()?;
        return svg_size(&String::from_utf8_lossy(&head[..n]));
    }
    let size = imagesize::size(file).ok()?;
    Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?))
}

/// The size an SVG's root element gives: `width` and `height` in pixels (or unitless), or
/// its `viewBox`.
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.match_indices(name).find(|(i, _)| tag.as_bytes()[i - 1].is_ascii_whitespace())?.0;
        let rest = tag[at + name.len()..].trim_start().strip_prefix('=')?.trim_start();
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        rest[1..].split(quote).next()
    };
    let px = |v: &str| {
        let v = v.trim().strip_suffix("px").unwrap_or(v.trim());
        v.parse::<f64>().ok().filter(|n| *n > 0.0 && *n < 100_000.0).map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(px), attr("height").and_then(px)) {
        return Some((w, h));
    }
    let nums: Vec<f64> =
        attr("viewBox")?.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|n| n.parse().ok()).collect();
    match nums[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 && w < 100_000.0 && h < 100_000.0 => {
            Some((w.round() as u32, h.round() as u32))
        }
        _ => None,
    }
}

/// Reports each file beside pages that no page uses.
pub fn unused(assets: &Assets, used: &std::collections::HashSet<String>) -> Vec<Diagnostic> {
    let mut unused: Vec<&String> = assets.page_files.iter().filter(|f| !used.contains(&site_path(f))).collect();
    unused.sort();
    unused
        .into_iter()
        .map(|f| {
            let msg =
                "no page links to this file; it is published anyway (remove it, or link to it from the page beside it)";
            Diagnostic::warning(format!("content/{f}"), None, msg)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_width_and_height_or_the_view_box() {
        assert_eq!(svg_size("<svg xmlns=\"x\" width=\"640\" height=\"480px\">"), Some((640, 480)));
        assert_eq!(svg_size("<?xml?><svg viewBox=\"0 0 800.4 600\" width=\"100%\">"), Some((800, 600)));
        assert_eq!(svg_size("<svg stroke-width=\"2\" viewBox='0,0,20,10'>"), Some((20, 10)));
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size("<svg width=\"1e9\" height=\"2\">"), None);
    }

    #[test]
    fn names_that_cannot_be_urls_are_refused() {
        assert_eq!(bad_name("lessons/01-a/fig/cycle.svg"), None);
        assert_eq!(bad_name("lessons/01-a/fig/carte-été.png"), None);
        assert!(bad_name("lessons/01-a/my map?.svg").unwrap().contains("its name 'my map?.svg'"));
        assert!(bad_name("lessons/my figs/a.svg").unwrap().contains("its folder's name 'my figs'"));
    }
}
