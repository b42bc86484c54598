/*
** consolidate_tree_int.h: the working tree that accord_compilation_build
** grows and flattens, shared by consolidate_tree.c, consolidate_cluster.c and
** consolidate_build.c (not by the renderers).
*/
#ifndef ACCORD_CONSOLIDATE_TREE_INT_H
#define ACCORD_CONSOLIDATE_TREE_INT_H

#include "compile/consolidate_int.h"

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
struct wrun;

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
	/* while new paragraphs are placed: a base node's run is the one after it, a new one's the
	** run it is in; first_run the run before the first child */
	struct wrun *run, *first_run;
} wnode;

typedef struct wsection {
	const char *id, *heading;
	int is_new;
	ptrvec parties, ids;
	ptrvec top;    /* wnode* */
	ptrvec edits;  /* heading edits */
	ptrvec marks;
	struct wrun *first_run; /* the run before the first top paragraph, while placing */
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
	ptrvec runs;             /* wrun*, in the order they were opened (cmp_place_new) */
	accord_id_index buckets; /* "RUN:normalized text" -> wbucket (cmp_place_new) */
	accord_error *err;
} builder;

#define OOM(b) accord_error_set((b)->err, ACCORD_ENOMEM, "out of memory")

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
