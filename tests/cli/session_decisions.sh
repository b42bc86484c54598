# session_decisions.sh: decisions in sessions run by the real rule packs, each checked by the
# transition it made, the tally it recorded and the text of the revision that follows:
#   CWG-Internet: proposed -> bracketed (a Member State objects), bracketed -> bracketed,
#     bracketed -> agreed (the objection lifted), bracketed -> agreed_ad_ref (a reservation),
#     agreed_ad_ref -> agreed_ad_ref, agreed_ad_ref -> agreed (the reservation lifted),
#     agreed_ad_ref -> bracketed (a new objection); the stage checks (no decision in a
#     consultation or at the Chair's report, exit 6, the file as it was); stakeholders take
#     no positions.
#   UN General Assembly: a vote without quorum (bracketed), then adopted by a majority
#     (bracketed -> agreed), rejected by a majority (proposed -> rejected, and
#     bracketed -> rejected), adopted without a vote; observers neither propose nor object.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

# decided SESSION ID FROM TO TALLY_RE: accord decide --amendment ID moves it FROM -> TO,
# and the line shows a tally matching TALLY_RE.
decided() {
	run decide "$1" --amendment "$2"
	expect_ok
	expect_out "^$(re_quote "$2") +$3 +-> $4 +\\{$5"
	check '[ "$(wc -l <"$out")" -eq 1 ]' "one decision for $2"
}

# position_ok SESSION PARTY ID POSITION
position_ok() {
	run position "$1" --as "$2" "$3" "$4"
	expect_ok
	expect_out "^$2: $4 on $(re_quote "$3")\$"
}

# ==== CWG-Internet ==========================================================================
c=$TMP/cwg.db
run init "$c" --workflow cwg_internet --base "$base" --roster "$roster"
expect_ok
for n in 1 2 3 4; do
	run propose "$c" --as USA --paragraph "p$n" --insert "(USA $n)"
	expect_ok
	expect_out "^USA/$n\$"
done
tally_cwg='"support":0,"object":1,"abstain":0,"reserve":0,"absent":20,"note":"no consensus among the Member States present yet"\}'
for n in 1 2 3 4; do
	position_ok "$c" IRN "USA/$n" object
	decided "$c" "USA/$n" proposed bracketed "$tally_cwg"
done
# the objection stands: it stays bracketed
decided "$c" USA/4 bracketed bracketed '"support":0,"object":1,'
# the objection lifted: bracketed -> agreed
position_ok "$c" IRN USA/1 support
decided "$c" USA/1 bracketed agreed '"support":1,"object":0,"abstain":0,"reserve":0,"absent":20,"note":"agreed by consensus of the Member States present"\}'
# an objection turned into a reservation: bracketed -> agreed_ad_ref, which stays, then agreed
position_ok "$c" IRN USA/2 reserve
decided "$c" USA/2 bracketed agreed_ad_ref '"support":0,"object":0,"abstain":0,"reserve":1,'
decided "$c" USA/2 agreed_ad_ref agreed_ad_ref '"support":0,"object":0,"abstain":0,"reserve":1,'
position_ok "$c" IRN USA/2 support
decided "$c" USA/2 agreed_ad_ref agreed '"support":1,"object":0,"abstain":0,"reserve":0,'
# a reservation, then another Member State objects: agreed_ad_ref -> bracketed
position_ok "$c" IRN USA/3 reserve
decided "$c" USA/3 bracketed agreed_ad_ref '"support":0,"object":0,"abstain":0,"reserve":1,'
position_ok "$c" CHN USA/3 object
decided "$c" USA/3 agreed_ad_ref bracketed '"support":0,"object":1,"abstain":0,"reserve":1,'
# closed: no decision, no position
run decide "$c" --amendment USA/1
expect_failure 6 '^accord: USA/1 is agreed: it cannot be decided again$'
run position "$c" --as IRN USA/1 object
expect_failure 6 '^accord: .*USA/1 is agreed'
# a stakeholder's view is a comment, not a position
run position "$c" --as ISOC USA/4 support
expect_failure 6 '^accord: .*only Member States take decisions in the group \(Council Res\. 1336\)'
run list "$c"
expect_ok
expect_out '^USA/1 +agreed +MOD +p1 +a\) +USA +Rev\.0$'
expect_out '^USA/2 +agreed +MOD +p2 +b\) +USA +Rev\.0$'
expect_out '^USA/3 +bracketed +MOD +p3 +c\) +USA +Rev\.0$'
expect_out '^USA/4 +bracketed +MOD +p4 +d\) +USA +Rev\.0$'
run log "$c" --json
expect_ok
check '[ "$(grep -c "\"action\":\"decide\"" "$out")" -eq 11 ]' "eleven decide events"

# the stage checks: a consultation and the Chair's report take no decisions
for stage in online_consultation chair_report; do
	run stage "$c" "$stage"
	expect_ok
	sum_before=$(cksum <"$c")
	run decide "$c" --all
	expect_failure 6 "^accord: decide refused by cwg_internet: the $stage stage \\(.*\\) does not take decisions; stages that do: meeting, next_meeting\$"
	run decide "$c" --amendment USA/4
	expect_failure 6 "the $stage stage .* does not take decisions"
	check '[ "$(cksum <"$c")" = "$sum_before" ]' "a decision refused at $stage leaves the file as it was"
done
# back to the meeting: stages move forward, so going back says so (--back)
run stage "$c" next_meeting
expect_failure 6 "stage 'next_meeting' comes before the current stage 'chair_report': stages move forward; going back needs --back"
run stage "$c" --back next_meeting
expect_ok
decided "$c" USA/4 bracketed bracketed '"support":0,"object":1,'

# Rev.1: the two agreed insertions, the bracketed ones carried over
run revise "$c"
expect_ok
expect_out '^Rev\.1: 2 agreed amendments applied, 2 open amendments carried over$'
run parse "$base" --format text
sed -e 's/^\(a)	that, per article 37 .*themselves;\)$/\1 (USA 1)/' \
	-e 's/^\(b)	that Internet governance consists .*expertise;\)$/\1 (USA 2)/' "$out" >"$TMP/cwg-rev1.txt"
check '[ "$(diff "$out" "$TMP/cwg-rev1.txt" | grep -c "^>")" -eq 2 ]' "the expected Rev.1 differs from the base in two lines"
run text "$c"
expect_ok
expect_same "$TMP/cwg-rev1.txt" "$out" "CWG-Internet Rev.1"
run list "$c" --state bracketed
expect_ok
expect_out '^USA/3 +bracketed +MOD +p3 +c\) +USA +Rev\.1$'
expect_out '^USA/4 +bracketed +MOD +p4 +d\) +USA +Rev\.1$'
run replay "$c"
expect_ok

# ==== UN General Assembly: votes ==============================================================
# Seven Member States and an observer: a quorum is 4 present (rule 67). Few parties keep the
# number of accord runs small (the CLI tests also run under valgrind).
u=$TMP/unga.db
cat >"$TMP/un7.yaml" <<'EOF'
body: United Nations General Assembly (seven members)
roles:
  member_state: Member State of the United Nations
  observer: Observer (non-member State, intergovernmental organization)
parties:
  - {code: BRA, name: Brazil, role: member_state}
  - {code: CHN, name: China, role: member_state}
  - {code: EGY, name: Egypt, role: member_state}
  - {code: FRA, name: France, role: member_state}
  - {code: IND, name: India, role: member_state}
  - {code: KEN, name: Kenya, role: member_state}
  - {code: USA, name: United States of America, role: member_state}
  - {code: VAT, name: Holy See, role: observer}
EOF
members="BRA CHN EGY FRA IND KEN USA"
run init "$u" --workflow un_ga --base "$base" --roster "$TMP/un7.yaml"
expect_ok
run stage "$u" first_reading
expect_ok
for n in 1 2 3 4 5; do
	run propose "$u" --as BRA --paragraph "p$((8 + n))" --insert "(BRA $n)"
	expect_ok
	expect_out "^BRA/$n\$"
done
run propose "$u" --as VAT --paragraph p13 --insert "x"
expect_failure 6 '^accord: VAT may not propose VAT/1: only Member States submit proposals and amendments; observers may speak$'
run stage "$u" second_reading
expect_ok

# votes ID YES NO ABSTAIN: the first YES members support ID, the next NO object, the next
# ABSTAIN abstain; the rest take no position (absent).
votes() {
	id=$1
	i=0
	for code in $members; do
		i=$((i + 1))
		if [ $i -le "$2" ]; then
			position_ok "$u" "$code" "$id" support
		elif [ $i -le $(($2 + $3)) ]; then
			position_ok "$u" "$code" "$id" object
		elif [ $i -le $(($2 + $3 + $4)) ]; then
			position_ok "$u" "$code" "$id" abstain
		fi
	done
}

# 2 yes, 1 no: 3 of 7 present, no quorum (rule 67): a vote still to be taken, bracketed
votes BRA/1 2 1 0
decided "$u" BRA/1 proposed bracketed '"support":2,"object":1,"abstain":0,"reserve":0,"absent":4,"yes":2,"no":1,"result":"no quorum","note":"fewer than a majority of the members present \(rule 67\)"\}'
# more delegations come: 3 yes, 1 no, 1 abstention: adopted by a simple majority
votes BRA/1 3 1 1
decided "$u" BRA/1 bracketed agreed '"support":3,"object":1,"abstain":1,"reserve":0,"absent":2,"yes":3,"no":1,"result":"adopted","note":"3 in favour, 1 against, 1 abstentions \(simple majority: 3 needed\)"\}'
# 1 yes, 3 no: rejected at once
votes BRA/2 1 3 0
decided "$u" BRA/2 proposed rejected '"support":1,"object":3,"abstain":0,"reserve":0,"absent":3,"yes":1,"no":3,"result":"rejected","note":"1 in favour, 3 against, 0 abstentions \(simple majority: 3 needed\)"\}'
# no quorum first, then a tie: bracketed -> rejected (rule 95)
votes BRA/3 1 1 0
decided "$u" BRA/3 proposed bracketed '"support":1,"object":1,.*"result":"no quorum"'
votes BRA/3 2 2 0
decided "$u" BRA/3 bracketed rejected '"support":2,"object":2,"abstain":0,"reserve":0,"absent":3,"yes":2,"no":2,"result":"rejected","note":"2 in favour, 2 against, 0 abstentions \(simple majority: 3 needed\); a tie rejects \(rule 95\)"\}'
# no objection: adopted without a vote; an observer's objection does not count
votes BRA/4 4 0 0
run position "$u" --as VAT BRA/4 object
expect_failure 6 '^accord: .*only Member States may object to a consensus$'
decided "$u" BRA/4 proposed agreed '"support":4,"object":0,"abstain":0,"reserve":0,"absent":3,"note":"adopted without a vote"\}'
# a reservation joins the consensus: agreed ad referendum
votes BRA/5 3 0 0
position_ok "$u" USA BRA/5 reserve
decided "$u" BRA/5 proposed agreed_ad_ref '"support":3,"object":0,"abstain":0,"reserve":1,"absent":3,"note":"adopted without a vote; 1 reservation\(s\) on the record"\}'
run status "$u" --json
expect_ok
expect_out '"amendments":\{"total":5,"proposed":0,"bracketed":0,"agreed":2,"agreed_ad_ref":1,"rejected":2,"withdrawn":0,"superseded":0\}'

# Rev.1: BRA/1 and BRA/4 (agreed) in the text, BRA/5 (ad referendum) carried over
run revise "$u"
expect_ok
expect_out '^Rev\.1: 2 agreed amendments applied, 1 open amendment carried over$'
run parse "$base" --format text
sed -e 's/^\(c)	that these attempts .*initiatives;\)$/\1 (BRA 1)/' \
	-e 's/^\(a)	the Secretary-General to collaborate .*governance;\)$/\1 (BRA 4)/' "$out" >"$TMP/unga-rev1.txt"
check '[ "$(diff "$out" "$TMP/unga-rev1.txt" | grep -c "^>")" -eq 2 ]' "the expected Rev.1 differs from the base in two lines"
run text "$u"
expect_ok
expect_same "$TMP/unga-rev1.txt" "$out" "UN GA Rev.1"
run list "$u" --state agreed_ad_ref
expect_ok
expect_out '^BRA/5 +agreed_ad_ref +MOD +p13 +b\) +BRA +Rev\.1$'
run replay "$u"
expect_ok

# A new paragraph placed after one the meeting rejected: the compilation places it where the
# rejected one would have gone (it failed with "no paragraph or section 'USA/9' to place it by"),
# and the revision that adopts it does the same.
c=$TMP/chain.accord
run init "$c" --workflow wtpf --base "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" --roster "$SEEDS/roster.yaml"
expect_status 0
run submit "$c" --as USA "$SEEDS/contrib-USA.txt"
expect_out '^  USA/9 +ADD +USA/8$'
expect_out '^  USA/10 +ADD +USA/9$'
run stage "$c" plenary
run position "$c" --as IRN USA/9 object
run decide "$c" --amendment USA/9
expect_out '^USA/9 +proposed +-> rejected '
run compile "$c" --color never
expect_ok
check "grep -A1 '\[ADD USA/8 ' '$out' | grep -q '\[ADD USA/10 (USA): Intergovernmental organizations'" \
	"USA/10 follows USA/8 once USA/9 is rejected"
expect_no_out 'USA/9'
run decide "$c" --amendment USA/10
expect_out '^USA/10 +proposed +-> agreed '
run compile "$c" --color never
expect_ok
run revise "$c"
expect_ok
run text "$c"
expect_out '^c bis\)	Intergovernmental organizations have had, and should continue to have, a facilitating role'
run compile "$c" --color never
expect_ok

finish
