#!/usr/bin/env bash
# Runs libFuzzer targets one after another (one process at a time, niced)
# until each has used SECONDS of CPU time (user + sys, summed over sessions:
# a session is resumed from the grown corpus until the budget is spent), and
# prints one summary line per target. Needs the clang build (docs/RELIABILITY.md):
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#     -DRAPPORT_BUILD_TESTS=OFF -DRAPPORT_BUILD_BENCH=OFF -DRAPPORT_FUZZ_LIBFUZZER=ON \
#     -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"
#   cmake --build build-fuzz -j2
#
# Usage: fuzz/run.sh [-b BUILD_DIR] [-o OUT_DIR] [-t CPU_SECONDS] [TARGET...]
#   default: build-fuzz, fuzz-out, 600 CPU seconds, every target built.
# Per target, OUT_DIR/<target>/ gets corpus/ (seeds + what was found),
# artifacts/ (crash-*, leak-*, timeout-*, oom-*, slow-unit-*) and log-<n>.txt
# per session. A session that finds something ends that target's run.
# New corpus entries are not copied back: minimise them with -merge=1 first.
set -uo pipefail
cd "$(dirname "$0")/.."
build=build-fuzz out=fuzz-out secs=600
while getopts "b:o:t:" opt; do
  case $opt in
    b) build=$OPTARG ;; o) out=$OPTARG ;; t) secs=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz/*_fuzzer; do [ -x "$f" ] && targets+=("$(basename "$f" _fuzzer)"); done
fi

dict_for() {
  case $1 in
    post_parser | x_archive | bluesky | mastodon | file_source | review_request) echo fuzz/dict/json.dict ;;
    config) echo fuzz/dict/ini.dict ;;
    *) echo fuzz/dict/text.dict ;;
  esac
}
max_len_for() {
  case $1 in
    x_archive | file_source) echo 32768 ;;
    post_parser | bluesky | mastodon) echo 16384 ;;
    csv | html | vcard | json_text) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

for t in "${targets[@]}"; do
  bin="$build/fuzz/${t}_fuzzer"
  [ -x "$bin" ] || { echo "$t: no $bin" >&2; continue; }
  dir="$out/$t"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp -n fuzz/corpus/"$t"/* "$dir/corpus/" 2>/dev/null || true
  # Earlier sessions in OUT_DIR count toward the budget (re-running resumes).
  cpu_of() { awk '/^cpu_seconds/ { s = ($3 == "user") ? $4 : $3; t += $2 + s } END { print t + 0 }' "$@"; }
  execs_of() { awk '/^stat::number_of_executed_units/ { t += $2 } END { print t + 0 }' "$@"; }
  shopt -s nullglob
  logs=("$dir"/log*.txt)
  shopt -u nullglob
  cpu=0 execs=0 wall=0 session=0 rc=0 cov=""
  if [ ${#logs[@]} -gt 0 ]; then
    cpu=$(cpu_of "${logs[@]}") execs=$(execs_of "${logs[@]}") session=${#logs[@]}
  fi
  while awk -v c="$cpu" -v s="$secs" 'BEGIN { exit !(c < s) }'; do
    session=$((session + 1))
    left=$(awk -v c="$cpu" -v s="$secs" 'BEGIN { printf "%d", s - c + 10 }')
    log="$dir/log-$session.txt"
    start=$(date +%s)
    # -rss_limit_mb/-malloc_limit_mb: an input that makes the target hold more
    # than 2 GiB, or ask for it in one allocation, is a finding (OOM).
    /usr/bin/time -f "cpu_seconds %U %S max_rss_kib %M" \
      nice -n 19 "$bin" "$dir/corpus" -dict="$(dict_for "$t")" -max_len="$(max_len_for "$t")" \
      -max_total_time="$left" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$log" 2>&1
    rc=$?
    wall=$((wall + $(date +%s) - start))
    cpu=$(awk -v c="$cpu" -v u="$(cpu_of "$log")" 'BEGIN { print c + u }')
    execs=$((execs + $(execs_of "$log")))
    cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+" "$log" | tail -1)
    [ "$rc" -eq 0 ] || break
  done
  [ -n "$cov" ] || cov=$(cat "$dir"/log*.txt | grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9A-Za-z]+" | tail -1)
  echo "$t: rc=$rc sessions=$session cpu=${cpu}s wall(this run)=${wall}s execs=$execs $cov"
  ls "$dir/artifacts" | sed "s/^/  $t finding: /"
done
