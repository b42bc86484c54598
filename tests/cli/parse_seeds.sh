# parse_seeds.sh: accord parse on every seed text: outline, canonical text, round trips.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
role=$SEEDS/draft-role-of-government.txt
n3=$SEEDS/draft-opinion-n3-multistakeholder.txt

# Top-level paragraphs per section, from an outline: "heading=count" lines.
section_counts() {
	awk '/^s[0-9]+  / { if (h != "") print h "=" n; h = $0; sub(/^s[0-9]+  /, "", h); sub(/  \[.*$/, "", h); n = 0; next }
	     /^  p[0-9]+ / { n++ }
	     END { if (h != "") print h "=" n }' "$1"
}

# --- the base text: 4 sections of 6, 4, 1 and 2 paragraphs ------------------
run parse "$base"
expect_ok
expect_out '^mode +opinion: 4 sections, 13 paragraphs, 0 footnotes, 0 warnings$'
expect_out '^body +The fifth World Telecommunication Policy Forum \(Geneva, 2013\),$'
expect_out '^s[0-9]+  recognizing  \[preambular\]$'
expect_out '^s[0-9]+  noting  \[preambular\]$'
expect_out '^s[0-9]+  is of the view  \[operative\]$'
expect_out '^s[0-9]+  invites  \[operative\]$'
expect_out '^  p[0-9]+ +a\)  that, per article 37 of the Tunis Agenda'
section_counts "$out" >"$TMP/counts"
printf 'recognizing=6\nnoting=4\nis of the view=1\ninvites=2\n' >"$TMP/expected-counts"
expect_same "$TMP/expected-counts" "$TMP/counts" "paragraphs per section of the base text"
# The outline cuts long text to 80 columns; --width 0 does not.
check '[ "$(awk "length > 80" "$out" | wc -l)" -eq 0 ]' "outline lines fit in 80 columns"
run parse --width 0 "$base"
expect_ok
expect_out 'to +actualize the role of governments in the multi-stakeholder model for Internet governance;$'

# --- the role-of-government draft: 8 sections, 2 footnotes, nesting, a warning --------
run parse "$role"
expect_ok_with_warning() {
	expect_status 0
	expect_err "^accord: $(re_quote "$role"):[0-9]+:[0-9]+: warning: .*bookmark"
}
expect_ok_with_warning
expect_out '^mode +opinion: 8 sections, [0-9]+ paragraphs, 2 footnotes, [1-9][0-9]* warnings?$'
expect_out '^s[0-9]+  is of the view  \[operative\]$'
expect_out '^s[0-9]+  instructs the Secretary-General  \[operative'
expect_out '^    p[0-9]+ '
expect_out '^footnotes$'
expect_out '^  \[1\]  '
expect_out '^  \[2\]  '
expect_out '^warnings$'

# --- the (n+3) draft: 6 sections, a.-c. nested under recalling d) ----------------
run parse "$n3"
expect_ok
expect_out '^mode +opinion: 6 sections, '
for label in a b c; do
	expect_out "^    p[0-9]+ +$label\\.  "
done
awk '/^s[0-9]+  recalling/ { r = 1; next } /^s[0-9]+  / { r = 0 } r' "$out" >"$TMP/recalling"
check 'grep -Eq "^  p[0-9]+ +d\)  " "$TMP/recalling"' "recalling has a d)"
check 'awk "/^  p[0-9]+ +d\\)  /{d=1;next} /^  p/{d=0} d && /^    p[0-9]+ +a\\.  /{f=1} END{exit !f}" "$TMP/recalling"' \
	"a. is nested under recalling d)"

# --- every seed: parses; text, YAML and JSON round trips are exact ----------------
for seed in "$SEEDS"/*.txt; do
	name=$(basename "$seed" .txt)
	run parse "$seed"
	expect_status 0
	expect_out '^mode +opinion: [1-9][0-9]* sections?, [1-9][0-9]* paragraphs?'
	check '[ "$(grep -c "^s[0-9]" "$out")" -ge 1 ]' "$name: the outline lists sections"

	run parse --format text "$seed"
	expect_status 0
	cp "$out" "$TMP/$name.txt"
	check '[ -s "$TMP/$name.txt" ]' "$name: canonical text is not empty"
	check '[ "$(tail -c 1 "$TMP/$name.txt" | od -An -c | tr -d " ")" = "\n" ] && [ "$(tail -c 2 "$TMP/$name.txt" | od -An -c | tr -d " ")" != "\n\n" ]' \
		"$name: canonical text ends with exactly one newline"

	# The canonical text parses again to the same text (from standard input too).
	run_in "$TMP/$name.txt" parse --format text -
	expect_ok
	expect_same "$TMP/$name.txt" "$out" "$name: text -> text"

	# text -> YAML -> text and text -> JSON -> text give the same bytes.
	for format in yaml json; do
		run parse --format "$format" -o "$TMP/$name.$format" "$seed"
		expect_status 0
		check '[ ! -s "$out" ]' "$name: -o leaves standard output empty"
		run parse --format text "$TMP/$name.$format"
		expect_ok
		expect_same "$TMP/$name.txt" "$out" "$name: text -> $format -> text (format detected)"
		run parse --input-format "$format" --format text "$TMP/$name.$format"
		expect_ok
		expect_same "$TMP/$name.txt" "$out" "$name: text -> $format -> text (--input-format $format)"
		# Reading YAML/JSON back is a fixed point (the first generation may
		# also list the warnings of the original parse).
		run parse --format "$format" -o "$TMP/$name.2.$format" "$TMP/$name.$format"
		expect_ok
		run parse --format "$format" "$TMP/$name.2.$format"
		expect_ok
		expect_same "$TMP/$name.2.$format" "$out" "$name: $format -> $format"
	done

	# Standard input gives the same document as the file.
	run_in "$seed" parse --format yaml -
	expect_status 0
	expect_same "$TMP/$name.yaml" "$out" "$name: standard input and file"

	for format in md html; do
		run parse --format "$format" "$seed"
		expect_status 0
		check '[ -s "$out" ]' "$name: --format $format prints something"
	done
	expect_out '<html'
done

# -o replaces the file atomically and leaves no temporary file behind.
mkdir "$TMP/o"
printf 'old\n' >"$TMP/o/out.txt"
run parse --format text -o "$TMP/o/out.txt" "$base"
expect_ok
expect_same "$TMP/base-wtpf-ieg-2-10-opinion-1.txt" "$TMP/o/out.txt" "-o writes the canonical text"
check '[ "$(ls "$TMP/o")" = out.txt ]' "-o leaves only the output file"

# --generic reads the same file as plain paragraphs.
run parse --generic "$base"
expect_ok
expect_out '^mode +generic: '
run parse --generic --format text "$base"
expect_ok
cp "$out" "$TMP/generic.txt"
run parse --generic --format text "$TMP/generic.txt"
expect_ok
expect_same "$TMP/generic.txt" "$out" "generic text -> text"

finish
