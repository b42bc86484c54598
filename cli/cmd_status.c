/* cmd_status.c: accord status SESSION [--json]: the session at a glance. */
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

int cmd_status(int argc, char **argv)
{
	static const cli_session_command command = {"status", CLI_OPTION_JSON, 1, "expected one SESSION", 0};
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	if (accord_session_status_render(&out, cs.session, args.operands[0],
		    args.json ? ACCORD_SESSION_FORMAT_JSON : ACCORD_SESSION_FORMAT_TEXT, &err) != ACCORD_OK)
		rc = cli_report(&err);
	else
		rc = cli_write_stdout(out.ptr, out.size);
	accord_buf_dispose(&out);
	cli_session_close(&cs);
	return rc;
}
