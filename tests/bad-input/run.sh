#!/bin/sh
# run.sh: the bad-input corpus (issue 17). Runs every case of cases.tsv against the
# built program and checks the contract of README.md: a documented exit code (0-7, no
# signal, no 70), no hang (each run under timeout), one line on stderr for an error and
# nothing on stdout, and every session file unchanged after a failed command.
#
#   sh tests/bad-input/run.sh ACCORD_BINARY SEEDS_DIR [TESTDATA_DIR]
#
# Environment: ACCORD_WRAP (a command to run accord under, e.g. valgrind: the generated
# big inputs are then 100 times smaller, the time limits 20 times longer, and known
# failures are listed, not run); BAD_INPUT_ONLY (an ERE: run only the cases it matches).
set -u
ACCORD=$1
SEEDS=$2
case $ACCORD in /*) ;; *) ACCORD=$(pwd)/$ACCORD ;; esac
case $SEEDS in /*) ;; *) SEEDS=$(pwd)/$SEEDS ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/accord-bad-input.XXXXXX") || exit 99
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT HUP INT TERM
export NO_COLOR=1 LC_ALL=C

BASE=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt
CONTRIB=$SEEDS/contrib-USA.txt
ROSTER=$SEEDS/roster.yaml
if [ -n "${ACCORD_WRAP:-}" ]; then SCALE=100 SLOW=20; else SCALE=1 SLOW=1; fi

# --- generated inputs: gen_NAME DIR writes the case into DIR and prints its path;
# status 77 (and a reason on stdout) skips the case. Sizes are divided by SCALE. ---

# A 50 MB single line of words (no newline at all).
gen_big_line() {
	yes 'word' | head -c $((50000000 / SCALE)) | tr '\n' ' ' >"$1/big-line.txt"
	echo "$1/big-line.txt"
}
# The same as one 50 MB token, no space in it.
gen_big_token() {
	yes 'word' | head -c $((50000000 / SCALE)) | tr -d '\n' >"$1/big-token.txt"
	echo "$1/big-token.txt"
}
# awk_input DIR FILE N PROGRAM: runs the awk PROGRAM with n=N into DIR/FILE, prints its path.
awk_input() {
	awk -v n="$3" "$4" >"$1/$2" && echo "$1/$2"
}
# 100,000 paragraphs, blank lines between them.
gen_many_paragraphs() { awk_input "$1" many-paragraphs.txt $((100000 / SCALE)) 'BEGIN { for (i = 1; i <= n; i++) printf "Paragraph %d of many.\n\n", i }'; }
# The base text with 100,000 paragraphs added after its last one (a contribution).
gen_many_added() {
	{ cat "$BASE"; awk -v n=$((100000 / SCALE)) 'BEGIN { for (i = 1; i <= n; i++) printf "\nAdded paragraph %d.\n", i }'; } \
		>"$1/many-added.txt"
	echo "$1/many-added.txt"
}
# A Markdown list 1,000 levels deep (each level two more spaces: 1 MB).
gen_md_deep_list() { awk_input "$1" md-deep-list.md $((1000 / (SCALE > 1 ? 10 : 1))) 'BEGIN { print "# Deep"; print ""; for (i = 0; i < n; i++) { s = sprintf("%" (2 * i + 1) "s", ""); printf "%s- item %d\n", substr(s, 2), i } }'; }
# A line with 40,000 Word bookmarks (each warning counted its column from the line's start: quadratic once, issue 17).
gen_bookmarks_many() { awk_input "$1" bookmarks-many.txt $((40000 / SCALE)) 'BEGIN { printf "1. Text"; for (i = 0; i < n; i++) printf " [bookmark: b%d] word", i; print "" }'; }
# A Markdown list of 50,000 items (quadratic once, issue 17).
gen_md_long_list() { awk_input "$1" md-long-list.md $((50000 / SCALE)) 'BEGIN { print "# Long"; print ""; for (i = 1; i <= n; i++) printf "- item %d\n", i }'; }
# 100,000 nested block quotes on one line, and a heading of 100,000 '#'.
gen_md_deep_quote() { awk_input "$1" md-deep-quote.md $((100000 / SCALE)) 'BEGIN { print "# Quote"; print ""; for (i = 0; i < n; i++) printf ">"; print " text" }'; }
gen_md_deep_heading() { awk_input "$1" md-deep-heading.md $((100000 / SCALE)) 'BEGIN { for (i = 0; i < n; i++) printf "#"; print " heading"; print ""; print "text" }'; }
# 20,000 headings, each level 1 to 6 in turn, each with a paragraph.
gen_md_many_headings() { awk_input "$1" md-many-headings.md $((20000 / SCALE)) 'BEGIN { for (i = 0; i < n; i++) printf "%s Heading %d\n\nText %d.\n\n", substr("######", 1, i % 6 + 1), i, i }'; }
# JSON and YAML nested 100,000 deep.
gen_json_deep() { awk_input "$1" json-deep.json $((100000 / SCALE)) 'BEGIN { for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; print "" }'; }
gen_json_deep_doc() { awk_input "$1" json-deep-doc.json $((100000 / SCALE)) 'BEGIN { printf "{\"accord\":\"document/1\",\"mode\":\"generic\",\"x\":"; for (i = 0; i < n; i++) printf "{\"a\":"; printf "1"; for (i = 0; i < n; i++) printf "}"; print "}" }'; }
gen_yaml_deep() { awk_input "$1" yaml-deep.yaml $((100000 / SCALE)) 'BEGIN { printf "accord: document/1\nmode: generic\nsections: "; for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; print "" }'; }
gen_yaml_deep_block() { awk_input "$1" yaml-deep-block.yaml $((2000 / (SCALE > 1 ? 10 : 1))) 'BEGIN { print "accord: document/1"; print "mode: generic"; printf "x:\n"; for (i = 1; i <= n; i++) printf "%" i "s- \n", "" }'; }
# Rosters: 100,000 parties (the duplicate check was by pairs), nested 100,000 deep.
gen_roster_many() { awk_input "$1" roster-many.yaml $((100000 / SCALE)) 'BEGIN { print "roles:\n  member_state: Member State\nparties:"; for (i = 1; i <= n; i++) printf "  - {code: P%d, name: Party %d, role: member_state}\n", i, i }'; }
gen_roster_many_dup() { awk_input "$1" roster-many-dup.yaml $((100000 / SCALE)) 'BEGIN { print "roles:\n  member_state: Member State\nparties:"; for (i = 1; i <= n; i++) printf "  - {code: P%d, name: Party %d, role: member_state}\n", i, i; printf "  - {code: p1, name: Again, role: member_state}\n" }'; }
gen_roster_deep() { awk_input "$1" roster-deep.yaml $((100000 / SCALE)) 'BEGIN { printf "body: B\nroles: "; for (i = 0; i < n; i++) printf "{"; for (i = 0; i < n; i++) printf "}"; print "" }'; }
# A roster naming 20,000 parties by one alias of a 100 kB string (2 GB when each was copied).
gen_roster_alias_amplified() {
	{
		printf 'roles:\n  member_state: &n "'
		yes x | head -n 100000 | tr -d '\n'
		printf '"\nparties:\n'
		awk -v n=$((20000 / SCALE)) 'BEGIN { for (i = 1; i <= n; i++) printf "  - {code: P%d, name: *n, role: member_state}\n", i }'
	} >"$1/roster-alias-amplified.yaml"
	echo "$1/roster-alias-amplified.yaml"
}

# Sessions: copies of one session made by init at the start of the run.
session_copy() {
	cp "$WORK/base.accord" "$1/$2.accord" && echo "$1/$2.accord"
}
gen_session_ok() { session_copy "$1" session; }
gen_session_text() {
	printf 'This is not a session.\n' >"$1/text.accord"
	echo "$1/text.accord"
}
gen_session_empty() {
	: >"$1/empty.accord"
	echo "$1/empty.accord"
}
gen_session_truncated() {
	head -c 50000 "$WORK/base.accord" >"$1/truncated.accord"
	echo "$1/truncated.accord"
}
gen_session_header_only() {
	head -c 100 "$WORK/base.accord" >"$1/header.accord"
	echo "$1/header.accord"
}
# A .docx whose document.xml declares 80 MB of blanks (80 KB compressed): a zip bomb.
gen_docx_zip_bomb() {
	command -v python3 >/dev/null 2>&1 || { echo "no python3 program"; return 77; }
	python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", " " * (80 * 1024 * 1024))' "$1/zip-bomb.docx" && echo "$1/zip-bomb.docx"
}
gen_session_newer() {
	command -v sqlite3 >/dev/null 2>&1 || { echo "no sqlite3 program"; return 77; }
	session_copy "$1" newer >/dev/null && sqlite3 "$1/newer.accord" 'PRAGMA user_version = 99' && echo "$1/newer.accord"
}
gen_session_no_meta() {
	command -v sqlite3 >/dev/null 2>&1 || { echo "no sqlite3 program"; return 77; }
	session_copy "$1" nometa >/dev/null && sqlite3 "$1/nometa.accord" 'DELETE FROM meta' && echo "$1/nometa.accord"
}
gen_session_other_db() {
	command -v sqlite3 >/dev/null 2>&1 || { echo "no sqlite3 program"; return 77; }
	sqlite3 "$1/other.accord" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)' && echo "$1/other.accord"
}
# A stale WAL of random bytes, and a hot one: a committed change (stage 'plenary') still
# in the WAL, copied while sqlite3 held the database open, as a crash leaves it.
gen_session_garbage_wal() {
	session_copy "$1" gwal >/dev/null && head -c 8192 "$WORK/base.accord" | tr '\000-\377' '\377\000-\376' >"$1/gwal.accord-wal" &&
		echo "$1/gwal.accord"
}
gen_session_hot_wal() {
	command -v sqlite3 >/dev/null 2>&1 || { echo "no sqlite3 program"; return 77; }
	mkdir "$1/live" && session_copy "$1/live" x >/dev/null || return 1
	sqlite3 "$1/live/x.accord" 'PRAGMA wal_autocheckpoint = 0' "UPDATE meta SET stage = 'plenary'" \
		".shell cp '$1/live/x.accord' '$1/hwal.accord'; cp '$1/live/x.accord-wal' '$1/hwal.accord-wal'" >/dev/null &&
		echo "$1/hwal.accord"
}
gen_session_readonly() {
	[ "$(id -u)" -eq 0 ] && { echo "running as root, where permissions do not apply"; return 77; }
	session_copy "$1" ro >/dev/null && chmod a-w "$1/ro.accord" && echo "$1/ro.accord"
}
gen_session_readonly_dir() {
	[ "$(id -u)" -eq 0 ] && { echo "running as root, where permissions do not apply"; return 77; }
	mkdir "$1/ro" && session_copy "$1/ro" s >/dev/null && chmod a-w "$1/ro" && echo "$1/ro/s.accord"
}

# --- the checks ---------------------------------------------------------------------

failures=0 passed=0 known=0 skipped=0 fixed=0
problems=""

# state DIR: a line per session file in DIR (its checksum, or with a WAL beside it the
# checksum of its content as sqlite3 dumps it from a copy).
state() {
	for f in "$1"/*.accord "$1"/*/*.accord; do
		[ -f "$f" ] || continue
		# Once a WAL was seen, the content is compared (opening it checkpoints the WAL).
		[ -f "$f-wal" ] && : >"$f.wal-seen"
		if [ -f "$f.wal-seen" ] && command -v sqlite3 >/dev/null 2>&1; then
			rm -rf "$WORK/dump" && mkdir "$WORK/dump" && cp "$f" "$f-wal" "$WORK/dump/" 2>/dev/null
			printf '%s dump %s\n' "$f" "$(sqlite3 "$WORK/dump/${f##*/}" .dump 2>&1 | grep -v '^PRAGMA' | cksum)"
		else
			printf '%s %s\n' "$f" "$(cksum <"$f")"
		fi
	done
}

# The stderr file with the case's path replaced by FILE.
placed() {
	awk -v p="$2" 'p != "" { out = ""; s = $0; while ((i = index(s, p)) > 0) { out = out substr(s, 1, i - 1) "FILE"; s = substr(s, i + length(p)) } $0 = out s } { print }' "$1"
}

problem() {
	problems="$problems$1
"
}

# check_case NAME STATUS EXPECTED MESSAGE PATH CASEDIR BEFORE: the contract; prints nothing,
# sets $problems.
check_case() {
	c_status=$2 c_expected=$3 c_re=$4 c_path=$5
	problems=""
	case $c_status in
	124 | 137) problem "hang: killed by timeout"; return ;;
	esac
	if [ "$c_status" -gt 7 ] && [ "$c_status" -ne 70 ]; then
		problem "crash: exit status $c_status (signal $((c_status - 128)) if over 128)"
	fi
	several=0
	case $c_expected in *+) several=1 c_expected=${c_expected%+} ;; esac
	ok_status=0
	old_ifs=$IFS
	IFS='|'
	for e in $c_expected; do [ "$c_status" -eq "$e" ] && ok_status=1; done
	IFS=$old_ifs
	[ $ok_status -eq 1 ] || problem "exit status $c_status, expected $c_expected"
	placed "$WORK/stderr" "$c_path" >"$WORK/stderr.placed"
	lines=$(wc -l <"$WORK/stderr.placed")
	if [ "$c_status" -gt 1 ]; then
		[ -s "$WORK/stdout" ] && problem "output on stdout after an error"
		if [ "$lines" -eq 0 ]; then
			problem "nothing on stderr"
		elif [ $several -eq 0 ] && [ "$lines" -ne 1 ]; then
			problem "$lines lines on stderr, not one"
		elif grep -qv '^accord: ' "$WORK/stderr.placed"; then
			problem "a line on stderr not starting with 'accord: '"
		fi
		if [ "$c_re" != "-" ] && ! head -n 1 "$WORK/stderr.placed" | grep -Eq -- "$c_re"; then
			problem "stderr does not match: $c_re"
		fi
		[ "$(state "$6")" = "$7" ] || problem "a session file changed after a failed command"
	else
		# A success may warn (accord: FILE:LINE:COL: warning: ...), nothing else.
		grep -v '^accord: .*warning: ' "$WORK/stderr.placed" | grep -q . && problem "stderr on success is not only warnings"
		if [ "$c_re" != "-" ] && ! grep -Eq -- "$c_re" "$WORK/stdout" "$WORK/stderr.placed"; then
			problem "neither stdout nor stderr matches: $c_re"
		fi
	fi
}

show() {
	printf '%s' "$problems" | sed 's/^/    /'
	printf '    command: accord %s\n' "$1"
	sed -n '1,3s/^/    stderr: /p' "$WORK/stderr" | cut -c 1-300
	sed -n '1,2s/^/    stdout: /p' "$WORK/stdout" | cut -c 1-300
}

# The session the session cases copy.
if ! (cd "$WORK" && ACCORD_WORKFLOWS=${ACCORD_WORKFLOWS:-$HERE/../../workflows} \
	"$ACCORD" init base.accord --workflow wtpf --base "$BASE" --roster "$ROSTER" >/dev/null); then
	echo "run.sh: accord init failed: no session to copy" >&2
	exit 1
fi

n=0
tab=$(printf '\t')
start=$(date +%s)
while IFS=$tab read -r name path command expected re limit note; do
	case $name in '' | '#'*) continue ;; esac
	if [ -n "${BAD_INPUT_ONLY:-}" ] && ! printf '%s\n' "$name" | grep -Eq -- "$BAD_INPUT_ONLY"; then continue; fi
	n=$((n + 1))
	dir=$WORK/case$n
	mkdir "$dir"
	case $path in
	@*)
		gen=gen_$(printf '%s' "${path#@}" | tr '-' '_')
		# Inputs other than sessions are made once and shared by the cases that read them.
		case $path in @session-*) into=$dir ;; *) into=$WORK/shared ;; esac
		if [ -f "$WORK/$gen.path" ] && [ "$into" != "$dir" ]; then
			file=$(cat "$WORK/$gen.path") rc=0
		else
			mkdir -p "$into"
			file=$($gen "$into")
			rc=$?
			[ $rc -eq 0 ] && [ "$into" != "$dir" ] && printf '%s\n' "$file" >"$WORK/$gen.path"
		fi
		if [ $rc -eq 77 ]; then
			skipped=$((skipped + 1))
			printf 'skip  %s: %s\n' "$name" "$file"
			continue
		elif [ $rc -ne 0 ] || [ -z "$file" ]; then
			failures=$((failures + 1))
			printf 'FAIL  %s: %s did not make the input\n' "$name" "$gen" >&2
			continue
		fi
		;;
	-) file="" ;;
	*) file=$path ;; # relative: accord runs in this folder (a long path is cut in Lua's messages)
	esac
	case $note in known:*) is_known=1 ;; *) is_known=0 ;; esac
	if [ $is_known -eq 1 ] && [ -n "${ACCORD_WRAP:-}" ]; then
		skipped=$((skipped + 1))
		printf 'skip  %s: a known failure, not run under %s\n' "$name" "${ACCORD_WRAP%% *}"
		continue
	fi
	# The command's words, each placeholder replaced (no word may hold a space).
	set -f
	set --
	for w in $command; do
		case $w in
		*'{'*)
			w=$(printf '%s\n' "$w" | sed -e "s|{}|$file|g" -e "s|{base}|$BASE|g" -e "s|{contrib}|$CONTRIB|g" \
				-e "s|{roster}|$ROSTER|g" -e "s|{new}|$dir/new.accord|g")
			case $w in *'{session}'*) w=$(session_copy "$dir" session) ;; esac
			;;
		esac
		set -- "$@" "$w"
	done
	set +f
	[ "$limit" = "-" ] && limit=20
	before=$(state "$dir")
	[ -n "${BAD_INPUT_TIMES:-}" ] && t0=$(date +%s)
	# shellcheck disable=SC2086
	(cd "$HERE" && exec timeout -k 5 $((limit * SLOW)) ${ACCORD_WRAP:-} "$ACCORD" "$@") \
		>"$WORK/stdout" 2>"$WORK/stderr" </dev/null
	status=$?
	[ -n "${BAD_INPUT_TIMES:-}" ] && printf 'time  %s: %s s\n' "$name" "$(($(date +%s) - t0))"
	check_case "$name" "$status" "$expected" "$re" "$file" "$dir" "$before"
	if [ -z "$problems" ]; then
		if [ $is_known -eq 1 ]; then
			fixed=$((fixed + 1))
			printf 'FIXED %s: listed as a known failure (%s) but it now keeps the contract: update cases.tsv\n' \
				"$name" "${note#known: }"
		else
			passed=$((passed + 1))
		fi
	elif [ $is_known -eq 1 ]; then
		known=$((known + 1))
		printf 'known %s: %s\n' "$name" "${note#known: }"
		printf '%s' "$problems" | sed 's/^/    /'
	else
		failures=$((failures + 1))
		printf 'FAIL  %s\n' "$name" >&2
		show "$*" >&2
	fi
	[ -n "$(ls -A "$dir")" ] && { rm -rf "$dir" 2>/dev/null || { chmod -R u+w "$dir"; rm -rf "$dir"; }; }
done <"$HERE/cases.tsv"

summary="$passed passed, $known known failures, $fixed fixed, $skipped skipped, $failures failed ($(($(date +%s) - start)) s)"
if [ $failures -gt 0 ]; then
	printf 'run.sh: %s\n' "$summary" >&2
	exit 1
fi
printf 'run.sh: %s\n' "$summary"
exit 0
