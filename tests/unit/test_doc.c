/* test_doc.c: the document model: building, ids, moves, clone, equality, allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "accord/doc.h"

static accord_doc *build_sample(void)
{
	accord_doc *doc;
	accord_section *s1, *s2;
	accord_para *a, *b;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The fifth Forum (Geneva, 2013),"), 0);
	assert_int_equal(accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(&a, doc, s1, NULL, NULL, "a)", "that one;"), 0);
	assert_int_equal(accord_doc_add_para(&b, doc, s1, NULL, NULL, "b)", "that two:"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, b, NULL, "i)", "child one;"), 0);
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, "invites Member States", ACCORD_KIND_OPERATIVE,
				 "Member States"),
		0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, NULL, "to act."), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", "A note."), 0);
	return doc;
}

static void test_doc__ids_are_fresh_and_stable(void **state)
{
	accord_doc *doc = build_sample();
	accord_para *p;
	(void)state;
	assert_string_equal(accord_section_id(accord_doc_section(doc, 0)), "s1");
	assert_string_equal(accord_para_id(accord_section_para(accord_doc_section(doc, 0), 0)), "p1");
	p = accord_doc_find_para(doc, "p3");
	assert_non_null(p);
	assert_string_equal(accord_para_text(p), "child one;");
	assert_int_equal(accord_para_depth(p), 1);
	assert_int_equal(accord_doc_para_total(doc), 4);
	/* Removing a paragraph never renumbers the others. */
	assert_int_equal(accord_doc_remove_para(doc, accord_doc_find_para(doc, "p1")), 0);
	assert_null(accord_doc_find_para(doc, "p1"));
	assert_string_equal(accord_para_id(accord_section_para(accord_doc_section(doc, 0), 0)), "p2");
	assert_int_equal(accord_doc_add_para(&p, doc, accord_doc_section(doc, 0), NULL, NULL, "c)", "new"), 0);
	assert_string_equal(accord_para_id(p), "p5");
	/* A used id is refused. */
	assert_int_equal(accord_doc_add_para(NULL, doc, accord_doc_section(doc, 0), NULL, "p2", NULL, "x"), ACCORD_EINVAL);
	accord_doc_free(doc);
}

static void test_doc__walk_in_document_order(void **state)
{
	accord_doc *doc = build_sample();
	const char *expected[] = {"p1", "p2", "p3", "p4"};
	accord_para *p = NULL;
	size_t i = 0;
	(void)state;
	while ((p = accord_doc_next_para(doc, p)) != NULL)
		assert_string_equal(accord_para_id(p), expected[i++]);
	assert_int_equal(i, 4);
	accord_doc_free(doc);
}

static void test_doc__move_keeps_subtree_and_refuses_cycles(void **state)
{
	accord_doc *doc = build_sample();
	accord_para *b = accord_doc_find_para(doc, "p2"), *child = accord_doc_find_para(doc, "p3");
	accord_section *s2 = accord_doc_section(doc, 1);
	(void)state;
	assert_int_equal(accord_doc_move_para(doc, b, accord_para_section(b), child, NULL), ACCORD_EINVAL);
	assert_int_equal(accord_doc_move_para(doc, b, s2, NULL, NULL), 0);
	assert_ptr_equal(accord_section_para(s2, 0), b);
	assert_ptr_equal(accord_para_section(child), s2);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 1);
	assert_int_equal(accord_doc_move_section(doc, s2, NULL), 0);
	assert_ptr_equal(accord_doc_section(doc, 0), s2);
	accord_doc_free(doc);
}

static void test_doc__clone_is_equal_and_independent(void **state)
{
	accord_doc *doc = build_sample(), *copy;
	(void)state;
	assert_int_equal(accord_doc_clone(&copy, doc), 0);
	assert_true(accord_doc_equal(doc, copy));
	assert_int_equal(accord_para_set_text(accord_doc_find_para(copy, "p4"), "to act now."), 0);
	assert_false(accord_doc_equal(doc, copy));
	assert_int_equal(accord_footnote_set_text(accord_doc_footnote(copy, 0), "B"), 0);
	assert_string_equal(accord_footnote_text(accord_doc_footnote(doc, 0)), "A note.");
	accord_doc_free(doc);
	accord_doc_free(copy);
}

static void test_doc__allocation_failures_are_clean(void **state)
{
	accord_doc *doc = build_sample(), *copy;
	long n;
	(void)state;
	for (n = 0;; n++) {
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_doc_clone(&copy, doc);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK) {
			assert_true(accord_doc_equal(doc, copy));
			accord_doc_free(copy);
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_null(copy);
	}
	assert_true(n > 0);
	accord_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc__ids_are_fresh_and_stable),
		cmocka_unit_test(test_doc__walk_in_document_order),
		cmocka_unit_test(test_doc__move_keeps_subtree_and_refuses_cycles),
		cmocka_unit_test(test_doc__clone_is_equal_and_independent),
		cmocka_unit_test(test_doc__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
