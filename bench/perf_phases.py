#!/usr/bin/env python3
"""Share of CPU samples per phase of a `rapport run`, from `perf script`.

  perf record -F 149 -e cpu-clock --call-graph dwarf,16384 -o perf.data \\
      build/rapport run --input CORPUS --out /tmp/o --threads 1 --progress off
  perf script -i perf.data -F comm,tid,ip,sym | python3 bench/perf_phases.py [--by-thread]

Each sample is given to the first phase in PHASES whose pattern matches a
frame of its call stack (any depth), so "aggregate: Aggregator::Add" counts
everything Add calls, malloc included. Samples matching no phase are listed as
"other: <leaf>" when they are at least 0.5% of the total. Needs call graphs
(`--call-graph dwarf`, or frame pointers) and a binary with symbols (-g).
The phases follow pipeline/run.cc; update the patterns if the code moves.
"""
import collections
import re
import sys

PHASES = [
    ("read (FileSource, serial)", r"ReadStage"),
    ("parse (parallel)", r"ParseStage"),
    ("analyse: Aggregator::Prepare (parallel)", r"Aggregator::Prepare"),
    ("analyse: extract (parallel)", r"AnalyseStage"),
    ("aggregate: Aggregator::AddShard (parallel, by shard)", r"Aggregator::Add"),
    ("aggregate: ThreadTracker::AddShard (parallel, by shard)", r"ThreadTracker::Add"),
    ("aggregate: dedup, dead letters, counts (serial)", r"AggregateStage"),
    ("free batches (parallel)", r"FreeStage"),
    ("Aggregator::Finish (parallel, by shard)", r"Aggregator::Finish"),
    ("ThreadTracker::Finish (parallel, by shard)", r"ThreadTracker::Finish"),
    ("FindConnections (serial)", r"FindConnections"),
    ("write outputs (parallel, one file per task)", r"Write[A-Z][A-Za-z]*(Jsonl|Csv|Html)|DeadLetterWriter|AtomicFile"),
    ("~Aggregator (parallel, by shard)", r"~Aggregator"),
    ("~ThreadTracker (parallel, by shard)", r"~ThreadTracker"),
]
COMPILED = [(name, re.compile(pat)) for name, pat in PHASES]


def classify(stack):
    for name, pat in COMPILED:
        if any(pat.search(f) for f in stack):
            return name
    return "other: " + (stack[0][:60] if stack else "?")


def samples(lines):
    """Yields (tid, [frames leaf first]) from `perf script` output."""
    tid, stack = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if stack or tid is not None:
                yield tid, stack
            tid, stack = None, []
        elif line[0] in " \t":
            parts = line.split(None, 1)
            if len(parts) == 2:
                stack.append(parts[1])
        else:
            if stack or tid is not None:
                yield tid, stack
            fields = line.split()
            tid = fields[1] if len(fields) > 1 else None
            stack = []
    if stack or tid is not None:
        yield tid, stack


def report(counts, title):
    total = sum(counts.values())
    if not total:
        print("%s: no samples" % title)
        return
    print("%s (%d samples)" % (title, total))
    other = 0
    for name, n in counts.most_common():
        if name.startswith("other"):
            other += n
            if n < total * 0.005:
                continue
        print("%6.1f%%  %s" % (100.0 * n / total, name))
    print("  (other, all together: %.1f%%)" % (100.0 * other / total))


def main():
    by_thread = "--by-thread" in sys.argv[1:]
    overall = collections.Counter()
    per_thread = collections.defaultdict(collections.Counter)
    for tid, stack in samples(sys.stdin):
        if not stack:
            continue
        phase = classify(stack)
        overall[phase] += 1
        per_thread[tid][phase] += 1
    report(overall, "all threads")
    if by_thread:
        for tid, counts in sorted(per_thread.items(), key=lambda kv: -sum(kv[1].values())):
            print()
            report(counts, "thread %s" % tid)


if __name__ == "__main__":
    main()
