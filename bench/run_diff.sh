#!/bin/sh
# run_diff.sh: the word diff benchmark. In one run, times git's word diff, dwdiff, wdiff and accord on the
# same generated pairs (about 1.5 MB and 15 MB, 3 % of the words changed) and prints time and peak memory
# as ratios to git. See bench/README.md.
#
#   bench/run_diff.sh            build (Release) into build-bench/, generate the pairs, run everything
#
# Environment:
#   BUILD       build directory (default: <repo>/build-bench, configured as Release if missing)
#   DATA        where the generated pairs go (default: $BUILD/bench-data)
#   ACCORD_CMD  the accord command, with BASE and CONTRIB where the files go. Default: `$BUILD/accord diff
#               BASE CONTRIB --format json` when the accord program has a diff command, otherwise the engine
#               alone: `bench_worddiff BASE CONTRIB` (tokenize + word diff + inline output).
#   RUNS        timed runs per tool on the 1.5 MB pair (default 5, after one warm-up; one run on 15 MB)
#   SKIP_LARGE  set to 1 to skip the 15 MB pair
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
DATA=${DATA:-$BUILD/bench-data}
RUNS=${RUNS:-5}
SKIP_LARGE=${SKIP_LARGE:-0}

for tool in hyperfine git dwdiff wdiff /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run_diff.sh: $tool is not installed" >&2; exit 2; }
done

# Build (Release, no tests) unless the build directory already has the programs.
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DACCORD_TESTS=OFF >/dev/null
fi
if ! make -C "$BUILD" -j2 gen_pairs bench_worddiff >/dev/null 2>"$BUILD/bench-build.log"; then
	[ -x "$BUILD/bench/gen_pairs" ] && [ -x "$BUILD/bench/bench_worddiff" ] ||
		{ cat "$BUILD/bench-build.log" >&2; exit 2; }
	echo "run_diff.sh: the build failed (see $BUILD/bench-build.log); using the programs already built" >&2
fi
make -C "$BUILD" -j2 accord >/dev/null 2>&1 || true

if [ -z "${ACCORD_CMD:-}" ]; then
	if [ -x "$BUILD/accord" ] && "$BUILD/accord" diff --help >/dev/null 2>&1; then
		ACCORD_CMD="$BUILD/accord diff BASE CONTRIB --format json"
	else
		ACCORD_CMD="$BUILD/bench/bench_worddiff BASE CONTRIB"
	fi
fi

# The pairs: deterministic, regenerated only when missing.
mkdir -p "$DATA"
[ -f "$DATA/base-1.5M.txt" ] ||
	"$BUILD/bench/gen_pairs" --seed 1 --size 1500000 --rate 3 "$DATA/base-1.5M.txt" "$DATA/contrib-1.5M.txt"
if [ "$SKIP_LARGE" != 1 ]; then
	[ -f "$DATA/base-15M.txt" ] ||
		"$BUILD/bench/gen_pairs" --seed 2 --size 15000000 --rate 3 "$DATA/base-15M.txt" "$DATA/contrib-15M.txt"
fi

# The commands, with BASE and CONTRIB placeholders. Every tool writes its output to /dev/null.
TOOLS="git dwdiff wdiff accord"
tool_cmd() {
	case $1 in
	git) echo "git diff --no-index --word-diff=porcelain BASE CONTRIB" ;;
	dwdiff) echo "dwdiff BASE CONTRIB" ;;
	wdiff) echo "wdiff BASE CONTRIB" ;;
	accord) echo "$ACCORD_CMD" ;;
	esac
}

RESULTS="$DATA/results.txt"
: >"$RESULTS"

# bench SIZE RUNS: times every tool on one pair; appends "size tool wall_ms cpu_ms rss_kb" lines.
bench() {
	size=$1
	runs=$2
	base="$DATA/base-$size.txt"
	contrib="$DATA/contrib-$size.txt"
	for tool in $TOOLS; do
		cmd=$(tool_cmd "$tool" | sed "s|BASE|$base|; s|CONTRIB|$contrib|")
		if [ "$runs" -gt 1 ]; then
			csv="$DATA/$tool-$size.csv"
			# Exit status 1 means "differences found" for every tool: -i ignores it.
			hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-csv "$csv" --output null "$cmd" \
				>/dev/null 2>&1
			/usr/bin/time -f %M -o "$DATA/rss" sh -c "exec $cmd >/dev/null 2>&1" || true
			rss=$(tail -n 1 "$DATA/rss")
			# CSV: command,mean,stddev,median,user,system,min,max (seconds)
			tail -n 1 "$csv" | awk -F, -v s="$size" -v t="$tool" -v r="$rss" \
				'{ n = NF; printf "%s %s %.1f %.1f %s\n", s, t, $(n-4) * 1000, ($(n-3) + $(n-2)) * 1000, r }' \
				>>"$RESULTS"
		else
			# One run measures everything at once (dwdiff needs about a minute on 15 MB).
			/usr/bin/time -f "%e %U %S %M" -o "$DATA/time" sh -c "exec $cmd >/dev/null 2>&1" || true
			tail -n 1 "$DATA/time" | awk -v s="$size" -v t="$tool" \
				'{ printf "%s %s %.1f %.1f %s\n", s, t, $1 * 1000, ($2 + $3) * 1000, $4 }' >>"$RESULTS"
		fi
	done
}

start=$(date +%s)
bench 1.5M "$RUNS"
[ "$SKIP_LARGE" = 1 ] || bench 15M 1

echo "accord command: $ACCORD_CMD"
echo "pairs: $(wc -c <"$DATA/base-1.5M.txt") / $(wc -c <"$DATA/contrib-1.5M.txt") bytes (1.5M)$(
	[ "$SKIP_LARGE" = 1 ] || echo ", $(wc -c <"$DATA/base-15M.txt") / $(wc -c <"$DATA/contrib-15M.txt") bytes (15M)")"
echo "wall time (median), processor time (user+sys, mean) and peak RSS; ratios to git (lower is better)"
awk '
{ size[NR] = $1; tool[NR] = $2; wall[NR] = $3; cpu[NR] = $4; rss[NR] = $5
  if ($2 == "git") { gw[$1] = $3; gc[$1] = $4; gr[$1] = $5 } }
END {
  printf "%-5s %-7s %10s %7s %10s %7s %9s %7s\n", "pair", "tool", "wall ms", "x git", "cpu ms", "x git", "RSS MB", "x git"
  for (i = 1; i <= NR; i++)
    printf "%-5s %-7s %10.1f %7.2f %10.1f %7.2f %9.1f %7.2f\n", size[i], tool[i], wall[i], wall[i] / gw[size[i]],
      cpu[i], cpu[i] / gc[size[i]], rss[i] / 1024, rss[i] / gr[size[i]]
}' "$RESULTS"
echo "total benchmark time: $(($(date +%s) - start)) s"
