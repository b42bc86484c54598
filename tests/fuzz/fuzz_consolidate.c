/*
** fuzz_consolidate.c: the compilation of several contributions. The input
** is BASE NUL A NUL B: a base text and two parties' texts.
**
** Property (accord/consolidate.h): accepting exactly one party's proposals
** gives that party's contribution back; and the compilation renders in
** every format.
*/
#include "accord/consolidate.h"
#include "accord/doc.h"
#include "accord/format.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const parties[] = {"AAA", "BBB"};
	const char *parts[3];
	size_t sizes[3], n, i;
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *docs[3] = {NULL, NULL, NULL};
	accord_compilation *c = NULL;
	accord_error err;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	n = fuzz_split(data, size, parts, sizes, 3);
	if (n < 2)
		return 0;
	opts.format = ACCORD_FORMAT_TEXT;
	for (i = 0; i < n; i++)
		if (accord_doc_parse(&docs[i], parts[i], sizes[i], &opts, &err) != ACCORD_OK)
			goto done;
	if (accord_compilation_new(&c, docs[0], &err) != ACCORD_OK)
		goto done;
	for (i = 1; i < n; i++)
		if (accord_compilation_add_contribution(c, parties[i - 1], docs[i], NULL, &err) != ACCORD_OK)
			FUZZ_BROKEN("a contribution it read cannot be added: %s", err.message);
	if (accord_compilation_build(c, &err) != ACCORD_OK)
		FUZZ_BROKEN("the compilation of documents it read cannot be built: %s", err.message);
	for (i = 1; i < n; i++) {
		accord_doc *accepted = NULL;
		if (accord_compilation_accept(&accepted, c, parties[i - 1], &err) != ACCORD_OK)
			FUZZ_BROKEN("%s's proposals cannot be accepted: %s", parties[i - 1], err.message);
		if (!accord_doc_equal(accepted, docs[i]))
			FUZZ_BROKEN("accepting %s's proposals does not give %s's text", parties[i - 1], parties[i - 1]);
		accord_doc_free(accepted);
	}
	{
		static const accord_format formats[] = {ACCORD_FORMAT_TEXT, ACCORD_FORMAT_MARKDOWN, ACCORD_FORMAT_HTML,
			ACCORD_FORMAT_JSON, ACCORD_FORMAT_YAML};
		accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
		for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
			accord_buf out = ACCORD_BUF_INIT;
			if (accord_compilation_render(&out, c, formats[i], &ro, &err) != ACCORD_OK)
				FUZZ_BROKEN("the compilation cannot be rendered as %s: %s", accord_format_name(formats[i]),
					err.message);
			accord_buf_dispose(&out);
		}
	}
done:
	accord_compilation_free(c);
	for (i = 0; i < 3; i++)
		accord_doc_free(docs[i]);
	return 0;
}
