/* main.c: the accord program: the command table, --help, --version, help COMMAND. */
#include <jansson.h>
#include <limits.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "accord_lua.h"
#include "cli.h"

#include <lua.h>
#define LUA_VERSION_PART ", " LUA_RELEASE

/* Columns of `accord --help`: summaries are wrapped to fit. */
#define HELP_WIDTH 79
#define HELP_INDENT 15

/*
** The commands. To add one: write cli/cmd_NAME.c defining
**     const char cmd_NAME_usage[] = "Usage: accord NAME ...\n...";
**     int cmd_NAME(int argc, char **argv);   (argv[0] is "NAME")
** list it in cli/CMakeLists.txt, add CLI_DECLARE(NAME); to cli/cli.h, and
** add one row below. The table order is the order of `accord --help`.
*/
static const cli_command commands[] = {
	{"parse", "read a document; print its outline, canonical text, YAML, JSON, Markdown, HTML or Word",
		cmd_parse_usage, cmd_parse},
	{"brackets", "a bracketed negotiating text: its groups, options, parties and open words; or a clean text",
		cmd_brackets_usage, cmd_brackets},
	{"diff", "the amendments (ADD, SUP, MOD, MOVE ...) that turn a base text into a contribution",
		cmd_diff_usage, cmd_diff},
	{"apply", "apply an amendment list (from diff --format json) to a base text",
		cmd_apply_usage, cmd_apply},
	{"workflow", "check a rule pack (workflows/*.lua) against the API and summarize it",
		cmd_workflow_usage, cmd_workflow},
	{"run", "run your own Lua script with the accord module (automation)",
		cmd_run_usage, cmd_run},
	{"consolidate", "one compilation text from many contributions: co-sponsors, alternatives, bis paragraphs",
		cmd_consolidate_usage, cmd_consolidate},
	{"compile", "the compilation of a session's open amendments (as consolidate does)",
		cmd_compile_usage, cmd_compile},
	{"init", "create a drafting session (SQLite file): base text, roster, workflow",
		cmd_init_usage, cmd_init},
	{"submit", "record a party's contribution as attributed amendments",
		cmd_submit_usage, cmd_submit},
	{"propose", "table one amendment by hand (replace, delete, insert text; add, delete a paragraph)",
		cmd_propose_usage, cmd_propose},
	{"cosponsor", "add a co-sponsor to an open amendment",
		cmd_cosponsor_usage, cmd_cosponsor},
	{"withdraw", "withdraw an open amendment (its proposer only)",
		cmd_withdraw_usage, cmd_withdraw},
	{"comment", "record a comment on an amendment or paragraph (stakeholders' inputs)",
		cmd_comment_usage, cmd_comment},
	{"position", "record a party's position on an amendment: support, object, abstain, reserve",
		cmd_position_usage, cmd_position},
	{"decide", "apply the rule pack's decision rule to open amendments",
		cmd_decide_usage, cmd_decide},
	{"vote", "a recorded vote on an amendment: a party's, or the chair's roll call",
		cmd_vote_usage, cmd_vote},
	{"stage", "print the session's stage or move to another",
		cmd_stage_usage, cmd_stage},
	{"status", "the session at a glance (--json for machines)",
		cmd_status_usage, cmd_status},
	{"list", "list the amendments, by state",
		cmd_list_usage, cmd_list},
	{"log", "print the event log, the session's history",
		cmd_log_usage, cmd_log},
	{"text", "print a revision of the session's text",
		cmd_text_usage, cmd_text},
	{"revise", "issue the next revision: agreed amendments applied, open ones carried over",
		cmd_revise_usage, cmd_revise},
	{"replay", "rebuild the session from its event log and check it matches",
		cmd_replay_usage, cmd_replay},
	{"simulate", "run simulated drafting rounds: delegations as Lua agents, many seeded runs",
		cmd_simulate_usage, cmd_simulate},
	{"forecast", "forecast contested issues (DEU format) through their procedures' rule packs", cmd_forecast_usage, cmd_forecast},
	{NULL, NULL, NULL, NULL}};

static const char main_usage_head[] =
	"Usage: accord COMMAND [OPTIONS] [ARGS]\n"
	"       accord help COMMAND\n"
	"       accord --help | --version\n"
	"\n"
	"accord drafts consensus texts the way the UN and the ITU do: it reads\n"
	"negotiation texts, finds the amendments in contributions, runs a body's\n"
	"procedure as a Lua rule pack, and keeps drafting sessions in SQLite.\n"
	"\n"
	"Commands:\n";

static const char main_usage_tail[] =
	"\n"
	"Exit status: 0 ok, 1 differences found, 2 usage error, 3 bad input,\n"
	"4 script error or limit, 5 storage or I/O error, 6 refused by the\n"
	"procedure, 7 recorded but not reported (do not repeat the action),\n"
	"70 internal error (see README.md).\n"
	"Limits on inputs (docs/security.md): ACCORD_MAX_INPUT (bytes, default\n"
	"256 MiB), ACCORD_MAX_PARAGRAPHS (1000000), ACCORD_MAX_DEPTH (64).\n"
	"Run 'accord help COMMAND' for the options of a command.\n";

const cli_command *cli_find_command(const char *name)
{
	const cli_command *command;
	if (name == NULL)
		return NULL;
	for (command = commands; command->name != NULL; command++)
		if (strcmp(command->name, name) == 0)
			return command;
	return NULL;
}

/*
** Appends " summary\n", wrapped at spaces to HELP_WIDTH columns, the
** continuation lines indented by HELP_INDENT; name_len is the width the
** command name took (a longer name pushes the first line right).
*/
static int put_wrapped(accord_buf *out, const char *summary, size_t name_len)
{
	size_t column = 2 + (name_len > 12 ? name_len : 12);
	const char *word = summary;
	int rc = ACCORD_OK;

	while (*word != '\0' && rc == ACCORD_OK) {
		size_t len = strcspn(word, " ");
		if (column > HELP_INDENT && column + 1 + len > HELP_WIDTH) {
			rc |= accord_buf_printf(out, "\n%*s", HELP_INDENT - 1, "");
			column = HELP_INDENT - 1;
		}
		rc |= accord_buf_putc(out, ' ');
		rc |= accord_buf_put(out, word, len);
		column += 1 + len;
		word += len;
		while (*word == ' ')
			word++;
	}
	rc |= accord_buf_putc(out, '\n');
	return rc;
}

static int print_main_usage(void)
{
	accord_buf out = ACCORD_BUF_INIT;
	const cli_command *command;
	int rc = ACCORD_OK;

	rc |= accord_buf_puts(&out, main_usage_head);
	for (command = commands; command->name != NULL; command++) {
		rc |= accord_buf_printf(&out, "  %-12s", command->name);
		rc |= put_wrapped(&out, command->summary, strlen(command->name));
	}
	rc |= accord_buf_puts(&out, main_usage_tail);
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&out);
		return cli_fail(EXIT_INTERNAL, "out of memory");
	}
	rc = cli_write_stdout(out.ptr, out.size);
	accord_buf_dispose(&out);
	return rc;
}

static int print_version(void)
{
	accord_buf out = ACCORD_BUF_INIT;
	int rc;
	if (accord_buf_printf(&out, "accord %s\nSQLite %s, libyaml %s, jansson %s" LUA_VERSION_PART "\n", ACCORD_VERSION_STRING,
		    sqlite3_libversion(), yaml_get_version_string(), JANSSON_VERSION) != ACCORD_OK) {
		accord_buf_dispose(&out);
		return cli_fail(EXIT_INTERNAL, "out of memory");
	}
	rc = cli_write_stdout(out.ptr, out.size);
	accord_buf_dispose(&out);
	return rc;
}

/* accord help [COMMAND] */
static int run_help(int argc, char **argv)
{
	if (argc < 2)
		return print_main_usage();
	if (argc > 2)
		return cli_usage_error(NULL, "help takes one command name");
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0)
		return print_main_usage();
	if (cli_find_command(argv[1]) == NULL)
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	return cli_help(argv[1]);
}

/*
** The limits on inputs from the environment (docs/security.md, "Limits"):
** ACCORD_MAX_INPUT (bytes), ACCORD_MAX_PARAGRAPHS, ACCORD_MAX_DEPTH.
** Returns 0, or the usage error's exit status for a value that is not a
** positive whole number.
*/
static int limits_from_environment(void)
{
	static const struct {
		const char *name;
		size_t offset;
		int is_unsigned;
	} vars[] = {
		{"ACCORD_MAX_INPUT", offsetof(accord_limits, input_bytes), 0},
		{"ACCORD_MAX_PARAGRAPHS", offsetof(accord_limits, paragraphs), 0},
		{"ACCORD_MAX_DEPTH", offsetof(accord_limits, depth), 1},
	};
	accord_limits limits;
	size_t i;
	accord_limits_get(&limits);
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *text = getenv(vars[i].name);
		unsigned long long number;
		char *field = (char *)&limits + vars[i].offset;
		if (text == NULL || text[0] == '\0')
			continue;
		if (cli_parse_count(text, &number) != 0 || number > (vars[i].is_unsigned ? UINT_MAX : SIZE_MAX))
			return cli_usage_error(NULL, "%s must be a positive whole number, not '%s'", vars[i].name, text);
		if (vars[i].is_unsigned) {
			unsigned value = (unsigned)number;
			memcpy(field, &value, sizeof value);
		} else {
			size_t value = (size_t)number;
			memcpy(field, &value, sizeof value);
		}
	}
	accord_limits_set(&limits);
	return 0;
}

/*
** A script stuck in C past its time limit (accord_lua_set_stuck_handler):
** the one line, then the end of the process with the status of a script
** limit. _exit: the main thread is stuck in Lua, so nothing is flushed or
** freed; stdout holds nothing yet, and SQLite rolls back the open
** transaction of a session on its next open.
*/
static void stuck_script(const char *message)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "accord: %s\n", message);
	if (n > 0 && write(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1) < 0)
		n = 0;
	_exit(EXIT_SCRIPT);
}

int main(int argc, char **argv)
{
	const cli_command *command;
	int rc;

#if defined(__GLIBC__)
	/*
	** A command is a short process that builds large structures and frees
	** them as it goes (the input's copies, a diff's scratch). glibc gives
	** blocks over 128 KiB back to the system when freed, so the next ones
	** fault their pages in again: a third of a 15 MB diff's time (issue 16).
	** Kept in the heap instead, they are reused; the peak is the same.
	*/
	mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
	if (argc < 2)
		return cli_usage_error(NULL, "no command given");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_main_usage();
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return print_version();
	if (strcmp(argv[1], "help") == 0)
		return run_help(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
	command = cli_find_command(argv[1]);
	if (command == NULL)
		return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
	if ((rc = limits_from_environment()) != 0)
		return rc;
	accord_lua_set_stuck_handler(stuck_script);
	return command->run(argc - 1, argv + 1);
}
