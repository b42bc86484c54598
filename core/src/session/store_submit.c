/*
** store_submit.c: a contribution's changes against the revision it was
** written on (given, or the stored revision its text is closest to),
** carried forward onto the latest revision the way a revision carries the
** open amendments (store_reanchor_one), never turning back what was
** adopted since: such a change is left out and reported.
*/
#include <stdio.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/diff.h"
#include "accord/format.h"
#include "session/store_carry.h"

void accord_submit_result_dispose(accord_submit_result *r)
{
	size_t i;
	if (r == NULL)
		return;
	for (i = 0; i < r->n_adopted + r->n_undoing; i++)
		accord_free(r->left_out[i].target);
	accord_free(r->left_out);
	accord_free(r->warning);
	memset(r, 0, sizeof *r);
}

/* ---- which revision: the word-diff cost of the contribution against each ------------------ */

/* Tokens changed between two texts (deleted + inserted): how far apart they are. */
static int text_cost(size_t *out, const accord_buf *a, const accord_buf *b, accord_error *err)
{
	accord_diff_options opts = ACCORD_DIFF_OPTIONS_INIT;
	accord_diff_stats stats;
	accord_diff *diff = NULL;
	int rc;
	opts.flags = ACCORD_DIFF_RAW;
	rc = accord_diff_text(&diff, a->ptr != NULL ? a->ptr : "", a->size, b->ptr != NULL ? b->ptr : "", b->size, &opts,
		err);
	if (rc != ACCORD_OK)
		return rc;
	accord_diff_get_stats(&stats, diff);
	*out = stats.deleted_tokens + stats.inserted_tokens;
	accord_diff_free(diff);
	return ACCORD_OK;
}

/* The revision (0..latest) whose text is closest to doc's (the contribution, or what it was marked up on);
 * ties go to the later one. */
static int detect_revision(unsigned *out, accord_session *s, unsigned latest, const accord_doc *doc,
	accord_error *err)
{
	accord_buf mine = ACCORD_BUF_INIT, theirs = ACCORD_BUF_INIT;
	size_t best = (size_t)-1, cost;
	unsigned n = latest + 1;
	int rc = ACCORD_OK;

	*out = latest;
	if (accord_doc_render_text(&mine, doc) != ACCORD_OK)
		rc = store_nomem(err);
	while (rc == ACCORD_OK && n-- > 0) {
		accord_doc *rev_doc = NULL;
		theirs.size = 0;
		rc = store_rev_doc(&rev_doc, s, n, err);
		if (rc == ACCORD_OK && accord_doc_render_text(&theirs, rev_doc) != ACCORD_OK)
			rc = store_nomem(err);
		if (rc == ACCORD_OK)
			rc = text_cost(&cost, &mine, &theirs, err);
		accord_doc_free(rev_doc);
		if (rc == ACCORD_OK && cost < best) {
			best = cost;
			*out = n;
		}
		if (rc == ACCORD_OK && best == 0)
			break;
	}
	accord_buf_dispose(&mine);
	accord_buf_dispose(&theirs);
	return rc;
}

/* ---- what each change does to the text adopted since ------------------------------------ */

enum carry_verdict { CARRY_KEEP, CARRY_REANCHOR, CARRY_ADOPTED, CARRY_UNDOES };

/* What a carried change is judged against. */
typedef struct carry_ctx {
	accord_session *s;
	const accord_doc *old;    /* the revision it was written on */
	const accord_doc *latest; /* the latest revision */
	const accord_amendment_list *raw; /* the changes against old */
	const char *prefix;       /* the id prefix of raw ("PARTY~new") */
	unsigned char *fate;      /* per change of raw: its verdict */
} carry_ctx;

static int str_same(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

/* Whether two paragraphs read the same, their sub-items included. */
static int para_same(const accord_para *a, const accord_para *b)
{
	size_t i, n = accord_para_child_count(a);
	if (!str_same(accord_para_label(a), accord_para_label(b)) || !str_same(accord_para_text(a), accord_para_text(b)) ||
	    n != accord_para_child_count(b))
		return 0;
	for (i = 0; i < n; i++)
		if (!para_same(accord_para_child(a, i), accord_para_child(b, i)))
			return 0;
	return 1;
}

static int section_same(const accord_section *a, const accord_section *b)
{
	size_t i, n = accord_section_para_count(a);
	if (!str_same(accord_section_heading(a), accord_section_heading(b)) || n != accord_section_para_count(b))
		return 0;
	for (i = 0; i < n; i++)
		if (!para_same(accord_section_para(a, i), accord_section_para(b, i)))
			return 0;
	return 1;
}

/* Index in raw of the new paragraph or section `id` of the contribution; -1: none. */
static long local_index(const carry_ctx *c, const char *id)
{
	size_t i, n = accord_amendments_count(c->raw);
	if (id == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(c->raw, i);
		if ((a->op == ACCORD_OP_ADD || a->op == ACCORD_OP_ADD_SECTION) && strcmp(a->id, id) == 0)
			return (long)i;
	}
	return -1;
}

/* Whether a place (a paragraph or section id, or NULL) is there in the latest text or is new with the contribution. */
static int place_there(const carry_ctx *c, const char *id)
{
	long i;
	if (id == NULL || accord_doc_find_para(c->latest, id) != NULL || accord_doc_find_section(c->latest, id) != NULL)
		return 1;
	i = local_index(c, id);
	return i >= 0 && c->fate[i] != CARRY_ADOPTED && c->fate[i] != CARRY_UNDOES;
}

/* Whether the meta field or the notes of the latest text are what the change found (value_from). */
static int meta_unchanged(const carry_ctx *c, const accord_amendment *a)
{
	int field = accord_meta_field_from_name(a->field);
	if (field >= 0)
		return str_same(accord_doc_meta(c->latest, (accord_meta_field)field),
			accord_doc_meta(c->old, (accord_meta_field)field));
	if (a->field != NULL && strcmp(a->field, "notes") == 0) {
		size_t i, n = accord_doc_note_count(c->old);
		if (n != accord_doc_note_count(c->latest))
			return 0;
		for (i = 0; i < n; i++)
			if (!str_same(accord_doc_note(c->old, i), accord_doc_note(c->latest, i)))
				return 0;
	}
	return 1;
}

/* Applies a alone to a clone of doc: *out, or NULL when it does not apply. */
static int apply_alone(accord_doc **out, const accord_doc *doc, const accord_amendment *a, accord_error *err)
{
	accord_amendment_list *one = NULL;
	accord_error local;
	int rc;
	*out = NULL;
	accord_error_clear(&local);
	if (accord_amendments_new(&one) != ACCORD_OK || accord_amendments_add(one, a) != ACCORD_OK) {
		accord_amendments_free(one);
		return store_nomem(err);
	}
	rc = accord_doc_clone(out, doc);
	if (rc == ACCORD_OK && (rc = accord_amendments_apply(*out, one, &local)) != ACCORD_OK) {
		accord_doc_free(*out);
		*out = NULL;
		/* only a change that does not fit is "not applying"; anything else is a failure */
		if (rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND)
			rc = ACCORD_OK;
		else if (err != NULL)
			*err = local;
	} else if (rc != ACCORD_OK) {
		rc = store_nomem(err);
	}
	accord_amendments_free(one);
	return rc;
}

/* Whether a new paragraph of the contribution is in the latest text already (adopted since, under another id). */
static int add_adopted(const carry_ctx *c, const accord_amendment *a)
{
	const accord_para *p = NULL;
	while ((p = accord_doc_next_para(c->latest, p)) != NULL)
		if (accord_doc_find_para(c->old, accord_para_id(p)) == NULL && str_same(accord_para_text(p), a->text))
			return 1;
	return 0;
}

/* The verdict on change i (positions of new paragraphs are settled later). */
static int judge(unsigned char *verdict, carry_ctx *c, const accord_amendment *a, accord_error *err)
{
	const accord_para *before, *now;
	const accord_section *sec_before, *sec_now;
	accord_doc *mine = NULL;
	int rc = ACCORD_OK;

	*verdict = CARRY_KEEP;
	switch (a->op) {
	case ACCORD_OP_ADD:
		*verdict = add_adopted(c, a) ? CARRY_ADOPTED : CARRY_KEEP;
		break;
	case ACCORD_OP_ADD_SECTION:
		break;
	case ACCORD_OP_SUP:
		before = accord_doc_find_para(c->old, a->target);
		now = accord_doc_find_para(c->latest, a->target);
		*verdict = now == NULL ? CARRY_ADOPTED : before != NULL && para_same(before, now) ? CARRY_KEEP : CARRY_UNDOES;
		break;
	case ACCORD_OP_SUP_SECTION:
		sec_before = accord_doc_find_section(c->old, a->target);
		sec_now = accord_doc_find_section(c->latest, a->target);
		*verdict = sec_now == NULL ? CARRY_ADOPTED
			: sec_before != NULL && section_same(sec_before, sec_now) ? CARRY_KEEP : CARRY_UNDOES;
		break;
	case ACCORD_OP_HEADING:
		sec_now = accord_doc_find_section(c->latest, a->target);
		*verdict = sec_now == NULL ? CARRY_UNDOES
			: str_same(accord_section_heading(sec_now), a->heading) ? CARRY_ADOPTED
			: str_same(accord_section_heading(sec_now), a->heading_from) ? CARRY_KEEP : CARRY_UNDOES;
		break;
	case ACCORD_OP_META:
		rc = apply_alone(&mine, c->latest, a, err);
		if (rc == ACCORD_OK)
			*verdict = mine == NULL ? CARRY_UNDOES : accord_doc_equal(mine, c->latest) ? CARRY_ADOPTED
				: meta_unchanged(c, a) ? CARRY_KEEP : CARRY_UNDOES;
		break;
	case ACCORD_OP_FOOTNOTE: {
		const accord_footnote *fn = a->footnote != NULL ? accord_doc_find_footnote(c->latest, a->footnote) : NULL;
		const char *text = fn != NULL ? accord_footnote_text(fn) : NULL;
		*verdict = str_same(text, a->value_to) ? CARRY_ADOPTED : str_same(text, a->value_from) ? CARRY_KEEP : CARRY_UNDOES;
		break;
	}
	case ACCORD_OP_MOD:
	case ACCORD_OP_MOVE:
	case ACCORD_OP_MOVE_SECTION:
		if (a->op == ACCORD_OP_MOVE_SECTION) {
			*verdict = accord_doc_find_section(c->latest, a->target) == NULL ? CARRY_UNDOES : CARRY_KEEP;
			break;
		}
		/* the paragraph was deleted since: amending it would bring it back */
		if ((now = accord_doc_find_para(c->latest, a->target)) == NULL) {
			*verdict = CARRY_UNDOES;
			break;
		}
		rc = apply_alone(&mine, c->old, a, err);
		if (rc != ACCORD_OK)
			break;
		before = mine != NULL ? accord_doc_find_para(mine, a->target) : NULL;
		if (a->op == ACCORD_OP_MOD && before != NULL && str_same(accord_para_text(before), accord_para_text(now)) &&
		    str_same(accord_para_label(before), accord_para_label(now)))
			*verdict = CARRY_ADOPTED;
		else
			*verdict = CARRY_REANCHOR;
		break;
	}
	accord_doc_free(mine);
	return rc;
}

/*
** A new paragraph placed after one deleted since goes after the nearest
** earlier sibling (in the revision it was written on) that is still
** there, or first. Returns the id (borrowed) or NULL (first).
*/
static const char *settle_after(const carry_ctx *c, const char *after)
{
	const accord_para *p = accord_doc_find_para(c->old, after);
	const accord_section *sec;
	size_t i;
	if (p != NULL) {
		const accord_para *parent = accord_para_parent(p);
		for (i = accord_para_index(p); i-- > 0;) {
			const accord_para *q = parent != NULL ? accord_para_child(parent, i)
				: accord_section_para(accord_para_section(p), i);
			if (accord_doc_find_para(c->latest, accord_para_id(q)) != NULL)
				return accord_para_id(q);
		}
		return NULL;
	}
	sec = accord_doc_find_section(c->old, after);
	if (sec != NULL)
		for (i = accord_section_index(sec); i-- > 0;) {
			const char *id = accord_section_id(accord_doc_section(c->old, i));
			if (accord_doc_find_section(c->latest, id) != NULL)
				return id;
		}
	return NULL;
}

/* Records change a as left out. */
static int note_left_out(accord_submit_result *r, const accord_amendment *a, int adopted)
{
	accord_submit_left_out *grown;
	size_t n = r->n_adopted + r->n_undoing;
	const char *t = store_amendment_target(a);
	grown = accord_realloc(r->left_out, (n + 1) * sizeof *grown);
	if (grown == NULL)
		return ACCORD_ENOMEM;
	r->left_out = grown;
	grown[n].op = accord_op_name(a->op);
	grown[n].adopted = adopted;
	grown[n].target = t != NULL ? accord_strdup(t) : NULL;
	if (t != NULL && grown[n].target == NULL)
		return ACCORD_ENOMEM;
	if (adopted)
		r->n_adopted++;
	else
		r->n_undoing++;
	return ACCORD_OK;
}

/* Adds change a, re-anchored on the latest text, to out; *gone 1 when it no longer applies. */
static int add_reanchored(accord_amendment_list *out, int *gone, carry_ctx *c, const accord_amendment *a,
	accord_error *err)
{
	accord_amendment_list *one = NULL, *fresh = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	char *moved = NULL, *target = NULL;
	int rc;
	*gone = 0;
	if (accord_amendments_new(&one) != ACCORD_OK || accord_amendments_add(one, a) != ACCORD_OK)
		rc = store_nomem(err);
	else
		rc = accord_amendments_render_json(&json, one, err);
	if (rc == ACCORD_OK)
		rc = store_reanchor_one(&moved, &target, gone, c->s, c->latest, a->id, json.ptr, c->prefix, err);
	if (rc == ACCORD_OK && !*gone) {
		if (moved == NULL) {
			rc = accord_amendments_add(out, a) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
		} else {
			rc = accord_amendments_parse_json(&fresh, moved, strlen(moved), a->id, err);
			if (rc == ACCORD_OK && accord_amendments_count(fresh) == 1)
				rc = accord_amendments_add(out, accord_amendments_get(fresh, 0)) == ACCORD_OK ? ACCORD_OK
					: store_nomem(err);
		}
	}
	accord_amendments_free(one);
	accord_amendments_free(fresh);
	accord_buf_dispose(&json);
	accord_free(moved);
	accord_free(target);
	return rc;
}

static int carry_forward(accord_amendment_list **out, accord_submit_result *r, carry_ctx *c, const char *name,
	accord_error *err)
{
	accord_amendment_list *kept = NULL;
	accord_doc *check = NULL;
	accord_error local;
	size_t i, n = accord_amendments_count(c->raw);
	int rc = ACCORD_OK, changed;

	*out = NULL;
	accord_error_clear(&local);
	for (i = 0; rc == ACCORD_OK && i < n; i++)
		rc = judge(&c->fate[i], c, accord_amendments_get(c->raw, i), err);
	/* a new paragraph whose place is gone (its section or parent deleted, or left out itself) goes too */
	do {
		changed = 0;
		for (i = 0; rc == ACCORD_OK && i < n; i++) {
			const accord_amendment *a = accord_amendments_get(c->raw, i);
			if ((a->op != ACCORD_OP_ADD && a->op != ACCORD_OP_MOVE && a->op != ACCORD_OP_ADD_SECTION) ||
			    c->fate[i] == CARRY_ADOPTED || c->fate[i] == CARRY_UNDOES)
				continue;
			if (a->op != ACCORD_OP_ADD_SECTION &&
			    (!place_there(c, a->position.section) || !place_there(c, a->position.parent))) {
				c->fate[i] = CARRY_UNDOES;
				changed = 1;
			}
		}
	} while (changed);
	if (rc == ACCORD_OK)
		rc = accord_amendments_new(&kept) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc == ACCORD_OK)
		rc = accord_amendments_set_origin(kept, accord_amendments_party(c->raw), accord_amendments_base_name(c->raw),
			accord_amendments_contribution_name(c->raw)) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		accord_amendment a = *accord_amendments_get(c->raw, i);
		int gone = 0;
		if (c->fate[i] == CARRY_ADOPTED || c->fate[i] == CARRY_UNDOES) {
			rc = note_left_out(r, &a, c->fate[i] == CARRY_ADOPTED) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
			continue;
		}
		if (a.op == ACCORD_OP_ADD || a.op == ACCORD_OP_ADD_SECTION || a.op == ACCORD_OP_MOVE ||
		    a.op == ACCORD_OP_MOVE_SECTION) {
			long j;
			size_t guard = 0;
			/* after a new one left out: where that one would have gone */
			while (!place_there(c, a.position.after) && (j = local_index(c, a.position.after)) >= 0 && guard++ < n)
				a.position.after = accord_amendments_get(c->raw, (size_t)j)->position.after;
			if (!place_there(c, a.position.after))
				a.position.after = settle_after(c, a.position.after);
		}
		/* placed by ids, which do not move: kept as written (it may lean on another new one) */
		if (c->fate[i] == CARRY_KEEP || local_index(c, a.position.parent) >= 0 || local_index(c, a.position.after) >= 0 ||
		    local_index(c, a.position.section) >= 0) {
			rc = accord_amendments_add(kept, &a) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
			continue;
		}
		rc = add_reanchored(kept, &gone, c, &a, err);
		if (rc == ACCORD_OK && gone)
			rc = note_left_out(r, &a, 0) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	}
	/* all of them together on the latest text, as a revision would apply them */
	if (rc == ACCORD_OK)
		rc = accord_doc_clone(&check, c->latest) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc == ACCORD_OK && (rc = accord_amendments_apply(check, kept, &local)) != ACCORD_OK) {
		if (rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND)
			rc = accord_error_set(err, ACCORD_ECONFLICT,
				"%s: written on Rev.%u, its changes cannot be carried forward onto Rev.%u (%s): redraft it on Rev.%u",
				name, r->written_on, r->latest, local.message, r->latest);
		else if (err != NULL)
			*err = local;
	}
	accord_doc_free(check);
	if (rc != ACCORD_OK) {
		accord_amendments_free(kept);
		return rc;
	}
	r->carried = accord_amendments_count(kept);
	*out = kept;
	return ACCORD_OK;
}

/* The warning line: "written on Rev.0, carried forward onto Rev.2 (...)". */
static int make_warning(accord_submit_result *r)
{
	accord_buf b = ACCORD_BUF_INIT;
	size_t i, shown = 0;
	int rc = accord_buf_printf(&b, "written on Rev.%u, carried forward onto Rev.%u", r->written_on, r->latest);
	if (r->n_adopted > 0 || r->n_undoing > 0) {
		rc |= accord_buf_puts(&b, " (");
		if (r->n_adopted > 0)
			rc |= accord_buf_printf(&b, "%zu change%s already adopted", r->n_adopted, r->n_adopted == 1 ? "" : "s");
		if (r->n_undoing > 0) {
			rc |= accord_buf_printf(&b, "%s%zu change%s that would undo text adopted since Rev.%u [",
				r->n_adopted > 0 ? ", " : "", r->n_undoing, r->n_undoing == 1 ? "" : "s", r->written_on);
			for (i = 0; i < r->n_adopted + r->n_undoing; i++) {
				if (r->left_out[i].adopted)
					continue;
				rc |= accord_buf_printf(&b, "%s%s %s", shown++ > 0 ? ", " : "", r->left_out[i].op,
					r->left_out[i].target != NULL ? r->left_out[i].target : "-");
			}
			rc |= accord_buf_putc(&b, ']');
		}
		rc |= accord_buf_puts(&b, " left out)");
	}
	if (rc != ACCORD_OK || (r->warning = accord_buf_detach(&b)) == NULL) {
		accord_buf_dispose(&b);
		return ACCORD_ENOMEM;
	}
	return ACCORD_OK;
}

int store_submit_changes(accord_amendment_list **out, accord_submit_result *r, accord_session *s, unsigned latest,
	const accord_doc *latest_doc, const accord_doc *contribution, const accord_doc *marked_on, const char *party,
	int rev, const char *name, accord_error *err)
{
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *raw = NULL;
	accord_doc *old = NULL;
	accord_buf prefix = ACCORD_BUF_INIT;
	carry_ctx c;
	int rc;

	*out = NULL;
	memset(r, 0, sizeof *r);
	r->latest = latest;
	r->written_on = latest;
	if (rev > (int)latest)
		return accord_error_set(err, ACCORD_ENOTFOUND, "%s: there is no Rev.%d in this session (the latest is Rev.%u)",
			name, rev, latest);
	if (rev >= 0) {
		r->written_on = (unsigned)rev;
	} else if (latest > 0) {
		r->detected = 1;
		if ((rc = detect_revision(&r->written_on, s, latest, marked_on != NULL ? marked_on : contribution, err)) !=
		    ACCORD_OK)
			return rc;
	}
	if (r->written_on == latest) {
		dopts.party = party;
		return accord_doc_diff(out, latest_doc, contribution, &dopts, err);
	}
	/*
	** Against an older text: new paragraphs get ids that cannot be those of
	** paragraphs adopted since ("USA/5" may be in the latest text).
	*/
	if (accord_buf_printf(&prefix, "%s~new", party) != ACCORD_OK)
		return store_nomem(err);
	dopts.party = prefix.ptr;
	rc = store_rev_doc(&old, s, r->written_on, err);
	if (rc == ACCORD_OK)
		rc = accord_doc_diff(&raw, old, contribution, &dopts, err);
	memset(&c, 0, sizeof c);
	if (rc == ACCORD_OK && accord_amendments_count(raw) > 0) {
		c.s = s;
		c.old = old;
		c.latest = latest_doc;
		c.raw = raw;
		c.prefix = prefix.ptr;
		c.fate = accord_calloc(accord_amendments_count(raw), 1);
		rc = c.fate != NULL ? carry_forward(out, r, &c, name, err) : store_nomem(err);
	} else if (rc == ACCORD_OK) {
		rc = accord_amendments_new(out) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	}
	if (rc == ACCORD_OK && make_warning(r) != ACCORD_OK)
		rc = store_nomem(err);
	if (rc != ACCORD_OK) {
		accord_amendments_free(*out);
		*out = NULL;
		accord_submit_result_dispose(r);
	}
	accord_free(c.fate);
	accord_amendments_free(raw);
	accord_doc_free(old);
	accord_buf_dispose(&prefix);
	return rc;
}

int store_submit_payload(accord_buf *payload, const accord_submit_result *r)
{
	size_t i;
	int rc;
	if (r->written_on == r->latest)
		return ACCORD_OK;
	rc = accord_buf_printf(payload, ",\"written_on\":%u,\"left_out\":[", r->written_on);
	for (i = 0; i < r->n_adopted + r->n_undoing; i++) {
		rc |= accord_buf_puts(payload, i > 0 ? ",{\"op\":" : "{\"op\":");
		rc |= store_json_str(payload, r->left_out[i].op);
		rc |= accord_buf_puts(payload, ",\"target\":");
		rc |= store_json_str(payload, r->left_out[i].target);
		rc |= accord_buf_puts(payload, r->left_out[i].adopted ? ",\"why\":\"adopted\"}" : ",\"why\":\"undoes\"}");
	}
	rc |= accord_buf_putc(payload, ']');
	return rc != ACCORD_OK ? ACCORD_ENOMEM : ACCORD_OK;
}
