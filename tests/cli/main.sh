# main.sh: accord --help, --version, help COMMAND, unknown commands, output errors.
. "$(dirname "$0")/lib.sh" "$@"

run --help
expect_ok
expect_out '^Usage: accord COMMAND'
expect_out '^  parse +'
expect_out '^Exit status:'
cp "$out" "$TMP/help"

run -h
expect_ok
expect_same "$TMP/help" "$out" "-h and --help"

run help
expect_ok
expect_same "$TMP/help" "$out" "help and --help"

run --version
expect_ok
check 'head -n 1 "$out" | grep -Eq "^accord [0-9]+\.[0-9]+\.[0-9]+$"' "--version prints 'accord X.Y.Z' first"
expect_out '^SQLite [0-9]'

# Every command listed by --help has help, the same as COMMAND --help.
commands=$(sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$TMP/help")
check '[ -n "$commands" ]' "--help lists commands"
for command in $commands; do
	run help "$command"
	expect_ok
	expect_out "^Usage: accord $command"
	cp "$out" "$TMP/help-$command"
	run "$command" --help
	expect_ok
	expect_same "$TMP/help-$command" "$out" "help $command and $command --help"
	run "$command" --no-such-option
	expect_failure 2 "^accord: "
	expect_err "^Try 'accord "
done

# Usage errors: exit 2, a message, the hint, nothing on stdout.
run
expect_failure 2 '^accord: no command given$'
expect_err "^Try 'accord --help'\\.$"

run frobnicate
expect_failure 2 "^accord: unknown command 'frobnicate'$"
expect_err "^Try 'accord --help'\\.$"

run --frobnicate
expect_failure 2 "^accord: unknown option '--frobnicate'$"
expect_err "^Try 'accord --help'\\.$"

run help frobnicate
expect_failure 2 "^accord: unknown command 'frobnicate'$"
expect_err "^Try 'accord --help'\\.$"

run help parse extra
expect_failure 2 '^accord: '

# An invalid rule pack: every problem is its own "accord: " line; a roster nested
# 100,000 levels deep is refused at once (libyaml used to take half a minute on it).
printf 'return { api = 1, name = "x", body = "X", stages = {} }\n' > "$TMP/bad.lua"
run workflow check "$TMP/bad.lua"
expect_failure 3 '^accord: .*bad.lua: '
check '! grep -qv "^accord: " "$err"' "every line of the problem list has the accord: prefix"
awk 'BEGIN { printf "body: B\nroles: "; for (i = 0; i < 100000; i++) printf "{"; for (i = 0; i < 100000; i++) printf "}"; print "" }' > "$TMP/deep.yaml"
run workflow check --roster "$TMP/deep.yaml" "$TMP/bad.lua"
expect_failure 3 '^accord: .*deep.yaml:2:[0-9]+: roster: nested too deeply'

# A full standard output is an I/O error (exit 5), not a silent success. /dev/full is
# there on every Linux system; without it this check fails rather than being skipped.
check '[ -c /dev/full ] && [ -w /dev/full ]' "/dev/full is a writable device (needed to test a full standard output)"
current="--help > /dev/full"
${ACCORD_WRAP:-} "$ACCORD" --help >/dev/full 2>"$err"
status=$?
: >"$out"
expect_failure 5 '^accord: cannot write to standard output: '

# -o onto something that is not a regular file writes into it: renaming the temporary
# file over it replaced the node (as root, -o /dev/null replaced /dev/null).
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
run parse "$SEEDS/contrib-USA.txt" -o "$TMP/fifo"
expect_ok
check '[ -p "$TMP/fifo" ]' "-o FIFO leaves the FIFO in place"
if [ -p "$TMP/fifo" ]; then wait $reader; else kill $reader; fi
check 'grep -q "^body " "$TMP/fifo.out"' "-o FIFO writes the output into the FIFO"

# The bundled rule packs are found beside the program, from any working folder and
# without $ACCORD_WORKFLOWS, whichever folder it was built in (CMake links
# workflows/ into a build folder outside the source tree).
saved_workflows=${ACCORD_WORKFLOWS-}
unset ACCORD_WORKFLOWS
cd "$TMP" || exit 99
run consolidate --workflow wtpf "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" USA="$SEEDS/contrib-USA.txt"
expect_ok
expect_out '^	invites \[MOD USA/20 \(USA\): Member States\]$'
run workflow check --quiet "$(dirname "$ACCORD")/workflows/un_ga.lua"
expect_ok
cd - >/dev/null || exit 99
if [ -n "$saved_workflows" ]; then ACCORD_WORKFLOWS=$saved_workflows; export ACCORD_WORKFLOWS; fi

finish
