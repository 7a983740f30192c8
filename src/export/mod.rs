//! Exports of a checked course for other systems: quizzes as Moodle GIFT, concept cards
//! for Anki or as CSV.

pub mod cards;
pub mod gift;
