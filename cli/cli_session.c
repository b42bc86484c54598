/* cli_session.c: opening a session with its rule pack, finding workflows, the session subcommands' command line. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/workflow.h"
#include "cli.h"
#include "cli_session.h"

#include "session_rules.h"

int cli_workflow_path(char **out, const char *workflow)
{
	accord_error err;
	accord_error_clear(&err);
	if (workflow == NULL || workflow[0] == '\0') {
		*out = NULL;
		return cli_fail(EXIT_USAGE, "no workflow given");
	}
	if (accord_workflow_find(out, workflow, &err) != ACCORD_OK)
		return cli_report(&err);
	return EXIT_OK;
}

int cli_session_open(cli_session *cs, const char *path, int with_rules)
{
	accord_error err;
	int rc;

	memset(cs, 0, sizeof *cs);
	accord_error_clear(&err);
	rc = accord_session_open(&cs->session, path, &err);
	if (rc != ACCORD_OK)
		return cli_report(&err);
	if (!with_rules)
		return EXIT_OK;
	{
		accord_roster *roster = NULL;
		char *pack_path = NULL;
		rc = cli_workflow_path(&pack_path, accord_session_workflow(cs->session));
		if (rc != EXIT_OK) {
			cli_session_close(cs);
			return rc;
		}
		rc = accord_session_roster(&roster, cs->session, &err);
		if (rc == ACCORD_OK)
			rc = accord_session_pack_load(&cs->pack, pack_path, roster, &err);
		accord_free(pack_path);
		if (rc != ACCORD_OK) {
			cli_session_close(cs);
			return cli_report(&err);
		}
		accord_session_set_rules(cs->session, accord_session_pack_rules(cs->pack));
	}
	return EXIT_OK;
}

void cli_session_close(cli_session *cs)
{
	accord_session_close(cs->session);
	accord_session_pack_free(cs->pack);
	memset(cs, 0, sizeof *cs);
}

int cli_session_parse(cli_session_args *args, const cli_session_command *command, int argc, char **argv)
{
	static const struct {
		unsigned flag;       /* CLI_OPTION_* */
		const char *letters; /* its part of getopt's optstring */
		struct option option;
	} known[] = {{CLI_OPTION_AS, "a:", {"as", required_argument, NULL, 'a'}},
		{CLI_OPTION_ON, "o:", {"on", required_argument, NULL, 'o'}},
		{CLI_OPTION_JSON, "j", {"json", no_argument, NULL, 'j'}},
		{CLI_OPTION_PARTIES, "p", {"parties", no_argument, NULL, 'p'}}};
	struct option long_options[sizeof known / sizeof known[0] + 2];
	char optstring[16] = ":";
	size_t i, n = 0;
	int opt;

	memset(args, 0, sizeof *args);
	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (command->options & known[i].flag) {
			long_options[n++] = known[i].option;
			strcat(optstring, known[i].letters);
		}
	}
	long_options[n++] = (struct option){"help", no_argument, NULL, 'h'};
	long_options[n] = (struct option){NULL, 0, NULL, 0};
	strcat(optstring, "h");
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, optstring, long_options, NULL)) != -1) {
		switch (opt) {
		case 'a': args->party = optarg; break;
		case 'o': args->on = optarg; break;
		case 'j': args->json = 1; break;
		case 'p': args->parties = 1; break;
		case 'h': return cli_help(command->name);
		default: return cli_bad_option(command->name, opt, argv);
		}
	}
	if (argc - optind != command->operands)
		return cli_usage_error(command->name, "%s", command->expected);
	if ((command->options & CLI_OPTION_AS) && args->party == NULL)
		return cli_usage_error(command->name, "--as PARTY is required");
	args->operands = argv + optind;
	return CLI_SESSION_RUN;
}

int cli_session_start(cli_session *cs, cli_session_args *args, const cli_session_command *command, int argc,
	char **argv)
{
	int rc = cli_session_parse(args, command, argc, argv);
	if (rc != CLI_SESSION_RUN)
		return rc;
	rc = cli_session_open(cs, args->operands[0], command->with_rules);
	if (rc == EXIT_OK && args->json && command->json_events && (rc = cli_session_watch(cs)) != EXIT_OK)
		cli_session_close(cs);
	return rc == EXIT_OK ? CLI_SESSION_RUN : rc;
}

int cli_session_watch(cli_session *cs)
{
	accord_error err;
	accord_error_clear(&err);
	if (accord_session_last_seq(&cs->last_seq, cs->session, &err) != ACCORD_OK)
		return cli_report(&err);
	cs->watching = 1;
	return EXIT_OK;
}

int cli_session_print_events(cli_session *cs)
{
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	int rc;
	accord_error_clear(&err);
	rc = accord_session_log_render_since(&out, cs->session, cs->last_seq, ACCORD_SESSION_FORMAT_JSON, &err);
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&out);
		return cli_fail(EXIT_RECORDED, "the action was recorded in the session, but its events could not be read (%s): "
			"do not repeat it ('accord log SESSION' shows it)", err.message);
	}
	if (out.size > 0)
		fwrite(out.ptr, 1, out.size, stdout);
	accord_buf_dispose(&out);
	return cli_write_recorded();
}

int cli_session_print(cli_session *cs, int code, const accord_error *err, accord_buf *out)
{
	int rc = code != ACCORD_OK ? cli_report(err) : cli_write_stdout(out->ptr != NULL ? out->ptr : "", out->size);
	accord_buf_dispose(out);
	cli_session_close(cs);
	return rc;
}

int cli_session_finish(cli_session *cs, int code, const accord_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	if (code != ACCORD_OK) {
		rc = cli_report(err);
	} else if (cs->watching) {
		rc = cli_session_print_events(cs);
	} else {
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		rc = cli_write_recorded();
	}
	cli_session_close(cs);
	return rc;
}
