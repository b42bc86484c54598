/* test_roster.c: rosters of parties from YAML (core/src/model/roster.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
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
	/* codes are matched without regard to case; an unknown one gets the nearest as a hint */
	assert_ptr_equal(accord_roster_find(roster, "irn"), accord_roster_find(roster, "IRN"));
	assert_null(accord_roster_find(roster, "IRQ"));
	assert_string_equal(accord_roster_suggest(roster, "USX"), "USA");
	assert_string_equal(accord_roster_suggest(roster, "isoc"), "ISOC");
	assert_null(accord_roster_suggest(roster, "ZZZZZZZZ"));
	assert_null(accord_roster_suggest(roster, ""));
	assert_null(accord_roster_suggest(NULL, "USA"));
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

/* Aliases are refused where they stand (each reference to an anchored string was copied:
 * a 1 MB roster took 2 GB), and a "\0" escape is refused rather than cutting a string short. */
static void test_roster__aliases_and_nul_are_refused(void **state)
{
	accord_roster *roster = NULL;
	accord_error err;
	(void)state;

	assert_int_equal(parse(&roster, "roles:\n  ms: &n Member State\nparties:\n"
					"  - {code: A, name: *n, role: ms}\n", &err), ACCORD_ESCHEMA);
	assert_null(roster);
	assert_non_null(strstr(err.message, "aliases (*name) are not supported"));
	assert_int_equal(err.line, 4);
	assert_int_equal(err.col, 21);
	assert_int_equal(parse(&roster, "roles: {ms: M}\nparties:\n  - {code: \"A\\0B\", name: N, role: ms}\n",
				 &err), ACCORD_ESCHEMA);
	assert_null(roster);
	assert_string_equal(err.message, "roster: code: no NUL characters allowed");
	assert_int_equal(err.line, 3);
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

/* Every refusal of the reader, with its exact words and position (file:line:col). */
static void test_roster__every_refusal_exactly(void **state)
{
	static const char head[] = "roles: {ms: M}\nparties:\n";
	static const struct {
		const char *yaml; /* after head unless it starts with '!' (then the whole file, without the '!') */
		unsigned line, col;
		const char *message;
	} cases[] = {
		{"  - {code: X, name: Y, role: ms, colour: red}\n", 3, 34,
			"roster: party: unknown key (code, name, role, groups, aliases)"},
		{"  - {code: X, name: Y, role: ms, aliases: US}\n", 3, 43, "roster: party aliases: expected one list of names"},
		{"  - {code: X, name: Y, role: ms, aliases: [[US]]}\n", 3, 44, "roster: party alias: expected a non-empty string"},
		{"  - {code: X, name: Y, role: ms, aliases: [A], aliases: [B]}\n", 3, 48, "roster: party: duplicate key"},
		{"  - {code: X, name: Y, role: ms, aliases: [Zed]}\n  - {code: Z, name: ZED, role: ms}\n", 3, 5,
			"roster: party alias: alias 'Zed' of X also names Z"},
		{"  - {code: X, name: Y, role: ms, aliases: [z]}\n  - {code: Z, name: W, role: ms}\n", 3, 5,
			"roster: party alias: alias 'z' of X also names Z"},
		{"  - {code: X, name: Y, role: ms, aliases: [Both]}\n  - {code: Z, name: W, role: ms, aliases: [both]}\n", 3, 5,
			"roster: party alias: alias 'Both' of X also names Z"},
		{"  - {code: X, name: Y, role: ms}\n  - {code: X, name: Z, role: ms}\n", 4, 5, "roster: party code: duplicate code"},
		{"  - {code: X, name: Y, role: ms}\n  - {code: Z, name: Z, role: ms}\n  - {code: X, name: W, role: ms}\n", 5, 5,
			"roster: party code: duplicate code"},
		{"  - {code: usa, name: Y, role: ms}\n  - {code: Z, name: Z, role: ms}\n  - {code: USA, name: W, role: ms}\n", 5, 5,
			"roster: party code: duplicate code: 'USA' is 'usa' (codes are matched without regard to case)"},
		{"  - {code: X, name: Y, role: judge}\n", 3, 5, "roster: party role: not declared under roles"},
		{"  - {name: Y, role: ms}\n", 3, 5, "roster: party: missing code"},
		{"  - {code: X, role: ms}\n", 3, 5, "roster: party: missing name"},
		{"  - {code: X, name: Y}\n", 3, 5, "roster: party: missing role"},
		{"  - {code: A B, name: Y, role: ms}\n", 3, 5, "roster: party code: no spaces allowed"},
		{"  - {code: \"A\\tB\", name: Y, role: ms}\n", 3, 5, "roster: party code: no spaces allowed"},
		{"  - {code: A/B, name: Y, role: ms}\n", 3, 5, "roster: party code: no '/' allowed"},
		{"  - {code: X, code: Z, name: Y, role: ms}\n", 3, 15, "roster: party: duplicate key"},
		{"  - {code: X, name: '', role: ms}\n", 3, 21, "roster: name: expected a non-empty string"},
		{"  - {code: X, name: Y, role: [ms]}\n", 3, 30, "roster: role: expected a non-empty string"},
		{"  - {code: X, name: Y, role: ms, groups: G}\n", 3, 42, "roster: party groups: expected one list of group ids"},
		{"  - {code: X, name: Y, role: ms, groups: [[G]]}\n", 3, 43, "roster: party group: expected a non-empty string"},
		{"  - X\n", 3, 5, "roster: parties: each party is a mapping with code, name, role, groups, aliases"},
		{"  {a: b}\n", 3, 3, "roster: parties: expected a list"},
		{"  []\n", 3, 3, "roster: parties: the list is empty"},
		{"!parties:\n  - {code: X, name: Y, role: ms}\n", 1, 1, "roster: missing roles"},
		{"!roles: {ms: M}\n", 1, 1, "roster: missing parties"},
		{"!roles: {ms: M}\nparty: []\n", 2, 1, "roster: unknown or duplicate key (body, roles, groups, parties)"},
		{"!roles: {ms: M}\nroles: {x: y}\n", 2, 1, "roster: unknown or duplicate key (body, roles, groups, parties)"},
		{"!body: A\nbody: B\n", 2, 1, "roster: duplicate key"},
		{"!body: [x]\n", 1, 7, "roster: body: expected a non-empty string"},
		{"!roles: [ms]\nparties: []\n", 1, 8, "roster: roles: expected a mapping of id: description"},
		{"!roles: {ms: M, ms: N}\nparties: []\n", 1, 16, "roster: roles: duplicate id"},
		{"!roles: {ms: ''}\nparties: []\n", 1, 13, "roster: roles: expected a non-empty string"},
		{"!roles: {ms: M}\ngroups: [G]\nparties: []\n", 2, 9, "roster: groups: expected a mapping of id: description"},
		{"!roles: {ms: M}\ngroups: {G: g, G: h}\nparties: []\n", 2, 16, "roster: groups: duplicate id"},
		{"!roles: {ms: M}\ngroups: {G: g}\nparties:\n  - {code: X, name: Y, role: ms, groups: [G, H]}\n", 4, 46,
			"roster: party group: not declared under groups"},
		{"!- a\n- b\n", 1, 1, "roster: expected a mapping with roles and parties"},
		{"!just words\n", 1, 1, "roster: expected a mapping with roles and parties"},
	};
	char yaml[512];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_roster *roster = (accord_roster *)1;
		accord_error err;
		int rc;
		if (cases[i].yaml[0] == '!')
			snprintf(yaml, sizeof yaml, "%s", cases[i].yaml + 1);
		else
			snprintf(yaml, sizeof yaml, "%s%s", head, cases[i].yaml);
		rc = parse(&roster, yaml, &err);
		if (rc != ACCORD_ESCHEMA || strcmp(err.message, cases[i].message) != 0 || err.line != cases[i].line ||
		    err.col != cases[i].col || strcmp(err.file, "r.yaml") != 0)
			fail_msg("case %zu: %d %s:%u:%u: %s\n  expected %s:%u:%u: %s", i, rc, err.file, err.line, err.col,
				err.message, "r.yaml", cases[i].line, cases[i].col, cases[i].message);
		assert_int_equal(err.code, ACCORD_ESCHEMA);
		assert_null(roster);
	}
}

/* Everything a roster holds, through every accessor, for a roster written out here. */
static void test_roster__every_accessor(void **state)
{
	static const char yaml[] =
		"body: A Body\n"
		"roles:\n  ms: Member State\n  obs: Observer\n"
		"groups:\n  G1: First group\n  G2: Second group\n  G3: Third group\n"
		"parties:\n"
		"  - {code: AAA, name: Alpha, role: ms, groups: [G1, G3]}\n"
		"  - {code: BBB, name: Beta, role: obs}\n"
		"  - code: CCC\n    name: Gamma\n    role: ms\n    groups: [G2]\n    aliases: [Gamma Delegation, G. Smith]\n";
	accord_roster *roster = NULL;
	const accord_party *p;
	const char *description = NULL;
	accord_error err;
	(void)state;
	assert_int_equal(parse(&roster, yaml, &err), 0);
	assert_string_equal(accord_roster_body(roster), "A Body");
	assert_int_equal(accord_roster_role_count(roster), 2);
	assert_string_equal(accord_roster_role(roster, 0, &description), "ms");
	assert_string_equal(description, "Member State");
	assert_string_equal(accord_roster_role(roster, 1, &description), "obs");
	assert_string_equal(description, "Observer");
	assert_string_equal(accord_roster_role(roster, 1, NULL), "obs");
	assert_null(accord_roster_role(roster, 2, &description));
	assert_int_equal(accord_roster_group_count(roster), 3);
	assert_string_equal(accord_roster_group(roster, 0, &description), "G1");
	assert_string_equal(description, "First group");
	assert_string_equal(accord_roster_group(roster, 2, &description), "G3");
	assert_string_equal(description, "Third group");
	assert_null(accord_roster_group(roster, 3, &description));
	assert_int_equal(accord_roster_party_count(roster), 3);

	p = accord_roster_party(roster, 0);
	assert_string_equal(accord_party_code(p), "AAA");
	assert_string_equal(accord_party_name(p), "Alpha");
	assert_string_equal(accord_party_role(p), "ms");
	assert_int_equal(accord_party_group_count(p), 2);
	assert_string_equal(accord_party_group(p, 0), "G1");
	assert_string_equal(accord_party_group(p, 1), "G3");
	assert_null(accord_party_group(p, 2));
	assert_true(accord_party_in_group(p, "G1"));
	assert_false(accord_party_in_group(p, "G2"));
	assert_true(accord_party_in_group(p, "G3"));
	assert_false(accord_party_in_group(p, "g1"));
	assert_int_equal(accord_party_line(p), 10);

	p = accord_roster_party(roster, 1);
	assert_string_equal(accord_party_code(p), "BBB");
	assert_string_equal(accord_party_role(p), "obs");
	assert_int_equal(accord_party_group_count(p), 0);
	assert_null(accord_party_group(p, 0));
	assert_false(accord_party_in_group(p, "G1"));
	assert_int_equal(accord_party_line(p), 11);

	p = accord_roster_find(roster, "CCC");
	assert_true(p == accord_roster_party(roster, 2));
	assert_string_equal(accord_party_name(p), "Gamma");
	assert_int_equal(accord_party_group_count(p), 1);
	assert_string_equal(accord_party_group(p, 0), "G2");
	assert_int_equal(accord_party_line(p), 12);
	assert_true(accord_roster_find(roster, "AAA") == accord_roster_party(roster, 0));
	assert_null(accord_roster_find(roster, "DDD"));
	assert_null(accord_roster_find(roster, "AA"));
	assert_null(accord_roster_party(roster, 3));
	/* aliases, and the one match of code, name or alias without regard to case */
	assert_int_equal(accord_party_alias_count(p), 2);
	assert_string_equal(accord_party_alias(p, 0), "Gamma Delegation");
	assert_string_equal(accord_party_alias(p, 1), "G. Smith");
	assert_null(accord_party_alias(p, 2));
	assert_int_equal(accord_party_alias_count(accord_roster_party(roster, 0)), 0);
	assert_true(accord_roster_match(roster, "g. smith", 8) == p);
	assert_true(accord_roster_match(roster, "G. Smith, Jr.", 8) == p);
	assert_true(accord_roster_match(roster, "gamma", 5) == p);
	assert_true(accord_roster_match(roster, "ccc", 3) == p);
	assert_true(accord_roster_match(roster, "Beta", 4) == accord_roster_party(roster, 1));
	assert_null(accord_roster_match(roster, "G. Smit", 7));
	assert_null(accord_roster_match(roster, "Gamma Delegation!", 17));
	assert_null(accord_roster_match(NULL, "AAA", 3));
	assert_null(accord_party_alias(NULL, 0));
	accord_roster_free(roster);

	/* without body or groups: none; a party's groups are then not checked */
	assert_int_equal(parse(&roster, "roles: {ms: M}\nparties:\n  - {code: X, name: Y, role: ms, groups: [ANY]}\n", &err), 0);
	assert_null(accord_roster_body(roster));
	assert_int_equal(accord_roster_group_count(roster), 0);
	assert_string_equal(accord_party_group(accord_roster_party(roster, 0), 0), "ANY");
	accord_roster_free(roster);
	accord_roster_free(NULL);

	/* the API's own refusals */
	assert_int_equal(accord_roster_parse(NULL, "x", 1, "r.yaml", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_roster_parse: out is NULL");
	assert_int_equal(accord_roster_parse(&roster, NULL, 3, "r.yaml", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_roster_parse: data is NULL");
	assert_null(roster);
	assert_int_equal(accord_roster_parse(&roster, NULL, 0, "r.yaml", &err), ACCORD_EEMPTY);
	assert_string_equal(err.message, "roster: the file is empty");
	assert_int_equal(accord_roster_load(&roster, ACCORD_SEEDS "/no-such-roster.yaml", &err), ACCORD_EIO);
	assert_null(roster);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roster__loads_the_wtpf_roster),
		cmocka_unit_test(test_roster__strict_errors_with_position),
		cmocka_unit_test(test_roster__deep_nesting_is_refused_quickly),
		cmocka_unit_test(test_roster__aliases_and_nul_are_refused),
		cmocka_unit_test(test_roster__allocation_failures),
		cmocka_unit_test(test_roster__every_refusal_exactly),
		cmocka_unit_test(test_roster__every_accessor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
