/*
** bench_store.c: the session store against bare SQLite, in one run.
**
**   bench_store [AMENDMENTS [EVENTS [DIR]]]     (defaults 10000, 100000, /tmp)
**
** 1. Proposing AMENDMENTS amendments into a session, each its own action
**    (one transaction: rule check, validation against the text, JSON,
**    event, amendment and proposer rows), against inserting the same rows
**    (event, amendment, proposer) with bare SQLite, one transaction each,
**    same pragmas (WAL, synchronous=FULL). Wall and CPU time and ratios.
** 2. A session with EVENTS events: the time to open it (schema checks and
**    PRAGMA quick_check), to read its status, and to replay it.
**
** The amendments are MOD amendments of the WTPF base text (one per
** paragraph of the USA contribution, proposed again and again).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "accord/format.h"
#include "accord/store.h"
#include "session/store_int.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

static void die(const char *what, const accord_error *err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, err != NULL ? err->message : "failed");
	exit(1);
}

static int allow(void *data, const accord_session_party *party, const accord_session_context *ctx, accord_buf *reason,
	accord_error *err)
{
	(void)data;
	(void)party;
	(void)ctx;
	(void)reason;
	(void)err;
	return 1;
}

static const accord_session_rules rules = {ACCORD_SESSION_RULES_VERSION, NULL, "bench", allow, allow, allow, NULL,
	NULL, NULL, NULL, NULL, NULL};

static void remove_session(const char *path)
{
	char name[600];
	unlink(path);
	snprintf(name, sizeof name, "%s-wal", path);
	unlink(name);
	snprintf(name, sizeof name, "%s-shm", path);
	unlink(name);
}

static accord_session *make_session(const char *path, const accord_doc *base, const char *roster, size_t roster_len)
{
	accord_session_init init = ACCORD_SESSION_INIT_INIT;
	accord_session *s = NULL;
	accord_error err;
	remove_session(path);
	init.workflow = "bench";
	init.base = base;
	init.base_name = "base";
	init.roster = roster;
	init.roster_len = roster_len;
	init.roster_name = "roster";
	if (accord_session_create(&s, path, &init, &rules, &err) != 0)
		die("create", &err);
	return s;
}

/* The bare baseline: the same three rows per amendment, no checks. */
static void bare_inserts(const char *path, const accord_amendment_list *templates, size_t n, double *wall,
	double *cpu_time)
{
	static const char schema[] =
		"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		"CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, action TEXT, payload TEXT);"
		"CREATE TABLE amendments (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, op TEXT, target TEXT, state TEXT,"
		" proposer TEXT, json TEXT, revision INTEGER, event INTEGER);"
		"CREATE TABLE proposers (amendment TEXT, party TEXT, ord INTEGER, event INTEGER, PRIMARY KEY (amendment, party));";
	sqlite3 *db = NULL;
	sqlite3_stmt *ev = NULL, *am = NULL, *pr = NULL;
	accord_buf json = ACCORD_BUF_INIT;
	accord_error err;
	char id[32];
	size_t i;
	double t0, c0;

	remove_session(path);
	if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?1, ?2, ?3, 'propose', ?4)", -1, &ev, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO amendments VALUES (NULL, ?1, ?2, ?3, 'proposed', ?4, ?5, 0, ?6)", -1, &am,
		    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO proposers VALUES (?1, ?2, 0, ?3)", -1, &pr, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_store: bare: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	/* the same JSON text accord stores (rendered once: the baseline does no work of its own) */
	if (accord_amendments_render_json(&json, templates, &err) != 0)
		die("render", &err);
	t0 = now();
	c0 = cpu();
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(templates, i % accord_amendments_count(templates));
		snprintf(id, sizeof id, "USA/%zu", i + 1);
		sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		sqlite3_bind_int64(ev, 1, (sqlite3_int64)i + 2);
		sqlite3_bind_text(ev, 2, "2026-11-23T19:00:00.000Z", -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 3, "USA", -1, SQLITE_STATIC);
		sqlite3_bind_text(ev, 4, json.ptr, (int)json.size, SQLITE_STATIC);
		sqlite3_step(ev);
		sqlite3_reset(ev);
		sqlite3_bind_text(am, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(am, 2, accord_op_name(a->op), -1, SQLITE_STATIC);
		sqlite3_bind_text(am, 3, a->target, -1, SQLITE_STATIC);
		sqlite3_bind_text(am, 4, "USA", -1, SQLITE_STATIC);
		sqlite3_bind_text(am, 5, json.ptr, (int)json.size, SQLITE_STATIC);
		sqlite3_bind_int64(am, 6, (sqlite3_int64)i + 2);
		sqlite3_step(am);
		sqlite3_reset(am);
		sqlite3_bind_text(pr, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(pr, 2, "USA", -1, SQLITE_STATIC);
		sqlite3_bind_int64(pr, 3, (sqlite3_int64)i + 2);
		sqlite3_step(pr);
		sqlite3_reset(pr);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench_store: bare: %s\n", sqlite3_errmsg(db));
			exit(1);
		}
	}
	*wall = now() - t0;
	*cpu_time = cpu() - c0;
	sqlite3_finalize(ev);
	sqlite3_finalize(am);
	sqlite3_finalize(pr);
	sqlite3_close(db);
	accord_buf_dispose(&json);
	remove_session(path);
}

static void read_file_or_die(accord_buf *out, const char *name)
{
	accord_error err;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", ACCORD_SEEDS, name);
	if (accord_read_file(out, path, &err) != 0)
		die(path, &err);
}

int main(int argc, char **argv)
{
	accord_parse_options popts = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc_diff_options dopts = ACCORD_DOC_DIFF_OPTIONS_INIT;
	accord_amendment_list *all = NULL, *mods = NULL;
	accord_doc *base = NULL, *usa = NULL;
	accord_buf roster = ACCORD_BUF_INIT, data = ACCORD_BUF_INIT, out = ACCORD_BUF_INIT;
	accord_session *s;
	accord_error err;
	size_t n_amendments = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
	size_t n_events = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 100000;
	const char *dir = argc > 3 ? argv[3] : "/tmp";
	char path[512], bare_path[512];
	double t0, c0, wall_accord, cpu_accord, wall_bare, cpu_bare, best_open = 1e9;
	struct stat st;
	size_t i;
	int round;

	snprintf(path, sizeof path, "%s/bench_store.%d.db", dir, (int)getpid());
	snprintf(bare_path, sizeof bare_path, "%s/bench_store_bare.%d.db", dir, (int)getpid());
	read_file_or_die(&roster, "roster.yaml");
	read_file_or_die(&data, "base-wtpf-ieg-2-10-opinion-1.txt");
	if (accord_doc_parse(&base, data.ptr, data.size, &popts, &err) != 0)
		die("base", &err);
	accord_buf_clear(&data);
	read_file_or_die(&data, "contrib-USA.txt");
	if (accord_doc_parse(&usa, data.ptr, data.size, &popts, &err) != 0)
		die("contribution", &err);
	dopts.party = "USA";
	if (accord_doc_diff(&all, base, usa, &dopts, &err) != 0)
		die("diff", &err);
	if (accord_amendments_new(&mods) != 0)
		die("list", NULL);
	for (i = 0; i < accord_amendments_count(all); i++)
		if (accord_amendments_get(all, i)->op == ACCORD_OP_MOD)
			accord_amendments_add(mods, accord_amendments_get(all, i));
	printf("accord session store benchmark (SQLite %s, WAL, synchronous=FULL), files in %s\n", sqlite3_libversion(),
		dir);
	printf("amendment templates: %zu MOD amendments of the USA contribution to the WTPF base\n\n",
		accord_amendments_count(mods));

	/* ---- 1. proposing amendments ---- */
	s = make_session(path, base, roster.ptr, roster.size);
	t0 = now();
	c0 = cpu();
	for (i = 0; i < n_amendments; i++) {
		if (accord_session_propose(NULL, s, "USA", accord_amendments_get(mods, i % accord_amendments_count(mods)), NULL,
			    0, &err) != 0)
			die("propose", &err);
	}
	wall_accord = now() - t0;
	cpu_accord = cpu() - c0;
	accord_session_close(s);
	bare_inserts(bare_path, mods, n_amendments, &wall_bare, &cpu_bare);
	printf("1. %zu amendments, one action (transaction) each\n", n_amendments);
	printf("   accord_session_propose  %8.3f s wall  %8.3f s cpu  (%.1f us/amendment wall)\n", wall_accord, cpu_accord,
		wall_accord * 1e6 / (double)n_amendments);
	printf("   bare SQLite inserts     %8.3f s wall  %8.3f s cpu\n", wall_bare, cpu_bare);
	printf("   ratio accord/bare       %8.2fx wall  %7.2fx cpu\n\n", wall_accord / wall_bare, cpu_accord / cpu_bare);

	/* ---- 2. a session with many events ---- */
	s = make_session(path, base, roster.ptr, roster.size);
	t0 = now();
	if (store_begin(s, &err) != 0)
		die("begin", &err);
	for (i = 1; i < n_events; i++) {
		char payload[160], at[40];
		snprintf(payload, sizeof payload,
			"{\"id\":%zu,\"party\":\"%s\",\"amendment\":null,\"paragraph\":\"p%zu\",\"text\":\"remark number %zu\"}", i,
			i % 2 ? "USA" : "IRN", 1 + i % 13, i);
		store_now(s, at, sizeof at);
		if (store_event_append(NULL, &s->conn, at, i % 2 ? "USA" : "IRN", "comment", payload, &err) != 0)
			die("append", &err);
	}
	if (store_commit(s, &err) != 0)
		die("commit", &err);
	accord_session_close(s);
	stat(path, &st);
	printf("2. a session with %zu events (%.1f MB, written in %.2f s as one transaction)\n", n_events,
		(double)st.st_size / 1e6, now() - t0);
	for (round = 0; round < 5; round++) {
		t0 = now();
		if (accord_session_open(&s, path, &err) != 0)
			die("open", &err);
		t0 = now() - t0;
		if (t0 < best_open)
			best_open = t0;
		accord_session_close(s);
	}
	printf("   open (checks + quick_check)  %8.1f ms (best of 5)\n", best_open * 1e3);
	if (accord_session_open(&s, path, &err) != 0)
		die("open", &err);
	t0 = now();
	if (accord_session_status_json(&out, s, &err) != 0)
		die("status", &err);
	printf("   status                       %8.1f ms\n", (now() - t0) * 1e3);
	accord_buf_clear(&out);
	t0 = now();
	if (accord_session_replay(&out, s, &err) != 0)
		die("replay", &err);
	printf("   replay (rebuild + compare)   %8.1f ms\n", (now() - t0) * 1e3);
	accord_session_close(s);
	remove_session(path);

	accord_buf_dispose(&roster);
	accord_buf_dispose(&data);
	accord_buf_dispose(&out);
	accord_amendments_free(all);
	accord_amendments_free(mods);
	accord_doc_free(base);
	accord_doc_free(usa);
	return 0;
}
