# simulate.sh: accord simulate: a scenario whose outcome is known (agents without chance),
# determinism (the same seed gives the same bytes, any --jobs gives the same aggregate, shards
# merged give exactly one run's), the session file and the transcript, the report, and bad
# scenarios ending with one clear line and no output.
. "$(dirname "$0")/lib.sh" "$@"

data=$TESTDATA/simulate

# --- a known outcome: AAA/1 agreed in every run, BBB/1 rejected, CCC pivotal -------------------
run simulate "$data/fixed.lua" --runs 5
expect_ok
expect_out '^fixed under wtpf: 5 runs \(seed 1\)$'
expect_out '^  AAA/1 +MOD +p1 +100\.0% .*rejected +0\.0% +\[AAA\]$'
expect_out '^  BBB/1 +MOD +p3 +0\.0% .*rejected 100\.0% +\[BBB\]$'
expect_out '^  CCC +5 \(1\.00 a run\)$'
run simulate "$data/fixed.lua" --runs 5 --json
expect_ok
check 'grep -q "\"accord\": \"simulation/1\"" "$out"' "the JSON names its schema"
check 'grep -q "\"p_agreed\": 1" "$out"' "p_agreed of AAA/1 is 1"

# --- the compromise path: CCC objects to "sovereign" and offers BBB/1 without it ------------------
run simulate "$data/compromise.lua" --runs 3 --transcript "$TMP/compromise.txt" --session "$TMP/compromise.session"
expect_ok
expect_out '^  BBB/1 +MOD +p3 +0\.0% .* compromise 100\.0% +open +0\.0% +rejected +0\.0% +\[BBB\]$'
check 'grep -q "^  compromise offered by CCC, tabled by BBB: BBB/2 supersedes BBB/1$" "$TMP/compromise.txt"' \
	"the transcript shows the compromise tabled"
check 'grep -q "^  decided: BBB/2 agreed" "$TMP/compromise.txt"' "the compromise is agreed at the plenary"
check 'grep -q "^a)	all of us to read it\.$" "$TMP/compromise.txt"' "the text keeps BBB's other edit, not the words CCC objected to"
run list "$TMP/compromise.session"
expect_ok
expect_out '^BBB/1 .*superseded'
run simulate "$data/compromise.lua" --runs 2 --json
expect_ok
check 'grep -q "\"compromise\": 2" "$out"' "the JSON counts the runs that ended in a compromise"
check 'grep -q "\"p_survives\": 1" "$out"' "p_survives counts the compromise"

# --- the chair's compromise: the edit both alternatives make, tabled in their proposers' names ------
run simulate "$data/chair.lua" --runs 3 --transcript "$TMP/chair.txt" --session "$TMP/chair.session"
expect_ok
expect_out '^  AAA/1 +MOD +p3 +0\.0% .* compromise 100\.0% +open +0\.0% +rejected +0\.0% +\[AAA\]$'
expect_out '^  BBB/1 +MOD +p3 +0\.0% .* compromise 100\.0% +open +0\.0% +rejected +0\.0% +\[BBB\]$'
check 'grep -q "^  chair.s compromise on p3 (the edits every alternative makes): AAA/2, tabled by AAA, co-sponsored by BBB, supersedes AAA/1; withdrawn in its favour: BBB/1$" "$TMP/chair.txt"' \
	"the transcript says the chair's compromise and what it replaced"
check 'grep -q "^a)	all of us to read it\.$" "$TMP/chair.txt"' "the text keeps the words both alternatives keep"
run list "$TMP/chair.session"
expect_ok
expect_out '^AAA/1 .*superseded'
expect_out '^BBB/1 .*withdrawn'
expect_out '^AAA/2 .*agreed'
run simulate "$data/nochair.lua" --runs 3
expect_ok
expect_out '^  AAA/1 +MOD +p3 +0\.0% .*rejected 100\.0% +\[AAA\]$'
# the pack refuses it (and a pack named by a path beside the scenario is found from any folder)
run simulate "$data/chair-refused.lua" --runs 2 --transcript "$TMP/refused.txt"
expect_ok
expect_out '^  BBB/1 +MOD +p3 +0\.0% .*rejected 100\.0% +\[BBB\]$'
check 'grep -q "^  chair.s compromise on p3 (replacing AAA/1, BBB/1): not tabled (AAA may not propose: the working_group stage" "$TMP/refused.txt"' \
	"the transcript says the pack refused the chair's text"
# the same seed, the same bytes, any --jobs, with the chair
run simulate "$SEEDS/simulation-chair.lua" --runs 6 --seed 3 --json -o "$TMP/chair-one.json"
expect_ok
run simulate "$SEEDS/simulation-chair.lua" --runs 6 --seed 3 --jobs 2 --json -o "$TMP/chair-two.json"
expect_ok
expect_same "$TMP/chair-one.json" "$TMP/chair-two.json" "the chair's runs: one job and two"
check 'grep -q "\"compromise\": [1-9]" "$TMP/chair-one.json"' "the chair's texts are agreed in the WTPF example"
run simulate "$SEEDS/simulation-chair.lua" --seed 3 --session "$TMP/ca.session" --transcript "$TMP/ca.txt"
expect_ok
run simulate "$SEEDS/simulation-chair.lua" --seed 3 --session "$TMP/cb.session" --transcript "$TMP/cb.txt"
expect_ok
expect_same "$TMP/ca.session" "$TMP/cb.session" "the chair's session file of the same seed"
expect_same "$TMP/ca.txt" "$TMP/cb.txt" "the chair's transcript of the same seed"

# --- pivotal under a vote: the votes whose switch would have turned it (un_ga) -------------------
run simulate "$data/vote.lua" --runs 2
expect_ok
expect_out '^  AAA +2 \(1\.00 a run\)$'
expect_out '^  DDD +2 \(1\.00 a run\)$'

# --- a run whose agreed amendments do not fit together (an ADD after a dropped one) -----------------
run simulate "$SEEDS/simulation.lua" --seed 4
expect_ok

# --- determinism -------------------------------------------------------------------------------
run simulate "$data/noisy.lua" --runs 8 --seed 7 --json -o "$TMP/one.json"
expect_ok
run simulate "$data/noisy.lua" --runs 8 --seed 7 --json -o "$TMP/again.json"
expect_ok
expect_same "$TMP/one.json" "$TMP/again.json" "the same seed twice"
run simulate "$data/noisy.lua" --runs 8 --seed 7 --jobs 2 --json -o "$TMP/two-jobs.json"
expect_ok
expect_same "$TMP/one.json" "$TMP/two-jobs.json" "one job and two"
for k in 1 2 3; do
	run simulate "$data/noisy.lua" --runs 8 --seed 7 --shard "$k/3" -o "$TMP/part$k.json"
	expect_ok
done
run simulate --merge "$TMP/part3.json" "$TMP/part1.json" "$TMP/part2.json" --json -o "$TMP/merged.json"
expect_ok
expect_same "$TMP/one.json" "$TMP/merged.json" "three shards merged and one run"
run simulate --merge "$TMP/part1.json" "$TMP/part1.json"
expect_failure 3 '^accord: .*part1\.json: shard 1/3 is in both parts$'
run simulate "$data/noisy.lua" --runs 8 --seed 8 --json -o "$TMP/other-seed.json"
expect_ok
check '! cmp -s "$TMP/one.json" "$TMP/other-seed.json"' "another seed gives another result"

# --- the first run's session file and transcript ---------------------------------------------------
run simulate "$data/noisy.lua" --seed 3 --session "$TMP/a.session" --transcript "$TMP/a.txt"
expect_ok
run simulate "$data/noisy.lua" --seed 3 --session "$TMP/b.session" --transcript "$TMP/b.txt"
expect_ok
expect_same "$TMP/a.session" "$TMP/b.session" "the session file of the same seed"
expect_same "$TMP/a.txt" "$TMP/b.txt" "the transcript of the same seed"
check 'grep -q "^Stage plenary$" "$TMP/a.txt"' "the transcript has the plenary"
check 'grep -q "^The text at the end" "$TMP/a.txt"' "the transcript ends with the text"
run list "$TMP/a.session"
expect_ok
expect_out '^AAA/1 '
run replay "$TMP/a.session"
expect_ok
run simulate "$data/noisy.lua" --session "$TMP/a.session"
expect_failure 5 'already exists'

# --- the bundled examples: WTPF consensus, and un_ga with recorded votes at adoption ---------------
run simulate "$SEEDS/simulation.lua" --runs 2 --jobs 2 --seed 5
expect_ok
expect_out '^WTPF-13 Draft Opinion 1, IRN and USA contributions under wtpf: 2 runs \(seed 5\)$'
run simulate "$SEEDS/simulation-un_ga.lua" --session "$TMP/unga.session" --transcript "$TMP/unga.txt"
expect_ok
check 'grep -q "^  vote on " "$TMP/unga.txt"' "un_ga's adoption takes recorded votes"
run log "$TMP/unga.session"
expect_ok
expect_out ' vote '

# --- the report --------------------------------------------------------------------------------
run simulate "$data/fixed.lua" --runs 2 --report "$TMP/report.html"
expect_ok
check 'grep -q "<svg" "$TMP/report.html"' "the report draws its charts"
check '! grep -q "http" "$TMP/report.html"' "the report needs no network"

# --- bad scenarios: one line, nothing on stdout ---------------------------------------------------
scen=$TMP/scenarios
mkdir -p "$scen"
cp "$data/base.txt" "$data/roster.yaml" "$data/contrib-AAA.txt" "$data/contrib-BBB.txt" "$scen/"
head='local agent = require "agent"; return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml",'
printf '%s delegations = { ZZZ = agent.model{} } }\n' "$head" >"$scen/unknown.lua"
run simulate "$scen/unknown.lua"
expect_failure 3 "^accord: $scen/unknown.lua: scenario: delegations.ZZZ: a party that is not in the roster$"
printf '%s contributions = { AAA = "contrib-AAA.txt" },\n default = function(a, ctx)\n error("no view")\n end }\n' \
	"$head" >"$scen/error.lua"
run simulate "$scen/error.lua"
expect_failure 4 "^accord: .*error.lua:3: agent of AAA on AAA/1 \(run 1\): .*no view"
printf '%s contributions = { AAA = "contrib-AAA.txt" }, default = function() return "maybe" end }\n' \
	"$head" >"$scen/nonsense.lua"
run simulate "$scen/nonsense.lua"
expect_failure 3 "agent of AAA on AAA/1 \(run 1\) answered 'maybe': not support, object, abstain, reserve or nil"
# an agent whose answer hangs on the order of pairs(): 4 delegations x 2 amendments x 2 stages, 16
# answers on keys of their own, so two runs agreeing by chance is 1 in 65,536
cat >"$scen/varies.lua" <<'EOF'
return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml",
  contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB.txt" },
  default = function(a, ctx)
    local t = {}
    for i = 1, 64 do t[ctx.party .. a.id .. ctx.stage .. "#" .. i] = true end
    return tonumber(next(t):match("%d+$")) % 2 == 0 and "support" or "object"
  end }
EOF
run simulate "$scen/varies.lua" --runs 2
expect_failure 4 "^accord: .*varies.lua: agent of [A-D]{3} on [AB]{3}/1 \(run 1\) answered '[a-z]+', and '[a-z]+' when the run was made again with the same seed: its answer depends on more than its inputs and math.random"
printf '%s contributions = { AAA = "contrib-AAA.txt" }, default = function() return { position = "object", offer = 5 } end }\n' \
	"$head" >"$scen/badoffer.lua"
run simulate "$scen/badoffer.lua"
expect_failure 3 "agent of AAA on AAA/1 \(run 1\) offered number: offer must be a text, drop the words to drop"
printf '%s contributions = { AAA = "contrib-AAA.txt" }, default = function() while true do end end }\n' \
	"$head" >"$scen/loop.lua"
printf '%s contributions = { AAA = "contrib-AAA.txt", BBB = "contrib-BBB.txt" }, chair = "yes" }\n' "$head" >"$scen/chairstring.lua"
run simulate "$scen/chairstring.lua"
expect_failure 3 "scenario: chair must be a function"
run simulate "$scen/loop.lua"
expect_failure 4 "instruction limit"
printf 'return { workflow = "wtpf", base = "missing.txt", roster = "roster.yaml" }\n' >"$scen/missing.lua"
run simulate "$scen/missing.lua"
expect_failure 5 "missing.txt"
printf 'return { base = "base.txt", roster = "roster.yaml" }\n' >"$scen/noworkflow.lua"
run simulate "$scen/noworkflow.lua"
expect_failure 3 "scenario: workflow must be a string \(it is required\)"
printf 'return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml", io = io.open("x") }\n' >"$scen/escape.lua"
run simulate "$scen/escape.lua"
expect_failure 4 "escape.lua:1: "
run simulate "$data/fixed.lua" --shard 3/2
expect_failure 2 "--shard takes K/N"
run simulate "$data/fixed.lua" --runs 0
expect_failure 2 "--runs"

finish
