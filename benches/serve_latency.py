#!/usr/bin/env python3
"""Live-preview latency: how long `syllabus serve` takes from noticing a change to sending
the reload message, for one lesson edit on a large course (median of 20 edits).

    python3 benches/serve_latency.py                 # the 10,000-lesson course
    python3 benches/serve_latency.py --lessons 1000 --edits 20

It generates the course with benches/gen_course.py (concepts a tenth, articles and
quizzes a twentieth of the lessons), starts the release binary on a free port, listens
to the reload events like a browser, appends a sentence to one lesson per edit, and
reads the time the server reports for each rebuild ("rebuilt in N ms": from the batch
of file events handed over by the watcher to the reload message sent). It also prints
the wall time from the write to the event arriving, which adds the watcher's 30 ms
quiet window and its coalescing wait.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--lessons", type=int, default=10000)
    p.add_argument("--edits", type=int, default=20)
    p.add_argument("--work", default="/tmp/syllabus-serve-bench")
    p.add_argument("--syllabus", default=os.path.join(REPO, "target", "release", "syllabus"))
    a = p.parse_args()
    course = f"{a.work}/course-{a.lessons}"
    if not os.path.isdir(course):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_course.py"), course, "--lessons", str(a.lessons),
                        "--concepts", str(a.lessons // 10), "--articles", str(a.lessons // 20),
                        "--quizzes", str(a.lessons // 20), "--force"], check=True)
    server = subprocess.Popen([a.syllabus, "serve", "--root", course, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    reported = []
    port = None
    for line in server.stdout:
        m = re.search(r" at http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
            break
    print(f"serving {a.lessons} lessons on port {port}")

    def read_reports():
        for line in server.stdout:
            m = re.search(r"rebuilt in ([\d.]+) ms", line)
            if m:
                reported.append(float(m.group(1)))
    threading.Thread(target=read_reports, daemon=True).start()

    events = []
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"GET /__syllabus/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())

    def read_events():
        buf = b""
        while True:
            data = sock.recv(4096)
            if not data:
                return
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.startswith(b"event: reload"):
                    events.append(time.perf_counter())
    threading.Thread(target=read_events, daemon=True).start()
    time.sleep(0.5)
    lesson_dir = sorted(d for d in os.listdir(f"{course}/content/lessons"))[0]
    lesson = sorted(f for f in os.listdir(f"{course}/content/lessons/{lesson_dir}") if f != "_index.md")[0]
    path = f"{course}/content/lessons/{lesson_dir}/{lesson}"
    original = open(path).read()
    walls = []
    try:
        for i in range(a.edits):
            before = len(events)
            start = time.perf_counter()
            with open(path, "w") as f:
                f.write(original + f"\nAn edit, number {i}.\n")
            while len(events) == before and time.perf_counter() - start < 10:
                time.sleep(0.001)
            walls.append((events[-1] - start) * 1000 if len(events) > before else float("nan"))
            time.sleep(0.3)
    finally:
        open(path, "w").write(original)
        time.sleep(0.5)
        server.terminate()
    print(f"{a.edits} edits of one lesson on the {a.lessons}-lesson course:")
    print(f"  change noticed -> reload sent (server)   median {statistics.median(reported[:a.edits]):6.1f} ms"
          f"   max {max(reported[:a.edits]):6.1f} ms   (target <= 50 ms)")
    print(f"  file written -> reload received (wall)   median {statistics.median(walls):6.1f} ms")


if __name__ == "__main__":
    main()
