/*
** parse_markdown.c: Markdown into a document, in generic mode
** (docs/formats.md, "Markdown").
**
**   - `#` headings (and Setext `===`/`---` underlines) open sections;
**   - list items (`-`, `*`, `+`, `1.`, `1)`) become paragraphs labelled with
**     their marker as written; a more indented item is a child of the item
**     above it;
**   - other paragraphs are blocks separated by blank lines, their lines
**     joined with "\n";
**   - a fenced code block is one paragraph, fences included;
**   - `[^N]: text` defines footnote N.
** Word artefacts are handled as in plain text (parse_text.c).
*/
#include <ctype.h>
#include <string.h>

#include "accord/format.h"
#include "format/parse_int.h"

#define MD_MAX_DEPTH 16

typedef struct md_item {
	accord_para *para;
	size_t content_indent; /* column where the item's text starts */
} md_item;

typedef struct md_state {
	accord_doc *doc;
	const parse_input *in;
	accord_section *section;
	accord_buf block;       /* the paragraph or list item being read */
	size_t block_line;      /* its first logical line */
	int in_block;           /* a paragraph is being read */
	accord_para *item;      /* the list item whose text is being read */
	md_item stack[MD_MAX_DEPTH];
	int depth;              /* open list items */
	char fence[4];          /* "```" or "~~~" while inside a fenced block */
	accord_footnote *footnote; /* a footnote whose text may continue */
	const char *name;
	accord_error *err;
} md_state;

static size_t md_indent(const char *s, size_t len)
{
	size_t i = 0, col = 0;
	for (; i < len; i++) {
		if (s[i] == ' ')
			col++;
		else if (s[i] == '\t')
			col = (col / 4 + 1) * 4;
		else
			break;
	}
	return col;
}

static int ensure_section(md_state *st, unsigned line)
{
	int rc;
	if (st->section != NULL)
		return ACCORD_OK;
	if ((rc = accord_doc_add_section(&st->section, st->doc, NULL, NULL, ACCORD_KIND_NONE, NULL)) != ACCORD_OK)
		return rc;
	st->section->line = line;
	return ACCORD_OK;
}

/* Ends the paragraph or the list item text being read. */
static int flush(md_state *st)
{
	int rc;
	if (st->item != NULL) {
		rc = accord_para_set_text_len(st->item, st->block.ptr ? st->block.ptr : "", st->block.size);
		st->item = NULL;
		accord_buf_clear(&st->block);
		return rc;
	}
	if (st->in_block) {
		accord_para *para;
		st->in_block = 0;
		if ((rc = ensure_section(st, st->in->lines[st->block_line].line)) != ACCORD_OK)
			return rc;
		rc = accord_parse_add_para(&para, st->doc, st->section, NULL, NULL, 0, st->block.ptr ? st->block.ptr : "",
			st->block.size, st->in->lines[st->block_line].line);
		accord_buf_clear(&st->block);
		return rc;
	}
	return ACCORD_OK;
}

static int block_add_line(md_state *st, const char *s, size_t len)
{
	if (st->block.size > 0 && accord_buf_putc(&st->block, '\n') != ACCORD_OK)
		return ACCORD_ENOMEM;
	return accord_buf_put(&st->block, s, len);
}

/* A list marker at s: "-", "*", "+" or 1-9 digits and "." or ")", then a blank or the end. */
static size_t list_marker(const char *s, size_t len)
{
	size_t i = 0;
	if (len == 0)
		return 0;
	if (s[0] == '-' || s[0] == '*' || s[0] == '+') {
		i = 1;
	} else {
		while (i < len && i < 9 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == 0 || i >= len || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i < len && s[i] != ' ' && s[i] != '\t')
		return 0;
	return i;
}

/* "---", "***", "___" (three or more, blanks allowed). */
static int thematic_break(const char *s, size_t len)
{
	size_t i, n = 0;
	char c = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (c == 0 && (s[i] == '-' || s[i] == '*' || s[i] == '_'))
			c = s[i];
		if (s[i] != c)
			return 0;
		n++;
	}
	return n >= 3;
}

/* A Setext underline: only '=' or only '-' (blanks around). */
static int setext_underline(const char *s, size_t len)
{
	accord_parse_trim(&s, &len);
	if (len == 0 || (s[0] != '=' && s[0] != '-'))
		return 0;
	while (len > 0 && s[len - 1] == s[0])
		len--;
	return len == 0;
}

static int open_section(md_state *st, const char *title, size_t len, unsigned line)
{
	char *copy = accord_arena_strndup(&st->doc->arena, title, len);
	int rc;
	if (copy == NULL)
		return ACCORD_ENOMEM;
	if ((rc = accord_doc_add_section(&st->section, st->doc, NULL, copy, ACCORD_KIND_NONE, NULL)) != ACCORD_OK)
		return rc;
	st->section->line = line;
	st->depth = 0;
	st->footnote = NULL;
	return ACCORD_OK;
}

static int footnote_def(md_state *st, const char *s, size_t len, unsigned line)
{
	size_t i = 2, start;
	char number[32];
	const char *text;
	size_t text_len;
	int rc;
	if (len < 5 || s[0] != '[' || s[1] != '^')
		return 0;
	while (i < len && i < 30 && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '[')
		i++;
	if (i == 2 || i + 1 >= len || s[i] != ']' || s[i + 1] != ':')
		return 0;
	memcpy(number, s + 2, i - 2);
	number[i - 2] = '\0';
	start = i + 2;
	text = s + start;
	text_len = len - start;
	accord_parse_trim(&text, &text_len);
	if (accord_doc_find_footnote(st->doc, number) != NULL) {
		accord_error_set(st->err, ACCORD_EPARSE, "footnote %s is defined twice", number);
		accord_error_at(st->err, st->name, line, 1);
		return ACCORD_EPARSE;
	}
	{
		char *copy = accord_arena_strndup(&st->doc->arena, text, text_len);
		if (copy == NULL)
			return ACCORD_ENOMEM;
		if ((rc = accord_doc_add_footnote(&st->footnote, st->doc, number, copy)) != ACCORD_OK)
			return rc;
	}
	st->footnote->line = line;
	return 1;
}

static int footnote_continue(md_state *st, const char *s, size_t len)
{
	const char *old = accord_footnote_text(st->footnote);
	size_t n = strlen(old);
	char *joined;
	accord_parse_trim(&s, &len);
	joined = accord_arena_alloc(&st->doc->arena, n + len + 2);
	if (joined == NULL)
		return ACCORD_ENOMEM;
	memcpy(joined, old, n);
	joined[n] = '\n';
	memcpy(joined + n + 1, s, len);
	joined[n + 1 + len] = '\0';
	return accord_footnote_set_text(st->footnote, joined);
}

static int md_line(md_state *st, size_t i)
{
	const char *s = PARSE_LINE_TEXT(st->in, i);
	size_t len = st->in->lines[i].len, indent, hs, hl, marker;
	unsigned line = st->in->lines[i].line;
	const char *t = s;
	size_t tlen = len;
	int rc;

	accord_parse_trim(&t, &tlen);
	/* inside a fenced code block: everything is text until the fence closes */
	if (st->fence[0] != '\0') {
		if ((rc = block_add_line(st, s, len)) != ACCORD_OK)
			return rc;
		if (tlen >= 3 && memcmp(t, st->fence, 3) == 0) {
			st->fence[0] = '\0';
			return flush(st);
		}
		return ACCORD_OK;
	}
	if (st->in->lines[i].blank) {
		if ((rc = flush(st)) != ACCORD_OK)
			return rc;
		return ACCORD_OK;
	}
	indent = md_indent(s, len);
	if (st->footnote != NULL && indent >= 4 && !st->in_block && st->item == NULL)
		return footnote_continue(st, s, len);
	st->footnote = NULL;
	if (indent < 4 && tlen >= 3 && (memcmp(t, "```", 3) == 0 || memcmp(t, "~~~", 3) == 0)) {
		if ((rc = flush(st)) != ACCORD_OK)
			return rc;
		memcpy(st->fence, t, 3);
		st->fence[3] = '\0';
		st->in_block = 1;
		st->block_line = i;
		return block_add_line(st, t, tlen);
	}
	if (indent < 4 && accord_parse_atx_heading(s, len, &hs, &hl)) {
		if ((rc = flush(st)) != ACCORD_OK)
			return rc;
		return open_section(st, s + hs, hl, line);
	}
	if (st->in_block && st->item == NULL && indent < 4 && setext_underline(s, len)) {
		/* the paragraph just read is a heading */
		char *title = accord_arena_strndup(&st->doc->arena, st->block.ptr, st->block.size), *nl;
		if (title == NULL)
			return ACCORD_ENOMEM;
		while ((nl = strchr(title, '\n')) != NULL)
			*nl = ' ';
		st->in_block = 0;
		accord_buf_clear(&st->block);
		return open_section(st, title, strlen(title), st->in->lines[st->block_line].line);
	}
	if (indent < 4 && !st->in_block && st->item == NULL && thematic_break(t, tlen))
		return ACCORD_OK; /* a rule: no words */
	if (indent < 4 && (rc = footnote_def(st, t, tlen, line)) != 0) {
		if (rc < 0)
			return rc;
		return flush(st);
	}
	marker = list_marker(t, tlen);
	if (marker > 0 && !thematic_break(t, tlen)) {
		accord_para *para, *parent;
		const char *text = t + marker;
		size_t text_len = tlen - marker, content;
		if ((rc = flush(st)) != ACCORD_OK)
			return rc;
		if ((rc = ensure_section(st, line)) != ACCORD_OK)
			return rc;
		accord_parse_trim(&text, &text_len);
		content = indent + marker + 1;
		while (st->depth > 0 && indent < st->stack[st->depth - 1].content_indent)
			st->depth--;
		if (st->depth >= MD_MAX_DEPTH)
			st->depth = MD_MAX_DEPTH - 1;
		parent = st->depth > 0 ? st->stack[st->depth - 1].para : NULL;
		rc = accord_parse_add_para(&para, st->doc, st->section, parent, t, marker, "", 0, line);
		if (rc != ACCORD_OK)
			return rc;
		st->stack[st->depth].para = para;
		st->stack[st->depth].content_indent = content;
		st->depth++;
		st->item = para;
		return block_add_line(st, text, text_len);
	}
	/* text: continues the item or paragraph being read, or starts a paragraph */
	if (st->item != NULL)
		return block_add_line(st, t, tlen);
	if (!st->in_block) {
		st->in_block = 1;
		st->block_line = i;
		st->depth = 0; /* a paragraph after a blank line ends the list */
	}
	return block_add_line(st, t, tlen);
}

/* Whether line i of in is exactly fence ("---", "...", "+++"), trailing blanks aside. */
static int fence_line(const parse_input *in, size_t i, const char *fence)
{
	const char *s = PARSE_LINE_TEXT(in, i);
	size_t len = in->lines[i].len, n = strlen(fence);
	while (len > n && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return len == n && memcmp(s, fence, n) == 0;
}

/*
** Front matter (as IETF drafts, static sites and pandoc write it): a first
** line "---" up to a line "---" or "..." (YAML), or "+++" to "+++" (TOML).
** It is metadata, not text: its top-level `title` becomes the document's
** title, the rest is left aside. *first is the first line after it (0 when
** there is none; an opening fence never closed is text).
*/
static int front_matter(accord_doc *doc, const parse_input *in, size_t *first)
{
	size_t i, end;
	int toml;
	*first = 0;
	if (in->count == 0 || !(fence_line(in, 0, "---") || fence_line(in, 0, "+++")))
		return ACCORD_OK;
	toml = fence_line(in, 0, "+++");
	for (end = 1; end < in->count; end++)
		if (toml ? fence_line(in, end, "+++") : (fence_line(in, end, "---") || fence_line(in, end, "...")))
			break;
	if (end >= in->count)
		return ACCORD_OK;
	/* metadata, not a thematic break: its first line is a key (`name:`, or `name =` in TOML) */
	for (i = 1; i < end && in->lines[i].blank; i++)
		;
	if (i < end) {
		const char *s = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len, k = 0;
		while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
			k++;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == 0 || k >= len || s[k] != (toml ? '=' : ':') || !isalpha((unsigned char)s[0]))
			return ACCORD_OK;
	}
	for (i = 1; i < end; i++) {
		const char *s = PARSE_LINE_TEXT(in, i), *v;
		size_t len = in->lines[i].len;
		if (len < 6 || memcmp(s, "title", 5) != 0)
			continue;
		v = s + 5;
		while (v < s + len && (*v == ' ' || *v == '\t'))
			v++;
		if (v >= s + len || *v != (toml ? '=' : ':'))
			continue;
		v++;
		while (v < s + len && (*v == ' ' || *v == '\t'))
			v++;
		len -= (size_t)(v - s);
		while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r'))
			len--;
		if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0]) {
			v++;
			len -= 2;
		}
		if (len > 0) {
			char *title = accord_strndup(v, len);
			int rc = title ? accord_doc_set_meta(doc, ACCORD_META_TITLE, title) : ACCORD_ENOMEM;
			accord_free(title);
			if (rc != ACCORD_OK)
				return rc;
		}
		break;
	}
	*first = end + 1;
	return ACCORD_OK;
}

/* ---- an opinion written in Markdown ----------------------------------------------------- */

static int md_is_punct(unsigned char c)
{
	return c < 0x80 && ispunct(c);
}

static int md_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A run of emphasis markers in a line: where, how long, which, and what it does. */
typedef struct md_run {
	size_t at, n;
	char c;
	unsigned char opens, closes, paired;
} md_run;

#define MD_MAX_RUNS 64 /* runs looked at in a line; a line with more keeps the rest as written */

/*
** Whether the run of n markers at s[i] may open or close emphasis
** (CommonMark's flanking rules; the line's ends count as blanks): '*'
** opens when left-flanking and closes when right-flanking; '_' only on
** the outer side of a word, so snake_case keeps its '_'.
*/
static void md_run_flanks(const char *s, size_t len, md_run *r)
{
	unsigned char before = r->at > 0 ? (unsigned char)s[r->at - 1] : ' ';
	unsigned char after = r->at + r->n < len ? (unsigned char)s[r->at + r->n] : ' ';
	int left = !md_is_blank((char)after) &&
		   (!md_is_punct(after) || md_is_blank((char)before) || md_is_punct(before));
	int right = !md_is_blank((char)before) &&
		    (!md_is_punct(before) || md_is_blank((char)after) || md_is_punct(after));
	if (r->c == '*') {
		r->opens = (unsigned char)left;
		r->closes = (unsigned char)right;
	} else {
		r->opens = (unsigned char)(left && (!right || md_is_punct(before)));
		r->closes = (unsigned char)(right && (!left || md_is_punct(after)));
	}
}

/*
** The emphasis runs of s[from, len) that pair up (a closer with the
** nearest open run of the same marker and length before it): only those
** are markup; a lone '*' ("Member States*") is text.
*/
static size_t md_emphasis_runs(const char *s, size_t from, size_t len, md_run *runs)
{
	size_t k, n = 0, i, j;
	for (k = from; k < len && n < MD_MAX_RUNS; k++) {
		if (s[k] == '\\' && k + 1 < len && md_is_punct((unsigned char)s[k + 1])) {
			k++;
			continue;
		}
		if (s[k] != '*' && s[k] != '_')
			continue;
		runs[n].at = k;
		runs[n].c = s[k];
		runs[n].n = 1;
		runs[n].paired = 0;
		while (k + runs[n].n < len && s[k + runs[n].n] == s[k])
			runs[n].n++;
		k += runs[n].n - 1;
		md_run_flanks(s, len, &runs[n]);
		n++;
	}
	for (i = 0; i < n; i++) {
		if (!runs[i].closes)
			continue;
		for (j = i; j-- > 0;)
			if (runs[j].opens && !runs[j].paired && runs[j].c == runs[i].c && runs[j].n == runs[i].n) {
				runs[j].paired = runs[i].paired = 1;
				break;
			}
	}
	return n;
}

/* The digits of a footnote number (1 to 3) in "[^N]" at s[i], not a definition's "[^N]:"; 0 when not one. */
static size_t md_footnote_ref(const char *s, size_t len, size_t i)
{
	size_t n = 0;
	if (i + 3 >= len || s[i] != '[' || s[i + 1] != '^')
		return 0;
	while (i + 2 + n < len && n < 4 && isdigit((unsigned char)s[i + 2 + n]))
		n++;
	if (n == 0 || n > 3 || i + 2 + n >= len || s[i + 2 + n] != ']')
		return 0;
	if (i + 3 + n < len && s[i + 3 + n] == ':')
		return 0;
	return n;
}

/*
** A footnote definition "[^N]: text" (up to 3 spaces before): how many
** digits N has (0: not one), where they start in *number and where its text
** starts in *text.
*/
static size_t md_footnote_def(const char *s, size_t len, size_t *number, size_t *text)
{
	size_t i = 0, n = 0;
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	if (i + 4 >= len || s[i] != '[' || s[i + 1] != '^')
		return 0;
	while (i + 2 + n < len && n < 4 && isdigit((unsigned char)s[i + 2 + n]))
		n++;
	if (n == 0 || n > 3 || i + 3 + n >= len || s[i + 2 + n] != ']' || s[i + 3 + n] != ':')
		return 0;
	*number = i + 2;
	*text = i + 4 + n;
	while (*text < len && (s[*text] == ' ' || s[*text] == '\t'))
		(*text)++;
	return n;
}

/* Puts ']' at byte at of b (the end of a footnote's last line), moving the rest on. */
static int md_close_footnote(accord_buf *b, size_t at)
{
	int rc = accord_buf_put(b, "]", 1);
	if (rc != ACCORD_OK)
		return rc;
	memmove(b->ptr + at + 1, b->ptr + at, b->size - 1 - at);
	b->ptr[at] = ']';
	return ACCORD_OK;
}

/*
** One line of Markdown as the plain text it marks up: the '#' of a heading,
** a quote's '>', emphasis markers, backslash escapes ("\[" is pandoc's
** bracket) and a hard break's backslash taken out; a Setext underline or a
** thematic break is a blank line. Everything else as written.
*/
static int md_plain_line(accord_buf *out, const char *s, size_t len)
{
	md_run runs[MD_MAX_RUNS];
	size_t i = 0, k, n_runs, run = 0;
	int rc = ACCORD_OK;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (setext_underline(s, len) || thematic_break(s, len))
		return accord_buf_put(out, "\n", 1);
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	if (i < len && s[i] == '>') {
		i++;
		if (i < len && s[i] == ' ')
			i++;
	}
	for (k = i; k < len && k - i < 7 && s[k] == '#'; k++)
		;
	if (k > i && k - i <= 6 && (k == len || s[k] == ' ')) { /* "## heading ##" */
		i = k;
		while (i < len && s[i] == ' ')
			i++;
		if (len > i && s[len - 1] == '}') { /* pandoc's attributes: "## considering {#considering}" */
			size_t open = len - 1;
			while (open > i && s[open] != '{')
				open--;
			if (s[open] == '{' && open + 1 < len && (s[open + 1] == '#' || s[open + 1] == '.') &&
			    (open == i || s[open - 1] == ' '))
				len = open;
		}
		while (len > i && s[len - 1] == ' ')
			len--;
		while (len > i && s[len - 1] == '#')
			len--;
		while (len > i && s[len - 1] == ' ')
			len--;
	}
	if (len > i && s[len - 1] == '\\')
		len--; /* a hard line break */
	{ /* a list item whose text starts with a label, as accord writes a labelled child: "- a. text" */
		size_t ind = i;
		while (ind < len && (s[ind] == ' ' || s[ind] == '\t'))
			ind++;
		if (ind + 2 < len && (s[ind] == '-' || s[ind] == '*' || s[ind] == '+') && s[ind + 1] == ' ') {
			size_t at = ind + 2, label, n = 0, h;
			char head[32]; /* the text's start, unescaped: "1\\. text" is how Markdown writes "1. text" */
			while (at < len && s[at] == ' ')
				at++;
			for (h = at; h < len && n < sizeof(head); h++)
				if (!(s[h] == '\\' && h + 1 < len && md_is_punct((unsigned char)s[h + 1])))
					head[n++] = s[h];
			label = accord_parse_label_len(head, n);
			if (label > 0 && s[at] != '-' && s[at] != '*' && s[at] != ')' &&
			    (rc = accord_buf_put(out, s + i, ind - i)) == ACCORD_OK)
				i = at;
		}
	}
	n_runs = md_emphasis_runs(s, i, len, runs);
	for (k = i; k < len && rc == ACCORD_OK; k++) {
		size_t digits = md_footnote_ref(s, len, k);
		if (digits > 0) { /* "[^2]": Word's text form "[footnoteRef:2]" */
			rc = accord_buf_printf(out, "[footnoteRef:%.*s]", (int)digits, s + k + 2);
			k += digits + 2;
			continue;
		}
		if (k + 2 < len && s[k] == '[' && s[k + 1] == ']' && s[k + 2] == '{') {
			size_t close = k + 3;
			while (close < len && s[close] != '}')
				close++;
			if (close < len) { /* pandoc's empty span of a Word bookmark: "[]{#_Toc123 .anchor}" */
				k = close;
				continue;
			}
		}
		if (s[k] == '\\' && k + 1 < len && md_is_punct((unsigned char)s[k + 1])) {
			rc = accord_buf_put(out, s + k + 1, 1);
			k++;
			continue;
		}
		if (run < n_runs && runs[run].at == k) {
			if (!runs[run].paired)
				rc = accord_buf_put(out, s + k, runs[run].n);
			k += runs[run].n - 1;
			run++;
			continue;
		}
		rc = accord_buf_put(out, s + k, 1);
	}
	return rc == ACCORD_OK ? accord_buf_put(out, "\n", 1) : rc;
}

/* Whether line i, as plain text, is an opinion's heading ("*recognizing*", "## noting"): 1 or 0, -1 out of memory. */
static int md_opinion_heading(const parse_input *in, size_t i, const accord_vocab *vocab, accord_buf *scratch)
{
	accord_buf_clear(scratch);
	if (in->lines[i].blank)
		return 0;
	if (md_plain_line(scratch, PARSE_LINE_TEXT(in, i), in->lines[i].len) != ACCORD_OK || scratch->ptr == NULL)
		return -1;
	return accord_vocab_match(vocab, scratch->ptr, scratch->size - 1, NULL, NULL, NULL) != 0;
}

/*
** Whether line i starts a block of its own rather than continuing the
** paragraph above (Markdown joins a paragraph's lines): a heading, a quote,
** a list item or a labelled paragraph ("a) ...", "b\\) ..."), a table row,
** a fence, a footnote, an opinion's heading line. -1 out of memory.
*/
static int md_starts_block(const parse_input *in, size_t i, const accord_vocab *vocab, accord_buf *scratch)
{
	const char *t = PARSE_LINE_TEXT(in, i);
	size_t len = in->lines[i].len, k = 0, n = 0, from, number;
	char head[32];
	while (k < len && (t[k] == ' ' || t[k] == '\t'))
		k++;
	while (k < len && t[k] == '>') { /* a quote's lines continue as any others: pandoc quotes nested items */
		k++;
		while (k < len && (t[k] == ' ' || t[k] == '\t'))
			k++;
	}
	if (k >= len)
		return 1;
	if (t[k] == '#' || t[k] == '|' || t[k] == '<' || md_footnote_def(t, len, &number, &from) ||
	    setext_underline(t, len) || thematic_break(t, len) || (len - k >= 3 && (memcmp(t + k, "```", 3) == 0 ||
									 memcmp(t + k, "~~~", 3) == 0)))
		return 1;
	if ((t[k] == '-' || t[k] == '*' || t[k] == '+') && (k + 1 == len || t[k + 1] == ' ' || t[k + 1] == '\t'))
		return 1;
	for (from = k; from < len && n < sizeof(head); from++)
		if (!(t[from] == '\\' && from + 1 < len && md_is_punct((unsigned char)t[from + 1])))
			head[n++] = t[from];
	if (accord_parse_label_len(head, n) > 0)
		return 1;
	return md_opinion_heading(in, i, vocab, scratch);
}

/*
** The plain text of in's lines from first on (the lines before it, front
** matter, blank), each paragraph on one line as the text reader takes an
** opinion (Markdown's wrapped lines joined, the newlines saved put after
** the paragraph, so that each block starts on its line of the file), and
** the footnotes in Word's text form: "[^2]: text" and its indented lines
** "[2: text ...]", its paragraphs one a line, and "[^2]" "[footnoteRef:2]".
*/
static int md_plain_text(accord_buf *plain, const parse_input *in, size_t first, const accord_vocab *vocab,
	accord_buf *scratch)
{
	size_t i, note_end = 0, held = 0; /* held: newlines owed after the paragraph or footnote being read */
	int rc = ACCORD_OK, in_note = 0, gap = 0; /* gap: a blank line or a hard break since its last line */
	int joinable = 0; /* the last line written is a paragraph's, and the next may continue it */
	for (i = 0; i < in->count && rc == ACCORD_OK; i++) {
		const char *t = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len, from = 0, number = 0, digits, end, line_start;
		int block = 0;
		if (i < first) {
			rc = accord_buf_put(plain, "\n", 1);
			continue;
		}
		if (in_note && !in->lines[i].blank && md_indent(t, len) < 4) { /* the footnote ends */
			rc = md_close_footnote(plain, note_end);
			in_note = 0;
		}
		if (!in_note && !in->lines[i].blank && joinable && (block = md_starts_block(in, i, vocab, scratch)) == 0) {
			plain->ptr[plain->size - 1] = ' '; /* the paragraph goes on */
			held++;
		} else if (!in_note) {
			for (; rc == ACCORD_OK && held > 0; held--)
				rc = accord_buf_put(plain, "\n", 1);
		}
		if (block < 0)
			rc = ACCORD_ENOMEM;
		if (rc != ACCORD_OK)
			break;
		if (in_note && in->lines[i].blank) {
			held++;
			gap = 1;
			continue;
		}
		if ((digits = md_footnote_def(t, len, &number, &from)) > 0) {
			in_note = 1;
			gap = 0;
			rc = accord_buf_printf(plain, "[%.*s: ", (int)digits, t + number);
		} else if (in_note) {
			while (from < len && from < 4 && t[from] == ' ')
				from++;
			if (from == 0 && from < len && t[from] == '\t')
				from++;
			if (!gap) { /* the same paragraph: joined to the line before */
				plain->ptr[plain->size - 1] = ' ';
				held++;
			}
			gap = 0;
		}
		line_start = plain->size;
		if (rc == ACCORD_OK)
			rc = md_plain_line(plain, t + from, len - from);
		end = len;
		while (end > from && (t[end - 1] == ' ' || t[end - 1] == '\t' || t[end - 1] == '\r'))
			end--;
		/* a hard line break (a backslash, or two spaces), as accord writes a footnote's lines */
		gap = (end > from && t[end - 1] == '\\') || len - end >= 2;
		if (in_note)
			note_end = plain->size - 1; /* before this line's newline */
		else if (rc == ACCORD_OK) {
			int heading = md_opinion_heading(in, i, vocab, scratch);
			size_t ts, tl;
			if (heading < 0)
				rc = ACCORD_ENOMEM;
			joinable = plain->size - 1 > line_start && !gap && heading == 0 &&
				   !accord_parse_atx_heading(t, len, &ts, &tl) &&
				   !setext_underline(t, len) && !thematic_break(t, len);
		}
	}
	if (rc == ACCORD_OK && in_note)
		rc = md_close_footnote(plain, note_end);
	for (; rc == ACCORD_OK && held > 0; held--)
		rc = accord_buf_put(plain, "\n", 1);
	return rc;
}


/*
** An opinion (a resolution, recommendation, declaration) in Markdown, as
** pandoc writes one from a Word file and accord's own `--format md` does:
** its preamble and operative headings in emphasis or as '#' headings. Read
** as Markdown it is a generic document that no text or Word base of the same
** opinion aligns with; so a Markdown text with such a heading (before any
** fenced block) is read as the plain text it marks up, in opinion mode, its
** lines where they were. *out stays NULL when it is not one.
*/
static int md_as_opinion(accord_doc **out, const parse_input *in, size_t first, const accord_parse_options *opts,
	int need_markup, accord_error *err)
{
	accord_parse_options text_opts;
	accord_vocab *own_vocab = NULL;
	const accord_vocab *vocab = opts ? opts->vocab : NULL;
	accord_buf plain = ACCORD_BUF_INIT, scratch = ACCORD_BUF_INIT;
	size_t i, n_headings = 0, n_others = 0, marked = 0;
	int rc = ACCORD_OK;

	*out = NULL;
	if (opts != NULL && opts->force_generic)
		return ACCORD_OK;
	if (vocab == NULL) {
		if ((rc = accord_vocab_new_default(&own_vocab)) != ACCORD_OK)
			return rc;
		vocab = own_vocab;
	}
	/* An opinion's headings (V of them, marked up: as '#' headings or in emphasis), and no more
	   than one other '#' heading (the title): minutes with a "Noting:" line, or a manual with a
	   "## Requests" section among others, stay Markdown. */
	for (i = first; i < in->count; i++) {
		const char *t = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len, k = 0, title_start, title_len;
		int heading, atx;
		while (k < len && k < 3 && t[k] == ' ')
			k++;
		if (len - k >= 3 && (memcmp(t + k, "```", 3) == 0 || memcmp(t + k, "~~~", 3) == 0))
			break; /* code: Markdown proper */
		if ((heading = md_opinion_heading(in, i, vocab, &scratch)) < 0) {
			rc = ACCORD_ENOMEM;
			goto cleanup;
		}
		atx = accord_parse_atx_heading(t, len, &title_start, &title_len);
		if (heading) {
			n_headings++;
			marked += atx || scratch.size - 1 != len - k;
		} else if (atx) {
			n_others++;
		}
	}
	if (n_headings == 0 || n_others > 1 || (n_headings < 2 && marked == 0) || (need_markup && marked == 0))
		goto cleanup;
	rc = md_plain_text(&plain, in, first, vocab, &scratch);
	if (rc != ACCORD_OK || plain.ptr == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	memset(&text_opts, 0, sizeof(text_opts));
	if (opts != NULL)
		text_opts = *opts;
	else
		text_opts.version = ACCORD_PARSE_OPTIONS_VERSION;
	text_opts.vocab = vocab;
	if ((rc = accord_doc_parse_text(out, plain.ptr, plain.size, &text_opts, err)) != ACCORD_OK)
		goto cleanup;
	if (accord_doc_mode_of(*out) != ACCORD_MODE_OPINION) {
		accord_doc_free(*out);
		*out = NULL;
	}
cleanup:
	accord_buf_dispose(&plain);
	accord_buf_dispose(&scratch);
	accord_vocab_free(own_vocab);
	return rc;
}

int accord_doc_parse_markdown(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	accord_doc *doc = NULL;
	parse_input in;
	md_state st;
	size_t i;
	const char *name = opts ? opts->name : NULL;
	int rc;

	memset(&in, 0, sizeof(in));
	memset(&st, 0, sizeof(st));
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse_markdown: NULL out");
	*out = NULL;
	if (opts != NULL && opts->version != ACCORD_PARSE_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unknown parse options version %u", opts->version);
	if ((rc = accord_doc_new(&doc, ACCORD_MODE_GENERIC)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_parse_input_read(&in, doc, data, len, name, err)) != ACCORD_OK)
		goto cleanup;
	st.doc = doc;
	st.in = &in;
	st.name = name;
	st.err = err;
	if ((rc = front_matter(doc, &in, &i)) != ACCORD_OK)
		goto cleanup;
	{
		accord_doc *opinion = NULL;
		size_t first = i;
		if ((rc = md_as_opinion(&opinion, &in, first, opts, 0, err)) != ACCORD_OK)
			goto cleanup;
		if (opinion != NULL) {
			accord_doc_free(doc);
			doc = opinion;
			/* the front matter's title, unless the text has its own (an opinion's title line) */
			if (accord_doc_meta(doc, ACCORD_META_TITLE) == NULL && (rc = front_matter(doc, &in, &first)) != ACCORD_OK)
				goto cleanup;
			*out = doc;
			doc = NULL;
			goto cleanup;
		}
	}
	for (; i < in.count; i++)
		if ((rc = md_line(&st, i)) != ACCORD_OK)
			goto cleanup;
	if ((rc = flush(&st)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_parse_finish(doc, name, "the input has no text", err)) != ACCORD_OK)
		goto cleanup;
	*out = doc;
	doc = NULL;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	accord_buf_dispose(&st.block);
	accord_parse_input_dispose(&in);
	accord_doc_free(doc);
	return rc;
}

int accord_parse_markdown_opinion(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	accord_doc *scratch = NULL;
	parse_input in;
	size_t first = 0;
	int rc;
	*out = NULL;
	memset(&in, 0, sizeof(in));
	if ((rc = accord_doc_new(&scratch, ACCORD_MODE_GENERIC)) != ACCORD_OK ||
	    (rc = accord_parse_input_read(&in, scratch, data, len, opts ? opts->name : NULL, err)) != ACCORD_OK ||
	    (rc = front_matter(scratch, &in, &first)) != ACCORD_OK ||
	    (rc = md_as_opinion(out, &in, first, opts, 1, err)) != ACCORD_OK || *out == NULL)
		goto cleanup;
	if (accord_doc_meta(*out, ACCORD_META_TITLE) == NULL && (rc = front_matter(*out, &in, &first)) != ACCORD_OK) {
		accord_doc_free(*out);
		*out = NULL;
	}
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	accord_parse_input_dispose(&in);
	accord_doc_free(scratch);
	return rc;
}
