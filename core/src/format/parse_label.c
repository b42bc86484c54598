/*
** parse_label.c: paragraph labels, for the text and Markdown parsers:
** "a)", "1.", "(iv)", "1.2.", "d bis)", ")", bullets; their parts, and
** whether one continues the sequence of another (a) -> b), iv. -> v.).
** Split from parse_text.c.
*/
#include <string.h>

#include "format/parse_int.h"

/* Value of a Roman numeral written in one case with i v x l c, or 0. */
static unsigned roman_value(const char *s, size_t len)
{
	static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
	static const char *const tens[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
	unsigned v;
	char lower[16];
	size_t i;
	int upper = s[0] >= 'A' && s[0] <= 'Z';
	if (len == 0 || len >= sizeof(lower))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if ((c >= 'A' && c <= 'Z') != upper)
			return 0;
		lower[i] = (char)(upper ? c - 'A' + 'a' : c);
		if (strchr("ivxlc", lower[i]) == NULL || lower[i] == '\0')
			return 0; /* not a numeral: most words, asked of every line of a wrapped text */
	}
	lower[len] = '\0';
	/* Compare with the canonical spelling of every value up to 99. */
	for (v = 1; v < 100; v++) {
		char canon[16];
		size_t n = strlen(tens[v / 10]);
		memcpy(canon, tens[v / 10], n);
		strcpy(canon + n, ones[v % 10]);
		if (strcmp(canon, lower) == 0)
			return v;
	}
	return 0;
}

/* Bullets that may open a paragraph. */
static size_t bullet_len(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == '-' || s[0] == '*'))
		return 1;
	if (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0x93))
		return 3; /* "•" and "–" */
	return 0;
}

/* The body of a label without its punctuation: "(iv)" -> "iv", "1.2." -> "1.2". */
/* The Latin ordinals of paragraphs inserted after another ("d bis)", "1 ter."), from bis = 2. */
static const char *const ordinals[] = {"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies",
	"decies"};

/*
** The length of an ordinal suffix at s (" bis", "ter" ...: an optional
** space, then one of the ordinals, followed by ')' or '.'), and its rank
** (2 for bis); 0 when there is none.
*/
static size_t ordinal_len(const char *s, size_t len, unsigned *rank)
{
	size_t i = 0, k;
	if (i < len && s[i] == ' ')
		i++;
	for (k = 0; k < sizeof ordinals / sizeof ordinals[0]; k++) {
		size_t n = strlen(ordinals[k]);
		if (len - i > n && memcmp(s + i, ordinals[k], n) == 0 && (s[i + n] == ')' || s[i + n] == '.')) {
			if (rank != NULL)
				*rank = (unsigned)k + 2;
			return i + n;
		}
	}
	return 0;
}

/* The core of a label body: digits, a letter or a Roman numeral. */
static size_t label_core_len(const char *s, size_t len)
{
	size_t i = 0;
	/* digits, groups separated by '.', each up to 3 digits */
	if (accord_parse_is_digit((unsigned char)s[0])) {
		for (;;) {
			size_t start = i;
			while (i < len && accord_parse_is_digit((unsigned char)s[i]))
				i++;
			if (i - start == 0 || i - start > 3 || i > 16)
				return 0;
			if (i + 1 < len && s[i] == '.' && accord_parse_is_digit((unsigned char)s[i + 1]))
				i++;
			else
				return i;
		}
	}
	while (i < len && i < 8 && accord_parse_is_letter((unsigned char)s[i]))
		i++;
	if (i == 1)
		return 1;
	if (i > 1 && roman_value(s, i))
		return i;
	return 0;
}

/* A label's body: its core, and the ordinal of an inserted paragraph ("d bis") when there is one. */
static size_t label_body_len(const char *s, size_t len)
{
	size_t core = label_core_len(s, len);
	if (core == 0)
		return 0;
	return core + ordinal_len(s + core, len - core, NULL);
}

size_t accord_parse_label_len(const char *s, size_t len)
{
	size_t n = 0, body;
	if (len == 0)
		return 0;
	if (s[0] == ')') {
		n = 1;
	} else if (s[0] == '(') {
		body = len > 1 ? label_body_len(s + 1, len - 1) : 0;
		if (body == 0 || 1 + body >= len || s[1 + body] != ')')
			return 0;
		n = body + 2;
	} else if ((n = bullet_len(s, len)) != 0) {
		/* a bullet */
	} else {
		body = label_body_len(s, len);
		if (body == 0 || body >= len || (s[body] != ')' && s[body] != '.'))
			return 0;
		n = body + 1;
	}
	if (n < len && accord_parse_blank_at(s, n, len) == 0)
		return 0;
	return n;
}

/* A label split into its punctuation and its body. */
typedef struct label_parts {
	char open;   /* '(' or 0 */
	char close;  /* ')' or '.' or 0 (bullet) */
	const char *body;
	size_t body_len;
} label_parts;

static int label_split(const char *label, label_parts *p)
{
	size_t len = strlen(label);
	memset(p, 0, sizeof(*p));
	if (len == 0 || (len == 1 && label[0] == ')'))
		return 0;
	if (bullet_len(label, len) == len) {
		p->body = label;
		p->body_len = len;
		return 1;
	}
	if (label[0] == '(') {
		p->open = '(';
		label++;
		len--;
	}
	if (len < 2)
		return 0;
	p->close = label[len - 1];
	p->body = label;
	p->body_len = len - 1;
	return 1;
}

/* Whether number `next` is `prev` + 1 ("1.2" -> "1.3"). */
static int number_continues(const char *prev, size_t plen, const char *next, size_t nlen)
{
	size_t pl = plen, nl = nlen;
	unsigned long pv = 0, nv = 0, scale;
	while (pl > 0 && accord_parse_is_digit((unsigned char)prev[pl - 1]))
		pl--;
	while (nl > 0 && accord_parse_is_digit((unsigned char)next[nl - 1]))
		nl--;
	if (pl != nl || memcmp(prev, next, pl) != 0)
		return 0;
	for (scale = 0; pl < plen; pl++, scale++)
		pv = pv * 10 + (unsigned long)(prev[pl] - '0');
	for (; nl < nlen; nl++)
		nv = nv * 10 + (unsigned long)(next[nl] - '0');
	return nv == pv + 1;
}

/* Splits the ordinal off a label body: the core's length, and the rank (1 without an ordinal). */
static size_t body_core(const label_parts *p, unsigned *rank)
{
	size_t core = label_core_len(p->body, p->body_len);
	*rank = 1;
	if (core > 0 && core < p->body_len) {
		/* body_len stops before the closing ')' or '.', which ordinal_len looks at */
		if (ordinal_len(p->body + core, p->body_len - core + 1, rank) != p->body_len - core)
			*rank = 1;
	}
	return core;
}

int accord_parse_label_continues(const char *prev, const char *next)
{
	label_parts a, b;
	unsigned ra, rb;
	size_t ca, cb;
	if (prev == NULL || next == NULL || !label_split(prev, &a) || !label_split(next, &b))
		return 0;
	if (a.open != b.open || a.close != b.close)
		return 0;
	if (a.close == 0) /* bullets: the same bullet continues the list */
		return a.body_len == b.body_len && memcmp(a.body, b.body, a.body_len) == 0;
	/* an inserted paragraph: d) -> d bis) -> d ter); and after it the list goes on: d bis) -> e) */
	ca = body_core(&a, &ra);
	cb = body_core(&b, &rb);
	if (ca > 0 && cb > 0 && (ra > 1 || rb > 1)) {
		if (ca == cb && memcmp(a.body, b.body, ca) == 0)
			return rb == ra + 1;
		if (rb != 1)
			return 0;
		a.body_len = ca;
	}
	if (accord_parse_is_digit((unsigned char)a.body[0]) || accord_parse_is_digit((unsigned char)b.body[0]))
		return accord_parse_is_digit((unsigned char)a.body[0]) && accord_parse_is_digit((unsigned char)b.body[0]) &&
		       number_continues(a.body, a.body_len, b.body, b.body_len);
	/* a letter: a) -> b) */
	if (a.body_len == 1 && b.body_len == 1 && a.body[0] + 1 == b.body[0] &&
	    ((accord_parse_is_letter((unsigned char)a.body[0]) && a.body[0] != 'z' && a.body[0] != 'Z')))
		return 1;
	/* a Roman numeral: i) -> ii) */
	{
		unsigned x = roman_value(a.body, a.body_len), y = roman_value(b.body, b.body_len);
		if (x && y && y == x + 1 && ((a.body[0] >= 'a') == (b.body[0] >= 'a')))
			return 1;
	}
	return 0;
}
