/*
** vocab.c: the heading vocabulary, the phrases that open a section of an
** opinion or resolution ("recognizing", "is of the view", "invites Member
** States").
**
** The default vocabulary is data: the table below. Matching a line against
** it ignores case, runs of blanks and even blanks inside a phrase ("taking
** in to account" is "taking into account"), allows a trailing ":" or ",",
** and, for phrases that take an addressee ("invites", "instructs"), returns
** the rest of the line as the addressee when it is short and does not read
** like a sentence.
*/
#include <string.h>

#include "accord/format.h"
#include "format/parse_int.h"

/* One phrase of a vocabulary. */
typedef struct vocab_entry {
	char *phrase;             /* as given, NUL-terminated */
	accord_section_kind kind; /* preambular or operative */
	int takes_addressee;      /* may be followed by "Member States" etc. */
	size_t next;              /* the next entry with the same first letter, + 1 (0: none) */
	unsigned char second;     /* the phrase's second letter (blanks skipped, lower case), or 0 */
} vocab_entry;

struct accord_vocab {
	vocab_entry *entries; /* in the order they were added */
	size_t count;
	size_t cap;
	/* The phrases by first letter (blanks skipped, lower case): a line is only compared with the
	   phrases that open with its own first letters. Each list is in the order of entries. */
	size_t head[256], tail[256]; /* first and last entry of each list, + 1 (0: empty) */
};

#define P ACCORD_KIND_PREAMBULAR
#define O ACCORD_KIND_OPERATIVE

/* The built-in phrases (UN and ITU practice). takes_addressee is 1 where
** the phrase names whom it addresses ("invites Member States"). */
static const struct {
	const char *phrase;
	accord_section_kind kind;
	int takes_addressee;
} default_phrases[] = {
	/* preambular */
	{"acknowledging", P, 0},
	{"acknowledging also", P, 0},
	{"acknowledging further", P, 0},
	{"affirming", P, 0},
	{"alarmed", P, 0},
	{"appreciating", P, 0},
	{"aware", P, 0},
	{"being aware", P, 0},
	{"bearing in mind", P, 0},
	{"believing", P, 0},
	{"cognizant", P, 0},
	{"concerned", P, 0},
	{"conscious", P, 0},
	{"considering", P, 0},
	{"considering also", P, 0},
	{"considering further", P, 0},
	{"convinced", P, 0},
	{"deeply concerned", P, 0},
	{"desiring", P, 0},
	{"determined", P, 0},
	{"emphasizing", P, 0},
	{"emphasising", P, 0},
	{"emphasizing also", P, 0},
	{"emphasising also", P, 0},
	{"expressing appreciation", P, 0},
	{"expressing concern", P, 0},
	{"expressing deep concern", P, 0},
	{"expressing gratitude", P, 0},
	{"expressing its appreciation", P, 0},
	{"expressing its concern", P, 0},
	{"expressing its deep concern", P, 0},
	{"expressing its satisfaction", P, 0},
	{"expressing satisfaction", P, 0},
	{"expressing the hope", P, 0},
	{"fully aware", P, 0},
	{"further considering", P, 0},
	{"further noting", P, 0},
	{"further recalling", P, 0},
	{"further recognizing", P, 0},
	{"further recognising", P, 0},
	{"guided by", P, 0},
	{"having considered", P, 0},
	{"having examined", P, 0},
	{"having heard", P, 0},
	{"having regard to", P, 0},
	{"highlighting", P, 0},
	{"keeping in mind", P, 0},
	{"mindful", P, 0},
	{"noting", P, 0},
	{"noting also", P, 0},
	{"noting further", P, 0},
	{"noting with appreciation", P, 0},
	{"noting with concern", P, 0},
	{"noting with satisfaction", P, 0},
	{"observing", P, 0},
	{"reaffirming", P, 0},
	{"recalling", P, 0},
	{"recalling also", P, 0},
	{"recalling further", P, 0},
	{"recognizing", P, 0},
	{"recognising", P, 0},
	{"recognizing also", P, 0},
	{"recognising also", P, 0},
	{"recognizing further", P, 0},
	{"recognising further", P, 0},
	{"referring", P, 0},
	{"reiterating", P, 0},
	{"stressing", P, 0},
	{"taking into account", P, 0},
	{"taking into consideration", P, 0},
	{"taking note", P, 0},
	{"underlining", P, 0},
	{"welcoming", P, 0},
	/* operative */
	{"accepts", O, 0},
	{"adopts", O, 0},
	{"affirms", O, 0},
	{"agrees", O, 0},
	{"also invites", O, 1},
	{"also requests", O, 1},
	{"also resolves", O, 0},
	{"appeals to", O, 1},
	{"approves", O, 0},
	{"authorizes", O, 1},
	{"calls on", O, 1},
	{"calls upon", O, 1},
	{"declares", O, 0},
	{"decides", O, 0},
	{"decides further", O, 0},
	{"decides to instruct", O, 1},
	{"decides to invite", O, 1},
	{"encourages", O, 1},
	{"endorses", O, 0},
	{"further decides", O, 0},
	{"further invites", O, 1},
	{"further instructs", O, 1},
	{"further requests", O, 1},
	{"further resolves", O, 0},
	{"instructs", O, 1},
	{"invites", O, 1},
	{"is of the opinion", O, 0},
	{"is of the view", O, 0},
	{"reaffirms", O, 0},
	{"recommends", O, 1},
	{"requests", O, 1},
	{"resolves", O, 0},
	{"resolves further", O, 0},
	{"resolves to instruct", O, 1},
	{"resolves to invite", O, 1},
	{"resolves to request", O, 1},
	{"supports", O, 0},
	{"takes note", O, 0},
	{"urges", O, 1},
};

#undef P
#undef O

/* The most words an addressee may have ("ITU Secretary General and ITU
** Directors of the Bureaux" has nine). */
#define ADDRESSEE_MAX_WORDS 12

/* Words that start a sentence, not an addressee ("requests for ..."). */
static const char *const addressee_stop_words[] = {
	"to", "for", "of", "that", "which", "with", "by", "in", "on", "at", "from", "as", "and", "or",
};

int accord_vocab_new(accord_vocab **out)
{
	accord_vocab *vocab;
	*out = NULL;
	vocab = accord_calloc(1, sizeof(*vocab));
	if (vocab == NULL)
		return ACCORD_ENOMEM;
	*out = vocab;
	return ACCORD_OK;
}

int accord_vocab_new_default(accord_vocab **out)
{
	accord_vocab *vocab = NULL;
	size_t i;
	int rc;
	*out = NULL;
	if ((rc = accord_vocab_new(&vocab)) != ACCORD_OK)
		return rc;
	for (i = 0; i < sizeof(default_phrases) / sizeof(default_phrases[0]); i++) {
		rc = accord_vocab_add(vocab, default_phrases[i].phrase, default_phrases[i].kind,
			default_phrases[i].takes_addressee);
		if (rc != ACCORD_OK)
			goto cleanup;
	}
	*out = vocab;
	return ACCORD_OK;
cleanup:
	accord_vocab_free(vocab);
	return rc;
}

void accord_vocab_free(accord_vocab *vocab)
{
	size_t i;
	if (vocab == NULL)
		return;
	for (i = 0; i < vocab->count; i++)
		accord_free(vocab->entries[i].phrase);
	accord_free(vocab->entries);
	accord_free(vocab);
}

static int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* The n-th letter of a phrase (0 or 1), blanks skipped and in lower case; 0 past its end. */
static unsigned char phrase_letter(const char *p, int n)
{
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || n-- == 0)
			return (unsigned char)ascii_lower((unsigned char)*p);
		p++;
	}
}

/* Whether two phrases are the same once case and blanks are ignored. */
static int phrase_same(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

int accord_vocab_add(accord_vocab *vocab, const char *phrase, accord_section_kind kind, int takes_addressee)
{
	size_t i;
	unsigned char first;
	const char *p;
	char *copy;
	if (vocab == NULL || phrase == NULL ||
	    (kind != ACCORD_KIND_PREAMBULAR && kind != ACCORD_KIND_OPERATIVE))
		return ACCORD_EINVAL;
	for (p = phrase; *p == ' ' || *p == '\t'; p++)
		;
	if (*p == '\0')
		return ACCORD_EINVAL;
	first = phrase_letter(phrase, 0);
	for (i = vocab->head[first]; i != 0; i = vocab->entries[i - 1].next) {
		if (phrase_same(vocab->entries[i - 1].phrase, phrase)) {
			vocab->entries[i - 1].kind = kind;
			vocab->entries[i - 1].takes_addressee = takes_addressee != 0;
			return ACCORD_OK;
		}
	}
	if (vocab->count == vocab->cap) {
		size_t want = vocab->cap ? vocab->cap * 2 : 64;
		vocab_entry *grown = accord_realloc(vocab->entries, want * sizeof(*grown));
		if (grown == NULL)
			return ACCORD_ENOMEM;
		vocab->entries = grown;
		vocab->cap = want;
	}
	copy = accord_strdup(phrase);
	if (copy == NULL)
		return ACCORD_ENOMEM;
	vocab->entries[vocab->count].phrase = copy;
	vocab->entries[vocab->count].kind = kind;
	vocab->entries[vocab->count].takes_addressee = takes_addressee != 0;
	vocab->entries[vocab->count].next = 0;
	vocab->entries[vocab->count].second = phrase_letter(phrase, 1);
	if (vocab->tail[first])
		vocab->entries[vocab->tail[first] - 1].next = vocab->count + 1;
	else
		vocab->head[first] = vocab->count + 1;
	vocab->tail[first] = vocab->count + 1;
	vocab->count++;
	return ACCORD_OK;
}

size_t accord_vocab_count(const accord_vocab *vocab)
{
	return vocab ? vocab->count : 0;
}

const char *accord_vocab_phrase(const accord_vocab *vocab, size_t i, accord_section_kind *kind, int *takes_addressee)
{
	if (vocab == NULL || i >= vocab->count)
		return NULL;
	if (kind)
		*kind = vocab->entries[i].kind;
	if (takes_addressee)
		*takes_addressee = vocab->entries[i].takes_addressee;
	return vocab->entries[i].phrase;
}

/*
** Matches phrase at the start of line[0..len), ignoring case and blanks
** (in the phrase and in the line). Returns the number of line bytes
** matched, ending at a word boundary, or 0 when the phrase is not there.
*/
static size_t match_phrase(const char *phrase, const char *line, size_t len)
{
	size_t i = 0, b;
	const char *p = phrase;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		while (i < len && (b = accord_parse_blank_at(line, i, len)) != 0)
			i += b;
		if (i >= len || ascii_lower((unsigned char)line[i]) != ascii_lower((unsigned char)*p))
			return 0;
		i++;
		p++;
	}
	if (i < len && accord_parse_blank_at(line, i, len) == 0)
		return 0; /* "noting" must not match "notingly" */
	return i;
}

/* Whether line[0..len) reads as an addressee ("Member States"). */
static int addressee_ok(const char *s, size_t len)
{
	size_t i = 0, words = 0, first_len = 0, k;
	const char *first = NULL;
	int letters = 0;
	while (i < len) {
		size_t b = accord_parse_blank_at(s, i, len);
		if (b) {
			i += b;
			continue;
		}
		words++;
		if (first == NULL)
			first = s + i;
		while (i < len && accord_parse_blank_at(s, i, len) == 0) {
			unsigned char c = (unsigned char)s[i];
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80)
				letters = 1;
			if (words == 1)
				first_len++;
			i++;
		}
	}
	if (words == 0 || words > ADDRESSEE_MAX_WORDS || !letters)
		return 0;
	for (k = 0; k < sizeof(addressee_stop_words) / sizeof(addressee_stop_words[0]); k++) {
		const char *w = addressee_stop_words[k];
		size_t j;
		if (strlen(w) != first_len)
			continue;
		for (j = 0; j < first_len && ascii_lower((unsigned char)first[j]) == w[j]; j++)
			;
		if (j == first_len)
			return 0;
	}
	return 1;
}

int accord_vocab_match(const accord_vocab *vocab, const char *line, size_t len, accord_section_kind *kind,
	size_t *addressee_start, size_t *addressee_len)
{
	size_t start = 0, end = len, i, b, best_len = 0, second;
	size_t best_start = 0, best_addr_len = 0;
	unsigned char second_letter;
	accord_section_kind best_kind = ACCORD_KIND_NONE;
	int found = 0;

	if (kind)
		*kind = ACCORD_KIND_NONE;
	if (addressee_start)
		*addressee_start = 0;
	if (addressee_len)
		*addressee_len = 0;
	if (vocab == NULL || line == NULL)
		return 0;
	/* Trim blanks, then one trailing ":" or ",", then blanks again. */
	while (start < end && (b = accord_parse_blank_at(line, start, end)) != 0)
		start += b;
	for (;;) {
		if (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
			end--;
		else if (end >= start + 2 && (unsigned char)line[end - 2] == 0xC2 && (unsigned char)line[end - 1] == 0xA0)
			end -= 2;
		else
			break;
	}
	if (end > start && (line[end - 1] == ':' || line[end - 1] == ','))
		end--;
	while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (end == start || line[end - 1] == ';' || line[end - 1] == '.')
		return 0;
	/* The line's second letter (blanks skipped), to pass over phrases that cannot match. */
	second = start + 1;
	while (second < end && (b = accord_parse_blank_at(line, second, end)) != 0)
		second += b;
	second_letter = second < end ? (unsigned char)ascii_lower((unsigned char)line[second]) : 0;
	for (i = vocab->head[(unsigned char)ascii_lower((unsigned char)line[start])]; i != 0; i = vocab->entries[i - 1].next) {
		const vocab_entry *e = &vocab->entries[i - 1];
		size_t n, rest, rest_len;
		if (e->second != 0 && e->second != second_letter)
			continue;
		n = match_phrase(e->phrase, line + start, end - start);
		if (n == 0 || n <= best_len)
			continue;
		rest = start + n;
		while (rest < end && (b = accord_parse_blank_at(line, rest, end)) != 0)
			rest += b;
		rest_len = end - rest;
		if (rest_len > 0 && (!e->takes_addressee || !addressee_ok(line + rest, rest_len)))
			continue;
		found = 1;
		best_len = n;
		best_kind = e->kind;
		best_start = rest_len ? rest : 0;
		best_addr_len = rest_len;
	}
	if (!found)
		return 0;
	if (kind)
		*kind = best_kind;
	if (addressee_start)
		*addressee_start = best_start;
	if (addressee_len)
		*addressee_len = best_addr_len;
	return 1;
}
