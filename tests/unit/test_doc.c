/* test_doc.c: the document model: building, ids, moves, clone, equality, allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "accord/sys/testing.h"
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

/*
** Every refused call: ACCORD_EINVAL, and the document exactly as it was (equal to a copy taken
** before, and still equal to it after every refusal).
*/
static void test_doc__refusals_leave_the_document_unchanged(void **state)
{
	accord_doc *doc = build_sample(), *before, *other = build_sample();
	accord_section *s1 = accord_doc_section(doc, 0), *s2 = accord_doc_section(doc, 1), *gone;
	accord_section *o1 = accord_doc_section(other, 0);
	accord_para *a = accord_doc_find_para(doc, "p1"), *b = accord_doc_find_para(doc, "p2");
	accord_para *child = accord_doc_find_para(doc, "p3"), *p4 = accord_doc_find_para(doc, "p4"), *dead;
	accord_section *out_s = (accord_section *)doc;
	accord_para *out_p = (accord_para *)doc;
	accord_footnote *out_f = (accord_footnote *)doc;
	(void)state;
	/* a removed section and a removed paragraph to refer to */
	assert_int_equal(accord_doc_add_section(&gone, doc, NULL, "noting", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(&dead, doc, s2, NULL, NULL, NULL, "gone."), 0);
	assert_int_equal(accord_doc_remove_section(doc, gone), 0);
	assert_int_equal(accord_doc_remove_para(doc, dead), 0);
	assert_int_equal(accord_doc_clone(&before, doc), 0);
	assert_true(accord_doc_equal(doc, before));

#define REFUSED(call)                                                                                                  \
	do {                                                                                                           \
		assert_int_equal((call), ACCORD_EINVAL);                                                               \
		if (!accord_doc_equal(doc, before))                                                                    \
			fail_msg("%s changed the document", #call);                                                   \
	} while (0)
	/* sections */
	REFUSED(accord_doc_insert_section(&out_s, doc, NULL, NULL, "x", (accord_section_kind)3, NULL));
	assert_null(out_s);
	REFUSED(accord_doc_insert_section(NULL, doc, o1, NULL, "x", ACCORD_KIND_NONE, NULL));
	REFUSED(accord_doc_insert_section(NULL, doc, gone, NULL, "x", ACCORD_KIND_NONE, NULL));
	REFUSED(accord_doc_insert_section(NULL, doc, NULL, "s1", "x", ACCORD_KIND_NONE, NULL));
	REFUSED(accord_doc_insert_section(NULL, doc, NULL, "", "x", ACCORD_KIND_NONE, NULL));
	REFUSED(accord_doc_remove_section(doc, NULL));
	REFUSED(accord_doc_remove_section(doc, gone));
	REFUSED(accord_doc_remove_section(doc, o1));
	REFUSED(accord_doc_move_section(doc, NULL, s1));
	REFUSED(accord_doc_move_section(doc, s1, s1));
	REFUSED(accord_doc_move_section(doc, gone, s1));
	REFUSED(accord_doc_move_section(doc, o1, NULL));
	REFUSED(accord_doc_move_section(doc, s1, o1));
	REFUSED(accord_doc_move_section(doc, s1, gone));
	REFUSED(accord_section_set_heading(s1, "x", (accord_section_kind)3, NULL));
	/* paragraphs */
	REFUSED(accord_doc_insert_para(&out_p, doc, s1, NULL, NULL, NULL, NULL, NULL));
	assert_null(out_p);
	REFUSED(accord_doc_insert_para(NULL, doc, NULL, NULL, NULL, NULL, NULL, "x"));
	REFUSED(accord_doc_insert_para(NULL, doc, o1, NULL, NULL, NULL, NULL, "x"));
	REFUSED(accord_doc_insert_para(NULL, doc, gone, NULL, NULL, NULL, NULL, "x"));
	REFUSED(accord_doc_insert_para(NULL, doc, s2, b, NULL, NULL, NULL, "x"));     /* parent in another section */
	REFUSED(accord_doc_insert_para(NULL, doc, s2, dead, NULL, NULL, NULL, "x"));  /* removed parent */
	REFUSED(accord_doc_insert_para(NULL, doc, s1, NULL, child, NULL, NULL, "x")); /* after: another parent's */
	REFUSED(accord_doc_insert_para(NULL, doc, s1, b, a, NULL, NULL, "x"));
	REFUSED(accord_doc_insert_para(NULL, doc, s1, NULL, p4, NULL, NULL, "x"));    /* after: another section's */
	REFUSED(accord_doc_insert_para(NULL, doc, s2, NULL, dead, NULL, NULL, "x"));  /* after: removed */
	REFUSED(accord_doc_insert_para(NULL, doc, s1, NULL, NULL, "p2", NULL, "x"));  /* id in use */
	REFUSED(accord_doc_insert_para(NULL, doc, s1, NULL, NULL, "", NULL, "x"));
	REFUSED(accord_doc_add_para(NULL, doc, NULL, NULL, NULL, NULL, "x"));
	REFUSED(accord_doc_remove_para(doc, NULL));
	REFUSED(accord_doc_remove_para(doc, dead));
	REFUSED(accord_doc_remove_para(doc, accord_doc_find_para(other, "p1")));
	REFUSED(accord_doc_move_para(doc, NULL, s1, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, a, s1, NULL, a));       /* after itself */
	REFUSED(accord_doc_move_para(doc, b, s1, child, NULL));   /* under its own child */
	REFUSED(accord_doc_move_para(doc, b, s1, b, NULL));       /* under itself */
	REFUSED(accord_doc_move_para(doc, dead, s1, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, accord_doc_find_para(other, "p1"), s1, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, a, NULL, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, a, o1, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, a, gone, NULL, NULL));
	REFUSED(accord_doc_move_para(doc, a, s2, NULL, child));   /* after: not in that list */
	REFUSED(accord_doc_move_para(doc, a, s1, NULL, dead));
	REFUSED(accord_para_set_text(a, NULL));
	REFUSED(accord_para_set_text_len(a, NULL, 0));
	/* metadata, notes, footnotes */
	REFUSED(accord_doc_set_meta(doc, (accord_meta_field)ACCORD_META_COUNT, "x"));
	REFUSED(accord_doc_add_note(doc, NULL));
	REFUSED(accord_doc_add_footnote(&out_f, doc, NULL, "x"));
	assert_null(out_f);
	REFUSED(accord_doc_add_footnote(NULL, doc, "", "x"));
	REFUSED(accord_doc_add_footnote(NULL, doc, "2", NULL));
	REFUSED(accord_doc_add_footnote(NULL, doc, "1", "again"));
	REFUSED(accord_doc_remove_footnote(doc, accord_doc_footnote(other, 0)));
	REFUSED(accord_footnote_set_text(accord_doc_footnote(doc, 0), NULL));
#undef REFUSED
	/* what is not there is NULL */
	assert_null(accord_doc_meta(doc, (accord_meta_field)ACCORD_META_COUNT));
	assert_null(accord_doc_note(doc, accord_doc_note_count(doc)));
	assert_null(accord_doc_section(doc, accord_doc_section_count(doc)));
	assert_null(accord_section_para(s1, accord_section_para_count(s1)));
	assert_null(accord_para_child(b, accord_para_child_count(b)));
	assert_null(accord_doc_footnote(doc, accord_doc_footnote_count(doc)));
	assert_null(accord_doc_find_footnote(doc, "2"));
	assert_null(accord_doc_find_section(doc, accord_section_id(gone)));
	assert_null(accord_doc_find_para(doc, "p5"));
	assert_null(accord_doc_warning(doc, 0, NULL, NULL));
	/* the last of each list is there, at its index */
	assert_ptr_equal(accord_doc_section(doc, 1), s2);
	assert_int_equal(accord_section_index(s2), 1);
	assert_ptr_equal(accord_section_para(s1, 1), b);
	assert_int_equal(accord_para_index(b), 1);
	assert_ptr_equal(accord_para_child(b, 0), child);
	assert_ptr_equal(accord_doc_find_footnote(doc, "1"), accord_doc_footnote(doc, 0));
	accord_doc_free(before);
	accord_doc_free(other);
	accord_doc_free(doc);
}

/* Names of modes, kinds and metadata fields, both ways; warnings; ids given and fresh. */
static void test_doc__names_warnings_and_ids(void **state)
{
	static const char *const modes[] = {"opinion", "generic"};
	static const char *const kinds[] = {"none", "preambular", "operative"};
	static const char *const fields[] = {"symbol", "title", "source", "body"};
	accord_doc *doc;
	accord_section *s;
	accord_para *p;
	unsigned line = 0, col = 0;
	int i;
	(void)state;
	for (i = 0; i < 2; i++) {
		assert_string_equal(accord_doc_mode_name((accord_doc_mode)i), modes[i]);
		assert_int_equal(accord_doc_mode_from_name(modes[i]), i);
	}
	for (i = 0; i < 3; i++) {
		assert_string_equal(accord_section_kind_name((accord_section_kind)i), kinds[i]);
		assert_int_equal(accord_section_kind_from_name(kinds[i]), i);
	}
	for (i = 0; i < ACCORD_META_COUNT; i++) {
		assert_string_equal(accord_meta_field_name((accord_meta_field)i), fields[i]);
		assert_int_equal(accord_meta_field_from_name(fields[i]), i);
	}
	assert_string_equal(accord_doc_mode_name((accord_doc_mode)2), "unknown");
	assert_string_equal(accord_section_kind_name((accord_section_kind)3), "unknown");
	assert_string_equal(accord_meta_field_name((accord_meta_field)ACCORD_META_COUNT), "unknown");
	assert_int_equal(accord_doc_mode_from_name("Opinion"), -1);
	assert_int_equal(accord_section_kind_from_name("notes"), -1);
	assert_int_equal(accord_meta_field_from_name("notes"), -1);
	assert_int_equal(accord_meta_field_from_name(NULL), -1);
	assert_int_equal(accord_doc_mode_from_name(""), -1);

	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	assert_int_equal(accord_doc_add_warning(doc, 3, 7, "line %d is %s", 3, "odd"), 0);
	for (i = 0; i < 20; i++) /* past the first block of warnings */
		assert_int_equal(accord_doc_add_warning(doc, (unsigned)i, 1, "w%d", i), 0);
	assert_int_equal(accord_doc_warning_count(doc), 21);
	assert_string_equal(accord_doc_warning(doc, 0, &line, &col), "line 3 is odd");
	assert_int_equal(line, 3);
	assert_int_equal(col, 7);
	assert_string_equal(accord_doc_warning(doc, 20, &line, NULL), "w19");
	assert_int_equal(line, 19);
	/* ids: a given "p10" moves the fresh ones past it; "p" or "px1" do not */
	assert_int_equal(accord_doc_add_section(&s, doc, "s7", NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_string_equal(accord_section_id(s), "s8");
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, "p", NULL, "a"), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, "px1", NULL, "b"), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, NULL, NULL, "c"), 0);
	assert_string_equal(accord_para_id(p), "p1");
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, "p10", NULL, "d"), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, "p4", NULL, "e"), 0);
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, NULL, NULL, "f"), 0);
	assert_string_equal(accord_para_id(p), "p11");
	/* a fresh id skips one in use */
	assert_int_equal(accord_doc_add_para(&p, doc, s, NULL, "p12x", NULL, "g"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, "s9x", NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_string_equal(accord_section_id(s), "s9");
	accord_doc_free(doc);
}

/* A copy of build_sample with one change (by number), or none (-1). */
static accord_doc *changed_sample(int change)
{
	accord_doc *doc = build_sample();
	accord_section *s1 = accord_doc_section(doc, 0), *s2 = accord_doc_section(doc, 1);
	accord_para *p2 = accord_doc_find_para(doc, "p2"), *p3 = accord_doc_find_para(doc, "p3");
	switch (change) {
	case 0: accord_doc_set_mode(doc, ACCORD_MODE_GENERIC); break;
	case 1: assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "X/1"), 0); break;
	case 2: assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "T"), 0); break;
	case 3: assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, "S"), 0); break;
	case 4: assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The sixth Forum,"), 0); break;
	case 5: assert_int_equal(accord_doc_add_note(doc, "n"), 0); break;
	case 6: assert_int_equal(accord_section_set_heading(s1, "noting", ACCORD_KIND_PREAMBULAR, NULL), 0); break;
	case 7: assert_int_equal(accord_section_set_heading(s1, "recognizing", ACCORD_KIND_OPERATIVE, NULL), 0); break;
	case 8: assert_int_equal(accord_section_set_heading(s2, "invites Member States", ACCORD_KIND_OPERATIVE, "States"), 0); break;
	case 9: assert_int_equal(accord_section_set_heading(s1, NULL, ACCORD_KIND_PREAMBULAR, NULL), 0); break;
	case 10: assert_int_equal(accord_para_set_label(p2, "c)"), 0); break;
	case 11: assert_int_equal(accord_para_set_label(p2, NULL), 0); break;
	case 12: assert_int_equal(accord_para_set_text(p3, "child two;"), 0); break;
	case 13: assert_int_equal(accord_doc_add_para(NULL, doc, s1, p3, NULL, NULL, "grandchild"), 0); break;
	case 14: assert_int_equal(accord_doc_move_para(doc, p3, s1, NULL, p2), 0); break; /* same text, not nested */
	case 15: assert_int_equal(accord_doc_add_section(NULL, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0); break;
	case 16: assert_int_equal(accord_footnote_set_text(accord_doc_footnote(doc, 0), "A note!"), 0); break;
	case 17: assert_int_equal(accord_doc_remove_footnote(doc, accord_doc_footnote(doc, 0)), 0);
		 assert_int_equal(accord_doc_add_footnote(NULL, doc, "2", "A note."), 0); break;
	case 18: assert_int_equal(accord_doc_add_footnote(NULL, doc, "2", "Another."), 0); break;
	case 19: assert_int_equal(accord_doc_remove_para(doc, accord_doc_find_para(doc, "p4")), 0); break;
	default: break;
	}
	return doc;
}

/* Equality sees every part of the model, and not ids, lines, origins or warnings. */
static void test_doc__equality_sees_every_part(void **state)
{
	accord_doc *a = build_sample(), *b;
	int change;
	(void)state;
	for (change = 0; change < 20; change++) {
		b = changed_sample(change);
		if (accord_doc_equal(a, b) || accord_doc_equal(b, a))
			fail_msg("change %d is not seen", change);
		accord_doc_free(b);
	}
	b = changed_sample(-1);
	assert_true(accord_doc_equal(a, b));
	assert_int_equal(accord_doc_set_origin(b, "elsewhere.txt"), 0);
	assert_int_equal(accord_doc_add_warning(b, 1, 1, "w"), 0);
	accord_para_set_line(accord_doc_find_para(b, "p1"), 7);
	accord_section_set_line(accord_doc_section(b, 0), 3);
	accord_footnote_set_line(accord_doc_footnote(b, 0), 9);
	assert_true(accord_doc_equal(a, b));
	accord_doc_free(b);
	/* ids are not compared: the same paragraphs under other ids */
	assert_int_equal(accord_doc_new(&b, ACCORD_MODE_OPINION), 0);
	{
		accord_section *s1, *s2;
		accord_para *p;
		assert_int_equal(accord_doc_set_meta(b, ACCORD_META_BODY, "The fifth Forum (Geneva, 2013),"), 0);
		assert_int_equal(accord_doc_add_section(&s1, b, "x1", "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
		assert_int_equal(accord_doc_add_para(NULL, b, s1, NULL, "q1", "a)", "that one;"), 0);
		assert_int_equal(accord_doc_add_para(&p, b, s1, NULL, "q2", "b)", "that two:"), 0);
		assert_int_equal(accord_doc_add_para(NULL, b, s1, p, "q3", "i)", "child one;"), 0);
		assert_int_equal(accord_doc_add_section(&s2, b, "x2", "invites Member States", ACCORD_KIND_OPERATIVE,
					 "Member States"),
			0);
		assert_int_equal(accord_doc_add_para(NULL, b, s2, NULL, "q4", NULL, "to act."), 0);
		assert_int_equal(accord_doc_add_footnote(NULL, b, "1", "A note."), 0);
	}
	assert_true(accord_doc_equal(a, b));
	accord_doc_free(b);
	accord_doc_free(a);
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
		cmocka_unit_test(test_doc__refusals_leave_the_document_unchanged),
		cmocka_unit_test(test_doc__names_warnings_and_ids),
		cmocka_unit_test(test_doc__equality_sees_every_part),
		cmocka_unit_test(test_doc__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
