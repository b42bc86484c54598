/*
** issues.h: contested issues on a 0-100 scale, as in the DEU datasets
** ("Decision-making in the European Union", docs/forecast.md).
**
** One issue is a question of a legislative negotiation: each actor's
** position on a 0-100 scale and how much it matters to it (salience), the
** reference point (what holds if nothing is agreed) and, once known, the
** outcome adopted. The actors are the Commission, the European Parliament
** and the 28 member states, in the order of accord_issue_actor().
*/
#ifndef ACCORD_ISSUES_H
#define ACCORD_ISSUES_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Actors of an issue: the Commission, the Parliament and the 28 member states. */
#define ACCORD_ISSUE_ACTORS 30
#define ACCORD_ISSUE_COM 0 /* index of the Commission */
#define ACCORD_ISSUE_EP 1  /* index of the European Parliament */

/*
** The data's code of actor i (0 <= i < ACCORD_ISSUE_ACTORS): "com", "ep",
** then the member states as the DEU files spell them ("at", "be", "bu",
** "cr", ... "uk"); its columns are "p" and "s" + the code. NULL past the end.
*/
ACCORD_API const char *accord_issue_actor(unsigned i);

/* One contested issue. Scores are on 0-100; a has_* flag of 0 means no value. */
typedef struct accord_issue {
	char *id;                                  /* isnr: the issue id */
	char *proc;                                /* proc: "COD", "CNS", ... ("" when empty) */
	char *vote;                                /* counvte: the Council's rule, "QMV", "Unan" ... ("" when empty) */
	char *type;                                /* type: "Reg", "Dir", "Dec" ... ("" when empty) */
	char *intro;                               /* intro: the date introduced, as written ("" when absent) */
	double pos[ACCORD_ISSUE_ACTORS];           /* positions */
	double sal[ACCORD_ISSUE_ACTORS];           /* saliences (meaningful where has_sal) */
	unsigned char has_pos[ACCORD_ISSUE_ACTORS];/* 1: the actor has a position */
	unsigned char has_sal[ACCORD_ISSUE_ACTORS];/* 1: the actor has a salience */
	double rp;                                 /* the reference point */
	double out;                                /* the outcome adopted */
	int has_rp, has_out;                       /* 1: rp / out given */
	unsigned line;                             /* the line of the file */
} accord_issue;

/* Issues read from a file, in file order. */
typedef struct accord_issues {
	accord_issue *items;
	size_t count;
} accord_issues;

/*
** Reads DEU-format issues: tab-separated, a header line naming the columns
** (any order; columns not listed are ignored), one issue a line. Required
** columns: isnr, proc, rp, and p/s for every actor; counvte, type, intro
** and out are optional. An empty cell is no value. Fails with
** ACCORD_EPARSE (err at name:line:col) for a number that is not one or a
** score outside 0-100, ACCORD_ESCHEMA for a missing required column, a
** short row, an empty or repeated isnr, ACCORD_EEMPTY for no issue,
** ACCORD_ENOMEM. *out is NULL on failure; free it with accord_issues_free.
*/
ACCORD_API int accord_issues_read(accord_issues **out, const char *data, size_t len, const char *name,
	accord_error *err);
ACCORD_API void accord_issues_free(accord_issues *issues);

/*
** The simple baselines of the DEU literature, 0 when no actor has a
** position (*ok 0): the compromise model, the salience-weighted mean of
** the positions (a missing salience counts as 50), and the median actor's
** position (the mean of the two middle ones for an even count).
*/
ACCORD_API double accord_issue_compromise(const accord_issue *issue, int *ok);
ACCORD_API double accord_issue_median(const accord_issue *issue, int *ok);

#ifdef __cplusplus
}
#endif
#endif
