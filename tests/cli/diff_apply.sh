# diff_apply.sh: accord diff and accord apply: exit codes, the byte-for-byte round trip on
# every pair of seed texts, golden outputs for IRN and USA, every operation in the text view
# and MOVE detection on hand-written texts, apply's formats, and bad amendment files.
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

# The JSON is streamed into the output (issue 16): -o FILE is written whole or not at all,
# and a device that refuses the bytes is a storage error (exit 5) naming it.
echo "keep me" > "$TMP/kept.json"
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --format json -o "$TMP/kept.json"
expect_status 1
run apply "$BASE" "$TMP/kept.json"
expect_status 0
if [ -w /dev/full ]; then
	run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --format json -o /dev/full
	expect_status 5
	expect_err '^accord: /dev/full: cannot write: No space left on device$'
fi
chmod a-w "$TMP" 2>/dev/null
if [ "$(id -u)" != 0 ]; then
	run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --format json -o "$TMP/kept.json"
	expect_status 5
fi
chmod u+w "$TMP"

# The text view marks deletions and insertions, and colours only on request.
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA
expect_out '^ADD USA/[0-9]+ +new paragraph, first in noting'
expect_out '^HEADING USA/[0-9]+ +section heading'
expect_out '\[-invites-\]\{\+invites Member States\+\}'
check '! grep -q "$(printf "\033")" "$out"' "no colour when not asked"
run diff "$BASE" "$SEEDS/contrib-USA.txt" --as USA --color always
check 'grep -q "$(printf "\033")\[3[12]m" "$out"' "colour with --color always"

# YAML is the same list: the same amendments, ids and operations in the same order (the two
# ADDs among them), and the same edits.
run diff "$BASE" "$SEEDS/contrib-IRN.txt" --as IRN --format yaml
expect_status 1
expect_out '^accord: "amendments/1"$'
sed -n 's/^- id: "\([^"]*\)"$/id \1/p; s/^  op: "\([^"]*\)"$/op \1/p; s/^    base: \(.*\)$/base \1/p' "$out" \
	> "$TMP/yaml.list"
run diff "$BASE" "$SEEDS/contrib-IRN.txt" --as IRN --format json
sed -n 's/^      "\(id\|op\)": "\([^"]*\)",$/\1 \2/p; s/^          "base": \(.*\),$/base \1/p' "$out" > "$TMP/json.list"
expect_same "$TMP/json.list" "$TMP/yaml.list" "the YAML list is the JSON one"
check '[ "$(grep -c "^id IRN/" "$TMP/yaml.list")" -eq 12 ]' "twelve amendments in the YAML"
check '[ "$(grep -c "^base " "$TMP/yaml.list")" -ge 20 ]' "the edits' quoted base texts in the YAML"
check 'grep -A1 "^id IRN/9$" "$TMP/yaml.list" | grep -qx "op ADD"' "IRN/9 is an ADD in the YAML"
check 'grep -A1 "^id IRN/11$" "$TMP/yaml.list" | grep -qx "op ADD"' "IRN/11 is an ADD in the YAML"

# Standard input works for either side.
run_in "$SEEDS/contrib-IRN.txt" diff "$BASE" - --as IRN --format json
expect_status 1
expect_out '"id": "IRN/1"'

# Usage errors: exit 2, nothing on stdout.
run diff "$BASE"
expect_failure 2 '^accord: diff: expected two files, BASE and CONTRIB$'
run diff - - --as X
expect_failure 2 '^accord: diff: only one of BASE and CONTRIB can be standard input$'
run diff "$BASE" "$BASE" --format xml
expect_failure 2 "^accord: diff: unknown format 'xml' \(text, json or yaml\)$"
run diff "$BASE" "$BASE" --as "A/B"
expect_failure 2 "^accord: diff: a party code has no '/', ',', blank or control character \('A/B'\)$"
run diff "$BASE" "$BASE" --as "A,B"
expect_failure 2 "^accord: diff: a party code .*','"
run diff "$BASE" "$BASE" --as "A B"
expect_failure 2 '^accord: diff: a party code '
run apply "$BASE"
expect_failure 2 '^accord: apply: expected two files, BASE and AMENDMENTS\.json$'

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

# Hand-written texts: every operation in the text view, exactly; apply gives the contribution
# back in every format.
printf 'The Forum,\n\trecognizing\na)\tthat the Internet is global;\nb)\tthat all have roles;\n\tinvites\na)\tStates to act.\n' \
	> "$TMP/b1.txt"
printf 'OPINION ON THE INTERNET\nThe Forum,\n\trecognizing\na)\tthat the Internet is shared;\n\tinvites Member States\na)\tto act together.\nb)\tto  report.\n\tnoting\na)\tthat all have roles;\n' \
	> "$TMP/c1.txt"
cat > "$TMP/want" <<'END'
META X/1  title
	{+OPINION ON THE INTERNET+}

MOD X/2  recognizing a) [p1]
	a)	that the Internet is [-global-]{+shared+};

HEADING X/3  section heading [s2]
	[-invites-]{+invites Member States+}

MOD X/4  invites a) [p3]
	a)	[-States -]to act{+ together+}.

ADD X/5  new paragraph, after invites a) [p3]
	{+b)+}	{+to  report.+}

ADD_SECTION X/6  new section, after section s2
	{+noting+}

MOVE X/7  recognizing b) [p2], moved first in X/6
	[-b)-]{+a)+}	that all have roles;

END
run diff "$TMP/b1.txt" "$TMP/c1.txt" --as X
expect_status 1
expect_same "$TMP/want" "$out" "the text view of every operation (invites a) stays: its neighbour moved away)"
printf 'The Forum,\n\trecognizing\na)\tthat the Internet is global;\nb)\tthat all have roles;\nc)\tthat trust matters;\n\tnoting\na)\tthat work goes on;\n\tinvites\na)\tStates to act.\n' \
	> "$TMP/b2.txt"
printf 'The Forum,\n\tinvites\na)\tStates  to act.\n\trecognizing\na)\tthat the Internet is global;\nc)\tthat trust matters;\n' \
	> "$TMP/c2.txt"
cat > "$TMP/want" <<'END'
MOVE_SECTION Y/1  section [s3] moved first

SUP Y/2  recognizing b) [p2]
	[-b)-]	[-that all have roles;-]

(MOD) Y/3  invites a) [p5]
	a)	States[- -]{+  +}to act.

SUP_SECTION Y/4  section [s2] with all its paragraphs
	[-noting-]

END
run diff "$TMP/b2.txt" "$TMP/c2.txt" --as Y
expect_status 1
expect_same "$TMP/want" "$out" "the text view of deletions, a section move and a change of spacing"
for pair in b1:c1 b2:c2; do
	b=$TMP/${pair%%:*}.txt
	c=$TMP/${pair#*:}.txt
	run diff "$b" "$c" --as Z --format json
	cp "$out" "$TMP/am.json"
	run parse "$c" --format text
	cp "$out" "$TMP/want"
	run apply "$b" "$TMP/am.json"
	expect_ok
	expect_same "$TMP/want" "$out" "apply gives $(basename "$c") back"
	run apply "$b" "$TMP/am.json" --format json
	expect_ok
	cp "$out" "$TMP/applied.json"
	run parse "$TMP/applied.json" --format text
	expect_same "$TMP/want" "$out" "apply --format json of $(basename "$c") reads back as it"
	run apply "$b" "$TMP/am.json" --format yaml
	expect_ok
	cp "$out" "$TMP/applied.yaml"
	run parse "$TMP/applied.yaml" --format text
	expect_same "$TMP/want" "$out" "apply --format yaml of $(basename "$c") reads back as it"
done

# apply's formats, exactly, on the first pair: new paragraphs and sections have the amendment's id.
run diff "$TMP/b1.txt" "$TMP/c1.txt" --as X --format json
cp "$out" "$TMP/x.json"
cat > "$TMP/want" <<'END'
accord: document/1
mode: opinion
title: OPINION ON THE INTERNET
body: The Forum,
sections:
- id: s1
  heading: recognizing
  kind: preambular
  paragraphs:
  - id: p1
    label: a)
    text: that the Internet is shared;
- id: s2
  heading: invites Member States
  kind: operative
  addressee: Member States
  paragraphs:
  - id: p3
    label: a)
    text: to act together.
  - id: X/5
    label: b)
    text: to  report.
- id: X/6
  heading: noting
  kind: preambular
  paragraphs:
  - id: p2
    label: a)
    text: that all have roles;
END
run apply "$TMP/b1.txt" "$TMP/x.json" --format yaml
expect_ok
expect_same "$TMP/want" "$out" "apply --format yaml"
cat > "$TMP/want" <<'END'
# OPINION ON THE INTERNET

The Forum,

*recognizing*

a) that the Internet is shared;

*invites Member States*

a) to act together.

b) to  report.

*noting*

a) that all have roles;
END
run apply "$TMP/b1.txt" "$TMP/x.json" --format md
expect_ok
expect_same "$TMP/want" "$out" "apply --format md"
run apply "$TMP/b1.txt" "$TMP/x.json" --format json
expect_ok
expect_out '^  "title": "OPINION ON THE INTERNET",$'
expect_out '^      "heading": "invites Member States",$'
expect_out '^          "id": "X/5",$'
expect_out '^      "id": "X/6",$'
run apply "$TMP/b1.txt" "$TMP/x.json" --format html
expect_ok
expect_out '^<h1>OPINION ON THE INTERNET</h1>$'
expect_out '^<p class="heading">invites Member States</p>$'
expect_out '^<div class="para" id="X/5"><span class="label">b\)</span>to  report\.</div>$'
expect_out '^<section id="X/6" class="preambular">$'
expect_out '^<div class="para" id="p2"><span class="label">a\)</span>that all have roles;</div>$'
run apply "$TMP/b1.txt" "$TMP/x.json" --format pdf
expect_failure 2 "^accord: apply: unknown format 'pdf'"

# MOVE: a paragraph moved under another one, after that one's own b): found as a MOVE (not a
# deletion and an addition), its place named by ids, and applied back.
printf 'The Forum,\n\trecognizing\na)\tthat the Internet is a global resource for all;\nb)\tthat all stakeholders have roles to play in it;\nc)\tthat cooperation between governments is needed:\na)\tat the national level of each country;\nb)\tat the regional level of each region;\n' \
	> "$TMP/b3.txt"
printf 'The Forum,\n\trecognizing\na)\tthat the Internet is a global resource for all;\nc)\tthat cooperation between governments is needed:\na)\tat the national level of each country;\nb)\tat the regional level of each region;\nthat all stakeholders have roles to play in it;\n' \
	> "$TMP/c3.txt"
cat > "$TMP/want" <<'END'
MOVE W/1  recognizing b) [p2], moved after recognizing b) [p5]
	[-b)-]	that all stakeholders have roles to play in it;

END
run diff "$TMP/b3.txt" "$TMP/c3.txt" --as W
expect_status 1
expect_same "$TMP/want" "$out" "a move in the text view"
run diff "$TMP/b3.txt" "$TMP/c3.txt" --as W --format json
expect_out '^      "op": "MOVE",$'
expect_out '^      "target": "p2",$'
expect_out '^        "section": "s1",$'
expect_out '^        "parent": "p3",$'
expect_out '^        "after": "p5"$'
cp "$out" "$TMP/move.json"
run apply "$TMP/b3.txt" "$TMP/move.json"
expect_ok
cp "$out" "$TMP/applied.txt"
run parse "$TMP/c3.txt" --format text
expect_same "$TMP/applied.txt" "$out" "the move applied"

# A default party from a file name with blanks or commas is made a valid code.
cp "$SEEDS/contrib-IRN.txt" "$TMP/my contrib,v2.txt"
run diff "$BASE" "$TMP/my contrib,v2.txt" --format json
expect_status 1
expect_out '"id": "my_contrib_v2/1"'

# Markdown with front matter, as IETF drafts are written: the format follows the extension (the
# "---" does not make it YAML), and the front matter is metadata, not a section.
printf -- '---\ntitle: "Example Draft"\ndocname: draft-example-00\nauthor:\n - name: A. Person\n---\n\n# Introduction\n\nThis document describes an example.\n\n# Terminology\n\nThe key words are used as described.\n' >"$TMP/draft-00.md"
sed 's/an example\./an example of a protocol./' "$TMP/draft-00.md" >"$TMP/draft-01.md"
run diff "$TMP/draft-00.md" "$TMP/draft-01.md"
expect_status 1
expect_out '^MOD draft-01/1  Introduction'
expect_out '^	This document describes an example\{\+ of a protocol\+\}\.$'
run parse "$TMP/draft-00.md" --format json
expect_ok
expect_out '^  "title": "Example Draft",$'
expect_out '"heading": "Introduction"'
# without a name that says (standard input, a file without an extension), the content decides: front matter
# then a body is Markdown, not a YAML stream of two documents
run parse "$TMP/draft-00.md" --format yaml
cp "$out" "$TMP/draft-by-name.yaml"
run_in "$TMP/draft-00.md" parse - --format yaml
expect_ok
expect_same "$TMP/draft-by-name.yaml" "$out" "front matter and a body on standard input read as Markdown"
cp "$TMP/draft-01.md" "$TMP/draft-01"
run diff "$TMP/draft-00.md" "$TMP/draft-01"
expect_status 1
expect_out '^MOD draft-01/1  Introduction'
# a YAML document alone (nothing after its end marker) is still YAML
printf -- '---\naccord: document 1\nparagraphs: []\n...\n' >"$TMP/only.yaml.txt"
run parse "$TMP/only.yaml.txt"
expect_no_out 'accord: document'

finish
