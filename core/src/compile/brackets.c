/*
** brackets.c: the bracket convention of a compilation (accord_brackets):
** the built-in UN style and the check of a convention's templates. Used by
** consolidation (labels of new paragraphs) and by the renderer. The
** proposals' templates may say who (%p), which amendment (%i: its id, a
** neutral number under an anonymous convention) and its ITU mark (%k).
*/
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "accord/consolidate.h"
#include "compile/bracketed_int.h"

static const char *const latin_ordinals[] = {"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies",
	"novies", "decies", "undecies", "duodecies"};

void accord_brackets_default(accord_brackets *b)
{
	if (b == NULL)
		return;
	memset(b, 0, sizeof(*b));
	b->version = ACCORD_BRACKETS_VERSION;
	b->name = "un";
	b->insert = "[%p: %t]";
	b->delete_text = "[Delete (%p): %b]";
	b->replace = "[%b] [%p: %t]";
	b->alternative = "[Alt %n (%p): %t]";
	b->alternative_separator = " ";
	b->no_change = "[NOC: %b]";
	b->no_change_option = 1;
	b->near_duplicate = "near-duplicate of %m";
	b->editorial = "editorial";
	b->deleted_option = "delete";
	b->party_separator = ", ";
	b->delete_paragraph = "[Delete paragraph (%p)]";
	b->move_paragraph = "[Move (%p): %t]";
	b->new_paragraph = "[%p: %t]";
	b->new_section = "[%p: %t]";
	b->delete_section = "[Delete section (%p)]";
	b->move_section = "[Move section (%p): %t]";
	b->bis = "%l %s";
	b->ordinals = latin_ordinals;
	b->n_ordinals = sizeof(latin_ordinals) / sizeof(latin_ordinals[0]);
	b->first_label = "new";
	b->relabel = NULL;
	b->anonymous = 0;
}

const char *bracket_relabel_template(const accord_brackets *b, char *buf, size_t size)
{
	const char *m;
	if (b == NULL)
		return NULL;
	if (b->relabel != NULL)
		return b->relabel;
	if (b->move_paragraph == NULL || (m = strstr(b->move_paragraph, "Move")) == NULL ||
	    strlen(b->move_paragraph) + 2 > size)
		return NULL;
	snprintf(buf, size, "%.*sLabel%s", (int)(m - b->move_paragraph), b->move_paragraph, m + 4);
	return buf;
}

/* Checks one template: known placeholders only, and the required ones present. */
static int check_template(const char *name, const char *t, const char *allowed, const char *required, int optional,
	accord_error *err)
{
	const char *s;
	char seen[16] = "";
	size_t n_seen = 0;
	if (t == NULL) {
		if (optional)
			return ACCORD_OK;
		return accord_error_set(err, ACCORD_EINVAL, "bracket convention: '%s' is not set", name);
	}
	for (s = t; *s; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue; /* a percent sign, not a placeholder: "%%t" holds no %t */
		if (*s == '\0' || strchr(allowed, *s) == NULL)
			return accord_error_set(err, ACCORD_EINVAL,
				"bracket convention: '%s' has an unknown placeholder '%%%c' (allowed: %s)", name, *s ? *s : ' ',
				allowed);
		if (strchr(seen, *s) == NULL && n_seen + 1 < sizeof(seen))
			seen[n_seen++] = *s;
	}
	for (s = required; *s; s++)
		if (strchr(seen, *s) == NULL)
			return accord_error_set(err, ACCORD_EINVAL, "bracket convention: '%s' needs %%%c", name, *s);
	return ACCORD_OK;
}

int accord_brackets_check(const accord_brackets *b, accord_error *err)
{
	int rc;
	size_t i;
	if (b == NULL || b->version != ACCORD_BRACKETS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "bracket convention: missing or of another version");
#define CHECK(field, allowed, required, optional)                                                      \
	if ((rc = check_template(#field, b->field, allowed, required, optional, err)) != ACCORD_OK) \
		return rc
	CHECK(insert, "ptik", "t", 0);
	CHECK(delete_text, "pbik", "b", 0); /* a convention may not hide what a deletion removes */
	CHECK(replace, "ptbik", "t", 0);
	CHECK(alternative, "ptnbik", "t", 0);
	CHECK(alternative_separator, "", "", 0);
	CHECK(no_change, "b", "b", 0);
	CHECK(near_duplicate, "m", "", 0);
	CHECK(editorial, "", "", 0);
	CHECK(deleted_option, "", "", 0);
	CHECK(party_separator, "", "", 0);
	CHECK(delete_paragraph, "pik", "", 0);
	CHECK(move_paragraph, "ptik", "t", 0);
	CHECK(new_paragraph, "ptik", "t", 0);
	CHECK(new_section, "ptik", "t", 0);
	CHECK(delete_section, "pik", "", 0);
	CHECK(move_section, "ptik", "t", 0);
	CHECK(bis, "ls", "s", 0);
	CHECK(first_label, "", "", 0);
	CHECK(relabel, "ptik", "t", 1);
#undef CHECK
	if (b->anonymous) {
		/* a convention that names nobody may not name anybody in a bracket either */
		static const struct {
			const char *name;
			size_t offset;
		} named[] = {
#define NAMED(field) {#field, offsetof(accord_brackets, field)}
			NAMED(insert), NAMED(delete_text), NAMED(replace), NAMED(alternative), NAMED(delete_paragraph),
			NAMED(move_paragraph), NAMED(new_paragraph), NAMED(new_section), NAMED(delete_section),
			NAMED(move_section), NAMED(relabel),
#undef NAMED
		};
		for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
			const char *t = *(const char *const *)((const char *)b + named[i].offset), *s;
			for (s = t; s != NULL && *s; s++) {
				if (s[0] == '%' && s[1] == '%') {
					s++;
				} else if (s[0] == '%' && s[1] == 'p') {
					return accord_error_set(err, ACCORD_EINVAL,
						"bracket convention: '%s' names the parties (%%p), but the convention is anonymous",
						named[i].name);
				}
			}
		}
	}
	if (b->n_ordinals > 0 && b->ordinals == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "bracket convention: ordinals missing");
	for (i = 0; i < b->n_ordinals; i++)
		if (b->ordinals[i] == NULL || b->ordinals[i][0] == '\0')
			return accord_error_set(err, ACCORD_EINVAL, "bracket convention: ordinal %zu is empty", i + 1);
	return ACCORD_OK;
}
