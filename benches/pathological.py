#!/usr/bin/env python3
"""Pathological input: how long a release build takes, and how much memory, on a course of
deeply nested Markdown with a 50 MB lesson, on code blocks (a 5 MB line, 10,000 lines) and
math (nested 1,000 deep, which must stop with an error), and on YAML bombs (which must
stop with an error). The tests check the same input, smaller, for hangs and crashes; this measures.

    cargo build --release
    python3 benches/pathological.py [--syllabus target/release/syllabus]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def markdown_course(root):
    def lesson(name, body):
        write(root, f"content/lessons/01-a/{name}.md", f"---\ntitle: {name}\n---\n\n{body}")
    lesson("01-quotes", ">" * 10_000 + " deep\n")
    lesson("02-lists", "".join("  " * i + "- item\n" for i in range(1500)))
    lesson("03-emphasis", "*a " * 50_000)
    lesson("04-brackets", "[" * 30_000)
    lesson("05-wikilinks", "[[" * 10_000 + "](" * 10_000)
    para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. " * 20 + "\n\n"
    lesson("06-fifty-megabytes", para * (50_000_000 // len(para)))


def code_course(root):
    def lesson(name, body):
        write(root, f"content/lessons/01-a/{name}.md", f"---\ntitle: {name}\n---\n\n{body}")
    lesson("01-long-line", "```python\n" + "x = 1; " * (5_000_000 // 7) + "\n```\n")
    lines = "".join(f"v{i} = f({i})  # n\n" for i in range(10_000))
    lesson("02-many-lines", f"```python\n{lines}```\n")
    formulas = "".join(f"Formula {i}: $\\frac{{a_{i}}}{{b}} + \\sqrt{{x^{i}}}$.\n\n" for i in range(20_000))
    lesson("03-many-formulas", formulas)


def math_bomb_course(root):
    write(root, "content/lessons/01-a/01-deep.md",
          "---\ntitle: Deep\n---\n\n$" + "{" * 1000 + "x" + "}" * 1000 + "$\n")


def yaml_course(root):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i, c in enumerate("bcdefghi"):
        bomb += f"{c}: &{c} [{', '.join(['*' + chr(ord('a') + i)] * 10)}]\n"
    write(root, "content/quizzes/bomb.yaml", f"title: Bomb\n{bomb}questions: []\n")
    write(root, "content/quizzes/deep.yaml", "title: Deep\nextra: " + "[" * 10_000 + "]" * 10_000 + "\n")
    deep = "".join("  " * i + "k:\n" for i in range(10_000))
    write(root, "content/about.md", f"---\ntitle: About\nextra:\n{deep}---\n")


def measure(syllabus, root):
    start = time.perf_counter()
    proc = subprocess.Popen([syllabus, "build", "--root", root], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    return os.waitstatus_to_exitcode(status), wall, usage.ru_maxrss / 1024, err


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--syllabus", default=os.path.join(REPO, "target", "release", "syllabus"))
    p.add_argument("--generate", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.generate:
        markdown_course(os.path.join(a.generate, "markdown"))
        code_course(os.path.join(a.generate, "code"))
        math_bomb_course(os.path.join(a.generate, "math"))
        yaml_course(os.path.join(a.generate, "yaml"))
        return
    if not os.path.exists(a.syllabus):
        sys.exit(f"{a.syllabus} not found: run `cargo build --release` first")
    with tempfile.TemporaryDirectory() as tmp:
        # Written by another process: a child started from this one would begin with this
        # one's memory, and its peak would count the 50 MB text written here.
        subprocess.run([sys.executable, __file__, "--generate", tmp], check=True)
        markdown, yaml = os.path.join(tmp, "markdown"), os.path.join(tmp, "yaml")
        code, wall, mb, err = measure(a.syllabus, markdown)
        print(f"nested Markdown and a 50 MB lesson: exit {code}, {wall:.2f} s, {mb:.0f} MB peak")
        if code != 0:
            print(err)
        code, wall, mb, err = measure(a.syllabus, os.path.join(tmp, "code"))
        print(f"a 5 MB code line, 10,000 code lines, 20,000 formulas: exit {code}, {wall:.2f} s, {mb:.0f} MB peak")
        if code != 0:
            print(err)
        code, wall, mb, err = measure(a.syllabus, os.path.join(tmp, "math"))
        stopped = "nested more than 64 deep" in err
        print(f"math nested 1,000 deep: exit {code} ({'stopped with a clear error' if stopped else err}), "
              f"{wall:.2f} s, {mb:.0f} MB peak")
        code, wall, mb, err = measure(a.syllabus, yaml)
        stopped = all(s in err for s in ("too many values", "nested too deeply"))
        print(f"YAML bombs and nesting 10,000 deep: exit {code} ({'stopped with clear errors' if stopped else err}), "
              f"{wall:.2f} s, {mb:.0f} MB peak")


if __name__ == "__main__":
    main()
