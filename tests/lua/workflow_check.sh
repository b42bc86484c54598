#!/bin/sh
# accord workflow check: the shipped packs are valid; the options (-r, -L, -m, -n, -q) do what
# README.md and docs/workflows.md say; sandbox refusals and limits exit 4 with PACK:LINE; exit codes
# 0 valid, 2 usage, 3 invalid pack or roster, 4 the pack failed to load or run, 5 unreadable file.
# Arguments: ACCORD_BINARY SOURCE_DIR.
root=$2
set -- "$1" "$root/examples/wtpf-2013" "$root/tests/data"
. "$root/tests/cli/lib.sh"
lib=$root/workflows/lib

# stderr is exactly the lines given (one argument a line).
expect_err_exactly() {
	printf '%s\n' "$@" >"$TMP/expected-err"
	expect_same "$TMP/expected-err" "$err" "stderr"
}

# --- the shipped packs: valid, with and without their rosters; the summary ---------------
run workflow check --roster "$SEEDS/roster.yaml" "$root/workflows/wtpf.lua"
expect_ok
expect_out '^pack:      wtpf$'
expect_out '^body:      World Telecommunication/ICT Policy Forum \(ITU\)$'
expect_out '^  3\. plenary                Closing Plenary: approval of opinions \[object, decide, rule\]$'
expect_out '^unagreed:  drop$'
expect_out '^brackets:  itu$'
expect_out '^roster:    24 parties, 2 roles, 6 groups$'
check '[ "$(tail -n 1 "$out")" = "ok: the pack follows the rule pack API" ]' "the summary ends with the verdict"
# the whole summary, line by line
cat >"$TMP/wtpf-summary" <<'EOF'
pack:      wtpf
body:      World Telecommunication/ICT Policy Forum (ITU)
cites:     ITU PP Resolution 2 (Rev. Guadalajara, 2010; Rev. Dubai, 2018)
           Document WTPF-13/16(Rev.1)-E, Report by the Chairman (22 May 2013)
           Circular DM-12/1003 (31 January 2012)
           Document WTPF-IEG/3/40(Rev.1), IEG-3 Chairman's report
roles:
  academia             Academia (views on the SG report only)
  associate            ITU Associate (views on the SG report only)
  guest                Guest or other stakeholder (no right to propose)
  member_state         ITU Member State
  sector_member        ITU Sector Member
stages:
  1. preparation            SG report and IEG draft opinions [propose, comment, amend, merge]
  2. forum_wg               Forum working groups [propose, amend, object, merge]
  3. plenary                Closing Plenary: approval of opinions [object, decide, rule]
  4. report                 Chairman's report [report]
unagreed:  drop
decision:  consensus: opinions adopted by consensus of the Member States and Sector Members taking part; no vote; text without consensus is dropped
brackets:  itu
vocabulary: 7 extra heading phrases
roster:    24 parties, 2 roles, 6 groups
ok: the pack follows the rule pack API
EOF
expect_same "$TMP/wtpf-summary" "$out" "the wtpf summary"
run workflow check "$root/workflows/cwg_internet.lua" -r "$SEEDS/roster.yaml"
expect_ok
expect_out '^brackets:  anonymous$'
run workflow check "$root/workflows/igf.lua" --roster "$TESTDATA/workflows/igf-roster.yaml"
expect_ok
run workflow check "$root/workflows/un_ga.lua" --roster "$TESTDATA/workflows/un-roster.yaml"
expect_ok
run workflow check "$root/workflows/un_ga.lua"
expect_ok
expect_out '^decision:  consensus_then_vote: '
expect_no_out '^roster:'

# --- -r/--roster: a role the pack does not know makes it invalid (3) ---------------------
run workflow check "$root/workflows/un_ga.lua" --roster "$SEEDS/roster.yaml"
expect_failure 3 "^accord: $(re_quote "$root/workflows/un_ga.lua"): roles: the roster's role 'sector_member' is unknown to this pack$"
expect_err_exactly "accord: $root/workflows/un_ga.lua: roles: the roster's role 'sector_member' is unknown to this pack" \
	"accord: $root/workflows/un_ga.lua: not a valid rule pack: roles: the roster's role 'sector_member' is unknown to this pack"
run workflow check -r "$TMP/no-such-roster.yaml" "$root/workflows/wtpf.lua"
expect_failure 5 "^accord: $(re_quote "$TMP/no-such-roster.yaml"): cannot open"
printf 'roles: [\n' >"$TMP/broken-roster.yaml"
run workflow check -r "$TMP/broken-roster.yaml" "$root/workflows/wtpf.lua"
expect_failure 3 "^accord: $(re_quote "$TMP/broken-roster.yaml"):2:1: roster: "
run workflow check "$root/workflows/wtpf.lua" --roster "$root/tests/lua/check.lua"
expect_failure 3 "^accord: $(re_quote "$root/tests/lua/check.lua"):[0-9]+:[0-9]+: "

# A small valid pack of our own; it needs the shared brackets library.
pack_body() { # pack_body PREFIX_LINES: the pack source with PREFIX_LINES before it
	printf '%s\n' "$1"
	cat <<'LUA'
local brackets = require "brackets"
return { api = 1, name = "tiny", body = "Tiny Body", cites = { "Rule 1" }, roles = { member = "Member" },
  stages = { { id = "only", name = "Only stage", allows = { "propose", "decide" } } }, unagreed = "drop",
  decision = { rule = "consensus", description = "no objection" },
  may_propose = function(party, ctx) return RULE(party, ctx) end,
  may_object = function() return true end,
  may_vote = function() return false, "no votes" end,
  decide = function() return { outcome = "agreed", tally = {} } end, brackets = brackets.style("un") }
LUA
}
mkdir "$TMP/packs"
pack_body 'local function RULE() return true end' >"$TMP/packs/tiny.lua"
cat >"$TMP/tiny-roster.yaml" <<'YAML'
body: Tiny Body
roles:
  member: Member
parties:
  - {code: AAA, name: Alpha, role: member}
YAML

# --- -L/--lib: where require() looks; by default the pack's folder + /lib, then the shipped
# helpers (a pack written in any folder can require them); a library found nowhere names the places
run workflow check "$TMP/packs/tiny.lua"
expect_ok
printf 'local x = require "nosuchlib"\nreturn {}\n' >"$TMP/packs/needs.lua"
run workflow check "$TMP/packs/needs.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/needs.lua"):1: require: no library 'nosuchlib' \\(looked in .*$(re_quote "$lib")\\)$"
for option in -L --lib; do
	run workflow check "$option" "$lib" "$TMP/packs/tiny.lua"
	expect_ok
	expect_out '^pack:      tiny$'
	expect_out '^brackets:  un$'
done
mkdir "$TMP/packs/lib"
cp "$lib/brackets.lua" "$TMP/packs/lib/"
run workflow check "$TMP/packs/tiny.lua"
expect_ok
# -L wins over the default folder
run workflow check -L "$TMP" "$TMP/packs/tiny.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/tiny.lua"):2: require: no library 'brackets'"

# --- -q/--quiet: nothing printed for a valid pack; problems still printed -----------------
for option in -q --quiet; do
	run workflow check "$option" "$TMP/packs/tiny.lua"
	expect_ok
	check '[ ! -s "$out" ]' "$option prints nothing for a valid pack"
	run workflow check "$option" "$TMP/packs/tiny.lua" -r "$TMP/tiny-roster.yaml"
	expect_ok
	check '[ ! -s "$out" ]' "$option prints nothing for a valid pack and roster"
done
echo 'return { name = "Not An Id" }' >"$TMP/packs/invalid.lua"
run workflow check -q "$TMP/packs/invalid.lua"
expect_failure 3 "^accord: $(re_quote "$TMP/packs/invalid.lua"): "
expect_err "^accord: $(re_quote "$TMP/packs/invalid.lua"): name: "
expect_err "^accord: $(re_quote "$TMP/packs/invalid.lua"): decide: must be a function$"

# --- with a roster, the rules are called once per role: a rule that fails is exit 4 -------
pack_body 'local function RULE(party)
  if party.role == "member" then error("no proposals from " .. party.code) end
  return true
end' >"$TMP/packs/rule-fails.lua"
run workflow check "$TMP/packs/rule-fails.lua"
expect_ok
run workflow check -r "$TMP/tiny-roster.yaml" "$TMP/packs/rule-fails.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/rule-fails.lua"):2: no proposals from AAA$"
expect_err_exactly "accord: $TMP/packs/rule-fails.lua:2: no proposals from AAA"

# --- -m/--memory: the sandbox's cap (default 32 MiB) ------------------------------------------
# about 12 MB at load time
pack_body 'local keep = {} for i = 1, 100000 do keep[i] = { i } end
local function RULE() return #keep > 0 end' >"$TMP/packs/memory.lua"
run workflow check -q "$TMP/packs/memory.lua"
expect_ok
for option in -m --memory; do
	run workflow check "$option" 4000000 "$TMP/packs/memory.lua"
	expect_failure 4 "^accord: $(re_quote "$TMP/packs/memory.lua"): memory limit exceeded \\(4000000 bytes\\)$"
	expect_err_exactly "accord: $TMP/packs/memory.lua: memory limit exceeded (4000000 bytes)"
done
# about 45 MB: over the default cap, under a larger one
pack_body 'local keep = {} for i = 1, 400000 do keep[i] = { i } end
local function RULE() return #keep > 0 end' >"$TMP/packs/memory-big.lua"
run workflow check -q "$TMP/packs/memory-big.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/memory-big.lua"): memory limit exceeded \\(33554432 bytes\\)$"
run workflow check -q -m 200000000 "$TMP/packs/memory-big.lua"
expect_ok
# string.rep is refused up front against the cap in force
echo 'local s = string.rep("x", 3000000) return {}' >"$TMP/packs/rep.lua"
run workflow check -m 2000000 "$TMP/packs/rep.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/rep.lua"):1: string\\.rep: a result of 3000000 x 1 bytes exceeds the memory limit \\(2000000 bytes\\)$"

# --- -n/--instructions: the budget per call (default 50 million) -------------------------------
pack_body 'local n = 0 for i = 1, 1000000 do n = n + i end
local function RULE() return n > 0 end' >"$TMP/packs/cpu.lua"
run workflow check -q "$TMP/packs/cpu.lua"
expect_ok
for option in -n --instructions; do
	run workflow check "$option" 500000 "$TMP/packs/cpu.lua"
	expect_failure 4 "^accord: $(re_quote "$TMP/packs/cpu.lua"):1: instruction limit exceeded \\(500000 instructions per call\\)$"
	expect_err_exactly "accord: $TMP/packs/cpu.lua:1: instruction limit exceeded (500000 instructions per call)"
done
# about 60 million instructions (two a turn): over the default budget, under a larger one
pack_body 'local n = 0 for i = 1, 30000000 do n = n + i end
local function RULE() return n > 0 end' >"$TMP/packs/cpu-big.lua"
run workflow check -q "$TMP/packs/cpu-big.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/cpu-big.lua"):1: instruction limit exceeded \\(50000000 instructions per call\\)$"
run workflow check -q -n 100000000 "$TMP/packs/cpu-big.lua"
if [ -n "${ACCORD_WRAP:-}" ] && [ "$status" = 4 ] && grep -q 'time limit exceeded' "$err"; then
	# under valgrind 60 million instructions can take longer than the 10 s a call may last (CI's
	# valgrind stage hit it once); the budget itself is checked by the plain and sanitized runs
	printf 'skip: under %s the 60-million-instruction pack met the time limit first\n' "${ACCORD_WRAP%% *}"
else
	expect_ok
fi
# the budget is per call: a rule that loops is stopped at its own line
pack_body 'local function RULE()
  while true do end
end' >"$TMP/packs/rule-loops.lua"
run workflow check -n 100000 -r "$TMP/tiny-roster.yaml" "$TMP/packs/rule-loops.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/packs/rule-loops.lua"):2: instruction limit exceeded \\(100000 instructions per call\\)$"

# --- sandbox refusals: exit 4, PACK:LINE and the reason -------------------------------------
# Each statement is put on line 3 of a pack.
refused() { # refused STATEMENT MESSAGE_ERE
	printf -- '-- a pack that tries to get out\nlocal ok = true\n%s\nreturn {}\n' "$1" >"$TMP/refused.lua"
	run workflow check "$TMP/refused.lua"
	expect_failure 4 "^accord: $(re_quote "$TMP/refused.lua"):3: $2\$"
}
refused 'local f = io.open("/etc/passwd")' "attempt to index a nil value \\(global 'io'\\)"
refused 'os.execute("true")' "attempt to index a nil value \\(global 'os'\\)"
refused 'local f = load("return 1")' "attempt to call a nil value \\(global 'load'\\)"
refused 'dofile("/etc/passwd")' "attempt to call a nil value \\(global 'dofile'\\)"
refused 'loadfile("/etc/passwd")' "attempt to call a nil value \\(global 'loadfile'\\)"
refused 'print("hello")' "attempt to call a nil value \\(global 'print'\\)"
refused 'collectgarbage()' "attempt to call a nil value \\(global 'collectgarbage'\\)"
refused 'coroutine.wrap(function() end)()' "attempt to index a nil value \\(global 'coroutine'\\)"
refused 'debug.sethook()' "attempt to index a nil value \\(global 'debug'\\)"
refused 'package.path = "/tmp/?.lua"' "attempt to index a nil value \\(global 'package'\\)"
refused 'local s = string.dump(tostring)' "attempt to call a nil value \\(field 'dump'\\)"
refused 'require "../wtpf"' "bad argument #1 to 'require' \\(a library name is letters, digits and '_' only\\)"
refused 'require "os"' "require: no library 'os' \\(looked in .*\\)"
refused 'setmetatable({}, { __gc = function() end })' "bad argument #2 to 'setmetatable' \\(__gc metamethods are not allowed in a rule pack\\)"
refused 'string.rep = nil' "attempt to modify read-only table 'string'"
refused 'table.insert = nil' "attempt to modify read-only table 'table'"
refused 'getmetatable("").__index = {}' "attempt to index a boolean value"
refused 'local s = string.rep("x", 1e10)' "string\\.rep: a result of 10000000000 x 1 bytes exceeds the memory limit \\(33554432 bytes\\)"
refused 'local t = string.rep("a", 20000):find(".-.-.-.-b")' "pattern too costly for a subject of 20000 bytes \\(5 quantifiers\\)"
refused 'error("broken pack")' "broken pack"
# loops in C that the count hook never sees (issue 17): refused by their sizes, exit 4 at once
refused 'table.move({}, 1, 1 << 62, 1)' "table\\.move: a range of 4611686018427387904 elements exceeds the limit \\(2097152 elements per call\\)"
refused 'table.insert(setmetatable({}, {__len = function() return math.maxinteger end}), 1, "x")' \
	"table\\.insert: a length of 9223372036854775807 exceeds the limit \\(2097152 elements per call\\)"
refused 'local s = string.rep("", math.maxinteger) error("rep: " .. #s)' "rep: 0"
refused 'local m = ("("):rep(100000):find("%b()")' "pattern too costly for a subject of 100000 bytes \\(2 quantifiers\\)"
refused 'rawset(string, "rep", nil)' "attempt to modify read-only table 'string'"
# bytecode is refused (made by accord run, which has the full library)
printf 'io.write(string.dump(function() return {} end))\n' >"$TMP/dump.lua"
run run "$TMP/dump.lua"
expect_status 0
cp "$out" "$TMP/bytecode.lua"
run workflow check "$TMP/bytecode.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/bytecode.lua"): attempt to load a binary chunk \\(mode is 't'\\)$"
# a syntax error is a script error too (4), with its line
printf 'return {\n  name = \n' >"$TMP/syntax.lua"
run workflow check "$TMP/syntax.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/syntax.lua"):3: unexpected symbol near <eof>$"

# --- not a pack (3); bracket functions must return strings (3) ------------------------------
echo 'return { name = "x" }' >"$TMP/lib-less.lua"
run workflow check "$TMP/lib-less.lua"
expect_failure 3 "^accord: $(re_quote "$TMP/lib-less.lua"): "
cat >"$TMP/brackets.lua" <<'LUA'
local b = { style = "x" }
for _, k in ipairs({ "insertion", "deletion", "replacement", "alternatives", "attribution", "new_label", "ad_ref" }) do
  b[k] = function() return 1 end
end
return { api = 1, name = "x", body = "B", cites = { "c" }, roles = { r = "R" },
  stages = { { id = "s", name = "S", allows = {} } }, unagreed = "drop",
  decision = { rule = "c", description = "d" },
  may_propose = function() return true end, may_object = function() return true end,
  may_vote = function() return true end,
  decide = function() return { outcome = "agreed", tally = {} } end, brackets = b }
LUA
run workflow check "$TMP/brackets.lua"
expect_failure 3 "^accord: $(re_quote "$TMP/brackets.lua"): "
expect_err "^accord: $(re_quote "$TMP/brackets.lua"): brackets\\.new_label: must return a string"

# --- usage (2) and unreadable files (5) ---------------------------------------------------------
run workflow check
expect_failure 2 '^accord: workflow: workflow check takes one PACK$'
run workflow check "$TMP/packs/tiny.lua" "$TMP/packs/cpu.lua"
expect_failure 2 '^accord: workflow: workflow check takes one PACK$'
run workflow
expect_failure 2 "^accord: workflow: the subcommand is 'check' or 'list'$"
run workflow lint "$TMP/packs/tiny.lua"
expect_failure 2 "^accord: workflow: the subcommand is 'check' or 'list'$"
for bad in 0 -1 10MB; do
	run workflow check -m "$bad" "$TMP/packs/tiny.lua"
	expect_failure 2 '^accord: workflow: --memory takes a positive number of bytes$'
	run workflow check -n "$bad" "$TMP/packs/tiny.lua"
	expect_failure 2 '^accord: workflow: --instructions takes a positive number$'
done
run workflow check --strict "$TMP/packs/tiny.lua"
expect_failure 2 "^accord: workflow: unknown option '--strict'$"
run workflow check "$TMP/no-such-pack.lua"
expect_failure 5 "^accord: $(re_quote "$TMP/no-such-pack.lua"): cannot open"

# --- a pack by name, and the list of packs a name finds -----------------------------------------
run workflow check --quiet wtpf
expect_ok
run workflow check nosuchbody
expect_failure 3 "^accord: no workflow 'nosuchbody' \(looked in .*$(re_quote "$root/workflows")"
mkdir -p "$TMP/packs"
cp "$root/workflows/igf.lua" "$TMP/packs/mybody.lua"
cp "$root/workflows/igf.lua" "$TMP/packs/wtpf.lua"
printf 'not a pack name\n' >"$TMP/packs/Not-A-Name.lua"
saved_workflows=${ACCORD_WORKFLOWS:-}
export ACCORD_WORKFLOWS="$TMP/packs"
run workflow list
expect_ok
expect_out "^mybody	$(re_quote "$TMP/packs/mybody.lua")\$"
# the first folder's wtpf is the one a name finds; each name once; sorted
expect_out "^wtpf	$(re_quote "$TMP/packs/wtpf.lua")\$"
expect_out "^un_ga	.*/workflows/un_ga\.lua\$"
expect_no_out "Not-A-Name"
check '[ "$(cut -f1 "$out" | sort -u | tr "\n" " ")" = "$(cut -f1 "$out" | tr "\n" " ")" ]' "sorted, each name once"
run workflow check --quiet mybody
expect_ok
export ACCORD_WORKFLOWS="$saved_workflows"
run workflow list extra
expect_failure 2 "^accord: workflow: workflow list takes no argument$"

finish
