/*
** consolidate_int.h: the compilation's private structure, shared by
** consolidate*.c and render_compilation.c; below it, the working tree that
** accord_compilation_build grows and flattens, shared by consolidate_tree.c,
** consolidate_cluster.c and consolidate_build.c only.
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

/* ---- the working tree (consolidate_tree.c, consolidate_cluster.c, consolidate_build.c) ---- */

/* A small vector of pointers kept in an arena (it never frees: the arena does). */
typedef struct ptrvec {
	void **v;
	size_t n, cap;
} ptrvec;

typedef struct edit_ref {
	const accord_amendment *a; /* the amendment the edit belongs to */
	size_t order;              /* a's index in input order */
	const accord_edit *e;
	uint32_t start, count;     /* the verified span */
} edit_ref;

typedef struct wmark {
	accord_mark_kind kind;
	const char *text;
	const accord_amendment *first; /* MOVE: where to */
	ptrvec parties, ids;
} wmark;

struct wsection;

typedef struct wnode {
	const char *id;
	const char *label, *proposed_label, *text;
	int is_new;
	struct wnode *parent;
	struct wsection *section;
	ptrvec children;
	ptrvec parties, ids;
	const char *near_dup;
	ptrvec edits;  /* edit_ref* */
	ptrvec marks;  /* wmark* */
	accord_cmp_para *view;
} wnode;

typedef struct wsection {
	const char *id, *heading;
	int is_new;
	ptrvec parties, ids;
	ptrvec top;    /* wnode* */
	ptrvec edits;  /* heading edits */
	ptrvec marks;
} wsection;

typedef struct wfield {
	const char *name;
	const char *base_value;
	int rank;
	ptrvec edits;
} wfield;

typedef struct builder {
	accord_compilation *c;
	accord_arena *a;
	ptrvec sections;         /* wsection*, display order */
	accord_id_index nodes;   /* id -> wnode (base ids, ADD ids, merged aliases) */
	accord_id_index secs;    /* id -> wsection */
	ptrvec fields;           /* wfield* */
	accord_error *err;
} builder;

#define OOM(b) accord_error_set((b)->err, ACCORD_ENOMEM, "out of memory")

/* Copies s into arena a (NULL stays NULL, and NULL when out of memory). */
static inline char *cmp_arena_str(accord_arena *a, const char *s)
{
	return s == NULL ? NULL : accord_arena_strndup(a, s, strlen(s));
}

/* consolidate_tree.c: vectors and sponsor lists. */
/* Inserts p at pos (the end when pos is past it); ACCORD_ENOMEM. */
int cmp_vec_insert(accord_arena *a, ptrvec *vec, size_t pos, void *p);
int cmp_vec_push(accord_arena *a, ptrvec *vec, void *p);
/* Adds the proposers of am to parties (unique, in order) and its id to ids; ACCORD_ENOMEM. */
int cmp_add_sponsors(accord_arena *a, ptrvec *parties, ptrvec *ids, const accord_amendment *am);
/*
** Letters and digits only, lower-cased, into out (ending with a NUL counted
** in out->size): what two texts that differ only in spacing, case or
** punctuation share. ACCORD_ENOMEM.
*/
int cmp_normalize(accord_buf *out, const char *s, size_t len);
/* 1 when x and y differ only in spacing, case or punctuation; <0 on failure. */
int cmp_near_equal(const char *x, size_t xl, const char *y, size_t yl);

/* consolidate_tree.c: the steps that grow the tree, in order (error in b->err). */
/* Mirrors the base: its sections and their paragraphs, in pre-order. */
int cmp_mirror_base(builder *b);
/* Places the new sections, then the new paragraphs, where their proposers put them. */
int cmp_place_new(builder *b);
/* Attaches every other amendment to its target: edits, marks, field changes. */
int cmp_attach_all(builder *b);

/* consolidate_cluster.c */
/* A copy of the strings of v in the model arena, for a public view (*out NULL when empty). */
int cmp_sponsors_view(builder *b, const ptrvec *v, const char *const **out, size_t *n);
/*
** Clusters the edits on text: overlapping edits (or insertions at one
** point) form a cluster, each amendment one option in it; equal options are
** co-sponsored, near-equal ones flagged. *out (in the model arena) gets
** *n_out clusters in text order.
*/
int cmp_build_clusters(builder *b, const char *text, ptrvec *edits, const accord_cmp_cluster **out, size_t *n_out);

#endif
