/*
** fuzz_roster.c: the roster reader (YAML). Property: it accepts or refuses
** with a message, and what it accepts is a roster whose every code is found
** again by accord_roster_find.
*/
#include "accord/roster.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	accord_roster *roster = NULL;
	accord_error err;
	size_t i, n;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (accord_roster_parse(&roster, (const char *)data, size, "fuzz", &err) != ACCORD_OK) {
		if (err.message[0] == '\0')
			FUZZ_BROKEN("a failure without a message (code %d)", err.code);
		return 0;
	}
	n = accord_roster_party_count(roster);
	for (i = 0; i < n; i++) {
		const accord_party *p = accord_roster_party(roster, i);
		if (accord_roster_find(roster, accord_party_code(p)) != p)
			FUZZ_BROKEN("party %zu ('%s') is not found by its code", i, accord_party_code(p));
	}
	accord_roster_free(roster);
	return 0;
}
