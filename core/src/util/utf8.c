/* utf8.c: strict UTF-8 validation and decoding, and the character classes of the tokenizer. */
#include <string.h>

#include "accord/text.h"
#include "util/utf8_int.h"

/*
** The length of a valid sequence at s[0..avail), or 0 when the bytes there
** are not a valid UTF-8 sequence (overlong, surrogate, above U+10FFFF, a bad
** continuation byte or a sequence cut short). Stores the code point in *cp.
** The ranges are those of Unicode Table 3-7 (well-formed byte sequences).
*/
size_t accord_utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	unsigned char b0 = s[0];
	if (b0 < 0x80) {
		*cp = b0;
		return 1;
	}
	if (b0 < 0xC2) /* a continuation byte, or the overlong leads C0/C1 */
		return 0;
	if (b0 < 0xE0) {
		if (avail < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(b0 & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (b0 < 0xF0) {
		unsigned char lo = 0x80, hi = 0xBF;
		if (b0 == 0xE0)
			lo = 0xA0; /* overlong below U+0800 */
		else if (b0 == 0xED)
			hi = 0x9F; /* surrogates U+D800..U+DFFF */
		if (avail < 2 || s[1] < lo || s[1] > hi)
			return 0;
		if (avail < 3 || (s[2] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(b0 & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (b0 < 0xF5) {
		unsigned char lo = 0x80, hi = 0xBF;
		if (b0 == 0xF0)
			lo = 0x90; /* overlong below U+10000 */
		else if (b0 == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
		if (avail < 2 || s[1] < lo || s[1] > hi)
			return 0;
		if (avail < 3 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (avail < 4 || (s[3] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t)(b0 & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	return 0; /* F5..FF never appear in UTF-8 */
}

/* Fills err with the line and column (in code points) of byte `bad`. */
static int report_bad_byte(const unsigned char *s, size_t bad, accord_error *err)
{
	unsigned line = 1, col = 1;
	size_t i = 0;
	while (i < bad) {
		uint32_t cp;
		size_t n;
		if (s[i] == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		n = accord_utf8_decode(s + i, bad - i, &cp);
		i += n ? n : 1;
		col++;
	}
	accord_error_set(err, ACCORD_EUTF8, "invalid UTF-8 byte 0x%02X at line %u, column %u (byte offset %zu)",
			 (unsigned)s[bad], line, col, bad);
	if (err != NULL) {
		err->line = line;
		err->col = col;
		err->offset = bad;
	}
	return ACCORD_EUTF8;
}

int accord_utf8_check(const char *text, size_t len, accord_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	if (text == NULL)
		return len == 0 ? 0 : accord_error_set(err, ACCORD_EINVAL, "accord_utf8_check: NULL text");
	while (i < len) {
		uint32_t cp;
		size_t n;
		/* ASCII fast path: eight bytes at a time. */
		while (i + 8 <= len) {
			uint64_t word;
			memcpy(&word, s + i, 8);
			if (word & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		while (i < len && s[i] < 0x80)
			i++;
		if (i >= len)
			break;
		n = accord_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return report_bad_byte(s, i, err);
		i += n;
	}
	return 0;
}

uint32_t accord_utf8_next(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n;
	if (s == NULL || i == NULL || *i >= len) {
		if (i != NULL && s != NULL)
			*i = len;
		return 0xFFFD;
	}
	n = accord_utf8_decode((const unsigned char *)s + *i, len - *i, &cp);
	if (n == 0) {
		*i += 1;
		return 0xFFFD;
	}
	*i += n;
	return cp;
}

int accord_codepoint_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	switch (cp) {
	case 0x00A0: /* no-break space */
	case 0x1680: /* ogham space mark */
	case 0x2028: /* line separator */
	case 0x2029: /* paragraph separator */
	case 0x202F: /* narrow no-break space (French typography) */
	case 0x205F: /* medium mathematical space */
	case 0x3000: /* ideographic space */
		return 1;
	default:
		return cp >= 0x2000 && cp <= 0x200A; /* en quad .. hair space */
	}
}

/* Ranges of punctuation and symbols above U+007F, sorted, inclusive. */
static const uint32_t punct_ranges[][2] = {
	{0x0080, 0x009F}, /* C1 controls: never part of a word */
	{0x00A1, 0x00A9}, /* ¡ ¢ £ ¤ ¥ ¦ § ¨ © */
	{0x00AB, 0x00AC}, /* « ¬ */
	{0x00AE, 0x00B1}, /* ® ¯ ° ± */
	{0x00B4, 0x00B4}, /* ´ */
	{0x00B6, 0x00B8}, /* ¶ · ¸ */
	{0x00BB, 0x00BB}, /* » */
	{0x00BF, 0x00BF}, /* ¿ */
	{0x00D7, 0x00D7}, /* × */
	{0x00F7, 0x00F7}, /* ÷ */
	{0x037E, 0x037E}, /* Greek question mark */
	{0x0387, 0x0387}, /* Greek ano teleia */
	{0x055A, 0x055F}, /* Armenian punctuation */
	{0x0589, 0x058A}, /* Armenian full stop, hyphen */
	{0x05BE, 0x05BE}, /* Hebrew maqaf */
	{0x05C0, 0x05C0}, /* Hebrew paseq */
	{0x05C3, 0x05C3}, /* Hebrew sof pasuq */
	{0x05C6, 0x05C6}, /* Hebrew nun hafukha */
	{0x0609, 0x060D}, /* Arabic per mille .. date separator, comma */
	{0x061B, 0x061B}, /* Arabic semicolon */
	{0x061D, 0x061F}, /* Arabic end of text mark .. question mark */
	{0x066A, 0x066D}, /* Arabic percent, decimal/thousands separators, star */
	{0x06D4, 0x06D4}, /* Arabic full stop */
	{0x0964, 0x0965}, /* Devanagari danda, double danda */
	{0x0970, 0x0970}, /* Devanagari abbreviation sign */
	{0x0E4F, 0x0E4F}, /* Thai fongman */
	{0x0E5A, 0x0E5B}, /* Thai angkhankhu, khomut */
	{0x10FB, 0x10FB}, /* Georgian paragraph separator */
	{0x1360, 0x1368}, /* Ethiopic punctuation */
	{0x166E, 0x166E}, /* Canadian syllabics full stop */
	{0x17D4, 0x17D6}, /* Khmer punctuation */
	{0x1800, 0x180A}, /* Mongolian punctuation */
	{0x2010, 0x2027}, /* hyphens, dashes, quotes, daggers, bullet, ellipsis */
	{0x2030, 0x205E}, /* per mille, primes, guillemets ‹ ›, reference marks ... */
	{0x207A, 0x207E}, /* superscript signs and parentheses */
	{0x208A, 0x208E}, /* subscript signs and parentheses */
	{0x20A0, 0x20C0}, /* currency symbols */
	{0x2100, 0x2101}, /* account of, addressed to the subject */
	{0x2103, 0x2106}, /* degree Celsius, care of ... */
	{0x2108, 0x2109}, /* scruple, degree Fahrenheit */
	{0x2116, 0x2118}, /* numero sign, sound recording copyright, Weierstrass p */
	{0x211E, 0x2123}, /* prescription take .. versicle (incl. ™) */
	{0x2125, 0x2125}, /* ounce sign */
	{0x2127, 0x2127}, /* inverted ohm sign */
	{0x2129, 0x2129}, /* turned Greek iota */
	{0x212E, 0x212E}, /* estimated symbol */
	{0x2140, 0x2144}, /* double-struck n-ary summation, turned letters */
	{0x214A, 0x214D}, /* property line .. aktieselskab */
	{0x214F, 0x214F}, /* symbol for Samaritan source */
	{0x2190, 0x245F}, /* arrows, mathematical operators, technical, control pictures, OCR */
	{0x2500, 0x2775}, /* box drawing, blocks, shapes, symbols, dingbats */
	{0x2794, 0x2BFF}, /* dingbat arrows, math symbols, supplemental arrows, misc symbols */
	{0x2CF9, 0x2CFC}, /* Coptic punctuation */
	{0x2CFE, 0x2CFF}, /* Coptic full stop, morphological divider */
	{0x2E00, 0x2E7F}, /* supplemental punctuation */
	{0x2FF0, 0x2FFF}, /* ideographic description characters */
	{0x3001, 0x3004}, /* 、 。 〃 〄 */
	{0x3008, 0x3020}, /* CJK brackets 〈 〉 《 》 「 」 『 』 【 】 ..., wave dash, marks */
	{0x3030, 0x3030}, /* wavy dash */
	{0x303D, 0x303F}, /* part alternation mark .. half fill space */
	{0x30A0, 0x30A0}, /* katakana-hiragana double hyphen */
	{0x30FB, 0x30FB}, /* katakana middle dot */
	{0xA4FE, 0xA4FF}, /* Lisu punctuation */
	{0xA60D, 0xA60F}, /* Vai punctuation */
	{0xA673, 0xA673}, /* Slavonic asterisk */
	{0xA67E, 0xA67E}, /* Cyrillic kavyka */
	{0xFD3E, 0xFD3F}, /* ornate parentheses */
	{0xFE10, 0xFE19}, /* vertical forms */
	{0xFE30, 0xFE52}, /* CJK compatibility forms, small comma .. small full stop */
	{0xFE54, 0xFE66}, /* small forms */
	{0xFE68, 0xFE6B}, /* small reverse solidus .. small commercial at */
	{0xFF01, 0xFF0F}, /* fullwidth ！ ＂ ＃ ... ／ */
	{0xFF1A, 0xFF20}, /* fullwidth ： ； ＜ ＝ ＞ ？ ＠ */
	{0xFF3B, 0xFF40}, /* fullwidth ［ ＼ ］ ＾ ＿ ｀ */
	{0xFF5B, 0xFF65}, /* fullwidth ｛ ｜ ｝ ～, white parentheses, halfwidth ｡ ｢ ｣ ､ ･ */
	{0xFFE0, 0xFFEE}, /* fullwidth currency and halfwidth symbols */
	{0xFFF9, 0xFFFD}, /* interlinear annotation, object replacement, replacement character */
	{0x1F000, 0x1F0FF}, /* mahjong, domino, playing cards */
	{0x1F10D, 0x1F1AD}, /* enclosed alphanumeric symbols */
	{0x1F1E6, 0x1F1FF}, /* regional indicators (flags) */
	{0x1F300, 0x1FAFF}, /* pictographs, emoticons, transport, symbols (emoji) */
};

int accord_codepoint_is_punct(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(punct_ranges) / sizeof(punct_ranges[0]);
	if (cp < 0x80)
		return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
		       (cp >= 0x7B && cp <= 0x7E) || cp < 0x09 || (cp > 0x0D && cp < 0x20) || cp == 0x7F;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < punct_ranges[mid][0])
			hi = mid;
		else if (cp > punct_ranges[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

unsigned accord_utf8_column(const char *line, size_t at)
{
	unsigned col = 1;
	size_t i;
	for (i = 0; i < at; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			col++;
	return col;
}
