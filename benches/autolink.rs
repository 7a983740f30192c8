//! Autolinking at scale: `cargo bench --bench autolink`.
//!
//! Renders every lesson body of the shared generator's 1,000-lesson course, once with 10
//! concepts and once with 1,000 (each term, alias and plural a pattern), and prints the
//! median time of the lesson Markdown stage. Autolinking is one automaton pass over the
//! text whatever the number of terms, so the two should be close. The whole-build
//! comparison is `python3 benches/bench.py --concept-scaling` (which also writes the
//! 990 extra concept pages).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use syllabus::build::clock::Clock;
use syllabus::build::stages;
use syllabus::common::Kind;
use syllabus::common::PageKey;
use syllabus::index::SiteIndex;
use syllabus::site::bodies as render;

fn course(concepts: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("autolink-{concepts}"));
    if !dir.join("course.yaml").exists() {
        let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/gen_course.py");
        let status = std::process::Command::new("python3")
            .arg(generator)
            .arg(&dir)
            .args([
                "--lessons",
                "1000",
                "--concepts",
                &concepts.to_string(),
                "--articles",
                "50",
                "--quizzes",
                "50",
                "--force",
            ])
            .status()
            .expect("python3 runs");
        assert!(status.success());
    }
    dir
}

fn main() {
    let mut medians = Vec::new();
    for concepts in [10, 1000] {
        let root = course(concepts);
        let mut diags = Vec::new();
        let course = stages::read(&root, &stages::Given::default(), &mut Clock::start(), &mut diags);
        let start = Instant::now();
        let data = syllabus::index::IndexData::for_course(&course);
        let index = SiteIndex::view(&course, &data);
        let index_time = start.elapsed();
        let bytes: usize = course.lessons.iter().map(|l| l.origin.text().len() - l.origin.body_offset).sum();
        let mut times = Vec::new();
        let mut links = 0;
        for _ in 0..9 {
            let start = Instant::now();
            let rendered: Vec<_> = course
                .lessons
                .par_iter()
                .enumerate()
                .map(|(i, l)| render::body(&index, Some(PageKey::new(Kind::Lesson, i)), &l.origin, l.autolink))
                .collect();
            times.push(start.elapsed().as_secs_f64());
            links = rendered.iter().map(|r| r.links.len()).sum();
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "{concepts:>5} concepts: lesson Markdown {:.1} ms ({:.0} MB/s, {links} links), index with automaton {:.1} ms",
            median * 1000.0,
            bytes as f64 / median / 1e6,
            index_time.as_secs_f64() * 1000.0
        );
        medians.push(median);
    }
    println!("1,000 / 10 concepts: {:.2}x", medians[1] / medians[0]);
}
