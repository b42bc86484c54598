/*
** worddiff_cleanup.c: the clean-up of the hunk list, so it reads as a
** person would mark it: changes slid to word boundaries, short common runs
** between two changes absorbed, the tokens a replacement starts or ends
** with on both sides moved out of it.
*/
#include "text/worddiff_int.h"

/* Drops empty hunks, joins neighbours of the same kind (changes join into one), sets the ops. */
static void normalize_hunks(hunk_list *list)
{
	size_t in, out = 0;
	for (in = 0; in < list->used; in++) {
		accord_diff_hunk h = list->items[in];
		int equal = h.op == ACCORD_DIFF_EQUAL;
		if (h.a_count == 0 && h.b_count == 0)
			continue;
		if (out > 0 && (list->items[out - 1].op == ACCORD_DIFF_EQUAL) == equal) {
			list->items[out - 1].a_count += h.a_count;
			list->items[out - 1].b_count += h.b_count;
		} else {
			list->items[out++] = h;
		}
		if (!equal) {
			accord_diff_hunk *last = &list->items[out - 1];
			last->op = change_op(last->a_count, last->b_count);
		}
	}
	list->used = out;
}

/* How well a change over tokens [start, end) of a side reads: it should start and end at a word. */
static int slide_score(const diff_side *side, size_t start, size_t end)
{
	int score = 0;
	if (side->token[start].kind != ACCORD_TOKEN_SPACE)
		score += 2;
	if (side->token[end - 1].kind != ACCORD_TOKEN_SPACE)
		score += 1;
	return score;
}

/*
** Slides each pure insertion or deletion that sits between two equal
** stretches to where it reads best. Sliding left by one is possible when
** the token before the change equals its last token (then the equal
** stretches still pair equal tokens), and right by one when the token after
** equals its first.
*/
static void slide_hunks(hunk_list *list, const diff_side *a, const diff_side *b)
{
	size_t i;
	for (i = 1; i + 1 < list->used; i++) {
		accord_diff_hunk *prev = &list->items[i - 1], *h = &list->items[i], *next = &list->items[i + 1];
		const diff_side *side;
		size_t start, count, left = 0, right = 0, best, p;
		int best_score;
		if (prev->op != ACCORD_DIFF_EQUAL || next->op != ACCORD_DIFF_EQUAL)
			continue;
		if (h->op == ACCORD_DIFF_DELETE) {
			side = a;
			start = h->a_start;
			count = h->a_count;
		} else if (h->op == ACCORD_DIFF_INSERT) {
			side = b;
			start = h->b_start;
			count = h->b_count;
		} else {
			continue;
		}
		while (left < prev->a_count && side_tokens_equal(side, start - left - 1, start + count - left - 1))
			left++;
		while (right < next->a_count && side_tokens_equal(side, start + right, start + count + right))
			right++;
		if (left == 0 && right == 0)
			continue;
		best = left;
		best_score = slide_score(side, start, start + count);
		for (p = 0; p <= left + right; p++) {
			size_t s = start - left + p;
			int score = slide_score(side, s, s + count);
			if (score > best_score) {
				best_score = score;
				best = p;
			}
		}
		if (best != left) {
			/*
			** delta = best - left, applied to the change and both equal
			** neighbours; a move left is a negative delta, which size_t
			** arithmetic (modulo SIZE_MAX + 1) applies exactly.
			*/
			size_t delta = best - left;
			prev->a_count += delta;
			prev->b_count += delta;
			h->a_start += delta;
			h->b_start += delta;
			next->a_start += delta;
			next->b_start += delta;
			next->a_count -= delta;
			next->b_count -= delta;
		}
	}
	normalize_hunks(list);
}

/* Whether an equal stretch between two changes is short enough to join them. */
static int absorbable(const diff_side *a, const accord_diff_hunk *h, const accord_diff_options *opts)
{
	size_t i, words = 0, punct = 0;
	for (i = h->a_start; i < h->a_start + h->a_count; i++) {
		if (a->token[i].kind == ACCORD_TOKEN_WORD)
			words++;
		else if (a->token[i].kind == ACCORD_TOKEN_PUNCT)
			punct++;
		if (words > opts->absorb_words)
			return 0; /* long common runs end here */
	}
	if (words == 0 && punct == 0)
		return 1;
	if (punct > 0 && !(opts->flags & ACCORD_DIFF_ABSORB_PUNCT))
		return 0;
	return words <= opts->absorb_words;
}

/* Moves the tokens that both sides of a replacement start or end with out of it. */
static int trim_replacements(hunk_list *list, const diff_side *a, const diff_side *b)
{
	hunk_list out = {NULL, 0, 0};
	size_t i;
	int rc = 0;
	for (i = 0; i < list->used; i++) {
		accord_diff_hunk h = list->items[i];
		size_t a_lo = h.a_start, a_hi = h.a_start + h.a_count, b_lo = h.b_start, b_hi = h.b_start + h.b_count;
		size_t head, tail;
		if (h.op != ACCORD_DIFF_REPLACE) {
			if ((rc = hunk_push(&out, h.a_start, h.a_count, h.b_start, h.b_count, h.op == ACCORD_DIFF_EQUAL)) != 0)
				goto cleanup;
			continue;
		}
		trim_common(a, &a_lo, &a_hi, b, &b_lo, &b_hi);
		head = a_lo - h.a_start;
		tail = h.a_start + h.a_count - a_hi;
		if ((head && (rc = hunk_push(&out, h.a_start, head, h.b_start, head, 1)) != 0) ||
		    (rc = hunk_push(&out, h.a_start + head, h.a_count - head - tail, h.b_start + head,
			     h.b_count - head - tail, 0)) != 0 ||
		    (tail && (rc = hunk_push(&out, h.a_start + h.a_count - tail, tail, h.b_start + h.b_count - tail, tail,
				      1)) != 0))
			goto cleanup;
	}
	accord_free(list->items);
	*list = out;
	out.items = NULL;
	normalize_hunks(list);
cleanup:
	accord_free(out.items);
	return rc;
}

int worddiff_clean_up(hunk_list *list, const diff_side *a, const diff_side *b, const accord_diff_options *opts)
{
	size_t i;
	slide_hunks(list, a, b);
	for (i = 1; i + 1 < list->used; i++) {
		accord_diff_hunk *h = &list->items[i];
		if (h->op == ACCORD_DIFF_EQUAL && list->items[i - 1].op != ACCORD_DIFF_EQUAL &&
		    list->items[i + 1].op != ACCORD_DIFF_EQUAL && absorbable(a, h, opts))
			h->op = ACCORD_DIFF_REPLACE; /* joined with its neighbours by normalize */
	}
	normalize_hunks(list);
	return trim_replacements(list, a, b);
}
