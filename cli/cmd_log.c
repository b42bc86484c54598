/* cmd_log.c: accord log SESSION [--json]: the event log. */
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
	"Exit status: 0 ok, 2 usage error, 3 a session written by a newer accord,\n"
	"5 not a session, damaged, or unreadable.\n";

int cmd_log(int argc, char **argv)
{
	static const cli_session_command command = {"log", CLI_OPTION_JSON, 1, "expected one SESSION", 0, 0};
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	rc = accord_session_log_render(&out, cs.session, args.json ? ACCORD_SESSION_FORMAT_JSON : ACCORD_SESSION_FORMAT_TEXT,
		&err);
	return cli_session_print(&cs, rc, &err, &out);
}
