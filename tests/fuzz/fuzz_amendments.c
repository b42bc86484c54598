/*
** fuzz_amendments.c: hostile amendment lists (JSON) applied to a base text.
** The input is BASE NUL LIST: a text document and an amendment list.
**
** Properties: the JSON reader accepts or refuses with a message; a list it
** accepts writes back as JSON that reads as the same list (same JSON
** again); applying it to the base either succeeds or fails with a message,
** whatever the offsets, anchors and chains say (accord/amend.h). (What a
** hostile list makes need not have a text form: a MOD may put a line break
** or a heading's words into a paragraph; fuzz_diff checks the lists accord
** makes.)
*/
#include <string.h>

#include "accord/amend.h"
#include "accord/doc.h"
#include "accord/format.h"
#include "fuzz.h"

static void check_json_again(const accord_amendment_list *list)
{
	accord_buf first = ACCORD_BUF_INIT, second = ACCORD_BUF_INIT;
	accord_amendment_list *again = NULL;
	accord_error err;
	if (accord_amendments_render_json(&first, list, &err) != ACCORD_OK)
		FUZZ_BROKEN("a list read cannot be written: %s", err.message);
	if (accord_amendments_parse_json(&again, first.ptr, first.size, "again", &err) != ACCORD_OK)
		FUZZ_BROKEN("the JSON accord wrote does not read back: %s (%u:%u)\n%s", err.message, err.line, err.col,
			first.ptr);
	if (accord_amendments_render_json(&second, again, &err) != ACCORD_OK)
		FUZZ_BROKEN("a list read back cannot be written: %s", err.message);
	if (first.size != second.size || memcmp(first.ptr, second.ptr, first.size) != 0)
		FUZZ_BROKEN("the list changes when read back:\n%s\n---\n%s", first.ptr, second.ptr);
	accord_amendments_free(again);
	accord_buf_dispose(&first);
	accord_buf_dispose(&second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *parts[2];
	size_t sizes[2];
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *doc = NULL;
	accord_amendment_list *list = NULL;
	accord_error err;
	if (size > FUZZ_MAX_INPUT || fuzz_split(data, size, parts, sizes, 2) != 2)
		return 0;
	opts.format = ACCORD_FORMAT_TEXT;
	if (accord_doc_parse(&doc, parts[0], sizes[0], &opts, &err) != ACCORD_OK)
		return 0;
	if (accord_amendments_parse_json(&list, parts[1], sizes[1], "fuzz", &err) != ACCORD_OK) {
		if (err.message[0] == '\0')
			FUZZ_BROKEN("a failure without a message (code %d)", err.code);
		accord_doc_free(doc);
		return 0;
	}
	check_json_again(list);
	if (accord_amendments_apply(doc, list, &err) != ACCORD_OK && err.message[0] == '\0')
		FUZZ_BROKEN("apply failed without a message (code %d)", err.code);
	accord_amendments_free(list);
	accord_doc_free(doc);
	return 0;
}
