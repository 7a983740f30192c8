//! The site's files that are not pages: `robots.txt` and `sitemap.xml`.

use tera::Context;

use super::Pages;
use crate::common::routes::SitePage;
use crate::common::{Kind, PageKey};

impl Pages<'_> {
    pub(super) fn robots(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert("sitemap", &self.index.base.absolute(SitePage::Sitemap.path()));
        ctx
    }

    pub(super) fn sitemap(&self) -> Context {
        let mut urls: Vec<String> = SitePage::ALL
            .iter()
            .filter(|p| p.in_sitemap())
            .filter_map(|p| self.index.base.absolute(p.path()))
            .collect();
        for kind in [Kind::Module, Kind::Lesson, Kind::Article, Kind::Concept, Kind::Quiz, Kind::Page] {
            for i in 0..self.index.course.ids(kind).len() {
                urls.extend(self.index.base.absolute(self.index.site_path(PageKey::new(kind, i))));
            }
        }
        let urls: Vec<String> = urls.iter().map(|u| crate::util::path::percent_encode_url(u)).collect();
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        ctx
    }
}
