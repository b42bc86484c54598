# session_wtpf.sh: one WTPF-13 drafting session, as a secretariat and a chair would run it,
# from the base text to Rev.1. The contributions of Iran and the United States are
# submitted as received; Brazil tables a proposal by hand and Canada co-sponsors it; Iran
# co-sponsors the United States' title and withdraws its own identical one; delegations
# take positions in the Forum's working group, each delegation objecting to the other's
# amendments it does not accept; the Plenary decides everything at once (WTPF: consensus,
# the absence of a formal objection, or dropped); Rev.1 is issued.
#
# Rev.1 is compared byte for byte with tests/data/sessions/wtpf-rev1.txt, written by hand
# from the amendments (accord diff of each contribution) and the decisions below;
# session_wtpf_adopted.sh runs the issue 11 case (a new USA paragraph agreed, its neighbour rejected).
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
s=$TMP/wtpf13.db
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

# --- the secretariat opens the session and records the contributions ------------------------
run init "$s" --workflow wtpf --base "$base" --roster "$roster"
expect_ok
run submit "$s" --as IRN "$SEEDS/contrib-IRN.txt"
expect_ok
expect_out '^IRN: 12 amendments from .*contrib-IRN\.txt$'
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_ok
expect_out '^USA: 22 amendments from .*contrib-USA\.txt$'
run propose "$s" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_ok
expect_out '^BRA/1$'
run cosponsor "$s" --as CAN BRA/1
expect_ok
# the same title in both contributions: Iran joins the United States' and withdraws its own
run cosponsor "$s" --as IRN USA/2
expect_ok
run withdraw "$s" --as IRN IRN/2
expect_ok
run list "$s"
expect_ok
expect_out '^BRA/1 +proposed +MOD +p13 +b\) +BRA,CAN +Rev\.0$'
expect_out '^USA/2 +proposed +META +- +- +USA,IRN +Rev\.0$'
expect_out '^IRN/2 +withdrawn +META +- +- +IRN +Rev\.0$'
check '[ "$(wc -l <"$out")" -eq 35 ]' "35 amendments tabled (12 + 22 + 1)"

# --- the Forum's working group: positions ----------------------------------------------------
run stage "$s" forum_wg
expect_ok
# support: USA/2 (title), USA/18 (noting d)), USA/20-22 (invites: heading, new a), label),
# IRN/7 (noting c)), BRA/1; a reservation on USA/19; the USA objects to IRN/12
for id in USA/2 USA/18 USA/20 USA/21 USA/22 IRN/7 BRA/1 USA/19; do
	run position "$s" --as "${id%%/*}" "$id" support
	expect_ok
done
run position "$s" --as GBR IRN/7 support
expect_ok
run position "$s" --as CAN BRA/1 support
expect_ok
run position "$s" --as GBR USA/19 reserve
expect_ok
run position "$s" --as IRN IRN/12 support
expect_ok
run position "$s" --as USA IRN/12 object
expect_ok
# silence is no objection (consensus): what is not to be adopted is objected to
for n in 1 3 4 5 6 8 9 10 11; do
	run position "$s" --as USA "IRN/$n" object
	expect_ok
done
for n in 1 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do
	run position "$s" --as IRN "USA/$n" object
	expect_ok
done
# a decision here is refused: the Plenary decides
sum_before=$(cksum <"$s")
run decide "$s" --all
expect_failure 6 '^accord: decide refused by wtpf: the forum_wg stage \(Forum working groups\) does not take decisions; stages that do: plenary$'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "the refused decision leaves the file as it was"

# --- the Plenary decides --------------------------------------------------------------------
run stage "$s" --next
expect_ok
expect_out '^plenary$'
run decide "$s" --all
expect_ok
check '[ "$(wc -l <"$out")" -eq 34 ]' "34 decisions (every open amendment)"
for id in USA/2 USA/18 USA/20 USA/21 USA/22 IRN/7 BRA/1; do
	expect_out "^$(re_quote "$id") +proposed +-> agreed +\\{\"support\":[12],\"object\":0,.*\"note\":\"adopted by consensus\"\\}"
done
expect_out '^BRA/1 +proposed +-> agreed +\{"support":2,"object":0,"abstain":0,"reserve":0,"absent":22,'
expect_out '^USA/19 +proposed +-> agreed_ad_ref +\{"support":1,"object":0,"abstain":0,"reserve":1,"absent":22,"note":"1 reservation\(s\) placed on the record"\}'
expect_out '^IRN/12 +proposed +-> rejected +\{"support":1,"object":1,"abstain":0,"reserve":0,"absent":22,"note":"no consensus at the Plenary: the text is dropped"\}'
expect_out '^USA/5 +proposed +-> rejected +\{"support":0,"object":1,"abstain":0,"reserve":0,"absent":23,'
run status "$s" --json
expect_ok
expect_out '"amendments":\{"total":35,"proposed":0,"bracketed":0,"agreed":7,"agreed_ad_ref":1,"rejected":26,"withdrawn":1,"superseded":0\}'

# --- Rev.1 ----------------------------------------------------------------------------------
run revise "$s"
expect_ok
expect_out '^Rev\.1: 7 agreed amendments applied, 1 open amendment carried over$'
run text "$s" --rev 1
expect_ok
expect_same "$TESTDATA/sessions/wtpf-rev1.txt" "$out" "WTPF Rev.1 (written by hand)"
# the other formats of the revision: YAML and JSON read back to the same text; Markdown and
# HTML as accord parse writes them for that text (HTML's element ids are the revision's,
# USA/21 for the new paragraph, where a parse numbers them p1, p2 ...)
for format in yaml json; do
	run text "$s" --rev 1 --format "$format"
	expect_ok
	cp "$out" "$TMP/rev1.$format"
	run parse "$TMP/rev1.$format" --format text
	expect_ok
	expect_same "$TESTDATA/sessions/wtpf-rev1.txt" "$out" "Rev.1 as $format, read back"
done
run text "$s" --format json
expect_out '"id": "USA/21"'
for format in md html; do
	run parse "$TESTDATA/sessions/wtpf-rev1.txt" --format "$format"
	expect_ok
	sed 's/ id="[^"]*"//' "$out" >"$TMP/expected.$format"
	run text "$s" --format "$format"
	expect_ok
	sed 's/ id="[^"]*"//' "$out" >"$TMP/got.$format"
	expect_same "$TMP/expected.$format" "$TMP/got.$format" "Rev.1 as $format"
done
expect_out '^<title>OPINION \(1\) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE</title>$'
expect_out '^<div class="para" id="USA/21"><span class="label">a\)</span>to actively contribute '
run list "$s" --state agreed_ad_ref
expect_ok
expect_out '^USA/19 +agreed_ad_ref +MOD +p11 +a\) +USA +Rev\.1$'
run log "$s"
expect_ok
expect_out '^ +1  .*  chair +init +workflow wtpf, stage preparation'
expect_out '^ +[0-9]+  .*  chair +revise +Rev\.1: 7 applied, 1 carried over, 0 lapsed$'
check '[ "$(wc -l <"$out")" -eq 49 ]' "49 events: init, 2 submits, propose, 2 cosponsors, withdraw, 2 stages, 38 positions, decide, revise"
run replay "$s"
expect_ok
expect_out ': 49 events replayed; the tables match the log$'

finish
