#!/usr/bin/env bash
# Side-by-side scan throughput: piiscan (full default catalog, jsonl into a
# pipe) against ripgrep counting an equivalent PII alternation, on the same
# files, runs alternating, median of N. Prints MiB/s, the time ratio
# piiscan/rg, and piiscan's peak RSS.
#
# usage: scripts/bench.sh [SIZE] [RUNS] [WORKDIR]     (default 256M 5 target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-256M}
runs=${2:-5}
work=${3:-target/bench}
command -v rg >/dev/null || { echo "needs ripgrep (apt-get install ripgrep)" >&2; exit 1; }

cargo build --release --quiet --bin piiscan
bin=$PWD/target/release/piiscan
mkdir -p "$work"
[ -d "$work/single-$size" ] || \
    scripts/gen-bench-corpus.sh "$work/single-$size" "$size" single
[ -d "$work/tree-$size" ] || scripts/gen-bench-corpus.sh "$work/tree-$size" "$size" tree
[ -d "$work/sparse-$size" ] || \
    scripts/gen-bench-corpus.sh "$work/sparse-$size" "$size" sparse
single=$(ls "$work/single-$size"/* | head -1)
tree="$work/tree-$size"
sparse=$(ls "$work/sparse-$size"/* | head -1)

# The reference alternation: email, IPv4, US SSN, card-like 13-16 digits,
# E.164 phone, NANP phone, JWT, AWS access key id.
rgargs=(-c --no-unicode --no-filename --no-ignore --hidden
    -e '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}'
    -e '\b(?:\d{1,3}\.){3}\d{1,3}\b'
    -e '\b\d{3}-\d{2}-\d{4}\b'
    -e '\b(?:\d[ -]?){12,15}\d\b'
    -e '\+\d{1,3}[ .-]?\d{1,4}[ .-]?\d{3,4}[ .-]?\d{3,4}\b'
    -e '\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b'
    -e 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+'
    -e '\b(?:AKIA|ASIA)[A-Z0-9]{16}\b')

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# time_one CMD... : wall seconds of one run, output into a pipe.
time_one() {
    local t0 t1
    t0=$(now)
    "$@" | cat >/dev/null
    t1=$(now)
    calc "$t1 - $t0"
}

# compare LABEL BYTES PIISCAN-CMD -- RG-CMD : alternate the two commands
# (each a shell string, run with `bash -c`, output into a pipe), report
# medians, the ratio and piiscan's peak RSS.
compare() {
    local label=$1 bytes=$2 pcmd=$3 rcmd=$5
    local p=() r=()
    bash -c "$pcmd" >/dev/null 2>&1 || true
    bash -c "$rcmd" >/dev/null 2>&1 || true
    for _ in $(seq "$runs"); do
        p+=("$(time_one bash -c "$pcmd")")
        r+=("$(time_one bash -c "$rcmd")")
    done
    local pm rm rss
    pm=$(printf '%s\n' "${p[@]}" | median)
    rm=$(printf '%s\n' "${r[@]}" | median)
    rss=$( { /usr/bin/time -f '%M' bash -c "exec $pcmd" >/dev/null || true; } 2>&1 | tail -1)
    printf '%-22s %8.1f MiB  piiscan %7.1f MiB/s (%6.3fs)  rg %7.1f MiB/s (%6.3fs)  ratio %.2fx  piiscan peak RSS %d MiB\n' \
        "$label" "$(calc "$bytes/1048576")" \
        "$(calc "$bytes/1048576/$pm")" "$pm" \
        "$(calc "$bytes/1048576/$rm")" "$rm" \
        "$(calc "$pm/$rm")" "$((rss / 1024))"
}

rg_version=$(rg --version 2>/dev/null | sed -n 1p || true)
echo "$("$bin" --version), $rg_version, $(nproc) cores, $(date -u +%F)"
echo "median of $runs alternating runs; ratio = piiscan time / rg time (lower is better)"
q() { printf '%q ' "$@"; }
rg_cmd=$(q rg "${rgargs[@]}")
scan="$bin scan --format jsonl --no-progress"
# The kinds of rg's alternation, for a same-job comparison.
same="--only email,ipv4,us_ssn,credit_card,phone,jwt,aws_access_key"
single_bytes=$(stat -c %s "$single")
tree_bytes=$(du -sb "$tree" | cut -f1)
compare "single -j1" "$single_bytes" "$scan -j1 $single" -- "$rg_cmd -j1 $single"
compare "single -j2" "$single_bytes" "$scan -j2 $single" -- "$rg_cmd -j2 $single"
compare "tree -j2" "$tree_bytes" "$scan -j2 $tree" -- "$rg_cmd -j2 $tree"
compare "single -j1, rg's kinds" "$single_bytes" "$scan $same -j1 $single" -- "$rg_cmd -j1 $single"
# One line in twenty with personal data: the cost of reading, not reporting.
sparse_bytes=$(stat -c %s "$sparse")
compare "sparse -j1" "$sparse_bytes" "$scan -j1 $sparse" -- "$rg_cmd -j1 $sparse"
compare "sparse -j2" "$sparse_bytes" "$scan -j2 $sparse" -- "$rg_cmd -j2 $sparse"

# Compressed inputs: piiscan decompresses itself; rg reads zcat's output.
[ -f "$work/single-$size.log.gz" ] || gzip -c "$single" >"$work/single-$size.log.gz"
[ -f "$work/single-$size.log.zst" ] || zstd -q -c "$single" >"$work/single-$size.log.zst"
gz="$work/single-$size.log.gz"
zst="$work/single-$size.log.zst"
compare "gzip -j2" "$single_bytes" "$scan -j2 $gz" -- "zcat $gz | $rg_cmd"
compare "zstd -j2" "$single_bytes" "$scan -j2 $zst" -- "zstd -dcq $zst | $rg_cmd"
