/*
** para_label.c: the label a paragraph of the compilation shows, by the
** bracket convention: a new one after "a)" is "a bis)", then "a ter)"; one
** before every labelled paragraph is "new)". Below both the building of the
** model (which labels the new paragraphs) and the renderers.
*/
#include <stdio.h>
#include <string.h>

#include "accord/consolidate.h"

static int label_char(unsigned char ch)
{
	return ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Appends template t with %l and %s (and %%) expanded. */
static int expand_bis(accord_buf *out, const char *t, const char *core, size_t core_len, const char *ordinal)
{
	int rc = ACCORD_OK;
	for (; *t && rc == ACCORD_OK; t++) {
		if (*t != '%' || t[1] == '\0') {
			rc = accord_buf_putc(out, *t);
			continue;
		}
		t++;
		if (*t == 'l')
			rc = accord_buf_put(out, core, core_len);
		else if (*t == 's')
			rc = accord_buf_puts(out, ordinal);
		else if (*t == '%')
			rc = accord_buf_putc(out, '%');
	}
	return rc;
}

int accord_compilation_para_label(accord_buf *out, const accord_cmp_para *p, const accord_brackets *brackets)
{
	accord_brackets def;
	const char *ref, *core;
	size_t len, pre, suf, core_len;
	unsigned k;
	char number[24];
	const char *ordinal;
	int rc;

	if (out == NULL || p == NULL)
		return ACCORD_EINVAL;
	accord_buf_clear(out);
	if (brackets == NULL) {
		accord_brackets_default(&def);
		brackets = &def;
	}
	if (!p->is_new)
		return p->label ? accord_buf_puts(out, p->label) : ACCORD_OK;
	if (p->bis_index == 0)
		return p->proposed_label ? accord_buf_puts(out, p->proposed_label) : ACCORD_OK;
	ref = p->anchor_label ? p->anchor_label : p->next_label;
	if (ref == NULL || *ref == '\0')
		return ACCORD_OK; /* unlabelled text: new paragraphs are unlabelled too */
	len = strlen(ref);
	for (pre = 0; pre < len && !label_char((unsigned char)ref[pre]); pre++)
		;
	for (suf = len; suf > pre && !label_char((unsigned char)ref[suf - 1]); suf--)
		;
	k = p->bis_index;
	if (p->anchor_label != NULL) {
		core = ref + pre;
		core_len = suf - pre;
	} else {
		core = brackets->first_label ? brackets->first_label : "new";
		core_len = strlen(core);
		k--; /* the first new one before everything is just "new)" */
	}
	if ((rc = accord_buf_put(out, ref, pre)) != ACCORD_OK)
		return rc;
	if (k == 0) {
		rc = accord_buf_put(out, core, core_len);
	} else {
		if (k <= brackets->n_ordinals && brackets->ordinals != NULL) {
			ordinal = brackets->ordinals[k - 1];
		} else {
			snprintf(number, sizeof(number), "%u", k + 1);
			ordinal = number;
		}
		rc = expand_bis(out, brackets->bis ? brackets->bis : "%l %s", core, core_len, ordinal);
	}
	if (rc == ACCORD_OK)
		rc = accord_buf_put(out, ref + suf, len - suf);
	if (rc == ACCORD_OK && out->size == 0)
		rc = accord_buf_putc(out, '\0');
	return rc;
}
