#!/bin/sh
# run_diff.sh: the word diff benchmark. In one run, times git's word diff and accord (and, when asked,
# dwdiff and wdiff) on the same generated pairs of several kinds, at about 1.5 MB and 15 MB, and prints
# time and peak memory as ratios to git; checks the diff+apply round trip on every pair and counts the
# amendments by kind. See bench/README.md.
#
#   bench/run_diff.sh            build (Release) into build-bench/, generate the pairs, run everything
#
# Environment:
#   BUILD       build directory (default: <repo>/build-bench, configured as Release if missing)
#   DATA        where the generated pairs go (default: $BUILD/bench-data)
#   ACCORD      the accord program (default: $BUILD/accord); ACCORD_CMD overrides the whole command, with
#               BASE and CONTRIB where the files go (default: `$ACCORD diff BASE CONTRIB --format json`)
#   KINDS       the pair kinds (default: "markov reflow bag wrapped dense real"; see gen_pairs --kind; dense is
#               the markov kind with 10 % of the words changed, the others change 3 %); "real" is the
#               pairs of REAL_PAIRS, small texts as they really changed, timed REAL_RUNS times each
#   REAL_PAIRS  "name=BASE,CONTRIB ..." (default: the WTPF seed base with each delegation's contribution,
#               and licences that changed between versions, from Debian's /usr/share/common-licenses)
#   REAL_RUNS   timed runs per tool on each real pair (default 5), each running the tool REAL_LOOP times
#               (default 50: GNU time counts in hundredths of a second) and divided by it
#   TOOLS       the tools timed (default: "git accord"; dwdiff and wdiff may be added)
#   RUNS        timed runs per tool on the 1.5 MB pairs (default 5, after one warm-up), the tools taking turns,
#               each under GNU time
#   RUNS_LARGE  timed runs per tool on the 15 MB pairs (default 3)
#   SKIP_LARGE  set to 1 to skip the 15 MB pairs
#   CALLGRIND   set to 1 to count instructions (valgrind --tool=callgrind) of git and accord on the
#               1.5 MB pairs (set to 2 for the 15 MB pairs as well: slow)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
DATA=${DATA:-$BUILD/bench-data}
RUNS=${RUNS:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
SKIP_LARGE=${SKIP_LARGE:-0}
KINDS=${KINDS:-markov reflow bag wrapped dense real}
SEEDS_DIR=${SEEDS_DIR:-$ROOT/examples/wtpf-2013}
LIC=/usr/share/common-licenses
REAL_PAIRS=${REAL_PAIRS:-wtpf-usa=$SEEDS_DIR/base-wtpf-ieg-2-10-opinion-1.txt,$SEEDS_DIR/contrib-USA.txt \
wtpf-irn=$SEEDS_DIR/base-wtpf-ieg-2-10-opinion-1.txt,$SEEDS_DIR/contrib-IRN.txt \
gfdl-1.2-1.3=$LIC/GFDL-1.2,$LIC/GFDL-1.3 lgpl-2-2.1=$LIC/LGPL-2,$LIC/LGPL-2.1 gpl-2-3=$LIC/GPL-2,$LIC/GPL-3 \
mpl-1.1-2.0=$LIC/MPL-1.1,$LIC/MPL-2.0}
REAL_RUNS=${REAL_RUNS:-5}
REAL_LOOP=${REAL_LOOP:-50}
TOOLS=${TOOLS:-git accord}
CALLGRIND=${CALLGRIND:-0}

for tool in git /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run_diff.sh: $tool is not installed" >&2; exit 2; }
done
for tool in $TOOLS; do
	[ "$tool" = accord ] || command -v "$tool" >/dev/null 2>&1 ||
		{ echo "run_diff.sh: $tool is not installed" >&2; exit 2; }
done
[ "$CALLGRIND" = 0 ] || command -v valgrind >/dev/null 2>&1 ||
	{ echo "run_diff.sh: valgrind is not installed" >&2; exit 2; }

# Build (Release, no tests) unless the build directory already has the programs.
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
	cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DACCORD_TESTS=OFF >/dev/null
fi
# A given ACCORD (another build, to compare) is used as it is: only gen_pairs is built then.
targets="gen_pairs"
[ -n "${ACCORD:-}" ] || targets="gen_pairs accord"
# shellcheck disable=SC2086 # the targets are words on purpose
if ! make -C "$BUILD" -j2 $targets >/dev/null 2>"$BUILD/bench-build.log"; then
	[ -x "$BUILD/bench/gen_pairs" ] && [ -x "$BUILD/accord" ] || { cat "$BUILD/bench-build.log" >&2; exit 2; }
	echo "run_diff.sh: the build failed (see $BUILD/bench-build.log); using the programs already built" >&2
fi
ACCORD=${ACCORD:-$BUILD/accord}
ACCORD_CMD=${ACCORD_CMD:-$ACCORD diff BASE CONTRIB --format json}

SIZES=1.5M
[ "$SKIP_LARGE" = 1 ] || SIZES="1.5M 15M"

# The pairs: deterministic, regenerated only when missing. The markov pairs keep their old names; a real
# pair is "real" with its name as the size.
real_file() { # NAME 1|2: the base or the contribution of a real pair
	for p in $REAL_PAIRS; do
		[ "${p%%=*}" = "$1" ] || continue
		files=${p#*=}
		if [ "$2" = 1 ]; then echo "${files%%,*}"; else echo "${files#*,}"; fi
		return
	done
}
pair_base() {
	case $1 in markov) echo "$DATA/base-$2.txt" ;; real) real_file "$2" 1 ;; *) echo "$DATA/$1-base-$2.txt" ;; esac
}
pair_contrib() {
	case $1 in markov) echo "$DATA/contrib-$2.txt" ;; real) real_file "$2" 2 ;; *) echo "$DATA/$1-contrib-$2.txt" ;; esac
}
sizes_of() { # KIND: the sizes, or the names of the real pairs that are there
	if [ "$1" != real ]; then echo "$SIZES"; return; fi
	for p in $REAL_PAIRS; do
		files=${p#*=}
		[ -f "${files%%,*}" ] && [ -f "${files#*,}" ] && printf '%s ' "${p%%=*}"
	done
}
mkdir -p "$DATA"
for kind in $KINDS; do
	[ "$kind" != real ] || continue
	for size in $SIZES; do
		base=$(pair_base "$kind" "$size")
		case $size in 1.5M) bytes=1500000 seed=1 ;; 15M) bytes=15000000 seed=2 ;; esac
		# dense: the Markov pair with 10 % of the words changed instead of 3 %
		case $kind in dense) gen_kind=markov rate=10 ;; *) gen_kind=$kind rate=3 ;; esac
		[ -f "$base" ] || "$BUILD/bench/gen_pairs" --kind "$gen_kind" --seed "$seed" --size "$bytes" --rate "$rate" \
			"$base" "$(pair_contrib "$kind" "$size")" 2>/dev/null
	done
done

tool_cmd() {
	case $1 in
	git) echo "git diff --no-index --word-diff=porcelain BASE CONTRIB" ;;
	dwdiff) echo "dwdiff BASE CONTRIB" ;;
	wdiff) echo "wdiff BASE CONTRIB" ;;
	accord) echo "$ACCORD_CMD" ;;
	esac
}

RESULTS="$DATA/results.txt"
CHECKS="$DATA/checks.txt"
: >"$RESULTS"
: >"$CHECKS"

# bench KIND SIZE RUNS: times every tool on one pair; appends "pair tool wall_ms cpu_ms rss_kb Minstr" lines.
# The tools take turns run by run (git, accord, git, accord ...), so that a busy moment of the
# machine falls on both rather than on one.
bench() {
	kind=$1
	size=$2
	runs=$3
	base=$(pair_base "$kind" "$size")
	contrib=$(pair_contrib "$kind" "$size")
	loop=1
	[ "$kind" != real ] || loop=$REAL_LOOP
	for tool in $TOOLS; do
		cmd=$(tool_cmd "$tool" | sed "s|BASE|$base|; s|CONTRIB|$contrib|")
		echo - >"$DATA/ir.$tool"
		if [ "$CALLGRIND" = 2 ] || { [ "$CALLGRIND" = 1 ] && [ "$size" != 15M ]; }; then
			if [ "$tool" = git ] || [ "$tool" = accord ]; then
				rm -f "$DATA/callgrind.out"
				# shellcheck disable=SC2086 # the command is split into its words on purpose
				valgrind --tool=callgrind --callgrind-out-file="$DATA/callgrind.out" $cmd >/dev/null 2>&1 || true
				awk '/^summary:/ { printf "%.1f\n", $2 / 1e6 }' "$DATA/callgrind.out" >"$DATA/ir.$tool"
			fi
		fi
		# one warm-up
		[ "$runs" -gt 1 ] && sh -c "exec $cmd >/dev/null 2>&1" || true
		: >"$DATA/times.$tool"
	done
	# RUNS runs of each under GNU time: the median wall time, the median processor time (user + sys)
	# and the largest peak RSS.
	r=0
	while [ $r -lt "$runs" ]; do
		for tool in $TOOLS; do
			cmd=$(tool_cmd "$tool" | sed "s|BASE|$base|; s|CONTRIB|$contrib|")
			/usr/bin/time -f "%e %U %S %M" -o "$DATA/time" sh -c \
				"i=0; while [ \$i -lt $loop ]; do $cmd >/dev/null 2>&1; i=\$((i + 1)); done" || true
			tail -n 1 "$DATA/time" >>"$DATA/times.$tool"
		done
		r=$((r + 1))
	done
	for tool in $TOOLS; do
		awk '{ print $1, $2 + $3, $4 }' "$DATA/times.$tool" | awk -v s="$kind-$size" -v t="$tool" \
			-v ir="$(cat "$DATA/ir.$tool")" -v loop="$loop" '
			{ wall[NR] = $1; cpu[NR] = $2; if ($3 > rss) rss = $3 }
			END {
				n = NR
				for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
					if (wall[j] < wall[i]) { x = wall[i]; wall[i] = wall[j]; wall[j] = x }
					if (cpu[j] < cpu[i]) { x = cpu[i]; cpu[i] = cpu[j]; cpu[j] = x }
				}
				printf "%s %s %.2f %.2f %s %s\n", s, t, wall[int((n + 1) / 2)] * 1000 / loop,
					cpu[int((n + 1) / 2)] * 1000 / loop, rss, ir
			}' >>"$RESULTS"
	done
}

# check KIND SIZE: the round trip (accord apply BASE of the JSON gives accord parse CONTRIB, byte for byte)
# and the amendments by kind; appends "pair roundtrip MOD ADD SUP MOVE other" to the checks.
check() {
	base=$(pair_base "$1" "$2")
	contrib=$(pair_contrib "$1" "$2")
	json="$DATA/out-$1-$2.json"
	"$ACCORD" diff "$base" "$contrib" --format json -o "$json" || [ $? = 1 ]
	"$ACCORD" apply "$base" "$json" >"$DATA/applied.txt"
	"$ACCORD" parse "$contrib" --format text >"$DATA/expected.txt"
	if cmp -s "$DATA/applied.txt" "$DATA/expected.txt"; then trip=ok; else trip=FAILED; fi
	grep -o '"op": *"[A-Z_]*"' "$json" | sed 's/.*"\([A-Z_]*\)"$/\1/' | awk -v p="$1-$2" -v t="$trip" '
		{ n[$1]++; all++ }
		END { o = all - n["MOD"] - n["ADD"] - n["SUP"] - n["MOVE"]
		      printf "%s %s %d %d %d %d %d\n", p, t, n["MOD"], n["ADD"], n["SUP"], n["MOVE"], o }' >>"$CHECKS"
}

start=$(date +%s)
for kind in $KINDS; do
	if [ "$kind" = real ]; then
		for name in $(sizes_of real); do
			bench real "$name" "$REAL_RUNS"
			check real "$name"
		done
		continue
	fi
	bench "$kind" 1.5M "$RUNS"
	check "$kind" 1.5M
	if [ "$SKIP_LARGE" != 1 ]; then
		bench "$kind" 15M "$RUNS_LARGE"
		check "$kind" 15M
	fi
done

echo "accord command: $ACCORD_CMD"
for kind in $KINDS; do
	for size in $(sizes_of "$kind"); do
		echo "pair $kind-$size: $(wc -c <"$(pair_base "$kind" "$size")") / $(wc -c <"$(pair_contrib "$kind" "$size")") bytes"
	done
done
echo "wall time and processor time (user+sys): medians of $RUNS runs on 1.5M, of $REAL_RUNS on a real pair, of $RUNS_LARGE on 15M; peak RSS,"
echo "instructions (callgrind, millions); ratios to git (lower is better)"
awk '
{ pair[NR] = $1; tool[NR] = $2; wall[NR] = $3; cpu[NR] = $4; rss[NR] = $5; ir[NR] = $6
  if ($2 == "git") { gw[$1] = $3; gc[$1] = $4; gr[$1] = $5; gi[$1] = $6 } }
END {
  printf "%-20s %-7s %9s %6s %9s %6s %8s %6s %9s %6s\n", "pair", "tool", "wall ms", "x git", "cpu ms", "x git",
    "RSS MB", "x git", "M instr", "x git"
  for (i = 1; i <= NR; i++)
    printf "%-20s %-7s %9.1f %6.2f %9.1f %6.2f %8.1f %6.2f %9s %6s\n", pair[i], tool[i], wall[i], wall[i] / gw[pair[i]],
      cpu[i], cpu[i] / gc[pair[i]], rss[i] / 1024, rss[i] / gr[pair[i]], ir[i],
      (ir[i] == "-" || gi[pair[i]] == "-") ? "-" : sprintf("%.2f", ir[i] / gi[pair[i]])
}' "$RESULTS"
echo "round trip (accord apply of the JSON = accord parse of the contribution) and amendments by kind"
awk '{ printf "%-20s %-9s MOD %6d  ADD %6d  SUP %6d  MOVE %5d  other %5d\n", $1, $2, $3, $4, $5, $6, $7 }' "$CHECKS"
echo "total benchmark time: $(($(date +%s) - start)) s"
! grep -q FAILED "$CHECKS"
