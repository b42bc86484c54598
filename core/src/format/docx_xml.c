/*
** docx_xml.c: the XML of a .docx, parsed safely with libxml2, and the
** numbering definitions (word/numbering.xml) and paragraph styles
** (word/styles.xml) that give paragraphs their labels and heading levels.
*/
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "format/docx_int.h"

/* ---- safe parsing -------------------------------------------------------------------- */

/* Whether data holds "<!DOCTYPE" (a DTD: entities, external or expanding, come only with one). */
static int has_doctype(const char *data, size_t len)
{
	static const char key[] = "<!DOCTYPE";
	size_t i;
	for (i = 0; i + sizeof(key) - 1 <= len; i++)
		if (data[i] == '<' && memcmp(data + i, key, sizeof(key) - 1) == 0)
			return 1;
	return 0;
}

int docx_xml_parse(xmlDoc **out, const char *data, size_t len, const char *name, const char *part, accord_error *err)
{
	xmlDoc *doc;
	int rc;
	*out = NULL;
	if ((rc = docx_lib_load(err)) != ACCORD_OK)
		return rc;
	if (len > (size_t)0x7fffffff)
		return accord_error_set(err, ACCORD_EPARSE, "%s is too large", part);
	if (has_doctype(data, len)) {
		accord_error_set(err, ACCORD_EPARSE, "%s has a DOCTYPE (DTDs and entities are refused in Word files)", part);
		accord_error_at(err, name, 0, 0);
		return ACCORD_EPARSE;
	}
	/* No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD, no network, no huge nodes. */
	doc = xmlReadMemory(data, (int)len, part, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xmlGetLastError();
		accord_error_set(err, ACCORD_EPARSE, "%s:%d: not well-formed XML%s%s", part, e != NULL ? e->line : 0,
			e != NULL && e->message ? ": " : "", e != NULL && e->message ? e->message : "");
		/* libxml2's messages end with a newline */
		if (err != NULL) {
			size_t n = strlen(err->message);
			while (n > 0 && (err->message[n - 1] == '\n' || err->message[n - 1] == ' '))
				err->message[--n] = '\0';
		}
		accord_error_at(err, name, 0, 0);
		xmlResetLastError();
		return ACCORD_EPARSE;
	}
	*out = doc;
	return ACCORD_OK;
}

int docx_is_w(const xmlNode *node, const char *local)
{
	return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       strcmp((const char *)node->ns->href, DOCX_W_NS) == 0 && strcmp((const char *)node->name, local) == 0;
}

xmlNode *docx_child(const xmlNode *node, const char *local)
{
	xmlNode *c;
	if (node == NULL)
		return NULL;
	for (c = node->children; c != NULL; c = c->next)
		if (docx_is_w(c, local))
			return c;
	return NULL;
}

const char *docx_attr(const xmlNode *node, const char *local)
{
	xmlAttr *a;
	if (node == NULL)
		return NULL;
	for (a = node->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, local) != 0)
			continue;
		if (a->ns != NULL && strcmp((const char *)a->ns->href, DOCX_W_NS) != 0)
			continue;
		if (a->children != NULL && a->children->type == XML_TEXT_NODE && a->children->content != NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* ---- numbering ------------------------------------------------------------------------ */

#define DOCX_LEVELS 9

typedef struct docx_level {
	char fmt[24];   /* numFmt: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none ... */
	char *text;     /* lvlText: "%1.", "%1)", "(%2)" */
	int start;
} docx_level;

typedef struct docx_abstract {
	int id;
	docx_level levels[DOCX_LEVELS];
	int counters[DOCX_LEVELS]; /* the last number shown at each level */
	int started[DOCX_LEVELS];  /* 0: the level starts again (from its start value) */
} docx_abstract;

typedef struct docx_num {
	int id;
	int abstract;               /* index in abstracts, -1 when unknown */
	int overrides[DOCX_LEVELS]; /* startOverride + 1, 0 when none */
	int used;                   /* whether the overrides were applied in this view */
} docx_num;

typedef struct docx_style {
	char *id;
	char *based_on;
	int heading;  /* as docx_style_heading */
	int num_id, ilvl;
} docx_style;

struct docx_numbering {
	docx_abstract *abstracts;
	size_t n_abstracts;
	docx_num *nums;
	size_t n_nums;
	docx_style *styles;
	size_t n_styles;
};

int docx_numbering_new(docx_numbering **out)
{
	*out = accord_calloc(1, sizeof(**out));
	return *out != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

void docx_numbering_free(docx_numbering *num)
{
	size_t i;
	int l;
	if (num == NULL)
		return;
	for (i = 0; i < num->n_abstracts; i++)
		for (l = 0; l < DOCX_LEVELS; l++)
			accord_free(num->abstracts[i].levels[l].text);
	for (i = 0; i < num->n_styles; i++) {
		accord_free(num->styles[i].id);
		accord_free(num->styles[i].based_on);
	}
	accord_free(num->abstracts);
	accord_free(num->nums);
	accord_free(num->styles);
	accord_free(num);
}

static int attr_int(const xmlNode *node, const char *local, int dflt)
{
	const char *v = docx_attr(node, local);
	return v != NULL && v[0] != '\0' ? atoi(v) : dflt;
}

static size_t count_children(const xmlNode *node, const char *local)
{
	size_t n = 0;
	const xmlNode *c;
	for (c = node->children; c != NULL; c = c->next)
		if (docx_is_w(c, local))
			n++;
	return n;
}

static int load_abstract(docx_abstract *a, const xmlNode *node)
{
	xmlNode *lvl;
	int l;
	a->id = attr_int(node, "abstractNumId", -1);
	for (l = 0; l < DOCX_LEVELS; l++) {
		strcpy(a->levels[l].fmt, "decimal");
		a->levels[l].start = 1;
	}
	for (lvl = node->children; lvl != NULL; lvl = lvl->next) {
		const char *v;
		docx_level *level;
		if (!docx_is_w(lvl, "lvl"))
			continue;
		l = attr_int(lvl, "ilvl", -1);
		if (l < 0 || l >= DOCX_LEVELS)
			continue;
		level = &a->levels[l];
		level->start = attr_int(docx_child(lvl, "start"), "val", 1);
		if ((v = docx_attr(docx_child(lvl, "numFmt"), "val")) != NULL)
			snprintf(level->fmt, sizeof(level->fmt), "%s", v);
		if ((v = docx_attr(docx_child(lvl, "lvlText"), "val")) != NULL) {
			accord_free(level->text);
			if ((level->text = accord_strdup(v)) == NULL)
				return ACCORD_ENOMEM;
		}
	}
	return ACCORD_OK;
}

static int load_num(docx_numbering *num, docx_num *n, const xmlNode *node)
{
	xmlNode *o;
	int abstract_id;
	size_t i;
	n->id = attr_int(node, "numId", -1);
	n->abstract = -1;
	abstract_id = attr_int(docx_child(node, "abstractNumId"), "val", -1);
	for (i = 0; i < num->n_abstracts; i++)
		if (num->abstracts[i].id == abstract_id)
			n->abstract = (int)i;
	for (o = node->children; o != NULL; o = o->next) {
		int l;
		xmlNode *so;
		if (!docx_is_w(o, "lvlOverride"))
			continue;
		l = attr_int(o, "ilvl", -1);
		if (l < 0 || l >= DOCX_LEVELS)
			continue;
		if ((so = docx_child(o, "startOverride")) != NULL)
			n->overrides[l] = attr_int(so, "val", 1) + 1;
	}
	return ACCORD_OK;
}

/* "heading 1".."heading 9" and "Title" (names compared without case, as Word does). */
static int heading_of_name(const char *name)
{
	if (name == NULL)
		return -1;
	if (strncasecmp(name, "heading ", 8) == 0 && name[8] >= '1' && name[8] <= '9' && name[9] == '\0')
		return name[8] - '0';
	if (strcasecmp(name, "title") == 0)
		return 0;
	return -1;
}

/* A style id: "Heading1".."Heading9", "Title" (a file without styles.xml). */
static int heading_of_id(const char *id)
{
	if (id != NULL && strncmp(id, "Heading", 7) == 0 && id[7] >= '1' && id[7] <= '9' && id[8] == '\0')
		return id[7] - '0';
	return heading_of_name(id);
}

static int load_styles(docx_numbering *num, const xmlNode *root)
{
	xmlNode *s;
	size_t n = count_children(root, "style"), k = 0;
	if (n == 0)
		return ACCORD_OK;
	if ((num->styles = accord_calloc(n, sizeof(*num->styles))) == NULL)
		return ACCORD_ENOMEM;
	for (s = root->children; s != NULL; s = s->next) {
		docx_style *st;
		xmlNode *numpr;
		const char *id, *based;
		if (!docx_is_w(s, "style"))
			continue;
		st = &num->styles[k++];
		num->n_styles = k;
		id = docx_attr(s, "styleId");
		if ((st->id = accord_strdup(id != NULL ? id : "")) == NULL)
			return ACCORD_ENOMEM;
		based = docx_attr(docx_child(s, "basedOn"), "val");
		if (based != NULL && (st->based_on = accord_strdup(based)) == NULL)
			return ACCORD_ENOMEM;
		st->heading = heading_of_name(docx_attr(docx_child(s, "name"), "val"));
		if (st->heading < 0)
			st->heading = heading_of_id(id);
		numpr = docx_child(docx_child(s, "pPr"), "numPr");
		st->num_id = attr_int(docx_child(numpr, "numId"), "val", 0);
		st->ilvl = attr_int(docx_child(numpr, "ilvl"), "val", 0);
	}
	return ACCORD_OK;
}

int docx_numbering_load(docx_numbering *num, xmlDoc *numbering, xmlDoc *styles)
{
	xmlNode *root, *c;
	size_t n, k;
	int rc;
	if (styles != NULL && (root = xmlDocGetRootElement(styles)) != NULL &&
	    (rc = load_styles(num, root)) != ACCORD_OK)
		return rc;
	if (numbering == NULL || (root = xmlDocGetRootElement(numbering)) == NULL)
		return ACCORD_OK;
	n = count_children(root, "abstractNum");
	if (n > 0 && (num->abstracts = accord_calloc(n, sizeof(*num->abstracts))) == NULL)
		return ACCORD_ENOMEM;
	for (k = 0, c = root->children; c != NULL; c = c->next)
		if (docx_is_w(c, "abstractNum")) {
			num->n_abstracts = ++k;
			if ((rc = load_abstract(&num->abstracts[k - 1], c)) != ACCORD_OK)
				return rc;
		}
	n = count_children(root, "num");
	if (n > 0 && (num->nums = accord_calloc(n, sizeof(*num->nums))) == NULL)
		return ACCORD_ENOMEM;
	for (k = 0, c = root->children; c != NULL; c = c->next)
		if (docx_is_w(c, "num")) {
			num->n_nums = ++k;
			if ((rc = load_num(num, &num->nums[k - 1], c)) != ACCORD_OK)
				return rc;
		}
	return ACCORD_OK;
}

static const docx_style *find_style(const docx_numbering *num, const char *id)
{
	size_t i;
	if (id == NULL)
		return NULL;
	for (i = 0; i < num->n_styles; i++)
		if (strcmp(num->styles[i].id, id) == 0)
			return &num->styles[i];
	return NULL;
}

int docx_style_heading(const docx_numbering *num, const char *style_id)
{
	const docx_style *st = find_style(num, style_id);
	int depth;
	/* a style based on a heading style is a heading too (a few levels of basedOn are followed) */
	for (depth = 0; st != NULL && depth < 8; depth++) {
		if (st->heading >= 0)
			return st->heading;
		st = find_style(num, st->based_on);
	}
	if (st == NULL && depth == 0)
		return heading_of_id(style_id);
	return -1;
}

void docx_style_numbering(const docx_numbering *num, const char *style_id, int *num_id, int *ilvl)
{
	const docx_style *st = find_style(num, style_id);
	int depth;
	*num_id = 0;
	*ilvl = 0;
	for (depth = 0; st != NULL && depth < 8; depth++) {
		if (st->num_id != 0) {
			*num_id = st->num_id;
			*ilvl = st->ilvl;
			return;
		}
		st = find_style(num, st->based_on);
	}
}

void docx_numbering_reset(docx_numbering *num)
{
	size_t i;
	for (i = 0; i < num->n_abstracts; i++) {
		memset(num->abstracts[i].counters, 0, sizeof(num->abstracts[i].counters));
		memset(num->abstracts[i].started, 0, sizeof(num->abstracts[i].started));
	}
	for (i = 0; i < num->n_nums; i++)
		num->nums[i].used = 0;
}

static int put_roman(accord_buf *out, int v, int upper)
{
	static const struct { int value; const char *lower, *upper; } digits[] = {
		{1000, "m", "M"}, {900, "cm", "CM"}, {500, "d", "D"}, {400, "cd", "CD"}, {100, "c", "C"},
		{90, "xc", "XC"}, {50, "l", "L"}, {40, "xl", "XL"}, {10, "x", "X"}, {9, "ix", "IX"},
		{5, "v", "V"}, {4, "iv", "IV"}, {1, "i", "I"}};
	size_t i;
	int rc = ACCORD_OK;
	if (v <= 0 || v >= 4000)
		return accord_buf_printf(out, "%d", v);
	for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++)
		while (v >= digits[i].value) {
			rc |= accord_buf_puts(out, upper ? digits[i].upper : digits[i].lower);
			v -= digits[i].value;
		}
	return rc;
}

/* A counter in a format: a, b, ... z, aa, bb (Word's letters repeat). */
static int put_counter(accord_buf *out, const char *fmt, int v)
{
	if (strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) {
		char c = (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26);
		int times = (v - 1) / 26 + 1, rc = ACCORD_OK;
		if (v <= 0)
			return accord_buf_printf(out, "%d", v);
		while (times-- > 0)
			rc |= accord_buf_putc(out, c);
		return rc;
	}
	if (strcmp(fmt, "lowerRoman") == 0)
		return put_roman(out, v, 0);
	if (strcmp(fmt, "upperRoman") == 0)
		return put_roman(out, v, 1);
	if (strcmp(fmt, "decimalZero") == 0)
		return accord_buf_printf(out, "%02d", v);
	return accord_buf_printf(out, "%d", v);
}

int docx_numbering_next(accord_buf *label, docx_numbering *num, int num_id, int ilvl)
{
	docx_num *n = NULL;
	docx_abstract *a;
	docx_level *level;
	const char *t;
	size_t i;
	int l, rc = ACCORD_OK;

	if (ilvl < 0 || ilvl >= DOCX_LEVELS)
		ilvl = 0;
	for (i = 0; i < num->n_nums; i++)
		if (num->nums[i].id == num_id)
			n = &num->nums[i];
	if (n == NULL || n->abstract < 0)
		return ACCORD_OK;
	a = &num->abstracts[n->abstract];
	/* a num with start overrides restarts its list where it is first used */
	if (!n->used) {
		n->used = 1;
		for (l = 0; l < DOCX_LEVELS; l++)
			if (n->overrides[l] > 0) {
				a->counters[l] = n->overrides[l] - 2; /* the next number shown is the override */
				a->started[l] = 1;
			}
	}
	level = &a->levels[ilvl];
	if (!a->started[ilvl])
		a->counters[ilvl] = level->start;
	else
		a->counters[ilvl]++;
	a->started[ilvl] = 1;
	for (l = ilvl + 1; l < DOCX_LEVELS; l++)
		a->started[l] = 0;
	if (strcmp(level->fmt, "none") == 0)
		return ACCORD_OK;
	if (strcmp(level->fmt, "bullet") == 0) {
		/* a bullet is shown as accord's "•" unless it is one of the bullets plain text knows */
		t = level->text;
		if (t != NULL && (strcmp(t, "-") == 0 || strcmp(t, "*") == 0 || strcmp(t, "\xE2\x80\x93") == 0))
			return accord_buf_puts(label, t);
		return accord_buf_puts(label, "\xE2\x80\xA2");
	}
	for (t = level->text != NULL ? level->text : "%1."; *t != '\0'; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int ref = t[1] - '1';
			int v = a->started[ref] ? a->counters[ref] : a->levels[ref].start;
			rc |= put_counter(label, a->levels[ref].fmt, v);
			t++;
		} else {
			rc |= accord_buf_putc(label, *t);
		}
	}
	return rc;
}
