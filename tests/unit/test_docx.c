/* test_docx.c: the Word (.docx) reader's C API: views, changes, comments, proposals by party, bad files,
 * and every allocation failing in turn. The .docx files are built in memory with libzip. And the writer:
 * documents and compilations written as .docx and read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <cmocka.h>

#include "accord/consolidate.h"
#include "accord/docx.h"
#include "accord/format.h"
#include "accord/sys/testing.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* A zip in memory of the given parts (name, text, name, text ..., NULL). */
static char *make_zip(size_t *len, ...)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	va_list ap;
	const char *name;
	char *data;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	va_start(ap, len);
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		zip_source_t *part = zip_source_buffer(za, text, strlen(text), 0);
		assert_non_null(part);
		assert_true(zip_file_add(za, name, part, ZIP_FL_OVERWRITE) >= 0);
	}
	va_end(ap);
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	data = malloc(st.size + 1);
	assert_non_null(data);
	assert_int_equal(zip_source_read(src, data, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = st.size;
	return data;
}

static const char tracked_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document " W_NS "><w:body>"
	"<w:p><w:r><w:t>recognizing</w:t></w:r></w:p>"
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
	"<w:r><w:t xml:space=\"preserve\">that the </w:t></w:r>"
	"<w:del w:id=\"1\" w:author=\"USA\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText>old</w:delText></w:r></w:del>"
	"<w:ins w:id=\"2\" w:author=\"USA\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:t>new</w:t></w:r></w:ins>"
	"<w:commentRangeStart w:id=\"7\"/><w:r><w:t xml:space=\"preserve\"> text</w:t></w:r><w:commentRangeEnd w:id=\"7\"/>"
	"<w:r><w:t>;</w:t></w:r></w:p>"
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
	"<w:r><w:t xml:space=\"preserve\">that </w:t></w:r>"
	"<w:ins w:id=\"3\" w:author=\"Islamic Republic of Iran\"><w:r><w:t xml:space=\"preserve\">all </w:t></w:r></w:ins>"
	"<w:r><w:rPr><w:b/><w:rPrChange w:id=\"4\" w:author=\"USA\"><w:rPr/></w:rPrChange></w:rPr><w:t>states</w:t></w:r>"
	"<w:r><w:t>;</w:t></w:r></w:p>"
	"</w:body></w:document>";

static const char numbering_xml[] =
	"<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
	"<w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

static const char comments_xml[] =
	"<w:comments " W_NS "><w:comment w:id=\"7\" w:author=\"Secretariat\" w:date=\"2026-01-02T00:00:00Z\">"
	"<w:p><w:r><w:t>USA: Say why</w:t></w:r></w:p></w:comment></w:comments>";

static const char roster_yaml[] =
	"body: Test\nroles: {member_state: M}\nparties:\n"
	"  - {code: IRN, name: Islamic Republic of Iran, role: member_state}\n"
	"  - {code: USA, name: United States of America, role: member_state}\n";

static char *tracked_docx(size_t *len)
{
	return make_zip(len, "word/document.xml", tracked_xml, "word/numbering.xml", numbering_xml,
		"word/comments.xml", comments_xml, (const char *)NULL);
}

static void test_docx__views_changes_comments(void **state)
{
	accord_docx *docx = NULL;
	accord_buf by = ACCORD_BUF_INIT;
	const accord_docx_comment *c;
	size_t len;
	char *data = tracked_docx(&len);
	(void)state;
	assert_int_equal(accord_docx_sniff(data, len), ACCORD_DOCX_ZIP);
	assert_int_equal(accord_docx_read(&docx, data, len, "t.docx", NULL, NULL), ACCORD_OK);
	assert_string_equal(accord_docx_text(docx, ACCORD_DOCX_ACCEPTED, NULL),
		"\trecognizing\na)\tthat the new text;\nb)\tthat all states;\n");
	assert_string_equal(accord_docx_text(docx, ACCORD_DOCX_ORIGINAL, NULL),
		"\trecognizing\na)\tthat the old text;\nb)\tthat states;\n");
	assert_int_equal(accord_docx_text_by(&by, docx, "USA"), ACCORD_OK);
	assert_string_equal(by.ptr, "\trecognizing\na)\tthat the new text;\nb)\tthat states;\n");
	/* delete, insert (USA), insert (Iran), format (USA) */
	assert_int_equal(accord_docx_change_count(docx), 4);
	assert_int_equal(accord_docx_change_get(docx, 0)->kind, ACCORD_DOCX_DELETE);
	assert_string_equal(accord_docx_change_get(docx, 0)->text, "old");
	assert_int_equal(accord_docx_change_get(docx, 0)->para, 1);
	assert_int_equal(accord_docx_change_get(docx, 3)->kind, ACCORD_DOCX_FORMAT);
	/* formatting-only authors are not authors of proposals; USA is both */
	assert_int_equal(accord_docx_author_count(docx), 2);
	assert_string_equal(accord_docx_author(docx, 0), "USA");
	assert_int_equal(accord_docx_comment_count(docx), 1);
	assert_int_equal(accord_docx_attribute_comments(docx, NULL), ACCORD_OK);
	c = accord_docx_comment_get(docx, 0);
	assert_string_equal(c->author, "Secretariat");
	assert_string_equal(c->quoted, " text");
	assert_string_equal(c->party, "USA");
	assert_int_equal(c->para, 1);
	assert_int_equal(c->line, 2);
	accord_buf_dispose(&by);
	accord_docx_free(docx);
	free(data);
}

static void test_docx__proposals_by_party(void **state)
{
	accord_docx *docx = NULL;
	accord_roster *roster = NULL;
	accord_docx_proposal *p = NULL;
	size_t len, n = 0;
	char *data = tracked_docx(&len);
	(void)state;
	assert_int_equal(accord_roster_parse(&roster, roster_yaml, strlen(roster_yaml), "r.yaml", NULL), ACCORD_OK);
	assert_int_equal(accord_docx_read(&docx, data, len, "t.docx", NULL, NULL), ACCORD_OK);
	assert_int_equal(accord_docx_proposals(&p, &n, docx, roster, "USA"), ACCORD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].party, "USA");
	assert_non_null(strstr(p[0].text, "that the new text;\nb)\tthat states;"));
	assert_string_equal(p[1].party, "IRN");
	assert_non_null(strstr(p[1].text, "that the old text;\nb)\tthat all states;"));
	accord_docx_proposals_free(p, n);
	/* without a roster, every author is the file's party */
	assert_int_equal(accord_docx_proposals(&p, &n, docx, NULL, "X"), ACCORD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].text, accord_docx_text(docx, ACCORD_DOCX_ACCEPTED, NULL));
	accord_docx_proposals_free(p, n);
	accord_docx_free(docx);
	accord_roster_free(roster);
	free(data);
}

/* A comment's party: the WHO: before its colon (code, name or alias), else its author when a party. */
static void test_docx__comments_by_alias_and_author(void **state)
{
	static const char aliased[] =
		"roles: {member_state: M}\nparties:\n"
		"  - {code: IRN, name: Islamic Republic of Iran, role: member_state, aliases: [Tehran Delegate]}\n"
		"  - {code: USA, name: United States of America, role: member_state, aliases: [Secretariat Desk]}\n";
	static const char *const texts[] = {"tehran delegate: Say why", "Say why", "Nobody: Say why"};
	static const char *const authors[] = {"Secretariat", "Secretariat Desk", "Secretariat"};
	static const char *const parties[] = {"IRN", "USA", NULL};
	accord_roster *roster = NULL;
	size_t i;
	(void)state;
	assert_int_equal(accord_roster_parse(&roster, aliased, strlen(aliased), "r.yaml", NULL), ACCORD_OK);
	for (i = 0; i < 3; i++) {
		char xml[512];
		accord_docx *docx = NULL;
		size_t len;
		char *data;
		snprintf(xml, sizeof xml,
			"<w:comments " W_NS "><w:comment w:id=\"7\" w:author=\"%s\" w:date=\"2026-01-02T00:00:00Z\">"
			"<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:comment></w:comments>",
			authors[i], texts[i]);
		data = make_zip(&len, "word/document.xml", tracked_xml, "word/numbering.xml", numbering_xml,
			"word/comments.xml", xml, (const char *)NULL);
		assert_int_equal(accord_docx_read(&docx, data, len, "t.docx", NULL, NULL), ACCORD_OK);
		assert_int_equal(accord_docx_attribute_comments(docx, roster), ACCORD_OK);
		if (parties[i] != NULL)
			assert_string_equal(accord_docx_comment_get(docx, 0)->party, parties[i]);
		else
			assert_null(accord_docx_comment_get(docx, 0)->party);
		accord_docx_free(docx);
		free(data);
	}
	accord_roster_free(roster);
}

static void test_docx__doc_parse_routes_word_files(void **state)
{
	accord_doc *doc = NULL, *text = NULL;
	size_t len;
	char *data = tracked_docx(&len);
	const char *plain = "\trecognizing\na)\tthat the new text;\nb)\tthat all states;\n";
	(void)state;
	assert_int_equal(accord_doc_parse(&doc, data, len, NULL, NULL), ACCORD_OK);
	assert_int_equal(accord_doc_parse(&text, plain, strlen(plain), NULL, NULL), ACCORD_OK);
	assert_true(accord_doc_equal(doc, text));
	accord_doc_free(doc);
	accord_doc_free(text);
	free(data);
}

static void test_docx__bad_files(void **state)
{
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest";
	static const char lol[] = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document " W_NS
				  "><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>";
	accord_docx *docx = NULL;
	accord_error err;
	size_t len;
	char *data;
	(void)state;
	assert_int_equal(accord_docx_read(&docx, ole, sizeof(ole) - 1, "x.docx", NULL, &err), ACCORD_EPARSE);
	assert_non_null(strstr(err.message, "password-protected or old .doc Word file"));
	assert_string_equal(err.file, "x.docx");
	assert_int_equal(accord_docx_read(&docx, "PK\x03\x04zz", 6, "x.docx", NULL, &err), ACCORD_EPARSE);
	assert_null(docx);
	data = make_zip(&len, "word/other.xml", "<x/>", (const char *)NULL);
	assert_int_equal(accord_docx_read(&docx, data, len, "x.docx", NULL, &err), ACCORD_EPARSE);
	assert_non_null(strstr(err.message, "no word/document.xml"));
	free(data);
	data = make_zip(&len, "word/document.xml", lol, (const char *)NULL);
	assert_int_equal(accord_docx_read(&docx, data, len, "x.docx", NULL, &err), ACCORD_EPARSE);
	assert_non_null(strstr(err.message, "DOCTYPE"));
	free(data);
	assert_null(docx);
}

static void test_docx__every_allocation_failure_is_enomem(void **state)
{
	accord_docx *docx = NULL;
	accord_doc *doc = NULL;
	size_t len;
	long n, total;
	int rc;
	char *data = tracked_docx(&len);
	(void)state;
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_doc_parse(&doc, data, len, NULL, NULL), ACCORD_OK);
	total = accord_alloc_fail_after(-1);
	accord_doc_free(doc);
	doc = NULL;
	for (n = 0; n < total; n++) {
		accord_error err;
		accord_alloc_fail_one(n);
		rc = accord_doc_parse(&doc, data, len, NULL, &err);
		accord_alloc_fail_after(-1);
		if (rc != ACCORD_ENOMEM)
			fail_msg("allocation %ld failing alone gave %d", n, rc);
		assert_null(doc);
	}
	(void)docx;
	free(data);
}

/* ---- writing ------------------------------------------------------------------------------------ */

/* Whether the zip in data[0..len) names an entry `name` (names are stored as they are). */
static int zip_has(const accord_buf *zip, const char *name)
{
	size_t n = strlen(name), i;
	for (i = 0; i + n <= zip->size; i++)
		if (memcmp(zip->ptr + i, name, n) == 0)
			return 1;
	return 0;
}

/* Writes doc as .docx, reads it back and checks the two are equal, and give the same canonical text. */
static void assert_round_trip(const accord_doc *doc, accord_buf *zip)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_buf want = ACCORD_BUF_INIT, got = ACCORD_BUF_INIT;
	accord_doc *back = NULL;
	accord_error err;
	accord_buf_clear(zip);
	assert_int_equal(accord_doc_render(zip, doc, ACCORD_FORMAT_DOCX, &err), ACCORD_OK);
	assert_int_equal(accord_docx_sniff(zip->ptr, zip->size), ACCORD_DOCX_ZIP);
	po.force_generic = accord_doc_mode_of(doc) == ACCORD_MODE_GENERIC;
	if (accord_doc_parse(&back, zip->ptr, zip->size, &po, &err) != ACCORD_OK)
		fail_msg("the .docx does not read back: %s", err.message);
	assert_int_equal(accord_doc_render_text(&want, doc), ACCORD_OK);
	assert_int_equal(accord_doc_render_text(&got, back), ACCORD_OK);
	assert_string_equal(got.ptr, want.ptr);
	assert_true(accord_doc_equal(doc, back));
	accord_doc_free(back);
	accord_buf_dispose(&want);
	accord_buf_dispose(&got);
}

static accord_doc *parse_string(const char *text, int generic)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	po.force_generic = generic;
	assert_int_equal(accord_doc_parse(&doc, text, strlen(text), &po, NULL), ACCORD_OK);
	return doc;
}

static const char *const seed_files[] = {"base-wtpf-ieg-2-10-opinion-1.txt", "contrib-IRN.txt", "contrib-USA.txt",
	"draft-opinion-n3-multistakeholder.txt", "draft-role-of-government.txt"};

static void test_docx__write_seeds_read_back_equal(void **state)
{
	accord_buf zip = ACCORD_BUF_INIT, again = ACCORD_BUF_INIT;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(seed_files) / sizeof(seed_files[0]); i++) {
		char path[1024];
		accord_doc *doc = NULL;
		snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, seed_files[i]);
		assert_int_equal(accord_doc_parse_file(&doc, path, NULL, NULL), ACCORD_OK);
		assert_round_trip(doc, &zip);
		/* the same document, the same bytes */
		accord_buf_clear(&again);
		assert_int_equal(accord_doc_render_docx(&again, doc, NULL), ACCORD_OK);
		assert_int_equal(again.size, zip.size);
		assert_memory_equal(again.ptr, zip.ptr, zip.size);
		/* the seed with footnotes numbered in order has Word footnotes */
		assert_int_equal(zip_has(&zip, "word/footnotes.xml"), accord_doc_footnote_count(doc) > 0);
		accord_doc_free(doc);
	}
	accord_buf_dispose(&zip);
	accord_buf_dispose(&again);
}

static void test_docx__write_footnotes_as_text_when_word_cannot(void **state)
{
	accord_buf zip = ACCORD_BUF_INIT;
	accord_doc *doc;
	(void)state;
	/* numbered 2, not 1: Word would number it 1, so it stays as text */
	doc = parse_string("\trecognizing\na)\tthat x[footnoteRef:2] holds;\n\n[2: a note\nover two lines]\n", 0);
	assert_round_trip(doc, &zip);
	assert_false(zip_has(&zip, "word/footnotes.xml"));
	accord_doc_free(doc);
	/* referenced in order: Word footnotes, the lines of a note its paragraphs */
	doc = parse_string("\trecognizing\na)\tthat x[footnoteRef:1] and y[footnoteRef:2];\n\n[1: one\ntwo]\n[2: three]\n", 0);
	assert_round_trip(doc, &zip);
	assert_true(zip_has(&zip, "word/footnotes.xml"));
	accord_doc_free(doc);
	/* a note defined but never referenced */
	doc = parse_string("First paragraph.\n\nSecond & last.\n\n[1: a note\non two lines]\n", 1);
	assert_round_trip(doc, &zip);
	assert_false(zip_has(&zip, "word/footnotes.xml"));
	accord_doc_free(doc);
	accord_buf_dispose(&zip);
}

static void test_docx__write_escapes_and_structure(void **state)
{
	accord_buf zip = ACCORD_BUF_INIT;
	accord_doc *doc;
	(void)state;
	/* markup characters, a tab, nested labels, a generic heading, a line break in a generic paragraph */
	doc = parse_string("Document WTPF/1\nSource: A & B <co>\nDRAFT OPINION\nThe Forum,\n\n\trecognizing\n"
			   "a)\tthat 1 < 2 & 3 > 2;\n\ti)\tthat \"quotes\" and 'apostrophes' stay;\n"
			   "b)\tthat tab\tinside stays;\n\tinvites Member States\n1.\tto act;\n", 0);
	assert_round_trip(doc, &zip);
	accord_doc_free(doc);
	doc = parse_string("# A heading\n\nA paragraph\nover two lines.\n\n- a bullet\n\n# Another\n\nText.\n", 1);
	assert_round_trip(doc, &zip);
	accord_doc_free(doc);
	/* a generic text with a phrase of the vocabulary as a paragraph */
	doc = parse_string("Noting\n\nrecognizing\n\nA last one.\n", 1);
	assert_round_trip(doc, &zip);
	accord_doc_free(doc);
	accord_buf_dispose(&zip);
}

static void test_docx__write_compilation(void **state)
{
	static const char base_text[] = "\trecognizing\na)\tthat the old text stands;\nb)\tthat states matter;\n";
	static const char usa_text[] = "\trecognizing\na)\tthat the new text stands;\nb)\tthat states matter;\n";
	accord_compilation *c = NULL;
	accord_buf zip = ACCORD_BUF_INIT;
	accord_doc *base = parse_string(base_text, 0), *usa = parse_string(usa_text, 0), *back = NULL;
	accord_docx *docx = NULL;
	accord_error err;
	const char *text;
	(void)state;
	assert_int_equal(accord_compilation_new(&c, base, &err), ACCORD_OK);
	assert_int_equal(accord_compilation_add_contribution(c, "USA", usa, "usa.txt", &err), ACCORD_OK);
	assert_int_equal(accord_compilation_build(c, &err), ACCORD_OK);
	assert_int_equal(accord_compilation_render(&zip, c, ACCORD_FORMAT_DOCX, NULL, &err), ACCORD_OK);
	assert_int_equal(accord_docx_read(&docx, zip.ptr, zip.size, "c.docx", NULL, &err), ACCORD_OK);
	/* USA's proposal as its tracked change on the base */
	text = accord_docx_text(docx, ACCORD_DOCX_ACCEPTED, NULL);
	assert_non_null(strstr(text, "\trecognizing\n"));
	assert_non_null(strstr(text, "a)\tthat the new text stands;\n"));
	assert_non_null(strstr(accord_docx_text(docx, ACCORD_DOCX_ORIGINAL, NULL), "a)\tthat the old text stands;\n"));
	assert_int_equal(accord_docx_author_count(docx), 1);
	assert_string_equal(accord_docx_author(docx, 0), "USA");
	assert_int_equal(accord_doc_parse(&back, zip.ptr, zip.size, NULL, &err), ACCORD_OK);
	accord_doc_free(back);
	accord_docx_free(docx);
	accord_compilation_free(c);
	accord_doc_free(base);
	accord_doc_free(usa);
	accord_buf_dispose(&zip);
}

/* A compilation's collision and co-sponsors in Word: what each author gives, and who the authors are. */
static void test_docx__write_parties(void **state)
{
	static const char base_text[] = "\trecognizing\na)\tthat the old text stands;\nb)\tthat states matter;\n";
	static const char *const texts[] = {
		"\trecognizing\na)\tthat the new text stands;\nb)\tthat states matter;\nc)\tthat all agree;\n",
		"\trecognizing\na)\tthat the other text stands;\nb)\tthat states matter;\n",
		"\trecognizing\na)\tthat the new text stands;\nb)\tthat states matter;\nc)\tthat all agree;\n"};
	static const char *const authors[] = {"USA", "IRN", "Canada"};
	static const accord_docx_note notes[] = {{NULL, "accord", "on the whole\nin two lines"}};
	static const char roster3[] = "body: Test\nroles: {m: M}\nparties:\n"
				      "  - {code: IRN, name: Islamic Republic of Iran, role: m}\n"
				      "  - {code: USA, name: United States of America, role: m}\n"
				      "  - {code: CAN, name: Canada, role: m}\n";
	accord_doc *base = parse_string(base_text, 0), *docs[3];
	accord_buf zip = ACCORD_BUF_INIT;
	accord_docx *docx = NULL;
	accord_roster *roster = NULL;
	accord_docx_proposal *p = NULL;
	accord_error err;
	size_t i, n, seen = 0;
	long k, total;
	(void)state;
	for (i = 0; i < 3; i++)
		docs[i] = parse_string(texts[i], 0);
	assert_int_equal(accord_doc_render_docx_parties(&zip, base, (const accord_doc *const *)docs, authors, 3, notes, 1, &err),
		ACCORD_OK);
	assert_int_equal(accord_docx_read(&docx, zip.ptr, zip.size, "c.docx", NULL, &err), ACCORD_OK);
	for (i = 0; i < accord_docx_change_count(docx); i++) {
		const accord_docx_change *c = accord_docx_change_get(docx, i);
		if (c->kind == ACCORD_DOCX_DELETE) { /* "old" deleted once, by all three */
			assert_string_equal(c->text, "old");
			assert_string_equal(c->author, "USA, IRN, Canada");
			seen |= 1;
		} else if (c->kind == ACCORD_DOCX_INSERT && strcmp(c->text, "other") == 0) {
			assert_string_equal(c->author, "IRN");
			seen |= 2;
		} else if (c->kind == ACCORD_DOCX_INSERT && strcmp(c->text, "new") == 0) {
			assert_string_equal(c->author, "USA, Canada"); /* co-sponsors: once */
			seen |= 4;
		} else if (c->kind == ACCORD_DOCX_INSERT) {
			assert_string_equal(c->text, "c)\tthat all agree;");
			assert_string_equal(c->author, "USA, Canada");
			seen |= 8;
		}
	}
	assert_int_equal(seen, 15);
	/* the note as a Word comment on the first paragraph */
	assert_int_equal(accord_docx_comment_count(docx), 1);
	assert_string_equal(accord_docx_comment_get(docx, 0)->author, "accord");
	assert_string_equal(accord_docx_comment_get(docx, 0)->text, "on the whole\nin two lines");
	assert_int_equal(accord_docx_comment_get(docx, 0)->para, 0);
	/* read back with a roster, each party's proposal is its text */
	assert_int_equal(accord_roster_parse(&roster, roster3, strlen(roster3), "r.yaml", NULL), ACCORD_OK);
	assert_int_equal(accord_docx_proposals(&p, &n, docx, roster, "X"), ACCORD_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		size_t want = strcmp(p[i].party, "USA") == 0 ? 0 : strcmp(p[i].party, "IRN") == 0 ? 1 : 2;
		assert_true(strcmp(p[i].party, "USA") == 0 || strcmp(p[i].party, "IRN") == 0 || strcmp(p[i].party, "CAN") == 0);
		assert_string_equal(p[i].text, texts[want] + 0);
	}
	accord_docx_proposals_free(p, n);
	/* every allocation failing alone gives ACCORD_ENOMEM */
	accord_buf_dispose(&zip);
	accord_alloc_fail_after(-1);
	assert_int_equal(accord_doc_render_docx_parties(&zip, base, (const accord_doc *const *)docs, authors, 3, notes, 1, NULL),
		ACCORD_OK);
	total = accord_alloc_fail_after(-1);
	for (k = 0; k < total; k++) {
		int rc;
		accord_buf_dispose(&zip);
		accord_alloc_fail_one(k);
		rc = accord_doc_render_docx_parties(&zip, base, (const accord_doc *const *)docs, authors, 3, notes, 1, &err);
		accord_alloc_fail_after(-1);
		if (rc != ACCORD_ENOMEM)
			fail_msg("allocation %ld failing alone gave %d", k, rc);
	}
	assert_int_equal(accord_doc_render_docx_parties(&zip, NULL, NULL, NULL, 0, NULL, 0, &err), ACCORD_EINVAL);
	accord_buf_dispose(&zip);
	accord_roster_free(roster);
	accord_docx_free(docx);
	for (i = 0; i < 3; i++)
		accord_doc_free(docs[i]);
	accord_doc_free(base);
}

static void test_docx__write_tracked_changes(void **state)
{
	static const char base_text[] = "\trecognizing\na)\tthat the old text stands;\nb)\tthat states matter;\n"
					"c)\tthat this one goes;\n\tnoting\na)\tthat nothing changes here.\n";
	static const char usa_text[] = "\trecognizing\na)\tthat the new text stands;\nb)\tthat states matter;\n"
				       "\tnoting\na)\tthat nothing changes here.\nb)\tthat a paragraph is added.\n";
	accord_doc *base = parse_string(base_text, 0), *usa = parse_string(usa_text, 0), *back = NULL;
	accord_buf zip = ACCORD_BUF_INIT;
	accord_docx *docx = NULL;
	accord_error err;
	size_t i, ins = 0, del = 0;
	(void)state;
	assert_int_equal(accord_doc_render_docx_changes(&zip, base, usa, "USA", &err), ACCORD_OK);
	assert_int_equal(accord_docx_read(&docx, zip.ptr, zip.size, "usa.docx", NULL, &err), ACCORD_OK);
	assert_int_equal(accord_docx_author_count(docx), 1);
	assert_string_equal(accord_docx_author(docx, 0), "USA");
	for (i = 0; i < accord_docx_change_count(docx); i++) {
		const accord_docx_change *c = accord_docx_change_get(docx, i);
		ins += c->kind == ACCORD_DOCX_INSERT;
		del += c->kind == ACCORD_DOCX_DELETE;
		if (c->kind == ACCORD_DOCX_DELETE && strcmp(c->text, "old") == 0)
			del += 100; /* the word, not the paragraph */
	}
	assert_true(ins >= 2 && del >= 102);
	assert_int_equal(accord_doc_from_docx(&back, docx, ACCORD_DOCX_ACCEPTED, NULL, &err), ACCORD_OK);
	assert_true(accord_doc_equal(back, usa));
	accord_doc_free(back);
	assert_int_equal(accord_doc_from_docx(&back, docx, ACCORD_DOCX_ORIGINAL, NULL, &err), ACCORD_OK);
	assert_true(accord_doc_equal(back, base));
	accord_doc_free(back);
	accord_docx_free(docx);
	assert_int_equal(accord_doc_render_docx_changes(&zip, base, usa, NULL, &err), ACCORD_EINVAL);
	accord_doc_free(base);
	accord_doc_free(usa);
	accord_buf_dispose(&zip);
}

/* Writes doc as .docx, or (base not NULL) as its tracked changes against base. */
static int write_docx(accord_buf *out, const accord_doc *base, const accord_doc *doc, accord_error *err)
{
	return base != NULL ? accord_doc_render_docx_changes(out, base, doc, "USA", err) : accord_doc_render_docx(out, doc, err);
}

/* Each allocation of write_docx failing alone gives ACCORD_ENOMEM. */
static void each_allocation_fails(const accord_doc *base, const accord_doc *doc)
{
	accord_buf zip = ACCORD_BUF_INIT;
	long n, total;
	accord_alloc_fail_after(-1);
	assert_int_equal(write_docx(&zip, base, doc, NULL), ACCORD_OK);
	total = accord_alloc_fail_after(-1);
	for (n = 0; n < total; n++) {
		accord_error err;
		int rc;
		accord_buf_dispose(&zip);
		accord_alloc_fail_one(n);
		rc = write_docx(&zip, base, doc, &err);
		accord_alloc_fail_after(-1);
		if (rc != ACCORD_ENOMEM)
			fail_msg("allocation %ld failing alone gave %d (%s)", n, rc, base ? "changes" : "document");
	}
	accord_buf_dispose(&zip);
}

static void test_docx__write_allocation_failures(void **state)
{
	accord_doc *doc = parse_string("\trecognizing\na)\tthat x[footnoteRef:1];\n\n[1: a note]\n", 0);
	accord_doc *other = parse_string("\trecognizing\na)\tthat y[footnoteRef:1];\nb)\tthat z;\n\n[1: a note]\n", 0);
	(void)state;
	each_allocation_fails(NULL, doc);
	each_allocation_fails(doc, other); /* the tracked changes of a text against the document */
	assert_int_equal(accord_doc_render_docx(NULL, doc, NULL), ACCORD_EINVAL);
	accord_doc_free(doc);
	accord_doc_free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docx__views_changes_comments),
		cmocka_unit_test(test_docx__proposals_by_party),
		cmocka_unit_test(test_docx__comments_by_alias_and_author),
		cmocka_unit_test(test_docx__doc_parse_routes_word_files),
		cmocka_unit_test(test_docx__bad_files),
		cmocka_unit_test(test_docx__every_allocation_failure_is_enomem),
		cmocka_unit_test(test_docx__write_seeds_read_back_equal),
		cmocka_unit_test(test_docx__write_footnotes_as_text_when_word_cannot),
		cmocka_unit_test(test_docx__write_escapes_and_structure),
		cmocka_unit_test(test_docx__write_compilation),
		cmocka_unit_test(test_docx__write_tracked_changes),
		cmocka_unit_test(test_docx__write_parties),
		cmocka_unit_test(test_docx__write_allocation_failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
