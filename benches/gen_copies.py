#!/usr/bin/env python3
"""Generate a course made of copies of one generated course's shape: the control for the
benchmark's growth figure.

The shared generator's larger courses hold more per lesson than its smaller ones: with
ten times the concepts, a lesson's mentions spread over more distinct concepts (so more
links and a longer list of definitions per page), and each concept is used by more
lessons. This writes COPIES blocks of LESSONS lessons, each block the shape of
`gen_course.py --lessons LESSONS` (concepts a tenth, articles and quizzes a twentieth):
its files are generated the same way, word for word but for the concept terms, numbers
and link targets, and its lessons mention only the block's own concepts. The first block
is the generated course itself, file for file (so is `--copies 1`). The course's content
therefore grows exactly COPIES times, and a build that scales linearly takes COPIES times
as long as one block alone.

    gen_copies.py OUT --lessons 1000 --copies 10
"""
import argparse
import os
import random
import shutil
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_course as g  # noqa: E402


def block(out, b, shape, terms, rng):
    """Block b: its modules, lessons, articles, concepts and quizzes, numbered after the
    blocks before it."""
    n, c_n, a_n, q_n = shape.lessons, shape.concepts, shape.articles, shape.quizzes
    ids = [g.slug(t) for t in terms]
    quiz_ids = [f"quiz-{b * q_n + q + 1:05d}" for q in range(q_n)]
    per_block = -(-n // g.LESSONS_PER_MODULE)
    module_of = [b * per_block + i // g.LESSONS_PER_MODULE for i in range(n)]
    for m in sorted(set(module_of)):
        g.write(f"{out}/content/lessons/{g.module_dir(m)}/_index.md",
                f"---\ntitle: {g.MODULES[m % len(g.MODULES)].replace('-', ' ').title()} {m + 1}\n"
                f"summary: {g.sentence(rng)}\n---\n\n{g.sentence(rng)}\n")

    def link(i, j):
        name = f"{b * n + j + 1:05d}-lesson-{b * n + j + 1:05d}.md"
        return name if module_of[i] == module_of[j] else f"../{g.module_dir(module_of[j])}/{name}"

    introduces = {}
    for c in range(c_n):
        introduces.setdefault(g.intro_lesson(c, c_n, n), []).append(ids[c])
    for i in range(n):
        fm = [f"title: {g.words(rng, 4).title()}", f"summary: {g.sentence(rng)}",
              "objectives:", f"  - {g.sentence(rng)}", f"  - {g.sentence(rng)}"]
        if i in introduces:
            fm.append("concepts: [" + ", ".join(introduces[i]) + "]")
        fm.append(f"quiz: {quiz_ids[i % q_n]}")
        fm.append(f"readings: [article-{b * a_n + i % a_n + 1:04d}]")
        body = g.lesson_body(shape, i, terms, link)
        known = g.intro_lesson_count(i, shape)
        extra = f"Review [[concept:{ids[rng.randrange(known)]}]] before the quiz. Then try [[quiz:{quiz_ids[i % q_n]}]]."
        k = b * n + i + 1
        g.write(f"{out}/content/lessons/{g.module_dir(module_of[i])}/{k:05d}-lesson-{k:05d}.md",
                "---\n" + "\n".join(fm) + "\n---\n\n" + body + "\n" + extra + "\n")
    for k in range(a_n):
        cs = rng.sample(ids, min(len(ids), 3))
        fm = [f"title: {g.words(rng, 6).title()}", f"author: {g.words(rng, 2).title()}",
              f"date: 2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
              f"publication: {g.words(rng, 2).title()} Review", f"url: https://example.org/{b * a_n + k + 1}",
              "concepts: [" + ", ".join(cs) + "]"]
        text = "\n\n".join(" ".join(g.sentence(rng, rng.choice(terms) if rng.random() < 0.5 else None)
                                    for _ in range(5)) for _ in range(6))
        g.write(f"{out}/content/articles/article-{b * a_n + k + 1:04d}.md",
                "---\n" + "\n".join(fm) + "\n---\n\n" + text + "\n")
    for c, t in enumerate(terms):
        rel = [x for x in rng.sample(ids, min(len(ids), 3)) if x != ids[c]][:2]
        fm = [f"term: {t.title()}", f"aliases: [{t} approach]", f"definition: {g.sentence(rng)}",
              "related: [" + ", ".join(rel) + "]"]
        g.write(f"{out}/content/concepts/{ids[c]}.md",
                "---\n" + "\n".join(fm) + "\n---\n\n" + " ".join(g.sentence(rng) for _ in range(6)) + "\n")
    for q, qid in enumerate(quiz_ids):
        known = g.intro_lesson_count(q, shape)
        g.write(f"{out}/content/quizzes/{qid}.yaml",
                f"title: Check {b * q_n + q + 1}\npass_mark: 70\nquestions:\n" + questions(rng, ids[:known]))


def questions(rng, concept_ids):
    """A quiz's questions from the shared generator, drawn again while a matching question
    repeats a side: its word list holds one word twice, which the shared generator's own
    random sequence happens never to pick twice."""
    while True:
        text = g.quiz_questions(rng, concept_ids)
        pairs = [line.strip()[3:-1].split(", ") for line in text.splitlines() if line.startswith("      - [")]
        if all(len({p[side] for p in pairs}) == len(pairs) for side in (0, 1)):
            return text


def generate(out, lessons, copies):
    """Writes the course: `copies` blocks of the shape of a `lessons`-lesson course."""
    shape = types.SimpleNamespace(lessons=lessons, concepts=max(1, lessons // 10), articles=max(1, lessons // 20),
                                  quizzes=max(1, lessons // 20), seed=1)
    terms = g.concept_terms(shape.concepts * copies)
    rng = random.Random(1)
    g.write(f"{out}/course.yaml", "title: Synthetic Course\ndescription: Generated for benchmarks.\n"
            "base_url: https://example.org/\nlanguage: en\n")
    for b in range(copies):
        block(out, b, shape, terms[b * shape.concepts:(b + 1) * shape.concepts], rng)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--lessons", type=int, default=1000, help="lessons of each copy")
    p.add_argument("--copies", type=int, default=10)
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    a = p.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        if not a.force:
            p.error(f"{a.out} exists and is not empty (--force replaces it)")
        shutil.rmtree(a.out)
    generate(a.out, a.lessons, a.copies)


if __name__ == "__main__":
    main()
