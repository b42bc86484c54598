# brackets.sh: bracketed negotiating texts: accord brackets (the state, --json, --take, --accept)
# and accord parse --brackets on UN- and UNFCCC-style fixtures (tests/data/brackets), the
# lossless round trip, unbalanced brackets (strict and --lenient, line:col), a 10,000-deep
# nesting made here, every shipped pack's convention read back from its compilation (byte for
# byte per party under a convention that names parties).
. "$(dirname "$0")/lib.sh" "$@"

D=$TESTDATA/brackets
cd "$TMP" || exit 99

for f in unfccc-draft un-rolling-text across; do
	run brackets "$D/$f.txt"
	expect_ok
	expect_same "$D/$f.summary" "$out" "$f: the summary"
	run brackets --json "$D/$f.txt"
	expect_ok
	expect_same "$D/$f.json" "$out" "$f: the JSON state"
	for t in first last shortest; do
		run brackets --take $t "$D/$f.txt"
		expect_ok
		expect_same "$D/$f.$t.txt" "$out" "$f: --take $t"
	done
	# the brackets are a structure over the text: the canonical text stays byte for byte
	run parse --brackets --format text "$D/$f.txt"
	expect_ok
	expect_same "$D/$f.txt" "$out" "$f: parse --brackets --format text"
	run parse --brackets --format yaml "$D/$f.txt"
	expect_ok
	expect_same "$D/$f.yaml" "$out" "$f: parse --brackets --format yaml"
	run parse --brackets --format json "$D/$f.txt"
	expect_ok
	expect_out '"brackets": \['
	# without --brackets (and not at a terminal): no note, nothing else changes
	run parse --format text "$D/$f.txt"
	expect_ok
	expect_same "$D/$f.txt" "$out" "$f: parse --format text"
done
# brackets across paragraphs (a passage of three paragraphs, one of two): one span each, read in
# strict mode, resolved as one; a bracket never runs into another section
run brackets --accept G-77 "$D/across.txt"
expect_ok
expect_same "$D/across.accept-G-77.txt" "$out" "across: --accept G-77"
run brackets --json "$D/across.txt"
expect_ok
expect_out '"continues": true'
expect_out '"inside": 1'
printf '# A\n\n[The Parties shall\n\n# B\n\nmeet.]\n' >sections.txt
run brackets sections.txt
expect_failure 3 '^accord: sections\.txt:3:1: unbalanced brackets: opening bracket without its closing one$'
# headings written in brackets are headings ("[recalling]", "[invites all Member States]:"):
# the vocabulary reads their inside; the brackets stay in the heading and read as a group
run parse "$D/headings.txt"
expect_ok
expect_out '^mode +opinion: 3 sections, 3 paragraphs'
expect_out '^s1  \[recalling\]  \[preambular\]$'
expect_out '^s3  \[invites all Member States\]:  \[operative; addressee: all Member States\]$'
run brackets "$D/headings.txt"
expect_ok
expect_same "$D/headings.summary" "$out" "headings: the summary"
for t in first last; do
	run brackets --take $t "$D/headings.txt"
	expect_ok
	expect_same "$D/headings.$t.txt" "$out" "headings: --take $t"
done
run parse --brackets --format text "$D/headings.txt"
expect_ok
expect_same "$D/headings.txt" "$out" "headings: parse --brackets --format text"
run brackets --accept G-77 "$D/un-rolling-text.txt"
expect_ok
expect_same "$D/un-rolling-text.accept-G-77.txt" "$out" "--accept G-77"
run brackets --accept USA "$D/unfccc-draft.txt"
expect_ok
expect_same "$D/unfccc-draft.accept-USA.txt" "$out" "--accept USA"

# the JSON's keys
run brackets --json "$D/unfccc-draft.txt"
for key in spans groups option_blocks max_depth parties agreed_words open_words unbalanced sections paragraphs; do
	check "grep -q '\"$key\":' '$out'" "--json has \"$key\""
done

# usage
run brackets
expect_failure 2 'brackets: no input file'
run brackets --take most "$D/unfccc-draft.txt"
expect_failure 2 "--take: 'most' is not first, last or shortest"
run brackets --take first --accept USA "$D/unfccc-draft.txt"
expect_failure 2 'do not go together'
run parse --lenient "$D/unfccc-draft.txt"
expect_failure 2 'go with --brackets'

# unbalanced: strict names the culprit's line and column, --lenient warns and reads on (a bracket
# left open in the last paragraph, a stray closing one before it: no span across paragraphs)
printf 'Title\n\n\tnoting\na)\tx ] y\nb)\tthat [a (b] c) d\nc)\tthat [the [text] (USA)\n' >unbalanced.txt
run brackets unbalanced.txt
expect_failure 3 '^accord: unbalanced\.txt:4:6: unbalanced brackets: closing bracket without an opening one$'
run parse --brackets unbalanced.txt
expect_failure 3 '^accord: unbalanced\.txt:4:6: unbalanced brackets'
run brackets --lenient --json unbalanced.txt
expect_status 0
expect_err '^accord: unbalanced\.txt:6:9: warning: unbalanced brackets: opening bracket'
expect_err '^accord: unbalanced\.txt:4:6: warning: unbalanced brackets: closing bracket'
expect_err '^accord: unbalanced\.txt:5:12: warning: unbalanced brackets: parenthesis'
expect_out '"kind": "unclosed"'
expect_out '"kind": "interleaved"'
# the other way round, a bracket opened in a) and closed in b) is one span across paragraphs
printf 'Title\n\n\tnoting\na)\tthat [the [text] (USA)\nb)\tx ] y\n' >across2.txt
run brackets across2.txt
expect_ok
expect_out '^paragraph p1 \(a\)\): .*opens a bracket across paragraphs \(1\)$'
expect_out '^paragraph p2 \(b\)\): .*closes the bracket across paragraphs \(1\)$'
run parse --brackets --lenient --format text unbalanced.txt
expect_status 0
expect_same unbalanced.txt "$out" "--lenient loses no word"
printf 'Title\n\n\tnoting\na)\tthat [(a]) b\n' >interleaved.txt
run brackets interleaved.txt
expect_failure 3 '^accord: interleaved\.txt:4:10: unbalanced brackets: parenthesis opened inside a bracket'

# 10,000 deep: no stack overflow, the text back byte for byte
awk 'BEGIN { printf "Title\n\n\tnoting\na)\t"; for (i = 0; i < 10000; i++) printf "["; printf "deep"; for (i = 0; i < 10000; i++) printf "]"; print "" }' >deep.txt
run brackets --json deep.txt
expect_ok
expect_out '"max_depth": 10000'
run parse --brackets --format text deep.txt
expect_ok
expect_same deep.txt "$out" "10,000 deep: the text back"
run brackets --take first deep.txt
expect_ok
expect_out '^a\)	deep$'
sed 's/\]$//' deep.txt >deep-open.txt
run brackets deep-open.txt
expect_failure 3 '^accord: deep-open\.txt:4:4: unbalanced brackets'

# every shipped pack that names parties: its compilation reads back through its own convention,
# and accepting a party gives its contribution's canonical text byte for byte (issue 15). The
# real contributions, then parties made from other base texts (tests/data/brackets/readback,
# written by gen.py there: words edited, paragraphs added, deleted and moved, two parties on the
# same words, co-sponsors with the same text, a paragraph added at the end, a section deleted)
readback() { # readback PACK BASE PARTY=FILE...
	local w=$1 base=$2 pf party file
	shift 2
	run consolidate --workflow "$w" "$base" "$@"
	expect_ok
	cp "$out" "compilation-$w.txt"
	for pf in "$@"; do
		party=${pf%%=*} file=${pf#*=}
		run brackets --workflow "$w" --accept "$party" "compilation-$w.txt"
		expect_ok
		cp "$out" "accepted-$party.txt"
		"$ACCORD" parse "$file" --format text >"contribution-$party.txt"
		expect_same "contribution-$party.txt" "accepted-$party.txt" "$w: --accept $party is its contribution ($(basename "$base"))"
	done
}
R=$D/readback
for w in wtpf un_ga; do
	readback "$w" "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt"
	run brackets --workflow "$w" --json "compilation-$w.txt"
	expect_ok
	expect_out '"unbalanced": \[\]'
	check "grep -q '\"IRN\"' '$out' && grep -q '\"USA\"' '$out'" "$w: the parties read back"
	run brackets --workflow "$w" --accept IRN "compilation-$w.txt"
	# the compilation's first line ("Compilation of proposals on ...") is not the party's
	check "! grep -q '^Compilation of proposals on' '$out'" "$w: no compilation header in the clean text"
	for n in rog n3; do
		readback "$w" "$R/$n.txt" A="$R/$n-1-A.txt" B="$R/$n-1-B.txt" C="$R/$n-1-C.txt" D="$R/$n-1-D.txt" \
			E="$R/$n-1-E.txt" F="$R/$n-1-F.txt" G="$R/$n-1-G.txt"
	done
done
for w in cwg_internet igf; do
	run consolidate --workflow "$w" "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt"
	cp "$out" "compilation-$w.txt"
	run brackets --workflow "$w" --json "compilation-$w.txt"
	expect_ok
	expect_out '"unbalanced": \[\]'
	expect_out '"parties": \[\]'
done

finish

# An anonymous convention's compilation names nobody: --accept cannot tell whose proposals are whose,
# and says so (it took the first alternative for any party before), while --take still works.
for w in cwg_internet igf; do
	run consolidate --workflow "$w" "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" IRN="$SEEDS/contrib-IRN.txt" \
		USA="$SEEDS/contrib-USA.txt" --color never
	expect_ok
	cp "$out" "$TMP/anon-$w.txt"
	run brackets "$TMP/anon-$w.txt" --workflow "$w" --accept USA
	expect_failure 3 "^accord: .*anon-$w\\.txt: the text names no party \\(an anonymous convention\\)"
	run brackets "$TMP/anon-$w.txt" --workflow "$w" --take first
	expect_ok
done
