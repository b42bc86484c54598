# consolidate.sh: accord consolidate and accord compile: usage errors, the accept-one-party
# round trip on every seed text (byte for byte equal to `accord parse FILE --format text`),
# every format and every rule pack's convention, and a session's compilation.
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
IRN=$SEEDS/contrib-IRN.txt
USA=$SEEDS/contrib-USA.txt

run consolidate
expect_failure 2 'no base text'
run consolidate "$BASE"
expect_failure 2 'no contribution'
run consolidate "$BASE" "$IRN"
expect_failure 2 'is not PARTY=FILE'
run consolidate "$BASE" IRN="$IRN" IRN="$USA"
expect_failure 2 'contributes twice'
run consolidate "$BASE" IRN="$IRN" --format pdf
expect_failure 2 'unknown format'
run consolidate "$BASE" IRN="$IRN" --workflow nosuchbody
expect_status 3
run consolidate "$BASE" IRN="$IRN" --accept XYZ
expect_failure 2 'no such party'
run consolidate "$BASE" IRN="$TMP/missing.txt"
expect_status 5

# Accepting one party's proposals gives its text, byte for byte, for every seed in one compilation.
set -- IRN="$IRN" USA="$USA" ROG="$SEEDS/draft-role-of-government.txt" N3="$SEEDS/draft-opinion-n3-multistakeholder.txt" \
	B="$BASE"
for pair in "$@"; do
	party=${pair%%=*}
	file=${pair#*=}
	run consolidate "$BASE" "$@" --accept "$party" --format text
	expect_status 0
	cp "$out" "$TMP/accepted.txt"
	run parse "$file" --format text
	expect_same "$TMP/accepted.txt" "$out" "accept $party is its contribution's text"
done

# Every format, every convention.
for w in wtpf cwg_internet igf un_ga; do
	for f in text md html json yaml; do
		run consolidate --workflow $w "$BASE" IRN="$IRN" USA="$USA" --format $f
		expect_ok
	done
done
run consolidate "$BASE" IRN="$IRN" USA="$USA"
expect_out '^\[IRN, USA: OPINION \(1\) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE\]$'
expect_out '^	invites \[USA: Member States\]$'
expect_out '^d bis\)	\[IRN: The close collaboration'
run consolidate --workflow wtpf "$BASE" IRN="$IRN" USA="$USA" --roster "$SEEDS/roster.yaml" --format html -o "$TMP/c.html"
expect_ok
check 'grep -q "Islamic Republic of Iran" "$TMP/c.html"' "the roster names the parties in the legend"
check '! grep -q "https\?://" "$TMP/c.html"' "the page needs no external resource"
run consolidate "$BASE" IRN="$IRN" USA="$USA" --format json
expect_out '"accord": "compilation/1"'

# A session's open amendments.
run init "$TMP/s.accord" --workflow wtpf --base "$BASE" --roster "$SEEDS/roster.yaml"
expect_status 0
run submit "$TMP/s.accord" --as IRN "$IRN"
run submit "$TMP/s.accord" --as USA "$USA"
run compile "$TMP/s.accord"
expect_ok
expect_out '^	invites \[USA: Member States\]$'
for party in IRN USA; do
	run compile "$TMP/s.accord" --accept $party
	expect_status 0
	cp "$out" "$TMP/accepted.txt"
	run parse "$SEEDS/contrib-$party.txt" --format text
	expect_same "$TMP/accepted.txt" "$out" "compile --accept $party is its contribution's text"
done
run compile "$TMP/missing.accord"
expect_status 5

finish
