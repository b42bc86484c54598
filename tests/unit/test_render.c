/* test_render.c: the canonical text form, Markdown and HTML output of a document. */
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
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, "United States"), 0);
	assert_int_equal(accord_doc_add_note(doc, "Comments of I.R. of Iran for"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "OPINION (1) ON <SUPPORTING> & *MORE*"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The fifth Forum (Geneva, 2013),"), 0);
	assert_int_equal(accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, NULL, NULL, "a)", "that one [footnoteRef:1];"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, NULL, NULL, NULL, ";"), 0);
	assert_int_equal(accord_doc_add_para(&b, doc, s1, NULL, NULL, "b)", "that two:"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, b, NULL, "i)", "child one;"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s1, b, NULL, "ii)", "child two;"), 0);
	assert_int_equal(accord_doc_add_section(&s2, doc, NULL, "invites Member States", ACCORD_KIND_OPERATIVE,
				 "Member States"),
		0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, NULL, "to act."), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s2, NULL, NULL, "1.", ""), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "1", "A note.\nSecond line."), 0);
	return doc;
}

static const char expected_text[] = "Document WTPF-IEG/2/10\n"
				    "Source: United States\n"
				    "Comments of I.R. of Iran for\n"
				    "OPINION (1) ON <SUPPORTING> & *MORE*\n"
				    "The fifth Forum (Geneva, 2013),\n"
				    "\n"
				    "\trecognizing\n"
				    "a)\tthat one [footnoteRef:1];\n"
				    ";\n"
				    "b)\tthat two:\n"
				    "i)\tchild one;\n"
				    "ii)\tchild two;\n"
				    "\n"
				    "\tinvites Member States\n"
				    "to act.\n"
				    "1.\n"
				    "\n"
				    "[1: A note.\n"
				    "Second line.]\n";

static void test_render__canonical_text_exactly(void **state)
{
	accord_doc *doc = build_opinion(), *back = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_render_text(&out, doc), 0);
	assert_string_equal(out.ptr, expected_text);
	/* the canonical form parses back to the same document */
	assert_int_equal(accord_doc_parse_text(&back, out.ptr, out.size, NULL, &err), 0);
	assert_true(accord_doc_equal(doc, back));
	/* rendering appends, and is a pure function of the model */
	assert_int_equal(accord_doc_render(&out, back, ACCORD_FORMAT_TEXT, &err), 0);
	assert_int_equal(out.size, 2 * strlen(expected_text));
	assert_memory_equal(out.ptr + strlen(expected_text), expected_text, strlen(expected_text));
	accord_doc_free(back);
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__opinion_newlines_become_spaces(void **state)
{
	accord_doc *doc;
	accord_section *s;
	accord_buf out = ACCORD_BUF_INIT;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "noting", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "a)", "one\nrecognizing"), 0);
	assert_int_equal(accord_doc_render_text(&out, doc), 0);
	assert_string_equal(out.ptr, "\tnoting\na)\tone recognizing\n");
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__generic_text(void **state)
{
	const char *text = "First block\n  indented line\n\nSecond block.\n\n# Heading\n\nUnder it.\n";
	accord_doc *doc = NULL, *back = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_parse_text(&doc, text, strlen(text), NULL, &err), 0);
	assert_int_equal(accord_doc_mode_of(doc), ACCORD_MODE_GENERIC);
	assert_int_equal(accord_doc_render_text(&out, doc), 0);
	assert_string_equal(out.ptr, text);
	assert_int_equal(accord_doc_parse_text(&back, out.ptr, out.size, NULL, &err), 0);
	assert_true(accord_doc_equal(doc, back));
	accord_doc_free(doc);
	accord_doc_free(back);
	accord_buf_dispose(&out);
}

/* A generic document (a law) as Markdown and HTML, exactly: headings, escapes, kept line breaks, labels. */
static void test_render__generic_markdown_and_html(void **state)
{
	const char *md = "# Scope\n\nThis law applies to *all* [people] & <things>.\nSecond line of it.\n\n"
			 "# Terms\n\n1. One term\n2. Two_terms\n";
	accord_doc *doc = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	const char *body;
	(void)state;
	po.format = ACCORD_FORMAT_MARKDOWN;
	assert_int_equal(accord_doc_parse(&doc, md, strlen(md), &po, &err), 0);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_MARKDOWN, &err), 0);
	assert_string_equal(out.ptr, "## Scope\n\n"
				     "This law applies to \\*all\\* \\[people\\] \\& \\<things\\>.\\\n"
				     "Second line of it.\n\n"
				     "## Terms\n\n"
				     "1\\. One term\n\n"
				     "2\\. Two\\_terms\n");
	accord_buf_clear(&out);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_HTML, &err), 0);
	body = strstr(out.ptr, "<body>\n");
	assert_non_null(body);
	assert_string_equal(body, "<body>\n<article class=\"generic\">\n"
				  "<section id=\"s1\" class=\"none\">\n<h2>Scope</h2>\n"
				  "<p id=\"p1\">This law applies to *all* [people] &amp; &lt;things&gt;.<br>\nSecond line of it.</p>\n"
				  "</section>\n"
				  "<section id=\"s2\" class=\"none\">\n<h2>Terms</h2>\n"
				  "<div class=\"para\" id=\"p2\"><span class=\"label\">1.</span>One term</div>\n"
				  "<div class=\"para\" id=\"p3\"><span class=\"label\">2.</span>Two_terms</div>\n"
				  "</section>\n</article>\n</body>\n</html>\n");
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__markdown(void **state)
{
	accord_doc *doc = build_opinion();
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_MARKDOWN, &err), 0);
	assert_string_equal(out.ptr, "# OPINION (1) ON \\<SUPPORTING\\> \\& \\*MORE\\*\n\n"
				     "Document WTPF-IEG/2/10\n\n"
				     "Source: United States\n\n"
				     "Comments of I.R. of Iran for\n\n"
				     "The fifth Forum (Geneva, 2013),\n\n"
				     "*recognizing*\n\n"
				     "a) that one [^1];\n\n"
				     ";\n\n"
				     "b) that two:\n\n"
				     "- i) child one;\n\n"
				     "- ii) child two;\n\n"
				     "*invites Member States*\n\n"
				     "to act.\n\n"
				     "1\\.\n\n"
				     "---\n\n"
				     "[^1]: A note.\\\n    Second line.\n");
	assert_int_equal(out.ptr[out.size - 1], '\n');
	assert_true(out.ptr[out.size - 2] != '\n');
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

/*
** Line breaks kept (from YAML or JSON) at every depth: Markdown writes hard breaks, continuation
** lines aligned with the text of their list item and escaped where they would open a block; HTML
** writes <br>. Exactly, as a whole.
*/
static void test_render__kept_line_breaks_at_every_depth(void **state)
{
	accord_doc *doc;
	accord_section *s;
	accord_para *a, *b, *c;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	const char *body;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_OPINION), 0);
	assert_int_equal(accord_doc_add_note(doc, "Note one\nwraps here"), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_BODY, "The Forum\n(Geneva),"), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL), 0);
	assert_int_equal(accord_doc_add_para(&a, doc, s, NULL, NULL, "a)", "top line\nsecond #line"), 0);
	assert_int_equal(accord_doc_add_para(&b, doc, s, a, NULL, "i)", "child\n1. numbered"), 0);
	assert_int_equal(accord_doc_add_para(&c, doc, s, b, NULL, "-", "grandchild\n- dash"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, c, NULL, NULL, "deep\nmore"), 0);
	assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, "b)", ""), 0);
	assert_int_equal(accord_doc_add_footnote(NULL, doc, "12", "Foot\n+ plus\nend"), 0);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_MARKDOWN, &err), 0);
	assert_string_equal(out.ptr, "Note one\\\nwraps here\n\n"
				     "The Forum\\\n(Geneva),\n\n"
				     "*recognizing*\n\n"
				     "a) top line\\\nsecond #line\n\n"
				     "- i) child\\\n  1\\. numbered\n\n"
				     "  - \\- grandchild\\\n    \\- dash\n\n"
				     "    - deep\\\n      more\n\n"
				     "b)\n\n"
				     "---\n\n"
				     "[^12]: Foot\\\n    \\+ plus\\\n    end\n");
	accord_buf_clear(&out);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_HTML, &err), 0);
	body = strstr(out.ptr, "<body>\n");
	assert_non_null(body);
	assert_string_equal(body, "<body>\n<article class=\"opinion\">\n"
				  "<header>\n<p class=\"meta note\">Note one<br>\nwraps here</p>\n</header>\n"
				  "<p class=\"body\">The Forum<br>\n(Geneva),</p>\n"
				  "<section id=\"s1\" class=\"preambular\">\n"
				  "<p class=\"heading\">recognizing</p>\n"
				  "<div class=\"para\" id=\"p1\"><span class=\"label\">a)</span>top line<br>\nsecond #line</div>\n"
				  "<div class=\"children\">\n"
				  "<div class=\"para\" id=\"p2\"><span class=\"label\">i)</span>child<br>\n1. numbered</div>\n"
				  "<div class=\"children\">\n"
				  "<div class=\"para\" id=\"p3\"><span class=\"label\">-</span>grandchild<br>\n- dash</div>\n"
				  "<div class=\"children\">\n"
				  "<div class=\"para\" id=\"p4\">deep<br>\nmore</div>\n"
				  "</div>\n</div>\n</div>\n"
				  "<div class=\"para\" id=\"p5\"><span class=\"label\">b)</span></div>\n"
				  "</section>\n"
				  "<section class=\"footnotes\">\n"
				  "<p id=\"fn-12\"><span class=\"number\">12</span>Foot<br>\n+ plus<br>\nend</p>\n"
				  "</section>\n</article>\n</body>\n</html>\n");
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__html_page(void **state)
{
	accord_doc *doc = build_opinion();
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_HTML, &err), 0);
	{
		const char *start = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">";
		assert_true(strncmp(out.ptr, start, strlen(start)) == 0);
	}
	assert_non_null(strstr(out.ptr, "<title>OPINION (1) ON &lt;SUPPORTING&gt; &amp; *MORE*</title>"));
	assert_non_null(strstr(out.ptr, "<h1>OPINION (1) ON &lt;SUPPORTING&gt; &amp; *MORE*</h1>"));
	assert_non_null(strstr(out.ptr, "<p class=\"heading\">recognizing</p>"));
	assert_non_null(strstr(out.ptr, ".heading { font-style: italic;"));
	assert_non_null(strstr(out.ptr, "<div class=\"para\" id=\"p1\"><span class=\"label\">a)</span>that one "
					"<sup class=\"ref\"><a href=\"#fn-1\" id=\"ref-1\">1</a></sup>;</div>"));
	assert_non_null(strstr(out.ptr, "<div class=\"children\">\n<div class=\"para\" id=\"p4\">"));
	assert_non_null(strstr(out.ptr, "<p id=\"fn-1\"><span class=\"number\">1</span>A note.<br>\nSecond line.</p>"));
	assert_string_equal(strstr(out.ptr, "<body>\n"),
		"<body>\n<article class=\"opinion\">\n<header>\n"
		"<p class=\"meta symbol\">Document WTPF-IEG/2/10</p>\n"
		"<p class=\"meta source\">Source: United States</p>\n"
		"<p class=\"meta note\">Comments of I.R. of Iran for</p>\n"
		"<h1>OPINION (1) ON &lt;SUPPORTING&gt; &amp; *MORE*</h1>\n"
		"</header>\n"
		"<p class=\"body\">The fifth Forum (Geneva, 2013),</p>\n"
		"<section id=\"s1\" class=\"preambular\">\n"
		"<p class=\"heading\">recognizing</p>\n"
		"<div class=\"para\" id=\"p1\"><span class=\"label\">a)</span>that one "
		"<sup class=\"ref\"><a href=\"#fn-1\" id=\"ref-1\">1</a></sup>;</div>\n"
		"<div class=\"para\" id=\"p2\">;</div>\n"
		"<div class=\"para\" id=\"p3\"><span class=\"label\">b)</span>that two:</div>\n"
		"<div class=\"children\">\n"
		"<div class=\"para\" id=\"p4\"><span class=\"label\">i)</span>child one;</div>\n"
		"<div class=\"para\" id=\"p5\"><span class=\"label\">ii)</span>child two;</div>\n"
		"</div>\n</section>\n"
		"<section id=\"s2\" class=\"operative\">\n"
		"<p class=\"heading\">invites Member States</p>\n"
		"<div class=\"para\" id=\"p6\">to act.</div>\n"
		"<div class=\"para\" id=\"p7\"><span class=\"label\">1.</span></div>\n"
		"</section>\n"
		"<section class=\"footnotes\">\n"
		"<p id=\"fn-1\"><span class=\"number\">1</span>A note.<br>\nSecond line.</p>\n"
		"</section>\n</article>\n</body>\n</html>\n");
	assert_null(strstr(out.ptr, "http"));
	assert_null(strstr(out.ptr, "<script"));
	assert_true(strcmp(out.ptr + out.size - 8, "</html>\n") == 0);
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

/* The HTML page's <title>: the title, else the symbol, else a generic text's first heading, else
   the origin, else "Document"; quotes and apostrophes escaped; the header only when it has lines. */
static void test_render__html_titles_and_escapes(void **state)
{
	accord_doc *doc;
	accord_section *s;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
#define TITLE_IS(want)                                                                                                 \
	do {                                                                                                           \
		const char *t;                                                                                         \
		accord_buf_clear(&out);                                                                                \
		assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_HTML, &err), 0);                           \
		t = strstr(out.ptr, "<title>");                                                                        \
		assert_non_null(t);                                                                                    \
		assert_memory_equal(t, "<title>" want "</title>\n", strlen("<title>" want "</title>\n"));              \
	} while (0)
	TITLE_IS("Document");
	assert_null(strstr(out.ptr, "<header>"));
	assert_string_equal(strstr(out.ptr, "<body>\n"), "<body>\n<article class=\"generic\">\n</article>\n</body>\n</html>\n");
	assert_int_equal(accord_doc_set_origin(doc, "law \"x\".txt"), 0);
	TITLE_IS("law &quot;x&quot;.txt");
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, "Scope & 'aims'", ACCORD_KIND_NONE, NULL), 0);
	TITLE_IS("Scope &amp; &#39;aims&#39;");
	accord_doc_set_mode(doc, ACCORD_MODE_OPINION); /* an opinion's heading is no title */
	TITLE_IS("law &quot;x&quot;.txt");
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "A/<1>"), 0);
	TITLE_IS("A/&lt;1&gt;");
	assert_string_equal(strstr(out.ptr, "<body>\n"),
		"<body>\n<article class=\"opinion\">\n<header>\n<p class=\"meta symbol\">Document A/&lt;1&gt;</p>\n</header>\n"
		"<section id=\"s1\" class=\"none\">\n<p class=\"heading\">Scope &amp; &#39;aims&#39;</p>\n</section>\n"
		"</article>\n</body>\n</html>\n");
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, "T\nitle"), 0);
	TITLE_IS("T itle");
	assert_true(strstr(out.ptr, "<h1>T<br>\nitle</h1>\n") != NULL);
	/* a header for the source or a note alone */
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SYMBOL, NULL), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_TITLE, NULL), 0);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, "Iran"), 0);
	TITLE_IS("law &quot;x&quot;.txt");
	assert_true(strstr(out.ptr, "<header>\n<p class=\"meta source\">Source: Iran</p>\n</header>\n") != NULL);
	assert_int_equal(accord_doc_set_meta(doc, ACCORD_META_SOURCE, NULL), 0);
	assert_int_equal(accord_doc_add_note(doc, "n"), 0);
	TITLE_IS("law &quot;x&quot;.txt");
	assert_true(strstr(out.ptr, "<header>\n<p class=\"meta note\">n</p>\n</header>\n") != NULL);
#undef TITLE_IS
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

/* Markdown escapes what would open a block at the start of a paragraph, and the inline marks
   everywhere; numbers not followed by "." or ")" stay as they are. */
static void test_render__markdown_escapes_exactly(void **state)
{
	static const char *const texts[] = {"# not a heading", "- not a list", "+ nor this", "= nor this",
		"12. not a list", "3) nor this", "12 apples", "1.5 kilos", "a `b` *c* _d_ [e] <f> & g | h \\ i", "x#-+="};
	accord_doc *doc;
	accord_section *s;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	size_t i;
	(void)state;
	assert_int_equal(accord_doc_new(&doc, ACCORD_MODE_GENERIC), 0);
	assert_int_equal(accord_doc_add_section(&s, doc, NULL, NULL, ACCORD_KIND_NONE, NULL), 0);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		assert_int_equal(accord_doc_add_para(NULL, doc, s, NULL, NULL, NULL, texts[i]), 0);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_MARKDOWN, &err), 0);
	assert_string_equal(out.ptr, "\\# not a heading\n\n"
				     "\\- not a list\n\n"
				     "\\+ nor this\n\n"
				     "\\= nor this\n\n"
				     "12\\. not a list\n\n"
				     "3\\) nor this\n\n"
				     "12 apples\n\n"
				     "1\\.5 kilos\n\n"
				     "a \\`b\\` \\*c\\* \\_d\\_ \\[e\\] \\<f\\> \\& g \\| h \\\\ i\n\n"
				     "x#-+=\n");
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__dispatch_errors(void **state)
{
	accord_doc *doc = build_opinion();
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	(void)state;
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_AUTO, &err), ACCORD_EINVAL);
	assert_int_equal(accord_doc_render(&out, NULL, ACCORD_FORMAT_TEXT, &err), ACCORD_EINVAL);
	assert_int_equal(accord_doc_render_text(NULL, doc), ACCORD_EINVAL);
	assert_int_equal(out.size, 0);
	accord_doc_free(doc);
	accord_buf_dispose(&out);
}

static void test_render__allocation_failures_are_clean(void **state)
{
	accord_doc *doc = build_opinion();
	const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML};
	size_t f;
	(void)state;
	for (f = 0; f < 3; f++) {
		long n;
		int done = 0;
		for (n = 0; n < 10000 && !done; n++) {
			accord_buf out = ACCORD_BUF_INIT;
			accord_error err;
			int rc;
			accord_alloc_fail_after(n);
			rc = accord_doc_render(&out, doc, formats[f], &err);
			accord_alloc_fail_after(-1);
			if (rc == ACCORD_OK)
				done = 1;
			else
				assert_int_equal(rc, ACCORD_ENOMEM);
			accord_buf_dispose(&out);
		}
		assert_true(done);
	}
	accord_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render__canonical_text_exactly),
		cmocka_unit_test(test_render__opinion_newlines_become_spaces),
		cmocka_unit_test(test_render__generic_text),
		cmocka_unit_test(test_render__generic_markdown_and_html),
		cmocka_unit_test(test_render__markdown),
		cmocka_unit_test(test_render__kept_line_breaks_at_every_depth),
		cmocka_unit_test(test_render__html_page),
		cmocka_unit_test(test_render__html_titles_and_escapes),
		cmocka_unit_test(test_render__markdown_escapes_exactly),
		cmocka_unit_test(test_render__dispatch_errors),
		cmocka_unit_test(test_render__allocation_failures_are_clean),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
