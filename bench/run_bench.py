#!/usr/bin/env python3
"""Side-by-side benchmark: Rapport end to end vs the simdjson floor, in one run.

  bench/run_bench.py --build build [--sizes 1000000,3000000] [--people 20000]
                     [--reps 3] [--threads 1,2] [--dir /tmp/rapport-bench]

Generates the corpora (rapport_gen, deterministic) if missing, then for each
size and thread count runs json_floor and `rapport run` alternately, --reps
times each, under rss_run (wall time and peak RSS from wait4), and prints a
Markdown table of medians: posts/s, MB/s, peak RSS, Rapport/floor throughput
at the same thread count, and 2-thread/1-thread scaling. It asserts nothing.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile


def timed(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    m = re.search(r"wall_s ([0-9.]+) maxrss_kib ([0-9]+) exit ([0-9]+)", p.stderr)
    if not m or m.group(3) != "0":
        sys.exit("failed: %s\n%s" % (" ".join(cmd), p.stderr[-2000:]))
    return float(m.group(1)), int(m.group(2)), p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="1000000,3000000")
    ap.add_argument("--people", type=int, default=20000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "rapport-bench"))
    a = ap.parse_args()
    b = os.path.abspath(a.build)
    gen, floor, rss, rapport = (os.path.join(b, x) for x in ("bench/rapport_gen", "bench/json_floor", "bench/rss_run", "rapport"))
    os.makedirs(a.dir, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",")]
    threads = [int(t) for t in a.threads.split(",")]
    rows = []
    for n in sizes:
        corpus = os.path.join(a.dir, "corpus-%d-%d.jsonl" % (n, a.people))
        if not os.path.exists(corpus):
            subprocess.run([gen, "--posts", str(n), "--people", str(a.people), "--seed", "42", "--out", corpus], check=True)
        mb = os.path.getsize(corpus) / 1e6
        for t in threads:
            res = {"floor": [], "rapport": []}
            for _ in range(a.reps):
                res["floor"].append(timed([rss, floor, corpus, "--threads", str(t)]))
                out = os.path.join(a.dir, "out-%d-%d" % (n, t))
                res["rapport"].append(timed([rss, rapport, "run", "--input", corpus, "--out", out,
                                             "--threads", str(t), "--progress", "off", "--log-level", "error"]))
            for prog in ("floor", "rapport"):
                wall = statistics.median(r[0] for r in res[prog])
                rss_kib = statistics.median(r[1] for r in res[prog])
                rows.append({"posts": n, "threads": t, "prog": prog, "wall": wall, "posts_s": n / wall,
                             "mb_s": mb / wall, "rss_mib": rss_kib / 1024})
    def find(n, t, prog):
        return next((r for r in rows if r["posts"] == n and r["threads"] == t and r["prog"] == prog), None)
    print("| posts | threads | program | median wall s | posts/s | MB/s | peak RSS MiB | Rapport/floor | 2T/1T |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = ""
        if r["prog"] == "rapport":
            f = find(r["posts"], r["threads"], "floor")
            ratio = "%.3f" % (r["posts_s"] / f["posts_s"])
        scale = ""
        one = find(r["posts"], 1, r["prog"])
        if r["threads"] == 2 and one:
            scale = "%.2f" % (r["posts_s"] / one["posts_s"])
        print("| %d | %d | %s | %.2f | %.0f | %.1f | %.0f | %s | %s |" % (
            r["posts"], r["threads"], r["prog"], r["wall"], r["posts_s"], r["mb_s"], r["rss_mib"], ratio, scale))
    print("\n(%d repetitions each, medians; corpora in %s)" % (a.reps, a.dir))


if __name__ == "__main__":
    main()
