# exit_codes.sh: the exit-code table of every command. For each command `accord --help`
# lists, the codes 0 to 6 that `accord help COMMAND` documents are read from its
# "Exit status:" paragraph, and each must be produced here by a case of that command, with
# its one-line message `accord: ...` (and nothing on standard output); a case whose code
# the command does not document fails too. Code 70 (internal error) is left out.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
usa=$SEEDS/contrib-USA.txt
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS
covered=""

# ok COMMAND ARGS...: exit 0, nothing on standard error.
ok() {
	command=$1
	shift
	run "$@"
	expect_ok
	covered="$covered $command:0"
}

# fails COMMAND CODE RE ARGS...: exit CODE, nothing on standard output, standard error's
# first line `accord: ` and matching RE, and (but for a usage error, which adds a hint, and
# the problem list of an invalid pack) no other line.
fails() {
	command=$1 code=$2 re=$3
	shift 3
	run "$@"
	expect_failure "$code" "^accord: $re"
	if [ "$code" -ne 2 ] && [ "$command:$code" != workflow:3 ]; then
		check '[ "$(wc -l <"$err")" -eq 1 ]' "one line on stderr for exit $code of $command"
	fi
	covered="$covered $command:$code"
}

# --- files -------------------------------------------------------------------------------------
: >"$TMP/empty.txt"
printf 'a\000b\n' >"$TMP/binary.txt"
missing=$TMP/missing.txt
missing_re=$(re_quote "$missing")

# --- parse ---------------------------------------------------------------------------------
ok parse parse "$base"
fails parse 2 "parse: no input file$" parse
fails parse 3 "$(re_quote "$TMP/empty.txt"): the input is empty" parse "$TMP/empty.txt"
fails parse 5 "$missing_re: cannot open" parse "$missing"

# --- diff ----------------------------------------------------------------------------------
ok diff diff "$base" "$base"
run diff --as USA --color never "$base" "$usa"
expect_status 1
expect_out '^MOD USA/3  recognizing a\) \[p1\]$'
check '[ -z "$(other_stderr)" ]' "diff with differences: nothing on stderr but the flattened tracked changes"
covered="$covered diff:1"
fails diff 2 "diff: expected two files, BASE and CONTRIB$" diff "$base"
fails diff 3 "$(re_quote "$TMP/binary.txt"):1:2: a NUL byte" diff "$base" "$TMP/binary.txt"
fails diff 5 "$missing_re: cannot open" diff "$missing" "$base"

# --- apply ---------------------------------------------------------------------------------
run diff --format json -o "$TMP/usa.json" "$base" "$usa"
expect_status 1
ok apply apply "$base" "$TMP/usa.json"
fails apply 2 "apply: expected two files, BASE and AMENDMENTS\\.json$" apply "$base"
printf '{"accord": "amendments/1", "amendments": [' >"$TMP/broken.json"
fails apply 3 "$(re_quote "$TMP/broken.json"):1:[0-9]+: " apply "$base" "$TMP/broken.json"
fails apply 5 "$missing_re: cannot open" apply "$base" "$missing"

# --- packs of our own: one that fails as it loads, one whose rules raise -----------------------
mkdir "$TMP/packs"
cp -R "$ACCORD_WORKFLOWS/lib" "$TMP/packs/lib"
printf 'error("this pack is broken")\n' >"$TMP/packs/broken.lua"
# (they raise at a stage only: `init` checks a pack as `workflow check` does, with calls without one)
sed 's/^return pack$/local may_propose = pack.may_propose\
pack.may_propose = function(p, ctx) if ctx.stage then error("may_propose is broken") end return may_propose(p, ctx) end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/raising1.lua"
sed 's/^return pack$/local may_object, decide = pack.may_object, pack.decide\
pack.may_object = function(p, ctx) if ctx.stage then error("may_object is broken") end return may_object(p, ctx) end\
pack.decide = function(p, ctx) if ctx.stage then error("decide is broken") end return decide(p, ctx) end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/raising2.lua"
check 'grep -q "may_propose is broken" "$TMP/packs/raising1.lua" && grep -q "decide is broken" "$TMP/packs/raising2.lua"' \
	"the raising packs are made"
printf 'return { api = 1 }\n' >"$TMP/packs/invalid.lua"

# --- workflow ------------------------------------------------------------------------------
ok workflow workflow check --quiet "$ACCORD_WORKFLOWS/wtpf.lua"
fails workflow 2 "workflow: the subcommand is 'check' or 'list'$" workflow frobnicate "$ACCORD_WORKFLOWS/wtpf.lua"
fails workflow 3 "$(re_quote "$TMP/packs/invalid.lua"): " workflow check "$TMP/packs/invalid.lua"
fails workflow 4 "$(re_quote "$TMP/packs/broken.lua"):1: this pack is broken" workflow check "$TMP/packs/broken.lua"
fails workflow 5 "$missing_re: cannot " workflow check "$missing"

# --- run -----------------------------------------------------------------------------------
printf 'print(accord ~= nil)\n' >"$TMP/script.lua"
ok run run "$TMP/script.lua"
expect_out '^true$'
fails run 2 "run: which script\\?$" run
printf 'error("the script failed")\n' >"$TMP/failing.lua"
fails run 4 "$(re_quote "$TMP/failing.lua"):1: the script failed" run "$TMP/failing.lua"
fails run 5 "$missing_re: cannot " run "$missing"

# --- consolidate ---------------------------------------------------------------------------
ok consolidate consolidate --workflow wtpf "$base" USA="$usa"
fails consolidate 2 "consolidate: no contribution" consolidate "$base"
fails consolidate 3 "no workflow 'nosuchbody'" consolidate --workflow nosuchbody "$base" USA="$usa"
fails consolidate 4 "$(re_quote "$TMP/packs/broken.lua"):1: this pack is broken" consolidate --workflow "$TMP/packs/broken.lua" "$base" USA="$usa"
fails consolidate 5 "$missing_re: cannot open" consolidate "$base" USA="$missing"

# --- brackets ------------------------------------------------------------------------------
printf 'Title\n\n\tnoting\na)\tthat [the [text]\n' >"$TMP/unbalanced.txt"
ok brackets brackets "$base"
fails brackets 2 "brackets: --take: 'most' is not first, last or shortest" brackets --take most "$base"
fails brackets 3 "$(re_quote "$TMP/unbalanced.txt"):4:9: unbalanced brackets" brackets "$TMP/unbalanced.txt"
fails brackets 4 "$(re_quote "$TMP/packs/broken.lua"):1: this pack is broken" brackets --workflow "$TMP/packs/broken.lua" "$base"
fails brackets 5 "$missing_re: cannot open" brackets "$missing"

# --- sessions: a good one, and one whose pack raises in its rules ------------------------------
s=$TMP/s.db
r1=$TMP/raising1.db
r2=$TMP/raising2.db
printf 'not a session\n' >"$TMP/notes.db"
notes_re="$(re_quote "$TMP/notes.db"): not an accord session \\(not an SQLite database\\)"

# --- init ----------------------------------------------------------------------------------
ok init init "$s" --workflow cwg_internet --base "$base" --roster "$roster"
fails init 2 "init: --workflow and --base are required" init "$TMP/x.db" --base "$base"
fails init 3 "no workflow 'nosuchbody'" init "$TMP/x.db" --workflow nosuchbody --base "$base"
fails init 4 "$(re_quote "$TMP/packs/broken.lua"):1: this pack is broken" init "$TMP/x.db" --workflow "$TMP/packs/broken.lua" --base "$base"
check '[ ! -e "$TMP/x.db" ]' "failed inits leave no file"
fails init 5 "$(re_quote "$s"): .*already exists" init "$s" --workflow cwg_internet --base "$base"
# init checks the pack as `workflow check` does, and the roster's roles against it (exit 3, no file)
fails init 3 "$(re_quote "$TMP/packs/invalid.lua"): not a valid rule pack: name: must be a short id" init "$TMP/x.db" --workflow "$TMP/packs/invalid.lua" --base "$base"
fails init 3 ".*un_ga\\.lua: not a valid rule pack: roles: the roster's role 'sector_member' is unknown to this pack" init "$TMP/x.db" --workflow un_ga --base "$base" --roster "$roster"
check '[ ! -e "$TMP/x.db" ]' "inits refused by the check leave no file"
# r1: may_propose raises; r2: may_object and decide raise (it has BRA/1)
run init "$r1" --workflow "$TMP/packs/raising1.lua" --base "$base" --roster "$roster"
expect_ok
run init "$r2" --workflow "$TMP/packs/raising2.lua" --base "$base" --roster "$roster"
expect_ok
run propose "$r2" --as BRA --paragraph p13 --insert "and others"
expect_ok
# b: a session whose pack breaks after BRA/1 is tabled (the file at its recorded path
# replaced): every command that needs the rules fails with exit 4; readers do not need them
b=$TMP/b.db
cp "$ACCORD_WORKFLOWS/wtpf.lua" "$TMP/packs/later.lua"
run init "$b" --workflow "$TMP/packs/later.lua" --base "$base" --roster "$roster"
expect_ok
run propose "$b" --as BRA --paragraph p13 --insert "and others"
expect_ok
cp "$TMP/packs/broken.lua" "$TMP/packs/later.lua"
later_re="$(re_quote "$TMP/packs/later.lua"):1: this pack is broken"
for command in status list log text replay; do
	run "$command" "$b"
	expect_ok
done

# --- submit --------------------------------------------------------------------------------
ok submit submit "$s" --as USA "$usa"
fails submit 2 "submit: --as PARTY is required" submit "$s" "$usa"
fails submit 3 "$(re_quote "$base"): the contribution makes no change to Rev\\.0$" submit "$s" --as IRN "$base"
fails submit 4 ".*may_propose is broken" submit "$r1" --as USA "$usa"
fails submit 5 "$notes_re" submit "$TMP/notes.db" --as USA "$usa"
fails submit 6 "'XYZ' is not a party to this session" submit "$s" --as XYZ "$usa"

# --- propose -------------------------------------------------------------------------------
ok propose propose "$s" --as BRA --paragraph p13 --insert "and others"
expect_out '^BRA/1$'
fails propose 2 "propose: give one of --paragraph, --add-paragraph and --delete-paragraph" propose "$s" --as BRA
fails propose 3 "paragraph p13 does not contain \"no such words\"" propose "$s" --as BRA --paragraph p13 --delete "no such words"
fails propose 4 ".*may_propose is broken" propose "$r1" --as BRA --paragraph p13 --insert "and others"
fails propose 5 "$notes_re" propose "$TMP/notes.db" --as BRA --paragraph p13 --insert "and others"
fails propose 6 "ISOC may not propose ISOC/1: only Member States propose" propose "$s" --as ISOC --paragraph p13 --insert "and others"

# --- cosponsor -----------------------------------------------------------------------------
ok cosponsor cosponsor "$s" --as CAN BRA/1
fails cosponsor 2 "cosponsor: --as PARTY is required" cosponsor "$s" BRA/1
fails cosponsor 3 "no amendment 'BRA/9'" cosponsor "$s" --as CAN BRA/9
fails cosponsor 4 "$later_re" cosponsor "$b" --as CAN BRA/1
fails cosponsor 5 "$notes_re" cosponsor "$TMP/notes.db" --as CAN BRA/1
fails cosponsor 6 "ICANN may not co-sponsor BRA/1: only Member States propose" cosponsor "$s" --as ICANN BRA/1
# a second co-sponsorship by the same party: a refusal (6), not a usage error (issue 11)
fails cosponsor 6 "CAN already sponsors BRA/1" cosponsor "$s" --as CAN BRA/1
fails cosponsor 6 "BRA already sponsors BRA/1" cosponsor "$s" --as bra BRA/1

# --- withdraw ------------------------------------------------------------------------------
run propose "$s" --as BRA --paragraph p12 --insert "soon"
expect_out '^BRA/2$'
ok withdraw withdraw "$s" --as BRA BRA/2
fails withdraw 2 "withdraw: expected SESSION AMENDMENT" withdraw "$s" --as BRA
fails withdraw 3 "no amendment 'BRA/9'" withdraw "$s" --as BRA BRA/9
fails withdraw 4 "$later_re" withdraw "$b" --as BRA BRA/1
fails withdraw 5 "$notes_re" withdraw "$TMP/notes.db" --as BRA BRA/1
fails withdraw 6 "IRN may not withdraw BRA/1: only its proposer \\(BRA\\) may" withdraw "$s" --as IRN BRA/1

# --- comment -------------------------------------------------------------------------------
fails comment 6 "ISOC may not comment: the meeting stage \\(.*\\) does not take comments; stages that do: online_consultation, physical_consultation" comment "$s" --as ISOC --on p13 "All stakeholders."
run stage "$s" online_consultation
expect_ok
ok comment comment "$s" --as ISOC --on p13 "All stakeholders."
expect_out '^comment 1 by ISOC on p13$'
fails comment 2 "comment: --as PARTY is required" comment "$s" "All stakeholders."
fails comment 3 "'p99' is neither an amendment nor a paragraph or section of Rev\\.0$" comment "$s" --as ISOC --on p99 "All stakeholders."
fails comment 4 "$later_re" comment "$b" --as ISOC "All stakeholders."
fails comment 5 "$notes_re" comment "$TMP/notes.db" --as ISOC "All stakeholders."

# --- stage ---------------------------------------------------------------------------------
# stages move forward: back to the meeting needs --back
fails stage 6 "stage 'meeting' comes before the current stage 'online_consultation': stages move forward; going back needs --back" stage "$s" meeting
ok stage stage "$s" --back meeting
expect_out '^meeting$'
fails stage 2 "no stage 'lunch' in cwg_internet \\(stages: meeting, online_consultation, physical_consultation, next_meeting, chair_report\\)" stage "$s" lunch
fails stage 4 "$later_re" stage "$b" --next
fails stage 5 "$notes_re" stage "$TMP/notes.db"
fails stage 6 "the session is already at stage 'meeting'$" stage "$s" meeting

# --- position ------------------------------------------------------------------------------
# r2 to the Forum's working groups: the wtpf preparation stage takes no positions
run stage "$r2" forum_wg
expect_ok
ok position position "$s" --as IRN BRA/1 object
expect_out '^IRN: object on BRA/1$'
fails position 2 "a position is support, object, abstain or reserve, not 'maybe'$" position "$s" --as IRN BRA/1 maybe
fails position 3 "no amendment 'BRA/9'" position "$s" --as IRN BRA/9 support
fails position 4 ".*may_object is broken" position "$r2" --as IRN BRA/1 support
fails position 5 "$notes_re" position "$TMP/notes.db" --as IRN BRA/1 support
fails position 6 "ISOC may not take a position on BRA/1: only Member States take decisions" position "$s" --as ISOC BRA/1 support

# --- decide --------------------------------------------------------------------------------
ok decide decide "$s" --amendment BRA/1
expect_out '^BRA/1 +proposed +-> bracketed '
fails decide 2 "decide: give one of --amendment, --paragraph and --all" decide "$s" --amendment BRA/1 --all
fails decide 3 "no open amendment on paragraph 'p6'$" decide "$s" --paragraph p6
run stage "$r2" plenary
expect_ok
fails decide 4 ".*decide is broken" decide "$r2" --all
fails decide 5 "$notes_re" decide "$TMP/notes.db" --all
fails decide 6 "BRA/2 is withdrawn: it cannot be decided again" decide "$s" --amendment BRA/2

# a malformed decision (no tally) is the pack's failure too
sed 's/^return pack$/pack.decide = function(p, ctx) if ctx.stage then return { outcome = "agreed" } end return { outcome = "agreed", tally = {} } end\
return pack/' "$ACCORD_WORKFLOWS/wtpf.lua" >"$TMP/packs/malformed.lua"
run init "$TMP/malformed.db" --workflow "$TMP/packs/malformed.lua" --base "$base" --roster "$roster"
expect_ok
run propose "$TMP/malformed.db" --as BRA --paragraph p13 --insert "x" --after-text "Sector Members"
expect_ok
run stage "$TMP/malformed.db" plenary
expect_ok
fails decide 4 "decide: tally must be a table" decide "$TMP/malformed.db" --all

# --- vote ----------------------------------------------------------------------------------
# g: a UN GA session at adoption with BRA/1; g3: the same under a pack whose may_vote raises
sed 's/^return pack$/local may_vote = pack.may_vote\
pack.may_vote = function(p, ctx) if ctx.stage then error("may_vote is broken") end return may_vote(p, ctx) end\
return pack/' "$ACCORD_WORKFLOWS/un_ga.lua" >"$TMP/packs/raising3.lua"
g=$TMP/ga.db
g3=$TMP/ga3.db
for pair in "$g un_ga" "$g3 $TMP/packs/raising3.lua"; do
	set -- $pair
	run init "$1" --workflow "$2" --base "$base" --roster "$TESTDATA/workflows/un-roster.yaml"
	expect_ok
	run stage "$1" first_reading
	expect_ok
	run propose "$1" --as BRA --paragraph p10 --insert "(BRA)"
	expect_ok
	run stage "$1" adoption
	expect_ok
done
ok vote vote "$g" --as USA BRA/1 yes
expect_out '^USA: yes on BRA/1$'
fails vote 2 "vote: a vote is yes, no or abstain" vote "$g" --as USA BRA/1 maybe
fails vote 3 "USA votes twice in the roll call on BRA/1$" vote "$g" BRA/1 --roll-call USA=yes,usa=no
fails vote 4 ".*may_vote is broken" vote "$g3" --as USA BRA/1 yes
fails vote 5 "$notes_re" vote "$TMP/notes.db" --as USA BRA/1 yes
fails vote 6 "VAT may not vote on BRA/1: only Member States vote \\(Charter Art. 18\\)$" vote "$g" --as VAT BRA/1 yes

# --- status, list, log, text -----------------------------------------------------------------
cp "$s" "$TMP/newer.db"
check 'sqlite3 "$TMP/newer.db" "PRAGMA user_version = 999"' "a session from a newer accord"
for command in status list log; do
	ok "$command" "$command" "$s"
	fails "$command" 2 "$command: expected one SESSION" "$command"
	fails "$command" 3 ".*written by a newer accord \\(schema version 999" "$command" "$TMP/newer.db"
	fails "$command" 5 "$notes_re" "$command" "$TMP/notes.db"
done
ok text text "$s"
fails text 2 "text: unknown format 'pdf'$" text "$s" --format pdf
fails text 3 "$(re_quote "$s"): no revision 7$" text "$s" --rev 7
fails text 5 "$notes_re" text "$TMP/notes.db"

# --- compile -------------------------------------------------------------------------------
ok compile compile "$s"
fails compile 2 "compile: expected one SESSION" compile
fails compile 3 "no workflow 'nosuchbody'" compile --workflow nosuchbody "$s"
fails compile 4 "$(re_quote "$TMP/packs/broken.lua"):1: this pack is broken" compile --workflow "$TMP/packs/broken.lua" "$s"
fails compile 5 "$notes_re" compile "$TMP/notes.db"

# --- revise --------------------------------------------------------------------------------
fails revise 3 "no revision issued: nothing was agreed since Rev\\.0" revise "$s"
ok revise revise --allow-empty "$s"
expect_out '^Rev\.1: 0 agreed amendments applied, '
fails revise 2 "revise: expected one SESSION" revise
# revise reads the pack's convention for new paragraphs' labels: a broken pack stops it
fails revise 4 "$later_re" revise "$b"
run propose "$s" --as USA --paragraph p11 --replace "immediate" --with "prompt"
run propose "$s" --as IRN --paragraph p11 --delete "immediate "
for id in USA/23 IRN/1; do
	run position "$s" --as "${id%%/*}" "$id" support
	expect_ok
	run decide "$s" --amendment "$id"
	expect_ok
done
fails revise 3 "cannot issue Rev\\.2: the agreed amendments do not fit together" revise "$s"
fails revise 5 "$notes_re" revise "$TMP/notes.db"

# --- replay --------------------------------------------------------------------------------
ok replay replay "$s"
expect_out ': [0-9]+ events replayed; the tables match the log$'
cp "$s" "$TMP/tampered.db"
check 'sqlite3 "$TMP/tampered.db" "UPDATE comments SET text = '"'Some stakeholders.'"'"' "a hand edit of a comment"
run replay "$TMP/tampered.db"
expect_status 1
check '[ ! -s "$out" ] && [ "$(wc -l <"$err")" -eq 1 ] && grep -q "^accord: .*the tables differ from the event log: table comments, row 1 .*column text is '"'Some stakeholders.'"' in the file but '"'All stakeholders.'"' from the events$" "$err"' \
	"replay of a tampered file: exit 1 and the difference"
covered="$covered replay:1"
fails replay 2 "replay: expected one SESSION" replay
fails replay 5 "$notes_re" replay "$TMP/notes.db"

# --- simulate ------------------------------------------------------------------------------------
sim=$TMP/sim
mkdir -p "$sim"
cp "$TESTDATA/simulate/base.txt" "$TESTDATA/simulate/roster.yaml" "$TESTDATA/simulate/contrib-AAA.txt" "$sim/"
printf 'return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml", contributions = { AAA = "contrib-AAA.txt" },\n default = %s }\n' \
	'function() return "support" end' >"$sim/ok.lua"
printf 'return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml", delegations = { ZZZ = 1 } }\n' >"$sim/unknown.lua"
printf 'return { workflow = "wtpf", base = "base.txt", roster = "roster.yaml", contributions = { AAA = "contrib-AAA.txt" },\n default = %s }\n' \
	'function() error("no view") end' >"$sim/raising.lua"
printf 'return { workflow = "wtpf", base = "nowhere.txt", roster = "roster.yaml" }\n' >"$sim/missing.lua"
ok simulate simulate "$sim/ok.lua" --runs 2
fails simulate 2 "simulate: --runs takes a number from 1 to 100000000" simulate "$sim/ok.lua" --runs 0
fails simulate 3 ".*unknown.lua: scenario: delegations.ZZZ: a party that is not in the roster" simulate "$sim/unknown.lua"
fails simulate 4 ".*raising.lua:2: agent of AAA on AAA/1 \\(run 1\\): .*no view" simulate "$sim/raising.lua"
fails simulate 5 ".*nowhere.txt: cannot open" simulate "$sim/missing.lua"

# --- forecast ------------------------------------------------------------------------------------
fc=$TMP/fc
mkdir -p "$fc/packs"
ok forecast forecast "$TESTDATA/forecast/issues.tsv" --runs 2
fails forecast 2 "forecast: --runs takes a number from 1 to 1000000" forecast "$TESTDATA/forecast/issues.tsv" --runs 0
printf 'isnr\tproc\n' >"$fc/short.tsv"
fails forecast 3 ".*short.tsv:1:1: header: no column \"counvte\"|.*short.tsv:1:1: header: no column \"rp\"" forecast "$fc/short.tsv"
printf 'return { passes = function() error("broken") end }\n' >"$fc/packs/eu_ordinary.lua"
cp "$fc/packs/eu_ordinary.lua" "$fc/packs/eu_consultation.lua"
saved_workflows=${ACCORD_WORKFLOWS:-}
ACCORD_WORKFLOWS=$fc/packs
export ACCORD_WORKFLOWS
fails forecast 4 ".*eu_ordinary.lua:1: issue h00 \(line 2\), eu_ordinary: .*broken" forecast "$TESTDATA/forecast/issues.tsv"
ACCORD_WORKFLOWS=$saved_workflows
export ACCORD_WORKFLOWS
fails forecast 5 ".*nowhere.tsv: cannot open" forecast "$fc/nowhere.tsv"

# --- the table: every documented code of every command has its case, and no other -----------------
run --help
commands=$(sed -n '/^Commands:$/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$out")
check '[ "$(echo $commands | wc -w)" -eq 26 ]' "--help lists 26 commands"
for command in $commands; do
	run help "$command"
	documented=$(sed -n '/^Exit status:/,/^$/p' "$out" | tr '\n' ' ' | grep -oE '(^|[,:] )[0-9]+ ' | grep -oE '[0-9]+')
	check '[ -n "$documented" ]' "help $command documents its exit codes"
	for code in $documented; do
		[ "$code" -le 6 ] || continue
		case " $covered " in
		*" $command:$code "*) pass ;;
		*) fail "exit $code of $command is documented but no case here produces it" ;;
		esac
	done
	for pair in $covered; do
		[ "${pair%%:*}" = "$command" ] || continue
		case " $(echo $documented) " in
		*" ${pair#*:} "*) pass ;;
		*) fail "a case of $command exits ${pair#*:}, which accord help $command does not document" ;;
		esac
	done
done

finish
