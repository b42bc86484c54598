/* test_render_outline.c: the outline view of a document (accord parse's default). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/format.h"

static accord_doc *build_opinion(void)
{
	accord_doc *doc;
	accord_section *s1, *s2;
	accord_para *b;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "WTPF-IEG/2/10"), 0);
	assert_int_equal(accord_doc_add_note(doc, "Comments of I.R. of Iran for"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The fifth Forum (Geneva, 2013),"), 0);
	assert_int_equal(accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, NULL, NULL, "a)", "that one;"), 0);
	assert_int_equal(accord_doc_add_para(&b, doc, s1, NULL, NULL, "b)", "that two:"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, b, NULL, "i)", "child\tone;\nnext line"), 0);
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, "invites Member States", ACCORD_KIND_OPERATIVE,
				 "Member States"),
		0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, NULL, "to act."), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", "A note."), 0);
	assert_int_equal(accord_doc_add_warning(doc, 7, 3, "dropped Word bookmark '%s'", "[bookmark: _GoBack]"), 0);
	return doc;
}

static void test_render_outline__shows_every_part(void **state)
{
	static const char expected[] =
		"document  WTPF-IEG/2/10\n"
		"note      Comments of I.R. of Iran for\n"
		"body      The fifth Forum (Geneva, 2013),\n"
		"mode      opinion: 2 sections, 4 paragraphs, 1 footnote, 1 warning\n"
		"\n"
		"s1  recognizing  [preambular]\n"
		"  p1  a)  that one;\n"
		"  p2  b)  that two:\n"
		"    p3  i)  child one; next line\n"
		"\n"
		"s2  invites Member States  [operative; addressee: Member States]\n"
		"  p4  to act.\n"
		"\n"
		"footnotes\n"
		"  [1]  A note.\n"
		"\n"
		"warnings\n"
		"  7:3  dropped Word bookmark '[bookmark: _GoBack]'\n";
	accord_doc *doc = build_opinion();
	accord_buf out = ACCORD_BUF_INIT;
	(void)state;
	assert_int_equal(accord_doc_render_outline(&out, doc, 80), 0);
	assert_string_equal(out.ptr, expected);
	accord_buf_dispose(&out);
	accord_doc_free(doc);
}

static void test_render_outline__cuts_long_text_on_characters(void **state)
{
	accord_doc *doc;
	accord_section *s;
	accord_buf out = ACCORD_BUF_INIT;
	char text[400];
	const char *line;
	size_t i;
	(void)state;
	/* 100 two-byte characters: a cut in bytes would split one. */
	for (i = 0; i < 100; i++)
		memcpy(text + 2 * i, "\xc3\xa9", 2);
	text[200] = '\0';
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, text), 0);

	assert_int_equal(accord_doc_render_outline(&out, doc, 40), 0);
	line = strstr(out.ptr, "  p1  ");
	assert_non_null(line);
	/* "  p1  " (6 columns) + 31 characters + "..." = 40 columns. */
	assert_memory_equal(line + 6 + 31 * 2, "...\n", 4);
	assert_non_null(strstr(out.ptr, "s1  (no heading)\n"));
	assert_non_null(strstr(out.ptr, "mode      generic: 1 section, 1 paragraph, 0 footnotes, 0 warnings\n"));

	/* Width 0 never cuts. */
	accord_buf_clear(&out);
	assert_int_equal(accord_doc_render_outline(&out, doc, 0), 0);
	assert_non_null(strstr(out.ptr, text));
	assert_null(strstr(out.ptr, "..."));
	accord_buf_dispose(&out);
	accord_doc_free(doc);
}

/*
** Every part exactly, at two widths: source and title, notes, a section without kind but with an
** addressee, one without heading, ids padded to the widest, empty labels left out, line breaks,
** tabs and carriage returns as spaces, cuts at the width (a text that fits exactly is kept; no
** blank before "..."), and at least 24 columns of text however narrow the width.
*/
static void test_render_outline__every_field_and_cut_exactly(void **state)
{
	static const char head[] = "document  X/1\n"
				   "source    United States\n"
				   "note      first note\n"
				   "note      second note\n"
				   "title     OPINION (1)\n"
				   "mode      opinion: 2 sections, 12 paragraphs, 2 footnotes, 2 warnings\n"
				   "\n"
				   "s1  noting well  [addressee: All]\n";
	static const char middle[] = "  p4   carriage return\n"
				     "  p5   para 0\n"
				     "  p6   para 1\n"
				     "  p7   para 2\n"
				     "  p8   para 3\n"
				     "  p9   para 4\n"
				     "  p10  para 5\n"
				     "\n"
				     "s2  (no heading)  [operative]\n"
				     "  p11  x\n"
				     "  p12  y\n"
				     "\n"
				     "footnotes\n";
	static const char tail[] = "  [13]  Short.\n"
				   "\n"
				   "warnings\n"
				   "  1:2  one\n"
				   "  3:4  two lines\n";
	accord_doc *doc;
	accord_section *s, *s2;
	accord_buf out = ACCORD_BUF_INIT, want = ACCORD_BUF_INIT;
	char t[32];
	int i;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "X/1"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, "United\nStates"), 0);
	assert_int_equal(accord_doc_add_note(doc, "first note"), 0);
	assert_int_equal(accord_doc_add_note(doc, "second\tnote"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "OPINION (1)"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "noting\nwell", ACCORD_KIND_NONE, "All"), 0);
	/* "  p1   a)  " is 11 columns: at width 40, 29 are left for the text */
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "a)", "123456789012345678901234567890"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "b)", "12345678901234567890123456789"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, "12345678901234567890123456789 12345"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "", "carriage\rreturn"), 0);
	for (i = 0; i < 6; i++) {
		snprintf(t, sizeof(t), "para %d", i);
		assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, t), 0);
	}
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, NULL, ACCORD_KIND_OPERATIVE, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, NULL, "x"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, NULL, "y"), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "12", "A footnote long enough to be cut at forty columns."), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "13", "Short."), 0);
	assert_int_equal(accord_doc_add_warning(doc, 1, 2, "one"), 0);
	assert_int_equal(accord_doc_add_warning(doc, 3, 4, "two\nlines"), 0);

	assert_int_equal(accord_doc_render_outline(&out, doc, 40), 0);
	assert_int_equal(accord_buf_puts(&want, head), 0);
	assert_int_equal(accord_buf_puts(&want, "  p1   a)  12345678901234567890123456...\n"
						"  p2   b)  12345678901234567890123456789\n"
						"  p3   12345678901234567890123456789...\n"),
		0);
	assert_int_equal(accord_buf_puts(&want, middle), 0);
	assert_int_equal(accord_buf_puts(&want, "  [12]  A footnote long enough to be...\n"), 0);
	assert_int_equal(accord_buf_puts(&want, tail), 0);
	assert_string_equal(out.ptr, want.ptr);

	accord_buf_clear(&out);
	accord_buf_clear(&want);
	assert_int_equal(accord_doc_render_outline(&out, doc, 20), 0);
	assert_int_equal(accord_buf_puts(&want, head), 0);
	assert_int_equal(accord_buf_puts(&want, "  p1   a)  123456789012345678901...\n"
						"  p2   b)  123456789012345678901...\n"
						"  p3   123456789012345678901...\n"),
		0);
	assert_int_equal(accord_buf_puts(&want, middle), 0);
	assert_int_equal(accord_buf_puts(&want, "  [12]  A footnote long enoug...\n"), 0);
	assert_int_equal(accord_buf_puts(&want, tail), 0);
	assert_string_equal(out.ptr, want.ptr);
	accord_buf_dispose(&out);
	accord_buf_dispose(&want);
	accord_doc_free(doc);
}

static void test_render_outline__rejects_null(void **state)
{
	accord_buf out = ACCORD_BUF_INIT;
	(void)state;
	assert_int_equal(accord_doc_render_outline(&out, NULL, 80), ACCORD_EINVAL);
	assert_int_equal(accord_doc_render_outline(NULL, NULL, 80), ACCORD_EINVAL);
}

static void test_render_outline__allocation_failure(void **state)
{
	accord_doc *doc = build_opinion();
	accord_buf expected = ACCORD_BUF_INIT;
	long n;
	(void)state;
	assert_int_equal(accord_doc_render_outline(&expected, doc, 80), 0);
	for (n = 0;; n++) {
		accord_buf out = ACCORD_BUF_INIT;
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_doc_render_outline(&out, doc, 80);
		accord_alloc_fail_after(-1);
		accord_buf_dispose(&out);
		if (rc == ACCORD_OK)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
	}
	assert_true(n > 0);
	accord_buf_dispose(&expected);
	accord_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_outline__shows_every_part),
		cmocka_unit_test(test_render_outline__cuts_long_text_on_characters),
		cmocka_unit_test(test_render_outline__every_field_and_cut_exactly),
		cmocka_unit_test(test_render_outline__rejects_null),
		cmocka_unit_test(test_render_outline__allocation_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
