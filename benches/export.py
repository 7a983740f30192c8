#!/usr/bin/env python3
"""Exports against a build: each quiz export of a course (GIFT, Canvas QTI 1.2, QTI 2.1),
timed side by side with a clean build of the same course, alternating, median of the
rounds. An export reads and checks the whole course as a build does, then writes the
quizzes; the target is at most twice the build's time.

    python3 benches/gen_course.py /dev/shm/c10k --lessons 10000 --concepts 1000 --articles 500 --quizzes 500
    cargo build --release
    python3 benches/export.py --course /dev/shm/c10k [--rounds 5]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(args):
    start = time.perf_counter()
    run = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{run.stderr}")
    return elapsed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--course", required=True)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "syllabus"))
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="export-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    jobs = {
        "build": lambda i: [a.bin, "build", "--root", a.course, "--output", os.path.join(work, f"site-{i}")],
        "gift": lambda i: [a.bin, "export", "quizzes", "--format", "gift", "--root", a.course, "--output", os.path.join(work, f"q-{i}.gift")],
        "qti12": lambda i: [a.bin, "export", "quizzes", "--format", "qti12", "--root", a.course, "--output", os.path.join(work, f"q-{i}-12.zip")],
        "qti21": lambda i: [a.bin, "export", "quizzes", "--format", "qti21", "--root", a.course, "--output", os.path.join(work, f"q-{i}-21.zip")],
    }
    times = {name: [] for name in jobs}
    try:
        for name, job in jobs.items():
            timed(job(-1))  # an untimed round: caches warm
        for i in range(a.rounds):
            for name, job in jobs.items():
                times[name].append(timed(job(i)))
            shutil.rmtree(os.path.join(work, f"site-{i}"), ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    build = statistics.median(times["build"])
    print(f"clean build: {build:.2f} s (median of {a.rounds})")
    for name in ("gift", "qti12", "qti21"):
        t = statistics.median(times[name])
        print(f"export {name}: {t:.2f} s = {t / build:.2f} of the build (target at most 2)")


if __name__ == "__main__":
    main()
