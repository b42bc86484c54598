/*
** parse_blank.c: blanks as the parsers see them (spaces, tabs and the
** no-break spaces Word leaves), shared by the text and Markdown parsers and
** the heading vocabulary.
*/
#include "format/parse_int.h"

size_t accord_parse_blank_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xAF)
		return 3;
	/* U+FEFF, a byte order mark left inside the text by files joined or
	** converted twice: invisible, so a blank to trim like the others. */
	if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF)
		return 3;
	return 0;
}

size_t accord_parse_blank_before(const char *s, size_t len)
{
	if (len >= 1 && accord_parse_blank_at(s, len - 1, len) == 1)
		return 1;
	if (len >= 2 && accord_parse_blank_at(s, len - 2, len) == 2)
		return 2;
	if (len >= 3 && accord_parse_blank_at(s, len - 3, len) == 3)
		return 3;
	return 0;
}

void accord_parse_trim(const char **s, size_t *len)
{
	size_t b;
	while (*len > 0 && (b = accord_parse_blank_at(*s, 0, *len)) != 0) {
		*s += b;
		*len -= b;
	}
	while (*len > 0 && (b = accord_parse_blank_before(*s, *len)) != 0)
		*len -= b;
}
