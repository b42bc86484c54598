/*
** test_consolidate.c: the compilation: co-sponsors, near-duplicates,
** alternatives, new and deleted paragraphs, rendering through a convention,
** seed golden outputs, and the accept-one-party property (seeds and random
** contributions of dozens of parties), allocation failures.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "accord/sys/testing.h"
#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/text.h"
#include "compilation_fixtures.h"

/* ---- fixtures ----------------------------------------------------------------------- */

static int add_mod(accord_amendment_list *list, const char *id, const char *party, const char *target,
	uint32_t start, uint32_t count, const char *base_text, const char *text)
{
	accord_amendment a;
	accord_edit e;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	memset(&e, 0, sizeof(e));
	proposers[0] = party;
	e.kind = count == 0 ? ACCORD_EDIT_INSERT : *text ? ACCORD_EDIT_REPLACE : ACCORD_EDIT_DELETE;
	e.base_start = start;
	e.base_count = count;
	e.base_text = base_text;
	e.text = text;
	a.id = id;
	a.op = ACCORD_OP_MOD;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.target = target;
	a.edits = &e;
	a.n_edits = 1;
	return accord_amendments_add(list, &a);
}

static int add_para(accord_amendment_list *list, const char *id, const char *party, const char *section,
	const char *after, const char *label, const char *text)
{
	accord_amendment a;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	proposers[0] = party;
	a.id = id;
	a.op = ACCORD_OP_ADD;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.position.section = section;
	a.position.after = after;
	a.label = label;
	a.text = text;
	return accord_amendments_add(list, &a);
}

static int add_sup(accord_amendment_list *list, const char *id, const char *party, const char *target, const char *text)
{
	accord_amendment a;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	proposers[0] = party;
	a.id = id;
	a.op = ACCORD_OP_SUP;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.target = target;
	a.text = text;
	return accord_amendments_add(list, &a);
}

static char *render(const accord_compilation *c, accord_format format)
{
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	if (accord_compilation_render(&out, c, format, NULL, &err) != 0)
		fail_msg("render: %s", err.message);
	return accord_buf_detach(&out);
}

/* ---- grouping ------------------------------------------------------------------------- */

static void test_consolidate__same_change_is_cosponsored(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	accord_compilation *c;
	const accord_cmp_para *p;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 10, 1, "global", "worldwide"), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 10, 1, "global", "worldwide"), 0);
	c = compile_lists(base, l, 2);
	p = accord_compilation_find_para(c, "p1");
	assert_non_null(p);
	assert_int_equal(p->n_clusters, 1);
	assert_int_equal(p->clusters[0].kind, ACCORD_CLUSTER_REPLACE);
	assert_int_equal(p->clusters[0].n_options, 1);
	assert_int_equal(p->clusters[0].options[0].n_parties, 2);
	assert_string_equal(p->clusters[0].options[0].parties[0], "IRN");
	assert_string_equal(p->clusters[0].options[0].parties[1], "USA");
	assert_int_equal(p->clusters[0].options[0].n_amendments, 2);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "a)\tthat the Internet is a [global] [IRN, USA: worldwide] resource;\n"));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_doc_free(base);
}

static void test_consolidate__near_duplicates_are_flagged(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[3];
	accord_compilation *c;
	const accord_cmp_cluster *cl;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(accord_amendments_new(&l[2]), 0);
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 10, 1, "global", "shared, common"), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 10, 1, "global", "Shared common"), 0);
	/* spacing/case/punctuation only against the base: editorial */
	assert_int_equal(add_mod(l[2], "BRA/1", "BRA", "p2", 0, 1, "that", "That"), 0);
	c = compile_lists(base, l, 3);
	cl = &accord_compilation_find_para(c, "p1")->clusters[0];
	assert_int_equal(cl->kind, ACCORD_CLUSTER_ALTERNATIVES);
	assert_int_equal(cl->n_options, 2);
	assert_int_equal(cl->options[0].near_duplicate_of, 0);
	assert_int_equal(cl->options[1].near_duplicate_of, 1);
	assert_true(accord_compilation_find_para(c, "p2")->clusters[0].options[0].editorial);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text,
		"a [Alt 1 (IRN): shared, common] [Alt 2 (USA; near-duplicate of Alt 1): Shared common] [NOC: global] resource;"));
	assert_true(contains(text, "b)\t[that] [BRA; editorial: That] all"));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_amendments_free(l[2]);
	accord_doc_free(base);
}

static void test_consolidate__overlaps_become_alternatives_disjoint_stay_apart(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[3];
	accord_compilation *c;
	const accord_cmp_para *p;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(accord_amendments_new(&l[2]), 0);
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 10, 1, "global", "common"), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 8, 5, "a global resource", "an asset"), 0);
	assert_int_equal(add_mod(l[1], "USA/2", "USA", "p1", 0, 1, "that", "noting that"), 0);
	/* BRA the same as USA on the overlap: co-sponsors that alternative */
	assert_int_equal(add_mod(l[2], "BRA/1", "BRA", "p1", 8, 5, "a global resource", "an asset"), 0);
	c = compile_lists(base, l, 3);
	p = accord_compilation_find_para(c, "p1");
	assert_int_equal(p->n_clusters, 2);
	assert_int_equal(p->clusters[0].kind, ACCORD_CLUSTER_REPLACE);
	assert_int_equal(p->clusters[0].base_start, 0);
	assert_int_equal(p->clusters[1].kind, ACCORD_CLUSTER_ALTERNATIVES);
	assert_int_equal(p->clusters[1].base_start, 8);
	assert_int_equal(p->clusters[1].base_count, 5);
	assert_string_equal(p->clusters[1].options[0].text, "a common resource");
	assert_string_equal(p->clusters[1].options[1].text, "an asset");
	assert_int_equal(p->clusters[1].options[1].n_parties, 2);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "a)\t[that] [USA: noting that] the Internet is "
				   "[Alt 1 (IRN): a common resource] [Alt 2 (USA, BRA): an asset] [NOC: a global resource];\n"));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_amendments_free(l[2]);
	accord_doc_free(base);
}

static void test_consolidate__insertions_deletions_and_alternative_deletes(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	accord_compilation *c;
	const accord_cmp_para *p;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	/* two different insertions at one point: alternatives, no NOC (nothing to keep) */
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 12, 0, "", "and open "), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 12, 0, "", "and free "), 0);
	/* a deletion against a replacement of the same words */
	assert_int_equal(add_mod(l[0], "IRN/2", "IRN", "p2", 1, 2, " all", ""), 0);
	assert_int_equal(add_mod(l[1], "USA/2", "USA", "p2", 2, 1, "all", "most"), 0);
	/* one deletion alone */
	assert_int_equal(add_mod(l[1], "USA/3", "USA", "p3", 2, 2, "States ", ""), 0);
	c = compile_lists(base, l, 2);
	p = accord_compilation_find_para(c, "p1");
	assert_int_equal(p->clusters[0].kind, ACCORD_CLUSTER_ALTERNATIVES);
	assert_int_equal(p->clusters[0].base_count, 0);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "global [Alt 1 (IRN): and open] [Alt 2 (USA): and free] resource;"));
	assert_true(contains(text, "b)\tthat [Alt 1 (IRN): delete] [Alt 2 (USA): most] [NOC: all] stakeholders"));
	assert_true(contains(text, "a)\tMember [Delete (USA): States] to contribute."));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_doc_free(base);
}

static void test_consolidate__new_paragraphs_bis_ter_and_deletions(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[3];
	accord_compilation *c;
	const accord_cmp_section *s;
	char *text, *json;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(accord_amendments_new(&l[2]), 0);
	assert_int_equal(add_para(l[0], "IRN/1", "IRN", "s1", "p1", "b)", "that cooperation matters;"), 0);
	assert_int_equal(add_para(l[0], "IRN/2", "IRN", "s1", "IRN/1", "c)", "that trust matters;"), 0);
	assert_int_equal(add_para(l[1], "USA/1", "USA", "s1", "p1", "b)", "that the IGF works;"), 0);
	assert_int_equal(add_para(l[1], "USA/2", "USA", "s1", NULL, "a)", "that the Internet grew;"), 0);
	assert_int_equal(add_sup(l[1], "USA/3", "USA", "p2", "that all stakeholders have roles;"), 0);
	/* BRA: the same new paragraph as IRN's first, and a near-duplicate of USA's */
	assert_int_equal(add_para(l[2], "BRA/1", "BRA", "s1", "p1", "b)", "that cooperation matters;"), 0);
	assert_int_equal(add_para(l[2], "BRA/2", "BRA", "s1", "p1", "c)", "That the IGF works!"), 0);
	c = compile_lists(base, l, 3);
	s = accord_compilation_section(c, 0);
	assert_int_equal(s->n_paras, 7);
	assert_string_equal(s->paras[0].id, "USA/2");
	assert_string_equal(s->paras[0].label, "new)");
	assert_string_equal(s->paras[1].id, "p1");
	assert_string_equal(s->paras[2].label, "a bis)");
	assert_int_equal(s->paras[2].n_parties, 2); /* IRN and BRA */
	assert_string_equal(s->paras[3].label, "a ter)");
	assert_string_equal(s->paras[3].text, "that trust matters;");
	assert_string_equal(s->paras[4].label, "a quater)");
	assert_string_equal(s->paras[4].id, "USA/1");
	assert_string_equal(s->paras[5].id, "BRA/2");
	assert_string_equal(s->paras[5].near_duplicate_of, "USA/1");
	assert_string_equal(s->paras[6].id, "p2");
	assert_int_equal(s->paras[6].n_marks, 1);
	assert_int_equal(s->paras[6].marks[0].kind, ACCORD_MARK_DELETE);
	assert_ptr_equal(accord_compilation_find_para(c, "BRA/1"), &s->paras[2]);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "\trecognizing\nnew)\t[Label (USA): a)] [USA: that the Internet grew;]\na)\tthat the Internet"));
	assert_true(contains(text, "a bis)\t[Label (IRN, BRA): b)] [IRN, BRA: that cooperation matters;]\na ter)\t[Label (IRN): c)] [IRN: that trust matters;]\n"));
	assert_true(contains(text, "a quinquies)\t[Label (BRA): c)] [BRA; near-duplicate of a quater): That the IGF works!]\n"));
	assert_true(contains(text, "b)\t[Delete (USA): that all stakeholders have roles;]\n"));
	json = render(c, ACCORD_FORMAT_JSON);
	assert_true(contains(json, "\"accord\": \"compilation/1\""));
	assert_true(contains(json, "\"label\": \"a bis)\""));
	accord_free(json);
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_amendments_free(l[2]);
	accord_doc_free(base);
}

static int add_section(accord_amendment_list *list, const char *id, const char *party, const char *after,
	const char *heading)
{
	accord_amendment a;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	proposers[0] = party;
	a.id = id;
	a.op = ACCORD_OP_ADD_SECTION;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.position.after = after;
	a.heading = heading;
	a.kind = ACCORD_KIND_OPERATIVE;
	return accord_amendments_add(list, &a);
}

/*
** New sections and paragraphs whose anchor is itself new and comes later in the input are placed
** all the same (each pass places what it can), in the order of their anchors; an anchor that
** never comes is an error naming it.
*/
static void test_consolidate__new_items_anchored_on_later_ones(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	accord_compilation *c;
	accord_error err;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	/* IRN: a new section after another new one, each listed before its anchor */
	assert_int_equal(add_para(l[0], "IRN/5", "IRN", "IRN/4", "IRN/3", "b)", "to report yearly."), 0);
	assert_int_equal(add_para(l[0], "IRN/3", "IRN", "IRN/4", NULL, "a)", "the Secretary-General to act;"), 0);
	assert_int_equal(add_section(l[0], "IRN/4", "IRN", "IRN/2", "requests"), 0);
	assert_int_equal(add_section(l[0], "IRN/2", "IRN", "s1", "noting"), 0);
	/* USA: a chain of new paragraphs after p1, last first */
	assert_int_equal(add_para(l[1], "USA/3", "USA", "s1", "USA/2", "d)", "that three;"), 0);
	assert_int_equal(add_para(l[1], "USA/2", "USA", "s1", "USA/1", "c)", "that two;"), 0);
	assert_int_equal(add_para(l[1], "USA/1", "USA", "s1", "p1", "b)", "that one;"), 0);
	c = compile_lists(base, l, 2);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(text, "Compilation of proposals on the base text (IRN, USA)\n"
				  "\n"
				  "The Forum,\n"
				  "\n"
				  "\trecognizing\n"
				  "a)\tthat the Internet is a global resource;\n"
				  "a bis)\t[Label (USA): b)] [USA: that one;]\n"
				  "a ter)\t[Label (USA): c)] [USA: that two;]\n"
				  "a quater)\t[Label (USA): d)] [USA: that three;]\n"
				  "b)\tthat all stakeholders have roles;\n"
				  "\n"
				  "\t[IRN: noting]\n"
				  "\n"
				  "\t[IRN: requests]\n"
				  "a)\t[IRN: the Secretary-General to act;]\n" /* a new section's paragraphs: their own labels */
				  "b)\t[IRN: to report yearly.]\n"
				  "\n"
				  "\tinvites\n"
				  "a)\tMember States to contribute.\n");
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	/* anchors that never come */
	{
		static const char *const anchors[][3] = {
			/* section, after, message */
			{"s1", "USA/9", "amendment X/1: no paragraph or section 'USA/9' to place it by"},
			{"s9", NULL, "amendment X/1: no paragraph or section 's9' to place it by"},
			{NULL, NULL, "amendment X/1: a new paragraph without a section"},
		};
		size_t i;
		for (i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
			assert_int_equal(accord_amendments_new(&l[0]), 0);
			assert_int_equal(add_para(l[0], "X/1", "X", anchors[i][0], anchors[i][1], "b)", "lost;"), 0);
			assert_int_equal(accord_compilation_new(&c, base, &err), 0);
			assert_int_equal(accord_compilation_add_amendments(c, l[0], &err), 0);
			assert_int_equal(accord_compilation_build(c, &err), anchors[i][0] ? ACCORD_ENOTFOUND : ACCORD_ESCHEMA);
			assert_string_equal(err.message, anchors[i][2]);
			accord_compilation_free(c);
			accord_amendments_free(l[0]);
		}
		assert_int_equal(accord_amendments_new(&l[0]), 0);
		assert_int_equal(add_section(l[0], "X/1", "X", "s9", "noting"), 0);
		assert_int_equal(accord_compilation_new(&c, base, &err), 0);
		assert_int_equal(accord_compilation_add_amendments(c, l[0], &err), 0);
		assert_int_equal(accord_compilation_build(c, &err), ACCORD_ENOTFOUND);
		assert_string_equal(err.message, "amendment X/1: no paragraph or section 's9' to place it by");
		accord_compilation_free(c);
		accord_amendments_free(l[0]);
	}
	accord_doc_free(base);
}

/* Two parties proposing the same new section at the same place co-sponsor it; a different one
   stands after it; the same heading elsewhere is another section; one party's twice is two. */
static void test_consolidate__new_sections_cosponsored(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[3];
	accord_compilation *c;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(accord_amendments_new(&l[2]), 0);
	assert_int_equal(add_section(l[0], "X/1", "X", "s1", "noting"), 0);
	assert_int_equal(add_section(l[0], "X/2", "X", "s2", "noting"), 0);
	assert_int_equal(add_section(l[1], "Y/1", "Y", "s1", "noting"), 0);
	assert_int_equal(add_section(l[1], "Y/2", "Y", "s1", "considering"), 0);
	assert_int_equal(add_section(l[2], "Z/1", "Z", NULL, "recalling"), 0);
	assert_int_equal(add_para(l[1], "Y/3", "Y", "Y/1", NULL, "a)", "that it works;"), 0);
	c = compile_lists(base, l, 3);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(text, "Compilation of proposals on the base text (X, Y, Z)\n\n"
				  "The Forum,\n\n"
				  "\t[Z: recalling]\n\n"
				  "\trecognizing\n"
				  "a)\tthat the Internet is a global resource;\n"
				  "b)\tthat all stakeholders have roles;\n\n"
				  "\t[X, Y: noting]\n"
				  "a)\t[Y: that it works;]\n\n"
				  "\t[Y: considering]\n\n"
				  "\tinvites\n"
				  "a)\tMember States to contribute.\n\n"
				  "\t[X: noting]\n");
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_amendments_free(l[2]);
	accord_doc_free(base);
}

/* New paragraphs at one place that differ only in case, blanks or punctuation (ASCII or not) are
   flagged near-duplicates of the first; a different letter or a different non-ASCII letter is not. */
static void test_consolidate__near_duplicates_ignore_case_blanks_and_punctuation(void **state)
{
	static const struct {
		const char *text;
		int near;
	} cases[] = {
		{"THAT TRUST MATTERS;", 1},
		{"that  trust\tmatters", 1},
		{"that trust matters!?", 1},
		{"that \xe2\x80\x9ctrust\xe2\x80\x9d \xe2\x80\x94 matters", 1}, /* quotes and a dash */
		{"that\xc2\xa0trust matters;", 1},                               /* a no-break space */
		{"that trust matter;", 0},
		{"that trust m\xc3\xa4tters;", 0},
		{"that 2 trust matters;", 0},
	};
	accord_doc *base = small_base();
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		accord_amendment_list *l[2];
		accord_compilation *c;
		const accord_cmp_section *s;
		assert_int_equal(accord_amendments_new(&l[0]), 0);
		assert_int_equal(accord_amendments_new(&l[1]), 0);
		assert_int_equal(add_para(l[0], "X/1", "X", "s1", "p1", "b)", "that trust matters;"), 0);
		assert_int_equal(add_para(l[1], "Y/1", "Y", "s1", "p1", "b)", cases[i].text), 0);
		c = compile_lists(base, l, 2);
		s = accord_compilation_section(c, 0);
		assert_int_equal(s->n_paras, 4);
		assert_string_equal(s->paras[2].id, "Y/1");
		if (cases[i].near ? s->paras[2].near_duplicate_of == NULL || strcmp(s->paras[2].near_duplicate_of, "X/1") != 0
				  : s->paras[2].near_duplicate_of != NULL)
			fail_msg("'%s': near-duplicate of %s", cases[i].text,
				s->paras[2].near_duplicate_of ? s->paras[2].near_duplicate_of : "nothing");
		accord_compilation_free(c);
		accord_amendments_free(l[0]);
		accord_amendments_free(l[1]);
	}
	accord_doc_free(base);
}

static void test_consolidate__conventions_change_the_writing_only(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	accord_compilation *c;
	accord_brackets b;
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	static const char *const ords[] = {"bis", "ter"};
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 10, 1, "global", "common"), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 10, 1, "global", "open"), 0);
	assert_int_equal(add_para(l[1], "USA/2", "USA", "s1", "p1", "b)", "new text;"), 0);
	c = compile_lists(base, l, 2);
	accord_brackets_default(&b);
	b.alternative = "Option %n: [%p: %t]";
	b.no_change_option = 0;
	b.bis = "%l%s";
	b.ordinals = ords;
	b.n_ordinals = 2;
	ro.brackets = &b;
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, &err), 0);
	assert_true(contains(out.ptr, "a Option 1: [IRN: common] Option 2: [USA: open] resource;"));
	assert_true(contains(out.ptr, "abis)\t[Label (USA): b)] [USA: new text;]"));
	/* a broken template is refused with its name */
	b.alternative = "[%q]";
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, &err), ACCORD_EINVAL);
	assert_non_null(strstr(err.message, "alternative"));
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_doc_free(base);
}

static void test_consolidate__bad_inputs_are_errors(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l;
	accord_compilation *c;
	accord_error err;
	(void)state;
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "IRN/1", "IRN", "p99", 0, 1, "that", "This"), 0);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), ACCORD_EINVAL); /* ids twice */
	assert_int_equal(accord_compilation_build(c, &err), ACCORD_ENOTFOUND);
	assert_null(accord_compilation_section(c, 0));
	accord_compilation_free(c);
	accord_amendments_free(l);
	/* quoted text that is not in the paragraph: a conflict; text that moved: re-anchored */
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "IRN/1", "IRN", "p1", 0, 1, "nowhere", "x"), 0);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	assert_int_equal(accord_compilation_build(c, &err), ACCORD_ECONFLICT);
	accord_compilation_free(c);
	accord_amendments_free(l);
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "IRN/1", "IRN", "p1", 2, 1, "global", "open"), 0);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	assert_int_equal(accord_compilation_build(c, &err), 0);
	assert_int_equal(accord_compilation_find_para(c, "p1")->clusters[0].base_start, 10);
	{
		accord_doc *doc = NULL;
		assert_int_equal(accord_compilation_accept(&doc, c, "XXX", &err), ACCORD_ENOTFOUND);
		assert_null(doc);
	}
	accord_compilation_free(c);
	accord_amendments_free(l);
	accord_doc_free(base);
}

static int add_heading(accord_amendment_list *list, const char *id, const char *party, const char *target,
	const char *heading)
{
	accord_amendment a;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	proposers[0] = party;
	a.id = id;
	a.op = ACCORD_OP_HEADING;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.target = target;
	a.heading = heading;
	return accord_amendments_add(list, &a);
}

/* Builds base with the amendments of one list; returns the code, with err's message in *msg. */
static int build_one(const accord_doc *base, accord_amendment_list *l, char *msg, size_t size)
{
	accord_compilation *c;
	accord_error err;
	int rc;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	rc = accord_compilation_build(c, &err);
	snprintf(msg, size, "%.150s", rc ? err.message : "");
	accord_compilation_free(c);
	accord_amendments_free(l);
	return rc;
}

/*
** What a build refuses, each with its message; and where quoted text that moved is found again:
** at word boundaries only, the occurrence nearest the old place (the first of two as near).
*/
static void test_consolidate__build_refusals_and_re_anchoring(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l;
	accord_compilation *c;
	accord_error err;
	accord_doc *doc = NULL;
	char msg[200];
	(void)state;
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "X/1", "X", "p9", 0, 1, "that", "This"), 0);
	assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ENOTFOUND);
	assert_string_equal(msg, "amendment X/1: no paragraph 'p9'");
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_sup(l, "X/1", "X", NULL, "x"), 0);
	assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ENOTFOUND);
	assert_string_equal(msg, "amendment X/1: no paragraph ''");
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_heading(l, "X/1", "X", "s9", "noting"), 0);
	assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ENOTFOUND);
	assert_string_equal(msg, "amendment X/1: no section 's9'");
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "X/1", "X", "p1", 0, 1, "Internets", "nets"), 0);
	assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ECONFLICT);
	assert_string_equal(msg, "amendment X/1: \"Internets\" is not in the paragraph it targets");
	/* "Inter" is in "Internet", but not as a word */
	assert_int_equal(accord_amendments_new(&l), 0);
	assert_int_equal(add_mod(l, "X/1", "X", "p1", 0, 1, "Inter", "intra"), 0);
	assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ECONFLICT);
	assert_string_equal(msg, "amendment X/1: \"Inter\" is not in the paragraph it targets");
	/* two edits of one amendment on the same words */
	{
		accord_amendment a;
		accord_edit e[2];
		const char *proposers[1] = {"X"};
		memset(&a, 0, sizeof(a));
		memset(e, 0, sizeof(e));
		e[0].kind = e[1].kind = ACCORD_EDIT_REPLACE;
		e[0].base_start = 4;
		e[0].base_count = 5;
		e[0].base_text = "Internet is a";
		e[0].text = "net was a";
		e[1].base_start = 6;
		e[1].base_count = 1;
		e[1].base_text = "is";
		e[1].text = "was";
		a.id = "X/1";
		a.op = ACCORD_OP_MOD;
		a.proposers = proposers;
		a.n_proposers = 1;
		a.target = "p1";
		a.edits = e;
		a.n_edits = 2;
		assert_int_equal(accord_amendments_new(&l), 0);
		assert_int_equal(accord_amendments_add(l, &a), 0);
		assert_int_equal(build_one(base, l, msg, sizeof(msg)), ACCORD_ECONFLICT);
		assert_string_equal(msg, "amendment X/1: overlapping edits");
	}
	accord_doc_free(base);
	/* re-anchoring: "a" at tokens 0, 4 and 8 of "a b a b a" */
	{
		accord_doc *ab;
		accord_section *s;
		static const struct {
			uint32_t start;
			uint32_t found;
		} cases[] = {{5, 4}, {6, 4}, {7, 8}, {2, 0}, {12, 8}};
		size_t i;
		assert_int_equal(accord_doc_new(&ab, ACCORD_MODE_OPINION), 0);
		assert_int_equal(accord_doc_add_section(&s, ab, NULL, "noting", ACCORD_KIND_PREAMBULAR, NULL), 0);
		assert_int_equal(accord_doc_add_para(NULL, ab, s, NULL, NULL, "a)", "a b a b a"), 0);
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			assert_int_equal(accord_amendments_new(&l), 0);
			assert_int_equal(add_mod(l, "X/1", "X", "p1", cases[i].start, 1, "a", "c"), 0);
			c = compile_lists(ab, &l, 1);
			if (accord_compilation_find_para(c, "p1")->clusters[0].base_start != cases[i].found)
				fail_msg("quoted at %u: found at %u, not %u", cases[i].start,
					accord_compilation_find_para(c, "p1")->clusters[0].base_start, cases[i].found);
			accord_compilation_free(c);
			accord_amendments_free(l);
		}
		accord_doc_free(ab);
	}
	/* the API's own refusals */
	assert_int_equal(accord_compilation_build(NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_build: no compilation");
	base = small_base();
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_accept(NULL, c, "X", &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_accept: no out pointer");
	assert_int_equal(accord_compilation_accept(&doc, c, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_accept: missing argument");
	assert_int_equal(accord_compilation_build(c, &err), 0);
	assert_int_equal(accord_compilation_accept(&doc, c, "X", &err), ACCORD_ENOTFOUND);
	assert_string_equal(err.message, "no party X in the compilation");
	assert_null(doc);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* ---- hand-written texts: the forms a reader sees ------------------------------------------- */

/*
** A small opinion text, hand-written: three sections, a list nested under
** recognizing c) whose labels repeat the top level's (a), b)).
*/
static const char hand_base[] =
	"The Forum,\n"
	"\trecognizing\n"
	"a)\tthat the Internet is a global resource for all;\n"
	"b)\tthat all stakeholders have roles to play in it;\n"
	"c)\tthat cooperation between governments is needed:\n"
	"a)\tat the national level of each country;\n"
	"b)\tat the regional level of each region;\n"
	"\tnoting\n"
	"a)\tthat many initiatives exist in the world today;\n"
	"b)\tthat the forum met in Geneva last year;\n"
	"\tinvites\n"
	"a)\tMember States to contribute to the work, first of the Secretary-General (CWG-Internet);\n";

static accord_doc *text_doc(const char *name, const char *text)
{
	accord_doc *doc = NULL;
	accord_error err;
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	po.format = ACCORD_FORMAT_TEXT;
	po.name = name;
	if (accord_doc_parse(&doc, text, strlen(text), &po, &err) != 0)
		fail_msg("%s: %s", name, err.message);
	return doc;
}

/* hand_base with every occurrence of from replaced by to (each must occur once). */
static char *edited(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	accord_buf out = ACCORD_BUF_INIT;
	if (at == NULL || strstr(at + 1, from) != NULL)
		fail_msg("'%s' is not once in the text", from);
	assert_int_equal(accord_buf_put(&out, text, (size_t)(at - text)), 0);
	assert_int_equal(accord_buf_puts(&out, to), 0);
	assert_int_equal(accord_buf_puts(&out, at + strlen(from)), 0);
	return accord_buf_detach(&out);
}

/* The compilation of base and the contributions party1, text1, party2, text2 ... (NULL ends), built. */
static accord_compilation *compile_texts(const accord_doc *base, ...)
{
	accord_compilation *c;
	accord_error err;
	const char *party;
	va_list ap;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	va_start(ap, base);
	while ((party = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		accord_doc *doc = text_doc(party, text);
		if (accord_compilation_add_contribution(c, party, doc, NULL, &err) != 0)
			fail_msg("%s: %s", party, err.message);
		accord_doc_free(doc);
	}
	va_end(ap);
	if (accord_compilation_build(c, &err) != 0)
		fail_msg("build: %s", err.message);
	return c;
}

/* The amendments of contribution text against base, by party X. */
static accord_amendment_list *diff_texts(const accord_doc *base, const char *text)
{
	accord_doc *doc = text_doc("X", text);
	accord_amendment_list *list = NULL;
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_error err;
	opts.party = "X";
	if (accord_doc_diff(&list, base, doc, &opts, &err) != 0)
		fail_msg("diff: %s", err.message);
	accord_doc_free(doc);
	return list;
}

/*
** Render options: ANSI colours in text (underlined insertions and struck deletions in the
** party's colour, the convention's words plain), a title for Markdown and HTML, and the errors.
*/
static void test_consolidate__render_options_and_errors(void **state)
{
	static const char base_text[] = "The Forum,\n\trecognizing\na)\tthat the Internet is a global resource;\n"
					"b)\tthat all stakeholders have roles;\n";
	accord_doc *base = text_doc("base", base_text);
	accord_compilation *c, *unbuilt;
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	char *text;
	(void)state;
	c = compile_texts(base, "IRN", "The Forum,\n\trecognizing\na)\tthat the Internet is a common resource;\n"
				     "b)\tthat all stakeholders have roles;\nc)\tthat trust matters;\n",
		"USA", "The Forum,\n\trecognizing\na)\tthat the Internet is a resource;\n", NULL);
	ro.color = 1;
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, &err), 0);
	assert_string_equal(out.ptr, "Compilation of proposals on base (IRN, USA)\n\nThe Forum,\n\n\trecognizing\n"
				     "a)\tthat the Internet is a [Alt 1 (IRN): \033[4;34mcommon\033[0m] [Alt 2 (USA): delete] "
				     "[NOC: global] resource;\n"
				     "b)\t[Delete (USA): \033[9;31mthat all stakeholders have roles;\033[0m]\n"
				     "b bis)\t[Label (IRN): c)] [IRN: \033[4;34mthat trust matters;\033[0m]\n");
	/* without colour, the same text without the escapes */
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(text, "Compilation of proposals on base (IRN, USA)\n\nThe Forum,\n\n\trecognizing\n"
				  "a)\tthat the Internet is a [Alt 1 (IRN): common] [Alt 2 (USA): delete] [NOC: global] resource;\n"
				  "b)\t[Delete (USA): that all stakeholders have roles;]\n"
				  "b bis)\t[Label (IRN): c)] [IRN: that trust matters;]\n");
	accord_free(text);
	/* colour is for text only */
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_MARKDOWN, &ro, &err), 0);
	assert_null(strchr(out.ptr, '\033'));
	/* the title, escaped */
	ro.color = 0;
	ro.title = "A <title> & *more*";
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_MARKDOWN, &ro, &err), 0);
	assert_string_equal(out.ptr, "# A \\<title\\> \\& \\*more\\*\n\nParties: **IRN**; **USA**\n\n"
				     "The Forum,\n\n*recognizing*\n\n"
				     "**a)** that the Internet is a \\[Alt 1 (IRN): **common**\\] \\[Alt 2 (USA): *delete*\\] "
				     "\\[NOC: global\\] resource;\n\n"
				     "**b)** \\[Delete (USA): ~~that all stakeholders have roles;~~\\]\n\n"
				     "**b bis)** \\[IRN: **that trust matters;**\\]\n");
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_HTML, &ro, &err), 0);
	assert_true(contains(out.ptr, "\n<title>A &lt;title&gt; &amp; *more*</title>\n"));
	assert_true(contains(out.ptr, "\n<h1>A &lt;title&gt; &amp; *more*</h1>\n"));
	/* a party's name (a newline kept in the hover text) and colour */
	assert_int_equal(accord_compilation_set_party_info(c, "IRN", "Iran <I.R.>\n& co", "#123456"), 0);
	assert_int_equal(accord_compilation_set_party_info(c, "XXX", "nobody", NULL), ACCORD_ENOTFOUND);
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_HTML, &ro, &err), 0);
	assert_true(contains(out.ptr, " title=\"Alternative by IRN (Iran &lt;I.R.&gt;&#10;&amp; co) \xe2\x80\x94 IRN/1\">"));
	assert_true(contains(out.ptr, ".c0{color:#123456}"));
	/* no title and no symbol in the base: "Compilation" */
	ro.title = NULL;
	accord_buf_clear(&out);
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_MARKDOWN, &ro, &err), 0);
	assert_true(strncmp(out.ptr, "# Compilation \xe2\x80\x94 ", 17) == 0); /* then the base's file */
	/* errors: each with its message, the output untouched */
	accord_buf_clear(&out);
	ro.version = 2;
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_render: options of another version");
	ro.version = ACCORD_COMPILATION_RENDER_OPTIONS_VERSION;
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_AUTO, &ro, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "a compilation is written as text, md, html, json, yaml or docx");
	assert_int_equal(accord_compilation_render(NULL, c, ACCORD_FORMAT_TEXT, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_render: missing argument");
	assert_int_equal(accord_compilation_render(&out, NULL, ACCORD_FORMAT_TEXT, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_compilation_new(&unbuilt, base, &err), 0);
	assert_int_equal(accord_compilation_render(&out, unbuilt, ACCORD_FORMAT_TEXT, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_render: the compilation is not built");
	accord_compilation_free(unbuilt);
	assert_int_equal(out.size, 0);
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	accord_doc_free(base);
}


/* at starts with prefix (else says what it has). */
static int starts_with(const char *at, const char *prefix)
{
	if (strncmp(at, prefix, strlen(prefix)) != 0) {
		print_error("expected: %s\ngot:      %.*s\n", prefix, (int)strlen(prefix), at);
		return 0;
	}
	return 1;
}

/*
** Labels others give a base paragraph: shown by a convention that has a relabel template, in
** every format; without one, only in the HTML label's hover text.
*/
static void test_consolidate__relabels_with_and_without_a_template(void **state)
{
	accord_doc *base = text_doc("base", "The Forum,\n\trecognizing\na)\tthat one;\nb)\tthat two;\n");
	accord_compilation *c = compile_texts(base, "X", "The Forum,\n\trecognizing\na)\tthat one;\nc)\tthat two;\n", "Y",
		"The Forum,\n\trecognizing\na)\tthat one;\n(b)\tthat two;\n", NULL);
	accord_brackets b;
	char *out;
	const char *at;
	(void)state;
	accord_brackets_default(&b);
	b.relabel = "[Relabel (%p): %t]";
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_string_equal(out, "Compilation of proposals on base (X, Y)\n\nThe Forum,\n\n\trecognizing\na)\tthat one;\n"
				 "b)\t[Relabel (X): c)] [Relabel (Y): (b)] that two;\n");
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_MARKDOWN, &b);
	assert_true(contains(out, "\n\n**b)** \\[Relabel (X): *c)*\\] \\[Relabel (Y): *(b)*\\] that two;\n"));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_HTML, &b);
	at = strstr(out, "<div class=\"p d0\" id=\"p2\">");
	assert_non_null(at);
	assert_true(starts_with(at, "<div class=\"p d0\" id=\"p2\"><span class=\"lb rl\" title=\"X relabels it c)&#10;Y relabels "
		"it (b)\">b)<span class=\"mk\"> </span><span class=\"prop c0\" title=\"New label by X \xe2\x80\x94 X/1\"><span class=\"mk\">"
		"[Relabel (</span><span class=\"pc c0\">X</span><span class=\"mk\">): </span><i class=\"w\">c)</i><span class=\"mk\">]"
		"</span></span><span class=\"mk\"> </span><span class=\"prop c1\" title=\"New label by Y \xe2\x80\x94 Y/1\"><span "
		"class=\"mk\">[Relabel (</span><span class=\"pc c1\">Y</span><span class=\"mk\">): </span><i class=\"w\">(b)</i><span "
		"class=\"mk\">]</span></span></span><span class=\"tx\">that two;</span></div>\n"));
	accord_free(out);
	/* the default convention has no relabel template: its text form reads "Move" as "Label" (so that the
	   parties' labels read back) */
	out = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(out, "\na)\tthat one;\nb)\t[Label (X): c)] [Label (Y): (b)] that two;\n"));
	accord_free(out);
	out = render(c, ACCORD_FORMAT_HTML);
	assert_true(contains(out, "<div class=\"p d0\" id=\"p2\"><span class=\"lb rl\" title=\"X relabels it c)&#10;Y relabels it "
				  "(b)\">b)</span><span class=\"tx\">that two;</span></div>\n"));
	assert_true(contains(out, "<div class=\"p d0\" id=\"p1\"><span class=\"lb\">a)</span>"));
	accord_free(out);
	out = render(c, ACCORD_FORMAT_JSON);
	assert_true(contains(out, "\"kind\": \"relabel\""));
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* The default convention with no template naming the parties, anonymous. */
static void without_parties(accord_brackets *b)
{
	accord_brackets_default(b);
	b->insert = "[%t]";
	b->delete_text = "[Delete: %b]";
	b->replace = "[%b] [%t]";
	b->alternative = "[Alt %n: %t]";
	b->delete_paragraph = "[Delete paragraph]";
	b->move_paragraph = "[Move: %t]";
	b->new_paragraph = "[%t]";
	b->new_section = "[%t]";
	b->delete_section = "[Delete section]";
	b->move_section = "[Move section: %t]";
	b->relabel = "[Label: %t]";
	b->anonymous = 1;
}

/*
** Every template of a convention: unset (refused unless optional), each placeholder it allows
** (accepted), one it does not (refused, naming what it allows), without the one it needs
** (refused); "%%" is a percent sign; in an anonymous convention, no %p anywhere; ordinals.
*/
static void test_consolidate__every_template_is_checked(void **state)
{
	static const struct {
		const char *name;
		size_t offset;
		const char *allowed, *required;
		int optional, names_parties;
	} fields[] = {
#define F(field, allowed, required, optional, named) {#field, offsetof(accord_brackets, field), allowed, required, optional, named}
		F(insert, "ptik", "t", 0, 1),
		F(delete_text, "pbik", "b", 0, 1),
		F(replace, "ptbik", "t", 0, 1),
		F(alternative, "ptnbik", "t", 0, 1),
		F(alternative_separator, "", "", 0, 0),
		F(no_change, "b", "b", 0, 0),
		F(near_duplicate, "m", "", 0, 0),
		F(editorial, "", "", 0, 0),
		F(deleted_option, "", "", 0, 0),
		F(party_separator, "", "", 0, 0),
		F(delete_paragraph, "pik", "", 0, 1),
		F(move_paragraph, "ptik", "t", 0, 1),
		F(new_paragraph, "ptik", "t", 0, 1),
		F(new_section, "ptik", "t", 0, 1),
		F(delete_section, "pik", "", 0, 1),
		F(move_section, "ptik", "t", 0, 1),
		F(bis, "ls", "s", 0, 0),
		F(first_label, "", "", 0, 0),
		F(relabel, "ptik", "t", 1, 1),
#undef F
	};
	static const char *const ordinals[] = {"bis", "", "quater"};
	accord_brackets b;
	accord_error err;
	char want[200], tmpl[32];
	size_t i;
	const char *a;
	(void)state;
	accord_brackets_default(&b);
	assert_int_equal(accord_brackets_check(&b, &err), 0);
	assert_int_equal(accord_brackets_check(NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "bracket convention: missing or of another version");
	b.version = 2;
	assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "bracket convention: missing or of another version");
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char **field;
		accord_brackets_default(&b);
		field = (const char **)((char *)&b + fields[i].offset);
		/* unset */
		*field = NULL;
		if (fields[i].optional) {
			assert_int_equal(accord_brackets_check(&b, &err), 0);
		} else {
			assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
			snprintf(want, sizeof(want), "bracket convention: '%s' is not set", fields[i].name);
			assert_string_equal(err.message, want);
		}
		/* every placeholder it allows, with what it needs, and a percent sign */
		snprintf(tmpl, sizeof(tmpl), "100%%%% [");
		for (a = fields[i].allowed; *a; a++)
			snprintf(tmpl + strlen(tmpl), sizeof(tmpl) - strlen(tmpl), "%%%c ", *a);
		snprintf(tmpl + strlen(tmpl), sizeof(tmpl) - strlen(tmpl), "]");
		*field = tmpl;
		if (accord_brackets_check(&b, &err) != 0)
			fail_msg("%s = \"%s\": %s", fields[i].name, tmpl, err.message);
		/* one it does not allow, and a percent sign at the end */
		*field = "[%z %t %b]";
		assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
		snprintf(want, sizeof(want), "bracket convention: '%s' has an unknown placeholder '%%z' (allowed: %s)",
			fields[i].name, fields[i].allowed);
		assert_string_equal(err.message, want);
		*field = "[%t %b] %";
		assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
		snprintf(want, sizeof(want), "bracket convention: '%s' has an unknown placeholder '%% ' (allowed: %s)",
			fields[i].name, fields[i].allowed);
		if (strchr(fields[i].allowed, 't') == NULL || strchr(fields[i].allowed, 'b') == NULL) /* %t or %b first */
			snprintf(want, sizeof(want), "bracket convention: '%s' has an unknown placeholder '%%%c' (allowed: %s)",
				fields[i].name, strchr(fields[i].allowed, 't') == NULL ? 't' : 'b', fields[i].allowed);
		assert_string_equal(err.message, want);
		/* without what it needs ("%%t" is no %t) */
		if (fields[i].required[0] != '\0') {
			*field = "[%%t %%b]";
			assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
			snprintf(want, sizeof(want), "bracket convention: '%s' needs %%%c", fields[i].name, fields[i].required[0]);
			assert_string_equal(err.message, want);
		}
		/* anonymous: %p names the parties; "%%p" does not */
		if (fields[i].names_parties) {
			without_parties(&b);
			assert_int_equal(accord_brackets_check(&b, &err), 0);
			field = (const char **)((char *)&b + fields[i].offset);
			*field = fields[i].required[0] == 't' ? "[%%p %t %p]" : fields[i].required[0] == 'b' ? "[%%p %b %p]" : "[%%p %p]";
			assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
			snprintf(want, sizeof(want),
				"bracket convention: '%s' names the parties (%%p), but the convention is anonymous", fields[i].name);
			assert_string_equal(err.message, want);
			*field = fields[i].required[0] == 't' ? "[%%p %t]" : fields[i].required[0] == 'b' ? "[%%p %b]" : "[%%p]";
			assert_int_equal(accord_brackets_check(&b, &err), 0);
		}
	}
	/* ordinals */
	accord_brackets_default(&b);
	b.ordinals = NULL;
	assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "bracket convention: ordinals missing");
	b.n_ordinals = 0;
	assert_int_equal(accord_brackets_check(&b, &err), 0);
	b.ordinals = ordinals;
	b.n_ordinals = 3;
	assert_int_equal(accord_brackets_check(&b, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "bracket convention: ordinal 2 is empty");
	b.n_ordinals = 1;
	assert_int_equal(accord_brackets_check(&b, &err), 0);
}

/*
** Labels of new paragraphs: after a base label, its ordinals (bis ... duodecies), then numbers;
** before the first, the convention's first label; the label's punctuation kept; a convention's
** own bis template, first label and shorter ordinal list; none in an unlabelled list.
*/
static void test_consolidate__labels_of_new_paragraphs_past_the_ordinals(void **state)
{
	accord_doc *base = text_doc("base", "The Forum,\n\trecognizing\n(a)\tthat one;\n(b)\tthat two;\n\tinvites\nthat three;\n");
	accord_buf x = ACCORD_BUF_INIT;
	accord_compilation *c;
	accord_brackets b;
	char *text;
	int i;
	(void)state;
	assert_int_equal(accord_buf_puts(&x, "The Forum,\n\trecognizing\n(x)\tfirst new;\n(y)\tsecond new;\n(a)\tthat one;\n"), 0);
	for (i = 0; i < 13; i++)
		assert_int_equal(accord_buf_printf(&x, "(z)\tadded %d;\n", i), 0);
	assert_int_equal(accord_buf_puts(&x, "(b)\tthat two;\n\tinvites\nthat three;\nand four;\n"), 0);
	c = compile_texts(base, "X", x.ptr, NULL);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(text, "Compilation of proposals on base (X)\n\nThe Forum,\n\n\trecognizing\n"
				  "(new)\t[Label (X): (x)] [X: first new;]\n"
				  "(new bis)\t[Label (X): (y)] [X: second new;]\n"
				  "(a)\tthat one;\n"
				  "(a bis)\t[Label (X): (z)] [X: added 0;]\n"
				  "(a ter)\t[Label (X): (z)] [X: added 1;]\n"
				  "(a quater)\t[Label (X): (z)] [X: added 2;]\n"
				  "(a quinquies)\t[Label (X): (z)] [X: added 3;]\n"
				  "(a sexies)\t[Label (X): (z)] [X: added 4;]\n"
				  "(a septies)\t[Label (X): (z)] [X: added 5;]\n"
				  "(a octies)\t[Label (X): (z)] [X: added 6;]\n"
				  "(a novies)\t[Label (X): (z)] [X: added 7;]\n"
				  "(a decies)\t[Label (X): (z)] [X: added 8;]\n"
				  "(a undecies)\t[Label (X): (z)] [X: added 9;]\n"
				  "(a duodecies)\t[Label (X): (z)] [X: added 10;]\n"
				  "(a 13)\t[Label (X): (z)] [X: added 11;]\n"
				  "(a 14)\t[Label (X): (z)] [X: added 12;]\n"
				  "(b)\tthat two;\n\n"
				  "\tinvites\nthat three;\n[X: and four;]\n");
	accord_free(text);
	accord_brackets_default(&b);
	b.bis = "%l-%s";
	b.first_label = "nouveau";
	b.n_ordinals = 2;
	text = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_true(contains(text, "\n(nouveau)\t[Label (X): (x)] [X: first new;]\n(nouveau-bis)\t[Label (X): (y)] [X: second new;]\n"
				   "(a)\tthat one;\n(a-bis)\t[Label (X): (z)] [X: added 0;]\n(a-ter)\t[Label (X): (z)] [X: added 1;]\n"
				   "(a-4)\t[Label (X): (z)] [X: added 2;]\n"));
	assert_true(contains(text, "\n(a-14)\t[Label (X): (z)] [X: added 12;]\n(b)\tthat two;\n"));
	accord_free(text);
	accord_compilation_free(c);
	accord_buf_dispose(&x);
	accord_doc_free(base);
}

/*
** Parties: a colour from the palette by the party's code, whatever the order of arrival; names and
** colours set for the legend; the codes and the arguments refused.
*/
static void test_consolidate__parties_colours_names_and_refusals(void **state)
{
	accord_doc *base = small_base(), *same = NULL;
	accord_amendment_list *l[18];
	char ids[18][16], codes[18][8], words[18][16];
	accord_compilation *c, *reversed;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_clone(&same, base), 0);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	for (i = 0; i < 18; i++) {
		snprintf(ids[i], sizeof(ids[i]), "P%02zu/1", i);
		snprintf(codes[i], sizeof(codes[i]), "P%02zu", i);
		snprintf(words[i], sizeof(words[i]), "w%02zu", i);
		assert_int_equal(accord_amendments_new(&l[i]), 0);
		assert_int_equal(add_mod(l[i], ids[i], codes[i], "p1", 10, 1, "global", words[i]), 0);
		assert_int_equal(accord_compilation_add_amendments(c, l[i], &err), 0);
	}
	/* before the build, the model is empty */
	assert_int_equal(accord_compilation_section_count(c), 0);
	assert_null(accord_compilation_section(c, 0));
	assert_null(accord_compilation_find_para(c, "p1"));
	/* a contribution equal to the base: a party with no amendment */
	assert_int_equal(accord_compilation_add_contribution(c, "NIL", same, "same.txt", &err), 0);
	assert_int_equal(accord_compilation_build(c, &err), 0);
	assert_int_equal(accord_compilation_party_count(c), 19);
	for (i = 0; i < 18; i++) {
		assert_string_equal(accord_compilation_party(c, i), codes[i]);
		assert_string_equal(accord_compilation_party_name(c, i), codes[i]);
		assert_int_equal(strlen(accord_compilation_party_color(c, i)), 7);
		assert_int_equal(accord_compilation_party_amendments(c, i), 1);
	}
	/* a party's colour comes from its code, not from its place: the same when the parties come the other way round */
	assert_int_equal(accord_compilation_new(&reversed, base, &err), 0);
	for (i = 18; i-- > 0;)
		assert_int_equal(accord_compilation_add_amendments(reversed, l[i], &err), 0);
	for (i = 0; i < 18; i++)
		assert_string_equal(accord_compilation_party_color(reversed, 17 - i), accord_compilation_party_color(c, i));
	accord_compilation_free(reversed);
	assert_int_equal(accord_compilation_party_amendments(c, 18), 0);
	assert_string_equal(accord_compilation_party_source(c, 18), "same.txt");
	/* past the ends */
	assert_null(accord_compilation_party(c, 19));
	assert_null(accord_compilation_party_name(c, 19));
	assert_null(accord_compilation_party_source(c, 19));
	assert_null(accord_compilation_party_color(c, 19));
	assert_int_equal(accord_compilation_party_amendments(c, 19), 0);
	assert_int_equal(accord_compilation_section_count(c), 2);
	assert_non_null(accord_compilation_section(c, 1));
	assert_null(accord_compilation_section(c, 2));
	assert_int_equal(accord_compilation_field_count(c), 0);
	assert_null(accord_compilation_field(c, 0));
	/* the amendments of every list, in order */
	assert_int_equal(accord_compilation_amendment_count(c), 18);
	assert_string_equal(accord_compilation_amendment(c, 0)->id, "P00/1");
	assert_string_equal(accord_compilation_amendment(c, 17)->id, "P17/1");
	assert_null(accord_compilation_amendment(c, 18));
	assert_ptr_equal(accord_compilation_base(c), base);
	assert_null(accord_compilation_base(NULL));
	assert_int_equal(accord_compilation_party_count(NULL), 0);
	assert_null(accord_compilation_party(NULL, 0));
	assert_null(accord_compilation_party_name(NULL, 0));
	assert_null(accord_compilation_party_source(NULL, 0));
	assert_null(accord_compilation_party_color(NULL, 0));
	assert_int_equal(accord_compilation_party_amendments(NULL, 0), 0);
	assert_int_equal(accord_compilation_section_count(NULL), 0);
	assert_null(accord_compilation_section(NULL, 0));
	assert_int_equal(accord_compilation_field_count(NULL), 0);
	assert_null(accord_compilation_field(NULL, 0));
	assert_null(accord_compilation_find_para(NULL, "p1"));
	assert_null(accord_compilation_amendment(NULL, 0));
	assert_int_equal(accord_compilation_amendment_count(NULL), 0);
	assert_string_equal(accord_cluster_kind_name(ACCORD_CLUSTER_INSERT), "insert");
	assert_string_equal(accord_cluster_kind_name(ACCORD_CLUSTER_DELETE), "delete");
	assert_string_equal(accord_cluster_kind_name(ACCORD_CLUSTER_REPLACE), "replace");
	assert_string_equal(accord_cluster_kind_name(ACCORD_CLUSTER_ALTERNATIVES), "alternatives");
	assert_string_equal(accord_cluster_kind_name((accord_cluster_kind)4), "?");
	/* names and colours */
	assert_int_equal(accord_compilation_set_party_info(c, "P00", "Iran", "#ABCdef"), 0);
	assert_string_equal(accord_compilation_party_name(c, 0), "Iran");
	assert_string_equal(accord_compilation_party_color(c, 0), "#ABCdef");
	assert_int_equal(accord_compilation_set_party_info(c, "P00", NULL, NULL), 0);
	assert_string_equal(accord_compilation_party_name(c, 0), "Iran");
	assert_string_equal(accord_compilation_party_color(c, 0), "#ABCdef");
	{
		static const char *const bad[] = {"#12345", "#1234567", "123456", "#12345g", "#12 456", "x123456"};
		char own[8];
		snprintf(own, sizeof(own), "%s", accord_compilation_party_color(c, 1));
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(accord_compilation_set_party_info(c, "P01", NULL, bad[i]), ACCORD_EINVAL);
			assert_string_equal(accord_compilation_party_color(c, 1), own);
		}
	}
	accord_compilation_free(c);
	/* refusals, each with its message */
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	{
		static const char *const codes_bad[] = {"A B", "A\tB", "A/B", "A\nB"};
		char want[128];
		for (i = 0; i < sizeof(codes_bad) / sizeof(codes_bad[0]); i++) {
			assert_int_equal(accord_compilation_add_contribution(c, codes_bad[i], same, NULL, &err), ACCORD_EINVAL);
			snprintf(want, sizeof(want), "a party code has no '/', ',', blank or control character ('%s')",
				codes_bad[i]);
			assert_string_equal(err.message, want);
		}
	}
	assert_int_equal(accord_compilation_add_contribution(c, "", same, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "a party code cannot be empty");
	assert_int_equal(accord_compilation_add_contribution(c, "X", NULL, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_compilation_add_contribution(NULL, "X", same, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_compilation_add_contribution(c, "X", same, NULL, &err), 0);
	assert_int_equal(accord_compilation_add_contribution(c, "X", same, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "party X contributes twice");
	assert_int_equal(accord_compilation_add_amendments(c, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_add_amendments: missing argument");
	assert_int_equal(accord_compilation_add_amendments(c, l[0], &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l[0], &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "amendment id P00/1 is used twice");
	{
		accord_amendment_list *none;
		accord_amendment a;
		memset(&a, 0, sizeof(a));
		a.id = "Z/1";
		a.op = ACCORD_OP_SUP;
		a.target = "p2";
		assert_int_equal(accord_amendments_new(&none), 0);
		assert_int_equal(accord_amendments_add(none, &a), 0);
		assert_int_equal(accord_compilation_add_amendments(c, none, &err), ACCORD_EINVAL);
		assert_string_equal(err.message, "amendment Z/1 has no proposer");
		accord_amendments_free(none);
	}
	assert_int_equal(accord_compilation_new(NULL, base, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_compilation_new: no out pointer");
	{
		accord_compilation *none = c;
		assert_int_equal(accord_compilation_new(&none, NULL, &err), ACCORD_EINVAL);
		assert_null(none);
		assert_string_equal(err.message, "accord_compilation_new: no base document");
	}
	accord_compilation_free(c);
	accord_compilation_free(NULL);
	for (i = 0; i < 18; i++)
		accord_amendments_free(l[i]);
	accord_doc_free(same);
	accord_doc_free(base);
}

/* What Markdown and HTML would take for markup is escaped, in base and proposed text alike. */
static void test_consolidate__markup_characters_are_escaped(void **state)
{
	accord_doc *base = text_doc("base", "The Forum,\n\trecognizing\na)\tthat `b` *c* _d_ [e] <f> | g ~ h # i \\ j & \"k\" 'l';\n");
	accord_compilation *c = compile_texts(base, "X",
		"The Forum,\n\trecognizing\na)\tthat `b` *c* _d_ [e] <f> | g ~ h # i \\ j & \"k\" 'l' <m&amp;n>;\n", NULL);
	char *out;
	(void)state;
	out = render(c, ACCORD_FORMAT_MARKDOWN);
	assert_true(contains(out, "\n\n**a)** that \\`b\\` \\*c\\* \\_d\\_ \\[e\\] \\<f\\> \\| g \\~ h \\# i \\\\ j \\& \"k\" 'l' "
				  "\\[X: **\\<m\\&amp;n\\>**\\];\n"));
	accord_free(out);
	out = render(c, ACCORD_FORMAT_HTML);
	assert_true(contains(out, "<span class=\"tx\">that `b` *c* _d_ [e] &lt;f&gt; | g ~ h # i \\ j &amp; &quot;k&quot; 'l' "
				  "<span class=\"prop c0\" title=\"Insertion by X \xe2\x80\x94 X/1\"><span class=\"mk\">[</span><span "
				  "class=\"pc c0\">X</span><span class=\"mk\">: </span><ins class=\"c0\">&lt;m&amp;amp;n&gt;</ins><span "
				  "class=\"mk\">]</span></span>;</span></div>\n"));
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* A compilation of a generic text (a law): headings as "#", blank lines between paragraphs, kept
   line breaks, a new paragraph and a changed heading; in text and Markdown, exactly. */
static void test_consolidate__generic_text_compilation_exactly(void **state)
{
	accord_doc *base = text_doc("base", "# Scope\n\nThis law applies to all.\nIt has two lines.\n\nSecond paragraph.\n\n"
					   "# Terms\n\nA term is a word.\n");
	accord_compilation *c = compile_texts(base, "X", "# Scope\n\nThis law applies to everyone.\nIt has two lines.\n\n"
						     "Second paragraph.\n\nA new paragraph.\n\n# Definitions\n\nA term is a word.\n", NULL);
	char *out;
	(void)state;
	assert_int_equal(accord_doc_mode_of(base), ACCORD_MODE_GENERIC);
	out = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(out, "Compilation of proposals on base (X)\n\n"
				 "# Scope\n\n"
				 "This law applies to [all] [X: everyone].\nIt has two lines.\n\n"
				 "Second paragraph.\n\n"
				 "[X: A new paragraph.]\n\n"
				 "# [Terms] [X: Definitions]\n\n"
				 "A term is a word.\n");
	accord_free(out);
	out = render(c, ACCORD_FORMAT_MARKDOWN);
	assert_string_equal(out, "# Compilation \xe2\x80\x94 base\n\nParties: **X**\n\n"
				 "## Scope\n\n"
				 "This law applies to \\[all\\] \\[X: **everyone**\\].  \nIt has two lines.\n\n"
				 "Second paragraph.\n\n"
				 "\\[X: **A new paragraph.**\\]\n\n"
				 "## \\[Terms\\] \\[X: **Definitions**\\]\n\n"
				 "A term is a word.\n");
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* A section whose first paragraph has children (each with a proposal, and a new one among them):
   every paragraph in place, at its depth, exactly. */
static void test_consolidate__first_paragraph_with_children(void **state)
{
	static const char base_text[] = "The Forum,\n\trecognizing\na)\tthat these hold:\n1.\tone;\n2.\ttwo;\n3.\tthree;\n"
					"b)\tthat more holds;\n\tnoting\na)\tthat it ends:\n1.\tsoon enough;\n";
	accord_doc *base = text_doc("base", base_text);
	accord_compilation *c = compile_texts(base, "X", "The Forum,\n\trecognizing\na)\tthat these hold:\n1.\tone only;\n2.\ttwo;\n"
						       "3.\tthree;\n4.\tfour;\nb)\tthat more holds;\n\tnoting\na)\tthat it ends:\n1.\tlater enough;\n",
		NULL);
	const accord_cmp_section *s;
	char *out;
	(void)state;
	s = accord_compilation_section(c, 0);
	assert_int_equal(s->n_paras, 6);
	assert_int_equal(s->paras[1].depth, 1);
	assert_int_equal(s->paras[4].depth, 1);
	assert_true(s->paras[4].is_new);
	assert_int_equal(s->paras[5].depth, 0);
	assert_int_equal(accord_compilation_section(c, 1)->n_paras, 2);
	out = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(out, "Compilation of proposals on base (X)\n\nThe Forum,\n\n"
				 "\trecognizing\n"
				 "a)\tthat these hold:\n"
				 "\t1.\tone [X: only];\n"
				 "\t2.\ttwo;\n"
				 "\t3.\tthree;\n"
				 "\t3 bis.\t[Label (X): 4.] [X: four;]\n"
				 "b)\tthat more holds;\n\n"
				 "\tnoting\n"
				 "a)\tthat it ends:\n"
				 "\t1.\t[soon] [X: later] enough;\n");
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/*
** Every template of a convention, each written distinctly, in one compilation: insertion,
** deletion, replacement, alternatives (numbered, with the base, a deleting option and the
** no-change option, co-sponsors joined by the party separator), a near-duplicate and an
** editorial note, a paragraph deleted and changed, moved, relabelled, new paragraphs with the bis
** template and the first label, new, deleted and moved sections. Exactly, and under the
** built-in convention.
*/
static void test_consolidate__every_template_in_one_compilation(void **state)
{
	static const char base_text[] =
		"The Forum,\n"
		"\trecognizing\n"
		"a)\tthat the Internet is a global resource for all;\n"
		"b)\tthat all stakeholders have roles to play;\n"
		"c)\tthat cooperation is needed;\n"
		"\tnoting\n"
		"a)\tthat many initiatives exist;\n"
		"\tinvites\n"
		"a)\tMember States to contribute, first of all;\n";
	static const char *const texts[][2] = {
		{"A",
			"The Forum,\n"
			"\trecognizing\n"
			"a)\tthat the Internet is a common resource for all;\n"
			"b)\tthat all stakeholders have roles to play;\n"
			"c)\tthat cooperation is needed;\n"
			"d)\tthat trust matters;\n"
			"\tnoting\n"
			"a)\tThat many initiatives exist;\n"
			"\tinvites\n"
			"a)\tMember States to contribute, first of all;\n"},
		{"B",
			"The Forum,\n"
			"\trecognizing\n"
			"a)\tthat the Internet is a open resource for all;\n"
			"b)\tthat all stakeholders have roles to play;\n"
			"c)\tthat cooperation is required;\n"
			"d)\tthat trust matters!\n"
			"\tinvites\n"
			"a)\tMember States to contribute;\n"},
		{"C",
			"The Forum,\n"
			"\trecognizing\n"
			"a)\tthat the Internet is a resource for all;\n"
			"c)\tthat cooperation is needed;\n"
			"b)\tthat all stakeholders have roles to play;\n"
			"\tinvites\n"
			"a)\tMember States to contribute, first  of all;\n"
			"\tnoting\n"
			"a)\tthat many initiatives exist;\n"
			"\trequests\n"
			"a)\tthe Secretary-General to act;\n"},
		{"D",
			"The Forum,\n"
			"\trecognizing\n"
			"a)\tthat the Internet is a common resource for all;\n"
			"(b)\tthat all stakeholders have roles to play;\n"
			"\tnoting\n"
			"a)\tthat many initiatives truly exist;\n"
			"\tinvites\n"
			"a)\tMember States to help, first of all;\n"},
		{"E",
			"The Forum,\n"
			"\trecognizing\n"
			"a)\tthat the Internet is a global resource for all;\n"
			"b)\tthat all stakeholders have roles to play;\n"
			"c)\tthat cooperation is needed;\n"
			"\tnoting\n"
			"a)\tthat many initiatives exist;\n"
			"\tinvites\n"
			"x)\tthe Council to act;\n"
			"a)\tMember States to contribute, first of all;\n"},
	};
	accord_doc *base = text_doc("base", base_text);
	accord_compilation *c;
	accord_brackets b;
	accord_error err;
	char *out;
	size_t i;
	(void)state;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	for (i = 0; i < 5; i++) {
		accord_doc *doc = text_doc(texts[i][0], texts[i][1]);
		assert_int_equal(accord_compilation_add_contribution(c, texts[i][0], doc, NULL, &err), 0);
		accord_doc_free(doc);
	}
	assert_int_equal(accord_compilation_build(c, &err), 0);
	accord_brackets_default(&b);
	b.name = "test";
	b.insert = "<I %p|%t>";
	b.delete_text = "<D %p|%b>";
	b.replace = "<R %b|%p|%t>";
	b.alternative = "<A%n %p|%t|%b>";
	b.alternative_separator = " / ";
	b.no_change = "<N %b>";
	b.near_duplicate = "ND %m";
	b.editorial = "ED";
	b.deleted_option = "DEL";
	b.party_separator = "+";
	b.delete_paragraph = "<DP %p>";
	b.move_paragraph = "<MP %p|%t>";
	b.new_paragraph = "<NP %p|%t>";
	b.new_section = "<NS %p|%t>";
	b.delete_section = "<DS %p>";
	b.move_section = "<MS %p|%t>";
	b.bis = "%l_%s";
	b.first_label = "first";
	b.relabel = "<RL %p|%t>";
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_string_equal(out,
		"Compilation of proposals on base (A, B, C, D, E)\n"
		"\n"
		"The Forum,\n"
		"\n"
		"\trecognizing\n"
		"a)\tthat the Internet is a <A1 A+D|common|global> / <A2 B|open|global> / <A3 C|DEL|global> / <N global> resource for all;\n"
		"b)\t<RL D|(b)> that all stakeholders have roles to play; <MP C|after c)>\n"
		"c)\t<DP D> that cooperation is <R needed|B|required>;\n"
		"c_bis)\t<RL A|d)> <NP A|that trust matters;>\n"
		"c_ter)\t<RL B|d)> <NP B; ND c_bis)|that trust matters!>\n"
		"\n"
		"\t<DS B> noting\n"
		"a)\t<R that|A; ED|That> many initiatives <I D|truly> exist;\n"
		"\n"
		"\t<NS C|requests>\n"
		"a)\t<NP C|the Secretary-General to act;>\n"
		"\n"
		"\tinvites <MS C|after recognizing>\n"
		"first)\t<RL E|x)> <NP E|the Council to act;>\n"
		"a)\tMember States to <R contribute|D|help><A1 B|DEL|, first of all> / <A2 C; ED|, first  of all|, first of all> / "
		"<N , first of all>;\n");
	accord_free(out);
	out = render(c, ACCORD_FORMAT_TEXT);
	assert_string_equal(out,
		"Compilation of proposals on base (A, B, C, D, E)\n"
		"\n"
		"The Forum,\n"
		"\n"
		"\trecognizing\n"
		"a)\tthat the Internet is a [Alt 1 (A, D): common] [Alt 2 (B): open] [Alt 3 (C): delete] [NOC: global] resource for all;\n"
		"b)\t[Label (D): (b)] that all stakeholders have roles to play; [Move (C): after c)]\n"
		"c)\t[Delete paragraph (D)] that cooperation is [needed] [B: required];\n"
		"c bis)\t[Label (A): d)] [A: that trust matters;]\n"
		"c ter)\t[Label (B): d)] [B; near-duplicate of c bis): that trust matters!]\n"
		"\n"
		"\t[Delete section (B)] noting\n"
		"a)\t[that] [A; editorial: That] many initiatives [D: truly] exist;\n"
		"\n"
		"\t[C: requests]\n"
		"a)\t[C: the Secretary-General to act;]\n"
		"\n"
		"\tinvites [Move section (C): after recognizing]\n"
		"new)\t[Label (E): x)] [E: the Council to act;]\n"
		"a)\tMember States to [contribute] [D: help][Alt 1 (B): delete] [Alt 2 (C; editorial): , first  of all] "
		"[NOC: , first of all];\n");
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* Alternatives inserted at one point: %b (the base words) stands for nothing; no no-change option. */
static void test_consolidate__alternative_insertions_have_no_base(void **state)
{
	accord_doc *base = text_doc("base", "The Forum,\n\trecognizing\na)\tthat the Internet is a resource;\n");
	accord_compilation *c = compile_texts(base, "A", "The Forum,\n\trecognizing\na)\tthat the Internet is a global resource;\n",
		"B", "The Forum,\n\trecognizing\na)\tthat the Internet is a common resource;\n", NULL);
	accord_brackets b;
	char *out;
	(void)state;
	accord_brackets_default(&b);
	b.alternative = "<A%n %p|%t|%b>";
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_string_equal(out, "Compilation of proposals on base (A, B)\n\nThe Forum,\n\n\trecognizing\n"
				 "a)\tthat the Internet is a <A1 A|global|> <A2 B|common|> resource;\n");
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

static void test_consolidate__blanks_go_outside_the_brackets(void **state)
{
	accord_doc *base = text_doc("base", hand_base);
	char *x = edited(hand_base, "the work, first of", "the work efforts/ tasks ,first of");
	char *y = edited(hand_base, "(CWG-Internet)", "(CWG- IIRPPIInternet)");
	char *z = edited(hand_base, "in the world today;", "in the world today; and they do not liaise.");
	char *v = edited(hand_base, "governments is", "governments  really is");
	accord_compilation *c = compile_texts(base, "X", x, "Y", y, "Z", z, "V", v, NULL);
	char *text = render(c, ACCORD_FORMAT_TEXT);
	(void)state;
	/* a blank of the base at the edge of the span stays outside: "work [,]" (the proposal's own one
	   before it keeps "work" and "efforts" apart), "Internet)" is not touched */
	assert_true(contains(text, "a)\tMember States to contribute to the work[, ] [X:  efforts/ tasks ,]first of the "
				   "Secretary-General (CWG-[Internet] [Y:  IIRPPIInternet]);\n"));
	assert_true(contains(text, "a)\tthat many initiatives exist in the world today; [Z: and they do not liaise.]\n"));
	/* V's doubled blank: the trimmed layout would read back one, so the blanks are inside */
	assert_true(contains(text, "c)\tthat cooperation between governments[V:   really] is needed:\n"));
	accord_free(text);
	/* Markdown emphasis and HTML spans hold no edge blanks either */
	text = render(c, ACCORD_FORMAT_MARKDOWN);
	assert_true(contains(text, "the work\\[, \\] \\[X:  **efforts/ tasks ,**\\]first of"));
	accord_free(text);
	text = render(c, ACCORD_FORMAT_HTML);
	assert_true(contains(text, "<ins class=\"c0\"> efforts/ tasks ,</ins>"));
	assert_true(contains(text, "<span class=\"base\">, </span>"));
	accord_free(text);
	accord_compilation_free(c);
	accord_free(x);
	accord_free(y);
	accord_free(z);
	accord_free(v);
	accord_doc_free(base);
	/* deletions: the base's blank on either edge goes outside, the word alone in the brackets */
	{
		accord_doc *small = small_base();
		accord_amendment_list *l;
		assert_int_equal(accord_amendments_new(&l), 0);
		assert_int_equal(add_mod(l, "IRN/1", "IRN", "p1", 9, 2, " global", ""), 0);
		assert_int_equal(add_mod(l, "IRN/2", "IRN", "p2", 2, 2, "all ", ""), 0);
		c = compile_lists(small, &l, 1);
		text = render(c, ACCORD_FORMAT_TEXT);
		assert_true(contains(text, "a)\tthat the Internet is a [Delete (IRN): global] resource;\n"));
		assert_true(contains(text, "b)\tthat [Delete (IRN): all] stakeholders have roles;\n"));
		accord_free(text);
		accord_compilation_free(c);
		accord_amendments_free(l);
		accord_doc_free(small);
	}
}

static void test_consolidate__spacing_only_is_editorial_and_not_shown(void **state)
{
	accord_doc *base = text_doc("base", hand_base);
	char *x = edited(hand_base, "that many initiatives", "thatmany  initiatives");
	char *y = edited(hand_base, "that many initiatives", "that several initiatives");
	char *w = edited(hand_base, "the forum met", "the Forum met");
	accord_amendment_list *lx = diff_texts(base, x), *lw = diff_texts(base, w), *ly = diff_texts(base, y);
	accord_compilation *c;
	const accord_cmp_cluster *cl;
	char *text, *json;
	(void)state;
	/* the diff: a change of spacing alone (a blank taken out, one doubled) is editorial, "(MOD)";
	   a change of case is not spacing */
	assert_int_equal(accord_amendments_count(lx), 1);
	assert_int_equal(accord_amendments_get(lx, 0)->op, ACCORD_OP_MOD);
	assert_true(accord_amendments_get(lx, 0)->editorial);
	assert_int_equal(accord_amendments_count(lw), 1);
	assert_false(accord_amendments_get(lw, 0)->editorial);
	assert_false(accord_amendments_get(ly, 0)->editorial);
	/* the compilation: X's spacing is in the model (editorial), not in the running text */
	c = compile_texts(base, "X", x, "W", w, NULL);
	cl = &accord_compilation_find_para(c, "p6")->clusters[0];
	assert_int_equal(cl->n_options, 1);
	assert_true(cl->options[0].editorial);
	text = render(c, ACCORD_FORMAT_TEXT);
	/* shown (a named convention's compilation reads back every party's text), flagged editorial */
	assert_true(contains(text, "\tnoting\na)\t[that many] [X; editorial: thatmany ] initiatives exist in the world today;\n"));
	/* a change of case is shown, and flagged editorial */
	assert_true(contains(text, "b)\tthat the [forum] [W; editorial: Forum] met in Geneva last year;\n"));
	json = render(c, ACCORD_FORMAT_JSON);
	assert_true(contains(json, "\"base\": \"that many \",\n              \"options\": [\n                {\n"
				   "                  \"alt\": 1,\n                  \"text\": \"thatmany  \","));
	assert_true(contains(json, "\"editorial\": true"));
	accord_free(json);
	accord_free(text);
	accord_compilation_free(c);
	/* beside a real change on the same words, the spacing-only option is no alternative */
	c = compile_texts(base, "X", x, "Y", y, NULL);
	cl = &accord_compilation_find_para(c, "p6")->clusters[0];
	assert_int_equal(cl->kind, ACCORD_CLUSTER_ALTERNATIVES);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "a)\t[Alt 1 (X; editorial): thatmany ] [Alt 2 (Y): that several] [NOC: that many] "
				   "initiatives exist in the world today;\n"));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(lx);
	accord_amendments_free(ly);
	accord_amendments_free(lw);
	accord_free(x);
	accord_free(y);
	accord_free(w);
	accord_doc_free(base);
}

/* recognizing b) moved under c), after its own b): the move must not read "after b)". */
static const char hand_moved[] =
	"The Forum,\n"
	"\trecognizing\n"
	"a)\tthat the Internet is a global resource for all;\n"
	"c)\tthat cooperation between governments is needed:\n"
	"a)\tat the national level of each country;\n"
	"b)\tat the regional level of each region;\n"
	"that all stakeholders have roles to play in it;\n"
	"\tnoting\n"
	"a)\tthat many initiatives exist in the world today;\n"
	"b)\tthat the forum met in Geneva last year;\n"
	"\tinvites\n"
	"a)\tMember States to contribute to the work, first of the Secretary-General (CWG-Internet);\n";

static void test_consolidate__moves_are_found_and_say_where_to(void **state)
{
	accord_doc *base = text_doc("base", hand_base);
	accord_amendment_list *list = diff_texts(base, hand_moved);
	const accord_amendment *a;
	accord_compilation *c;
	char *text;
	(void)state;
	/* the diff finds the move (not a deletion and an addition) */
	assert_int_equal(accord_amendments_count(list), 1);
	a = accord_amendments_get(list, 0);
	assert_int_equal(a->op, ACCORD_OP_MOVE);
	assert_string_equal(a->target, "p2");
	assert_string_equal(a->position.section, "s1");
	assert_string_equal(a->position.parent, "p3");
	assert_string_equal(a->position.after, "p5");
	assert_int_equal(a->n_edits, 0);
	accord_amendments_free(list);
	/* the compilation names the place as the reader sees the labels: the b) under c) */
	c = compile_texts(base, "X", hand_moved, NULL);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "\nb)\t[Label (X): ] that all stakeholders have roles to play in it; [Move (X): after b) under c)]\n"));
	accord_free(text);
	text = render(c, ACCORD_FORMAT_JSON);
	assert_true(contains(text, "\"kind\": \"move\",\n              \"to\": \"after b) under c)\","));
	accord_free(text);
	accord_compilation_free(c);
	accord_doc_free(base);
}

static int add_move(accord_amendment_list *list, const char *id, const char *party, const char *target,
	const char *section, const char *parent, const char *after)
{
	accord_amendment a;
	const char *proposers[1];
	memset(&a, 0, sizeof(a));
	proposers[0] = party;
	a.id = id;
	a.op = ACCORD_OP_MOVE;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.target = target;
	a.position.section = section;
	a.position.parent = parent;
	a.position.after = after;
	return accord_amendments_add(list, &a);
}

static void test_consolidate__move_targets_in_words(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	accord_compilation *c;
	char *text;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	/* to the start of another section, after a paragraph of another section, first under a new one */
	assert_int_equal(add_move(l[0], "IRN/1", "IRN", "p2", "s2", NULL, NULL), 0);
	assert_int_equal(add_move(l[0], "IRN/2", "IRN", "p3", "s1", NULL, "p1"), 0);
	assert_int_equal(add_para(l[1], "USA/1", "USA", "s1", "p1", "b)", "that trust matters:"), 0);
	assert_int_equal(add_move(l[1], "USA/2", "USA", "p3", "s1", "USA/1", NULL), 0);
	/* USA's move of p2 to the same place as IRN's: one move, co-sponsored */
	assert_int_equal(add_move(l[1], "USA/3", "USA", "p2", "s2", NULL, NULL), 0);
	c = compile_lists(base, l, 2);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "b)\tthat all stakeholders have roles; [Move (IRN, USA): to the start (invites)]\n"));
	assert_true(contains(text, "a)\tMember States to contribute. [Move (IRN): after a) (recognizing)] "
				   "[Move (USA): first under a bis) (recognizing)]\n"));
	accord_free(text);
	accord_compilation_free(c);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_doc_free(base);
}

/* A convention as another body writes it, and an anonymous one. */
static void itu_like(accord_brackets *b)
{
	accord_brackets_default(b);
	b->name = "itu-like";
	b->delete_text = "[%b] (%p: delete)";
	b->alternative = "Option %n: [%p: %t]";
	b->delete_paragraph = "{Delete paragraph %p}";
	b->move_paragraph = "{Move %p: %t}";
	b->new_section = "<%p: %t>";
	b->delete_section = "{Delete section %p}";
	b->move_section = "{Move section %p: %t}";
}

static void anonymous(accord_brackets *b)
{
	accord_brackets_default(b);
	b->name = "anonymous";
	b->anonymous = 1;
	b->insert = "[%t]";
	b->delete_text = "[%b] (delete)";
	b->replace = "[%b] [%t]";
	b->alternative = "Alt %n: [%t]";
	b->delete_paragraph = "[Delete paragraph]";
	b->move_paragraph = "[Move: %t]";
	b->new_paragraph = "[%t]";
	b->new_section = "[%t]";
	b->delete_section = "[Delete section]";
	b->move_section = "[Move section: %t]";
}

static const char hand_sections[] =
	"The Forum,\n"
	"\trecognizing\n"
	"a)\tthat the Internet is a global resource for all;\n"
	"b)\tthat all stakeholders have roles to play in it;\n"
	"c)\tthat cooperation between governments is needed:\n"
	"a)\tat the national level of each country;\n"
	"b)\tat the regional level of each region;\n"
	"\tinvites\n"
	"a)\tMember States to contribute to the work, first of the Secretary-General (CWG-Internet);\n"
	"\tresolves\n"
	"a)\tto meet again next year in a city of the south;\n";

static void test_consolidate__paragraph_and_section_marks_under_each_convention(void **state)
{
	accord_doc *base = text_doc("base", hand_base);
	/* X deletes noting b), Y amends it, Z moves invites before noting and adds a section at the end */
	char *x1 = edited(hand_base, "b)\tthat the forum met in Geneva last year;\n", "");
	char *y = edited(hand_base, "met in Geneva", "met in Paris");
	char *z = edited(hand_base,
		"\tnoting\na)\tthat many initiatives exist in the world today;\nb)\tthat the forum met in Geneva last year;\n"
		"\tinvites\na)\tMember States to contribute to the work, first of the Secretary-General (CWG-Internet);\n",
		"\tinvites\na)\tMember States to contribute to the work, first of the Secretary-General (CWG-Internet);\n"
		"\tnoting\na)\tthat many initiatives exist in the world today;\nb)\tthat the forum met in Geneva last year;\n"
		"\tresolves\na)\tto meet again next year in a city of the south;\n");
	accord_compilation *alone = compile_texts(base, "X", x1, NULL);
	accord_compilation *both = compile_texts(base, "X", x1, "Y", y, "Z", z, NULL);
	accord_compilation *sections = compile_texts(base, "W", hand_sections, NULL);
	accord_brackets itu, anon;
	char *t;
	(void)state;
	itu_like(&itu);
	anonymous(&anon);

	/* a deleted paragraph, nothing else on it: its whole text as one deletion */
	t = render(alone, ACCORD_FORMAT_TEXT);
	assert_true(contains(t, "\nb)\t[Delete (X): that the forum met in Geneva last year;]\n"));
	accord_free(t);
	t = render_with(alone, ACCORD_FORMAT_TEXT, &itu);
	assert_true(contains(t, "\nb)\t[that the forum met in Geneva last year;] (X: delete)\n"));
	accord_free(t);
	t = render_with(alone, ACCORD_FORMAT_TEXT, &anon);
	assert_true(contains(t, "\nb)\t[that the forum met in Geneva last year;] (delete)\n"));
	accord_free(t);

	/* deleted while another party amends it: the mark before the amended text */
	t = render(both, ACCORD_FORMAT_TEXT);
	assert_true(contains(t, "\nb)\t[Delete paragraph (X)] that the forum met in [Geneva] [Y: Paris] last year;\n"));
	assert_true(contains(t, "\n\tinvites [Move section (Z): after recognizing]\n"));
	/* Z's new section stands after noting, where Z put it */
	assert_true(contains(t, "last year;\n\n\t[Z: resolves]\na)\t[Z: to meet again next year in a city of the south;]\n"));
	accord_free(t);
	t = render_with(both, ACCORD_FORMAT_TEXT, &itu);
	assert_true(contains(t, "\nb)\t{Delete paragraph X} that the forum met in [Geneva] [Y: Paris] last year;\n"));
	assert_true(contains(t, "\n\t<Z: resolves>\na)\t[Z: to meet again next year in a city of the south;]\n"));
	accord_free(t);
	t = render_with(both, ACCORD_FORMAT_TEXT, &anon);
	assert_true(contains(t, "\nb)\t[Delete paragraph] that the forum met in [Geneva] [Paris] last year;\n"));
	assert_true(contains(t, "\n\t[resolves]\na)\t[to meet again next year in a city of the south;]\n"));
	accord_free(t);

	/* sections: deleted (with its paragraphs), moved, added with its own labels */
	t = render(sections, ACCORD_FORMAT_TEXT);
	assert_true(contains(t, "\n\t[Delete section (W)] noting\na)\tthat many initiatives"));
	assert_true(contains(t, "\n\t[W: resolves]\na)\t[W: to meet again next year in a city of the south;]\n"));
	accord_free(t);
	t = render_with(sections, ACCORD_FORMAT_TEXT, &itu);
	assert_true(contains(t, "\n\t{Delete section W} noting\n"));
	assert_true(contains(t, "\n\t<W: resolves>\n"));
	accord_free(t);
	t = render_with(sections, ACCORD_FORMAT_TEXT, &anon);
	assert_true(contains(t, "\n\t[Delete section] noting\n"));
	assert_true(contains(t, "\n\t[resolves]\na)\t[to meet again next year in a city of the south;]\n"));
	accord_free(t);

	accord_compilation_free(alone);
	accord_compilation_free(both);
	accord_compilation_free(sections);
	accord_free(x1);
	accord_free(y);
	accord_free(z);
	accord_doc_free(base);
}

static void test_consolidate__section_moves_in_every_convention(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l;
	accord_amendment a;
	const char *proposers[1] = {"USA"};
	accord_compilation *c;
	accord_brackets itu, anon;
	char *t;
	(void)state;
	assert_int_equal(accord_amendments_new(&l), 0);
	memset(&a, 0, sizeof(a));
	a.id = "USA/1";
	a.op = ACCORD_OP_MOVE_SECTION;
	a.proposers = proposers;
	a.n_proposers = 1;
	a.target = "s1";
	a.position.after = "s2";
	assert_int_equal(accord_amendments_add(l, &a), 0);
	c = compile_lists(base, &l, 1);
	itu_like(&itu);
	anonymous(&anon);
	t = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(t, "\n\trecognizing [Move section (USA): after invites]\n"));
	accord_free(t);
	t = render_with(c, ACCORD_FORMAT_TEXT, &itu);
	assert_true(contains(t, "\n\trecognizing {Move section USA: after invites}\n"));
	accord_free(t);
	t = render_with(c, ACCORD_FORMAT_TEXT, &anon);
	assert_true(contains(t, "\n\trecognizing [Move section: after invites]\n"));
	accord_free(t);
	accord_compilation_free(c);
	accord_amendments_free(l);
	accord_doc_free(base);
}

/* Whether any of the words occurs in s. */
static const char *names_one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words) != NULL)
			return *words;
	return NULL;
}

static void test_consolidate__anonymous_conventions_name_nobody(void **state)
{
	accord_doc *base = text_doc("base", hand_base);
	char *irn = edited(hand_base, "global resource", "shared resource");
	char *usa = edited(hand_base, "global resource", "common resource");
	char *usa2 = edited(usa, "b)\tthat the forum met in Geneva last year;\n",
		"b)\tthat the Forum met in Geneva last year;\nc)\tthat trust matters;\n\tresolves\na)\tto meet again;\n");
	accord_compilation *c = compile_texts(base, "IRN", irn, "USA", usa2, NULL);
	static const char *const names[] = {"IRN", "USA", "Iran", "United States", NULL};
	static const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML,
		ACCORD_FORMAT_JSON, ACCORD_FORMAT_YAML};
	accord_brackets anon;
	accord_error err;
	accord_buf out = ACCORD_BUF_INIT;
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	size_t i;
	char *t;
	(void)state;
	assert_int_equal(accord_compilation_set_party_info(c, "IRN", "Iran (Islamic Republic of)", NULL), 0);
	assert_int_equal(accord_compilation_set_party_info(c, "USA", "United States", NULL), 0);
	anonymous(&anon);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		const char *named;
		t = render_with(c, formats[i], &anon);
		if ((named = names_one_of(t, names)) != NULL)
			fail_msg("format %d names %s:\n%s", (int)formats[i], named, t);
		accord_free(t);
		/* the same compilation under a named convention does name them: the check can fail */
		t = render(c, formats[i]);
		assert_non_null(names_one_of(t, names));
		accord_free(t);
	}
	t = render_with(c, ACCORD_FORMAT_TEXT, &anon);
	assert_true(contains(t, "Compilation of proposals on base (2 parties)\n"));
	assert_true(contains(t, "a)\tthat the Internet is a Alt 1: [shared] Alt 2: [common] [NOC: global] resource for all;\n"));
	assert_true(contains(t, "b bis)\t[that trust matters;]\n"));
	accord_free(t);
	t = render_with(c, ACCORD_FORMAT_HTML, &anon);
	assert_null(strstr(t, "class=\"legend\""));
	assert_null(strstr(t, " by "));
	assert_null(strstr(t, "class=\"prop c1"));
	assert_true(contains(t, "<div class=\"p d0 new b0\" id=\"new-1\">"));
	assert_true(contains(t, "title=\"Alternative\""));
	/* one colour for every proposal, the first party's: no style tells the parties apart */
	assert_true(contains(t, "\n.c0{color:#0b5cad}.legend .c0 .sw{background:#0b5cad}.b0{border-left-color:#0b5cad}\n</style>\n"));
	assert_null(strstr(t, ".c1{"));
	accord_free(t);
	t = render_with(c, ACCORD_FORMAT_JSON, &anon);
	assert_true(contains(t, "\"convention\": \"anonymous\",\n  \"anonymous\": true,\n  \"parties\": [],"));
	assert_true(contains(t, "\"id\": \"new-1\""));
	assert_true(contains(t, "\"id\": \"new-section-1\""));
	accord_free(t);
	t = render_with(c, ACCORD_FORMAT_MARKDOWN, &anon);
	assert_true(contains(t, "\nProposals of 2 parties, not named\n"));
	accord_free(t);
	/* an anonymous convention may not name anybody in a template */
	anon.move_paragraph = "[Move (%p): %t]";
	ro.brackets = &anon;
	assert_int_equal(accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, &ro, &err), ACCORD_EINVAL);
	assert_true(contains(err.message, "'move_paragraph' names the parties"));
	assert_int_equal(accord_brackets_check(&anon, &err), ACCORD_EINVAL);
	anon.move_paragraph = "[Move (100%%): %t]"; /* a literal percent sign is no placeholder */
	assert_int_equal(accord_brackets_check(&anon, &err), 0);
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	accord_free(irn);
	accord_free(usa);
	accord_free(usa2);
	accord_doc_free(base);
}

static void test_consolidate__many_alternatives_are_all_shown(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[40];
	char ids[40][16], codes[40][8], words[40][16];
	accord_compilation *c;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	char *text;
	size_t i;
	long n;
	int rc = -1;
	(void)state;
	/* 40 parties, 40 different words for "global" (and the 41st option would be the base) */
	for (i = 0; i < 40; i++) {
		snprintf(ids[i], sizeof(ids[i]), "P%02zu/1", i);
		snprintf(codes[i], sizeof(codes[i]), "P%02zu", i);
		snprintf(words[i], sizeof(words[i]), "w%02zu", i);
		assert_int_equal(accord_amendments_new(&l[i]), 0);
		assert_int_equal(add_mod(l[i], ids[i], codes[i], "p1", 10, 1, "global", words[i]), 0);
	}
	c = compile_lists(base, l, 40);
	assert_int_equal(accord_compilation_find_para(c, "p1")->clusters[0].n_options, 40);
	text = render(c, ACCORD_FORMAT_TEXT);
	assert_true(contains(text, "a)\tthat the Internet is a [Alt 1 (P00): w00] [Alt 2 (P01): w01] "));
	assert_true(contains(text, " [Alt 17 (P16): w16] "));
	assert_true(contains(text, " [Alt 39 (P38): w38] [Alt 40 (P39): w39] [NOC: global] resource;\n"));
	/* the numbering of a cluster this size is allocated: a failure is clean, and a success whole
	   (the output buffer is big enough beforehand: that allocation is the one that fails) */
	assert_int_equal(accord_buf_grow(&out, 2 * strlen(text)), 0);
	for (n = 0; n < 1000; n++) {
		accord_buf_clear(&out);
		accord_alloc_fail_after(n);
		rc = accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
	}
	assert_int_equal(rc, 0);
	assert_true(n > 0);
	assert_string_equal(out.ptr, text);
	accord_free(text);
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	for (i = 0; i < 40; i++)
		accord_amendments_free(l[i]);
	accord_doc_free(base);
}

/* ---- seeds: golden outputs and the accept property ---------------------------------------- */

static accord_doc *parse_seed(const char *name)
{
	char path[1024];
	accord_doc *doc = NULL;
	accord_error err;
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	if (accord_doc_parse_file(&doc, path, &po, &err) != 0)
		fail_msg("%s: %s", path, err.message);
	assert_int_equal(accord_doc_set_origin(doc, name), 0); /* golden outputs do not depend on the checkout's path */
	return doc;
}

static char *doc_text(const accord_doc *doc)
{
	accord_buf out = ACCORD_BUF_INIT;
	assert_int_equal(accord_doc_render_text(&out, doc), 0);
	return accord_buf_detach(&out);
}

/*
** Compares out with tests/data/consolidate/NAME byte for byte. The suite never writes a golden:
** scripts/update-goldens does, for a person to review (README.md).
*/
static void golden(const char *name, const char *out)
{
	char path[1024];
	accord_buf want = ACCORD_BUF_INIT;
	accord_error err;
	snprintf(path, sizeof(path), "%s/consolidate/%s", ACCORD_TESTDATA, name);
	if (accord_read_file(&want, path, &err) != 0)
		fail_msg("%s: %s (scripts/update-goldens writes it)", path, err.message);
	if (strcmp(want.ptr ? want.ptr : "", out) != 0) {
		size_t i = 0;
		while (want.ptr[i] && want.ptr[i] == out[i])
			i++;
		fail_msg("%s differs at byte %zu: got \"%.80s\"", name, i, out + i);
	}
	accord_buf_dispose(&want);
}

static const char *const seed_contribs[][2] = {
	{"IRN", "contrib-IRN.txt"},
	{"USA", "contrib-USA.txt"},
	{"ROG", "draft-role-of-government.txt"},
	{"N3", "draft-opinion-n3-multistakeholder.txt"},
};

static void test_consolidate__seed_golden_outputs(void **state)
{
	accord_doc *base = parse_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_doc *irn = parse_seed("contrib-IRN.txt"), *usa = parse_seed("contrib-USA.txt");
	accord_compilation *c;
	accord_error err;
	char *out;
	(void)state;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_contribution(c, "IRN", irn, "contrib-IRN.txt", &err), 0);
	assert_int_equal(accord_compilation_add_contribution(c, "USA", usa, "contrib-USA.txt", &err), 0);
	assert_int_equal(accord_compilation_add_contribution(c, "USA", usa, NULL, &err), ACCORD_EINVAL);
	assert_int_equal(accord_compilation_build(c, &err), 0);
	assert_int_equal(accord_compilation_party_count(c), 2);
	out = render(c, ACCORD_FORMAT_TEXT);
	/* what the chair must see, whatever the golden file says */
	assert_true(contains(out, "[IRN, USA: OPINION (1) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE]"));
	assert_true(contains(out, "\tinvites [USA: Member States]\n"));
	assert_true(contains(out, "new)\t[Label (USA): a)] [USA: that there have been seven successful Internet Governance Forums"));
	assert_true(contains(out, "d bis)\t[Label (IRN): )] [IRN: The close collaboration"));
	golden("wtpf-irn-usa.txt", out);
	accord_free(out);
	out = render(c, ACCORD_FORMAT_MARKDOWN);
	golden("wtpf-irn-usa.md", out);
	accord_free(out);
	out = render(c, ACCORD_FORMAT_JSON);
	golden("wtpf-irn-usa.json", out);
	accord_free(out);
	out = render(c, ACCORD_FORMAT_YAML);
	golden("wtpf-irn-usa.yaml", out);
	accord_free(out);
	out = render(c, ACCORD_FORMAT_HTML);
	assert_true(contains(out, "<!DOCTYPE html>"));
	assert_null(strstr(out, "http://"));
	assert_null(strstr(out, "https://"));
	golden("wtpf-irn-usa.html", out);
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(irn);
	accord_doc_free(usa);
	accord_doc_free(base);
}

static void test_consolidate__seed_accept_gives_each_party_its_text(void **state)
{
	accord_doc *base = parse_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_doc *docs[4];
	accord_compilation *c;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	for (i = 0; i < 4; i++) {
		docs[i] = parse_seed(seed_contribs[i][1]);
		assert_int_equal(accord_compilation_add_contribution(c, seed_contribs[i][0], docs[i], NULL, &err), 0);
	}
	assert_int_equal(accord_compilation_build(c, &err), 0);
	for (i = 0; i < 4; i++) {
		accord_doc *got = NULL;
		char *a, *b;
		if (accord_compilation_accept(&got, c, seed_contribs[i][0], &err) != 0)
			fail_msg("accept %s: %s", seed_contribs[i][0], err.message);
		a = doc_text(got);
		b = doc_text(docs[i]);
		assert_string_equal(a, b);
		assert_true(accord_doc_equal(got, docs[i]));
		accord_free(a);
		accord_free(b);
		accord_doc_free(got);
	}
	for (i = 0; i < 4; i++)
		accord_doc_free(docs[i]);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* ---- metadata, notes and footnotes: proposals on the fields of a text ------------------------ */

/*
** tests/data/consolidate/meta: a base with a symbol, two lines of notes, a title, a body and two
** footnotes, and no source; IRN changes the symbol, adds a source, a note's words, the title, the
** body and footnote 1; USA adds another source, drops the second line of notes, changes the title
** otherwise and rewords footnote 2; ROG drops every note and footnote 2, and adds footnote 3.
*/
static const char *const meta_files[][2] = {
	{"IRN", "irn.txt"},
	{"USA", "usa.txt"},
	{"ROG", "rog.txt"},
};
#define N_META (sizeof(meta_files) / sizeof(meta_files[0]))

static const struct {
	accord_format format;
	const char *golden;
} every_format[] = {
	{ACCORD_FORMAT_TEXT, "txt"},
	{ACCORD_FORMAT_MARKDOWN, "md"},
	{ACCORD_FORMAT_HTML, "html"},
	{ACCORD_FORMAT_JSON, "json"},
	{ACCORD_FORMAT_YAML, "yaml"},
};
#define N_FORMATS (sizeof(every_format) / sizeof(every_format[0]))

static accord_doc *parse_data(const char *dir, const char *name)
{
	char path[1024];
	accord_doc *doc = NULL;
	accord_error err;
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	snprintf(path, sizeof(path), "%s/consolidate/%s/%s", ACCORD_TESTDATA, dir, name);
	if (accord_doc_parse_file(&doc, path, &po, &err) != 0)
		fail_msg("%s: %s", path, err.message);
	assert_int_equal(accord_doc_set_origin(doc, name), 0);
	return doc;
}

static accord_doc *parse_meta(const char *name)
{
	return parse_data("meta", name);
}

/*
** The compilation of tests/data/consolidate/DIR/base.txt and the contributions parties[i] =
** {code, file}: every format as the goldens PREFIX.*, and accepting each party gives its text.
*/
static void check_golden_set(const char *dir, const char *prefix, const char *const (*parties)[2], size_t n)
{
	accord_doc *base = parse_data(dir, "base.txt"), *docs[8];
	accord_compilation *c;
	accord_error err;
	char name[64], *out;
	size_t i;
	assert_true(n <= 8);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	for (i = 0; i < n; i++) {
		docs[i] = parse_data(dir, parties[i][1]);
		assert_int_equal(accord_compilation_add_contribution(c, parties[i][0], docs[i], parties[i][1], &err), 0);
	}
	if (accord_compilation_build(c, &err) != 0)
		fail_msg("%s: %s", dir, err.message);
	for (i = 0; i < N_FORMATS; i++) {
		out = render(c, every_format[i].format);
		snprintf(name, sizeof(name), "%s.%s", prefix, every_format[i].golden);
		golden(name, out);
		accord_free(out);
	}
	for (i = 0; i < n; i++) {
		accord_doc *got = NULL;
		char *a, *b;
		if (accord_compilation_accept(&got, c, parties[i][0], &err) != 0)
			fail_msg("accept %s: %s", parties[i][0], err.message);
		a = doc_text(got);
		b = doc_text(docs[i]);
		assert_string_equal(a, b);
		accord_free(a);
		accord_free(b);
		accord_doc_free(got);
		accord_doc_free(docs[i]);
	}
	accord_compilation_free(c);
	accord_doc_free(base);
}

/*
** tests/data/consolidate/sections: ADD puts a new section with two paragraphs before invites, MOV
** moves noting to the start and adds a word to a heading, DRP deletes noting and a paragraph of
** invites, and adds a paragraph to recognizing.
*/
static void test_consolidate__new_moved_and_deleted_sections_in_every_format(void **state)
{
	static const char *const parties[][2] = {{"ADD", "add.txt"}, {"MOV", "move.txt"}, {"DRP", "drop.txt"}};
	(void)state;
	check_golden_set("sections", "sections", parties, 3);
}

/* The meta compilation built into *out; any error code (ENOMEM under a failing allocator). */
static int meta_compilation(accord_compilation **out, const accord_doc *base, accord_doc *const *docs)
{
	accord_compilation *c = NULL;
	accord_error err;
	size_t i;
	int rc = accord_compilation_new(&c, base, &err);
	for (i = 0; rc == 0 && i < N_META; i++)
		rc = accord_compilation_add_contribution(c, meta_files[i][0], docs[i], meta_files[i][1], &err);
	if (rc == 0)
		rc = accord_compilation_build(c, &err);
	if (rc != 0) {
		accord_compilation_free(c);
		c = NULL;
	}
	*out = c;
	return rc;
}

static void test_consolidate__metadata_notes_and_footnotes_in_every_format(void **state)
{
	accord_doc *base = parse_meta("base.txt"), *docs[N_META];
	accord_compilation *c;
	accord_error err;
	char name[64], *out;
	size_t i;
	(void)state;
	for (i = 0; i < N_META; i++)
		docs[i] = parse_meta(meta_files[i][1]);
	assert_int_equal(meta_compilation(&c, base, docs), 0);
	out = render(c, ACCORD_FORMAT_TEXT);
	/* what the chair must see, whatever the golden file says */
	assert_true(contains(out, "\nDocument WTPF-IEG/9/[1] [IRN: 2]\n"));
	assert_true(contains(out, "\nSource: [Alt 1 (IRN): Iran] [Alt 2 (USA): United States]\n"));
	assert_true(contains(out, "[Alt 3 (ROG): delete] [NOC: Note: draft for discussion.\nSecond note line here.]\n"));
	assert_true(contains(out, "\nOPINION (9) ON TESTING [Alt 1 (IRN): ALL] [Alt 2 (USA): SOME] COMPILATIONS\n"));
	assert_true(contains(out, "\nThe Forum (Geneva, [2013] [IRN: 2014]),\n"));
	assert_true(contains(out, "\n[1: See issue 9 of the [IRN: public] tracker.]\n"));
	assert_true(contains(out, "\n[2: [Alt 1 (USA): A person reviews every golden file.] [Alt 2 (ROG): delete] "
				  "[NOC: A person reviews each golden file.]]\n"));
	assert_true(contains(out, "\n[3: [ROG: A new footnote.]]\n"));
	accord_free(out);
	for (i = 0; i < N_FORMATS; i++) {
		out = render(c, every_format[i].format);
		snprintf(name, sizeof(name), "meta-fields.%s", every_format[i].golden);
		golden(name, out);
		accord_free(out);
	}
	/* accepting a party's proposals gives back its text, metadata, notes and footnotes included */
	for (i = 0; i < N_META; i++) {
		accord_doc *got = NULL;
		char *a, *b;
		if (accord_compilation_accept(&got, c, meta_files[i][0], &err) != 0)
			fail_msg("accept %s: %s", meta_files[i][0], err.message);
		a = doc_text(got);
		b = doc_text(docs[i]);
		assert_string_equal(a, b);
		accord_free(a);
		accord_free(b);
		accord_doc_free(got);
	}
	accord_compilation_free(c);
	for (i = 0; i < N_META; i++)
		accord_doc_free(docs[i]);
	accord_doc_free(base);
}

/*
** FEW changes a word of the title and of footnote 2 only: every format still shows the base's
** notes and its footnotes, in their order (Markdown once dropped the notes and the footnotes no
** one amended; HTML put amended footnotes first).
*/
static void test_consolidate__unamended_metadata_is_shown_in_every_format(void **state)
{
	accord_doc *base = parse_meta("base.txt"), *few = parse_meta("few.txt"), *got = NULL;
	accord_compilation *c;
	accord_error err;
	char name[64], *out, *a, *b;
	size_t i;
	(void)state;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_contribution(c, "FEW", few, "few.txt", &err), 0);
	assert_int_equal(accord_compilation_build(c, &err), 0);
	for (i = 0; i < N_FORMATS; i++) {
		out = render(c, every_format[i].format);
		snprintf(name, sizeof(name), "meta-few.%s", every_format[i].golden);
		golden(name, out);
		if (every_format[i].format == ACCORD_FORMAT_MARKDOWN) {
			assert_true(contains(out, "\n\nDocument WTPF-IEG/9/1  \nNote: draft for discussion.  \n"
						  "Second note line here.  \n\nOPINION (9) ON TESTING \\[FEW: **MANY**\\] COMPILATIONS\n"));
			assert_true(contains(out, "\n\n\\[1: See issue 9 of the tracker.\\]\n\n\\[2: A person \\[reviews\\] "
						  "\\[FEW: **reads**\\] each golden file.\\]\n"));
		} else if (every_format[i].format == ACCORD_FORMAT_HTML) {
			assert_true(contains(out, "<div class=\"notes\">Note: draft for discussion.<br>Second note line here.</div>\n"));
			assert_true(contains(out, "<div class=\"fn\">\n<p id=\"fn-1\"><sup>1</sup> See issue 9 of the tracker.</p>\n<p id=\"fn-2\"><sup>2</sup> "));
		}
		accord_free(out);
	}
	assert_int_equal(accord_compilation_accept(&got, c, "FEW", &err), 0);
	a = doc_text(got);
	b = doc_text(few);
	assert_string_equal(a, b);
	accord_free(a);
	accord_free(b);
	accord_doc_free(got);
	accord_compilation_free(c);
	accord_doc_free(few);
	accord_doc_free(base);
}

/* A META amendment on a field the model does not have, or on none, is refused. */
static void test_consolidate__unknown_metadata_fields_are_refused(void **state)
{
	static const char *const fields[] = {"note", "Notes", "heading", NULL};
	accord_doc *base = parse_meta("base.txt");
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		accord_amendment_list *l;
		accord_compilation *c;
		accord_amendment a;
		accord_error err;
		const char *proposers[1] = {"IRN"};
		char want[128];
		memset(&a, 0, sizeof(a));
		a.id = "IRN/1";
		a.op = ACCORD_OP_META;
		a.proposers = proposers;
		a.n_proposers = 1;
		a.field = fields[i];
		a.value_to = "Note: changed.";
		assert_int_equal(accord_amendments_new(&l), 0);
		assert_int_equal(accord_amendments_add(l, &a), 0);
		assert_int_equal(accord_compilation_new(&c, base, &err), 0);
		assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
		assert_int_equal(accord_compilation_build(c, &err), ACCORD_ESCHEMA);
		snprintf(want, sizeof(want), "amendment IRN/1: unknown field '%s'", fields[i] ? fields[i] : "?");
		assert_string_equal(err.message, want);
		accord_compilation_free(c);
		accord_amendments_free(l);
	}
	accord_doc_free(base);
}

/* ---- allocation failures on real inputs: every allocation of every step, one at a time --------- */

/*
** Fails the 0th, 1st, 2nd ... allocation of step(ctx) until it succeeds: each failure must be
** ACCORD_ENOMEM (and leave nothing behind: the ASan and valgrind stages check that). Returns
** how many allocations the step makes.
*/
static long fail_each_allocation(const char *what, int (*step)(void *ctx), void *ctx)
{
	long n;
	int rc = -1;
	for (n = 0; n < 50000; n++) { /* the steps below make at most a few thousand */
		accord_alloc_fail_after(n);
		rc = step(ctx);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		if (rc != ACCORD_ENOMEM)
			fail_msg("%s: allocation %ld failed: error %d, not ACCORD_ENOMEM", what, n, rc);
	}
	assert_int_equal(rc, 0);
	return n;
}

typedef struct {
	const accord_doc *base;
	accord_doc *const *docs;
	const char *const (*parties)[2];
	size_t n;
	accord_compilation *c; /* built */
	accord_format format;
	const char *party;
	accord_buf out;
	accord_doc *doc; /* accepted */
} oom_ctx;

static int oom_build(void *p)
{
	oom_ctx *x = p;
	accord_compilation *c = NULL;
	accord_error err;
	size_t i;
	int rc = accord_compilation_new(&c, x->base, &err);
	for (i = 0; rc == 0 && i < x->n; i++)
		rc = accord_compilation_add_contribution(c, x->parties[i][0], x->docs[i], x->parties[i][1], &err);
	if (rc == 0)
		rc = accord_compilation_build(c, &err);
	accord_compilation_free(c);
	return rc;
}

static int oom_render(void *p)
{
	oom_ctx *x = p;
	accord_error err;
	accord_buf_dispose(&x->out);
	return accord_compilation_render(&x->out, x->c, x->format, NULL, &err);
}

static int oom_accept(void *p)
{
	oom_ctx *x = p;
	accord_doc *doc = NULL;
	accord_error err;
	int rc = accord_compilation_accept(&doc, x->c, x->party, &err);
	if (rc != 0)
		assert_null(doc);
	accord_doc_free(x->doc);
	x->doc = doc;
	return rc;
}

/* Building, every format (the output then as its golden) and accepting each party, under failures. */
static void fail_every_step(oom_ctx *x, const char *golden_prefix)
{
	char name[64];
	size_t i;
	accord_error err;
	assert_true(fail_each_allocation("build", oom_build, x) > 100);
	assert_int_equal(accord_compilation_new(&x->c, x->base, &err), 0);
	for (i = 0; i < x->n; i++)
		assert_int_equal(accord_compilation_add_contribution(x->c, x->parties[i][0], x->docs[i], x->parties[i][1], &err), 0);
	assert_int_equal(accord_compilation_build(x->c, &err), 0);
	for (i = 0; i < N_FORMATS; i++) {
		x->format = every_format[i].format;
		assert_true(fail_each_allocation(every_format[i].golden, oom_render, x) > 0);
		snprintf(name, sizeof(name), "%s.%s", golden_prefix, every_format[i].golden);
		golden(name, x->out.ptr);
	}
	for (i = 0; i < x->n; i++) {
		char *want = doc_text(x->docs[i]), *got;
		x->party = x->parties[i][0];
		assert_true(fail_each_allocation(x->party, oom_accept, x) > 0);
		got = doc_text(x->doc);
		assert_string_equal(got, want);
		accord_free(got);
		accord_free(want);
		accord_doc_free(x->doc);
		x->doc = NULL;
	}
	accord_buf_dispose(&x->out);
	accord_compilation_free(x->c);
}

static void test_consolidate__allocation_failures_on_the_meta_texts(void **state)
{
	accord_doc *base = parse_meta("base.txt"), *docs[N_META];
	oom_ctx x;
	size_t i;
	(void)state;
	for (i = 0; i < N_META; i++)
		docs[i] = parse_meta(meta_files[i][1]);
	memset(&x, 0, sizeof(x));
	x.base = base;
	x.docs = docs;
	x.parties = meta_files;
	x.n = N_META;
	fail_every_step(&x, "meta-fields");
	for (i = 0; i < N_META; i++)
		accord_doc_free(docs[i]);
	accord_doc_free(base);
}

static void test_consolidate__allocation_failures_on_the_sections_texts(void **state)
{
	static const char *const parties[][2] = {{"ADD", "add.txt"}, {"MOV", "move.txt"}, {"DRP", "drop.txt"}};
	accord_doc *base = parse_data("sections", "base.txt"), *docs[3];
	oom_ctx x;
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++)
		docs[i] = parse_data("sections", parties[i][1]);
	memset(&x, 0, sizeof(x));
	x.base = base;
	x.docs = docs;
	x.parties = parties;
	x.n = 3;
	fail_every_step(&x, "sections");
	for (i = 0; i < 3; i++)
		accord_doc_free(docs[i]);
	accord_doc_free(base);
}

static void test_consolidate__allocation_failures_on_the_wtpf_seeds(void **state)
{
	static const char *const parties[][2] = {
		{"IRN", "contrib-IRN.txt"},
		{"USA", "contrib-USA.txt"},
	};
	accord_doc *base = parse_seed("base-wtpf-ieg-2-10-opinion-1.txt"), *docs[2];
	oom_ctx x;
	size_t i;
	(void)state;
	for (i = 0; i < 2; i++)
		docs[i] = parse_seed(parties[i][1]);
	memset(&x, 0, sizeof(x));
	x.base = base;
	x.docs = docs;
	x.parties = parties;
	x.n = 2;
	fail_every_step(&x, "wtpf-irn-usa");
	for (i = 0; i < 2; i++)
		accord_doc_free(docs[i]);
	accord_doc_free(base);
}

/* ---- reading a compilation back: YAML events -> the JSON tree ------------------------------ */

static json_t *yaml_value(yaml_parser_t *p, yaml_event_t *ev);

/* A scalar as the writer means it: plain ones that read as numbers, booleans or null are those. */
static json_t *yaml_scalar_value(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length, i = s[0] == '-' ? 1 : 0;
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return json_stringn(s, len);
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return json_boolean(s[0] == 't');
	if (strcmp(s, "null") == 0)
		return json_null();
	if (i < len && strspn(s + i, "0123456789") == len - i)
		return json_integer(strtoll(s, NULL, 10));
	return json_stringn(s, len);
}

/* Builds the value that starts with event ev (consumed); NULL on a parse error. */
static json_t *yaml_value(yaml_parser_t *p, yaml_event_t *ev)
{
	json_t *v = NULL;
	yaml_event_t next;
	if (ev->type == YAML_SCALAR_EVENT) {
		v = yaml_scalar_value(ev);
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		v = json_array();
		while (v && yaml_parser_parse(p, &next) && next.type != YAML_SEQUENCE_END_EVENT)
			if (json_array_append_new(v, yaml_value(p, &next)) != 0) {
				json_decref(v);
				v = NULL;
			}
		if (v)
			yaml_event_delete(&next);
	} else if (ev->type == YAML_MAPPING_START_EVENT) {
		v = json_object();
		while (v && yaml_parser_parse(p, &next) && next.type != YAML_MAPPING_END_EVENT) {
			char key[128];
			yaml_event_t val;
			json_t *x;
			assert_int_equal(next.type, YAML_SCALAR_EVENT);
			snprintf(key, sizeof(key), "%s", (const char *)next.data.scalar.value);
			yaml_event_delete(&next);
			assert_true(yaml_parser_parse(p, &val));
			x = yaml_value(p, &val);
			assert_non_null(x);
			assert_int_equal(json_object_set_new(v, key, x), 0);
		}
		if (v)
			yaml_event_delete(&next);
	}
	yaml_event_delete(ev);
	return v;
}

/* The tree of a YAML text (one document). */
static json_t *yaml_tree(const char *text)
{
	yaml_parser_t p;
	yaml_event_t ev;
	json_t *root = NULL;
	assert_true(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
	while (yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT || t == YAML_SCALAR_EVENT) {
			assert_null(root);
			root = yaml_value(&p, &ev);
			continue;
		}
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	if (p.error != YAML_NO_ERROR)
		fail_msg("YAML: %s at line %zu", p.problem, p.problem_mark.line + 1);
	yaml_parser_delete(&p);
	assert_non_null(root);
	return root;
}

/* Brackets of the text form balance on every line. */
static void assert_brackets_balanced(const char *text)
{
	const char *s, *line = text;
	int depth = 0;
	for (s = text; *s; s++) {
		if (*s == '[')
			depth++;
		else if (*s == ']' && --depth < 0)
			fail_msg("a ']' without its '[': %.80s", line);
		else if (*s == '\n') {
			if (depth != 0)
				fail_msg("a '[' without its ']': %.80s", line);
			line = s + 1;
		}
	}
}

static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *s = hay;
	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
** What a 30-party compilation must show in each format: every party that
** proposes something is named in the body (text), in the legend and in the
** hover titles (HTML); brackets and tags balance; the YAML reads back as the
** JSON tree.
*/
static void check_renderings(const accord_compilation *c, int round)
{
	char *text = render(c, ACCORD_FORMAT_TEXT), *html = render(c, ACCORD_FORMAT_HTML);
	char *yaml = render(c, ACCORD_FORMAT_YAML), *json = render(c, ACCORD_FORMAT_JSON);
	const char *body = strchr(text, '\n');
	json_t *from_yaml, *from_json;
	json_error_t jerr;
	size_t i;
	assert_non_null(body);
	assert_brackets_balanced(text);
	for (i = 0; i < accord_compilation_party_count(c); i++) {
		const char *code = accord_compilation_party(c, i);
		char want[64];
		if (accord_compilation_party_amendments(c, i) == 0)
			continue;
		if (strstr(body, code) == NULL)
			fail_msg("round %d: %s proposes %zu amendments, none in the text", round, code,
				accord_compilation_party_amendments(c, i));
		snprintf(want, sizeof(want), "<b>%s</b>", code);
		if (strstr(html, want) == NULL)
			fail_msg("round %d: %s is not in the HTML legend", round, code);
		snprintf(want, sizeof(want), "<span class=\"pc c%zu\">%s</span>", i, code);
		if (strstr(html, want) == NULL)
			fail_msg("round %d: no proposal of %s in the HTML page", round, code);
	}
	assert_int_equal(count_of(html, "<span"), count_of(html, "</span>"));
	assert_int_equal(count_of(html, "<ins"), count_of(html, "</ins>"));
	assert_int_equal(count_of(html, "<del"), count_of(html, "</del>"));
	assert_int_equal(count_of(html, "<div"), count_of(html, "</div>"));
	from_json = json_loads(json, 0, &jerr);
	if (from_json == NULL)
		fail_msg("round %d: JSON: %s", round, jerr.text);
	from_yaml = yaml_tree(yaml);
	if (!json_equal(from_json, from_yaml))
		fail_msg("round %d: the YAML does not read back as the JSON", round);
	json_decref(from_json);
	json_decref(from_yaml);
	accord_free(text);
	accord_free(html);
	accord_free(yaml);
	accord_free(json);
}

/* ---- random contributions ------------------------------------------------------------------ */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

static const char *const vocab[] = {"global", "Global", "shared", "all", "Member States", "stakeholders",
	"enhanced cooperation", "the", "ITU", "in consultation with", "fully", "not", "and", ","};

/* A party's version of base: a few word edits near the start of paragraphs (so parties overlap), some new and deleted paragraphs. */
static accord_doc *random_contribution(const accord_doc *base)
{
	accord_doc *doc;
	accord_para *p = NULL;
	accord_para *list[512];
	size_t n = 0, i;
	assert_int_equal(accord_doc_clone(&doc, base), 0);
	while ((p = accord_doc_next_para(doc, p)) != NULL && n < 512)
		list[n++] = p;
	for (i = 0; i < n; i++) {
		accord_token *toks = NULL;
		size_t ntok = 0, k, edits;
		accord_buf text = ACCORD_BUF_INIT;
		const char *t = accord_para_text(list[i]);
		uint32_t r = rnd(100);
		if (r < 4 && accord_para_child_count(list[i]) == 0) {
			assert_int_equal(accord_doc_remove_para(doc, list[i]), 0);
			continue;
		}
		if (r < 9) {
			char label[32];
			snprintf(label, sizeof(label), "%c)", 'a' + (int)rnd(8));
			assert_int_equal(accord_doc_insert_para(NULL, doc, accord_para_section(list[i]), accord_para_parent(list[i]),
						 list[i], NULL, label, rnd(2) ? "that the ITU should act in consultation with all stakeholders;"
									      : "that enhanced cooperation is needed;"),
				0);
		}
		if (r >= 45)
			continue;
		assert_int_equal(accord_tokenize(&toks, &ntok, t, strlen(t)), 0);
		edits = 1 + rnd(3);
		{
			/* choose word positions among the first 16 tokens, in order, non-overlapping */
			size_t pos = 0;
			for (k = 0; k < ntok; k++) {
				int edited = 0;
				if (edits > 0 && toks[k].kind == ACCORD_TOKEN_WORD && k < 16 && rnd(4) == 0) {
					uint32_t what = rnd(3);
					edits--;
					edited = 1;
					if (what == 0) { /* replace */
						assert_int_equal(accord_buf_puts(&text, vocab[rnd(sizeof(vocab) / sizeof(vocab[0]))]), 0);
					} else if (what == 1) { /* insert before */
						assert_int_equal(accord_buf_puts(&text, vocab[rnd(sizeof(vocab) / sizeof(vocab[0]))]), 0);
						assert_int_equal(accord_buf_putc(&text, ' '), 0);
						assert_int_equal(accord_buf_put(&text, t + toks[k].offset, toks[k].length), 0);
					} /* else delete the word */
				}
				if (!edited)
					assert_int_equal(accord_buf_put(&text, t + toks[k].offset, toks[k].length), 0);
				pos += toks[k].length;
			}
			(void)pos;
		}
		if (text.size > 0 && text.ptr[0] != ' ' && text.ptr[text.size - 1] != ' ')
			assert_int_equal(accord_para_set_text(list[i], text.ptr), 0);
		accord_buf_dispose(&text);
		accord_free(toks);
	}
	return doc;
}

/*
** The doc as the parser would see it again (the text form is canonical): random edits can make
** texts the parser reads differently (a paragraph starting with a label-like word).
*/
static accord_doc *reparsed(const accord_doc *doc)
{
	char *text = doc_text(doc);
	accord_doc *out = NULL;
	accord_error err;
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	po.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&out, text, strlen(text), &po, &err) != 0)
		fail_msg("reparse: %s", err.message);
	accord_free(text);
	return out;
}

static void test_consolidate__random_parties_accept_property(void **state)
{
	accord_doc *base = parse_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	enum { ROUNDS = 6, PARTIES = 30 };
	int round;
	size_t total_alternatives = 0, total_cosponsored = 0;
	(void)state;
	rng_state = 0x5eed2013ULL;
	for (round = 0; round < ROUNDS; round++) {
		accord_doc *docs[PARTIES];
		char codes[PARTIES][8];
		accord_compilation *c;
		accord_error err;
		size_t i, s, k, q;
		assert_int_equal(accord_compilation_new(&c, base, &err), 0);
		for (i = 0; i < PARTIES; i++) {
			accord_doc *raw = random_contribution(base);
			docs[i] = reparsed(raw);
			accord_doc_free(raw);
			snprintf(codes[i], sizeof(codes[i]), "P%02zu", i);
			if (accord_compilation_add_contribution(c, codes[i], docs[i], NULL, &err) != 0)
				fail_msg("round %d party %zu: %s", round, i, err.message);
		}
		if (accord_compilation_build(c, &err) != 0)
			fail_msg("round %d build: %s", round, err.message);
		for (s = 0; s < accord_compilation_section_count(c); s++) {
			const accord_cmp_section *sec = accord_compilation_section(c, s);
			for (k = 0; k < sec->n_paras; k++)
				for (q = 0; q < sec->paras[k].n_clusters; q++) {
					const accord_cmp_cluster *cl = &sec->paras[k].clusters[q];
					size_t o;
					total_alternatives += cl->kind == ACCORD_CLUSTER_ALTERNATIVES;
					for (o = 0; o < cl->n_options; o++)
						total_cosponsored += cl->options[o].n_parties > 1;
				}
		}
		check_renderings(c, round);
		for (i = 0; i < PARTIES; i++) {
			accord_doc *got = NULL;
			char *a, *b;
			if (accord_compilation_accept(&got, c, codes[i], &err) != 0)
				fail_msg("round %d accept %s: %s", round, codes[i], err.message);
			a = doc_text(got);
			b = doc_text(docs[i]);
			if (strcmp(a, b) != 0)
				fail_msg("round %d: accepting %s does not give its text", round, codes[i]);
			accord_free(a);
			accord_free(b);
			accord_doc_free(got);
			accord_doc_free(docs[i]);
		}
		accord_compilation_free(c);
	}
	/* the generator really produced the cases the compilation is about */
	assert_true(total_alternatives > 20);
	assert_true(total_cosponsored > 5);
	accord_doc_free(base);
}

/* ---- allocation failures ---------------------------------------------------------------------- */

static int build_render_accept(const accord_doc *base, accord_amendment_list **l, size_t n)
{
	accord_compilation *c = NULL;
	accord_doc *doc = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	static const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML,
		ACCORD_FORMAT_JSON, ACCORD_FORMAT_YAML};
	size_t i;
	int rc = accord_compilation_new(&c, base, &err);
	for (i = 0; rc == 0 && i < n; i++)
		rc = accord_compilation_add_amendments(c, l[i], &err);
	if (rc == 0)
		rc = accord_compilation_build(c, &err);
	for (i = 0; rc == 0 && i < sizeof(formats) / sizeof(formats[0]); i++) {
		accord_buf_clear(&out);
		rc = accord_compilation_render(&out, c, formats[i], NULL, &err);
	}
	if (rc == 0)
		rc = accord_compilation_accept(&doc, c, "USA", &err);
	if (rc != 0)
		assert_null(doc);
	accord_doc_free(doc);
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	return rc;
}

static void test_consolidate__allocation_failures_are_clean(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l[2];
	long n;
	int rc = -1;
	(void)state;
	assert_int_equal(accord_amendments_new(&l[0]), 0);
	assert_int_equal(accord_amendments_new(&l[1]), 0);
	assert_int_equal(add_mod(l[0], "IRN/1", "IRN", "p1", 10, 1, "global", "common"), 0);
	assert_int_equal(add_mod(l[1], "USA/1", "USA", "p1", 8, 5, "a global resource", "an asset"), 0);
	assert_int_equal(add_para(l[0], "IRN/2", "IRN", "s1", "p1", "b)", "that cooperation matters;"), 0);
	assert_int_equal(add_para(l[1], "USA/2", "USA", "s1", "p1", "b)", "that cooperation matters;"), 0);
	assert_int_equal(add_sup(l[1], "USA/3", "USA", "p2", "that all stakeholders have roles;"), 0);
	for (n = 0; n < 100000; n++) {
		accord_alloc_fail_after(n);
		rc = build_render_accept(base, l, 2);
		accord_alloc_fail_after(-1);
		if (rc == 0)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
	}
	assert_int_equal(rc, 0);
	assert_true(n > 10);
	accord_amendments_free(l[0]);
	accord_amendments_free(l[1]);
	accord_doc_free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consolidate__same_change_is_cosponsored),
		cmocka_unit_test(test_consolidate__near_duplicates_are_flagged),
		cmocka_unit_test(test_consolidate__overlaps_become_alternatives_disjoint_stay_apart),
		cmocka_unit_test(test_consolidate__insertions_deletions_and_alternative_deletes),
		cmocka_unit_test(test_consolidate__new_paragraphs_bis_ter_and_deletions),
		cmocka_unit_test(test_consolidate__new_items_anchored_on_later_ones),
		cmocka_unit_test(test_consolidate__new_sections_cosponsored),
		cmocka_unit_test(test_consolidate__near_duplicates_ignore_case_blanks_and_punctuation),
		cmocka_unit_test(test_consolidate__conventions_change_the_writing_only),
		cmocka_unit_test(test_consolidate__bad_inputs_are_errors),
		cmocka_unit_test(test_consolidate__build_refusals_and_re_anchoring),
		cmocka_unit_test(test_consolidate__render_options_and_errors),
		cmocka_unit_test(test_consolidate__relabels_with_and_without_a_template),
		cmocka_unit_test(test_consolidate__every_template_is_checked),
		cmocka_unit_test(test_consolidate__labels_of_new_paragraphs_past_the_ordinals),
		cmocka_unit_test(test_consolidate__parties_colours_names_and_refusals),
		cmocka_unit_test(test_consolidate__markup_characters_are_escaped),
		cmocka_unit_test(test_consolidate__generic_text_compilation_exactly),
		cmocka_unit_test(test_consolidate__first_paragraph_with_children),
		cmocka_unit_test(test_consolidate__every_template_in_one_compilation),
		cmocka_unit_test(test_consolidate__alternative_insertions_have_no_base),
		cmocka_unit_test(test_consolidate__blanks_go_outside_the_brackets),
		cmocka_unit_test(test_consolidate__spacing_only_is_editorial_and_not_shown),
		cmocka_unit_test(test_consolidate__moves_are_found_and_say_where_to),
		cmocka_unit_test(test_consolidate__move_targets_in_words),
		cmocka_unit_test(test_consolidate__paragraph_and_section_marks_under_each_convention),
		cmocka_unit_test(test_consolidate__section_moves_in_every_convention),
		cmocka_unit_test(test_consolidate__anonymous_conventions_name_nobody),
		cmocka_unit_test(test_consolidate__many_alternatives_are_all_shown),
		cmocka_unit_test(test_consolidate__seed_golden_outputs),
		cmocka_unit_test(test_consolidate__seed_accept_gives_each_party_its_text),
		cmocka_unit_test(test_consolidate__metadata_notes_and_footnotes_in_every_format),
		cmocka_unit_test(test_consolidate__unamended_metadata_is_shown_in_every_format),
		cmocka_unit_test(test_consolidate__unknown_metadata_fields_are_refused),
		cmocka_unit_test(test_consolidate__new_moved_and_deleted_sections_in_every_format),
		cmocka_unit_test(test_consolidate__random_parties_accept_property),
		cmocka_unit_test(test_consolidate__allocation_failures_are_clean),
		cmocka_unit_test(test_consolidate__allocation_failures_on_the_meta_texts),
		cmocka_unit_test(test_consolidate__allocation_failures_on_the_sections_texts),
		cmocka_unit_test(test_consolidate__allocation_failures_on_the_wtpf_seeds),
	};
	return cmocka_run_group_tests_name("consolidate", tests, NULL, NULL);
}
