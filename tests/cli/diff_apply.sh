# diff_apply.sh: accord diff and accord apply: exit codes, the byte-for-byte round trip on
# every pair of seed texts, golden outputs for IRN and USA, and bad amendment files.
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt

# No difference: exit 0 and nothing to say.
run diff "$BASE" "$BASE"
expect_status 0
check '[ ! -s "$out" ]' "identical texts give no amendments"

# The round trip on every ordered pair of seed texts, in text, JSON and YAML.
for b in "$SEEDS"/*.txt; do
	for c in "$SEEDS"/*.txt; do
		run diff "$b" "$c" --as P --format json
		if [ "$b" = "$c" ]; then expect_status 0; else expect_status 1; fi
		cp "$out" "$TMP/am.json"
		run apply "$b" "$TMP/am.json"
		expect_status 0
		cp "$out" "$TMP/applied.txt"
		run parse "$c" --format text
		expect_same "$TMP/applied.txt" "$out" "apply(diff($(basename "$b"), $(basename "$c"))) is the contribution's text"
	done
done

# Golden outputs: the amendments of the two real contributions.
for party in IRN USA; do
	run diff "$BASE" "$SEEDS/contrib-$party.txt" --as $party --format json
	expect_status 1
	sed 's#"file": "[^"]*/#"file": "#; s#"base": "[^"]*/#"base": "#; s#"contribution": "[^"]*/#"contribution": "#' "$out" > "$TMP/got.json"
	expect_same "$TESTDATA/diff/$party.json" "$TMP/got.json" "golden amendments of $party"
	run diff "$BASE" "$SEEDS/contrib-$party.txt" --as $party
	expect_status 1
	expect_same "$TESTDATA/diff/$party.txt" "$out" "golden text view of $party"
done

# The text view marks deletions and insertions, and colours only on request.
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA
expect_out '^ADD USA/[0-9]+ +new paragraph, first in noting'
expect_out '^HEADING USA/[0-9]+ +section heading'
expect_out '\[-invites-\]\{\+invites Member States\+\}'
check '! grep -q "$(printf "\033")" "$out"' "no colour when not asked"
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --color always
check 'grep -q "$(printf "\033")\[3[12]m" "$out"' "colour with --color always"

# YAML is the same list.
run diff "$BASE" "$SEEDS/contrib-IRN.txt" --as IRN --format yaml
expect_status 1
expect_out '^accord: "amendments/1"'
expect_out '^  op: "ADD"|^- id: "IRN/'

# Standard input works for either side.
run_in "$SEEDS/contrib-IRN.txt" diff "$BASE" - --as IRN --format json
expect_status 1
expect_out '"id": "IRN/1"'

# Usage errors: exit 2, nothing on stdout.
run diff "$BASE"
expect_failure 2 '^accord: '
run diff - - --as X
expect_failure 2 '^accord: '
run diff "$BASE" "$BASE" --format xml
expect_failure 2 '^accord: '
run diff "$BASE" "$BASE" --as "A/B"
expect_failure 2 '^accord: '
run diff "$BASE" "$BASE" --as "A,B"
expect_failure 2 "^accord: diff: a party code .*','"
run diff "$BASE" "$BASE" --as "A B"
expect_failure 2 '^accord: diff: a party code '
run apply "$BASE"
expect_failure 2 '^accord: '

# Bad input: exit 3 with FILE:LINE:COL or the amendment named; missing files: exit 5.
run diff "$BASE" "$TMP/missing.txt"
expect_failure 5 "^accord: .*missing.txt"
printf '{"accord": "amendments/1", "amendments": [' > "$TMP/truncated.json"
run apply "$BASE" "$TMP/truncated.json"
expect_failure 3 "^accord: .*truncated.json:1:[0-9]+: "
printf '{"accord": "amendments/1", "amendments": [{"id": "X/1", "op": "SUP", "target": "p99"}]}' > "$TMP/unknown.json"
run apply "$BASE" "$TMP/unknown.json"
expect_failure 3 "^accord: .*X/1.*p99"
printf '{"accord": "amendments/1", "amendments": [{"id": "X/1", "op": "MOD", "target": "p1", "edits": [{"kind": "replace", "at": 2, "count": 1, "base": "no such words", "text": "x"}]}]}' > "$TMP/conflict.json"
run apply "$BASE" "$TMP/conflict.json"
expect_failure 3 "^accord: .*X/1.*no such words"
# Quoted text with a line break stays on the message's one line (written as \n).
printf '{"accord": "amendments/1", "amendments": [{"id": "X/1", "op": "MOD", "target": "p1", "edits": [{"kind": "replace", "at": 2, "count": 1, "base": "no such\\nwords", "text": "x"}]}]}' > "$TMP/newline.json"
run apply "$BASE" "$TMP/newline.json"
expect_failure 3 '^accord: .*X/1.*no such\\nwords'
check '[ "$(wc -l <"$err")" -eq 1 ]' "a message with a quoted line break is one line"
printf '{"accord": "document/1"}' > "$TMP/doc.json"
run apply "$BASE" "$TMP/doc.json"
expect_failure 3 "^accord: .*doc.json:1:1: .*is not an amendment list"

# Generic texts with no word in common: no alignment candidate at all (UBSan caught
# qsort on the aligner's NULL candidate array); a SUP and an ADD, and apply gives it back.
printf 'alpha beta gamma\n' > "$TMP/g1.txt"
printf 'zzz yyy\n' > "$TMP/g2.txt"
run diff --generic --format json "$TMP/g1.txt" "$TMP/g2.txt"
expect_status 1
expect_out '"op": "SUP"'
expect_out '"op": "ADD"'
cp "$out" "$TMP/g.json"
run apply --generic "$TMP/g1.txt" "$TMP/g.json"
expect_ok
expect_out '^zzz yyy$'

# --only applies a subset: here only the heading change.
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --format json
cp "$out" "$TMP/usa.json"
heading_id=$(grep -B3 '"op": "HEADING"' "$TMP/usa.json" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')
run apply "$BASE" "$TMP/usa.json" --only "$heading_id"
expect_ok
expect_out '^	invites Member States$'
expect_out '^a\)	the Secretary-General to collaborate'

# A default party from a file name with blanks or commas is made a valid code.
cp "$SEEDS/contrib-IRN.txt" "$TMP/my contrib,v2.txt"
run diff "$BASE" "$TMP/my contrib,v2.txt" --format json
expect_status 1
expect_out '"id": "my_contrib_v2/1"'

finish
