# forecast.sh: accord forecast: the JSON's shape, determinism (the same seed gives the same bytes,
# --jobs 1 and 2 the same forecasts, for each --model), the outcome column never changing a forecast, --agenda's
# arithmetic, the MAEs side by side, and bad data ending with one FILE:LINE:COL line and exit 3.
. "$(dirname "$0")/lib.sh" "$@"

data=$TESTDATA/forecast/issues.tsv

run forecast "$data" --orders 128 --runs 20 --seed 3 --json -o "$TMP/one.json"
expect_ok
check 'grep -q "\"id\": \"h00\"" "$TMP/one.json" && grep -q "\"forecast\": " "$TMP/one.json" && grep -q "\"spread\": " "$TMP/one.json"' \
	"the JSON has id, forecast and spread"
check 'grep -q "\"eu_consultation\": {" "$TMP/one.json" && grep -q "\"compromise\": " "$TMP/one.json"' "the MAEs by procedure"
run forecast "$data" --orders 128 --runs 20 --seed 3 --json -o "$TMP/again.json"
expect_ok
expect_same "$TMP/one.json" "$TMP/again.json" "the same seed twice"
run forecast "$data" --orders 128 --runs 20 --seed 3 --jobs 2 --json -o "$TMP/two.json"
expect_ok
expect_same "$TMP/one.json" "$TMP/two.json" "one job and two"
run forecast "$data" --orders 128 --runs 20 --seed 4 --json -o "$TMP/other.json"
expect_ok
check '! cmp -s "$TMP/one.json" "$TMP/other.json"' "another seed, other forecasts"

# --- the outcome never informs a forecast: blank it, and the forecasts stay -----------------------
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $NF = "" } { print }' "$data" >"$TMP/blank.tsv"
run forecast "$TMP/blank.tsv" --orders 128 --runs 20 --seed 3 --json -o "$TMP/blank.json"
expect_ok
grep -E '"(id|forecast|spread)"' "$TMP/one.json" >"$TMP/one.f"
grep -E '"(id|forecast|spread)"' "$TMP/blank.json" >"$TMP/blank.f"
expect_same "$TMP/one.f" "$TMP/blank.f" "forecasts with and without the outcomes"
check '! grep -q "\"out\"" "$TMP/blank.json"' "no outcome, none printed"
# nor does another outcome
awk -F'\t' 'BEGIN { OFS = "\t" } NR > 1 { $NF = 42 } { print }' "$data" >"$TMP/other-out.tsv"
run forecast "$TMP/other-out.tsv" --orders 128 --runs 20 --seed 3 --json -o "$TMP/other-out.json"
grep -E '"(id|forecast|spread)"' "$TMP/other-out.json" >"$TMP/other-out.f"
expect_same "$TMP/one.f" "$TMP/other-out.f" "forecasts with other outcomes"

# --- the models: each runs, deterministic for any --jobs; the actors' power in the JSON ------------
check 'grep -q "\"model\": \"power\"" "$TMP/one.json" && grep -q "\"power\": {" "$TMP/one.json" && grep -q "\"COM\": 0" "$TMP/one.json"' \
	"the default model is power, each issue with its actors' power"
check 'grep -q "\"agenda\": 1.0," "$TMP/one.json"' "the default --agenda is 1"
for model in winset table; do
	run forecast "$data" --orders 128 --runs 20 --seed 3 --model $model --power 0.25 --json -o "$TMP/$model-1.json"
	expect_ok
	run forecast "$data" --orders 128 --runs 20 --seed 3 --model $model --power 0.25 --jobs 3 --json -o "$TMP/$model-3.json"
	expect_ok
	expect_same "$TMP/$model-1.json" "$TMP/$model-3.json" "$model: one job and three"
	check 'grep -q "\"model\": \"'$model'\"" "$TMP/$model-1.json"' "$model: named in the JSON"
done
run forecast "$data" --orders 128 --model nash
expect_failure 2 "forecast: --model takes power, winset or table"
run forecast "$data" --orders 128 --power 1.5
expect_failure 2 "forecast: --power takes a weight from 0 to 1"

# --- --agenda: the Commission's power counts 1 + B times -------------------------------------------
# agenda.tsv: the Commission at 100, DE, FR, IT and UK at 0, salience 50 each. Consultation by QMV:
# it passes with the Commission and three of the four, or with all four; every one of the five is the
# pivot of a fifth of the orders (power 0.2). With --power 1 the capabilities are power x 5 = 1, the
# Commission's 1 + B: the forecast is 100 (1 + B) / (5 + B): 20, 33.3, 50 for B = 0, 1, 3.
agenda=$TESTDATA/forecast/agenda.tsv
for b in 0:20 1:33.3 3:50; do
	run forecast "$agenda" --power 1 --noise 0 --runs 1 --orders 100000 --agenda "${b%%:*}" --json
	expect_ok
	check 'awk -v want="${b#*:}" '"'"'/"forecast"/ { sub(/,$/, "", $2); d = $2 - want; print (d < 1 && d > -1) ? "ok" : "off"; exit }'"'"' "$out" | grep -q ok' \
		"--agenda ${b%%:*}: the forecast is ${b#*:}"
	check 'grep -q "\"agenda\": ${b%%:*}" "$out"' "--agenda ${b%%:*} in the JSON"
done
# under co-decision the Commission has no vote (power 0): --agenda changes nothing; nor with --power 0
run forecast "$agenda" --orders 256 --runs 10 --agenda 0 -o "$TMP/agenda0.txt"
expect_ok
run forecast "$agenda" --orders 256 --runs 10 --agenda 3 -o "$TMP/agenda3.txt"
expect_ok
check 'grep "^cod " "$TMP/agenda0.txt" >"$TMP/cod0" && grep "^cod " "$TMP/agenda3.txt" | cmp -s - "$TMP/cod0"' \
	"co-decision: the same forecast for any --agenda"
check 'grep "^cnsq " "$TMP/agenda0.txt" >"$TMP/cnsq0" && ! grep "^cnsq " "$TMP/agenda3.txt" | cmp -s - "$TMP/cnsq0"' \
	"consultation by QMV: another forecast"
run forecast "$agenda" --power 0 --noise 0 --runs 1 --agenda 3
expect_ok
expect_out '^cnsq +eu_consultation +20\.0 +0\.0 +20\.0 '
for bad in -1 10.5 x ""; do
	run forecast "$agenda" --agenda "$bad"
	expect_failure 2 "forecast: --agenda takes a number from 0 to 10"
done

# --- the text: the MAEs side by side ------------------------------------------------------------
run forecast "$data" --orders 128 --runs 5
expect_ok
expect_out '^issues +n +accord +compromise +median$'
expect_out '^all +11 +[0-9.]+ +[0-9.]+ +[0-9.]+$'

# --- bad data: exit 3, FILE:LINE:COL -------------------------------------------------------------
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 3 { $6 = "abc" } { print }' "$data" >"$TMP/bad.tsv"
run forecast "$TMP/bad.tsv" --orders 128
expect_failure 3 "^accord: .*bad\\.tsv:3:[0-9]+: pcom: \"abc\" is not a number$"
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 4 { $7 = "150" } { print }' "$data" >"$TMP/range.tsv"
run forecast "$TMP/range.tsv" --orders 128
expect_failure 3 "^accord: .*range\\.tsv:4:[0-9]+: pep: 150 is outside the scale 0-100$"
cut -f1-65 "$data" >"$TMP/cut.tsv"
run forecast "$TMP/cut.tsv" --orders 128
expect_failure 3 "^accord: .*cut\\.tsv:1:1: header: no column \"rp\"$"
run forecast "$data" --orders 128 --runs 0
expect_failure 2 "forecast: --runs takes a number"

finish
