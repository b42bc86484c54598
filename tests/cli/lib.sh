# lib.sh: helpers for the CLI tests (POSIX sh). A test script starts with
#   . "$(dirname "$0")/lib.sh" "$@"
# and ends with `finish`. Arguments: ACCORD_BINARY SEEDS_DIR TESTDATA_DIR.
#
#   run ARGS...            runs accord; sets $status, $out (stdout file), $err (stderr file)
#   run_in FILE ARGS...    the same with standard input from FILE
#   expect_status N        the last run exited with N
#   expect_ok              status 0 and nothing on stderr (but the warnings of flattened tracked
#                          changes, which the seed contributions have: see flattened.sh)
#   other_stderr           stderr without those warnings
#   expect_failure N RE    status N, nothing on stdout, and stderr's first line matches the ERE RE
#   expect_out RE          stdout has a line matching the ERE RE
#   expect_no_out RE       stdout has no line matching RE
#   expect_err RE          stderr has a line matching the ERE RE
#   expect_same A B WHAT   files A and B are byte for byte equal
#   check COND WHAT        COND (a shell command) succeeds

set -u
ACCORD=$1
SEEDS=$2
TESTDATA=$3
case $ACCORD in /*) ;; *) ACCORD=$(pwd)/$ACCORD ;; esac

failures=0
checks=0
current=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/accord-cli.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
out=$TMP/stdout
err=$TMP/stderr
status=0

fail() {
	failures=$((failures + 1))
	printf 'FAIL: %s\n  command: accord %s\n' "$1" "$current" >&2
	if [ -s "$err" ]; then
		printf '  stderr:\n' >&2
		sed -n '1,8s/^/    /p' "$err" >&2
	fi
	if [ -s "$out" ]; then
		printf '  stdout (first lines):\n' >&2
		sed -n '1,8s/^/    /p' "$out" >&2
	fi
}

pass() {
	checks=$((checks + 1))
}

# ACCORD_WRAP (environment): a command to run accord under, e.g. valgrind.
run() {
	current="$*"
	${ACCORD_WRAP:-} "$ACCORD" "$@" >"$out" 2>"$err" </dev/null
	status=$?
}

run_in() {
	input=$1
	shift
	current="$* < $input"
	${ACCORD_WRAP:-} "$ACCORD" "$@" >"$out" 2>"$err" <"$input"
	status=$?
}

expect_status() {
	if [ "$status" -eq "$1" ]; then pass; else fail "exit status $status, expected $1"; fi
}

other_stderr() {
	grep -Ev -- ": warning: ('.*' looks like a flattened tracked change \(.*\)|its tracked changes seem flattened .*)$" "$err"
}

expect_ok() {
	expect_status 0
	if [ -n "$(other_stderr)" ]; then fail "unexpected output on stderr"; else pass; fi
}

expect_failure() {
	expect_status "$1"
	if [ -s "$out" ]; then fail "output on stdout on error"; else pass; fi
	if head -n 1 "$err" | grep -Eq -- "$2"; then pass; else fail "stderr does not match: $2"; fi
}

expect_out() {
	if grep -Eq -- "$1" "$out"; then pass; else fail "stdout has no line matching: $1"; fi
}

expect_no_out() {
	if grep -Eq -- "$1" "$out"; then fail "stdout has a line matching: $1"; else pass; fi
}

expect_err() {
	if grep -Eq -- "$1" "$err"; then pass; else fail "stderr has no line matching: $1"; fi
}

expect_same() {
	if cmp -s "$1" "$2"; then
		pass
	else
		fail "$3: $1 and $2 differ"
		diff -u "$1" "$2" 2>/dev/null | sed -n '1,20s/^/    /p' >&2
	fi
}

check() {
	if eval "$1"; then pass; else fail "$2"; fi
}

# The regular expression for a path, with ERE metacharacters escaped.
re_quote() {
	printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'
}

finish() {
	if [ "$failures" -gt 0 ]; then
		printf '%s: %d of %d checks failed\n' "$(basename "$0")" "$failures" $((checks + failures)) >&2
		exit 1
	fi
	printf '%s: %d checks passed\n' "$(basename "$0")" "$checks"
	exit 0
}
