/*
** store_revise.c: issuing Rev.N+1: the agreed amendments applied, the
** open ones carried over and re-anchored on the new text.
*/
#include <stdio.h>
#include <string.h>

#include "accord/amend.h"
#include "accord/consolidate.h"
#include "accord/format.h"
#include "session/store_brackets.h"
#include "session/store_int.h"

/* ---- revise ----------------------------------------------------------------------------------- */

typedef struct open_row {
	char *id;
	char *json;
	char *proposer;
} open_row;

static void rows_free(open_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		accord_free(rows[i].id);
		accord_free(rows[i].json);
		accord_free(rows[i].proposer);
	}
	accord_free(rows);
}

static int list_rows(open_row **out, size_t *count, accord_session *s, const char *where, accord_error *err)
{
	char sql[256];
	sqlite3_stmt *stmt = NULL;
	open_row *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	*out = NULL;
	*count = 0;
	snprintf(sql, sizeof sql, "SELECT id, json, proposer FROM amendments WHERE %s ORDER BY seq", where);
	rc = sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		open_row *grown = store_grow(rows, &cap, n, sizeof *rows, 16);
		if (grown == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		rows = grown;
		rows[n].id = store_column_dup(stmt, 0);
		rows[n].json = store_column_dup(stmt, 1);
		rows[n].proposer = store_column_dup(stmt, 2);
		n++;
		if (rows[n - 1].id == NULL || rows[n - 1].json == NULL || rows[n - 1].proposer == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	rc = store_rows_done(s, stmt, rc, err);
	if (rc != ACCORD_OK) {
		rows_free(rows, n);
		return rc;
	}
	*out = rows;
	*count = n;
	return ACCORD_OK;
}

/* Appends every amendment stored in rows to list (in order). */
static int rows_to_list(accord_amendment_list *list, const open_row *rows, size_t n, accord_error *err)
{
	size_t i;
	for (i = 0; i < n; i++) {
		accord_amendment_list *one = NULL;
		int rc = accord_amendments_parse_json(&one, rows[i].json, strlen(rows[i].json), rows[i].id, err);
		if (rc == ACCORD_OK && accord_amendments_count(one) != 1)
			rc = accord_error_set(err, ACCORD_ECORRUPT, "amendment '%s' is not stored as one amendment", rows[i].id);
		if (rc == ACCORD_OK) {
			rc = accord_amendments_add(list, accord_amendments_get(one, 0));
			if (rc != ACCORD_OK)
				accord_error_set(err, rc, "cannot collect amendment '%s'", rows[i].id);
		}
		accord_amendments_free(one);
		if (rc != ACCORD_OK)
			return rc;
	}
	return ACCORD_OK;
}

/* ---- positions relative to new paragraphs that will not be there ---------------- */

/*
** A new paragraph may be placed relative to another new paragraph: USA/6
** is the first sub-item of USA/5, USA/7 follows USA/6. When the one it
** leans on is not in the text (not agreed, withdrawn, lapsed), it takes
** that paragraph's place: a child of a missing paragraph goes where the
** parent would have gone; a paragraph after a missing one goes after
** what that one followed.
*/
typedef struct settle_state {
	accord_amendment_list **loaded; /* lists loaded from the store, kept until the copy is made */
	size_t n_loaded, cap_loaded;
} settle_state;

static void settle_dispose(settle_state *st)
{
	size_t i;
	for (i = 0; i < st->n_loaded; i++)
		accord_amendments_free(st->loaded[i]);
	accord_free(st->loaded);
	memset(st, 0, sizeof *st);
}

/* The stored amendment `id` (any state), or NULL when there is none. */
static int load_stored(const accord_amendment **out, settle_state *st, accord_session *s, const char *id,
	accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	accord_amendment_list *list = NULL, **grown;
	int rc;
	*out = NULL;
	rc = sqlite3_prepare_v2(s->conn.db, "SELECT json FROM amendments WHERE id = ?1", -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		rc = accord_amendments_parse_json(&list, (const char *)sqlite3_column_text(stmt, 0),
			(size_t)sqlite3_column_bytes(stmt, 0), id, err);
	} else {
		rc = rc == SQLITE_DONE ? ACCORD_OK : store_step_error(s, rc, err);
	}
	sqlite3_finalize(stmt);
	if (rc != ACCORD_OK || list == NULL)
		return rc;
	grown = store_grow(st->loaded, &st->cap_loaded, st->n_loaded, sizeof *grown, 8);
	if (grown == NULL) {
		accord_amendments_free(list);
		return store_nomem(err);
	}
	st->loaded = grown;
	st->loaded[st->n_loaded++] = list;
	if (accord_amendments_count(list) == 1)
		*out = accord_amendments_get(list, 0);
	return ACCORD_OK;
}

/* Whether id will be in the text when amendment i of list is applied to doc. */
static int will_exist(const accord_doc *doc, const accord_amendment_list *list, size_t i, const char *id)
{
	size_t j;
	if (accord_doc_find_para(doc, id) != NULL || accord_doc_find_section(doc, id) != NULL)
		return 1;
	for (j = 0; j < i; j++) {
		const accord_amendment *b = accord_amendments_get(list, j);
		if ((b->op == ACCORD_OP_ADD || b->op == ACCORD_OP_ADD_SECTION) && strcmp(b->id, id) == 0)
			return 1;
	}
	return 0;
}

static int places(accord_op op)
{
	return op == ACCORD_OP_ADD || op == ACCORD_OP_MOVE || op == ACCORD_OP_ADD_SECTION || op == ACCORD_OP_MOVE_SECTION;
}

/* ---- a new paragraph where its proposer put it ----------------------------------------- */

/*
** A paragraph placed after (or under) one that will not be in the text is
** placed as its proposer saw it. The proposer's text is rebuilt: the
** revision the amendment was written on, with the new and moved paragraphs
** of the same contribution and those its place leans on. There, the
** paragraph goes under the nearest of its parents that will be in the
** text, after the nearest paragraph before it that will be (or the one of
** that paragraph's parents that is its sibling); with none, first. So a
** new paragraph proposed after the proposer's own new d), with d) not
** agreed, follows what came before it in the proposer's text, not what
** d) was placed after.
*/

/* Where paragraph id will be in the new text (0: nowhere): its section and parent ids. */
static int new_place(const char **section, const char **parent, const accord_doc *doc,
	const accord_amendment_list *copy, size_t i, const char *id)
{
	const accord_para *p = accord_doc_find_para(doc, id);
	size_t j;
	if (p != NULL) {
		*section = accord_section_id(accord_para_section(p));
		*parent = accord_para_parent(p) != NULL ? accord_para_id(accord_para_parent(p)) : NULL;
		return 1;
	}
	for (j = 0; j < i; j++) {
		const accord_amendment *b = accord_amendments_get(copy, j);
		if (b->op == ACCORD_OP_ADD && strcmp(b->id, id) == 0) {
			*section = b->position.section;
			*parent = b->position.parent;
			return 1;
		}
	}
	return 0;
}

static int str_same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Appends a copy of a without its text edits (the proposer's text needs only the places). */
static int add_place_only(accord_amendment_list *set, const accord_amendment *a)
{
	accord_amendment b = *a;
	if (accord_amendments_find(set, a->id) != NULL)
		return ACCORD_OK;
	b.edits = NULL;
	b.n_edits = 0;
	b.label_changed = 0;
	return accord_amendments_add(set, &b);
}

/* Adds the stored ADD and MOVE amendments stmt returns (column 0: their JSON) to set. */
static int add_stored(accord_amendment_list *set, accord_session *s, sqlite3_stmt *stmt, accord_error *err)
{
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		accord_amendment_list *one = NULL;
		int got = accord_amendments_parse_json(&one, (const char *)sqlite3_column_text(stmt, 0),
			(size_t)sqlite3_column_bytes(stmt, 0), "amendment", err);
		if (got == ACCORD_OK && accord_amendments_count(one) == 1)
			got = add_place_only(set, accord_amendments_get(one, 0));
		accord_amendments_free(one);
		if (got != ACCORD_OK) {
			sqlite3_finalize(stmt);
			return got == ACCORD_ENOMEM ? store_nomem(err) : got;
		}
	}
	return store_rows_done(s, stmt, rc, err);
}

/*
** *out: the proposer's text around amendment id (NULL when it cannot be
** rebuilt: the amendment is not stored, or its places do not apply).
*/
static int proposer_text(accord_doc **out, accord_session *s, const char *id, accord_error *err)
{
	static const char *const q_row = "SELECT revision, contribution FROM amendments WHERE id = ?1";
	static const char *const q_same =
		"SELECT json FROM amendments WHERE op IN ('ADD', 'MOVE') AND revision = ?1 "
		"AND (id = ?2 OR contribution = ?3) ORDER BY seq";
	static const char *const q_one = "SELECT json FROM amendments WHERE op IN ('ADD', 'MOVE') AND id = ?1";
	accord_amendment_list *set = NULL;
	accord_doc *doc = NULL;
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 rev = 0;
	int has_contribution = 0, rc;
	sqlite3_int64 contribution = 0;
	size_t k, n, pass;
	char *applied = NULL;

	*out = NULL;
	rc = sqlite3_prepare_v2(s->conn.db, q_row, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		rev = sqlite3_column_int64(stmt, 0);
		has_contribution = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
		contribution = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? ACCORD_OK : store_step_error(s, rc, err);
	rc = store_rev_doc(&doc, s, (unsigned)rev, err);
	if (rc == ACCORD_OK)
		rc = accord_amendments_new(&set) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc != ACCORD_OK)
		goto cleanup;
	/* the contribution's new and moved paragraphs (a hand proposal: itself) */
	if ((rc = sqlite3_prepare_v2(s->conn.db, q_same, -1, &stmt, NULL)) != SQLITE_OK) {
		rc = store_step_error(s, rc, err);
		goto cleanup;
	}
	sqlite3_bind_int64(stmt, 1, rev);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	if (has_contribution)
		sqlite3_bind_int64(stmt, 3, contribution);
	if ((rc = add_stored(set, s, stmt, err)) != ACCORD_OK)
		goto cleanup;
	/* and those their places lean on */
	for (k = 0; k < accord_amendments_count(set) && k < 1024; k++) {
		const accord_amendment *a = accord_amendments_get(set, k);
		const char *leans[2];
		size_t m;
		leans[0] = a->position.parent;
		leans[1] = a->position.after;
		for (m = 0; m < 2; m++) {
			if (leans[m] == NULL || accord_doc_find_para(doc, leans[m]) != NULL ||
			    accord_amendments_find(set, leans[m]) != NULL)
				continue;
			if ((rc = sqlite3_prepare_v2(s->conn.db, q_one, -1, &stmt, NULL)) != SQLITE_OK) {
				rc = store_step_error(s, rc, err);
				goto cleanup;
			}
			sqlite3_bind_text(stmt, 1, leans[m], -1, SQLITE_STATIC);
			if ((rc = add_stored(set, s, stmt, err)) != ACCORD_OK)
				goto cleanup;
			a = accord_amendments_get(set, k); /* the list may have grown */
		}
	}
	/* applied one at a time, again while any applies: each may lean on another */
	n = accord_amendments_count(set);
	if ((applied = accord_calloc(n + 1, 1)) == NULL) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (pass = 0; pass < n; pass++) {
		int progress = 0;
		for (k = 0; k < n; k++) {
			accord_amendment_list *one = NULL;
			accord_error ignored;
			if (applied[k])
				continue;
			if (accord_amendments_new(&one) != ACCORD_OK || accord_amendments_add(one, accord_amendments_get(set, k)) != ACCORD_OK) {
				accord_amendments_free(one);
				rc = store_nomem(err);
				goto cleanup;
			}
			if (accord_amendments_apply(doc, one, &ignored) == ACCORD_OK)
				applied[k] = progress = 1;
			accord_amendments_free(one);
		}
		if (!progress)
			break;
	}
	*out = doc;
	doc = NULL;
cleanup:
	accord_free(applied);
	accord_amendments_free(set);
	accord_doc_free(doc);
	return rc;
}

/* The paragraph before p in document order, in its section (NULL: p is the first). */
static accord_para *para_before(const accord_para *p)
{
	accord_para *parent = accord_para_parent(p), *q;
	size_t i = accord_para_index(p);
	if (i == 0 || i == (size_t)-1)
		return parent;
	q = parent != NULL ? accord_para_child(parent, i - 1) : accord_section_para(accord_para_section(p), i - 1);
	while (q != NULL && accord_para_child_count(q) > 0)
		q = accord_para_child(q, accord_para_child_count(q) - 1);
	return q;
}

/*
** Sets a's place from the proposer's text seen (its strings borrowed from
** seen, doc and copy); *placed 0 when a is not found there.
*/
static void place_as_seen(accord_amendment *a, int *placed, const accord_doc *seen, const accord_doc *doc,
	const accord_amendment_list *copy, size_t i)
{
	const accord_para *x = accord_doc_find_para(seen, a->op == ACCORD_OP_ADD ? a->id : a->target), *t = NULL, *c;
	const char *section, *parent, *node, *sec, *par;
	int guard;

	*placed = 0;
	if (x == NULL)
		return;
	for (c = accord_para_parent(x); c != NULL && t == NULL; c = accord_para_parent(c))
		if (will_exist(doc, copy, i, accord_para_id(c)))
			t = c;
	section = accord_section_id(accord_para_section(x));
	parent = t != NULL ? accord_para_id(t) : NULL;
	if (t != NULL ? !new_place(&section, &par, doc, copy, i, parent) : !will_exist(doc, copy, i, section))
		return;
	a->position.section = section;
	a->position.parent = parent;
	a->position.after = NULL;
	*placed = 1;
	for (c = para_before(x); c != NULL && c != t; c = para_before(c)) {
		if (!will_exist(doc, copy, i, accord_para_id(c)))
			continue;
		/* c, or the one of its parents in the new text that is a's sibling */
		for (node = accord_para_id(c), guard = 0; node != NULL && guard < 64; node = par, guard++) {
			if (!new_place(&sec, &par, doc, copy, i, node))
				break;
			if (strcmp(sec, section) == 0 && str_same(par, parent)) {
				a->position.after = node;
				return;
			}
		}
	}
}

/* Whether a's place leans only on what will be in the text. */
static int anchored(const accord_amendment *a, const accord_doc *doc, const accord_amendment_list *copy, size_t i)
{
	return (a->position.parent == NULL || will_exist(doc, copy, i, a->position.parent)) &&
	       (a->position.after == NULL || will_exist(doc, copy, i, a->position.after));
}

/* *out: a copy of in whose positions lean only on what will be in the text. */
static int settle_positions(accord_amendment_list **out, accord_session *s, const accord_doc *doc,
	const accord_amendment_list *in, accord_error *err)
{
	settle_state st = {NULL, 0, 0};
	accord_amendment_list *copy = NULL;
	size_t i, n = accord_amendments_count(in);
	int rc = accord_amendments_new(&copy);

	*out = NULL;
	if (rc != ACCORD_OK)
		return store_nomem(err);
	rc = accord_amendments_set_origin(copy, accord_amendments_party(in), accord_amendments_base_name(in),
		accord_amendments_contribution_name(in));
	for (i = 0; rc == ACCORD_OK && i < n; i++) {
		accord_amendment a = *accord_amendments_get(in, i);
		const accord_amendment *missing;
		accord_doc *seen = NULL;
		int guard, placed = 0;
		if ((a.op == ACCORD_OP_ADD || a.op == ACCORD_OP_MOVE) && !anchored(&a, doc, copy, i)) {
			rc = proposer_text(&seen, s, a.id, err);
			if (rc == ACCORD_OK && seen != NULL)
				place_as_seen(&a, &placed, seen, doc, copy, i);
			if (!placed)
				a = *accord_amendments_get(in, i);
		}
		/* not placed by the proposer's text: each missing one's own place is taken */
		for (guard = 0; rc == ACCORD_OK && places(a.op) && guard < 64; guard++) {
			if (a.position.parent != NULL && !will_exist(doc, copy, i, a.position.parent)) {
				rc = load_stored(&missing, &st, s, a.position.parent, err);
				if (rc != ACCORD_OK || missing == NULL || !places(missing->op))
					break;
				a.position.section = missing->position.section;
				a.position.parent = missing->position.parent;
				if (a.position.after == NULL)
					a.position.after = missing->position.after;
			} else if (a.position.after != NULL && !will_exist(doc, copy, i, a.position.after)) {
				rc = load_stored(&missing, &st, s, a.position.after, err);
				if (rc != ACCORD_OK || missing == NULL || !places(missing->op))
					break;
				a.position.after = missing->position.after;
			} else {
				break;
			}
		}
		if (rc == ACCORD_OK && accord_amendments_add(copy, &a) != ACCORD_OK)
			rc = accord_error_set(err, ACCORD_ENOMEM, "cannot copy amendment %s", a.id);
		accord_doc_free(seen);
	}
	settle_dispose(&st);
	if (rc != ACCORD_OK) {
		accord_amendments_free(copy);
		return rc;
	}
	*out = copy;
	return ACCORD_OK;
}

/*
** Re-anchors one open amendment on the new text: applies it alone to a
** clone of next, and diffs next against that. One amendment comes back
** (with the old id, proposers and source): *json gets it. None or several:
** the old form is kept (*json NULL, *lapsed 0). It no longer applies:
** *lapsed 1.
*/
static int reanchor(char **json, char **target, int *lapsed, accord_session *s, const accord_doc *next,
	const open_row *row, accord_error *err)
{
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *old = NULL, *fresh = NULL, *settled = NULL;
	accord_doc *amended = NULL;
	accord_error local;
	accord_buf out = ACCORD_BUF_INIT;
	int rc;

	*json = NULL;
	*target = NULL;
	*lapsed = 0;
	accord_error_clear(&local);
	rc = accord_amendments_parse_json(&old, row->json, strlen(row->json), row->id, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = settle_positions(&settled, s, next, old, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_doc_clone(&amended, next);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_amendments_apply(amended, settled, &local);
	if (rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND) {
		*lapsed = 1;
		rc = ACCORD_OK;
		goto cleanup;
	}
	if (rc != ACCORD_OK) {
		if (err != NULL)
			*err = local;
		goto cleanup;
	}
	/*
	** A new paragraph is placed by ids, which do not move: it is kept as it
	** was (it may lean on another open one). Edits are anchored on token
	** offsets: they are taken again from the new text.
	*/
	if (accord_amendments_get(old, 0)->op == ACCORD_OP_ADD || accord_amendments_get(old, 0)->op == ACCORD_OP_ADD_SECTION)
		goto cleanup;
	dopts.party = row->proposer;
	rc = accord_doc_diff(&fresh, next, amended, &dopts, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (accord_amendments_count(fresh) == 0) {
		/* What it asks for is in the text already: nothing left to decide. */
		*lapsed = 1;
	} else if (accord_amendments_count(fresh) == 1) {
		const accord_amendment *was = accord_amendments_get(old, 0);
		accord_amendment a = *accord_amendments_get(fresh, 0);
		a.id = was->id;
		a.proposers = was->proposers;
		a.n_proposers = was->n_proposers;
		a.source_file = was->source_file;
		a.source_line = was->source_line;
		rc = store_render_one(&out, &a, err);
		if (rc == ACCORD_OK) {
			const char *t = store_amendment_target(&a);
			*target = t != NULL ? accord_strdup(t) : NULL;
			*json = accord_buf_detach(&out);
			if (*json == NULL || (t != NULL && *target == NULL)) {
				accord_free(*json);
				*json = NULL;
				accord_free(*target);
				*target = NULL;
				rc = store_nomem(err);
			}
		}
	}
cleanup:
	accord_buf_dispose(&out);
	accord_amendments_free(settled);
	accord_amendments_free(old);
	accord_amendments_free(fresh);
	accord_doc_free(amended);
	return rc;
}

int store_agreed_conflict(int *conflict, char **why, accord_session *s, accord_error *err)
{
	accord_amendment_list *agreed = NULL, *settled = NULL;
	accord_doc *doc = NULL;
	open_row *rows = NULL;
	accord_error local;
	size_t n = 0;
	unsigned rev;
	int rc;

	*conflict = 0;
	if (why != NULL)
		*why = NULL;
	accord_error_clear(&local);
	rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&doc, s, rev, err);
	if (rc == ACCORD_OK)
		rc = list_rows(&rows, &n, s, "state = 'agreed' AND incorporated IS NULL AND event <> 1", err);
	if (rc == ACCORD_OK)
		rc = accord_amendments_new(&agreed) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc == ACCORD_OK)
		rc = rows_to_list(agreed, rows, n, err);
	if (rc == ACCORD_OK)
		rc = settle_positions(&settled, s, doc, agreed, err);
	if (rc == ACCORD_OK) {
		rc = accord_amendments_apply(doc, settled, &local);
		if (rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND) {
			*conflict = 1;
			if (why != NULL && (*why = accord_strdup(local.message)) == NULL)
				rc = store_nomem(err);
			else
				rc = ACCORD_OK;
		} else if (rc != ACCORD_OK && err != NULL) {
			*err = local;
		}
	}
	rows_free(rows, n);
	accord_amendments_free(agreed);
	accord_amendments_free(settled);
	accord_doc_free(doc);
	return rc;
}

/*
** The labels of the new text: those of the paragraphs the agreed amendments
** added or moved must not repeat their list's; the list renumbered when
** the pack renumbers at each revision.
*/
static int relabel(accord_doc *doc, const accord_amendment_list *applied, const accord_revise_options *opts,
	accord_error *err)
{
	size_t i, n = accord_amendments_count(applied), k = 0;
	const char **ids = accord_calloc(n + 1, sizeof *ids);
	int v2 = opts != NULL && opts->version >= 2, rc;
	if (ids == NULL)
		return store_nomem(err);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(applied, i);
		if (a->op == ACCORD_OP_ADD)
			ids[k++] = a->id;
		else if (a->op == ACCORD_OP_MOVE)
			ids[k++] = a->target;
	}
	rc = accord_doc_label_placed(doc, ids, k, v2 ? opts->brackets : NULL, err);
	if (rc == ACCORD_OK && v2 && opts->renumber)
		rc = accord_doc_renumber(doc, err);
	accord_free(ids);
	return rc;
}

int accord_session_revise(unsigned *out_rev, accord_session *s, accord_error *err)
{
	accord_revise_result result;
	int rc = accord_session_revise_with(&result, s, NULL, err);
	if (out_rev != NULL)
		*out_rev = rc == ACCORD_OK ? result.rev : 0;
	return rc;
}

int accord_session_revise_with(accord_revise_result *out, accord_session *s, const accord_revise_options *opts,
	accord_error *err)
{
	accord_amendment_list *agreed = NULL, *settled = NULL;
	accord_doc *doc = NULL;
	accord_buf payload = ACCORD_BUF_INIT, docjson = ACCORD_BUF_INIT, carried = ACCORD_BUF_INIT,
		   lapsed = ACCORD_BUF_INIT;
	open_row *agreed_rows = NULL, *open_rows = NULL;
	size_t n_agreed = 0, n_open = 0, i, n_carried = 0, n_lapsed = 0;
	store_brackets_result bracketed;
	unsigned rev;
	int rc;

	memset(&bracketed, 0, sizeof bracketed);
	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_revise: NULL session");
	if (opts != NULL && opts->version != 1 && opts->version != ACCORD_REVISE_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_revise: unknown options version %u", opts->version);
	rc = store_begin(s, err);
	if (rc != ACCORD_OK)
		return rc;
	rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&doc, s, rev, err);
	if (rc == ACCORD_OK)
		rc = list_rows(&agreed_rows, &n_agreed, s, "state = 'agreed' AND incorporated IS NULL AND event <> 1", err);
	/* (the questions of a bracketed base, tabled by the init event, are store_brackets.c's) */
	if (rc == ACCORD_OK)
		rc = list_rows(&open_rows, &n_open, s, "state IN ('proposed', 'bracketed', 'agreed_ad_ref') AND event <> 1",
			err);
	if (rc == ACCORD_OK)
		rc = accord_amendments_new(&agreed) == ACCORD_OK ? ACCORD_OK : store_nomem(err);
	if (rc == ACCORD_OK)
		rc = rows_to_list(agreed, agreed_rows, n_agreed, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = settle_positions(&settled, s, doc, agreed, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_amendments_apply(doc, settled, err);
	if (rc != ACCORD_OK) {
		if (rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND) {
			char message[sizeof err->message];
			snprintf(message, sizeof message, "%s", err != NULL ? err->message : "");
			rc = accord_error_set(err, ACCORD_ECONFLICT,
				"cannot issue Rev.%u: the agreed amendments do not fit together (%s); supersede them with a "
				"compromise text",
				rev + 1, message);
		}
		goto cleanup;
	}
	rc = relabel(doc, settled, opts, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	/* a bracketed base: the questions decided lose their brackets */
	rc = store_brackets_revise(&bracketed, &doc, s, opts != NULL && opts->version >= 2 ? opts->brackets : NULL, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	/* nothing agreed or resolved since Rev.N: no empty revision unless asked for */
	if (n_agreed == 0 && bracketed.n_resolved == 0 && (opts == NULL || !opts->allow_empty)) {
		rc = accord_error_set(err, ACCORD_EEMPTY,
			"no revision issued: nothing was agreed since Rev.%u (an empty revision must be asked for: --allow-empty)",
			rev);
		goto cleanup;
	}
	for (i = 0; i < n_open; i++) {
		char *json = NULL, *target = NULL;
		int gone = 0;
		rc = reanchor(&json, &target, &gone, s, doc, &open_rows[i], err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (gone) {
			rc = accord_buf_puts(&lapsed, n_lapsed++ > 0 ? "," : "");
			rc |= store_json_str(&lapsed, open_rows[i].id);
		} else if (json != NULL) {
			rc = accord_buf_puts(&carried, n_carried++ > 0 ? ",{\"id\":" : "{\"id\":");
			rc |= store_json_str(&carried, open_rows[i].id);
			rc |= accord_buf_puts(&carried, ",\"target\":");
			rc |= store_json_str(&carried, target);
			rc |= accord_buf_puts(&carried, ",\"json\":");
			rc |= store_json_str(&carried, json);
			rc |= accord_buf_putc(&carried, '}');
		}
		accord_free(json);
		accord_free(target);
		if (rc != ACCORD_OK) {
			rc = store_nomem(err);
			goto cleanup;
		}
	}
	rc = accord_doc_render_json(&docjson, doc, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_printf(&payload, "{\"n\":%u,\"doc\":", rev + 1);
	rc |= store_json_str(&payload, docjson.ptr);
	rc |= accord_buf_puts(&payload, ",\"incorporated\":[");
	for (i = 0; i < n_agreed; i++) {
		if (i > 0)
			rc |= accord_buf_putc(&payload, ',');
		rc |= store_json_str(&payload, agreed_rows[i].id);
	}
	if (bracketed.n_incorporated > 0) {
		rc |= accord_buf_puts(&payload, n_agreed > 0 ? "," : "");
		rc |= accord_buf_put(&payload, bracketed.incorporated.ptr, bracketed.incorporated.size);
	}
	rc |= accord_buf_puts(&payload, "],\"carried\":[");
	if (carried.size > 0)
		rc |= accord_buf_put(&payload, carried.ptr, carried.size);
	if (bracketed.n_carried > 0) {
		rc |= accord_buf_puts(&payload, n_carried > 0 ? "," : "");
		rc |= accord_buf_put(&payload, bracketed.carried.ptr, bracketed.carried.size);
	}
	rc |= accord_buf_puts(&payload, "],\"lapsed\":[");
	if (lapsed.size > 0)
		rc |= accord_buf_put(&payload, lapsed.ptr, lapsed.size);
	if (bracketed.n_lapsed > 0) {
		rc |= accord_buf_puts(&payload, n_lapsed > 0 ? "," : "");
		rc |= accord_buf_put(&payload, bracketed.lapsed.ptr, bracketed.lapsed.size);
	}
	rc |= accord_buf_puts(&payload, "]");
	if (bracketed.n_resolved > 0) {
		rc |= accord_buf_puts(&payload, ",\"brackets_resolved\":[");
		rc |= accord_buf_put(&payload, bracketed.resolved.ptr, bracketed.resolved.size);
		rc |= accord_buf_puts(&payload, "]");
	}
	rc |= accord_buf_puts(&payload, "}");
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = store_finish(s, rc, "chair", "revise", payload.ptr, err);
	if (rc == ACCORD_OK && out != NULL) {
		out->rev = rev + 1;
		out->applied = n_agreed + bracketed.n_incorporated;
		out->carried = n_carried + bracketed.n_carried;
		out->lapsed = n_lapsed + bracketed.n_lapsed;
	}
	store_brackets_result_dispose(&bracketed);
	rows_free(agreed_rows, n_agreed);
	rows_free(open_rows, n_open);
	accord_amendments_free(agreed);
	accord_amendments_free(settled);
	accord_doc_free(doc);
	accord_buf_dispose(&payload);
	accord_buf_dispose(&docjson);
	accord_buf_dispose(&carried);
	accord_buf_dispose(&lapsed);
	return rc;
}


/* ---- for store_submit.c (store_carry.h): one amendment re-anchored, as revise does ------------- */
/* (included here, with the one function it exposes, to keep this file's head as it was) */
#include "session/store_carry.h"

int store_reanchor_one(char **json, char **target, int *lapsed, accord_session *s, const accord_doc *next,
	const char *id, const char *amendment_json, const char *proposer, accord_error *err)
{
	open_row row;
	row.id = (char *)id;
	row.json = (char *)amendment_json;
	row.proposer = (char *)proposer;
	return reanchor(json, target, lapsed, s, next, &row, err);
}
