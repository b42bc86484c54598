/*
** store_util.c: what every file of the session store uses: SQLite failures
** as accord errors, the clock, JSON strings for payloads, growing arrays,
** and the stored form of one amendment.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "session/store_int.h"

int store_error(sqlite3 *db, int rc, accord_error *err, const char *what)
{
	int primary = rc & 0xff;
	const char *message = db != NULL ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	switch (primary) {
	case SQLITE_NOMEM:
		return accord_error_set(err, ACCORD_ENOMEM, "%s: out of memory", what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return accord_error_set(err, ACCORD_EBUSY, "%s: the session is locked by another process (%s)", what,
			message);
	case SQLITE_CORRUPT:
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: the session file is damaged (%s)", what, message);
	case SQLITE_NOTADB:
		return accord_error_set(err, ACCORD_ECORRUPT, "%s: not an accord session (not an SQLite database)",
			what);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_FULL:
	case SQLITE_READONLY:
		return accord_error_set(err, ACCORD_EIO, "%s: %s", what, message);
	default:
		return accord_error_set(err, ACCORD_ESTORE, "%s: %s", what, message);
	}
}


void store_now(const accord_session *s, char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	time_t seconds;
	long millis = 0;
	if (s != NULL && s->clock != 0) {
		seconds = (time_t)s->clock;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		seconds = ts.tv_sec;
		millis = ts.tv_nsec / 1000000;
	}
	gmtime_r(&seconds, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

/* Appends s as a JSON string (null for NULL). */
int store_json_str(accord_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	int rc;
	if (s == NULL)
		return accord_buf_puts(b, "null");
	rc = accord_buf_putc(b, '"');
	for (p = (const unsigned char *)s; rc == ACCORD_OK && *p != '\0'; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		if (p > run)
			rc = accord_buf_put(b, (const char *)run, (size_t)(p - run));
		if (rc != ACCORD_OK || *p == '\0')
			break;
		switch (*p) {
		case '"': rc = accord_buf_puts(b, "\\\""); break;
		case '\\': rc = accord_buf_puts(b, "\\\\"); break;
		case '\n': rc = accord_buf_puts(b, "\\n"); break;
		case '\t': rc = accord_buf_puts(b, "\\t"); break;
		case '\r': rc = accord_buf_puts(b, "\\r"); break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15], 0};
			rc = accord_buf_puts(b, esc);
		}
		}
	}
	if (rc == ACCORD_OK)
		rc = accord_buf_putc(b, '"');
	return rc;
}

int store_nomem(accord_error *err)
{
	return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

int store_step_error(accord_session *s, int rc, accord_error *err)
{
	return store_error(s->conn.db, rc, err, s->path);
}

char *store_column_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char *text = sqlite3_column_text(stmt, i);
	return text != NULL ? accord_strdup((const char *)text) : NULL;
}

int store_rows_done(accord_session *s, sqlite3_stmt *stmt, int rc, accord_error *err)
{
	sqlite3_finalize(stmt);
	if (rc == SQLITE_DONE)
		return ACCORD_OK;
	return rc == SQLITE_NOMEM ? store_nomem(err) : store_step_error(s, rc, err);
}

void *store_grow(void *items, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap;
	void *grown;
	if (n < *cap)
		return items;
	ncap = *cap > 0 ? *cap * 2 : first;
	if (ncap < *cap || ncap > (size_t)-1 / size)
		return NULL;
	grown = accord_realloc(items, ncap * size);
	if (grown != NULL)
		*cap = ncap;
	return grown;
}

/* Where an amendment points, for the indexed target column. */
const char *store_amendment_target(const accord_amendment *a)
{
	if (a->target != NULL)
		return a->target;
	if (a->position.after != NULL)
		return a->position.after;
	if (a->position.parent != NULL)
		return a->position.parent;
	return a->position.section;
}

/* Renders one amendment as a one-element list (the stored form). */
int store_render_one(accord_buf *out, const accord_amendment *a, accord_error *err)
{
	accord_amendment_list *list = NULL;
	int rc = accord_amendments_new(&list);
	if (rc != ACCORD_OK)
		return store_nomem(err);
	rc = accord_amendments_add(list, a);
	if (rc == ACCORD_OK)
		rc = accord_amendments_render_json(out, list, err);
	else
		accord_error_set(err, rc, "cannot copy amendment '%s'", a->id != NULL ? a->id : "?");
	accord_amendments_free(list);
	return rc;
}
