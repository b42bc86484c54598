# session_revise.sh: what a revision does with each kind of proposal, checked on the text
# of the revision (compared byte for byte with tests/data/sessions/propose-forms-rev1.txt,
# written by hand from the base text and the proposals below, not from accord's output):
# every form of `accord propose` (--replace/--with, --delete, --insert with --before-text
# and --after-text, --add-paragraph --before/--after/--in with --label, --delete-paragraph,
# --supersedes), the lapse of an amendment whose paragraph a revision deleted, of one whose
# words are gone and of one the revision already says, the re-anchoring of a carried-over amendment, and two agreed
# amendments that do not fit together (exit 3, the file as it was), cleared by a
# compromise. Under the CWG-Internet pack, whose meeting stage proposes and decides.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
s=$TMP/forms.db
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

# propose_ok EXPECTED_ID ARGS...: accord propose SESSION ARGS prints EXPECTED_ID.
propose_ok() {
	want=$1
	shift
	run propose "$s" "$@"
	expect_ok
	check '[ "$(cat "$out")" = "$want" ]' "propose $* prints $want"
}

# agree ID PARTY: PARTY supports ID, and the meeting agrees it (proposed -> agreed).
agree() {
	run position "$s" --as "$2" "$1" support
	expect_ok
	run decide "$s" --amendment "$1"
	expect_ok
	expect_out "^$(re_quote "$1") +proposed +-> agreed "
}

# state_is ID STATE REVISION: accord list shows ID in STATE, anchored on Rev.REVISION.
state_is() {
	run list "$s"
	expect_ok
	expect_out "^$(re_quote "$1") +$2 +.* Rev\\.$3\$"
}

run init "$s" --workflow cwg_internet --base "$base" --roster "$roster"
expect_ok
run stage "$s"
expect_out '^meeting$'

# --- one proposal of each form -------------------------------------------------------------
propose_ok USA/1 --as USA --paragraph p1 --replace "as far as possible" --with "wherever possible"
propose_ok USA/2 --as USA --paragraph p2 --delete "standardization and "
propose_ok IRN/1 --as IRN --paragraph p3 --insert "truly" --before-text "balanced"
propose_ok IRN/2 --as IRN --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
propose_ok BRA/1 --as BRA --add-paragraph "that capacity building is essential;" --before p4 --label "c bis)"
propose_ok BRA/2 --as BRA --add-paragraph "to report on progress to the next Forum." --in s4 --label "c)"
propose_ok CHN/1 --as CHN --delete-paragraph p9
propose_ok KEN/1 --as KEN --add-paragraph "that developing countries need support;" --after p10 --label "d)"
# blanks around inserted words are not doubled: one space on each side
propose_ok IRN/3 --as IRN --paragraph p5 --insert " clear " --before-text "need"
# on the paragraph CHN/1 deletes: lapses when Rev.1 drops p9
propose_ok IRN/4 --as IRN --paragraph p9 --insert "also" --after-text "that these"
# the same change as USA/1: lapses when Rev.1 already says it
propose_ok FRA/1 --as FRA --paragraph p1 --replace "as far as possible" --with "wherever possible"
# DEU and TUR submit the same relabelling (noting d) becomes c) once c) is gone): DEU/1 is
# agreed, and TUR/1 lapses because Rev.1 already says what it asks
"$ACCORD" parse "$base" --format text | sed 's/^d)\tthat the UN family/c)\tthat the UN family/' >"$TMP/relabel.txt"
run submit "$s" --as DEU "$TMP/relabel.txt"
expect_ok
expect_out '^  DEU/1 +MOD +p10$'
check '[ "$(wc -l <"$out")" -eq 2 ]' "the relabelling is one amendment"
run submit "$s" --as TUR "$TMP/relabel.txt"
expect_ok
expect_out '^  TUR/1 +MOD +p10$'
# after USA/1's words in the same paragraph: carried over, re-anchored on Rev.1
propose_ok RUS/1 --as RUS --paragraph p1 --insert "fully" --before-text "improve"
# a compromise replacing IRN/5
propose_ok IRN/5 --as IRN --paragraph p7 --insert "still" --after-text "that there are"
sum_before=$(cksum <"$s")
run propose "$s" --as GBR --paragraph p7 --replace "many existing initiatives" --with "x" --supersedes IRN/99
expect_failure 3 "no amendment 'IRN/99'"
check '[ "$(cksum <"$s")" = "$sum_before" ]' "a proposal superseding an unknown id leaves the file as it was"
propose_ok GBR/1 --as GBR --paragraph p7 --replace "many existing initiatives" --with "many initiatives, existing and new," \
	--supersedes IRN/5
state_is IRN/5 superseded 0
run list "$s" --state superseded --json
expect_ok
check '[ "$(wc -l <"$out")" -eq 1 ] && grep -q "\"id\":\"IRN/5\"" "$out"' "IRN/5 is the one superseded amendment"
run log "$s"
expect_out '^ +[0-9]+  .*  GBR +propose +GBR/1 .*IRN/5'
# a superseded amendment is superseded once
run propose "$s" --as CHN --paragraph p7 --replace "many existing initiatives" --with "y" --supersedes IRN/5
expect_failure 6 'IRN/5 is superseded: only an open amendment can be superseded'

# --- decisions: all agreed but the three that stay open ------------------------------------------
for pair in USA/1:USA USA/2:USA IRN/1:IRN IRN/2:IRN BRA/1:BRA BRA/2:BRA CHN/1:CHN KEN/1:KEN IRN/3:IRN GBR/1:GBR \
	DEU/1:DEU; do
	agree "${pair%%:*}" "${pair#*:}"
done
run status "$s" --json
expect_ok
expect_out '"amendments":\{"total":16,"proposed":4,"bracketed":0,"agreed":11,"agreed_ad_ref":0,"rejected":0,"withdrawn":0,"superseded":1\}'

# --- Rev.1 ---------------------------------------------------------------------------------------
run revise "$s"
expect_ok
expect_out '^Rev\.1: 11 agreed amendments applied, 1 open amendment carried over, 3 lapsed$'
run text "$s" --rev 1
expect_ok
expect_same "$TESTDATA/sessions/propose-forms-rev1.txt" "$out" "Rev.1 (written by hand)"
# -o writes the same bytes to a file, and nothing on standard output
run text "$s" --rev 1 -o "$TMP/rev1.txt"
expect_ok
check '[ ! -s "$out" ]' "text -o prints nothing"
expect_same "$TESTDATA/sessions/propose-forms-rev1.txt" "$TMP/rev1.txt" "text -o OUT"
run log "$s"
expect_out '^ +[0-9]+  .*  chair +revise +Rev\.1: 11 applied, 1 carried over, 3 lapsed$'
# lapsed: IRN/4 (its paragraph is gone), FRA/1 (the words it replaces are gone) and
# TUR/1 (Rev.1 already says it)
state_is IRN/4 superseded 0
state_is FRA/1 superseded 0
state_is TUR/1 superseded 0
run log "$s" --json
expect_out '"lapsed":\["IRN/4","FRA/1","TUR/1"\]'
for id in USA/1 USA/2 IRN/1 IRN/2 BRA/1 BRA/2 CHN/1 KEN/1 IRN/3 GBR/1 DEU/1; do
	state_is "$id" agreed 0
done
# carried over: RUS/1, anchored on Rev.1 now: USA/1 made "as far as" (5 tokens of words and
# spaces) "wherever" (1), so RUS/1's insertion before "improve" is 4 tokens earlier
state_is RUS/1 proposed 1
run list "$s" --state proposed --json
expect_ok
at0=$(sed -n 's/.*"id":"RUS\/1".*"at":\([0-9]*\).*/\1/p' "$out")
run log "$s" --json
at_logged=$(grep '"action":"propose","payload":{"party":"RUS"' "$out" | sed -n 's/.*\\"at\\": \([0-9]*\).*/\1/p')
check '[ -n "$at0" ] && [ -n "$at_logged" ] && [ "$at0" -eq $((at_logged - 4)) ]' \
	"RUS/1 re-anchored: its edit at $at0 on Rev.1, $at_logged on Rev.0"

# --- Rev.2: the carried-over amendment agreed; two agreed amendments that collide ------------------
agree RUS/1 RUS
# nothing conflicts: an agreed amendment is not superseded
run propose "$s" --as CHN --paragraph p11 --replace "immediate" --with "timely" --supersedes RUS/1
expect_failure 6 'RUS/1 is agreed: an agreed amendment can be superseded only while the agreed amendments do not fit together'
# nor one a revision has applied
run propose "$s" --as CHN --paragraph p11 --replace "immediate" --with "timely" --supersedes USA/1
expect_failure 6 'USA/1 is agreed and in Rev\.1: a change to it is a new amendment to that text'
propose_ok USA/3 --as USA --paragraph p11 --replace "immediate operationalization" --with "prompt operationalization"
propose_ok IRN/6 --as IRN --paragraph p11 --delete "immediate "
agree USA/3 USA
agree IRN/6 IRN
sum_before=$(cksum <"$s")
run revise "$s"
expect_failure 3 '^accord: cannot issue Rev\.2: the agreed amendments do not fit together \(amendment IRN/6 on p11: .*\); supersede them with a compromise text$'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "a revision that conflicts leaves the file as it was"
propose_ok CHN/2 --as CHN --paragraph p11 --replace "immediate" --with "timely" --supersedes USA/3,IRN/6
state_is USA/3 superseded 1
state_is IRN/6 superseded 1
state_is RUS/1 agreed 1
agree CHN/2 CHN
run revise "$s"
expect_ok
expect_out '^Rev\.2: 2 agreed amendments applied, 0 open amendments carried over$'
run text "$s"
expect_ok
grep -v '^a)	that, per article 37\|^a)	to support' "$TESTDATA/sessions/propose-forms-rev1.txt" >"$TMP/rev2-rest.txt"
grep -v '^a)	that, per article 37\|^a)	to support' "$out" >"$TMP/rev2-got.txt"
expect_same "$TMP/rev2-rest.txt" "$TMP/rev2-got.txt" "Rev.2 outside p1 and p11 is Rev.1"
expect_out '^a)	that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted wherever possible, at all levels, to fully improve the coordination of the activities of international and intergovernmental organizations and other institutions concerned with Internet governance and the exchange of information among themselves;$'
expect_out '^a)	to support the multi-stakeholder model via the timely operationalization of the enhanced cooperation process to allow governments to perform their role in international public policy related to the Internet, in consultation with all stakeholders;$'
run replay "$s"
expect_ok

finish
