/*
** accord/text.h: UTF-8 and the word tokenizer.
**
** A token is a run of bytes of one kind: a word (letters, digits, marks and
** the apostrophes inside a word such as "ITU's" or "ITU’s"), a punctuation
** mark (one code point: , ; : . ( ) [ ] - – « » “ ” ...), or a run of
** spaces (ASCII blanks, tabs, newlines, no-break spaces U+00A0, U+202F and
** the other Unicode spaces). Concatenating all tokens gives the input back.
** Han ideographs and kana (scripts written without spaces) are word tokens
** of one character each; control characters and invalid bytes are
** punctuation marks of their own.
*/
#ifndef ACCORD_TEXT_H
#define ACCORD_TEXT_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_token_kind {
	ACCORD_TOKEN_WORD = 0,
	ACCORD_TOKEN_PUNCT = 1,
	ACCORD_TOKEN_SPACE = 2
} accord_token_kind;

typedef struct accord_token {
	uint32_t offset; /* byte offset into the tokenized text */
	uint32_t length; /* length in bytes (> 0) */
	uint32_t hash;   /* hash of the bytes; equal bytes give equal hashes */
	uint32_t kind;   /* an accord_token_kind */
} accord_token;

/*
** Checks that text[0..len) is valid UTF-8 (no overlongs, no surrogates, no
** code point above U+10FFFF). Returns 0, or ACCORD_EUTF8 with err->offset,
** err->line and err->col set to the first bad byte (line/col 1-based, col
** counted in code points).
*/
ACCORD_API int accord_utf8_check(const char *text, size_t len, accord_error *err);

/*
** Decodes the code point at s[*i] (len bytes in all), advances *i past it
** and returns it; returns 0xFFFD and advances one byte on invalid input.
*/
ACCORD_API uint32_t accord_utf8_next(const char *s, size_t len, size_t *i);

/* Unicode space (Zs, tab, newline ...), as the tokenizer sees it. */
ACCORD_API int accord_codepoint_is_space(uint32_t cp);
/* Punctuation or symbol that stands as a token of its own. */
ACCORD_API int accord_codepoint_is_punct(uint32_t cp);

/*
** Splits text into tokens. *out (freed with accord_free) holds *count
** tokens; an empty text gives *out == NULL, *count == 0. The text must be
** valid UTF-8 (invalid bytes become one-byte punctuation tokens). Texts
** over 4 GiB are refused with ACCORD_EINVAL.
*/
ACCORD_API int accord_tokenize(accord_token **out, size_t *count, const char *text, size_t len);

/* The 32-bit hash the tokenizer uses (FNV-1a). */
ACCORD_API uint32_t accord_hash_bytes(const char *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
