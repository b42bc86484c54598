# run_limits.sh: accord run: the limit options (-m/--memory, -n/--instructions), the traceback (-t),
# the script's exit code and arguments, and the exit codes and one-line messages of failures.
. "$(dirname "$0")/lib.sh" "$@"

# stderr is exactly the lines given (one argument a line).
expect_err_exactly() {
	printf '%s\n' "$@" >"$TMP/expected-err"
	expect_same "$TMP/expected-err" "$err" "stderr"
}

# stderr has no traceback.
expect_no_traceback() {
	if grep -q 'stack traceback' "$err"; then fail "a traceback without --traceback"; else pass; fi
}

mem=$TMP/memory.lua
cat >"$mem" <<'LUA'
local t = {}
for i = 1, 200000 do t[i] = { i, tostring(i) } end
print("allocated " .. #t)
LUA
loop=$TMP/loop.lua
cat >"$loop" <<'LUA'
local n = 0
for i = 1, 3000000 do n = n + i end
print("summed " .. n)
LUA
forever=$TMP/forever.lua
printf 'local n = 0\nwhile true do n = n + 1 end\n' >"$forever"
swallow=$TMP/swallow.lua
# pcall cannot swallow the instruction limit: the script never reaches its last line.
cat >"$swallow" <<'LUA'
for _ = 1, 100 do
  pcall(function() while true do end end)
end
print("escaped the budget")
LUA
nested=$TMP/nested.lua
cat >"$nested" <<'LUA'
local function inner()
  error("the rule failed")
end
local function outer() inner() end
outer()
LUA

# --- no limit by default: 200,000 tables (about 20 MB) and 3 million additions run ---------
run run "$mem"
expect_ok
expect_out '^allocated 200000$'
run run "$loop"
expect_ok
expect_out '^summed 4500001500000$'

# --- -m/--memory: the script fails with exit 4 and one line naming it ----------------------
for option in -m --memory; do
	run run "$option" 1000000 "$mem"
	expect_failure 4 "^accord: $(re_quote "$mem"): memory limit exceeded \\(1000000 bytes\\)$"
	expect_err_exactly "accord: $mem: memory limit exceeded (1000000 bytes)"
done
# a cap above what the script needs lets it run
run run --memory 200000000 "$mem"
expect_ok
expect_out '^allocated 200000$'

# --- -n/--instructions: exit 4 with the script's line --------------------------------------
for option in -n --instructions; do
	run run "$option" 100000 "$loop"
	expect_failure 4 "^accord: $(re_quote "$loop"):2: instruction limit exceeded \\(100000 instructions per call\\)$"
	expect_err_exactly "accord: $loop:2: instruction limit exceeded (100000 instructions per call)"
done
run run -n 100000000 "$loop"
expect_ok
expect_out '^summed 4500001500000$'
run run -n 50000 "$forever"
expect_failure 4 "^accord: $(re_quote "$forever"):2: instruction limit exceeded \\(50000 instructions per call\\)$"
run run -n 1000000 "$swallow"
expect_failure 4 "^accord: $(re_quote "$swallow"):1: instruction limit exceeded \\(1000000 instructions per call\\)$"
check '! grep -q escaped "$out"' "pcall swallowed the instruction limit"

# --- -t/--traceback: the traceback only when asked ------------------------------------------
run run "$nested"
expect_failure 4 "^accord: $(re_quote "$nested"):2: the rule failed$"
expect_err_exactly "accord: $nested:2: the rule failed"
for option in -t --traceback; do
	run run "$option" "$nested"
	expect_failure 4 "^accord: $(re_quote "$nested"):2: the rule failed$"
	expect_err '^stack traceback:$'
	# the frames, innermost first: error, inner (line 2), outer (line 4), the main chunk (line 5)
	awk -v script="$nested" 'found && /^\t/ { sub(/^\t/, ""); if (index($0, script ":") == 1) $0 = substr($0, length(script) + 1);
		sub(/: in .*/, ""); print } /^stack traceback:$/ { found = 1 }' "$err" >"$TMP/frames"
	printf '[C]\n:2\n:4\n:5\n' >"$TMP/expected-frames"
	expect_same "$TMP/expected-frames" "$TMP/frames" "$option: the frames of the traceback"
	expect_err "^	$(re_quote "$nested"):5: in main chunk$"
done
run run -t -n 100000 "$loop"
expect_failure 4 "^accord: $(re_quote "$loop"):2: instruction limit exceeded"
expect_err "^	$(re_quote "$loop"):2: in main chunk$"
run run -n 100000 "$loop"
expect_no_traceback
# after a memory error Lua runs no handler: there is no traceback to print, and none is made up
run run -t -m 1000000 "$mem"
expect_failure 4 "^accord: $(re_quote "$mem"): memory limit exceeded \\(1000000 bytes\\)$"
expect_err_exactly "accord: $mem: memory limit exceeded (1000000 bytes)"

# --- the script's arguments and exit code ---------------------------------------------------
printf 'print(#arg, arg[0], arg[1], arg[2])\nreturn 7\n' >"$TMP/args.lua"
run run "$TMP/args.lua" one two
expect_status 7
expect_out "^2	$(re_quote "$TMP/args.lua")	one	two$"
printf 'return 256 + 3\n' >"$TMP/wrap.lua"
run run "$TMP/wrap.lua"
expect_status 3
printf 'return "not a number"\n' >"$TMP/string.lua"
run run "$TMP/string.lua"
expect_ok
# options after the script are the script's own
printf 'print(arg[1], arg[2])\n' >"$TMP/echo.lua"
run run "$TMP/echo.lua" -n 5
expect_ok
expect_out '^-n	5$'

# --- failures: syntax 4, unreadable 5, usage 2 ----------------------------------------------
printf 'local x = 1\nreturn x +\n' >"$TMP/syntax.lua"
run run "$TMP/syntax.lua"
expect_failure 4 "^accord: $(re_quote "$TMP/syntax.lua"):3: unexpected symbol near <eof>$"
run run "$TMP/no-such-script.lua"
expect_failure 5 "^accord: $(re_quote "$TMP/no-such-script.lua"): "
for bad in 0 -5 12k ""; do
	run run -m "$bad" "$mem"
	expect_failure 2 "^accord: run: --memory takes a positive number of bytes$"
	run run --instructions "$bad" "$loop"
	expect_failure 2 "^accord: run: --instructions takes a positive number$"
done
run run
expect_failure 2 '^accord: run: which script\?$'
expect_err "^Try 'accord help run'\\.$"
run run --frobnicate "$loop"
expect_failure 2 "^accord: run: unknown option '--frobnicate'$"

finish
