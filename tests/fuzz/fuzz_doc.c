/*
** fuzz_doc.c: the document readers (built once per format: FUZZ_FORMAT is
** ACCORD_FORMAT_TEXT, _MARKDOWN, _YAML or _JSON).
**
** Properties (accord/format.h): whatever the reader accepts, written in
** its own format and read again, is an equal document (for Markdown, in
** JSON: the Markdown writer escapes text, while the reader keeps Markdown
** source as the paragraphs' text, so Markdown is not its own round trip).
** For the text reader that is the canonical text form: text read, written
** and read again is an equal document. (A YAML or JSON document may hold
** what plain text cannot: a heading the vocabulary does not know, an
** unlabelled child paragraph; a Markdown one lists and code blocks.)
*/
#include <string.h>

#include "accord/doc.h"
#include "accord/format.h"
#include "fuzz.h"

#ifndef FUZZ_FORMAT
#error "FUZZ_FORMAT must name the format under test"
#endif

/* Writes doc in format, reads it back in the same format, and checks it is equal. */
static void check_round_trip(const accord_doc *doc, accord_format format)
{
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *again = NULL;
	int rc;
	opts.format = format;
	opts.name = "round-trip";
	opts.force_generic = accord_doc_mode_of(doc) == ACCORD_MODE_GENERIC;
	rc = accord_doc_render(&out, doc, format, &err);
	if (rc != ACCORD_OK)
		FUZZ_BROKEN("a document read cannot be written as %s: %s", accord_format_name(format), err.message);
	rc = accord_doc_parse(&again, out.ptr ? out.ptr : "", out.size, &opts, &err);
	if (rc != ACCORD_OK)
		FUZZ_BROKEN("the %s accord wrote does not read back: %s (%u:%u)\n%s", accord_format_name(format),
			err.message, err.line, err.col, out.ptr ? out.ptr : "");
	if (!accord_doc_equal(doc, again))
		FUZZ_BROKEN("the %s accord wrote reads back as another document:\n%s", accord_format_name(format),
			out.ptr ? out.ptr : "");
	accord_doc_free(again);
	accord_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_error err;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	opts.format = FUZZ_FORMAT;
	opts.name = "fuzz";
	if (accord_doc_parse(&doc, (const char *)data, size, &opts, &err) != ACCORD_OK) {
		if (err.message[0] == '\0')
			FUZZ_BROKEN("a failure without a message (code %d)", err.code);
		return 0;
	}
	check_round_trip(doc, FUZZ_FORMAT == ACCORD_FORMAT_MARKDOWN ? ACCORD_FORMAT_JSON : FUZZ_FORMAT);
	accord_doc_free(doc);
	return 0;
}
