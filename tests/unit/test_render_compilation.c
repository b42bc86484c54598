/*
** test_render_compilation.c: the compilation a chair projects (issue 11):
** every proposal with its amendment id (and in ITU bodies its mark), a
** neutral number under an anonymous convention, a session's states beside
** the proposals, no blank inside a new paragraph's brackets, footnote
** references as links, the legend from a roster (and parties outside it
** refused), the page's title and revision from the base.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accord/consolidate.h"
#include "accord/doc.h"
#include "accord/roster.h"
#include "compilation_fixtures.h"

/* One amendment of party: MOD of p1's tokens [start, start+count) to text, ADD after p1, or SUP of p2. */
static void add(accord_amendment_list *l, accord_op op, const char *id, const char *party, uint32_t start,
	uint32_t count, const char *base_text, const char *text)
{
	accord_amendment a;
	accord_edit e;
	const char *proposers[1] = {party};
	memset(&a, 0, sizeof(a));
	memset(&e, 0, sizeof(e));
	a.id = id;
	a.op = op;
	a.proposers = proposers;
	a.n_proposers = 1;
	if (op == ACCORD_OP_MOD) {
		e.kind = count == 0 ? ACCORD_EDIT_INSERT : ACCORD_EDIT_REPLACE;
		e.base_start = start;
		e.base_count = count;
		e.base_text = base_text;
		e.text = text;
		a.target = "p1";
		a.edits = &e;
		a.n_edits = 1;
	} else if (op == ACCORD_OP_ADD) {
		a.position.section = "s1";
		a.position.after = "p1";
		a.text = text;
	} else {
		a.target = "p2";
		a.text = "that all stakeholders have roles;";
	}
	assert_int_equal(accord_amendments_add(l, &a), 0);
}

/* XXA replaces "global" (XXA/1), YYB adds a paragraph after a) (YYB/1), ZZC deletes b) (ZZC/1); built. */
static accord_compilation *three_parties(const accord_doc *base, const char *new_text)
{
	accord_amendment_list *l;
	accord_compilation *c;
	accord_error err;
	assert_int_equal(accord_amendments_new(&l), 0);
	add(l, ACCORD_OP_MOD, "XXA/1", "XXA", 10, 1, "global", "common");
	add(l, ACCORD_OP_ADD, "YYB/1", "YYB", 0, 0, NULL, new_text);
	add(l, ACCORD_OP_SUP, "ZZC/1", "ZZC", 0, 0, NULL, NULL);
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	accord_amendments_free(l);
	if (accord_compilation_build(c, &err) != 0)
		fail_msg("build: %s", err.message);
	return c;
}

/* The ITU form: mark, id, parties. */
static void itu(accord_brackets *b)
{
	accord_brackets_default(b);
	b->insert = "[%k %i (%p): %t]";
	b->replace = "[%b] [%k %i (%p): %t]";
	b->delete_text = "[%b] (%k %i (%p): delete)";
	b->alternative = "Option %n: [%k %i (%p): %t]";
	b->new_paragraph = "[%k %i (%p): %t]";
	b->delete_paragraph = "[Delete paragraph %k %i (%p)]";
}

static void test_render_compilation__ids_and_marks_in_every_markup(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c = three_parties(base, "that a new text is proposed.");
	accord_brackets b;
	char *out;
	(void)state;
	itu(&b);
	assert_int_equal(accord_brackets_check(&b, NULL), 0);
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_true(contains(out, "a)\tthat the Internet is a [global] [MOD XXA/1 (XXA): common] resource;\n"));
	assert_true(contains(out, "a bis)\t[Label (YYB): ] [ADD YYB/1 (YYB): that a new text is proposed.]\n"));
	assert_true(contains(out, "b)\t[that all stakeholders have roles;] (SUP ZZC/1 (ZZC): delete)\n"));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_MARKDOWN, &b);
	assert_true(contains(out, "\\[MOD XXA/1 (XXA): **common**\\]"));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_HTML, &b);
	assert_true(contains(out, "<span class=\"mk\">ADD</span><span class=\"mk\"> </span><span class=\"id\">YYB/1</span>"));
	accord_free(out);
	/* unknown placeholders are still refused, %i and %k only where a proposal is written */
	b.no_change = "[NOC %i: %b]";
	assert_int_equal(accord_brackets_check(&b, NULL), ACCORD_EINVAL);
	accord_compilation_free(c);
	accord_doc_free(base);
}

static void test_render_compilation__anonymous_ids_are_neutral_numbers(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c = three_parties(base, "that a new text is proposed.");
	accord_brackets b;
	static const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML,
		ACCORD_FORMAT_JSON, ACCORD_FORMAT_YAML};
	size_t i;
	char *out;
	(void)state;
	accord_brackets_default(&b);
	b.anonymous = 1;
	b.insert = "[%i: %t]";
	b.replace = "[%b] [%i: %t]";
	b.delete_text = "[%b] (%i: delete)";
	b.alternative = "Alt %n: [%i: %t]";
	b.new_paragraph = "[%i: %t]";
	b.new_section = "[%i: %t]";
	b.delete_paragraph = "[Delete paragraph %i]";
	b.move_paragraph = "[Move %i: %t]";
	b.delete_section = "[Delete section %i]";
	b.move_section = "[Move section %i: %t]";
	assert_int_equal(accord_brackets_check(&b, NULL), 0);
	/* the proposals in the order of the compilation: a chair can still say "number 2" */
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_true(contains(out, "[global] [#1: common]"));
	assert_true(contains(out, "a bis)\t[#2: that a new text is proposed.]\n"));
	assert_true(contains(out, "(#3: delete)"));
	accord_free(out);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		out = render_with(c, formats[i], &b);
		if (strstr(out, "XXA") || strstr(out, "YYB") || strstr(out, "ZZC"))
			fail_msg("format %zu names a party:\n%s", i, out);
		accord_free(out);
	}
	accord_compilation_free(c);
	accord_doc_free(base);
}

static void test_render_compilation__states_beside_the_proposals(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c = three_parties(base, "that a new text is proposed.");
	accord_brackets b;
	char *out;
	(void)state;
	assert_int_equal(accord_compilation_set_state(c, "XXA/1", "agreed_ad_ref"), 0);
	assert_int_equal(accord_compilation_set_state(c, "YYB/1", "bracketed"), 0);
	assert_int_equal(accord_compilation_set_state(c, "ZZC/1", "proposed"), 0); /* nothing to say */
	assert_int_equal(accord_compilation_set_state(c, "NONE/1", "bracketed"), ACCORD_ENOTFOUND);
	assert_int_equal(accord_compilation_set_state(NULL, "XXA/1", "bracketed"), ACCORD_EINVAL);
	assert_string_equal(accord_compilation_state(c, "XXA/1"), "agreed_ad_ref");
	assert_null(accord_compilation_state(c, "ZZC/1"));
	out = render_with(c, ACCORD_FORMAT_TEXT, NULL);
	assert_true(contains(out, "[global] [XXA; agreed ad ref: common]"));
	assert_true(contains(out, "a bis)\t[Label (YYB; bracketed): ] [YYB; bracketed: that a new text is proposed.]\n"));
	assert_true(contains(out, "[Delete (ZZC): that all stakeholders have roles;]"));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_JSON, NULL);
	assert_true(contains(out, "\"state\": \"agreed_ad_ref\""));
	assert_true(contains(out, "\"state\": \"bracketed\""));
	accord_free(out);
	/* without %p (an anonymous convention) the note follows the number */
	itu(&b);
	b.anonymous = 1;
	b.replace = "[%b] [%i: %t]";
	b.insert = b.new_paragraph = "[%i: %t]";
	b.delete_text = "[%b] (%i: delete)";
	b.alternative = "[%i: %t]";
	b.delete_paragraph = "[Delete paragraph]";
	b.move_paragraph = "[Move: %t]";
	b.new_section = "[%t]";
	b.delete_section = "[Delete section]";
	b.move_section = "[Move section: %t]";
	assert_int_equal(accord_brackets_check(&b, NULL), 0);
	out = render_with(c, ACCORD_FORMAT_TEXT, &b);
	assert_true(contains(out, "[global] [#1; agreed ad ref: common]"));
	accord_free(out);
	/* back to proposed: no note */
	assert_int_equal(accord_compilation_set_state(c, "XXA/1", NULL), 0);
	out = render_with(c, ACCORD_FORMAT_TEXT, NULL);
	assert_true(contains(out, "[global] [XXA: common]"));
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* A new paragraph's blanks at its edges are nothing: not inside its brackets, in any markup. */
static void test_render_compilation__no_blank_inside_a_new_paragraphs_brackets(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c = three_parties(base, "  \tspaced new text  ");
	char *out;
	(void)state;
	out = render_with(c, ACCORD_FORMAT_TEXT, NULL);
	assert_true(contains(out, "a bis)\t[Label (YYB): ] [YYB: spaced new text]\n"));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_MARKDOWN, NULL);
	assert_true(contains(out, "\\[YYB: **spaced new text**\\]"));
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* Footnote references in base and proposed text link to the notes, as `accord parse` writes them. */
static void test_render_compilation__footnote_references_are_links(void **state)
{
	accord_doc *base = small_base();
	accord_amendment_list *l;
	accord_compilation *c;
	accord_error err;
	char *out;
	(void)state;
	assert_int_equal(accord_amendments_new(&l), 0);
	add(l, ACCORD_OP_MOD, "XXA/1", "XXA", 13, 0, NULL, "[footnoteRef:12]");
	assert_int_equal(accord_compilation_new(&c, base, &err), 0);
	assert_int_equal(accord_compilation_add_amendments(c, l, &err), 0);
	assert_int_equal(accord_compilation_build(c, &err), 0);
	out = render_with(c, ACCORD_FORMAT_HTML, NULL);
	assert_true(contains(out, "<sup class=\"ref\"><a href=\"#fn-12\">12</a></sup>"));
	assert_true(strstr(out, "[footnoteRef:") == NULL);
	accord_free(out);
	accord_compilation_free(c);
	accord_amendments_free(l);
	accord_doc_free(base);
}

static const char roster_yaml[] = "roles:\n  member: Member\nparties:\n"
				  "  - {code: XXA, name: Xanadu, role: member}\n"
				  "  - {code: YYB, name: Yonder Bay, role: member}\n";

static void test_render_compilation__roster_names_and_refuses(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c = three_parties(base, "that a new text is proposed.");
	accord_roster *r = NULL, *all = NULL;
	accord_error err;
	char *out, *more;
	size_t i;
	(void)state;
	assert_int_equal(accord_roster_parse(&r, roster_yaml, strlen(roster_yaml), "roster.yaml", &err), 0);
	/* ZZC is not in it: refused, and nothing changes */
	assert_int_equal(accord_compilation_set_roster(c, r, &err), ACCORD_ENOTFOUND);
	assert_string_equal(err.message, "party ZZC is not in the roster");
	for (i = 0; i < accord_compilation_party_count(c); i++)
		assert_string_equal(accord_compilation_party_name(c, i), accord_compilation_party(c, i));
	assert_int_equal(accord_compilation_set_roster(c, NULL, &err), ACCORD_EINVAL);
	more = malloc(sizeof(roster_yaml) + 64);
	assert_non_null(more);
	snprintf(more, sizeof(roster_yaml) + 64, "%s  - {code: ZZC, name: Zed, role: member}\n", roster_yaml);
	assert_int_equal(accord_roster_parse(&all, more, strlen(more), "roster.yaml", &err), 0);
	assert_int_equal(accord_compilation_set_roster(c, all, &err), 0);
	accord_roster_free(all); /* not kept */
	assert_string_equal(accord_compilation_party_name(c, 0), "Xanadu");
	out = render_with(c, ACCORD_FORMAT_HTML, NULL);
	assert_true(contains(out, "<b>YYB</b> <span class=\"n\">Yonder Bay</span>"));
	accord_free(out);
	free(more);
	accord_roster_free(r);
	accord_compilation_free(c);
	accord_doc_free(base);
}

/* The title is the base's, never a proposed one; a revision's page says which revision. */
static void test_render_compilation__title_and_revision_from_the_base(void **state)
{
	accord_doc *base = small_base();
	accord_compilation *c;
	char *out;
	(void)state;
	assert_int_equal(accord_doc_set_origin(base, "Rev.2"), 0);
	c = three_parties(base, "that a new text is proposed.");
	out = render_with(c, ACCORD_FORMAT_TEXT, NULL);
	assert_true(strncmp(out, "Compilation of proposals on Rev.2 (XXA, YYB, ZZC)\n", 50) == 0);
	accord_free(out);
	assert_int_equal(accord_doc_set_meta(base, ACCORD_META_SYMBOL, "WTPF/1"), 0);
	assert_int_equal(accord_doc_set_meta(base, ACCORD_META_TITLE, "OPINION 1"), 0);
	out = render_with(c, ACCORD_FORMAT_HTML, NULL);
	assert_true(contains(out, "<title>OPINION 1 \xe2\x80\x94 WTPF/1 (Rev.2)</title>"));
	assert_true(contains(out, "<div class=\"meta\">Base text: WTPF/1 (Rev.2) &middot; "));
	accord_free(out);
	out = render_with(c, ACCORD_FORMAT_TEXT, NULL);
	assert_true(strncmp(out, "Compilation of proposals on WTPF/1 (Rev.2) (", 44) == 0);
	accord_free(out);
	accord_compilation_free(c);
	accord_doc_free(base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_compilation__ids_and_marks_in_every_markup),
		cmocka_unit_test(test_render_compilation__anonymous_ids_are_neutral_numbers),
		cmocka_unit_test(test_render_compilation__states_beside_the_proposals),
		cmocka_unit_test(test_render_compilation__no_blank_inside_a_new_paragraphs_brackets),
		cmocka_unit_test(test_render_compilation__footnote_references_are_links),
		cmocka_unit_test(test_render_compilation__roster_names_and_refuses),
		cmocka_unit_test(test_render_compilation__title_and_revision_from_the_base),
	};
	return cmocka_run_group_tests_name("render_compilation", tests, NULL, NULL);
}
