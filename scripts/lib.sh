# scripts/lib.sh: what scripts/demo and scripts/test share (sourced, bash).
#
# Environment:
#   ACCORD_BUILD_DIR       the build directory (default: build/ at the top of the repo)
#   ACCORD_ASAN_BUILD_DIR  the sanitizer build directory (default: build-asan/)
#   ACCORD_JOBS            parallel build and test jobs (default: the number of CPUs)
#   ACCORD_SKIP_PACKAGES   1: do not check or install Debian packages

set -euo pipefail

ACCORD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ACCORD_BUILD_DIR:-$ACCORD_ROOT/build}
ASAN_BUILD_DIR=${ACCORD_ASAN_BUILD_DIR:-$ACCORD_ROOT/build-asan}
JOBS=${ACCORD_JOBS:-$(nproc 2>/dev/null || echo 2)}

# The Debian 12 packages accord needs to build and test (README.md says why each is there).
ACCORD_PACKAGES=(cmake gcc g++ make pkg-config liblua5.4-dev lua5.4 libsqlite3-dev sqlite3 libyaml-dev
	libjansson-dev libzip-dev libxml2-dev libcmocka-dev man-db dpkg-dev file)

die() {
	printf '%s: error: %s\n' "${0##*/}" "$*" >&2
	exit 1
}

# Prints the end of a log file on stderr, framed so it stands out in CI output.
show_log() {
	local log=$1 lines=${2:-200}
	printf '%s: ----- last %s lines of %s -----\n' "${0##*/}" "$lines" "$log" >&2
	tail -n "$lines" "$log" >&2 || true
	printf '%s: ----- end of %s -----\n' "${0##*/}" "$log" >&2
}

# The real clients the Word tests read accord's files with (tests/cli/docx*.sh): installed by
# scripts/test when it can, skipped with a message by the tests when they are not there.
ACCORD_CLIENT_PACKAGES=(pandoc libreoffice-writer-nogui)

# The packages of the list named (ACCORD_PACKAGES by default) that are not installed, one a line.
missing_packages() {
	local package
	local -n wanted=${1:-ACCORD_PACKAGES}
	for package in "${wanted[@]}"; do
		if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
			printf '%s\n' "$package"
		fi
	done
}

# Installs what is missing (as root), or prints the command to run and fails.
ensure_packages() {
	local missing log
	if [ "${ACCORD_SKIP_PACKAGES:-0}" = 1 ]; then
		return 0
	fi
	if ! command -v dpkg-query >/dev/null 2>&1; then
		printf '%s: not a Debian system: install %s by hand (ACCORD_SKIP_PACKAGES=1 skips this check)\n' \
			"${0##*/}" "${ACCORD_PACKAGES[*]}" >&2
		return 0
	fi
	missing=$(missing_packages | tr '\n' ' ')
	missing=${missing% }
	if [ -z "$missing" ]; then
		return 0
	fi
	if [ "$(id -u)" -ne 0 ]; then
		printf '%s: missing Debian packages: %s\n' "${0##*/}" "$missing" >&2
		printf 'Install them (as root), then run %s again:\n' "${0##*/}" >&2
		printf '  sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' "$missing" >&2
		exit 1
	fi
	log=$(mktemp "${TMPDIR:-/tmp}/accord-apt.XXXXXX")
	printf '%s: installing %s\n' "${0##*/}" "$missing" >&2
	# shellcheck disable=SC2086 # one word per package
	if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; } \
		</dev/null >"$log" 2>&1; then
		show_log "$log" 60
		die "apt-get could not install: $missing"
	fi
	rm -f "$log"
}

# Installs the clients of ACCORD_CLIENT_PACKAGES when it can (as root, with apt); never fails:
# without them the tests that use them say they skipped.
ensure_client_packages() {
	local missing log
	if [ "${ACCORD_SKIP_PACKAGES:-0}" = 1 ] || ! command -v dpkg-query >/dev/null 2>&1 ||
		! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" -ne 0 ]; then
		return 0
	fi
	missing=$(missing_packages ACCORD_CLIENT_PACKAGES | tr '\n' ' ')
	missing=${missing% }
	[ -n "$missing" ] || return 0
	log=$(mktemp "${TMPDIR:-/tmp}/accord-apt.XXXXXX")
	printf '%s: installing the test clients %s\n' "${0##*/}" "$missing" >&2
	# shellcheck disable=SC2086 # one word per package
	if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; } \
		</dev/null >"$log" 2>&1; then
		printf '%s: could not install %s: the tests that use them skip\n' "${0##*/}" "$missing" >&2
	fi
	rm -f "$log"
}

# build DIR [CMAKE ARGS...]: configures (once) and builds DIR; quiet unless it fails.
build() {
	local dir=$1 log
	shift
	mkdir -p "$dir"
	log=$dir/accord-build.log
	if ! cmake -S "$ACCORD_ROOT" -B "$dir" "$@" >"$log" 2>&1; then
		show_log "$log" 80
		die "cmake could not configure $dir"
	fi
	if ! cmake --build "$dir" --parallel "$JOBS" >>"$log" 2>&1; then
		show_log "$log" 120
		die "the build in $dir failed"
	fi
}
