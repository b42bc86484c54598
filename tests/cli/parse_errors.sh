# parse_errors.sh: accord parse on bad input and bad command lines: exit codes, messages, no stdout.
. "$(dirname "$0")/lib.sh" "$@"

base=$SEEDS/base-wtpf-ieg-2-10-opinion-1.txt

# An error names the input and, when known, the line and column:
# "accord: FILE: message" or "accord: FILE:LINE:COL: message".
at() {
	printf '^accord: %s(:[0-9]+(:[0-9]+)?)?: [^ ]' "$(re_quote "$1")"
}

# --- bad input: exit 3 ------------------------------------------------------------
: >"$TMP/empty.txt"
run parse "$TMP/empty.txt"
expect_failure 3 "$(at "$TMP/empty.txt")"

printf ' \n\t\n   \n' >"$TMP/blank.txt"
run parse "$TMP/blank.txt"
expect_failure 3 "$(at "$TMP/blank.txt")"

run_in "$TMP/empty.txt" parse -
expect_failure 3 "$(at -)"

# Binary: NUL bytes are not text.
printf 'The Forum,\n\trecognizing\na)\tthat\000\001\002 one;\n' >"$TMP/binary.txt"
run parse "$TMP/binary.txt"
expect_failure 3 "$(at "$TMP/binary.txt")"
head -c 4096 /bin/sh >"$TMP/program"
run parse "$TMP/program"
expect_failure 3 "$(at "$TMP/program")"

# Invalid UTF-8: the message gives the byte offset of the first bad byte (13).
printf 'The Forum,\nab\377cd\n' >"$TMP/latin.txt"
run parse "$TMP/latin.txt"
expect_failure 3 "$(at "$TMP/latin.txt")"
expect_err 'byte[^0-9]*13([^0-9]|$)'
# A truncated sequence at the very end (offset 5), an overlong encoding (offset 0), a surrogate.
printf 'abcd\n\342\202' >"$TMP/truncated.txt"
run parse "$TMP/truncated.txt"
expect_failure 3 "$(at "$TMP/truncated.txt")"
expect_err 'byte[^0-9]*5([^0-9]|$)'
printf '\300\257 text\n' >"$TMP/overlong.txt"
run parse "$TMP/overlong.txt"
expect_failure 3 "$(at "$TMP/overlong.txt")"
expect_err 'byte[^0-9]*0([^0-9]|$)'
printf 'x \355\240\200\n' >"$TMP/surrogate.txt"
run parse "$TMP/surrogate.txt"
expect_failure 3 "$(at "$TMP/surrogate.txt")"
expect_err 'byte[^0-9]*2([^0-9]|$)'

# YAML: malformed, and well-formed but of the wrong shape.
printf 'title: [unclosed\nsections:\n  - heading: x\n' >"$TMP/malformed.yaml"
run parse --input-format yaml "$TMP/malformed.yaml"
expect_failure 3 "^accord: $(re_quote "$TMP/malformed.yaml"):[0-9]+:[0-9]+: "
printf -- '- just\n- a list\n' >"$TMP/list.yaml"
run parse --input-format yaml "$TMP/list.yaml"
expect_failure 3 "$(at "$TMP/list.yaml")"
printf 'title: A title\nsections: not a list\n' >"$TMP/shape.yaml"
run parse --input-format yaml "$TMP/shape.yaml"
expect_failure 3 "$(at "$TMP/shape.yaml")"
printf 'title: A title\nsections:\n  - heading: recognizing\n    paragraphs:\n      - label: a)\n        text: [1, 2]\n' >"$TMP/text-list.yaml"
run parse --input-format yaml "$TMP/text-list.yaml"
expect_failure 3 "$(at "$TMP/text-list.yaml")"

# JSON: malformed, and of the wrong shape.
printf '{"title": "A", "sections": [\n' >"$TMP/malformed.json"
run parse --input-format json "$TMP/malformed.json"
expect_failure 3 "$(at "$TMP/malformed.json")"
printf '[1, 2, 3]\n' >"$TMP/array.json"
run parse --input-format json "$TMP/array.json"
expect_failure 3 "$(at "$TMP/array.json")"
printf '{"sections": [{"heading": "noting", "paragraphs": [{"text": 42}]}]}\n' >"$TMP/shape.json"
run parse --input-format json "$TMP/shape.json"
expect_failure 3 "$(at "$TMP/shape.json")"

# --- files that cannot be read or written: exit 5 -------------------------------
run parse "$TMP/no-such-file.txt"
expect_failure 5 "^accord: $(re_quote "$TMP/no-such-file.txt"): .*(No such file|cannot)"
run parse "$TMP"
expect_failure 5 "$(at "$TMP")"
run parse --format text -o "$TMP/no-such-dir/out.txt" "$base"
expect_failure 5 "^accord: $(re_quote "$TMP/no-such-dir/out.txt"): "

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
run parse --format docx "$base"
expect_failure 2 "^accord: parse: unknown output format 'docx'$"
run parse --input-format html "$base"
expect_failure 2 "^accord: parse: unknown input format 'html'$"
run parse --width -3 "$base"
expect_failure 2 "^accord: parse: bad width '-3'$"
run parse
expect_failure 2 '^accord: parse: no input file$'
run parse "$base" "$base"
expect_failure 2 '^accord: parse: one input file only'

finish
