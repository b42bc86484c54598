/* cmd_status.c: accord status SESSION [--json]: the session at a glance. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_status_usage[] =
	"Usage: accord status SESSION [--json]\n"
	"\n"
	"Prints the session's workflow, stage and revision, its contributions, the\n"
	"amendments by state, and each open amendment with the positions taken on it.\n"
	"\n"
	"Options:\n"
	"  -j, --json   the same as one JSON object (see docs/sessions.md)\n"
	"  -h, --help   print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 5 not a session, damaged, or unreadable.\n";

static const char *str_of(json_t *object, const char *key)
{
	const char *s = json_string_value(json_object_get(object, key));
	return s != NULL ? s : "";
}

static long long int_of(json_t *object, const char *key)
{
	return (long long)json_integer_value(json_object_get(object, key));
}

/* The human form, from the JSON form. */
static int print_human(accord_buf *out, const char *path, const char *json)
{
	static const char *const states[] = {"proposed", "bracketed", "agreed", "agreed_ad_ref", "rejected", "withdrawn",
		"superseded"};
	json_error_t jerr;
	json_t *root = json_loads(json, 0, &jerr), *value, *counts;
	size_t i;
	int rc = ACCORD_OK;
	if (root == NULL)
		return ACCORD_ENOMEM;
	rc |= accord_buf_printf(out, "session:       %s\n", path);
	rc |= accord_buf_printf(out, "workflow:      %s\n", str_of(root, "workflow"));
	rc |= accord_buf_printf(out, "stage:         %s\n", str_of(root, "stage"));
	rc |= accord_buf_printf(out, "text:          Rev.%lld (base %s)\n", int_of(root, "revision"), str_of(root, "base"));
	rc |= accord_buf_printf(out, "parties:       %lld\n", int_of(root, "parties"));
	rc |= accord_buf_printf(out, "contributions: %zu\n", json_array_size(json_object_get(root, "contributions")));
	json_array_foreach(json_object_get(root, "contributions"), i, value)
		rc |= accord_buf_printf(out, "  %s  %s (%lld bytes, on Rev.%lld, %s)\n", str_of(value, "party"),
			str_of(value, "file"), int_of(value, "bytes"), int_of(value, "revision"), str_of(value, "received"));
	counts = json_object_get(root, "amendments");
	rc |= accord_buf_printf(out, "amendments:    %lld", int_of(counts, "total"));
	for (i = 0; i < sizeof states / sizeof states[0]; i++)
		if (int_of(counts, states[i]) > 0)
			rc |= accord_buf_printf(out, ", %lld %s", int_of(counts, states[i]), states[i]);
	rc |= accord_buf_putc(out, '\n');
	json_array_foreach(json_object_get(root, "open"), i, value) {
		const char *party;
		json_t *position;
		rc |= accord_buf_printf(out, "  %-10s %-13s %-8s %s", str_of(value, "id"), str_of(value, "state"),
			str_of(value, "op"), str_of(value, "target"));
		json_object_foreach(json_object_get(value, "positions"), party, position)
			rc |= accord_buf_printf(out, " %s:%s", party, json_string_value(position));
		rc |= accord_buf_putc(out, '\n');
	}
	rc |= accord_buf_printf(out, "decisions:     %lld\ncomments:      %lld\nevents:        %lld (last %s)\n",
		int_of(root, "decisions"), int_of(root, "comments"), int_of(root, "events"), str_of(root, "last_event"));
	json_decref(root);
	return rc;
}

int cmd_status(int argc, char **argv)
{
	static const cli_session_command command = {"status", CLI_OPTION_JSON, 1, "expected one SESSION", 0};
	accord_buf json = ACCORD_BUF_INIT, out = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	if (accord_session_status_json(&json, cs.session, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (args.json) {
		if (accord_buf_putc(&json, '\n') != ACCORD_OK) {
			rc = cli_fail(EXIT_INTERNAL, "out of memory");
			goto cleanup;
		}
		rc = cli_write_stdout(json.ptr, json.size);
	} else if (print_human(&out, args.operands[0], json.ptr) != ACCORD_OK) {
		rc = cli_fail(EXIT_INTERNAL, "out of memory");
	} else {
		rc = cli_write_stdout(out.ptr, out.size);
	}
cleanup:
	accord_buf_dispose(&json);
	accord_buf_dispose(&out);
	cli_session_close(&cs);
	return rc;
}
