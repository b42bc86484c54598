/* cli_session.h: what the session subcommands (init, submit, ... replay) share. */
#ifndef ACCORD_CLI_SESSION_H
#define ACCORD_CLI_SESSION_H

#include "accord/store.h"

struct accord_session_pack;

/* An open session and, when loaded, the rule pack guarding it. */
typedef struct cli_session {
	accord_session *session;
	struct accord_session_pack *pack; /* NULL when the command needs no rules */
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

#endif
