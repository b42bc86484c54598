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
# LibreOffice's Word files: the fixtures saved again by LibreOffice's own OOXML writer (its numbering,
# its runs, its tracked-change and comment markup) read as the files it was given.
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$TMP/lo"
	if (cd "$TMP" && HOME=$TMP timeout 180 soffice --headless --norestore --convert-to 'docx:MS Word 2007 XML' \
		--outdir "$TMP/lo" "$FX/structure.docx" "$FX/tracked.docx" "$FX/two-authors.docx" "$FX/comments.docx" \
		>"$TMP/lo.log" 2>&1); then pass; else fail "LibreOffice cannot save the fixtures: $(tail -n 1 "$TMP/lo.log")"; fi
	# (LibreOffice computes its fields' results again on saving: the page number and the date of
	# tracked.docx's fields change, the rest does not)
	for name in structure tracked two-authors comments; do
		for view in "" --original; do
			run parse "$FX/$name.docx" $view --format text
			grep -v '^c)	that fields ' "$out" >"$TMP/want.txt"
			run parse "$TMP/lo/$name.docx" $view --format text
			expect_ok
			grep -v '^c)	that fields ' "$out" >"$TMP/got.txt"
			expect_same "$TMP/want.txt" "$TMP/got.txt" "$name.docx saved by LibreOffice reads the same${view:+ ($view)}"
		done
	done
	run parse "$TMP/lo/tracked.docx" --format text
	expect_out '^c\)	that fields [0-9]+ show their result\.$'
	run parse "$TMP/lo/two-authors.docx" --changes
	expect_out '^delete	USA	'
	expect_out '^insert	Islamic Republic of Iran	'
	expect_out '^delete	J\. Smith	'
	run parse "$TMP/lo/comments.docx" --format json
	expect_out '"text": "Norway: whole section lacks clarity"'
	expect_out '"quoted": "authorized"'
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

# rename_author SRC DST FROM TO: SRC with the tracked changes of author FROM signed TO.
rename_author() {
	python3 - "$@" <<'PY'
import sys, zipfile
src, dst, old, new = sys.argv[1:5]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'word/document.xml':
            data = data.replace(f'w:author="{old}"'.encode(), f'w:author="{new}"'.encode())
        zout.writestr(item, data)
PY
}
# submit splits the same file by author, aliases included, all or none (issue 14).
printf '%s\n' 'roles: {member_state: Member State, guest: Guest}' 'parties:' \
	'  - {code: USA, name: United States, role: member_state, aliases: [J. Smith]}' \
	'  - {code: IRN, name: Islamic Republic of Iran, role: member_state}' \
	'  - {code: GBR, name: United Kingdom, role: member_state}' >"$TMP/alias-roster.yaml"
cp "$TMP/alias-roster.yaml" "$TMP/bad-roster.yaml"
echo '  - {code: ORG, name: Some Organisation, role: guest, aliases: [Islamic Republic of Iran]}' >>"$TMP/bad-roster.yaml"
run init "$TMP/split.accord" --workflow wtpf --base "$TMP/two-base.txt" --roster "$TMP/bad-roster.yaml"
expect_failure 3 'alias .Islamic Republic of Iran. of ORG also names IRN'
echo '  - {code: ORG, name: Some Organisation, role: guest, aliases: [Org Delegate]}' >>"$TMP/alias-roster.yaml"
run init "$TMP/split.accord" --workflow wtpf --base "$TMP/two-base.txt" --roster "$TMP/alias-roster.yaml"
expect_status 0
run submit "$TMP/split.accord" --as gbr "$FX/two-authors.docx"
expect_ok
expect_out '^USA: 2 amendments from .*two-authors\.docx$'
expect_out '^  USA/2 +MOD +p3$'
expect_out '^IRN: 1 amendment from .*two-authors\.docx$'
expect_no_out '^GBR:'
run compile "$TMP/split.accord"
expect_out '^a\)	that the \[old\] \[MOD USA/1 \(USA\): new\] text stands;$'
expect_out '^b\)	that \[MOD IRN/1 \(IRN\): all\] states matter;$'
expect_out '^c\)	that \[some\] \(MOD USA/2 \(USA\): delete\) words go;$'
run log "$TMP/split.accord"
expect_out ' USA +submit +.*two-authors\.docx: USA/1 USA/2$'
expect_out ' IRN +submit +.*two-authors\.docx: IRN/1$'
# one party the pack refuses (a guest may not propose): nobody's changes are recorded
rename_author "$FX/two-authors.docx" "$TMP/guest.docx" USA "org delegate"
run status "$TMP/split.accord" --json
cp "$out" "$TMP/status-before"
run submit "$TMP/split.accord" --as GBR "$TMP/guest.docx"
expect_failure 6 'only Member States and Sector Members propose'
run log "$TMP/split.accord"
expect_no_out 'guest\.docx'
run status "$TMP/split.accord" --json
expect_same "$TMP/status-before" "$out" "a refused split submission records nothing"
# the same file once the guest's changes are the --as party's: GBR and IRN, in one go
rename_author "$TMP/guest.docx" "$TMP/unknown.docx" "org delegate" "A Drafter"
run submit "$TMP/split.accord" --as GBR "$TMP/unknown.docx"
expect_ok
expect_out '^GBR: 1 amendment from '
expect_out '^USA: 1 amendment from '
expect_out '^IRN: 1 amendment from '

# Comments: each the comment of the party it names (the roster's alias US), or of its author when a
# party (Norway), else of the --as party; on the paragraph it is anchored in, or on the amendment
# just tabled for a new paragraph; in the same transaction as the amendments.
printf '%s\n' 'roles: {member_state: Member State}' 'parties:' \
	'  - {code: USA, name: United States, role: member_state, aliases: [US]}' \
	'  - {code: NOR, name: Norway, role: member_state}' \
	'  - {code: GBR, name: United Kingdom, role: member_state}' >"$TMP/comment-roster.yaml"
run parse "$FX/commented.docx" --original --format text
cp "$out" "$TMP/commented-base.txt"
run init "$TMP/commented.accord" --workflow wtpf --base "$TMP/commented-base.txt" --roster "$TMP/comment-roster.yaml"
expect_status 0
cp "$TMP/commented.accord" "$TMP/commented-wg.accord"
run submit "$TMP/commented.accord" --as GBR "$FX/commented.docx"
expect_ok
expect_out '^USA: 3 amendments and 1 comment from '
expect_out '^  USA/2 +ADD +p1$'
expect_out '^NOR: 0 amendments and 1 comment from '
expect_out '^GBR: 0 amendments and 1 comment from '
run log "$TMP/commented.accord"
expect_out ' USA +comment +p1: "US: because it is new"$'
expect_out ' NOR +comment +USA/2: "Why this paragraph\?"$'
expect_out ' GBR +comment +p2: "A general remark"$'
# where the procedure takes no comments (WTPF's Forum working groups), the amendments go in and the
# comments are reported, not recorded
run stage "$TMP/commented-wg.accord" forum_wg
expect_status 0
run submit "$TMP/commented-wg.accord" --as GBR "$FX/commented.docx"
expect_status 0
expect_out '^USA: 3 amendments from '
expect_err 'warning: 1 comment by USA not recorded: the procedure takes no comments now$'
expect_err 'warning: 1 comment by NOR not recorded'
run log "$TMP/commented-wg.accord"
expect_no_out ' comment '
# a file of comments alone is a contribution too; one whose comments are all refused records nothing
run parse "$FX/comments.docx" --original --format text
cp "$out" "$TMP/comments-base.txt"
run init "$TMP/comments.accord" --workflow wtpf --base "$TMP/comments-base.txt" --roster "$TMP/comment-roster.yaml"
expect_status 0
cp "$TMP/comments.accord" "$TMP/comments-wg.accord"
run submit "$TMP/comments.accord" --as GBR "$FX/comments.docx"
expect_ok
expect_out '^USA: 0 amendments and 1 comment from '
expect_out '^NOR: 0 amendments and 1 comment from '
expect_no_out '^GBR'
run stage "$TMP/comments-wg.accord" forum_wg
run submit "$TMP/comments-wg.accord" --as GBR "$FX/comments.docx"
expect_failure 3 'no change to the text and no comment the procedure takes'

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
