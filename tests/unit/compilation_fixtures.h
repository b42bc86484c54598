/*
** compilation_fixtures.h: what test_consolidate and test_render_compilation
** share: the small base text, rendering through a convention, and a check
** that tells what is missing (include after cmocka.h).
*/
#ifndef ACCORD_TEST_COMPILATION_FIXTURES_H
#define ACCORD_TEST_COMPILATION_FIXTURES_H

#include <stdio.h>
#include <string.h>

#include "accord/consolidate.h"
#include "accord/doc.h"

/*
** s1 recognizing: p1 a) "that the Internet is a global resource;"
**                 p2 b) "that all stakeholders have roles;"
** s2 invites:     p3 a) "Member States to contribute."
** Tokens of p1: that(0) _(1) the(2) _(3) Internet(4) _(5) is(6) _(7) a(8) _(9) global(10) _(11) resource(12) ;(13)
*/
static accord_doc *small_base(void)
{
	accord_doc *doc;
	accord_section *s1, *s2;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The Forum,"), 0);
	assert_int_equal(accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, NULL, NULL, "a)", "that the Internet is a global resource;"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, NULL, NULL, "b)", "that all stakeholders have roles;"), 0);
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, "invites", ACCORD_KIND_OPERATIVE, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, "a)", "Member States to contribute."), 0);
	return doc;
}

/* A compilation of base with the given lists, built. */
static inline accord_compilation *compile_lists(const accord_doc *base, accord_amendment_list **lists, size_t n)
{
	accord_compilation *c;
	accord_error err;
	size_t i;
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(accord_compilation_add_amendments(c, lists[i], &err), 0);
	if (accord_compilation_build(c, &err) != 0)
		fail_msg("build: %s", err.message);
	return c;
}

static int contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL) {
		print_error("missing: %s\nin:\n%s\n", needle, hay);
		return 0;
	}
	return 1;
}

static char *render_with(const accord_compilation *c, accord_format format, const accord_brackets *b)
{
	accord_buf out = ACCORD_BUF_INIT;
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	accord_error err;
	ro.brackets = b;
	if (accord_compilation_render(&out, c, format, &ro, &err) != 0)
		fail_msg("render: %s", err.message);
	return accord_buf_detach(&out);
}

#endif
