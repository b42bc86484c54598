/* test_parse.c: the text and Markdown parsers, the heading vocabulary and format dispatch, on the seeds and edge cases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/sys/testing.h"
#include "accord/format.h"
#include "format/parse_int.h"

#define SEED_BASE "base-wtpf-ieg-2-10-opinion-1.txt"
#define SEED_IRN "contrib-IRN.txt"
#define SEED_USA "contrib-USA.txt"
#define SEED_ROLE "draft-role-of-government.txt"
#define SEED_N3 "draft-opinion-n3-multistakeholder.txt"

static const char *const all_seeds[] = {SEED_BASE, SEED_IRN, SEED_USA, SEED_ROLE, SEED_N3};

static void read_seed(accord_buf *out, const char *name)
{
	char path[1024];
	accord_error err;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	accord_error_clear(&err);
	if (accord_read_file(out, path, &err) != 0)
		fail_msg("cannot read %s: %s", path, err.message);
}

static accord_doc *parse_str(const char *data, size_t len)
{
	accord_doc *doc = NULL;
	accord_error err;
	accord_error_clear(&err);
	if (accord_doc_parse_text(&doc, data, len, NULL, &err) != 0)
		fail_msg("parse failed: %s (%u:%u)", err.message, err.line, err.col);
	return doc;
}

static accord_doc *parse_seed(const char *name)
{
	accord_buf buf = ACCORD_BUF_INIT;
	accord_doc *doc;
	read_seed(&buf, name);
	doc = parse_str(buf.ptr, buf.size);
	accord_buf_dispose(&buf);
	return doc;
}

static const accord_para *para_at(const accord_doc *doc, size_t section, size_t i)
{
	const accord_section *s = accord_doc_section(doc, section);
	assert_non_null(s);
	assert_true(i < accord_section_para_count(s));
	return accord_section_para(s, i);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* ---- word order oracle ----------------------------------------------------- */

/* Appends the blank-separated words of s[0..len) to words (one per line). */
static void words_of(accord_buf *words, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t start;
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		start = i;
		while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i > start) {
			assert_int_equal(accord_buf_put(words, s + start, i - start), 0);
			assert_int_equal(accord_buf_putc(words, '\n'), 0);
		}
	}
}

/*
** The words of an input the way a reader sees them: bookmarks removed,
** footnote definitions cut out and put after the text, in order. An
** independent, simple reading of the artefacts, for the test only.
*/
static void input_words(accord_buf *words, const char *s, size_t len)
{
	accord_buf text = ACCORD_BUF_INIT, notes = ACCORD_BUF_INIT;
	size_t i = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		if (s[i] == '[' && len - i > 10 && memcmp(s + i, "[bookmark:", 10) == 0) {
			while (i < len && s[i] != ']')
				i++;
			i++;
			continue;
		}
		if (s[i] == '[' && i + 2 < len && s[i + 1] >= '0' && s[i + 1] <= '9') {
			size_t j = i + 1;
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j < len && s[j] == ':') {
				int depth = 1;
				size_t k = j + 1;
				while (k < len && depth > 0) {
					if (s[k] == '[')
						depth++;
					else if (s[k] == ']')
						depth--;
					k++;
				}
				assert_int_equal(accord_buf_put(&notes, s + j + 1, k - 1 - (j + 1)), 0);
				assert_int_equal(accord_buf_putc(&notes, '\n'), 0);
				/* the cut joins with a space, as the parser does around blanks */
				assert_int_equal(accord_buf_putc(&text, ' '), 0);
				i = k;
				continue;
			}
		}
		assert_int_equal(accord_buf_putc(&text, s[i]), 0);
		i++;
	}
	words_of(words, text.ptr, text.size);
	words_of(words, notes.ptr ? notes.ptr : "", notes.size);
	accord_buf_dispose(&text);
	accord_buf_dispose(&notes);
}

static void para_words(accord_buf *words, const accord_para *p)
{
	size_t i;
	if (accord_para_label(p))
		words_of(words, accord_para_label(p), strlen(accord_para_label(p)));
	words_of(words, accord_para_text(p), strlen(accord_para_text(p)));
	for (i = 0; i < accord_para_child_count(p); i++)
		para_words(words, accord_para_child(p, i));
}

/* The words of a model in reading order (notes, title, body as in the seeds). */
static void model_words(accord_buf *words, const accord_doc *doc)
{
	size_t i, j;
	const char *m;
	if ((m = accord_doc_meta(doc, ACCORD_META_SYMBOL)) != NULL)
		words_of(words, m, strlen(m));
	if ((m = accord_doc_meta(doc, ACCORD_META_SOURCE)) != NULL)
		words_of(words, m, strlen(m));
	for (i = 0; i < accord_doc_note_count(doc); i++)
		words_of(words, accord_doc_note(doc, i), strlen(accord_doc_note(doc, i)));
	if ((m = accord_doc_meta(doc, ACCORD_META_TITLE)) != NULL)
		words_of(words, m, strlen(m));
	if ((m = accord_doc_meta(doc, ACCORD_META_BODY)) != NULL)
		words_of(words, m, strlen(m));
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		const accord_section *s = accord_doc_section(doc, i);
		if (accord_section_heading(s))
			words_of(words, accord_section_heading(s), strlen(accord_section_heading(s)));
		for (j = 0; j < accord_section_para_count(s); j++)
			para_words(words, accord_section_para(s, j));
	}
	for (i = 0; i < accord_doc_footnote_count(doc); i++) {
		const char *t = accord_footnote_text(accord_doc_footnote(doc, i));
		words_of(words, t, strlen(t));
	}
}

/* ---- seeds ----------------------------------------------------------------- */

static void test_parse__base_text_sections_and_paragraphs(void **state)
{
	accord_doc *doc = parse_seed(SEED_BASE);
	const size_t expected[] = {6, 4, 1, 2};
	const char *headings[] = {"recognizing", "noting", "is of the view", "invites"};
	const accord_section_kind kinds[] = {ACCORD_KIND_PREAMBULAR, ACCORD_KIND_PREAMBULAR, ACCORD_KIND_OPERATIVE,
		ACCORD_KIND_OPERATIVE};
	size_t i, j;
	(void)state;
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_OPINION);
	assert_int_equal(accord_doc_section_count(doc), 4);
	for (i = 0; i < 4; i++) {
		const accord_section *s = accord_doc_section(doc, i);
		assert_string_equal(accord_section_heading(s), headings[i]);
		assert_int_equal(accord_section_kind_of(s), kinds[i]);
		assert_null(accord_section_addressee(s));
		assert_int_equal(accord_section_para_count(s), expected[i]);
		for (j = 0; j < expected[i]; j++) {
			char label[3] = {(char)('a' + j), ')', '\0'};
			const accord_para *p = accord_section_para(s, j);
			assert_string_equal(accord_para_label(p), label);
			assert_int_equal(accord_para_child_count(p), 0);
		}
	}
	assert_int_equal(accord_doc_para_total(doc), 13);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_BODY),
		"The fifth World Telecommunication Policy Forum (Geneva, 2013),");
	assert_null(accord_doc_meta(doc, ACCORD_META_TITLE));
	assert_int_equal(accord_doc_note_count(doc), 0);
	assert_true(starts_with(accord_para_text(para_at(doc, 0, 0)), "that, per article 37 of the Tunis Agenda, a multi"));
	/* trailing blanks are not part of the text */
	assert_string_equal(accord_para_text(para_at(doc, 1, 0)),
		"that there are many existing initiatives to address various aspects of Internet-related public policy "
		"but that they are limited in scope and do not involve the entire community of nations;");
	assert_int_equal(accord_para_line(para_at(doc, 0, 0)), 3);
	assert_int_equal(accord_section_line(accord_doc_section(doc, 3)), 16);
	assert_int_equal(accord_doc_warning_count(doc), 0);
	accord_doc_free(doc);
}

static void test_parse__role_of_government_footnotes_and_nesting(void **state)
{
	accord_doc *doc = parse_seed(SEED_ROLE);
	const size_t counts[] = {1, 7, 2, 5, 3, 6, 3, 6};
	const accord_para *p;
	const char *fn;
	unsigned line, col;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_section_count(doc), 8);
	for (i = 0; i < 8; i++)
		assert_int_equal(accord_section_para_count(accord_doc_section(doc, i)), counts[i]);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE),
		"DRAFT OPINION ON THE ROLE OF GOVERNMENT IN THE MULTISTAKEHOLDER FRAMEWORK FOR INTERNET GOVERNANCE");
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 2)), "taking in to account");
	assert_int_equal(accord_section_kind_of(accord_doc_section(doc, 2)), ACCORD_KIND_PREAMBULAR);
	assert_string_equal(accord_section_addressee(accord_doc_section(doc, 6)), "the Secretary-General");
	assert_string_equal(accord_section_addressee(accord_doc_section(doc, 7)), "Member States");

	/* footnotes: cut out of the text, the reference stays */
	assert_int_equal(accord_doc_footnote_count(doc), 2);
	p = para_at(doc, 1, 0);
	assert_string_equal(accord_para_text(p),
		"Paragraph 35 of the Tunis Agenda for the Information Society (Tunis, 2005) [footnoteRef:1], which affirms "
		"that the management of the Internet encompasses both technical and public policy issues and should "
		"involve all stakeholders and relevant intergovernmental and international organizations; and which "
		"recognizes the respective roles of the cited entities;");
	assert_string_equal(accord_footnote_number(accord_doc_footnote(doc, 0)), "1");
	fn = accord_footnote_text(accord_doc_footnote(doc, 0));
	assert_true(starts_with(fn, "35. We reaffirm that the management"));
	assert_true(strstr(fn, "it is recognized that:\nPolicy authority for Internet-related") != NULL);
	assert_true(strstr(fn, "in the coordination of Internet-related public policy issues.\nInternational organizations") != NULL);
	assert_true(ends_with(fn, "technical standards and relevant policies."));
	assert_int_equal(accord_footnote_line(accord_doc_footnote(doc, 0)), 12);
	assert_string_equal(accord_footnote_text(accord_doc_footnote(doc, 1)),
		"Including, but not limited to, the Internet Corporation for Assigned Names and Numbers (ICANN), the "
		"regional Internet registries (RIRs), the Internet Engineering Task Force (IETF), the Internet Society "
		"(ISOC) and the World Wide Web Consortium (W3C), on the basis of reciprocity.");
	p = para_at(doc, 1, 4);
	assert_true(strstr(accord_para_text(p), "relevant organizations[footnoteRef:2]   involved") != NULL);
	assert_true(ends_with(accord_para_text(p), "maximum benefits to the global community;"));
	/* the paragraph after the footnote is the next one */
	assert_true(starts_with(accord_para_text(para_at(doc, 1, 1)), "Paragraph 55 of the Tunis Agenda"));
	assert_int_equal(accord_para_line(para_at(doc, 1, 1)), 19);

	/* the bookmark is dropped and reported with its position */
	assert_int_equal(accord_doc_warning_count(doc), 1);
	assert_non_null(strstr(accord_doc_warning(doc, 0, &line, &col), "[bookmark: _GoBack]"));
	assert_int_equal(line, 33);
	assert_int_equal(col, 1);
	assert_true(starts_with(accord_para_text(para_at(doc, 3, 1)), "that many Member States still seek"));

	/* is of the view: a)-d) under "that Member States have rights to:" */
	p = para_at(doc, 5, 1);
	assert_string_equal(accord_para_text(p), "that Member States have rights to:");
	assert_null(accord_para_label(p));
	assert_int_equal(accord_para_child_count(p), 4);
	for (i = 0; i < 4; i++) {
		char label[3] = {(char)('a' + i), ')', '\0'};
		assert_string_equal(accord_para_label(accord_para_child(p, i)), label);
	}
	assert_true(starts_with(accord_para_text(para_at(doc, 5, 2)), "that governments are provided opportunities"));
	/* instructs the Secretary-General: 1. and 2. under the third paragraph */
	p = para_at(doc, 6, 2);
	assert_true(ends_with(accord_para_text(p), "the following provisions:"));
	assert_int_equal(accord_para_child_count(p), 2);
	assert_string_equal(accord_para_label(accord_para_child(p, 0)), "1.");
	assert_string_equal(accord_para_label(accord_para_child(p, 1)), "2.");
	assert_int_equal(accord_doc_para_total(doc), 39);
	accord_doc_free(doc);
}

static void test_parse__n3_nests_lettered_items_under_recalling_d(void **state)
{
	accord_doc *doc = parse_seed(SEED_N3);
	const size_t counts[] = {4, 1, 5, 3, 2, 3};
	const accord_para *d;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_section_count(doc), 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(accord_section_para_count(accord_doc_section(doc, i)), counts[i]);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE), "OPINION (n+3) Multi-stakeholder Involvement in Internet Governance");
	/* a) ends with ':' but b) continues its sequence: no children */
	assert_int_equal(accord_para_child_count(para_at(doc, 0, 0)), 0);
	assert_int_equal(accord_para_child_count(para_at(doc, 0, 1)), 0);
	d = para_at(doc, 0, 3);
	assert_string_equal(accord_para_label(d), "d)");
	assert_int_equal(accord_para_child_count(d), 3);
	assert_string_equal(accord_para_label(accord_para_child(d, 0)), "a.");
	assert_string_equal(accord_para_label(accord_para_child(d, 2)), "c.");
	assert_true(starts_with(accord_para_text(accord_para_child(d, 0)), "Discuss public policy issues"));
	/* headings without a tab, capitalised, with an addressee */
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 2)), "noting");
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 3)),
		"Invites ITU Secretary General and ITU Directors of the Bureaux");
	assert_string_equal(accord_section_addressee(accord_doc_section(doc, 3)),
		"ITU Secretary General and ITU Directors of the Bureaux");
	assert_string_equal(accord_section_addressee(accord_doc_section(doc, 5)), "all Stakeholders");
	assert_int_equal(accord_section_kind_of(accord_doc_section(doc, 3)), ACCORD_KIND_OPERATIVE);
	accord_doc_free(doc);
}

static void test_parse__contributions_keep_odd_labels(void **state)
{
	accord_doc *irn = parse_seed(SEED_IRN), *usa = parse_seed(SEED_USA);
	const accord_para *d;
	const char *usa_labels[] = {"a)", NULL, "b)", "c)", "d)", "e)", NULL};
	size_t i;
	(void)state;
	/* Iran: a note, a title, a ")" label, a lone ";" */
	assert_int_equal(accord_doc_section_count(irn), 4);
	assert_int_equal(accord_doc_note_count(irn), 1);
	assert_string_equal(accord_doc_note(irn, 0), "Comments of I.R. of Iran for");
	assert_string_equal(accord_doc_meta(irn, ACCORD_META_TITLE),
		"OPINION (1) ON SUPPORTING FULL MULTI-STAKEHOLDERISM IN INTERNET GOVERNANCE");
	assert_int_equal(accord_section_para_count(accord_doc_section(irn, 1)), 5);
	assert_string_equal(accord_para_label(para_at(irn, 1, 4)), ")");
	assert_true(starts_with(accord_para_text(para_at(irn, 1, 4)), "The close collaboration"));
	assert_int_equal(accord_section_para_count(accord_doc_section(irn, 3)), 3);
	assert_null(accord_para_label(para_at(irn, 3, 1)));
	assert_string_equal(accord_para_text(para_at(irn, 3, 1)), ";");

	/* USA: a)-e) and two unlabelled lines nested in d); e) and f) twice after */
	assert_int_equal(accord_doc_section_count(usa), 4);
	assert_int_equal(accord_section_para_count(accord_doc_section(usa, 0)), 7);
	d = para_at(usa, 0, 3);
	assert_string_equal(accord_para_label(d), "d)");
	assert_int_equal(accord_para_child_count(d), 7);
	for (i = 0; i < 7; i++) {
		const char *l = accord_para_label(accord_para_child(d, i));
		if (usa_labels[i] == NULL)
			assert_null(l);
		else
			assert_string_equal(l, usa_labels[i]);
	}
	assert_string_equal(accord_para_label(para_at(usa, 0, 4)), "e)");
	assert_string_equal(accord_para_label(para_at(usa, 0, 5)), "f)");
	assert_string_equal(accord_para_label(para_at(usa, 0, 6)), "f)");
	assert_string_equal(accord_para_label(para_at(usa, 1, 2)), "b)");
	assert_string_equal(accord_section_addressee(accord_doc_section(usa, 3)), "Member States");
	assert_null(accord_para_label(para_at(usa, 3, 1)));
	assert_true(starts_with(accord_doc_note(usa, 0), "Note: The United States submits"));
	accord_doc_free(irn);
	accord_doc_free(usa);
}

static void test_parse__every_word_kept_in_order(void **state)
{
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(all_seeds) / sizeof(all_seeds[0]); k++) {
		accord_buf in = ACCORD_BUF_INIT, a = ACCORD_BUF_INIT, b = ACCORD_BUF_INIT;
		accord_doc *doc;
		read_seed(&in, all_seeds[k]);
		doc = parse_str(in.ptr, in.size);
		input_words(&a, in.ptr, in.size);
		model_words(&b, doc);
		if (a.size != b.size || memcmp(a.ptr, b.ptr, a.size) != 0)
			fail_msg("%s: the words of the model differ from the input's", all_seeds[k]);
		assert_true(a.size > 1000);
		accord_doc_free(doc);
		accord_buf_dispose(&in);
		accord_buf_dispose(&a);
		accord_buf_dispose(&b);
	}
}

/* parse(render(doc)) == doc, and render is a fixed point. */
static void assert_round_trip(const accord_doc *doc)
{
	accord_buf once = ACCORD_BUF_INIT, twice = ACCORD_BUF_INIT;
	accord_doc *again;
	assert_int_equal(accord_doc_render_text(&once, doc), 0);
	assert_true(once.size > 0);
	assert_int_equal(once.ptr[once.size - 1], '\n');
	assert_true(once.size < 2 || once.ptr[once.size - 2] != '\n');
	again = parse_str(once.ptr, once.size);
	if (!accord_doc_equal(doc, again))
		fail_msg("parse(render(doc)) differs from doc; rendered:\n%s", once.ptr);
	assert_int_equal(accord_doc_render_text(&twice, again), 0);
	assert_int_equal(once.size, twice.size);
	assert_memory_equal(once.ptr, twice.ptr, once.size);
	accord_doc_free(again);
	accord_buf_dispose(&once);
	accord_buf_dispose(&twice);
}

static void test_parse__seeds_round_trip_through_text(void **state)
{
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(all_seeds) / sizeof(all_seeds[0]); k++) {
		accord_doc *doc = parse_seed(all_seeds[k]);
		assert_round_trip(doc);
		accord_doc_free(doc);
	}
}

static void test_parse__metadata_lines(void **state)
{
	const char *text = "Document WTPF-IEG/2/10\n"
			   "Source: United States\n"
			   "Comments of I.R. of Iran for\n"
			   "DRAFT RESOLUTION\n"
			   "ON SOMETHING\n"
			   "An opening line, not last,\n"
			   "The Forum (Geneva, 2013),\n"
			   "\n"
			   "recognizing:\n"
			   "a)\tthat x;\n";
	accord_doc *doc = parse_str(text, strlen(text));
	(void)state;
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_SYMBOL), "WTPF-IEG/2/10");
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_SOURCE), "United States");
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE), "DRAFT RESOLUTION ON SOMETHING");
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_BODY), "The Forum (Geneva, 2013),");
	assert_int_equal(accord_doc_note_count(doc), 2);
	assert_string_equal(accord_doc_note(doc, 0), "Comments of I.R. of Iran for");
	assert_string_equal(accord_doc_note(doc, 1), "An opening line, not last,");
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 0)), "recognizing:");
	assert_round_trip(doc);
	accord_doc_free(doc);
}

static void test_parse__nesting_rules(void **state)
{
	const char *text = "\tresolves\n"
			   "1.\tthe following:\n"
			   "a)\tfirst:\n"
			   "i)\tdeep one;\n"
			   "ii)\tdeep two;\n"
			   "b)\tsecond;\n"
			   "2.\tback at the top;\n"
			   "that an unlabelled line:\n"
			   "(a)\tchild;\n"
			   "(b)\tchild;\n"
			   "that closes the list;\n"
			   "- bullet:\n"
			   "• inner\n"
			   "- next bullet\n";
	accord_doc *doc = parse_str(text, strlen(text));
	const accord_para *one, *a;
	(void)state;
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 6);
	one = para_at(doc, 0, 0);
	assert_int_equal(accord_para_child_count(one), 2);
	a = accord_para_child(one, 0);
	assert_int_equal(accord_para_child_count(a), 2);
	assert_string_equal(accord_para_label(accord_para_child(a, 1)), "ii)");
	assert_string_equal(accord_para_label(accord_para_child(one, 1)), "b)");
	assert_string_equal(accord_para_label(para_at(doc, 0, 1)), "2.");
	assert_int_equal(accord_para_child_count(para_at(doc, 0, 2)), 2);
	assert_string_equal(accord_para_text(para_at(doc, 0, 3)), "that closes the list;");
	assert_string_equal(accord_para_label(para_at(doc, 0, 4)), "-");
	assert_int_equal(accord_para_child_count(para_at(doc, 0, 4)), 1);
	assert_string_equal(accord_para_label(para_at(doc, 0, 5)), "-");
	assert_round_trip(doc);
	accord_doc_free(doc);
}

/* The limits of the rules of docs/formats.md, each on both sides of its boundary. */
static void test_parse__rule_boundaries(void **state)
{
	/* labels: numbers of 1 to 3 digits; a title: at least 2 letters, 3/4 of them uppercase */
	const char *text = "XY\n"
			   "ABCd\n"
			   "ABcd\n"
			   "Z 1\n"
			   "The Body,\n"
			   "\tdecides\n"
			   "123.\tthree digits;\n"
			   "1234. four digits;\n"
			   "1.2.3.\tparts;\n"
			   "[123: a note] and [1234: no note];\n";
	accord_doc *doc = parse_str(text, strlen(text));
	const char *heading;
	size_t i;
	(void)state;
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE), "XY ABCd");
	assert_int_equal(accord_doc_note_count(doc), 2);
	assert_string_equal(accord_doc_note(doc, 0), "ABcd");
	assert_string_equal(accord_doc_note(doc, 1), "Z 1");
	assert_string_equal(accord_para_label(para_at(doc, 0, 0)), "123.");
	assert_null(accord_para_label(para_at(doc, 0, 1)));
	assert_string_equal(accord_para_text(para_at(doc, 0, 1)), "1234. four digits;");
	assert_string_equal(accord_para_label(para_at(doc, 0, 2)), "1.2.3.");
	assert_string_equal(accord_para_text(para_at(doc, 0, 3)), "and [1234: no note];");
	assert_string_equal(accord_footnote_text(accord_doc_find_footnote(doc, "123")), "a note");
	assert_int_equal(accord_doc_footnote_count(doc), 1);
	assert_round_trip(doc);
	accord_doc_free(doc);

	/* headings: a line ending in ';' or '.' never is one; an addressee has at most 12 words */
	text = "\tnoting.\n"
	       "\tnoting;\n"
	       "\tinvites Member States.\n"
	       "\tinvites Member States;\n"
	       "\tinvites one two three four five six seven eight nine ten eleven twelve\n"
	       "\tinvites one two three four five six seven eight nine ten eleven twelve thirteen\n";
	doc = parse_str(text, strlen(text));
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_OPINION);
	assert_int_equal(accord_doc_section_count(doc), 1);
	heading = accord_section_heading(accord_doc_section(doc, 0));
	assert_string_equal(heading, "invites one two three four five six seven eight nine ten eleven twelve");
	assert_string_equal(accord_section_addressee(accord_doc_section(doc, 0)),
		"one two three four five six seven eight nine ten eleven twelve");
	/* the lines before the heading are notes, the one after it a paragraph */
	assert_int_equal(accord_doc_note_count(doc), 4);
	assert_string_equal(accord_doc_note(doc, 0), "noting.");
	assert_string_equal(accord_doc_note(doc, 1), "noting;");
	assert_string_equal(accord_doc_note(doc, 2), "invites Member States.");
	assert_string_equal(accord_doc_note(doc, 3), "invites Member States;");
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 1);
	assert_true(starts_with(accord_para_text(para_at(doc, 0, 0)), "invites one two"));
	assert_round_trip(doc);
	accord_doc_free(doc);

	/* generic mode: a '#' heading line may be indented, however deep; "#x" is no heading */
	text = "   # Indented three\n\nunder it\n\n        # Indented eight\n\n#x\n";
	doc = parse_str(text, strlen(text));
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	assert_int_equal(accord_doc_section_count(doc), 2);
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 0)), "Indented three");
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 1)), "Indented eight");
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 1)), 1);
	assert_string_equal(accord_para_text(para_at(doc, 1, 0)), "#x");
	for (i = 0; i < accord_section_para_count(accord_doc_section(doc, 0)); i++)
		assert_null(accord_para_label(para_at(doc, 0, i)));
	accord_doc_free(doc);
}

static void test_parse__depth_is_limited_to_four(void **state)
{
	const char *text = "\tdecides\na)\tone:\n1.\ttwo:\ni)\tthree:\n-\tfour:\n(a)\tfive;\n(b)\tsix;\nb)\tback;\n";
	accord_doc *doc = parse_str(text, strlen(text));
	const accord_para *p = para_at(doc, 0, 0), *three;
	(void)state;
	three = accord_para_child(accord_para_child(p, 0), 0);
	assert_string_equal(accord_para_label(three), "i)");
	/* "-\tfour:" is at depth 3: it opens no list, (a) and (b) are its siblings */
	assert_int_equal(accord_para_child_count(three), 3);
	assert_int_equal(accord_para_depth(accord_para_child(three, 2)), 3);
	assert_int_equal(accord_para_child_count(accord_para_child(three, 0)), 0);
	assert_string_equal(accord_para_label(para_at(doc, 0, 1)), "b)");
	assert_round_trip(doc);
	accord_doc_free(doc);
}

/* ---- artefacts and edge cases ------------------------------------------------ */

static void test_parse__artefacts_mid_line(void **state)
{
	const char *text = "\tnoting\n"
			   "a)\tword[bookmark: x]glued and spaced [bookmark: y] out;\n"
			   "b)\tbefore [7: a note\n"
			   "   on two lines] after;\n"
			   "c)\tan [unterminated bracket;\n"
			   "d)\tlist [12: one][13: two [nested]].\n";
	accord_doc *doc = parse_str(text, strlen(text));
	unsigned line, col;
	(void)state;
	assert_string_equal(accord_para_text(para_at(doc, 0, 0)), "wordglued and spaced out;");
	assert_int_equal(accord_doc_warning_count(doc), 2);
	accord_doc_warning(doc, 1, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 38);
	assert_string_equal(accord_para_text(para_at(doc, 0, 1)), "before after;");
	assert_string_equal(accord_footnote_text(accord_doc_find_footnote(doc, "7")), "a note\non two lines");
	assert_string_equal(accord_para_text(para_at(doc, 0, 2)), "an [unterminated bracket;");
	assert_string_equal(accord_para_text(para_at(doc, 0, 3)), "list.");
	assert_string_equal(accord_footnote_text(accord_doc_find_footnote(doc, "13")), "two [nested]");
	assert_int_equal(accord_doc_section_count(doc), 1);
	assert_round_trip(doc);
	accord_doc_free(doc);
}

static void test_parse__unclosed_footnote_is_an_error(void **state)
{
	const char *text = "\tnoting\na)\tx [1: one\nb)\ty;\n\nc)\tz]\n";
	const char *joined = "\tnoting\na)\tx[book[3: a\nb]mark: q]y and a[1:3] [1[2: n]: m]\n";
	accord_doc *doc = NULL;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_parse_text(&doc, text, strlen(text), NULL, &err), ACCORD_EPARSE);
	assert_null(doc);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 6);
	/* joining around a removed artefact may form a new one: it goes too */
	assert_int_equal(accord_doc_parse_text(&doc, joined, strlen(joined), NULL, &err), 0);
	assert_string_equal(accord_para_text(para_at(doc, 0, 0)), "xy and a[1:3]");
	assert_int_equal(accord_doc_footnote_count(doc), 3);
	assert_string_equal(accord_footnote_text(accord_doc_find_footnote(doc, "3")), "a\nb");
	assert_string_equal(accord_footnote_text(accord_doc_find_footnote(doc, "1")), "m");
	assert_int_equal(accord_doc_warning_count(doc), 1);
	assert_round_trip(doc);
	accord_doc_free(doc);
}

/*
** The forms of a footnote definition: "[" 1 to 3 digits ":" then a blank or
** the end of the line, the note running to the closing "]" (over lines).
*/
static void test_parse__footnote_definition_forms(void **state)
{
	static const struct {
		const char *para;     /* the paragraph as written after "1.\t" */
		const char *text;     /* the paragraph's text once read */
		const char *number;   /* the footnote defined, or NULL */
		const char *note;
	} forms[] = {
		{"to act[1: a note];", "to act;", "1", "a note"},
		{"to act[1:\ta note];", "to act;", "1", "a note"},
		{"to act[12: a note];", "to act;", "12", "a note"},
		{"to act[123: a note];", "to act;", "123", "a note"},
		{"to act[1:\nthe note\nover lines];", "to act;", "1", "the note\nover lines"},
		{"to act[7:\n\tindented];", "to act;", "7", "indented"},
		{"to act[1:note];", "to act[1:note];", NULL, NULL},
		{"to act[1234: a note];", "to act[1234: a note];", NULL, NULL},
		{"to act[a: a note];", "to act[a: a note];", NULL, NULL},
		{"to act[: a note];", "to act[: a note];", NULL, NULL},
		{"to act[1 : a note];", "to act[1 : a note];", NULL, NULL},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char text[256];
		accord_doc *doc;
		snprintf(text, sizeof(text), "\tdecides\n1.\t%s\n", forms[i].para);
		doc = parse_str(text, strlen(text));
		if (strcmp(accord_para_text(para_at(doc, 0, 0)), forms[i].text) != 0)
			fail_msg("\"%s\": text \"%s\"", forms[i].para, accord_para_text(para_at(doc, 0, 0)));
		if (forms[i].number == NULL) {
			assert_int_equal(accord_doc_footnote_count(doc), 0);
		} else {
			const accord_footnote *f = accord_doc_find_footnote(doc, forms[i].number);
			assert_int_equal(accord_doc_footnote_count(doc), 1);
			if (f == NULL || strcmp(accord_footnote_text(f), forms[i].note) != 0)
				fail_msg("\"%s\": note \"%s\"", forms[i].para, f ? accord_footnote_text(f) : "(none)");
		}
		accord_doc_free(doc);
	}
}

static void test_parse__duplicate_footnote_is_an_error(void **state)
{
	const char *text = "\tnoting\na)\tx [1: one]\nb)\ty [1: two]\n";
	accord_doc *doc = NULL;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_parse_text(&doc, text, strlen(text), NULL, &err), ACCORD_EPARSE);
	assert_null(doc);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 6);
}

static void test_parse__empty_blank_binary_and_bad_utf8(void **state)
{
	accord_doc *doc = NULL;
	accord_error err;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	(void)state;
	opts.name = "in.txt";
	/* nothing to point at: the error has no line and no column */
	assert_int_equal(accord_doc_parse_text(&doc, "", 0, &opts, &err), ACCORD_EEMPTY);
	assert_null(doc);
	assert_string_equal(err.message, "the input is empty");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.col, 0);
	assert_string_equal(err.file, "in.txt");
	assert_int_equal(accord_doc_parse_text(&doc, " \t\r\n\n  \n", 8, &opts, &err), ACCORD_EEMPTY);
	assert_int_equal(err.line, 0);
	assert_int_equal(err.col, 0);
	assert_int_equal(accord_doc_parse_text(&doc, "\xEF\xBB\xBF\n", 4, &opts, &err), ACCORD_EEMPTY);
	assert_int_equal(accord_doc_parse_text(&doc, "[bookmark: _GoBack]\n", 20, &opts, &err), ACCORD_EEMPTY);
	assert_null(doc);
	assert_string_equal(err.message, "the input has no text, only Word artefacts");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.col, 0);
	assert_string_equal(err.file, "in.txt");
	assert_int_equal(accord_doc_parse_text(&doc, "abc\n\tx\0y", 8, &opts, &err), ACCORD_EPARSE);
	assert_null(doc);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	assert_string_equal(err.file, "in.txt");
	assert_int_equal(accord_doc_parse_text(&doc, "ok\n\xC3\xA9t\xC3\n", 8, &opts, &err), ACCORD_EUTF8);
	assert_null(doc);
	assert_int_equal(err.offset, 6);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 3);
	/* an overlong encoding is invalid too */
	assert_int_equal(accord_doc_parse_text(&doc, "\xC0\xAF", 2, NULL, &err), ACCORD_EUTF8);
	assert_int_equal(err.offset, 0);
	assert_int_equal(accord_doc_parse_text(NULL, "x", 1, NULL, &err), ACCORD_EINVAL);
}

static void test_parse__crlf_and_bom_give_the_same_document(void **state)
{
	accord_buf lf = ACCORD_BUF_INIT, crlf = ACCORD_BUF_INIT;
	accord_doc *a, *b;
	size_t i;
	(void)state;
	read_seed(&lf, SEED_ROLE);
	assert_int_equal(accord_buf_puts(&crlf, "\xEF\xBB\xBF"), 0);
	for (i = 0; i < lf.size; i++) {
		if (lf.ptr[i] == '\n')
			assert_int_equal(accord_buf_putc(&crlf, '\r'), 0);
		assert_int_equal(accord_buf_putc(&crlf, lf.ptr[i]), 0);
	}
	a = parse_str(lf.ptr, lf.size);
	b = parse_str(crlf.ptr, crlf.size);
	assert_true(accord_doc_equal(a, b));
	assert_int_equal(accord_doc_warning_count(b), 1);
	accord_doc_free(a);
	accord_doc_free(b);
	accord_buf_dispose(&lf);
	accord_buf_dispose(&crlf);
}

/*
** Byte order marks after blanks at the start, or at the start of a paragraph (files joined or
** converted twice): invisible blanks, trimmed, so that the text written reads back the same
** (fuzz_text found "\f\xEF\xBB\xBF\xEF\xBB\xBFText" written as a BOM the next reading dropped).
*/
static void test_parse__byte_order_marks_inside_the_text_are_blanks(void **state)
{
	static const char text[] = "\f\f\xEF\xBB\xBF\xEF\xBB\xBFTwo marks.\n\n\xEF\xBB\xBFThen text.\xEF\xBB\xBF\n";
	accord_doc *doc = parse_str(text, sizeof(text) - 1);
	const accord_section *s = accord_doc_section(doc, 0);
	(void)state;
	assert_int_equal(accord_section_para_count(s), 2);
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "Two marks.");
	assert_string_equal(accord_para_text(accord_section_para(s, 1)), "Then text.");
	accord_doc_free(doc);
}

static void test_parse__generic_text(void **state)
{
	const char *text = "  Article 1\n"
			   "    The law applies   \n"
			   "    everywhere.\n"
			   "\n\n"
			   "Article 2\n"
			   "Nothing else.\n"
			   "# Annex\n"
			   "Text of the annex [1: a note].\n";
	accord_doc *doc = parse_str(text, strlen(text));
	const accord_section *s;
	(void)state;
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	assert_int_equal(accord_doc_section_count(doc), 2);
	s = accord_doc_section(doc, 0);
	assert_null(accord_section_heading(s));
	assert_int_equal(accord_section_kind_of(s), ACCORD_KIND_NONE);
	assert_int_equal(accord_section_para_count(s), 2);
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "Article 1\n    The law applies\n    everywhere.");
	assert_null(accord_para_label(accord_section_para(s, 0)));
	assert_string_equal(accord_para_text(accord_section_para(s, 1)), "Article 2\nNothing else.");
	s = accord_doc_section(doc, 1);
	assert_string_equal(accord_section_heading(s), "Annex");
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "Text of the annex.");
	assert_int_equal(accord_doc_footnote_count(doc), 1);
	assert_round_trip(doc);
	accord_doc_free(doc);
}

static void test_parse__force_generic_and_custom_vocabulary(void **state)
{
	accord_buf in = ACCORD_BUF_INIT;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_vocab *vocab;
	accord_doc *doc;
	accord_error err;
	const char *text = "\tbeschliesst\na)\tetwas;\n";
	(void)state;
	read_seed(&in, SEED_BASE);
	opts.force_generic = 1;
	assert_int_equal(accord_doc_parse_text(&doc, in.ptr, in.size, &opts, &err), 0);
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	assert_int_equal(accord_doc_section_count(doc), 1);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 1);
	accord_doc_free(doc);
	/* a vocabulary extended by a rule pack */
	doc = parse_str(text, strlen(text));
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	accord_doc_free(doc);
	assert_int_equal(accord_vocab_new_default(&vocab), 0);
	assert_int_equal(accord_vocab_add(vocab, "beschliesst", ACCORD_KIND_OPERATIVE, 0), 0);
	opts.force_generic = 0;
	opts.vocab = vocab;
	assert_int_equal(accord_doc_parse_text(&doc, text, strlen(text), &opts, &err), 0);
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_OPINION);
	assert_int_equal(accord_section_kind_of(accord_doc_section(doc, 0)), ACCORD_KIND_OPERATIVE);
	accord_doc_free(doc);
	accord_vocab_free(vocab);
	accord_buf_dispose(&in);
}

/* ---- vocabulary ------------------------------------------------------------------ */

static void test_parse__vocabulary_matching(void **state)
{
	accord_vocab *v;
	accord_section_kind kind;
	size_t as, al;
	const char *line;
	int takes;
	(void)state;
	assert_int_equal(accord_vocab_new_default(&v), 0);
	assert_true(accord_vocab_count(v) > 80);
	assert_true(accord_vocab_match(v, "taking in to account", 20, &kind, &as, &al));
	assert_int_equal(kind, ACCORD_KIND_PREAMBULAR);
	assert_int_equal(al, 0);
	assert_true(accord_vocab_match(v, "  RECOGNISING:  ", 16, &kind, NULL, NULL));
	assert_true(accord_vocab_match(v, "noting  with\tconcern,", 21, &kind, NULL, NULL));
	assert_true(accord_vocab_match(v, "is of the view", 14, &kind, NULL, NULL));
	assert_int_equal(kind, ACCORD_KIND_OPERATIVE);
	line = "invites Member States";
	assert_true(accord_vocab_match(v, line, strlen(line), &kind, &as, &al));
	assert_int_equal(kind, ACCORD_KIND_OPERATIVE);
	assert_int_equal(as, 8);
	assert_int_equal(al, 13);
	line = "\tInvites ITU Secretary General and ITU Directors of the Bureaux :";
	assert_true(accord_vocab_match(v, line, strlen(line), &kind, &as, &al));
	assert_memory_equal(line + as, "ITU Secretary General and ITU Directors of the Bureaux", al);
	assert_int_equal(al, strlen("ITU Secretary General and ITU Directors of the Bureaux"));
	/* not headings */
	assert_false(accord_vocab_match(v, "noting;", 7, &kind, NULL, NULL));
	assert_false(accord_vocab_match(v, "notingly", 8, &kind, NULL, NULL));
	assert_false(accord_vocab_match(v, "recognizing that x", 18, &kind, NULL, NULL));
	line = "invites Member States to do this.";
	assert_false(accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL));
	line = "requests for comments";
	assert_false(accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL));
	line = "invites one two three four five six seven eight nine ten eleven twelve thirteen";
	assert_false(accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL));
	assert_false(accord_vocab_match(v, "a) noting", 9, &kind, NULL, NULL));
	assert_false(accord_vocab_match(v, "", 0, &kind, NULL, NULL));
	/* adding updates an existing phrase */
	assert_int_equal(accord_vocab_add(v, "NOTING  ", ACCORD_KIND_OPERATIVE, 1), 0);
	assert_true(accord_vocab_match(v, "noting the Council", 18, &kind, &as, &al));
	assert_int_equal(kind, ACCORD_KIND_OPERATIVE);
	assert_int_equal(accord_vocab_add(v, "  ", ACCORD_KIND_OPERATIVE, 0), ACCORD_EINVAL);
	assert_int_equal(accord_vocab_add(v, "x", ACCORD_KIND_NONE, 0), ACCORD_EINVAL);
	assert_non_null(accord_vocab_phrase(v, 0, &kind, &takes));
	assert_non_null(accord_vocab_phrase(v, accord_vocab_count(v) - 1, &kind, &takes));
	assert_null(accord_vocab_phrase(v, accord_vocab_count(v), &kind, &takes));
	assert_null(accord_vocab_phrase(v, 100000, &kind, &takes));
	assert_null(accord_vocab_phrase(NULL, 0, &kind, &takes));
	accord_vocab_free(v);
	assert_int_equal(accord_vocab_new(&v), 0);
	assert_int_equal(accord_vocab_count(v), 0);
	assert_false(accord_vocab_match(v, "noting", 6, &kind, NULL, NULL));
	accord_vocab_free(v);
}

/*
** Every phrase of the default vocabulary, with its kind and whether it
** takes an addressee (UN and ITU practice; a hand list, in the order the
** vocabulary keeps). Each is a heading as written, in capitals with a colon,
** and followed by "Member States" exactly when it takes an addressee.
*/
#define P ACCORD_KIND_PREAMBULAR
#define O ACCORD_KIND_OPERATIVE
static const struct {
	const char *phrase;
	accord_section_kind kind;
	int takes_addressee;
} vocabulary_rows[] = {
	{"acknowledging", P, 0},
	{"acknowledging also", P, 0},
	{"acknowledging further", P, 0},
	{"affirming", P, 0},
	{"alarmed", P, 0},
	{"appreciating", P, 0},
	{"aware", P, 0},
	{"being aware", P, 0},
	{"bearing in mind", P, 0},
	{"believing", P, 0},
	{"cognizant", P, 0},
	{"concerned", P, 0},
	{"conscious", P, 0},
	{"considering", P, 0},
	{"considering also", P, 0},
	{"considering further", P, 0},
	{"convinced", P, 0},
	{"deeply concerned", P, 0},
	{"desiring", P, 0},
	{"determined", P, 0},
	{"emphasizing", P, 0},
	{"emphasising", P, 0},
	{"emphasizing also", P, 0},
	{"emphasising also", P, 0},
	{"expressing appreciation", P, 0},
	{"expressing concern", P, 0},
	{"expressing deep concern", P, 0},
	{"expressing gratitude", P, 0},
	{"expressing its appreciation", P, 0},
	{"expressing its concern", P, 0},
	{"expressing its deep concern", P, 0},
	{"expressing its satisfaction", P, 0},
	{"expressing satisfaction", P, 0},
	{"expressing the hope", P, 0},
	{"fully aware", P, 0},
	{"further considering", P, 0},
	{"further noting", P, 0},
	{"further recalling", P, 0},
	{"further recognizing", P, 0},
	{"further recognising", P, 0},
	{"guided by", P, 0},
	{"having considered", P, 0},
	{"having examined", P, 0},
	{"having heard", P, 0},
	{"having regard to", P, 0},
	{"highlighting", P, 0},
	{"keeping in mind", P, 0},
	{"mindful", P, 0},
	{"noting", P, 0},
	{"noting also", P, 0},
	{"noting further", P, 0},
	{"noting with appreciation", P, 0},
	{"noting with concern", P, 0},
	{"noting with satisfaction", P, 0},
	{"observing", P, 0},
	{"reaffirming", P, 0},
	{"recalling", P, 0},
	{"recalling also", P, 0},
	{"recalling further", P, 0},
	{"recognizing", P, 0},
	{"recognising", P, 0},
	{"recognizing also", P, 0},
	{"recognising also", P, 0},
	{"recognizing further", P, 0},
	{"recognising further", P, 0},
	{"referring", P, 0},
	{"reiterating", P, 0},
	{"stressing", P, 0},
	{"taking into account", P, 0},
	{"taking into consideration", P, 0},
	{"taking note", P, 0},
	{"underlining", P, 0},
	{"welcoming", P, 0},
	{"accepts", O, 0},
	{"adopts", O, 0},
	{"affirms", O, 0},
	{"agrees", O, 0},
	{"also invites", O, 1},
	{"also requests", O, 1},
	{"also resolves", O, 0},
	{"appeals to", O, 1},
	{"approves", O, 0},
	{"authorizes", O, 1},
	{"calls on", O, 1},
	{"calls upon", O, 1},
	{"declares", O, 0},
	{"decides", O, 0},
	{"decides further", O, 0},
	{"decides to instruct", O, 1},
	{"decides to invite", O, 1},
	{"encourages", O, 1},
	{"endorses", O, 0},
	{"further decides", O, 0},
	{"further invites", O, 1},
	{"further instructs", O, 1},
	{"further requests", O, 1},
	{"further resolves", O, 0},
	{"instructs", O, 1},
	{"invites", O, 1},
	{"is of the opinion", O, 0},
	{"is of the view", O, 0},
	{"reaffirms", O, 0},
	{"recommends", O, 1},
	{"requests", O, 1},
	{"resolves", O, 0},
	{"resolves further", O, 0},
	{"resolves to instruct", O, 1},
	{"resolves to invite", O, 1},
	{"resolves to request", O, 1},
	{"supports", O, 0},
	{"takes note", O, 0},
	{"urges", O, 1},
};
#undef P
#undef O

static void test_parse__every_vocabulary_phrase_with_its_kind(void **state)
{
	accord_vocab *v;
	size_t i, n = sizeof(vocabulary_rows) / sizeof(vocabulary_rows[0]);
	(void)state;
	assert_int_equal(accord_vocab_new_default(&v), 0);
	assert_int_equal(accord_vocab_count(v), n);
	for (i = 0; i < n; i++) {
		const char *phrase = vocabulary_rows[i].phrase;
		accord_section_kind kind, want = vocabulary_rows[i].kind;
		int takes;
		char line[128];
		size_t as, al, k;
		assert_string_equal(accord_vocab_phrase(v, i, &kind, &takes), phrase);
		assert_int_equal(kind, want);
		assert_int_equal(takes, vocabulary_rows[i].takes_addressee);
		/* as written, with no addressee */
		if (!accord_vocab_match(v, phrase, strlen(phrase), &kind, &as, &al))
			fail_msg("\"%s\" is not a heading", phrase);
		assert_int_equal(kind, want);
		assert_int_equal(al, 0);
		/* in capitals, indented, with a colon */
		snprintf(line, sizeof(line), "\t%s :", phrase);
		for (k = 0; line[k]; k++)
			if (line[k] >= 'a' && line[k] <= 'z')
				line[k] = (char)(line[k] - 'a' + 'A');
		if (!accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL))
			fail_msg("\"%s\" is not a heading", line);
		assert_int_equal(kind, want);
		/* with an addressee: a heading only for the phrases that take one */
		snprintf(line, sizeof(line), "%s Member States,", phrase);
		if (vocabulary_rows[i].takes_addressee) {
			if (!accord_vocab_match(v, line, strlen(line), &kind, &as, &al))
				fail_msg("\"%s\" is not a heading", line);
			assert_int_equal(kind, want);
			assert_int_equal(as, strlen(phrase) + 1);
			assert_int_equal(al, strlen("Member States"));
		} else if (accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL)) {
			fail_msg("\"%s\" is a heading", line);
		}
		/* an addressee never starts with a word that starts a sentence */
		if (vocabulary_rows[i].takes_addressee) {
			static const char *const stop_words[] = {"to", "for", "of", "that", "which", "with", "by", "in", "on",
				"at", "from", "as", "and", "or"};
			size_t w;
			for (w = 0; w < sizeof(stop_words) / sizeof(stop_words[0]); w++) {
				snprintf(line, sizeof(line), "%s %s Member States", phrase, stop_words[w]);
				if (accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL))
					fail_msg("\"%s\" is a heading", line);
				snprintf(line, sizeof(line), "%s %c%s Member States", phrase, stop_words[w][0] - 'a' + 'A',
					stop_words[w] + 1);
				if (accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL))
					fail_msg("\"%s\" is a heading", line);
				/* a longer word that begins like one is a name */
				snprintf(line, sizeof(line), "%s %sx Member States", phrase, stop_words[w]);
				if (!accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL))
					fail_msg("\"%s\" is not a heading", line);
			}
			/* an addressee needs a letter */
			snprintf(line, sizeof(line), "%s 1 2", phrase);
			assert_false(accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL));
		}
		/* a sentence is never one */
		snprintf(line, sizeof(line), "%s the work;", phrase);
		assert_false(accord_vocab_match(v, line, strlen(line), &kind, NULL, NULL));
	}
	accord_vocab_free(v);
}

/* The label forms of docs/formats.md: what opens a paragraph, and how many bytes. */
static void test_parse__every_label_form(void **state)
{
	static const struct {
		const char *line;
		size_t label_len;
	} forms[] = {
		{"a) x", 2}, {"a)", 2}, {"Z. x", 2}, {"a)x", 0}, {"(a) x", 3}, {"(iv)\tx", 4}, {"iv. x", 3},
		{"XIV) x", 4}, {"xIv) x", 0}, {"iiii) x", 0}, {"ab) x", 0}, {"1. x", 2}, {"12) x", 3}, {"123. x", 4},
		{"1234. x", 0}, {"(1234) x", 0}, {"1.2. x", 4}, {"1.2.3) x", 6}, {"1.2 x", 0}, {"1.. x", 0},
		{"- x", 1}, {"* x", 1}, {"\xE2\x80\xA2 x", 3}, {"\xE2\x80\x93 x", 3}, {"-x", 0}, {") x", 1}, {"() x", 0},
		{"( x", 0}, {"(a x", 0}, {"a x", 0}, {"", 0}, {"a.\xC2\xA0x", 2}, {"a) \xC2\xA0x", 2},
		/* inserted paragraphs, as ITU and UN texts number them */
		{"d bis) x", 6}, {"d ter)\tx", 6}, {"1 bis. x", 6}, {"(2 quater) x", 10}, {"12bis) x", 6},
		{"iv bis) x", 7}, {"d bis x", 0}, {"d biss) x", 0}, {"d  bis) x", 0}, {"bis) x", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (accord_parse_label_len(forms[i].line, strlen(forms[i].line)) != forms[i].label_len)
			fail_msg("\"%s\": label of %zu bytes, want %zu", forms[i].line,
				accord_parse_label_len(forms[i].line, strlen(forms[i].line)), forms[i].label_len);
}

/* A Roman numeral up to 99 in one case, written the usual way. */
static void roman(char *out, unsigned v, int upper)
{
	static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
	size_t k;
	snprintf(out, 16, "%s%s", tens[v / 10], ones[v % 10]);
	for (k = 0; upper && out[k]; k++)
		out[k] = (char)(out[k] - 'a' + 'A');
}

/* Which label continues which: the sequence a) b), 1. 2., 1.9. 1.10., i) ii), the same bullet. */
static void test_parse__label_sequences(void **state)
{
	static const struct {
		const char *prev, *next;
		int continues;
	} pairs[] = {
		{"a)", "b)", 1}, {"h)", "i)", 1}, {"i)", "j)", 1}, {"A)", "B)", 1}, {"(a)", "(b)", 1}, {"a.", "b.", 1},
		{"a)", "c)", 0}, {"b)", "a)", 0}, {"a)", "b.", 0}, {"(a)", "b)", 0}, {"a)", "(b)", 0}, {"a)", "B)", 0},
		{"z)", "{)", 0}, {"Z)", "[)", 0}, {"1.", "2.", 1}, {"9.", "10.", 1}, {"99)", "100)", 1}, {"1.", "3.", 0},
		{"2.", "1.", 0}, {"1.2.", "1.3.", 1}, {"1.9.", "1.10.", 1}, {"1.2.", "2.1.", 0}, {"1.2.", "1.2.", 0},
		{"1.", "a.", 0}, {"a.", "1.", 0}, {"1.", "2)", 0}, {"-", "-", 1}, {"-", "*", 0}, {"*", "*", 1},
		{"\xE2\x80\xA2", "\xE2\x80\xA2", 1}, {"\xE2\x80\xA2", "-", 0}, {"i)", "ii)", 1}, {"iv)", "v)", 1},
		{"ix)", "x)", 1}, {"xlix)", "l)", 1}, {"(i)", "(ii)", 1}, {"I)", "II)", 1}, {"IV)", "V)", 1},
		{"i)", "II)", 0}, {"I)", "ii)", 0}, {"iv)", "V)", 0}, {"IV)", "v)", 0}, {"ii)", "iv)", 0},
		{"iii)", "ii)", 0}, {")", ")", 0}, {"", "a)", 0}, {"a)", "", 0},
		/* inserted paragraphs: d) d bis) d ter) e), 1. 1 bis. 2. */
		{"d)", "d bis)", 1}, {"d bis)", "d ter)", 1}, {"d ter)", "e)", 1}, {"d bis)", "e)", 1},
		{"d)", "d ter)", 0}, {"d bis)", "d bis)", 0}, {"c)", "d bis)", 0}, {"d bis)", "d)", 0},
		{"1.", "1 bis.", 1}, {"1 bis.", "2.", 1}, {"(2)", "(2 bis)", 1}, {"d bis)", "e.", 0},
	};
	size_t i;
	unsigned v;
	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (accord_parse_label_continues(pairs[i].prev, pairs[i].next) != pairs[i].continues)
			fail_msg("\"%s\" then \"%s\": continues %d, want %d", pairs[i].prev, pairs[i].next,
				!pairs[i].continues, pairs[i].continues);
	assert_false(accord_parse_label_continues(NULL, "a)"));
	assert_false(accord_parse_label_continues("a)", NULL));
	/* every Roman numeral to 99 is followed by the next, in either case, in either form */
	for (v = 1; v < 99; v++) {
		char a[16], b[16], prev[24], next[24];
		int upper;
		for (upper = 0; upper < 2; upper++) {
			roman(a, v, upper);
			roman(b, v + 1, upper);
			snprintf(prev, sizeof(prev), "%s)", a);
			snprintf(next, sizeof(next), "%s)", b);
			if (!accord_parse_label_continues(prev, next))
				fail_msg("\"%s\" then \"%s\" do not continue", prev, next);
			snprintf(prev, sizeof(prev), "(%s)", a);
			snprintf(next, sizeof(next), "(%s)", b);
			assert_true(accord_parse_label_continues(prev, next));
			/* and never into the other case, or two ahead */
			roman(b, v + 1, !upper);
			snprintf(next, sizeof(next), "(%s)", b);
			if (accord_parse_label_continues(prev, next))
				fail_msg("\"%s\" then \"%s\" continue", prev, next);
			if (v + 2 < 100) {
				roman(b, v + 2, upper);
				snprintf(next, sizeof(next), "(%s)", b);
				if (accord_parse_label_continues(prev, next) && !(strlen(a) == 1 && strlen(b) == 1))
					fail_msg("\"%s\" then \"%s\" continue", prev, next);
			}
		}
	}
}

/*
** A line before the first heading is the title when 3/4 of its letters
** are capitals (ASCII letters a-z and A-Z count), or when it holds one of
** the words OPINION, RESOLUTION, DECISION, RECOMMENDATION in capitals as a
** word of its own; otherwise it is a note.
*/
static void test_parse__title_words_and_capitals(void **state)
{
	static const struct {
		const char *line;
		int title;
	} lines[] = {
		{"Draft OPINION on the Internet", 1}, {"Draft RESOLUTION on the Internet", 1},
		{"Draft DECISION on the Internet", 1}, {"Draft RECOMMENDATION on the Internet", 1},
		{"OPINION on the Internet and its governance", 1}, {"on the Internet, a RESOLUTION", 1},
		{"Draft Opinion on the Internet", 0}, {"Draft resolution on the Internet", 0},
		{"Draft OPINIONS on the Internet", 0}, {"Draft xDECISION on the Internet", 0},
		{"Draft RECOMMENDATIONs on the Internet", 0}, {"ABCaa", 0}, {"ABCa", 1}, {"ABC aaa", 0},
		{"ABCDEF aa", 1}, {"A1 aa", 0}, {"AB", 1}, {"A", 0},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char text[256];
		accord_doc *doc;
		const char *title;
		snprintf(text, sizeof(text), "%s\n\n\tdecides\n1.\tthat x;\n", lines[i].line);
		doc = parse_str(text, strlen(text));
		title = accord_doc_meta(doc, ACCORD_META_TITLE);
		if (lines[i].title) {
			if (title == NULL || strcmp(title, lines[i].line) != 0)
				fail_msg("\"%s\" is not the title", lines[i].line);
			assert_int_equal(accord_doc_note_count(doc), 0);
		} else {
			if (title != NULL)
				fail_msg("\"%s\" is the title", lines[i].line);
			assert_int_equal(accord_doc_note_count(doc), 1);
			assert_string_equal(accord_doc_note(doc, 0), lines[i].line);
		}
		accord_doc_free(doc);
	}
}

/* ---- Markdown and dispatch -------------------------------------------------------- */

static void test_parse__markdown(void **state)
{
	const char *md = "Intro line one\nline two\n\n"
			 "# Scope\n\n"
			 "- first item\n"
			 "  continued\n"
			 "- second:\n"
			 "  1. nested one\n"
			 "  2. nested two\n"
			 "\n"
			 "Title Two\n"
			 "=========\n\n"
			 "```\ncode [x]\n\n  kept\n```\n\n"
			 "---\n\n"
			 "Text with a note[^1].\n\n"
			 "[^1]: The note\n    goes on.\n";
	accord_doc *doc = NULL;
	accord_error err;
	const accord_section *s;
	const accord_para *second;
	(void)state;
	assert_int_equal(accord_doc_parse_markdown(&doc, md, strlen(md), NULL, &err), 0);
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	assert_int_equal(accord_doc_section_count(doc), 3);
	s = accord_doc_section(doc, 0);
	assert_null(accord_section_heading(s));
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "Intro line one\nline two");
	s = accord_doc_section(doc, 1);
	assert_string_equal(accord_section_heading(s), "Scope");
	assert_int_equal(accord_section_para_count(s), 2);
	assert_string_equal(accord_para_label(accord_section_para(s, 0)), "-");
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "first item\ncontinued");
	second = accord_section_para(s, 1);
	assert_int_equal(accord_para_child_count(second), 2);
	assert_string_equal(accord_para_label(accord_para_child(second, 1)), "2.");
	assert_string_equal(accord_para_text(accord_para_child(second, 1)), "nested two");
	s = accord_doc_section(doc, 2);
	assert_string_equal(accord_section_heading(s), "Title Two");
	assert_int_equal(accord_section_para_count(s), 2);
	assert_string_equal(accord_para_text(accord_section_para(s, 0)), "```\ncode [x]\n\n  kept\n```");
	assert_string_equal(accord_para_text(accord_section_para(s, 1)), "Text with a note[^1].");
	assert_int_equal(accord_doc_footnote_count(doc), 1);
	assert_string_equal(accord_footnote_text(accord_doc_footnote(doc, 0)), "The note\ngoes on.");
	accord_doc_free(doc);
	assert_int_equal(accord_doc_parse_markdown(&doc, "\n\n", 2, NULL, &err), ACCORD_EEMPTY);
	assert_null(doc);
}

/*
** Front matter, as IETF drafts and static sites write it, is metadata: its title is the
** document's, the rest is left aside; "---" opening a text that is not keys, or never
** closed, is text.
*/
static void test_parse__markdown_front_matter_is_metadata(void **state)
{
	static const char yaml[] = "---\ntitle: \"Example Draft\"\ndocname: draft-example-00\nauthor:\n - name: A. "
				   "Person\n---\n\n# Introduction\n\nThis document describes an example.\n";
	static const char toml[] = "+++\ntitle = 'A page'\n+++\nText.\n";
	static const char rule[] = "---\n\nSome text.\n\n---\n\nMore text.\n";
	accord_doc *doc = NULL;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_parse_markdown(&doc, yaml, strlen(yaml), NULL, &err), 0);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE), "Example Draft");
	assert_int_equal(accord_doc_section_count(doc), 1);
	assert_string_equal(accord_section_heading(accord_doc_section(doc, 0)), "Introduction");
	assert_string_equal(accord_para_text(accord_section_para(accord_doc_section(doc, 0), 0)),
		"This document describes an example.");
	accord_doc_free(doc);
	assert_int_equal(accord_doc_parse_markdown(&doc, toml, strlen(toml), NULL, &err), 0);
	assert_string_equal(accord_doc_meta(doc, ACCORD_META_TITLE), "A page");
	assert_string_equal(accord_para_text(accord_section_para(accord_doc_section(doc, 0), 0)), "Text.");
	accord_doc_free(doc);
	assert_int_equal(accord_doc_parse_markdown(&doc, rule, strlen(rule), NULL, &err), 0);
	assert_null(accord_doc_meta(doc, ACCORD_META_TITLE));
	assert_string_equal(accord_para_text(accord_section_para(accord_doc_section(doc, 0), 0)), "Some text.");
	accord_doc_free(doc);
}

/* The outline of a document, one line each: "# heading", "  [label] text" by depth ('|' for a line break), "^N: note". */
static void outline_para(accord_buf *out, const accord_para *p, int depth)
{
	const char *t;
	size_t i;
	for (i = 0; i < (size_t)depth * 2 + 1; i++)
		assert_int_equal(accord_buf_putc(out, ' '), 0);
	if (accord_para_label(p) != NULL)
		assert_int_equal(accord_buf_printf(out, "[%s] ", accord_para_label(p)), 0);
	for (t = accord_para_text(p); *t; t++)
		assert_int_equal(accord_buf_putc(out, *t == '\n' ? '|' : *t), 0);
	assert_int_equal(accord_buf_putc(out, '\n'), 0);
	for (i = 0; i < accord_para_child_count(p); i++)
		outline_para(out, accord_para_child(p, i), depth + 1);
}

static char *outline(const accord_doc *doc)
{
	accord_buf out = ACCORD_BUF_INIT;
	size_t i, j;
	for (i = 0; i < accord_doc_section_count(doc); i++) {
		const accord_section *sec = accord_doc_section(doc, i);
		assert_int_equal(accord_buf_printf(&out, "#%s\n", accord_section_heading(sec) ? accord_section_heading(sec) : ""), 0);
		for (j = 0; j < accord_section_para_count(sec); j++)
			outline_para(&out, accord_section_para(sec, j), 0);
	}
	for (i = 0; i < accord_doc_footnote_count(doc); i++) {
		const accord_footnote *f = accord_doc_footnote(doc, i);
		const char *t;
		assert_int_equal(accord_buf_printf(&out, "^%s: ", accord_footnote_number(f)), 0);
		for (t = accord_footnote_text(f); *t; t++)
			assert_int_equal(accord_buf_putc(&out, *t == '\n' ? '|' : *t), 0);
		assert_int_equal(accord_buf_putc(&out, '\n'), 0);
	}
	return accord_buf_detach(&out);
}

/* Each Markdown form of docs/formats.md, on both sides of its limits, with the exact outline read. */
static void test_parse__markdown_forms(void **state)
{
	static const struct {
		const char *md, *outline;
	} forms[] = {
		/* list markers: - * + and up to 9 digits with . or ), then a blank */
		{"- a\n+ b\n* c\n1) d\n123456789. e\n", "#\n [-] a\n [+] b\n [*] c\n [1)] d\n [123456789.] e\n"},
		{"1234567890. a\n", "#\n 1234567890. a\n"},
		{"-a\n\n1.a\n\n1: a\n", "#\n -a\n 1.a\n 1: a\n"},
		/* nesting: past the text of the item above (a tab is 4 columns); back out by indentation */
		{"- a\n    - b\n  - c\n- d\n", "#\n [-] a\n   [-] b\n   [-] c\n [-] d\n"},
		{"- a\n\t- b\n", "#\n [-] a\n   [-] b\n"},
		{"1. a\n   1. b\n      - c\n2. d\n", "#\n [1.] a\n   [1.] b\n     [-] c\n [2.] d\n"},
		{"- a\n - b\n", "#\n [-] a\n [-] b\n"},
		/* an item's text goes on until a blank line; a paragraph after it ends the list */
		{"- a\ngoes on\n\nafter\n\n  - b\n", "#\n [-] a|goes on\n after\n [-] b\n"},
		/* ATX headings: 1 to 6 #, a blank after, closing #s dropped, up to 3 spaces before */
		{"# one\n\nx\n\n###### six ##\n\ny\n\n####### seven\n\n#nope\n\n   ## three spaces\n",
			"#one\n x\n#six\n y\n ####### seven\n #nope\n#three spaces\n"},
		{"    # four spaces\n", "#\n # four spaces\n"},
		/* Setext: === or --- under a paragraph (its lines joined) */
		{"Title\n===\n\nx\n\nTwo\nlines\n---\n\ny\n", "#Title\n x\n#Two lines\n y\n"},
		/* thematic breaks are dropped; two dashes are text */
		{"x\n\n***\n\n_ _ _\n\n- - -\n\n--\n", "#\n x\n --\n"},
		/* paragraphs: lines trimmed and joined */
		{"  one\n two  \n\nthree\n", "#\n one|two\n three\n"},
		/* fences: ``` or ~~~, everything kept until the same fence */
		{"~~~\n# not a heading\n\n```\n~~~\nafter\n", "#\n ~~~|# not a heading||```|~~~\n after\n"},
		/* footnotes: [^N]: text, continued by lines indented 4 */
		{"x[^12]\n\n[^12]: the note\n    more\nnot more\n", "#\n x[^12]\n not more\n^12: the note|more\n"},
		{"[^]: x\n\n[^1] x\n\n[^1]:x\n", "#\n [^]: x\n [^1] x\n^1: x\n"},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		accord_doc *doc = NULL;
		accord_error err;
		char *got;
		if (accord_doc_parse_markdown(&doc, forms[i].md, strlen(forms[i].md), NULL, &err) != ACCORD_OK)
			fail_msg("case %zu: %s", i, err.message);
		got = outline(doc);
		if (strcmp(got, forms[i].outline) != 0)
			fail_msg("case %zu:\n--- got\n%s--- want\n%s", i, got, forms[i].outline);
		accord_free(got);
		accord_doc_free(doc);
	}
}

static void test_parse__format_names_and_dispatch(void **state)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	char path[1024];
	(void)state;
	assert_int_equal(accord_format_from_name("text"), ACCORD_FORMAT_TEXT);
	assert_int_equal(accord_format_from_name("markdown"), ACCORD_FORMAT_MARKDOWN);
	assert_int_equal(accord_format_from_name("md"), ACCORD_FORMAT_MARKDOWN);
	assert_int_equal(accord_format_from_name("yaml"), ACCORD_FORMAT_YAML);
	assert_int_equal(accord_format_from_name("json"), ACCORD_FORMAT_JSON);
	assert_int_equal(accord_format_from_name("html"), ACCORD_FORMAT_HTML);
	assert_int_equal(accord_format_from_name("pdf"), -1);
	assert_int_equal(accord_format_from_name(NULL), -1);
	assert_string_equal(accord_format_name(ACCORD_FORMAT_MARKDOWN), "md");
	/* by content: JSON, YAML, else text; .md names are Markdown */
	assert_int_equal(accord_doc_parse(&doc, "{\"x\": ", 6, NULL, &err), ACCORD_EPARSE);
	assert_null(doc);
	assert_int_equal(accord_doc_parse(&doc, "---\n- 1\n", 8, NULL, &err), ACCORD_ESCHEMA);
	assert_null(doc);
	assert_int_equal(accord_doc_parse(&doc, "- a\n- b\n", 8, NULL, &err), 0);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 1);
	accord_doc_free(doc);
	opts.name = "notes.md";
	assert_int_equal(accord_doc_parse(&doc, "- a\n- b\n", 8, &opts, &err), 0);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 2);
	assert_string_equal(accord_doc_origin(doc), "notes.md");
	accord_doc_free(doc);
	opts.name = NULL;
	opts.format = ACCORD_FORMAT_HTML;
	assert_int_equal(accord_doc_parse(&doc, "x", 1, &opts, &err), ACCORD_EINVAL);
	/* files */
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, SEED_N3);
	assert_int_equal(accord_doc_parse_file(&doc, path, NULL, &err), 0);
	assert_string_equal(accord_doc_origin(doc), path);
	assert_int_equal(accord_doc_section_count(doc), 6);
	accord_doc_free(doc);
	assert_int_equal(accord_doc_parse_file(&doc, "/nonexistent/accord/file.txt", NULL, &err), ACCORD_EIO);
	assert_null(doc);
}

static void test_parse__yaml_and_json_keep_the_text_form(void **state)
{
	size_t k;
	(void)state;
	for (k = 0; k < sizeof(all_seeds) / sizeof(all_seeds[0]); k++) {
		accord_doc *doc = parse_seed(all_seeds[k]), *back;
		accord_buf text = ACCORD_BUF_INIT, y = ACCORD_BUF_INIT, j = ACCORD_BUF_INIT, t2 = ACCORD_BUF_INIT;
		accord_error err;
		assert_int_equal(accord_doc_render(&text, doc, ACCORD_FORMAT_TEXT, &err), 0);
		assert_int_equal(accord_doc_render(&y, doc, ACCORD_FORMAT_YAML, &err), 0);
		assert_int_equal(accord_doc_parse(&back, y.ptr, y.size, NULL, &err), 0);
		assert_true(accord_doc_equal(doc, back));
		assert_int_equal(accord_doc_render(&t2, back, ACCORD_FORMAT_TEXT, &err), 0);
		assert_string_equal(text.ptr, t2.ptr);
		accord_doc_free(back);
		assert_int_equal(accord_doc_render(&j, doc, ACCORD_FORMAT_JSON, &err), 0);
		assert_int_equal(accord_doc_parse(&back, j.ptr, j.size, NULL, &err), 0);
		assert_true(accord_doc_equal(doc, back));
		accord_doc_free(back);
		accord_doc_free(doc);
		accord_buf_dispose(&text);
		accord_buf_dispose(&y);
		accord_buf_dispose(&j);
		accord_buf_dispose(&t2);
	}
}

static void test_parse__allocation_failures_are_clean(void **state)
{
	accord_buf in = ACCORD_BUF_INIT, md = ACCORD_BUF_INIT;
	accord_doc *reference, *doc;
	long n;
	int rc, done_text = 0, done_md = 0;
	(void)state;
	read_seed(&in, SEED_ROLE);
	reference = parse_str(in.ptr, in.size);
	for (n = 0; !done_text && n < 100000; n++) {
		accord_error err;
		accord_alloc_fail_after(n);
		rc = accord_doc_parse_text(&doc, in.ptr, in.size, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK) {
			assert_true(accord_doc_equal(reference, doc));
			accord_doc_free(doc);
			done_text = 1;
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_int_equal(err.code, ACCORD_ENOMEM);
		assert_null(doc);
	}
	assert_true(done_text && n > 0);
	assert_int_equal(accord_buf_puts(&md, "# A\n\n- x\n  - y\n\ntext [1: n]\n\n[^2]: m\n"), 0);
	for (n = 0; !done_md && n < 100000; n++) {
		accord_error err;
		accord_alloc_fail_after(n);
		rc = accord_doc_parse_markdown(&doc, md.ptr, md.size, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc == ACCORD_OK) {
			accord_doc_free(doc);
			done_md = 1;
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_null(doc);
	}
	assert_true(done_md);
	/* each allocation failing on its own, those after it succeeding: still out of memory, every one */
	{
		long total;
		accord_alloc_fail_after(-1);
		doc = parse_str(in.ptr, in.size);
		total = accord_alloc_fail_after(-1);
		accord_doc_free(doc);
		for (n = 0; n < total; n++) {
			accord_error err;
			accord_alloc_fail_one(n);
			rc = accord_doc_parse_text(&doc, in.ptr, in.size, NULL, &err);
			accord_alloc_fail_after(-1);
			if (rc != ACCORD_ENOMEM)
				fail_msg("text: allocation %ld failing alone gave %d", n, rc);
			assert_null(doc);
		}
		accord_alloc_fail_after(-1);
		assert_int_equal(accord_doc_parse_markdown(&doc, md.ptr, md.size, NULL, NULL), 0);
		total = accord_alloc_fail_after(-1);
		accord_doc_free(doc);
		for (n = 0; n < total; n++) {
			accord_error err;
			accord_alloc_fail_one(n);
			rc = accord_doc_parse_markdown(&doc, md.ptr, md.size, NULL, &err);
			accord_alloc_fail_after(-1);
			if (rc != ACCORD_ENOMEM)
				fail_msg("markdown: allocation %ld failing alone gave %d", n, rc);
			assert_null(doc);
		}
	}
	accord_doc_free(reference);
	accord_buf_dispose(&in);
	accord_buf_dispose(&md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse__base_text_sections_and_paragraphs),
		cmocka_unit_test(test_parse__role_of_government_footnotes_and_nesting),
		cmocka_unit_test(test_parse__n3_nests_lettered_items_under_recalling_d),
		cmocka_unit_test(test_parse__contributions_keep_odd_labels),
		cmocka_unit_test(test_parse__every_word_kept_in_order),
		cmocka_unit_test(test_parse__seeds_round_trip_through_text),
		cmocka_unit_test(test_parse__metadata_lines),
		cmocka_unit_test(test_parse__nesting_rules),
		cmocka_unit_test(test_parse__rule_boundaries),
		cmocka_unit_test(test_parse__depth_is_limited_to_four),
		cmocka_unit_test(test_parse__artefacts_mid_line),
		cmocka_unit_test(test_parse__unclosed_footnote_is_an_error),
		cmocka_unit_test(test_parse__footnote_definition_forms),
		cmocka_unit_test(test_parse__duplicate_footnote_is_an_error),
		cmocka_unit_test(test_parse__empty_blank_binary_and_bad_utf8),
		cmocka_unit_test(test_parse__crlf_and_bom_give_the_same_document),
		cmocka_unit_test(test_parse__byte_order_marks_inside_the_text_are_blanks),
		cmocka_unit_test(test_parse__markdown_front_matter_is_metadata),
		cmocka_unit_test(test_parse__generic_text),
		cmocka_unit_test(test_parse__force_generic_and_custom_vocabulary),
		cmocka_unit_test(test_parse__vocabulary_matching),
		cmocka_unit_test(test_parse__every_vocabulary_phrase_with_its_kind),
		cmocka_unit_test(test_parse__every_label_form),
		cmocka_unit_test(test_parse__label_sequences),
		cmocka_unit_test(test_parse__title_words_and_capitals),
		cmocka_unit_test(test_parse__markdown),
		cmocka_unit_test(test_parse__markdown_forms),
		cmocka_unit_test(test_parse__format_names_and_dispatch),
		cmocka_unit_test(test_parse__yaml_and_json_keep_the_text_form),
		cmocka_unit_test(test_parse__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
