#!/usr/bin/env bash
# How `piiscan subject` scales with the number of subjects: 1, 100 and
# 10,000 subjects (each with an email, a phone and an SSN; the first one
# real values taken from the corpus, so there is something to find) over
# the same benchmark corpus, median of N runs each. The time should stay
# nearly flat: one automaton over all identifiers, one catalog pass for
# phones and ids, whatever the number of subjects.
#
# usage: scripts/bench-subject.sh [SIZE] [RUNS] [WORKDIR]   (default 256M 3 target/bench)
# PIISCAN_BIN=path/to/piiscan skips the release build (e.g. a debug binary).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-256M}
runs=${2:-3}
work=${3:-target/bench}

if [[ -z "${PIISCAN_BIN:-}" ]]; then
    cargo build --release --quiet --bin piiscan
    bin=target/release/piiscan
else
    bin=$PIISCAN_BIN
fi
mkdir -p "$work"
[ -d "$work/single-$size" ] || \
    scripts/gen-bench-corpus.sh "$work/single-$size" "$size" single
corpus=$(ls "$work/single-$size"/* | head -1)

# One real subject from the corpus (its first email and first NANP phone).
email=$(grep -m1 -aoE '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z.]{2,}' "$corpus" | head -1)
phone=$(grep -m1 -aoE '\(?[2-9][0-9]{2}\)?[ .-][0-9]{3}[ .-][0-9]{4}' "$corpus" | head -1)

subjects() { # N FILE
    awk -v n="$1" -v email="$email" -v phone="$phone" 'BEGIN {
        printf "[[subjects]]\nid = \"real\"\nemail = \"%s\"\nphone = \"%s\"\n\n", email, phone
        for (i = 1; i < n; i++) {
            printf "[[subjects]]\nid = \"s%d\"\n", i
            printf "email = \"bench.user%d@subject-bench.example\"\n", i
            printf "phone = \"+1 (%d) 555-%04d\"\n", 201 + int(i / 10000), i % 10000
            printf "ids = { us_ssn = \"%03d-%02d-%04d\" }\n\n", 101 + i % 600, 11 + i % 88, i % 10000
        }
    }' > "$2"
}

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bytes=$(stat -c %s "$corpus")

echo "$("$bin" --version), $(nproc) cores, $(date -u +%F), corpus $corpus ($bytes bytes)"
echo "command: piiscan subject --subjects FILE --format jsonl CORPUS > /dev/null; median of $runs"
for n in 1 100 10000; do
    file="$work/subjects-$n.toml"
    subjects "$n" "$file"
    "$bin" subject --subjects "$file" --format jsonl "$corpus" > "$work/subject-$n.jsonl" || true
    found=$(wc -l < "$work/subject-$n.jsonl")
    times=()
    for _ in $(seq "$runs"); do
        t0=$(now)
        "$bin" subject --subjects "$file" --format jsonl "$corpus" > /dev/null || true
        t1=$(now)
        times+=("$(awk "BEGIN { print $t1 - $t0 }")")
    done
    m=$(printf '%s\n' "${times[@]}" | median)
    printf '%6d subjects: %7.2f s  %7.1f MiB/s  %d occurrences\n' \
        "$n" "$m" "$(awk "BEGIN { print $bytes / 1048576 / $m }")" "$found"
done
