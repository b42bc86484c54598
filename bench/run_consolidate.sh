#!/bin/sh
# run_consolidate.sh: consolidate N contributions on a ~20,000-word base in one run, and compare
# with git's word diff run once per contribution on the same files.
#
#   bench/run_consolidate.sh [BUILD_DIR] [N] [RATE]     (defaults: build, 200, 2 % of the words)
#
# Prints accord's time per step and peak memory, git's total time and peak memory (the largest of
# the N runs), and the ratio. Everything is generated deterministically under $TMPDIR.
set -eu
build=${1:-build}
n=${2:-200}
rate=${3:-2}
dir=$(mktemp -d "${TMPDIR:-/tmp}/accord-consolidate.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

"$build/bench/gen_pairs" --size 135000 --rate 0 --seed 7 "$dir/base.txt" "$dir/unused.txt"
mkdir "$dir/c"
"$build/bench/bench_consolidate" gen "$dir/base.txt" "$n" "$dir/c" --rate "$rate" --seed 11
words=$(wc -w < "$dir/base.txt")
echo "base: $words words, $(wc -c < "$dir/base.txt") bytes; $n contributions, about $rate % of the words changed"

echo "== accord (parse + diff + consolidate + render text and HTML, one process)"
/usr/bin/time -f "accord wall %e s, peak RSS %M KiB" \
	"$build/bench/bench_consolidate" run "$dir/base.txt" "$dir/c" "$n" --html "$dir/compilation.html"

echo "== git diff --no-index --word-diff=porcelain, once per contribution"
start=$(date +%s.%N)
i=1
while [ "$i" -le "$n" ]; do
	git diff --no-index --word-diff=porcelain "$dir/base.txt" "$(printf '%s/c/P%03d.txt' "$dir" "$i")" > /dev/null || true
	i=$((i + 1))
done
end=$(date +%s.%N)
peak=$( { /usr/bin/time -f "%M" git diff --no-index --word-diff=porcelain "$dir/base.txt" "$dir/c/P001.txt" > /dev/null || true; } 2>&1 | tail -1)
echo "git wall $(echo "$end - $start" | bc) s, peak RSS $peak KiB (one run)"
