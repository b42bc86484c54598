/* cmd_revise.c: accord revise SESSION: issue Rev.N+1. */
#include <stdio.h>

#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_revise_usage[] =
	"Usage: accord revise SESSION\n"
	"\n"
	"Issues the next revision (Rev.N+1): the agreed amendments are applied to\n"
	"Rev.N; the open ones (proposed, bracketed, agreed ad referendum) are carried\n"
	"over and re-anchored on the new text; one whose paragraph is gone, or whose\n"
	"change the new text already makes, lapses (superseded). Two agreed amendments\n"
	"that do not fit together stop the revision: supersede them with a compromise\n"
	"('accord propose --supersedes').\n"
	"\n"
	"Options:\n"
	"  -h, --help   print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 the agreed amendments conflict, 5 storage\n"
	"error.\n";

int cmd_revise(int argc, char **argv)
{
	static const cli_session_command command = {"revise", 0, 1, "expected one SESSION", 0};
	accord_session_amendment *list = NULL;
	accord_error err;
	cli_session cs;
	unsigned rev = 0;
	size_t n = 0, i, applied = 0, open = 0;
	cli_session_args args;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_start(&cs, &args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	if (accord_session_revise(&rev, cs.session, &err) != ACCORD_OK ||
	    accord_session_amendments(&list, &n, cs.session, -1, &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (list[i].incorporated == (int)rev)
			applied++;
		else if (accord_state_is_open(list[i].state))
			open++;
	}
	printf("Rev.%u: %zu agreed amendment%s applied, %zu open amendment%s carried over\n", rev, applied,
		applied == 1 ? "" : "s", open, open == 1 ? "" : "s");
	rc = cli_write_stdout(NULL, 0);
cleanup:
	accord_session_amendments_free(list, n);
	cli_session_close(&cs);
	return rc;
}
