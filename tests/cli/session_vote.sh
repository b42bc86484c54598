# session_vote.sh: recorded votes under the UN General Assembly pack (rules 83, 85, 86):
# a party's vote and the chair's roll call, who may vote (Member States, not observers),
# the stage's gate ("vote"), the threshold the pack applies to the recorded votes (a simple
# majority, two-thirds for an important question), and refusals that change nothing.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$TESTDATA/workflows/un-roster.yaml
u=$TMP/ga.accord
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

members=$(sed -n 's/^  - {code: \([A-Z]*\),.*role: member_state}$/\1/p' "$roster")
observer=$(sed -n 's/^  - {code: \([A-Z]*\),.*role: observer}$/\1/p' "$roster" | head -n 1)
check '[ "$(echo $members | wc -w)" -eq 40 ] && [ -n "$observer" ]' "40 Member States and an observer"

run init "$u" --workflow un_ga --base "$base" --roster "$roster"
expect_ok
run stage "$u" first_reading
expect_ok
for n in 1 2 3; do
	run propose "$u" --as BRA --paragraph "p$((9 + n))" --insert "(BRA $n)"
	expect_ok
done

# the first reading takes no votes: the stage's words, nothing written
sum_before=$(cksum <"$u")
run vote "$u" --as USA BRA/1 yes
expect_failure 6 '^accord: vote refused by un_ga: the first_reading stage \(.*\) does not take votes; stages that do: adoption$|^accord: USA may not vote BRA/1: the first_reading stage \(.*\) does not take votes; stages that do: adoption$'
check '[ "$(cksum <"$u")" = "$sum_before" ]' "the refused vote leaves the file as it was"

run stage "$u" adoption
expect_ok

# roll_call ID YES NO ABSTAIN: the first YES members vote yes, the next NO no, the next
# ABSTAIN abstain; the rest are not present
roll_call() {
	id=$1
	calls=
	i=0
	for code in $members; do
		i=$((i + 1))
		if [ $i -le "$2" ]; then
			calls="$calls,$code=yes"
		elif [ $i -le $(($2 + $3)) ]; then
			calls="$calls,$code=no"
		elif [ $i -le $(($2 + $3 + $4)) ]; then
			calls="$calls,$code=abstain"
		fi
	done
	shift 4
	run vote "$u" "$id" --roll-call "${calls#,}" "$@"
}

# an observer may not vote: refused with the pack's words, nothing written
log_before=$TMP/log-before
run log "$u" --json
expect_ok
cp "$out" "$log_before"
sum_before=$(cksum <"$u")
run vote "$u" --as "$observer" BRA/1 yes
expect_failure 6 "^accord: $observer may not vote on BRA/1: only Member States vote \\(Charter Art. 18\\)\$"
check '[ "$(cksum <"$u")" = "$sum_before" ]' "the observer's refused vote leaves the file as it was"
run log "$u" --json
expect_same "$log_before" "$out" "the log after the refused vote"
# nor in a roll call: the whole roll call is refused
run vote "$u" BRA/1 --roll-call "USA=yes,$observer=no"
expect_failure 6 "^accord: $observer may not vote on BRA/1: only Member States vote"
check '[ "$(cksum <"$u")" = "$sum_before" ]' "the refused roll call leaves the file as it was"
# a party twice in a roll call is bad input; a malformed roll call is usage
run vote "$u" BRA/1 --roll-call "USA=yes,usa=no"
expect_failure 3 '^accord: USA votes twice in the roll call on BRA/1$'
run vote "$u" BRA/1 --roll-call "USA=perhaps"
expect_failure 2 'PARTY=yes|no|abstain'
run vote "$u" --as USA BRA/1 perhaps
expect_failure 2 'a vote is yes, no or abstain'
run vote "$u" --as XYZ BRA/1 yes
expect_failure 6 "'XYZ' is not a party to this session"
check '[ "$(cksum <"$u")" = "$sum_before" ]' "the failed votes leave the file as they found it"

# BRA/1: 10 yes, 6 no, 5 abstentions (21 of 40 present): adopted by a simple majority
roll_call BRA/1 10 6 5
expect_ok
expect_out '^roll call on BRA/1: 21 votes recorded$'
# a party's own vote, in any case: replaces nothing here (it did not vote yet)
run vote "$u" --as usa BRA/1 abstain
expect_ok
run decide "$u" --amendment BRA/1
expect_ok
expect_out '^BRA/1 +proposed +-> agreed +.*"yes":10,"no":6,"result":"adopted","note":"10 in favour, 6 against, 6 abstentions \(simple majority: 9 needed\)"'

# BRA/2: the same votes on an important question (rule 83): 10/16 is short of two-thirds
roll_call BRA/2 10 6 5 --important
expect_ok
expect_out '^roll call on BRA/2: 21 votes recorded; an important question$'
run decide "$u" --amendment BRA/2
expect_ok
expect_out '^BRA/2 +proposed +-> rejected +.*"yes":10,"no":6,"result":"rejected","note":"10 in favour, 6 against, 5 abstentions \(two-thirds majority: 11 needed\)"'

# BRA/3: marked important by decide itself; 11 yes, 5 no (11/16 >= 2/3): adopted
roll_call BRA/3 11 5 5
expect_ok
run decide "$u" --amendment BRA/3 --important --json
expect_ok
expect_out '"outcome":"agreed","from":"proposed","to":"agreed".*"yes":11,"no":5,"result":"adopted".*two-thirds majority: 11 needed'

# a vote on a decided amendment is an illegal transition
run vote "$u" --as USA BRA/1 no
expect_failure 6 '^accord: BRA/1 is agreed: only an open amendment is put to the vote$'

# the log records each vote; the events replay
run log "$u"
expect_ok
expect_out '^ +[0-9]+  .*  chair +vote +BRA/1: 21 votes$'
expect_out '^ +[0-9]+  .*  USA +vote +BRA/1: USA abstain$'
expect_out '^ +[0-9]+  .*  chair +vote +BRA/2: 21 votes; important$'
run replay "$u"
expect_ok

# a pack without votes: the WTPF refuses every vote (no stage allows "vote")
w=$TMP/wtpf.accord
run init "$w" --workflow wtpf --base "$base" --roster "$SEEDS/roster.yaml"
expect_ok
run propose "$w" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_ok
run vote "$w" --as USA BRA/1 yes
expect_failure 6 'does not take votes; no stage does$'

finish
