/* cmd_log.c: accord log SESSION [--json]: the event log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_log_usage[] =
	"Usage: accord log SESSION [--json]\n"
	"\n"
	"Prints the event log, the session's history: one line per action, in order,\n"
	"with its time (UTC), who acted and what was done. The log is append-only;\n"
	"'accord replay' rebuilds the session from it.\n"
	"\n"
	"Options:\n"
	"  -j, --json   one JSON object per line: seq, at, actor, action, payload\n"
	"  -h, --help   print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 5 not a session, damaged, or unreadable.\n";

static const char *field(json_t *payload, const char *key)
{
	const char *s = json_string_value(json_object_get(payload, key));
	return s != NULL ? s : "";
}

/* A short description of an event for people. */
static void describe(accord_buf *out, const accord_session_event *ev)
{
	json_error_t jerr;
	json_t *p = json_loads(ev->payload, 0, &jerr), *item;
	size_t i;
	if (p == NULL) {
		accord_buf_puts(out, "(unreadable payload)");
		return;
	}
	if (strcmp(ev->action, "init") == 0) {
		accord_buf_printf(out, "workflow %s, stage %s, base %s, %zu parties", field(p, "workflow"), field(p, "stage"),
			field(p, "base_name"), json_array_size(json_object_get(p, "parties")));
	} else if (strcmp(ev->action, "submit") == 0) {
		accord_buf_printf(out, "%s:", field(p, "file"));
		json_array_foreach(json_object_get(p, "amendments"), i, item)
			accord_buf_printf(out, " %s", field(item, "id"));
	} else if (strcmp(ev->action, "propose") == 0) {
		json_t *a = json_object_get(p, "amendment");
		accord_buf_printf(out, "%s %s %s", field(a, "id"), field(a, "op"), field(a, "target"));
		json_array_foreach(json_object_get(p, "supersedes"), i, item)
			accord_buf_printf(out, "%s%s", i == 0 ? " superseding " : ", ", json_string_value(item));
	} else if (strcmp(ev->action, "cosponsor") == 0 || strcmp(ev->action, "withdraw") == 0) {
		accord_buf_puts(out, field(p, "amendment"));
	} else if (strcmp(ev->action, "position") == 0) {
		accord_buf_printf(out, "%s on %s", field(p, "position"), field(p, "amendment"));
	} else if (strcmp(ev->action, "comment") == 0) {
		const char *on = json_string_value(json_object_get(p, "amendment"));
		if (on == NULL)
			on = json_string_value(json_object_get(p, "paragraph"));
		accord_buf_printf(out, "%s%s\"%.60s\"", on != NULL ? on : "", on != NULL ? ": " : "", field(p, "text"));
	} else if (strcmp(ev->action, "decide") == 0) {
		json_array_foreach(json_object_get(p, "decisions"), i, item)
			accord_buf_printf(out, "%s%s %s", i > 0 ? ", " : "", field(item, "amendment"), field(item, "to"));
	} else if (strcmp(ev->action, "stage") == 0) {
		accord_buf_printf(out, "%s -> %s", field(p, "from"), field(p, "to"));
	} else if (strcmp(ev->action, "revise") == 0) {
		accord_buf_printf(out, "Rev.%lld: %zu applied, %zu carried over, %zu lapsed",
			(long long)json_integer_value(json_object_get(p, "n")), json_array_size(json_object_get(p, "incorporated")),
			json_array_size(json_object_get(p, "carried")), json_array_size(json_object_get(p, "lapsed")));
	}
	json_decref(p);
}

typedef struct log_state {
	int as_json;
	accord_buf line;
} log_state;

static int print_event(const accord_session_event *ev, void *data)
{
	log_state *st = data;
	accord_buf_clear(&st->line);
	if (st->as_json) {
		accord_buf_printf(&st->line, "{\"seq\":%lld,\"at\":\"%s\",\"actor\":", (long long)ev->seq, ev->at);
		{
			json_t *actor = json_string(ev->actor), *action = json_string(ev->action);
			char *a = json_dumps(actor, JSON_ENCODE_ANY), *b = json_dumps(action, JSON_ENCODE_ANY);
			accord_buf_printf(&st->line, "%s,\"action\":%s,\"payload\":%s}\n", a != NULL ? a : "null",
				b != NULL ? b : "null", ev->payload);
			free(a);
			free(b);
			json_decref(actor);
			json_decref(action);
		}
	} else {
		accord_buf_printf(&st->line, "%4lld  %s  %-8s %-10s ", (long long)ev->seq, ev->at, ev->actor, ev->action);
		describe(&st->line, ev);
		accord_buf_putc(&st->line, '\n');
	}
	if (st->line.ptr != NULL && fwrite(st->line.ptr, 1, st->line.size, stdout) != st->line.size)
		return EXIT_STORE;
	return 0;
}

int cmd_log(int argc, char **argv)
{
	static const cli_session_command command = {"log", CLI_OPTION_JSON, 1, "expected one SESSION", 0};
	log_state st = {0, ACCORD_BUF_INIT};
	accord_error err;
	cli_session cs;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	st.as_json = args.json;
	rc = accord_session_events(cs.session, print_event, &st, &err);
	if (rc < 0)
		rc = cli_report(&err);
	else if (rc > 0)
		rc = cli_fail(EXIT_STORE, "cannot write to standard output");
	else
		rc = cli_write_stdout(NULL, 0);
	accord_buf_dispose(&st.line);
	cli_session_close(&cs);
	return rc;
}
