//! Canvas's QTI 1.2 profile, as Canvas exports and imports classic quizzes: a zip with
//! `imsmanifest.xml` and, per quiz, `<quiz id>/<quiz id>.xml` holding one `assessment`.
//! Each question is an `item` whose `question_type` and `points_possible` are Canvas's
//! item metadata; texts are HTML in `mattext texttype="text/html"`; the score is Canvas's
//! `SCORE` from 0 to 100, which Canvas scales to the question's points.
//!
//! single: `multiple_choice_question`; multiple: `multiple_answers_question` (full score
//! for the exact set of right choices); true_false: `true_false_question`; short:
//! `short_answer_question` (each accepted answer); numeric: `numerical_question`, exact
//! with a margin, as Canvas writes it (`or` of `varequal` and `vargte`/`varlte`);
//! match: `matching_question`; order: a `matching_question` of places to items, as the
//! GIFT export does. Each choice's feedback is an `itemfeedback` shown when it is chosen,
//! the explanation the neutral `general_fb`. Matching sides are plain text in Canvas.

use crate::common::diag::Diagnostic;
use crate::content::model::{Answer, Choice};
use crate::index::SiteIndex;
use crate::site::bodies::Bodies;

use super::xml::Xml;
use super::{Item, number};

const FORMAT: &str = "Canvas QTI 1.2";
const QTI_NS: &str = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";
const QTI_XSD: &str = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The package's files: the manifest, then each quiz's assessment.
pub fn files(index: &SiteIndex, bodies: &Bodies, diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let course = index.course;
    let strings = &course.config.strings;
    let words =
        Words { place: strings.get("place"), yes_no: [strings.get("answer_true"), strings.get("answer_false")] };
    let mut files = vec![("imsmanifest.xml".to_string(), manifest(index))];
    for items in Item::all(index, bodies) {
        let Some(first) = items.first() else { continue };
        let quiz = first.quiz;
        let mut x = Xml::new();
        x.open("questestinterop", &[("xmlns", QTI_NS), ("xmlns:xsi", XSI), ("xsi:schemaLocation", QTI_XSD)]);
        x.open("assessment", &[("ident", &quiz.id), ("title", &quiz.title)]);
        x.open("qtimetadata", &[]);
        field(&mut x, "cc_maxattempts", "unlimited");
        x.close();
        x.open("section", &[("ident", "root_section")]);
        for item in &items {
            write_item(&mut x, item, &words, diags);
        }
        x.close().close().close();
        files.push((format!("{0}/{0}.xml", quiz.id), x.finish()));
    }
    files
}

fn manifest(index: &SiteIndex) -> String {
    let course = index.course;
    let mut x = Xml::new();
    x.open(
        "manifest",
        &[
            ("identifier", "syllabus-quizzes"),
            ("xmlns", "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"),
            ("xmlns:imsmd", "http://www.imsglobal.org/xsd/imsmd_v1p2"),
            ("xmlns:xsi", XSI),
            (
                "xsi:schemaLocation",
                "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd",
            ),
        ],
    );
    x.open("metadata", &[]).leaf("schema", &[], "IMS Content").leaf("schemaversion", &[], "1.1.3");
    x.open("imsmd:lom", &[]).open("imsmd:general", &[]).open("imsmd:title", &[]);
    x.leaf("imsmd:string", &[], &course.config.title).close().close().close().close();
    x.leaf("organizations", &[], "");
    x.open("resources", &[]);
    for quiz in &course.quizzes {
        let href = format!("{0}/{0}.xml", quiz.id);
        x.open("resource", &[("identifier", &quiz.id), ("type", "imsqti_xmlv1p2")]);
        x.leaf("file", &[("href", &href)], "").close();
    }
    x.close().close();
    x.finish()
}

fn field(x: &mut Xml, label: &str, entry: &str) {
    x.open("qtimetadatafield", &[]).leaf("fieldlabel", &[], label).leaf("fieldentry", &[], entry).close();
}

/// HTML as Canvas holds it: escaped text of a `mattext` of type text/html.
fn html(x: &mut Xml, html: &str) {
    x.open("material", &[]).leaf("mattext", &[("texttype", "text/html")], html).close();
}

fn plain(x: &mut Xml, text: &str) {
    x.open("material", &[]).leaf("mattext", &[("texttype", "text/plain")], text).close();
}

fn question_type(answer: &Answer) -> &'static str {
    match answer {
        Answer::Single(_) => "multiple_choice_question",
        Answer::Multiple(_) => "multiple_answers_question",
        Answer::TrueFalse(_) => "true_false_question",
        Answer::Short(_) => "short_answer_question",
        Answer::Numeric { .. } => "numerical_question",
        Answer::Order(_) | Answer::Match(_) => "matching_question",
    }
}

/// The theme's words an export writes: "Place" (order as matching), "True" and "False".
struct Words<'a> {
    place: &'a str,
    yes_no: [&'a str; 2],
}

fn write_item(x: &mut Xml, item: &Item, words: &Words, diags: &mut Vec<Diagnostic>) {
    let place = words.place;
    let q = item.q;
    let ident = format!("{}--{}", item.quiz.id, q.id);
    let title = format!("{} {}", q.number, q.id);
    x.open("item", &[("ident", &ident), ("title", &title)]);
    x.open("itemmetadata", &[]).open("qtimetadata", &[]);
    field(x, "question_type", question_type(&q.answer));
    field(x, "points_possible", &number(q.points));
    x.close().close();
    let general = !item.h.explanation.is_empty();
    x.open("presentation", &[]);
    html(x, &item.html(&item.h.prompt));
    let feedback = match &q.answer {
        Answer::Single(choices) | Answer::Multiple(choices) => choices_item(x, item, choices),
        Answer::TrueFalse(answer) => true_false(x, *answer, words.yes_no, general),
        Answer::Short(answers) => short(x, answers, general),
        Answer::Numeric { answer, tolerance } => numeric(x, *answer, *tolerance, general),
        Answer::Order(_) => {
            let lefts: Vec<String> = (1..=item.h.options.len()).map(|n| format!("{place} {n}")).collect();
            matching(x, item, &lefts, diags)
        }
        Answer::Match(_) => {
            let lefts: Vec<String> = item.h.options.iter().map(|t| t.text.clone()).collect();
            matching(x, item, &lefts, diags)
        }
    };
    if !item.h.explanation.is_empty() {
        x.open("itemfeedback", &[("ident", "general_fb")]).open("flow_mat", &[]);
        html(x, &item.html(&item.h.explanation));
        x.close().close();
    }
    for (ident, text) in feedback {
        x.open("itemfeedback", &[("ident", &ident)]).open("flow_mat", &[]);
        html(x, &text);
        x.close().close();
    }
    x.close();
}

/// The start of `resprocessing`, with the general feedback shown whatever the answer.
fn resprocessing(x: &mut Xml, general: bool) {
    x.open("resprocessing", &[]);
    x.open("outcomes", &[])
        .leaf("decvar", &[("maxvalue", "100"), ("minvalue", "0"), ("varname", "SCORE"), ("vartype", "Decimal")], "")
        .close();
    if general {
        x.open("respcondition", &[("continue", "Yes")]).open("conditionvar", &[]).leaf("other", &[], "").close();
        x.leaf("displayfeedback", &[("feedbacktype", "Response"), ("linkrefid", "general_fb")], "").close();
    }
}

fn full_score(x: &mut Xml) {
    x.leaf("setvar", &[("action", "Set"), ("varname", "SCORE")], "100");
}

/// single and multiple; returns each choice's feedback, by ident.
fn choices_item(x: &mut Xml, item: &Item, choices: &[Choice]) -> Vec<(String, String)> {
    let multiple = matches!(item.q.answer, Answer::Multiple(_));
    let ids: Vec<String> = (1..=choices.len()).map(|i| format!("c{i}")).collect();
    let cardinality = if multiple { "Multiple" } else { "Single" };
    x.open("response_lid", &[("ident", "response1"), ("rcardinality", cardinality)]).open("render_choice", &[]);
    for (id, text) in ids.iter().zip(&item.h.options) {
        x.open("response_label", &[("ident", id)]);
        html(x, &item.html(&text.html));
        x.close();
    }
    x.close().close().close();
    resprocessing(x, !item.h.explanation.is_empty());
    let mut feedback = Vec::new();
    for (id, text) in ids.iter().zip(&item.h.second) {
        if text.html.is_empty() {
            continue;
        }
        let fb = format!("{id}_fb");
        x.open("respcondition", &[("continue", "Yes")]).open("conditionvar", &[]);
        x.leaf("varequal", &[("respident", "response1")], id).close();
        x.leaf("displayfeedback", &[("feedbacktype", "Response"), ("linkrefid", &fb)], "").close();
        feedback.push((fb, item.html(&text.html)));
    }
    x.open("respcondition", &[("continue", "No")]).open("conditionvar", &[]);
    if multiple {
        x.open("and", &[]);
        for (id, c) in ids.iter().zip(choices) {
            if c.correct {
                x.leaf("varequal", &[("respident", "response1")], id);
            } else {
                x.open("not", &[]).leaf("varequal", &[("respident", "response1")], id).close();
            }
        }
        x.close();
    } else if let Some((id, _)) = ids.iter().zip(choices).find(|(_, c)| c.correct) {
        x.leaf("varequal", &[("respident", "response1")], id);
    }
    x.close();
    full_score(x);
    x.close().close();
    feedback
}

fn true_false(x: &mut Xml, answer: bool, yes_no: [&str; 2], general: bool) -> Vec<(String, String)> {
    x.open("response_lid", &[("ident", "response1"), ("rcardinality", "Single")]).open("render_choice", &[]);
    for (id, text) in [("true", yes_no[0]), ("false", yes_no[1])] {
        x.open("response_label", &[("ident", id)]);
        plain(x, text);
        x.close();
    }
    x.close().close().close();
    resprocessing(x, general);
    x.open("respcondition", &[("continue", "No")]).open("conditionvar", &[]);
    x.leaf("varequal", &[("respident", "response1")], if answer { "true" } else { "false" }).close();
    full_score(x);
    x.close().close();
    Vec::new()
}

fn short(x: &mut Xml, answers: &[String], general: bool) -> Vec<(String, String)> {
    x.open("response_str", &[("ident", "response1"), ("rcardinality", "Single")]).open("render_fib", &[]);
    x.leaf("response_label", &[("ident", "answer1"), ("rshuffle", "No")], "").close().close().close();
    resprocessing(x, general);
    x.open("respcondition", &[("continue", "No")]).open("conditionvar", &[]);
    for a in answers {
        x.leaf("varequal", &[("respident", "response1")], a.trim());
    }
    x.close();
    full_score(x);
    x.close().close();
    Vec::new()
}

fn numeric(x: &mut Xml, answer: f64, tolerance: f64, general: bool) -> Vec<(String, String)> {
    x.open("response_str", &[("ident", "response1"), ("rcardinality", "Single")])
        .open("render_fib", &[("fibtype", "Decimal")]);
    x.leaf("response_label", &[("ident", "answer1")], "").close().close().close();
    resprocessing(x, general);
    x.open("respcondition", &[("continue", "No")]).open("conditionvar", &[]).open("or", &[]);
    x.leaf("varequal", &[("respident", "response1")], &number(answer));
    x.open("and", &[]);
    x.leaf("vargte", &[("respident", "response1")], &number(answer - tolerance));
    x.leaf("varlte", &[("respident", "response1")], &number(answer + tolerance));
    x.close().close().close();
    full_score(x);
    x.close().close();
    Vec::new()
}

/// match, and order as places matched to items: one `response_lid` per left side, every
/// right side its choices; each pair right adds its share of the score.
fn matching(x: &mut Xml, item: &Item, lefts: &[String], diags: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let order = matches!(item.q.answer, Answer::Order(_));
    let rights: Vec<&crate::site::bodies::Text> =
        if order { item.h.options.iter().collect() } else { item.h.second.iter().collect() };
    let formatted = |t: &crate::site::bodies::Text| t.html.contains('<');
    let sides = if order { rights.clone() } else { item.h.options.iter().chain(&item.h.second).collect() };
    if sides.iter().any(|t| formatted(t)) {
        item.warn(
            diags,
            FORMAT,
            "Canvas shows the sides of a matching question as plain text; their formatting is left out",
        );
    }
    for (i, left) in lefts.iter().enumerate() {
        let ident = format!("response_l{}", i + 1);
        x.open("response_lid", &[("ident", &ident)]);
        plain(x, left);
        x.open("render_choice", &[]);
        for (j, right) in rights.iter().enumerate() {
            x.open("response_label", &[("ident", &format!("r{}", j + 1))]);
            plain(x, &right.text);
            x.close();
        }
        x.close().close();
    }
    x.close();
    resprocessing(x, !item.h.explanation.is_empty());
    let share = number(100.0 / lefts.len() as f64);
    for i in 0..lefts.len() {
        // order: place i takes the item i, or any item of the same text.
        let right: Vec<usize> = if order {
            (0..rights.len()).filter(|&j| rights[j].text.trim() == rights[i].text.trim()).collect()
        } else {
            vec![i]
        };
        x.open("respcondition", &[]).open("conditionvar", &[]);
        let respident = format!("response_l{}", i + 1);
        if right.len() > 1 {
            x.open("or", &[]);
        }
        for j in &right {
            x.leaf("varequal", &[("respident", &respident)], &format!("r{}", j + 1));
        }
        if right.len() > 1 {
            x.close();
        }
        x.close();
        x.leaf("setvar", &[("varname", "SCORE"), ("action", "Add")], &share).close();
    }
    x.close();
    Vec::new()
}
