/*
** store_act.c: the frame every action shares (who acts, on what, asking
** the rule pack) and the actions of parties: submit, propose, cosponsor,
** withdraw, comment, position. Each is one transaction and one event
** (store_finish); the chair's actions are in store_decide.c.
*/
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "accord/format.h"
#include "accord/roster.h"
#include "accord/text.h"
#include "session/store_carry.h"
#include "session/store_int.h"

/* ---- parties --------------------------------------------------------------------- */


void store_party_dispose(store_party_row *p)
{
	size_t i;
	accord_free(p->code);
	accord_free(p->name);
	accord_free(p->role);
	for (i = 0; p->groups != NULL && i < p->n_groups; i++)
		accord_free(p->groups[i]);
	accord_free(p->groups);
	memset(p, 0, sizeof *p);
}

int store_party_code(char **out, accord_session *s, const char *code, accord_error *err)
{
	accord_roster *roster = NULL;
	const char *near;
	sqlite3_stmt *stmt;
	int rc;
	*out = NULL;
	if (code == NULL || code[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no party given (--as PARTY)");
	rc = store_query_row(&stmt, s, STORE_Q_PARTY_CODE, "SELECT code FROM parties WHERE code = ?1 COLLATE NOCASE", code,
		err);
	if (rc != ACCORD_OK)
		return rc;
	if (stmt != NULL) {
		*out = store_column_dup(stmt, 0);
		sqlite3_reset(stmt);
		return *out != NULL ? ACCORD_OK : store_nomem(err);
	}
	/* not in the roster: the nearest code, if one is near, as a hint */
	if ((rc = accord_session_roster(&roster, s, err)) != ACCORD_OK)
		return rc;
	near = accord_roster_suggest(roster, code);
	rc = accord_error_set(err, ACCORD_EREFUSED, "'%s' is not a party to this session (not in its roster)%s%s%s", code,
		near != NULL ? "; did you mean " : "", near != NULL ? near : "", near != NULL ? "?" : "");
	accord_roster_free(roster);
	return rc;
}

/* Loads a party; one who is not in the roster is refused (ACCORD_EREFUSED). */
int store_party_load(store_party_row *p, accord_session *s, const char *code, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc;
	memset(p, 0, sizeof *p);
	if (code == NULL || code[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no party given (--as PARTY)");
	rc = store_query_row(&stmt, s, STORE_Q_PARTY, "SELECT code, name, role, json_array_length(groups) FROM parties WHERE code = ?1",
		code, err);
	if (rc != ACCORD_OK)
		return rc;
	if (stmt == NULL)
		return accord_error_set(err, ACCORD_EREFUSED, "'%s' is not a party to this session (not in its roster)",
			code);
	p->code = store_column_dup(stmt, 0);
	p->name = store_column_dup(stmt, 1);
	p->role = store_column_dup(stmt, 2);
	p->n_groups = (size_t)sqlite3_column_int64(stmt, 3);
	sqlite3_reset(stmt);
	if (p->code == NULL || p->name == NULL || p->role == NULL)
		goto oom;
	if (p->n_groups > 0) {
		size_t i = 0;
		p->groups = accord_calloc(p->n_groups, sizeof *p->groups);
		if (p->groups == NULL) {
			p->n_groups = 0;
			goto oom;
		}
		rc = store_stmt_at(&stmt, s, STORE_Q_PARTY_GROUPS,
			"SELECT value FROM parties, json_each(parties.groups) WHERE code = ?1 ORDER BY key", err);
		if (rc != ACCORD_OK) {
			store_party_dispose(p);
			return rc;
		}
		sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
		while (i < p->n_groups && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
			p->groups[i] = store_column_dup(stmt, 0);
			if (p->groups[i] == NULL) {
				sqlite3_reset(stmt);
				goto oom;
			}
			i++;
		}
		sqlite3_reset(stmt);
		p->n_groups = i;
	}
	p->view.code = p->code;
	p->view.name = p->name;
	p->view.role = p->role;
	p->view.groups = (const char *const *)p->groups;
	p->view.n_groups = p->n_groups;
	return ACCORD_OK;
oom:
	store_party_dispose(p);
	return store_nomem(err);
}
/* ---- amendments ---------------------------------------------------------------------- */


void store_amendment_row_dispose(store_amendment_row *a)
{
	accord_free(a->id);
	accord_free(a->proposer);
	accord_free(a->json);
	accord_free(a->target);
	accord_amendments_free(a->list);
	memset(a, 0, sizeof *a);
}

/* Loads an amendment by id (ACCORD_ENOTFOUND) and parses its JSON. */
int store_amendment_load(store_amendment_row *a, accord_session *s, const char *id, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc, state;
	memset(a, 0, sizeof *a);
	if (id == NULL || id[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "no amendment given");
	rc = store_query_row(&stmt, s, STORE_Q_AMENDMENT, "SELECT id, state, proposer, json, target FROM amendments WHERE id = ?1", id,
		err);
	if (rc != ACCORD_OK)
		return rc;
	if (stmt == NULL)
		return accord_error_set(err, ACCORD_ENOTFOUND, "no amendment '%s' in this session", id);
	a->id = store_column_dup(stmt, 0);
	state = accord_state_from_name((const char *)sqlite3_column_text(stmt, 1));
	a->proposer = store_column_dup(stmt, 2);
	a->json = store_column_dup(stmt, 3);
	a->target = store_column_dup(stmt, 4);
	sqlite3_reset(stmt);
	if (a->id == NULL || a->proposer == NULL || a->json == NULL) {
		store_amendment_row_dispose(a);
		return store_nomem(err);
	}
	if (state < 0) {
		store_amendment_row_dispose(a);
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: amendment '%s' has an unknown state", s->path, id);
	}
	a->state = (accord_amendment_state)state;
	rc = accord_amendments_parse_json(&a->list, a->json, strlen(a->json), a->id, err);
	if (rc == ACCORD_OK && accord_amendments_count(a->list) != 1)
		rc = accord_error_set(err, ACCORD_ECORRUPT, "%s: amendment '%s' is stored as %zu amendments", s->path, id,
			accord_amendments_count(a->list));
	if (rc != ACCORD_OK) {
		store_amendment_row_dispose(a);
		return rc == ACCORD_ENOMEM ? store_nomem(err) : (err != NULL ? (err->code = ACCORD_ECORRUPT) : ACCORD_ECORRUPT);
	}
	return ACCORD_OK;
}

const accord_amendment *store_row_amendment(const store_amendment_row *a)
{
	return accord_amendments_get(a->list, 0);
}

/* The number after "PARTY/" of the party's last amendment, 0 when none. */
static int last_number(unsigned long *out, accord_session *s, const char *party, accord_error *err)
{
	/*
	** A party's ids are numbered in the order it tabled them, and only its
	** own actions make them: the last by submission order (an index seek
	** on amendments_proposer) has the highest number.
	*/
	sqlite3_stmt *stmt;
	sqlite3_int64 v;
	int rc = store_query_row(&stmt, s, STORE_Q_LAST_ID,
		"SELECT CAST(substr(id, length(?1) + 2) AS INTEGER) FROM amendments "
		"WHERE proposer = ?1 AND substr(id, 1, length(?1) + 1) = ?1 || '/' ORDER BY seq DESC LIMIT 1",
		party, err);
	*out = 0;
	if (rc != ACCORD_OK || stmt == NULL)
		return rc;
	v = sqlite3_column_int64(stmt, 0);
	*out = v > 0 ? (unsigned long)v : 0;
	sqlite3_reset(stmt);
	return ACCORD_OK;
}

/* Appends {"id":..,"op":..,"target":..,"proposers":[..],"json":".."} to the payload. */
static int payload_amendment(accord_buf *p, const accord_amendment *a, accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	size_t i;
	int rc = store_render_one(&json, a, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(p, "{\"id\":");
	rc |= store_json_str(p, a->id);
	rc |= accord_buf_puts(p, ",\"op\":");
	rc |= store_json_str(p, accord_op_name(a->op));
	rc |= accord_buf_puts(p, ",\"target\":");
	rc |= store_json_str(p, store_amendment_target(a));
	rc |= accord_buf_puts(p, ",\"proposers\":[");
	for (i = 0; i < a->n_proposers; i++) {
		if (i > 0)
			rc |= accord_buf_putc(p, ',');
		rc |= store_json_str(p, a->proposers[i]);
	}
	rc |= accord_buf_puts(p, "],\"json\":");
	rc |= store_json_str(p, json.ptr != NULL ? json.ptr : "");
	rc |= accord_buf_putc(p, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	accord_buf_dispose(&json);
	return rc;
}
/* ---- asking the rule pack ----------------------------------------------------------- */

int store_need_rules(accord_session *s, const char *action, accord_error *err)
{
	if (s->rules == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "%s needs the session's rule pack (none is loaded)", action);
	return ACCORD_OK;
}

typedef int (*permission_fn)(void *data, const accord_session_party *party, const accord_session_context *ctx,
	accord_buf *reason, accord_error *err);

/*
** Asks a permission callback about party (NULL or without a code: the
** chair); a refusal is ACCORD_EREFUSED with the pack's reason, "PARTY may
** not VERB ID: reason" or, for the chair, "ACTION refused by PACK: reason".
*/
static int ask(accord_session *s, permission_fn fn, int required, const store_party_row *party,
	const accord_session_context *ctx, accord_error *err)
{
	accord_buf reason = ACCORD_BUF_INIT;
	int rc, chair = party == NULL || party->code == NULL;
	if (fn == NULL) {
		if (required)
			return accord_error_set(err, ACCORD_EINVAL, "the rule pack does not say who may %s", ctx->action);
		return ACCORD_OK;
	}
	rc = fn(s->rules->data, chair ? NULL : &party->view, ctx, &reason, err);
	if (rc < 0) {
		accord_buf_dispose(&reason);
		return rc;
	}
	if (rc == 0 && chair) {
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s refused by %s: %s", ctx->action,
			s->rules->name != NULL ? s->rules->name : "the rules",
			reason.size > 0 ? reason.ptr : "refused by the rule pack");
	} else if (rc == 0) {
		const char *verb = strcmp(ctx->action, "position") == 0 ? "take a position on"
			: strcmp(ctx->action, "cosponsor") == 0 ? "co-sponsor"
			: strcmp(ctx->action, "comment") == 0 && ctx->amendment != NULL ? "comment on"
			: strcmp(ctx->action, "propose") == 0 && ctx->compromise && ctx->state != NULL ? "supersede"
			: ctx->action;
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s may not %s%s%s: %s", party->code, verb,
			ctx->amendment != NULL && ctx->amendment->id != NULL ? " " : "",
			ctx->amendment != NULL && ctx->amendment->id != NULL ? ctx->amendment->id : "",
			reason.size > 0 ? reason.ptr : "refused by the rule pack");
	} else {
		rc = ACCORD_OK;
	}
	accord_buf_dispose(&reason);
	return rc;
}

void store_context_init(accord_session_context *ctx, accord_session *s, const char *action, const char *stage)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->action = action;
	ctx->stage = stage;
	ctx->workflow = s->workflow;
	ctx->n_parties = s->n_parties;
}

/* ---- the frame of an action ---------------------------------------------------------- */

static void action_context(accord_session_context *ctx, const store_action *act);



/* Checks for the rule pack, opens the transaction and loads what `needs` names: party, amendment, stage. */
int store_action_begin(store_action *act, accord_session *s, const char *name, unsigned needs, const char *party,
	const char *amendment, accord_error *err)
{
	int rc;
	memset(act, 0, sizeof *act);
	act->s = s;
	act->name = name;
	rc = (needs & STORE_ACTION_RULES) ? store_need_rules(s, name, err) : ACCORD_OK;
	if (rc == ACCORD_OK)
		rc = store_begin(s, err);
	act->open = rc == ACCORD_OK;
	if (rc == ACCORD_OK && (needs & STORE_ACTION_PARTY))
		rc = store_party_load(&act->party, s, party, err);
	if (rc == ACCORD_OK && (needs & STORE_ACTION_AMENDMENT))
		rc = store_amendment_load(&act->amendment, s, amendment, err);
	if (rc == ACCORD_OK && (needs & STORE_ACTION_STAGE))
		rc = store_read_stage(&act->stage, s, err);
	/* The stage's gate: an action its stage does not allow goes no further. */
	if (rc == ACCORD_OK && (needs & STORE_ACTION_STAGE) && s->rules != NULL) {
		accord_session_context ctx;
		action_context(&ctx, act);
		ctx.compromise = (needs & STORE_ACTION_COMPROMISE) != 0;
		rc = ask(s, s->rules->stage_allows, 0, &act->party, &ctx, err);
	}
	return rc;
}

/*
** Ends the action: with rc ACCORD_OK, appends its event (by the party, or
** the chair) and commits; otherwise rolls back. Frees what the action
** held. Returns rc or the failure.
*/
int store_action_end(store_action *act, int rc, accord_error *err)
{
	if (act->open)
		rc = store_finish(act->s, rc, act->party.code != NULL ? act->party.code : "chair", act->name,
			act->payload.ptr, err);
	accord_buf_dispose(&act->payload);
	accord_free(act->stage);
	store_amendment_row_dispose(&act->amendment);
	store_party_dispose(&act->party);
	return rc;
}

/* The rule pack's context for the action: its stage, and the amendment it loaded (if any). */
static void action_context(accord_session_context *ctx, const store_action *act)
{
	store_context_init(ctx, act->s, act->name, act->stage);
	if (act->amendment.id != NULL) {
		ctx->amendment = store_row_amendment(&act->amendment);
		ctx->state = accord_state_name(act->amendment.state);
	}
}

/* ACCORD_ESTATE unless the amendment the action loaded is open; `rule` says why it must be. */
static int action_need_open(const store_action *act, const char *rule, accord_error *err)
{
	if (accord_state_is_open(act->amendment.state))
		return ACCORD_OK;
	return accord_error_set(err, ACCORD_ESTATE, "%s is %s: %s", act->amendment.id,
		accord_state_name(act->amendment.state), rule);
}

/* Starts the payload of a party's action on an amendment: {"party":..,"amendment":.. */
static int action_payload_start(store_action *act)
{
	int rc = accord_buf_puts(&act->payload, "{\"party\":");
	rc |= store_json_str(&act->payload, act->party.code);
	rc |= accord_buf_puts(&act->payload, ",\"amendment\":");
	rc |= store_json_str(&act->payload, act->amendment.id);
	return rc;
}
/* ---- renumbering a contribution's amendments ----------------------------------------- */

typedef struct id_map {
	char **from;
	char **to;
	size_t count;
} id_map;

static void id_map_dispose(id_map *m)
{
	size_t i;
	for (i = 0; i < m->count; i++) {
		accord_free(m->from[i]);
		accord_free(m->to[i]);
	}
	accord_free(m->from);
	accord_free(m->to);
	memset(m, 0, sizeof *m);
}

static const char *id_map_get(const id_map *m, const char *id)
{
	size_t i;
	if (id == NULL)
		return NULL;
	for (i = 0; i < m->count; i++)
		if (strcmp(m->from[i], id) == 0)
			return m->to[i];
	return id;
}

/*
** Copies list with ids "PARTY/n" (n from first), the proposers set to
** party, and every reference to an old id (new paragraphs are named after
** their amendment) mapped to the new one.
*/
static int renumber(accord_amendment_list **out, const accord_amendment_list *list, const char *party,
	unsigned long first, accord_error *err)
{
	accord_amendment_list *copy = NULL;
	id_map map = {NULL, NULL, 0};
	size_t i, n = accord_amendments_count(list);
	const char *proposers[1];
	int rc;

	*out = NULL;
	proposers[0] = party;
	map.from = accord_calloc(n + 1, sizeof *map.from);
	map.to = accord_calloc(n + 1, sizeof *map.to);
	if (map.from == NULL || map.to == NULL)
		goto oom;
	for (i = 0; i < n; i++) {
		accord_buf id = ACCORD_BUF_INIT;
		const accord_amendment *a = accord_amendments_get(list, i);
		if (accord_buf_printf(&id, "%s/%lu", party, first + i) != ACCORD_OK)
			goto oom;
		map.from[i] = accord_strdup(a->id != NULL ? a->id : "");
		map.to[i] = accord_buf_detach(&id);
		map.count = i + 1;
		if (map.from[i] == NULL || map.to[i] == NULL)
			goto oom;
	}
	if (accord_amendments_new(&copy) != ACCORD_OK)
		goto oom;
	rc = accord_amendments_set_origin(copy, party, accord_amendments_base_name(list),
		accord_amendments_contribution_name(list));
	if (rc != ACCORD_OK)
		goto oom;
	for (i = 0; i < n; i++) {
		accord_amendment a = *accord_amendments_get(list, i);
		a.id = map.to[i];
		a.proposers = proposers;
		a.n_proposers = 1;
		if (a.op == ACCORD_OP_ADD || a.op == ACCORD_OP_ADD_SECTION || a.op == ACCORD_OP_MOVE ||
		    a.op == ACCORD_OP_MOVE_SECTION) {
			a.position.section = id_map_get(&map, a.position.section);
			a.position.parent = id_map_get(&map, a.position.parent);
			a.position.after = id_map_get(&map, a.position.after);
		}
		a.related = id_map_get(&map, a.related);
		rc = accord_amendments_add(copy, &a);
		if (rc != ACCORD_OK) {
			accord_error_set(err, rc, "cannot record amendment %s", a.id);
			goto fail;
		}
	}
	id_map_dispose(&map);
	*out = copy;
	return ACCORD_OK;
oom:
	rc = store_nomem(err);
fail:
	accord_amendments_free(copy);
	id_map_dispose(&map);
	return rc;
}

/* ---- submit ---------------------------------------------------------------------------- */

static int next_id_number(unsigned long *out, accord_session *s, const char *party, accord_error *err)
{
	int rc = last_number(out, s, party, err);
	if (rc == ACCORD_OK)
		(*out)++;
	return rc;
}

int64_t store_next_rowid(accord_session *s, const char *table)
{
	char sql[128];
	sqlite3_stmt *stmt = NULL;
	int64_t id = 1;
	snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table);
	if (sqlite3_prepare_v2(s->conn.db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
		id = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return id;
}

/* A contribution by party, written on revision rev (< 0: detected) and carried forward (store_submit.c). */
static int submit_as(accord_amendment_list **out, accord_submit_result *carry, accord_session *s, const char *party,
	const char *name, const char *data, size_t len, int written_on, const char *original, size_t original_len,
	accord_error *err)
{
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_amendment_list *raw = NULL, *list = NULL;
	accord_doc *base = NULL, *contribution = NULL, *marked_on = NULL;
	accord_buf bytes = ACCORD_BUF_INIT;
	accord_buf *payload;
	store_action act;
	unsigned rev;
	unsigned long first;
	size_t i, n;
	int rc;

	if (out != NULL)
		*out = NULL;
	if (s == NULL || data == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit: NULL argument");
	if (name == NULL)
		name = "-";
	payload = &act.payload;
	rc = store_action_begin(&act, s, "submit", STORE_ACTION_RULES | STORE_ACTION_PARTY | STORE_ACTION_STAGE, party, NULL, err);
	if (rc == ACCORD_OK)
		rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&base, s, rev, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	popts.name = name;
	/* A contribution is read the way the text it amends was (a generic base: generic). */
	popts.force_generic = accord_doc_mode_of(base) == ACCORD_MODE_GENERIC;
	rc = accord_doc_parse(&contribution, data, len, &popts, err);
	if (rc == ACCORD_OK && original != NULL && written_on < 0)
		rc = accord_doc_parse(&marked_on, original, original_len, &popts, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = store_submit_changes(&raw, carry, s, rev, base, contribution, marked_on, party, written_on, name, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	n = accord_amendments_count(raw);
	if (n == 0 && carry->written_on != rev) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s: nothing to propose: %s%s", name, carry->warning,
			carry->detected ? "; if it was written on the latest revision, say so with --rev" : "");
		goto cleanup;
	}
	if (n == 0) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s: the contribution makes no change to Rev.%u", name, rev);
		goto cleanup;
	}
	rc = accord_amendments_set_origin(raw, party, NULL, name);
	if (rc == ACCORD_OK)
		rc = next_id_number(&first, s, party, err);
	if (rc == ACCORD_OK)
		rc = renumber(&list, raw, party, first, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n; i++) {
		accord_session_context ctx;
		action_context(&ctx, &act);
		ctx.amendment = accord_amendments_get(list, i);
		rc = ask(s, s->rules->may_propose, 1, &act.party, &ctx, err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	/* The bytes as received go into the log (a contribution is text: valid UTF-8, checked by the parser). */
	if (accord_buf_put(&bytes, data, len) != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (bytes.ptr != NULL && strlen(bytes.ptr) != len) {
		rc = accord_error_set(err, ACCORD_EPARSE, "%s: a contribution must be text (it holds a NUL byte)", name);
		goto cleanup;
	}
	rc = accord_buf_puts(payload, "{\"party\":");
	rc |= store_json_str(payload, party);
	rc |= accord_buf_puts(payload, ",\"file\":");
	rc |= store_json_str(payload, name);
	rc |= accord_buf_puts(payload, ",\"bytes\":");
	rc |= store_json_str(payload, bytes.ptr != NULL ? bytes.ptr : "");
	rc |= store_submit_payload(payload, carry);
	rc |= accord_buf_printf(payload, ",\"contribution\":%lld,\"revision\":%u,\"amendments\":[",
		(long long)store_next_rowid(s, "contributions"), rev);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && accord_buf_putc(payload, ',') != ACCORD_OK) {
			rc = store_nomem(err);
			goto cleanup;
		}
		rc = payload_amendment(payload, accord_amendments_get(list, i), err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	if (accord_buf_puts(payload, "]}") != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = store_action_end(&act, rc, err);
	if (rc == ACCORD_OK && out != NULL) {
		*out = list;
		list = NULL;
	}
	accord_amendments_free(raw);
	accord_amendments_free(list);
	accord_doc_free(base);
	accord_doc_free(contribution);
	accord_doc_free(marked_on);
	accord_buf_dispose(&bytes);
	return rc;
}

/* ---- propose --------------------------------------------------------------------------- */

/*
** An agreed amendment may be superseded by a compromise text only before a
** revision has applied it, and only while the agreed amendments do not fit
** together (the revision stops with ACCORD_ECONFLICT): otherwise the
** meeting's agreement stands. *known and *conflict cache the second check
** over one proposal's list.
*/
static int may_supersede_agreed(accord_session *s, const char *id, int *known, int *conflict, accord_error *err)
{
	sqlite3_stmt *stmt = NULL;
	int64_t incorporated = 0;
	int rc = sqlite3_prepare_v2(s->conn.db, "SELECT incorporated FROM amendments WHERE id = ?1", -1, &stmt, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			incorporated = sqlite3_column_type(stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(stmt, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK)
		return store_step_error(s, rc, err);
	if (incorporated > 0)
		return accord_error_set(err, ACCORD_ESTATE,
			"%s is agreed and in Rev.%lld: a change to it is a new amendment to that text", id,
			(long long)incorporated);
	if (!*known) {
		rc = store_agreed_conflict(conflict, NULL, s, err);
		if (rc != ACCORD_OK)
			return rc;
		*known = 1;
	}
	if (!*conflict)
		return accord_error_set(err, ACCORD_ESTATE,
			"%s is agreed: an agreed amendment can be superseded only while the agreed amendments do not fit "
			"together",
			id);
	return ACCORD_OK;
}

/*
** Whether the acting party may supersede the amendment `old` by a
** compromise text: the rules' may_supersede, or without one the default
** rule (the chair or secretariat role, or old's original proposer).
*/
static int ask_supersede(store_action *act, const store_amendment_row *old, accord_error *err)
{
	const store_party_row *p = &act->party;
	accord_session_context ctx;
	action_context(&ctx, act);
	ctx.amendment = store_row_amendment(old);
	ctx.state = accord_state_name(old->state);
	ctx.compromise = 1;
	if (act->s->rules->may_supersede != NULL)
		return ask(act->s, act->s->rules->may_supersede, 1, p, &ctx, err);
	if (strcmp(p->role, "chair") == 0 || strcmp(p->role, "secretariat") == 0 || strcmp(old->proposer, p->code) == 0)
		return ACCORD_OK;
	return accord_error_set(err, ACCORD_EREFUSED,
		"%s may not supersede %s: only its proposer (%s), the chair or the secretariat may (the rule pack "
		"has no may_supersede)",
		p->code, old->id, old->proposer);
}

/*
** Writes the propose event's payload for a (its id and proposers
** replaced) into act, once it fits the text and the rule pack allows it.
*/
static int propose_locked(char **out_id, store_action *act, unsigned rev, const accord_doc *base,
	const accord_amendment *given, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	accord_amendment_list *one = NULL;
	accord_amendment a = *given;
	accord_buf id = ACCORD_BUF_INIT, *payload = &act->payload;
	accord_doc *check = NULL;
	const store_party_row *p = &act->party;
	const char *proposers[1];
	unsigned long number;
	accord_session_context ctx;
	size_t i;
	int rc, conflict_known = 0, conflict = 0;

	rc = next_id_number(&number, act->s, p->code, err);
	if (rc != ACCORD_OK)
		return rc;
	if (accord_buf_printf(&id, "%s/%lu", p->code, number) != ACCORD_OK)
		return store_nomem(err);
	proposers[0] = p->code;
	a.id = id.ptr;
	a.proposers = proposers;
	a.n_proposers = 1;
	if (accord_amendments_new(&one) != ACCORD_OK || accord_amendments_add(one, &a) != ACCORD_OK ||
	    accord_amendments_set_origin(one, p->code, NULL, NULL) != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	/* It must fit the text it amends. */
	rc = accord_doc_clone(&check, base);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	rc = accord_amendments_apply(check, one, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n_supersedes; i++) {
		store_amendment_row old;
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(supersedes[j], supersedes[i]) == 0) {
				/* the event would supersede one row where it promises two (exit 5) */
				rc = accord_error_set(err, ACCORD_EINVAL, "%s is listed twice in supersedes", supersedes[i]);
				goto cleanup;
			}
		rc = store_amendment_load(&old, act->s, supersedes[i], err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (!accord_state_transition_legal(old.state, ACCORD_STATE_SUPERSEDED, ACCORD_CAUSE_SUPERSEDE))
			rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: only an open amendment can be superseded",
				old.id, accord_state_name(old.state));
		else if (old.state == ACCORD_STATE_AGREED)
			rc = may_supersede_agreed(act->s, old.id, &conflict_known, &conflict, err);
		if (rc == ACCORD_OK)
			rc = ask_supersede(act, &old, err);
		store_amendment_row_dispose(&old);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	action_context(&ctx, act);
	ctx.amendment = accord_amendments_get(one, 0);
	ctx.compromise = n_supersedes > 0;
	rc = ask(act->s, act->s->rules->may_propose, 1, p, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(payload, "{\"party\":");
	rc |= store_json_str(payload, p->code);
	rc |= accord_buf_printf(payload, ",\"revision\":%u,\"amendment\":", rev);
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	rc = payload_amendment(payload, accord_amendments_get(one, 0), err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_buf_puts(payload, ",\"supersedes\":[");
	for (i = 0; i < n_supersedes; i++) {
		if (i > 0)
			rc |= accord_buf_putc(payload, ',');
		rc |= store_json_str(payload, supersedes[i]);
	}
	rc |= accord_buf_puts(payload, "]}");
	if (rc != ACCORD_OK) {
		rc = store_nomem(err);
		goto cleanup;
	}
	if (out_id != NULL)
		*out_id = accord_buf_detach(&id);
cleanup:
	accord_doc_free(check);
	accord_amendments_free(one);
	accord_buf_dispose(&id);
	return rc;
}

/* The shared frame of propose and propose_doc: lock, party, stage, latest text. */
static int propose_typed(char **out_id, accord_session *s, const char *party, const accord_amendment *a,
	const accord_doc *amended, int base_rev, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *diff = NULL;
	accord_doc *base = NULL;
	store_action act;
	unsigned rev;
	int rc;

	if (out_id != NULL)
		*out_id = NULL;
	if (s == NULL || (a == NULL && amended == NULL) || (n_supersedes > 0 && supersedes == NULL))
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose: NULL argument");
	rc = store_action_begin(&act, s, "propose",
		STORE_ACTION_RULES | STORE_ACTION_PARTY | STORE_ACTION_STAGE | (n_supersedes > 0 ? STORE_ACTION_COMPROMISE : 0u),
		party, NULL, err);
	if (rc == ACCORD_OK)
		rc = store_latest_rev(&rev, s, err);
	if (rc == ACCORD_OK && base_rev >= 0 && (unsigned)base_rev != rev)
		rc = accord_error_set(err, ACCORD_ECONFLICT, "Rev.%u was issued meanwhile; propose against it again", rev);
	if (rc == ACCORD_OK)
		rc = store_rev_doc(&base, s, rev, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (amended != NULL) {
		dopts.party = party;
		rc = accord_doc_diff(&diff, base, amended, &dopts, err);
		if (rc != ACCORD_OK)
			goto cleanup;
		if (accord_amendments_count(diff) == 0) {
			rc = accord_error_set(err, ACCORD_EEMPTY, "the proposal makes no change to Rev.%u", rev);
			goto cleanup;
		}
		if (accord_amendments_count(diff) > 1) {
			rc = accord_error_set(err, ACCORD_EINVAL,
				"the proposal makes %zu amendments; propose one change at a time (or submit a contribution)",
				accord_amendments_count(diff));
			goto cleanup;
		}
		a = accord_amendments_get(diff, 0);
	}
	rc = propose_locked(out_id, &act, rev, base, a, supersedes, n_supersedes, err);
cleanup:
	rc = store_action_end(&act, rc, err);
	if (rc != ACCORD_OK && out_id != NULL) {
		accord_free(*out_id);
		*out_id = NULL;
	}
	accord_amendments_free(diff);
	accord_doc_free(base);
	return rc;
}

/* propose_typed with the party's code as the roster spells it. */
static int propose_common(char **out_id, accord_session *s, const char *party, const accord_amendment *a,
	const accord_doc *amended, int base_rev, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	char *code = NULL;
	int rc;
	if (out_id != NULL)
		*out_id = NULL;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose: NULL session");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	rc = propose_typed(out_id, s, code, a, amended, base_rev, supersedes, n_supersedes, err);
	accord_free(code);
	return rc;
}

int accord_session_propose(char **out_id, accord_session *s, const char *party, const accord_amendment *a,
	const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	if (a == NULL) {
		if (out_id != NULL)
			*out_id = NULL;
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose: no amendment");
	}
	return propose_common(out_id, s, party, a, NULL, -1, supersedes, n_supersedes, err);
}

int accord_session_propose_doc(char **out_id, accord_session *s, const char *party, const accord_doc *amended,
	int base_rev, const char *const *supersedes, size_t n_supersedes, accord_error *err)
{
	if (amended == NULL) {
		if (out_id != NULL)
			*out_id = NULL;
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_propose_doc: no document");
	}
	return propose_common(out_id, s, party, NULL, amended, base_rev, supersedes, n_supersedes, err);
}

/* ---- cosponsor, withdraw ------------------------------------------------------------- */

static int is_proposer(int *out, accord_session *s, const char *amendment, const char *party, accord_error *err)
{
	sqlite3_stmt *stmt;
	int rc;
	*out = 0;
	rc = store_stmt_at(&stmt, s, STORE_Q_IS_PROPOSER,
		"SELECT count(*) FROM proposers WHERE amendment = ?1 AND party = ?2", err);
	if (rc != ACCORD_OK)
		return rc;
	sqlite3_bind_text(stmt, 1, amendment, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, party, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0) > 0;
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW ? ACCORD_OK : store_step_error(s, rc, err);
}

static int cosponsor_as(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	accord_buf json = ACCORD_BUF_INIT;
	accord_session_context ctx;
	store_action act;
	const store_amendment_row *a = &act.amendment;
	const store_party_row *p = &act.party;
	int rc, already;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_cosponsor: NULL session");
	rc = store_action_begin(&act, s, "cosponsor", STORE_ACTION_RULES | STORE_ACTION_PARTY | STORE_ACTION_AMENDMENT | STORE_ACTION_STAGE, party,
		amendment, err);
	if (rc == ACCORD_OK)
		rc = action_need_open(&act, "only an open amendment can be co-sponsored", err);
	if (rc == ACCORD_OK)
		rc = is_proposer(&already, s, a->id, p->code, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (already) {
		/* a refusal (exit 6), not a usage error: the command line was right, the amendment's sponsors say no */
		rc = accord_error_set(err, ACCORD_ESTATE, "%s already sponsors %s", p->code, a->id);
		goto cleanup;
	}
	action_context(&ctx, &act);
	rc = ask(s, s->rules->may_propose, 1, p, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = accord_amendments_add_proposer(a->list, a->id, p->code);
	if (rc == ACCORD_OK)
		rc = accord_amendments_render_json(&json, a->list, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = action_payload_start(&act);
	rc |= accord_buf_puts(&act.payload, ",\"json\":");
	rc |= store_json_str(&act.payload, json.ptr);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	accord_buf_dispose(&json);
	return store_action_end(&act, rc, err);
}

static int withdraw_as(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	store_action act;
	const store_amendment_row *a = &act.amendment;
	const store_party_row *p = &act.party;
	int rc;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_withdraw: NULL session");
	rc = store_action_begin(&act, s, "withdraw", STORE_ACTION_PARTY | STORE_ACTION_AMENDMENT | STORE_ACTION_STAGE, party,
		amendment, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	/* Only the one who tabled it may take it back; co-sponsors may not. */
	if (strcmp(a->proposer, p->code) != 0) {
		rc = accord_error_set(err, ACCORD_EREFUSED, "%s may not withdraw %s: only its proposer (%s) may", p->code,
			a->id, a->proposer);
		goto cleanup;
	}
	if (!accord_state_transition_legal(a->state, ACCORD_STATE_WITHDRAWN, ACCORD_CAUSE_WITHDRAW)) {
		rc = accord_error_set(err, ACCORD_ESTATE, "%s is %s: it can no longer be withdrawn", a->id,
			accord_state_name(a->state));
		goto cleanup;
	}
	rc = action_payload_start(&act);
	rc |= accord_buf_printf(&act.payload, ",\"from\":\"%s\",\"to\":\"withdrawn\"}", accord_state_name(a->state));
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	return store_action_end(&act, rc, err);
}

/* ---- comment ----------------------------------------------------------------------------- */

static int comment_as(int64_t *out_id, accord_session *s, const char *party, const char *target,
	const char *text, accord_error *err)
{
	accord_doc *doc = NULL;
	const char *amendment = NULL, *paragraph = NULL;
	accord_session_context ctx;
	store_action act;
	unsigned rev;
	int64_t id = 0;
	int rc;

	if (out_id != NULL)
		*out_id = 0;
	if (s == NULL || text == NULL || text[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "a comment needs a text");
	if (accord_utf8_check(text, strlen(text), err) != ACCORD_OK)
		return ACCORD_EUTF8;
	rc = store_action_begin(&act, s, "comment", STORE_ACTION_PARTY | STORE_ACTION_STAGE, party, NULL, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	if (target != NULL) {
		rc = store_amendment_load(&act.amendment, s, target, err);
		if (rc == ACCORD_OK) {
			amendment = act.amendment.id;
		} else if (rc == ACCORD_ENOTFOUND) {
			rc = store_latest_rev(&rev, s, err);
			if (rc == ACCORD_OK)
				rc = store_rev_doc(&doc, s, rev, err);
			if (rc != ACCORD_OK)
				goto cleanup;
			if (accord_doc_find_para(doc, target) == NULL && accord_doc_find_section(doc, target) == NULL) {
				rc = accord_error_set(err, ACCORD_ENOTFOUND,
					"'%s' is neither an amendment nor a paragraph or section of Rev.%u", target, rev);
				goto cleanup;
			}
			paragraph = target;
		} else {
			goto cleanup;
		}
	}
	action_context(&ctx, &act);
	ctx.paragraph = paragraph;
	if (s->rules != NULL) {
		rc = ask(s, s->rules->may_comment, 0, &act.party, &ctx, err);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	id = store_next_rowid(s, "comments");
	rc = accord_buf_printf(&act.payload, "{\"id\":%lld,\"party\":", (long long)id);
	rc |= store_json_str(&act.payload, act.party.code);
	rc |= accord_buf_puts(&act.payload, ",\"amendment\":");
	rc |= store_json_str(&act.payload, amendment);
	rc |= accord_buf_puts(&act.payload, ",\"paragraph\":");
	rc |= store_json_str(&act.payload, paragraph);
	rc |= accord_buf_puts(&act.payload, ",\"text\":");
	rc |= store_json_str(&act.payload, text);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	rc = store_action_end(&act, rc, err);
	if (rc == ACCORD_OK && out_id != NULL)
		*out_id = id;
	accord_doc_free(doc);
	return rc;
}

/* ---- position ---------------------------------------------------------------------------- */

/* A position a party may take: any but "absent" (which only a decision rule counts). */
static int position_valid(const char *position)
{
	int p = accord_position_from_name(position);
	return p >= 0 && p != ACCORD_POS_ABSENT;
}

static int position_as(accord_session *s, const char *party, const char *amendment, const char *position,
	accord_error *err)
{
	accord_session_context ctx;
	store_action act;
	int rc;

	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_position: NULL session");
	if (!position_valid(position))
		return accord_error_set(err, ACCORD_EINVAL, "a position is support, object, abstain or reserve, not '%s'",
			position != NULL ? position : "");
	rc = store_action_begin(&act, s, "position", STORE_ACTION_RULES | STORE_ACTION_PARTY | STORE_ACTION_AMENDMENT | STORE_ACTION_STAGE, party,
		amendment, err);
	if (rc == ACCORD_OK)
		rc = action_need_open(&act, "positions are taken on open amendments only", err);
	if (rc != ACCORD_OK)
		goto cleanup;
	action_context(&ctx, &act);
	ctx.position = position;
	rc = ask(s, s->rules->may_object, 1, &act.party, &ctx, err);
	if (rc != ACCORD_OK)
		goto cleanup;
	rc = action_payload_start(&act);
	rc |= accord_buf_puts(&act.payload, ",\"position\":");
	rc |= store_json_str(&act.payload, position);
	rc |= accord_buf_putc(&act.payload, '}');
	if (rc != ACCORD_OK)
		rc = store_nomem(err);
cleanup:
	return store_action_end(&act, rc, err);
}

/* ---- the parties' actions, with the code as the roster spells it ---------------------- */

int accord_session_submit(accord_amendment_list **out, accord_session *s, const char *party, const char *name,
	const char *data, size_t len, accord_error *err)
{
	return accord_session_submit_with(out, NULL, s, party, name, data, len, NULL, err);
}

int accord_session_submit_with(accord_amendment_list **out, accord_submit_result *result, accord_session *s,
	const char *party, const char *name, const char *data, size_t len, const accord_submit_options *opts,
	accord_error *err)
{
	accord_submit_result carry;
	char *code = NULL;
	const char *original = NULL;
	size_t original_len = 0;
	int rc, rev = opts != NULL ? opts->rev : -1;
	if (out != NULL)
		*out = NULL;
	if (result != NULL)
		memset(result, 0, sizeof *result);
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit: NULL session");
	if (opts != NULL && opts->version != 1 && opts->version != ACCORD_SUBMIT_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_submit: unknown options version %u", opts->version);
	if (opts != NULL && opts->version >= 2) {
		original = opts->original;
		original_len = opts->original_len;
	}
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	memset(&carry, 0, sizeof carry);
	rc = submit_as(out, &carry, s, code, name, data, len, rev, original, original_len, err);
	accord_free(code);
	if (rc == ACCORD_OK && result != NULL)
		*result = carry;
	else
		accord_submit_result_dispose(&carry);
	return rc;
}

int accord_session_cosponsor(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	char *code = NULL;
	int rc;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_cosponsor: NULL session");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	rc = cosponsor_as(s, code, amendment, err);
	accord_free(code);
	return rc;
}

int accord_session_withdraw(accord_session *s, const char *party, const char *amendment, accord_error *err)
{
	char *code = NULL;
	int rc;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_withdraw: NULL session");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	rc = withdraw_as(s, code, amendment, err);
	accord_free(code);
	return rc;
}

int accord_session_comment(int64_t *out_id, accord_session *s, const char *party, const char *target,
	const char *text, accord_error *err)
{
	char *code = NULL;
	int rc;
	if (out_id != NULL)
		*out_id = 0;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_comment: NULL session");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	rc = comment_as(out_id, s, code, target, text, err);
	accord_free(code);
	return rc;
}

int accord_session_position(accord_session *s, const char *party, const char *amendment, const char *position,
	accord_error *err)
{
	char *code = NULL;
	int rc;
	if (s == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_session_position: NULL session");
	if ((rc = store_party_code(&code, s, party, err)) != ACCORD_OK)
		return rc;
	rc = position_as(s, code, amendment, position, err);
	accord_free(code);
	return rc;
}
