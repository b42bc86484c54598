/* cmd_compile.c: accord compile SESSION: the compilation of a session's open amendments. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/store.h"
#include "cli.h"
#include "cli_consolidate.h"
#include "cli_session.h"

const char cmd_compile_usage[] =
	"Usage: accord compile [OPTIONS] SESSION\n"
	"\n"
	"Builds the compilation of the session's open amendments (proposed, bracketed,\n"
	"agreed ad ref) on its latest revision, as `accord consolidate` does for\n"
	"contributions: co-sponsors (as recorded in the session), near-duplicates,\n"
	"alternatives, new paragraphs in place, deletions and moves marked.\n"
	"\n"
	"Options:\n"
	"  -w, --workflow W       the rule pack whose bracket convention to use (a name\n"
	"                         or a path); default: the session's workflow\n"
	"  -f, --format FORMAT    text (default), md, html, json, yaml\n"
	"  -o, --output OUT       write to OUT (atomically) instead of standard output\n"
	"  -a, --accept PARTY     print the latest revision with exactly PARTY's open\n"
	"                         amendments (proposed or co-sponsored) applied\n"
	"  -t, --title TITLE      the title of the HTML/Markdown page\n"
	"      --color WHEN       text: auto (default), always, never\n"
	"  -h, --help             print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad input, 4 the rule pack failed,\n"
	"5 not a session, damaged or unreadable, 70 internal error.\n";

/* Adds the open amendments of the session to list, with the proposers the session records. */
static int collect_open(accord_amendment_list *list, accord_session *s, accord_error *err)
{
	accord_session_amendment *rows = NULL;
	size_t n = 0, i;
	int rc = accord_session_amendments(&rows, &n, s, -1, err);
	if (rc != ACCORD_OK)
		return rc;
	for (i = 0; i < n && rc == ACCORD_OK; i++) {
		accord_amendment_list *one = NULL;
		accord_amendment a;
		const char *proposers[256];
		char *codes = NULL, *save = NULL, *tok;
		size_t k = 0;
		if (!accord_state_is_open(rows[i].state))
			continue;
		rc = accord_amendments_parse_json(&one, rows[i].json, strlen(rows[i].json), rows[i].id, err);
		if (rc != ACCORD_OK)
			break;
		if (accord_amendments_count(one) != 1) {
			rc = accord_error_set(err, ACCORD_ECORRUPT, "amendment %s: stored as %zu amendments", rows[i].id,
				accord_amendments_count(one));
			accord_amendments_free(one);
			break;
		}
		a = *accord_amendments_get(one, 0);
		a.id = rows[i].id;
		if (rows[i].proposers != NULL && (codes = accord_strdup(rows[i].proposers)) != NULL) {
			for (tok = strtok_r(codes, ",", &save); tok != NULL && k < 256; tok = strtok_r(NULL, ",", &save))
				if (*tok)
					proposers[k++] = tok;
			if (k > 0) {
				a.proposers = proposers;
				a.n_proposers = k;
			}
		} else if (rows[i].proposers != NULL) {
			rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		}
		if (rc == ACCORD_OK && (rc = accord_amendments_add(list, &a)) != ACCORD_OK)
			accord_error_set(err, rc, "amendment %s: cannot be compiled", rows[i].id);
		accord_free(codes);
		accord_amendments_free(one);
	}
	accord_session_amendments_free(rows, n);
	return rc;
}

int cmd_compile(int argc, char **argv)
{
	static const struct option long_options[] = {
		CLI_COMPILATION_LONG_OPTIONS, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	cli_compilation_options co = CLI_COMPILATION_OPTIONS_INIT;
	accord_error err;
	accord_doc *text = NULL;
	accord_amendment_list *list = NULL;
	accord_compilation *c = NULL;
	const char *workflow;
	char *pack_path = NULL;
	cli_session cs;
	int opt, rc, opened = 0;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":" CLI_COMPILATION_OPTSTRING "h", long_options, NULL)) != -1) {
		if (opt == 'h')
			return cli_help("compile");
		if ((rc = cli_compilation_option(&co, "compile", opt, argv)) != EXIT_OK)
			return rc;
	}
	if (argc - optind != 1)
		return cli_usage_error("compile", "expected one SESSION");
	if ((rc = cli_session_open(&cs, argv[optind], 0)) != EXIT_OK)
		return rc;
	opened = 1;
	workflow = co.workflow != NULL ? co.workflow : accord_session_workflow(cs.session);
	if (workflow != NULL && (rc = cli_workflow_path(&pack_path, workflow)) != EXIT_OK)
		goto cleanup;
	if ((rc = accord_session_text(&text, cs.session, -1, &err)) != ACCORD_OK ||
	    (rc = accord_amendments_new(&list)) != ACCORD_OK || (rc = collect_open(list, cs.session, &err)) != ACCORD_OK ||
	    (rc = accord_compilation_new(&c, text, &err)) != ACCORD_OK ||
	    (rc = accord_compilation_add_amendments(c, list, &err)) != ACCORD_OK ||
	    (rc = accord_compilation_build(c, &err)) != ACCORD_OK) {
		if (err.code == ACCORD_OK)
			accord_error_set(&err, rc, "%s", accord_strerror(rc));
		rc = cli_report(&err);
		goto cleanup;
	}
	rc = cli_compilation_output(c, "compile", pack_path, &co);
cleanup:
	accord_compilation_free(c);
	accord_amendments_free(list);
	accord_doc_free(text);
	accord_free(pack_path);
	if (opened)
		cli_session_close(&cs);
	return rc;
}
