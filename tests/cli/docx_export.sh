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

# ---- compilations: consolidate and compile --format docx --------------------------------------------
run consolidate --workflow wtpf "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --format docx \
	-o "$TMP/comp.docx"
expect_ok
well_formed "$TMP/comp.docx"
run parse "$TMP/comp.docx" --format text
expect_status 0
cp "$out" "$TMP/comp-read.txt"
# the brackets and attributions as in the text render, line for line (blank lines aside)
run consolidate --workflow wtpf "$BASE" IRN="$SEEDS/contrib-IRN.txt" USA="$SEEDS/contrib-USA.txt" --color never
grep -v '^$' "$out" | sed 's/^	*//; s/[ 	]*$//' >"$TMP/comp-text.txt"
# the reader trims, and writes heading lines with a tab: compare what both say
grep -v '^$' "$TMP/comp-read.txt" | sed 's/^	*//; s/[ 	]*$//' >"$TMP/comp-read2.txt"
expect_same "$TMP/comp-text.txt" "$TMP/comp-read2.txt" "the compilation's .docx reads as its text"
check 'grep -q "\[MOD USA/3 (USA): paragrapharticle\]" "$TMP/comp-read.txt"' "attributions kept"
check 'grep -q "^c bis)	\[Label ADD USA/5 (USA): d)\] \[ADD USA/5 (USA): " "$TMP/comp-read.txt"' "bis paragraphs with their labels"
if [ "$HAVE_PY" = 1 ]; then
	python3 - "$TMP/comp.docx" >"$TMP/parts.txt" <<'EOF'
import sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
print("underlined", doc.count('<w:u w:val="single"/>'))
print("struck", doc.count("<w:strike/>"))
print("colours", len({c for c in ("C00000", "1F4E9F") if 'w:val="%s"' % c in doc}))
print("title", doc.count('<w:pStyle w:val="Title"/>'))
print("phrases", doc.count('<w:pStyle w:val="Heading2"/>'))
EOF
	check '! grep -q "^underlined 0$" "$TMP/parts.txt"' "proposed text underlined"
	check '! grep -q "^struck 0$" "$TMP/parts.txt"' "text proposed for deletion struck through"
	check 'grep -q "^colours 2$" "$TMP/parts.txt"' "each proposer in a colour"
	check 'grep -q "^title 1$" "$TMP/parts.txt"' "the first line as the title"
	check 'grep -q "^phrases 4$" "$TMP/parts.txt"' "the four phrases as headings"
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
run parse "$TMP/compile.docx" --format text
check 'grep -q "USA/3" "$out"' "the session's amendment ids in the compilation"
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
	for f in fn comp; do
		if pandoc -f docx -t plain "$TMP/$f.docx" >"$TMP/pandoc.txt" 2>"$TMP/pandoc.err"; then pass; else
			fail "pandoc cannot read $f.docx: $(head -n 1 "$TMP/pandoc.err")"; fi
	done
	check 'grep -q "recognizing" "$TMP/pandoc.txt"' "pandoc reads the compilation's phrases"
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
else
	echo "docx_export.sh: LibreOffice not installed: its check skipped"
fi

finish
