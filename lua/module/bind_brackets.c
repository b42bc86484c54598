/*
** bind_brackets.c: bracketed negotiating texts (accord/bracketed.h) for
** Lua, in the built-in UN convention:
**
**   accord.brackets(doc [, {lenient = true}])  -> state | nil, message, code   [-0, +1|3, m]
**   accord.resolve_brackets(doc, take [, {party = P, lenient = true}])
**                                              -> doc | nil, message, code    [-0, +1|3, m]
**
** The state is a table: spans, groups, option_blocks, options, max_depth,
** agreed_words, open_words, parties (a list of codes), unbalanced (a list of
** {line, col, kind}) and paragraphs (a list of {id, label, spans, groups,
** max_depth, agreed_words, open_words} for those with brackets or in an
** option). take is "first", "last", "shortest" or "accept" (then party).
** Unbalanced brackets are a failure (ACCORD_EPARSE) unless lenient, which
** adds a warning to doc for each. Misuse raises.
*/
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "accord/bracketed.h"
#include "module_int.h"

#define DOC_T "accord.doc"
#define BRACKETED_T "accord.bracketed"

/* The reading, held by a userdata so that a raise while pushing the state frees it. */
static int bracketed_gc(lua_State *L)
{
	accord_bracketed **box = luaL_checkudata(L, 1, BRACKETED_T);
	accord_bracketed_free(*box);
	*box = NULL;
	return 0;
}

static void set_integer(lua_State *L, const char *key, lua_Integer value)
{
	lua_pushinteger(L, value);
	lua_setfield(L, -2, key);
}

/*
** Reads the brackets of the doc at 1 (options at opts_idx, may be none)
** into a new box on top; NULL after pushing a failure (*nret values).
*/
static accord_bracketed *read_brackets(lua_State *L, int opts_idx, int *nret)
{
	accord_doc *doc = accord_lua_check_box(L, 1, DOC_T, "doc");
	accord_bracket_read_options o = ACCORD_BRACKET_READ_OPTIONS_INIT;
	accord_bracketed **box;
	accord_error err;
	int rc;
	if (!lua_isnoneornil(L, opts_idx)) {
		luaL_checktype(L, opts_idx, LUA_TTABLE);
		lua_getfield(L, opts_idx, "lenient");
		o.lenient = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	o.name = accord_doc_origin(doc);
	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, BRACKETED_T);
	accord_error_clear(&err);
	if ((rc = accord_bracketed_read(box, doc, &o, &err)) != ACCORD_OK) {
		*nret = accord_lua_push_failure(L, &err, rc);
		return NULL;
	}
	return *box;
}

/* accord.brackets(doc [, opts]) */
static int l_brackets(lua_State *L)
{
	accord_bracketed *b;
	accord_bracket_totals t;
	size_t i, n = 0;
	int nret = 0;
	if ((b = read_brackets(L, 2, &nret)) == NULL)
		return nret;
	accord_bracketed_totals(b, &t);
	lua_createtable(L, 0, 12);
	set_integer(L, "spans", (lua_Integer)t.spans);
	set_integer(L, "groups", (lua_Integer)t.groups);
	set_integer(L, "option_blocks", (lua_Integer)t.option_blocks);
	set_integer(L, "options", (lua_Integer)t.options);
	set_integer(L, "max_depth", (lua_Integer)t.max_depth);
	set_integer(L, "agreed_words", (lua_Integer)t.agreed_words);
	set_integer(L, "open_words", (lua_Integer)t.open_words);
	lua_createtable(L, (int)accord_bracketed_party_count(b), 0);
	for (i = 0; i < accord_bracketed_party_count(b); i++) {
		lua_pushstring(L, accord_bracketed_party(b, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "parties");
	lua_createtable(L, (int)accord_bracketed_problem_count(b), 0);
	for (i = 0; i < accord_bracketed_problem_count(b); i++) {
		const accord_bracket_problem *p = accord_bracketed_problem(b, i);
		lua_createtable(L, 0, 3);
		set_integer(L, "line", p->line);
		set_integer(L, "col", p->col);
		lua_pushstring(L, p->kind);
		lua_setfield(L, -2, "kind");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "unbalanced");
	lua_newtable(L);
	for (i = 0; i < accord_bracketed_unit_count(b); i++) {
		const accord_bracket_unit *u = accord_bracketed_unit(b, i);
		if (u->kind != ACCORD_BRACKET_UNIT_PARA || (u->n_spans == 0 && u->option_block == 0))
			continue;
		lua_createtable(L, 0, 7);
		lua_pushstring(L, u->id);
		lua_setfield(L, -2, "id");
		lua_pushstring(L, u->label);
		lua_setfield(L, -2, "label");
		set_integer(L, "spans", (lua_Integer)u->n_spans);
		set_integer(L, "groups", (lua_Integer)u->n_groups);
		set_integer(L, "max_depth", (lua_Integer)u->max_depth);
		set_integer(L, "agreed_words", (lua_Integer)u->agreed_words);
		set_integer(L, "open_words", (lua_Integer)u->open_words);
		lua_rawseti(L, -2, (lua_Integer)++n);
	}
	lua_setfield(L, -2, "paragraphs");
	return 1;
}

/* accord.resolve_brackets(doc, take [, opts]) */
static int l_resolve_brackets(lua_State *L)
{
	static const char *const takes[] = {"first", "last", "shortest", "accept", NULL};
	static const accord_bracket_take codes[] = {ACCORD_TAKE_FIRST, ACCORD_TAKE_LAST, ACCORD_TAKE_SHORTEST,
		ACCORD_TAKE_PARTY};
	int take = luaL_checkoption(L, 2, NULL, takes), nret = 0, rc;
	const char *party = NULL;
	accord_bracketed *b;
	accord_doc **out;
	accord_error err;
	accord_lua_check_box(L, 1, DOC_T, "doc");
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		lua_getfield(L, 3, "party");
		party = lua_tostring(L, -1); /* stays on the stack, so alive */
	}
	if (codes[take] == ACCORD_TAKE_PARTY && party == NULL)
		return luaL_argerror(L, 3, "'accept' needs {party = CODE}");
	if ((b = read_brackets(L, 3, &nret)) == NULL)
		return nret;
	out = lua_newuserdatauv(L, sizeof(*out), 0);
	*out = NULL;
	luaL_setmetatable(L, DOC_T);
	accord_error_clear(&err);
	if ((rc = accord_bracketed_resolve(out, b, codes[take], party, &err)) != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

void accord_bind_brackets(lua_State *L)
{
	static const luaL_Reg meta[] = {{"__gc", bracketed_gc}, {NULL, NULL}};
	static const luaL_Reg module_functions[] = {
		{"brackets", l_brackets}, {"resolve_brackets", l_resolve_brackets}, {NULL, NULL}};
	luaL_newmetatable(L, BRACKETED_T);
	luaL_setfuncs(L, meta, 0);
	lua_pop(L, 1);
	luaL_setfuncs(L, module_functions, 0);
}
