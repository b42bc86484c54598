# session_rules.sh: the procedure is the pack's (issue 11). A stage's `allows` list governs every
# action (submit, propose, a compromise text, cosponsor, withdraw, position, comment, decide), each
# refusal in the pack's words (exit 6) leaving the file byte for byte as it was; who may supersede
# an amendment (the pack's may_supersede, or the default: its proposer, the chair or the
# secretariat); stages move forward, going back needs --back and the pack may forbid it.
. "$(dirname "$0")/lib.sh" "$@"

roster=$TESTDATA/workflows/un-roster.yaml
u=$TMP/un.db
printf 'recognizing\na)\tfirst text here;\nb)\tsecond text here;\n' >"$TMP/small.txt"
printf 'recognizing\na)\tfirst new text here;\nb)\tsecond text here;\n' >"$TMP/contrib.txt"

# refused CODE RE ARGS...: accord ARGS fails with CODE and RE, and the session file is unchanged.
refused() {
	code=$1 re=$2
	shift 2
	sum_before=$(cksum <"$u")
	run "$@"
	expect_failure "$code" "$re"
	check '[ "$(cksum <"$u")" = "$sum_before" ]' "refused ($*): the file as it was"
}

run init "$u" --workflow un_ga --base "$TMP/small.txt" --roster "$roster"
expect_ok

# --- zero draft: comments only ------------------------------------------------------------------
proposals='stages that do: first_reading, second_reading, informals'
refused 6 "^accord: USA may not submit: the zero_draft stage \\(Zero draft\\) does not take proposals; $proposals\$" \
	submit "$u" --as USA "$TMP/contrib.txt"
refused 6 "^accord: USA may not propose: the zero_draft stage \\(Zero draft\\) does not take proposals; $proposals\$" \
	propose "$u" --as USA --paragraph p1 --insert "also" --after-text "first"
run comment "$u" --as USA --on p1 "A general comment."
expect_ok

# --- first reading: language with attribution, no positions, no decisions, no compromise texts ------
run stage "$u" first_reading
expect_ok
run propose "$u" --as USA --paragraph p1 --insert "also" --after-text "first"
expect_ok
expect_out '^USA/1$'
run submit "$u" --as BRA "$TMP/contrib.txt"
expect_ok
run cosponsor "$u" --as CAN USA/1
expect_ok
refused 6 "^accord: IND may not take a position on USA/1: the first_reading stage \\(.*\\) does not take positions; stages that do: second_reading, informals, adoption\$" \
	position "$u" --as IND USA/1 object
refused 6 "^accord: decide refused by un_ga: the first_reading stage \\(.*\\) does not take decisions; stages that do: second_reading, informals, adoption\$" \
	decide "$u" --all
refused 6 "^accord: USA may not propose: the first_reading stage \\(.*\\) does not take compromise texts; stages that do: rev1, second_reading, informals\$" \
	propose "$u" --as USA --paragraph p2 --insert "very" --after-text "second" --supersedes USA/1

# --- back to the zero draft (--back): nothing but comments, not even a withdrawal ---------------
refused 6 "^accord: stage 'zero_draft' comes before the current stage 'first_reading': stages move forward; going back needs --back\$" \
	stage "$u" zero_draft
refused 6 "^accord: stage 'second_reading' is not before the current stage 'first_reading': --back goes back only\$" \
	stage "$u" --back second_reading
run stage "$u" --back
expect_ok
expect_out '^zero_draft$'
refused 6 "^accord: USA may not withdraw USA/1: the zero_draft stage \\(Zero draft\\) does not take withdrawals; " \
	withdraw "$u" --as USA USA/1
refused 6 "^accord: IND may not co-sponsor USA/1: the zero_draft stage \\(Zero draft\\) does not take co-sponsors; $proposals\$" \
	cosponsor "$u" --as IND USA/1
refused 6 "^accord: IND may not take a position on USA/1: the zero_draft stage" position "$u" --as IND USA/1 support
refused 6 "^accord: the session is at stage 'zero_draft': there is no stage before it" stage "$u" --back

# --- Rev.1: the compilation; no new proposals, no comments, compromise texts -------------------------
run stage "$u" rev1
expect_ok
refused 6 "^accord: USA may not propose: the rev1 stage \\(Rev\\.1 compilation\\) does not take proposals; " \
	propose "$u" --as USA --paragraph p2 --insert "very" --after-text "second"
refused 6 "^accord: USA may not comment: the rev1 stage \\(Rev\\.1 compilation\\) does not take comments; stages that do: zero_draft, first_reading\$" \
	comment "$u" --as USA "Later."
# who may supersede: without may_supersede in the pack, an amendment's proposer (not a co-sponsor)
refused 6 "^accord: BRA may not supersede USA/1: only its proposer \\(USA\\), the chair or the secretariat may \\(the rule pack has no may_supersede\\)\$" \
	propose "$u" --as BRA --paragraph p2 --insert "very" --after-text "second" --supersedes USA/1
refused 6 "^accord: CAN may not supersede USA/1: only its proposer \\(USA\\)" \
	propose "$u" --as CAN --paragraph p2 --insert "very" --after-text "second" --supersedes USA/1
run propose "$u" --as USA --paragraph p2 --insert "very" --after-text "second" --supersedes USA/1
expect_ok
expect_out '^USA/2$'
run list "$u" --state superseded
expect_out '^USA/1 +superseded '

# --- second reading: positions, decisions, withdrawals ----------------------------------------------
run stage "$u" second_reading
expect_ok
run position "$u" --as IND USA/2 support
expect_ok
run withdraw "$u" --as BRA BRA/1
expect_ok
run decide "$u" --amendment USA/2
expect_ok
run stage "$u" adoption
expect_ok
refused 6 "^accord: USA may not propose: the adoption stage \\(Adoption in formal session\\) does not take proposals; " \
	propose "$u" --as USA --paragraph p1 --insert "x" --after-text "first"
run replay "$u"
expect_ok

# --- a pack's may_supersede: CWG-Internet lets any Member State table a drafting group's text -------
c=$TMP/cwg.db
run init "$c" --workflow cwg_internet --base "$TMP/small.txt" --roster "$SEEDS/roster.yaml"
expect_ok
run propose "$c" --as IRN --paragraph p1 --insert "also" --after-text "first"
expect_out '^IRN/1$'
run propose "$c" --as GBR --paragraph p1 --insert "too" --after-text "text" --supersedes IRN/1
expect_ok
expect_out '^GBR/1$'
run propose "$c" --as BRA --paragraph p2 --insert "x" --after-text "second"
expect_out '^BRA/1$'
sum_before=$(cksum <"$c")
run propose "$c" --as ISOC --paragraph p2 --insert "y" --after-text "second" --supersedes BRA/1
expect_failure 6 "^accord: ISOC may not supersede BRA/1: only Member States table a drafting group's compromise text \\(Council Res\\. 1336\\)\$"
check '[ "$(cksum <"$c")" = "$sum_before" ]' "a supersession the pack refuses leaves the file as it was"

# --- going back, as the pack allows it ------------------------------------------------------------
mkdir "$TMP/packs"
cp -R "$ACCORD_WORKFLOWS/lib" "$TMP/packs/lib"
sed 's/^  unagreed = "bracket",$/  unagreed = "bracket",\
  stages_back = false,/' "$ACCORD_WORKFLOWS/un_ga.lua" >"$TMP/packs/forward.lua"
sed 's/{ id = "adoption", name = "Adoption in formal session",/{ id = "adoption", name = "Adoption in formal session", back = false,/' \
	"$ACCORD_WORKFLOWS/un_ga.lua" >"$TMP/packs/final.lua"
sed 's/^  unagreed = "bracket",$/  unagreed = "bracket",\
  stages_back = "no",/' "$ACCORD_WORKFLOWS/un_ga.lua" >"$TMP/packs/badback.lua"
check 'grep -q "stages_back = false" "$TMP/packs/forward.lua" && grep -q "back = false" "$TMP/packs/final.lua"' \
	"the packs are made"
run workflow check "$TMP/packs/badback.lua"
expect_status 3
expect_err 'stages_back: must be a boolean'
u=$TMP/forward.db
run init "$u" --workflow "$TMP/packs/forward.lua" --base "$TMP/small.txt" --roster "$roster"
expect_ok
run stage "$u" --next
expect_ok
refused 6 "^accord: going back from stage 'first_reading' to 'zero_draft' refused by un_ga: its stages move forward only \\(stages_back = false\\)\$" \
	stage "$u" --back zero_draft
u=$TMP/final.db
run init "$u" --workflow "$TMP/packs/final.lua" --base "$TMP/small.txt" --roster "$roster"
expect_ok
run stage "$u" informals
expect_ok
run stage "$u" --back second_reading
expect_ok
run stage "$u" adoption
expect_ok
refused 6 "^accord: going back from stage 'adoption' to 'informals' refused by un_ga: the adoption stage \\(Adoption in formal session\\) is not left backwards \\(back = false\\)\$" \
	stage "$u" --back
run replay "$u"
expect_ok

finish
