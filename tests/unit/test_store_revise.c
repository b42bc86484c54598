/*
** test_store_revise.c: where a revision puts new paragraphs and what it
** labels them (issue 11). A new paragraph goes where its proposer put it,
** whatever becomes of the amendments around it: after a new paragraph of
** the proposer's own that is not agreed, after a paragraph deleted in this
** or an earlier revision, in a run of new ones, first in a list, first in a
** nested list. No label repeats in its list: one that would gets the
** convention's "a bis)" (or "new)" first); a pack that renumbers at each
** revision has every list renumbered.
**
** The texts are small ones written here (a contribution is the proposer's
** whole text, as submitted), and the WTPF seeds for the case of the issue.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/store.h"
#include "store_fixtures.h"

/* ---- fixtures --------------------------------------------------------------------- */

/* One folder for the group, a session file per test in it. */
typedef struct fixture {
	char dir[64];
	char path[128];
	unsigned n; /* sessions made so far */
} fixture;

static fixture group;

static int group_setup(void **state)
{
	(void)state;
	snprintf(group.dir, sizeof group.dir, "/tmp/test_store_revise.XXXXXX");
	return mkdtemp(group.dir) != NULL ? 0 : -1;
}

static int group_teardown(void **state)
{
	char command[200];
	(void)state;
	snprintf(command, sizeof command, "rm -rf '%s'", group.dir);
	return system(command) == 0 ? 0 : -1;
}

/* recognizing a) b) c) (with a. b. under it) d) */
static const char base_text[] = " TEST TEXT\nThe Forum,\n\trecognizing\n"
				"a)\talpha one;\n"
				"b)\tbravo two;\n"
				"c)\tcharlie three:\n"
				"a.\tnested first;\n"
				"b.\tnested second;\n"
				"d)\tdelta four;\n";

static accord_doc *parse_text(const char *text)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	opts.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&doc, text, strlen(text), &opts, &err) != 0)
		fail_msg("parse: %s", err.message);
	return doc;
}

/* A new session over base (a text; NULL: the WTPF base) with the WTPF roster. */
static accord_session *create_session(const char *base_text_or_null)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_buf roster = ACCORD_BUF_INIT;
	accord_session *s = NULL;
	accord_doc *base = base_text_or_null != NULL ? parse_text(base_text_or_null)
						     : load_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_error err;
	snprintf(group.path, sizeof group.path, "%s/session%u.db", group.dir, ++group.n);
	read_seed(&roster, "roster.yaml");
	init.workflow = "test";
	init.base = base;
	init.base_name = "base.txt";
	init.roster = roster.ptr;
	init.roster_len = roster.size;
	init.roster_name = "roster.yaml";
	if (accord_session_create(&s, group.path, &init, &rules, &err) != 0)
		fail_msg("create: %s", err.message);
	accord_buf_dispose(&roster);
	accord_doc_free(base);
	return s;
}

static void submit(accord_session *s, const char *party, const char *text)
{
	accord_error err;
	if (accord_session_submit(NULL, s, party, "contribution.txt", text, strlen(text), &err) != 0)
		fail_msg("submit %s: %s", party, err.message);
}

static void to_adoption(accord_session *s)
{
	char *stage = NULL;
	accord_error err;
	assert_int_equal(accord_session_stage(&stage, s, "adoption", &err), 0);
	accord_free(stage);
}

/* Agrees amendment id (its proposer supports it; the test rules agree). */
static void agree(accord_session *s, const char *party, const char *id)
{
	accord_session_decision *d = NULL;
	accord_error err;
	size_t n = 0;
	if (accord_session_position(s, party, id, "support", &err) != 0)
		fail_msg("position on %s: %s", id, err.message);
	if (accord_session_decide(&d, &n, s, ACCORD_DECIDE_AMENDMENT, id, &err) != 0)
		fail_msg("decide %s: %s", id, err.message);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].to, ACCORD_STATE_AGREED);
	accord_session_decisions_free(d, n);
}

static void revise(accord_session *s, int renumber)
{
	accord_revise_options opts = ACCORD_REVISE_OPTIONS_INIT;
	accord_revise_result done;
	accord_error err;
	opts.renumber = renumber;
	if (accord_session_revise_with(&done, s, &opts, &err) != 0)
		fail_msg("revise: %s", err.message);
}

/*
** The latest revision's paragraphs in document order, "label first words"
** each, nested ones indented by two spaces per level, one a line.
*/
static void outline(accord_buf *out, accord_session *s)
{
	accord_doc *doc = NULL;
	accord_para *p = NULL;
	accord_error err;
	accord_buf_clear(out);
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	while ((p = accord_doc_next_para(doc, p)) != NULL) {
		const char *text = accord_para_text(p), *end = strchr(text, ' ');
		unsigned d;
		for (d = 0; d < accord_para_depth(p); d++)
			accord_buf_puts(out, "  ");
		accord_buf_printf(out, "%s %.*s\n", accord_para_label(p) != NULL ? accord_para_label(p) : "-",
			end != NULL ? (int)(end - text) : (int)strlen(text), text);
	}
	accord_doc_free(doc);
}

static void assert_outline(accord_session *s, const char *expected)
{
	accord_buf got = ACCORD_BUF_INIT;
	outline(&got, s);
	assert_string_equal(got.ptr, expected);
	accord_buf_dispose(&got);
}

/* ---- placement ------------------------------------------------------------------------ */

/*
** The shape of issue 11: the proposer puts a new b) in, moves its old b)
** under it, and adds a new c) after the new b). Only the new c) is agreed.
** It goes after what came before it in the proposer's text (bravo two,
** which stays where it was), not where the new b) was placed (after a)).
*/
static void test_store_revise__new_paragraph_after_a_rejected_new_one(void **state)
{
	static const char usa[] = " TEST TEXT\nThe Forum,\n\trecognizing\n"
				  "a)\talpha one;\n"
				  "b)\ta wholly different new paragraph on capacity building:\n"
				  "a.\tan inserted sub-item on regional workshops;\n"
				  "b.\tbravo two;\n"
				  "c)\tanother new paragraph about funding mechanisms;\n"
				  "d)\tcharlie three:\n"
				  "a.\tnested first;\n"
				  "b.\tnested second;\n"
				  "e)\tdelta four;\n";
	accord_session *s;
	(void)state;
	s = create_session(base_text);
	submit(s, "USA", usa);
	to_adoption(s);
	agree(s, "USA", "USA/4"); /* the new c) */
	revise(s, 0);
	assert_outline(s, "a) alpha\n"
			  "b) bravo\n"
			  "b bis) another\n"
			  "c) charlie\n"
			  "  a. nested\n"
			  "  b. nested\n"
			  "d) delta\n");
	accord_session_close(s);
}

/* The proposer's IRN text: a new first a), two new ones after alpha, bravo deleted, a new first nested item. */
static const char irn_text[] = " TEST TEXT\nThe Forum,\n\trecognizing\n"
			       "a)\tzero, a new first paragraph on open standards;\n"
			       "b)\talpha one;\n"
			       "c)\ta new paragraph on the digital divide;\n"
			       "d)\ta second new paragraph on spectrum policy;\n"
			       "e)\tcharlie three:\n"
			       "a.\tan inserted nested item on cybersecurity;\n"
			       "b.\tnested first;\n"
			       "c.\tnested second;\n"
			       "f)\tdelta four;\n";

/*
** IRN/1 new first, IRN/3 and IRN/4 after alpha, IRN/5 deletes bravo,
** IRN/7 new first nested: agreed (the relabelling of the old paragraphs is
** not), Rev.1 issued (renumbered or not) and its outline compared.
*/
static void revise_irn(int renumber, const char *expected)
{
	static const char *const ids[] = {"IRN/1", "IRN/3", "IRN/4", "IRN/5", "IRN/7"};
	accord_session *s = create_session(base_text);
	size_t i;
	submit(s, "IRN", irn_text);
	to_adoption(s);
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
		agree(s, "IRN", ids[i]);
	revise(s, renumber);
	assert_outline(s, expected);
	accord_session_close(s);
}

/*
** Labels kept until adoption: a run of new paragraphs goes bis, ter; a new
** first one is "new)"; a new first nested one "new."; none repeats.
*/
static void test_store_revise__runs_firsts_and_nested_keep_labels(void **state)
{
	(void)state;
	revise_irn(0, "new) zero,\n"
		      "a) alpha\n"
		      "a bis) a\n"
		      "a ter) a\n"
		      "c) charlie\n"
		      "  new. an\n"
		      "  a. nested\n"
		      "  b. nested\n"
		      "d) delta\n");
}

/* The same, for a pack that renumbers at each revision. */
static void test_store_revise__renumbered_at_revision(void **state)
{
	(void)state;
	revise_irn(1, "a) zero,\n"
		      "b) alpha\n"
		      "c) a\n"
		      "d) a\n"
		      "e) charlie\n"
		      "  a. an\n"
		      "  b. nested\n"
		      "  c. nested\n"
		      "f) delta\n");
}

/* Proposes a new paragraph (label, text) after paragraph `after` of the latest revision. */
static int propose_new_after(char **id, accord_session *s, const char *party, const char *after, const char *label,
	const char *text)
{
	accord_doc *doc = NULL;
	accord_para *prev, *added = NULL;
	accord_error err;
	int rc;
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	prev = accord_doc_find_para(doc, after);
	assert_non_null(prev);
	assert_int_equal(accord_doc_insert_para(&added, doc, accord_para_section(prev), accord_para_parent(prev), prev,
				 "pnew", label, text),
		0);
	rc = accord_session_propose_doc(id, s, party, doc, -1, NULL, 0, &err);
	if (rc != 0)
		fail_msg("propose: %s", err.message);
	accord_doc_free(doc);
	return rc;
}

/*
** A new paragraph after one a revision deleted: Rev.1 deletes bravo (USA/1),
** Rev.2 agrees BRA's new paragraph, proposed after bravo: it goes after
** alpha, where bravo was; its label c) is charlie's, so it is "a bis)".
** And in the same revision: IRN's new one after delta, deleted by the same
** revision, goes after charlie.
*/
static void test_store_revise__new_paragraph_after_deleted_ones(void **state)
{
	accord_session *s;
	(void)state;
	s = create_session(base_text);
	accord_doc *doc = NULL;
	accord_error err;
	char *del = NULL, *bra = NULL, *irn = NULL, *del2 = NULL;

	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	assert_int_equal(accord_doc_remove_para(doc, accord_doc_find_para(doc, "p2")), 0);
	assert_int_equal(accord_session_propose_doc(&del, s, "USA", doc, -1, NULL, 0, &err), 0);
	accord_doc_free(doc);
	propose_new_after(&bra, s, "BRA", "p2", "c)", "new after bravo;");
	propose_new_after(&irn, s, "IRN", "p6", "d)", "new after delta;");
	assert_int_equal(accord_session_text(&doc, s, -1, &err), 0);
	assert_int_equal(accord_doc_remove_para(doc, accord_doc_find_para(doc, "p6")), 0);
	assert_int_equal(accord_session_propose_doc(&del2, s, "GBR", doc, -1, NULL, 0, &err), 0);
	accord_doc_free(doc);
	to_adoption(s);
	agree(s, "USA", del);
	revise(s, 0);
	assert_outline(s, "a) alpha\n"
			  "c) charlie\n"
			  "  a. nested\n"
			  "  b. nested\n"
			  "d) delta\n");
	agree(s, "BRA", bra);
	agree(s, "IRN", irn);
	agree(s, "GBR", del2);
	revise(s, 0);
	assert_outline(s, "a) alpha\n"
			  "a bis) new\n"
			  "c) charlie\n"
			  "  a. nested\n"
			  "  b. nested\n"
			  "d) new\n");
	accord_free(del);
	accord_free(bra);
	accord_free(irn);
	accord_free(del2);
	accord_session_close(s);
}

/*
** The case of issue 11 on the WTPF text: the USA's "paragraph 55" (USA/13,
** after its own new d), USA/5) is agreed, its new d) and the move of the
** old d) into it are not; and its new first a) under noting (USA/15).
*/
static void test_store_revise__wtpf_paragraph_55(void **state)
{
	accord_session *s;
	(void)state;
	s = create_session(NULL);
	accord_buf data = ACCORD_BUF_INIT, got = ACCORD_BUF_INIT;
	accord_error err;
	accord_doc *rev1 = NULL;
	accord_para *p55;

	read_seed(&data, "contrib-USA.txt");
	assert_int_equal(accord_session_submit(NULL, s, "USA", "contrib-USA.txt", data.ptr, data.size, &err), 0);
	accord_buf_dispose(&data);
	to_adoption(s);
	agree(s, "USA", "USA/13");
	agree(s, "USA", "USA/15");
	revise(s, 0);
	assert_int_equal(accord_session_text(&rev1, s, -1, &err), 0);
	p55 = accord_doc_find_para(rev1, "USA/13");
	assert_non_null(p55);
	assert_int_equal(accord_para_index(p55), 4); /* after the old d) (p4), before e) (p5) */
	assert_string_equal(accord_para_id(accord_section_para(accord_para_section(p55), 3)), "p4");
	assert_string_equal(accord_para_label(p55), "d bis)");
	assert_string_equal(accord_para_label(accord_doc_find_para(rev1, "USA/15")), "new)");
	outline(&got, s);
	assert_non_null(strstr(got.ptr, "a) that,\nb) that\nc) that\nd) that\nd bis) that\ne) that,\nf) that\n"
					"new) that\na) that\nb) that\nc) that\nd) that\n"));
	accord_buf_dispose(&got);
	accord_doc_free(rev1);
	accord_session_close(s);
}

/* ---- the label functions themselves ----------------------------------------------------- */

static void test_store_revise__labels_placed_and_renumbered(void **state)
{
	accord_doc *doc;
	accord_para *p3, *extra;
	accord_error err;
	static const char *const placed[] = {"x1", "x2"}, *const x3[] = {"x3"};
	(void)state;

	/* numbers in brackets: a new "(2)" after (1) becomes "(1 bis)"; the next new one "(1 ter)" */
	doc = parse_text(" T\nThe Forum,\n\tnoting\n(1)\tone;\n(2)\ttwo;\n(3)\tthree;\n");
	p3 = accord_doc_find_para(doc, "p1");
	assert_int_equal(accord_doc_insert_para(&extra, doc, accord_para_section(p3), NULL, p3, "x1", "(2)", "new;"), 0);
	assert_int_equal(accord_doc_insert_para(NULL, doc, accord_para_section(p3), NULL, extra, "x2", "(2)", "new;"), 0);
	assert_int_equal(accord_doc_label_placed(doc, placed, 2, NULL, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x1")), "(1 bis)");
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x2")), "(1 ter)");
	/* a label that fits stays: (4) at the end */
	assert_int_equal(accord_doc_insert_para(NULL, doc, accord_para_section(p3), NULL,
				 accord_doc_find_para(doc, "p3"), "x3", "(4)", "four;"),
		0);
	assert_int_equal(accord_doc_label_placed(doc, x3, 1, NULL, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x3")), "(4)");
	assert_int_equal(accord_doc_renumber(doc, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x1")), "(2)");
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x2")), "(3)");
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "p3")), "(5)");
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x3")), "(6)");
	accord_doc_free(doc);

	/* after "d bis)" the next new one is "d ter)", not "d bis bis)" */
	doc = parse_text(" T\nThe Forum,\n\tnoting\na)\tone;\nb)\tone more;\nc)\ttwo;\n");
	assert_int_equal(accord_para_set_label(accord_doc_find_para(doc, "p2"), "a bis)"), 0);
	assert_int_equal(accord_para_set_label(accord_doc_find_para(doc, "p3"), "b)"), 0);
	assert_int_equal(accord_doc_insert_para(NULL, doc, accord_doc_section(doc, 0), NULL,
				 accord_doc_find_para(doc, "p2"), "x1", "b)", "new;"),
		0);
	assert_int_equal(accord_doc_label_placed(doc, placed, 1, NULL, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x1")), "a ter)");
	accord_doc_free(doc);

	/* a new paragraph without a label after b) in a labelled list gets one; first in its list
	   (a chapeau, maybe) it stays as written */
	doc = parse_text(" T\nThe Forum,\n\tnoting\na)\tone;\nb)\ttwo;\nc)\tthree;\n");
	assert_int_equal(accord_doc_insert_para(NULL, doc, accord_doc_section(doc, 0), NULL,
				 accord_doc_find_para(doc, "p2"), "x1", NULL, "unlabelled;"),
		0);
	assert_int_equal(accord_doc_label_placed(doc, placed, 1, NULL, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "x1")), "b bis)");
	accord_doc_free(doc);
	doc = parse_text(" T\nThe Forum,\n\tnoting\na)\tone;\nb)\ttwo;\n");
	assert_int_equal(accord_doc_insert_para(NULL, doc, accord_doc_section(doc, 0), NULL, NULL, "x2", NULL,
				 "a chapeau:"),
		0);
	assert_int_equal(accord_doc_label_placed(doc, placed + 1, 1, NULL, &err), 0);
	assert_null(accord_para_label(accord_doc_find_para(doc, "x2")));
	accord_doc_free(doc);

	/* roman numbers are not taken for letters: the list is left as it is */
	doc = parse_text(" T\nThe Forum,\n\tnoting\ni)\tone;\nii)\ttwo;\niii)\tthree;\n");
	assert_int_equal(accord_doc_renumber(doc, &err), 0);
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "p2")), "ii)");
	assert_string_equal(accord_para_label(accord_doc_find_para(doc, "p3")), "iii)");
	accord_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_revise__new_paragraph_after_a_rejected_new_one),
		cmocka_unit_test(test_store_revise__runs_firsts_and_nested_keep_labels),
		cmocka_unit_test(test_store_revise__renumbered_at_revision),
		cmocka_unit_test(test_store_revise__new_paragraph_after_deleted_ones),
		cmocka_unit_test(test_store_revise__wtpf_paragraph_55),
		cmocka_unit_test(test_store_revise__labels_placed_and_renumbered),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
