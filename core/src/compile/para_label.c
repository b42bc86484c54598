/*
** para_label.c: the label a paragraph of the compilation shows, by the
** bracket convention: a new one after "a)" is "a bis)", then "a ter)"; one
** before every labelled paragraph is "new)". Below both the building of the
** model (which labels the new paragraphs) and the renderers. A revision
** labels the paragraphs it adds by the same convention, so that no label
** repeats in its list, and renumbers its lists when the pack says so
** (accord_doc_label_placed, accord_doc_renumber).
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

/* ---- labels in a revision -------------------------------------------------------------- */

/* A label cut in three: what comes before its core ("("), the core ("a", "12", "d bis"), after (")"). */
typedef struct label_parts {
	const char *pre, *core;
	size_t pre_len, core_len, suf_len;
	const char *suf;
} label_parts;

static void label_split(label_parts *lp, const char *label)
{
	size_t len = strlen(label), pre, suf;
	for (pre = 0; pre < len && !label_char((unsigned char)label[pre]); pre++)
		;
	for (suf = len; suf > pre && !label_char((unsigned char)label[suf - 1]); suf--)
		;
	lp->pre = label;
	lp->pre_len = pre;
	lp->core = label + pre;
	lp->core_len = suf - pre;
	lp->suf = label + suf;
	lp->suf_len = len - suf;
}

/*
** The place of a label in a list of its kind: 'a' (a b c ... z, then aa
** bb ...), 'A' likewise, '1' (numbers); *kind 0 and 0 returned when the
** core is none of these ("d bis", "iv" is the letter run only for "i" and
** "v" alone).
*/
static unsigned long label_rank(char *kind, const label_parts *lp)
{
	size_t i;
	unsigned long n = 0;
	*kind = 0;
	if (lp->core_len == 0 || lp->core_len > 9)
		return 0;
	if (lp->core[0] >= '0' && lp->core[0] <= '9') {
		for (i = 0; i < lp->core_len; i++) {
			if (lp->core[i] < '0' || lp->core[i] > '9')
				return 0;
			n = n * 10 + (unsigned long)(lp->core[i] - '0');
		}
		*kind = '1';
		return n;
	}
	for (i = 0; i < lp->core_len; i++)
		if (lp->core[i] != lp->core[0])
			return 0;
	if (lp->core[0] >= 'a' && lp->core[0] <= 'z')
		*kind = 'a';
	else if (lp->core[0] >= 'A' && lp->core[0] <= 'Z')
		*kind = 'A';
	else
		return 0;
	return (unsigned long)(lp->core_len - 1) * 26 + (unsigned long)(lp->core[0] - *kind) + 1;
}

/* Appends the core of rank n in a list of kind ('a', 'A', '1'). */
static int put_rank(accord_buf *out, char kind, unsigned long n)
{
	unsigned long times, i;
	int rc = ACCORD_OK;
	if (kind == '1')
		return accord_buf_printf(out, "%lu", n);
	times = (n - 1) / 26 + 1;
	for (i = 0; i < times && rc == ACCORD_OK; i++)
		rc = accord_buf_putc(out, (char)(kind + (char)((n - 1) % 26)));
	return rc;
}

/* Sibling i of p (p's section's top level, or its parent's children), and how many there are. */
static accord_para *sibling(const accord_para *p, size_t i)
{
	const accord_para *parent = accord_para_parent(p);
	return parent != NULL ? accord_para_child(parent, i) : accord_section_para(accord_para_section(p), i);
}

static size_t sibling_count(const accord_para *p)
{
	const accord_para *parent = accord_para_parent(p);
	return parent != NULL ? accord_para_child_count(parent) : accord_section_para_count(accord_para_section(p));
}

static int has_label(const accord_para *p)
{
	return accord_para_label(p) != NULL && accord_para_label(p)[0] != '\0';
}

/* Whether label is held by a sibling of p other than p. */
static int label_taken(const accord_para *p, const char *label)
{
	size_t i, n = sibling_count(p);
	for (i = 0; i < n; i++) {
		const accord_para *q = sibling(p, i);
		if (q != p && has_label(q) && strcmp(accord_para_label(q), label) == 0)
			return 1;
	}
	return 0;
}

/* The nearest labelled sibling before (step -1) or after (+1) p, or NULL. */
static const accord_para *labelled_near(const accord_para *p, int step)
{
	size_t i = accord_para_index(p), n = sibling_count(p);
	while (step < 0 ? i-- > 0 : ++i < n) {
		const accord_para *q = sibling(p, i);
		if (has_label(q))
			return q;
	}
	return NULL;
}

/* Whether two labels are of one list: same kind, same marks around the core. */
static int same_list(const label_parts *a, char ka, const label_parts *b, char kb)
{
	return ka != 0 && ka == kb && a->pre_len == b->pre_len && a->suf_len == b->suf_len &&
	       memcmp(a->pre, b->pre, a->pre_len) == 0 && memcmp(a->suf, b->suf, a->suf_len) == 0;
}

/*
** Whether p comes after a labelled sibling in a list whose other members
** are all labelled: a new paragraph there needs a label too ("d bis)"), or
** the list reads a) b) c) d) (text) e). One first in its list may be a
** chapeau: it stays as written.
*/
static int after_labelled_in_labelled_list(const accord_para *p)
{
	size_t i, n = sibling_count(p);
	if (labelled_near(p, -1) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		const accord_para *q = sibling(p, i);
		if (q != p && !has_label(q))
			return 0;
	}
	return 1;
}

/*
** Whether the label p has fits where p stands: no sibling holds it, it has
** a core when its siblings' labels have one (")" does not fit among "a)",
** "b)"), and in a list of letters or numbers it comes between the labels
** around it. An unlabelled p fits unless its list wants a label there.
*/
static int label_fits(const accord_para *p)
{
	const accord_para *near[2];
	label_parts lp, np;
	unsigned long rank, nrank;
	char kind, nkind;
	int k;

	if (!has_label(p))
		return !after_labelled_in_labelled_list(p);
	if (label_taken(p, accord_para_label(p)))
		return 0;
	label_split(&lp, accord_para_label(p));
	rank = label_rank(&kind, &lp);
	near[0] = labelled_near(p, -1);
	near[1] = labelled_near(p, 1);
	for (k = 0; k < 2; k++) {
		if (near[k] == NULL)
			continue;
		label_split(&np, accord_para_label(near[k]));
		if (lp.core_len == 0 && np.core_len > 0)
			return 0;
		nrank = label_rank(&nkind, &np);
		if (same_list(&lp, kind, &np, nkind) && (k == 0 ? nrank >= rank : nrank <= rank))
			return 0;
	}
	return 1;
}

/* *yes 1 when label is a new paragraph's label after base: "d bis)", "d ter)" ... after "d)". */
static int is_bis_of(int *yes, const char *label, const char *base, const accord_brackets *b)
{
	accord_cmp_para probe;
	accord_buf form = ACCORD_BUF_INIT;
	unsigned k;
	int rc = ACCORD_OK;
	*yes = 0;
	memset(&probe, 0, sizeof probe);
	probe.is_new = 1;
	probe.anchor_label = base;
	for (k = 1; k <= b->n_ordinals + 8 && rc == ACCORD_OK && !*yes; k++) {
		probe.bis_index = k;
		rc = accord_compilation_para_label(&form, &probe, b);
		*yes = rc == ACCORD_OK && form.size > 0 && strcmp(form.ptr, label) == 0;
	}
	accord_buf_dispose(&form);
	return rc;
}

/* Gives p the convention's label for a new paragraph where it stands, one no sibling holds. */
static int label_as_new(accord_para *p, const accord_brackets *b)
{
	const accord_para *before = labelled_near(p, -1), *after = labelled_near(p, 1);
	accord_cmp_para probe;
	accord_buf form = ACCORD_BUF_INIT;
	unsigned k;
	int rc = ACCORD_OK, yes = 0;

	memset(&probe, 0, sizeof probe);
	probe.is_new = 1;
	if (before != NULL) {
		/* after "d bis)", the next is "d ter)": the list goes on from "d)" */
		size_t i;
		probe.anchor_label = accord_para_label(before);
		for (i = 0; i < accord_para_index(before) && rc == ACCORD_OK && !yes; i++) {
			const accord_para *q = sibling(p, i);
			if (has_label(q) && (rc = is_bis_of(&yes, accord_para_label(before), accord_para_label(q), b)) == ACCORD_OK && yes)
				probe.anchor_label = accord_para_label(q);
		}
	} else if (after != NULL) {
		probe.next_label = accord_para_label(after);
	} else {
		return ACCORD_OK; /* alone with no labelled sibling: nothing to repeat */
	}
	for (k = 1; rc == ACCORD_OK && k < 1000; k++) {
		probe.bis_index = k;
		rc = accord_compilation_para_label(&form, &probe, b);
		if (rc == ACCORD_OK && form.size > 0 && !label_taken(p, form.ptr)) {
			rc = accord_para_set_label(p, form.ptr);
			break;
		}
	}
	accord_buf_dispose(&form);
	return rc;
}

int accord_doc_label_placed(accord_doc *doc, const char *const *ids, size_t n_ids, const accord_brackets *brackets,
	accord_error *err)
{
	accord_brackets def;
	accord_para *p = NULL;
	size_t i;
	int rc = ACCORD_OK;

	if (doc == NULL || (ids == NULL && n_ids > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_label_placed: NULL argument");
	if (brackets == NULL) {
		accord_brackets_default(&def);
		brackets = &def;
	}
	/* in document order, so that a run of new paragraphs goes bis, ter ... */
	while (rc == ACCORD_OK && (p = accord_doc_next_para(doc, p)) != NULL) {
		for (i = 0; i < n_ids; i++)
			if (ids[i] != NULL && strcmp(ids[i], accord_para_id(p)) == 0)
				break;
		if (i < n_ids && !label_fits(p))
			rc = label_as_new(p, brackets);
	}
	if (rc != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	return ACCORD_OK;
}

/* Renumbers one list: its labelled paragraphs, in the kind of the first with a plain label. */
static int renumber_list(const accord_para *first, accord_buf *label)
{
	size_t i, n = sibling_count(first);
	const accord_para *model = NULL;
	label_parts mp, lp;
	unsigned long next = 1;
	char kind = 0;
	int rc = ACCORD_OK;

	for (i = 0; i < n && model == NULL; i++) {
		const accord_para *q = sibling(first, i);
		if (has_label(q)) {
			label_split(&mp, accord_para_label(q));
			if (label_rank(&kind, &mp) > 0)
				model = q;
		}
	}
	if (model == NULL)
		return ACCORD_OK; /* no letters or numbers to go on: the labels are left as they are */
	for (i = 0; i < n; i++) {
		const accord_para *q = sibling(first, i);
		if (has_label(q)) {
			label_split(&lp, accord_para_label(q));
			if (lp.core_len == 2 && (memcmp(lp.core, "ii", 2) == 0 || memcmp(lp.core, "II", 2) == 0))
				return ACCORD_OK; /* i, ii, iii: roman numbers, not letters */
		}
	}
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		accord_para *q = sibling(first, i);
		if (!has_label(q))
			continue;
		label_split(&lp, accord_para_label(q));
		if (lp.core_len == 0)
			continue; /* ")": not a number of the list */
		accord_buf_clear(label);
		rc = accord_buf_put(label, mp.pre, mp.pre_len);
		if (rc == ACCORD_OK)
			rc = put_rank(label, kind, next++);
		if (rc == ACCORD_OK)
			rc = accord_buf_put(label, mp.suf, mp.suf_len);
		if (rc == ACCORD_OK && strcmp(label->ptr, accord_para_label(q)) != 0)
			rc = accord_para_set_label(q, label->ptr);
	}
	return rc;
}

int accord_doc_renumber(accord_doc *doc, accord_error *err)
{
	accord_buf label = ACCORD_BUF_INIT;
	accord_para *p = NULL;
	size_t i;
	int rc = ACCORD_OK;

	if (doc == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_renumber: NULL document");
	for (i = 0; i < accord_doc_section_count(doc) && rc == ACCORD_OK; i++) {
		accord_section *section = accord_doc_section(doc, i);
		if (accord_section_para_count(section) > 0)
			rc = renumber_list(accord_section_para(section, 0), &label);
	}
	while (rc == ACCORD_OK && (p = accord_doc_next_para(doc, p)) != NULL)
		if (accord_para_child_count(p) > 0)
			rc = renumber_list(accord_para_child(p, 0), &label);
	accord_buf_dispose(&label);
	if (rc != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	return ACCORD_OK;
}
