/* amend_int.h: the amendment list's private structure, shared by amend*.c and align.c. */
#ifndef ACCORD_AMEND_INT_H
#define ACCORD_AMEND_INT_H

#include "accord/amend.h"
#include "model/doc_int.h"

struct accord_amendment_list {
	accord_arena arena;          /* every string and array of the list */
	accord_amendment **items;    /* in order */
	size_t count, capacity;
	accord_id_index index;       /* id -> accord_amendment */
	const char *party;
	const char *base_name;
	const char *contribution_name;
	/* the last source file and proposer copied: every amendment of a diff repeats them */
	const char *last_source, *last_party;
};

/*
** Copies s into the list's arena (NULL stays NULL, "" is one shared empty
** string); NULL on allocation failure with *failed set.
*/
const char *accord_amend_str(accord_amendment_list *list, const char *s, int *failed);

#endif
