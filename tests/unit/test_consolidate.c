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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/text.h"

/* ---- fixtures ----------------------------------------------------------------------- */

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

/* A compilation of base with the given lists, built. */
static accord_compilation *compile_lists(const accord_doc *base, accord_amendment_list **lists, size_t n)
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

static char *render(const accord_compilation *c, accord_format format)
{
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	if (accord_compilation_render(&out, c, format, NULL, &err) != 0)
		fail_msg("render: %s", err.message);
	return accord_buf_detach(&out);
}

static int contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL) {
		print_error("missing: %s\nin:\n%s\n", needle, hay);
		return 0;
	}
	return 1;
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
	assert_true(contains(text, "\trecognizing\nnew)\t[USA: that the Internet grew;]\na)\tthat the Internet"));
	assert_true(contains(text, "a bis)\t[IRN, BRA: that cooperation matters;]\na ter)\t[IRN: that trust matters;]\n"));
	assert_true(contains(text, "a quinquies)\t[BRA; near-duplicate of a quater): That the IGF works!]\n"));
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
	assert_true(contains(out.ptr, "abis)\t[USA: new text;]"));
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

/* Compares out with tests/data/consolidate/NAME, or rewrites it when ACCORD_UPDATE_GOLDEN is set. */
static void golden(const char *name, const char *out)
{
	char path[1024];
	accord_buf want = ACCORD_BUF_INIT;
	accord_error err;
	snprintf(path, sizeof(path), "%s/consolidate/%s", ACCORD_TESTDATA, name);
	if (getenv("ACCORD_UPDATE_GOLDEN") != NULL) {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(out, 1, strlen(out), f), strlen(out));
		assert_int_equal(fclose(f), 0);
		return;
	}
	if (accord_read_file(&want, path, &err) != 0)
		fail_msg("%s: %s (ACCORD_UPDATE_GOLDEN=1 writes it)", path, err.message);
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
	assert_true(contains(out, "new)\t[USA: that there have been seven successful Internet Governance Forums"));
	assert_true(contains(out, "d bis)\t[IRN: The close collaboration"));
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
		{
			char *x = render(c, ACCORD_FORMAT_TEXT);
			accord_free(x);
			x = render(c, ACCORD_FORMAT_HTML);
			accord_free(x);
			x = render(c, ACCORD_FORMAT_YAML);
			accord_free(x);
		}
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
		cmocka_unit_test(test_consolidate__conventions_change_the_writing_only),
		cmocka_unit_test(test_consolidate__bad_inputs_are_errors),
		cmocka_unit_test(test_consolidate__seed_golden_outputs),
		cmocka_unit_test(test_consolidate__seed_accept_gives_each_party_its_text),
		cmocka_unit_test(test_consolidate__random_parties_accept_property),
		cmocka_unit_test(test_consolidate__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("consolidate", tests, NULL, NULL);
}
