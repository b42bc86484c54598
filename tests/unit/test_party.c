/* test_party.c: the one party-code rule, at every entry point that takes a code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "accord/consolidate.h"
#include "accord/diff.h"
#include "accord/format.h"
#include "accord/roster.h"

static const char *const good[] = {"USA", "IRN", "G-77", "EU.27", "ISOC_1", "Côte", "x", "A:B"};
static const char *const bad[] = {"", "A/B", "A,B", "A B", " USA", "USA ", "A\tB", "A\nB", "A\rB", "A\x01" "B",
	"A\x7f" "B", "/", ","};

static void test_party__the_rule(void **state)
{
	size_t i;
	accord_error err;
	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (accord_party_code_check(good[i], &err) != ACCORD_OK)
			fail_msg("'%s' refused: %s", good[i], err.message);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		accord_error_clear(&err);
		if (accord_party_code_check(bad[i], &err) != ACCORD_EINVAL)
			fail_msg("bad code %zu accepted", i);
		assert_int_equal(err.code, ACCORD_EINVAL);
		assert_non_null(strstr(err.message, "a party code "));
	}
	assert_int_equal(accord_party_code_check(NULL, NULL), ACCORD_EINVAL);
	assert_int_equal(accord_party_code_check("A/B", NULL), ACCORD_EINVAL);
}

static accord_doc *doc_of(const char *text)
{
	accord_doc *doc = NULL;
	accord_error err;
	assert_int_equal(accord_doc_parse(&doc, text, strlen(text), NULL, &err), ACCORD_OK);
	return doc;
}

/* accord_doc_diff checked nothing: "A,B" gave ids A,B/1 that no --only list can name. */
static void test_party__diff_and_consolidation_refuse_bad_codes(void **state)
{
	accord_doc *base = doc_of("The Forum,\n\nrecognizing\n\na)\tthat one;\n");
	accord_doc *contrib = doc_of("The Forum,\n\nrecognizing\n\na)\tthat two;\n");
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *list = (accord_amendment_list *)1;
	accord_compilation *c = NULL;
	accord_error err;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (bad[i][0] == '\0')
			continue; /* an empty party in diff options means "the default" */
		opts.party = bad[i];
		assert_int_equal(accord_doc_diff(&list, base, contrib, &opts, &err), ACCORD_EINVAL);
		assert_null(list);
		assert_non_null(strstr(err.message, "a party code "));
	}
	opts.party = "G-77";
	assert_int_equal(accord_doc_diff(&list, base, contrib, &opts, &err), ACCORD_OK);
	assert_int_equal(accord_amendments_count(list), 1);
	assert_string_equal(accord_amendments_get(list, 0)->id, "G-77/1");
	accord_amendments_free(list);

	assert_int_equal(accord_compilation_new(&c, base, &err), ACCORD_OK);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(accord_compilation_add_contribution(c, bad[i], contrib, NULL, &err), ACCORD_EINVAL);
		assert_non_null(strstr(err.message, "a party code "));
	}
	assert_int_equal(accord_compilation_add_contribution(c, "G-77", contrib, NULL, &err), ACCORD_OK);
	accord_compilation_free(c);
	accord_doc_free(base);
	accord_doc_free(contrib);
}

static void test_party__rosters_refuse_bad_codes(void **state)
{
	static const struct {
		const char *code, *why;
	} cases[] = {{"\"A/B\"", "no '/'"}, {"\"A,B\"", "no ','"}, {"\"A B\"", "no spaces"}, {"\"A\\tB\"", "no spaces"}};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char yaml[256];
		accord_roster *r = (accord_roster *)1;
		accord_error err;
		snprintf(yaml, sizeof yaml, "roles: {ms: M}\nparties:\n  - {code: %s, name: Y, role: ms}\n", cases[i].code);
		assert_int_equal(accord_roster_parse(&r, yaml, strlen(yaml), "r.yaml", &err), ACCORD_ESCHEMA);
		assert_null(r);
		if (strstr(err.message, cases[i].why) == NULL)
			fail_msg("%s: '%s' lacks '%s'", cases[i].code, err.message, cases[i].why);
		assert_int_equal(err.line, 3);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_party__the_rule),
		cmocka_unit_test(test_party__diff_and_consolidation_refuse_bad_codes),
		cmocka_unit_test(test_party__rosters_refuse_bad_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
