/*
** bracket_units.c: what the reader of bracketed texts (bracket_read.c)
** shares: owned memory, party codes, option blocks, the count of agreed
** and open words, and the read-only views of the result.
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "compile/bracketed_int.h"
/* ---- owned memory ---------------------------------------------------------- */

void *bracket_own(accord_bracketed *b, void *ptr)
{
	if (ptr == NULL)
		return NULL;
	if (b->n_owned == b->cap_owned) {
		size_t cap = b->cap_owned ? b->cap_owned * 2 : 32;
		void **grown = accord_realloc(b->owned, cap * sizeof(*grown));
		if (grown == NULL) {
			accord_free(ptr);
			return NULL;
		}
		b->owned = grown;
		b->cap_owned = cap;
	}
	b->owned[b->n_owned++] = ptr;
	return ptr;
}

char *bracket_strndup(accord_bracketed *b, const char *s, size_t n)
{
	return bracket_own(b, accord_strndup(s, n));
}

int bracket_has_party(const char *const *list, size_t n, const char *party)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(list[i], party) == 0)
			return 1;
	return 0;
}

static int note_party(accord_bracketed *b, const char *party)
{
	if (bracket_has_party(b->parties, b->n_parties, party))
		return ACCORD_OK;
	if (b->n_parties == b->cap_parties) {
		size_t cap = b->cap_parties ? b->cap_parties * 2 : 8;
		const char **grown = accord_realloc((void *)b->parties, cap * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		b->parties = grown;
		b->cap_parties = cap;
	}
	b->parties[b->n_parties++] = party;
	return ACCORD_OK;
}

/* ---- party codes ------------------------------------------------------------ */

int bracket_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One party: a code without lower-case letters ("USA", "G-77", "EU"), then at most three more words. */
int bracket_party_ok(const char *s, size_t n)
{
	size_t i = 0, words = 1;
	int upper = 0;
	while (n > 0 && bracket_is_blank(s[0]))
		s++, n--;
	while (n > 0 && bracket_is_blank(s[n - 1]))
		n--;
	if (n == 0 || n > 40)
		return 0;
	for (; i < n && s[i] != ' '; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isupper(c))
			upper = 1;
		else if (!(isdigit(c) || c == '-' || c == '.' || c == '/' || c == '&' || c == '\'' || c >= 0x80))
			return 0;
	}
	if (!upper)
		return 0;
	for (; i < n; i++) {
		if (s[i] == ' ')
			words++;
		else if (s[i] == ':' || s[i] == '[' || s[i] == ']' || s[i] == '(' || s[i] == ')')
			return 0;
	}
	return words <= 4;
}

/*
** Splits s[0..n) into parties by the convention's separator (after cutting
** notes off at "; ") into a new owned array. Returns 1 when every piece is a
** party, 0 when not (nothing kept), -1 out of memory.
*/
int bracket_read_parties(accord_bracketed *b, const char *s, size_t n, const char *const **out, size_t *n_out)
{
	const char *sep = b->conv.party_separator && b->conv.party_separator[0] ? b->conv.party_separator : ", ";
	size_t seplen = strlen(sep), i, count = 0, k;
	const char **list;
	const char *p;
	for (i = 0; i + 1 < n; i++)
		if (s[i] == ';' && s[i + 1] == ' ') {
			n = i;
			break;
		}
	/* count and check the pieces */
	for (p = s;;) {
		const char *end = p, *limit = s + n;
		while (end < limit && !(end + seplen <= limit && memcmp(end, sep, seplen) == 0))
			end++;
		if (!bracket_party_ok(p, (size_t)(end - p)))
			return 0;
		count++;
		if (end >= limit)
			break;
		p = end + seplen;
	}
	list = bracket_own(b, accord_calloc(count, sizeof(*list)));
	if (list == NULL)
		return -1;
	for (p = s, k = 0; k < count; k++) {
		const char *end = p, *limit = s + n;
		const char *a, *z;
		char *name;
		while (end < limit && !(end + seplen <= limit && memcmp(end, sep, seplen) == 0))
			end++;
		for (a = p; a < end && bracket_is_blank(*a); a++)
			;
		for (z = end; z > a && bracket_is_blank(z[-1]); z--)
			;
		if ((name = bracket_strndup(b, a, (size_t)(z - a))) == NULL || note_party(b, name) != ACCORD_OK)
			return -1;
		list[k] = name;
		p = end + seplen;
	}
	*out = list;
	*n_out = count;
	return 1;
}

/* ---- option blocks ------------------------------------------------------------------ */

typedef struct marker {
	unsigned number;
	size_t keyword_end;      /* "Option 2" ends here */
	size_t label_start, label_end;
	size_t parties_start, parties_end; /* inside "(...)"; equal: none */
	size_t end;              /* the content starts here */
	int has_content;
	int no_text;             /* the content is "{No text required}" */
} marker;

/* 1 when s is "{No text required}" (any case, a full stop after it or not): the empty option. */
static int no_text_required(const char *s)
{
	static const char none[] = "{No text required}";
	size_t len = sizeof(none) - 1, n = strlen(s);
	return (n == len || (n == len + 1 && s[n - 1] == '.')) && strncasecmp(s, none, len) == 0;
}

/* Reads "Option 2", "Alt 1 (G-77): ", "Option B – Mitigation:" at the start of a paragraph's text. */
static int read_marker(const char *s, marker *m)
{
	static const char *const keywords[] = {"Option", "OPTION", "Alternative", "Alt", "ALT"};
	size_t n = strlen(s), i, k, at = 0;
	memset(m, 0, sizeof(*m));
	for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		size_t kl = strlen(keywords[k]);
		if (n > kl + 1 && memcmp(s, keywords[k], kl) == 0 && s[kl] == ' ') {
			at = kl + 1;
			break;
		}
	}
	if (at == 0)
		return 0;
	if (isdigit((unsigned char)s[at])) {
		while (at < n && isdigit((unsigned char)s[at])) {
			m->number = m->number * 10 + (unsigned)(s[at] - '0');
			at++;
			if (m->number > 9999)
				return 0;
		}
	} else if (isupper((unsigned char)s[at]) && !isalpha((unsigned char)s[at + 1])) {
		m->number = (unsigned)(s[at] - 'A') + 1;
		at++;
	} else {
		return 0;
	}
	m->keyword_end = at;
	if (at < n && s[at] == ' ' && s[at + 1] == '(') {
		size_t e = at + 2;
		while (e < n && s[e] != ')' && s[e] != '(')
			e++;
		if (e < n && s[e] == ')' && bracket_party_ok(s + at + 2, e - at - 2)) {
			m->parties_start = at + 2;
			m->parties_end = e;
			at = e + 1;
		}
	}
	if (at == n) {
		m->end = n;
		return 1;
	}
	/* a label up to a colon (or "Option 1." alone) */
	for (i = at; i < n && i - at <= 80 && s[i] != ':' && s[i] != '[' && s[i] != '{' && s[i] != '\n'; i++)
		;
	if (i < n && s[i] == ':') {
		size_t a = at, z = i;
		while (a < z && (bracket_is_blank(s[a]) || s[a] == '-' || (unsigned char)s[a] == 0xE2))
			a++; /* " – Mitigation": the dash is not the label (0xE2: the first byte of an en dash) */
		while (a < z && ((unsigned char)s[a] & 0xC0) == 0x80)
			a++;
		while (z > a && bracket_is_blank(s[z - 1]))
			z--;
		m->label_start = a;
		m->label_end = z;
		at = i + 1;
	} else if (s[at] == '.' && at + 1 == n) {
		at = n;
	} else {
		return 0;
	}
	while (at < n && bracket_is_blank(s[at]))
		at++;
	m->end = at;
	m->has_content = at < n;
	m->no_text = m->has_content && no_text_required(s + at);
	return 1;
}

/* Groups the paragraphs of each section into option blocks. */
int bracket_find_options(accord_bracketed *b, accord_error *err)
{
	size_t i, cap_options = 0, cap_blocks = 0;
	size_t *first_option = NULL; /* per block: its first option's index */
	size_t block = 0;            /* the open block + 1; 0: none */
	size_t current = 0;          /* its last option + 1 */
	int bare = 0;                /* the last option's marker stood alone */
	unsigned marker_depth = 0;
	size_t section = (size_t)-1;
	for (i = 0; i < b->n_units; i++) {
		bracket_unit *u = &b->units[i];
		marker m;
		if (u->pub.kind != ACCORD_BRACKET_UNIT_PARA || u->pub.section != section) {
			block = 0; /* a heading, a new section, a footnote: every block ends */
			section = u->pub.section;
			if (u->pub.kind != ACCORD_BRACKET_UNIT_PARA)
				continue;
		}
		/* "Option 1: [...] Option 2: [...]" at the start: the convention's alternatives, one group, not options */
		if (read_marker(u->pub.text, &m) &&
		    !(u->pub.n_groups > 0 && u->groups[0].start == 0 && u->groups[0].n_alts > 1)) {
			accord_bracket_option *o;
			if (block == 0 || m.number != b->options[current - 1].number + 1) {
				if (b->n_blocks == cap_blocks) {
					size_t cap = cap_blocks ? cap_blocks * 2 : 4;
					accord_bracket_block *grown = accord_realloc(b->blocks, cap * sizeof(*grown));
					size_t *fo = accord_realloc(first_option, cap * sizeof(*fo));
					if (grown != NULL)
						b->blocks = grown;
					if (fo != NULL)
						first_option = fo;
					if (grown == NULL || fo == NULL) {
						accord_free(first_option);
						return accord_error_set(err, ACCORD_ENOMEM, NULL);
					}
					cap_blocks = cap;
				}
				memset(&b->blocks[b->n_blocks], 0, sizeof(b->blocks[0]));
				b->blocks[b->n_blocks].section = section;
				first_option[b->n_blocks] = b->n_options;
				block = ++b->n_blocks;
			}
			if (b->n_options == cap_options) {
				size_t cap = cap_options ? cap_options * 2 : 8;
				accord_bracket_option *grown = accord_realloc(b->options, cap * sizeof(*grown));
				if (grown == NULL) {
					accord_free(first_option);
					return accord_error_set(err, ACCORD_ENOMEM, NULL);
				}
				b->options = grown;
				cap_options = cap;
			}
			o = &b->options[b->n_options++];
			memset(o, 0, sizeof(*o));
			o->number = m.number;
			o->first_unit = i;
			o->n_units = 1;
			o->empty = m.no_text || !m.has_content;
			if ((o->marker = bracket_strndup(b, u->pub.text, m.keyword_end)) == NULL ||
			    (m.label_end > m.label_start &&
				    (o->label = bracket_strndup(b, u->pub.text + m.label_start, m.label_end - m.label_start)) == NULL) ||
			    (m.parties_end > m.parties_start &&
				    bracket_read_parties(b, u->pub.text + m.parties_start, m.parties_end - m.parties_start, &o->parties,
					    &o->n_parties) < 0)) {
				accord_free(first_option);
				return accord_error_set(err, ACCORD_ENOMEM, NULL);
			}
			b->blocks[block - 1].n_options++;
			current = b->n_options;
			bare = !m.has_content;
			marker_depth = u->pub.para_depth;
			u->pub.option_block = block;
			u->pub.option = b->blocks[block - 1].n_options;
			u->pub.marker_end = m.end;
			continue;
		}
		if (block == 0)
			continue;
		if (bare || u->pub.para_depth > marker_depth) {
			/* the paragraphs of a bare marker, or the children of one with text */
			accord_bracket_option *o = &b->options[current - 1];
			o->n_units++;
			if (bare && u->pub.text[0] != '\0' && !no_text_required(u->pub.text))
				o->empty = 0;
			u->pub.option_block = block;
			u->pub.option = b->blocks[block - 1].n_options;
			continue;
		}
		block = 0;
	}
	for (i = 0; i < b->n_blocks; i++)
		b->blocks[i].options = b->options + first_option[i];
	accord_free(first_option);
	return ACCORD_OK;
}

/* ---- words ---------------------------------------------------------------------------- */

/* Counts the words of a unit: open (inside a bracket or an option) or agreed; markup is no word. */
int bracket_count_words(bracket_unit *u, char open_char)
{
	const char *s = u->pub.text;
	size_t n = strlen(s), i, k;
	unsigned char *mask = accord_calloc(n ? n : 1, 1); /* 0 agreed, 1 open, 2 markup */
	if (mask == NULL)
		return ACCORD_ENOMEM;
	memset(mask, 0, n);
	if (u->pub.inside)
		memset(mask, 1, n); /* a paragraph inside a span across paragraphs: all of it is open */
	for (i = 0; i < u->pub.marker_end && i < n; i++)
		mask[i] = 2;
	if (no_text_required(s + u->pub.marker_end))
		for (i = u->pub.marker_end; i < n; i++)
			mask[i] = 2;
	for (k = 0; k < u->pub.n_spans; k++) {
		const accord_bracket_span *sp = &u->spans[k];
		for (i = sp->start; i < sp->end && i < n; i++)
			mask[i] = (i >= sp->text_start && i < sp->text_end && u->marks[k] == BRACKET_MARK_NONE) ? 1 : 2;
	}
	if (open_char == '[')
		for (i = 0; i < n; i++) {
			size_t skip = s[i] == '[' ? bracket_footnote_ref(s + i, n - i) : 0;
			for (k = 0; k < skip; k++)
				mask[i + k] = 2;
			if (skip)
				i += skip - 1;
		}
	u->pub.agreed_words = u->pub.open_words = 0;
	/* a word: a run of bytes that are neither blanks nor markup, with a letter or digit in it */
	for (i = 0; i < n;) {
		int any_open = 0, any_agreed = 0, letter = 0;
		while (i < n && (bracket_is_blank(s[i]) || mask[i] == 2))
			i++;
		if (i >= n)
			break;
		for (; i < n && !bracket_is_blank(s[i]) && mask[i] != 2; i++) {
			unsigned char c = (unsigned char)s[i];
			if (isalnum(c) || c >= 0x80)
				letter = 1;
			if (mask[i] == 1)
				any_open = 1;
			else
				any_agreed = 1;
		}
		if (!letter)
			continue;
		if (any_open || (any_agreed && u->pub.option_block != 0))
			u->pub.open_words++;
		else if (any_agreed)
			u->pub.agreed_words++;
	}
	accord_free(mask);
	return ACCORD_OK;
}

const char *accord_bracket_kind_name(accord_bracket_kind kind)
{
	switch (kind) {
	case ACCORD_BRACKET_PLAIN:
		return "plain";
	case ACCORD_BRACKET_DELETE:
		return "delete";
	case ACCORD_BRACKET_MARK:
		return "mark";
	}
	return "?";
}

size_t accord_bracketed_unit_count(const accord_bracketed *b)
{
	return b != NULL ? b->n_units : 0;
}

const accord_bracket_unit *accord_bracketed_unit(const accord_bracketed *b, size_t i)
{
	return b != NULL && i < b->n_units ? &b->units[i].pub : NULL;
}

size_t accord_bracketed_block_count(const accord_bracketed *b)
{
	return b != NULL ? b->n_blocks : 0;
}

const accord_bracket_block *accord_bracketed_block(const accord_bracketed *b, size_t i)
{
	return b != NULL && i < b->n_blocks ? &b->blocks[i] : NULL;
}

size_t accord_bracketed_problem_count(const accord_bracketed *b)
{
	return b != NULL ? b->n_problems : 0;
}

const accord_bracket_problem *accord_bracketed_problem(const accord_bracketed *b, size_t i)
{
	return b != NULL && i < b->n_problems ? &b->problems[i] : NULL;
}

size_t accord_bracketed_party_count(const accord_bracketed *b)
{
	return b != NULL ? b->n_parties : 0;
}

const char *accord_bracketed_party(const accord_bracketed *b, size_t i)
{
	return b != NULL && i < b->n_parties ? b->parties[i] : NULL;
}

void accord_bracketed_totals(const accord_bracketed *b, accord_bracket_totals *t)
{
	size_t i;
	memset(t, 0, sizeof(*t));
	if (b == NULL)
		return;
	for (i = 0; i < b->n_units; i++) {
		const accord_bracket_unit *u = &b->units[i].pub;
		size_t k;
		t->spans += u->n_spans;
		t->groups += u->n_groups;
		/* a span across paragraphs counts once: its closing pieces are not new spans (nor groups, when alone) */
		for (k = 0; k < u->n_spans; k++)
			if (b->units[i].spans[k].continued) {
				t->spans--;
				if (b->units[i].groups[b->units[i].spans[k].group].n_alts == 1)
					t->groups--;
			}
		if (u->max_depth > t->max_depth)
			t->max_depth = u->max_depth;
		t->agreed_words += u->agreed_words;
		t->open_words += u->open_words;
	}
	t->option_blocks = b->n_blocks;
	t->options = b->n_options;
	t->problems = b->n_problems;
	t->parties = b->n_parties;
}

/* "[footnoteRef:12]": a Word artefact kept in the text, not a bracket. Returns its length or 0. */
size_t bracket_footnote_ref(const char *s, size_t n)
{
	static const char tag[] = "[footnoteRef:";
	size_t i = sizeof(tag) - 1;
	if (n < i + 2 || memcmp(s, tag, i) != 0)
		return 0;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	return i < n && s[i] == ']' && i > sizeof(tag) - 1 ? i + 1 : 0;
}
