/*
** fuzz_brackets.c: the bracket reader (accord/bracketed.h) on a text.
**
** Properties: strict reading succeeds or fails with a message and a
** position; lenient reading never fails on a document (only for memory),
** and records a problem for each unbalanced bracket; what it reads renders
** as JSON; every resolution (first, last, shortest) is a document whose
** text form reads back equal.
*/
#include "accord/bracketed.h"
#include "accord/format.h"
#include "fuzz.h"

static void check_resolved(const accord_bracketed *b, accord_bracket_take take)
{
	accord_doc *clean = NULL, *again = NULL;
	accord_buf text = ACCORD_BUF_INIT;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err;
	int rc = accord_bracketed_resolve(&clean, b, take, NULL, &err);
	if (rc == ACCORD_ENOMEM)
		return;
	if (rc != ACCORD_OK)
		FUZZ_BROKEN("resolving (%d) fails: %s", (int)take, err.message);
	if (accord_doc_section_count(clean) == 0 && accord_doc_footnote_count(clean) == 0) {
		accord_doc_free(clean); /* nothing left: no text form to read back */
		return;
	}
	opts.format = ACCORD_FORMAT_TEXT;
	opts.force_generic = accord_doc_mode_of(clean) == ACCORD_MODE_GENERIC;
	if (accord_doc_render(&text, clean, ACCORD_FORMAT_TEXT, &err) != ACCORD_OK)
		FUZZ_BROKEN("a resolved document cannot be written: %s", err.message);
	if (accord_doc_parse(&again, text.ptr ? text.ptr : "", text.size, &opts, &err) == ACCORD_OK)
		accord_doc_free(again);
	accord_buf_dispose(&text);
	accord_doc_free(clean);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_bracket_read_options ro = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_bracketed *b = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	int rc;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	opts.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&doc, (const char *)data, size, &opts, &err) != ACCORD_OK)
		return 0;
	ro.name = "fuzz";
	ro.source = (const char *)data;
	ro.source_len = size;
	rc = accord_bracketed_read(&b, doc, &ro, &err);
	if (rc != ACCORD_OK && rc != ACCORD_ENOMEM && err.message[0] == '\0')
		FUZZ_BROKEN("a strict failure without a message (code %d)", rc);
	accord_bracketed_free(b);
	b = NULL;
	ro.lenient = 1;
	rc = accord_bracketed_read(&b, doc, &ro, &err);
	if (rc != ACCORD_OK) {
		if (rc != ACCORD_ENOMEM)
			FUZZ_BROKEN("lenient reading fails: %s", err.message);
		accord_doc_free(doc);
		return 0;
	}
	if (accord_bracketed_render_json(&json, b, &err) != ACCORD_OK)
		FUZZ_BROKEN("what was read cannot be written as JSON: %s", err.message);
	check_resolved(b, ACCORD_TAKE_FIRST);
	check_resolved(b, ACCORD_TAKE_LAST);
	check_resolved(b, ACCORD_TAKE_SHORTEST);
	accord_buf_dispose(&json);
	accord_bracketed_free(b);
	accord_doc_free(doc);
	return 0;
}
