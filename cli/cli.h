/* cli.h: what the accord program's subcommands share. Only cli/ calls exit(). */
#ifndef ACCORD_CLI_H
#define ACCORD_CLI_H

#include <stdio.h>

#include "accord/common.h"

/* Exit codes, documented in README.md ("Exit codes"). */
enum {
	EXIT_OK = 0,          /* success */
	EXIT_DIFFERENT = 1,   /* differences found (diff), or a check failed (replay) */
	EXIT_USAGE = 2,       /* bad command line */
	EXIT_BAD_INPUT = 3,   /* malformed, empty, binary or invalid UTF-8 input; unknown ids */
	EXIT_SCRIPT = 4,      /* a script failed or hit its memory/instruction limit */
	EXIT_STORE = 5,       /* a storage or I/O failure (files, the session store) */
	EXIT_REFUSED = 6,     /* the procedure refused the action, or an illegal transition */
	EXIT_RECORDED = 7,    /* a session action was recorded, but its report could not be written */
	EXIT_INTERNAL = 70    /* out of memory or an internal error */
};

/* A subcommand: `accord NAME ARGS...`. run gets argv with argv[0] == NAME. */
typedef struct cli_command {
	const char *name;
	const char *summary; /* one line, for `accord --help` */
	const char *usage;   /* the full help text, for `accord help NAME` and `NAME --help` */
	int (*run)(int argc, char **argv);
} cli_command;

/* The command table (cli/main.c) and lookup by name. */
const cli_command *cli_find_command(const char *name);

/* Prints the usage of command NAME on stdout (for NAME --help); returns an exit code. */
int cli_help(const char *name);

/*
** Reports a getopt_long failure of `command` (opt is getopt's return: '?'
** or ':') and returns EXIT_USAGE. Set `optind = 1; opterr = 0;` and start
** the optstring with ':' so that getopt itself prints nothing.
*/
int cli_bad_option(const char *command, int opt, char **argv);

/* Maps an accord_code to the exit code above. */
int cli_exit_code(int code);

/*
** Prints an error as "accord: FILE:LINE:COL: message" (the parts that are
** known) on stderr and returns cli_exit_code(err->code).
*/
int cli_report(const accord_error *err);

/* Prints "accord: <formatted>" on stderr and returns exit_code. */
int cli_fail(int exit_code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints "accord: <what>\nTry 'accord help <command>'." on stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
** After a session action committed: flushes what was printed to stdout.
** When it cannot be written, says the action WAS recorded (so that nobody
** runs it again and records it twice) and returns EXIT_RECORDED; else
** EXIT_OK.
*/
int cli_write_recorded(void);

/* Writes data to stdout and checks ferror/fflush; returns EXIT_OK or EXIT_STORE. */
int cli_write_stdout(const char *data, size_t len);

/* Writes data to path ("-": stdout) atomically (temp file + rename). */
int cli_write_file(const char *path, const char *data, size_t len);

/*
** Output written piece by piece (a streaming core writer's sink): to standard
** output when path is NULL or "-", else to a temporary file beside path that
** cli_out_commit renames over it, so a failed command leaves path as it was
** (a device or pipe is written in place). cli_out_write is an accord_sink
** write function (ctx: the cli_out); a write error is kept and reported by
** cli_out_commit, which also closes. cli_out_abort drops what was written.
*/
typedef struct cli_out {
	const char *path; /* NULL: standard output */
	accord_buf temp;  /* the temporary file's name, when there is one */
	int fd;
	int error; /* errno of the first failed write, 0 if none */
} cli_out;

int cli_out_open(cli_out *o, const char *path);
int cli_out_write(void *ctx, const char *data, size_t len);
int cli_out_commit(cli_out *o);
void cli_out_abort(cli_out *o);

/*
** Refuses to write a binary format (docx, an accord_format) to standard
** output when that is a terminal (output NULL or "-"): prints a usage
** error for command and returns EXIT_USAGE; else EXIT_OK.
*/
int cli_check_binary_output(const char *command, int format, const char *output);

/* Reads text as a positive decimal number into *out; 0, or -1 (and *out untouched) when it is not one. */
int cli_parse_count(const char *text, unsigned long long *out);

/*
** Prepares the heap for a command about to read the regular files among
** paths (heap.c): from 2 MB of input, one growth advised for huge pages.
*/
void cli_heap_for_inputs(char *const *paths, size_t n);

/* 1 when colour should be used on this stream (a terminal, NO_COLOR unset). */
int cli_use_color(FILE *stream);

/* Prints the parse warnings of a document on stderr as "accord: FILE:LINE:COL: warning: ...". */
struct accord_doc;
void cli_print_warnings(const struct accord_doc *doc, const char *name);
/*
** One warning line per place of a contribution that looks like a flattened
** tracked change (accord_amendments_flattened), then one asking for the
** .docx; nothing when there is none. base and contrib may be NULL. source
** is the contribution's text, for the columns; NULL: path is read again
** (not when it is '-' or a .docx). Never fails: a check that cannot run
** prints nothing.
*/
struct accord_amendment_list;
void cli_print_flattened(const struct accord_amendment_list *list, const struct accord_doc *base,
	const struct accord_doc *contrib, const char *path, const char *source, size_t source_len);
/* The same lines appended to out, for a command that prints them only once it has succeeded. */
void cli_flattened_warnings(accord_buf *out, const struct accord_amendment_list *list, const struct accord_doc *base,
	const struct accord_doc *contrib, const char *path, const char *source, size_t source_len);

/*
** The subcommands, one line each: CLI_DECLARE(NAME) declares
** `int cmd_NAME(int argc, char **argv)` (argv[0] is "NAME") and
** `const char cmd_NAME_usage[]` (its help text), both defined in
** cli/cmd_NAME.c; each also has a row in the table in cli/main.c.
*/
#define CLI_DECLARE(name) \
	extern const char cmd_##name##_usage[]; \
	int cmd_##name(int argc, char **argv)

CLI_DECLARE(parse);
CLI_DECLARE(brackets);
CLI_DECLARE(diff);
CLI_DECLARE(apply);
CLI_DECLARE(workflow);
CLI_DECLARE(run);
CLI_DECLARE(consolidate);
CLI_DECLARE(compile);
CLI_DECLARE(init);
CLI_DECLARE(submit);
CLI_DECLARE(propose);
CLI_DECLARE(cosponsor);
CLI_DECLARE(withdraw);
CLI_DECLARE(comment);
CLI_DECLARE(position);
CLI_DECLARE(decide);
CLI_DECLARE(vote);
CLI_DECLARE(stage);
CLI_DECLARE(status);
CLI_DECLARE(list);
CLI_DECLARE(log);
CLI_DECLARE(text);
CLI_DECLARE(revise);
CLI_DECLARE(replay);
CLI_DECLARE(simulate);
CLI_DECLARE(forecast);

#endif
