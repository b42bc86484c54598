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
run diff --as IRN "$base" "$SEEDS/contrib-IRN.txt" --format json
grep -v '"\(file\|line\|contribution\)":' "$out" >"$TMP/text.json"
cp "$TMP/IRN.md" "$TMP/contrib-IRN.md"
run diff --as IRN "$base" "$TMP/contrib-IRN.md" --format json
expect_status 1 # amendments found
grep -v '"\(file\|line\|contribution\)":' "$out" >"$TMP/md.json"
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

# headings in underscores, alone or beside asterisks; a paragraph's wrapped lines are one paragraph
printf '_recognizing_\n\na) that, per article 37 of the Tunis Agenda, a multi-stakeholder\napproach should be adopted;\n\n*noting*\n\na) that the Forum\nmet;\n\n__invites__\n\na) the Secretary-General to report.\n' >"$TMP/under.md"
run parse "$TMP/under.md" --format text
expect_ok
expect_out '^	recognizing$'
expect_out '^	noting$'
expect_out '^	invites$'
expect_out '^a\)	that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;$'
expect_out '^a\)	that the Forum met;$'
# pandoc's heading attributes and Word bookmarks are markup, not text
printf 'The Forum,\n\n## []{#_Toc123 .anchor}recognizing\n\na\\) that x;\n\n## noting {#noting}\n\na\\) that y;\n' >"$TMP/attrs.md"
run parse "$TMP/attrs.md" --format text
expect_ok
expect_out '^	recognizing$'
expect_out '^	noting$'
expect_no_out '[{}]'
# a '*' that pairs with none is text: "Member States*", "a *strange word"
printf '*recognizing*\n\na) that Member States* have rights *and* duties, 2*3=6;\n\nb) a *strange word;\n' >"$TMP/stars.md"
run parse "$TMP/stars.md" --format text
expect_ok
expect_out '^a\)	that Member States\* have rights and duties, 2\*3=6;$'
expect_out '^b\)	a \*strange word;$'
# the front matter's title does not replace the opinion's own title line
printf -- '---\ntitle: "Comments of IRN"\n---\n\nOPINION (1) ON SUPPORTING MULTI-STAKEHOLDERISM\n\nThe Forum,\n\n### recognizing\n\n(a) that x;\n' >"$TMP/fm.md"
run parse "$TMP/fm.md"
expect_ok
expect_out '^title     OPINION \(1\) ON SUPPORTING MULTI-STAKEHOLDERISM$'
# an opinion's heading word in minutes or a manual among other headings: Markdown, not an opinion
printf '# Minutes\n\n## 1. Opening\n\nThe chair opened the meeting.\n\nNoting:\n\n- the report of WG1\n\n## 2. Close\n\nThe meeting closed.\n' >"$TMP/minutes2.md"
run parse "$TMP/minutes2.md"
expect_ok
expect_out '^mode      generic'
printf '# Widget API\n\n## Requests\n\nEvery request carries a token.\n\n## Responses\n\nA response is JSON.\n' >"$TMP/api.md"
run parse "$TMP/api.md"
expect_ok
expect_out '^mode      generic'
# an opinion in Markdown on standard input, or in a file named .txt, is read as one too
cp "$TMP/IRN.md" "$TMP/IRN-named.txt"
run diff --as IRN "$base" "$TMP/IRN-named.txt" --format json
grep -v '"\(file\|line\|contribution\)":' "$out" >"$TMP/named.json"
expect_same "$TMP/text.json" "$TMP/named.json" "the Markdown contribution named .txt gives the text contribution's amendments"
run_in "$TMP/IRN.md" diff --as IRN "$base" - --format json
grep -v '"\(file\|line\|contribution\)":' "$out" >"$TMP/stdin.json"
expect_same "$TMP/text.json" "$TMP/stdin.json" "the Markdown contribution on standard input gives the text contribution's amendments"

finish
