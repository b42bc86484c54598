/* cmd_submit.c: accord submit SESSION --as PARTY FILE: a contribution, turned into attributed amendments. */
#include <stdio.h>

#include "accord/docx.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_session.h"

const char cmd_submit_usage[] =
	"Usage: accord submit SESSION --as PARTY FILE\n"
	"\n"
	"Records a contribution: FILE is PARTY's version of the latest revision. It is\n"
	"kept as received, aligned with the text by content, and turned into amendments\n"
	"attributed to PARTY (ids PARTY/1, PARTY/2 ...), each checked by the rule pack.\n"
	"All of them are recorded, or none (one transaction).\n"
	"\n"
	"Options:\n"
	"  -a, --as PARTY   the submitting party (a code of the session's roster)\n"
	"  -j, --json       print the events the action wrote, as JSON lines (as\n"
	"                   'accord log --json'), instead of the report\n"
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad contribution or no change, 4 the rule\n"
	"pack failed, 5 storage error, 6 refused by the procedure.\n";

int cmd_submit(int argc, char **argv)
{
	static const cli_session_command command = {"submit", CLI_OPTION_AS | CLI_OPTION_JSON, 2,
		"expected SESSION and FILE", 1, 1};
	accord_amendment_list *list = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	cli_session_args args;
	accord_error err;
	cli_session cs;
	const char *file;
	size_t i, n;
	int rc;

	accord_error_clear(&err);
	if ((rc = cli_session_parse(&args, &command, argc, argv)) != CLI_SESSION_RUN)
		return rc;
	file = args.operands[1];
	if (accord_doc_read_input(&data, file, &err) != ACCORD_OK) /* a .docx: its text, tracked changes accepted */
		return cli_report(&err);
	rc = cli_session_open(&cs, args.operands[0], 1);
	if (rc != EXIT_OK) {
		accord_buf_dispose(&data);
		return rc;
	}
	if (args.json && (rc = cli_session_watch(&cs)) != EXIT_OK)
		goto cleanup;
	if (accord_session_submit(&list, cs.session, args.party, file, data.ptr != NULL ? data.ptr : "", data.size,
		    &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (cs.watching) {
		rc = cli_session_print_events(&cs);
		goto cleanup;
	}
	n = accord_amendments_count(list);
	printf("%s: %zu amendment%s from %s\n", args.party, n, n == 1 ? "" : "s", file);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		/* what it is about: its target, or for a new paragraph where it goes */
		const char *where = a->target != NULL ? a->target
			: a->position.after != NULL ? a->position.after
			: a->position.parent != NULL ? a->position.parent
			: a->position.section != NULL ? a->position.section : "";
		printf("  %-10s %-8s %s\n", a->id, accord_op_name(a->op), where);
	}
	rc = cli_write_recorded();
cleanup:
	accord_amendments_free(list);
	accord_buf_dispose(&data);
	cli_session_close(&cs);
	return rc;
}
