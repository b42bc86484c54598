/*
** test_flattened.c: places of a contribution that look like flattened
** tracked changes (accord_amendments_flattened, issue 14): the seeds, texts
** flattened on purpose, and ordinary revisions that must give no warning.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "accord/sys/testing.h"
#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/format.h"

static accord_doc *parse_string(const char *text)
{
	accord_doc *doc = NULL;
	accord_parse_options options = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	options.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&doc, text, strlen(text), &options, &err) != ACCORD_OK)
		fail_msg("cannot parse: %s", err.message);
	return doc;
}

static char *read_seed(const char *name)
{
	char path[1024];
	accord_buf buf = ACCORD_BUF_INIT;
	accord_error err;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	if (accord_read_file(&buf, path, &err) != ACCORD_OK)
		fail_msg("cannot read %s: %s", path, err.message);
	if (accord_buf_putc(&buf, '\0') != ACCORD_OK)
		fail_msg("out of memory");
	return accord_buf_detach(&buf);
}

/* The places of contrib against base (source: contrib's text). */
static accord_flattened *places_of(size_t *n, const char *base_text, const char *contrib_text)
{
	accord_doc *base = parse_string(base_text), *contrib = parse_string(contrib_text);
	accord_amendment_list *list = NULL;
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_flattened *places = NULL;
	accord_error err;
	opts.party = "XYZ";
	assert_int_equal(accord_doc_diff(&list, base, contrib, &opts, &err), ACCORD_OK);
	assert_int_equal(accord_amendments_flattened(&places, n, list, base, contrib, contrib_text, strlen(contrib_text),
				 &err),
		ACCORD_OK);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contrib);
	return places;
}

static const accord_flattened *find_place(const accord_flattened *p, size_t n, const char *token)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(p[i].token, token) == 0)
			return &p[i];
	return NULL;
}

static void test_flattened__seeds_are_recognised(void **state)
{
	char *base = read_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	char *usa = read_seed("contrib-USA.txt"), *irn = read_seed("contrib-IRN.txt");
	size_t n = 0;
	accord_flattened *p;
	const accord_flattened *f;
	(void)state;

	p = places_of(&n, base, usa);
	f = find_place(p, n, "paragrapharticle");
	assert_non_null(f);
	assert_int_equal(f->kind, ACCORD_FLATTENED_GLUED);
	assert_string_equal(f->inserted, "paragraph");
	assert_string_equal(f->base, "article");
	assert_int_equal(f->line, 6);
	assert_int_equal(f->col, 14);
	assert_string_equal(f->message,
		"'paragrapharticle' looks like a flattened tracked change ('paragraph' inserted, 'article' deleted)");
	f = find_place(p, n, "paragraph article");
	assert_non_null(f);
	assert_int_equal(f->kind, ACCORD_FLATTENED_KEPT);
	assert_int_equal(f->line, 9);
	assert_int_equal(f->col, 13);
	assert_non_null(find_place(p, n, "processesmodel"));
	accord_flattened_free(p, n);

	p = places_of(&n, base, irn);
	f = find_place(p, n, "thatInternet");
	assert_non_null(f);
	assert_null(f->inserted);
	assert_int_equal(f->line, 6);
	assert_int_equal(f->col, 4);
	accord_flattened_free(p, n);
	accord_free(base);
	accord_free(usa);
	accord_free(irn);
}

/*
** The documents or the amendments' texts: with both documents the words
** come from the documents alone, with one missing from the amendments on
** its side; the seeds give the same places either way.
*/
static void test_flattened__same_places_without_the_documents(void **state)
{
	static const char *const contribs[] = {"contrib-USA.txt", "contrib-IRN.txt"};
	char *base_text = read_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	accord_doc *base = parse_string(base_text);
	size_t s;
	(void)state;
	for (s = 0; s < sizeof(contribs) / sizeof(contribs[0]); s++) {
		char *text = read_seed(contribs[s]);
		accord_doc *contrib = parse_string(text);
		accord_amendment_list *list = NULL;
		accord_flattened *want = NULL;
		size_t n_want = 0, v, i;
		accord_error err;
		assert_int_equal(accord_doc_diff(&list, base, contrib, NULL, &err), ACCORD_OK);
		assert_int_equal(accord_amendments_flattened(&want, &n_want, list, base, contrib, text, strlen(text), &err),
			ACCORD_OK);
		assert_true(n_want > 0);
		for (v = 0; v < 3; v++) {
			accord_flattened *got = NULL;
			size_t n_got = 0;
			assert_int_equal(accord_amendments_flattened(&got, &n_got, list, v == 1 ? base : NULL,
						 v == 2 ? contrib : NULL, text, strlen(text), &err),
				ACCORD_OK);
			assert_int_equal(n_got, n_want);
			for (i = 0; i < n_got; i++) {
				assert_int_equal(got[i].kind, want[i].kind);
				assert_int_equal(got[i].line, want[i].line);
				assert_int_equal(got[i].col, want[i].col);
				assert_string_equal(got[i].message, want[i].message);
				assert_int_equal(got[i].first_inserted, want[i].first_inserted);
			}
			accord_flattened_free(got, n_got);
		}
		accord_flattened_free(want, n_want);
		accord_amendments_free(list);
		accord_doc_free(contrib);
		accord_free(text);
	}
	accord_doc_free(base);
	accord_free(base_text);
}

static const char small_base[] =
	"recognizing\n"
	"a)\tthat, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n"
	"b)\tthat, per article 35 of the Tunis Agenda, the management of the Internet can not be left to governments;\n"
	"c)\tthat governments should be involved in the process and that any stakeholder may take part;\n";

static void test_flattened__flattened_changes_are_named(void **state)
{
	size_t n = 0;
	accord_flattened *p;
	(void)state;
	/* "article" -> "paragraph", flattened: glued in a), kept in b) */
	p = places_of(&n, small_base,
		"recognizing\n"
		"a)\tthat, per paragrapharticle 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n"
		"b)\tthat, per paragraph article 35 of the Tunis Agenda, the management of the Internet can not be left to governments;\n"
		"c)\tthat governments should be involved in the process and that any stakeholder may take part;\n");
	assert_int_equal(n, 2);
	assert_int_equal(p[0].kind, ACCORD_FLATTENED_GLUED);
	assert_string_equal(p[0].token, "paragrapharticle");
	assert_int_equal(p[0].line, 2);
	assert_int_equal(p[0].col, 14);
	assert_int_equal(p[1].kind, ACCORD_FLATTENED_KEPT);
	assert_string_equal(p[1].token, "paragraph article");
	assert_int_equal(p[1].line, 3);
	assert_int_equal(p[1].col, 14);
	accord_flattened_free(p, n);
	/* the deleted word first, and a camelCase join of two base words */
	p = places_of(&n, small_base,
		"recognizing\n"
		"a)\tthat, per article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n"
		"b)\tthat, per article 35 of the Tunis Agenda, the management of theInternet can not be left to governments;\n"
		"c)\tthat governments should be involved in the processapproach and that any stakeholder may take part;\n");
	assert_int_equal(n, 2);
	assert_string_equal(p[0].token, "theInternet");
	assert_null(p[0].inserted);
	assert_string_equal(p[1].token, "processapproach");
	assert_string_equal(p[1].inserted, "approach");
	assert_string_equal(p[1].base, "process");
	accord_flattened_free(p, n);
}

static void test_flattened__ordinary_revisions_give_no_warning(void **state)
{
	size_t n = 0;
	accord_flattened *p;
	(void)state;
	/* insertions before a word, compounds of short words, a lost space between lower-case words */
	p = places_of(&n, small_base,
		"recognizing\n"
		"a)\tthat, per revised article 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n"
		"b)\tthat, within article 35 of the Tunis Agenda, the management of the Internet cannot be left to governments;\n"
		"c)\tthat governments should be involved in the policymaking and that anyone may take part;\n");
	assert_int_equal(n, 0);
	assert_null(p);
	/* a word replaced, words inserted and deleted */
	p = places_of(&n, small_base,
		"recognizing\n"
		"a)\tthat, per paragraph 37 of the Tunis Agenda, a broad multi-stakeholder approach must be adopted;\n"
		"b)\tthat, per article 35 of the Agenda, the management of the Internet should not be left to governments alone;\n"
		"c)\tthat all governments should be fully involved in the process and that any stakeholder may participate;\n");
	assert_int_equal(n, 0);
	accord_flattened_free(p, n);
}

/* Random word edits on the seed base: replaced, inserted and deleted words, never a warning. */
static void test_flattened__random_revisions_of_the_seed_give_no_warning(void **state)
{
	char *base = read_seed("base-wtpf-ieg-2-10-opinion-1.txt");
	static const char *const words[] = {"revised", "Member", "States", "paragraph", "consultation", "effective",
		"appropriate", "Internet", "public", "policy", "cooperation", "process", "governments", "the", "of", "in"};
	unsigned round;
	(void)state;
	srand(14);
	for (round = 0; round < 30; round++) {
		accord_buf out = ACCORD_BUF_INIT;
		size_t i = 0, len = strlen(base), n = 0;
		accord_flattened *p;
		while (i < len) {
			size_t j = i;
			int r = rand() % 20;
			if (!((unsigned char)base[i] >= 'a' && (unsigned char)base[i] <= 'z')) {
				accord_buf_putc(&out, base[i++]);
				continue;
			}
			while (j < len && ((base[j] >= 'a' && base[j] <= 'z') || (base[j] >= 'A' && base[j] <= 'Z')))
				j++;
			if (r == 0) /* replaced */
				accord_buf_puts(&out, words[rand() % 16]);
			else if (r == 1) { /* inserted before */
				accord_buf_puts(&out, words[rand() % 16]);
				accord_buf_putc(&out, ' ');
				accord_buf_put(&out, base + i, j - i);
			} else if (r == 2 && j < len && base[j] == ' ') /* deleted, with its space */
				j++;
			else
				accord_buf_put(&out, base + i, j - i);
			i = j;
		}
		accord_buf_putc(&out, '\0');
		p = places_of(&n, base, out.ptr);
		if (n > 0)
			fail_msg("round %u: %s", round, p[0].message);
		accord_buf_dispose(&out);
	}
	accord_free(base);
}

/* Each allocation failing in turn: ACCORD_ENOMEM, nothing returned, no leak (valgrind). */
static void test_flattened__allocation_failures_are_clean(void **state)
{
	const char *contrib =
		"recognizing\n"
		"a)\tthat, per paragrapharticle 37 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n"
		"b)\tthat, per paragraph article 35 of the Tunis Agenda, the management of theInternet can not be left to governments;\n"
		"c)\tthat governments should be involved in the process and that any stakeholder may take part;\n";
	accord_doc *base = parse_string(small_base), *doc = parse_string(contrib);
	accord_amendment_list *list = NULL;
	accord_doc_diff_options opts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_error err;
	long n;
	int done = 0;
	(void)state;
	assert_int_equal(accord_doc_diff(&list, base, doc, &opts, &err), ACCORD_OK);
	for (n = 0; !done && n < 10000; n++) {
		accord_flattened *places = (accord_flattened *)1;
		size_t count = 99;
		int rc;
		accord_alloc_fail_one(n);
		rc = accord_amendments_flattened(&places, &count, list, base, doc, contrib, strlen(contrib), &err);
		accord_alloc_fail_one(-1);
		if (rc == ACCORD_OK) {
			assert_int_equal(count, 3);
			accord_flattened_free(places, count);
			done = 1;
		} else {
			assert_int_equal(rc, ACCORD_ENOMEM);
			assert_null(places);
			assert_int_equal(count, 0);
		}
	}
	assert_true(done);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(doc);
}

/* The compilation of base with A's and B's versions (it borrows *base: free it after). */
static accord_compilation *compile_two(accord_doc **base_out, const char *base_text, const char *a_text,
	const char *b_text)
{
	accord_doc *base = parse_string(base_text), *a = parse_string(a_text), *b = parse_string(b_text);
	accord_compilation *c = NULL;
	accord_error err;
	assert_int_equal(accord_compilation_new(&c, base, &err), ACCORD_OK);
	assert_int_equal(accord_compilation_add_contribution(c, "AAA", a, "a.txt", &err), ACCORD_OK);
	assert_int_equal(accord_compilation_add_contribution(c, "BBB", b, "b.txt", &err), ACCORD_OK);
	assert_int_equal(accord_compilation_build(c, &err), ACCORD_OK);
	accord_doc_free(a);
	accord_doc_free(b);
	*base_out = base;
	return c;
}

/*
** A lost blank from one party ("thatInternet") and another party's words on
** the same place: two proposals, the editorial one apart, no alternatives.
*/
static void test_flattened__editorial_changes_do_not_compete(void **state)
{
	static const char base[] = "recognizing\na)\tthat Internet governance consists of policy;\n";
	accord_compilation *c;
	accord_doc *b = NULL;
	const accord_cmp_para *p;
	(void)state;
	c = compile_two(&b, base, "recognizing\na)\tthatInternet governance consists of policy;\n",
		"recognizing\na)\tthat per paragraph 34 Internet governance consists of policy;\n");
	p = accord_compilation_find_para(c, "p1");
	assert_non_null(p);
	assert_int_equal(p->n_clusters, 2);
	assert_int_equal(p->clusters[0].kind, ACCORD_CLUSTER_DELETE);
	assert_string_equal(p->clusters[0].base_text, " ");
	assert_int_equal(p->clusters[0].n_options, 1);
	assert_int_equal(p->clusters[0].options[0].editorial, 1);
	assert_string_equal(p->clusters[0].options[0].parties[0], "AAA");
	assert_int_equal(p->clusters[1].kind, ACCORD_CLUSTER_INSERT);
	assert_string_equal(p->clusters[1].options[0].text, "per paragraph 34 ");
	assert_string_equal(p->clusters[1].options[0].parties[0], "BBB");
	accord_compilation_free(c);
	accord_doc_free(b);

	/* the same lost blank and a change of the word after it: still apart */
	c = compile_two(&b, base, "recognizing\na)\tthatInternet governance consists of policy;\n",
		"recognizing\na)\tthat global governance consists of policy;\n");
	p = accord_compilation_find_para(c, "p1");
	assert_int_equal(p->n_clusters, 2);
	assert_int_equal(p->clusters[0].options[0].editorial, 1);
	assert_int_equal(p->clusters[1].kind, ACCORD_CLUSTER_REPLACE);
	assert_string_equal(p->clusters[1].options[0].text, "global");
	accord_compilation_free(c);
	accord_doc_free(b);

	/* two substantive proposals on the same words still are alternatives */
	c = compile_two(&b, base, "recognizing\na)\tthat global governance consists of policy;\n",
		"recognizing\na)\tthat Web governance consists of policy;\n");
	p = accord_compilation_find_para(c, "p1");
	assert_int_equal(p->n_clusters, 1);
	assert_int_equal(p->clusters[0].kind, ACCORD_CLUSTER_ALTERNATIVES);
	accord_compilation_free(c);
	accord_doc_free(b);
}

/*
** Many kept places of one glued pair: the places grow (realloc) while the
** kept ones are looked for, and each must still take the pair's order from
** the glued place, not from where the places were before they moved. The
** base word comes first ("paragraph" base, "article" inserted): a stale
** read of first_inserted turned it to the other order, and the column was
** lost (locate looked for "article paragraph"). glibc's M_PERTURB fills
** freed blocks, so the stale read shows without valgrind.
*/
static void test_flattened__kept_places_survive_growing(void **state)
{
	accord_buf contrib = ACCORD_BUF_INIT;
	accord_flattened *p;
	size_t n = 0, i, kept = 0;
	(void)state;
#ifdef __GLIBC__
	mallopt(M_PERTURB, 0xA5);
#endif
	assert_int_equal(accord_buf_puts(&contrib,
				 "recognizing\n"
				 "a)\tthat, per paragrapharticle 19 of the Tunis Agenda, a multi-stakeholder approach should be "
				 "adopted;\n"),
		ACCORD_OK);
	for (i = 0; i < 60; i++)
		assert_int_equal(accord_buf_printf(&contrib, "%c%c)\tnoting item %zu, as per paragraph article %zu;\n",
					 (int)('a' + i / 26), (int)('a' + i % 26), i, i + 40),
			ACCORD_OK);
	p = places_of(&n, "recognizing\n"
			  "a)\tthat, per paragraph 19 of the Tunis Agenda, a multi-stakeholder approach should be adopted;\n",
		contrib.ptr);
#ifdef __GLIBC__
	mallopt(M_PERTURB, 0);
#endif
	assert_true(n > 32);
	assert_int_equal(p[0].kind, ACCORD_FLATTENED_GLUED);
	assert_string_equal(p[0].token, "paragrapharticle");
	assert_false(p[0].first_inserted);
	for (i = 1; i < n; i++) {
		assert_int_equal(p[i].kind, ACCORD_FLATTENED_KEPT);
		assert_string_equal(p[i].token, "paragraph article");
		assert_string_equal(p[i].inserted, "article");
		assert_string_equal(p[i].base, "paragraph");
		assert_false(p[i].first_inserted);
		assert_int_equal(p[i].line, (unsigned)i + 2);
		assert_true(p[i].col > 0);
		kept++;
	}
	assert_int_equal(kept, 60);
	accord_flattened_free(p, n);
	accord_buf_dispose(&contrib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flattened__seeds_are_recognised),
		cmocka_unit_test(test_flattened__same_places_without_the_documents),
		cmocka_unit_test(test_flattened__flattened_changes_are_named),
		cmocka_unit_test(test_flattened__ordinary_revisions_give_no_warning),
		cmocka_unit_test(test_flattened__random_revisions_of_the_seed_give_no_warning),
		cmocka_unit_test(test_flattened__editorial_changes_do_not_compete),
		cmocka_unit_test(test_flattened__allocation_failures_are_clean),
		cmocka_unit_test(test_flattened__kept_places_survive_growing),
	};
	return cmocka_run_group_tests_name("flattened", tests, NULL, NULL);
}
