/*
** accord/roster.h: the parties to a negotiation, read from a YAML roster.
**
**   body: ITU WTPF-13               # optional: the body the roster is for
**   roles:                          # role id -> description (required)
**     member_state: ITU Member State
**   groups:                         # group id -> description (optional)
**     CITEL: Inter-American Telecommunication Commission
**   parties:                        # required, at least one
**     - code: USA                   # unique, no spaces or /
**       name: United States
**       role: member_state          # one of roles
**       groups: [CITEL]             # each one of groups (when groups is given)
**       aliases: [US Delegation]    # optional: other names it signs with
**
** Reading is strict: an unknown key, a missing field, a duplicate code or
** an undeclared role or group fails with ACCORD_ESCHEMA and the line:col
** of the offending node, as do aliases (*name), a NUL in a string and more
** than 64 levels of nesting; malformed YAML fails with ACCORD_EPARSE.
** Ownership: the roster owns every party and string; getters borrow them
** until accord_roster_free.
*/
#ifndef ACCORD_ROSTER_H
#define ACCORD_ROSTER_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accord_roster accord_roster;
typedef struct accord_party accord_party;

/* Parses data[0..len); name is used in errors (err->file). */
ACCORD_API int accord_roster_parse(accord_roster **out, const char *data, size_t len, const char *name,
	accord_error *err);
/* Reads and parses a file ("-": standard input). */
ACCORD_API int accord_roster_load(accord_roster **out, const char *path, accord_error *err);
ACCORD_API void accord_roster_free(accord_roster *roster);

/* The body named by the roster, or NULL. */
ACCORD_API const char *accord_roster_body(const accord_roster *roster);

/* Declared roles and groups, in file order; *description (may be NULL) gets the text. */
ACCORD_API size_t accord_roster_role_count(const accord_roster *roster);
ACCORD_API const char *accord_roster_role(const accord_roster *roster, size_t i, const char **description);
ACCORD_API size_t accord_roster_group_count(const accord_roster *roster);
ACCORD_API const char *accord_roster_group(const accord_roster *roster, size_t i, const char **description);

/*
** Parties, in file order; find by code, without regard to case ("usa"
** finds USA: a roster never has two codes that differ only in case), NULL
** when absent.
*/
ACCORD_API size_t accord_roster_party_count(const accord_roster *roster);
ACCORD_API const accord_party *accord_roster_party(const accord_roster *roster, size_t i);
ACCORD_API const accord_party *accord_roster_find(const accord_roster *roster, const char *code);
/*
** The roster's code nearest to an unknown one (at most two letters
** inserted, deleted or changed, without regard to case), for a "did you
** mean" hint; NULL when none is that near. Borrowed from the roster.
*/
ACCORD_API const char *accord_roster_suggest(const accord_roster *roster, const char *code);

ACCORD_API const char *accord_party_code(const accord_party *party);
ACCORD_API const char *accord_party_name(const accord_party *party);
ACCORD_API const char *accord_party_role(const accord_party *party);
ACCORD_API size_t accord_party_group_count(const accord_party *party);
ACCORD_API const char *accord_party_group(const accord_party *party, size_t i);
/*
** Its aliases: other names the party signs with (the author names of a
** Word file's tracked changes, the prefix of a comment), in file order. An
** alias names one party: a roster whose alias is another party's code,
** name or alias fails with ACCORD_ESCHEMA.
*/
ACCORD_API size_t accord_party_alias_count(const accord_party *party);
ACCORD_API const char *accord_party_alias(const accord_party *party, size_t i);
/*
** The party who[0..len) names: its code, its name or one of its aliases,
** without regard to ASCII case; NULL when none does.
*/
ACCORD_API const accord_party *accord_roster_match(const accord_roster *roster, const char *who, size_t len);
/* 1 when the party belongs to the group, 0 when not. */
ACCORD_API int accord_party_in_group(const accord_party *party, const char *group);
/* The line of the party's entry in the roster file. */
ACCORD_API unsigned accord_party_line(const accord_party *party);

/*
** The one rule for a party code, applied wherever a code comes in (rosters,
** accord_doc_diff, consolidation, the command line, the Lua module): not
** empty, and no '/' (amendment ids are CODE/N), no ',' (lists of codes and
** ids are comma-separated), no blank and no control character. Returns
** ACCORD_OK, or ACCORD_EINVAL with err's message naming the code and the rule.
*/
ACCORD_API int accord_party_code_check(const char *code, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
