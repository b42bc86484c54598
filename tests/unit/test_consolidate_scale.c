/*
** test_consolidate_scale.c: consolidation at sizes that show quadratic work
** (issue 17). Contributions adding tens of thousands of paragraphs, equal,
** identical to another party's or near-equal to them, are built, checked
** and accepted. The fixed code takes well under a second for each; the
** quadratic placement it replaced took minutes (past the test's timeout) at
** these sizes, so a regression shows as a timeout, with no timed assertion.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/doc.h"
#include "compilation_fixtures.h"

/* Paragraphs each contribution adds: 50,000 (about 30 s each before the fix, minutes with near-equal texts). */
#define MANY 50000

/*
** Adds n paragraphs proposed by party to list, a chain after `after`
** (section sec): ids "PARTY/1" ..., each after the one before; the i-th's
** text is stem, then i when numbered, then end.
*/
static void add_chain(accord_amendment_list *list, const char *party, const char *sec, const char *after, size_t n,
	const char *stem, int numbered, const char *end)
{
	char id[64], prev[64], text[96];
	size_t i;
	for (i = 1; i <= n; i++) {
		accord_amendment a;
		const char *proposers[1];
		memset(&a, 0, sizeof(a));
		proposers[0] = party;
		snprintf(id, sizeof(id), "%s/%zu", party, i);
		if (numbered)
			snprintf(text, sizeof(text), "%s%zu%s", stem, i, end);
		else
			snprintf(text, sizeof(text), "%s%s", stem, end);
		a.id = id;
		a.op = ACCORD_OP_ADD;
		a.proposers = proposers;
		a.n_proposers = 1;
		a.position.section = sec;
		a.position.after = i == 1 ? after : prev;
		a.text = text;
		assert_int_equal(accord_amendments_add(list, &a), 0);
		memcpy(prev, id, sizeof(id));
	}
}

/* Three empty lists. */
static void lists_new(accord_amendment_list **lists)
{
	size_t i;
	for (i = 0; i < 3; i++)
		assert_int_equal(accord_amendments_new(&lists[i]), 0);
}

/* Frees the compilation, the three lists and the base. */
static void dispose(accord_compilation *c, accord_amendment_list **lists, accord_doc *base)
{
	size_t i;
	accord_compilation_free(c);
	for (i = 0; i < 3; i++)
		accord_amendments_free(lists[i]);
	accord_doc_free(base);
}

static int has_party(const accord_cmp_para *p, const char *party)
{
	size_t i;
	for (i = 0; i < p->n_parties; i++)
		if (strcmp(p->parties[i], party) == 0)
			return 1;
	return 0;
}

/*
** X adds MANY distinct paragraphs after b), Y the same ones (each merges
** with X's, co-sponsored), Z near-equal ones (new, each flagged as nearly
** repeating X's): the run after b) holds X's in order, then Z's.
*/
static void test_consolidate_scale__many_added_identical_and_near_equal(void **state)
{
	accord_doc *base = small_base(), *accepted = NULL;
	accord_amendment_list *lists[3];
	accord_compilation *c;
	const accord_cmp_section *s;
	accord_error err;
	char want[64];
	size_t i;
	(void)state;
	lists_new(lists);
	add_chain(lists[0], "X", "s1", "p2", MANY, "Added paragraph ", 1, ".");
	add_chain(lists[1], "Y", "s1", "p2", MANY, "Added paragraph ", 1, ".");
	add_chain(lists[2], "Z", "s1", "p2", MANY, "added  paragraph ", 1, "");
	c = compile_lists(base, lists, 3);
	s = accord_compilation_section(c, 0);
	assert_int_equal(s->n_paras, 2 + 2 * (size_t)MANY);
	for (i = 0; i < MANY; i++) {
		const accord_cmp_para *x = &s->paras[2 + i], *z = &s->paras[2 + MANY + i];
		snprintf(want, sizeof(want), "X/%zu", i + 1);
		assert_string_equal(x->id, want);
		assert_true(x->is_new && x->n_parties == 2 && has_party(x, "X") && has_party(x, "Y"));
		assert_null(x->near_duplicate_of);
		assert_true(z->is_new && z->n_parties == 1 && has_party(z, "Z"));
		assert_non_null(z->near_duplicate_of);
		assert_string_equal(z->near_duplicate_of, want);
	}
	assert_int_equal(accord_compilation_accept(&accepted, c, "Y", &err), 0);
	assert_int_equal(accord_section_para_count(accord_doc_section(accepted, 0)), 2 + (size_t)MANY);
	accord_doc_free(accepted);
	dispose(c, lists, base);
}

/*
** V adds MANY equal paragraphs after a) of s2, W as many equal to them: W's
** k-th merges with V's k-th (the first not yet co-sponsored by W). And a
** paragraph added first in a section (no anchor), MANY times.
*/
static void test_consolidate_scale__many_equal_paragraphs(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *lists[3];
	accord_compilation *c;
	const accord_cmp_section *s;
	char buf[64];
	size_t i;
	(void)state;
	lists_new(lists);
	add_chain(lists[0], "V", "s2", "p3", MANY, "Same paragraph.", 0, "");
	add_chain(lists[1], "W", "s2", "p3", MANY, "Same paragraph.", 0, "");
	add_chain(lists[2], "U", "s2", NULL, MANY, "First paragraph.", 0, "");
	c = compile_lists(base, lists, 3);
	s = accord_compilation_section(c, 1);
	assert_int_equal(s->n_paras, 1 + 2 * (size_t)MANY);
	for (i = 0; i < MANY; i++) {
		const accord_cmp_para *u = &s->paras[i], *v = &s->paras[MANY + 1 + i];
		snprintf(buf, sizeof(buf), "U/%zu", i + 1);
		assert_string_equal(u->id, buf);
		assert_true(u->n_parties == 1 && has_party(u, "U"));
		snprintf(buf, sizeof(buf), "V/%zu", i + 1);
		assert_string_equal(v->id, buf);
		assert_true(v->n_parties == 2 && has_party(v, "V") && has_party(v, "W"));
		assert_null(v->near_duplicate_of);
	}
	assert_string_equal(s->paras[MANY].id, "p3");
	dispose(c, lists, base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consolidate_scale__many_added_identical_and_near_equal),
		cmocka_unit_test(test_consolidate_scale__many_equal_paragraphs),
	};
	(void)contains; /* compilation_fixtures.h's, not needed here */
	(void)render_with;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
