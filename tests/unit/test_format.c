/*
** test_format.c: format names, how accord_doc_parse picks a format (by name,
** then by content), and the dispatch of parse and render calls, with their
** argument errors.
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

#include "accord/sys/testing.h"
#include "accord/format.h"

static void test_format__every_name(void **state)
{
	static const struct {
		const char *name;
		int format;
	} names[] = {
		{"auto", ACCORD_FORMAT_AUTO},
		{"text", ACCORD_FORMAT_TEXT},
		{"txt", ACCORD_FORMAT_TEXT},
		{"md", ACCORD_FORMAT_MARKDOWN},
		{"markdown", ACCORD_FORMAT_MARKDOWN},
		{"yaml", ACCORD_FORMAT_YAML},
		{"yml", ACCORD_FORMAT_YAML},
		{"json", ACCORD_FORMAT_JSON},
		{"html", ACCORD_FORMAT_HTML},
		{"TEXT", -1}, /* names are lowercase */
		{"htm", -1},
		{"", -1},
		{"pdf", -1},
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (accord_format_from_name(names[i].name) != names[i].format)
			fail_msg("'%s': %d, not %d", names[i].name, accord_format_from_name(names[i].name), names[i].format);
	assert_int_equal(accord_format_from_name(NULL), -1);
	assert_string_equal(accord_format_name(ACCORD_FORMAT_AUTO), "auto");
	assert_string_equal(accord_format_name(ACCORD_FORMAT_TEXT), "text");
	assert_string_equal(accord_format_name(ACCORD_FORMAT_MARKDOWN), "md");
	assert_string_equal(accord_format_name(ACCORD_FORMAT_YAML), "yaml");
	assert_string_equal(accord_format_name(ACCORD_FORMAT_JSON), "json");
	assert_string_equal(accord_format_name(ACCORD_FORMAT_HTML), "html");
	assert_string_equal(accord_format_name((accord_format)99), "unknown");
}

/*
** What parser read data named name: "yaml" and "json" for a document of the schema, "md" for
** Markdown, "text" for plain text, else "error N".
*/
static const char *parsed_as(const char *data, size_t len, const char *name)
{
	static char what[32];
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	int rc;
	po.name = name;
	rc = accord_doc_parse(&doc, data, len, &po, &err);
	if (rc != 0) {
		assert_null(doc);
		snprintf(what, sizeof(what), "error %d", rc);
		return what;
	}
	/* The inputs below: as YAML or JSON, a generic document with no section; as Markdown, two
	   list items in one section; as text, one paragraph. */
	if (accord_doc_section_count(doc) == 0)
		snprintf(what, sizeof(what), "schema");
	else if (accord_section_para_count(accord_doc_section(doc, 0)) == 2)
		snprintf(what, sizeof(what), "md");
	else
		snprintf(what, sizeof(what), "text");
	accord_doc_free(doc);
	return what;
}

#define S(x) x, sizeof(x) - 1

static void test_format__detection_by_name_then_content(void **state)
{
	static const char yaml[] = "accord: document/1\nmode: generic\n";
	static const char json[] = "{\"accord\": \"document/1\", \"mode\": \"generic\"}";
	static const char list[] = "- a\n- b\n";
	(void)state;
	/* by content */
	assert_string_equal(parsed_as(S(yaml), NULL), "schema");
	assert_string_equal(parsed_as(S("accord:\t  document/1\nmode: generic\n"), NULL), "schema");
	assert_string_equal(parsed_as(S("---\naccord: document/1\nmode: generic\n"), NULL), "schema");
	assert_string_equal(parsed_as(S(json), NULL), "schema");
	assert_string_equal(parsed_as(S("\xEF\xBB\xBF \t\r\n{\"accord\": \"document/1\", \"mode\": \"generic\"}"), NULL),
		"schema");
	assert_string_equal(parsed_as(S("accord: documents of the forum\n"), NULL), "error -5"); /* "document..." */
	assert_string_equal(parsed_as(S("accord: doc\n"), NULL), "text");
	/* the words at the very end of the input */
	assert_string_equal(parsed_as(S("accord: document"), NULL), "error -5");
	assert_string_equal(parsed_as(S("accord:document"), NULL), "error -5");
	assert_string_equal(parsed_as(S("accord: documen"), NULL), "text");
	assert_string_equal(parsed_as(S("---"), NULL), "error -5");
	assert_string_equal(parsed_as(S("accord:"), NULL), "text");
	assert_string_equal(parsed_as(S("--"), NULL), "text");
	assert_string_equal(parsed_as(S("x {\"a\": 1}"), NULL), "text");
	assert_string_equal(parsed_as(S(list), NULL), "text");
	/* by name: .yaml/.yml/.json whatever the content, any case; .md/.markdown unless it is an accord document */
	assert_string_equal(parsed_as(S(list), "a.yaml"), "error -5");
	assert_string_equal(parsed_as(S(list), "A.YML"), "error -5");
	assert_string_equal(parsed_as(S(list), "a.Json"), "error -3");
	assert_string_equal(parsed_as(S(list), "notes.md"), "md");
	assert_string_equal(parsed_as(S(list), "NOTES.MARKDOWN"), "md");
	assert_string_equal(parsed_as(S(yaml), "notes.md"), "schema");
	assert_string_equal(parsed_as(S(json), "notes.md"), "schema");
	/* front matter: Markdown, not YAML, in a file named so, and by its content when it has a body */
	assert_string_equal(parsed_as(S("---\ntitle: A draft\n---\n- a\n- b\n"), "draft.md"), "md");
	assert_string_equal(parsed_as(S("---\ntitle: A draft\n---\n- a\n- b\n"), NULL), "md");
	assert_string_equal(parsed_as(S("---\ntitle: A draft\n...\r\n\n- a\n- b\n"), "-"), "md");
	assert_string_equal(parsed_as(S("---\ntitle: A draft\n---\n\n \n"), NULL), "error -5");
	assert_string_equal(parsed_as(S("---\naccord: document/1\n---\n# One\n"), NULL), "error -5");
	assert_string_equal(parsed_as(S("---\ntitle: A draft\n---\n- a\n- b\n"), "draft.yaml"), "error -5");
	assert_string_equal(parsed_as(S(list), "md"), "text");
	assert_string_equal(parsed_as(S(list), "notes.md.txt"), "text");
	assert_string_equal(parsed_as(S(list), "yaml"), "text");
	/* an empty input, by each parser */
	assert_string_equal(parsed_as(S(""), NULL), "error -15");
	assert_string_equal(parsed_as(S(""), "a.json"), "error -15");
	assert_string_equal(parsed_as(NULL, 0, NULL), "error -15");
}

static void test_format__dispatch_and_argument_errors(void **state)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = (accord_doc *)&po, *back = NULL;
	accord_buf out = ACCORD_BUF_INIT, want = ACCORD_BUF_INIT;
	accord_error err;
	char path[1024];
	FILE *f;
	(void)state;
	/* parse */
	assert_int_equal(accord_doc_parse(NULL, "x", 1, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_doc_parse: NULL out");
	assert_int_equal(accord_doc_parse(&doc, NULL, 1, NULL, &err), ACCORD_EINVAL);
	assert_null(doc);
	assert_string_equal(err.message, "accord_doc_parse: NULL data");
	po.version = 7;
	assert_int_equal(accord_doc_parse(&doc, "x", 1, &po, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "unknown parse options version 7");
	po.version = ACCORD_PARSE_OPTIONS_VERSION;
	po.format = ACCORD_FORMAT_HTML;
	assert_int_equal(accord_doc_parse(&doc, "x", 1, &po, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "cannot parse the html format");
	po.format = (accord_format)99;
	assert_int_equal(accord_doc_parse(&doc, "x", 1, &po, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "cannot parse the unknown format");
	/* a format given is the format used */
	po.format = ACCORD_FORMAT_TEXT;
	assert_int_equal(accord_doc_parse(&doc, S("accord: document/1\nmode: generic\n"), &po, &err), 0);
	assert_int_equal(accord_doc_section_count(doc), 1);
	accord_doc_free(doc);
	po.format = ACCORD_FORMAT_MARKDOWN;
	assert_int_equal(accord_doc_parse(&doc, S("- a\n- b\n"), &po, &err), 0);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 2);
	accord_doc_free(doc);
	po.format = ACCORD_FORMAT_JSON;
	assert_int_equal(accord_doc_parse(&doc, S("accord: document/1\n"), &po, &err), ACCORD_EPARSE);
	po.format = ACCORD_FORMAT_YAML;
	assert_int_equal(accord_doc_parse(&doc, S("{\"accord\": \"document/1\", \"mode\": \"generic\"}"), &po, &err), 0);
	accord_doc_free(doc);

	/* files: the name is the path unless the options give one; a format by the file's name */
	snprintf(path, sizeof(path), "test_format-%ld.yml", (long)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("- a\n- b\n", f);
	fclose(f);
	assert_int_equal(accord_doc_parse_file(&doc, path, NULL, &err), ACCORD_ESCHEMA);
	assert_null(doc);
	assert_string_equal(err.file, path);
	po = (accord_parse_options)ACCORD_PARSE_OPTIONS_INIT;
	po.name = "notes.md";
	assert_int_equal(accord_doc_parse_file(&doc, path, &po, &err), 0);
	assert_string_equal(accord_doc_origin(doc), "notes.md");
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 2);
	accord_doc_free(doc);
	po.name = NULL;
	po.format = ACCORD_FORMAT_TEXT;
	assert_int_equal(accord_doc_parse_file(&doc, path, &po, &err), 0);
	assert_string_equal(accord_doc_origin(doc), path);
	assert_int_equal(accord_section_para_count(accord_doc_section(doc, 0)), 1);
	/* every allocation of a file's parse failed in turn */
	{
		long n;
		int rc = -1;
		for (n = 0; n < 100000; n++) {
			accord_alloc_fail_after(n);
			rc = accord_doc_parse_file(&back, path, &po, &err);
			accord_alloc_fail_after(-1);
			if (rc == 0)
				break;
			assert_int_equal(rc, ACCORD_ENOMEM);
			assert_null(back);
		}
		assert_int_equal(rc, 0);
		assert_true(n > 2);
		assert_true(accord_doc_equal(doc, back));
		assert_string_equal(accord_doc_origin(back), path);
		accord_doc_free(back);
	}
	po.version = 0;
	assert_int_equal(accord_doc_parse_file(&back, path, &po, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "unknown parse options version 0");
	assert_null(back);
	assert_int_equal(accord_doc_parse_file(NULL, path, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_doc_parse_file: NULL out");
	assert_int_equal(accord_doc_parse_file(&back, NULL, NULL, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_doc_parse_file: NULL path");
	remove(path);
	assert_int_equal(accord_doc_parse_file(&back, path, NULL, &err), ACCORD_EIO);
	assert_null(back);

	/* render: each format by its own function, appended; anything else refused */
	{
		static const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML,
			ACCORD_FORMAT_YAML, ACCORD_FORMAT_JSON};
		size_t i;
		for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			accord_buf_clear(&out);
			accord_buf_clear(&want);
			assert_int_equal(accord_buf_puts(&out, "<"), 0);
			assert_int_equal(accord_buf_puts(&want, "<"), 0);
			assert_int_equal(accord_doc_render(&out, doc, formats[i], &err), 0);
			switch (formats[i]) {
			case ACCORD_FORMAT_TEXT: assert_int_equal(accord_doc_render_text(&want, doc), 0); break;
			case ACCORD_FORMAT_MARKDOWN: assert_int_equal(accord_doc_render_markdown(&want, doc), 0); break;
			case ACCORD_FORMAT_HTML: assert_int_equal(accord_doc_render_html(&want, doc), 0); break;
			case ACCORD_FORMAT_YAML: assert_int_equal(accord_doc_render_yaml(&want, doc, &err), 0); break;
			default: assert_int_equal(accord_doc_render_json(&want, doc, &err), 0); break;
			}
			assert_string_equal(out.ptr, want.ptr);
			/* out of memory: the code and its message */
			accord_buf_dispose(&out);
			accord_alloc_fail_after(0);
			assert_int_equal(accord_doc_render(&out, doc, formats[i], &err), ACCORD_ENOMEM);
			accord_alloc_fail_after(-1);
			assert_int_equal(err.code, ACCORD_ENOMEM);
			assert_string_equal(err.message, "out of memory");
		}
	}
	accord_buf_clear(&out);
	assert_int_equal(accord_doc_render(&out, doc, ACCORD_FORMAT_AUTO, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "cannot render the auto format");
	assert_int_equal(accord_doc_render(&out, NULL, ACCORD_FORMAT_TEXT, &err), ACCORD_EINVAL);
	assert_string_equal(err.message, "accord_doc_render: NULL argument");
	assert_int_equal(accord_doc_render(NULL, doc, ACCORD_FORMAT_TEXT, &err), ACCORD_EINVAL);
	assert_int_equal(out.size, 0);
	accord_doc_free(doc);
	accord_buf_dispose(&out);
	accord_buf_dispose(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format__every_name),
		cmocka_unit_test(test_format__detection_by_name_then_content),
		cmocka_unit_test(test_format__dispatch_and_argument_errors),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
