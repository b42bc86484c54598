/*
** render_shared.c: what every format of a compilation shows alike: the
** ids of new paragraphs and sections under an anonymous convention, and the
** proposals on a named field.
*/
#include <stdio.h>
#include <string.h>

#include "compile/render_int.h"

static size_t new_para_number(const accord_compilation *c, const accord_cmp_para *p)
{
	size_t i, k, n = 0;
	for (i = 0; i < c->n_sections; i++)
		for (k = 0; k < c->sections[i].n_paras; k++) {
			const accord_cmp_para *q = &c->sections[i].paras[k];
			if (q->is_new)
				n++;
			if (q == p)
				return n;
		}
	return 0;
}

static size_t new_section_number(const accord_compilation *c, const accord_cmp_section *s)
{
	size_t i, n = 0;
	for (i = 0; i < c->n_sections; i++) {
		n += c->sections[i].is_new;
		if (&c->sections[i] == s)
			return n;
	}
	return 0;
}

/* The id a new paragraph or section shows under an anonymous convention: its number among the new ones. */
static const char *new_id(char *buf, size_t size, const char *prefix, size_t number)
{
	snprintf(buf, size, "%s%zu", prefix, number);
	return buf;
}

const char *render_para_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_para *p)
{
	return b->anonymous && p->is_new ? new_id(buf, size, "new-", new_para_number(c, p)) : p->id;
}

const char *render_section_id(char *buf, size_t size, const accord_compilation *c, const accord_brackets *b,
	const accord_cmp_section *s)
{
	return b->anonymous && s->is_new ? new_id(buf, size, "new-section-", new_section_number(c, s)) : s->id;
}

const accord_cmp_field *render_find_field(const accord_compilation *c, const char *name)
{
	size_t i;
	for (i = 0; i < c->n_fields; i++)
		if (strcmp(c->fields[i].name, name) == 0)
			return &c->fields[i];
	return NULL;
}


/* 1 when a base's origin names a revision of a session ("Rev.2"). */
static int is_revision(const char *origin)
{
	return origin != NULL && strncmp(origin, "Rev.", 4) == 0;
}

const char *render_base_name(char *buf, size_t size, const accord_compilation *c, int basename)
{
	const char *sym = accord_doc_meta(c->base, ACCORD_META_SYMBOL), *origin = accord_doc_origin(c->base);
	if (origin != NULL && basename && strrchr(origin, '/') != NULL)
		origin = strrchr(origin, '/') + 1;
	if (sym != NULL && is_revision(origin))
		snprintf(buf, size, "%s (%s)", sym, origin); /* which revision the page shows */
	else if (sym != NULL || origin != NULL)
		snprintf(buf, size, "%s", sym != NULL ? sym : origin);
	else
		return NULL;
	return buf;
}
