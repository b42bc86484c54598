# markdown_opinion.sh: an opinion written in Markdown (docs/formats.md, "Markdown"). pandoc writes
# one from a Word file with its headings as '## recognizing' or '*recognizing*', labels escaped
# ('a\)') and footnotes as '[^1]'; accord's own `--format md` writes its headings in italics and a
# labelled child as '- a. text'. Such a text is read as the opinion it marks up, so that it compares
# with a base read from text or Word; a Markdown text without an opinion's heading stays generic.
. "$(dirname "$0")/lib.sh" "$@"

data=$TESTDATA/markdown
base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt

# The canonical text with runs of blanks as one space and typographic apostrophes plain: pandoc
# collapses double spaces and writes ’ as '.
canonical() {
	"$ACCORD" parse "$1" --format text 2>/dev/null | sed "s/’/'/g" | tr -s ' \t' '  '
}

# accord's own Markdown of each seed reads back as the same document, text for text
for f in base-wtpf-ieg-2-10-opinion-1 contrib-IRN draft-opinion-n3-multistakeholder draft-role-of-government; do
	run parse "$SEEDS/$f.txt" --format md
	expect_status 0 # the draft's Word bookmark is a warning
	cp "$out" "$TMP/$f.md"
	check 'grep -q "^\*[a-z ]*\*$" "$TMP/$f.md"' "$f in Markdown has its headings in italics"
	run parse "$SEEDS/$f.txt" --format text
	cp "$out" "$TMP/one.txt"
	run parse "$TMP/$f.md" --format text
	expect_status 0
	expect_same "$TMP/one.txt" "$out" "$f read back from accord's Markdown is the same text"
done
run parse "$SEEDS/draft-role-of-government.txt"
grep '^mode ' "$out" | sed 's/, [0-9]* warnings*$//' >"$TMP/mode.txt"
check 'grep -q "^mode      opinion: 8 sections, 39 paragraphs, 2 footnotes" "$TMP/mode.txt"' "the draft is an opinion with two footnotes"
run parse "$TMP/draft-role-of-government.md"
grep '^mode ' "$out" | sed 's/, [0-9]* warnings*$//' >"$TMP/md-mode.txt"
expect_same "$TMP/mode.txt" "$TMP/md-mode.txt" "the draft in accord's Markdown has its sections, paragraphs and footnotes"

# pandoc's Markdown (and GitHub's flavour) of Word files made from the seeds: the same text, less
# the title (pandoc keeps it only as metadata of a standalone document)
canonical "$base" >"$TMP/one.txt"
canonical "$data/base-pandoc.md" >"$TMP/md.txt"
expect_same "$TMP/one.txt" "$TMP/md.txt" "the base in pandoc's Markdown reads as the base"
canonical "$SEEDS/draft-role-of-government.txt" | sed 1d >"$TMP/one.txt"
for f in draft-role-pandoc draft-role-gfm; do
	canonical "$data/$f.md" >"$TMP/md.txt"
	expect_same "$TMP/one.txt" "$TMP/md.txt" "$f.md reads as the draft, its wrapped footnotes included"
done
run parse "$data/draft-role-gfm.md"
expect_ok
grep '^mode ' "$out" | sed 's/, [0-9]* warnings*$//' >"$TMP/md-mode.txt"
expect_same "$TMP/mode.txt" "$TMP/md-mode.txt" "the draft in GitHub's Markdown has its sections, paragraphs and footnotes"
expect_out '^s1  considering  \[preambular\]$'

# a contribution typed in Markdown by hand: the title in '#', headings in italics, each paragraph
# after a blank line; against the text base it gives the amendments of the text contribution
awk '{ sub(/^ +/, ""); sub(/ +$/, "") }
	NR == 1 { print "**" $0 "**"; print ""; next }
	NR == 2 { print "# " $0; print ""; next }
	/^\t[a-z ]+$/ { sub(/^\t/, ""); print "*" $0 "*"; print ""; next }
	NF { sub(/\t/, " "); print; print "" }' "$SEEDS/contrib-IRN.txt" >"$TMP/IRN.md"
check 'grep -q "^\*noting\*$" "$TMP/IRN.md"' "the hand-made Markdown has its headings in italics"
run diff "$base" "$SEEDS/contrib-IRN.txt" --format json
grep -v '"\(file\|line\|party\|id\|contribution\)":\|"IRN' "$out" >"$TMP/text.json"
cp "$TMP/IRN.md" "$TMP/contrib-IRN.md"
run diff "$base" "$TMP/contrib-IRN.md" --format json
expect_status 1 # amendments found
grep -v '"\(file\|line\|party\|id\|contribution\)":\|"IRN' "$out" >"$TMP/md.json"
check 'grep -q "\"op\": \"MOD\"" "$TMP/md.json"' "the Markdown contribution has MODs"
expect_same "$TMP/text.json" "$TMP/md.json" "the Markdown contribution gives the text contribution's amendments"

# Markdown that is not an opinion stays generic: an opinion's heading only inside code, or none
printf '# Notes\n\nSome text.\n\n```\n*recognizing*\n```\n\n*recognizing*\n' >"$TMP/code.md"
run parse "$TMP/code.md"
expect_ok
expect_out '^mode      generic'
printf '# Minutes\n\n*Noted* by the chair: the *recognizing* clause stays.\n\n- item one\n- item two\n' >"$TMP/minutes.md"
run parse "$TMP/minutes.md"
expect_ok
expect_out '^mode      generic'
# emphasis inside a sentence, snake_case and escapes read as the text they mark up
printf '*recognizing*\n\na\\) that **all** stakeholders_names and \\[square\\] *brackets* stay;\n' >"$TMP/inline.md"
run parse "$TMP/inline.md" --format text
expect_ok
expect_out '^a\)	that all stakeholders_names and \[square\] brackets stay;$'

finish
