/* test_roster.c: rosters of parties from YAML (core/src/roster.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "accord/sys/testing.h"
#include "accord/roster.h"

static int parse(accord_roster **out, const char *yaml, accord_error *err)
{
	return accord_roster_parse(out, yaml, strlen(yaml), "r.yaml", err);
}

static void test_roster__loads_the_wtpf_roster(void **state)
{
	accord_roster *roster = NULL;
	accord_error err;
	const accord_party *p;
	const char *description;
	(void)state;

	assert_int_equal(accord_roster_load(&roster, ACCORD_SEEDS "/roster.yaml", &err), 0);
	assert_int_equal(accord_roster_party_count(roster), 24);
	assert_int_equal(accord_roster_role_count(roster), 2);
	assert_int_equal(accord_roster_group_count(roster), 6);
	assert_string_equal(accord_roster_role(roster, 1, &description), "sector_member");
	assert_non_null(strstr(description, "Sector Member"));
	p = accord_roster_find(roster, "IRN");
	assert_non_null(p);
	assert_string_equal(accord_party_name(p), "Islamic Republic of Iran");
	assert_string_equal(accord_party_role(p), "member_state");
	assert_true(accord_party_in_group(p, "APT"));
	assert_false(accord_party_in_group(p, "CEPT"));
	p = accord_roster_find(roster, "EGY");
	assert_int_equal(accord_party_group_count(p), 2);
	assert_string_equal(accord_party_group(p, 1), "ASMG");
	p = accord_roster_find(roster, "ISOC");
	assert_string_equal(accord_party_role(p), "sector_member");
	assert_int_equal(accord_party_group_count(p), 0);
	assert_null(accord_roster_find(roster, "irn"));
	assert_null(accord_roster_party(roster, 24));
	assert_string_equal(accord_party_code(accord_roster_party(roster, 0)), "IRN");
	assert_true(accord_party_line(accord_roster_party(roster, 0)) > 1);
	accord_roster_free(roster);
}

static void test_roster__strict_errors_with_position(void **state)
{
	static const struct {
		const char *yaml;
		int code;
		unsigned line, col;
		const char *part;
	} cases[] = {
		{"roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: ms, colour: red}\n", ACCORD_ESCHEMA, 3, 34, "unknown key"},
		{"roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: ms}\n  - {code: X, name: Z, role: ms}\n", ACCORD_ESCHEMA, 4, 5, "duplicate code"},
		{"roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: judge}\n", ACCORD_ESCHEMA, 3, 5, "not declared"},
		{"roles: {ms: M}\ngroups: {G: g}\nparties:\n  - {code: X, name: Y, role: ms, groups: [H]}\n", ACCORD_ESCHEMA, 4, 43, "not declared"},
		{"roles: {ms: M}\nparties:\n  - {name: Y, role: ms}\n", ACCORD_ESCHEMA, 3, 5, "missing code"},
		{"roles: {ms: M}\nparties:\n  - {code: A B, name: Y, role: ms}\n", ACCORD_ESCHEMA, 3, 5, "no spaces"},
		{"roles: {ms: M}\nparties:\n  - {code: A/B, name: Y, role: ms}\n", ACCORD_ESCHEMA, 3, 5, "no '/'"},
		{"parties:\n  - {code: X, name: Y, role: ms}\n", ACCORD_ESCHEMA, 1, 1, "missing roles"},
		{"roles: {ms: M}\nparties: []\n", ACCORD_ESCHEMA, 2, 10, "empty"},
		{"roles: {ms: M}\nparty: []\n", ACCORD_ESCHEMA, 2, 1, "unknown"},
		{"- a\n- b\n", ACCORD_ESCHEMA, 1, 1, "expected a mapping"},
		{"roles: [\n", ACCORD_EPARSE, 2, 1, "roster:"},
		{"", ACCORD_EEMPTY, 0, 0, "empty"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_roster *roster = (accord_roster *)1;
		accord_error err;
		int rc = parse(&roster, cases[i].yaml, &err);
		if (rc != cases[i].code)
			fail_msg("case %zu: code %d, expected %d (%s)", i, rc, cases[i].code, err.message);
		assert_null(roster);
		if (strstr(err.message, cases[i].part) == NULL)
			fail_msg("case %zu: message '%s' lacks '%s'", i, err.message, cases[i].part);
		if (cases[i].line != 0) {
			if (err.line != cases[i].line || err.col != cases[i].col)
				fail_msg("case %zu: at %u:%u, expected %u:%u (%s)", i, err.line, err.col, cases[i].line, cases[i].col,
					err.message);
			assert_string_equal(err.file, "r.yaml");
		}
	}
}

/* 100,000 nested flow mappings: refused at once with the position (libyaml used to take
 * about half a minute to load them before the roster reader saw anything). */
static void test_roster__deep_nesting_is_refused_quickly(void **state)
{
	enum { DEPTH = 100000 };
	static const char head[] = "body: B\nroles: ";
	static char yaml[sizeof(head) + 2 * DEPTH + 2];
	accord_roster *roster = NULL;
	accord_error err;
	size_t i, n = sizeof(head) - 1;
	(void)state;

	memcpy(yaml, head, n);
	for (i = 0; i < DEPTH; i++)
		yaml[n++] = '{';
	for (i = 0; i < DEPTH; i++)
		yaml[n++] = '}';
	yaml[n++] = '\n';
	yaml[n] = '\0';
	assert_int_equal(parse(&roster, yaml, &err), ACCORD_ESCHEMA);
	assert_null(roster);
	assert_non_null(strstr(err.message, "nested too deeply"));
	assert_int_equal(err.line, 2);
}

static void test_roster__allocation_failures(void **state)
{
	long n;
	int done = 0;
	(void)state;
	for (n = 0; n < 10000 && !done; n++) {
		accord_roster *roster = NULL;
		accord_error err;
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_roster_load(&roster, ACCORD_SEEDS "/roster.yaml", &err);
		accord_alloc_fail_after(-1);
		if (rc == 0) {
			assert_int_equal(accord_roster_party_count(roster), 24);
			done = 1;
		} else {
			assert_true(rc == ACCORD_ENOMEM || rc == ACCORD_EIO);
			assert_null(roster);
		}
		accord_roster_free(roster);
	}
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roster__loads_the_wtpf_roster),
		cmocka_unit_test(test_roster__strict_errors_with_position),
		cmocka_unit_test(test_roster__deep_nesting_is_refused_quickly),
		cmocka_unit_test(test_roster__allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
