/* cmd_submit.c: accord submit SESSION --as PARTY FILE: a contribution, turned into attributed amendments. */
#include <getopt.h>
#include <stdio.h>

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
	"  -h, --help       print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad contribution or no change, 4 the rule\n"
	"pack failed, 5 storage error, 6 refused by the procedure.\n";

int cmd_submit(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"as", required_argument, NULL, 'a'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_amendment_list *list = NULL;
	accord_buf data = ACCORD_BUF_INIT;
	accord_error err;
	cli_session cs;
	const char *party = NULL;
	size_t i, n;
	int opt, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":a:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': party = optarg; break;
		case 'h': return cli_help("submit");
		default: return cli_bad_option("submit", opt, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("submit", "expected SESSION and FILE");
	if (party == NULL)
		return cli_usage_error("submit", "--as PARTY is required");
	if (accord_read_file(&data, argv[optind + 1], &err) != ACCORD_OK)
		return cli_report(&err);
	rc = cli_session_open(&cs, argv[optind], 1);
	if (rc != EXIT_OK) {
		accord_buf_dispose(&data);
		return rc;
	}
	if (accord_session_submit(&list, cs.session, party, argv[optind + 1], data.ptr != NULL ? data.ptr : "", data.size,
		    &err) != ACCORD_OK) {
		rc = cli_report(&err);
		goto cleanup;
	}
	n = accord_amendments_count(list);
	printf("%s: %zu amendment%s from %s\n", party, n, n == 1 ? "" : "s", argv[optind + 1]);
	for (i = 0; i < n; i++) {
		const accord_amendment *a = accord_amendments_get(list, i);
		/* what it is about: its target, or for a new paragraph where it goes */
		const char *where = a->target != NULL ? a->target
			: a->position.after != NULL ? a->position.after
			: a->position.parent != NULL ? a->position.parent
			: a->position.section != NULL ? a->position.section : "";
		printf("  %-10s %-8s %s\n", a->id, accord_op_name(a->op), where);
	}
	rc = cli_write_stdout(NULL, 0);
cleanup:
	accord_amendments_free(list);
	accord_buf_dispose(&data);
	cli_session_close(&cs);
	return rc;
}
