# input_limits.sh: the limits on what accord reads (docs/security.md, "Limits"):
# ACCORD_MAX_INPUT, ACCORD_MAX_PARAGRAPHS and ACCORD_MAX_DEPTH, at and past each limit, for a
# file and for standard input; values that are not positive whole numbers; numeric options out
# of range.
. "$(dirname "$0")/lib.sh" "$@"

five=$TMP/five.txt
printf 'One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n' >"$five"
size=$(wc -c <"$five")

# --- input size: checked while reading, for files and standard input ------------------------
export ACCORD_MAX_INPUT=$size
run parse "$five"
expect_ok
export ACCORD_MAX_INPUT=$((size - 1))
run parse "$five"
expect_failure 4 "^accord: $five: larger than the input limit of $((size - 1)) bytes \(ACCORD_MAX_INPUT raises it\)$"
run_in "$five" parse -
expect_failure 4 '^accord: -: larger than the input limit'
run diff "$five" "$SEEDS/contrib-IRN.txt"
expect_failure 4 'larger than the input limit'
unset ACCORD_MAX_INPUT

# --- paragraphs: the one past the limit is named by its line ----------------------------------
export ACCORD_MAX_PARAGRAPHS=5
run parse "$five"
expect_ok
export ACCORD_MAX_PARAGRAPHS=4
run parse "$five"
expect_failure 4 "^accord: $five:9: more than 4 paragraphs, the limit \(ACCORD_MAX_PARAGRAPHS raises it\)$"
run consolidate "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" "X=$five"
expect_failure 4 'more than 4 paragraphs'
unset ACCORD_MAX_PARAGRAPHS

# --- nesting: a Markdown list three deep ------------------------------------------------------
deep=$TMP/deep.md
printf -- '- one\n  - two\n    - three\n' >"$deep"
export ACCORD_MAX_DEPTH=3
run parse "$deep"
expect_ok
export ACCORD_MAX_DEPTH=2
run parse "$deep"
expect_failure 4 "^accord: $deep:3: paragraphs nested more than 2 deep, the limit \(ACCORD_MAX_DEPTH raises it\)$"
unset ACCORD_MAX_DEPTH

# --- values that are not limits: a usage error before any work --------------------------------
for bad in 0 -1 12x 18446744073709551616 ''; do
	export ACCORD_MAX_PARAGRAPHS="$bad"
	run parse "$five"
	if [ -z "$bad" ]; then
		expect_ok # empty: the default
	else
		expect_failure 2 "^accord: ACCORD_MAX_PARAGRAPHS must be a positive whole number, not '$bad'$"
	fi
done
unset ACCORD_MAX_PARAGRAPHS
export ACCORD_MAX_DEPTH=4294967296
run parse "$five"
expect_failure 2 "^accord: ACCORD_MAX_DEPTH must be a positive whole number"
unset ACCORD_MAX_DEPTH

# --- numeric options out of range (issue 17: -m 18446744073709551616 was accepted) ------------
printf 'return 1\n' >"$TMP/one.lua"
run run -m 18446744073709551616 "$TMP/one.lua"
expect_failure 2 'memory'
run run -n 99999999999999999999 "$TMP/one.lua"
expect_failure 2 'instructions'

finish
