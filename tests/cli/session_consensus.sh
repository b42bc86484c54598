# session_consensus.sh: consensus as bodies practise it. Under the WTPF pack a text nobody
# objected to is agreed (silence is no objection) and one a participant objected to is not;
# the chair's ruling ("it is so decided") where the stage allows "rule", refused elsewhere
# with the pack's words and nothing written; what decide's ctx carries (the amendment, the
# tally with names, the stage, the roster); a malformed decision is a pack error (exit 4).
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
s=$TMP/wtpf.accord
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

run init "$s" --workflow wtpf --base "$base" --roster "$roster"
expect_ok
run submit "$s" --as IRN "$SEEDS/contrib-IRN.txt"
expect_ok
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_ok
run stage "$s" forum_wg
expect_ok
run position "$s" --as USA IRN/3 object
expect_ok
run position "$s" --as IRN USA/7 object
expect_ok
run position "$s" --as GBR USA/7 support
expect_ok

# the working group takes no decision and no ruling: the pack's words, nothing written
sum_before=$(cksum <"$s")
run decide "$s" --amendment USA/5 --as-chair agreed
expect_failure 6 '^accord: decide refused by wtpf: the forum_wg stage \(Forum working groups\) does not take decisions; stages that do: plenary$'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "the refused ruling leaves the file as it was"
run decide "$s" --amendment USA/5 --as-chair maybe
expect_failure 2 '^accord: decide: --as-chair rules agreed or bracketed$'

run stage "$s" plenary
expect_ok
# silence: nobody spoke on USA/5, nobody objected: agreed (consensus: no objection)
run decide "$s" --amendment USA/5
expect_ok
expect_out '^USA/5 +proposed +-> agreed +\{"support":0,"object":0,"abstain":0,"reserve":0,"absent":24,"note":"no objection: it is so decided"\}'
# an objection: no consensus at the Plenary, dropped
run decide "$s" --amendment IRN/3
expect_ok
expect_out '^IRN/3 +proposed +-> rejected +\{"support":0,"object":1,.*"note":"no consensus at the Plenary: the text is dropped"\}'
# the chair rules: USA/7 agreed over IRN's objection, USA/8 left in brackets
run decide "$s" --amendment USA/7 --as-chair agreed
expect_ok
expect_out "^USA/7 +proposed +-> agreed +\\{\"support\":1,\"object\":1,\"abstain\":0,\"reserve\":0,\"absent\":22,\"ruling\":\"agreed\",\"note\":\"the chair's ruling: it is so decided\"\\} chair's ruling\$"
run decide "$s" --amendment USA/8 --as-chair bracketed
expect_ok
expect_out '^USA/8 +proposed +-> bracketed '
run log "$s"
expect_ok
expect_out "^ +[0-9]+  .*  chair +decide +USA/7 agreed \\(chair's ruling\\)\$"
expect_out '^ +[0-9]+  .*  chair +decide +USA/5 agreed$'
run replay "$s"
expect_ok

# --- packs of our own ------------------------------------------------------------------------
mkdir "$TMP/packs"
cp -R "$ACCORD_WORKFLOWS/lib" "$TMP/packs/lib"
# the Plenary decides but the chair may not rule there
sed 's/"object", "decide", "rule" }/"object", "decide" }/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/norule.lua"
# decide reports what its ctx carries in its note
# (workflow check's sample calls have no amendment)
sed 's/^return pack$/local decide = pack.decide\
pack.decide = function(positions, ctx)\
  local a = ctx.amendment\
  if a == nil then return decide(positions, ctx) end\
  local note = string.format("%s %s %s %s by %s with %s; %s at round %d; support %s; object %s; silent %d; stage %s; %s",\
    ctx.action, a.id, a.op, tostring(a.target), a.proposer, table.concat(a.cosponsors, ","), a.state, a.round,\
    table.concat(ctx.tally.support, ","), table.concat(ctx.tally.object, ","), #ctx.tally.silent, ctx.stage,\
    ctx.roster.parties[a.proposer].name)\
  return { outcome = "bracketed", tally = { support = #ctx.tally.support }, note = note }\
end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/ctx.lua"
# decide returns a decision without its tally
sed 's/^return pack$/local decide = pack.decide\
pack.decide = function(p, ctx) if ctx.stage then return { outcome = "agreed" } end return decide(p, ctx) end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/malformed.lua"
check 'grep -q "ctx.tally.silent" "$TMP/packs/ctx.lua" && grep -q "plenary.*allows = { \"object\", \"decide\" }" "$TMP/packs/norule.lua"' \
	"the packs are made"

for pack in norule ctx malformed; do
	run init "$TMP/$pack.accord" --workflow "$TMP/packs/$pack.lua" --base "$base" --roster "$roster"
	expect_ok
	run propose "$TMP/$pack.accord" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
	expect_ok
	run cosponsor "$TMP/$pack.accord" --as CAN BRA/1
	expect_ok
	run stage "$TMP/$pack.accord" forum_wg
	expect_ok
	run position "$TMP/$pack.accord" --as USA BRA/1 support
	expect_ok
	run position "$TMP/$pack.accord" --as IRN BRA/1 object
	expect_ok
	run stage "$TMP/$pack.accord" plenary
	expect_ok
done
sum_before=$(cksum <"$TMP/norule.accord")
run decide "$TMP/norule.accord" --all --as-chair agreed
expect_failure 6 "^accord: a chair's ruling refused by wtpf: the plenary stage \\(Closing Plenary: approval of opinions\\) does not take the chair's rulings; no stage does\$"
check '[ "$(cksum <"$TMP/norule.accord")" = "$sum_before" ]' "the refused ruling leaves the file as it was"
run decide "$TMP/norule.accord" --all
expect_ok
expect_out '^BRA/1 +proposed +-> rejected '

run decide "$TMP/ctx.accord" --amendment BRA/1
expect_ok
expect_out '"note":"decide BRA/1 MOD p13 by BRA with CAN; proposed at round 0; support USA; object IRN; silent 22; stage plenary; Brazil"'

# accord workflow check reads a decision as a session does: one without its tally is refused,
# with a roster or without one
sed 's/^return pack$/pack.decide = function(p, ctx) return { outcome = "agreed" } end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/notally.lua"
run workflow check "$TMP/packs/notally.lua"
expect_failure 3 'decide: tally must be a table'
run workflow check "$TMP/packs/notally.lua" --roster "$roster"
expect_failure 3 'decide: tally must be a table'

sum_before=$(cksum <"$TMP/malformed.accord")
run decide "$TMP/malformed.accord" --all
expect_failure 4 'decide: tally must be a table'
check '[ "$(cksum <"$TMP/malformed.accord")" = "$sum_before" ]' "the failed decision leaves the file as it was"

finish
