/* cmd_replay.c: accord replay SESSION: rebuild the state from the event log and compare. */
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_replay_usage[] =
	"Usage: accord replay SESSION\n"
	"\n"
	"Checks the session: runs SQLite's integrity and foreign key checks, rebuilds\n"
	"every table from the event log alone in a scratch in-memory database, and\n"
	"compares it with the tables in the file. Prints the first difference, if any.\n"
	"\n"
	"Options:\n"
	"  -h, --help   print this help\n"
	"\n"
	"Exit status: 0 the tables match the log, 1 they differ, 2 usage error,\n"
	"5 not a session, damaged (including a log that does not replay), unreadable.\n";

static int count_event(const accord_session_event *ev, void *data)
{
	(void)ev;
	(*(long long *)data)++;
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	static const cli_session_command command = {"replay", 0, 1, "expected one SESSION", 0, 0};
	accord_buf difference = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	cli_session_args args;
	long long events = 0;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_replay(&difference, cs.session, &err);
	if (rc < 0) {
		rc = cli_report(&err);
	} else if (rc == 1) {
		rc = cli_fail(EXIT_DIFFERENT, "%s: the tables differ from the event log: %s", args.operands[0],
			difference.ptr != NULL ? difference.ptr : "");
	} else if (accord_session_events(cs.session, count_event, &events, &err) != ACCORD_OK) {
		rc = cli_report(&err);
	} else {
		printf("%s: %lld events replayed; the tables match the log\n", args.operands[0], events);
		rc = cli_write_stdout(NULL, 0);
	}
	accord_buf_dispose(&difference);
	cli_session_close(&cs);
	return rc;
}
