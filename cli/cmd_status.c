/* cmd_status.c: accord status SESSION [--json | --parties]: the session at a glance, or its roster. */
#include "accord/roster.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_status_usage[] =
	"Usage: accord status SESSION [--json | --parties]\n"
	"\n"
	"Prints the session's workflow, stage and revision, its contributions, the\n"
	"amendments by state, and each open amendment (id, state, operation, target,\n"
	"the target paragraph's label) with the positions taken on it.\n"
	"\n"
	"Options:\n"
	"  -j, --json      the same as one JSON object (see docs/sessions.md)\n"
	"  -p, --parties   the session's roster instead: one party a line, its code,\n"
	"                  name and role separated by tabs (the codes --as takes)\n"
	"  -h, --help      print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 a session written by a newer accord,\n"
	"5 not a session, damaged, or unreadable.\n";

/* The roster as lines "CODE\tNAME\tROLE". */
static int print_parties(accord_session *session, accord_buf *out, accord_error *err)
{
	accord_roster *roster = NULL;
	size_t i;
	int rc = accord_session_roster(&roster, session, err);
	for (i = 0; rc == ACCORD_OK && i < accord_roster_party_count(roster); i++) {
		const accord_party *p = accord_roster_party(roster, i);
		rc = accord_buf_printf(out, "%s\t%s\t%s\n", accord_party_code(p), accord_party_name(p), accord_party_role(p));
		if (rc != ACCORD_OK)
			rc = accord_error_set(err, rc, "out of memory");
	}
	accord_roster_free(roster);
	return rc;
}

int cmd_status(int argc, char **argv)
{
	static const cli_session_command command = {"status", CLI_OPTION_JSON | CLI_OPTION_PARTIES, 1,
		"expected one SESSION", 0, 0};
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	if (args.parties && args.json) {
		cli_session_close(&cs);
		return cli_usage_error("status", "--json and --parties do not go together");
	}
	if (args.parties)
		rc = print_parties(cs.session, &out, &err);
	else
		rc = accord_session_status_render(&out, cs.session, args.operands[0],
			args.json ? ACCORD_SESSION_FORMAT_JSON : ACCORD_SESSION_FORMAT_TEXT, &err);
	return cli_session_print(&cs, rc, &err, &out);
}
