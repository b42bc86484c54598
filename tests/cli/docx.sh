# docx.sh: Word (.docx) files wherever accord takes a text (issue 14, import). The fixtures are
# written at run time by tests/docx/mkdocx.py (OOXML by hand: tracked changes, moves, comments,
# content controls, fields, numbering) and, when it is installed, by pandoc.
. "$(dirname "$0")/lib.sh" "$@"

if ! command -v python3 >/dev/null 2>&1; then
	echo "docx.sh: skipped: python3 is needed to write the fixtures"
	exit 0
fi
MK=$(cd "$(dirname "$0")/../docx" && pwd)/mkdocx.py
FX=$TMP/fx
python3 "$MK" "$FX" || { echo "docx.sh: mkdocx.py failed" >&2; exit 1; }
BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt

# A .docx and a text file with the same content give the same document and canonical text.
for name in structure opinion; do
	run parse "$FX/$name.docx" --format text
	expect_ok
	cp "$out" "$TMP/from-docx.txt"
	run parse "$FX/$name.txt" --format text
	expect_same "$TMP/from-docx.txt" "$out" "$name: the .docx and the text give the same canonical text"
	run parse "$FX/$name.docx" --format yaml
	sed '/^origin:/d' "$out" >"$TMP/from-docx.yaml"
	run parse "$FX/$name.txt" --format yaml
	sed '/^origin:/d' "$out" >"$TMP/from-text.yaml"
	expect_same "$TMP/from-docx.yaml" "$TMP/from-text.yaml" "$name: the same model"
done
# numbering resolved from numbering.xml: decimal, lowerLetter, lowerRoman, upperRoman from 4, a bullet, a restart
run parse "$FX/structure.docx" --format text
expect_out '^b\) another sub item$'
expect_out '^\(i\) a roman item$'
expect_out '^3\. third item$'
expect_out '^\(IV\) fourth, in upper roman$'
expect_out '^1\. restarted at one$'
expect_out '^\[1: The note text\.\]$'

# pandoc's Word output, for structure
if command -v pandoc >/dev/null 2>&1; then
	printf '# Introduction\n\nThe first paragraph.\n\n1. first item\n2. second item\n\n## Details\n\nA note.[^1]\n\n[^1]: The note.\n' \
		>"$TMP/p.md"
	pandoc -o "$TMP/p.docx" "$TMP/p.md"
	printf '# Introduction\n\nThe first paragraph.\n\n1. first item\n\n2. second item\n\n# Details\n\nA note.[footnoteRef:1]\n\n[1: The note.]\n' \
		>"$TMP/p.txt"
	run parse "$TMP/p.docx" --format text
	expect_ok
	expect_same "$out" "$TMP/p.txt" "pandoc's .docx reads as its text"
else
	echo "docx.sh: pandoc not installed: its fixture skipped"
fi
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
	echo "docx.sh: LibreOffice fixtures are not written yet"
else
	echo "docx.sh: LibreOffice not installed: its fixtures skipped"
fi

# Tracked changes: accepted (the default), rejected (--original), listed (--changes).
run parse "$FX/tracked.docx" --format text
expect_ok
expect_out '^a\)	that the new text stands;$'
expect_out '^b\)	that all states matter;$'
expect_out '^c\)	that fields 7 show their result\.$'
run parse "$FX/tracked.docx" --format text --original
expect_out '^a\)	that the old text stands;$'
expect_out '^b\)	that states matter;$'
expect_no_out 'PAGE|DATE'
run parse "$FX/tracked.docx" --changes
expect_out '^delete	USA	2026-12-01T10:00:00Z	2	old$'
expect_out '^insert	USA	2026-12-01T10:00:00Z	2	new$'
expect_out '^insert	Iran	2026-12-01T10:00:00Z	3	all $'
expect_out '^format	USA	'
check '[ "$(grep -c "^format" "$out")" = 1 ]' "a formatting-only change is listed once, as format"
# a deleted numbered paragraph does not advance the numbering
run parse "$FX/deleted-item.docx" --format text
expect_out '^b\)	that three;$'
expect_out '^c\)	that four;$'
expect_no_out 'that two'
run parse "$FX/deleted-item.docx" --format text --original
expect_out '^b\)	that two;$'
expect_out '^c\)	that three;$'
expect_no_out 'that four'
# paragraph-mark revisions: a split (inserted mark) and a join (deleted mark)
run parse "$FX/split-join.docx" --format text
expect_out '^a\)	that the first half$'
expect_out '^c\)	that these are joined;$'
run parse "$FX/split-join.docx" --format text --original
expect_out '^a\)	that the first halfthat the second half;$'
expect_out '^c\)	joined;$'
run parse "$FX/split-join.docx" --changes
expect_out '^split	USA	.*	2	$'
expect_out '^join	IRN	.*	4	$'
# a move is one MOVE, its text neither lost nor doubled
run parse "$FX/move.docx" --changes
expect_out '^move	USA	.*	2->3	moved words $'
check '[ "$(wc -l <"$out")" = 1 ]' "a move is one change"
run parse "$FX/move.docx" --format text
check '[ "$(grep -c "moved words" "$out")" = 1 ]' "moved text once in the accepted text"
expect_out '^b\)	that the words go moved words there;$'
# content controls and hyperlinks, inside and around insertions
run parse "$FX/sdt-link.docx" --format text
expect_out '^a\)	that controlled text is read;$'
expect_out '^b\)	that an inserted link counts;$'
expect_out '^c\)	that a link with an insertion counts;$'
run parse "$FX/sdt-link.docx" --changes
expect_out '^insert	USA	.*	3	an inserted link$'
expect_out '^insert	USA	.*	4	an insertion$'
# comments: attributed, anchored, quoted
run parse "$FX/comments.docx" --format json
expect_ok
expect_out '"comments": \['
expect_out '"party": "US"'
expect_out '"quoted": "authorized"'
expect_out '"party": "Norway"'
expect_out '"text": "Norway: whole section lacks clarity"'
expect_out '"paragraph": "p2"'
# a table is read as paragraphs, with a warning
run parse "$FX/table.docx" --format text
expect_status 0
expect_err 'warning: 1 table read as paragraphs'
expect_out '^cell four$'

# Several authors: each roster party (by code or name) gets its own proposals, the rest the file's party.
run parse "$FX/two-authors.docx" --original --format text
cp "$out" "$TMP/two-base.txt"
run consolidate "$TMP/two-base.txt" USA="$FX/two-authors.docx" --roster "$SEEDS/roster.yaml"
expect_ok
expect_out '^Compilation of proposals on .* \(USA, IRN\)$'
expect_out '^a\)	that the \[old\] \[USA: new\] text stands;$'
expect_out '^b\)	that \[IRN: all\] states matter;$'
expect_out '^c\)	that \[Delete \(USA\): some\] words go;$'
run consolidate "$TMP/two-base.txt" USA="$FX/two-authors.docx"
expect_out '^b\)	that \[USA: all\] states matter;$'

# The seed contribution as real tracked changes: diff, consolidate and submit read it without the
# flattening artefacts ("paragrapharticle", "onin").
python3 "$MK" --unglue "$BASE" "$SEEDS/contrib-USA.txt" USA "$TMP/usa.docx"
python3 "$MK" --tracked "$BASE" "$BASE" X "$TMP/base.docx"
run diff "$BASE" "$TMP/usa.docx"
expect_status 1
expect_out 'per \[-article-\]\{\+paragraph\+\} 37'
expect_no_out 'paragrapharticle| onin '
run diff "$TMP/base.docx" "$TMP/usa.docx"
cp "$out" "$TMP/diff-docx"
run diff "$BASE" "$TMP/usa.docx"
expect_same "$TMP/diff-docx" "$out" "a .docx base reads as its text"
run consolidate "$TMP/base.docx" USA="$TMP/usa.docx"
expect_ok
expect_no_out 'paragrapharticle| onin '
run init "$TMP/s.accord" --workflow wtpf --base "$TMP/base.docx" --roster "$SEEDS/roster.yaml"
expect_status 0
run submit "$TMP/s.accord" --as USA "$TMP/usa.docx"
expect_ok
expect_out '^USA: [0-9]+ amendments from '
run compile "$TMP/s.accord"
expect_ok
expect_out 'per \[?.*paragraph.* 37'
expect_no_out 'paragrapharticle| onin '
run parse "$TMP/usa.docx" --original --format text
cp "$out" "$TMP/original.txt"
run parse "$BASE" --format text
expect_same "$TMP/original.txt" "$out" "the tracked changes rejected give the base back"

# Bad input: one line, exit 3, and what is wrong.
run parse "$FX/not-a-zip.docx"
expect_failure 3 '^accord: .*not-a-zip\.docx: not a Word \.docx file'
run parse "$FX/encrypted.docx"
expect_failure 3 'password-protected or old \.doc Word file'
run parse "$FX/no-document.docx"
expect_failure 3 'no word/document\.xml'
run parse "$FX/malformed.docx"
expect_failure 3 'word/document\.xml:1: not well-formed XML'
run parse "$FX/billion-laughs.docx"
expect_failure 3 'has a DOCTYPE'
run parse "$FX/external-entity.docx"
expect_failure 3 'has a DOCTYPE'
run parse "$FX/zip-bomb.docx"
expect_failure 3 'expands to more than 64 MB'
run parse "$FX/ratio-bomb.docx"
expect_failure 3 'expands more than 100 times'
run parse -i json "$FX/structure.docx"
expect_failure 3 'a Word file \(\.docx\), not json'
run submit "$TMP/s.accord" --as USA "$FX/encrypted.docx"
expect_failure 3 'password-protected'
run diff "$BASE" "$FX/billion-laughs.docx"
expect_failure 3 'has a DOCTYPE'

finish
