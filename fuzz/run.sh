#!/usr/bin/env bash
# Runs libFuzzer targets one after another (one process at a time, niced),
# each for SECONDS of wall time, starting from the seed corpus, and prints the
# final stats line of each. Needs the clang build (see docs/RELIABILITY.md):
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#     -DRAPPORT_BUILD_TESTS=OFF -DRAPPORT_BUILD_BENCH=OFF -DRAPPORT_FUZZ_LIBFUZZER=ON \
#     -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"
#
# Usage: fuzz/run.sh [-b BUILD_DIR] [-o OUT_DIR] [-t SECONDS] [TARGET...]
#   default: build-fuzz, fuzz-out, 600 seconds, every target built.
# Per target, OUT_DIR/<target>/ gets corpus/ (seeds + what was found),
# artifacts/ (crash-*, leak-*, timeout-*, oom-*) and log.txt.
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
    post_parser | x_archive | bluesky | mastodon | file_source) echo fuzz/dict/json.dict ;;
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
  start=$(date +%s)
  # -rss_limit_mb/-malloc_limit_mb: an input that makes the target hold more
  # than 2 GiB, or ask for it in one allocation, is a finding (OOM).
  /usr/bin/time -f "cpu_seconds %U user %S sys, max_rss %M KiB" \
    nice -n 19 "$bin" "$dir/corpus" -dict="$(dict_for "$t")" -max_len="$(max_len_for "$t")" \
    -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$dir/log.txt" 2>&1
  rc=$?
  end=$(date +%s)
  final=$(grep -E "^#[0-9]+ +DONE|^Done [0-9]+ runs" "$dir/log.txt" | tail -2 | tr '\n' ' ')
  cpu=$(grep cpu_seconds "$dir/log.txt" | tail -1)
  execs=$(grep -E "^stat::number_of_executed_units" "$dir/log.txt" | awk '{print $2}')
  echo "$t: rc=$rc wall=$((end - start))s execs=${execs:-?} $cpu | $final"
  ls "$dir/artifacts" | sed "s/^/  $t finding: /"
done
