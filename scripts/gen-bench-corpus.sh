#!/usr/bin/env bash
# Write a benchmark corpus (synthetic logs, about a third PII-free noise)
# with the corpus generator built in release mode.
#
#   scripts/gen-bench-corpus.sh DIR [SIZE] [LAYOUT]
#
# SIZE takes K/M/G suffixes (binary units; default 256M). LAYOUT is `single`
# (one file of SIZE bytes, the default), `tree` (thousands of 1-64 KiB
# files in nested directories plus a few multi-MiB files) or `sparse` (one
# file where one line in twenty holds personal data).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 3 ]]; then
    echo "usage: $0 DIR [SIZE] [single|tree|sparse]" >&2
    exit 2
fi
dir=$1
size=${2:-256M}
layout=${3:-single}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cargo run --quiet --release --manifest-path "$root/Cargo.toml" \
    --example gen_corpus -- --bench --size "$size" --layout "$layout" --out "$dir"
