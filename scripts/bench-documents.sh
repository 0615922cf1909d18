#!/usr/bin/env bash
# Scan throughput on a folder of mixed documents and archives (.docx,
# .xlsx, .odt, .zip, .tar.gz, .mbox; generated deterministically by
# scripts/gen-bench-documents.py from the labeled corpus). Prints the
# median wall time of RUNS scans, MiB/s of input (bytes on disk) and of
# extracted text (what the engine scanned, from --stats).
#
# usage: scripts/bench-documents.sh [COUNT] [RUNS] [WORKDIR]
#        (default 300 5 target/bench; BIN=path/to/piiscan to skip the
#        release build, THREADS=N for -jN)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-300}
runs=${2:-5}
work=${3:-target/bench}
threads=${THREADS:-2}
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --bin piiscan
    BIN=target/release/piiscan
fi
dir="$work/documents-$count"
[ -d "$dir" ] || python3 scripts/gen-bench-documents.py "$dir" "$count"

calc() { awk "BEGIN { print $* }"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

input=$(du -sb "$dir" | cut -f1)
stats=$("$BIN" scan "$dir" --format jsonl --no-progress --stats -j"$threads" 2>&1 >/dev/null || true)
extracted=$(printf '%s\n' "$stats" | awk '/^bytes scanned:/ {print $3}')
members=$(printf '%s\n' "$stats" | awk '/^files scanned:/ {print $3}')
findings=$(printf '%s\n' "$stats" | awk '/^findings:/ {print $2}')
times=()
for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    "$BIN" scan "$dir" --format jsonl --no-progress -j"$threads" >/dev/null || true
    t1=$(date +%s.%N)
    times+=("$(calc "$t1 - $t0")")
done
t=$(printf '%s\n' "${times[@]}" | median)
mib() { calc "$1 / 1048576"; }
echo "documents: $count files, $(mib "$input") MiB on disk, $members members, $(mib "$extracted") MiB extracted text, $findings findings"
echo "median of $runs (-j$threads): ${t}s"
echo "input:     $(calc "$input / 1048576 / $t") MiB/s"
echo "extracted: $(calc "$extracted / 1048576 / $t") MiB/s"
