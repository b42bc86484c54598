/* test_text.c: strict UTF-8 validation, code point classes and the word tokenizer. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accord/diff.h"
#include "accord/format.h"
#include "accord/sys/testing.h"
#include "accord/text.h"
#include "text/tokenize_int.h"

/* ---- helpers ------------------------------------------------------------ */

static int check(const char *s, size_t len, accord_error *err)
{
	accord_error_clear(err);
	return accord_utf8_check(s, len, err);
}

/* Asserts that s fails the check at byte offset, line, col. */
static void assert_bad_at(const char *s, size_t len, size_t offset, unsigned line, unsigned col)
{
	accord_error err;
	assert_int_equal(check(s, len, &err), ACCORD_EUTF8);
	assert_int_equal(err.code, ACCORD_EUTF8);
	assert_int_equal(err.offset, offset);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_true(strlen(err.message) > 0);
}

/* Tokenizes s and checks the token invariants: contiguous, non-empty, hashed, kinds plausible. */
static accord_token *tokenize_checked(const char *s, size_t len, size_t *count)
{
	accord_token *tokens = NULL;
	size_t i, at = 0;
	assert_int_equal(accord_tokenize(&tokens, count, s, len), 0);
	for (i = 0; i < *count; i++) {
		assert_int_equal(tokens[i].offset, at);
		assert_true(tokens[i].length > 0);
		assert_int_equal(tokens[i].hash, accord_hash_bytes(s + at, tokens[i].length));
		assert_true(tokens[i].kind <= ACCORD_TOKEN_SPACE);
		if (i > 0 && tokens[i].kind == ACCORD_TOKEN_SPACE)
			assert_int_not_equal(tokens[i - 1].kind, ACCORD_TOKEN_SPACE); /* runs are maximal */
		at += tokens[i].length;
	}
	assert_int_equal(at, len);
	return tokens;
}

/* Asserts that s tokenizes into exactly the expected strings (NULL-terminated list). */
static void assert_tokens(const char *s, const char *const *expected)
{
	size_t count = 0, i;
	accord_token *tokens = tokenize_checked(s, strlen(s), &count);
	for (i = 0; expected[i] != NULL; i++) {
		char got[128];
		assert_true(i < count);
		assert_true(tokens[i].length < sizeof(got));
		memcpy(got, s + tokens[i].offset, tokens[i].length);
		got[tokens[i].length] = '\0';
		assert_string_equal(got, expected[i]);
	}
	assert_int_equal(count, i);
	accord_free(tokens);
}

static char *read_seed(const char *name, size_t *len)
{
	char path[1024];
	accord_buf buf = ACCORD_BUF_INIT;
	snprintf(path, sizeof(path), "%s/%s", ACCORD_SEEDS, name);
	assert_int_equal(accord_read_file(&buf, path, NULL), 0);
	*len = buf.size;
	return accord_buf_detach(&buf);
}

static const char *const seed_names[] = {"base-wtpf-ieg-2-10-opinion-1.txt", "contrib-IRN.txt", "contrib-USA.txt",
	"draft-role-of-government.txt", "draft-opinion-n3-multistakeholder.txt"};

/* ---- UTF-8 -------------------------------------------------------------- */

static void test_text__utf8_accepts_valid_text(void **state)
{
	accord_error err;
	const char *samples[] = {"", "plain ASCII, with punctuation.", "le Forum\u202F: « gouvernance »",
		"互联网治理。", "Россия", "مرحبا", "emoji 👍🏽 ok", "\xF4\x8F\xBF\xBF max", "\xEF\xBB\xBF" "bom"};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		assert_int_equal(check(samples[i], strlen(samples[i]), &err), 0);
	assert_int_equal(accord_utf8_check(NULL, 0, NULL), 0);
	assert_int_equal(accord_utf8_check(NULL, 3, NULL), ACCORD_EINVAL);
	/* Embedded NUL is a valid code point. */
	assert_int_equal(check("a\0b", 3, &err), 0);
}

static void test_text__utf8_reports_first_bad_byte(void **state)
{
	(void)state;
	assert_bad_at("\xC0\xAF", 2, 0, 1, 1);                 /* overlong '/' */
	assert_bad_at("ab\xC1\xBF", 4, 2, 1, 3);               /* overlong two-byte lead */
	assert_bad_at("x\xE0\x80\xAF", 4, 1, 1, 2);            /* overlong three-byte */
	assert_bad_at("\xF0\x80\x80\xAF", 4, 0, 1, 1);         /* overlong four-byte */
	assert_bad_at("ok \xED\xA0\x80", 6, 3, 1, 4);          /* surrogate U+D800 */
	assert_bad_at("\xED\xBF\xBF", 3, 0, 1, 1);             /* surrogate U+DFFF */
	assert_bad_at("\xF4\x90\x80\x80", 4, 0, 1, 1);         /* U+110000 */
	assert_bad_at("\xF5\x80\x80\x80", 4, 0, 1, 1);         /* F5 lead */
	assert_bad_at("\xFF", 1, 0, 1, 1);                     /* never valid */
	assert_bad_at("abc\x80", 4, 3, 1, 4);                  /* lone continuation */
	assert_bad_at("end \xE2\x82", 6, 4, 1, 5);             /* truncated euro sign at the end */
	assert_bad_at("\xE2\x82" "a", 3, 0, 1, 1);            /* truncated in the middle */
	assert_bad_at("\xF0\x9F\x91", 3, 0, 1, 1);             /* truncated emoji */
	/* Line and column (in code points) after newlines and multibyte characters. */
	assert_bad_at("ab\nc\xC3\xA9\xFF", 7, 6, 2, 3);
	assert_bad_at("ligne 1\nligne 2\n«\xE2\x80\xAF" "x\xC3", 23, 22, 3, 4);
	/* A long ASCII run before the bad byte (the eight-byte fast path). */
	{
		char text[100];
		memset(text, 'a', sizeof(text));
		text[77] = (char)0x80;
		assert_bad_at(text, sizeof(text), 77, 1, 78);
	}
}

static void test_text__utf8_next_decodes_and_replaces(void **state)
{
	const char *s = "a\xC3\xA9\xE2\x80\xAF\xF0\x9F\x91\x8D\xFFz";
	size_t len = strlen(s), i = 0;
	(void)state;
	assert_int_equal(accord_utf8_next(s, len, &i), 'a');
	assert_int_equal(i, 1);
	assert_int_equal(accord_utf8_next(s, len, &i), 0xE9);
	assert_int_equal(i, 3);
	assert_int_equal(accord_utf8_next(s, len, &i), 0x202F);
	assert_int_equal(accord_utf8_next(s, len, &i), 0x1F44D);
	assert_int_equal(i, 10);
	assert_int_equal(accord_utf8_next(s, len, &i), 0xFFFD); /* invalid: one byte */
	assert_int_equal(i, 11);
	assert_int_equal(accord_utf8_next(s, len, &i), 'z');
	assert_int_equal(i, len);
	assert_int_equal(accord_utf8_next(s, len, &i), 0xFFFD); /* at the end */
	assert_int_equal(i, len);
	/* A truncated sequence at the end advances one byte at a time. */
	i = 0;
	assert_int_equal(accord_utf8_next("\xE2\x82", 2, &i), 0xFFFD);
	assert_int_equal(i, 1);
}

static void test_text__codepoint_classes(void **state)
{
	const uint32_t spaces[] = {' ', '\t', '\n', '\r', '\v', '\f', 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028,
		0x2029, 0x202F, 0x205F, 0x3000};
	const uint32_t puncts[] = {'!', '"', '#', '%', '&', '\'', '(', ')', '*', ',', '-', '.', '/', ':', ';', '?', '@',
		'[', ']', '_', '{', '}', '~', 0xA7, 0xAB, 0xBB, 0xBF, 0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C,
		0x201D, 0x201E, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x205E, 0x3001, 0x3002, 0x3003, 0x300C, 0x300D,
		0x300E, 0x300F, 0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0x060C, 0x061F, 0x0964, 0x20AC,
		0x1F44D, 0x1F600};
	const uint32_t words[] = {'a', 'Z', '0', '9', 0xE9, 0x00C0, 0x0301, 0x03A9, 0x0436, 0x05D0, 0x0627, 0x0915,
		0x0E01, 0x4E92, 0x3042, 0xAC00, 0xFF21, 0xFF10, 0x00AA, 0x00B2, 0x200B, 0x200D, 0x00AD};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++) {
		assert_true(accord_codepoint_is_space(spaces[i]));
		assert_false(accord_codepoint_is_punct(spaces[i]));
	}
	for (i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
		assert_true(accord_codepoint_is_punct(puncts[i]));
		assert_false(accord_codepoint_is_space(puncts[i]));
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		assert_false(accord_codepoint_is_punct(words[i]));
		assert_false(accord_codepoint_is_space(words[i]));
	}
}

/*
** Every row of the character classes, checked over every code point: a code
** point is punctuation exactly when it lies in one of these ranges, and a
** space exactly when it is one of the listed spaces. The list was written
** from Unicode 14 (Python's unicodedata, names in the comments): every
** assigned code point of a punctuation range has a general category P* or
** S*, save the C0/C1 controls, DEL, the annotation format characters
** U+FFF9..U+FFFB and U+2E2F (Lm); the spaces are Unicode's White_Space
** without U+0085 (a C1 control here) and with no zero-width characters.
*/
static const uint32_t punct_table[][2] = {
	{0x0000, 0x0008}, /* C0 controls before TAB */
	{0x000E, 0x001F}, /* C0 controls after CR */
	{0x0021, 0x002F}, /* EXCLAMATION MARK .. SOLIDUS */
	{0x003A, 0x0040}, /* COLON .. COMMERCIAL AT */
	{0x005B, 0x0060}, /* LEFT SQUARE BRACKET .. GRAVE ACCENT */
	{0x007B, 0x007F}, /* LEFT CURLY BRACKET .. DELETE */
	{0x0080, 0x009F}, /* <Cc> .. <Cc> */
	{0x00A1, 0x00A9}, /* INVERTED EXCLAMATION MARK .. COPYRIGHT SIGN */
	{0x00AB, 0x00AC}, /* LEFT-POINTING DOUBLE ANGLE QUOTATION MARK .. NOT SIGN */
	{0x00AE, 0x00B1}, /* REGISTERED SIGN .. PLUS-MINUS SIGN */
	{0x00B4, 0x00B4}, /* ACUTE ACCENT */
	{0x00B6, 0x00B8}, /* PILCROW SIGN .. CEDILLA */
	{0x00BB, 0x00BB}, /* RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK */
	{0x00BF, 0x00BF}, /* INVERTED QUESTION MARK */
	{0x00D7, 0x00D7}, /* MULTIPLICATION SIGN */
	{0x00F7, 0x00F7}, /* DIVISION SIGN */
	{0x037E, 0x037E}, /* GREEK QUESTION MARK */
	{0x0387, 0x0387}, /* GREEK ANO TELEIA */
	{0x055A, 0x055F}, /* ARMENIAN APOSTROPHE .. ARMENIAN ABBREVIATION MARK */
	{0x0589, 0x058A}, /* ARMENIAN FULL STOP .. ARMENIAN HYPHEN */
	{0x05BE, 0x05BE}, /* HEBREW PUNCTUATION MAQAF */
	{0x05C0, 0x05C0}, /* HEBREW PUNCTUATION PASEQ */
	{0x05C3, 0x05C3}, /* HEBREW PUNCTUATION SOF PASUQ */
	{0x05C6, 0x05C6}, /* HEBREW PUNCTUATION NUN HAFUKHA */
	{0x0609, 0x060D}, /* ARABIC-INDIC PER MILLE SIGN .. ARABIC DATE SEPARATOR */
	{0x061B, 0x061B}, /* ARABIC SEMICOLON */
	{0x061D, 0x061F}, /* ARABIC END OF TEXT MARK .. ARABIC QUESTION MARK */
	{0x066A, 0x066D}, /* ARABIC PERCENT SIGN .. ARABIC FIVE POINTED STAR */
	{0x06D4, 0x06D4}, /* ARABIC FULL STOP */
	{0x0964, 0x0965}, /* DEVANAGARI DANDA .. DEVANAGARI DOUBLE DANDA */
	{0x0970, 0x0970}, /* DEVANAGARI ABBREVIATION SIGN */
	{0x0E4F, 0x0E4F}, /* THAI CHARACTER FONGMAN */
	{0x0E5A, 0x0E5B}, /* THAI CHARACTER ANGKHANKHU .. THAI CHARACTER KHOMUT */
	{0x10FB, 0x10FB}, /* GEORGIAN PARAGRAPH SEPARATOR */
	{0x1360, 0x1368}, /* ETHIOPIC SECTION MARK .. ETHIOPIC PARAGRAPH SEPARATOR */
	{0x166E, 0x166E}, /* CANADIAN SYLLABICS FULL STOP */
	{0x17D4, 0x17D6}, /* KHMER SIGN KHAN .. KHMER SIGN CAMNUC PII KUUH */
	{0x1800, 0x180A}, /* MONGOLIAN BIRGA .. MONGOLIAN NIRUGU */
	{0x2010, 0x2027}, /* HYPHEN .. HYPHENATION POINT */
	{0x2030, 0x205E}, /* PER MILLE SIGN .. VERTICAL FOUR DOTS */
	{0x207A, 0x207E}, /* SUPERSCRIPT PLUS SIGN .. SUPERSCRIPT RIGHT PARENTHESIS */
	{0x208A, 0x208E}, /* SUBSCRIPT PLUS SIGN .. SUBSCRIPT RIGHT PARENTHESIS */
	{0x20A0, 0x20C0}, /* EURO-CURRENCY SIGN .. SOM SIGN */
	{0x2100, 0x2101}, /* ACCOUNT OF .. ADDRESSED TO THE SUBJECT */
	{0x2103, 0x2106}, /* DEGREE CELSIUS .. CADA UNA */
	{0x2108, 0x2109}, /* SCRUPLE .. DEGREE FAHRENHEIT */
	{0x2116, 0x2118}, /* NUMERO SIGN .. SCRIPT CAPITAL P */
	{0x211E, 0x2123}, /* PRESCRIPTION TAKE .. VERSICLE */
	{0x2125, 0x2125}, /* OUNCE SIGN */
	{0x2127, 0x2127}, /* INVERTED OHM SIGN */
	{0x2129, 0x2129}, /* TURNED GREEK SMALL LETTER IOTA */
	{0x212E, 0x212E}, /* ESTIMATED SYMBOL */
	{0x2140, 0x2144}, /* DOUBLE-STRUCK N-ARY SUMMATION .. TURNED SANS-SERIF CAPITAL Y */
	{0x214A, 0x214D}, /* PROPERTY LINE .. AKTIESELSKAB */
	{0x214F, 0x214F}, /* SYMBOL FOR SAMARITAN SOURCE */
	{0x2190, 0x245F}, /* LEFTWARDS ARROW .. <Cn> */
	{0x2500, 0x2775}, /* BOX DRAWINGS LIGHT HORIZONTAL .. MEDIUM RIGHT CURLY BRACKET ORNAMENT */
	{0x2794, 0x2BFF}, /* HEAVY WIDE-HEADED RIGHTWARDS ARROW .. HELLSCHREIBER PAUSE SYMBOL */
	{0x2CF9, 0x2CFC}, /* COPTIC OLD NUBIAN FULL STOP .. COPTIC OLD NUBIAN VERSE DIVIDER */
	{0x2CFE, 0x2CFF}, /* COPTIC FULL STOP .. COPTIC MORPHOLOGICAL DIVIDER */
	{0x2E00, 0x2E7F}, /* RIGHT ANGLE SUBSTITUTION MARKER .. <Cn> */
	{0x2FF0, 0x2FFF}, /* IDEOGRAPHIC DESCRIPTION CHARACTER LEFT TO RIGHT .. <Cn> */
	{0x3001, 0x3004}, /* IDEOGRAPHIC COMMA .. JAPANESE INDUSTRIAL STANDARD SYMBOL */
	{0x3008, 0x3020}, /* LEFT ANGLE BRACKET .. POSTAL MARK FACE */
	{0x3030, 0x3030}, /* WAVY DASH */
	{0x303D, 0x303F}, /* PART ALTERNATION MARK .. IDEOGRAPHIC HALF FILL SPACE */
	{0x30A0, 0x30A0}, /* KATAKANA-HIRAGANA DOUBLE HYPHEN */
	{0x30FB, 0x30FB}, /* KATAKANA MIDDLE DOT */
	{0xA4FE, 0xA4FF}, /* LISU PUNCTUATION COMMA .. LISU PUNCTUATION FULL STOP */
	{0xA60D, 0xA60F}, /* VAI COMMA .. VAI QUESTION MARK */
	{0xA673, 0xA673}, /* SLAVONIC ASTERISK */
	{0xA67E, 0xA67E}, /* CYRILLIC KAVYKA */
	{0xFD3E, 0xFD3F}, /* ORNATE LEFT PARENTHESIS .. ORNATE RIGHT PARENTHESIS */
	{0xFE10, 0xFE19}, /* PRESENTATION FORM FOR VERTICAL COMMA .. PRESENTATION FORM FOR VERTICAL HORIZONTAL ELLIPSIS */
	{0xFE30, 0xFE52}, /* PRESENTATION FORM FOR VERTICAL TWO DOT LEADER .. SMALL FULL STOP */
	{0xFE54, 0xFE66}, /* SMALL SEMICOLON .. SMALL EQUALS SIGN */
	{0xFE68, 0xFE6B}, /* SMALL REVERSE SOLIDUS .. SMALL COMMERCIAL AT */
	{0xFF01, 0xFF0F}, /* FULLWIDTH EXCLAMATION MARK .. FULLWIDTH SOLIDUS */
	{0xFF1A, 0xFF20}, /* FULLWIDTH COLON .. FULLWIDTH COMMERCIAL AT */
	{0xFF3B, 0xFF40}, /* FULLWIDTH LEFT SQUARE BRACKET .. FULLWIDTH GRAVE ACCENT */
	{0xFF5B, 0xFF65}, /* FULLWIDTH LEFT CURLY BRACKET .. HALFWIDTH KATAKANA MIDDLE DOT */
	{0xFFE0, 0xFFEE}, /* FULLWIDTH CENT SIGN .. HALFWIDTH WHITE CIRCLE */
	{0xFFF9, 0xFFFD}, /* INTERLINEAR ANNOTATION ANCHOR .. REPLACEMENT CHARACTER */
	{0x1F000, 0x1F0FF}, /* MAHJONG TILE EAST WIND .. <Cn> */
	{0x1F10D, 0x1F1AD}, /* CIRCLED ZERO WITH SLASH .. MASK WORK SYMBOL */
	{0x1F1E6, 0x1F1FF}, /* REGIONAL INDICATOR SYMBOL LETTER A .. REGIONAL INDICATOR SYMBOL LETTER Z */
	{0x1F300, 0x1FAFF}, /* CYCLONE .. <Cn> */
};

static const uint32_t space_table[] = {0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x0020, 0x00A0, 0x1680, 0x2000,
	0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F,
	0x205F, 0x3000};

static void test_text__every_row_of_the_character_classes(void **state)
{
	size_t n_punct = sizeof(punct_table) / sizeof(punct_table[0]), n_space = sizeof(space_table) / sizeof(space_table[0]);
	size_t row = 0, space = 0, puncts = 0, want_puncts = 0;
	uint32_t cp;
	(void)state;
	for (row = 0; row < n_punct; row++) {
		assert_true(punct_table[row][0] <= punct_table[row][1]);
		if (row > 0)
			assert_true(punct_table[row - 1][1] < punct_table[row][0]); /* sorted */
		want_puncts += punct_table[row][1] - punct_table[row][0] + 1;
	}
	row = 0;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		int in_punct, in_space;
		while (row < n_punct && punct_table[row][1] < cp)
			row++;
		in_punct = row < n_punct && punct_table[row][0] <= cp;
		in_space = space < n_space && space_table[space] == cp;
		if (in_space)
			space++;
		if (accord_codepoint_is_punct(cp) != in_punct)
			fail_msg("U+%04X: is_punct %d, the table says %d", (unsigned)cp, accord_codepoint_is_punct(cp), in_punct);
		if (accord_codepoint_is_space(cp) != in_space)
			fail_msg("U+%04X: is_space %d, the table says %d", (unsigned)cp, accord_codepoint_is_space(cp), in_space);
		puncts += (size_t)in_punct;
	}
	assert_int_equal(space, n_space);
	assert_int_equal(puncts, want_puncts);
}

/*
** No reader looks at a byte past the length it is given: each text is
** copied to the very end of a page followed by a page that may not be
** read, so one byte too far is a crash. Texts that end in every way: a
** word, a space, punctuation, a multibyte letter, a truncated sequence.
*/
static void test_text__nothing_reads_past_the_end(void **state)
{
	static const char *const texts[] = {"abc", "abc ", "a b.", "caf\xC3\xA9", "\xE4\xBA\x92", "ab\xC3",
		"1.\tto act;", "\tdecides\n1.\tto act[1: a note];", "x  \xC2\xA0", "l\xE2\x80\x99"};
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *pages;
	size_t i;
	(void)state;
	pages = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(pages != MAP_FAILED);
	assert_int_equal(mprotect(pages + page, (size_t)page, PROT_NONE), 0);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		size_t len = strlen(texts[i]), count, at = 0;
		char *s = (char *)pages + page - len;
		accord_token *tokens = NULL;
		accord_diff *d = NULL;
		accord_doc *doc = NULL;
		accord_error err;
		memcpy(s, texts[i], len);
		(void)accord_utf8_check(s, len, &err);
		while (at < len)
			(void)accord_utf8_next(s, len, &at);
		assert_int_equal(accord_tokenize(&tokens, &count, s, len), 0);
		accord_free(tokens);
		assert_int_equal(accord_diff_text(&d, s, len, "other text", 10, NULL, &err), 0);
		accord_diff_free(d);
		if (accord_doc_parse_text(&doc, s, len, NULL, &err) == ACCORD_OK)
			accord_doc_free(doc);
	}
	munmap(pages, (size_t)page * 2);
}

/* ---- tokenizer ---------------------------------------------------------- */

/* Scripts written without spaces: each character a word of its own (a hand list of the blocks). */
static int ideograph(uint32_t cp)
{
	static const uint32_t blocks[][2] = {
		{0x3040, 0x309F}, /* hiragana */
		{0x30A1, 0x30FA}, /* katakana letters (not the double hyphen U+30A0, nor the middle dot U+30FB) */
		{0x30FC, 0x30FF}, /* prolonged sound mark, iteration marks, digraph koto */
		{0x3400, 0x4DBF}, /* CJK unified ideographs extension A */
		{0x4E00, 0x9FFF}, /* CJK unified ideographs */
		{0xF900, 0xFAFF}, /* CJK compatibility ideographs */
		{0x20000, 0x3FFFF}, /* planes 2 and 3: CJK extensions B and later */
	};
	size_t i;
	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (cp >= blocks[i][0] && cp <= blocks[i][1])
			return 1;
	return 0;
}

static size_t encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Tokenizes s[0..len) and compares the kinds and lengths with want ("W3 S1 W1": kind, bytes). */
static int tokens_are(const char *s, size_t len, const unsigned *kinds, const size_t *lengths, size_t n)
{
	accord_token *t = NULL;
	size_t count, i;
	int same;
	assert_int_equal(accord_tokenize(&t, &count, s, len), 0);
	same = count == n;
	for (i = 0; same && i < n; i++) {
		same = t[i].kind == kinds[i] && t[i].length == lengths[i];
		same = same && t[i].hash == accord_hash_bytes(s + t[i].offset, t[i].length);
	}
	accord_free(t);
	return same;
}

/*
** Every code point in three places: between two letters ("a?a"), twice
** ("??") and after a space (" ?"). A space or a punctuation mark (by the
** classes above) stands apart, a space glues to spaces; an ideograph is a
** word of its own; anything else continues the word. The apostrophes ' and
** U+2019 between letters belong to the word ("ITU's", "l’Union").
*/
static void test_text__every_code_point_tokenizes_by_its_class(void **state)
{
	uint32_t cp;
	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		char s[16];
		size_t n, k;
		int space = accord_codepoint_is_space(cp), punct = accord_codepoint_is_punct(cp);
		int apostrophe = cp == '\'' || cp == 0x2019;
		unsigned kind = space ? ACCORD_TOKEN_SPACE : punct ? ACCORD_TOKEN_PUNCT : ACCORD_TOKEN_WORD;
		int apart = space || punct || ideograph(cp);
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue; /* not encodable */
		/* a?a */
		s[0] = 'a';
		n = encode(s + 1, cp);
		s[n + 1] = 'a';
		{
			const unsigned kinds[3] = {ACCORD_TOKEN_WORD, kind, ACCORD_TOKEN_WORD};
			const size_t lengths[3] = {1, n, 1}, whole[1] = {n + 2};
			const unsigned word[1] = {ACCORD_TOKEN_WORD};
			int ok = apart && !apostrophe ? tokens_are(s, n + 2, kinds, lengths, 3) : tokens_are(s, n + 2, word, whole, 1);
			if (!ok)
				fail_msg("U+%04X between two letters", (unsigned)cp);
		}
		/* ?? */
		encode(s, cp);
		encode(s + n, cp);
		{
			const unsigned kinds[2] = {kind, kind};
			const size_t lengths[2] = {n, n}, whole[1] = {2 * n};
			int ok = apart && !space ? tokens_are(s, 2 * n, kinds, lengths, 2) : tokens_are(s, 2 * n, kinds, whole, 1);
			if (!ok)
				fail_msg("U+%04X twice", (unsigned)cp);
		}
		/* " ?" */
		s[0] = ' ';
		k = encode(s + 1, cp);
		{
			const unsigned kinds[2] = {ACCORD_TOKEN_SPACE, kind};
			const size_t lengths[2] = {1, k}, whole[1] = {k + 1};
			int ok = space ? tokens_are(s, k + 1, kinds, whole, 1) : tokens_are(s, k + 1, kinds, lengths, 2);
			if (!ok)
				fail_msg("U+%04X after a space", (unsigned)cp);
		}
	}
}

static void test_text__tokenize_words_punct_spaces(void **state)
{
	static const char *const simple[] = {"that", ",", " ", "per", " ", "paragraph", " ", "37", " ", "of", " ",
		"the", " ", "Tunis", " ", "Agenda", ";", NULL};
	static const char *const apostrophes[] = {"ITU's", " ", "role", " ", "and", " ", "ITU’s", " ", "l’Union", " ",
		"States", "'", " ", "'", "quoted", "'", " ", "rock'n'roll", NULL};
	static const char *const quotes[] = {"“", "multi", "-", "stakeholder", "”", " ", "‘", "model", "’", NULL};
	static const char *const spaces[] = {"a", " \t\n  ", "b", "\r\n", "(", "c", ")", "\u2003\u3000", "d", NULL};
	static const char *const label[] = {"a", ")", "\t", "that", " ", "the", " ", "WTPF", "-", "IEG", "/", "2",
		"/", "10", NULL};
	(void)state;
	assert_tokens("that, per paragraph 37 of the Tunis Agenda;", simple);
	assert_tokens("ITU's role and ITU’s l’Union States' 'quoted' rock'n'roll", apostrophes);
	assert_tokens("“multi-stakeholder” ‘model’", quotes);
	assert_tokens("a \t\n  b\r\n(c)\u2003\u3000d", spaces);
	assert_tokens("a)\tthat the WTPF-IEG/2/10", label);
}

static void test_text__tokenize_french_typography(void **state)
{
	/* Narrow no-break spaces before ; : ? ! and no-break spaces inside « ». */
	static const char *const french[] = {"le", " ", "Forum", "\u202F", ":", " ", "«", "\u00A0", "gouvernance", "\u00A0",
		"»", "\u202F", ";", " ", "vraiment", "\u202F", "?", " ", "oui", "\u202F", "!", " ", "l’Internet", NULL};
	(void)state;
	assert_tokens("le Forum\u202F: «\u00A0gouvernance\u00A0»\u202F; vraiment\u202F? oui\u202F! l’Internet", french);
}

static void test_text__tokenize_cjk_and_emoji(void **state)
{
	static const char *const chinese[] = {"互", "联", "网", "治", "理", "。", "「", "ITU", "」", "，", "2013",
		"年", NULL};
	static const char *const japanese[] = {"イ", "ン", "タ", "ー", "ネ", "ッ", "ト", "、", "ガ", "バ", "ナ", "ン",
		"ス", NULL};
	static const char *const emoji[] = {"ok", " ", "👍", "🏽", " ", "done", "🎉", NULL};
	static const char *const fullwidth[] = {"Ａ", "（", "ｂ", "）", "！", NULL};
	(void)state;
	assert_tokens("互联网治理。「ITU」，2013年", chinese);
	assert_tokens("インターネット、ガバナンス", japanese);
	assert_tokens("ok 👍🏽 done🎉", emoji);
	assert_tokens("Ａ（ｂ）！", fullwidth);
}

static void test_text__tokenize_kinds(void **state)
{
	const char *s = "Word, \u00A0x";
	size_t count;
	accord_token *t = tokenize_checked(s, strlen(s), &count);
	(void)state;
	assert_int_equal(count, 4);
	assert_int_equal(t[0].kind, ACCORD_TOKEN_WORD);
	assert_int_equal(t[1].kind, ACCORD_TOKEN_PUNCT);
	assert_int_equal(t[2].kind, ACCORD_TOKEN_SPACE);
	assert_int_equal(t[2].length, 3); /* " " + U+00A0 */
	assert_int_equal(t[3].kind, ACCORD_TOKEN_WORD);
	assert_int_equal(t[0].hash, accord_hash_bytes("Word", 4));
	assert_int_not_equal(t[0].hash, accord_hash_bytes("word", 4));
	accord_free(t);
}

static void test_text__tokenize_invalid_bytes_and_controls(void **state)
{
	static const char *const bad[] = {"ab", "\xFF", "cd", "\xE2", "\x82", " ", "\x01", "x", "\x7F", NULL};
	(void)state;
	assert_tokens("ab\xFF" "cd\xE2\x82 \x01x\x7F", bad);
}

static void test_text__tokenize_edge_cases(void **state)
{
	accord_token *tokens = (accord_token *)&tokens;
	size_t count = 99;
	(void)state;
	assert_int_equal(accord_tokenize(&tokens, &count, "", 0), 0);
	assert_null(tokens);
	assert_int_equal(count, 0);
	assert_int_equal(accord_tokenize(&tokens, &count, NULL, 0), 0);
	assert_int_equal(accord_tokenize(&tokens, &count, NULL, 5), ACCORD_EINVAL);
	assert_null(tokens);
	assert_int_equal(accord_tokenize(NULL, &count, "x", 1), ACCORD_EINVAL);
	assert_int_equal(accord_tokenize(&tokens, NULL, "x", 1), ACCORD_EINVAL);
	/* One long word with no break, and a text of punctuation only (more tokens than the first guess). */
	{
		char text[5000];
		size_t i;
		memset(text, 'w', sizeof(text));
		tokens = tokenize_checked(text, sizeof(text), &count);
		assert_int_equal(count, 1);
		accord_free(tokens);
		for (i = 0; i < sizeof(text); i++)
			text[i] = i % 2 ? ',' : '.';
		tokens = tokenize_checked(text, sizeof(text), &count);
		assert_int_equal(count, sizeof(text));
		accord_free(tokens);
	}
	/* A trailing apostrophe does not join: "States'" at the very end. */
	{
		static const char *const trailing[] = {"States", "’", NULL};
		assert_tokens("States’", trailing);
	}
}

static void test_text__tokenize_seeds_concatenate(void **state)
{
	size_t s;
	(void)state;
	for (s = 0; s < sizeof(seed_names) / sizeof(seed_names[0]); s++) {
		size_t len, count, words = 0, i;
		char *text = read_seed(seed_names[s], &len);
		accord_token *tokens;
		assert_int_equal(accord_utf8_check(text, len, NULL), 0);
		tokens = tokenize_checked(text, len, &count);
		for (i = 0; i < count; i++)
			words += tokens[i].kind == ACCORD_TOKEN_WORD;
		assert_true(words > 300);
		assert_true(count > 2 * words - 50);
		accord_free(tokens);
		accord_free(text);
	}
}

/* Pieces drawn at random into text until the seed says stop or the text reaches below (a piece's length
   short of its size): its length. */
static size_t random_mix(char *text, size_t below, const char *const *pieces, size_t n_pieces, unsigned *seed)
{
	size_t len = 0;
	while (len < below) {
		const char *p;
		*seed = *seed * 1103515245u + 12345u;
		p = pieces[(*seed >> 16) % n_pieces];
		memcpy(text + len, p, strlen(p));
		len += strlen(p);
		if ((*seed >> 8) % 97 == 0)
			break;
	}
	return len;
}

static void test_text__tokenize_random_bytes_concatenate(void **state)
{
	/* Random mixes of ASCII, multibyte characters and garbage bytes: the invariants always hold. */
	static const char *const pieces[] = {"a", "Z", "9", " ", "\t", "\n", ",", "'", "’", "é", "«", "»", "\u202F",
		"\u00A0", "互", "ー", "👍", "\xFF", "\xC3", "\x80", "\xE2\x80", "-", ".", "x's"};
	char text[512];
	unsigned seed = 12345u;
	int round;
	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t len = random_mix(text, sizeof(text) - 8, pieces, sizeof(pieces) / sizeof(pieces[0]), &seed), count;
		accord_token *tokens;
		tokens = tokenize_checked(text, len, &count);
		accord_free(tokens);
	}
}

/* The word hashes and the token walk give what accord_tokenize gives (random mixes as above). */
static void test_text__word_hashes_and_token_walk_match_the_tokenizer(void **state)
{
	static const char *const pieces[] = {"a", "Z", "9", " ", "\t", "\n", ",", "'", "’", "é", "«", "»", "\u202F",
		"\u00A0", "互", "ー", "👍", "\xFF", "\xC3", "\x80", "\xE2\x80", "-", ".", "x's", "l’Union", "ITU's"};
	char text[512];
	uint32_t hashes[sizeof(text) / 2 + 1];
	unsigned seed = 777u;
	int round;
	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t len = random_mix(text, sizeof(text) - 16, pieces, sizeof(pieces) / sizeof(pieces[0]), &seed);
		size_t count, n, i, w = 0, at = 0;
		accord_token *tokens = NULL;
		assert_int_equal(accord_tokenize(&tokens, &count, text, len), 0);
		n = accord_word_hashes(text, len, hashes);
		assert_true(n <= len / 2 + 1);
		for (i = 0; i < count; i++) {
			uint32_t h, kind;
			size_t end = accord_token_next(text, len, at, &h, &kind);
			assert_int_equal(at, tokens[i].offset);
			assert_int_equal(end - at, tokens[i].length);
			assert_int_equal(h, tokens[i].hash);
			assert_int_equal(kind, tokens[i].kind);
			at = end;
			if (tokens[i].kind == ACCORD_TOKEN_WORD) {
				assert_true(w < n);
				assert_int_equal(hashes[w], tokens[i].hash);
				w++;
			}
		}
		assert_int_equal(at, len);
		assert_int_equal(w, n);
		accord_free(tokens);
	}
}

static void test_text__tokenize_allocation_failure(void **state)
{
	char text[20000];
	size_t i, count;
	long n;
	(void)state;
	for (i = 0; i < sizeof(text); i++)
		text[i] = i % 2 ? ',' : 'a'; /* forces the token array to grow */
	for (n = 0;; n++) {
		accord_token *tokens = NULL;
		int rc;
		accord_alloc_fail_after(n);
		rc = accord_tokenize(&tokens, &count, text, sizeof(text));
		accord_alloc_fail_after(-1);
		if (rc == 0) {
			assert_int_equal(count, sizeof(text));
			accord_free(tokens);
			break;
		}
		assert_int_equal(rc, ACCORD_ENOMEM);
		assert_null(tokens);
		assert_int_equal(count, 0);
	}
	assert_true(n >= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__utf8_accepts_valid_text),
		cmocka_unit_test(test_text__utf8_reports_first_bad_byte),
		cmocka_unit_test(test_text__utf8_next_decodes_and_replaces),
		cmocka_unit_test(test_text__codepoint_classes),
		cmocka_unit_test(test_text__every_row_of_the_character_classes),
		cmocka_unit_test(test_text__every_code_point_tokenizes_by_its_class),
		cmocka_unit_test(test_text__nothing_reads_past_the_end),
		cmocka_unit_test(test_text__tokenize_words_punct_spaces),
		cmocka_unit_test(test_text__tokenize_french_typography),
		cmocka_unit_test(test_text__tokenize_cjk_and_emoji),
		cmocka_unit_test(test_text__tokenize_kinds),
		cmocka_unit_test(test_text__tokenize_invalid_bytes_and_controls),
		cmocka_unit_test(test_text__tokenize_edge_cases),
		cmocka_unit_test(test_text__tokenize_seeds_concatenate),
		cmocka_unit_test(test_text__tokenize_random_bytes_concatenate),
		cmocka_unit_test(test_text__tokenize_allocation_failure),
		cmocka_unit_test(test_text__word_hashes_and_token_walk_match_the_tokenizer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
