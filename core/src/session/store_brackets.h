/* store_brackets.h: a session from a bracketed text (store_brackets.c), for store.c and store_revise.c. */
#ifndef ACCORD_STORE_BRACKETS_H
#define ACCORD_STORE_BRACKETS_H

#include "session/store_int.h"

/* The party that tables the text's unattributed questions when the roster has no chair or secretariat. */
#define STORE_BRACKETS_OFFICER "CHAIR"

/*
** Appends to the init payload p (an object not yet closed) the questions
** of init->brackets: ,"officer":{...} (when the session adds one),
** "amendments":[...] (as a submit payload lists them) and "brackets":[...]
** (each question: kind, paragraph or section, the ids of its alternatives).
** roster is the one parsed from init->roster (may be NULL). ACCORD_ENOMEM.
*/
int store_brackets_init_payload(accord_buf *p, const accord_session_init *init, const accord_roster *roster,
	accord_error *err);

/* What a revision does with the questions of a bracketed text: lists for its payload. */
typedef struct store_brackets_result {
	accord_buf incorporated; /* ids of agreed alternatives, comma-separated JSON strings */
	accord_buf carried;      /* {id, target, json} objects */
	accord_buf lapsed;       /* ids of open alternatives of questions resolved */
	accord_buf resolved;     /* the questions resolved (their index in the init payload) */
	size_t n_incorporated, n_carried, n_lapsed, n_resolved;
} store_brackets_result;

/*
** Resolves the questions decided in *doc (the next revision being made,
** read with convention, NULL the built-in one): *doc is replaced by the
** text with their brackets removed, and *r gets the lists for the revise
** event. A session without questions: *r empty, *doc unchanged.
** ACCORD_ECONFLICT (two alternatives of one group agreed), ACCORD_ENOMEM,
** the store's errors.
*/
int store_brackets_revise(store_brackets_result *r, accord_doc **doc, accord_session *s,
	const struct accord_brackets *convention, accord_error *err);
void store_brackets_result_dispose(store_brackets_result *r);

/*
** 1 in *out when amendment id is an alternative of one of the bracketed
** text's questions (the init event lists them): the revision's text shows
** it in its brackets already. 0 for every amendment of another session.
*/
int store_brackets_is_question(int *out, accord_session *s, const char *id, accord_error *err);

#endif
