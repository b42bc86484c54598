/*
** bind_consolidate.c: the compilation in Lua (accord/consolidate.h).
**
**   accord.consolidate{base = DOC, contributions = C, amendments = L, names = N}
**       -> compilation | nil, message, code                          [-0, +1|3, m]
**     C: a list of {party = "USA", doc = DOC or path}, or a map {USA = DOC or path}
**        (taken in order of party code); L: an amendment list or a list of them
**        (accord.diff, accord.amendments); N: {USA = "United States"} for the legend.
**   compilation:render([format [, {pack = PACK, title = "..."}]]) -> string | nil, message, code
**       format: "text" (default), "md", "html", "json", "yaml"; with a rule pack,
**       its bracket convention (else the built-in UN one).
**   compilation:accept(party) -> doc | nil, message, code
**       the base with exactly that party's proposals (made or co-sponsored).
**   compilation:parties() -> {{code =, name =, color =, source =, amendments =}, ...}
**   compilation:close()  (also __gc, __close)
**
** The compilation keeps its base document alive; closing that document
** first makes the compilation unusable ("its base doc is closed").
*/
#include <string.h>

#include <lauxlib.h>

#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord_brackets.h"
#include "accord_lua.h"
#include "accord_pack.h"
#include "module_int.h"

#define COMPILATION_T "accord.compilation"
#define DOC_T "accord.doc"
#define LIST_T "accord.amendments"
#define PACK_T "accord.pack"

static int compilation_close(lua_State *L)
{
	accord_lua_compilation *box = luaL_checkudata(L, 1, COMPILATION_T);
	accord_compilation_free(box->c);
	box->c = NULL;
	accord_pack_brackets_free(box->brackets);
	box->brackets = NULL;
	return 0;
}

accord_lua_compilation *accord_lua_push_compilation(lua_State *L)
{
	accord_lua_compilation *box = lua_newuserdatauv(L, sizeof(*box), 1);
	box->c = NULL;
	box->brackets = NULL;
	luaL_setmetatable(L, COMPILATION_T);
	return box;
}

/* The compilation at idx, checking that it and its base are open. */
static accord_compilation *check_compilation(lua_State *L, int idx)
{
	accord_compilation *c = accord_lua_check_box(L, idx, COMPILATION_T, "compilation");
	/* A compilation on a doc of the caller's keeps it as its user value; one that owns its base
	 * (a session's) has none. */
	if (lua_getiuservalue(L, idx, 1) != LUA_TNIL) {
		accord_doc **base = lua_touserdata(L, -1);
		if (base == NULL || *base == NULL)
			luaL_error(L, "attempt to use a compilation whose base doc is closed");
	}
	lua_pop(L, 1);
	return c;
}

/* A document from a doc userdata or a path (parsed into a userdata left on the stack). */
static accord_doc *doc_arg(lua_State *L, int idx, const char *party, accord_error *err, int *rc)
{
	*rc = ACCORD_OK;
	if (lua_type(L, idx) == LUA_TSTRING) {
		accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
		accord_doc **box = lua_newuserdatauv(L, sizeof(*box), 0);
		*box = NULL;
		luaL_setmetatable(L, DOC_T);
		*rc = accord_doc_parse_file(box, lua_tostring(L, idx), &po, err);
		return *box;
	}
	if (luaL_testudata(L, idx, DOC_T) == NULL)
		luaL_error(L, "contribution of %s: a doc or a file name expected", party);
	lua_pushnil(L); /* keep the stack shape of the path case */
	return accord_lua_check_box(L, idx, DOC_T, "doc");
}

static int add_one(lua_State *L, accord_compilation *c, const char *party, int doc_idx, accord_error *err)
{
	int rc;
	accord_doc *doc;
	doc_idx = lua_absindex(L, doc_idx);
	doc = doc_arg(L, doc_idx, party, err, &rc);
	if (rc == ACCORD_OK)
		rc = accord_compilation_add_contribution(c, party, doc,
			lua_type(L, doc_idx) == LUA_TSTRING ? lua_tostring(L, doc_idx) : NULL, err);
	lua_pop(L, 1);
	return rc;
}

static int sort_strings(lua_State *L)
{
	/* table.sort is not reachable from C without the library: a small insertion sort */
	lua_Integer n = luaL_len(L, 1), i, j;
	for (i = 2; i <= n; i++) {
		for (j = i; j > 1; j--) {
			const char *a, *b;
			lua_geti(L, 1, j - 1);
			lua_geti(L, 1, j);
			a = lua_tostring(L, -2);
			b = lua_tostring(L, -1);
			if (strcmp(a, b) <= 0) {
				lua_pop(L, 2);
				break;
			}
			lua_seti(L, 1, j - 1);
			lua_seti(L, 1, j);
		}
	}
	return 0;
}

/* accord.consolidate{...} */
static int l_consolidate(lua_State *L)
{
	accord_lua_compilation *box;
	accord_doc *base;
	accord_error err;
	int rc = ACCORD_OK;

	luaL_checktype(L, 1, LUA_TTABLE);
	accord_error_clear(&err);
	lua_getfield(L, 1, "base");
	base = accord_lua_check_box(L, -1, DOC_T, "doc");
	box = accord_lua_push_compilation(L); /* [base, box] */
	lua_pushvalue(L, -2);
	lua_setiuservalue(L, -2, 1);
	if ((rc = accord_compilation_new(&box->c, base, &err)) != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);

	if (lua_getfield(L, 1, "contributions") == LUA_TTABLE) {
		int t = lua_gettop(L);
		if (luaL_len(L, t) > 0) {
			lua_Integer i, n = luaL_len(L, t);
			for (i = 1; i <= n && rc == ACCORD_OK; i++) {
				const char *party;
				if (lua_geti(L, t, i) != LUA_TTABLE)
					return luaL_error(L, "contributions[%d]: {party = ..., doc = ...} expected", (int)i);
				lua_getfield(L, -1, "party");
				party = lua_tostring(L, -1);
				if (party == NULL)
					return luaL_error(L, "contributions[%d]: no party", (int)i);
				lua_getfield(L, -2, "doc");
				rc = add_one(L, box->c, party, -1, &err);
				lua_pop(L, 3);
			}
		} else {
			/* a map: in order of party code */
			lua_Integer i, n;
			lua_newtable(L);
			lua_pushnil(L);
			while (lua_next(L, t) != 0) {
				lua_pop(L, 1);
				if (lua_type(L, -1) != LUA_TSTRING)
					return luaL_error(L, "contributions: party codes are strings");
				lua_pushvalue(L, -1);
				lua_seti(L, t + 1, luaL_len(L, t + 1) + 1);
			}
			lua_pushcfunction(L, sort_strings);
			lua_pushvalue(L, t + 1);
			lua_call(L, 1, 0);
			n = luaL_len(L, t + 1);
			for (i = 1; i <= n && rc == ACCORD_OK; i++) {
				const char *party;
				lua_geti(L, t + 1, i);
				party = lua_tostring(L, -1);
				lua_pushvalue(L, -1);
				lua_gettable(L, t);
				rc = add_one(L, box->c, party, -1, &err);
				lua_pop(L, 2);
			}
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		return luaL_error(L, "contributions: a table expected");
	}
	lua_pop(L, 1);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);

	if (lua_getfield(L, 1, "amendments") != LUA_TNIL) {
		if (luaL_testudata(L, -1, LIST_T) != NULL) {
			rc = accord_compilation_add_amendments(box->c, accord_lua_check_box(L, -1, LIST_T, "amendment list"), &err);
		} else if (lua_type(L, -1) == LUA_TTABLE) {
			lua_Integer i, n = luaL_len(L, -1);
			for (i = 1; i <= n && rc == ACCORD_OK; i++) {
				lua_geti(L, -1, i);
				rc = accord_compilation_add_amendments(box->c, accord_lua_check_box(L, -1, LIST_T, "amendment list"),
					&err);
				lua_pop(L, 1);
			}
		} else {
			return luaL_error(L, "amendments: an amendment list or a list of them expected");
		}
	}
	lua_pop(L, 1);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);

	if (lua_getfield(L, 1, "names") == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2) != 0) {
			if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING &&
			    accord_compilation_set_party_info(box->c, lua_tostring(L, -2), lua_tostring(L, -1), NULL) == ACCORD_ENOMEM)
				return luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
	if ((rc = accord_compilation_build(box->c, &err)) != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* compilation:render([format [, opts]]) */
static int compilation_render(lua_State *L)
{
	accord_compilation *c = check_compilation(L, 1);
	const char *name = luaL_optstring(L, 2, "text");
	int format = accord_format_from_name(name);
	accord_compilation_render_options ro = ACCORD_COMPILATION_RENDER_OPTIONS_INIT;
	accord_pack_brackets *pb = NULL;
	accord_error err;
	accord_buf *out;
	int rc;

	if (format < 0 || format == ACCORD_FORMAT_AUTO)
		return luaL_argerror(L, 2, lua_pushfstring(L, "unknown format '%s' (text, md, html, json, yaml, docx)", name));
	accord_error_clear(&err);
	lua_settop(L, 3);
	out = accord_lua_push_temp_buf(L); /* before anything that owns memory: pushing may raise */
	if (!lua_isnoneornil(L, 3)) {
		luaL_checktype(L, 3, LUA_TTABLE);
		if (lua_getfield(L, 3, "title") != LUA_TNIL)
			ro.title = luaL_checkstring(L, -1); /* kept alive by the table */
		lua_pop(L, 1);
		if (lua_getfield(L, 3, "pack") != LUA_TNIL) {
			accord_pack *pack = accord_lua_check_box(L, -1, PACK_T, "pack");
			lua_pop(L, 1);
			if ((rc = accord_pack_brackets_load(&pb, pack, &err)) != ACCORD_OK)
				return accord_lua_push_failure(L, &err, rc);
			ro.brackets = accord_pack_brackets_get(pb);
		} else {
			lua_pop(L, 1);
		}
	}
	if (ro.brackets == NULL) { /* a session's compilation: its pack's convention */
		const accord_lua_compilation *box = lua_touserdata(L, 1);
		if (box->brackets != NULL)
			ro.brackets = accord_pack_brackets_get(box->brackets);
	}
	rc = accord_compilation_render(out, c, (accord_format)format, &ro, &err);
	accord_pack_brackets_free(pb);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, out->ptr ? out->ptr : "", out->size);
	accord_buf_dispose(out);
	return 1;
}

/* compilation:accept(party) */
static int compilation_accept(lua_State *L)
{
	accord_compilation *c = check_compilation(L, 1);
	const char *party = luaL_checkstring(L, 2);
	accord_doc **box;
	accord_error err;
	int rc;
	accord_error_clear(&err);
	box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, DOC_T);
	rc = accord_compilation_accept(box, c, party, &err);
	if (rc != ACCORD_OK)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* compilation:parties() */
static int compilation_parties(lua_State *L)
{
	accord_compilation *c = check_compilation(L, 1);
	size_t i, n = accord_compilation_party_count(c);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_createtable(L, 0, 5);
		lua_pushstring(L, accord_compilation_party(c, i));
		lua_setfield(L, -2, "code");
		lua_pushstring(L, accord_compilation_party_name(c, i));
		lua_setfield(L, -2, "name");
		lua_pushstring(L, accord_compilation_party_color(c, i));
		lua_setfield(L, -2, "color");
		if (accord_compilation_party_source(c, i) != NULL) {
			lua_pushstring(L, accord_compilation_party_source(c, i));
			lua_setfield(L, -2, "source");
		}
		lua_pushinteger(L, (lua_Integer)accord_compilation_party_amendments(c, i));
		lua_setfield(L, -2, "amendments");
		lua_seti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int compilation_tostring(lua_State *L)
{
	accord_lua_compilation *box = luaL_checkudata(L, 1, COMPILATION_T);
	if (box->c == NULL)
		lua_pushliteral(L, "accord.compilation (closed)");
	else
		lua_pushfstring(L, "accord.compilation (%d parties, %d amendments)",
			(int)accord_compilation_party_count(box->c), (int)accord_compilation_amendment_count(box->c));
	return 1;
}

void accord_bind_consolidate(lua_State *L)
{
	static const luaL_Reg methods[] = {{"render", compilation_render}, {"accept", compilation_accept},
		{"parties", compilation_parties}, {"close", compilation_close}, {NULL, NULL}};
	static const luaL_Reg meta[] = {{"__gc", compilation_close}, {"__close", compilation_close},
		{"__tostring", compilation_tostring}, {NULL, NULL}};
	if (luaL_newmetatable(L, COMPILATION_T)) {
		luaL_setfuncs(L, meta, 0);
		luaL_newlib(L, methods);
		lua_setfield(L, -2, "__index");
	}
	lua_pop(L, 1);
	lua_pushcfunction(L, l_consolidate);
	lua_setfield(L, -2, "consolidate");
}
