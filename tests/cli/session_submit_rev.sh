# session_submit_rev.sh: a contribution written on an older revision (issue 11). A WTPF
# session issues Rev.1 (Brazil's deletion in recognizing b), China's deletion of noting c))
# and Rev.2 (Iran's "and developing countries" in invites b)); then the United Kingdom
# submits its version of Rev.0, which
#   - replaces "as far as possible" in recognizing a)          (carried forward)
#   - adds "legal" next to "standardization" in recognizing b) (Rev.1 deleted those words:
#                                                               left out, it would undo them)
#   - edits noting c)                                          (deleted by Rev.1: left out)
#   - inserts "and developing countries" in invites b)         (already adopted: left out)
#   - adds a paragraph after noting d)                         (carried forward)
# Checked: the detection names Rev.0, the changes are carried forward onto Rev.2, the agreed
# text is not turned back (the text with the UK's amendments applied is written by hand
# below from Rev.2), the same with --rev 0, and a contribution written on Rev.2 gets no warning.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
s=$TMP/rev.db
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

# adopt ID...: the proposers support each ID at the Forum, the Plenary agrees them, a revision is issued.
adopt() {
	run stage "$s" forum_wg
	for id in "$@"; do
		run position "$s" --as "${id%%/*}" "$id" support
		expect_ok
	done
	run stage "$s" plenary
	expect_ok
	run decide "$s" --all
	expect_ok
	run revise "$s"
	expect_ok
	run stage "$s" --back forum_wg
	expect_ok
}

run init "$s" --workflow wtpf --base "$base" --roster "$roster"
expect_ok
run text "$s" --rev 0
expect_ok
cp "$out" "$TMP/rev0.txt"
run propose "$s" --as BRA --paragraph p2 --delete "standardization and "
expect_ok
run propose "$s" --as CHN --delete-paragraph p9
expect_ok
adopt BRA/1 CHN/1
run propose "$s" --as IRN --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_ok
adopt IRN/1
run text "$s" --rev 2
expect_ok
cp "$out" "$TMP/rev2.txt"

# the United Kingdom's version of Rev.0
tab=$(printf '\t')
sed -e 's/adopted as far as possible/adopted wherever possible/' \
	-e 's/technical, standardization and socio-economic/technical, standardization, legal and socio-economic/' \
	-e 's/that these attempts by the UN family/that these efforts by the UN family/' \
	-e 's/Member States and Sector Members to support/Member States and Sector Members and developing countries to support/' \
	-e "/^d)${tab}that the UN family has/a\\
e)${tab}that capacity building is essential;" "$TMP/rev0.txt" >"$TMP/contrib-GBR.txt"
# what Rev.2 reads with them, written by hand: recognizing a) changed, the new paragraph after
# noting d); Brazil's deletion, China's and Iran's insertion stand
sed -e 's/adopted as far as possible/adopted wherever possible/' \
	-e "/^d)${tab}that the UN family has/a\\
e)${tab}that capacity building is essential;" "$TMP/rev2.txt" >"$TMP/expected.txt"
check '! cmp -s "$TMP/rev2.txt" "$TMP/expected.txt"' "the expected text differs from Rev.2"

# --- a failed submit changes nothing: no such revision --------------------------------------------
cp "$s" "$TMP/before.db"
sum_before=$(cksum <"$s")
run submit "$s" --as GBR --rev 3 "$TMP/contrib-GBR.txt"
expect_failure 3 '^accord: .*contrib-GBR\.txt: there is no Rev\.3 in this session \(the latest is Rev\.2\)$'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "the refused submit leaves the file as it was"
run submit "$s" --as GBR --rev x "$TMP/contrib-GBR.txt"
expect_failure 2 '--rev takes a revision number'

# --- detected: written on Rev.0 ------------------------------------------------------------------
run submit "$s" --as GBR "$TMP/contrib-GBR.txt"
expect_status 0
check '[ "$(wc -l <"$err")" -eq 1 ]' "one warning line"
expect_err '^accord: .*contrib-GBR\.txt: written on Rev\.0, carried forward onto Rev\.2 \(1 change already adopted, 2 changes that would undo text adopted since Rev\.0 \[MOD p2, MOD p9\] left out\)$'
expect_out '^GBR: 2 amendments from .*contrib-GBR\.txt$'
expect_out '^  GBR/1 +MOD +p1$'
expect_out '^  GBR/2 +ADD +p10$'
run list "$s" --state proposed
expect_ok
expect_out '^GBR/1 +proposed +MOD +p1 .* Rev\.2$'
expect_out '^GBR/2 +proposed +ADD +p10 .* Rev\.2$'
check '[ "$(wc -l <"$out")" -eq 2 ]' "nothing else proposed (no change to p2, p9, p13)"
run compile "$s" --accept GBR
expect_ok
expect_same "$TMP/expected.txt" "$out" "Rev.2 with the UK's amendments (agreed text not undone)"
run log "$s" --json
expect_ok
expect_out '"action":"submit".*"written_on":0,"left_out":\[\{"op":"MOD","target":"p2","why":"undoes"\},\{"op":"MOD","target":"p9","why":"undoes"\},\{"op":"MOD","target":"p13","why":"adopted"\}\]'

# --- given: --rev 0, and --json ------------------------------------------------------------------
s=$TMP/given.db
cp "$TMP/before.db" "$s"
run submit "$s" --as GBR --rev 0 --json "$TMP/contrib-GBR.txt"
expect_status 0
expect_err '^accord: .*contrib-GBR\.txt: written on Rev\.0, carried forward onto Rev\.2 \(1 change already adopted, 2 changes'
expect_out '"action":"submit".*"written_on":0,"left_out":\[.*"amendments":\[\{"id":"GBR/1".*\{"id":"GBR/2"'
run compile "$s" --accept GBR
expect_ok
expect_same "$TMP/expected.txt" "$out" "the same with --rev 0"

# --- written on the latest revision: no warning, nothing carried ---------------------------------
s=$TMP/latest.db
cp "$TMP/before.db" "$s"
sed -e 's/adopted as far as possible/adopted wherever possible/' "$TMP/rev2.txt" >"$TMP/contrib-KEN.txt"
run submit "$s" --as KEN "$TMP/contrib-KEN.txt"
expect_ok
expect_out '^KEN: 1 amendment from .*contrib-KEN\.txt$'
run log "$s" --json
expect_no_out '"written_on"'
run submit "$s" --as GBR --rev 2 --json "$TMP/contrib-KEN.txt"
expect_ok
expect_no_out '"written_on"'

# --- everything already adopted: nothing to propose ------------------------------------------------
sed -e 's/Member States and Sector Members to support/Member States and Sector Members and developing countries to support/' \
	"$TMP/rev0.txt" >"$TMP/contrib-IRN.txt"
sum_before=$(cksum <"$s")
run submit "$s" --as IRN --rev 0 "$TMP/contrib-IRN.txt"
expect_failure 3 '^accord: .*contrib-IRN\.txt: nothing to propose: written on Rev\.0, carried forward onto Rev\.2 \(1 change already adopted left out\)$'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "the empty submit leaves the file as it was"

# --- restoring text on purpose: the detection takes it for Rev.0, --rev 2 says otherwise ---------
# (Rev.2 with noting c) back: closer to Rev.0 than to Rev.2, so everything else reads as adopted)
grep '^c)	that these attempts' "$TMP/rev0.txt" >"$TMP/p9.txt"
sed -e "/^b)${tab}that the United Nations family/r $TMP/p9.txt" "$TMP/rev2.txt" >"$TMP/contrib-CHN.txt"
run submit "$s" --as CHN "$TMP/contrib-CHN.txt"
expect_failure 3 '^accord: .*contrib-CHN\.txt: nothing to propose: written on Rev\.0, carried forward onto Rev\.2 \(2 changes already adopted left out\); if it was written on the latest revision, say so with --rev$'
run submit "$s" --as CHN --rev 2 "$TMP/contrib-CHN.txt"
expect_ok
expect_out '^CHN: 1 amendment from .*contrib-CHN\.txt$'
expect_out '^  CHN/2 +ADD +p8$'

finish

# --- a Word file says which revision it was marked up on: its text with the tracked changes
# rejected (issue 14). China's restoration, marked up on Rev.2, needs no --rev; the UK's changes,
# marked up on Rev.0, are carried forward from Rev.0.
if command -v python3 >/dev/null 2>&1; then
	MK=$(cd "$(dirname "$0")/../docx" && pwd)/mkdocx.py
	python3 "$MK" --tracked "$TMP/rev2.txt" "$TMP/contrib-CHN.txt" CHN "$TMP/contrib-CHN.docx"
	python3 "$MK" --tracked "$TMP/rev0.txt" "$TMP/contrib-GBR.txt" GBR "$TMP/contrib-GBR.docx"
	s=$TMP/docx.db
	cp "$TMP/before.db" "$s"
	run submit "$s" --as CHN "$TMP/contrib-CHN.docx"
	expect_ok
	expect_out '^CHN: 1 amendment from .*contrib-CHN\.docx$'
	check '[ ! -s "$err" ]' "no warning: the Word file's changes were made on Rev.2"
	run submit "$s" --as GBR "$TMP/contrib-GBR.docx"
	expect_status 0
	expect_err '^accord: .*contrib-GBR\.docx: written on Rev\.0, carried forward onto Rev\.2 \(1 change already adopted, 2 changes'
	expect_out '^GBR: 2 amendments from .*contrib-GBR\.docx$'
else
	echo "session_submit_rev.sh: the Word part skipped: python3 is needed to write the .docx files"
fi
