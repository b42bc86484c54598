# session_wtpf_adopted.sh: a WTPF-13 drafting session from the seeds to an adopted Rev.1 in which
# new paragraphs lean on amendments that were not agreed (issue 11). The United States proposes a
# new recognizing d) (USA/5, with sub-items), moves the old d) into it (USA/12, its deletion
# where it stood) and adds "paragraph 55" after its new d) (USA/13). The Plenary agrees USA/13
# and rejects USA/5 and USA/12: "paragraph 55" goes where the USA put it, after the old d) that
# stays, before e); its label e) is e)'s, so it is "d bis)" (wtpf renumbers only at adoption).
# Also agreed: new first paragraphs under noting (USA/15) and invites (USA/21, whose a) is
# p12's, which keeps it: USA/22 is not agreed), both "new)"; Iran's new paragraph after noting d)
# (IRN/9, labelled ")"), "d bis)"; the title (USA/2, Iran co-sponsoring); Iran's and the USA's
# edits of noting c) and d) (IRN/7, USA/18); Brazil's hand proposal co-sponsored by Canada (BRA/1).
#
# Rev.1 is compared byte for byte with tests/data/sessions/wtpf-adopted-rev1.txt, written by
# hand: the base text (accord parse of the seed), each agreed amendment applied as accord diff
# shows it (the inserted words, the new paragraphs' texts), the new paragraphs placed and
# labelled as docs/sessions.md ("Revisions") says, every list checked for order and repeats.
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
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_ok
run propose "$s" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_ok
expect_out '^BRA/1$'
run cosponsor "$s" --as CAN BRA/1
expect_ok
run cosponsor "$s" --as IRN USA/2
expect_ok
# what the decisions below are about
run list "$s"
expect_ok
expect_out '^USA/5 +proposed +ADD +p3 '
expect_out '^USA/12 +proposed +MOVE +p4 '
expect_out '^USA/13 +proposed +ADD +USA/5 '
expect_out '^USA/15 +proposed +ADD +s2 '
expect_out '^USA/21 +proposed +ADD +s4 '
expect_out '^IRN/9 +proposed +ADD +p10 '

# --- the Forum's working group: positions ----------------------------------------------------
run stage "$s" forum_wg
expect_ok
for id in USA/2 USA/13 USA/15 USA/18 USA/21 IRN/7 IRN/9 BRA/1; do
	run position "$s" --as "${id%%/*}" "$id" support
	expect_ok
done
run position "$s" --as CAN BRA/1 support
expect_ok
run position "$s" --as USA IRN/9 support
expect_ok
# the new d) and the move of the old one into it: Iran objects
for id in USA/5 USA/12; do
	run position "$s" --as IRN "$id" object
	expect_ok
done

# --- the Plenary decides, amendment by amendment ----------------------------------------------
run stage "$s" --next
expect_ok
for id in USA/2 USA/13 USA/15 USA/18 USA/21 IRN/7 IRN/9 BRA/1; do
	run decide "$s" --amendment "$id"
	expect_ok
	expect_out "^$(re_quote "$id") +proposed +-> agreed "
done
for id in USA/5 USA/12; do
	run decide "$s" --amendment "$id"
	expect_ok
	expect_out "^$(re_quote "$id") +proposed +-> rejected "
done

# --- Rev.1 ----------------------------------------------------------------------------------
run revise "$s"
expect_ok
expect_out '^Rev\.1: 8 agreed amendments applied, '
run text "$s" --rev 1
expect_ok
expect_same "$TESTDATA/sessions/wtpf-adopted-rev1.txt" "$out" "WTPF Rev.1 with paragraph 55 (written by hand)"
# no label twice in a list, whatever the text: each section's labels, one a line
awk -F '\t' '/^\t/ { section++ } /^[^\t]+\t/ { print section, $1 }' "$out" | sort | uniq -d >"$TMP/repeats"
check '[ ! -s "$TMP/repeats" ]' "no label repeats in its list"
# the outline shows the stored ids beside the labels: USA/13 between p4 and p5
run text "$s" --rev 1 --format outline
expect_ok
awk '/^s1 / { inside = 1; next } /^$/ { inside = 0 } inside && $1 ~ /^(p4|USA\/13|p5)$/ { printf "%s ", $1 }' "$out" >"$TMP/order"
check '[ "$(cat "$TMP/order")" = "p4 USA/13 p5 " ]' "USA/13 after the old d) (p4), before e) (p5)"
run replay "$s"
expect_ok

finish
