# session_brackets.sh: a session that starts from a bracketed text (accord init --brackets):
# each bracket group (nested, adjacent alternatives, a lone span, attributed spans) and the
# option block become open questions, tabled by the parties the brackets name or by the
# session's officer (CHAIR); decisions remove brackets at each revision, compared byte for
# byte with revisions written by hand (tests/data/brackets/session); bad input (unbalanced
# brackets: exit 3 with FILE:LINE:COL and no session file; --lenient reads them).
. "$(dirname "$0")/lib.sh" "$@"

D=$TESTDATA/brackets/session
roster=$SEEDS/roster.yaml
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS
cd "$TMP" || exit 99

s=$TMP/draft.db
run init "$s" --workflow wtpf --base "$D/draft.txt" --roster "$roster" --brackets
expect_ok
expect_out 'draft\.db: 12 amendments tabled for the open questions of the bracketed text$'
# one amendment per alternative, in the order of the text; [USA: ...] and [...] (IRN) are theirs
run list "$s"
expect_ok
expect_out '^CHAIR/1 +proposed +MOD +p1 '
expect_out '^CHAIR/3 +proposed +MOD +p1 '
expect_out '^CHAIR/6 +proposed +MOD +p2 '
expect_out '^USA/1 +proposed +MOD +p3 .* USA +Rev\.0$'
expect_out '^IRN/1 +proposed +MOD +p3 .* IRN +Rev\.0$'
expect_out '^CHAIR/7 +proposed +MOD +p6 '
expect_out '^CHAIR/9 +proposed +MOD +p4 '
expect_out '^CHAIR/10 +proposed +MOD +p5 '
check '[ "$(wc -l <"$out")" -eq 12 ]' "twelve questions' alternatives"
run status "$s"
expect_ok
expect_out '^amendments: +12, 12 proposed$'
# the base keeps its brackets: the compilation shows the text in them, as it is, and the parties'
# own proposals beside; the questions are not shown again as deletions of their bracket characters
run compile "$s"
expect_ok
expect_out '\[prepare\]\[compile\]'
expect_out '^\[\[Decides\]\[Clarifies\] that the forum shall meet annually;\]$'
expect_no_out 'CHAIR/|delete\)'
expect_out '^Compilation of proposals on Rev\.0 \(no party.s proposals\)$'
# a party's own proposal on a copy: compiled as in any session, the questions still in their brackets
cp "$s" "$TMP/copy.db"
run propose "$TMP/copy.db" --as BRA --paragraph p2 --insert "in writing" --after-text "report"
expect_ok
run compile "$TMP/copy.db"
expect_ok
expect_out 'report \[MOD BRA/1 \(BRA\): in writing\]'
expect_out '^Compilation of proposals on Rev\.0 \(BRA\)$'
expect_out '\[shall\]\[should\]'
expect_no_out 'CHAIR/'
run text "$s"
expect_ok
expect_same "$D/draft.txt" "$out" "Rev.0 is the bracketed text"

run stage "$s" plenary
expect_ok
# agreed: Decides (inner group), shall, all Member States (USA), Option 1
for id in CHAIR/2 CHAIR/4 USA/1 CHAIR/9; do
	run decide "$s" --amendment "$id"
	expect_ok
	expect_out "^$id +proposed +-> agreed "
done
# rejected: Clarifies, the lone [every two years], [before 2030] (IRN)
for id in CHAIR/3 CHAIR/6 IRN/1; do
	run position "$s" --as IRN "$id" object
	expect_ok
	run decide "$s" --amendment "$id"
	expect_ok
	expect_out "^$id +proposed +-> rejected "
done
run revise "$s"
expect_ok
expect_out '^Rev\.1: 4 agreed amendments applied, 3 open amendments carried over, 2 lapsed$'
run text "$s"
expect_ok
expect_same "$D/rev1.txt" "$out" "Rev.1: fewer brackets"
# the other alternatives of the groups resolved lapse; the open ones are on Rev.1
run list "$s"
expect_ok
expect_out '^CHAIR/5 +superseded '
expect_out '^CHAIR/10 +superseded '
expect_out '^CHAIR/1 +proposed +MOD +p1 .* Rev\.1$'
expect_out '^CHAIR/8 +proposed +MOD +p6 .* Rev\.1$'
run replay "$s"
expect_ok

# the outer bracket rejected: its paragraph goes; [prepare][compile] resolved by its second
run position "$s" --as IRN CHAIR/1 object
expect_ok
run decide "$s" --amendment CHAIR/1
expect_ok
expect_out '^CHAIR/1 +proposed +-> rejected '
run decide "$s" --amendment CHAIR/8
expect_ok
run revise "$s"
expect_ok
run text "$s"
expect_ok
expect_same "$D/rev2.txt" "$out" "Rev.2: no brackets left"
run list "$s"
expect_ok
expect_out '^CHAIR/7 +superseded '
run replay "$s"
expect_ok
# nothing left to decide: no empty revision
run revise "$s"
expect_failure 3 '^accord: no revision issued: nothing was agreed since Rev\.2'

# a party's amendment deletes a paragraph with questions: they lapse with it
d=$TMP/deleted.db
run init "$d" --workflow wtpf --base "$D/draft.txt" --roster "$roster" --brackets
expect_ok
run propose "$d" --as USA --delete-paragraph p6
expect_ok
expect_out '^USA/2$'
run stage "$d" plenary
expect_ok
run decide "$d" --amendment USA/2
expect_ok
run revise "$d"
expect_ok
run list "$d"
expect_ok
expect_out '^CHAIR/7 +superseded '
expect_out '^CHAIR/8 +superseded '
expect_out '^CHAIR/1 +proposed '
run replay "$d"
expect_ok

# without a roster: every question is the session's officer's
run init "$TMP/alone.db" --workflow wtpf --base "$D/draft.txt" --brackets
expect_ok
run list "$TMP/alone.db"
expect_ok
expect_out '^CHAIR/8 +proposed +MOD +p3 '
check '! grep -q "^USA/" "$out"' "no USA amendment without a roster that has USA"

# bad input: unbalanced brackets stop init (exit 3, FILE:LINE:COL) and leave no session
printf '# Draft\n\nThe Parties [shall report.\n\nThey [may] meet.\n' >unbalanced.txt
run init "$TMP/bad.db" --workflow wtpf --base unbalanced.txt --roster "$roster" --brackets
expect_failure 3 '^accord: unbalanced\.txt:3:13: unbalanced brackets: opening bracket without its closing one$'
check '[ ! -e "$TMP/bad.db" ]' "a failed init leaves no session file"
run init "$TMP/lenient.db" --workflow wtpf --base unbalanced.txt --roster "$roster" --brackets --lenient
expect_status 0
expect_err '^accord: unbalanced\.txt:3:13: warning: unbalanced brackets'
run text "$TMP/lenient.db"
expect_ok
expect_same unbalanced.txt "$out" "--lenient: Rev.0 is the text as it is"
run init "$TMP/usage.db" --workflow wtpf --base unbalanced.txt --lenient
expect_failure 2 '--lenient goes with --brackets'
check '[ ! -e "$TMP/usage.db" ]' "no session file after a usage error"

finish
