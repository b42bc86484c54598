/*
** render_layout.c: how a cluster of proposals is laid out
** (render_layout_int.h): the blanks at the edges of a proposal, the
** options shown, and the check that the layout reads back (as
** bracket_resolve.c reads it), else the exact layout.
*/
#include <stdint.h>
#include <string.h>

#include "accord/text.h"
#include "compile/render_layout_int.h"

/* ---- blanks and the edges of a proposal ------------------------------------------------------ */

enum char_class { CH_NONE = 0, CH_BLANK, CH_PUNCT, CH_WORD };

static int class_of(uint32_t cp)
{
	if (accord_codepoint_is_space(cp))
		return CH_BLANK;
	return accord_codepoint_is_punct(cp) ? CH_PUNCT : CH_WORD;
}

/* Start of the character that ends at byte end (end > 0). */
static size_t char_start_before(const char *s, size_t end)
{
	size_t i = end - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* The class of the character before byte pos of s (CH_NONE at the start). */
static int class_before(const char *s, size_t pos)
{
	size_t i;
	if (pos == 0)
		return CH_NONE;
	i = char_start_before(s, pos);
	return class_of(accord_utf8_next(s, pos, &i));
}

/* The class of the character at byte pos of s (CH_NONE at the end). */
static int class_at(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return CH_NONE;
	return class_of(accord_utf8_next(s, len, &pos));
}

/* Bytes of blanks at the start / end of s[0..len). */
size_t rl_blank_prefix(const char *s, size_t len)
{
	size_t i = 0, next = 0;
	while (i < len && accord_codepoint_is_space(accord_utf8_next(s, len, &next)))
		i = next;
	return i;
}

size_t rl_blank_suffix(const char *s, size_t len)
{
	size_t end = len;
	while (end > 0) {
		size_t start = char_start_before(s, end), i = start;
		if (!accord_codepoint_is_space(accord_utf8_next(s, end, &i)))
			break;
		end = start;
	}
	return len - end;
}

/* 1 when two texts are the same once every blank is taken out: a change of spacing alone. */
static int same_but_spacing(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	for (;;) {
		i += rl_blank_prefix(a + i, al - i);
		j += rl_blank_prefix(b + j, bl - j);
		if (i == al || j == bl)
			return i == al && j == bl;
		if (a[i] != b[j])
			return 0;
		i++;
		j++;
	}
}


void rl_trimmed(const char *s, size_t len, const char **out, size_t *out_len)
{
	size_t l = rl_blank_prefix(s, len);
	*out = s + l;
	*out_len = l == len ? 0 : len - l - rl_blank_suffix(s, len);
}

/* A text of the cluster (an option's, the base's) as its brackets show it. */
void rl_shown(const layout *lo, const char *s, size_t len, const char **out, size_t *out_len)
{
	if (!lo->exact) {
		rl_trimmed(s, len, out, out_len);
		return;
	}
	*out = s + lo->lead_len;
	*out_len = len - lo->lead_len - lo->trail_len;
}

void rl_layout_dispose(layout *lo)
{
	if (lo->number != lo->small)
		accord_free(lo->number);
	lo->number = NULL;
}

/* 1 for a byte a vanished group leaves no blank before (as bracket_resolve.c tidies). */
static int closes_up(char c)
{
	return c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '!' || c == '?';
}

/*
** 1 when a reader that drops a whole group between before[0..bl) and
** after[0..al) (tidying the blanks as bracket_resolve.c's put_kept does:
** no doubled blank, none before punctuation, none at the end) gives
** want[0..wl); -1: out of memory.
*/
static int vanish_reads(const char *before, size_t bl, const char *after, size_t al, const char *want, size_t wl)
{
	accord_buf out = ACCORD_BUF_INIT;
	size_t i;
	int vanished = 1, ok;
	if (accord_buf_put(&out, before, bl) != ACCORD_OK)
		return -1;
	for (i = 0; i < al; i++) {
		char c = after[i];
		if (vanished) {
			int prev_blank = out.size > 0 && out.ptr[out.size - 1] == ' ';
			if (c == ' ' && (prev_blank || out.size == 0))
				continue;
			if (closes_up(c) && prev_blank)
				out.size--;
			if (c != ' ')
				vanished = 0;
		}
		if (accord_buf_putc(&out, c) != ACCORD_OK) {
			accord_buf_dispose(&out);
			return -1;
		}
	}
	if (vanished)
		while (out.size > 0 && out.ptr[out.size - 1] == ' ')
			out.size--;
	ok = out.size == wl && (wl == 0 || memcmp(out.ptr, want, wl) == 0);
	accord_buf_dispose(&out);
	return ok;
}

/*
** 1 when what a reader takes for one view of the cluster (content, or NULL:
** the whole group dropped) gives text with the cluster's bytes replaced by
** want[0..wl).
*/
static int view_reads(const layout *lo, const accord_cmp_cluster *cl, const char *text, size_t text_len,
	const char *content, size_t clen, const char *want, size_t wl)
{
	size_t a = cl->byte_start, z = cl->byte_start + cl->byte_len;
	int ok;
	accord_buf got = ACCORD_BUF_INIT, exp = ACCORD_BUF_INIT;
	if (accord_buf_put(&exp, text, a) != ACCORD_OK || accord_buf_put(&exp, want, wl) != ACCORD_OK ||
	    accord_buf_put(&exp, text + z, text_len - z) != ACCORD_OK ||
	    accord_buf_put(&got, text, a) != ACCORD_OK || accord_buf_put(&got, lo->lead, lo->lead_len) != ACCORD_OK) {
		ok = -1;
		goto cleanup;
	}
	if (content == NULL) {
		size_t bl = got.size;
		if (accord_buf_put(&got, lo->trail, lo->trail_len) != ACCORD_OK ||
		    accord_buf_put(&got, text + z, text_len - z) != ACCORD_OK) {
			ok = -1;
			goto cleanup;
		}
		ok = vanish_reads(got.ptr, bl, got.ptr + bl, got.size - bl, exp.ptr ? exp.ptr : "", exp.size);
		goto cleanup;
	}
	if (accord_buf_put(&got, content, clen) != ACCORD_OK || accord_buf_put(&got, lo->trail, lo->trail_len) != ACCORD_OK ||
	    accord_buf_put(&got, text + z, text_len - z) != ACCORD_OK) {
		ok = -1;
		goto cleanup;
	}
	ok = got.size == exp.size && (got.size == 0 || memcmp(got.ptr, exp.ptr, got.size) == 0);
cleanup:
	accord_buf_dispose(&got);
	accord_buf_dispose(&exp);
	return ok;
}

/* 1 when every party's option, and the base, read back from the cluster laid out as lo says; -1: out of memory. */
static int layout_reads_back(const layout *lo, const accord_cmp_cluster *cl, const char *text, size_t text_len,
	const accord_brackets *b)
{
	size_t i;
	int insertion = lo->base_len == 0, alternatives = lo->n_shown > 1, ok;
	for (i = 0; i < cl->n_options; i++) {
		const char *o = cl->options[i].text, *t;
		size_t len = strlen(o), tlen;
		rl_shown(lo, o, len, &t, &tlen);
		/* a deletion, or an alternative that deletes (the convention's word), drops the whole group for its party */
		if ((ok = view_reads(lo, cl, text, text_len, tlen == 0 ? NULL : t, tlen, o, len)) != 1)
			return ok;
	}
	/* the base: its own bracket, the no-change option, or nothing (an insertion) */
	if (insertion || (alternatives && !b->no_change_option))
		return view_reads(lo, cl, text, text_len, NULL, 0, cl->base_text, cl->byte_len);
	return view_reads(lo, cl, text, text_len, lo->base, lo->base_len, cl->base_text, cl->byte_len);
}

/* Lays out cl exact: lead and trail the blanks the base and every option share. */
static void exact_layout(layout *lo, const accord_cmp_cluster *cl)
{
	size_t i, lead = rl_blank_prefix(cl->base_text, cl->byte_len), trail;
	for (i = 0; i < cl->n_options; i++) {
		const char *t = cl->options[i].text;
		size_t l = rl_blank_prefix(t, strlen(t)), k = 0;
		while (k < lead && k < l && cl->base_text[k] == t[k])
			k++;
		lead = k;
	}
	trail = rl_blank_suffix(cl->base_text + lead, cl->byte_len - lead);
	for (i = 0; i < cl->n_options; i++) {
		const char *t = cl->options[i].text;
		size_t len = strlen(t), r = rl_blank_suffix(t + lead, len - lead), k = 0;
		while (k < trail && k < r && cl->base_text[cl->byte_len - 1 - k] == t[len - 1 - k])
			k++;
		trail = k;
	}
	lo->exact = 1;
	lo->lead = cl->base_text;
	lo->lead_len = lead;
	lo->trail = cl->base_text + cl->byte_len - trail;
	lo->trail_len = trail;
	lo->base = cl->base_text + lead;
	lo->base_len = cl->byte_len - lead - trail;
}

/* Lays out cluster cl of text; prev_blank: the writer has just put a blank at cl's start. */
int rl_cluster_layout(layout *lo, const accord_cmp_cluster *cl, const char *text, size_t text_len, int prev_blank,
	const accord_brackets *b)
{
	size_t i, bl, bt;
	int before = prev_blank ? CH_BLANK : class_before(text, cl->byte_start);
	int after = class_at(text, text_len, cl->byte_start + cl->byte_len);
	memset(lo, 0, sizeof(*lo));
	lo->number = cl->n_options <= sizeof(lo->small) / sizeof(lo->small[0]) ? lo->small
		: accord_malloc(cl->n_options * sizeof(int));
	if (lo->number == NULL)
		return ACCORD_ENOMEM;
	/* every option is shown, a change of spacing too, so that the compilation reads back */
	for (i = 0; i < cl->n_options; i++)
		lo->number[i] = b->anonymous && same_but_spacing(cl->base_text, cl->byte_len, cl->options[i].text,
			strlen(cl->options[i].text)) ? 0 : (int)++lo->n_shown;
	rl_trimmed(cl->base_text, cl->byte_len, &lo->base, &lo->base_len);
	bl = rl_blank_prefix(cl->base_text, cl->byte_len);
	bt = lo->base_len == 0 ? 0 : rl_blank_suffix(cl->base_text, cl->byte_len);
	/* before the brackets */
	if (before != CH_NONE && before != CH_BLANK) {
		if (bl > 0) {
			lo->lead = cl->base_text;
			lo->lead_len = bl;
		} else {
			for (i = 0; i < cl->n_options && lo->lead == NULL; i++) {
				const char *t = cl->options[i].text;
				size_t len = strlen(t), l = rl_blank_prefix(t, len);
				if (lo->number[i] > 0 && l > 0 && l < len) {
					lo->lead = " ";
					lo->lead_len = 1;
				}
			}
		}
	}
	/* after them */
	if (after != CH_NONE && after != CH_BLANK) {
		if (bt > 0) {
			lo->trail = cl->base_text + cl->byte_len - bt;
			lo->trail_len = bt;
		} else {
			for (i = 0; i < cl->n_options && lo->trail == NULL; i++) {
				const char *t = cl->options[i].text;
				size_t len = strlen(t), r = rl_blank_suffix(t, len);
				if (lo->number[i] > 0 && r > 0 && r < len) {
					lo->trail = " ";
					lo->trail_len = 1;
				}
			}
		}
	}
	if (!b->anonymous) {
		int ok = layout_reads_back(lo, cl, text, text_len, b);
		if (ok < 0) {
			rl_layout_dispose(lo);
			return ACCORD_ENOMEM;
		}
		if (ok == 0)
			exact_layout(lo, cl);
	}
	return ACCORD_OK;
}

