# wrapped.sh: hard-wrapped texts (issue 16). A contribution re-typed in a mail client or passed
# through a wrapping tool has its paragraphs split into lines of a fixed width, with blank lines
# between paragraphs; accord reads it as the text it wraps. Each seed text is wrapped three ways
# (fmt, fold, Python's textwrap, at three widths), then parsed and diffed; texts with one
# paragraph a line, short or without final punctuation, stay one paragraph a line.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
data=$TESTDATA/wrapped

# wrap METHOD IN OUT: a blank line after each line (the paragraph separator of wrapped texts),
# then each paragraph wrapped by one tool.
wrap() {
	case $1 in
	fmt) awk '{ print; print "" }' "$2" | fmt -w 72 >"$3" ;;
	fold) awk '{ print; print "" }' "$2" | fold -s -w 60 >"$3" ;;
	textwrap) python3 -c '
import sys, textwrap
out = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    out.append(textwrap.fill(line, width=66, expand_tabs=False, replace_whitespace=False) if line.strip() else "")
    out.append("")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))' "$2" "$3" ;;
	esac
}

# The canonical text with runs of blanks as one space and no space after a hyphen: wrapping
# tools drop double spaces at the line ends, and a hyphen at a line's end is joined to the next
# word ("day-" / "to-day"), also where the text had "Internet- related".
canonical() {
	"$ACCORD" parse "$1" --format text 2>/dev/null | sed 's/- /-/g' | tr -s ' \t' '  '
}

# What the amendments say (kinds, targets, labels, texts), with the blanks as in canonical (a tab
# written \t in JSON, which fmt makes of spaces) and
# no blank at a text's ends (where a wrapped line was cut).
amendments() {
	grep -E '"(op|target|label|kind|base|text)":' "$1" | sed 's/\\t/ /g; s/- /-/g; s/[ 	][ 	]*/ /g; s/" /"/g; s/ "/"/g'
}

methods="fmt fold"
if command -v python3 >/dev/null 2>&1; then
	methods="$methods textwrap"
else
	printf 'skip: textwrap (no python3)\n'
fi

for m in $methods; do
	mkdir -p "$TMP/$m"
	for f in base-wtpf-ieg-2-10-opinion-1 contrib-USA contrib-IRN draft-opinion-n3-multistakeholder; do
		wrap "$m" "$SEEDS/$f.txt" "$TMP/$m/$f.txt"
		check '[ "$(wc -l <"$TMP/$m/$f.txt")" -gt "$(wc -l <"$SEEDS/$f.txt")" ]' "$m wraps $f over more lines"
		canonical "$SEEDS/$f.txt" >"$TMP/one.txt"
		canonical "$TMP/$m/$f.txt" >"$TMP/wrapped.txt"
		expect_same "$TMP/one.txt" "$TMP/wrapped.txt" "$f wrapped by $m reads as the same text"
	done
	# the same amendments as the contributions one paragraph a line
	for p in USA IRN; do
		run diff "$base" "$SEEDS/contrib-$p.txt" --format json
		amendments "$out" >"$TMP/one.json"
		run diff "$base" "$TMP/$m/contrib-$p.txt" --format json
		amendments "$out" >"$TMP/wrapped.json"
		check '[ -s "$TMP/one.json" ]' "$p's contribution has amendments"
		expect_same "$TMP/one.json" "$TMP/wrapped.json" "$p's contribution wrapped by $m gives the same amendments"
	done
	# the base wrapped is the base: nothing but spacing changes
	run diff "$base" "$TMP/$m/base-wtpf-ieg-2-10-opinion-1.txt" --format json
	check '! grep -q "\"op\": \"\(ADD\|SUP\|MOVE\)" "$out"' "the base wrapped by $m adds, deletes and moves nothing"
done

# wrapped as a mail client does, with no blank line between paragraphs: a paragraph ends at a line
# that is not full, at a label or heading after a line that ends a clause
for w in 60 72 80; do
	for f in base-wtpf-ieg-2-10-opinion-1 draft-opinion-n3-multistakeholder; do
		fold -s -w $w "$SEEDS/$f.txt" >"$TMP/mail.txt"
		canonical "$SEEDS/$f.txt" >"$TMP/one.txt"
		canonical "$TMP/mail.txt" >"$TMP/wrapped.txt"
		expect_same "$TMP/one.txt" "$TMP/wrapped.txt" "$f wrapped at $w with no blank lines reads as the same text"
	done
done

# a wrapped UN resolution: list items after "; and" and "as follows" stay items
run parse "$data/un-list.txt"
expect_ok
expect_out '^    p4  \(a\)  an opening segment, with statements by the President of the Gene'
expect_out '^    p5  \(b\)  two multi-stakeholder panels, as follows$'
expect_out '^    p7  \(ii\)  a panel on data governance'
expect_out '^  p9  3\.  to remain seized of the matter\.$'
# bullets in a wrapped paragraph
run parse "$data/bullets.txt"
expect_ok
expect_out '^    p3  -  legal, economic and development matters$'
expect_out '^  p5  that intergovernmental organizations have had'
# the front matter: a title line that is not full is not joined to the body under it
run parse "$data/front-matter.txt"
expect_ok
expect_out '^title     OPINION \(1\) ON SUPPORTING MULTI-STAKEHOLDERISM$'
expect_out '^body      The fifth World Telecommunication Policy Forum \(Geneva, 2013\),$'
# an error in a wrapped paragraph is reported where it stands in the file, not in the joined text
run parse --brackets "$data/bracket.txt"
expect_failure 3 '^accord: .*bracket\.txt:7:18: unbalanced brackets'

# a line no wrapping could cut (a long URL) does not hide the wrapping
run parse "$data/url.txt"
expect_ok
expect_out '^  p2  that intergovernmental organizations have had'
expect_no_out '^  p3 '
# a hyphen at a line's end between letters, ASCII or not, joins without a space
run parse "$data/hyphen.txt" --format text
check 'grep -q "and socio-économique factors matter" "$out"' "the hyphen joins socio- and économique"

# a wrapped heading and wrapped labelled paragraphs not separated by blank lines
run parse "$data/wrapped-list.txt"
expect_ok
expect_out '^  p1  a\)  that the Internet is a global resource available to the public, and'
expect_out '^  p2  b\)  that intergovernmental organizations have had, and should continue'
expect_out '^s2  invites ITU Secretary General and ITU Directors of the Bureaux  \[operative; addressee: ITU Secretary General and ITU Directors of the Bureaux\]$'
expect_out '^  p3  to report on the work done, in consultation with all the stakeholders'
expect_no_out '^  p4 '
run parse "$data/wrapped-list.txt" --format text
check 'grep -q "^a)	that the Internet is a global resource available to the public, and that its governance involves governments, the private sector and civil society in their respective roles;$" "$out"' \
	"the wrapped lines are joined with one space"

# one paragraph a line: short lines (a list), and clauses with no final punctuation
run parse "$data/list-short-lines.txt"
expect_ok
expect_out '^  p5  Resolution 3 of WCIT-12 \(Dubai, 2012\)$'
expect_out '^  p6  Member States to take part'
run parse "$data/list-no-blank-lines.txt"
expect_ok
expect_out '^  p3  Resolution 101 \(Rev\. Guadalajara, 2010\) on Internet Protocol-based'
expect_out '^  p5  Resolution 133 \(Rev\. Guadalajara, 2010\) on internationalized domain names$'
expect_out '^s2  invites Member States'
run parse "$data/clauses-one-a-line.txt"
expect_ok
expect_out '^  p5  that international organizations have also had an important role$'
expect_out '^  p6  to keep the matter under review$'

finish
