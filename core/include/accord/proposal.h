/*
** proposal.h: an amendment typed by hand, as a delegate says it: "replace
** 'X' by 'Y' in paragraph p3", "insert 'Z' after 'W'", "add a paragraph
** after b)", "delete paragraph p7". Quoted text must occur exactly once in
** its paragraph, so that the edit means one thing.
*/
#ifndef ACCORD_PROPOSAL_H
#define ACCORD_PROPOSAL_H

#include "accord/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
** One hand-typed edit. Exactly one form:
**   paragraph + replace + with       replace the words `replace` by `with`
**   paragraph + delete_text          delete the words
**   paragraph + insert [+ after_text | + before_text]
**                                    insert the words (blanks around them
**                                    trimmed; one space joins them to the
**                                    text) right after/before the quoted
**                                    words, or at the end of the paragraph
**   add_paragraph + (after | before | in) [+ label]
**                                    a new paragraph after or before a
**                                    paragraph (as its sibling), or at the
**                                    end of a section
**   delete_paragraph                 a paragraph, with its sub-paragraphs
** Ids are those of the text the edit applies to (accord parse --format
** outline). Strings are borrowed.
*/
typedef struct accord_proposal {
	unsigned version;            /* ACCORD_PROPOSAL_VERSION */
	const char *paragraph;       /* the paragraph whose text changes */
	const char *replace, *with;  /* words to replace, and their replacement */
	const char *delete_text;     /* words to delete */
	const char *insert;          /* words to insert */
	const char *after_text;      /* ... right after these words */
	const char *before_text;     /* ... right before these words */
	const char *add_paragraph;   /* the text of a new paragraph */
	const char *after, *before;  /* ... placed after / before this paragraph */
	const char *in;              /* ... at the end of this section */
	const char *label;           /* ... with this label ("e)", "1 bis") */
	const char *delete_paragraph; /* the paragraph to delete */
} accord_proposal;

#define ACCORD_PROPOSAL_VERSION 1
#define ACCORD_PROPOSAL_INIT {ACCORD_PROPOSAL_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, \
	NULL, NULL, NULL}

/*
** Checks that p is one whole form, as above, with some text to insert or
** add and a label without tab or line break, every text valid UTF-8.
** ACCORD_OK, or ACCORD_EINVAL (ACCORD_EUTF8) with a message naming the
** fields.
*/
ACCORD_API int accord_proposal_check(const accord_proposal *p, accord_error *err);

/*
** Applies p to doc (checked first). Errors: ACCORD_EINVAL (the form),
** ACCORD_ENOTFOUND (no such paragraph or section; quoted words that do not
** occur, or occur more than once: the message says how often),
** ACCORD_ECONFLICT (a paragraph that cannot go there), ACCORD_ENOMEM. On
** failure doc may have changed only in the paragraph's text buffer, never
** its structure.
*/
ACCORD_API int accord_proposal_apply(accord_doc *doc, const accord_proposal *p, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
