/*
** align_emit.c: turning the alignment (align.c) into amendments, and the
** entry point accord_doc_diff. One walk over the contribution emits them in
** reading order: metadata first, then per section its heading, its move or
** addition, and its paragraphs (MOD, MOVE, ADD with split, SUP with merge,
** deletions where the deleted text stood), then the sections deleted and
** the footnotes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/roster.h"
#include "amend/align_int.h"

/* Index of a paragraph in its side (pre-order position), found through a map. */
typedef struct para_slot {
	const accord_para *para;
	size_t index;
} para_slot;

static int cmp_slot(const void *a, const void *b)
{
	const para_slot *x = a, *y = b;
	return x->para < y->para ? -1 : x->para > y->para;
}

static long index_of(const para_slot *slots, size_t count, const accord_para *para)
{
	size_t lo = 0, hi = count;
	if (para == NULL)
		return -1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (slots[mid].para < para)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < count && slots[lo].para == para ? (long)slots[lo].index : -1;
}

static para_slot *make_slots(const side *s)
{
	para_slot *slots = accord_malloc((s->count ? s->count : 1) * sizeof(*slots));
	size_t i;
	if (slots == NULL)
		return NULL;
	for (i = 0; i < s->count; i++) {
		slots[i].para = s->paras[i].para;
		slots[i].index = i;
	}
	qsort(slots, s->count, sizeof(*slots), cmp_slot);
	return slots;
}

/* ---- emitting amendments -------------------------------------------------------------- */

static int emit(aligner *al, accord_amendment *a, const char **id_out)
{
	/* The id is PARTY/N whatever the party's length: a fixed buffer cut long codes, and the
	 * cut ids collided (reported as "out of memory", exit 2). */
	char small[64], *id = small;
	size_t size = strlen(al->party) + 24;
	const char *proposers[1];
	int rc;
	if (size > sizeof(small) && (id = accord_malloc(size)) == NULL)
		return accord_error_set(al->err, ACCORD_ENOMEM, "out of memory");
	snprintf(id, size > sizeof(small) ? size : sizeof(small), "%s/%u", al->party, al->next_number++);
	a->id = id;
	proposers[0] = al->party;
	a->proposers = proposers;
	a->n_proposers = 1;
	if (a->source_file == NULL)
		a->source_file = accord_doc_origin(al->contrib.doc);
	rc = accord_amendments_add(al->list, a);
	a->id = NULL;
	if (id != small)
		accord_free(id);
	if (rc != ACCORD_OK)
		return accord_error_set(al->err, rc, "out of memory");
	if (id_out)
		*id_out = al->list->items[al->list->count - 1]->id;
	return ACCORD_OK;
}

static int str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* SUP for every top-most unmatched base paragraph before base index limit. */
static int emit_deletions(aligner *al, size_t limit, size_t *cursor, const para_slot *base_slots)
{
	int rc;
	for (; *cursor < limit; (*cursor)++) {
		para_info *b = &al->base.paras[*cursor];
		accord_para *parent = accord_para_parent(b->para);
		accord_amendment a;
		if (b->match >= 0 || b->emitted)
			continue;
		if (parent == NULL && al->base_section_match[b->section] < 0)
			continue; /* its whole section goes (SUP_SECTION) */
		if (parent != NULL) {
			long pi = index_of(base_slots, al->base.count, parent);
			if (pi >= 0 && al->base.paras[pi].match < 0)
				continue; /* deleted with its parent */
		}
		memset(&a, 0, sizeof(a));
		a.op = ACCORD_OP_SUP;
		a.target = accord_para_id(b->para);
		a.text = accord_para_text(b->para);
		a.label_from = accord_para_label(b->para);
		a.source_file = accord_doc_origin(al->base.doc);
		a.source_line = accord_para_line(b->para);
		/* Merged into a neighbour that kept its place (align_match noted it)? */
		if (b->related >= 0) {
			a.relation = "merge";
			a.related = accord_para_id(al->base.paras[b->related].para);
		}
		b->emitted = 1;
		if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int emit_section_deletions(aligner *al, size_t limit, size_t *cursor)
{
	int rc;
	for (; *cursor < limit; (*cursor)++) {
		const accord_section *s;
		accord_amendment a;
		if (al->base_section_match[*cursor] >= 0)
			continue;
		s = accord_doc_section(al->base.doc, *cursor);
		memset(&a, 0, sizeof(a));
		a.op = ACCORD_OP_SUP_SECTION;
		a.target = accord_section_id(s);
		a.heading_from = accord_section_heading(s);
		a.kind = accord_section_kind_of(s);
		a.source_line = accord_section_line(s);
		a.source_file = accord_doc_origin(al->base.doc);
		if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

static int emit_paragraph(aligner *al, size_t j, const para_slot *base_slots, const para_slot *contrib_slots,
	const char *section_id, size_t *base_cursor)
{
	para_info *t = &al->contrib.paras[j];
	accord_para *parent = accord_para_parent(t->para);
	const char *parent_id = NULL, *after_id = NULL;
	accord_amendment a;
	int rc;

	if (parent != NULL)
		parent_id = al->contrib.paras[index_of(contrib_slots, al->contrib.count, parent)].target_id;
	if (t->prev >= 0)
		after_id = al->contrib.paras[t->prev].target_id;

	memset(&a, 0, sizeof(a));
	a.source_line = accord_para_line(t->para);
	a.position.section = section_id;
	a.position.parent = parent_id;
	a.position.after = after_id;

	if (t->match < 0) {
		a.op = ACCORD_OP_ADD;
		a.label = accord_para_label(t->para);
		a.text = accord_para_text(t->para);
		/* Split from a neighbour that kept its place (align_match noted it)? */
		if (t->related >= 0) {
			a.relation = "split";
			a.related = accord_para_id(al->base.paras[al->contrib.paras[t->related].match].para);
		}
		return emit(al, &a, &t->target_id);
	} else {
		para_info *b = &al->base.paras[t->match];
		accord_para *bparent = accord_para_parent(b->para);
		const char *base_parent_id = bparent ? accord_para_id(bparent) : NULL;
		int in_place = t->in_chain && str_eq(accord_section_id(accord_para_section(b->para)), section_id) &&
			str_eq(base_parent_id, parent_id);
		int label_changed = !str_eq(accord_para_label(b->para), accord_para_label(t->para));
		int text_changed = strcmp(accord_para_text(b->para), accord_para_text(t->para)) != 0;
		accord_edit *edits = NULL;
		size_t n_edits = 0;
		int spacing_only = 1;
		double alike = 1.0; /* the word similarity of the two texts, whichever way they were paired */

		t->target_id = accord_para_id(b->para);
		if ((size_t)t->match + 1 > *base_cursor && in_place &&
		    (rc = emit_deletions(al, (size_t)t->match, base_cursor, base_slots)) != ACCORD_OK)
			return rc;
		/* Out of the chain only because a paragraph beside it moved away: the same section and
		   parent, after the same sibling (or first in both) is where the base has it, no move;
		   unless that sibling itself moved, taking the place after it along. */
		if (!in_place && str_eq(accord_section_id(accord_para_section(b->para)), section_id) &&
		    str_eq(base_parent_id, parent_id) && (t->prev < 0 || !al->contrib.paras[t->prev].moved)) {
			size_t idx = accord_para_index(b->para);
			accord_para *prev = idx == 0 || idx == (size_t)-1 ? NULL
				: bparent ? accord_para_child(bparent, idx - 1)
				: accord_section_para(accord_para_section(b->para), idx - 1);
			in_place = idx != (size_t)-1 && str_eq(prev ? accord_para_id(prev) : NULL, after_id);
		}
		if (in_place && !label_changed && !text_changed)
			return ACCORD_OK;
		if (text_changed && t->edits_base == t->match) {
			/* made while aligning: their texts now */
			rc = align_edits_of_refs(&edits, t->edits, t->n_edits, accord_para_text(b->para),
				accord_para_text(t->para));
			n_edits = t->n_edits;
			spacing_only = t->spacing_only;
			alike = t->edits_similarity;
			accord_free(t->edits);
			t->edits = NULL;
			t->n_edits = 0;
			t->edits_base = -1;
			if (rc != ACCORD_OK)
				return accord_error_set(al->err, rc, "out of memory");
		} else if (text_changed && (rc = align_text_edits(&edits, &n_edits, &spacing_only, &alike,
						     accord_para_text(b->para), accord_para_text(t->para))) != ACCORD_OK) {
			return accord_error_set(al->err, rc, "out of memory");
		}
		a.op = in_place ? ACCORD_OP_MOD : ACCORD_OP_MOVE;
		t->moved = !in_place;
		if (in_place)
			memset(&a.position, 0, sizeof(a.position));
		a.target = accord_para_id(b->para);
		a.edits = edits;
		a.n_edits = n_edits;
		a.label_changed = label_changed;
		a.label_from = accord_para_label(b->para);
		a.label_to = accord_para_label(t->para);
		a.editorial = spacing_only;
		a.similarity = alike;
		rc = emit(al, &a, NULL);
		align_free_edits(edits, n_edits);
		return rc;
	}
}

static int emit_meta(aligner *al)
{
	static const accord_meta_field fields[] = {ACCORD_META_SYMBOL, ACCORD_META_SOURCE, ACCORD_META_TITLE,
		ACCORD_META_BODY};
	accord_buf from = ACCORD_BUF_INIT, to = ACCORD_BUF_INIT;
	size_t i;
	int rc = ACCORD_OK;
	accord_amendment a;

	if (accord_doc_mode_of(al->base.doc) != accord_doc_mode_of(al->contrib.doc)) {
		memset(&a, 0, sizeof(a));
		a.op = ACCORD_OP_META;
		a.field = "mode";
		a.value_from = accord_doc_mode_name(accord_doc_mode_of(al->base.doc));
		a.value_to = accord_doc_mode_name(accord_doc_mode_of(al->contrib.doc));
		if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
			return rc;
	}
	for (i = 0; i < accord_doc_note_count(al->base.doc); i++)
		if ((i && accord_buf_putc(&from, '\n')) || accord_buf_puts(&from, accord_doc_note(al->base.doc, i)))
			goto oom;
	for (i = 0; i < accord_doc_note_count(al->contrib.doc); i++)
		if ((i && accord_buf_putc(&to, '\n')) || accord_buf_puts(&to, accord_doc_note(al->contrib.doc, i)))
			goto oom;
	if (!str_eq(from.ptr ? from.ptr : "", to.ptr ? to.ptr : "")) {
		memset(&a, 0, sizeof(a));
		a.op = ACCORD_OP_META;
		a.field = "notes";
		a.value_from = accord_doc_note_count(al->base.doc) ? from.ptr : NULL;
		a.value_to = accord_doc_note_count(al->contrib.doc) ? to.ptr : NULL;
		if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
			goto cleanup;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *x = accord_doc_meta(al->base.doc, fields[i]), *y = accord_doc_meta(al->contrib.doc, fields[i]);
		if (str_eq(x, y))
			continue;
		memset(&a, 0, sizeof(a));
		a.op = ACCORD_OP_META;
		a.field = accord_meta_field_name(fields[i]);
		a.value_from = x;
		a.value_to = y;
		if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
			goto cleanup;
	}
	goto cleanup;
oom:
	rc = accord_error_set(al->err, ACCORD_ENOMEM, "out of memory");
cleanup:
	accord_buf_dispose(&from);
	accord_buf_dispose(&to);
	return rc;
}

static int emit_footnote(aligner *al, const char *number, const char *from, const char *to)
{
	accord_amendment a;
	memset(&a, 0, sizeof(a));
	a.op = ACCORD_OP_FOOTNOTE;
	a.footnote = number;
	a.value_from = from;
	a.value_to = to;
	return emit(al, &a, NULL);
}

/*
** Footnotes: those of the contribution that keep their order relative to
** the base stay (changed text: a FOOTNOTE edit); from the first one out of
** order on, the base's are deleted and the contribution's added in order.
*/
static int emit_footnotes(aligner *al)
{
	const accord_doc *b = al->base.doc, *c = al->contrib.doc;
	size_t nb = accord_doc_footnote_count(b), nc = accord_doc_footnote_count(c), i, k, last = 0;
	size_t kept_until = nc;
	int rc;
	char *kept = accord_calloc(nb + 1, 1);
	if (kept == NULL)
		return accord_error_set(al->err, ACCORD_ENOMEM, "out of memory");
	for (k = 0; k < nc; k++) {
		const char *num = accord_footnote_number(accord_doc_footnote(c, k));
		size_t found = nb;
		for (i = last; i < nb; i++)
			if (strcmp(accord_footnote_number(accord_doc_footnote(b, i)), num) == 0) {
				found = i;
				break;
			}
		if (found == nb) {
			kept_until = k;
			break;
		}
		kept[found] = 1;
		last = found + 1;
	}
	rc = ACCORD_OK;
	for (i = 0; i < nb && rc == ACCORD_OK; i++) {
		const accord_footnote *f = accord_doc_footnote(b, i);
		if (!kept[i])
			rc = emit_footnote(al, accord_footnote_number(f), accord_footnote_text(f), NULL);
	}
	for (k = 0; k < nc && rc == ACCORD_OK; k++) {
		const accord_footnote *f = accord_doc_footnote(c, k);
		const accord_footnote *old = accord_doc_find_footnote(b, accord_footnote_number(f));
		if (k < kept_until) {
			if (strcmp(accord_footnote_text(old), accord_footnote_text(f)) != 0)
				rc = emit_footnote(al, accord_footnote_number(f), accord_footnote_text(old), accord_footnote_text(f));
		} else {
			rc = emit_footnote(al, accord_footnote_number(f), NULL, accord_footnote_text(f));
		}
	}
	accord_free(kept);
	return rc;
}

static int emit_all(aligner *al)
{
	size_t nt = accord_doc_section_count(al->contrib.doc), t, j = 0;
	size_t base_cursor = 0, section_cursor = 0;
	para_slot *base_slots = make_slots(&al->base), *contrib_slots = make_slots(&al->contrib);
	const char *prev_section_id = NULL;
	int rc;

	if (base_slots == NULL || contrib_slots == NULL) {
		rc = accord_error_set(al->err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	if ((rc = emit_meta(al)) != ACCORD_OK)
		goto cleanup;
	for (t = 0; t < nt; t++) {
		const accord_section *cs = accord_doc_section(al->contrib.doc, t);
		long s = al->section_match[t];
		accord_amendment a;
		memset(&a, 0, sizeof(a));
		a.source_line = accord_section_line(cs);
		if (s < 0) {
			a.op = ACCORD_OP_ADD_SECTION;
			a.position.after = prev_section_id;
			a.heading = accord_section_heading(cs);
			a.kind = accord_section_kind_of(cs);
			a.addressee = accord_section_addressee(cs);
			if ((rc = emit(al, &a, &al->section_target_id[t])) != ACCORD_OK)
				goto cleanup;
		} else {
			const accord_section *bs = accord_doc_section(al->base.doc, (size_t)s);
			al->section_target_id[t] = accord_section_id(bs);
			if (al->section_in_chain[t] &&
			    (rc = emit_section_deletions(al, (size_t)s, &section_cursor)) != ACCORD_OK)
				goto cleanup;
			if (!al->section_in_chain[t]) {
				a.op = ACCORD_OP_MOVE_SECTION;
				a.target = accord_section_id(bs);
				a.position.after = prev_section_id;
				if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
					goto cleanup;
			}
			if (!str_eq(accord_section_heading(bs), accord_section_heading(cs)) ||
			    accord_section_kind_of(bs) != accord_section_kind_of(cs) ||
			    !str_eq(accord_section_addressee(bs), accord_section_addressee(cs))) {
				memset(&a, 0, sizeof(a));
				a.op = ACCORD_OP_HEADING;
				a.target = accord_section_id(bs);
				a.source_line = accord_section_line(cs);
				a.heading_from = accord_section_heading(bs);
				a.heading = accord_section_heading(cs);
				a.kind = accord_section_kind_of(cs);
				a.addressee = accord_section_addressee(cs);
				if ((rc = emit(al, &a, NULL)) != ACCORD_OK)
					goto cleanup;
			}
		}
		prev_section_id = al->section_target_id[t];
		for (; j < al->contrib.count && al->contrib.paras[j].section == t; j++)
			if ((rc = emit_paragraph(al, j, base_slots, contrib_slots, al->section_target_id[t], &base_cursor)) !=
				ACCORD_OK)
				goto cleanup;
	}
	if ((rc = emit_deletions(al, al->base.count, &base_cursor, base_slots)) != ACCORD_OK ||
	    (rc = emit_section_deletions(al, accord_doc_section_count(al->base.doc), &section_cursor)) != ACCORD_OK ||
	    (rc = emit_footnotes(al)) != ACCORD_OK)
		goto cleanup;
cleanup:
	accord_free(base_slots);
	accord_free(contrib_slots);
	return rc;
}

int accord_doc_diff(accord_amendment_list **out, const accord_doc *base, const accord_doc *contribution,
	const accord_doc_diff_options *opts, accord_error *err)
{
	accord_doc_diff_options defaults = ACCORD_DOC_DIFF_OPTIONS_INIT;
	aligner al;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != ACCORD_DOC_DIFF_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unsupported diff options version %u", opts->version);
	if (opts->party != NULL && (rc = accord_party_code_check(opts->party, err)) != ACCORD_OK)
		return rc;
	memset(&al, 0, sizeof(al));
	al.opts = opts;
	al.err = err;
	al.party = opts->party && opts->party[0] ? opts->party : "X";
	al.next_number = 1;
	if ((rc = accord_amendments_new(&al.list)) != ACCORD_OK ||
	    (rc = accord_amendments_set_origin(al.list, al.party, accord_doc_origin(base),
		     accord_doc_origin(contribution))) != ACCORD_OK) {
		rc = accord_error_set(err, rc, "out of memory aligning the texts");
		goto cleanup;
	}
	if ((rc = align_match(&al, base, contribution)) != ACCORD_OK)
		goto cleanup;
	if ((rc = emit_all(&al)) != ACCORD_OK)
		goto cleanup;
	if (al.failed) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory aligning the texts");
		goto cleanup;
	}
	*out = al.list;
	al.list = NULL;
cleanup:
	accord_amendments_free(al.list);
	align_dispose(&al);
	return rc;
}
