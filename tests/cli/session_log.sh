# session_log.sh: the event log (accord log, core/src/session/store_log.c) of a session
# driven through every action, and the same log as records through Lua (s:log(),
# tests/lua/test_session_log.lua) checked against `accord log --json`.
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LUA_SCRIPT=$ROOT/tests/lua/test_session_log.lua
s=$TMP/log.db

run init "$s" --workflow wtpf --base "$BASE" --roster "$SEEDS/roster.yaml"
expect_ok
run submit "$s" --as IRN "$SEEDS/contrib-IRN.txt"
expect_ok
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_ok
run propose "$s" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_out '^BRA/1$'
run propose "$s" --as BRA --add-paragraph "to report on progress to the next Forum." --after p13 --label "c)"
expect_out '^BRA/2$'
# a compromise replacing BRA/1 is BRA's to table: the wtpf pack has no may_supersede, so only an
# amendment's proposer (or the chair or secretariat) may supersede it (it was CHN's before that rule)
run propose "$s" --as BRA --paragraph p13 --insert "and others" --after-text "Sector Members" --supersedes BRA/1
expect_out '^BRA/3$'
run cosponsor "$s" --as CAN BRA/3
expect_ok
run withdraw "$s" --as BRA BRA/2
expect_ok
run comment "$s" --as USA --on p13 'A "quoted" remark on p13, long enough to be cut at sixty bytes in the log.'
expect_ok
run comment "$s" --as IRN --on BRA/3 "On BRA/3."
expect_ok
run comment "$s" --as BRA "On the text as a whole."
expect_ok
run stage "$s" forum_wg
expect_ok
run position "$s" --as USA BRA/3 support
expect_ok
run position "$s" --as IRN BRA/3 reserve
expect_ok
run position "$s" --as USA IRN/3 object
expect_ok
run position "$s" --as USA IRN/12 object
expect_ok
run stage "$s" plenary
expect_ok
run decide "$s" --amendment IRN/3
expect_ok
run decide "$s" --paragraph p13
expect_ok
run decide "$s" --all
expect_ok
run revise "$s" --allow-empty
expect_ok

run log "$s"
expect_ok
cp "$out" "$TMP/log.txt"
expect_out '^ +1  .*  chair +init +workflow wtpf, stage preparation, base .*base-wtpf-ieg-2-10-opinion-1.txt, [0-9]+ parties$'
expect_out '^ +2  .*  IRN +submit +.*contrib-IRN.txt: IRN/1 '
expect_out '^ +[0-9]+  .*  BRA +propose +BRA/3 MOD p13 superseding BRA/1$'
expect_out '^ +[0-9]+  .*  CAN +cosponsor +BRA/3$'
expect_out '^ +[0-9]+  .*  BRA +withdraw +BRA/2$'
expect_out '^ +[0-9]+  .*  USA +comment +p13: "A "quoted" remark on p13, long enough to be cut at sixty byt"$'
expect_out '^ +[0-9]+  .*  IRN +comment +BRA/3: "On BRA/3."$'
expect_out '^ +[0-9]+  .*  BRA +comment +"On the text as a whole."$'
expect_out '^ +[0-9]+  .*  chair +stage +preparation -> forum_wg$'
expect_out '^ +[0-9]+  .*  IRN +position +reserve on BRA/3$'
expect_out '^ +[0-9]+  .*  chair +decide +IRN/3 rejected$'
expect_out '^ +[0-9]+  .*  chair +decide +IRN/12 rejected, BRA/3 agreed_ad_ref$'
expect_out '^ +[0-9]+  .*  chair +revise +Rev.1: [0-9]+ applied, [0-9]+ carried over, [0-9]+ lapsed$'
events=$(wc -l <"$out")
run log "$s" --json
expect_ok
cp "$out" "$TMP/log.json"
check '[ "$(wc -l <"$out")" -eq "$events" ]' "log --json has one line per event"

run run "$LUA_SCRIPT" "$ROOT" "$s" "$TMP/log.json"
expect_ok
expect_out "^s:log\(\) matches accord log --json: $events records"

finish
