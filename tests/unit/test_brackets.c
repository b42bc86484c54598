/* test_brackets.c: reading bracketed negotiating texts (core/src/compile/bracket_*.c, accord/bracketed.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/bracketed.h"
#include "accord/format.h"
#include "accord/sys/testing.h"

/* A text read (opinion mode) and its brackets, strict or lenient. */
typedef struct fixture {
	accord_doc *doc;
	accord_bracketed *b;
	accord_error err;
	int rc;
} fixture;

static int read_text(fixture *f, const char *text, const accord_brackets *conv, int lenient)
{
	accord_bracket_read_options o = ACCORD_BRACKET_READ_OPTIONS_INIT;
	memset(f, 0, sizeof(*f));
	if (accord_doc_parse(&f->doc, text, strlen(text), NULL, &f->err) != ACCORD_OK)
		return -100;
	o.brackets = conv;
	o.lenient = lenient;
	o.name = "t.txt";
	o.source = text;
	o.source_len = strlen(text);
	f->rc = accord_bracketed_read(&f->b, f->doc, &o, &f->err);
	return f->rc;
}

static void done(fixture *f)
{
	accord_bracketed_free(f->b);
	accord_doc_free(f->doc);
}

/* The first paragraph unit. */
static const accord_bracket_unit *para(const fixture *f, size_t nth)
{
	size_t i;
	for (i = 0; i < accord_bracketed_unit_count(f->b); i++) {
		const accord_bracket_unit *u = accord_bracketed_unit(f->b, i);
		if (u->kind == ACCORD_BRACKET_UNIT_PARA && nth-- == 0)
			return u;
	}
	return NULL;
}

/* The clean text of take (party for ACCORD_TAKE_PARTY), canonical form, malloc'd. */
static char *resolved(const fixture *f, accord_bracket_take take, const char *party)
{
	accord_doc *clean = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	assert_int_equal(accord_bracketed_resolve(&clean, f->b, take, party, &err), ACCORD_OK);
	assert_int_equal(accord_doc_render_text(&out, clean), ACCORD_OK);
	accord_doc_free(clean);
	return accord_buf_detach(&out);
}

#define HEAD "Title\n\n\tnoting\n"

static void test_brackets__groups_alternatives_and_nesting(void **state)
{
	fixture f;
	const accord_bracket_unit *u;
	const accord_bracket_span *sp;
	accord_bracket_totals t;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\t[[Decides][Clarifies] that it] [shall][should] apply [now] [here].\n", NULL, 0), 0);
	u = para(&f, 0);
	assert_non_null(u);
	assert_int_equal(u->n_spans, 7);
	/* the outer one, [Decides][Clarifies], [shall][should]; "[now] [here]" are two questions */
	assert_int_equal(u->n_groups, 5);
	assert_int_equal(u->max_depth, 2);
	assert_int_equal(u->groups[0].n_alts, 1);
	assert_int_equal(u->groups[1].n_alts, 2);
	assert_int_equal(u->groups[1].depth, 2);
	assert_int_equal(u->groups[2].n_alts, 2);
	sp = &u->spans[u->groups[1].alts[1]];
	assert_int_equal(sp->text_end - sp->text_start, strlen("Clarifies"));
	assert_memory_equal(u->text + sp->text_start, "Clarifies", 9);
	assert_int_equal(sp->parent, 1);
	assert_int_equal(u->agreed_words, 1); /* apply */
	assert_int_equal(u->open_words, 8); /* words, not blank-separated tokens: "[shall][should]" is two */
	accord_bracketed_totals(f.b, &t);
	assert_int_equal(t.spans, 7);
	assert_int_equal(t.max_depth, 2);
	done(&f);
}

static void test_brackets__attributions_of_the_un_convention(void **state)
{
	fixture f;
	const accord_bracket_unit *u;
	(void)state;
	assert_int_equal(read_text(&f,
				 HEAD "a)\t[USA: the mandate] and [Alt 1 (IRN, EGY): the annex] [Alt 2 (USA): its annex] "
				      "[in 2028] (G-77) [Note: not a party].\n",
				 NULL, 0),
		0);
	u = para(&f, 0);
	assert_int_equal(u->n_groups, 4);
	assert_int_equal(u->spans[0].n_parties, 1);
	assert_string_equal(u->spans[0].parties[0], "USA");
	assert_memory_equal(u->text + u->spans[0].text_start, "the mandate", 11);
	assert_string_equal(u->spans[1].label, "Alt 1");
	assert_int_equal(u->spans[1].n_parties, 2);
	assert_string_equal(u->spans[1].parties[1], "EGY");
	assert_int_equal(u->spans[3].n_parties, 1);
	assert_string_equal(u->spans[3].parties[0], "G-77");
	assert_int_equal(u->spans[4].n_parties, 0); /* "Note" is no party code */
	assert_int_equal(accord_bracketed_party_count(f.b), 4);
	done(&f);
}

static void test_brackets__strict_reports_the_culprit(void **state)
{
	fixture f;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\tthat [the [text]\n", NULL, 0), ACCORD_EPARSE);
	assert_int_equal(f.err.line, 4);
	assert_int_equal(f.err.col, 9);
	done(&f);
	assert_int_equal(read_text(&f, HEAD "a)\tok.\nb)\tthe text] here\n", NULL, 0), ACCORD_EPARSE);
	assert_int_equal(f.err.line, 5);
	assert_int_equal(f.err.col, 12);
	done(&f);
	assert_int_equal(read_text(&f, HEAD "a)\tthat [a (b] c) d\n", NULL, 0), ACCORD_EPARSE);
	assert_non_null(strstr(f.err.message, "parenthesis"));
	assert_int_equal(f.err.col, 12);
	done(&f);
	/* parentheses alone are not structure: "i) ..." in a text is fine */
	assert_int_equal(read_text(&f, HEAD "a)\tthe following: i) one, ii) two [three]\n", NULL, 0), 0);
	done(&f);
}

static void test_brackets__lenient_warns_and_loses_no_word(void **state)
{
	fixture f;
	const accord_bracket_problem *p;
	char *text;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\tx ] y [z w\n", NULL, 1), 0);
	assert_int_equal(accord_bracketed_problem_count(f.b), 2);
	p = accord_bracketed_problem(f.b, 0);
	assert_string_equal(p->kind, "unopened");
	assert_int_equal(p->line, 4);
	assert_int_equal(p->col, 6);
	assert_string_equal(accord_bracketed_problem(f.b, 1)->kind, "unclosed");
	assert_int_equal(accord_doc_warning_count(f.doc), 2);
	text = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_non_null(strstr(text, "x ] y z w"));
	free(text);
	done(&f);
}

static void test_brackets__ten_thousand_deep(void **state)
{
	fixture f;
	size_t n = 10000, len = strlen(HEAD "a)\t") + 2 * n + 3, i;
	char *text = malloc(len), *at, *clean;
	(void)state;
	assert_non_null(text);
	at = text + sprintf(text, HEAD "a)\t");
	for (i = 0; i < n; i++)
		*at++ = '[';
	*at++ = 'x';
	for (i = 0; i < n; i++)
		*at++ = ']';
	*at++ = '\n';
	*at = '\0';
	assert_int_equal(read_text(&f, text, NULL, 0), 0);
	assert_int_equal(para(&f, 0)->max_depth, n);
	clean = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_string_equal(clean, "Title\n\n\tnoting\na)\tx\n");
	free(clean);
	done(&f);
	/* one bracket short: strict names the outermost opening one */
	at[-2] = '\n';
	at[-1] = '\0';
	assert_int_equal(read_text(&f, text, NULL, 0), ACCORD_EPARSE);
	assert_int_equal(f.err.col, 4);
	done(&f);
	free(text);
}

static void test_brackets__options_and_no_text_required(void **state)
{
	fixture f;
	const accord_bracket_block *blk;
	char *text;
	(void)state;
	assert_int_equal(read_text(&f,
				 HEAD "1.\tOption 1: Parties shall [report].\n2.\tOption 2 (G-77): {No text required}\n"
				      "Option 1\n3.\tDeveloped countries shall provide finance;\n4.\tOthers may contribute;\n"
				      "Option 2\n3.\t{No text required}\n",
				 NULL, 0),
		0);
	assert_int_equal(accord_bracketed_block_count(f.b), 2);
	blk = accord_bracketed_block(f.b, 0);
	assert_int_equal(blk->n_options, 2);
	assert_false(blk->options[0].empty);
	assert_true(blk->options[1].empty);
	assert_string_equal(blk->options[1].parties[0], "G-77");
	blk = accord_bracketed_block(f.b, 1);
	assert_int_equal(blk->n_options, 2);
	assert_int_equal(blk->options[0].n_units, 3);
	assert_true(blk->options[1].empty);
	text = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_string_equal(text, HEAD "1.\tParties shall report.\n3.\tDeveloped countries shall provide finance;\n"
				       "4.\tOthers may contribute;\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_LAST, NULL);
	assert_string_equal(text, HEAD); /* the section stays, with its heading */
	free(text);
	done(&f);
}

static void test_brackets__take_and_accept(void **state)
{
	fixture f;
	char *text;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\tParties [shall][should] act [promptly] [USA: now] [Delete (EGY): here].\n",
				 NULL, 0),
		0);
	text = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_string_equal(text, HEAD "a)\tParties shall act promptly here.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_LAST, NULL);
	assert_string_equal(text, HEAD "a)\tParties should act now.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_SHORTEST, NULL);
	assert_string_equal(text, HEAD "a)\tParties shall act now.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_PARTY, "EGY");
	assert_string_equal(text, HEAD "a)\tParties shall act promptly.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_PARTY, "USA");
	assert_string_equal(text, HEAD "a)\tParties shall act now here.\n");
	free(text);
	done(&f);
}

static void test_brackets__a_packs_convention(void **state)
{
	/* the ITU style of the wtpf pack: marks, ids, options before the bracket, a deletion after it */
	accord_brackets c;
	fixture f;
	const accord_bracket_unit *u;
	char *text;
	(void)state;
	accord_brackets_default(&c);
	c.insert = "[%k %i (%p): %t]";
	c.replace = "[%b] [%k %i (%p): %t]";
	c.alternative = "Option %n: [%k %i (%p): %t]";
	c.delete_text = "[%b] (%k %i (%p): delete)";
	c.new_paragraph = c.insert;
	c.new_section = c.insert;
	assert_int_equal(read_text(&f,
				 HEAD "a)\tper [article] [MOD USA/3 (USA): paragraph] 37, Option 1: [MOD IRN/1 (IRN): one] "
				      "Option 2: [MOD USA/1 (USA): two] and [that] (MOD USA/12 (USA): delete) end.\n",
				 &c, 0),
		0);
	u = para(&f, 0);
	assert_int_equal(u->n_groups, 3);
	assert_int_equal(u->groups[1].n_alts, 2);
	assert_string_equal(u->spans[2].label, "Option 1");
	assert_string_equal(u->spans[1].ref, "USA/3");
	assert_int_equal(u->spans[4].kind, ACCORD_BRACKET_DELETE);
	text = resolved(&f, ACCORD_TAKE_PARTY, "USA");
	assert_string_equal(text, HEAD "a)\tper paragraph 37, two and end.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_PARTY, "IRN");
	assert_string_equal(text, HEAD "a)\tper article 37, one and that end.\n");
	free(text);
	done(&f);
}

static void test_brackets__json_and_document(void **state)
{
	fixture f;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\t[USA: x] y\n[1: a [footnote]]\n", NULL, 0), 0);
	assert_int_equal(accord_bracketed_render_json(&out, f.b, &err), 0);
	assert_non_null(strstr(out.ptr, "\"open_words\": 1"));
	assert_non_null(strstr(out.ptr, "\"unbalanced\": []"));
	assert_non_null(strstr(out.ptr, "\"number\": \"1\""));
	accord_buf_clear(&out);
	assert_int_equal(accord_bracketed_render_doc(&out, f.b, 1, &err), 0);
	assert_non_null(strstr(out.ptr, "brackets:"));
	accord_buf_dispose(&out);
	done(&f);
}

/* Choices for resolve_with: the first group of the first paragraph its second alternative, the lone span dropped. */
static size_t choose_some(void *data, size_t unit, size_t group)
{
	const fixture *f = data;
	const accord_bracket_unit *u = accord_bracketed_unit(f->b, unit);
	if (u != para(f, 0))
		return ACCORD_BRACKET_OPEN;
	return group == 0 ? 1 : group == 1 ? ACCORD_BRACKET_DROP : ACCORD_BRACKET_OPEN;
}

static size_t keep_second_option(void *data, size_t block)
{
	(void)data;
	(void)block;
	return 1;
}

static void test_brackets__resolve_with_some_groups(void **state)
{
	fixture f;
	accord_bracket_choices choices = {choose_some, keep_second_option, NULL};
	accord_doc *clean = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\tParties [shall][should] act [promptly] [here][there].\n"
					    "b)\tOption 1: [x][y]\nc)\tOption 2: z [w]\n",
				 NULL, 0),
		0);
	choices.data = &f;
	assert_int_equal(accord_bracketed_resolve_with(&clean, f.b, &choices, &err), ACCORD_OK);
	assert_int_equal(accord_doc_render_text(&out, clean), ACCORD_OK);
	/* the groups left open keep their brackets; the option kept loses its marker */
	assert_string_equal(out.ptr, HEAD "a)\tParties should act [here][there].\nc)\tz [w]\n");
	accord_buf_dispose(&out);
	accord_doc_free(clean);
	assert_int_equal(accord_bracketed_resolve_with(&clean, f.b, NULL, &err), ACCORD_EINVAL);
	done(&f);
}

static void test_brackets__across_paragraphs(void **state)
{
	fixture f;
	accord_bracket_totals t;
	const accord_bracket_unit *u;
	char *text;
	(void)state;
	/* strict: a bracket opened in a) and closed in c) is one span; b) is inside it */
	assert_int_equal(read_text(&f, HEAD "a)\tthat [USA: all [new] support\nb)\tin full\nc)\tis given] now.\n", NULL, 0), 0);
	accord_bracketed_totals(f.b, &t);
	assert_int_equal(t.spans, 2);
	assert_int_equal(t.groups, 2);
	u = para(&f, 0);
	assert_int_equal(u->n_spans, 2);
	assert_true(u->spans[0].continues);
	assert_int_equal(u->spans[0].across, 1);
	assert_int_equal(u->spans[0].n_parties, 1);
	assert_int_equal(para(&f, 1)->inside, 1);
	assert_int_equal(para(&f, 1)->open_words, 2);
	u = para(&f, 2);
	assert_true(u->spans[0].continued);
	assert_int_equal(u->spans[0].open, 0);
	assert_int_equal(u->spans[0].across, 1);
	text = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_string_equal(text, HEAD "a)\tthat all new support\nb)\tin full\nc)\tis given now.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_LAST, NULL);
	assert_string_equal(text, HEAD "a)\tthat\nc)\tnow.\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_PARTY, "EGY");
	assert_string_equal(text, HEAD "a)\tthat\nc)\tnow.\n");
	free(text);
	done(&f);
	/* never into another section: the opening bracket is unclosed */
	assert_int_equal(read_text(&f, HEAD "a)\tthat [x\n\n\tdecides\na)\ty] z\n", NULL, 0), ACCORD_EPARSE);
	assert_int_equal(f.err.line, 4);
	assert_int_equal(f.err.col, 9);
	done(&f);
}

static void test_brackets__accept_applies_the_partys_moves(void **state)
{
	fixture f;
	char *text;
	(void)state;
	assert_int_equal(read_text(&f, HEAD "a)\tone [Move (USA): after b)]\nb)\ttwo\nc)\tthree [Move (EGY): after a)]\n",
				 NULL, 0),
		0);
	text = resolved(&f, ACCORD_TAKE_PARTY, "USA");
	assert_string_equal(text, HEAD "b)\ttwo\na)\tone\nc)\tthree\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_PARTY, "EGY");
	assert_string_equal(text, HEAD "a)\tone\nc)\tthree\nb)\ttwo\n");
	free(text);
	text = resolved(&f, ACCORD_TAKE_FIRST, NULL);
	assert_string_equal(text, HEAD "a)\tone\nb)\ttwo\nc)\tthree\n");
	free(text);
	done(&f);
}

static void test_brackets__bracketed_headings(void **state)
{
	fixture f;
	size_t i, headings = 0;
	(void)state;
	assert_int_equal(read_text(&f, "Title\n\n\t[noting]\na)\tx\n\n\t[invites all Member States]:\na)\ty\n", NULL, 0), 0);
	assert_int_equal(accord_doc_section_count(f.doc), 2);
	assert_string_equal(accord_section_addressee(accord_doc_section(f.doc, 1)), "all Member States");
	for (i = 0; i < accord_bracketed_unit_count(f.b); i++)
		headings += accord_bracketed_unit(f.b, i)->kind == ACCORD_BRACKET_UNIT_HEADING &&
			    accord_bracketed_unit(f.b, i)->n_groups == 1;
	assert_int_equal(headings, 2);
	done(&f);
}

static void test_brackets__out_of_memory(void **state)
{
	static const char text[] = HEAD "1.\tOption 1: [USA: a [b][c]] (G-77)\n2.\tOption 2: {No text required}\n"
					"3.\t[across\n4.\tparagraphs] too\n";
	long n;
	(void)state;
	for (n = 0;; n++) {
		fixture f;
		accord_doc *clean = NULL;
		accord_buf out = ACCORD_BUF_INIT;
		int rc;
		memset(&f, 0, sizeof(f));
		assert_int_equal(accord_doc_parse(&f.doc, text, strlen(text), NULL, &f.err), 0);
		accord_alloc_fail_after(n);
		rc = accord_bracketed_read(&f.b, f.doc, NULL, &f.err);
		if (rc == ACCORD_OK)
			rc = accord_bracketed_resolve(&clean, f.b, ACCORD_TAKE_PARTY, "USA", &f.err);
		if (rc == ACCORD_OK)
			rc = accord_bracketed_render_json(&out, f.b, &f.err);
		if (rc == ACCORD_OK) {
			accord_bracket_choices choices = {choose_some, keep_second_option, NULL};
			accord_doc_free(clean);
			clean = NULL;
			choices.data = &f;
			rc = accord_bracketed_resolve_with(&clean, f.b, &choices, &f.err);
		}
		accord_alloc_fail_after(-1);
		accord_buf_dispose(&out);
		accord_doc_free(clean);
		done(&f);
		if (rc == ACCORD_OK)
			break;
		assert_int_equal(rc, ACCORD_ENOMEM);
	}
	assert_true(n > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brackets__groups_alternatives_and_nesting),
		cmocka_unit_test(test_brackets__attributions_of_the_un_convention),
		cmocka_unit_test(test_brackets__strict_reports_the_culprit),
		cmocka_unit_test(test_brackets__lenient_warns_and_loses_no_word),
		cmocka_unit_test(test_brackets__ten_thousand_deep),
		cmocka_unit_test(test_brackets__options_and_no_text_required),
		cmocka_unit_test(test_brackets__take_and_accept),
		cmocka_unit_test(test_brackets__a_packs_convention),
		cmocka_unit_test(test_brackets__json_and_document),
		cmocka_unit_test(test_brackets__resolve_with_some_groups),
		cmocka_unit_test(test_brackets__across_paragraphs),
		cmocka_unit_test(test_brackets__bracketed_headings),
		cmocka_unit_test(test_brackets__accept_applies_the_partys_moves),
		cmocka_unit_test(test_brackets__out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
