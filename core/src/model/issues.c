/* issues.c: DEU-format issues, positions and saliences on a 0-100 scale (accord/issues.h). */
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "accord/issues.h"

static const char *const actors[ACCORD_ISSUE_ACTORS] = {
	"com", "ep", "at", "be", "bu", "cr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "el", "hu",
	"ie", "it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "si", "sk", "es", "se", "uk",
};

const char *accord_issue_actor(unsigned i)
{
	return i < ACCORD_ISSUE_ACTORS ? actors[i] : NULL;
}

/* The columns the reader knows; each gets its index in the header or -1. */
enum { C_ISNR, C_PROC, C_VOTE, C_TYPE, C_INTRO, C_RP, C_OUT, C_POS, C_SAL = C_POS + ACCORD_ISSUE_ACTORS,
	C_COUNT = C_SAL + ACCORD_ISSUE_ACTORS };

/* One cell of a line: where it starts, its length, its column (1-based). */
typedef struct cell {
	const char *p;
	size_t len;
	unsigned col;
} cell;

static void issue_dispose(accord_issue *is)
{
	accord_free(is->id);
	accord_free(is->proc);
	accord_free(is->vote);
	accord_free(is->type);
	accord_free(is->intro);
}

void accord_issues_free(accord_issues *issues)
{
	size_t i;
	if (issues == NULL)
		return;
	for (i = 0; i < issues->count; i++)
		issue_dispose(&issues->items[i]);
	accord_free(issues->items);
	accord_free(issues);
}

/* Splits a line at tabs into cells (at most max; *n gets how many there are, maybe more than max). */
static void split(const char *line, size_t len, cell *cells, size_t max, size_t *n)
{
	size_t i = 0, start = 0, k;
	for (k = 0; k <= len; k++) {
		if (k == len || line[k] == '\t') {
			if (i < max) {
				cells[i].p = line + start;
				cells[i].len = k - start;
				cells[i].col = (unsigned)start + 1;
			}
			i++;
			start = k + 1;
		}
	}
	*n = i;
}

static int cell_is(const cell *c, const char *s)
{
	return c->len == strlen(s) && memcmp(c->p, s, c->len) == 0;
}

/* Reads a score in 0-100 (or no value: *has 0); an error at name:line:col otherwise. */
static int read_score(double *out, unsigned char *has, const cell *c, const char *what, const char *name,
	unsigned line, accord_error *err)
{
	char buf[64], *end;
	double v;
	*has = 0;
	if (c == NULL || c->len == 0)
		return ACCORD_OK;
	if (c->len >= sizeof buf)
		goto bad;
	memcpy(buf, c->p, c->len);
	buf[c->len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || *end != '\0' || errno != 0 || !isfinite(v))
		goto bad;
	if (v < 0 || v > 100) {
		accord_error_set(err, ACCORD_EPARSE, "%s: %s is outside the scale 0-100", what, buf);
		accord_error_at(err, name, line, c->col);
		return ACCORD_EPARSE;
	}
	*out = v;
	*has = 1;
	return ACCORD_OK;
bad:
	accord_error_set(err, ACCORD_EPARSE, "%s: \"%.*s\" is not a number", what, (int)(c->len > 40 ? 40 : c->len),
		c->p);
	accord_error_at(err, name, line, c->col);
	return ACCORD_EPARSE;
}

static int dup_cell(char **out, const cell *c)
{
	*out = c != NULL ? accord_strndup(c->p, c->len) : accord_strdup("");
	return *out != NULL ? ACCORD_OK : ACCORD_ENOMEM;
}

/* Maps header names to the columns above; fails on a missing required one. */
static int read_header(int *idx, const cell *cells, size_t n, const char *name, accord_error *err)
{
	static const char *const fixed[] = {"isnr", "proc", "counvte", "type", "intro", "rp", "out"};
	char col[8];
	size_t i, k;
	for (k = 0; k < C_COUNT; k++)
		idx[k] = -1;
	for (i = 0; i < n; i++) {
		for (k = 0; k < C_POS; k++)
			if (cell_is(&cells[i], fixed[k]) && idx[k] < 0)
				idx[k] = (int)i;
		for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
			snprintf(col, sizeof col, "p%s", actors[k]);
			if (cell_is(&cells[i], col) && idx[C_POS + k] < 0)
				idx[C_POS + k] = (int)i;
			col[0] = 's';
			if (cell_is(&cells[i], col) && idx[C_SAL + k] < 0)
				idx[C_SAL + k] = (int)i;
		}
	}
	for (k = 0; k < C_COUNT; k++) {
		if (idx[k] >= 0 || k == C_VOTE || k == C_TYPE || k == C_INTRO || k == C_OUT)
			continue;
		if (k < C_POS)
			accord_error_set(err, ACCORD_ESCHEMA, "header: no column \"%s\"", fixed[k]);
		else
			accord_error_set(err, ACCORD_ESCHEMA, "header: no column \"%c%s\"", k < C_SAL ? 'p' : 's',
				actors[(k - C_POS) % ACCORD_ISSUE_ACTORS]);
		accord_error_at(err, name, 1, 1);
		return ACCORD_ESCHEMA;
	}
	return ACCORD_OK;
}

static int read_row(accord_issue *is, const int *idx, const cell *cells, size_t n, const char *name,
	unsigned line, accord_error *err)
{
	int rc;
	unsigned k;
	unsigned char has;
	const cell *c;
#define CELL(col) (idx[col] >= 0 && (size_t)idx[col] < n ? &cells[idx[col]] : NULL)
	is->line = line;
	if ((rc = dup_cell(&is->id, CELL(C_ISNR))) != ACCORD_OK || (rc = dup_cell(&is->proc, CELL(C_PROC))) != ACCORD_OK ||
	    (rc = dup_cell(&is->vote, CELL(C_VOTE))) != ACCORD_OK || (rc = dup_cell(&is->type, CELL(C_TYPE))) != ACCORD_OK ||
	    (rc = dup_cell(&is->intro, CELL(C_INTRO))) != ACCORD_OK)
		return accord_error_set(err, rc, "out of memory");
	if (is->id[0] == '\0') {
		c = CELL(C_ISNR);
		accord_error_set(err, ACCORD_ESCHEMA, "isnr: an issue without an id");
		accord_error_at(err, name, line, c != NULL ? c->col : 1);
		return ACCORD_ESCHEMA;
	}
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		char what[8];
		snprintf(what, sizeof what, "p%s", actors[k]);
		if ((rc = read_score(&is->pos[k], &is->has_pos[k], CELL(C_POS + k), what, name, line, err)) != ACCORD_OK)
			return rc;
		what[0] = 's';
		if ((rc = read_score(&is->sal[k], &is->has_sal[k], CELL(C_SAL + k), what, name, line, err)) != ACCORD_OK)
			return rc;
	}
	if ((rc = read_score(&is->rp, &has, CELL(C_RP), "rp", name, line, err)) != ACCORD_OK)
		return rc;
	is->has_rp = has;
	if ((rc = read_score(&is->out, &has, CELL(C_OUT), "out", name, line, err)) != ACCORD_OK)
		return rc;
	is->has_out = has;
#undef CELL
	return ACCORD_OK;
}

int accord_issues_read(accord_issues **out, const char *data, size_t len, const char *name, accord_error *err)
{
	accord_issues *res = NULL;
	cell *cells = NULL;
	size_t max = 0, n, pos = 0, cap = 0, i, header_n = 0;
	unsigned line = 0;
	int idx[C_COUNT], rc = ACCORD_OK;
	if (out == NULL || (data == NULL && len > 0))
		return accord_error_set(err, ACCORD_EINVAL, "accord_issues_read: NULL argument");
	*out = NULL;
	if ((res = accord_calloc(1, sizeof *res)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t l = nl != NULL ? (size_t)(nl - s) : len - pos;
		pos += l + (nl != NULL);
		line++;
		if (l > 0 && s[l - 1] == '\r')
			l--;
		/* cells: the tabs + 1 */
		n = 1;
		for (i = 0; i < l; i++)
			n += s[i] == '\t';
		if (n > max) {
			cell *grown = accord_realloc(cells, n * sizeof *cells);
			if (grown == NULL) {
				rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
				goto cleanup;
			}
			cells = grown;
			max = n;
		}
		split(s, l, cells, max, &n);
		if (line == 1) {
			if ((rc = read_header(idx, cells, n, name, err)) != ACCORD_OK)
				goto cleanup;
			header_n = n;
			continue;
		}
		if (l == 0)
			continue;
		if (n < header_n && (size_t)idx[C_ISNR] >= n) {
			rc = accord_error_set(err, ACCORD_ESCHEMA, "a row of %zu columns; the header has %zu", n, header_n);
			accord_error_at(err, name, line, (unsigned)l + 1);
			goto cleanup;
		}
		if (res->count == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			accord_issue *grown = accord_realloc(res->items, ncap * sizeof *grown);
			if (grown == NULL) {
				rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
				goto cleanup;
			}
			res->items = grown;
			cap = ncap;
		}
		memset(&res->items[res->count], 0, sizeof res->items[0]);
		res->count++;
		if ((rc = read_row(&res->items[res->count - 1], idx, cells, n, name, line, err)) != ACCORD_OK)
			goto cleanup;
		for (i = 0; i + 1 < res->count; i++)
			if (strcmp(res->items[i].id, res->items[res->count - 1].id) == 0) {
				rc = accord_error_set(err, ACCORD_ESCHEMA, "isnr: %s repeats the issue of line %u",
					res->items[i].id, res->items[i].line);
				accord_error_at(err, name, line, cells[idx[C_ISNR]].col);
				goto cleanup;
			}
	}
	if (line == 0 || res->count == 0) {
		rc = accord_error_set(err, ACCORD_EEMPTY, line == 0 ? "no header and no issue" : "no issue");
		accord_error_at(err, name, line, 0);
		goto cleanup;
	}
	*out = res;
	res = NULL;
cleanup:
	accord_issues_free(res);
	accord_free(cells);
	return rc;
}

double accord_issue_compromise(const accord_issue *is, int *ok)
{
	double num = 0, den = 0;
	unsigned k;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		double w;
		if (!is->has_pos[k])
			continue;
		w = is->has_sal[k] ? is->sal[k] : 50;
		num += w * is->pos[k];
		den += w;
	}
	if (ok != NULL)
		*ok = den > 0;
	return den > 0 ? num / den : 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double accord_issue_median(const accord_issue *is, int *ok)
{
	double v[ACCORD_ISSUE_ACTORS];
	size_t n = 0;
	unsigned k;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		if (is->has_pos[k])
			v[n++] = is->pos[k];
	if (ok != NULL)
		*ok = n > 0;
	if (n == 0)
		return 0;
	qsort(v, n, sizeof v[0], cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
