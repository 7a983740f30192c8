//! The review page: the card the learner's browser schedules (review.js), and below it
//! the study sheet, every reviewed concept with its definition in teaching order, which
//! is also what the page shows without JavaScript and where the script reads the concept
//! cards from (one page, no data file to fetch before the first card).

use tera::{Context, Value};

use super::Pages;
use crate::common::routes::SitePage;
use crate::util::html::{escape_into, unlinked};

/// Room for each concept's entry in the study sheet besides its definition.
const ENTRY_ROOM: usize = 96;

impl Pages<'_> {
    pub(super) fn review(&self) -> Context {
        let mut ctx = self.listing(SitePage::Review);
        let (sheet, count) = self.study_sheet();
        ctx.insert("study_sheet", &Value::safe_string(&sheet));
        ctx.insert("study_count", &count);
        ctx
    }

    /// The study sheet's entries as one string of HTML (a Tera loop over 1,000 concepts
    /// costs more than the rest of the page), and how many there are. Each term carries its
    /// concept's id and the lesson introducing it, so that the script can show a concept's
    /// cards to a learner who marked that lesson done.
    fn study_sheet(&self) -> (String, usize) {
        let course = self.index.course;
        let introduced_by = &self.graph.introduced_by;
        let order = self.teaching_order();
        let defs = &self.bodies.definitions;
        let room = order.iter().map(|&c| defs[c].html.len() + course.concepts[c].term.len() + ENTRY_ROOM).sum();
        let mut out = String::with_capacity(room);
        for &c in &order {
            let concept = &course.concepts[c];
            out.push_str("<dt data-review-concept=\"");
            escape_into(&mut out, &concept.id);
            if let Some(lesson) = introduced_by[c] {
                out.push_str("\" data-lesson=\"");
                escape_into(&mut out, &course.lessons[lesson].id);
            }
            out.push_str("\">");
            escape_into(&mut out, &concept.term);
            out.push_str("</dt><dd>");
            out.push_str(unlinked(&defs[c].html).trim());
            out.push_str("</dd>\n");
        }
        (out, order.len())
    }

    /// The reviewed concepts in the order the course teaches them: lesson by lesson, in the
    /// order each lesson lists them, then those no lesson introduces.
    fn teaching_order(&self) -> Vec<usize> {
        let course = self.index.course;
        let introduced_by = &self.graph.introduced_by;
        let reviewed = |c: &usize| course.concepts[*c].review;
        let mut order: Vec<usize> = (0..course.lessons.len())
            .flat_map(|l| {
                crate::content::model::targets(&course.lessons[l].concepts)
                    .filter(move |&c| introduced_by[c] == Some(l))
            })
            .filter(reviewed)
            .collect();
        order.extend((0..course.concepts.len()).filter(|&c| introduced_by[c].is_none()).filter(reviewed));
        order
    }

    /// The reviewed concepts lesson `idx` introduces, as ids separated by spaces.
    pub(super) fn review_concepts(&self, idx: usize) -> String {
        let course = self.index.course;
        let introduced = |c: &usize| self.graph.introduced_by[*c] == Some(idx) && course.concepts[*c].review;
        let ids: Vec<&str> = crate::content::model::targets(&course.lessons[idx].concepts)
            .filter(introduced)
            .map(|c| course.concepts[c].id.as_str())
            .collect();
        ids.join(" ")
    }
}
