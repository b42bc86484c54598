/*
** fuzz_docx.c: the Word reader (accord/docx.h) on any bytes.
**
** Properties: a file is read or refused with a message, within the
** reader's limits; what it reads gives the accepted and the original texts,
** and each becomes a document (or a message saying why not); the changes
** and comments can be listed.
*/
#include "accord/docx.h"
#include "accord/format.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	accord_docx *docx = NULL;
	accord_error err;
	int view;
	size_t i;
	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (accord_docx_read(&docx, (const char *)data, size, "fuzz.docx", NULL, &err) != ACCORD_OK) {
		if (err.message[0] == '\0')
			FUZZ_BROKEN("a refusal without a message (code %d)", err.code);
		return 0;
	}
	for (view = 0; view < 2; view++) {
		accord_doc *doc = NULL;
		size_t len = 0;
		accord_docx_view which = view == 0 ? ACCORD_DOCX_ACCEPTED : ACCORD_DOCX_ORIGINAL;
		const char *text = accord_docx_text(docx, which, &len);
		if (text == NULL)
			FUZZ_BROKEN("a file read has no %s text", view == 0 ? "accepted" : "original");
		if (accord_doc_from_docx(&doc, docx, which, NULL, &err) != ACCORD_OK) {
			if (err.message[0] == '\0')
				FUZZ_BROKEN("a document refused without a message (code %d)", err.code);
		} else {
			accord_doc_free(doc);
		}
	}
	for (i = 0; i < accord_docx_change_count(docx); i++)
		if (accord_docx_change_get(docx, i) == NULL)
			FUZZ_BROKEN("change %zu of %zu is missing", i, accord_docx_change_count(docx));
	for (i = 0; i < accord_docx_comment_count(docx); i++)
		if (accord_docx_comment_get(docx, i) == NULL)
			FUZZ_BROKEN("comment %zu is missing", i);
	accord_docx_free(docx);
	return 0;
}
