#!/bin/sh
# accord workflow check: every shipped pack is valid; broken packs give the documented exit codes.
accord=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # expect CODE ARGS...
	want=$1
	shift
	"$accord" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: accord $* exited $got, expected $want"
		cat "$tmp/err"
		fail=1
	fi
}
expect 0 workflow check "$root/workflows/wtpf.lua" --roster "$root/examples/wtpf-2013/roster.yaml"
expect 0 workflow check "$root/workflows/cwg_internet.lua" --roster "$root/examples/wtpf-2013/roster.yaml"
expect 0 workflow check "$root/workflows/igf.lua" --roster "$root/tests/data/workflows/igf-roster.yaml"
expect 0 workflow check "$root/workflows/un_ga.lua" --roster "$root/tests/data/workflows/un-roster.yaml"
expect 0 workflow check "$root/workflows/un_ga.lua"
grep -q "decision:  consensus_then_vote" "$tmp/out" || { echo "FAIL: no decision rule in the summary"; fail=1; }
# a roster role the pack does not know: invalid (3)
expect 3 workflow check "$root/workflows/un_ga.lua" --roster "$root/examples/wtpf-2013/roster.yaml"
grep -q "sector_member" "$tmp/err" || { echo "FAIL: the problem is not named"; fail=1; }
# not a pack: 3; a script error: 4 with script:line; an endless loop: 4
echo 'return { name = "x" }' >"$tmp/lib-less.lua"
expect 3 workflow check "$tmp/lib-less.lua"
printf 'local x = 1\nerror("broken pack")\n' >"$tmp/broken.lua"
expect 4 workflow check "$tmp/broken.lua"
grep -q "broken.lua:2: broken pack" "$tmp/err" || { echo "FAIL: no script:line in: $(cat "$tmp/err")"; fail=1; }
echo 'while true do end' >"$tmp/loop.lua"
expect 4 workflow check --instructions 100000 "$tmp/loop.lua"
echo 'return {' >"$tmp/syntax.lua"
expect 4 workflow check "$tmp/syntax.lua"
echo 'local s = string.rep("x", 1e10) return {}' >"$tmp/rep.lua"
expect 4 workflow check "$tmp/rep.lua"
grep -q "memory limit" "$tmp/err" || { echo "FAIL: string.rep message: $(cat "$tmp/err")"; fail=1; }
# bracket functions must return strings (each is called once with sample arguments)
cat >"$tmp/brackets.lua" <<'LUA'
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
expect 3 workflow check "$tmp/brackets.lua"
grep -q "brackets.new_label: must return a string" "$tmp/err" || { echo "FAIL: brackets not checked"; fail=1; }
expect 2 workflow check
expect 3 workflow check "$root/workflows/wtpf.lua" --roster "$root/tests/lua/check.lua"
# accord run: arg table, exit code from the script, script errors exit 4
printf 'assert(arg[1] == "x" and arg[2] == "y") return 7\n' >"$tmp/run.lua"
expect 7 run "$tmp/run.lua" x y
printf 'error("nope")\n' >"$tmp/fail.lua"
expect 4 run "$tmp/fail.lua"
exit $fail
