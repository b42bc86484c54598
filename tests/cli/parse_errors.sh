# parse_errors.sh: accord parse on bad input and bad command lines: exit codes, messages, no stdout.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt

# An error is one line on stderr, "accord: FILE: message" or
# "accord: FILE:LINE:COL: message", nothing on stdout.
message() {
	expect_status "$1"
	if [ -s "$out" ]; then fail "output on stdout on error"; else pass; fi
	if [ "$(cat "$err")" = "accord: $2" ]; then pass; else fail "stderr is '$(cat "$err")', not 'accord: $2'"; fi
}

# --- bad input: exit 3 ------------------------------------------------------------
: >"$TMP/empty.txt"
run parse "$TMP/empty.txt"
message 3 "$TMP/empty.txt: the input is empty"

printf ' \n\t\n   \n' >"$TMP/blank.txt"
run parse "$TMP/blank.txt"
message 3 "$TMP/blank.txt: the input is empty"

run_in "$TMP/empty.txt" parse -
message 3 "-: the input is empty"

# Word artefacts alone are no text (the document is checked as a whole: no line).
printf '[bookmark: _GoBack]\n\n[bookmark: _GoBack]\n' >"$TMP/artefacts.txt"
run parse "$TMP/artefacts.txt"
message 3 "$TMP/artefacts.txt: the input has no text, only Word artefacts"

# Binary: NUL bytes are not text; the first one is placed (line 3, column 8; /bin/sh at 1:8).
printf 'The Forum,\n\trecognizing\na)\tthat\000\001\002 one;\n' >"$TMP/binary.txt"
run parse "$TMP/binary.txt"
message 3 "$TMP/binary.txt:3:8: a NUL byte: this is binary data, not text"
printf '\177ELF\002\001\001\000rest\n' >"$TMP/program"
run parse "$TMP/program"
message 3 "$TMP/program:1:8: a NUL byte: this is binary data, not text"

# Invalid UTF-8: the first bad byte, its line and column and byte offset.
printf 'The Forum,\nab\377cd\n' >"$TMP/latin.txt"
run parse "$TMP/latin.txt"
message 3 "$TMP/latin.txt:2:3: invalid UTF-8 byte 0xFF at line 2, column 3 (byte offset 13)"
# A truncated sequence at the very end, an overlong encoding, a surrogate.
printf 'abcd\n\342\202' >"$TMP/truncated.txt"
run parse "$TMP/truncated.txt"
message 3 "$TMP/truncated.txt:2:1: invalid UTF-8 byte 0xE2 at line 2, column 1 (byte offset 5)"
printf '\300\257 text\n' >"$TMP/overlong.txt"
run parse "$TMP/overlong.txt"
message 3 "$TMP/overlong.txt:1:1: invalid UTF-8 byte 0xC0 at line 1, column 1 (byte offset 0)"
printf 'x \355\240\200\n' >"$TMP/surrogate.txt"
run parse "$TMP/surrogate.txt"
message 3 "$TMP/surrogate.txt:1:3: invalid UTF-8 byte 0xED at line 1, column 3 (byte offset 2)"

# Footnotes: a definition never closed (at its "["), one defined twice (at the second).
printf '\tnoting\na)\tx [1: one\nb)\ty;\n' >"$TMP/unclosed.txt"
run parse "$TMP/unclosed.txt"
message 3 "$TMP/unclosed.txt:2:6: footnote definition [1: is not closed by ']'"
printf '\tnoting\na)\tx[1: one];\nb)\ty[1: two];\n' >"$TMP/twice.txt"
run parse "$TMP/twice.txt"
message 3 "$TMP/twice.txt:3:5: footnote 1 is defined twice"
printf 'x[^1]\n\n[^1]: one\n\n[^1]: two\n' >"$TMP/twice.md"
run parse "$TMP/twice.md"
message 3 "$TMP/twice.md:5:1: footnote 1 is defined twice"

# A dropped Word artefact is a warning on stderr, at its place; the text is read (exit 0).
printf '\tnoting\na)\tx[bookmark: _GoBack] y;\n' >"$TMP/bookmark.txt"
run parse "$TMP/bookmark.txt" --format text
expect_status 0
if [ "$(cat "$err")" = "accord: $TMP/bookmark.txt:2:5: warning: dropped Word bookmark [bookmark: _GoBack]" ]; then
	pass
else
	fail "the warning is '$(cat "$err")'"
fi
printf '\tnoting\na)\tx y;\n' >"$TMP/bookmark.want"
expect_same "$TMP/bookmark.want" "$out" "the text without the bookmark"

# YAML: malformed, and well-formed but of the wrong shape (each at the node that is wrong).
printf 'title: [unclosed\nsections:\n  - heading: x\n' >"$TMP/malformed.yaml"
run parse --input-format yaml "$TMP/malformed.yaml"
message 3 "$TMP/malformed.yaml:2:9: did not find expected ',' or ']' while parsing a flow sequence"
printf -- '- just\n- a list\n' >"$TMP/list.yaml"
run parse --input-format yaml "$TMP/list.yaml"
message 3 "$TMP/list.yaml:1:1: the top level must be a mapping ('accord: document/1', mode, sections ...), not a list"
printf 'title: A title\nsections: []\n' >"$TMP/unmarked.yaml"
run parse --input-format yaml "$TMP/unmarked.yaml"
message 3 "$TMP/unmarked.yaml:1:1: not an accord document: the key 'accord: document/1' is missing"
printf 'accord: document/1\ntitle: A title\nsections: []\n' >"$TMP/modeless.yaml"
run parse --input-format yaml "$TMP/modeless.yaml"
message 3 "$TMP/modeless.yaml:1:1: missing 'mode' (a string)"
printf 'accord: document/1\nmode: opinion\ntitle: A title\nsections: not a list\n' >"$TMP/shape.yaml"
run parse --input-format yaml "$TMP/shape.yaml"
message 3 "$TMP/shape.yaml:4:11: sections: 'sections' must be a list, not a string"
printf 'accord: document/1\nmode: opinion\ntitle: A title\nsections:\n  - heading: recognizing\n    paragraphs:\n      - label: a)\n        text: [1, 2]\n' >"$TMP/text-list.yaml"
run parse --input-format yaml "$TMP/text-list.yaml"
message 3 "$TMP/text-list.yaml:8:15: sections[0].paragraphs[0].text: 'text' must be a string, not a list"

# JSON: malformed, and of the wrong shape.
printf '{"title": "A", "sections": [\n' >"$TMP/malformed.json"
run parse --input-format json "$TMP/malformed.json"
message 3 "$TMP/malformed.json:2: ']' expected near end of file"
printf '[1, 2, 3]\n' >"$TMP/array.json"
run parse --input-format json "$TMP/array.json"
message 3 "$TMP/array.json:1:1: the top level must be a mapping ('accord: document/1', mode, sections ...), not a list"
printf '{"accord": "document/1", "mode": "opinion", "sections": [{"heading": "noting", "paragraphs": [{"text": 42}]}]}\n' >"$TMP/shape.json"
run parse --input-format json "$TMP/shape.json"
message 3 "$TMP/shape.json:1:104: sections[0].paragraphs[0].text: 'text' must be a string, not a number"

# --- files that cannot be read or written: exit 5 -------------------------------
run parse "$TMP/no-such-file.txt"
message 5 "$TMP/no-such-file.txt: cannot open: No such file or directory"
run parse "$TMP"
message 5 "$TMP: cannot read: Is a directory"
run parse --format text -o "$TMP/no-such-dir/out.txt" "$base"
message 5 "$TMP/no-such-dir/out.txt: cannot create: No such file or directory"

# --- a file named .yaml/.yml/.json is read as that format, without -i -----------
printf -- '- a list\n- not a document\n' > "$TMP/shape.yaml"
run parse "$TMP/shape.yaml"
expect_failure 3 "^accord: .*shape.yaml:1:1: "
printf '[1, 2]\n' > "$TMP/shape.json"
run parse "$TMP/shape.json"
expect_failure 3 "^accord: .*shape.json:1:1: "
printf 'sections: [\n' > "$TMP/broken.yml"
run parse "$TMP/broken.yml"
expect_failure 3 "^accord: .*broken.yml:[0-9]+:[0-9]+: "

# --- bad command lines: exit 2 ------------------------------------------------
run parse --bogus "$base"
expect_failure 2 "^accord: parse: unknown option '--bogus'$"
expect_err "^Try 'accord help parse'\\.$"
run parse -Z "$base"
expect_failure 2 "^accord: parse: unknown option '-Z'$"
run parse "$base" --format
expect_failure 2 "^accord: parse: option '--format' needs an argument$"
run parse --format pdf "$base"
expect_failure 2 "^accord: parse: unknown output format 'pdf'$"
run parse --input-format html "$base"
expect_failure 2 "^accord: parse: unknown input format 'html'$"
run parse --width -3 "$base"
expect_failure 2 "^accord: parse: bad width '-3'$"
run parse
expect_failure 2 '^accord: parse: no input file$'
run parse "$base" "$base"
expect_failure 2 '^accord: parse: one input file only'

finish
