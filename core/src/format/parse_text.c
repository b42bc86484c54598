/*
** parse_text.c: plain text into a document.
**
** Two modes (docs/formats.md, "Text"):
**   - opinion: at least one line is a heading from the vocabulary. Lines
**     before the first heading are metadata (symbol, source, notes, title,
**     body); each later line is a heading or a paragraph with an optional
**     label (parse_label.c); nesting follows the colon rule (see nest_*
**     below). A hard-wrapped text (lines of a fixed width, blank lines
**     between paragraphs) is recognised and its lines joined (wrap_*).
**   - generic: paragraphs are blocks separated by blank lines; Markdown
**     `#` headings open sections.
** Word artefacts are handled first, for both modes: footnote definitions
** `[N: text]` become footnotes, bookmarks `[bookmark: x]` are dropped and
** reported as warnings; `[footnoteRef:N]` stays in the text as written.
*/
#include <string.h>

#include "accord/format.h"
#include "accord/text.h"
#include "format/parse_int.h"
#include "util/utf8_int.h"

/* ---- small helpers ----------------------------------------------------------- */

static int is_blank(const char *s, size_t len)
{
	accord_parse_trim(&s, &len);
	return len == 0;
}

/* Whether s[0..len) holds nothing but blanks and line breaks. */
static int all_blank(const char *s, size_t len)
{
	size_t i = 0, b;
	while (i < len) {
		if (s[i] == '\n')
			b = 1;
		else if ((b = accord_parse_blank_at(s, i, len)) == 0)
			return 0;
		i += b;
	}
	return 1;
}


/* ---- reading the input: lines and Word artefacts --------------------------------- */

typedef struct phys_line {
	const char *s;
	size_t len;
} phys_line;

void accord_parse_input_dispose(parse_input *in)
{
	accord_buf_dispose(&in->text);
	accord_free(in->lines);
	in->lines = NULL;
	in->count = in->cap = 0;
}

/* Adds a logical line; in->lines has room for one a physical line (accord_parse_input_read). */
static int add_line(parse_input *in, size_t offset, int own, size_t len, unsigned line, int blank)
{
	in->lines[in->count].at.offset = offset;
	in->lines[in->count].own = (unsigned char)own;
	in->lines[in->count].len = len;
	in->lines[in->count].line = line;
	in->lines[in->count].blank = (unsigned char)(blank != 0);
	in->count++;
	return ACCORD_OK;
}

/*
** Builds one logical line out of pieces, joining across removed artefacts:
** where an artefact was cut out, the two sides are joined with one space if
** either side had a blank at the cut, directly otherwise.
*/
typedef struct line_builder {
	accord_buf *buf;
	size_t start;     /* where this logical line starts in buf */
	int cut;          /* an artefact was just removed */
	int cut_blank;    /* ... and a blank stood next to it */
} line_builder;

static int builder_put(line_builder *b, const char *s, size_t len)
{
	if (b->cut) {
		size_t n;
		if (len > 0 && accord_parse_blank_at(s, 0, len) != 0)
			b->cut_blank = 1;
		while (len > 0 && (n = accord_parse_blank_at(s, 0, len)) != 0) {
			s += n;
			len -= n;
		}
		if (len == 0)
			return ACCORD_OK;
		/* no space before closing punctuation: "text [1: note]." is "text." */
		if (strchr(".,;:!?)]", s[0]) != NULL)
			b->cut_blank = 0;
		if (b->cut_blank && b->buf->size > b->start && accord_buf_putc(b->buf, ' ') != ACCORD_OK)
			return ACCORD_ENOMEM;
		b->cut = b->cut_blank = 0;
	}
	return accord_buf_put(b->buf, s, len);
}

static void builder_cut(line_builder *b)
{
	size_t n;
	if (!b->cut) {
		b->cut = 1;
		b->cut_blank = 0;
	}
	while (b->buf->size > b->start && (n = accord_parse_blank_before(b->buf->ptr + b->start, b->buf->size - b->start)) != 0) {
		b->buf->size -= n;
		b->cut_blank = 1;
	}
	if (b->buf->ptr)
		b->buf->ptr[b->buf->size] = '\0';
}

/* Finds the ']' that closes the '[' before s[from], across lines, not across
** a blank line. On success sets *end_line and *end_at. */
static int find_closing(const phys_line *lines, size_t n_lines, size_t line, size_t from, size_t *end_line,
	size_t *end_at)
{
	int depth = 1;
	size_t i = line, j = from;
	for (;;) {
		const phys_line *l = &lines[i];
		for (; j < l->len; j++) {
			if (l->s[j] == '[')
				depth++;
			else if (l->s[j] == ']' && --depth == 0) {
				*end_line = i;
				*end_at = j;
				return 1;
			}
		}
		if (++i >= n_lines || is_blank(lines[i].s, lines[i].len))
			return 0;
		j = 0;
	}
}

/* Appends s[0..len) trimmed to a footnote's text, lines joined with "\n". */
static int footnote_put(accord_buf *fn, const char *s, size_t len)
{
	accord_parse_trim(&s, &len);
	if (fn->size > 0 && accord_buf_putc(fn, '\n') != ACCORD_OK)
		return ACCORD_ENOMEM;
	return accord_buf_put(fn, s, len);
}

/* Trims blanks and newlines at both ends of a footnote's text, in place. */
static void footnote_trim(accord_buf *fn)
{
	size_t start = 0, end = fn->size;
	while (start < end && (fn->ptr[start] == '\n' || fn->ptr[start] == ' '))
		start++;
	while (end > start && (fn->ptr[end - 1] == '\n' || fn->ptr[end - 1] == ' '))
		end--;
	if (fn->ptr == NULL)
		return;
	memmove(fn->ptr, fn->ptr + start, end - start);
	fn->size = end - start;
	fn->ptr[fn->size] = '\0';
}

typedef struct reader {
	parse_input *in;
	accord_doc *doc;
	const phys_line *lines;
	size_t n_lines;
	const char *data; /* the input */
	const char *name;
	accord_error *err;
	accord_buf footnote; /* scratch for a footnote's text */
} reader;

/*
** Appends to r->in->text the text of the physical lines starting at
** lines[*i] with Word artefacts removed, and advances *i past the lines it
** used (a footnote definition may span lines). line_base is the line number
** of lines[0]. *had tells whether an artefact was removed.
*/
static int strip_artefacts(reader *r, const phys_line *lines, size_t n_lines, unsigned line_base, size_t *i, int *had)
{
	const phys_line *l = &lines[*i];
	size_t at = 0, line_no = *i, col_at = 0; /* col: the column of byte col_at of the line, counted on as */
	unsigned col = 1;                          /* bookmarks come, not from the start for each (issue 17) */
	line_builder b;
	int rc;

	*had = 0;
	memset(&b, 0, sizeof(b));
	b.buf = &r->in->text;
	b.start = r->in->text.size;
	for (;;) {
		const char *s = l->s;
		size_t len = l->len, open, d;
		const char *hit = at < len ? memchr(s + at, '[', len - at) : NULL;
		if (hit == NULL) {
			if ((rc = builder_put(&b, s + at, len - at)) != ACCORD_OK)
				return rc;
			break;
		}
		open = (size_t)(hit - s);
		if (len - open >= 10 && memcmp(s + open, "[bookmark:", 10) == 0) {
			const char *close = memchr(s + open, ']', len - open);
			if (close != NULL) {
				size_t end = (size_t)(close - s) + 1;
				if ((rc = builder_put(&b, s + at, open - at)) != ACCORD_OK)
					return rc;
				builder_cut(&b);
				for (; col_at < open; col_at++)
					if (((unsigned char)s[col_at] & 0xC0) != 0x80)
						col++;
				rc = accord_doc_add_warning(r->doc, line_base + (unsigned)line_no, col,
					"dropped Word bookmark %.*s", (int)(end - open), s + open);
				if (rc != ACCORD_OK)
					return rc;
				*had = 1;
				at = end;
				continue;
			}
		}
		/* a footnote definition: "[" 1-3 digits ":" then a blank or the line's end */
		d = open + 1;
		while (d < len && d - open <= 4 && accord_parse_is_digit((unsigned char)s[d]))
			d++;
		if (d > open + 1 && d - open <= 4 && d < len && s[d] == ':' &&
		    (d + 1 == len || accord_parse_blank_at(s, d + 1, len) != 0)) {
			size_t end_line, end_at, k;
			char number[8];
			accord_footnote *fn;
			memcpy(number, s + open + 1, d - open - 1);
			number[d - open - 1] = '\0';
			if (!find_closing(lines, n_lines, line_no, d + 1, &end_line, &end_at)) {
				accord_error_set(r->err, ACCORD_EPARSE, "footnote definition [%s: is not closed by ']'", number);
				accord_error_at(r->err, r->name, line_base + (unsigned)line_no, accord_utf8_column(s, open));
				return ACCORD_EPARSE;
			}
			accord_buf_clear(&r->footnote);
			for (k = line_no; k <= end_line; k++) {
				const phys_line *fl = &lines[k];
				size_t from = k == line_no ? d + 1 : 0;
				size_t to = k == end_line ? end_at : fl->len;
				if ((rc = footnote_put(&r->footnote, fl->s + from, to - from)) != ACCORD_OK)
					return rc;
			}
			footnote_trim(&r->footnote);
			if (accord_doc_find_footnote(r->doc, number) != NULL) {
				accord_error_set(r->err, ACCORD_EPARSE, "footnote %s is defined twice", number);
				accord_error_at(r->err, r->name, line_base + (unsigned)line_no, accord_utf8_column(s, open));
				return ACCORD_EPARSE;
			}
			rc = accord_doc_add_footnote(&fn, r->doc, number, r->footnote.ptr ? r->footnote.ptr : "");
			if (rc != ACCORD_OK)
				return rc;
			fn->line = line_base + (unsigned)line_no;
			if ((rc = builder_put(&b, s + at, open - at)) != ACCORD_OK)
				return rc;
			builder_cut(&b);
			*had = 1;
			line_no = end_line;
			l = &lines[line_no];
			at = end_at + 1;
			col_at = 0;
			col = 1;
			continue;
		}
		/* an ordinary bracket */
		if ((rc = builder_put(&b, s + at, open + 1 - at)) != ACCORD_OK)
			return rc;
		at = open + 1;
	}
	*i = line_no + 1;
	return ACCORD_OK;
}

/*
** Reads the logical line that starts at physical line *i, removing Word
** artefacts; advances *i past the physical lines it used. Joining the text
** around a removed artefact may form a new one ("[book[1: x]mark: y]"): the
** line is read again until none is left.
*/
static int read_logical_line(reader *r, size_t *i)
{
	const phys_line *l = &r->lines[*i];
	size_t start = r->in->text.size;
	unsigned first_line = (unsigned)*i + 1;
	int had, any = 0, rc;

	if (is_blank(l->s, l->len)) {
		(*i)++;
		return add_line(r->in, start, 1, 0, first_line, 1);
	}
	/* No '[': no artefact to cut, the line is its own text, where it stands in the input. */
	if (memchr(l->s, '[', l->len) == NULL) {
		(*i)++;
		return add_line(r->in, (size_t)(l->s - r->data), 0, l->len, first_line, 0);
	}
	if ((rc = strip_artefacts(r, r->lines, r->n_lines, 1, i, &had)) != ACCORD_OK)
		return rc;
	while (had) {
		phys_line again;
		size_t j = 0;
		char *copy;
		any = 1;
		copy = accord_strndup(r->in->text.ptr + start, r->in->text.size - start);
		if (copy == NULL)
			return ACCORD_ENOMEM;
		r->in->text.size = start;
		again.s = copy;
		again.len = strlen(copy);
		rc = strip_artefacts(r, &again, 1, first_line, &j, &had);
		accord_free(copy);
		if (rc != ACCORD_OK)
			return rc;
	}
	{
		size_t len = r->in->text.size - start;
		int blank = len == 0 || is_blank(r->in->text.ptr + start, len);
		if (blank && any) {
			/* nothing left but an artefact: not a separator either */
			r->in->text.size = start;
			if (r->in->text.ptr)
				r->in->text.ptr[start] = '\0';
			return ACCORD_OK;
		}
		return add_line(r->in, start, 1, len, first_line, blank);
	}
}

int accord_parse_input_read(parse_input *in, accord_doc *doc, const char *data, size_t len, const char *name,
	accord_error *err)
{
	reader r;
	phys_line *lines = NULL;
	size_t n_lines = 0, i, start;
	int rc;

	memset(in, 0, sizeof(*in));
	memset(&r, 0, sizeof(r));
	if (data == NULL && len > 0)
		return accord_error_set(err, ACCORD_EINVAL, "no input");
	/* A NUL byte: binary, not text. */
	{
		const char *nul = len ? memchr(data, '\0', len) : NULL;
		if (nul != NULL) {
			size_t at = (size_t)(nul - data), ls = at;
			unsigned line = 1;
			for (i = 0; i < at; i++)
				if (data[i] == '\n')
					line++;
			while (ls > 0 && data[ls - 1] != '\n')
				ls--;
			accord_error_set(err, ACCORD_EPARSE, "a NUL byte: this is binary data, not text");
			accord_error_at(err, name, line, accord_utf8_column(data + ls, at - ls));
			if (err)
				err->offset = at;
			return ACCORD_EPARSE;
		}
	}
	if ((rc = accord_utf8_check(data, len, err)) != ACCORD_OK) {
		if (err) {
			unsigned line = err->line, col = err->col;
			accord_error_at(err, name, line, col);
		}
		return rc;
	}
	/* Byte order marks: every one at the start (a file converted twice has two;
	** one kept would be text that the next reading drops, issue 17). */
	start = 0;
	while (len - start >= 3 && memcmp(data + start, "\xEF\xBB\xBF", 3) == 0)
		start += 3;
	if (all_blank(data + start, len - start)) {
		accord_error_set(err, ACCORD_EEMPTY, "the input is empty");
		accord_error_at(err, name, 0, 0);
		return ACCORD_EEMPTY;
	}
	/* Physical lines: LF or CRLF; counted first, so that both arrays of lines are made once at their
	   size (logical lines are never more than physical ones), not grown by doubling. */
	{
		const char *p = data + start, *end = data + len;
		size_t want = 1;
		while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			want++;
			p++;
		}
		lines = accord_malloc(want * sizeof(*lines));
		in->lines = accord_malloc(want * sizeof(*in->lines));
		if (lines == NULL || in->lines == NULL) {
			rc = ACCORD_ENOMEM;
			goto cleanup;
		}
		in->cap = want;
	}
	for (i = start; i <= len;) {
		const char *nl = i < len ? memchr(data + i, '\n', len - i) : NULL;
		size_t end = nl ? (size_t)(nl - data) : len, l = end;
		if (nl == NULL && i == len && n_lines > 0)
			break; /* the text ended with a newline */
		if (l > i && data[l - 1] == '\r')
			l--;
		lines[n_lines].s = data + i;
		lines[n_lines].len = l - i;
		n_lines++;
		i = end + 1;
	}
	r.in = in;
	r.data = data;
	r.doc = doc;
	r.lines = lines;
	r.n_lines = n_lines;
	r.name = name;
	r.err = err;
	for (i = 0; i < n_lines;)
		if ((rc = read_logical_line(&r, &i)) != ACCORD_OK)
			goto cleanup;
	/* Make sure the text buffer exists even when all lines are empty. */
	if ((rc = accord_buf_put(&in->text, "", 0)) != ACCORD_OK)
		goto cleanup;
	/* The text is where it ends up: the buffer of copied lines grew as they came. */
	for (i = 0; i < in->count; i++)
		in->lines[i].at.text = (in->lines[i].own ? in->text.ptr : data) + in->lines[i].at.offset;
	rc = ACCORD_OK;
cleanup:
	accord_buf_dispose(&r.footnote);
	accord_free(lines);
	if (rc != ACCORD_OK) {
		if (rc == ACCORD_ENOMEM)
			accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		accord_parse_input_dispose(in);
	}
	return rc;
}

/* ---- building the document ------------------------------------------------------- */

int accord_parse_add_para(accord_para **out, accord_doc *doc, accord_section *section, accord_para *parent,
	const char *label, size_t label_len, const char *text, size_t text_len, unsigned line)
{
	accord_para *para;
	char *copy_label = NULL;
	int rc;
	*out = NULL;
	if (label != NULL) {
		copy_label = accord_arena_strndup(&doc->arena, label, label_len);
		if (copy_label == NULL)
			return ACCORD_ENOMEM;
	}
	/* Insert with an empty text, then set the text by length (no NUL needed). */
	rc = accord_doc_add_para(&para, doc, section, parent, NULL, copy_label, "");
	if (rc != ACCORD_OK)
		return rc;
	if ((rc = accord_para_set_text_len(para, text, text_len)) != ACCORD_OK)
		return rc;
	para->line = line;
	*out = para;
	return ACCORD_OK;
}

int accord_parse_finish(accord_doc *doc, const char *name, const char *empty_message, accord_error *err)
{
	int rc;
	if (accord_doc_section_count(doc) == 0 && accord_doc_footnote_count(doc) == 0) {
		rc = accord_error_set(err, ACCORD_EEMPTY, "%s", empty_message);
		accord_error_at(err, name, 0, 0);
		return rc;
	}
	return name != NULL ? accord_doc_set_origin(doc, name) : ACCORD_OK;
}

int accord_parse_atx_heading(const char *s, size_t len, size_t *title_start, size_t *title_len)
{
	size_t i = 0, start, end;
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	start = i;
	while (i < len && s[i] == '#')
		i++;
	if (i == start || i - start > 6 || (i < len && s[i] != ' ' && s[i] != '\t'))
		return 0;
	{
		size_t b;
		/* every blank the parsers know (form feeds, no-break spaces, stray byte order marks) */
		while (i < len && (b = accord_parse_blank_at(s, i, len)) != 0)
			i += b;
		end = len;
		while (end > i && (b = accord_parse_blank_before(s + i, end - i)) != 0)
			end -= b;
	}
	/* closing #s, when preceded by a blank */
	{
		size_t e = end;
		while (e > i && s[e - 1] == '#')
			e--;
		if (e < end && (e == i || s[e - 1] == ' ' || s[e - 1] == '\t')) {
			end = e;
			while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
				end--;
		}
	}
	if (end == i)
		return 0; /* an empty heading carries no words; leave it as text */
	*title_start = i;
	*title_len = end - i;
	return 1;
}

/* ---- opinion mode ------------------------------------------------------------------ */

/* The deepest nesting: paragraphs at depth 0 to NEST_MAX_DEPTH - 1. */
#define NEST_MAX_DEPTH 4

/* An open list of paragraphs: the top level of a section, or the children
** of a paragraph that ended with ':'. */
typedef struct nest_level {
	accord_para *parent;    /* NULL for the section's top level */
	const char *last_label; /* the label of the last labelled paragraph in it */
	int labelled;           /* -1 empty, else whether the first one had a label */
} nest_level;

typedef struct nest_state {
	nest_level levels[NEST_MAX_DEPTH];
	int top; /* index of the innermost open list */
} nest_state;

static void nest_reset(nest_state *st)
{
	memset(st, 0, sizeof(*st));
	st->levels[0].labelled = -1;
}

/*
** The nesting rule (docs/formats.md, "Nesting"):
**   - a paragraph whose text ends with ':' opens a list of children;
**   - a labelled paragraph goes to the innermost open list whose last label
**     it continues (a) -> b)), closing the lists inside it; when it continues
**     none, it stays in the innermost list;
**   - an unlabelled paragraph closes every innermost list whose parent is
**     unlabelled and whose first child was labelled; otherwise it stays;
**   - a heading closes everything.
*/
static accord_para *nest_place(nest_state *st, const char *label)
{
	int k;
	if (label != NULL) {
		for (k = st->top; k >= 0; k--) {
			if (accord_parse_label_continues(st->levels[k].last_label, label)) {
				st->top = k;
				break;
			}
		}
	} else {
		while (st->top > 0 && st->levels[st->top].parent->label == NULL && st->levels[st->top].labelled == 1)
			st->top--;
	}
	return st->levels[st->top].parent;
}

static void nest_added(nest_state *st, accord_para *para)
{
	nest_level *lv = &st->levels[st->top];
	size_t n = strlen(para->text);
	if (lv->labelled < 0)
		lv->labelled = para->label != NULL;
	if (para->label != NULL)
		lv->last_label = para->label;
	if (n > 0 && para->text[n - 1] == ':' && st->top + 1 < NEST_MAX_DEPTH) {
		st->top++;
		st->levels[st->top].parent = para;
		st->levels[st->top].last_label = NULL;
		st->levels[st->top].labelled = -1;
	}
}

/* Whether a pre-heading line is a title: uppercase-dominated, or holding one
** of the words OPINION, RESOLUTION, DECISION, RECOMMENDATION in capitals. */
static int is_title_line(const char *s, size_t len)
{
	static const char *const words[] = {"OPINION", "RESOLUTION", "DECISION", "RECOMMENDATION"};
	size_t i, k, upper = 0, letters = 0;
	for (i = 0; i < len; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			upper++, letters++;
		else if (s[i] >= 'a' && s[i] <= 'z')
			letters++;
	}
	if (upper >= 2 && upper * 4 >= letters * 3)
		return 1;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		size_t w = strlen(words[k]);
		for (i = 0; i + w <= len; i++) {
			if (memcmp(s + i, words[k], w) == 0 && (i == 0 || !accord_parse_is_letter((unsigned char)s[i - 1])) &&
			    (i + w == len || !accord_parse_is_letter((unsigned char)s[i + w])))
				return 1;
		}
	}
	return 0;
}

/* "Document <symbol>": returns the symbol span. */
static int is_symbol_line(const char *s, size_t len, size_t *sym_start, size_t *sym_len)
{
	size_t i = 8, j;
	if (len < 10 || strncmp(s, "Document", 8) != 0 || accord_parse_blank_at(s, 8, len) == 0)
		return 0;
	while (i < len && accord_parse_blank_at(s, i, len))
		i += accord_parse_blank_at(s, i, len);
	for (j = i; j < len; j++)
		if (accord_parse_blank_at(s, j, len))
			return 0;
	if (j == i)
		return 0;
	*sym_start = i;
	*sym_len = j - i;
	return 1;
}

enum { PRE_OTHER, PRE_SYMBOL, PRE_SOURCE, PRE_TITLE };

static int set_meta_len(accord_doc *doc, accord_meta_field field, const char *s, size_t len)
{
	char *copy = accord_arena_strndup(&doc->arena, s, len);
	if (copy == NULL)
		return ACCORD_ENOMEM;
	doc->meta[field] = copy;
	return ACCORD_OK;
}

static int add_note_len(accord_doc *doc, const char *s, size_t len)
{
	char *copy = accord_arena_strndup(&doc->arena, s, len);
	if (copy == NULL)
		return ACCORD_ENOMEM;
	return accord_doc_add_note(doc, copy);
}

/* The metadata: lines [0, first_heading). */
/* A line of the front matter (or, in a hard-wrapped text, lines joined). */
typedef struct front_line {
	const char *s;
	size_t len; /* 0: a blank line */
} front_line;

static int parse_front_matter(accord_doc *doc, const front_line *lines, size_t n)
{
	size_t i, last_other = (size_t)-1, sym_start, sym_len;
	accord_buf title = ACCORD_BUF_INIT;
	int *kinds = NULL, rc = ACCORD_OK;

	if (n == 0)
		return ACCORD_OK;
	kinds = accord_calloc(n, sizeof(*kinds));
	if (kinds == NULL)
		return ACCORD_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *s = lines[i].s;
		size_t len = lines[i].len;
		if (len == 0)
			continue;
		if (doc->meta[ACCORD_META_SYMBOL] == NULL && is_symbol_line(s, len, &sym_start, &sym_len)) {
			kinds[i] = PRE_SYMBOL;
			if ((rc = set_meta_len(doc, ACCORD_META_SYMBOL, s + sym_start, sym_len)) != ACCORD_OK)
				goto cleanup;
		} else if (doc->meta[ACCORD_META_SOURCE] == NULL && len > 7 && strncmp(s, "Source:", 7) == 0 &&
			   !is_blank(s + 7, len - 7)) {
			const char *v = s + 7;
			size_t vlen = len - 7;
			accord_parse_trim(&v, &vlen);
			kinds[i] = PRE_SOURCE;
			if ((rc = set_meta_len(doc, ACCORD_META_SOURCE, v, vlen)) != ACCORD_OK)
				goto cleanup;
		} else if (is_title_line(s, len)) {
			kinds[i] = PRE_TITLE;
			if ((title.size > 0 && (rc = accord_buf_putc(&title, ' ')) != ACCORD_OK) ||
			    (rc = accord_buf_put(&title, s, len)) != ACCORD_OK)
				goto cleanup;
		} else {
			kinds[i] = PRE_OTHER;
			last_other = i;
		}
	}
	if (title.size > 0 && (rc = set_meta_len(doc, ACCORD_META_TITLE, title.ptr, title.size)) != ACCORD_OK)
		goto cleanup;
	for (i = 0; i < n; i++) {
		const char *s = lines[i].s;
		size_t len = lines[i].len;
		if (len == 0 || kinds[i] != PRE_OTHER)
			continue;
		if (i == last_other && s[len - 1] == ',')
			rc = set_meta_len(doc, ACCORD_META_BODY, s, len);
		else
			rc = add_note_len(doc, s, len);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
cleanup:
	accord_buf_dispose(&title);
	accord_free(kinds);
	return rc;
}

/*
** A heading line: a phrase of the vocabulary, also when a negotiating text
** writes it in square brackets ("[noting]", "[Recalling][Reaffirming]",
** "[requests the secretariat]:"): the first bracket's inside is matched,
** provided only further bracketed alternatives, blanks and a ":" or ","
** follow it. The heading keeps its brackets (accord brackets reads them).
*/
static int heading_match(const accord_vocab *vocab, const char *s, size_t len, accord_section_kind *kind,
	size_t *addr_start, size_t *addr_len)
{
	size_t i, close = 0, depth = 0, lead = 0;
	if (accord_vocab_match(vocab, s, len, kind, addr_start, addr_len))
		return 1;
	while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	s += lead;
	len -= lead;
	if (len < 3 || s[0] != '[')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '[')
			depth++;
		else if (s[i] == ']' && depth > 0 && --depth == 0 && close == 0)
			close = i;
		else if (depth == 0 && s[i] != ' ' && s[i] != '\t' && !(i + 1 == len && (s[i] == ':' || s[i] == ',')))
			return 0; /* words outside the brackets: not a bracketed heading */
	}
	if (close < 2 || depth != 0 || memchr(s + 1, '[', close - 1) != NULL)
		return 0;
	if (accord_vocab_match(vocab, s + 1, close - 1, kind, addr_start, addr_len)) {
		if (addr_start != NULL && addr_len != NULL && *addr_len > 0)
			*addr_start += lead + 1; /* in the line, past the bracket */
		return 1;
	}
	/* a compilation's new section: "[IRN: noting]", "[ADD IRN/3 (IRN): noting]": the phrase after the prefix */
	for (i = close - 1; i > 1; i--)
		if (s[i] == ' ' && s[i - 1] == ':')
			break;
	if (i > 1 && i + 1 < close && accord_vocab_match(vocab, s + i + 1, close - i - 1, kind, addr_start, addr_len)) {
		if (addr_start != NULL && addr_len != NULL && *addr_len > 0)
			*addr_start += lead + i + 1;
		return 1;
	}
	return 0;
}

/*
** A compilation's heading with a mark on its section: "[Delete section
** (C)] recalling", "recalling [Move section (C): after noting]": the
** phrase outside one bracket at the start or at the end.
*/
static int marked_heading_match(const accord_vocab *vocab, const char *s, size_t len, accord_section_kind *kind,
	size_t *addr_start, size_t *addr_len)
{
	size_t i, depth = 0, a, z;
	if (len < 4)
		return 0;
	if (s[0] == '[') {
		for (i = 0; i < len; i++)
			if (s[i] == '[')
				depth++;
			else if (s[i] == ']' && depth > 0 && --depth == 0)
				break;
		if (i >= len)
			return 0;
		for (a = i + 1; a < len && s[a] == ' '; a++)
			;
		if (a == i + 1 || a == len || memchr(s + a, '[', len - a) != NULL ||
		    !accord_vocab_match(vocab, s + a, len - a, kind, addr_start, addr_len))
			return 0;
		if (addr_start != NULL && addr_len != NULL && *addr_len > 0)
			*addr_start += a;
		return 1;
	}
	if (s[len - 1] != ']')
		return 0;
	for (i = len; i-- > 0;)
		if (s[i] == ']')
			depth++;
		else if (s[i] == '[' && --depth == 0)
			break;
	if (i == (size_t)-1 || i == 0 || s[i - 1] != ' ')
		return 0;
	for (z = i; z > 0 && s[z - 1] == ' '; z--)
		;
	return z > 0 && memchr(s, '[', z) == NULL && accord_vocab_match(vocab, s, z, kind, addr_start, addr_len);
}

/*
** Hard-wrapped text. A contribution re-typed in a mail client, or passed
** through fmt, has its paragraphs split into lines of a fixed width and
** separated by blank lines; read line by line, every line would be a
** paragraph (issue 16: a re-wrapped contribution gave 54,000 ADDs). Word's
** plain text, the usual form, has one paragraph a line, often with no
** blank line between them. The two are told apart by the lines that
** follow a paragraph line directly without a label (the candidates for a
** continuation), all of these together:
**   - there are at least 3 of them, and a quarter of the paragraph lines;
**   - the lines they follow are at most WRAP_MAX_WIDTH code points long
**     (W, the widest: the width a text is wrapped at), and W is at least
**     WRAP_MIN_WIDTH;
**   - 70 % of those lines are full: the next line's first word would not
**     have fitted within 3/4 of W (wrapping tools fill lines; paragraphs
**     one a line end anywhere);
**   - half of them end inside a sentence: not with . ; : , ! ? or a closing
**     bracket, nor with "; and" or "; or" (a clause of an opinion ends so);
**   - at most a quarter of them begin with a capital or with the first word
**     of the line above (the items of a list: "Resolution 101 ...");
**   - paragraphs are told apart somewhere: two paragraph lines of a section
**     have a blank line between them, or one has a label (else, wrapped,
**     every section would be one paragraph).
** A line that holds a word of over WRAP_MIN_WIDTH code points (a URL, which
** no wrapping cuts) is left out of these counts. Then such lines continue
** the paragraph above them, joined with a space, until a blank line, a line
** after one that is not full, or a label or heading after a line that ends
** a clause; a heading or label after a line that ends inside a sentence
** continues it ("Invites ITU ...", "3. of the Agenda").
*/
#define WRAP_MAX_WIDTH 120
#define WRAP_MIN_WIDTH 40 /* nobody wraps narrower: short lines one under another are a list */

typedef struct wrap_line {
	const char *s;
	size_t len;
	int heading, label, blank;
} wrap_line;

static size_t cp_len(const char *s, size_t len)
{
	return (size_t)accord_utf8_column(s, len) - 1;
}

/* The first word of s: up to its first blank. */
static size_t first_word_len(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && accord_parse_blank_at(s, i, len) == 0)
		i++;
	return cp_len(s, i);
}

/* The longest run of non-blanks in s, in code points. */
static size_t longest_word_len(const char *s, size_t len)
{
	size_t i = 0, best = 0;
	while (i < len) {
		size_t w = first_word_len(s + i, len - i), b;
		if (w > best)
			best = w;
		while (i < len && accord_parse_blank_at(s, i, len) == 0)
			i++;
		while (i < len && (b = accord_parse_blank_at(s, i, len)) != 0)
			i += b;
	}
	return best;
}

static int ends_a_clause(const char *s, size_t len)
{
	static const char *const joins[] = {" and", " or", " and/or"};
	size_t k, n;
	char c = len ? s[len - 1] : '.';
	if (c == '.' || c == ';' || c == ':' || c == ',' || c == '!' || c == '?' || c == ')' || c == ']')
		return 1;
	/* "...; and" / "...; or" before the next item of a list */
	for (k = 0; k < sizeof(joins) / sizeof(joins[0]); k++) {
		n = strlen(joins[k]);
		if (len > n && memcmp(s + len - n, joins[k], n) == 0 && (s[len - n - 1] == ';' || s[len - n - 1] == ','))
			return 1;
	}
	return 0;
}

/* A letter for the hyphen rule: ASCII, or any byte of a non-ASCII character ("socio-" / "économique"). */
static int wrap_letter(unsigned char c)
{
	return accord_parse_is_letter(c) || c >= 0x80;
}

/*
** Appends a continuation line to a paragraph: with a space, or with
** nothing after a hyphen between letters ("day-" "to-day": wrapping tools
** break after a hyphen; the hyphen stays).
*/
static int wrap_join(accord_buf *b, const char *s, size_t len)
{
	int hyphen = b->size >= 2 && b->ptr[b->size - 1] == '-' && wrap_letter((unsigned char)b->ptr[b->size - 2]) &&
		len > 0 && wrap_letter((unsigned char)s[0]);
	if (!hyphen && accord_buf_putc(b, ' ') != ACCORD_OK)
		return ACCORD_ENOMEM;
	return accord_buf_put(b, s, len);
}

static int line_is_heading(const accord_vocab *vocab, const char *s, size_t len)
{
	accord_section_kind kind;
	size_t a, b;
	return heading_match(vocab, s, len, &kind, &a, &b) || marked_heading_match(vocab, s, len, &kind, &a, &b);
}

static void wrap_line_at(const parse_input *in, const accord_vocab *vocab, size_t i, wrap_line *w)
{
	w->s = PARSE_LINE_TEXT(in, i);
	w->len = in->lines[i].len;
	w->blank = in->lines[i].blank;
	w->heading = w->label = 0;
	if (w->blank)
		return;
	accord_parse_trim(&w->s, &w->len);
	w->heading = line_is_heading(vocab, w->s, w->len);
	w->label = !w->heading && accord_parse_label_len(w->s, w->len) > 0;
}

static size_t opinion_wrap_width(const wrap_line *wl, size_t first_heading, size_t count)
{
	size_t i, lines = 0, pairs = 0, full = 0, open = 0, width = 0, breaks = 0, odd = 0;
	int in_paragraphs = 0, gap = 0; /* a paragraph line seen in this section; a blank line since */
	wrap_line prev = {NULL, 0, 0, 0, 1}, cur;
	/* the widest line a candidate follows */
	for (i = first_heading; i < count; i++, prev = cur) {
		cur = wl[i];
		if (cur.blank || cur.heading) {
			gap = 1;
			if (cur.heading)
				in_paragraphs = 0;
			continue;
		}
		if (in_paragraphs && (gap || cur.label))
			breaks++;
		in_paragraphs = 1;
		gap = 0;
		lines++;
		if (!prev.blank && !prev.heading && !cur.label) {
			size_t w = cp_len(prev.s, prev.len);
			if (longest_word_len(prev.s, prev.len) > WRAP_MIN_WIDTH)
				continue; /* a line no wrapping could cut short (a long URL): says nothing */
			if (w > WRAP_MAX_WIDTH)
				return 0;
			if (w > width)
				width = w;
			pairs++;
		}
	}
	if (pairs < 3 || pairs * 4 < lines || width < WRAP_MIN_WIDTH || breaks == 0)
		return 0;
	prev.blank = 1;
	for (i = first_heading; i < count; i++, prev = cur) {
		cur = wl[i];
		if (cur.blank || cur.heading || prev.blank || prev.heading || cur.label ||
		    longest_word_len(prev.s, prev.len) > WRAP_MIN_WIDTH)
			continue;
		if (4 * (cp_len(prev.s, prev.len) + 1 + first_word_len(cur.s, cur.len)) > 3 * width)
			full++;
		if (!ends_a_clause(prev.s, prev.len))
			open++;
		{
			size_t a = 0, b = 0;
			while (a < prev.len && prev.s[a] != ' ' && prev.s[a] != '\t')
				a++;
			while (b < cur.len && cur.s[b] != ' ' && cur.s[b] != '\t')
				b++;
			if ((cur.s[0] >= 'A' && cur.s[0] <= 'Z') || (a == b && memcmp(prev.s, cur.s, a) == 0))
				odd++; /* a new item of a list rather than a sentence going on */
		}
	}
	return full * 10 >= pairs * 7 && open * 2 >= pairs && odd * 4 <= pairs ? width : 0;
}

/* A symbol or Source: line is a line of its own, wrapped or not. */
static int front_line_stands_alone(const char *s, size_t len)
{
	size_t a, b;
	return is_symbol_line(s, len, &a, &b) || (len > 7 && strncmp(s, "Source:", 7) == 0);
}

/*
** The front matter: the lines before the first heading, trimmed; in a
** hard-wrapped text (width > 0), a line that continues the one above it is
** joined to it (a title or the body wrapped over two lines).
*/
/*
** Whether front matter line s continues the line above it (prev) in a text
** wrapped at width: neither is a symbol or Source: line, prev is full (the
** first word of s would not have fitted within 3/4 of the width), and s is
** not the body (ending with a comma) under a title line.
*/
static int front_continues(const char *prev, size_t prev_len, const char *s, size_t len, size_t width)
{
	int title = is_title_line(prev, prev_len);
	if (front_line_stands_alone(prev, prev_len) || front_line_stands_alone(s, len) ||
	    4 * (cp_len(prev, prev_len) + 1 + first_word_len(s, len)) <= 3 * width)
		return 0;
	/* a title goes on in a line that is no title itself ("Governance"), but not into the body */
	return title == is_title_line(s, len) || !(len > 0 && s[len - 1] == ',');
}

static int read_front_matter(accord_doc *doc, const parse_input *in, size_t first_heading, size_t width)
{
	front_line *lines;
	accord_buf joined = ACCORD_BUF_INIT;
	size_t i, n = 0, *offsets = NULL, prev_len = 0;
	const char *prev = NULL; /* the line above, when it is not blank */
	int rc = ACCORD_OK;
	if (first_heading == 0)
		return ACCORD_OK;
	lines = accord_calloc(first_heading, sizeof(*lines));
	offsets = accord_calloc(first_heading, sizeof(*offsets));
	if (lines == NULL || offsets == NULL) {
		rc = ACCORD_ENOMEM;
		goto cleanup;
	}
	for (i = 0; i < first_heading; i++) {
		const char *s = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len;
		if (in->lines[i].blank) {
			lines[n].s = NULL;
			lines[n++].len = 0;
			prev = NULL;
			continue;
		}
		accord_parse_trim(&s, &len);
		if (width > 0 && prev != NULL && front_continues(prev, prev_len, s, len, width)) {
			/* continues the line above: both go into the buffer (pointers set once it stops moving) */
			if (lines[n - 1].s != NULL) {
				offsets[n - 1] = joined.size;
				if ((rc = accord_buf_put(&joined, lines[n - 1].s, lines[n - 1].len)) != ACCORD_OK)
					goto cleanup;
				lines[n - 1].s = NULL;
			}
			if ((rc = wrap_join(&joined, s, len)) != ACCORD_OK)
				goto cleanup;
			lines[n - 1].len = joined.size - offsets[n - 1];
		} else {
			lines[n].s = s;
			lines[n++].len = len;
		}
		prev = s;
		prev_len = len;
	}
	for (i = 0; i < n; i++)
		if (lines[i].s == NULL && lines[i].len > 0)
			lines[i].s = joined.ptr + offsets[i];
	rc = parse_front_matter(doc, lines, n);
cleanup:
	accord_buf_dispose(&joined);
	accord_free(lines);
	accord_free(offsets);
	return rc;
}

/*
** A heading wrapped over lines ("invites ITU Secretary-General and the
** Directors of the" / "Bureaux"): where the heading line at in->lines[*last]
** is full for the width and ends inside a sentence, the unlabelled lines
** after it are joined to it (into joined) when the whole still reads as a
** heading; *s, *len, *last and the match are updated then.
*/
static int wrapped_heading(const parse_input *in, const accord_vocab *vocab, const wrap_line *wl, size_t width,
	accord_buf *joined, const char **s, size_t *len, size_t *last, accord_section_kind *kind, size_t *addr_start,
	size_t *addr_len)
{
	wrap_line next;
	const char *end = *s;
	size_t end_len = *len, j = *last, k, a, b;
	accord_section_kind joined_kind;
	accord_buf_clear(joined);
	if (accord_buf_put(joined, *s, *len) != ACCORD_OK)
		return ACCORD_ENOMEM;
	for (; j + 1 < in->count; j++, end = next.s, end_len = next.len) {
		next = wl[j + 1];
		if (next.blank || next.label || next.heading || ends_a_clause(end, end_len) ||
		    4 * (cp_len(end, end_len) + 1 + first_word_len(next.s, next.len)) <= 3 * width)
			break;
		if (wrap_join(joined, next.s, next.len) != ACCORD_OK)
			return ACCORD_ENOMEM;
	}
	if (j == *last)
		return ACCORD_OK;
	k = joined->size;
	if (!heading_match(vocab, joined->ptr, k, &joined_kind, &a, &b) &&
	    !marked_heading_match(vocab, joined->ptr, k, &joined_kind, &a, &b))
		return ACCORD_OK;
	*s = joined->ptr;
	*len = k;
	*last = j;
	*kind = joined_kind;
	*addr_start = a;
	*addr_len = b;
	return ACCORD_OK;
}

static int parse_opinion(accord_doc *doc, const parse_input *in, const accord_vocab *vocab, size_t first_heading)
{
	accord_section *section = NULL;
	accord_buf joined = ACCORD_BUF_INIT; /* a paragraph of hard-wrapped lines */
	wrap_line *wl;                       /* per line of in, from first_heading */
	nest_state st;
	size_t i, last, width; /* width: the width the text is wrapped at, 0 when it is not */
	int rc;

	/* each line's kind, asked once (matching the heading vocabulary is not free) */
	if ((wl = accord_malloc((in->count + 1) * sizeof(*wl))) == NULL)
		return ACCORD_ENOMEM;
	for (i = first_heading; i < in->count; i++)
		wrap_line_at(in, vocab, i, &wl[i]);
	width = opinion_wrap_width(wl, first_heading, in->count);
	if ((rc = read_front_matter(doc, in, first_heading, width)) != ACCORD_OK)
		goto cleanup;
	nest_reset(&st);
	for (i = first_heading; i < in->count; i = last + 1) {
		const char *s = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len, addr_start, addr_len, label_len;
		accord_section_kind kind;
		accord_para *para, *parent;
		last = i;
		if (in->lines[i].blank)
			continue;
		accord_parse_trim(&s, &len);
		if (heading_match(vocab, s, len, &kind, &addr_start, &addr_len) ||
		    marked_heading_match(vocab, s, len, &kind, &addr_start, &addr_len)) {
			char *heading, *addressee = NULL;
			if (width > 0 && (rc = wrapped_heading(in, vocab, wl, width, &joined, &s, &len, &last, &kind,
						  &addr_start, &addr_len)) != ACCORD_OK)
				goto cleanup;
			heading = accord_arena_strndup(&doc->arena, s, len);
			if (heading == NULL ||
			    (addr_len > 0 && (addressee = accord_arena_strndup(&doc->arena, s + addr_start, addr_len)) == NULL)) {
				rc = ACCORD_ENOMEM;
				goto cleanup;
			}
			if ((rc = accord_doc_add_section(&section, doc, NULL, heading, kind, addressee)) != ACCORD_OK)
				goto cleanup;
			section->line = in->lines[i].line;
			nest_reset(&st);
			continue;
		}
		if (width > 0) {
			/* the lines that continue this one, joined with a space */
			wrap_line next;
			const char *end = s;
			size_t end_len = len;
			for (; last + 1 < in->count; last++, end = next.s, end_len = next.len) {
				/* a line that reads as a heading ("Invites ITU to ...") continues the
				   paragraph as well: in a wrapped text, headings stand between blank lines;
				   so does one that begins as a label ("3. of the Agenda") after a line
				   that ends inside a sentence */
				next = wl[last + 1];
				if (next.blank || ((next.label || next.heading) && ends_a_clause(end, end_len)) ||
				    4 * (cp_len(end, end_len) + 1 + first_word_len(next.s, next.len)) <= 3 * width)
					break;
				if (last == i) {
					accord_buf_clear(&joined);
					if ((rc = accord_buf_put(&joined, s, len)) != ACCORD_OK)
						goto cleanup;
				}
				if ((rc = wrap_join(&joined, next.s, next.len)) != ACCORD_OK)
					goto cleanup;
			}
			if (last > i) {
				s = joined.ptr;
				len = joined.size;
			}
		}
		label_len = accord_parse_label_len(s, len);
		if (label_len > 0) {
			const char *text = s + label_len;
			size_t text_len = len - label_len;
			char label[32];
			accord_parse_trim(&text, &text_len);
			if (label_len >= sizeof(label)) {
				rc = ACCORD_EPARSE; /* cannot happen: labels are short */
				goto cleanup;
			}
			memcpy(label, s, label_len);
			label[label_len] = '\0';
			parent = nest_place(&st, label);
			rc = accord_parse_add_para(&para, doc, section, parent, s, label_len, text, text_len,
				in->lines[i].line);
		} else {
			parent = nest_place(&st, NULL);
			rc = accord_parse_add_para(&para, doc, section, parent, NULL, 0, s, len, in->lines[i].line);
		}
		if (rc != ACCORD_OK)
			goto cleanup;
		nest_added(&st, para);
	}
	rc = ACCORD_OK;
cleanup:
	accord_buf_dispose(&joined);
	accord_free(wl);
	return rc;
}

/* ---- generic mode -------------------------------------------------------------------- */

/* Leading blanks of a line: every blank that trimming the first line of a block removes. */
static size_t indent_of(const char *s, size_t len)
{
	size_t i = 0, b;
	while (i < len && (b = accord_parse_blank_at(s, i, len)) != 0)
		i += b;
	return i;
}

/* Adds the block of lines [from, to) as one paragraph: lines joined with
** "\n", trailing blanks of each line removed, the first line trimmed; the
** indentation of the other lines is kept (it may matter: code, verse). */
static int add_block(accord_doc *doc, accord_section *section, const parse_input *in, size_t from, size_t to,
	accord_buf *scratch)
{
	size_t i;
	accord_para *para;
	accord_buf_clear(scratch);
	for (i = from; i < to; i++) {
		const char *s = PARSE_LINE_TEXT(in, i);
		size_t len = in->lines[i].len, b;
		while (len > 0 && (b = accord_parse_blank_before(s, len)) != 0)
			len -= b;
		if (i == from)
			while (len > 0 && (b = accord_parse_blank_at(s, 0, len)) != 0)
				s += b, len -= b;
		if ((i > from && accord_buf_putc(scratch, '\n') != ACCORD_OK) || accord_buf_put(scratch, s, len) != ACCORD_OK)
			return ACCORD_ENOMEM;
	}
	return accord_parse_add_para(&para, doc, section, NULL, NULL, 0, scratch->ptr, scratch->size, in->lines[from].line);
}

static int parse_generic(accord_doc *doc, const parse_input *in)
{
	accord_section *section = NULL;
	accord_buf scratch = ACCORD_BUF_INIT;
	size_t i = 0, block = (size_t)-1, hs, hl;
	int rc = ACCORD_OK;

	for (i = 0; i <= in->count; i++) {
		int end_block = i == in->count || in->lines[i].blank;
		/* a heading line, whatever its indentation (the first line of a block is
		** trimmed, so an indented "# x" must not become a paragraph) */
		size_t lead = end_block ? 0 : indent_of(PARSE_LINE_TEXT(in, i), in->lines[i].len);
		int heading = !end_block &&
			accord_parse_atx_heading(PARSE_LINE_TEXT(in, i) + lead, in->lines[i].len - lead, &hs, &hl);
		if ((end_block || heading) && block != (size_t)-1) {
			if (section == NULL) {
				if ((rc = accord_doc_add_section(&section, doc, NULL, NULL, ACCORD_KIND_NONE, NULL)) != ACCORD_OK)
					goto cleanup;
				section->line = in->lines[block].line;
			}
			if ((rc = add_block(doc, section, in, block, i, &scratch)) != ACCORD_OK)
				goto cleanup;
			block = (size_t)-1;
		}
		if (heading) {
			char *title = accord_arena_strndup(&doc->arena, PARSE_LINE_TEXT(in, i) + lead + hs, hl);
			if (title == NULL) {
				rc = ACCORD_ENOMEM;
				goto cleanup;
			}
			if ((rc = accord_doc_add_section(&section, doc, NULL, title, ACCORD_KIND_NONE, NULL)) != ACCORD_OK)
				goto cleanup;
			section->line = in->lines[i].line;
		} else if (!end_block && block == (size_t)-1) {
			block = i;
		}
	}
cleanup:
	accord_buf_dispose(&scratch);
	return rc;
}

/* ---- entry point ------------------------------------------------------------------------ */

int accord_doc_parse_text(accord_doc **out, const char *data, size_t len, const accord_parse_options *opts,
	accord_error *err)
{
	accord_doc *doc = NULL;
	accord_vocab *own_vocab = NULL;
	const accord_vocab *vocab;
	parse_input in;
	size_t i, first_heading = (size_t)-1;
	const char *name = opts ? opts->name : NULL;
	int rc;

	memset(&in, 0, sizeof(in));
	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_doc_parse_text: NULL out");
	*out = NULL;
	if (opts != NULL && opts->version != ACCORD_PARSE_OPTIONS_VERSION)
		return accord_error_set(err, ACCORD_EINVAL, "unknown parse options version %u", opts->version);
	if ((rc = accord_doc_new(&doc, ACCORD_MODE_OPINION)) != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_parse_input_read(&in, doc, data, len, name, err)) != ACCORD_OK)
		goto cleanup;
	vocab = opts ? opts->vocab : NULL;
	if (vocab == NULL) {
		if ((rc = accord_vocab_new_default(&own_vocab)) != ACCORD_OK)
			goto cleanup;
		vocab = own_vocab;
	}
	if (opts == NULL || !opts->force_generic) {
		for (i = 0; i < in.count && first_heading == (size_t)-1; i++)
			if (!in.lines[i].blank && heading_match(vocab, PARSE_LINE_TEXT(&in, i), in.lines[i].len, NULL, NULL, NULL))
				first_heading = i;
	}
	if (first_heading != (size_t)-1) {
		rc = parse_opinion(doc, &in, vocab, first_heading);
	} else {
		doc->mode = ACCORD_MODE_GENERIC;
		rc = parse_generic(doc, &in);
	}
	if (rc != ACCORD_OK)
		goto cleanup;
	if ((rc = accord_parse_finish(doc, name, "the input has no text, only Word artefacts", err)) != ACCORD_OK)
		goto cleanup;
	*out = doc;
	doc = NULL;
cleanup:
	if (rc == ACCORD_ENOMEM)
		accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	accord_parse_input_dispose(&in);
	accord_vocab_free(own_vocab);
	accord_doc_free(doc);
	return rc;
}
