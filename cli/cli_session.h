/* cli_session.h: what the session subcommands (init, submit, ... replay) share. */
#ifndef ACCORD_CLI_SESSION_H
#define ACCORD_CLI_SESSION_H

#include "accord/store.h"

struct accord_session_pack;

/* An open session and, when loaded, the rule pack guarding it. */
typedef struct cli_session {
	accord_session *session;
	struct accord_session_pack *pack; /* NULL when the command needs no rules */
	int watching;                     /* --json on an action: print the events it writes */
	int64_t last_seq;                 /* ... those after this one */
} cli_session;

/*
** Finds a workflow: a path (it has a '/' or ends in ".lua") is taken as
** is (made absolute); a name ("wtpf") is looked up as NAME.lua in
** $ACCORD_WORKFLOWS, then in workflows/ beside the program, one and two
** levels up, and in ../share/accord/workflows. *out is accord_free'd.
** Returns an exit code (EXIT_OK, or EXIT_BAD_INPUT with a message printed).
*/
int cli_workflow_path(char **out, const char *workflow);

/*
** Opens SESSION; with_rules loads its workflow's rule pack over the
** roster kept in the session and sets it as the session's rules. Returns
** an exit code (messages printed).
*/
int cli_session_open(cli_session *cs, const char *path, int with_rules);

/* Closes what cli_session_open opened. */
void cli_session_close(cli_session *cs);

/* Not an exit code: cli_session_parse and cli_session_start found a good command line. */
#define CLI_SESSION_RUN (-1)

/* The options a session subcommand may take besides -h/--help (cli_session_command.options). */
enum {
	CLI_OPTION_AS = 1,  /* -a, --as PARTY (then required) */
	CLI_OPTION_ON = 2,  /* -o, --on ID */
	CLI_OPTION_JSON = 4, /* -j, --json */
	CLI_OPTION_PARTIES = 8 /* -p, --parties */
};

/* The command line of a session subcommand: `accord NAME [OPTIONS] SESSION OPERAND...`. */
typedef struct cli_session_command {
	const char *name;     /* the subcommand, for --help and messages */
	unsigned options;     /* the CLI_OPTION_* it takes */
	int operands;         /* how many operands it takes, SESSION included */
	const char *expected; /* the usage error when it gets another number ("expected one SESSION") */
	int with_rules;       /* cli_session_start loads the session's rule pack */
	int json_events;      /* an action: --json prints the events it writes (cli_session_watch) */
} cli_session_command;

/* What cli_session_parse found on the command line. */
typedef struct cli_session_args {
	const char *party; /* --as PARTY, or NULL */
	const char *on;    /* --on ID, or NULL */
	int json;          /* 1 with --json */
	int parties;       /* 1 with --parties */
	char **operands;   /* command->operands of them, SESSION first; borrowed from argv */
} cli_session_args;

/*
** Parses argv (argv[0] is the subcommand) with getopt_long for the
** options of command. Returns CLI_SESSION_RUN with args filled in, or an
** exit code to return at once: EXIT_OK after --help (printed), EXIT_USAGE
** on a bad command line (message printed).
*/
int cli_session_parse(cli_session_args *args, const cli_session_command *command, int argc, char **argv);

/*
** cli_session_parse, then cli_session_open of SESSION (with the rules
** when command->with_rules). Returns CLI_SESSION_RUN with cs open (close
** it with cli_session_close), or an exit code with nothing open.
*/
int cli_session_start(cli_session *cs, cli_session_args *args, const cli_session_command *command, int argc,
	char **argv);

/*
** Ends a command that ran one store call returning code: reports err when
** code is not ACCORD_OK, else prints fmt on stdout (the events written,
** when watching); then closes cs.
** Returns the exit code.
*/
/*
** --json on a session action: remembers the session's last event, so that
** the events the action writes are printed instead of its report. Call
** it after opening, before the action. Returns an exit code.
*/
int cli_session_watch(cli_session *cs);

/*
** After a watched action committed: prints the events it wrote, one JSON
** object a line (as `accord log --json`). EXIT_OK, or EXIT_RECORDED when
** they cannot be read or written (the action stands).
*/
int cli_session_print_events(cli_session *cs);

/*
** Ends a command that rendered something into out with one store call
** returning code: reports err when code is not ACCORD_OK, else writes out
** on stdout; then disposes of out and closes cs. Returns the exit code.
*/
int cli_session_print(cli_session *cs, int code, const accord_error *err, accord_buf *out);

int cli_session_finish(cli_session *cs, int code, const accord_error *err, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

#endif
