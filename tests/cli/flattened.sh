# flattened.sh: contributions whose tracked changes were flattened into plain text (issue 14):
# accord diff, submit and consolidate warn of each suspicious place on stderr (FILE:LINE:COL)
# and ask for the .docx, with stdout and exit codes as without the warnings; ordinary
# revisions give no warning.
. "$(dirname "$0")/lib.sh" "$@"

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
USA=$SEEDS/contrib-USA.txt
IRN=$SEEDS/contrib-IRN.txt

# diff: the places, then one line asking for the .docx; stdout is the golden one.
run diff "$BASE" "$USA" --as USA
expect_status 1
expect_same "$TESTDATA/diff/USA.txt" "$out" "the text view is unchanged by the warnings"
expect_err "^accord: $USA:6:14: warning: 'paragrapharticle' looks like a flattened tracked change \('paragraph' inserted, 'article' deleted\)$"
expect_err "^accord: $USA:23:14: warning: 'paragrapharticle' looks like"
expect_err "^accord: $USA:9:13: warning: 'paragraph article' looks like a flattened tracked change \('paragraph' inserted, 'article' deleted, both kept\)$"
expect_err "^accord: $USA: warning: .*ask for the \.docx"
check '[ "$(grep -c "looks like a flattened" "$err")" -eq 7 ]' "seven places in the USA text"
run diff "$BASE" "$USA" --as USA --format json
expect_status 1
sed 's#"file": "[^"]*/#"file": "#; s#"base": "[^"]*/#"base": "#; s#"contribution": "[^"]*/#"contribution": "#' "$out" > "$TMP/got.json"
expect_same "$TESTDATA/diff/USA.json" "$TMP/got.json" "the JSON is unchanged by the warnings"

run diff "$BASE" "$IRN" --as IRN
expect_status 1
expect_err "^accord: $IRN:6:4: warning: 'thatInternet' looks like a flattened tracked change \('that' and 'Internet' run together\)$"

# From standard input: the line, no column.
run_in "$USA" diff "$BASE" - --as USA
expect_status 1
expect_err "^accord: -:6: warning: 'paragrapharticle' looks like"

# Ordinary revisions: no warning at all.
cat > "$TMP/base.txt" <<'TXT'
recognizing
a)	that, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;
b)	that the management of the Internet can not be left to governments alone;
TXT
cat > "$TMP/revised.txt" <<'TXT'
recognizing
a)	that, per revised paragraph 37 of the Tunis Agenda, a broad multi-stakeholder approach must be adopted;
b)	that the management of the Internet cannot be left within governments;
TXT
run diff "$TMP/base.txt" "$TMP/revised.txt"
expect_status 1
check '[ ! -s "$err" ]' "an ordinary revision gives no warning"

# The same text flattened: "article" -> "paragraph" glued, then both kept.
cat > "$TMP/flat.txt" <<'TXT'
recognizing
a)	that, per paragrapharticle 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;
b)	that the management of the Internet can not be left to governments alone, as per paragraph article 35;
TXT
run diff "$TMP/base.txt" "$TMP/flat.txt"
expect_status 1
expect_err "^accord: $TMP/flat.txt:2:14: warning: 'paragrapharticle' looks like"
expect_err "^accord: $TMP/flat.txt:3:85: warning: 'paragraph article' looks like"

# consolidate: the warnings of each contribution, the compilation on stdout as before.
run consolidate "$BASE" IRN="$IRN" USA="$USA"
expect_status 0
expect_err "^accord: $IRN:6:4: warning: 'thatInternet'"
expect_err "^accord: $USA:6:14: warning: 'paragrapharticle'"
cp "$out" "$TMP/with.txt"
run consolidate "$TMP/base.txt" X="$TMP/revised.txt"
expect_status 0
check '[ ! -s "$err" ]' "consolidate: an ordinary revision gives no warning"

# submit: the same warnings, stdout as before.
s=$TMP/s.db
run init "$s" --base "$BASE" --workflow wtpf --roster "$SEEDS/roster.yaml"
expect_ok
run submit "$s" --as USA "$USA"
expect_status 0
expect_out '^  USA/3 +MOD +p1$'
expect_err "^accord: $USA:6:14: warning: 'paragrapharticle' looks like"
expect_err "^accord: $USA: warning: .*ask for the \.docx"

finish
