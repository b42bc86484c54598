/* tokenize.c: the word tokenizer: words, single punctuation marks, runs of spaces. */
#include <string.h>

#include "accord/text.h"
#include "text/tokenize_int.h"
#include "util/utf8_int.h"

/* Character classes of the tokenizer. */
enum char_class {
	CLASS_WORD = 0,  /* letters, digits, marks: glue into words */
	CLASS_PUNCT = 1, /* one token per code point */
	CLASS_SPACE = 2, /* glue into runs of spaces */
	CLASS_IDEO = 3,  /* a Han ideograph or a kana: a word token of its own */
	CLASS_MULTI = 4  /* (byte table only) a byte of a multibyte sequence: decode it */
};

/* Classes of the bytes: ASCII from the same rules as the code point functions, the rest to decode. */
#define W CLASS_WORD
#define P CLASS_PUNCT
#define S CLASS_SPACE
#define M CLASS_MULTI
#define M16 M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M
static const unsigned char byte_class[256] = {
	P, P, P, P, P, P, P, P, P, S, S, S, S, S, P, P, /* 00-0F: controls, \t \n \v \f \r */
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, /* 10-1F */
	S, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, /*  !"#$%&'()*+,-./ */
	W, W, W, W, W, W, W, W, W, W, P, P, P, P, P, P, /* 0-9 :;<=>? */
	P, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* @ A-O */
	W, W, W, W, W, W, W, W, W, W, W, P, P, P, P, P, /* P-Z [\]^_ */
	P, W, W, W, W, W, W, W, W, W, W, W, W, W, W, W, /* ` a-o */
	W, W, W, W, W, W, W, W, W, W, W, P, P, P, P, P, /* p-z {|}~ DEL */
	M16, M16, M16, M16, M16, M16, M16, M16,          /* 80-FF */
};
#undef M16
#undef M
#undef W
#undef P
#undef S

/* Scripts written without spaces between words: one token per character. */
static int codepoint_is_ideograph(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x309F) ||   /* hiragana */
	       (cp >= 0x30A1 && cp <= 0x30FA) ||   /* katakana letters */
	       (cp >= 0x30FC && cp <= 0x30FF) ||   /* prolonged sound mark, iteration marks */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* CJK compatibility ideographs */
	       (cp >= 0x20000 && cp <= 0x3FFFF);   /* CJK extensions B.. */
}

static enum char_class classify(uint32_t cp)
{
	if (cp < 0x80)
		return (enum char_class)byte_class[cp];
	if (cp < 0x2000 && cp >= 0x00C0 && cp != 0x00D7 && cp != 0x00F7 && cp < 0x037E)
		return CLASS_WORD; /* Latin letters, IPA, combining marks: the common case */
	if (accord_codepoint_is_space(cp))
		return CLASS_SPACE;
	if (accord_codepoint_is_punct(cp))
		return CLASS_PUNCT;
	if (codepoint_is_ideograph(cp))
		return CLASS_IDEO;
	return CLASS_WORD;
}

/*
** The class of the code point at s[i] (i < len) and its length in *n; an
** invalid byte is a one-byte punctuation mark.
*/
static enum char_class class_at(const unsigned char *s, size_t len, size_t i, size_t *n, uint32_t *cp)
{
	if (s[i] < 0x80) {
		*n = 1;
		*cp = s[i];
		return (enum char_class)byte_class[s[i]];
	}
	*n = accord_utf8_decode(s + i, len - i, cp);
	if (*n == 0) {
		*n = 1;
		*cp = 0xFFFD;
		return CLASS_PUNCT;
	}
	return classify(*cp);
}

/* Whether the code point at s[i] (if any) continues a word. */
static int word_follows(const unsigned char *s, size_t len, size_t i)
{
	size_t n;
	uint32_t cp;
	if (i >= len)
		return 0;
	return class_at(s, len, i, &n, &cp) == CLASS_WORD;
}

/* The end of the word that starts at s[i] with a word character. */
static size_t scan_word(const unsigned char *s, size_t len, size_t i)
{
	for (;;) {
		size_t n;
		uint32_t cp;
		enum char_class c;
		/* ASCII fast path. */
		while (i < len && byte_class[s[i]] == CLASS_WORD)
			i++;
		if (i >= len)
			return i;
		c = class_at(s, len, i, &n, &cp);
		if (c == CLASS_WORD) {
			i += n;
			continue;
		}
		/* An apostrophe between two word characters: "ITU's", "l’Union". */
		if ((cp == '\'' || cp == 0x2019) && word_follows(s, len, i + n)) {
			i += n;
			continue;
		}
		return i;
	}
}

/* The end of the run of spaces that starts at s[i]. */
static size_t scan_spaces(const unsigned char *s, size_t len, size_t i)
{
	for (;;) {
		size_t n;
		uint32_t cp;
		while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= len)
			return i;
		if (class_at(s, len, i, &n, &cp) != CLASS_SPACE)
			return i;
		i += n;
	}
}

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

uint32_t accord_hash_bytes(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t h = FNV_OFFSET;
	size_t i;
	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Hashes s[from, to) on top of h (FNV-1a, so hashing in pieces gives the same result). */
static uint32_t hash_more(uint32_t h, const unsigned char *s, size_t from, size_t to)
{
	for (; from < to; from++) {
		h ^= s[from];
		h *= FNV_PRIME;
	}
	return h;
}

/*
** The token that starts at s[i] (i < len): returns its end, its hash and
** kind in *hash and *kind. Inlined in accord_tokenize; accord_token_next
** gives it to the files that only walk the tokens.
*/
static inline size_t token_at(const unsigned char *s, size_t len, size_t i, uint32_t *hash, uint32_t *kind_out)
{
	size_t start = i;
	uint32_t h = FNV_OFFSET, kind;
	unsigned char c = s[i];
	unsigned cls = byte_class[c];
	if (cls == CLASS_WORD) {
		/* ASCII fast path: hash while scanning; leave it for apostrophes and non-ASCII letters. */
		do {
			h = (h ^ s[i]) * FNV_PRIME;
			i++;
		} while (i < len && byte_class[s[i]] == CLASS_WORD);
		if (i < len && (s[i] >= 0x80 || s[i] == '\'')) {
			size_t end = scan_word(s, len, i);
			h = hash_more(h, s, i, end);
			i = end;
		}
		kind = ACCORD_TOKEN_WORD;
	} else if (c == ' ' && (i + 1 == len || byte_class[s[i + 1]] == CLASS_WORD)) {
		/* The most common token of all: one space before a word. */
		h = (h ^ c) * FNV_PRIME;
		i++;
		kind = ACCORD_TOKEN_SPACE;
	} else if (cls == CLASS_SPACE) {
		do {
			h = (h ^ s[i]) * FNV_PRIME;
			i++;
		} while (i < len && byte_class[s[i]] == CLASS_SPACE);
		if (i < len && s[i] >= 0x80) {
			size_t end = scan_spaces(s, len, i);
			h = hash_more(h, s, i, end);
			i = end;
		}
		kind = ACCORD_TOKEN_SPACE;
	} else if (cls == CLASS_PUNCT) {
		h = (h ^ c) * FNV_PRIME;
		i++;
		kind = ACCORD_TOKEN_PUNCT;
	} else {
		size_t n;
		uint32_t cp;
		enum char_class decoded = class_at(s, len, i, &n, &cp);
		if (decoded == CLASS_WORD) {
			i = scan_word(s, len, i + n);
			kind = ACCORD_TOKEN_WORD;
		} else if (decoded == CLASS_SPACE) {
			i = scan_spaces(s, len, i + n);
			kind = ACCORD_TOKEN_SPACE;
		} else { /* punctuation and ideographs: one code point */
			i += n;
			kind = decoded == CLASS_PUNCT ? ACCORD_TOKEN_PUNCT : ACCORD_TOKEN_WORD;
		}
		h = hash_more(h, s, start, i);
	}
	*hash = h;
	*kind_out = kind;
	return i;
}

size_t accord_token_next(const char *text, size_t len, size_t i, uint32_t *hash, uint32_t *kind)
{
	return token_at((const unsigned char *)text, len, i, hash, kind);
}

size_t accord_word_hashes(const char *text, size_t len, uint32_t *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (byte_class[c] == CLASS_WORD) {
			size_t start = i;
			uint32_t h = FNV_OFFSET, kind;
			do {
				h = (h ^ s[i]) * FNV_PRIME;
				i++;
			} while (i < len && byte_class[s[i]] == CLASS_WORD);
			if (i < len && (s[i] >= 0x80 || s[i] == '\''))
				i = token_at(s, len, start, &h, &kind); /* the word goes on: the whole walk */
			out[n++] = h;
		} else if (c < 0x80)
			i++; /* a blank or a mark of ASCII: no word starts inside it */
		else {
			uint32_t h, kind;
			i = token_at(s, len, i, &h, &kind);
			if (kind == ACCORD_TOKEN_WORD)
				out[n++] = h;
		}
	}
	return n;
}

int accord_tokenize(accord_token **out, size_t *count, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	accord_token *tokens = NULL;
	size_t used = 0, capacity, i = 0;
	if (out != NULL)
		*out = NULL;
	if (count != NULL)
		*count = 0;
	if (out == NULL || count == NULL || (text == NULL && len > 0))
		return ACCORD_EINVAL;
	if (len > UINT32_MAX)
		return ACCORD_EINVAL;
	if (len == 0)
		return 0;
	/* Prose has a token every 3 to 4 bytes; grow if it has more. */
	capacity = len / 3 + 16;
	tokens = accord_malloc(capacity * sizeof(*tokens));
	if (tokens == NULL)
		return ACCORD_ENOMEM;
	while (i < len) {
		size_t start = i;
		uint32_t h, kind;
		accord_token *t;
		i = token_at(s, len, i, &h, &kind);
		if (used == capacity) {
			size_t grown = capacity + capacity / 2 + 16;
			accord_token *bigger = accord_realloc(tokens, grown * sizeof(*tokens));
			if (bigger == NULL) {
				accord_free(tokens);
				return ACCORD_ENOMEM;
			}
			tokens = bigger;
			capacity = grown;
		}
		t = &tokens[used++];
		t->offset = (uint32_t)start;
		t->length = (uint32_t)(i - start);
		t->hash = h;
		t->kind = kind;
	}
	*out = tokens;
	*count = used;
	return 0;
}
