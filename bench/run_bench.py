#!/usr/bin/env python3
"""Rapport end to end against the simdjson floor, side by side in one run.

  bench/run_bench.py --build BUILD [--sizes 1000000,3000000] [--people 20000]
                     [--seed 42] [--reps 3] [--threads 1,2]
                     [--dir /tmp/rapport-bench] [--repeat K] [--smoke]

Generates the corpora with rapport_gen if they are missing (deterministic:
the same --sizes/--people/--seed give the same bytes), then, for each size,
runs json_floor and `rapport run` alternately (floor, rapport, floor,
rapport...) for each thread count, --reps times each, every child under
rss_run (wall time, CPU time and peak RSS from wait4). Prints a Markdown
table of medians: posts/s, MB/s (10^6 bytes of input per second), peak RSS,
Rapport/floor throughput at the same thread count, and 2-thread/1-thread
scaling of each program; then how the figures compare with the targets of
docs/PERFORMANCE.md, with the part of the 0.25x budget that writing
Rapport's outputs alone takes (write_floor: the same bytes written and
fsynced as Rapport commits them, no formatting; after each Rapport run at the
first thread count), and, from Rapport's debug log, what its tables held
(people, keys, pairs, pair topics) against the peak RSS. It asserts no timings: it exits non-zero only when a
program fails or reads a different number of posts than the corpus holds.

--repeat K: then the memory check at fixed topics: the smallest corpus
written K times over with new post ids (bench/repeat_corpus.py: the same
people saying the same things on the same days, K times as often), run once
at the largest thread count, its tables and peak RSS beside the original's.

--smoke (for CI): also checks that Rapport wrote non-empty artifacts, and
with --repeat that the repeated corpus has the same people, keys and pairs
and that no repeated post was taken for a duplicate.
The corpora and Rapport's outputs go to --dir, never into the source tree
(a folder under --build is accepted, for CI).
"""
import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RSS_RE = re.compile(r"rss_run: wall_s ([0-9.]+) user_s ([0-9.]+) sys_s ([0-9.]+) maxrss_kib ([0-9]+) exit ([0-9]+)")
FLOOR_RE = re.compile(r"posts ([0-9]+) bytes ([0-9]+) checksum ([0-9]+) bad_lines ([0-9]+)")
RAPPORT_RE = re.compile(r"rapport run: ([0-9]+) posts read, ([0-9]+) rejected, ([0-9]+) duplicates")
WRITE_RE = re.compile(r"write_floor: files ([0-9]+) bytes ([0-9]+) write_s ([0-9.]+) fsync_s ([0-9.]+) total_s ([0-9.]+)")
TABLES_RE = re.compile(r"tables people=([0-9]+) keys=([0-9]+) pairs=([0-9]+) pair_topics=([0-9]+)")


def fail(msg):
    sys.stderr.write("run_bench: error: %s\n" % msg)
    sys.exit(1)


def timed(cmd):
    """Runs cmd under rss_run; returns (wall_s, cpu_s, maxrss_kib, stdout, stderr)."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m = RSS_RE.search(p.stderr)
    if not m or m.group(5) != "0" or p.returncode != 0:
        fail("failed: %s\n%s%s" % (" ".join(cmd), p.stdout[-2000:], p.stderr[-2000:]))
    return float(m.group(1)), float(m.group(2)) + float(m.group(3)), int(m.group(4)), p.stdout, p.stderr


def progress(n, t, prog, wall, cpu, kib):
    """One line per run on stderr, so a long run shows where it is."""
    sys.stderr.write("run_bench: %d posts, %dT, %-7s wall %.2f s, CPU %.2f s, peak RSS %.0f MiB (load %s)\n" % (
        n, t, prog, wall, cpu, kib / 1024, loadavg()))
    sys.stderr.flush()


def _burn(n):
    x = 0
    for i in range(n):
        x += i * i
    return x


def parallel_ceiling(k, n=4_000_000):
    """Throughput of k processes of pure CPU work relative to 1 (ideal: k).

    On a shared or virtual machine the cores may not deliver k times the work
    of one; this bounds any thread-scaling figure measured here.
    """
    import multiprocessing
    walls = []
    for procs in (1, k):
        start = time.time()
        with multiprocessing.Pool(procs) as pool:
            pool.map(_burn, [n] * procs)
        walls.append(time.time() - start)
    return k * walls[0] / walls[1]


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = ", %.1f GiB RAM" % (kib / 2**20)
    except (OSError, ValueError, IndexError):
        pass
    return "%s, %d CPUs (%s)%s, %s" % (platform.machine(), os.cpu_count() or 0, model, mem, platform.release())


def loadavg():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "n/a"


def write_outputs(write_floor, out_dir, work):
    """Writes the bytes of Rapport's outputs in out_dir again with write_floor; returns (bytes, total s)."""
    names = ("artifacts.jsonl", "artifacts.csv", "review.html", "threads.jsonl", "connections.jsonl")
    files = [os.path.join(out_dir, f) for f in names if os.path.exists(os.path.join(out_dir, f))]
    p = subprocess.run([write_floor, os.path.join(work, "write-floor")] + files,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m = WRITE_RE.search(p.stdout)
    if p.returncode != 0 or not m:
        fail("write_floor failed in %s\n%s%s" % (out_dir, p.stdout[-2000:], p.stderr[-2000:]))
    return int(m.group(2)), float(m.group(5))


def run_rapport(rss, rapport, corpus, out_dir, t, n):
    """Runs Rapport under rss_run at debug level; fails unless it read n posts and
    printed its tables. Returns (wall, cpu, kib, summary match, tables, command)."""
    cmd = [rss, rapport, "run", "--input", corpus, "--out", out_dir, "--threads", str(t),
           "--progress", "off", "--log-level", "debug"]
    wall, cpu, kib, out, err = timed(cmd)
    m = RAPPORT_RE.search(out)
    if not m or sum(int(x) for x in m.groups()) != n:
        fail("rapport read %r from %s, expected %d posts" % (out.strip(), corpus, n))
    tm = TABLES_RE.search(err)
    if not tm:
        fail("rapport printed no 'tables people= keys= pairs= pair_topics=' line at debug level")
    return wall, cpu, kib, m, tuple(int(x) for x in tm.groups()), " ".join(cmd)


def repeat_check(a, work, rapport, rss, n, t, tables, base_mib):
    """The smallest corpus a.repeat times over: same topics, more posts."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from repeat_corpus import repeat
    src = os.path.join(work, "corpus-%d-p%d-s%d.jsonl" % (n, a.people, a.seed))
    dst = os.path.join(work, "corpus-%d-p%d-s%d-x%d.jsonl" % (n, a.people, a.seed, a.repeat))
    if not os.path.exists(dst):
        repeat(src, dst + ".part", a.repeat)
        os.replace(dst + ".part", dst)
    out_dir = os.path.join(work, "out-%d-x%d-t%d" % (n, a.repeat, t))
    total = n * a.repeat
    wall, cpu, kib, m, rep, _ = run_rapport(rss, rapport, dst, out_dir, t, total)
    progress(total, t, "rapport", wall, cpu, kib)
    base = tables[n]
    print()
    print("Same topics, more posts (--repeat %d: the %d-post corpus %d times over, new post ids), %dT:" % (
        a.repeat, n, a.repeat, t))
    print("  x1: %d people, %d keys, %d pairs, %d pair topics; peak RSS %.0f MiB" % (base + (base_mib,)))
    print("  x%d: %d people, %d keys, %d pairs, %d pair topics; peak RSS %.0f MiB (x%.2f for x%d posts)" % (
        (a.repeat,) + rep + (kib / 1024, kib / 1024 / base_mib, a.repeat)))
    if a.smoke:
        if int(m.group(3)) != 0:
            fail("the repeated corpus's posts were taken for duplicates: %s" % m.group(0))
        if rep[:3] != base[:3]:
            fail("the repeated corpus changed the people, keys or pairs: %s against %s" % (rep, base))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="CMake build folder (holds rapport and bench/)")
    ap.add_argument("--sizes", default="1000000,3000000", help="corpus sizes in posts, comma-separated")
    ap.add_argument("--people", type=int, default=20000, help="people in every corpus (Default: 20000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--reps", type=int, default=3, help="runs of each program per configuration")
    ap.add_argument("--threads", default="1,2", help="thread counts, comma-separated")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "rapport-bench"),
                    help="where corpora and outputs go (Default: /tmp/rapport-bench)")
    ap.add_argument("--repeat", type=int, default=0,
                    help="memory check: the smallest corpus K times over with new post ids (2..9; Default: off)")
    ap.add_argument("--smoke", action="store_true", help="CI: also check that Rapport wrote artifacts")
    a = ap.parse_args()

    work = os.path.realpath(a.dir)
    b = os.path.abspath(a.build)
    inside = lambda path, folder: path == folder or path.startswith(folder + os.sep)
    # Corpora are large: never in the source tree (a build folder inside it, as CI's, is fine).
    if inside(work, REPO) and not inside(work, os.path.realpath(b)):
        fail("--dir %s is inside the repository; use a folder outside it (e.g. /tmp/rapport-bench)" % a.dir)
    gen, floor, rss, write_floor = (os.path.join(b, "bench", x)
                                    for x in ("rapport_gen", "json_floor", "rss_run", "write_floor"))
    rapport = os.path.join(b, "rapport")
    for exe in (gen, floor, rss, write_floor, rapport):
        if not os.access(exe, os.X_OK):
            fail("%s not built (cmake --build %s --target rapport rapport_gen json_floor rss_run write_floor)"
                 % (exe, a.build))
    os.makedirs(work, exist_ok=True)
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    threads = [int(t) for t in a.threads.split(",")]
    if a.reps < 1 or not sizes or not threads:
        fail("--reps, --sizes and --threads need at least one value")
    if a.repeat and not 2 <= a.repeat <= 9:
        fail("--repeat wants 2..9")

    print("machine: %s" % machine())
    print("load average before: %s" % loadavg())
    top = max(threads)
    ceiling = parallel_ceiling(top) if top > 1 else 1.0
    if top > 1:
        print("CPU ceiling: %d processes of pure CPU work do x%.2f the work of 1 (ideal x%d)" % (top, ceiling, top))
        if ceiling < 0.75 * top:
            print("  (other work on this machine takes CPUs; with Linux autogroup scheduling a niced job in another"
                  " session still gets a fair share, so thread-scaling figures here measure the machine too)")
    started = time.time()
    rows = []
    commands = {}
    tables = {}  # posts -> (people, keys, pairs, pair topics) from Rapport's debug log
    writes = {}  # posts -> [(output bytes, write_floor total s)]
    for n in sizes:
        corpus = os.path.join(work, "corpus-%d-p%d-s%d.jsonl" % (n, a.people, a.seed))
        if not os.path.exists(corpus):
            tmp = corpus + ".part"
            subprocess.run([gen, "--posts", str(n), "--people", str(a.people), "--seed", str(a.seed), "--out", tmp],
                           check=True)
            os.replace(tmp, corpus)
        size = os.path.getsize(corpus)
        results = {(t, prog): [] for t in threads for prog in ("floor", "rapport")}
        for _ in range(a.reps):
            for t in threads:
                cmd = [rss, floor, corpus, "--threads", str(t)]
                commands["floor"] = " ".join(cmd)
                wall, cpu, kib, out, _ = timed(cmd)
                m = FLOOR_RE.search(out)
                if not m or int(m.group(1)) != n or int(m.group(4)) != 0:
                    fail("json_floor read %s, expected %d posts" % (out.strip(), n))
                results[(t, "floor")].append((wall, cpu, kib))
                progress(n, t, "floor", wall, cpu, kib)

                out_dir = os.path.join(work, "out-%d-t%d" % (n, t))
                # The tables are the same whatever the thread count.
                wall, cpu, kib, _, tables[n], commands["rapport"] = run_rapport(rss, rapport, corpus, out_dir, t, n)
                if a.smoke:
                    art = os.path.join(out_dir, "artifacts.jsonl")
                    if not os.path.exists(art) or os.path.getsize(art) == 0:
                        fail("rapport wrote no artifacts in %s" % out_dir)
                results[(t, "rapport")].append((wall, cpu, kib))
                progress(n, t, "rapport", wall, cpu, kib)
                if t == threads[0]:
                    writes.setdefault(n, []).append(write_outputs(write_floor, out_dir, work))
        for t in threads:
            for prog in ("floor", "rapport"):
                runs = results[(t, prog)]
                wall = statistics.median(r[0] for r in runs)
                rows.append({"posts": n, "mb": size / 1e6, "threads": t, "prog": prog, "wall": wall,
                             "cpu": statistics.median(r[1] for r in runs), "posts_s": n / wall,
                             "mb_s": size / 1e6 / wall, "rss_mib": statistics.median(r[2] for r in runs) / 1024,
                             "walls": [r[0] for r in runs]})

    def find(n, t, prog):
        return next((r for r in rows if r["posts"] == n and r["threads"] == t and r["prog"] == prog), None)

    print("load average after: %s (%.0f s)" % (loadavg(), time.time() - started))
    if top > 1:
        after = parallel_ceiling(top)
        print("CPU ceiling after: x%.2f" % after)
        ceiling = min(ceiling, after)
    print()
    print("| posts | MB | threads | program | wall s (median) | CPU s | posts/s | MB/s | peak RSS MiB "
          "| Rapport/floor | 2T/1T |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = ""
        if r["prog"] == "rapport":
            ratio = "%.3f" % (r["posts_s"] / find(r["posts"], r["threads"], "floor")["posts_s"])
        scale = ""
        one = find(r["posts"], 1, r["prog"])
        if r["threads"] != 1 and one:
            scale = "%.2f" % (r["posts_s"] / one["posts_s"])
        print("| %d | %.0f | %d | %s | %.2f | %.2f | %.0f | %.1f | %.0f | %s | %s |" % (
            r["posts"], r["mb"], r["threads"], r["prog"], r["wall"], r["cpu"], r["posts_s"], r["mb_s"],
            r["rss_mib"], ratio, scale))
    print()
    print("%d repetition(s) each, floor and rapport alternating; medians. All wall times (s):" % a.reps)
    for r in rows:
        print("  %d posts, %dT, %s: %s" % (r["posts"], r["threads"], r["prog"],
                                           " ".join("%.2f" % w for w in r["walls"])))
    print()
    print("Targets (informative, never asserted):")
    for n in sizes:
        for t in threads:
            rr, ff = find(n, t, "rapport"), find(n, t, "floor")
            ratio = rr["posts_s"] / ff["posts_s"]
            print("  %d posts, %dT: Rapport/floor %.3f (target >= 0.25: %s)" % (
                n, t, ratio, "met" if ratio >= 0.25 else "missed"))
        if 1 in threads and 2 in threads:
            s = find(n, 2, "rapport")["posts_s"] / find(n, 1, "rapport")["posts_s"]
            print("  %d posts: Rapport 2T/1T %.2f (target >= 1.8: %s; this machine's ceiling x%.2f)" % (
                n, s, "met" if s >= 1.8 else "missed", ceiling))
        peak = max(find(n, t, "rapport")["rss_mib"] for t in threads)
        print("  %d posts: Rapport peak RSS %.0f MiB (target <= 1024: %s)" % (n, peak, "met" if peak <= 1024 else "missed"))
        t0 = threads[0]
        budget = find(n, t0, "floor")["wall"] / 0.25
        out_bytes = writes[n][0][0]
        w = statistics.median(x[1] for x in writes[n])
        print("  %d posts, %dT: 0.25x the floor leaves %.2f s; writing Rapport's %.0f MB of outputs alone"
              " (write_floor, runs: %s s) takes %.2f s of it (%.0f%%)" % (
                  n, t0, budget, out_bytes / 1e6, " ".join("%.2f" % x[1] for x in writes[n]), w, 100 * w / budget))
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        for t in threads:
            g = find(hi, t, "rapport")["rss_mib"] / find(lo, t, "rapport")["rss_mib"]
            print("  Rapport peak RSS %d/%d posts at %dT: x%.2f for x%.1f posts" % (hi, lo, t, g, hi / lo))
    print()
    print("What the tables hold (Rapport's debug log), and the peak per topic record (a person's key or a pair's topic):")
    for n in sizes:
        people, keys, pairs, topics = tables[n]
        records = keys + topics
        peak = max(find(n, t, "rapport")["rss_mib"] for t in threads)
        print("  %d posts: %d people, %d (person, key) records, %d pairs, %d (pair, topic) records;"
              " peak RSS %.0f B per topic record" % (n, people, keys, pairs, topics, peak * 1048576 / max(records, 1)))
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        r = (tables[hi][1] + tables[hi][3]) / max(tables[lo][1] + tables[lo][3], 1)
        g = max(find(hi, t, "rapport")["rss_mib"] for t in threads) / max(find(lo, t, "rapport")["rss_mib"] for t in threads)
        print("  %d/%d posts: topic records x%.2f, peak RSS x%.2f, posts x%.1f" % (hi, lo, r, g, hi / lo))
    if a.repeat:
        repeat_check(a, work, rapport, rss, min(sizes), top, tables, find(min(sizes), top, "rapport")["rss_mib"])
    print()
    print("Commands (last size):")
    for prog in ("floor", "rapport"):
        print("  " + commands[prog])


if __name__ == "__main__":
    main()
