# sessions.sh: drafting sessions end to end: the WTPF example (init with the
# wtpf pack and the roster, IRN and USA submit, positions, decisions, Rev.1,
# log, replay), hand-typed proposals, and the refusals: a Sector Member
# proposing under CWG-Internet, an unknown party, a withdrawal by someone
# else, a decision outside its stage; damaged and foreign files.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
roster=$SEEDS/roster.yaml
s=$TMP/wtpf.db
# ctest sets ACCORD_WORKFLOWS (tests/cli/CMakeLists.txt); by hand, the source tree's packs.
ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$(cd "$(dirname "$0")/../../workflows" && pwd)}
export ACCORD_WORKFLOWS

# --- init ----------------------------------------------------------------------
run init "$s" --workflow wtpf --base "$base" --roster "$roster"
expect_ok
expect_out "a new wtpf session at stage 'preparation'; Rev.0 is .* \(13 paragraphs\)"
run init "$s" --workflow wtpf --base "$base" --roster "$roster"
expect_failure 5 'already exists'
run init "$TMP/x.db" --workflow nosuchbody --base "$base"
expect_failure 3 "no workflow 'nosuchbody'"
check '[ ! -e "$TMP/x.db" ]' "a failed init leaves no file"
run init "$TMP/x.db" --base "$base"
expect_failure 2 'workflow and --base are required'
run stage "$s"
expect_ok
expect_out '^preparation$'

# --- contributions ------------------------------------------------------------------
run submit "$s" --as IRN "$SEEDS/contrib-IRN.txt"
expect_ok
expect_out '^IRN: [0-9]+ amendments from .*contrib-IRN.txt$'
expect_out '^  IRN/1 '
run submit "$s" --as USA "$SEEDS/contrib-USA.txt"
expect_ok
expect_out '^  USA/3 +MOD +p1$'
run submit "$s" --as XYZ "$SEEDS/contrib-USA.txt"
expect_failure 6 "'XYZ' is not a party to this session"
run submit "$s" --as USA "$base"
expect_failure 3 'makes no change'
run list "$s" --state proposed
expect_ok
count_irn=$(grep -c '^IRN/' "$out")
count_usa=$(grep -c '^USA/' "$out")
check '[ "$count_irn" -eq 12 ] && [ "$count_usa" -eq 22 ]' "the 12 amendments of IRN and 22 of the USA listed ($count_irn, $count_usa)"

# --- proposals by hand ----------------------------------------------------------------
run propose "$s" --as BRA --paragraph p13 --insert "and developing countries" --after-text "Sector Members"
expect_ok
expect_out '^BRA/1$'
run propose "$s" --as BRA --add-paragraph "to report on progress to the next Forum." --after p13 --label "c)"
expect_ok
expect_out '^BRA/2$'
run propose "$s" --as BRA --paragraph p13 --replace "no such words" --with "x"
expect_failure 3 'does not contain "no such words"'
run propose "$s" --as BRA --paragraph p13 --insert "x" --after-text "the"
expect_failure 3 'occurs [0-9]+ times'
run propose "$s" --as BRA --delete-paragraph p99
expect_failure 3 "no paragraph 'p99'"
run propose "$s" --as BRA --paragraph p13
expect_failure 2 'needs one of --replace, --delete and --insert'
# An id listed twice in --supersedes: a usage error, and the file as it was (the event
# promised two superseded rows for one, and failed as a damaged session, exit 5).
sum_before=$(cksum <"$s")
run propose "$s" --as BRA --paragraph p13 --insert "and others" --supersedes BRA/1,BRA/1
expect_failure 2 'BRA/1 is listed twice in supersedes'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "a refused proposal leaves the file byte for byte"
run propose "$s" --as BRA --paragraph p13 --insert " "
expect_failure 2 'take some text'
run propose "$s" --as BRA --add-paragraph "" --after p13
expect_failure 2 'take some text'
run propose "$s" --as BRA --add-paragraph "x" --after p13 --label "$(printf 'x\ty')"
expect_failure 2 'no tab or line break'

# --- withdrawal: only the proposer -------------------------------------------------------
sum_before=$(cksum <"$s")
run withdraw "$s" --as IRN BRA/2
expect_failure 6 'IRN may not withdraw BRA/2: only its proposer \(BRA\) may'
check '[ "$(cksum <"$s")" = "$sum_before" ]' "a refused withdrawal leaves the file byte for byte"
run withdraw "$s" --as BRA BRA/2
expect_ok
run withdraw "$s" --as BRA BRA/2
expect_failure 6 'BRA/2 is withdrawn: it can no longer be withdrawn'
run cosponsor "$s" --as CAN BRA/1
expect_ok
run list "$s"
expect_out '^BRA/1 +proposed +MOD +p13 +b\) +BRA,CAN '
expect_out '^BRA/2 +withdrawn '

# --- positions and decisions ---------------------------------------------------------------
run decide "$s" --all
expect_failure 6 'the preparation stage .* does not take decisions; stages that do: plenary'
run stage "$s" forum_wg
expect_ok
for party in USA IRN BRA GBR; do
	run position "$s" --as $party USA/3 support
	expect_ok
done
run position "$s" --as USA IRN/3 object
expect_ok
# IRN/12 is on p13 too: silence would agree it (consensus: no objection), so the USA objects
run position "$s" --as USA IRN/12 object
expect_ok
run position "$s" --as IRN BRA/1 support
expect_ok
run position "$s" --as IRN USA/3 maybe
expect_failure 2 'support, object, abstain or reserve'
run position "$s" --as IRN USA/999 support
expect_failure 3 "no amendment 'USA/999'"
run stage "$s" --next
expect_ok
expect_out '^plenary$'
run decide "$s" --amendment USA/3
expect_ok
expect_out '^USA/3 +proposed +-> agreed .*"support":4'
run decide "$s" --amendment USA/3
expect_failure 6 'USA/3 is agreed: it cannot be decided again'
run decide "$s" --paragraph p13
expect_ok
expect_out '^BRA/1 +proposed +-> agreed '
run decide "$s" --amendment IRN/3
expect_ok
expect_out '^IRN/3 +proposed +-> rejected .*"object":1'
run status "$s" --json
expect_ok
expect_out '"stage":"plenary"'
expect_out '"agreed":2'
run status "$s"
expect_ok
expect_out '^stage: +plenary$'
# --parties: the roster, one party a line (what --as takes; the bash completion reads it)
run status "$s" --parties
expect_ok
expect_out '^IRN	Islamic Republic of Iran	member_state$'
check '[ "$(wc -l < "$out")" -eq "$(grep -c "code:" "$SEEDS/roster.yaml")" ]' "every party of the roster"
run status "$s" --parties --json
expect_failure 2 '^accord: status: --json and --parties do not go together$'

# --- Rev.1 -----------------------------------------------------------------------------------
run revise "$s"
expect_ok
expect_out '^Rev.1: 2 agreed amendments applied, [0-9]+ open amendments carried over$'
run text "$s" --rev 0
expect_ok
cp "$out" "$TMP/rev0.txt"
run parse "$base" --format text
expect_same "$out" "$TMP/rev0.txt" "Rev.0 is the base text"
run text "$s"
expect_ok
cp "$out" "$TMP/rev1.txt"
expect_out 'Member States and Sector Members and developing countries'
# Rev.1 is the base with exactly the agreed amendments applied.
run list "$s" --state agreed --json
expect_ok
grep -F '"USA/3"' "$out" >"$TMP/usa3.json"
grep -F '"BRA/1"' "$out" >"$TMP/bra1.json"
run apply "$base" "$TMP/usa3.json"
expect_ok
cp "$out" "$TMP/base+usa3.txt"
run apply "$TMP/base+usa3.txt" "$TMP/bra1.json"
expect_ok
expect_same "$TMP/rev1.txt" "$out" "Rev.1 = base + USA/3 + BRA/1"
run text "$s" --rev 7
expect_failure 3 'no revision 7'
run text "$s" --format json
expect_ok
expect_out '"sections"'

# --- the log and replay -------------------------------------------------------------------------
run log "$s"
expect_ok
expect_out '^ +1  .*  chair +init +workflow wtpf, stage preparation'
expect_out '^ +[0-9]+  .*  IRN +submit '
expect_out '^ +[0-9]+  .*  BRA +withdraw +BRA/2$'
expect_out '^ +[0-9]+  .*  chair +revise +Rev.1: 2 applied'
events=$(wc -l <"$out")
run log "$s" --json
expect_ok
check '[ "$(wc -l <"$out")" -eq "$events" ]' "log --json has one line per event"
run replay "$s"
expect_ok
expect_out "$events events replayed; the tables match the log"
# A hand edit of the file (the sqlite3 program is in the package list: scripts/lib.sh).
check 'command -v sqlite3 >/dev/null 2>&1' "the sqlite3 program is installed (scripts/lib.sh installs it)"
cp "$s" "$TMP/tampered.db"
check 'sqlite3 "$TMP/tampered.db" "UPDATE positions SET position = '"'abstain'"' WHERE party = '"'GBR'"'"' \
	"a legal hand edit of a position"
run replay "$TMP/tampered.db"
expect_failure 1 "^accord: .*the tables differ from the event log: table positions, row [0-9]+ \(amendment = 'USA/3'\): column position is 'abstain' in the file but 'support' from the events"
check '! sqlite3 "$TMP/tampered.db" "DELETE FROM events" 2>"$TMP/delete.err"' "the event log refuses a DELETE"
check 'grep -q "the event log is append-only" "$TMP/delete.err"' "the DELETE is refused by the log's trigger"
check '[ "$(sqlite3 "$TMP/tampered.db" "SELECT count(*) FROM events")" -eq "$events" ]' "no event is gone after the refused DELETE"

# --- CWG-Internet: stakeholders comment, only Member States propose ---------------------------------
c=$TMP/cwg.db
run init "$c" --workflow cwg_internet --base "$base" --roster "$roster"
expect_ok
sum_before=$(cksum <"$c")
run submit "$c" --as ISOC "$SEEDS/contrib-USA.txt"
expect_failure 6 'ISOC may not submit .*only Member States propose'
run propose "$c" --as ISOC --paragraph p13 --insert "and stakeholders" --after-text "Sector Members"
expect_failure 6 'ISOC may not propose .*only Member States propose'
run comment "$c" --as ISOC --on p13 "Please include all stakeholders."
expect_failure 6 'the meeting stage .* does not take comments'
check '[ "$(cksum <"$c")" = "$sum_before" ]' "refused actions leave the file byte for byte"
run stage "$c" online_consultation
expect_ok
run comment "$c" --as ISOC --on p13 "Please include all stakeholders."
expect_ok
expect_out '^comment 1 by ISOC on p13$'
# stages move forward: the inputs of the consultation go to meeting N+1 (Council Res. 1344), and
# going back to meeting N needs --back (this test went back before stages moved forward only)
run stage "$c" meeting
expect_failure 6 "stage 'meeting' comes before the current stage 'online_consultation': stages move forward; going back needs --back"
run stage "$c" next_meeting
expect_ok
run propose "$c" --as USA --paragraph p13 --insert "and stakeholders" --after-text "Sector Members"
expect_ok
expect_out '^USA/1$'
run replay "$c"
expect_ok

# --- files that are not sessions ------------------------------------------------------------------------
printf 'not a session\n' >"$TMP/notes.txt"
run status "$TMP/notes.txt"
expect_failure 5 'not an accord session \(not an SQLite database\)'
run replay "$TMP/missing.db"
expect_failure 5 'cannot open the session'
head -c 3000 "$s" >"$TMP/truncated.db"
run status "$TMP/truncated.db"
expect_failure 5 "^accord: $(re_quote "$TMP/truncated.db"): the session file is damaged \(database disk image is malformed\)$"

# --- party codes: matched without regard to case, recorded as the roster spells them; an unknown
# code is refused with the nearest one as a hint, and changes nothing --------------------------
c=$TMP/case.db
run init "$c" --workflow wtpf --base "$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt" --roster "$SEEDS/roster.yaml"
expect_ok
run submit "$c" --as usa "$SEEDS/contrib-USA.txt"
expect_ok
run list "$c"
expect_out '^USA/1 '
expect_no_out '^usa/'
sum_before=$(cksum <"$c")
run submit "$c" --as USX "$SEEDS/contrib-USA.txt"
expect_failure 6 "^accord: 'USX' is not a party to this session \(not in its roster\); did you mean USA\?$"
check '[ "$(cksum <"$c")" = "$sum_before" ]' "a refused party leaves the file byte for byte"
# text typed by hand is checked as every file is: invalid UTF-8 never enters a session (exit 3)
bad=$(printf 'x\377y')
for form in "--paragraph p1 --insert $bad --after-text that," "--paragraph p1 --replace that --with $bad" \
	"--add-paragraph $bad --after p1" "--add-paragraph ok --after p1 --label $bad"; do
	# shellcheck disable=SC2086
	run propose "$c" --as USA $form
	expect_failure 3 "^accord: [a-z_]+: invalid UTF-8 byte 0xFF"
done
check '[ "$(cksum <"$c")" = "$sum_before" ]' "refused proposals leave the file byte for byte"
run revise "$c" --allow-empty
expect_ok

# --- a full standard output after a session action: the action is recorded once, the exit status
# says so (7), and the message says not to repeat it ------------------------------------------
if [ -c /dev/full ] && [ -w /dev/full ]; then
	for action in "comment --as USA --on p1 Noted." "propose --as USA --paragraph p2 --insert firmly --after-text governance" \
		"submit --as IRN $SEEDS/contrib-IRN.txt"; do
		events_before=$("$ACCORD" log "$c" --json | wc -l)
		current="$action > /dev/full"
		# shellcheck disable=SC2086
		${ACCORD_WRAP:-} "$ACCORD" ${action%% *} "$c" ${action#* } >/dev/full 2>"$err"
		status=$?
		expect_status 7
		expect_err "the action was recorded in the session, but its report could not be written .*do not repeat it"
		check '[ "$("$ACCORD" log "$c" --json | wc -l)" -eq $((events_before + 1)) ]' "$action: recorded exactly once"
	done
fi

# --- --json on a session action: the events it wrote, as 'accord log --json' prints them ---------
run propose "$c" --as USA --paragraph p3 --insert "fully" --after-text "balanced and" --json
expect_ok
check '[ "$(wc -l < "$out")" -eq 1 ]' "propose --json: one event"
expect_out '^\{"seq":[0-9]+,"at":"[^"]+","actor":"USA","action":"propose","payload":\{"party":"USA",'
cp "$out" "$TMP/propose-event.json"
run log "$c" --json
check 'tail -n 1 "$out" | cmp -s - "$TMP/propose-event.json"' "the event printed is the one logged"
id=$(sed -n 's/.*"amendment":{"id":"\([^"]*\)".*/\1/p' "$TMP/propose-event.json")
run cosponsor "$c" --as CAN "$id" --json
expect_ok
expect_out '"actor":"CAN","action":"cosponsor"'
run revise "$c" --allow-empty --json
expect_ok
expect_out '"actor":"chair","action":"revise"'

# A session that can only be read (a read-only share, an archived meeting) is still read; a write
# fails with exit 5 and changes nothing. As root, permissions do not bind: the reader is then nobody.
ro=$(mktemp -d "${TMPDIR:-/tmp}/accord-ro.XXXXXX")
cp "$s" "$ro/s.accord"
chmod 444 "$ro/s.accord"
chmod 555 "$ro"
reader=""
if [ "$(id -u)" -eq 0 ]; then
	reader="setpriv --reuid 65534 --regid 65534 --clear-groups"
	{ $reader "$ACCORD" --version && $reader test -r "$ACCORD_WORKFLOWS/wtpf.lua"; } >/dev/null 2>&1 || reader=none
fi
if [ "$reader" = none ]; then
	echo "sessions.sh: the read-only session check skipped (nobody cannot run $ACCORD or read its packs)"
else
	for command in status list log text compile; do
		$reader "$ACCORD" $command "$ro/s.accord" >"$out" 2>"$err"
		status=$?
		current="$command on a read-only session"
		expect_ok
	done
	$reader "$ACCORD" revise "$ro/s.accord" --allow-empty >"$out" 2>"$err"
	status=$?
	current="revise on a read-only session"
	expect_failure 5 'readonly database'
	check 'cmp -s "$s" "$ro/s.accord"' "the read-only session is unchanged"
fi
chmod 755 "$ro"
rm -rf "$ro"

finish
