/*
** bind_doc.c: documents, sections and paragraphs in Lua (doc.h, format.h).
**
** Userdata the way liolib.c does files: a closed box (a pointer, NULL when
** closed) gets its metatable before the C object is acquired; __gc and
** __close share one idempotent function; methods live in a separate
** __index table. Sections and paragraphs keep their document alive through
** their user value and raise "attempt to use a closed doc" once it is
** closed. Signatures and stack effects: docs/lua.md.
*/
#include <string.h>

#include <lauxlib.h>

#include "accord/doc.h"
#include "accord/format.h"
#include "accord_lua.h"
#include "module_int.h"

#define DOC_T "accord.doc"
#define SECTION_T "accord.section"
#define PARA_T "accord.para"

/* ---- boxes ------------------------------------------------------------------- */

static accord_doc **new_doc_box(lua_State *L)
{
	accord_doc **box = lua_newuserdatauv(L, sizeof(*box), 0);
	*box = NULL;
	luaL_setmetatable(L, DOC_T);
	return box;
}

static accord_doc *check_doc(lua_State *L, int idx)
{
	return accord_lua_check_box(L, idx, DOC_T, "doc");
}

/* A section or paragraph handle: its pointer, after checking its doc is open. */
static void *check_child(lua_State *L, int idx, const char *type)
{
	void **box = luaL_checkudata(L, idx, type);
	accord_doc **doc;
	lua_getiuservalue(L, idx, 1);
	doc = lua_touserdata(L, -1);
	lua_pop(L, 1);
	if (doc == NULL || *doc == NULL)
		luaL_error(L, "attempt to use a closed doc");
	return *box;
}

/* Pushes a handle for a section or paragraph of the doc at doc_idx (nil for NULL). */
static void push_child(lua_State *L, int doc_idx, void *object, const char *type)
{
	void **box;
	if (object == NULL) {
		lua_pushnil(L);
		return;
	}
	doc_idx = lua_absindex(L, doc_idx);
	box = lua_newuserdatauv(L, sizeof(*box), 1);
	*box = object;
	luaL_setmetatable(L, type);
	lua_pushvalue(L, doc_idx);
	lua_setiuservalue(L, -2, 1);
}

/* The document userdata a child handle at idx belongs to. [-0, +1, -] */
static void push_owner(lua_State *L, int idx)
{
	lua_getiuservalue(L, idx, 1);
}

/* __gc and __close: idempotent, NULLs the pointer. */
static int doc_close(lua_State *L)
{
	accord_doc **box = luaL_checkudata(L, 1, DOC_T);
	accord_doc_free(*box);
	*box = NULL;
	return 0;
}

static int push_optstring(lua_State *L, const char *s)
{
	if (s)
		lua_pushstring(L, s);
	else
		lua_pushnil(L);
	return 1;
}

/* ---- parsing and rendering ----------------------------------------------------- */

/* Reads parse options from the table at idx (raising on misuse). */
static void read_parse_options(lua_State *L, int idx, accord_parse_options *opts)
{
	if (lua_isnoneornil(L, idx))
		return;
	luaL_checktype(L, idx, LUA_TTABLE);
	if (lua_getfield(L, idx, "format") != LUA_TNIL) {
		const char *name = luaL_checkstring(L, -1);
		int format = accord_format_from_name(name);
		if (format < 0 || format == ACCORD_FORMAT_HTML)
			luaL_argerror(L, idx, lua_pushfstring(L, "unknown input format '%s'", name));
		opts->format = (accord_format)format;
	}
	if (lua_getfield(L, idx, "name") != LUA_TNIL)
		opts->name = luaL_checkstring(L, -1); /* kept alive by the options table */
	lua_getfield(L, idx, "generic");
	opts->force_generic = lua_toboolean(L, -1);
	lua_pop(L, 3);
}

/* accord.parse(text [, opts]) -> doc | nil, message, code */
static int l_parse(lua_State *L)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err = {0, "", "", 0, 0, 0};
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	accord_doc **box;
	int rc;

	opts.name = "-";
	read_parse_options(L, 2, &opts);
	box = new_doc_box(L);
	rc = accord_doc_parse(box, text, len, &opts, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* accord.parse_file(path [, opts]) -> doc | nil, message, code */
static int l_parse_file(lua_State *L)
{
	accord_parse_options opts = ACCORD_PARSE_OPTIONS_INIT;
	accord_error err = {0, "", "", 0, 0, 0};
	const char *path = luaL_checkstring(L, 1);
	accord_doc **box;
	int rc;

	read_parse_options(L, 2, &opts);
	box = new_doc_box(L);
	rc = accord_doc_parse_file(box, path, &opts, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	return 1;
}

/* accord.new([mode]) -> doc */
static int l_new(lua_State *L)
{
	static const char *const modes[] = {"opinion", "generic", NULL};
	int mode = luaL_checkoption(L, 1, "generic", modes);
	accord_doc **box = new_doc_box(L);
	if (accord_doc_new(box, (accord_doc_mode)mode) != 0)
		return luaL_error(L, "out of memory");
	return 1;
}

/* doc:render([format]) -> string | nil, message, code */
static int doc_render(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	const char *name = luaL_optstring(L, 2, "text");
	int format = accord_format_from_name(name);
	accord_error err = {0, "", "", 0, 0, 0};
	accord_buf *out;
	int rc;

	if (format < 0 || format == ACCORD_FORMAT_AUTO)
		return luaL_argerror(L, 2, lua_pushfstring(L, "unknown format '%s' (text, md, yaml, json, html, docx)", name));
	out = accord_lua_push_temp_buf(L);
	rc = accord_doc_render(out, doc, (accord_format)format, &err);
	if (rc != 0)
		return accord_lua_push_failure(L, &err, rc);
	lua_pushlstring(L, out->ptr ? out->ptr : "", out->size);
	accord_buf_dispose(out);
	return 1;
}

/* ---- documents ------------------------------------------------------------------- */

static int doc_clone(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	accord_doc **box = new_doc_box(L);
	if (accord_doc_clone(box, doc) != 0)
		return luaL_error(L, "out of memory");
	return 1;
}

static int doc_equal(lua_State *L)
{
	accord_doc *a = check_doc(L, 1);
	accord_doc *b = check_doc(L, 2);
	lua_pushboolean(L, accord_doc_equal(a, b));
	return 1;
}

static int doc_mode(lua_State *L)
{
	lua_pushstring(L, accord_doc_mode_name(accord_doc_mode_of(check_doc(L, 1))));
	return 1;
}

static int check_meta_field(lua_State *L, int idx)
{
	const char *name = luaL_checkstring(L, idx);
	int field = accord_meta_field_from_name(name);
	if (field < 0)
		return luaL_argerror(L, idx, lua_pushfstring(L, "unknown field '%s' (symbol, title, source, body)", name));
	return field;
}

/* doc:meta(field) -> string | nil */
static int doc_meta(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	return push_optstring(L, accord_doc_meta(doc, (accord_meta_field)check_meta_field(L, 2)));
}

/* doc:set_meta(field, value|nil) */
static int doc_set_meta(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	int field = check_meta_field(L, 2);
	const char *value = luaL_optstring(L, 3, NULL);
	if (accord_doc_set_meta(doc, (accord_meta_field)field, value) != 0)
		return luaL_error(L, "out of memory");
	return 0;
}

static int doc_origin(lua_State *L)
{
	return push_optstring(L, accord_doc_origin(check_doc(L, 1)));
}

/* doc:notes() -> {string...} */
static int doc_notes(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	size_t i, n = accord_doc_note_count(doc);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		lua_pushstring(L, accord_doc_note(doc, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* doc:footnotes() -> {{number=, text=}...} */
static int doc_footnotes(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	size_t i, n = accord_doc_footnote_count(doc);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		accord_footnote *f = accord_doc_footnote(doc, i);
		lua_createtable(L, 0, 2);
		lua_pushstring(L, accord_footnote_number(f));
		lua_setfield(L, -2, "number");
		lua_pushstring(L, accord_footnote_text(f));
		lua_setfield(L, -2, "text");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* doc:warnings() -> {{message=, line=, col=}...} */
static int doc_warnings(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	size_t i, n = accord_doc_warning_count(doc);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		unsigned line = 0, col = 0;
		const char *text = accord_doc_warning(doc, i, &line, &col);
		lua_createtable(L, 0, 3);
		lua_pushstring(L, text);
		lua_setfield(L, -2, "message");
		lua_pushinteger(L, line);
		lua_setfield(L, -2, "line");
		lua_pushinteger(L, col);
		lua_setfield(L, -2, "col");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* doc:sections() -> {section...} */
static int doc_sections(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	size_t i, n = accord_doc_section_count(doc);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		push_child(L, 1, accord_doc_section(doc, i), SECTION_T);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* doc:section(index | id) -> section | nil */
static int doc_section(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	accord_section *section;
	if (lua_type(L, 2) == LUA_TNUMBER) {
		lua_Integer i = luaL_checkinteger(L, 2);
		section = (i >= 1 && (size_t)i <= accord_doc_section_count(doc)) ? accord_doc_section(doc, (size_t)i - 1) : NULL;
	} else {
		section = accord_doc_find_section(doc, luaL_checkstring(L, 2));
	}
	push_child(L, 1, section, SECTION_T);
	return 1;
}

/* doc:para(id) -> para | nil */
static int doc_para(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	push_child(L, 1, accord_doc_find_para(doc, luaL_checkstring(L, 2)), PARA_T);
	return 1;
}

static int doc_paragraphs_next(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	accord_para *prev = lua_isnil(L, 2) ? NULL : check_child(L, 2, PARA_T);
	push_child(L, 1, accord_doc_next_para(doc, prev), PARA_T);
	return 1;
}

/* doc:paragraphs() -> iterator over every paragraph in document order */
static int doc_paragraphs(lua_State *L)
{
	check_doc(L, 1);
	lua_pushcfunction(L, doc_paragraphs_next);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int doc_para_total(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)accord_doc_para_total(check_doc(L, 1)));
	return 1;
}

static int check_kind(lua_State *L, int idx)
{
	static const char *const kinds[] = {"none", "preambular", "operative", NULL};
	return luaL_checkoption(L, idx, "none", kinds);
}

/* doc:add_section([heading [, kind [, addressee]]]) -> section */
static int doc_add_section(lua_State *L)
{
	accord_doc *doc = check_doc(L, 1);
	const char *heading = luaL_optstring(L, 2, NULL);
	int kind = check_kind(L, 3);
	const char *addressee = luaL_optstring(L, 4, NULL);
	accord_section *section;
	if (accord_doc_add_section(&section, doc, NULL, heading, (accord_section_kind)kind, addressee) != 0)
		return luaL_error(L, "out of memory");
	push_child(L, 1, section, SECTION_T);
	return 1;
}

static int doc_tostring(lua_State *L)
{
	accord_doc **box = luaL_checkudata(L, 1, DOC_T);
	if (*box == NULL)
		lua_pushliteral(L, "accord.doc (closed)");
	else
		lua_pushfstring(L, "accord.doc (%s, %d sections, %d paragraphs)", accord_doc_mode_name(accord_doc_mode_of(*box)),
			(int)accord_doc_section_count(*box), (int)accord_doc_para_total(*box));
	return 1;
}

static int doc_eq(lua_State *L)
{
	accord_doc **a = luaL_checkudata(L, 1, DOC_T);
	accord_doc **b = luaL_checkudata(L, 2, DOC_T);
	lua_pushboolean(L, *a != NULL && *b != NULL && accord_doc_equal(*a, *b));
	return 1;
}

/* ---- sections --------------------------------------------------------------------- */

static int section_id(lua_State *L)
{
	lua_pushstring(L, accord_section_id(check_child(L, 1, SECTION_T)));
	return 1;
}

static int section_heading(lua_State *L)
{
	return push_optstring(L, accord_section_heading(check_child(L, 1, SECTION_T)));
}

static int section_kind(lua_State *L)
{
	lua_pushstring(L, accord_section_kind_name(accord_section_kind_of(check_child(L, 1, SECTION_T))));
	return 1;
}

static int section_addressee(lua_State *L)
{
	return push_optstring(L, accord_section_addressee(check_child(L, 1, SECTION_T)));
}

/* section:paragraphs() -> {para...} (top level) */
static int section_paragraphs(lua_State *L)
{
	accord_section *section = check_child(L, 1, SECTION_T);
	size_t i, n = accord_section_para_count(section);
	push_owner(L, 1);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		push_child(L, -2, accord_section_para(section, i), PARA_T);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/* section:set_heading(heading|nil [, kind [, addressee]]) */
static int section_set_heading(lua_State *L)
{
	accord_section *section = check_child(L, 1, SECTION_T);
	const char *heading = luaL_optstring(L, 2, NULL);
	int kind = check_kind(L, 3);
	if (accord_section_set_heading(section, heading, (accord_section_kind)kind, luaL_optstring(L, 4, NULL)) != 0)
		return luaL_error(L, "out of memory");
	return 0;
}

/* section:add_para([label,] text [, parent]) -> para */
static int section_add_para(lua_State *L)
{
	accord_section *section = check_child(L, 1, SECTION_T);
	const char *label = luaL_optstring(L, 2, NULL);
	const char *text = luaL_checkstring(L, 3);
	accord_para *parent = lua_isnoneornil(L, 4) ? NULL : check_child(L, 4, PARA_T);
	accord_para *para;
	if (parent != NULL && accord_para_section(parent) != section)
		return luaL_argerror(L, 4, "the parent is not in this section");
	push_owner(L, 1);
	if (accord_doc_add_para(&para, accord_section_doc(section), section, parent, NULL, label, text) != 0)
		return luaL_error(L, "out of memory");
	push_child(L, -1, para, PARA_T);
	return 1;
}

static int section_tostring(lua_State *L)
{
	accord_section *section = check_child(L, 1, SECTION_T);
	const char *heading = accord_section_heading(section);
	lua_pushfstring(L, "accord.section %s (%s)", accord_section_id(section), heading ? heading : "no heading");
	return 1;
}

/* ---- paragraphs -------------------------------------------------------------------- */

static int para_id(lua_State *L)
{
	lua_pushstring(L, accord_para_id(check_child(L, 1, PARA_T)));
	return 1;
}

static int para_label(lua_State *L)
{
	return push_optstring(L, accord_para_label(check_child(L, 1, PARA_T)));
}

static int para_text(lua_State *L)
{
	lua_pushstring(L, accord_para_text(check_child(L, 1, PARA_T)));
	return 1;
}

static int para_set_label(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	if (accord_para_set_label(para, luaL_optstring(L, 2, NULL)) != 0)
		return luaL_error(L, "out of memory");
	return 0;
}

static int para_set_text(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	size_t len;
	const char *text = luaL_checklstring(L, 2, &len);
	if (accord_para_set_text_len(para, text, len) != 0)
		return luaL_error(L, "out of memory");
	return 0;
}

static int para_depth(lua_State *L)
{
	lua_pushinteger(L, accord_para_depth(check_child(L, 1, PARA_T)));
	return 1;
}

static int para_line(lua_State *L)
{
	lua_pushinteger(L, accord_para_line(check_child(L, 1, PARA_T)));
	return 1;
}

static int para_parent(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	push_owner(L, 1);
	push_child(L, -1, accord_para_parent(para), PARA_T);
	return 1;
}

static int para_section(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	push_owner(L, 1);
	push_child(L, -1, accord_para_section(para), SECTION_T);
	return 1;
}

static int para_children(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	size_t i, n = accord_para_child_count(para);
	push_owner(L, 1);
	lua_createtable(L, (int)n, 0);
	for (i = 0; i < n; i++) {
		push_child(L, -2, accord_para_child(para, i), PARA_T);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int para_doc(lua_State *L)
{
	check_child(L, 1, PARA_T);
	push_owner(L, 1);
	return 1;
}

/* para:remove(): takes the paragraph (and its children) out of the document. */
static int para_remove(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	accord_doc *doc = accord_section_doc(accord_para_section(para));
	if (accord_para_index(para) == (size_t)-1)
		return luaL_error(L, "the paragraph was already removed");
	if (accord_doc_remove_para(doc, para) != 0)
		return luaL_error(L, "cannot remove the paragraph");
	return 0;
}

static int para_tostring(lua_State *L)
{
	accord_para *para = check_child(L, 1, PARA_T);
	const char *label = accord_para_label(para);
	lua_pushfstring(L, "accord.para %s%s%s", accord_para_id(para), label ? " " : "", label ? label : "");
	return 1;
}

static int child_eq(lua_State *L)
{
	void **a = lua_touserdata(L, 1);
	void **b = lua_touserdata(L, 2);
	lua_pushboolean(L, a != NULL && b != NULL && *a == *b);
	return 1;
}

/* ---- registration ---------------------------------------------------------------- */

static const luaL_Reg doc_methods[] = {
	{"render", doc_render}, {"clone", doc_clone}, {"equal", doc_equal}, {"mode", doc_mode},
	{"meta", doc_meta}, {"set_meta", doc_set_meta}, {"origin", doc_origin}, {"notes", doc_notes},
	{"footnotes", doc_footnotes}, {"warnings", doc_warnings}, {"sections", doc_sections},
	{"section", doc_section}, {"para", doc_para}, {"paragraphs", doc_paragraphs},
	{"para_count", doc_para_total}, {"add_section", doc_add_section}, {"close", doc_close}, {NULL, NULL}};

static const luaL_Reg doc_meta_methods[] = {
	{"__gc", doc_close}, {"__close", doc_close}, {"__tostring", doc_tostring}, {"__eq", doc_eq},
	{"__index", NULL}, {NULL, NULL}};

static const luaL_Reg section_methods[] = {
	{"id", section_id}, {"heading", section_heading}, {"kind", section_kind}, {"addressee", section_addressee},
	{"paragraphs", section_paragraphs}, {"set_heading", section_set_heading}, {"add_para", section_add_para},
	{NULL, NULL}};

static const luaL_Reg para_methods[] = {
	{"id", para_id}, {"label", para_label}, {"text", para_text}, {"set_label", para_set_label},
	{"set_text", para_set_text}, {"depth", para_depth}, {"line", para_line}, {"parent", para_parent},
	{"section", para_section}, {"children", para_children}, {"doc", para_doc}, {"remove", para_remove},
	{NULL, NULL}};

static const luaL_Reg module_functions[] = {
	{"parse", l_parse}, {"parse_file", l_parse_file}, {"new", l_new}, {NULL, NULL}};

void accord_bind_doc(lua_State *L)
{
	static const luaL_Reg child_meta[] = {{"__eq", child_eq}, {"__index", NULL}, {"__tostring", NULL}, {NULL, NULL}};

	luaL_newmetatable(L, DOC_T);
	luaL_setfuncs(L, doc_meta_methods, 0);
	luaL_newlibtable(L, doc_methods);
	luaL_setfuncs(L, doc_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);

	luaL_newmetatable(L, SECTION_T);
	luaL_setfuncs(L, child_meta, 0);
	lua_pushcfunction(L, section_tostring);
	lua_setfield(L, -2, "__tostring");
	luaL_newlibtable(L, section_methods);
	luaL_setfuncs(L, section_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);

	luaL_newmetatable(L, PARA_T);
	luaL_setfuncs(L, child_meta, 0);
	lua_pushcfunction(L, para_tostring);
	lua_setfield(L, -2, "__tostring");
	luaL_newlibtable(L, para_methods);
	luaL_setfuncs(L, para_methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);

	luaL_setfuncs(L, module_functions, 0);
}
