/* pack.c: rule packs: loading, checking against the API, calling the rules (accord_pack.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "accord/format.h"
#include "accord/roster.h"
#include "accord/text.h"
#include "accord/workflow.h"
#include "accord_pack.h"
#include "runtime_int.h"

struct accord_pack {
	accord_lua *S;
	int pack_ref;                 /* registry ref of the pack table */
	int roster_ref;               /* registry ref of the read-only roster table, or LUA_NOREF */
	const accord_roster *roster;  /* borrowed */
	char *name;                   /* for messages */
};

/* What each stage may allow, and what becomes of unagreed text. */
static const char *const stage_actions[] = {"propose", "comment", "object", "decide", "vote", "amend", "merge",
	"report", "rule", NULL};
static const char *const unagreed_fates[] = {"drop", "bracket", "divergent", NULL};
static const char *const renumber_times[] = {"adoption", "revision", NULL};
static const char *const bracket_functions[] = {"insertion", "deletion", "replacement", "alternatives",
	"attribution", "new_label", "ad_ref", NULL};
static const char *const rule_functions[] = {"may_propose", "may_object", "may_vote", "decide", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

void accord_lua_push_party(lua_State *L, const accord_party *p)
{
	size_t j;
	lua_createtable(L, 0, 4);
	lua_pushstring(L, accord_party_code(p));
	lua_setfield(L, -2, "code");
	lua_pushstring(L, accord_party_name(p));
	lua_setfield(L, -2, "name");
	lua_pushstring(L, accord_party_role(p));
	lua_setfield(L, -2, "role");
	lua_createtable(L, (int)accord_party_group_count(p), 0);
	for (j = 0; j < accord_party_group_count(p); j++) {
		lua_pushstring(L, accord_party_group(p, j));
		lua_rawseti(L, -2, (lua_Integer)j + 1);
	}
	lua_setfield(L, -2, "groups");
}

/* ---- loading ---------------------------------------------------------------- */

/* Builds the read-only roster table (protected). Argument: the pack. */
static int build_roster(lua_State *L)
{
	accord_pack *P = lua_touserdata(L, 1);
	const accord_roster *R = P->roster;
	size_t i, n = accord_roster_party_count(R);

	lua_createtable(L, 0, 6);
	if (accord_roster_body(R)) {
		lua_pushstring(L, accord_roster_body(R));
		lua_setfield(L, -2, "body");
	}
	lua_newtable(L);
	for (i = 0; i < accord_roster_role_count(R); i++) {
		const char *description;
		const char *id = accord_roster_role(R, i, &description);
		lua_pushstring(L, description);
		lua_setfield(L, -2, id);
	}
	lua_setfield(L, -2, "roles");
	lua_newtable(L);
	for (i = 0; i < accord_roster_group_count(R); i++) {
		const char *description;
		const char *id = accord_roster_group(R, i, &description);
		lua_pushstring(L, description);
		lua_setfield(L, -2, id);
	}
	lua_setfield(L, -2, "groups");
	lua_createtable(L, 0, (int)n);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		const accord_party *p = accord_roster_party(R, i);
		accord_lua_push_party(L, p);
		lua_setfield(L, -3, accord_party_code(p));
		lua_pushstring(L, accord_party_code(p));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -3, "codes");
	lua_setfield(L, -2, "parties");
	lua_pushinteger(L, (lua_Integer)n);
	lua_setfield(L, -2, "count");
	accord_lua_make_readonly(L, 4);
	P->roster_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* Keeps the pack table (protected). Arguments: the pack, the table. */
static int keep_pack(lua_State *L)
{
	accord_pack *P = lua_touserdata(L, 1);
	lua_settop(L, 2);
	P->pack_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

static int load_common(accord_pack **out, const char *path, const char *data, size_t len,
	const accord_pack_options *opts, accord_error *err)
{
	accord_pack_options defaults = ACCORD_PACK_OPTIONS_INIT;
	accord_lua_options lopts = ACCORD_LUA_OPTIONS_INIT;
	accord_buf lib_dir = ACCORD_BUF_INIT;
	accord_pack *P = NULL;
	lua_State *L;
	const char *name;
	int rc = 0;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_load: out is NULL");
	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if (opts->version != ACCORD_PACK_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_load: unknown options version");
	name = opts->name ? opts->name : (path ? path : "pack");
	P = accord_calloc(1, sizeof(*P));
	if (P == NULL || (P->name = accord_strdup(name)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	P->pack_ref = LUA_NOREF;
	P->roster_ref = LUA_NOREF;
	P->roster = opts->roster;
	if (opts->lib_dir != NULL) {
		rc = accord_buf_puts(&lib_dir, opts->lib_dir);
		if (rc != 0) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto cleanup;
		}
	} else {
		/* the pack's lib/, then the shipped helpers wherever the packs are installed */
		char *search = NULL;
		if ((rc = accord_workflow_lib_path(&search, path, err)) != 0)
			goto cleanup;
		rc = accord_buf_puts(&lib_dir, search);
		accord_free(search);
		if (rc != 0) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
			goto cleanup;
		}
	}
	lopts.memory_limit = opts->memory_limit ? opts->memory_limit : ACCORD_LUA_DEFAULT_MEMORY;
	lopts.instruction_limit = opts->instruction_limit ? opts->instruction_limit : ACCORD_LUA_DEFAULT_INSTRUCTIONS;
	lopts.lib_dir = lib_dir.ptr;
	if ((rc = accord_lua_new(&P->S, &lopts, err)) != 0)
		goto cleanup;
	L = accord_lua_state(P->S);
	if (path != NULL)
		rc = accord_lua_dofile(P->S, path, name, 1, err);
	else
		rc = accord_lua_dostring(P->S, name, data, len, 1, err);
	if (rc != 0)
		goto cleanup;
	if (lua_type(L, -1) != LUA_TTABLE) {
		rc = accord_error_set(err, ACCORD_ESCHEMA, "a rule pack returns a table (this one returned a %s)",
			luaL_typename(L, -1));
		accord_error_at(err, name, 0, 0);
		lua_pop(L, 1);
		goto cleanup;
	}
	lua_pushcfunction(L, keep_pack);
	lua_insert(L, -2);
	lua_pushlightuserdata(L, P);
	lua_insert(L, -2);
	if ((rc = accord_lua_pcall(P->S, 2, 0, err)) != 0)
		goto cleanup;
	if (P->roster != NULL) {
		lua_pushcfunction(L, build_roster);
		lua_pushlightuserdata(L, P);
		if ((rc = accord_lua_pcall(P->S, 1, 0, err)) != 0)
			goto cleanup;
	}
	*out = P;
	P = NULL;
cleanup:
	accord_buf_dispose(&lib_dir);
	accord_pack_free(P);
	return rc;
}

int accord_pack_load(accord_pack **out, const char *path, const accord_pack_options *opts, accord_error *err)
{
	if (path == NULL) {
		if (out)
			*out = NULL;
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_load: path is NULL");
	}
	return load_common(out, path, NULL, 0, opts, err);
}

int accord_pack_load_string(accord_pack **out, const char *data, size_t len, const accord_pack_options *opts,
	accord_error *err)
{
	return load_common(out, NULL, data, len, opts, err);
}

void accord_pack_free(accord_pack *pack)
{
	if (pack == NULL)
		return;
	accord_lua_free(pack->S);
	accord_free(pack->name);
	accord_free(pack);
}

accord_lua *accord_pack_runtime(accord_pack *pack)
{
	return pack ? pack->S : NULL;
}

void accord_pack_push(accord_pack *pack)
{
	lua_rawgeti(accord_lua_state(pack->S), LUA_REGISTRYINDEX, pack->pack_ref);
}

void accord_pack_push_roster(accord_pack *pack)
{
	lua_State *L = accord_lua_state(pack->S);
	if (pack->roster_ref == LUA_NOREF)
		lua_pushnil(L);
	else
		lua_rawgeti(L, LUA_REGISTRYINDEX, pack->roster_ref);
}

const accord_roster *accord_pack_roster(const accord_pack *pack)
{
	return pack ? pack->roster : NULL;
}

/* ---- calling rules -------------------------------------------------------------- */

/* Raw t[key] with t at idx (protected callers only). [-0, +1, m] */
static int raw_field(lua_State *L, int idx, const char *key)
{
	idx = lua_absindex(L, idx);
	lua_pushstring(L, key);
	return lua_rawget(L, idx);
}

typedef struct call_setup {
	accord_pack *pack;
	const char *function;           /* pack field to call */
	const char *party;              /* may_*: roster code */
	const accord_stance *stances;   /* decide */
	size_t count;
	const accord_rule_context *ctx;
	int nresults;                   /* results of the rule left on the stack */
	accord_decision *decision;      /* decide: where the result is read into */
	int reading;                    /* set while the result is read (its errors are ESCHEMA) */
	int no_party;                   /* the party is not in the roster: nothing was called */
	accord_rule_ctx_extend extend;  /* adds to ctx (accord_pack_decide_with), or NULL */
	void *extend_data;
} call_setup;

static void push_ctx(lua_State *L, accord_pack *P, const accord_rule_context *ctx)
{
	lua_createtable(L, 0, 5);
	if (ctx != NULL) {
		if (ctx->stage) {
			lua_pushstring(L, ctx->stage);
			lua_setfield(L, -2, "stage");
		}
		lua_pushboolean(L, ctx->important);
		lua_setfield(L, -2, "important");
		lua_pushboolean(L, ctx->new_item);
		lua_setfield(L, -2, "new_item");
		if (ctx->chair) {
			lua_pushstring(L, ctx->chair);
			lua_setfield(L, -2, "chair");
		}
	}
	accord_pack_push_roster(P);
	lua_setfield(L, -2, "roster");
}

/* Reads the decision table at idx into d, raising on a malformed one. */
static void read_decision(lua_State *L, int idx, accord_decision *d)
{
	int i;

	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE)
		luaL_error(L, "decide must return a table (got a %s)", luaL_typename(L, idx));
	raw_field(L, idx, "outcome");
	i = accord_session_outcome_from_name(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
	if (i < 0 || i == ACCORD_SESSION_AGREED_AD_REF) /* the store's reserve rule, not a pack's outcome */
		luaL_error(L, "decide: outcome must be agreed, bracketed, rejected or vote");
	d->outcome = (accord_outcome)i;
	lua_pop(L, 1);
	if (raw_field(L, idx, "result") == LUA_TSTRING) {
		size_t len;
		const char *result = lua_tolstring(L, -1, &len);
		if (len >= sizeof(d->result) || accord_utf8_check(result, len, NULL) != ACCORD_OK)
			luaL_error(L, "decide: result must be UTF-8 text of at most %d bytes", (int)sizeof(d->result) - 1);
		memcpy(d->result, result, len + 1);
	} else if (d->outcome == ACCORD_OUTCOME_VOTE && !lua_isnil(L, -1)) {
		luaL_error(L, "decide: result must be a string");
	}
	lua_pop(L, 1);
	if (raw_field(L, idx, "tally") != LUA_TTABLE)
		luaL_error(L, "decide: tally must be a table");
	for (i = 0; i < ACCORD_POS_COUNT; i++) {
		raw_field(L, -1, accord_position_name((accord_position)i));
		d->tally[i] = lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0 ? (unsigned)lua_tointeger(L, -1) : 0;
		lua_pop(L, 1);
	}
	raw_field(L, -1, "yes");
	d->yes = lua_isinteger(L, -1) ? (unsigned)lua_tointeger(L, -1) : 0;
	raw_field(L, -2, "no");
	d->no = lua_isinteger(L, -1) ? (unsigned)lua_tointeger(L, -1) : 0;
	lua_pop(L, 3);
	/* the note last, whole (nothing after it raises, so it is never lost) */
	if (raw_field(L, idx, "note") == LUA_TSTRING) {
		size_t len;
		const char *note = lua_tolstring(L, -1, &len);
		if (accord_utf8_check(note, len, NULL) != ACCORD_OK)
			luaL_error(L, "decide: note must be UTF-8 text");
		accord_lua_count_out(L, len, "decide's note");
		if ((d->note = accord_strndup(note, len)) == NULL)
			luaL_error(L, "not enough memory");
	}
	lua_pop(L, 1);
}

void accord_decision_dispose(accord_decision *d)
{
	if (d != NULL) {
		accord_free(d->note);
		d->note = NULL;
	}
}

/*
** Builds the arguments, calls the rule and, for decide, reads the
** decision, all in one protected call under the budget. Argument: the setup.
*/
static int run_rule(lua_State *L)
{
	call_setup *c = lua_touserdata(L, 1);
	size_t i;

	lua_settop(L, 0);
	accord_pack_push(c->pack);
	if (raw_field(L, 1, c->function) != LUA_TFUNCTION)
		return luaL_error(L, "%s: the pack has no function '%s'", c->pack->name, c->function);
	lua_remove(L, 1);
	if (c->party != NULL) {
		accord_pack_push_roster(c->pack);
		if (lua_isnil(L, -1))
			return luaL_error(L, "%s: no roster", c->pack->name);
		lua_getfield(L, -1, "parties"); /* read-only proxies: through __index */
		lua_getfield(L, -1, c->party);
		if (lua_isnil(L, -1)) {
			c->no_party = 1;
			lua_settop(L, 0);
			for (i = 0; i < (size_t)c->nresults; i++)
				lua_pushnil(L);
			return c->nresults;
		}
		lua_replace(L, -3);
		lua_pop(L, 1);
	} else {
		lua_createtable(L, 0, (int)c->count);
		for (i = 0; i < c->count; i++) {
			lua_pushstring(L, accord_position_name(c->stances[i].position));
			lua_setfield(L, -2, c->stances[i].party);
		}
	}
	push_ctx(L, c->pack, c->ctx);
	if (c->extend != NULL)
		c->extend(L, c->extend_data);
	lua_call(L, 2, c->nresults);
	if (c->decision != NULL) {
		c->reading = 1;
		read_decision(L, -1, c->decision);
		return 0;
	}
	return c->nresults;
}

/* Calls a rule as set up, leaving setup->nresults results (none for decide). */
static int call_rule(call_setup *setup, accord_error *err)
{
	lua_State *L = accord_lua_state(setup->pack->S);
	int rc;

	lua_settop(L, 0);
	lua_pushcfunction(L, run_rule);
	lua_pushlightuserdata(L, setup);
	rc = accord_lua_pcall(setup->pack->S, 1, setup->decision ? 0 : setup->nresults, err);
	if (rc == 0 && setup->no_party) {
		lua_settop(L, 0);
		return accord_error_set(err, ACCORD_ENOTFOUND, "no party '%s' in the roster", setup->party);
	}
	if (rc == ACCORD_ESCRIPT && setup->reading) {
		if (err != NULL)
			err->code = ACCORD_ESCHEMA;
		rc = ACCORD_ESCHEMA;
	}
	return rc;
}

int accord_pack_decide(accord_decision *out, accord_pack *pack, const accord_stance *stances, size_t count,
	const accord_rule_context *ctx, accord_error *err)
{
	return accord_pack_decide_with(out, pack, stances, count, ctx, NULL, NULL, err);
}

int accord_pack_decide_with(accord_decision *out, accord_pack *pack, const accord_stance *stances, size_t count,
	const accord_rule_context *ctx, accord_rule_ctx_extend extend, void *data, accord_error *err)
{
	call_setup setup;
	size_t i;
	int rc;

	if (out == NULL || pack == NULL || (stances == NULL && count > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_decide: bad arguments");
	memset(out, 0, sizeof(*out));
	for (i = 0; i < count; i++)
		if (stances[i].party == NULL || (unsigned)stances[i].position >= ACCORD_POS_COUNT)
			return accord_error_set(err, ACCORD_EINVAL, "accord_pack_decide: bad stance %zu", i);
	memset(&setup, 0, sizeof(setup));
	setup.pack = pack;
	setup.function = "decide";
	setup.stances = stances;
	setup.count = count;
	setup.ctx = ctx;
	setup.nresults = 1;
	setup.decision = out;
	setup.extend = extend;
	setup.extend_data = data;
	rc = call_rule(&setup, err);
	if (rc != ACCORD_OK)
		accord_decision_dispose(out);
	return rc;
}

int accord_pack_may(int *allowed, accord_pack *pack, const char *action, const char *party,
	const accord_rule_context *ctx, accord_buf *reason, accord_error *err)
{
	call_setup setup;
	const char *function;
	lua_State *L;
	int rc;

	if (allowed == NULL || pack == NULL || action == NULL || party == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_may: bad arguments");
	*allowed = 0;
	if (strcmp(action, "propose") == 0)
		function = "may_propose";
	else if (strcmp(action, "object") == 0)
		function = "may_object";
	else if (strcmp(action, "vote") == 0)
		function = "may_vote";
	else
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_may: action is propose, object or vote");
	if (pack->roster == NULL)
		return accord_error_set(err, ACCORD_ENOTFOUND, "no party '%s': the pack has no roster", party);
	memset(&setup, 0, sizeof(setup));
	setup.pack = pack;
	setup.function = function;
	setup.party = party;
	setup.ctx = ctx;
	setup.nresults = 2;
	if ((rc = call_rule(&setup, err)) != 0)
		return rc;
	L = accord_lua_state(pack->S);
	if (lua_type(L, -2) != LUA_TBOOLEAN) {
		lua_pop(L, 2);
		return accord_error_set(err, ACCORD_ESCHEMA, "%s: %s must return true or false, reason", pack->name, function);
	}
	*allowed = lua_toboolean(L, -2);
	/* the reason is the pack's word on a refusal (an allowed action's second value is not one) */
	if (reason != NULL && !*allowed && lua_type(L, -1) == LUA_TSTRING)
		rc = accord_buf_puts(reason, lua_tostring(L, -1));
	lua_pop(L, 2);
	return rc;
}

/* ---- validation --------------------------------------------------------------- */

typedef struct checker {
	accord_pack *pack;
	accord_buf *problems;
	int count;
	char first[400];
} checker;

static void problem(checker *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void problem(checker *c, const char *fmt, ...)
{
	char line[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (c->count++ == 0)
		snprintf(c->first, sizeof(c->first), "%s", line);
	if (c->problems != NULL)
		accord_buf_printf(c->problems, "%s: %s\n", c->pack->name, line);
}

static int is_string_list(lua_State *L, int idx, int allow_empty)
{
	lua_Integer n, i;
	if (lua_type(L, idx) != LUA_TTABLE)
		return 0;
	n = (lua_Integer)lua_rawlen(L, idx);
	if (n == 0 && !allow_empty)
		return 0;
	for (i = 1; i <= n; i++) {
		int t = lua_rawgeti(L, idx, i);
		lua_pop(L, 1);
		if (t != LUA_TSTRING)
			return 0;
	}
	return 1;
}

/* Checks the fields of the pack (protected). Argument: the checker. */
static int check_fields(lua_State *L)
{
	checker *c = lua_touserdata(L, 1);
	const accord_roster *R = c->pack->roster;
	int pack, t, i;
	size_t k;
	lua_Integer n, s;

	accord_pack_push(c->pack);
	pack = lua_gettop(L);

	if (raw_field(L, pack, "api") != LUA_TNUMBER || lua_tointeger(L, -1) != 1)
		problem(c, "api: must be 1 (the version of the rule pack API)");
	lua_pop(L, 1);
	t = raw_field(L, pack, "name");
	if (t != LUA_TSTRING || lua_rawlen(L, -1) == 0 || strspn(lua_tostring(L, -1), "abcdefghijklmnopqrstuvwxyz0123456789_") != lua_rawlen(L, -1))
		problem(c, "name: must be a short id (a-z, 0-9, _)");
	lua_pop(L, 1);
	if (raw_field(L, pack, "body") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
		problem(c, "body: must be the name of the body (a string)");
	lua_pop(L, 1);
	raw_field(L, pack, "cites");
	if (!is_string_list(L, -1, 0))
		problem(c, "cites: must be a non-empty list of sources (strings)");
	lua_pop(L, 1);

	/* roles: id -> description or {name = ...} */
	if (raw_field(L, pack, "roles") != LUA_TTABLE || (lua_pushnil(L), lua_next(L, -2) == 0)) {
		problem(c, "roles: must be a non-empty table of role id -> description");
	} else {
		lua_pop(L, 2);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			if (lua_type(L, -2) != LUA_TSTRING || (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TTABLE))
				problem(c, "roles: each entry is id = \"description\" or id = {name = ...}");
			lua_pop(L, 1);
		}
		for (k = 0; k < accord_roster_role_count(R); k++) {
			const char *role = accord_roster_role(R, k, NULL);
			if (raw_field(L, -1, role) == LUA_TNIL)
				problem(c, "roles: the roster's role '%s' is unknown to this pack", role);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);

	for (i = 0; rule_functions[i] != NULL; i++) {
		if (raw_field(L, pack, rule_functions[i]) != LUA_TFUNCTION)
			problem(c, "%s: must be a function", rule_functions[i]);
		lua_pop(L, 1);
	}

	/* stages: list of {id, name, allows = {...}} */
	if (raw_field(L, pack, "stages") != LUA_TTABLE || (n = (lua_Integer)lua_rawlen(L, -1)) == 0) {
		problem(c, "stages: must be a non-empty list of {id = ..., name = ..., allows = {...}}");
	} else {
		for (s = 1; s <= n; s++) {
			lua_Integer m, j;
			if (lua_rawgeti(L, -1, s) != LUA_TTABLE) {
				problem(c, "stages[%d]: must be a table", (int)s);
				lua_pop(L, 1);
				continue;
			}
			if (raw_field(L, -1, "id") != LUA_TSTRING)
				problem(c, "stages[%d].id: must be a string", (int)s);
			else {
				/* the stack: stages, stages[s], its id; an earlier stage that is not a table or
				 * whose id is not a string cannot be a duplicate (and leaves the stack as it was) */
				int id = lua_gettop(L);
				lua_Integer u;
				for (u = 1; u < s; u++) {
					if (lua_rawgeti(L, id - 2, u) == LUA_TTABLE && raw_field(L, -1, "id") == LUA_TSTRING &&
					    lua_rawequal(L, -1, id))
						problem(c, "stages[%d].id: duplicate id '%s'", (int)s, lua_tostring(L, id));
					lua_settop(L, id);
				}
			}
			lua_pop(L, 1);
			if (raw_field(L, -1, "name") != LUA_TSTRING)
				problem(c, "stages[%d].name: must be a string", (int)s);
			lua_pop(L, 1);
			t = raw_field(L, -1, "back");
			if (t != LUA_TNIL && t != LUA_TBOOLEAN)
				problem(c, "stages[%d].back: must be a boolean (false: the session may not go back from it)", (int)s);
			lua_pop(L, 1);
			raw_field(L, -1, "allows");
			if (!is_string_list(L, -1, 1)) {
				problem(c, "stages[%d].allows: must be a list of actions", (int)s);
			} else {
				m = (lua_Integer)lua_rawlen(L, -1);
				for (j = 1; j <= m; j++) {
					lua_rawgeti(L, -1, j);
					if (!in_list(stage_actions, lua_tostring(L, -1)))
						problem(c, "stages[%d].allows: unknown action '%s' (propose, comment, object, decide, vote, amend, merge, report, rule)",
							(int)s, lua_tostring(L, -1));
					lua_pop(L, 1);
				}
			}
			lua_pop(L, 2);
		}
	}
	lua_pop(L, 1);
	t = raw_field(L, pack, "stages_back");
	if (t != LUA_TNIL && t != LUA_TBOOLEAN)
		problem(c, "stages_back: must be a boolean (false: stages move forward only)");
	lua_pop(L, 1);
	t = raw_field(L, pack, "may_supersede");
	if (t != LUA_TNIL && t != LUA_TFUNCTION)
		problem(c, "may_supersede: must be a function (party, ctx) -> boolean [, reason]");
	lua_pop(L, 1);
	if (raw_field(L, pack, "unagreed") != LUA_TSTRING || !in_list(unagreed_fates, lua_tostring(L, -1)))
		problem(c, "unagreed: must be \"drop\", \"bracket\" or \"divergent\" (unagreed text at the end)");
	lua_pop(L, 1);
	t = raw_field(L, pack, "renumber");
	if (t != LUA_TNIL && (t != LUA_TSTRING || !in_list(renumber_times, lua_tostring(L, -1))))
		problem(c, "renumber: must be \"adoption\" or \"revision\" (when a revision's lists are renumbered)");
	lua_pop(L, 1);

	/* decision: {rule = "...", description = "..."} */
	if (raw_field(L, pack, "decision") != LUA_TTABLE) {
		problem(c, "decision: must be a table {rule = ..., description = ...}");
	} else {
		if (raw_field(L, -1, "rule") != LUA_TSTRING)
			problem(c, "decision.rule: must be a string");
		lua_pop(L, 1);
		if (raw_field(L, -1, "description") != LUA_TSTRING)
			problem(c, "decision.description: must be a string");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);

	/* brackets: style + functions */
	if (raw_field(L, pack, "brackets") != LUA_TTABLE) {
		problem(c, "brackets: must be a table");
	} else {
		if (raw_field(L, -1, "style") != LUA_TSTRING)
			problem(c, "brackets.style: must be a string");
		lua_pop(L, 1);
		for (i = 0; bracket_functions[i] != NULL; i++) {
			if (raw_field(L, -1, bracket_functions[i]) != LUA_TFUNCTION)
				problem(c, "brackets.%s: must be a function", bracket_functions[i]);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);

	/* vocabulary: optional list of {phrase, kind, addressee} */
	t = raw_field(L, pack, "vocabulary");
	if (t != LUA_TNIL) {
		if (t != LUA_TTABLE) {
			problem(c, "vocabulary: must be a list of {phrase = ..., kind = ...}");
		} else {
			n = (lua_Integer)lua_rawlen(L, -1);
			for (s = 1; s <= n; s++) {
				const char *kind;
				if (lua_rawgeti(L, -1, s) != LUA_TTABLE) {
					problem(c, "vocabulary[%d]: must be a table", (int)s);
					lua_pop(L, 1);
					continue;
				}
				if (raw_field(L, -1, "phrase") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
					problem(c, "vocabulary[%d].phrase: must be a non-empty string", (int)s);
				lua_pop(L, 1);
				raw_field(L, -1, "kind");
				kind = lua_tostring(L, -1);
				if (kind == NULL || (strcmp(kind, "preambular") != 0 && strcmp(kind, "operative") != 0))
					problem(c, "vocabulary[%d].kind: must be \"preambular\" or \"operative\"", (int)s);
				lua_pop(L, 2);
			}
		}
	}
	lua_pop(L, 2);
	return 0;
}

/* Sample calls of may_* for one party of each role, and of decide. */
/*
** Calls each bracket function with sample arguments (protected, under the
** budget); a result that is not a string is a problem. Argument: the checker.
*/
static int sample_brackets(lua_State *L)
{
	checker *c = lua_touserdata(L, 1);
	int i, nargs;

	accord_pack_push(c->pack);
	raw_field(L, -1, "brackets");
	for (i = 0; bracket_functions[i] != NULL; i++) {
		const char *name = bracket_functions[i];
		raw_field(L, -1, name);
		if (strcmp(name, "replacement") == 0) {
			lua_pushliteral(L, "old text");
			lua_pushliteral(L, "new text");
			lua_createtable(L, 1, 0);
			lua_pushliteral(L, "USA");
			lua_rawseti(L, -2, 1);
			nargs = 3;
		} else if (strcmp(name, "alternatives") == 0) {
			lua_createtable(L, 2, 0);
			lua_pushliteral(L, "first text");
			lua_rawseti(L, -2, 1);
			lua_pushliteral(L, "second text");
			lua_rawseti(L, -2, 2);
			nargs = 1;
		} else if (strcmp(name, "attribution") == 0) {
			lua_createtable(L, 1, 0);
			lua_pushliteral(L, "USA");
			lua_rawseti(L, -2, 1);
			lua_pushliteral(L, "text");
			nargs = 2;
		} else if (strcmp(name, "new_label") == 0) {
			lua_pushliteral(L, "4");
			lua_pushinteger(L, 1);
			nargs = 2;
		} else {
			lua_pushliteral(L, "text");
			lua_createtable(L, 1, 0);
			lua_pushliteral(L, "USA");
			lua_rawseti(L, -2, 1);
			nargs = strcmp(name, "ad_ref") == 0 ? 1 : 2;
			if (nargs == 1)
				lua_pop(L, 1);
		}
		lua_call(L, nargs, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			problem(c, "brackets.%s: must return a string (got a %s)", name, luaL_typename(L, -1));
		lua_pop(L, 1);
	}
	return 0;
}

/* Adds the vocabulary to a scratch vocabulary: a malformed entry is a problem. */
static void sample_vocabulary(checker *c)
{
	accord_vocab *vocab = NULL;
	accord_error err;
	if (accord_vocab_new(&vocab) != 0)
		return;
	if (accord_pack_add_vocabulary(c->pack, vocab, &err) != 0)
		problem(c, "vocabulary: %s", err.message);
	accord_vocab_free(vocab);
}

static int sample_calls(checker *c, accord_error *err)
{
	const accord_roster *R = c->pack->roster;
	accord_stance *stances = NULL;
	accord_decision decision;
	accord_rule_context ctx = {NULL, 0, 0, NULL};
	size_t i, k, n = accord_roster_party_count(R);
	static const char *const actions[] = {"propose", "object", "vote"};
	int rc = 0;

	if (R == NULL) {
		/*
		** Without a roster, decide is still called (no positions) so that a
		** decision that is not one is found as a session would find it; a
		** rule that needs the roster may fail here, which is not held against it.
		*/
		rc = accord_pack_decide(&decision, c->pack, NULL, 0, &ctx, err);
		if (rc == ACCORD_ESCHEMA)
			problem(c, "decide: %s", err ? err->message : "bad result");
		accord_decision_dispose(&decision);
		accord_error_clear(err);
		return 0;
	}
	for (k = 0; k < accord_roster_role_count(R); k++) {
		const char *role = accord_roster_role(R, k, NULL);
		for (i = 0; i < n; i++) {
			const accord_party *p = accord_roster_party(R, i);
			size_t a;
			if (strcmp(accord_party_role(p), role) != 0)
				continue;
			for (a = 0; a < 3; a++) {
				int allowed;
				rc = accord_pack_may(&allowed, c->pack, actions[a], accord_party_code(p), &ctx, NULL, err);
				if (rc == ACCORD_ESCHEMA) {
					problem(c, "%s", err ? err->message : "may_* returns true or false, reason");
					rc = 0;
				} else if (rc != 0) {
					goto cleanup;
				}
			}
			break;
		}
	}
	stances = accord_calloc(n ? n : 1, sizeof(*stances));
	if (stances == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		stances[i].party = accord_party_code(accord_roster_party(R, i));
		stances[i].position = ACCORD_POS_SUPPORT;
	}
	rc = accord_pack_decide(&decision, c->pack, stances, n, &ctx, err);
	if (rc == ACCORD_ESCHEMA) {
		problem(c, "decide: %s", err ? err->message : "bad result");
		rc = 0;
	} else if (rc == 0 && decision.outcome != ACCORD_OUTCOME_AGREED) {
		problem(c, "decide: support by every party must give \"agreed\" (got \"%s\")",
			accord_session_outcome_name(decision.outcome));
	}
	accord_decision_dispose(&decision);
cleanup:
	accord_free(stances);
	return rc;
}

int accord_pack_validate(accord_pack *pack, accord_buf *problems, accord_error *err)
{
	lua_State *L;
	checker c;
	int rc;

	if (pack == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_validate: pack is NULL");
	memset(&c, 0, sizeof(c));
	c.pack = pack;
	c.problems = problems;
	L = accord_lua_state(pack->S);
	lua_settop(L, 0);
	lua_pushcfunction(L, check_fields);
	lua_pushlightuserdata(L, &c);
	if ((rc = accord_lua_pcall(pack->S, 1, 0, err)) != 0)
		return rc;
	if (c.count == 0) {
		lua_settop(L, 0);
		lua_pushcfunction(L, sample_brackets);
		lua_pushlightuserdata(L, &c);
		if ((rc = accord_lua_pcall(pack->S, 1, 0, err)) != 0)
			return rc;
		sample_vocabulary(&c);
	}
	if (c.count == 0 && (rc = sample_calls(&c, err)) != 0)
		return rc;
	if (c.count > 0) {
		accord_error_set(err, ACCORD_ESCHEMA, "not a valid rule pack: %s%s", c.first,
			c.count > 1 ? " (and more)" : "");
		accord_error_at(err, pack->name, 0, 0);
		return ACCORD_ESCHEMA;
	}
	return 0;
}

/* ---- summary ------------------------------------------------------------------ */

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Writes the summary (protected). Arguments: pack, buffer. */
static int write_summary(lua_State *L)
{
	accord_pack *P = lua_touserdata(L, 1);
	accord_buf *out = lua_touserdata(L, 2);
	int pack, rc = 0;
	lua_Integer n, i;

	accord_pack_push(P);
	pack = lua_gettop(L);
	raw_field(L, pack, "name");
	raw_field(L, pack, "body");
	rc |= accord_buf_printf(out, "pack:      %s\nbody:      %s\n", luaL_optstring(L, -2, "?"), luaL_optstring(L, -1, "?"));
	lua_pop(L, 2);
	if (raw_field(L, pack, "cites") == LUA_TTABLE) {
		n = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			rc |= accord_buf_printf(out, "%s %s\n", i == 1 ? "cites:    " : "          ", luaL_optstring(L, -1, "?"));
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if (raw_field(L, pack, "roles") == LUA_TTABLE) {
		/* in id order, so the summary is stable */
		const char **ids;
		size_t count = 0, k;
		lua_pushnil(L);
		while (lua_next(L, pack + 1)) {
			count++;
			lua_pop(L, 1);
		}
		ids = lua_newuserdatauv(L, (count ? count : 1) * sizeof(*ids), 0); /* at pack + 2 */
		count = 0;
		lua_pushnil(L);
		while (lua_next(L, pack + 1)) {
			lua_pop(L, 1);
			if (lua_type(L, -1) == LUA_TSTRING)
				ids[count++] = lua_tostring(L, -1); /* anchored in the roles table */
		}
		qsort(ids, count, sizeof(*ids), compare_strings);
		rc |= accord_buf_puts(out, "roles:\n");
		for (k = 0; k < count; k++) {
			const char *desc = NULL;
			int t = raw_field(L, pack + 1, ids[k]);
			if (t == LUA_TSTRING)
				desc = lua_tostring(L, -1);
			else if (t == LUA_TTABLE && raw_field(L, -1, "name") == LUA_TSTRING)
				desc = lua_tostring(L, -1);
			rc |= accord_buf_printf(out, "  %-20s %s\n", ids[k], desc ? desc : "");
			lua_settop(L, pack + 2);
		}
	}
	lua_settop(L, pack);
	if (raw_field(L, pack, "stages") == LUA_TTABLE) {
		rc |= accord_buf_puts(out, "stages:\n");
		n = (lua_Integer)lua_rawlen(L, -1);
		for (i = 1; i <= n; i++) {
			lua_Integer m, j;
			if (lua_rawgeti(L, -1, i) != LUA_TTABLE) {
				lua_pop(L, 1);
				continue;
			}
			raw_field(L, -1, "id");
			raw_field(L, -2, "name");
			rc |= accord_buf_printf(out, "  %d. %-22s %s [", (int)i, luaL_optstring(L, -2, "?"), luaL_optstring(L, -1, ""));
			lua_pop(L, 2);
			if (raw_field(L, -1, "allows") == LUA_TTABLE) {
				m = (lua_Integer)lua_rawlen(L, -1);
				for (j = 1; j <= m; j++) {
					lua_rawgeti(L, -1, j);
					rc |= accord_buf_printf(out, "%s%s", j > 1 ? ", " : "", luaL_optstring(L, -1, "?"));
					lua_pop(L, 1);
				}
			}
			rc |= accord_buf_puts(out, "]\n");
			lua_pop(L, 2);
		}
	}
	lua_settop(L, pack);
	raw_field(L, pack, "unagreed");
	rc |= accord_buf_printf(out, "unagreed:  %s\n", luaL_optstring(L, -1, "?"));
	lua_settop(L, pack);
	if (raw_field(L, pack, "decision") == LUA_TTABLE) {
		raw_field(L, -1, "rule");
		raw_field(L, -2, "description");
		rc |= accord_buf_printf(out, "decision:  %s: %s\n", luaL_optstring(L, -2, "?"), luaL_optstring(L, -1, ""));
	}
	lua_settop(L, pack);
	if (raw_field(L, pack, "brackets") == LUA_TTABLE) {
		raw_field(L, -1, "style");
		rc |= accord_buf_printf(out, "brackets:  %s\n", luaL_optstring(L, -1, "?"));
	}
	lua_settop(L, pack);
	if (raw_field(L, pack, "vocabulary") == LUA_TTABLE)
		rc |= accord_buf_printf(out, "vocabulary: %d extra heading phrases\n", (int)lua_rawlen(L, -1));
	lua_settop(L, pack);
	if (P->roster != NULL)
		rc |= accord_buf_printf(out, "roster:    %zu parties, %zu roles, %zu groups\n", accord_roster_party_count(P->roster),
			accord_roster_role_count(P->roster), accord_roster_group_count(P->roster));
	if (rc != 0)
		return luaL_error(L, "out of memory");
	return 0;
}

int accord_pack_summary(accord_pack *pack, accord_buf *out, accord_error *err)
{
	lua_State *L;
	if (pack == NULL || out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_summary: bad arguments");
	L = accord_lua_state(pack->S);
	lua_settop(L, 0);
	lua_pushcfunction(L, write_summary);
	lua_pushlightuserdata(L, pack);
	lua_pushlightuserdata(L, out);
	return accord_lua_pcall(pack->S, 2, 0, err);
}

/* ---- vocabulary --------------------------------------------------------------------- */

/* Adds the pack's vocabulary to the accord_vocab (protected). Arguments: pack, vocab, rc out. */
static int add_vocabulary(lua_State *L)
{
	accord_pack *P = lua_touserdata(L, 1);
	accord_vocab *vocab = lua_touserdata(L, 2);
	int *rc = lua_touserdata(L, 3);
	lua_Integer n, i;

	accord_pack_push(P);
	if (raw_field(L, -1, "vocabulary") != LUA_TTABLE)
		return 0;
	n = (lua_Integer)lua_rawlen(L, -1);
	for (i = 1; i <= n && *rc == 0; i++) {
		const char *phrase, *kind;
		int addressee;
		if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
			return luaL_error(L, "vocabulary[%d]: must be a table", (int)i);
		raw_field(L, -1, "phrase");
		raw_field(L, -2, "kind");
		raw_field(L, -3, "addressee");
		phrase = lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3) : NULL;
		kind = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		addressee = lua_toboolean(L, -1);
		if (phrase == NULL || phrase[0] == '\0' || kind == NULL
			|| (strcmp(kind, "preambular") != 0 && strcmp(kind, "operative") != 0))
			return luaL_error(L, "vocabulary[%d]: needs a phrase and a kind (preambular or operative)", (int)i);
		accord_lua_count_out(L, strlen(phrase) + 16, "vocabulary"); /* an entry referenced n times counts n times */
		*rc = accord_vocab_add(vocab, phrase,
			strcmp(kind, "operative") == 0 ? ACCORD_KIND_OPERATIVE : ACCORD_KIND_PREAMBULAR, addressee);
		lua_pop(L, 4);
	}
	return 0;
}

int accord_pack_add_vocabulary(accord_pack *pack, accord_vocab *vocab, accord_error *err)
{
	lua_State *L;
	int rc = 0, status;

	if (pack == NULL || vocab == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_add_vocabulary: bad arguments");
	L = accord_lua_state(pack->S);
	lua_settop(L, 0);
	lua_pushcfunction(L, add_vocabulary);
	lua_pushlightuserdata(L, pack);
	lua_pushlightuserdata(L, vocab);
	lua_pushlightuserdata(L, &rc);
	status = accord_lua_pcall(pack->S, 3, 0, err);
	if (status == ACCORD_ESCRIPT) { /* a malformed entry */
		if (err != NULL)
			err->code = ACCORD_ESCHEMA;
		return ACCORD_ESCHEMA;
	}
	if (status != 0)
		return status;
	if (rc != 0)
		return accord_error_set(err, rc, "%s: cannot add the vocabulary (%s)", pack->name, accord_strerror(rc));
	return 0;
}

/* [-2, +0, m] pack (1), out (2): *out 1 when the pack's renumber is "revision". */
static int read_renumber(lua_State *L)
{
	accord_pack *pack = lua_touserdata(L, 1);
	int *out = lua_touserdata(L, 2);
	accord_pack_push(pack);
	*out = raw_field(L, -1, "renumber") == LUA_TSTRING && strcmp(lua_tostring(L, -1), "revision") == 0;
	return 0;
}

int accord_pack_renumbers(int *out, accord_pack *pack, accord_error *err)
{
	lua_State *L;
	int status;

	if (out != NULL)
		*out = 0;
	if (out == NULL || pack == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_renumbers: bad arguments");
	L = accord_lua_state(pack->S);
	lua_settop(L, 0);
	lua_pushcfunction(L, read_renumber);
	lua_pushlightuserdata(L, pack);
	lua_pushlightuserdata(L, out);
	status = accord_lua_pcall(pack->S, 2, 0, err);
	if (status != 0)
		*out = 0;
	return status;
}
