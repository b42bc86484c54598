#!/usr/bin/env bash
# install.sh: accord installed as a user installs it, then used from outside
# the source tree with nothing but the installed files.
#
#   bash install.sh BUILD_DIR SOURCE_DIR
#
# 1. cmake --install into a temporary prefix: every file in its place;
# 2. a C program compiled and linked with `pkg-config --cflags --libs accord`
#    (shared, then static), run against the installed library;
# 3. the stock lua5.4 loads the installed module with only the installed paths;
# 4. the installed program finds the installed rule packs from another folder
#    and runs the main job (consolidate --workflow wtpf) on the installed example;
# 5. every manual page reads with man -l (and groff finds nothing to warn of);
# 6. each public header compiles alone, from C and from C++, with
#    -Wall -Wextra -Werror -pedantic;
# 7. the bash completion offers the commands, options and workflow names.
set -u
BUILD=$(cd "$1" && pwd)
SOURCE=$(cd "$2" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/accord-install.XXXXXX") || exit 99
trap 'rm -rf "$TMP"' EXIT HUP INT TERM
PREFIX=$TMP/prefix
failures=0
checks=0

check() { # check WHAT COMMAND...
	local what=$1
	shift
	checks=$((checks + 1))
	if ! "$@" >"$TMP/out" 2>"$TMP/err"; then
		failures=$((failures + 1))
		printf 'FAIL: %s\n  command: %s\n' "$what" "$*" >&2
		sed -n '1,12s/^/    /p' "$TMP/err" "$TMP/out" >&2
	fi
}

# Nothing from the source or build tree may leak in.
unset ACCORD_WORKFLOWS LUA_PATH LUA_CPATH LUA_PATH_5_4 LUA_CPATH_5_4
export PKG_CONFIG_PATH=
cd "$TMP" || exit 99

# 1. install -------------------------------------------------------------------
check "cmake --install" cmake --install "$BUILD" --prefix "$PREFIX"
LIBDIR=$(dirname "$(find "$PREFIX" -name accord.pc | head -n 1)")/..
LIBDIR=$(cd "$LIBDIR" && pwd)
for f in bin/accord include/accord/common.h include/accord/version.h include/accord/store.h \
	share/accord/workflows/wtpf.lua share/accord/workflows/lib/tally.lua share/man/man1/accord.1 \
	share/man/man1/accord-diff.1 share/man/man5/accord-workflows.5 share/man/man3/accord-lua.3 \
	share/bash-completion/completions/accord share/doc/accord/examples/wtpf-2013/roster.yaml; do
	check "installed: $f" test -f "$PREFIX/$f"
done
for f in libaccord.a libaccord.so pkgconfig/accord.pc lua/5.4/accord.so; do
	check "installed: $LIBDIR/$f" test -e "$LIBDIR/$f"
done
check "libaccord.so has a SONAME" sh -c "objdump -p '$LIBDIR/libaccord.so' | grep -q 'SONAME *libaccord.so.[0-9]'"
check "libaccord.so exports only the API" sh -c \
	"! nm -D --defined-only '$LIBDIR/libaccord.so' | awk '{print \$3}' | grep -v '^accord_' | grep -q ."

# 2. a C program through pkg-config ------------------------------------------------
export PKG_CONFIG_PATH=$LIBDIR/pkgconfig
cat >"$TMP/hello.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include <accord/doc.h>
#include <accord/format.h>
#include <accord/diff.h>
#include <accord/amend.h>

int main(void)
{
	const char *base = "a) the first paragraph.\n\nb) the second paragraph.\n";
	const char *contrib = "a) the first paragraph, amended.\n\nb) the second paragraph.\n";
	accord_doc *b = NULL, *c = NULL;
	accord_amendment_list *list = NULL;
	accord_error err;
	if (strcmp(accord_version(), ACCORD_VERSION_STRING) != 0)
		return 10;
	if (accord_doc_parse(&b, base, strlen(base), NULL, &err) != 0 ||
	    accord_doc_parse(&c, contrib, strlen(contrib), NULL, &err) != 0) {
		fprintf(stderr, "%s\n", err.message);
		return 11;
	}
	if (accord_doc_diff(&list, b, c, NULL, &err) != 0) {
		fprintf(stderr, "%s\n", err.message);
		return 12;
	}
	printf("accord %s: %zu amendment(s)\n", accord_version(), accord_amendments_count(list));
	accord_amendments_free(list);
	accord_doc_free(b);
	accord_doc_free(c);
	return 0;
}
EOF
check "pkg-config knows accord" pkg-config --exists accord
check "compile against the installed library" sh -c \
	"cc -std=c11 -Wall -Wextra -Werror \$(pkg-config --cflags accord) '$TMP/hello.c' -o '$TMP/hello' \$(pkg-config --libs accord)"
check "run against libaccord.so" sh -c \
	"LD_LIBRARY_PATH='$LIBDIR' '$TMP/hello' | grep -qx 'accord [0-9.]*: 1 amendment(s)'"
check "it is the shared library that runs" sh -c \
	"LD_LIBRARY_PATH='$LIBDIR' ldd '$TMP/hello' | grep -q '$LIBDIR/libaccord.so'"
check "link statically" sh -c \
	"cc -std=c11 \$(pkg-config --cflags accord) '$TMP/hello.c' -o '$TMP/hello-static' '$LIBDIR/libaccord.a' \$(pkg-config --libs-only-other --static --libs accord | sed 's/-laccord//') \$(pkg-config --static --libs-only-l accord | sed 's/-laccord//') && '$TMP/hello-static' | grep -q 'amendment'"

# 3. the stock interpreter --------------------------------------------------------
if command -v lua5.4 >/dev/null 2>&1; then
	check "lua5.4 loads the installed module" sh -c \
		"LUA_CPATH='$LIBDIR/lua/5.4/?.so' LUA_PATH='' lua5.4 -e '
			local accord = require \"accord\"
			assert(accord.version:match(\"^%d+%.%d+%.%d+\$\"))
			local d = assert(accord.parse_file(\"$PREFIX/share/doc/accord/examples/wtpf-2013/base-wtpf-ieg-2-10-opinion-1.txt\"))
			assert(#d:render(\"text\") > 1000)
			local pack = assert(accord.workflow_load(\"wtpf\"))
			print(\"ok\")' | grep -qx ok"
fi

# 4. the installed program and packs, from another folder ---------------------------------
EX=$PREFIX/share/doc/accord/examples/wtpf-2013
mkdir -p "$TMP/elsewhere" && cd "$TMP/elsewhere" || exit 99
check "workflow list finds the installed packs" sh -c \
	"'$PREFIX/bin/accord' workflow list | grep -q '^wtpf	.*/share/accord/workflows/wtpf.lua\$'"
check "consolidate --workflow wtpf on the installed example" sh -c \
	"'$PREFIX/bin/accord' consolidate --workflow wtpf --roster '$EX/roster.yaml' '$EX/base-wtpf-ieg-2-10-opinion-1.txt' USA='$EX/contrib-USA.txt' IRN='$EX/contrib-IRN.txt' > compilation.txt && grep -q '\\[' compilation.txt"
check "accord --version is the project's version" sh -c \
	"'$PREFIX/bin/accord' --version | head -n 1 | grep -qx \"accord \$(pkg-config --modversion accord)\""
check "Word's libraries are loaded when a Word file is read, not at start (issue 16)" sh -c \
	"! objdump -p '$LIBDIR/libaccord.so' '$PREFIX/bin/accord' | grep -E 'NEEDED +(libzip|libxml2)'"
check "the installed program writes and reads a Word file" sh -c \
	"'$PREFIX/bin/accord' parse '$EX/base-wtpf-ieg-2-10-opinion-1.txt' --format docx -o base.docx && '$PREFIX/bin/accord' parse base.docx --format text | grep -qi 'stakeholder'"
cd "$TMP" || exit 99

# 5. manual pages ------------------------------------------------------------------------
for page in "$PREFIX"/share/man/man*/*; do
	if command -v man >/dev/null 2>&1; then
		check "man -l $(basename "$page")" sh -c "MANWIDTH=80 man -l '$page' | grep -q NAME"
	fi
	if command -v groff >/dev/null 2>&1; then
		check "groff: no warnings in $(basename "$page")" sh -c "! groff -man -ww -z '$page' 2>&1 | grep -q ."
	fi
done
n_commands=$("$PREFIX/bin/accord" help | sed -n '/^Commands:/,/^$/p' | grep -c '^  [a-z]')
n_pages=$(find "$PREFIX/share/man/man1" -name 'accord-*.1' | wc -l)
check "a page for each of the $n_commands commands" test "$n_commands" -eq "$n_pages"

# 6. each public header alone, from C and C++ -----------------------------------------------
for h in "$PREFIX"/include/accord/*.h "$PREFIX"/include/accord/sys/*.h; do
	name=${h#"$PREFIX"/include/}
	printf '#include <%s>\nint accord_header_check;\n' "$name" >"$TMP/one.c"
	printf '#include <%s>\nint main() { return 0; }\n' "$name" >"$TMP/one.cpp"
	check "$name compiles alone (C11)" cc -std=c11 -Wall -Wextra -Werror -pedantic -I"$PREFIX/include" -c "$TMP/one.c" -o "$TMP/one.o"
	if command -v c++ >/dev/null 2>&1; then
		check "$name compiles alone (C++)" c++ -std=c++11 -Wall -Wextra -Werror -pedantic -I"$PREFIX/include" -c "$TMP/one.cpp" -o "$TMP/one.o"
	fi
done

# 7. bash completion ---------------------------------------------------------------------
complete_words() { # complete_words WORD... : what completing the last word offers
	PATH="$PREFIX/bin:$PATH" bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_accord
		printf "%s\n" "${COMPREPLY[@]}"' _ "$PREFIX/share/bash-completion/completions/accord" "$@"
}
check "completes commands" sh -c "$(declare -f complete_words); PREFIX='$PREFIX' complete_words accord con | grep -qx consolidate"
check "completes options" sh -c "$(declare -f complete_words); PREFIX='$PREFIX' complete_words accord diff --form | grep -qx -- --format"
"$PREFIX/bin/accord" init "$TMP/s.accord" --workflow wtpf --base "$EX/base-wtpf-ieg-2-10-opinion-1.txt" \
	--roster "$EX/roster.yaml" >/dev/null 2>&1
check "completes a session's party codes" sh -c "$(declare -f complete_words); PREFIX='$PREFIX' complete_words accord submit '$TMP/s.accord' --as US | grep -qx USA"
check "completes workflow names" sh -c "$(declare -f complete_words); PREFIX='$PREFIX' complete_words accord init --workflow wt | grep -qx wtpf"

printf '%d checks, %d failed\n' "$checks" "$failures"
[ "$failures" -eq 0 ]
