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
