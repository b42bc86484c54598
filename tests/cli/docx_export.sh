# docx_export.sh: Word (.docx) files written by accord (issue 14, export): `parse`, `consolidate`,
# `compile`, `text` and `apply` with --format docx. Round trips through accord's own reader, the
# packages checked as zips of well-formed XML by python3 (zipfile and xml.dom.minidom), a binary
# refused on a terminal, and, when they are installed, pandoc and LibreOffice reading them.
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS
HAVE_PY=0
command -v python3 >/dev/null 2>&1 && HAVE_PY=1

# Checks that $1 is a .docx: a zip whose parts are well-formed XML, with the parts a package needs;
# further arguments are parts it must have too.
well_formed() {
	if [ "$HAVE_PY" = 0 ]; then
		pass
		return
	fi
	if python3 - "$@" <<'EOF'
import sys, zipfile, xml.dom.minidom
path, extra = sys.argv[1], sys.argv[2:]
with zipfile.ZipFile(path) as z:
    names = z.namelist()
    assert z.testzip() is None, "a damaged entry"
    for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"] + extra:
        assert part in names, "no " + part
    for name in names:
        xml.dom.minidom.parseString(z.read(name))
    types = z.read("[Content_Types].xml").decode()
    assert "wordprocessingml.document.main+xml" in types
EOF
	then pass; else fail "$1 is not a well-formed .docx"; fi
}

# ---- documents: parse --format docx, read back, the same canonical text ------------------------
# The seeds and every text of the test data that reads, in both modes.
n=0
for f in "$SEEDS"/*.txt $(find "$TESTDATA" -name '*.txt' -o -name '*.md' | sort); do
	for mode in opinion generic; do
		g=""
		[ "$mode" = generic ] && g=-g
		"$ACCORD" parse $g "$f" --format text >"$TMP/want.txt" 2>/dev/null || continue
		run parse $g "$f" --format docx -o "$TMP/rt.docx"
		expect_status 0
		run parse $g "$TMP/rt.docx" --format text
		expect_status 0
		expect_same "$TMP/want.txt" "$out" "$f ($mode): the exported .docx reads back as the same text"
		n=$((n + 1))
	done
done
check '[ "$n" -ge 40 ]' "at least 40 texts round-tripped ($n)"

# The seed with footnotes: real Word footnotes, well-formed, in the Word styles.
FN=$SEEDS/draft-role-of-government.txt
run parse "$FN" --format docx -o "$TMP/fn.docx"
expect_status 0
well_formed "$TMP/fn.docx" word/footnotes.xml word/_rels/document.xml.rels
if [ "$HAVE_PY" = 1 ]; then
	python3 - "$TMP/fn.docx" >"$TMP/parts.txt" <<'EOF'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
doc = z.read("word/document.xml").decode()
print("refs", doc.count("<w:footnoteReference "))
print("phrases", doc.count('<w:pStyle w:val="Heading2"/>'))
print("hanging", doc.count('w:hanging="567"'))
print("dates", len({i.date_time for i in z.infolist()}))
EOF
	check 'grep -q "^refs 2$" "$TMP/parts.txt"' "two footnote references"
	check 'grep -q "^phrases 8$" "$TMP/parts.txt"' "the eight phrases in the italic heading style"
	check '! grep -q "^hanging 0$" "$TMP/parts.txt"' "labels hang"
	check 'grep -q "^dates 1$" "$TMP/parts.txt"' "one fixed date on every entry"
fi
run parse "$TMP/fn.docx" --format yaml
sed '/^origin:/d' "$out" >"$TMP/from-docx.yaml"
run parse "$FN" --format yaml
sed '/^origin:/d' "$out" >"$TMP/from-text.yaml"
expect_same "$TMP/from-docx.yaml" "$TMP/from-text.yaml" "the same model, footnotes included"
# the same document gives the same bytes
run parse "$FN" --format docx -o "$TMP/fn2.docx"
expect_same "$TMP/fn.docx" "$TMP/fn2.docx" "the same document, the same .docx"
# a document from YAML, and through standard output when that is not a terminal
run parse "$TMP/from-text.yaml" --format docx
expect_status 0
check 'head -c 4 "$out" | grep -q "^PK"' "a zip on standard output (a pipe)"
cp "$out" "$TMP/stdout.docx"
run parse "$TMP/stdout.docx" --format text
cp "$out" "$TMP/stdout.txt"
run parse "$FN" --format text
expect_same "$TMP/stdout.txt" "$out" "YAML in, .docx out, the same text"
# -o - is standard output too
run parse "$FN" --format docx -o -
check 'cmp -s "$out" "$TMP/fn.docx"' "-o - writes the same bytes to standard output"

# -i docx: a Word file, and only that
run parse -i docx "$TMP/fn.docx" --format text
expect_status 0
run parse -i docx "$FN"
expect_failure 3 'not a Word \.docx file'

# ---- a binary is not written to a terminal --------------------------------------------------------
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	for cmd in "parse $FN" "consolidate $BASE IRN=$SEEDS/contrib-IRN.txt"; do
		script -qec "$ACCORD $cmd --format docx" /dev/null >"$TMP/tty.txt" 2>&1 </dev/null
		st=$?
		current="$cmd --format docx (on a terminal)"
		check '[ "$st" -eq 2 ]' "exit 2 for a .docx on a terminal (got $st)"
		check 'grep -q "not writing a Word file (.docx) to a terminal: give -o FILE.docx" "$TMP/tty.txt"' \
			"the message says why and what to do"
		check '! grep -q "PK" "$TMP/tty.txt"' "nothing of the zip on the terminal"
	done
	script -qec "$ACCORD parse $FN --format docx -o $TMP/tty.docx" /dev/null >"$TMP/tty.txt" 2>&1 </dev/null
	st=$?
	check '[ "$st" -eq 0 ] && cmp -s "$TMP/tty.docx" "$TMP/fn.docx"' "-o writes the file from a terminal"
else
	echo "docx_export.sh: no 'script' to make a terminal: the terminal check skipped"
fi

# Counts in $1's word/document.xml, into $TMP/parts.txt: underlines, phrase headings, authors.
count_marks() {
	python3 - "$1" >"$TMP/parts.txt" <<'EOF2'
import sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
print("underlined", doc.count('<w:u w:val="single"/>'))
print("phrases", doc.count('<w:pStyle w:val="Heading2"/>'))
print("author", doc.count("w:author"))
EOF2
}

# ---- compilations: consolidate and compile --format docx --------------------------------------------
# Each delegation's proposals as tracked changes under its name (the roster's).
ROSTER=$SEEDS/roster.yaml
run consolidate --workflow wtpf "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --roster "$ROSTER" \
	--format docx -o "$TMP/comp.docx"
expect_ok
well_formed "$TMP/comp.docx" word/comments.xml
if command -v xmllint >/dev/null 2>&1 && [ "$HAVE_PY" = 1 ]; then
	python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' \
		"$TMP/comp.docx" "$TMP/comp-document.xml"
	if xmllint --noout "$TMP/comp-document.xml" 2>"$TMP/xmllint.err"; then pass; else
		fail "xmllint: $(head -n 1 "$TMP/xmllint.err")"; fi
else
	echo "docx_export.sh: xmllint (or python3) not installed: the xmllint check skipped"
fi
run parse "$TMP/comp.docx" --changes
expect_out '^insert	United States of America		[0-9]*	paragrapharticle$'
expect_out '^delete	United States of America		[0-9]*	article$'
expect_out '^insert	Islamic Republic of Iran		'
# the title both propose: inserted once, under both names (co-sponsors)
expect_out '^insert	Islamic Republic of Iran, United States of America		[0-9]*	OPINION \(1\) ON SUPPORTING'
expect_no_out '	(IRN|USA)	'
# who proposes what, by amendment id, as Word comments on the paragraphs
expect_out '^comment	accord		[0-9]*	MOD USA/3 \(USA\) \| quoted: a\)'
expect_out '^comment	accord		[0-9]*	MOD IRN/2, USA/2 \(IRN, USA\)|^comment	accord		[0-9]*	.*Move USA/12 \(USA\): after e\)'
expect_out '^comment	accord		[0-9]*	ADD USA/5 \(USA\)'
# rejected, the changes give the base back
run parse "$TMP/comp.docx" --original --format text
cp "$out" "$TMP/comp-original.txt"
run parse "$BASE" --format text
expect_same "$TMP/comp-original.txt" "$out" "the compilation's .docx, its changes rejected, is the base"
# Round trip: read back with the roster, the authors are the parties again, and the compilation of the
# .docx is the compilation of the texts: the same amendments per party.
run consolidate --workflow wtpf "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --roster "$ROSTER" \
	--color never
cp "$out" "$TMP/comp-want.txt"
run consolidate --workflow wtpf "$BASE" CHAIR="$TMP/comp.docx" --roster "$ROSTER" --color never
expect_ok
expect_same "$TMP/comp-want.txt" "$out" "the compilation of the exported .docx is the compilation of the texts"
for p in IRN USA; do
	run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --accept $p --format json
	sed '/"origin"\|"source"/d' "$out" >"$TMP/want-$p.json"
	run consolidate "$BASE" CHAIR="$TMP/comp.docx" --roster "$ROSTER" --accept $p --format json
	sed '/"origin"\|"source"/d' "$out" >"$TMP/got-$p.json"
	expect_same "$TMP/want-$p.json" "$TMP/got-$p.json" "$p's text read back from the exported .docx"
done
# ... and submitted to a session by the secretariat's clerk (GBR here), the file is split by author:
# each delegation's amendments, as if each had submitted its own text, in one submission event each.
for how in texts docx; do
	run init "$TMP/rt-$how.accord" --workflow wtpf --base "$BASE" --roster "$ROSTER"
	expect_status 0
done
run submit "$TMP/rt-texts.accord" --as IRN "$SEEDS/contrib-IRN.txt"
run submit "$TMP/rt-texts.accord" --as USA "$SEEDS/contrib-USA.txt"
run submit "$TMP/rt-docx.accord" --as GBR "$TMP/comp.docx"
expect_ok
expect_out '^IRN: 12 amendments from '
expect_out '^USA: 22 amendments from '
expect_no_out '^GBR'
run compile "$TMP/rt-texts.accord" --color never
cp "$out" "$TMP/rt-texts.txt"
run compile "$TMP/rt-docx.accord" --color never
expect_same "$TMP/rt-texts.txt" "$out" "the exported .docx submitted gives each party's amendments back"
# without a roster the authors are the codes
run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --format docx -o "$TMP/codes.docx"
expect_ok
run parse "$TMP/codes.docx" --changes
expect_out '^insert	USA		'
expect_out '^insert	IRN, USA		'
# the same compilation, the same bytes
run consolidate --workflow wtpf "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --roster "$ROSTER" \
	--format docx -o "$TMP/comp2.docx"
expect_same "$TMP/comp.docx" "$TMP/comp2.docx" "the same compilation, the same .docx"
if [ "$HAVE_PY" = 1 ]; then
	count_marks "$TMP/comp.docx"
	check 'grep -q "^underlined 0$" "$TMP/parts.txt"' "tracked changes, not underlines"
	check 'grep -q "^phrases 4$" "$TMP/parts.txt"' "the four phrases in the italic heading style"
fi
# Under an anonymous convention (CWG-Internet) an author would name the proposer: the compilation's
# text instead, proposals underlined or struck in their colours, no tracked change.
run consolidate --workflow cwg_internet "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" \
	--format docx -o "$TMP/anon.docx"
expect_ok
well_formed "$TMP/anon.docx"
run parse "$TMP/anon.docx" --changes
expect_no_out '^(insert|delete)	'
run parse "$TMP/anon.docx" --format text
cp "$out" "$TMP/anon-read.txt"
run consolidate --workflow cwg_internet "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --color never
grep -v '^$' "$out" | sed 's/^	*//; s/[ 	]*$//' >"$TMP/anon-text.txt"
grep -v '^$' "$TMP/anon-read.txt" | sed 's/^	*//; s/[ 	]*$//' >"$TMP/anon-read2.txt"
expect_same "$TMP/anon-text.txt" "$TMP/anon-read2.txt" "an anonymous compilation's .docx reads as its text"
check '! grep -q "IRN\|USA" "$TMP/anon-read.txt"' "and names no party"
if [ "$HAVE_PY" = 1 ]; then
	count_marks "$TMP/anon.docx"
	check '! grep -q "^underlined 0$" "$TMP/parts.txt"' "proposed text underlined"
	check 'grep -q "^author 0$" "$TMP/parts.txt"' "no author anywhere"
fi
# --accept: the accepted text as a document, which reads back as the text
run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --accept USA --format docx \
	-o "$TMP/usa.docx"
expect_ok
run parse "$TMP/usa.docx" --format text
cp "$out" "$TMP/usa-read.txt"
run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --accept USA
expect_same "$TMP/usa-read.txt" "$out" "--accept USA as .docx reads as its text"
# ... as USA's tracked changes on the base: rejected, they give the base back
well_formed "$TMP/usa.docx"
run parse "$TMP/usa.docx" --original --format text
cp "$out" "$TMP/usa-original.txt"
run parse "$BASE" --format text
expect_same "$TMP/usa-original.txt" "$out" "--accept USA as .docx: its changes rejected give the base"
run parse "$TMP/usa.docx" --changes
expect_out '^insert	USA		'
expect_out '^delete	USA		'
expect_no_out '^(insert|delete)	[^U]'
# with a roster, under the party's name
run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --roster "$ROSTER" --accept USA \
	--format docx -o "$TMP/usa-named.docx"
expect_ok
run parse "$TMP/usa-named.docx" --changes
expect_out '^insert	United States of America		'
expect_no_out '^(insert|delete)	USA	'
# the amendments read from the tracked changes are those of USA's text
run diff "$BASE" "$TMP/usa.docx" --as USA --format json
sed '/"origin"\|"source"\|"contribution"\|"file"\|"line"/d' "$out" >"$TMP/usa-docx.json"
run consolidate "$BASE" USA="$SEEDS/contrib-USA.txt" --accept USA -o "$TMP/usa-accepted.txt"
run diff "$BASE" "$TMP/usa-accepted.txt" --as USA --format json
sed '/"origin"\|"source"\|"contribution"\|"file"\|"line"/d' "$out" >"$TMP/usa-text.json"
expect_same "$TMP/usa-docx.json" "$TMP/usa-text.json" "the tracked changes give USA's amendments"
run consolidate "$BASE" IRN="$SEEDS/contrib-IRN.txt" --format pdf
expect_failure 2 "unknown format 'pdf' \(text, md, html, json, yaml, docx\)"

# a session: compile and text
s=$TMP/s.accord
run init "$s" --workflow wtpf --base "$BASE" --roster "$SEEDS/roster.yaml"
expect_ok
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_status 0
run compile "$s" --format docx -o "$TMP/compile.docx"
expect_ok
well_formed "$TMP/compile.docx"
run parse "$TMP/compile.docx" --changes
expect_out '^insert	United States of America		[0-9]*	paragrapharticle$'
run parse "$TMP/compile.docx" --format text
cp "$out" "$TMP/compile-read.txt"
run consolidate "$BASE" USA="$SEEDS/contrib-USA.txt" --accept USA
expect_same "$TMP/compile-read.txt" "$out" "the session's compilation, its changes accepted, is USA's text"
run text "$s" --format docx -o "$TMP/rev.docx"
expect_ok
well_formed "$TMP/rev.docx"
run parse "$TMP/rev.docx" --format text
cp "$out" "$TMP/rev-read.txt"
run text "$s"
expect_same "$TMP/rev-read.txt" "$out" "accord text --format docx reads as the revision's text"
# apply
run diff "$BASE" "$SEEDS/contrib-IRN.txt" --format json -o "$TMP/irn.json"
run apply "$BASE" "$TMP/irn.json" --format docx -o "$TMP/applied.docx"
expect_ok
run parse "$TMP/applied.docx" --format text
cp "$out" "$TMP/applied-read.txt"
run apply "$BASE" "$TMP/irn.json"
expect_same "$TMP/applied-read.txt" "$out" "apply --format docx reads as the applied text"

# ---- other readers, when they are installed --------------------------------------------------------
if command -v pandoc >/dev/null 2>&1; then
	for f in fn comp anon; do
		if pandoc -f docx -t plain "$TMP/$f.docx" >"$TMP/pandoc.txt" 2>"$TMP/pandoc.err"; then pass; else
			fail "pandoc cannot read $f.docx: $(head -n 1 "$TMP/pandoc.err")"; fi
	done
	check 'grep -q "recognizing" "$TMP/pandoc.txt"' "pandoc reads the compilation's phrases"
	pandoc -f docx -t markdown --track-changes=all "$TMP/comp.docx" >"$TMP/pandoc-comp.md" 2>/dev/null
	grep -o 'author="[^"]*"' "$TMP/pandoc-comp.md" | LC_ALL=C sort -u >"$TMP/pandoc-authors.txt"
	printf '%s\n' 'author="Islamic Republic of Iran"' 'author="Islamic Republic of Iran, United States of America"' \
		'author="United States of America"' 'author="accord"' >"$TMP/want-authors.txt"
	expect_same "$TMP/want-authors.txt" "$TMP/pandoc-authors.txt" "pandoc reads the compilation's changes by party"
	check 'grep -q "\[paragrapharticle\]{.insertion" "$TMP/pandoc-comp.md"' "pandoc reads USA's insertion"
	check 'grep -q "comment-start" "$TMP/pandoc-comp.md" && grep -q "MOD USA/3 (USA)" "$TMP/pandoc-comp.md"' \
		"pandoc reads the attributions as comments"
	pandoc -f docx -t plain --track-changes=accept "$TMP/comp.docx" >"$TMP/pandoc-accept.txt" 2>/dev/null
	pandoc -f docx -t plain --track-changes=reject "$TMP/comp.docx" >"$TMP/pandoc-reject.txt" 2>/dev/null
	check 'grep -q "paragrapharticle" "$TMP/pandoc-accept.txt" && ! grep -q "paragrapharticle" "$TMP/pandoc-reject.txt"' \
		"pandoc accepts and rejects them"
	pandoc -f docx -t markdown --track-changes=all "$TMP/usa.docx" >"$TMP/pandoc.md" 2>/dev/null
	check 'grep -q "{.insertion" "$TMP/pandoc.md" && grep -q "{.deletion" "$TMP/pandoc.md"' \
		"pandoc reads the tracked changes"
	check '! grep -o "author=\"[^\"]*\"" "$TMP/pandoc.md" | grep -vq "author=\"USA\""' \
		"pandoc reads them under USA's name only"
else
	echo "docx_export.sh: pandoc not installed: its check skipped"
fi
if command -v soffice >/dev/null 2>&1; then
	if (cd "$TMP" && HOME=$TMP timeout 120 soffice --headless --convert-to pdf --outdir "$TMP" "$TMP/comp.docx" \
		>/dev/null 2>&1) && [ -s "$TMP/comp.pdf" ]; then pass; else fail "LibreOffice cannot convert comp.docx to PDF"; fi
	# saved again by LibreOffice (as a chair who opened it and saved it would), then submitted: the same
	# amendments per party as the texts gave
	mkdir -p "$TMP/lo"
	if (cd "$TMP" && HOME=$TMP timeout 120 soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$TMP/lo" \
		"$TMP/comp.docx" >/dev/null 2>&1) && [ -s "$TMP/lo/comp.docx" ]; then pass; else
		fail "LibreOffice cannot save comp.docx again"; fi
	run init "$TMP/rt-lo.accord" --workflow wtpf --base "$BASE" --roster "$ROSTER"
	run submit "$TMP/rt-lo.accord" --as GBR "$TMP/lo/comp.docx"
	expect_ok
	expect_out '^IRN: 12 amendments from '
	expect_out '^USA: 22 amendments from '
	run compile "$TMP/rt-lo.accord" --color never
	expect_same "$TMP/rt-texts.txt" "$out" "the compilation saved by LibreOffice and submitted gives each party's amendments back"
else
	echo "docx_export.sh: LibreOffice not installed: its check skipped"
fi

finish
