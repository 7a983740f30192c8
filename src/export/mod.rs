//! Exports of a checked course for other systems: quizzes as Moodle GIFT.

pub mod gift;
