/*
** cmd_workflow.c: accord workflow check PACK: load a rule pack in the sandbox,
** check it, summarize it; accord workflow list: the packs a name finds.
*/
#include <getopt.h>
#include <string.h>

#include "accord/roster.h"
#include "accord/workflow.h"
#include "accord_pack.h"
#include "cli.h"

const char cmd_workflow_usage[] =
	"Usage: accord workflow check [OPTIONS] PACK\n"
	"       accord workflow list\n"
	"\n"
	"check loads a rule pack in the sandbox, checks it against the rule pack API\n"
	"(docs/workflows.md) and prints its summary: body, sources, roles, stages,\n"
	"decision rule, bracket style. PACK is a file (PACK.lua) or a workflow name\n"
	"(wtpf), found as 'list' shows. With a roster, also checks that the pack knows\n"
	"every role of the roster and calls its rules once for a party of each role.\n"
	"\n"
	"list prints each workflow name that --workflow and 'init' accept, a tab and\n"
	"the file it finds: from $ACCORD_WORKFLOWS, then the installed packs, then\n"
	"those beside the program (a name found twice is the first one's).\n"
	"\n"
	"Options:\n"
	"  -r, --roster FILE        the parties (YAML, see examples/wtpf-2013/roster.yaml)\n"
	"  -L, --lib DIR            where the pack's require() looks (default: the\n"
	"                           pack's folder + /lib)\n"
	"  -m, --memory BYTES       the sandbox's memory cap (default 32 MiB)\n"
	"  -n, --instructions N     the instruction budget per call (default 50 million)\n"
	"  -q, --quiet              print nothing when the pack is valid\n"
	"  -h, --help               print this help\n"
	"\n"
	"Exit status: 0 the pack is valid, 2 usage error, 3 the pack or the roster is\n"
	"invalid, 4 the pack failed to load or run (script error, memory or instruction\n"
	"limit), 5 a file cannot be read.\n";

/*
** A pack's failure to load or run is a script error (4), even a syntax error.
** A memory error has no position: it is the pack's all the same.
*/
static int script_exit(accord_error *err, const char *pack)
{
	int rc;
	if (err->file[0] == '\0')
		accord_error_at(err, pack, 0, 0);
	rc = cli_report(err);
	if (err->code == ACCORD_EPARSE || err->code == ACCORD_ESCRIPT || err->code == ACCORD_ELIMIT)
		return EXIT_SCRIPT;
	return rc;
}

/* accord workflow list */
static int list_workflows(void)
{
	accord_workflow_entry *entries = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	size_t n = 0, i;
	int rc;
	accord_error_clear(&err);
	if (accord_workflow_list(&entries, &n, &err) != 0)
		return cli_report(&err);
	for (i = 0, rc = ACCORD_OK; i < n && rc == ACCORD_OK; i++)
		rc = accord_buf_printf(&out, "%s\t%s\n", entries[i].name, entries[i].path);
	accord_workflow_list_free(entries, n);
	rc = rc == ACCORD_OK ? cli_write_stdout(out.ptr != NULL ? out.ptr : "", out.size) : cli_fail(EXIT_INTERNAL, "out of memory");
	accord_buf_dispose(&out);
	return rc;
}

int cmd_workflow(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"roster", required_argument, NULL, 'r'},
		{"lib", required_argument, NULL, 'L'},
		{"memory", required_argument, NULL, 'm'},
		{"instructions", required_argument, NULL, 'n'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	accord_pack_options options = ACCORD_PACK_OPTIONS_INIT;
	accord_roster *roster = NULL;
	accord_pack *pack = NULL;
	accord_buf problems = ACCORD_BUF_INIT, summary = ACCORD_BUF_INIT;
	const char *line, *end;
	accord_error err;
	const char *roster_path = NULL;
	char *path = NULL;
	unsigned long long number;
	int quiet = 0, c, rc = EXIT_OK;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return cli_write_stdout(cmd_workflow_usage, strlen(cmd_workflow_usage));
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return argc == 2 ? list_workflows() : cli_usage_error("workflow", "workflow list takes no argument");
	if (argc < 2 || strcmp(argv[1], "check") != 0)
		return cli_usage_error("workflow", "the subcommand is 'check' or 'list'");
	argc--;
	argv++;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "r:L:m:n:qh", long_options, NULL)) != -1) {
		switch (c) {
		case 'r':
			roster_path = optarg;
			break;
		case 'L':
			options.lib_dir = optarg;
			break;
		case 'm':
			if (cli_parse_count(optarg, &number) != 0)
				return cli_usage_error("workflow", "--memory takes a positive number of bytes");
			options.memory_limit = (size_t)number;
			break;
		case 'n':
			if (cli_parse_count(optarg, &number) != 0)
				return cli_usage_error("workflow", "--instructions takes a positive number");
			options.instruction_limit = (unsigned long)number;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			return cli_write_stdout(cmd_workflow_usage, strlen(cmd_workflow_usage));
		default:
			return cli_usage_error("workflow", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("workflow", "workflow check takes one PACK");

	accord_error_clear(&err);
	if (roster_path != NULL) {
		if (accord_roster_load(&roster, roster_path, &err) != 0) {
			rc = cli_report(&err);
			goto cleanup;
		}
		options.roster = roster;
	}
	/* a name is found as --workflow finds it; a path is read as it is (a missing file: 5) */
	if (!accord_workflow_is_path(argv[optind]) && accord_workflow_find(&path, argv[optind], &err) != 0) {
		rc = cli_report(&err);
		goto cleanup;
	}
	if (accord_pack_load(&pack, path != NULL ? path : argv[optind], &options, &err) != 0) {
		rc = script_exit(&err, argv[optind]);
		goto cleanup;
	}
	c = accord_pack_validate(pack, &problems, &err);
	if (c == ACCORD_ESCHEMA) {
		for (line = problems.ptr; line != NULL && *line != '\0'; line = end + (*end != '\0')) {
			end = line + strcspn(line, "\n"); /* one problem a line, each as an accord: message */
			fprintf(stderr, "accord: %.*s\n", (int)(end - line), line);
		}
		rc = cli_report(&err);
		goto cleanup;
	}
	if (c != 0) {
		rc = script_exit(&err, argv[optind]);
		goto cleanup;
	}
	if (!quiet) {
		if (accord_pack_summary(pack, &summary, &err) != 0) {
			rc = script_exit(&err, argv[optind]);
			goto cleanup;
		}
		if (accord_buf_puts(&summary, "ok: the pack follows the rule pack API\n") != 0) {
			rc = cli_fail(EXIT_INTERNAL, "out of memory");
			goto cleanup;
		}
		rc = cli_write_stdout(summary.ptr, summary.size);
	}
cleanup:
	accord_buf_dispose(&problems);
	accord_buf_dispose(&summary);
	accord_pack_free(pack);
	accord_free(path);
	accord_roster_free(roster);
	return rc;
}
