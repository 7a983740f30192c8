#!/usr/bin/env python3
"""Side-by-side build benchmark: syllabus against Hugo on the same lessons.

Generates courses with benches/gen_course.py (the project's copy of the shared generator)
at each size (concepts a tenth, articles and quizzes a twentieth of the lessons) and the
same lessons as a Hugo site, then, alternating tools and sizes within each round so that
the machine's noise hits all alike, times:

  - syllabus, clean build into a new folder (a new one each run)
  - Hugo, clean build into a new folder (a new one each run)
  - syllabus again over its own output with nothing changed

and the peak memory (max RSS) of each. Prints medians and the ratios the project's
targets are stated in. The smaller sizes build in a fraction of a second, where noise is
largest in proportion, so each round times their clean builds --small-repeats times (3).
An untimed round comes first (--warmup 1), as in hyperfine. Outputs go to memory
(/dev/shm) by default: on a disk, creating files right after thousands were deleted is
slowed for minutes, for every tool.

The growth from the smallest to the largest size is also judged where noise cannot move
it: the instructions a build executes, counted with valgrind's callgrind (one run per
size, without the thread that frees the course, which the process's exit cuts short after
more or less of its work). Usage (after `cargo build --release`):

    python3 benches/bench.py                      # 1,000 (15 runs) and 10,000 lessons (5 runs)
    python3 benches/bench.py --sizes 1000 --runs 3 --no-instructions
    python3 benches/bench.py --concept-scaling    # 1,000 lessons with 10 vs 1,000 concepts
"""
import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(cmd, env=None):
    """Runs a command; returns (wall seconds, peak RSS in MB, processor seconds: user, system)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024, (usage.ru_utime, usage.ru_stime)


def instructions(a, course):
    """Instructions a clean build of `course` executes (callgrind), leaving out the thread
    that frees the course after the report."""
    with tempfile.TemporaryDirectory(dir=a.work) as tmp:
        out = f"{tmp}/cg.%p"
        subprocess.run(["valgrind", "--tool=callgrind", "--separate-threads=yes", f"--callgrind-out-file={out}",
                        a.syllabus, "build", "--root", course, "--output", f"{tmp}/site"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = 0
        for name in glob.glob(f"{tmp}/cg.*"):
            with open(name, errors="replace") as f:
                text = f.read()
            if a.free_symbol in text:
                continue
            m = re.search(r"^summary: (\d+)", text, re.M)
            total += int(m.group(1)) if m else 0
        return total


def generate(gen, out, lessons, flavor):
    if os.path.isdir(out) and os.listdir(out):
        return
    cmd = [sys.executable, gen, out, "--lessons", str(lessons), "--concepts", str(lessons // 10),
           "--articles", str(lessons // 20), "--quizzes", str(lessons // 20), "--force"]
    if flavor != "ours":
        cmd = cmd[:3] + ["--lessons", str(lessons), "--concepts", str(lessons // 10), "--flavor", flavor, "--force"]
    subprocess.run(cmd, check=True)


def concept_scaling(a):
    """1,000 lessons with 10 concepts against the same with 1,000: autolinking is one
    automaton pass whatever the number of terms, so the build time should barely move."""
    courses = {}
    for concepts in (10, 1000):
        out = f"{a.work}/concepts-{concepts}"
        if not (os.path.isdir(out) and os.listdir(out)):
            subprocess.run([sys.executable, a.gen, out, "--lessons", "1000", "--concepts", str(concepts),
                            "--articles", "50", "--quizzes", "50", "--force"], check=True)
        courses[concepts] = out
    times = {c: [] for c in courses}
    for i in range(a.runs):
        for c, course in courses.items():
            os.sync()
            times[c].append(run([a.syllabus, "build", "--root", course, "--output", f"{course}-out/{i}"])[0])
    sizes = {c: output_size(f"{course}-out/0") for c, course in courses.items()}
    for course in courses.values():
        shutil.rmtree(f"{course}-out", ignore_errors=True)
    med = {c: statistics.median(t) for c, t in times.items()}
    print(f"\n1,000 lessons, {a.runs} runs each, alternating (median wall; output files and size):")
    for c in courses:
        files, mb = sizes[c]
        print(f"  {c:>5} concepts  {med[c]:7.3f} s  {files:6} files  {mb:5.1f} MB  {med[c] / mb * 1000:5.1f} ms per MB")
    print(f"  1,000 / 10 concepts: {med[1000] / med[10]:.2f}x the time for {sizes[1000][1] / sizes[10][1]:.2f}x the output"
          " (each concept is a page of its own; the autolink pass alone: cargo bench --bench autolink)")


def output_size(folder):
    """Number of files and megabytes under a folder."""
    files, size = 0, 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return files, size / 1e6


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--small-repeats", type=int, default=3,
                   help="clean builds of each size below the largest in every round")
    p.add_argument("--work", default="/dev/shm/syllabus-bench" if os.path.isdir("/dev/shm") else "/tmp/syllabus-bench")
    p.add_argument("--gen", default=os.path.join(HERE, "gen_course.py"))
    p.add_argument("--syllabus", default=os.path.join(REPO, "target", "release", "syllabus"))
    p.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    p.add_argument("--concept-scaling", action="store_true", help="compare 10 and 1,000 concepts instead")
    p.add_argument("--no-instructions", action="store_true", help="leave out the instruction counts (callgrind)")
    p.add_argument("--free-symbol", default="drop_in_place<syllabus::site::Site>",
                   help="a function only the thread that frees the course runs (left out of the count)")
    p.add_argument("--warmup", type=int, default=1, help="untimed rounds before the timed ones")
    a = p.parse_args()
    if not os.path.exists(a.syllabus):
        sys.exit(f"{a.syllabus} not found: run `cargo build --release` first")
    os.makedirs(a.work, exist_ok=True)
    if a.concept_scaling:
        return concept_scaling(a)
    if not shutil.which(a.hugo):
        sys.exit("hugo not found: apt-get install -y hugo")
    sizes = [int(s) for s in a.sizes.split(",")]
    courses = {}
    for n in sizes:
        courses[n] = (f"{a.work}/course-{n}", f"{a.work}/hugo-{n}")
        generate(a.gen, courses[n][0], n, "ours")
        generate(a.gen, courses[n][1], n, "hugo")
    results = {n: {"syllabus clean": [], "hugo clean": [], "syllabus rebuild": []} for n in sizes}
    outs = f"{a.work}/outputs"
    shutil.rmtree(outs, ignore_errors=True)
    # Untimed first builds, as hyperfine's --warmup: without them the first round's large
    # build was the slowest of its five in most runs (the first write into a fresh part of
    # the disk and of memory after generating the courses).
    for i in range(a.warmup):
        for n in sizes:
            (ours, hugo) = courses[n]
            run([a.syllabus, "build", "--root", ours, "--output", f"{outs}/warmup-syllabus-{n}-{i}"])
            run([a.hugo, "--quiet", "-s", hugo, "-d", f"{outs}/warmup-hugo-{n}-{i}"])
    # Sizes and tools alternate within each round, so a noisy minute hits all of them.
    repeats = {n: a.small_repeats if n < max(sizes) else 1 for n in sizes}
    for i in range(a.runs):
        for n in sizes:
            # Every clean build goes into a folder never used before, and nothing is deleted
            # while timing (on a disk, files created just after a mass deletion are slow).
            (ours, hugo), r = courses[n], results[n]
            for j in range(repeats[n]):
                out_ours, out_hugo = f"{outs}/syllabus-{n}-{i}-{j}", f"{outs}/hugo-{n}-{i}-{j}"
                os.sync()
                r["syllabus clean"].append(run([a.syllabus, "build", "--root", ours, "--output", out_ours]))
                os.sync()
                r["hugo clean"].append(run([a.hugo, "--quiet", "-s", hugo, "-d", out_hugo]))
            os.sync()
            r["syllabus rebuild"].append(run([a.syllabus, "build", "--root", ours, "--output", out_ours]))
    written = {n: output_size(f"{outs}/syllabus-{n}-0-0") for n in sizes}
    links = {n: concept_links(f"{outs}/syllabus-{n}-0-0") for n in sizes}
    shutil.rmtree(outs, ignore_errors=True)
    clean_times = {}
    for n in sizes:
        med = {k: statistics.median(w for w, _, _ in v) for k, v in results[n].items()}
        mem = {k: max(m for _, m, _ in v) for k, v in results[n].items()}
        user = {k: statistics.median(c[0] for _, _, c in v) for k, v in results[n].items()}
        system = {k: statistics.median(c[1] for _, _, c in v) for k, v in results[n].items()}
        clean_times[n] = med["syllabus clean"]
        print(f"\n{n} lessons, {a.runs * repeats[n]} clean runs and {a.runs} rebuilds, alternating "
              "(median wall, peak RSS, median processor time):")
        for k in results[n]:
            print(f"  {k:<18} {med[k]:7.3f} s  {mem[k]:7.0f} MB   user {user[k]:6.2f} s  system {system[k]:5.2f} s")
        print(f"  clean build / Hugo clean     {med['syllabus clean'] / med['hugo clean']:.2f}  (target <= 0.40 at 10,000)")
        print(f"  rebuild / Hugo clean         {med['syllabus rebuild'] / med['hugo clean']:.2f}  (target <= 0.10)")
        print(f"  peak memory / Hugo           {mem['syllabus clean'] / mem['hugo clean']:.2f}  (target: <= 300 MB at 10,000)")
        # The same ratio round by round: a noisy minute slows both tools of one round.
        pairs = [(o[0], h[0]) for o, h in zip(results[n]["syllabus clean"], results[n]["hugo clean"])]
        print("  round by round (syllabus / Hugo):  " + "  ".join(f"{o:.2f}/{h:.2f}={o / h:.2f}" for o, h in pairs))
        print(f"  median of the rounds' ratios  {statistics.median(o / h for o, h in pairs):.2f}")
    if len(sizes) > 1:
        small, big = min(sizes), max(sizes)
        print(f"\n{big} / {small} lessons clean build: {clean_times[big] / clean_times[small]:.2f}x "
              f"(linear is {big / small:.0f}x; target <= {1.05 * big / small:.1f}x)")
        # Each round's growth: its large build over the median of its small ones.
        small_runs = [w for w, _, _ in results[small]["syllabus clean"]]
        per_round = [statistics.median(small_runs[k:k + repeats[small]])
                     for k in range(0, len(small_runs), repeats[small])]
        rounds = [b[0] / s for s, b in zip(per_round, results[big]["syllabus clean"])]
        print("  round by round: " + "  ".join(f"{g:.2f}x" for g in rounds)
              + f"; median {statistics.median(rounds):.2f}x")
        (small_files, small_mb), (big_files, big_mb) = written[small], written[big]
        print(f"  the output grows {big_mb / small_mb:.2f}x ({small_mb:.1f} to {big_mb:.1f} MB, {small_files} to "
              f"{big_files} files); time per MB written grows "
              f"{clean_times[big] / big_mb / (clean_times[small] / small_mb):.2f}x")
        print(f"  concept links per lesson page: {links[small]:.1f} at {small}, {links[big]:.1f} at {big}")
        if not a.no_instructions:
            counts = {n: instructions(a, courses[n][0]) for n in (small, big)}
            print(f"  instructions (callgrind): {counts[small] / 1e9:.3f} G at {small}, {counts[big] / 1e9:.3f} G at "
                  f"{big}: {counts[big] / counts[small]:.2f}x (target <= {1.05 * big / small:.1f}x)")


def concept_links(folder):
    """Links to concepts per lesson page, in the output folder's `lessons/`."""
    pages, found = 0, 0
    for dirpath, _, names in os.walk(os.path.join(folder, "lessons")):
        for name in names:
            if name == "index.html":
                with open(os.path.join(dirpath, name), "rb") as f:
                    found += f.read().count(b'class="concept-link"')
                pages += 1
    return found / max(1, pages)

if __name__ == "__main__":
    main()
