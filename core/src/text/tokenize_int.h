/*
** tokenize_int.h: walking the tokens of a text one at a time, for the
** files that need each token's hash and kind but not an array of them.
*/
#ifndef ACCORD_TOKENIZE_INT_H
#define ACCORD_TOKENIZE_INT_H

#include <stddef.h>
#include <stdint.h>

/*
** The token that starts at text[i] (i < len), as accord_tokenize cuts it:
** returns its end (> i), its hash in *hash and its accord_token_kind in
** *kind. Walking from 0 to len gives accord_tokenize's tokens in order.
*/
size_t accord_token_next(const char *text, size_t len, size_t i, uint32_t *hash, uint32_t *kind);

/*
** The hashes of the word tokens of text[0..len), in order, into out, which
** has room for len / 2 + 1 of them (words are apart by a byte at least);
** returns how many. The same hashes as accord_tokenize's word tokens, with
** no token array and no allocation.
*/
size_t accord_word_hashes(const char *text, size_t len, uint32_t *out);

#endif
