/*
** simulate_chair.c: the chair's part of a simulated run (scenario.chair,
** docs/simulation.md "The chair"). In a stage that takes positions and
** proposals, once the delegations have spoken, the chair reads the text
** paragraph by paragraph: where two or more MODs compete for a paragraph,
** or one was objected to, the chair function may give a compromise text
** (its own words, or one of the amendments with only some of its edits).
** It is tabled as the delegations' compromises are: superseding the
** amendments it replaces, through the pack's may_propose, in the names of
** their proposers (the chair is no party: the first proposer of the first
** amendment it replaces tables it, the others co-sponsor it, and withdraw
** theirs in its favour where the pack lets it supersede only its own).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "accord/amend.h"
#include "accord/doc.h"
#include "accord/store.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "simulate_int.h"

/* What the chair answered on one paragraph. */
typedef struct chair_answer {
	char *text;        /* the paragraph's new text, or NULL */
	char *from;        /* or: the alternative whose edits are kept (its id) */
	size_t *edits;     /* the edits of `from` kept, 0-based */
	size_t n_edits;
	unsigned char *replaces; /* per alternative: 1 when the text supersedes it */
	char *why;         /* the chair's reason, for the transcript, or NULL */
} chair_answer;

/* One protected call of the chair on one paragraph. */
typedef struct chair_call {
	run_state *rs;
	const char *stage;
	const accord_doc *now;
	const accord_para *para;
	const accord_session_amendment *open; /* the alternatives */
	const size_t *alt;                    /* their indices in open */
	size_t n_alt;
	chair_answer *answer;
	int rc;
	accord_error *err;
} chair_call;

static void answer_dispose(chair_answer *a)
{
	accord_free(a->text);
	accord_free(a->from);
	accord_free(a->edits);
	accord_free(a->replaces);
	accord_free(a->why);
	memset(a, 0, sizeof *a);
}

/* The number of objections on an amendment in this run (its item's positions). */
static size_t objections(const run_state *rs, const char *id)
{
	const accord_sim *sim = rs->su->sim;
	int item = sim_item_of(rs, id);
	size_t p, n = 0;
	if (item < 0)
		return 0;
	for (p = 0; p < sim->n_parties; p++)
		n += rs->run->positions[p * sim->n_items + (size_t)item] == SIM_OBJECT;
	return n;
}

/* A nonsense answer: the error names the chair, the paragraph and the run. */
static int bad_answer(chair_call *c, const char *what)
{
	c->rc = accord_error_set(c->err, ACCORD_ESCHEMA,
		"chair on %s (run %lu) answered %s: give nil, a text, or {text = TEXT} or {from = ID, edits = {...}} "
		"(with replaces = {IDs} and why = TEXT if wanted)",
		accord_para_id(c->para), c->rs->run->index + 1, what);
	accord_error_at(c->err, c->rs->su->scenario, 0, 0);
	return 0;
}

/* The index among the alternatives of the id on top of the stack, or -1. */
static int alternative_of(chair_call *c, int idx)
{
	const char *id = lua_type(c->rs->L, idx) == LUA_TSTRING ? lua_tostring(c->rs->L, idx) : NULL;
	size_t k;
	for (k = 0; id != NULL && k < c->n_alt; k++)
		if (strcmp(c->open[c->alt[k]].id, id) == 0)
			return (int)k;
	return -1;
}

/* Reads the chair's answer (on top of the stack) into c->answer; raises only on memory errors. */
static void read_answer(chair_call *c, lua_State *L)
{
	chair_answer *a = c->answer;
	int t = lua_gettop(L);
	size_t k;
	if ((a->replaces = accord_calloc(c->n_alt, 1)) == NULL)
		luaL_error(L, "not enough memory");
	if (lua_isnil(L, t) || (lua_isboolean(L, t) && !lua_toboolean(L, t)))
		return;
	if (lua_type(L, t) == LUA_TSTRING) {
		if ((a->text = accord_strdup(lua_tostring(L, t))) == NULL)
			luaL_error(L, "not enough memory");
		memset(a->replaces, 1, c->n_alt);
		return;
	}
	if (!lua_istable(L, t)) {
		char what[64];
		snprintf(what, sizeof what, "a %s", luaL_typename(L, t));
		bad_answer(c, what);
		return;
	}
	lua_getfield(L, t, "text");
	lua_getfield(L, t, "from");
	if ((lua_isnil(L, -2) == lua_isnil(L, -1)) || (!lua_isnil(L, -2) && lua_type(L, -2) != LUA_TSTRING)) {
		bad_answer(c, "a table without one text or from");
		return;
	}
	if (lua_type(L, -2) == LUA_TSTRING && (a->text = accord_strdup(lua_tostring(L, -2))) == NULL)
		luaL_error(L, "not enough memory");
	if (!lua_isnil(L, -1)) {
		int k_from = alternative_of(c, -1);
		size_t n;
		if (k_from < 0) {
			bad_answer(c, "from = an amendment that is not one of the alternatives");
			return;
		}
		if ((a->from = accord_strdup(c->open[c->alt[k_from]].id)) == NULL)
			luaL_error(L, "not enough memory");
		if (lua_getfield(L, t, "edits") != LUA_TTABLE) {
			bad_answer(c, "from without edits = {indices}");
			return;
		}
		n = (size_t)lua_rawlen(L, -1);
		if ((a->edits = accord_calloc(n ? n : 1, sizeof *a->edits)) == NULL)
			luaL_error(L, "not enough memory");
		for (k = 1; k <= n; k++) {
			lua_rawgeti(L, -1, (lua_Integer)k);
			if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
				bad_answer(c, "edits that are not indices (1, 2 ...)");
				return;
			}
			a->edits[a->n_edits++] = (size_t)lua_tointeger(L, -1) - 1;
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
	if (lua_getfield(L, t, "replaces") == LUA_TNIL) {
		memset(a->replaces, 1, c->n_alt);
	} else if (lua_istable(L, -1)) {
		size_t n = (size_t)lua_rawlen(L, -1);
		for (k = 1; k <= n; k++) {
			int r;
			lua_rawgeti(L, -1, (lua_Integer)k);
			if ((r = alternative_of(c, -1)) < 0) {
				bad_answer(c, "replaces = an amendment that is not one of the alternatives");
				return;
			}
			a->replaces[r] = 1;
			lua_pop(L, 1);
		}
	} else {
		bad_answer(c, "replaces that is not a list of ids");
		return;
	}
	lua_pop(L, 1);
	if (lua_getfield(L, t, "why") == LUA_TSTRING && (a->why = accord_strdup(lua_tostring(L, -1))) == NULL)
		luaL_error(L, "not enough memory");
	lua_pop(L, 1);
}

/*
** Calls chair(paragraph, amendments, positions, ctx) and reads its answer.
** paragraph: {id, label, text}; amendments: the alternatives as agents see
** them, with `edits` and `result`; positions: id -> {code -> position};
** ctx: round, stage, run, roster, agents (scenario.delegations), default.
** Arguments: the chair_call, the chair, the agents, the default agent.
*/
static int chair_call_p(lua_State *L)
{
	static const char *const names[] = {NULL, "support", "object", "abstain", "reserve"};
	chair_call *c = lua_touserdata(L, 1);
	run_state *rs = c->rs;
	const accord_sim *sim = rs->su->sim;
	int base = lua_gettop(L);
	size_t k, p;
	lua_pushvalue(L, 2);
	lua_createtable(L, 0, 3);
	lua_pushstring(L, accord_para_id(c->para));
	lua_setfield(L, -2, "id");
	if (accord_para_label(c->para) != NULL) {
		lua_pushstring(L, accord_para_label(c->para));
		lua_setfield(L, -2, "label");
	}
	lua_pushstring(L, accord_para_text(c->para));
	lua_setfield(L, -2, "text");
	lua_createtable(L, (int)c->n_alt, 0);
	for (k = 0; k < c->n_alt; k++) {
		if ((c->rc = sim_push_amendment(rs, &c->open[c->alt[k]], c->now, 1, c->err)) != ACCORD_OK)
			return 0;
		lua_rawseti(L, -2, (lua_Integer)k + 1);
	}
	lua_createtable(L, 0, (int)c->n_alt);
	for (k = 0; k < c->n_alt; k++) {
		int item = sim_item_of(rs, c->open[c->alt[k]].id);
		lua_newtable(L);
		for (p = 0; item >= 0 && p < sim->n_parties; p++) {
			unsigned pos = rs->run->positions[p * sim->n_items + (size_t)item];
			if (pos == SIM_SILENT)
				continue;
			lua_pushstring(L, names[pos]);
			lua_setfield(L, -2, sim->parties[p]);
		}
		lua_setfield(L, -2, c->open[c->alt[k]].id);
	}
	lua_createtable(L, 0, 6);
	lua_pushinteger(L, (lua_Integer)rs->round);
	lua_setfield(L, -2, "round");
	lua_pushstring(L, c->stage);
	lua_setfield(L, -2, "stage");
	lua_pushinteger(L, (lua_Integer)rs->run->index + 1);
	lua_setfield(L, -2, "run");
	accord_pack_push_roster(rs->scenario);
	lua_setfield(L, -2, "roster");
	lua_pushvalue(L, 3);
	lua_setfield(L, -2, "agents");
	lua_pushvalue(L, 4);
	lua_setfield(L, -2, "default");
	{
		double t0 = sim_thread_seconds();
		c->rc = accord_lua_pcall(accord_pack_runtime(rs->scenario), 4, 1, c->err);
		rs->run->agent_seconds += sim_thread_seconds() - t0;
		rs->run->agent_calls++;
	}
	if (c->rc != ACCORD_OK) {
		char what[600];
		snprintf(what, sizeof what, "%s", c->err->message);
		accord_error_set(c->err, c->rc, "chair on %s (run %lu): %s", accord_para_id(c->para), rs->run->index + 1,
			what);
		return 0;
	}
	read_answer(c, L);
	lua_settop(L, base);
	return 0;
}

/* The text of the answer: its own, or `from` with the edits kept. *out NULL: nothing to table. */
static int answer_text(char **out, const chair_call *c, accord_error *err)
{
	const chair_answer *a = c->answer;
	accord_amendment_list *list = NULL;
	const accord_amendment *am;
	accord_edit *kept;
	size_t k, n = 0;
	int rc;
	*out = NULL;
	if (a->text != NULL)
		return (*out = accord_strdup(a->text)) != NULL ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	if (a->from == NULL)
		return ACCORD_OK;
	for (k = 0; k < c->n_alt; k++)
		if (strcmp(c->open[c->alt[k]].id, a->from) == 0)
			break;
	rc = accord_amendments_parse_json(&list, c->open[c->alt[k]].json, strlen(c->open[c->alt[k]].json), a->from, err);
	if (rc != ACCORD_OK)
		return rc;
	am = accord_amendments_get(list, 0);
	if ((kept = accord_calloc(am->n_edits ? am->n_edits : 1, sizeof *kept)) == NULL) {
		accord_amendments_free(list);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	for (k = 0; k < am->n_edits; k++) {
		size_t e;
		for (e = 0; e < a->n_edits; e++)
			if (a->edits[e] == k) {
				kept[n++] = am->edits[k];
				break;
			}
	}
	if (n > 0)
		rc = accord_edits_apply_text(out, accord_para_text(c->para), kept, n, err);
	accord_free(kept);
	accord_amendments_free(list);
	return rc;
}

/* A refusal the run goes on after (the pack's, or a text that changes nothing). */
static int refusal(int rc)
{
	return rc == ACCORD_EEMPTY || rc == ACCORD_EINVAL || rc == ACCORD_EREFUSED || rc == ACCORD_ESTATE ||
		rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND;
}

/* The first proposer of an amendment (accord_free), or NULL when out of memory. */
static char *first_proposer(const accord_session_amendment *a)
{
	return accord_strndup(a->proposers, strcspn(a->proposers, ","));
}

/*
** Tables the chair's text on the paragraph. The chair is no party: the
** first proposer of the amendment it is made from (`from`), else of the
** first amendment it replaces, tables it, superseding
** them all where the pack allows (may_propose, may_supersede); where it may
** supersede only its own, the proposers of the others co-sponsor the text
** and withdraw theirs in its favour (an amendment whose withdrawal is
** refused stays on the table, not replaced). What the pack or the session
** refuses is not tabled; the transcript says why.
*/
static int table_chair_text(chair_call *c, const char *text, accord_error *err)
{
	run_state *rs = c->rs;
	const chair_answer *a = c->answer;
	const accord_session_amendment **rep = NULL;
	const char **supersedes = NULL;
	unsigned char *replaced = NULL;
	accord_doc *amended = NULL;
	accord_para *para;
	accord_buf who = ACCORD_BUF_INIT, what = ACCORD_BUF_INIT, gone = ACCORD_BUF_INIT;
	char *id = NULL, *proposer = NULL;
	size_t k, n = 0, n_own = 0;
	int rc, all = 1;

	rep = accord_calloc(c->n_alt, sizeof *rep);
	supersedes = accord_calloc(c->n_alt, sizeof *supersedes);
	replaced = accord_calloc(c->n_alt, 1);
	if (rep == NULL || supersedes == NULL || replaced == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	/* the alternative the text is made from first: its proposer tables it */
	for (k = 0; k < c->n_alt; k++)
		if (a->replaces[k] && a->from != NULL && strcmp(c->open[c->alt[k]].id, a->from) == 0)
			rep[n++] = &c->open[c->alt[k]];
	for (k = 0; k < c->n_alt; k++)
		if (a->replaces[k] && (a->from == NULL || strcmp(c->open[c->alt[k]].id, a->from) != 0))
			rep[n++] = &c->open[c->alt[k]];
	rc = ACCORD_OK;
	if (n == 0)
		goto done;
	if ((proposer = first_proposer(rep[0])) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < n; k++)
		if (accord_buf_printf(&what, "%s%s", k ? ", " : "", rep[k]->id) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto done;
		}
	if ((rc = accord_doc_clone(&amended, c->now)) != ACCORD_OK)
		goto done;
	para = accord_doc_find_para(amended, accord_para_id(c->para));
	if (para == NULL || (rc = accord_para_set_text(para, text)) != ACCORD_OK) {
		rc = accord_error_set(err, para == NULL ? ACCORD_ENOTFOUND : rc,
			"the chair's compromise on %s: not a paragraph's text", accord_para_id(c->para));
	} else {
		/* all of them superseded at once; else the tabler's own, the others withdrawn below */
		for (k = 0; k < n; k++)
			supersedes[k] = rep[k]->id;
		rc = accord_session_propose_doc(&id, rs->ss.s, proposer, amended, -1, supersedes, n, err);
		if (rc == ACCORD_EREFUSED && n > 1) {
			for (k = 0; k < n; k++) {
				size_t len = strlen(proposer);
				if (strncmp(rep[k]->proposers, proposer, len) == 0 &&
				    (rep[k]->proposers[len] == ',' || rep[k]->proposers[len] == '\0'))
					supersedes[n_own++] = rep[k]->id;
			}
			all = 0;
			accord_error_clear(err);
			rc = accord_session_propose_doc(&id, rs->ss.s, proposer, amended, -1, supersedes, n_own, err);
		}
	}
	if (rc != ACCORD_OK) {
		if (!refusal(rc))
			goto done;
		if (rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  chair's compromise on %s (replacing %s): not tabled (%s)\n",
				accord_para_id(c->para), what.ptr, err->message);
		rc = ACCORD_OK;
		goto done;
	}
	/* the proposers of the others co-sponsor it, each once; withdrawing theirs where it did not supersede them */
	for (k = 0; k < n && rc == ACCORD_OK; k++) {
		char *code = first_proposer(rep[k]);
		size_t i;
		int r = ACCORD_OK, seen;
		if (code == NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			break;
		}
		replaced[k] = all || strcmp(code, proposer) == 0;
		seen = strcmp(code, proposer) == 0;
		for (i = 0; !seen && i < k; i++)
			seen = strncmp(rep[i]->proposers, code, strlen(code)) == 0 &&
				(rep[i]->proposers[strlen(code)] == ',' || rep[i]->proposers[strlen(code)] == '\0');
		if (!seen) {
			r = accord_session_cosponsor(rs->ss.s, code, id, err);
			if (r == ACCORD_OK)
				r = accord_buf_printf(&who, "%s%s", who.size ? ", " : "", code) == ACCORD_OK ? ACCORD_OK
					: ACCORD_ENOMEM;
			else if (r == ACCORD_EREFUSED || r == ACCORD_ESTATE)
				r = ACCORD_OK; /* the pack does not let it co-sponsor here: the text stands without it */
		}
		if (r == ACCORD_OK && !replaced[k]) {
			r = accord_session_withdraw(rs->ss.s, code, rep[k]->id, err);
			if (r == ACCORD_OK) {
				replaced[k] = 1;
				r = accord_buf_printf(&gone, "%s%s", gone.size ? ", " : "", rep[k]->id) == ACCORD_OK ? ACCORD_OK
					: ACCORD_ENOMEM;
			} else if (refusal(r)) {
				r = ACCORD_OK; /* it stays on the table */
			}
		}
		accord_free(code);
		if (r == ACCORD_ENOMEM)
			r = accord_error_set(err, r, "out of memory");
		rc = r;
	}
	if (rc != ACCORD_OK)
		goto done;
	for (k = 0; k < n; k++)
		if (replaced[k] && (rc = sim_remember_compromise(rs, id, sim_item_of(rs, rep[k]->id))) != ACCORD_OK) {
			rc = accord_error_set(err, rc, "out of memory");
			goto done;
		}
	if (rs->run->trace != NULL &&
	    accord_buf_printf(rs->run->trace, "chair\t-\t%s\t%s\n", accord_para_id(c->para), id) != ACCORD_OK) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	if (rs->transcript != NULL) {
		accord_buf_printf(rs->transcript, "  chair's compromise on %s%s%s%s: %s, tabled by %s", accord_para_id(c->para),
			a->why ? " (" : "", a->why ? a->why : "", a->why ? ")" : "", id, proposer);
		if (who.size)
			accord_buf_printf(rs->transcript, ", co-sponsored by %s", who.ptr);
		if (all || n_own > 0)
			accord_buf_printf(rs->transcript, ", supersedes %s", all ? what.ptr : "");
		for (k = 0; !all && k < n_own; k++)
			accord_buf_printf(rs->transcript, "%s%s", k ? ", " : "", supersedes[k]);
		if (gone.size)
			accord_buf_printf(rs->transcript, "; withdrawn in its favour: %s", gone.ptr);
		accord_buf_putc(rs->transcript, '\n');
	}
done:
	accord_buf_dispose(&who);
	accord_buf_dispose(&what);
	accord_buf_dispose(&gone);
	accord_free(id);
	accord_free(proposer);
	accord_doc_free(amended);
	accord_free(supersedes);
	accord_free(replaced);
	accord_free(rep);
	return rc;
}

/* The chair on one paragraph: asked, and its text tabled. */
static int chair_paragraph(run_state *rs, const char *stage, const accord_doc *now, const accord_para *para,
	const accord_session_amendment *open, const size_t *alt, size_t n_alt, accord_error *err)
{
	chair_answer answer;
	chair_call c;
	char *text = NULL;
	int rc;
	memset(&answer, 0, sizeof answer);
	memset(&c, 0, sizeof c);
	c.rs = rs;
	c.stage = stage;
	c.now = now;
	c.para = para;
	c.open = open;
	c.alt = alt;
	c.n_alt = n_alt;
	c.answer = &answer;
	c.err = err;
	c.rc = ACCORD_OK;
	if (!lua_checkstack(rs->L, 12))
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	lua_pushcfunction(rs->L, chair_call_p);
	lua_pushlightuserdata(rs->L, &c);
	lua_pushvalue(rs->L, rs->chair);
	lua_pushvalue(rs->L, rs->agents);
	lua_pushvalue(rs->L, rs->fallback);
	rc = sim_protected_status(rs->L, lua_pcall(rs->L, 4, 0, 0), err);
	if (rc == ACCORD_OK)
		rc = c.rc;
	if (rc == ACCORD_OK && (rc = answer_text(&text, &c, err)) == ACCORD_OK) {
		if (text != NULL)
			rc = table_chair_text(&c, text, err);
		else if (answer.from != NULL && rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  chair's compromise on %s: nothing to table (no edit of %s kept)\n",
				accord_para_id(para), answer.from);
	}
	accord_free(text);
	answer_dispose(&answer);
	return rc;
}

int sim_chair_stage(run_state *rs, const char *stage, accord_error *err)
{
	accord_session_amendment *open = NULL;
	accord_doc *now = NULL;
	const accord_para *para = NULL;
	size_t n_open = 0, i, *alt = NULL;
	int allowed, rc;

	if ((allowed = sim_stage_allows(rs, stage, "propose", err)) <= 0)
		return allowed < 0 ? allowed : ACCORD_OK;
	if ((rc = accord_session_text(&now, rs->ss.s, -1, err)) != ACCORD_OK ||
	    (rc = accord_session_amendments(&open, &n_open, rs->ss.s, -1, err)) != ACCORD_OK)
		goto done;
	if ((alt = accord_calloc(n_open ? n_open : 1, sizeof *alt)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	/* paragraph by paragraph, in the text's order: the open MODs that compete for it */
	while (rc == ACCORD_OK && (para = accord_doc_next_para(now, para)) != NULL) {
		size_t n_alt = 0;
		for (i = 0; i < n_open; i++)
			if (accord_state_is_open(open[i].state) && strcmp(open[i].op, "MOD") == 0 && open[i].target != NULL &&
			    strcmp(open[i].target, accord_para_id(para)) == 0 && sim_item_of(rs, open[i].id) >= 0)
				alt[n_alt++] = i;
		if (n_alt >= 2 || (n_alt == 1 && objections(rs, open[alt[0]].id) > 0))
			rc = chair_paragraph(rs, stage, now, para, open, alt, n_alt, err);
	}
done:
	accord_free(alt);
	accord_session_amendments_free(open, n_open);
	accord_doc_free(now);
	return rc;
}
