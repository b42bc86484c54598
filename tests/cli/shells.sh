# shells.sh: one session through the command line and the same session through the Lua
# module (accord run, and stock lua5.4 when it is there), each from another working
# folder and without $ACCORD_WORKFLOWS: the compilations and texts are byte-identical,
# because both shells call the same core functions (issue 10).
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
IRN=$SEEDS/contrib-IRN.txt
USA=$SEEDS/contrib-USA.txt
ROSTER=$SEEDS/roster.yaml
LUA_SCRIPT=$(cd "$(dirname "$0")" && pwd)/shells.lua
unset ACCORD_WORKFLOWS
mkdir "$TMP/cli" "$TMP/lua" "$TMP/stock" "$TMP/elsewhere"
cd "$TMP/elsewhere" || exit 99

s=$TMP/cli.db
run init "$s" --workflow wtpf --base "$BASE" --roster "$ROSTER"
expect_ok
run submit "$s" --as IRN "$IRN"
expect_ok
run submit "$s" --as USA "$USA"
expect_ok
run propose "$s" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_out '^BRA/1$'
run propose "$s" --as BRA --add-paragraph "to report on progress to the next Forum." --after p13 --label "c)"
expect_out '^BRA/2$'
run propose "$s" --as CHN --paragraph p12 --replace "the Secretary-General" --with "the ITU Secretary-General"
expect_out '^CHN/1$'
run propose "$s" --as CAN --delete-paragraph p11
expect_out '^CAN/1$'
run cosponsor "$s" --as CAN BRA/1
expect_ok
run compile "$s"
expect_ok
cp "$out" "$TMP/cli/compile-0.txt"
run compile "$s" --format html
expect_ok
cp "$out" "$TMP/cli/compile-0.html"
run text "$s" --format outline
expect_ok
cp "$out" "$TMP/cli/outline-0.txt"
run stage "$s" forum_wg
run position "$s" --as USA BRA/1 support
expect_ok
run position "$s" --as IRN CHN/1 object
expect_ok
run stage "$s" plenary
# one at a time: under consensus the silent amendments would all be agreed (and collide)
run decide "$s" --amendment BRA/1
expect_ok
run decide "$s" --amendment CHN/1
expect_ok
run revise "$s"
expect_ok
run text "$s" --rev 1
expect_ok
cp "$out" "$TMP/cli/rev1.txt"
run compile "$s"
expect_ok
cp "$out" "$TMP/cli/compile-1.txt"
cp "$out" "$TMP/cli/compile-1-reopened.txt"
# What the command line's compilation says, so that equal outputs are not equally empty.
check 'grep -Eq "^  p13 +b\) .*BRA/1 \(MOD proposed\)" "$TMP/cli/outline-0.txt"' \
	"the outline names the stored ids, labels and what the open amendments target"
check 'grep -q "^b)	Member States and Sector Members \[MOD BRA/1 (BRA, CAN): and developing countries\] to support" "$TMP/cli/compile-0.txt"' \
	"the co-sponsored insertion is in the compilation"
check 'grep -q "^a)	\[Label (MOD) USA/[0-9]* (USA): \] the \[MOD CHN/1 (CHN): ITU\] Secretary-General\[MOD IRN/[0-9]* (IRN):   of the ITU to  continue\] to collaborate" "$TMP/cli/compile-0.txt"' "CHN's replacement is in the compilation"

compare() {
	for f in compile-0.txt compile-0.html outline-0.txt rev1.txt compile-1.txt compile-1-reopened.txt; do
		expect_same "$TMP/cli/$f" "$1/$f" "$2: $f"
	done
}

run run "$LUA_SCRIPT" "$TMP/lua.db" "$TMP/lua" "$BASE" "$IRN" "$USA" "$ROSTER"
expect_ok
compare "$TMP/lua" "accord run"

if [ -n "${ACCORD_SANITIZED:-}" ]; then
	# An instrumented accord.so cannot load into the uninstrumented interpreter (as in
	# tests/lua/CMakeLists.txt); the plain build runs this part.
	printf 'shells.sh: stock lua5.4 part runs in the plain build only (sanitized build)\n'
elif command -v lua5.4 >/dev/null 2>&1; then
	if LUA_CPATH="$(dirname "$ACCORD")/lua/?.so" lua5.4 "$LUA_SCRIPT" "$TMP/stock.db" "$TMP/stock" "$BASE" "$IRN" "$USA" \
		"$ROSTER" >"$TMP/stock.out" 2>&1; then
		pass
		compare "$TMP/stock" "stock lua5.4"
	else
		fail "stock lua5.4 ran the session: $(head -n 3 "$TMP/stock.out")"
	fi
else
	fail "lua5.4 is not installed (it is in the package list)"
fi

finish
