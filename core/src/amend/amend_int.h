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
	char *party;
	char *base_name;
	char *contribution_name;
};

/* Copies s into the list's arena (NULL stays NULL); NULL on allocation failure with *failed set. */
char *accord_amend_str(accord_amendment_list *list, const char *s, int *failed);

#endif
