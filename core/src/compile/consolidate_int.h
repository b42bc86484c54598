/*
** consolidate_int.h: the compilation's private structure, shared by
** consolidate*.c and render_compilation.c (the working tree that builds its
** model is in consolidate_tree_int.h).
*/
#ifndef ACCORD_CONSOLIDATE_INT_H
#define ACCORD_CONSOLIDATE_INT_H

#include <string.h>

#include "accord/consolidate.h"
#include "model/doc_int.h"

/* A party of the compilation: its code and what the legend shows. */
typedef struct accord_cmp_party {
	const char *code;
	const char *name;   /* NULL: the code */
	const char *source; /* the contribution's file, NULL for amendment lists */
	const char *color;  /* NULL: from the palette */
	size_t n_amendments;
} accord_cmp_party;

struct accord_compilation {
	const accord_doc *base;          /* borrowed, unless owned_base is set */
	accord_doc *owned_base;          /* the base when the compilation owns it (accord_session_compile) */
	accord_arena keep;               /* party strings: live as long as the compilation */
	accord_amendment_list **lists;   /* every input list, owned, in input order */
	size_t n_lists, cap_lists;
	accord_cmp_party *parties;       /* in order of first appearance */
	size_t n_parties, cap_parties;
	accord_id_index party_index;     /* code -> (void *)(index + 1) */
	accord_id_index amendment_ids;   /* every input amendment id (keys borrowed from the lists) */
	accord_id_index states;          /* amendment id -> its state in a session (a string in keep) */

	/* The model: rebuilt by accord_compilation_build in its own arena. */
	accord_arena model;
	int built;
	accord_cmp_section *sections;
	size_t n_sections;
	accord_cmp_field *fields;
	size_t n_fields;
	accord_id_index para_index;      /* paragraph id (and merged ADD ids) -> accord_cmp_para */
	const accord_amendment **all;    /* every amendment, in input order (model arena) */
	size_t n_all;
};

/* The compilation takes base (its own base) and frees it with itself. */
void accord_compilation_own_base(accord_compilation *c, accord_doc *base);

/* Index of a party code in c->parties, or (size_t)-1. */
size_t accord_compilation_party_index(const accord_compilation *c, const char *code);
/* Drops the model (the arena and what points into it): before a rebuild, on failure, on free. */
void cmp_model_reset(accord_compilation *c);

/* Copies s into arena a (NULL stays NULL, and NULL when out of memory). */
static inline char *cmp_arena_str(accord_arena *a, const char *s)
{
	return s == NULL ? NULL : accord_arena_strndup(a, s, strlen(s));
}

#endif
