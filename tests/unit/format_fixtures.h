/*
** format_fixtures.h: documents with hard strings, shared by test_yaml and
** test_json (include after cmocka.h).
*/
#ifndef ACCORD_TEST_FORMAT_FIXTURES_H
#define ACCORD_TEST_FORMAT_FIXTURES_H

#include <stdio.h>
#include <string.h>

#include "accord/doc.h"

/* Texts that a careless YAML or JSON writer gets wrong. */
static const char *const fixture_hard_texts[] = {
	"that the Forum: met in Geneva",
	"- looks like a list item",
	"# looks like a comment",
	"  two leading spaces",
	"two trailing spaces  ",
	"line one\nline two",
	"ends with a newline\n",
	"\n starts with a newline",
	"a\r\nWindows line",
	"“curly quotes” and ‘single ones’ and ITU’s",
	"10\xC2\xA0" "000 no-break spaces\xE2\x80\xAF; and « guillemets »",
	"التنمية المستدامة",
	"电信和信息通信技术",
	"Электросвязь/ИКТ",
	"null",
	"true",
	"no",
	"123",
	"1.5e3",
	"~",
	"'single' and \"double\" quotes",
	"",
	"tab\tinside",
	"@at `back %percent !bang &amp *star",
	"{brace} [bracket] ? question | pipe > greater",
	"key: value, other: value",
	"bell\x07 and escape\x1B",
	"line\xE2\x80\xA8separator and next\xC2\x85line",
	"\xEF\xBB\xBF" "byte order mark",
	"...",
	"---",
	"a very long paragraph that goes on and on well past any line width a YAML emitter might fold at, "
	"repeating itself so that the folding question really arises: the Forum recognizes, notes, invites "
	"and resolves, again and again, until the line is clearly longer than eighty columns",
};
#define FIXTURE_HARD_COUNT (sizeof(fixture_hard_texts) / sizeof(fixture_hard_texts[0]))

/* Labels as written, the empty one included (stored as "no label"). */
static const char *const fixture_labels[] = {"a)", "1.", "", "i)", "-", "(3)", "b.", "2", "*", "Ⅳ."};
#define FIXTURE_LABEL_COUNT (sizeof(fixture_labels) / sizeof(fixture_labels[0]))

/*
** A document using every part of the model, each hard text in a paragraph,
** with nesting three deep and some explicit, non-numeric ids. Returns NULL
** only when out of memory (for allocation-failure loops).
*/
static accord_doc *fixture_hard_doc(void)
{
	accord_doc *doc = NULL;
	accord_section *s1, *s2, *s3;
	accord_para *p = NULL, *child = NULL;
	size_t i;

	if (accord_doc_new(&doc, ACCORD_MODE_OPINION) != 0)
		return NULL;
	if (accord_doc_set_meta(doc, ACCORD_META_SYMBOL, "WTPF-IEG/2/10") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_SOURCE, "I.R. of Iran: comments") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_TITLE, "DRAFT OPINION 1: “Supporting” IXPs") != 0 ||
	    accord_doc_set_meta(doc, ACCORD_META_BODY, "The fifth World Telecommunication/ICT Policy Forum (Geneva, 2013),") != 0 ||
	    accord_doc_add_note(doc, "Comments of I.R. of Iran for") != 0 || accord_doc_add_note(doc, "") != 0 ||
	    accord_doc_add_note(doc, "- note: with colon") != 0)
		goto fail;
	if (accord_doc_add_section(&s1, doc, NULL, "recognizing", ACCORD_KIND_PREAMBULAR, NULL) != 0 ||
	    accord_doc_add_section(&s2, doc, "operative-1", "invites Member States: all of them", ACCORD_KIND_OPERATIVE,
		    "Member States: all of them") != 0 ||
	    accord_doc_add_section(&s3, doc, NULL, NULL, ACCORD_KIND_NONE, NULL) != 0)
		goto fail;
	for (i = 0; i < FIXTURE_HARD_COUNT; i++) {
		const char *label = fixture_labels[i % FIXTURE_LABEL_COUNT];
		accord_section *s = i % 3 == 0 ? s1 : i % 3 == 1 ? s2 : s3;
		if (i % 5 == 4 && child != NULL) {
			/* a grandchild */
			if (accord_doc_add_para(NULL, doc, accord_para_section(child), child, NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		} else if (i % 5 == 3 && p != NULL) {
			if (accord_doc_add_para(&child, doc, accord_para_section(p), p, NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		} else {
			char id[32];
			snprintf(id, sizeof(id), "para-%zu", i);
			if (accord_doc_add_para(&p, doc, s, NULL, i % 2 ? id : NULL, label, fixture_hard_texts[i]) != 0)
				goto fail;
		}
	}
	if (accord_doc_add_footnote(NULL, doc, "1", "First: a footnote\nwith a second paragraph.") != 0 ||
	    accord_doc_add_footnote(NULL, doc, "*", "“Starred” footnote") != 0 ||
	    accord_doc_add_footnote(NULL, doc, "12", "") != 0)
		goto fail;
	return doc;
fail:
	accord_doc_free(doc);
	return NULL;
}

/* Both documents have the same section and paragraph ids, in the same places. */
static int fixture_same_ids(const accord_doc *a, const accord_doc *b)
{
	const accord_para *p = NULL, *q = NULL;
	size_t i;
	if (accord_doc_section_count(a) != accord_doc_section_count(b))
		return 0;
	for (i = 0; i < accord_doc_section_count(a); i++)
		if (strcmp(accord_section_id(accord_doc_section(a, i)), accord_section_id(accord_doc_section(b, i))) != 0)
			return 0;
	for (;;) {
		p = accord_doc_next_para(a, p);
		q = accord_doc_next_para(b, q);
		if (p == NULL || q == NULL)
			return p == q;
		if (strcmp(accord_para_id(p), accord_para_id(q)) != 0)
			return 0;
	}
}

#endif
