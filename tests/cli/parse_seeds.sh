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

# --- rebuilding a document from its Markdown and HTML ------------------------------------
# The checks below read accord's md and html output back, independently of accord, and compare
# what they find with the canonical text and the outline: a renderer that drops, doubles or
# reorders a paragraph, loses a label, a heading, a footnote or the nesting, or writes a special
# character unescaped fails them. Each rebuild prints "H <line>" for the header, then the
# sections and footnotes as canonical text lines (no blank lines), and "D <depth>" lines for the
# paragraphs' nesting into FILE.depth; problems are printed as "BAD: ..." lines.

# The expected header from an outline (--width 0), in HTML order (md puts the title first).
header_from_outline() { # OUTLINE md|html
	awk -v form="$2" '
	/^(symbol|source|note|title|body) / {
		v = substr($0, 11)
		if ($1 == "symbol") v = "Document " v
		else if ($1 == "source") v = "Source: " v
		if ($1 == "title" && form == "md") { print "H " v; next }
		lines[++n] = "H " v
	}
	/^mode / { for (i = 1; i <= n; i++) print lines[i]; exit }' "$1"
}

# Paragraph depths from an outline: one "D <depth>" line per paragraph, in order.
depths_from_outline() {
	awk '/^ +p[0-9]+ / { match($0, /^ +/); print "D " (RLENGTH - 2) / 2 }' "$1"
}

# The canonical text from the first heading on, without blank lines (md: label and text
# separated by a space, as Markdown writes them).
body_of_text() { # TEXT md|html
	awk -v form="$2" 'BEGIN { FS = "\t" } /^\t/ { on = 1 } on && $0 != "" {
		if (form == "md" && $0 !~ /^\t/ && index($0, "\t") > 0) sub(/\t/, " ")
		print }' "$1"
}

html_rebuild() { # HTML DEPTHS_OUT
	awk -v depths="$2" '
	function bad(why) { print "BAD: " why ": " $0; failed = 1 }
	# The text of an element: footnote references back to [footnoteRef:N]; no raw < > &.
	function text(s,    t) {
		while (match(s, /<sup class="ref"><a href="#fn-[^"]*" id="ref-[^"]*">[^<]*<\/a><\/sup>/)) {
			t = substr(s, RSTART, RLENGTH)
			sub(/^.*">/, "", t)
			sub(/<.*$/, "", t)
			s = substr(s, 1, RSTART - 1) "[footnoteRef:" t "]" substr(s, RSTART + RLENGTH)
		}
		if (s ~ /[<>]/) bad("raw < or > in text")
		t = s
		gsub(/&(amp|lt|gt|quot|#39);/, "", t)
		if (t ~ /&/) bad("raw & in text")
		gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&#39;/, "\047", s)
		gsub(/&amp;/, "\\&", s)
		return s
	}
	function inner(s, head, tail) { sub(head, "", s); sub(tail, "", s); return s }
	/^<p class="meta (symbol|source|note)">/ { print "H " text(inner($0, "^<p class=\"meta [a-z]*\">", "</p>$")); next }
	/^<h1>/ { print "H " text(inner($0, "^<h1>", "</h1>$")); next }
	/^<p class="body">/ { print "H " text(inner($0, "^<p class=\"body\">", "</p>$")); next }
	/^<p class="heading">/ { print "\t" text(inner($0, "^<p class=\"heading\">", "</p>$")); next }
	/^<div class="children">$/ { depth++; next }
	/^<\/div>$/ { depth--; next }
	/^<div class="para" id="p[0-9]+">/ {
		s = $0
		sub(/^<div class="para" id="p[0-9]+">/, "", s)
		if (s !~ /<\/div>$/) bad("a paragraph on more than one line")
		sub(/<\/div>$/, "", s)
		label = ""
		if (s ~ /^<span class="label">/) {
			label = s
			sub(/^<span class="label">/, "", label)
			sub(/<\/span>.*$/, "", label)
			sub(/^<span class="label">[^<]*<\/span>/, "", s)
			label = text(label)
		}
		s = text(s)
		print label (label != "" && s != "" ? "\t" : "") s
		print "D " depth + 0 > depths
		next
	}
	/^<p id="fn-/ {
		s = $0
		sub(/^<p id="fn-[^"]*"><span class="number">/, "", s)
		number = s
		sub(/<\/span>.*$/, "", number)
		sub(/^[^<]*<\/span>/, "", s)
		prefix = "[" text(number) ": "
		in_note = 1
	}
	in_note {
		if (prefix == "") s = $0
		if (s ~ /<\/p>$/) { sub(/<\/p>$/, "", s); print prefix text(s) "]"; in_note = 0 }
		else if (s ~ /<br>$/) { sub(/<br>$/, "", s); print prefix text(s) }
		else bad("a footnote line without <br> or </p>")
		prefix = ""
		next
	}
	END { if (depth != 0) print "BAD: unbalanced children divs" }' "$1"
}

md_rebuild() { # MD DEPTHS_OUT
	awk -v depths="$2" '
	function bad(why) { print "BAD: " why ": " $0; failed = 1 }
	# Markdown back to text: [^N] -> [footnoteRef:N]; \x -> x; a special character unescaped is an error.
	function text(s, at_start,    out, i, c, rest) {
		if (at_start && (s ~ /^[#+=-]/ || s ~ /^[0-9]+[.)]/)) bad("a block starts with an unescaped marker")
		out = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			rest = substr(s, i)
			if (c == "\\") { out = out substr(s, i + 1, 1); i++; continue }
			if (match(rest, /^\[\^[0-9]+\]/)) {
				out = out "[footnoteRef:" substr(rest, 3, RLENGTH - 3) "]"
				i += RLENGTH - 1
				continue
			}
			if (index("`*_[]<>&|", c) > 0) bad("unescaped " c)
			out = out c
		}
		return out
	}
	$0 == "" { next }
	$0 == "---" { notes = 1; next }
	notes {
		s = $0
		if (s ~ /^\[\^[0-9]+\]: /) { n = s; sub(/\]: .*$/, "", n); sub(/^\[\^/, "", n); sub(/^\[\^[0-9]+\]: /, "", s); prefix = "[" n ": " }
		else if (s ~ /^    /) { sub(/^    /, "", s); prefix = "" }
		else bad("a footnote line")
		if (s ~ /\\$/) { sub(/\\$/, "", s); print prefix text(s, 0) }
		else print prefix text(s, 0) "]"
		next
	}
	/^# / && !body { s = $0; sub(/^# /, "", s); print "H " text(s, 0); next }
	/^\*.*\*$/ { body = 1; s = substr($0, 2, length($0) - 2); print "\t" text(s, 0); next }
	!body { print "H " text($0, 1); next }
	{
		s = $0
		depth = 0
		if (match(s, /^ *- /)) { depth = (RLENGTH - 2) / 2 + 1; s = substr(s, RLENGTH + 1) }
		print text(s, 1)
		print "D " depth + 0 > depths
	}' "$1"
}

# check_rendering SOURCE NAME: md and html of SOURCE rebuild to its canonical text, header and nesting.
check_rendering() {
	cr_src=$1
	cr_name=$2
	run parse --width 0 "$cr_src"
	expect_status 0
	cp "$out" "$TMP/$cr_name.outline"
	depths_from_outline "$TMP/$cr_name.outline" >"$TMP/$cr_name.depths"
	run parse --format text "$cr_src"
	expect_status 0
	cp "$out" "$TMP/$cr_name.canonical"
	for form in md html; do
		run parse --format "$form" "$cr_src"
		expect_status 0
		cp "$out" "$TMP/$cr_name.$form"
		{ header_from_outline "$TMP/$cr_name.outline" "$form"; body_of_text "$TMP/$cr_name.canonical" "$form"; } >"$TMP/$cr_name.$form.want"
		"${form}_rebuild" "$TMP/$cr_name.$form" "$TMP/$cr_name.$form.depths" >"$TMP/$cr_name.$form.got"
		expect_same "$TMP/$cr_name.$form.want" "$TMP/$cr_name.$form.got" "$cr_name: --format $form has every line of the text, in order, escaped"
		expect_same "$TMP/$cr_name.depths" "$TMP/$cr_name.$form.depths" "$cr_name: --format $form nests the paragraphs as the outline does"
	done
	check 'head -c 16 "$TMP/$cr_name.html" | grep -q "^<!DOCTYPE html>"' "$cr_name: a standalone HTML page"
	check '[ "$(tail -n 1 "$TMP/$cr_name.html")" = "</html>" ]' "$cr_name: the page is complete"
	check '! grep -Eq "(src|href)=\"(https?:)?//" "$TMP/$cr_name.html"' "$cr_name: no external resources"
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

	check_rendering "$seed" "$name"
done

# --- texts of another shape: a UN General Assembly resolution, the same in generic layout, -----
# --- IGF messages in Markdown: goldens (reviewed by hand), round trips, rebuilt md/html --------
parse_data=$TESTDATA/parse
expected=$parse_data/expected
ga=$parse_data/un-ga-resolution.txt
ga_generic=$parse_data/un-ga-generic.txt
igf=$parse_data/igf-messages.md
# The page names accord's version: the goldens say VERSION.
version_free() {
	sed 's/<meta name="generator" content="accord [^"]*">/<meta name="generator" content="accord VERSION">/' "$out" >"$TMP/page"
	cp "$TMP/page" "$out"
}
golden() { # golden SOURCE NAME FORMAT [OPTIONS...]
	g_source=$1
	g_name=$2
	g_format=$3
	shift 3
	if [ "$g_format" = outline ]; then run parse "$@" "$g_source"; else run parse --format "$g_format" "$@" "$g_source"; fi
	expect_status 0
	if [ "$g_format" = html ]; then version_free; fi
	expect_same "$expected/$g_name.$g_format" "$out" "golden $g_name.$g_format"
}
for format in outline text md html; do
	golden "$ga" un-ga-resolution $format
	golden "$igf" igf-messages $format
done
golden "$ga_generic" un-ga-generic outline
golden "$ga_generic" un-ga-generic text
check_rendering "$ga" un-ga-resolution

# The resolution's canonical text, its YAML and JSON give back the same bytes, from files and
# from standard input; so do the Markdown text's and the generic text's.
for source in "$ga" "$ga_generic" "$igf"; do
	name=$(basename "$source")
	run parse --format text "$source"
	expect_status 0
	cp "$out" "$TMP/$name.text"
	for format in yaml json; do
		run parse --format "$format" --output "$TMP/$name.$format" "$source"
		expect_status 0
		run parse -f text "$TMP/$name.$format"
		expect_ok
		expect_same "$TMP/$name.text" "$out" "$name: $format -> text"
		run_in "$TMP/$name.$format" parse -f text -
		expect_ok
		expect_same "$TMP/$name.text" "$out" "$name: $format on standard input -> text (detected by content)"
	done
done
run_in "$TMP/un-ga-resolution.txt.text" parse -f text -
expect_ok
expect_same "$TMP/un-ga-resolution.txt.text" "$out" "un-ga-resolution: text -> text"
run_in "$TMP/un-ga-generic.txt.text" parse -f text -
expect_ok
expect_same "$TMP/un-ga-generic.txt.text" "$out" "un-ga-generic: text -> text"

# --- --input-format: auto by content (JSON '{', YAML '---' or 'accord: document'), then .md ----
# A YAML or JSON document named .txt is still read as such; Markdown is Markdown only by its name
# or by -i md; -i text reads anything as text.
cp "$TMP/igf-messages.md.json" "$TMP/json-named.txt"
run parse -f text "$TMP/json-named.txt"
expect_ok
expect_same "$TMP/igf-messages.md.text" "$out" "JSON found by its first character"
printf '\n  \n' >"$TMP/json-blank-first.txt"
cat "$TMP/igf-messages.md.json" >>"$TMP/json-blank-first.txt"
run parse -f text "$TMP/json-blank-first.txt"
expect_ok
expect_same "$TMP/igf-messages.md.text" "$out" "JSON found by its first non-blank character"
cp "$TMP/igf-messages.md.yaml" "$TMP/yaml-named.txt"
run parse -f text "$TMP/yaml-named.txt"
expect_ok
expect_same "$TMP/igf-messages.md.text" "$out" "YAML found by its first line accord: document/1"
{ printf -- '---\n'; cat "$TMP/igf-messages.md.yaml"; } >"$TMP/yaml-dashes.txt"
run parse -f text "$TMP/yaml-dashes.txt"
expect_ok
expect_same "$TMP/igf-messages.md.text" "$out" "YAML found by its start ---"
cp "$igf" "$TMP/markdown.txt"
run parse -f text "$TMP/markdown.txt"
expect_ok
expect_out '^- AI governance should be \*\*human-centric\*\*;$'
expect_out '^Setext heading below$'
for option in "-i md" "--input-format md"; do
	# shellcheck disable=SC2086 # the option and its value
	run parse -f text $option "$TMP/markdown.txt"
	expect_ok
	expect_same "$expected/igf-messages.text" "$out" "$option reads a .txt as Markdown"
done
run_in "$igf" parse -i md -f text -
expect_ok
expect_same "$expected/igf-messages.text" "$out" "-i md on standard input"
cp "$igf" "$TMP/igf.markdown"
run parse -f text "$TMP/igf.markdown"
expect_ok
expect_same "$expected/igf-messages.text" "$out" "a .markdown name is Markdown"
run parse -i text "$TMP/igf-messages.md.yaml"
expect_ok
expect_out '^mode +generic: 1 section, 1 paragraph, '
run parse -i auto -f text "$TMP/igf-messages.md.yaml"
expect_ok
expect_same "$TMP/igf-messages.md.text" "$out" "-i auto"
run parse -i json "$TMP/igf-messages.md.yaml"
expect_failure 3 "^accord: $(re_quote "$TMP/igf-messages.md.yaml"):1:[0-9]+: "

# --- Word artefacts: each dropped bookmark is a warning on standard error, never silent ---------
run parse "$ga"
expect_status 0
expect_err_exactly() {
	printf '%s\n' "$@" >"$TMP/expected-err"
	expect_same "$TMP/expected-err" "$err" "stderr"
}
expect_err_exactly "accord: $ga:32:47: warning: dropped Word bookmark [bookmark: _GoBack]"
# the text has lost it; only JSON lists it, as a warning
for format in text yaml json md html; do
	run parse --format "$format" "$ga"
	expect_status 0
	expect_err_exactly "accord: $ga:32:47: warning: dropped Word bookmark [bookmark: _GoBack]"
	if [ "$format" != json ]; then expect_no_out '_GoBack'; fi
done
run parse -f json "$ga"
expect_out '^      "line": 32,$'
expect_out '^      "col": 47,$'
expect_out '^      "message": "dropped Word bookmark \[bookmark: _GoBack\]"$'
run_in "$ga" parse -f text -
expect_err_exactly "accord: -:32:47: warning: dropped Word bookmark [bookmark: _GoBack]"
run parse "$role"
expect_status 0
check '[ "$(wc -l <"$err")" -eq 1 ]' "one warning for the one bookmark of the role-of-government draft"
expect_err_exactly "accord: $role:33:1: warning: dropped Word bookmark [bookmark: _GoBack]"
expect_out '^  33:1  dropped Word bookmark \[bookmark: _GoBack\]$'
for seed in "$base" "$n3" "$SEEDS/contrib-IRN.txt" "$SEEDS/contrib-USA.txt"; do
	run parse "$seed"
	expect_ok
done

# --- --generic: plain paragraphs (blocks between blank lines), no opinion layout -------------
for option in -g --generic; do
	run parse "$option" "$base"
	expect_ok
	expect_out '^mode +generic: 1 section, 1 paragraph, 0 footnotes, 0 warnings$'
	run parse "$option" --format text "$ga"
	expect_status 0
	# the resolution's blocks come back as they are written, less the bookmark
	sed 's/\[bookmark: _GoBack\]//' "$ga" >"$TMP/ga-without-bookmark.txt"
	expect_same "$TMP/ga-without-bookmark.txt" "$out" "$option: the blocks of the resolution"
done
run parse --generic "$ga"
expect_out '^mode +generic: 1 section, 8 paragraphs, 1 footnote, 1 warning$'
run parse --generic --format text "$base"
expect_ok
cp "$out" "$TMP/generic.txt"
run parse --generic --format text "$TMP/generic.txt"
expect_ok
expect_same "$TMP/generic.txt" "$out" "generic text -> text"

# --- --width: outline paragraph lines fit COLUMNS characters, cut with "..."; 0 never cuts -----
for option in -w --width; do
	run parse "$option" 40 "$role"
	expect_status 0
	# characters, not bytes: UTF-8 continuation bytes are not counted
	check '[ "$(grep -E "^ +p[0-9]+ " "$out" | tr -d "\200-\277" | awk "length > 40" | wc -l)" -eq 0 ]' \
		"$option 40: every paragraph line fits 40 characters"
	check '[ "$(grep -E "^ +p[0-9]+ " "$out" | tr -d "\200-\277" | awk "length == 40 || length == 39" | wc -l)" -ge 30 ]' \
		"$option 40: long paragraph lines are cut at the width"
	expect_out '^  p1   that the mandate and role of t\.\.\.$'
	expect_out '^title +DRAFT OPINION ON THE ROLE OF GOVERNMENT IN THE MULTISTAKEHOLDER FRAMEWORK FOR INTERNET GOVERNANCE$'
done
run parse "$role"
check '[ "$(grep -E "^ +p[0-9]+ " "$out" | tr -d "\200-\277" | awk "length > 80" | wc -l)" -eq 0 ]' "default: 80 columns"
run parse --width 0 "$role"
expect_status 0
check '! grep -q "\.\.\.$" "$out"' "--width 0 cuts nothing"
expect_out '^  p11  that various organizations provide valuable contributions  on numerous issues relating to Internet Governance;$'
run parse --width 100000 "$role"
expect_status 0
run parse --width 100001 "$role"
expect_failure 2 "^accord: parse: bad width '100001'$"

# --- -o/--output: atomic, a failure leaves the old file as it was --------------------------------
mkdir "$TMP/o"
printf 'old\n' >"$TMP/o/out.txt"
run parse --format text -o "$TMP/o/out.txt" "$base"
expect_ok
check '[ ! -s "$out" ]' "-o: nothing on standard output"
expect_same "$TMP/base-wtpf-ieg-2-10-opinion-1.txt" "$TMP/o/out.txt" "-o writes the canonical text"
check '[ "$(ls -A "$TMP/o")" = out.txt ]' "-o leaves only the output file"
run parse --format html --output "$TMP/o/out.txt" "$ga"
expect_status 0
check 'grep -q "^<!DOCTYPE html>$" "$TMP/o/out.txt"' "--output replaces the file"
cp "$TMP/o/out.txt" "$TMP/o-before"
: >"$TMP/empty.txt"
run parse --format text -o "$TMP/o/out.txt" "$TMP/empty.txt"
expect_failure 3 "^accord: $(re_quote "$TMP/empty.txt"): "
expect_same "$TMP/o-before" "$TMP/o/out.txt" "a failed parse leaves the -o file as it was"
check '[ "$(ls -A "$TMP/o")" = out.txt ]' "a failed parse leaves no temporary file"

finish
