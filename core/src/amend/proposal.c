/* proposal.c: hand-typed amendments applied to a document (accord_proposal_apply). */
#include <string.h>

#include "accord/proposal.h"
#include "accord/text.h"

static const char blanks[] = " \t\n\r";

static int has_text(const char *s)
{
	return s != NULL && s[strspn(s, blanks)] != '\0';
}

/*
** Every text of a proposal is checked as every file is (strict UTF-8): a
** session must never hold text that revise, compile and decide cannot
** read back. ACCORD_EUTF8 naming the field.
*/
static int check_texts(const accord_proposal *p, accord_error *err)
{
	const struct {
		const char *name, *text;
	} fields[] = {{"paragraph", p->paragraph}, {"replace", p->replace}, {"with", p->with},
		{"delete_text", p->delete_text}, {"insert", p->insert}, {"after_text", p->after_text},
		{"before_text", p->before_text}, {"add_paragraph", p->add_paragraph}, {"after", p->after},
		{"before", p->before}, {"in", p->in}, {"label", p->label}, {"delete_paragraph", p->delete_paragraph}};
	accord_error why;
	size_t i;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (fields[i].text != NULL && accord_utf8_check(fields[i].text, strlen(fields[i].text), &why) != ACCORD_OK)
			return accord_error_set(err, ACCORD_EUTF8, "%s: %s", fields[i].name, why.message);
	return ACCORD_OK;
}

int accord_proposal_check(const accord_proposal *p, accord_error *err)
{
	int text_ops, forms, rc;
	if (p == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_proposal_check: NULL proposal");
	if (p->version != ACCORD_PROPOSAL_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unsupported proposal version %u", p->version);
	if ((rc = check_texts(p, err)) != ACCORD_OK)
		return rc;
	text_ops = (p->replace != NULL) + (p->delete_text != NULL) + (p->insert != NULL);
	forms = (p->paragraph != NULL) + (p->add_paragraph != NULL) + (p->delete_paragraph != NULL);
	if (forms != 1)
		return accord_error_set(err, ACCORD_EINVAL, "give one of paragraph, add_paragraph and delete_paragraph");
	if (p->paragraph != NULL && text_ops != 1)
		return accord_error_set(err, ACCORD_EINVAL, "paragraph needs one of replace, delete_text and insert");
	if (p->paragraph == NULL && text_ops > 0)
		return accord_error_set(err, ACCORD_EINVAL, "replace, delete_text and insert go with paragraph");
	if ((p->replace != NULL) != (p->with != NULL))
		return accord_error_set(err, ACCORD_EINVAL, "replace goes with with");
	/* nothing to insert made an amendment adding one space; nothing to add, an empty paragraph */
	if ((p->insert != NULL && !has_text(p->insert)) || (p->add_paragraph != NULL && !has_text(p->add_paragraph)))
		return accord_error_set(err, ACCORD_EINVAL, "insert and add_paragraph take some text");
	/* the canonical text ends a label at its tab: "x\ty" would come back as text */
	if (p->label != NULL && (p->label[0] == '\0' || strpbrk(p->label, "\t\n\r") != NULL))
		return accord_error_set(err, ACCORD_EINVAL, "a label such as \"e)\" has no tab or line break");
	if ((p->after_text != NULL || p->before_text != NULL) && p->insert == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "after_text and before_text go with insert");
	if (p->after_text != NULL && p->before_text != NULL)
		return accord_error_set(err, ACCORD_EINVAL, "give one of after_text and before_text");
	if (p->add_paragraph != NULL && (p->after != NULL) + (p->before != NULL) + (p->in != NULL) != 1)
		return accord_error_set(err, ACCORD_EINVAL, "add_paragraph needs one of after, before and in");
	if (p->add_paragraph == NULL && (p->after != NULL || p->before != NULL || p->in != NULL || p->label != NULL))
		return accord_error_set(err, ACCORD_EINVAL, "after, before, in and label go with add_paragraph");
	return ACCORD_OK;
}

/* The only occurrence of needle in text, or NULL (*count gets how many). */
static const char *find_once(const char *text, const char *needle, int *count)
{
	const char *p = text, *found = NULL;
	*count = 0;
	if (needle[0] == '\0')
		return NULL;
	while ((p = strstr(p, needle)) != NULL) {
		if ((*count)++ == 0)
			found = p;
		p++;
	}
	return *count == 1 ? found : NULL;
}

static int quote_error(const char *what, const char *id, int count, accord_error *err)
{
	if (count == 0)
		return accord_error_set(err, ACCORD_ENOTFOUND, "paragraph %s does not contain \"%s\"", id, what);
	return accord_error_set(err, ACCORD_ENOTFOUND, "\"%s\" occurs %d times in paragraph %s: quote more words", what,
		count, id);
}

static int no_paragraph(const char *id, accord_error *err)
{
	return accord_error_set(err, ACCORD_ENOTFOUND, "no paragraph '%s' in the latest revision", id);
}

/* Changes the text of one paragraph. */
static int edit_text(accord_doc *doc, const accord_proposal *p, accord_error *err)
{
	accord_para *para = accord_doc_find_para(doc, p->paragraph);
	accord_buf text = ACCORD_BUF_INIT;
	const char *old, *at;
	int count, rc = ACCORD_OK;

	if (para == NULL)
		return no_paragraph(p->paragraph, err);
	old = accord_para_text(para);
	if (p->replace != NULL || p->delete_text != NULL) {
		const char *quoted = p->replace != NULL ? p->replace : p->delete_text;
		at = find_once(old, quoted, &count);
		if (at == NULL)
			return quote_error(quoted, p->paragraph, count, err);
		rc |= accord_buf_put(&text, old, (size_t)(at - old));
		rc |= accord_buf_puts(&text, p->replace != NULL ? p->with : "");
		rc |= accord_buf_puts(&text, at + strlen(quoted));
	} else {
		const char *anchor = p->after_text != NULL ? p->after_text : p->before_text;
		/* The words without the blanks around them: the one space between them
		 * and the text is added here (" truly" made two). */
		const char *words = p->insert + strspn(p->insert, blanks);
		size_t split = strlen(old), n = strlen(words);
		while (n > 0 && strchr(blanks, words[n - 1]) != NULL)
			n--;
		if (anchor != NULL) {
			at = find_once(old, anchor, &count);
			if (at == NULL)
				return quote_error(anchor, p->paragraph, count, err);
			split = (size_t)(at - old) + (p->after_text != NULL ? strlen(anchor) : 0);
		}
		rc |= accord_buf_put(&text, old, split);
		if (p->before_text != NULL) {
			rc |= accord_buf_put(&text, words, n);
			rc |= accord_buf_putc(&text, ' ');
		} else {
			if (split > 0)
				rc |= accord_buf_putc(&text, ' ');
			rc |= accord_buf_put(&text, words, n);
		}
		rc |= accord_buf_puts(&text, old + split);
	}
	if (rc == ACCORD_OK)
		rc = accord_para_set_text(para, text.ptr != NULL ? text.ptr : "");
	accord_buf_dispose(&text);
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

/* Adds or deletes a paragraph. */
static int edit_structure(accord_doc *doc, const accord_proposal *p, accord_error *err)
{
	accord_para *ref, *after = NULL, *parent = NULL;
	accord_section *section;
	int rc;

	if (p->delete_paragraph != NULL) {
		ref = accord_doc_find_para(doc, p->delete_paragraph);
		if (ref == NULL)
			return no_paragraph(p->delete_paragraph, err);
		rc = accord_doc_remove_para(doc, ref);
		return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, rc, "cannot delete the paragraph");
	}
	if (p->in != NULL) {
		section = accord_doc_find_section(doc, p->in);
		if (section == NULL)
			return accord_error_set(err, ACCORD_ENOTFOUND, "no section '%s' in the latest revision", p->in);
		rc = accord_doc_add_para(NULL, doc, section, NULL, NULL, p->label, p->add_paragraph);
	} else {
		const char *id = p->after != NULL ? p->after : p->before;
		size_t index;
		ref = accord_doc_find_para(doc, id);
		if (ref == NULL)
			return no_paragraph(id, err);
		section = accord_para_section(ref);
		parent = accord_para_parent(ref);
		if (p->after != NULL) {
			after = ref;
		} else {
			index = accord_para_index(ref);
			after = index == 0 ? NULL
					   : (parent != NULL ? accord_para_child(parent, index - 1)
							     : accord_section_para(section, index - 1));
		}
		rc = accord_doc_insert_para(NULL, doc, section, parent, after, NULL, p->label, p->add_paragraph);
	}
	if (rc == ACCORD_ENOMEM)
		return accord_error_set(err, rc, "out of memory");
	return rc == ACCORD_OK ? ACCORD_OK
			       : accord_error_set(err, ACCORD_ECONFLICT, "cannot add the paragraph (%s)", accord_strerror(rc));
}

int accord_proposal_apply(accord_doc *doc, const accord_proposal *p, accord_error *err)
{
	int rc;
	if (doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_proposal_apply: NULL document");
	if ((rc = accord_proposal_check(p, err)) != ACCORD_OK)
		return rc;
	return p->paragraph != NULL ? edit_text(doc, p, err) : edit_structure(doc, p, err);
}
