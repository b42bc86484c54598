/*
** render_layout_int.h: how a cluster of proposals is laid out in a
** compilation's text, Markdown or HTML (render_layout.c, for
** render_proposals.c): which options are shown, which blanks go outside the
** brackets, and whether the trimmed layout reads back or the cluster is
** written exact.
*/
#ifndef ACCORD_RENDER_LAYOUT_INT_H
#define ACCORD_RENDER_LAYOUT_INT_H

#include <stddef.h>

#include "accord/consolidate.h"

/*
** How a cluster is typeset. Brackets hold no blanks at their edges
** (docs/formats.md): the base text and every option are shown trimmed, and
** one blank goes outside the brackets at an edge where the base has one
** ("governments [cannot] [IRN: have not yet] effectively", the base's own
** blanks) or, failing that, an option has one ("work [,] [IRN: efforts/
** tasks ,] first"), unless the text already has a blank there. That layout
** must read back (accord brackets --accept gives every party its text, and
** the base its own, byte for byte); where it would not (a blank it adds that
** nobody wrote, a change of spacing, doubled blanks), the cluster is
** written exact: outside the brackets only the blanks the base and every
** option share at that edge, the rest inside them, as they are. An
** anonymous convention names nobody, so nobody's text can be read back:
** there options that change only spacing read as the base (left out of the
** running text; JSON and YAML keep them) and the layout is never exact.
*/
typedef struct layout {
	int *number;              /* per option: its number among the options shown (Alt n), 0: not shown */
	int small[16];            /* number's storage for clusters of up to 16 options */
	size_t n_shown;
	const char *lead, *trail; /* blanks written before / after the brackets */
	size_t lead_len, trail_len;
	const char *base;         /* the base text, trimmed (exact: less lead and trail) */
	size_t base_len;
	int exact;                /* 1: blanks as they are (lead and trail shared by all, the rest inside) */
} layout;

/* Bytes of blanks at the start / end of s[0..len). */
size_t rl_blank_prefix(const char *s, size_t len);
size_t rl_blank_suffix(const char *s, size_t len);
/* s[0..len) without the blanks at its edges. */
void rl_trimmed(const char *s, size_t len, const char **out, size_t *out_len);
/* A text of the cluster (an option's, the base's) as its brackets show it. */
void rl_shown(const layout *lo, const char *s, size_t len, const char **out, size_t *out_len);
void rl_layout_dispose(layout *lo);
/*
** Lays out cluster cl of text (text_len bytes) under convention b;
** prev_blank: the writer has just put a blank at cl's start. ACCORD_ENOMEM
** (lo then needs no dispose).
*/
int rl_cluster_layout(layout *lo, const accord_cmp_cluster *cl, const char *text, size_t text_len, int prev_blank,
	const accord_brackets *b);

#endif
