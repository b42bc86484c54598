/*
** simulate_agents.c: the delegations' part of a simulated run: asking each
** agent about an amendment, the positions and votes that follow, and the
** compromise texts agents offer (proposed where the stage takes proposals,
** superseding the amendment they answer).
*/
#include <ctype.h>
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
#include "session_rules.h"
#include "simulate_int.h"

static int table_index(const accord_sim *sim, const char *id)
{
	size_t i;
	for (i = 0; i < sim->n_items; i++)
		if (strcmp(sim->items[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Pushes a list of the comma-separated codes. */
static void push_codes(lua_State *L, const char *codes)
{
	lua_Integer n = 0;
	const char *p = codes;
	lua_newtable(L);
	while (p != NULL && *p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		lua_pushlstring(L, p, len);
		lua_rawseti(L, -2, ++n);
		p = comma != NULL ? comma + 1 : NULL;
	}
}

/* What push_amendment_p puts in the amendment's table. */
typedef struct amendment_view {
	const accord_session_amendment *stored;
	const accord_doc *now;
	const accord_amendment *a;
	const accord_buf *ins, *del;
	int with_edits;
	const char *result; /* the paragraph as a MOD makes it, or NULL */
} amendment_view;

/* Builds the table of an amendment_view (lightuserdata 1) and returns it; raises on memory errors. */
static int push_amendment_p(lua_State *L)
{
	const amendment_view *v = lua_touserdata(L, 1);
	const accord_session_amendment *stored = v->stored;
	lua_createtable(L, 0, 10);
	lua_pushstring(L, stored->id);
	lua_setfield(L, -2, "id");
	lua_pushstring(L, stored->op);
	lua_setfield(L, -2, "op");
	if (stored->target != NULL) {
		const accord_para *p = accord_doc_find_para(v->now, stored->target);
		lua_pushstring(L, stored->target);
		lua_setfield(L, -2, "target");
		if (p != NULL) {
			lua_pushstring(L, accord_para_text(p));
			lua_setfield(L, -2, "paragraph");
			if (accord_para_label(p) != NULL) {
				lua_pushstring(L, accord_para_label(p));
				lua_setfield(L, -2, "label");
			}
		}
	}
	if (v->a->text != NULL) {
		lua_pushstring(L, v->a->text);
		lua_setfield(L, -2, "text");
	}
	lua_pushlstring(L, v->ins->ptr ? v->ins->ptr : "", v->ins->size);
	lua_setfield(L, -2, "inserted");
	lua_pushlstring(L, v->del->ptr ? v->del->ptr : "", v->del->size);
	lua_setfield(L, -2, "deleted");
	push_codes(L, stored->proposers);
	lua_setfield(L, -2, "proposers");
	lua_pushstring(L, accord_state_name(stored->state));
	lua_setfield(L, -2, "state");
	if (v->with_edits && v->a->op == ACCORD_OP_MOD) {
		size_t i;
		lua_createtable(L, (int)v->a->n_edits, 0);
		for (i = 0; i < v->a->n_edits; i++) {
			const accord_edit *e = &v->a->edits[i];
			lua_createtable(L, 0, 4);
			lua_pushinteger(L, (lua_Integer)e->base_start);
			lua_setfield(L, -2, "at");
			lua_pushinteger(L, (lua_Integer)e->base_count);
			lua_setfield(L, -2, "count");
			lua_pushstring(L, e->base_text);
			lua_setfield(L, -2, "deleted");
			lua_pushstring(L, e->text);
			lua_setfield(L, -2, "inserted");
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		lua_setfield(L, -2, "edits");
		if (v->result != NULL) {
			lua_pushstring(L, v->result);
			lua_setfield(L, -2, "result");
		}
	}
	return 1;
}

int sim_protected_status(lua_State *L, int status, accord_error *err)
{
	if (status == LUA_OK)
		return ACCORD_OK;
	lua_pop(L, 1);
	return status == LUA_ERRMEM ? accord_error_set(err, ACCORD_ENOMEM, "out of memory")
		: accord_error_set(err, ACCORD_ESCRIPT, "simulation: a Lua error outside the scripts");
}

/*
** Calls f (a C function that may raise) protected, with ud as its one
** argument and nresults results: a memory error is ACCORD_ENOMEM, another
** error ACCORD_ESCRIPT (nothing pushed then). The Lua API raises when an
** allocation fails, and this C code holds no Lua call of its own around it.
*/
int sim_protected_c(lua_State *L, lua_CFunction f, void *ud, int nresults, accord_error *err)
{
	int status;
	if (!lua_checkstack(L, 3))
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	lua_pushcfunction(L, f);
	lua_pushlightuserdata(L, ud);
	status = lua_pcall(L, 1, nresults, 0);
	return sim_protected_status(L, status, err);
}

/*
** Pushes the table an agent is asked about: id, op, target, paragraph (the
** target's text now), label, text (ADD), inserted and deleted words,
** proposers, state.
*/
int sim_push_amendment(run_state *rs, const accord_session_amendment *stored, const accord_doc *now, int with_edits,
	accord_error *err)
{
	accord_amendment_list *list = NULL;
	const accord_amendment *a;
	accord_buf ins = ACCORD_BUF_INIT, del = ACCORD_BUF_INIT;
	amendment_view v;
	char *result = NULL;
	size_t i;
	int rc = accord_amendments_parse_json(&list, stored->json, strlen(stored->json), stored->id, err);
	if (rc != ACCORD_OK)
		return rc;
	a = accord_amendments_get(list, 0);
	for (i = 0; rc == ACCORD_OK && i < a->n_edits; i++) {
		if (a->edits[i].text[0] != '\0')
			rc = accord_buf_printf(&ins, "%s%s", ins.size ? " ... " : "", a->edits[i].text);
		if (rc == ACCORD_OK && a->edits[i].base_text[0] != '\0')
			rc = accord_buf_printf(&del, "%s%s", del.size ? " ... " : "", a->edits[i].base_text);
	}
	if (rc == ACCORD_OK && a->op == ACCORD_OP_ADD && a->text != NULL)
		rc = accord_buf_puts(&ins, a->text);
	if (rc == ACCORD_OK && a->op == ACCORD_OP_SUP && a->text != NULL)
		rc = accord_buf_puts(&del, a->text);
	if (rc == ACCORD_OK && a->op == ACCORD_OP_META && a->value_to != NULL)
		rc = accord_buf_puts(&ins, a->value_to);
	if (rc != ACCORD_OK) {
		rc = accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	if (with_edits && a->op == ACCORD_OP_MOD && stored->target != NULL) {
		const accord_para *p = accord_doc_find_para(now, stored->target);
		if (p != NULL && (rc = accord_edits_apply_text(&result, accord_para_text(p), a->edits, a->n_edits, err)) !=
				ACCORD_OK) {
			if (rc == ACCORD_ENOMEM)
				goto cleanup;
			result = NULL; /* edits that no longer apply: no result to show */
			rc = ACCORD_OK;
			accord_error_clear(err);
		}
	}
	v.stored = stored;
	v.now = now;
	v.a = a;
	v.ins = &ins;
	v.del = &del;
	v.with_edits = with_edits;
	v.result = result;
	rc = sim_protected_c(rs->L, push_amendment_p, &v, 1, err);
cleanup:
	accord_free(result);
	accord_buf_dispose(&ins);
	accord_buf_dispose(&del);
	accord_amendments_free(list);
	return rc;
}

int sim_agent_call(accord_pack *scenario, int amendment, int said, const char *code, unsigned round, const char *stage,
	unsigned long run, accord_error *err)
{
	lua_State *L = accord_lua_state(accord_pack_runtime(scenario));
	lua_pushvalue(L, amendment);
	lua_createtable(L, 0, 6);
	lua_pushstring(L, code);
	lua_setfield(L, -2, "party");
	lua_pushinteger(L, (lua_Integer)round);
	lua_setfield(L, -2, "round");
	lua_pushstring(L, stage);
	lua_setfield(L, -2, "stage");
	lua_pushinteger(L, (lua_Integer)run);
	lua_setfield(L, -2, "run");
	lua_pushvalue(L, said);
	lua_setfield(L, -2, "said");
	accord_pack_push_roster(scenario);
	lua_setfield(L, -2, "roster");
	return accord_lua_pcall(accord_pack_runtime(scenario), 2, 1, err);
}

int sim_position_code(const char *name)
{
	static const char *const names[] = {NULL, "support", "object", "abstain", "reserve"};
	int i;
	for (i = 1; i < SIM_POSITIONS; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/* The compromise a delegation offers on an amendment: its own text, or the amendment without some words. */
typedef struct sim_offer {
	char *party; /* NULL: none offered */
	char *text;  /* the paragraph as it would read, or NULL */
	char *drop;  /* words whose edits (or sentences) go, or NULL */
} sim_offer;

static void offer_dispose(sim_offer *o)
{
	accord_free(o->party);
	accord_free(o->text);
	accord_free(o->drop);
	memset(o, 0, sizeof *o);
}

/*
** An answer that is a table ({position = "object", offer = TEXT} or
** {position = ..., drop = WORDS}): the first offer made on an amendment is
** kept in *offer, and the table on top of the stack is replaced by its
** position (nil: silent).
*/
static int take_offer(run_state *rs, sim_offer *offer, const char *code, const char *id, accord_error *err)
{
	lua_State *L = rs->L;
	int t = lua_gettop(L), rc = ACCORD_OK;
	lua_getfield(L, t, "offer");
	lua_getfield(L, t, "drop");
	{
	int has_text = lua_type(L, -2) == LUA_TSTRING, has_drop = lua_type(L, -1) == LUA_TSTRING;
	if ((!lua_isnil(L, -2) && !has_text) || (!lua_isnil(L, -1) && !has_drop) || (has_text && has_drop)) {
		rc = accord_error_set(err, ACCORD_ESCHEMA,
			"agent of %s on %s (run %lu) offered %s: offer must be a text, drop the words to drop (one or the other)",
			code, id, rs->run->index + 1, luaL_typename(L, lua_isnil(L, -2) ? -1 : -2));
		accord_error_at(err, rs->su->scenario, 0, 0);
	} else if (offer->party == NULL && (has_text || has_drop)) {
		offer->party = accord_strdup(code);
		offer->text = has_text ? accord_strdup(lua_tostring(L, -2)) : NULL;
		offer->drop = has_drop ? accord_strdup(lua_tostring(L, -1)) : NULL;
		if (offer->party == NULL || (offer->text == NULL && offer->drop == NULL))
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	}
	lua_pop(L, 2);
	if (rc != ACCORD_OK)
		return rc;
	lua_getfield(L, t, "position");
	lua_replace(L, t);
	return ACCORD_OK;
}

/*
** Asks every delegation's agent about one open amendment (its table on top
** of the stack, popped) and records the answers. ctx.said grows as they
** answer, in roster order. The first compromise offered goes in *offer.
*/
static int ask_agents_in(run_state *rs, const char *id, int item, const char *stage, sim_offer *offer, int agents,
	int fallback, accord_error *err)
{
	lua_State *L = rs->L;
	const accord_sim *sim = rs->su->sim;
	int amendment = lua_gettop(L), said, rc = ACCORD_OK;
	size_t p;
	lua_newtable(L);
	said = lua_gettop(L);
	for (p = 0; p < sim->n_parties && rc == ACCORD_OK; p++) {
		const char *code = sim->parties[p];
		const char *answer;
		int pos;
		if (lua_istable(L, agents))
			lua_getfield(L, agents, code);
		else
			lua_pushnil(L);
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			lua_pushvalue(L, fallback);
		}
		if (lua_isnil(L, -1)) { /* no agent: silent */
			lua_pop(L, 1);
			continue;
		}
		{
			double t0 = sim_thread_seconds();
			rc = sim_agent_call(rs->scenario, amendment, said, code, rs->round, stage, rs->run->index + 1, err);
			rs->run->agent_seconds += sim_thread_seconds() - t0;
			rs->run->agent_calls++;
		}
		if (rc != ACCORD_OK) {
			char what[600];
			snprintf(what, sizeof what, "%s", err->message);
			accord_error_set(err, rc, "agent of %s on %s (run %lu): %s", code, id, rs->run->index + 1, what);
			break;
		}
		if (lua_istable(L, -1) && (rc = take_offer(rs, offer, code, id, err)) != ACCORD_OK)
			break;
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			continue;
		}
		answer = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		pos = answer != NULL ? sim_position_code(answer) : -1;
		if (pos < 0) {
			rc = accord_error_set(err, ACCORD_ESCHEMA,
				"agent of %s on %s (run %lu) answered %s%s%s: not support, object, abstain, reserve or nil", code,
				id, rs->run->index + 1, answer ? "'" : "a ", answer ? answer : luaL_typename(L, -1),
				answer ? "'" : "");
			accord_error_at(err, rs->su->scenario, 0, 0);
			lua_pop(L, 1);
			break;
		}
		if (rs->run->trace != NULL &&
		    accord_buf_printf(rs->run->trace, "agent\t%s\t%s\t%s\n", code, id, answer) != ACCORD_OK) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			lua_pop(L, 1);
			break;
		}
		lua_setfield(L, said, code);
		rc = accord_session_position(rs->ss.s, code, id, answer, err);
		if (rc == ACCORD_EREFUSED) { /* the pack does not hear this party on this: it stays silent */
			rc = ACCORD_OK;
			continue;
		}
		if (rc == ACCORD_OK && item >= 0)
			rs->run->positions[p * sim->n_items + (size_t)item] = (unsigned char)pos;
	}
	lua_settop(L, amendment - 1);
	return rc;
}

/* ask_agents' call, protected: the Lua API raises when an allocation fails. */
typedef struct ask_call {
	run_state *rs;
	const char *id, *stage;
	int item, rc;
	sim_offer *offer;
	accord_error *err;
} ask_call;

/* Arguments: the ask_call, the amendment's table, the agents, the fallback agent. */
static int ask_agents_p(lua_State *L)
{
	ask_call *c = lua_touserdata(L, 1);
	lua_pushvalue(L, 2);
	c->rc = ask_agents_in(c->rs, c->id, c->item, c->stage, c->offer, 3, 4, c->err);
	return 0;
}

/* ask_agents_in, protected; pops the amendment's table on top of the stack. */
static int ask_agents(run_state *rs, const char *id, int item, const char *stage, sim_offer *offer,
	accord_error *err)
{
	lua_State *L = rs->L;
	ask_call c;
	int status;
	memset(&c, 0, sizeof c);
	c.rs = rs;
	c.id = id;
	c.stage = stage;
	c.item = item;
	c.offer = offer;
	c.err = err;
	c.rc = ACCORD_OK;
	if (!lua_checkstack(L, 6)) {
		lua_pop(L, 1);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	lua_pushcfunction(L, ask_agents_p);
	lua_pushlightuserdata(L, &c);
	lua_pushvalue(L, -3);
	lua_pushvalue(L, rs->agents);
	lua_pushvalue(L, rs->fallback);
	status = lua_pcall(L, 4, 0, 0);
	if (status != LUA_OK)
		c.rc = sim_protected_status(L, status, err);
	lua_pop(L, 1); /* the amendment */
	return c.rc;
}

/* Whether the stage lets action in (its `allows` list). */
int sim_stage_allows(run_state *rs, const char *stage, const char *action, accord_error *err)
{
	const accord_session_rules *rules = accord_session_pack_rules(rs->ss.sp);
	accord_session_context ctx;
	int allowed;
	if (rules->stage_allows == NULL)
		return 1;
	memset(&ctx, 0, sizeof ctx);
	ctx.action = action;
	ctx.stage = stage;
	ctx.workflow = rs->su->sim->workflow;
	ctx.n_parties = rs->su->sim->n_parties;
	accord_buf_clear(&rs->scratch);
	allowed = rules->stage_allows(rules->data, NULL, &ctx, &rs->scratch, err);
	return allowed;
}

static void transcript_positions(run_state *rs, const accord_session_amendment *a, size_t item)
{
	static const char *const names[] = {"silent", "support", "object", "abstain", "reserve"};
	const accord_sim *sim = rs->su->sim;
	int pos;
	if (rs->transcript == NULL)
		return;
	accord_buf_printf(rs->transcript, "  %s %s %s [%s]:", a->id, a->op, a->target ? a->target : "-", a->proposers);
	for (pos = SIM_SUPPORT; pos < SIM_POSITIONS; pos++) {
		size_t p, n = 0;
		for (p = 0; p < sim->n_parties; p++)
			if (rs->run->positions[p * sim->n_items + item] == pos) {
				if (n++ == 0)
					accord_buf_printf(rs->transcript, " %s", names[pos]);
				accord_buf_printf(rs->transcript, " %s", sim->parties[p]);
			}
		if (n > 0)
			accord_buf_putc(rs->transcript, ';');
	}
	accord_buf_putc(rs->transcript, '\n');
}

/*
** A recorded vote on every open amendment where the stage takes votes: each
** delegation votes as it last spoke (support: yes, object: no, abstain or
** reserve: abstain; a silent one casts no vote). A vote the pack refuses
** (may_vote) is not cast.
*/
int sim_cast_votes(run_state *rs, accord_error *err)
{
	const accord_sim *sim = rs->su->sim;
	accord_session_amendment *open = NULL;
	size_t n_open = 0, i, p;
	int rc = accord_session_amendments(&open, &n_open, rs->ss.s, -1, err);
	for (i = 0; rc == ACCORD_OK && i < n_open; i++) {
		int item = sim_item_of(rs, open[i].id);
		size_t yes = 0, no = 0, abstain = 0;
		if (!accord_state_is_open(open[i].state) || item < 0)
			continue;
		for (p = 0; p < sim->n_parties; p++)
			rs->run->ballots[p * sim->n_items + (size_t)item] = SIM_BALLOT_NONE;
		for (p = 0; rc == ACCORD_OK && p < sim->n_parties; p++) {
			unsigned pos = rs->run->positions[p * sim->n_items + (size_t)item];
			accord_vote_choice v;
			if (pos == SIM_SILENT)
				continue;
			v = pos == SIM_SUPPORT ? ACCORD_VOTE_YES : pos == SIM_OBJECT ? ACCORD_VOTE_NO : ACCORD_VOTE_ABSTAIN;
			rc = accord_session_cast_vote(rs->ss.s, sim->parties[p], open[i].id, v, err);
			if (rc == ACCORD_EREFUSED) {
				rc = ACCORD_OK;
				continue;
			}
			if (rc != ACCORD_OK)
				break;
			rs->run->ballots[p * sim->n_items + (size_t)item] = (unsigned char)(v == ACCORD_VOTE_YES ? SIM_BALLOT_YES
				: v == ACCORD_VOTE_NO ? SIM_BALLOT_NO : SIM_BALLOT_ABSTAIN);
			yes += v == ACCORD_VOTE_YES;
			no += v == ACCORD_VOTE_NO;
			abstain += v == ACCORD_VOTE_ABSTAIN;
		}
		if (rc == ACCORD_OK && rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  vote on %s: %zu yes, %zu no, %zu abstaining\n", open[i].id, yes, no,
				abstain);
	}
	accord_session_amendments_free(open, n_open);
	return rc;
}

int sim_item_of(const run_state *rs, const char *id)
{
	int item = table_index(rs->su->sim, id);
	size_t i;
	for (i = 0; item < 0 && i < rs->n_compromises; i++)
		if (strcmp(rs->compromises[i].id, id) == 0)
			item = (int)rs->compromises[i].item;
	return item;
}

void sim_compromises_dispose(run_state *rs)
{
	size_t i;
	for (i = 0; i < rs->n_compromises; i++)
		accord_free(rs->compromises[i].id);
	accord_free(rs->compromises);
	rs->compromises = NULL;
	rs->n_compromises = rs->cap_compromises = 0;
}

/* ---- compromise texts ------------------------------------------------------------------------- */

/* Whether needle occurs in hay, ASCII letters compared without case. */
static int contains_fold(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i, k;
	if (n == 0)
		return 0;
	for (i = 0; hay[i] != '\0'; i++) {
		for (k = 0; k < n && hay[i + k] != '\0'; k++)
			if (tolower((unsigned char)hay[i + k]) != tolower((unsigned char)needle[k]))
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

/*
** The paragraph with the amendment's edits, but for those that insert drop:
** the words its objector cannot accept go, the rest of the amendment stays.
** *out is NULL when no edit inserts them, or every edit does (then there is
** nothing to offer: the objection stands).
*/
static int drop_edits(char **out, const char *paragraph, const accord_amendment *a, const char *drop, accord_error *err)
{
	accord_edit *kept;
	size_t i, n = 0;
	int rc = ACCORD_OK;
	*out = NULL;
	if (a->n_edits == 0)
		return ACCORD_OK;
	if ((kept = accord_malloc(a->n_edits * sizeof(*kept))) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	for (i = 0; i < a->n_edits; i++)
		if (!contains_fold(a->edits[i].text, drop))
			kept[n++] = a->edits[i];
	if (n > 0 && n < a->n_edits)
		rc = accord_edits_apply_text(out, paragraph, kept, n, err);
	accord_free(kept);
	return rc;
}

/*
** A new paragraph's text without its sentences (ended by '.', ';' or ':'
** and a blank) that hold drop; NULL when none does, or all do.
*/
static int drop_sentences(char **out, const char *text, const char *drop, accord_error *err)
{
	accord_buf buf = ACCORD_BUF_INIT;
	const char *s = text;
	int dropped = 0, kept = 0;
	*out = NULL;
	while (*s != '\0') {
		const char *e = s;
		char *sentence;
		while (*e != '\0' && !(strchr(".;:", *e) != NULL && (e[1] == ' ' || e[1] == '\0')))
			e++;
		if (*e != '\0')
			e++;
		if ((sentence = accord_strndup(s, (size_t)(e - s))) == NULL) {
			accord_buf_dispose(&buf);
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
		if (contains_fold(sentence, drop)) {
			dropped = 1;
		} else {
			const char *w = sentence;
			while (*w == ' ')
				w++;
			if (*w != '\0' && ((buf.size > 0 && accord_buf_putc(&buf, ' ') != ACCORD_OK) ||
					     accord_buf_puts(&buf, w) != ACCORD_OK)) {
				accord_free(sentence);
				accord_buf_dispose(&buf);
				return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			}
			kept |= *w != '\0';
		}
		accord_free(sentence);
		s = e;
	}
	if (dropped && kept)
		*out = accord_buf_detach(&buf);
	accord_buf_dispose(&buf);
	return ACCORD_OK;
}

/* Remembers compromise id as standing for item; the positions stated on item are cleared. */
int sim_remember_compromise(run_state *rs, const char *id, int item)
{
	if (item < 0)
		return ACCORD_OK;
	if (rs->n_compromises == rs->cap_compromises) {
		size_t want = rs->cap_compromises ? rs->cap_compromises * 2 : 8;
		sim_compromise *grown = accord_realloc(rs->compromises, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		rs->compromises = grown;
		rs->cap_compromises = want;
	}
	if ((rs->compromises[rs->n_compromises].id = accord_strdup(id)) == NULL)
		return ACCORD_ENOMEM;
	rs->compromises[rs->n_compromises++].item = (size_t)item;
	/* a new text: the positions on the one it replaces no longer stand */
	{
		const accord_sim *sim = rs->su->sim;
		size_t p;
		for (p = 0; p < sim->n_parties; p++)
			rs->run->positions[p * sim->n_items + (size_t)item] = SIM_SILENT;
	}
	return ACCORD_OK;
}

/* The proposer who takes an offer up: the amendment's first. */
static int proposer_of(char **out, const accord_session_amendment *stored, accord_error *err)
{
	if ((*out = accord_strndup(stored->proposers, strcspn(stored->proposers, ","))) == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

/*
** After the proposal of a compromise (rc): the delegation that offered it
** co-sponsors it, and the run remembers it. A proposal the pack or the
** session refused is not tabled: the transcript says why, and the run goes
** on (ACCORD_OK).
*/
static int tabled(run_state *rs, const accord_session_amendment *stored, const sim_offer *o, const char *proposer,
	const char *id, int rc, accord_error *err)
{
	if (rc == ACCORD_OK && strcmp(proposer, o->party) != 0) {
		rc = accord_session_cosponsor(rs->ss.s, o->party, id, err);
		if (rc == ACCORD_EREFUSED || rc == ACCORD_ESTATE)
			rc = ACCORD_OK; /* the pack does not let it co-sponsor here: the text stands without it */
		if (rc != ACCORD_OK)
			return rc;
	}
	if (rc == ACCORD_OK) {
		if ((rc = sim_remember_compromise(rs, id, sim_item_of(rs, stored->id))) != ACCORD_OK)
			return accord_error_set(err, rc, "out of memory");
		if (rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  compromise offered by %s, tabled by %s: %s supersedes %s\n", o->party,
				proposer, id, stored->id);
	} else if (rc == ACCORD_EEMPTY || rc == ACCORD_EINVAL || rc == ACCORD_EREFUSED || rc == ACCORD_ESTATE ||
		   rc == ACCORD_ECONFLICT || rc == ACCORD_ENOTFOUND) {
		if (rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  %s offered a compromise on %s: not tabled (%s)\n", o->party,
				stored->id, err->message);
		rc = ACCORD_OK;
	}
	return rc;
}

/*
** Tables the offer on stored as a compromise text, superseding stored: its
** (first) proposer tables it and the delegation that offered it co-sponsors
** it, as after consultations between the two: a MOD's paragraph as offered, or with the edits
** that insert the dropped words left out; an ADD's new paragraph as
** offered, or without the sentences that hold them; a SUP's paragraph kept
** as offered. What the pack refuses, or what changes nothing, is not
** tabled (the transcript says why); the session is then unchanged.
*/
static int table_offer(run_state *rs, const accord_session_amendment *stored, const char *stage, const sim_offer *o,
	accord_error *err)
{
	accord_amendment_list *list = NULL;
	const accord_amendment *a;
	accord_doc *now = NULL, *amended = NULL;
	accord_para *para = NULL;
	char *text = NULL, *id = NULL, *proposer = NULL;
	const char *supersedes = stored->id;
	int allowed, rc;

	if ((allowed = sim_stage_allows(rs, stage, "propose", err)) <= 0)
		return allowed < 0 ? allowed : ACCORD_OK;
	if ((rc = accord_session_text(&now, rs->ss.s, -1, err)) != ACCORD_OK ||
	    (rc = accord_amendments_parse_json(&list, stored->json, strlen(stored->json), stored->id, err)) != ACCORD_OK ||
	    (rc = accord_doc_clone(&amended, now)) != ACCORD_OK)
		goto done;
	a = accord_amendments_get(list, 0);
	if (a->op == ACCORD_OP_MOD && stored->target != NULL && (para = accord_doc_find_para(amended, stored->target)) != NULL) {
		if (o->text != NULL)
			text = accord_strdup(o->text);
		else if ((rc = drop_edits(&text, accord_para_text(para), a, o->drop, err)) != ACCORD_OK)
			goto done;
	} else if (a->op == ACCORD_OP_ADD && a->text != NULL) {
		/* the new paragraph, where the amendment puts it (which may be after another one still
		   on the table): the amendment itself with the compromise's words */
		if (o->text != NULL)
			text = accord_strdup(o->text);
		else if ((rc = drop_sentences(&text, a->text, o->drop, err)) != ACCORD_OK)
			goto done;
		if (text != NULL) {
			accord_amendment add = *a;
			add.text = text;
			add.id = NULL;
			if ((rc = proposer_of(&proposer, stored, err)) != ACCORD_OK)
				goto done;
			rc = accord_session_propose(&id, rs->ss.s, proposer, &add, &supersedes, 1, err);
			rc = tabled(rs, stored, o, proposer, id, rc, err);
			goto done;
		}
	} else if (a->op == ACCORD_OP_SUP && o->text != NULL && stored->target != NULL) {
		para = accord_doc_find_para(amended, stored->target);
		text = accord_strdup(o->text);
	}
	if (para == NULL || text == NULL) {
		if (rs->transcript != NULL)
			accord_buf_printf(rs->transcript, "  %s offered a compromise on %s: nothing to table\n", o->party, stored->id);
		goto done;
	}
	if ((rc = accord_para_set_text(para, text)) != ACCORD_OK) {
		rc = accord_error_set(err, rc, "%s's compromise on %s: not a paragraph's text", o->party, stored->id);
		goto done;
	}
	if ((rc = proposer_of(&proposer, stored, err)) != ACCORD_OK)
		goto done;
	rc = accord_session_propose_doc(&id, rs->ss.s, proposer, amended, -1, &supersedes, 1, err);
	rc = tabled(rs, stored, o, proposer, id, rc, err);
done:
	accord_free(proposer);
	accord_free(id);
	accord_free(text);
	accord_doc_free(amended);
	accord_doc_free(now);
	accord_amendments_free(list);
	return rc;
}

int sim_ask_about(run_state *rs, const accord_session_amendment *a, const accord_doc *now, const char *stage,
	accord_error *err)
{
	sim_offer offer;
	int item = sim_item_of(rs, a->id), rc;
	memset(&offer, 0, sizeof offer);
	if ((rc = sim_push_amendment(rs, a, now, 0, err)) != ACCORD_OK)
		return rc;
	rc = ask_agents(rs, a->id, item, stage, &offer, err);
	if (rc == ACCORD_OK && item >= 0)
		transcript_positions(rs, a, (size_t)item);
	if (rc == ACCORD_OK && offer.party != NULL)
		rc = table_offer(rs, a, stage, &offer, err);
	offer_dispose(&offer);
	return rc;
}
