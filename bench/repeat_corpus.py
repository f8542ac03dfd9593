#!/usr/bin/env python3
"""Writes a corpus N times over, each copy with new post ids.

The memory check of the benchmark: three times the posts of the same people
saying the same things (same topics, same days) should not take three times
the memory. Copy k (k = 0..N-1) keeps the people, texts, dates, mentions and
replies of the original and prefixes every post id, conversation id and
referenced post id (the quoted numbers of 16 or more digits: X's snowflake
ids; user ids are shorter) with the digit k, so no copy's post is a duplicate
of another's and each copy's conversations are its own.

Usage: python3 bench/repeat_corpus.py --times 3 IN.jsonl OUT.jsonl
"""
import argparse
import re
import sys

POST_ID = re.compile(rb'"(\d{16,})"')


def repeat(src: str, dst: str, times: int) -> None:
    """Writes `src` `times` times into `dst`, copy k's post ids prefixed with k."""
    with open(dst, "wb") as out:
        for k in range(times):
            prefix = str(k).encode()
            with open(src, "rb") as f:
                for line in f:
                    out.write(line if k == 0 else POST_ID.sub(lambda m: b'"' + prefix + m.group(1) + b'"', line))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=3, help="copies to write (1..9)")
    ap.add_argument("input")
    ap.add_argument("output")
    args = ap.parse_args()
    if not 1 <= args.times <= 9:
        ap.error("--times wants 1..9")
    repeat(args.input, args.output, args.times)
    print(f"repeat_corpus: {args.input} x{args.times} -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
