/* brackets.c: a rule pack's `brackets` table -> accord_brackets templates (accord_brackets.h). */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "accord_brackets.h"
#include "runtime_int.h"

#define MAX_ORDINALS 12

/*
** The longest template a pack may give, in bytes: a template is copied out
** of the sandbox once and then repeated for every bracket of a compilation,
** so a long one would amplify the pack's memory many times over.
*/
#define TEMPLATE_MAX 1024

/* What the pack says, copied out of Lua (accord_strdup'ed, NULL when absent). */
typedef struct probe_result {
	accord_pack *pack;
	char *direct[20];     /* direct templates, by direct_fields index */
	int no_change_option; /* -1: not given */
	int anonymous;        /* -1: not given */
	char *insertion, *deletion, *replacement, *alt1, *alt2, *style;
	char *labels[MAX_ORDINALS];
} probe_result;

static const char *const direct_fields[] = {"insert", "delete_text", "replace", "alternative", "alternative_separator",
	"no_change", "near_duplicate", "editorial", "deleted_option", "party_separator", "delete_paragraph",
	"move_paragraph", "new_paragraph", "new_section", "delete_section", "move_section", "bis", "first_label",
	"relabel", NULL};

struct accord_pack_brackets {
	accord_brackets b;
	char *strings[48]; /* owned */
	size_t n_strings;
	const char *ordinals[MAX_ORDINALS];
};

/* Placeholders handed to the pack's functions; control bytes no text has. */
#define S_PARTY "\x01P"
#define S_TEXT "\x01T"
#define S_BASE "\x01" "B"
#define S_LABEL "\x01L"

/* Copies the string on top (a function's result) and pops it; raises when it is not a string. */
static char *take_string(lua_State *L, const char *what)
{
	size_t len;
	const char *s;
	char *copy;
	if (lua_type(L, -1) != LUA_TSTRING)
		luaL_error(L, "brackets.%s must return a string (got %s)", what, luaL_typename(L, -1));
	s = lua_tolstring(L, -1, &len);
	if (len > TEMPLATE_MAX)
		accord_lua_limit_error(L, "brackets.%s: a template of %I bytes exceeds the limit (%d bytes)", what,
			(lua_Integer)len, TEMPLATE_MAX);
	accord_lua_count_out(L, len, "brackets");
	copy = accord_strndup(s, len);
	if (copy == NULL)
		luaL_error(L, "not enough memory");
	lua_pop(L, 1);
	return copy;
}

/* Pushes {S_PARTY} (the `who` argument). */
static void push_who(lua_State *L)
{
	lua_createtable(L, 1, 0);
	lua_pushstring(L, S_PARTY);
	lua_rawseti(L, -2, 1);
}

/* Pushes brackets[name] when it is a function; returns 0 (nothing pushed) when it is not. */
static int get_function(lua_State *L, int table, const char *name)
{
	lua_pushstring(L, name);
	if (lua_rawget(L, table) == LUA_TFUNCTION)
		return 1;
	lua_pop(L, 1);
	return 0;
}

/* Protected: calls the pack's bracket functions with placeholders. Argument: the probe_result. */
static int probe(lua_State *L)
{
	probe_result *r = lua_touserdata(L, 1);
	int i, t;
	lua_settop(L, 0);
	accord_pack_push(r->pack);
	lua_pushstring(L, "brackets");
	if (lua_rawget(L, 1) != LUA_TTABLE)
		return luaL_error(L, "the pack has no brackets table");
	t = 2;
	for (i = 0; direct_fields[i] != NULL; i++) {
		lua_pushstring(L, direct_fields[i]);
		if (lua_rawget(L, t) == LUA_TSTRING)
			r->direct[i] = take_string(L, direct_fields[i]);
		else
			lua_pop(L, 1);
	}
	lua_pushstring(L, "no_change_option");
	if (lua_rawget(L, t) == LUA_TBOOLEAN)
		r->no_change_option = lua_toboolean(L, -1);
	lua_pop(L, 1);
	lua_pushstring(L, "anonymous");
	if (lua_rawget(L, t) == LUA_TBOOLEAN)
		r->anonymous = lua_toboolean(L, -1);
	lua_pop(L, 1);
	lua_pushstring(L, "style");
	if (lua_rawget(L, t) == LUA_TSTRING)
		r->style = take_string(L, "style");
	else
		lua_pop(L, 1);
	if (get_function(L, t, "insertion")) {
		lua_pushstring(L, S_TEXT);
		push_who(L);
		lua_call(L, 2, 1);
		r->insertion = take_string(L, "insertion");
	}
	if (get_function(L, t, "deletion")) {
		lua_pushstring(L, S_BASE);
		push_who(L);
		lua_call(L, 2, 1);
		r->deletion = take_string(L, "deletion");
	}
	if (get_function(L, t, "replacement")) {
		lua_pushstring(L, S_BASE);
		lua_pushstring(L, S_TEXT);
		push_who(L);
		lua_call(L, 3, 1);
		r->replacement = take_string(L, "replacement");
	}
	for (i = 1; i <= 2; i++) {
		int k;
		if (!get_function(L, t, "alternatives"))
			break;
		lua_createtable(L, i, 0);
		for (k = 1; k <= i; k++) {
			lua_createtable(L, 0, 2);
			lua_pushstring(L, S_TEXT);
			lua_setfield(L, -2, "text");
			push_who(L);
			lua_setfield(L, -2, "by");
			lua_rawseti(L, -2, k);
		}
		lua_call(L, 1, 1);
		if (i == 1)
			r->alt1 = take_string(L, "alternatives");
		else
			r->alt2 = take_string(L, "alternatives");
	}
	/* "bis" and "ter" show the pack's form; the ordinals after them are the usual Latin ones */
	for (i = 0; i < 2; i++) {
		if (!get_function(L, t, "new_label"))
			break;
		lua_pushstring(L, S_LABEL ")");
		lua_pushinteger(L, i + 1);
		lua_call(L, 2, 1);
		r->labels[i] = take_string(L, "new_label");
	}
	return 0;
}

static char *keep(accord_pack_brackets *pb, char *s)
{
	if (s == NULL)
		return NULL;
	if (pb->n_strings == sizeof(pb->strings) / sizeof(pb->strings[0])) {
		accord_free(s);
		return NULL;
	}
	pb->strings[pb->n_strings++] = s;
	return s;
}

/* A function's output with the placeholders as %p %t %b (and a literal % as %%); NULL on ENOMEM. */
static char *to_template(const char *s, size_t len)
{
	accord_buf out = ACCORD_BUF_INIT;
	size_t i;
	int rc = ACCORD_OK;
	for (i = 0; i < len && rc == ACCORD_OK; i++) {
		if (s[i] == '\x01' && i + 1 < len && strchr("PTBL", s[i + 1]) != NULL) {
			char code[3] = {'%', (char)(s[i + 1] == 'P' ? 'p' : s[i + 1] == 'T' ? 't' : s[i + 1] == 'B' ? 'b' : 'l'), 0};
			rc = accord_buf_puts(&out, code);
			i++;
		} else if (s[i] == '%') {
			rc = accord_buf_puts(&out, "%%");
		} else if (s[i] == '\n') {
			rc = accord_buf_putc(&out, ' '); /* a compilation paragraph stays on one line */
		} else {
			rc = accord_buf_putc(&out, s[i]);
		}
	}
	if (rc == ACCORD_OK && out.size == 0)
		rc = accord_buf_putc(&out, '\0');
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&out);
		return NULL;
	}
	return accord_buf_detach(&out);
}

static void free_probe(probe_result *r)
{
	size_t i;
	for (i = 0; i < sizeof(r->direct) / sizeof(r->direct[0]); i++)
		accord_free(r->direct[i]);
	for (i = 0; i < MAX_ORDINALS; i++)
		accord_free(r->labels[i]);
	accord_free(r->insertion);
	accord_free(r->deletion);
	accord_free(r->replacement);
	accord_free(r->alt1);
	accord_free(r->alt2);
	accord_free(r->style);
}

/* alternatives({x}) and alternatives({x, x}) -> the template of one (with %n) and the separator. */
static int derive_alternatives(accord_pack_brackets *pb, const char *a1, const char *a2)
{
	size_t l1 = strlen(a1), l2 = strlen(a2), i;
	const char *second;
	accord_buf t = ACCORD_BUF_INIT;
	char *tmpl, *sep;
	int rc = ACCORD_OK;
	if (l2 < 2 * l1 || strncmp(a2, a1, l1) != 0)
		return ACCORD_OK; /* not the shape we know: keep the default */
	second = a2 + l2 - l1;
	for (i = 0; i < l1 && rc == ACCORD_OK; i++)
		rc = a1[i] != second[i] && a1[i] == '1' ? accord_buf_puts(&t, "\x02") : accord_buf_putc(&t, a1[i]);
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&t);
		return ACCORD_ENOMEM;
	}
	tmpl = to_template(t.ptr ? t.ptr : "", t.size);
	accord_buf_dispose(&t);
	if (tmpl == NULL)
		return ACCORD_ENOMEM;
	/* the number placeholder */
	{
		accord_buf n = ACCORD_BUF_INIT;
		for (i = 0; tmpl[i] && rc == ACCORD_OK; i++)
			rc = tmpl[i] == '\x02' ? accord_buf_puts(&n, "%n") : accord_buf_putc(&n, tmpl[i]);
		accord_free(tmpl);
		if (rc != ACCORD_OK) {
			accord_buf_dispose(&n);
			return ACCORD_ENOMEM;
		}
		tmpl = accord_buf_detach(&n);
	}
	sep = to_template(a2 + l1, l2 - 2 * l1);
	if (keep(pb, tmpl) == NULL || keep(pb, sep) == NULL)
		return ACCORD_ENOMEM;
	pb->b.alternative = tmpl;
	pb->b.alternative_separator = sep;
	return ACCORD_OK;
}

/* new_label("\1L)", n) for n = 1.. -> the bis template and the ordinals. */
static int derive_labels(accord_pack_brackets *pb, char *const *labels)
{
	size_t i, n = 0, pre = strlen(S_LABEL);
	int spaced = 0;
	for (i = 0; i < MAX_ORDINALS && labels[i] != NULL; i++) {
		const char *s = labels[i];
		size_t len = strlen(s);
		char *ord;
		if (len < pre + 2 || strncmp(s, S_LABEL, pre) != 0 || s[len - 1] != ')')
			break;
		s += pre;
		len -= pre + 1;
		if (*s == ' ') {
			spaced = 1;
			s++;
			len--;
		}
		if ((ord = keep(pb, accord_strndup(s, len))) == NULL)
			return ACCORD_ENOMEM;
		pb->ordinals[n++] = ord;
	}
	if (n == 0)
		return ACCORD_OK;
	for (i = n; i < MAX_ORDINALS && i < pb->b.n_ordinals; i++)
		pb->ordinals[i] = pb->b.ordinals[i]; /* the built-in Latin ones (static) */
	n = i > n ? i : n;
	pb->b.ordinals = pb->ordinals;
	pb->b.n_ordinals = n;
	pb->b.bis = spaced ? "%l %s" : "%l%s";
	return ACCORD_OK;
}

/*
** An anonymous convention names nobody: the built-in templates the pack left
** in place that name the parties become their forms without names (what the
** pack wrote itself is checked by accord_brackets_check).
*/
static void anonymous_defaults(accord_brackets *b)
{
	accord_brackets def;
	size_t i;
	accord_brackets_default(&def);
	{
		const char **slot[] = {&b->insert, &b->delete_text, &b->replace, &b->alternative, &b->delete_paragraph,
			&b->move_paragraph, &b->new_paragraph, &b->new_section, &b->delete_section, &b->move_section};
		const char *builtin[] = {def.insert, def.delete_text, def.replace, def.alternative, def.delete_paragraph,
			def.move_paragraph, def.new_paragraph, def.new_section, def.delete_section, def.move_section};
		static const char *const unnamed[] = {"[%t]", "[Delete: %b]", "[%b] [%t]", "[Alt %n: %t]",
			"[Delete paragraph]", "[Move: %t]", "[%t]", "[%t]", "[Delete section]", "[Move section: %t]"};
		for (i = 0; i < sizeof(unnamed) / sizeof(unnamed[0]); i++)
			if (*slot[i] == builtin[i])
				*slot[i] = unnamed[i];
	}
	b->anonymous = 1;
}

int accord_pack_brackets_load(accord_pack_brackets **out, accord_pack *pack, accord_error *err)
{
	accord_pack_brackets *pb = NULL;
	probe_result r;
	lua_State *L;
	size_t i;
	int rc;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_brackets_load: no out pointer");
	*out = NULL;
	if (pack == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_pack_brackets_load: no pack");
	memset(&r, 0, sizeof(r));
	r.pack = pack;
	r.no_change_option = -1;
	r.anonymous = -1;
	L = accord_lua_state(accord_pack_runtime(pack));
	lua_settop(L, 0);
	lua_pushcfunction(L, probe);
	lua_pushlightuserdata(L, &r);
	if ((rc = accord_lua_pcall(accord_pack_runtime(pack), 1, 0, err)) != ACCORD_OK)
		goto cleanup;
	pb = accord_calloc(1, sizeof(*pb));
	if (pb == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	accord_brackets_default(&pb->b);
	rc = ACCORD_OK;
#define FROM_FUNCTION(field, src)                                          \
	if (rc == ACCORD_OK && (src) != NULL && (src)[0] != '\0') {       \
		char *t_ = keep(pb, to_template((src), strlen(src)));      \
		if (t_ == NULL)                                            \
			rc = ACCORD_ENOMEM;                                \
		else                                                       \
			pb->b.field = t_;                                  \
	}
	FROM_FUNCTION(insert, r.insertion)
	if (r.deletion != NULL && strstr(r.deletion, S_BASE) == NULL) {
		/* a deletion must show what it removes: keep the built-in form */
		accord_free(r.deletion);
		r.deletion = NULL;
	}
	FROM_FUNCTION(delete_text, r.deletion)
	FROM_FUNCTION(replace, r.replacement)
	FROM_FUNCTION(new_paragraph, r.insertion)
	FROM_FUNCTION(new_section, r.insertion)
#undef FROM_FUNCTION
	if (rc == ACCORD_OK && r.alt1 != NULL && r.alt2 != NULL)
		rc = derive_alternatives(pb, r.alt1, r.alt2);
	if (rc == ACCORD_OK)
		rc = derive_labels(pb, r.labels);
	if (rc == ACCORD_OK && r.style != NULL) {
		if (keep(pb, r.style) == NULL)
			rc = ACCORD_ENOMEM;
		else
			pb->b.name = r.style;
		r.style = NULL;
	}
	/* templates the pack gives directly win */
	for (i = 0; rc == ACCORD_OK && direct_fields[i] != NULL; i++) {
		const char **slot[] = {&pb->b.insert, &pb->b.delete_text, &pb->b.replace, &pb->b.alternative,
			&pb->b.alternative_separator, &pb->b.no_change, &pb->b.near_duplicate, &pb->b.editorial,
			&pb->b.deleted_option, &pb->b.party_separator, &pb->b.delete_paragraph, &pb->b.move_paragraph,
			&pb->b.new_paragraph, &pb->b.new_section, &pb->b.delete_section, &pb->b.move_section, &pb->b.bis,
			&pb->b.first_label, &pb->b.relabel};
		if (r.direct[i] == NULL)
			continue;
		if (keep(pb, r.direct[i]) == NULL)
			rc = ACCORD_ENOMEM;
		else
			*slot[i] = r.direct[i];
		r.direct[i] = NULL;
	}
	if (r.no_change_option >= 0)
		pb->b.no_change_option = r.no_change_option;
	if (r.anonymous > 0)
		anonymous_defaults(&pb->b);
	if (rc != ACCORD_OK) {
		rc = accord_error_set(err, rc, "out of memory");
		goto cleanup;
	}
	/* templates that do not check are the pack's fault: an invalid pack, as `accord workflow check` says */
	if ((rc = accord_brackets_check(&pb->b, err)) != ACCORD_OK) {
		rc = ACCORD_ESCHEMA;
		if (err != NULL)
			err->code = rc;
		goto cleanup;
	}
	*out = pb;
	pb = NULL;
cleanup:
	free_probe(&r);
	accord_pack_brackets_free(pb);
	return rc;
}

const accord_brackets *accord_pack_brackets_get(const accord_pack_brackets *pb)
{
	return pb ? &pb->b : NULL;
}

void accord_pack_brackets_free(accord_pack_brackets *pb)
{
	size_t i;
	if (pb == NULL)
		return;
	for (i = 0; i < pb->n_strings; i++)
		accord_free(pb->strings[i]);
	accord_free(pb);
}
