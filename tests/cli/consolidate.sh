# consolidate.sh: accord consolidate and accord compile: usage errors, the accept-one-party
# round trip on every seed text (byte for byte equal to `accord parse FILE --format text`),
# every format under every rule pack's convention (a golden text each, and the convention's
# templates and attribution in the other formats), anonymous conventions, a session's
# compilation.
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
expect_failure 3 "^accord: no workflow 'nosuchbody'"
run consolidate "$BASE" IRN="$IRN" --accept XYZ
expect_failure 2 'no such party'
run consolidate "$BASE" IRN="$TMP/missing.txt"
expect_failure 5 "^accord: $(re_quote "$TMP")/missing\.txt: cannot open"
# A rule pack whose bracket function fails: 4; whose convention does not check (an anonymous one
# that names the parties): an invalid pack, 3.
printf 'return { name = "bad", brackets = { style = "bad", insertion = function() error("no brackets today") end } }\n' \
	> "$TMP/bad.lua"
run consolidate "$BASE" IRN="$IRN" --workflow "$TMP/bad.lua"
expect_failure 4 "^accord: .*bad\.lua:1: no brackets today$"
run consolidate "$BASE" IRN="$IRN" --workflow "$TESTDATA/consolidate/anonymous-named-pack.lua"
expect_failure 3 "^accord: bracket convention: 'move_paragraph' names the parties \(%p\), but the convention is anonymous$"

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

# expect_has TEXT / expect_hasnt TEXT: stdout has (has no) a line holding TEXT as it is.
expect_has() {
	if grep -qF -- "$1" "$out"; then pass; else fail "stdout has no line with: $1"; fi
}
expect_hasnt() {
	if grep -qF -- "$1" "$out"; then fail "stdout has a line with: $1"; else pass; fi
}

# Every format under every rule pack's convention, run in the seeds' folder so that the outputs
# name the files as the goldens do. Text: the golden file, byte for byte (read and checked by a
# person: scripts/update-goldens). The other formats: the same proposals through the convention's
# template and attribution: the replacement in recognizing a), the alternatives of the notes, the
# move of recognizing d) (into the USA's new c bis), after its e)), who proposes.
WORKFLOWS=$(cd "$SEEDS/../../workflows" && pwd) || exit 99
GOLDEN=$(cd "$TESTDATA/consolidate" && pwd) || exit 99
cd "$SEEDS" || exit 99
for w in wtpf cwg_internet igf un_ga; do
	case $w in
	wtpf)
		style=itu anonymous=0
		md_p1='that, per \[article\] \[MOD USA/3 (USA): **paragrapharticle**\] 37'
		md_alt='Option 1: \[MOD IRN/1 (IRN): **Comments of I.R. of Iran for**\] Option 2: \[MOD USA/1 (USA): **Note: The United States'
		md_move='\[Move MOD USA/12 (USA): *after e) under c bis)*\]'
		html_alt='<span class="mk">Option </span><span class="mk">1</span><span class="mk">: [</span><span class="mk">MOD</span><span class="mk"> </span><span class="id">IRN/1</span><span class="mk"> (</span><span class="pc c0">IRN</span>' ;;
	un_ga)
		style=un anonymous=0
		md_p1='that, per \[article\] \[USA/3 (USA): **paragrapharticle**\] 37'
		md_alt='Alt 1: \[IRN/1 (IRN): **Comments of I.R. of Iran for**\] Alt 2: \[USA/1 (USA): **Note: The United States'
		md_move='\[Move USA/12 (USA): *after e) under c bis)*\]'
		html_alt='<span class="mk">Alt </span><span class="mk">1</span><span class="mk">: [</span><span class="id">IRN/1</span><span class="mk"> (</span><span class="pc c0">IRN</span>' ;;
	cwg_internet)
		style=anonymous anonymous=1
		md_p1='that, per \[article\] \[\#4: **paragrapharticle**\] 37'
		md_alt='Alt 1: \[\#1: **Comments of I.R. of Iran for**\] Alt 2: \[\#2: **Note: The United States'
		md_move='\[Move \#15: *after e) under c bis)*\]'
		html_alt='<span class="mk">Alt </span><span class="mk">1</span><span class="mk">: [</span><span class="id">#1</span><span class="mk">: </span><ins class="c0">Comments' ;;
	igf)
		style=none anonymous=1
		md_p1='that, per {article} {\#4: **paragrapharticle**} 37'
		md_alt='{View 1 (\#1): **Comments of I.R. of Iran for**} {View 2 (\#2): **Note: The United States'
		md_move='{Move \#15: *after e) under c bis)*}'
		html_alt='<span class="mk">{View </span><span class="mk">1</span><span class="mk"> (</span><span class="id">#1</span><span class="mk">): </span><ins class="c0">Comments' ;;
	esac
	pack=$WORKFLOWS/$w.lua
	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt
	expect_ok
	expect_same "$GOLDEN/convention-$w.txt" "$out" "$w: the compilation text"

	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format md
	expect_ok
	# the page's title is the base's (it has none), not the title both parties propose
	expect_out '^# Compilation — base-wtpf-ieg-2-10-opinion-1\.txt$'
	expect_has "$md_p1"
	expect_has "$md_alt"
	expect_has "$md_move"

	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format html
	expect_ok
	expect_out '^<!DOCTYPE html>$'
	expect_out '^</html>$'
	expect_has "$html_alt"

	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format json
	expect_ok
	expect_out '^  "accord": "compilation/1",$'
	expect_out "^  \"convention\": \"$style\",\$"
	expect_out '^              "to": "after e\) under c bis\)",$'

	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format yaml
	expect_ok
	expect_out '^accord: compilation/1$'
	expect_out "^convention: $style\$"
	expect_out '^      to: after e\) under c bis\)$'

	if [ $anonymous = 0 ]; then
		run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format md
		expect_out '^Parties: \*\*IRN\*\*; \*\*USA\*\*$'
		run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format html
		expect_has 'that, per <span class="prop c1" title="Replacement by USA — USA/3"><span class="mk">[</span><span class="base">article</span><span class="mk">] [</span>'
		expect_has '<span class="id">USA/3</span><span class="mk"> (</span><span class="pc c1">USA</span><span class="mk">): </span><ins class="c1">paragrapharticle</ins><span class="mk">]</span></span> 37'
		expect_out '^<li class="c1" title="contrib-USA.txt"><span class="sw"></span><b>USA</b> <span class="n">\(22\)</span></li>$'
		run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format json
		expect_out '^      "code": "USA",$'
		expect_no_out '"anonymous"'
		run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format yaml
		expect_out '^- code: USA$'
		continue
	fi
	# An anonymous convention names no party anywhere: not in the first line, the legend, the
	# hover titles, the ids of new paragraphs or the JSON and YAML; not by their roster names.
	for f in text md html json yaml; do
		run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt \
			--roster roster.yaml --format $f
		expect_ok
		expect_no_out 'IRN|USA|Islamic Republic|United States of America'
	done
	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format md
	expect_out '^Proposals of 2 parties, not named$'
	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format html
	expect_no_out 'class="legend"|title="[^"]* by |class="prop c1'
	expect_has '<div class="p d0 new b0" id="new-1"><span class="lb">c bis)</span>'
	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format json
	expect_out '^  "anonymous": true,$'
	expect_out '^  "parties": \[\],$'
	run consolidate --workflow "$pack" base-wtpf-ieg-2-10-opinion-1.txt IRN=contrib-IRN.txt USA=contrib-USA.txt --format yaml
	expect_out '^anonymous: true$'
	expect_out '^parties: \[\]$'
done
cd - >/dev/null || exit 99
run consolidate "$BASE" IRN="$IRN" USA="$USA"
expect_out '^\[IRN, USA: OPINION \(1\) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE\]$'
expect_out '^	invites \[USA: Member States\]$'
expect_out '^d bis\)	\[Label \(IRN\): \)\] \[IRN: The close collaboration'
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
expect_out '^	invites \[MOD USA/20 \(USA\): Member States\]$'
for party in IRN USA; do
	run compile "$TMP/s.accord" --accept $party
	expect_status 0
	cp "$out" "$TMP/accepted.txt"
	run parse "$SEEDS/contrib-$party.txt" --format text
	expect_same "$TMP/accepted.txt" "$out" "compile --accept $party is its contribution's text"
done
run compile "$TMP/missing.accord"
expect_failure 5 "^accord: $(re_quote "$TMP")/missing\.accord: cannot open the session"

# A CWG-Internet session's compilation is anonymous too.
run init "$TMP/cwg.accord" --workflow "$SEEDS/../../workflows/cwg_internet.lua" --base "$BASE" --roster "$SEEDS/roster.yaml"
expect_status 0
run submit "$TMP/cwg.accord" --as IRN "$IRN"
expect_status 0
run submit "$TMP/cwg.accord" --as USA "$USA"
expect_status 0
run compile "$TMP/cwg.accord"
expect_ok
expect_out '^Compilation of proposals on Rev\.0 \(2 parties\)$'
expect_out '^d\)	\[that article 35 of the Tunis Agenda\] \(#14: delete\) defines the stakeholders .* \[Move #15: after e\) under c bis\)\]$'
for f in text html json; do
	run compile "$TMP/cwg.accord" --format $f
	expect_ok
	expect_no_out 'IRN|USA|Islamic Republic|United States of America'
done

# The compilation a chair projects (issue 11). consolidate --roster refuses a party outside it.
run consolidate --roster "$SEEDS/roster.yaml" "$BASE" IRN="$IRN" XYZ="$USA"
expect_failure 3 "roster\.yaml: party XYZ is not in the roster of ITU World Telecommunication/ICT Policy Forum 2013$"
# A party's colour is its code's, whoever else takes part and in whatever order.
run consolidate "$BASE" IRN="$IRN" USA="$USA" --format json
expect_out '^      "color": "#c25400",$'
run consolidate "$BASE" USA="$USA" --format json
expect_out '^      "color": "#c25400",$'
run consolidate "$BASE" USA="$USA" IRN="$IRN" --format html
expect_out '^\.c0\{color:#c25400\}'
# A session's compilation: each proposal with its id, its state when decided ad referendum, no blank
# inside a new paragraph's brackets, the roster's names in the legend, the revision in the title.
printf 'recognizing\na)\tfirst text here;\nb)\tsecond text here;\n' >"$TMP/small.txt"
# (a UN roster: init refuses the WTPF one, whose Sector Members are no role of un_ga's)
run init "$TMP/adref.accord" --workflow un_ga --base "$TMP/small.txt" --roster "$TESTDATA/workflows/un-roster.yaml"
expect_status 0
run stage "$TMP/adref.accord" first_reading
run propose "$TMP/adref.accord" --as USA --paragraph p1 --insert "also" --after-text "first"
expect_out '^USA/1$'
run propose "$TMP/adref.accord" --as IRN --add-paragraph "  a new text with blanks  " --after p2
expect_out '^IRN/1$'
run stage "$TMP/adref.accord" second_reading
run position "$TMP/adref.accord" --as BRA USA/1 support
run position "$TMP/adref.accord" --as IND USA/1 reserve
run decide "$TMP/adref.accord" --amendment USA/1
expect_status 0
run compile "$TMP/adref.accord" --color never
expect_ok
expect_out '^a\)	first \[USA/1 \(USA; agreed ad ref\): also\] text here;$'
expect_out '^b bis\)	\[Label IRN/1 \(IRN\): \] \[IRN/1 \(IRN\): a new text with blanks\]$'
run compile "$TMP/adref.accord" --format html
expect_ok
expect_out '^<title>Compilation — Rev\.0</title>$'
expect_has '<b>USA</b> <span class="n">United States of America</span>'
run compile "$TMP/adref.accord" --format json
expect_out '"state": "agreed_ad_ref"'

finish
