/* roster.c: parties, roles and groups from a YAML roster (accord/roster.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "accord/roster.h"

typedef struct named_entry {
	char *id;
	char *description;
} named_entry;

struct accord_party {
	char *code;
	char *name;
	char *role;
	char **groups;
	size_t group_count;
	char **aliases; /* other names it signs with (a Word file's authors, a comment's prefix) */
	size_t alias_count;
	unsigned line;
};

struct accord_roster {
	char *body;
	named_entry *roles;
	size_t role_count;
	named_entry *groups;
	size_t group_count;
	accord_party *parties;
	size_t party_count;
};

/* Parsing context: the loaded YAML document and where errors go. */
typedef struct roster_reader {
	yaml_document_t *doc;
	const char *name;
	accord_error *err;
} roster_reader;

static int fail_at(roster_reader *r, const yaml_node_t *node, const char *what, const char *detail)
{
	if (strcmp(what, "roster") == 0)
		accord_error_set(r->err, ACCORD_ESCHEMA, "roster: %s", detail ? detail : "invalid");
	else
		accord_error_set(r->err, ACCORD_ESCHEMA, "roster: %s%s%s", what, detail ? ": " : "", detail ? detail : "");
	accord_error_at(r->err, r->name, node ? (unsigned)node->start_mark.line + 1 : 0,
		node ? (unsigned)node->start_mark.column + 1 : 0);
	return ACCORD_ESCHEMA;
}

static const char *scalar_of(const yaml_node_t *node)
{
	return (node && node->type == YAML_SCALAR_NODE) ? (const char *)node->data.scalar.value : NULL;
}

/* A non-empty scalar copied into *out, or an error naming `what`. */
static int take_string(roster_reader *r, yaml_node_t *node, const char *what, char **out)
{
	const char *value = scalar_of(node);
	if (value == NULL || value[0] == '\0')
		return fail_at(r, node, what, "expected a non-empty string");
	/* A "\0" escape in a quoted scalar would cut the string short here, silently. */
	if (strlen(value) != node->data.scalar.length)
		return fail_at(r, node, what, "no NUL characters allowed");
	*out = accord_strdup(value);
	if (*out == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	return 0;
}

/* A mapping id -> description (roles, groups). */
static int read_named_map(roster_reader *r, yaml_node_t *node, const char *what, named_entry **out, size_t *count)
{
	yaml_node_pair_t *pair;
	size_t n, i;

	if (node->type != YAML_MAPPING_NODE)
		return fail_at(r, node, what, "expected a mapping of id: description");
	n = (size_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
	*out = accord_calloc(n ? n : 1, sizeof(**out));
	if (*out == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	for (i = 0, pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++, i++) {
		yaml_node_t *key = yaml_document_get_node(r->doc, pair->key);
		yaml_node_t *value = yaml_document_get_node(r->doc, pair->value);
		size_t j;
		int rc;
		*count = i;
		if ((rc = take_string(r, key, what, &(*out)[i].id)) != 0)
			return rc;
		*count = i + 1;
		for (j = 0; j < i; j++)
			if (strcmp((*out)[j].id, (*out)[i].id) == 0)
				return fail_at(r, key, what, "duplicate id");
		if ((rc = take_string(r, value, what, &(*out)[i].description)) != 0)
			return rc;
	}
	*count = n;
	return 0;
}

static int declared(const named_entry *entries, size_t count, const char *id)
{
	size_t i;
	for (i = 0; i < count; i++)
		if (strcmp(entries[i].id, id) == 0)
			return 1;
	return 0;
}

/* 1 when s[0..len) is `name` without regard to ASCII case. */
static int same_name(const char *name, const char *s, size_t len)
{
	return name != NULL && strlen(name) == len && strncasecmp(name, s, len) == 0;
}

/* A list of strings (a party's groups, its aliases): *out gets them, *count how many were read. */
static int read_list(roster_reader *r, yaml_node_t *value, const char *what, const char *expected, char ***out,
	size_t *count)
{
	yaml_node_item_t *item;
	size_t n, i;
	int rc;
	if (value->type != YAML_SEQUENCE_NODE)
		return fail_at(r, value, what, expected);
	n = (size_t)(value->data.sequence.items.top - value->data.sequence.items.start);
	if ((*out = accord_calloc(n ? n : 1, sizeof(char *))) == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	for (i = 0, item = value->data.sequence.items.start; item < value->data.sequence.items.top; item++, i++) {
		if ((rc = take_string(r, yaml_document_get_node(r->doc, *item), strcmp(what, "party groups") == 0 ? "party group" : "party alias", &(*out)[i])) != 0)
			return rc;
		*count = i + 1;
	}
	return 0;
}

static int read_party(roster_reader *r, accord_roster *roster, yaml_node_t *node, accord_party *party)
{
	yaml_node_pair_t *pair;
	size_t i;
	int rc;

	party->line = (unsigned)node->start_mark.line + 1;
	if (node->type != YAML_MAPPING_NODE)
		return fail_at(r, node, "parties", "each party is a mapping with code, name, role, groups, aliases");
	for (pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = yaml_document_get_node(r->doc, pair->key);
		yaml_node_t *value = yaml_document_get_node(r->doc, pair->value);
		const char *k = scalar_of(key);
		char **slot = NULL;
		if (k == NULL)
			return fail_at(r, key, "party", "keys are strings");
		if (strcmp(k, "code") == 0)
			slot = &party->code;
		else if (strcmp(k, "name") == 0)
			slot = &party->name;
		else if (strcmp(k, "role") == 0)
			slot = &party->role;
		else if (strcmp(k, "groups") == 0) {
			if (party->groups != NULL)
				return fail_at(r, key, "party", "duplicate key");
			if ((rc = read_list(r, value, "party groups", "expected one list of group ids", &party->groups, &party->group_count)) != 0)
				return rc;
			for (i = 0; i < party->group_count; i++)
				if (roster->group_count > 0 && !declared(roster->groups, roster->group_count, party->groups[i]))
					return fail_at(r, yaml_document_get_node(r->doc, value->data.sequence.items.start[i]),
						"party group", "not declared under groups");
			continue;
		} else if (strcmp(k, "aliases") == 0) {
			if (party->aliases != NULL)
				return fail_at(r, key, "party", "duplicate key");
			if ((rc = read_list(r, value, "party aliases", "expected one list of names", &party->aliases, &party->alias_count)) != 0)
				return rc;
			for (i = 0; i < party->alias_count; i++)
				if (party->aliases[i][0] == '\0')
					return fail_at(r, yaml_document_get_node(r->doc, value->data.sequence.items.start[i]),
						"party alias", "an alias cannot be empty");
			continue;
		} else {
			return fail_at(r, key, "party", "unknown key (code, name, role, groups, aliases)");
		}
		if (*slot != NULL)
			return fail_at(r, key, "party", "duplicate key");
		if ((rc = take_string(r, value, k, slot)) != 0)
			return rc;
	}
	if (party->code == NULL)
		return fail_at(r, node, "party", "missing code");
	if (accord_party_code_check(party->code, NULL) != ACCORD_OK)
		return fail_at(r, node, "party code",
			strpbrk(party->code, " \t\r\n") != NULL ? "no spaces allowed"
			: strchr(party->code, '/') != NULL	 ? "no '/' allowed"
			: strchr(party->code, ',') != NULL	 ? "no ',' allowed"
							 : "no control characters allowed");
	if (party->name == NULL)
		return fail_at(r, node, "party", "missing name");
	if (party->role == NULL)
		return fail_at(r, node, "party", "missing role");
	if (!declared(roster->roles, roster->role_count, party->role))
		return fail_at(r, node, "party role", "not declared under roles");
	return 0;
}

/* Code comparison for sorting: without regard to case, then file order. */
static int compare_codes(const void *a, const void *b)
{
	const accord_party *const *pa = a, *const *pb = b;
	int c = strcasecmp((*pa)->code, (*pb)->code);
	return c != 0 ? c : (*pa < *pb ? -1 : *pa > *pb);
}

/*
** Refuses two parties whose codes are equal without regard to case ("USA"
** and "usa" are one party to the people typing them), at the later of the
** first such pair in file order. Sorting keeps it n log n for any roster.
*/
static int check_unique_codes(roster_reader *r, const accord_roster *roster, yaml_node_t *parties)
{
	const accord_party **sorted;
	size_t i, n = roster->party_count, later = n, earlier = 0;
	if (n < 2)
		return 0;
	sorted = accord_malloc(n * sizeof *sorted);
	if (sorted == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		sorted[i] = &roster->parties[i];
	qsort(sorted, n, sizeof *sorted, compare_codes);
	for (i = 1; i < n; i++)
		if (strcasecmp(sorted[i - 1]->code, sorted[i]->code) == 0 && (size_t)(sorted[i] - roster->parties) < later) {
			later = (size_t)(sorted[i] - roster->parties);
			earlier = (size_t)(sorted[i - 1] - roster->parties);
		}
	accord_free(sorted);
	if (later == n)
		return 0;
	{
		yaml_node_t *node = yaml_document_get_node(r->doc, parties->data.sequence.items.start[later]);
		if (strcmp(roster->parties[earlier].code, roster->parties[later].code) == 0)
			return fail_at(r, node, "party code", "duplicate code");
		char detail[256];
		snprintf(detail, sizeof detail, "duplicate code: '%.80s' is '%.80s' (codes are matched without regard to case)",
			roster->parties[later].code, roster->parties[earlier].code);
		return fail_at(r, node, "party code", detail);
	}
}

/* 1 when the party answers to `who`: its code, its name or one of its aliases (ASCII case ignored). */
static int answers_to(const accord_party *p, const char *who, size_t len)
{
	size_t j;
	if (same_name(p->code, who, len) || same_name(p->name, who, len))
		return 1;
	for (j = 0; j < p->alias_count; j++)
		if (same_name(p->aliases[j], who, len))
			return 1;
	return 0;
}

/* An alias names one party: not another party's code, name or alias. */
static int check_aliases(roster_reader *r, accord_roster *roster, yaml_node_t *parties)
{
	size_t i, j, k;
	for (i = 0; i < roster->party_count; i++)
		for (j = 0; j < roster->parties[i].alias_count; j++) {
			const char *alias = roster->parties[i].aliases[j];
			for (k = 0; k < roster->party_count; k++)
				if (k != i && answers_to(&roster->parties[k], alias, strlen(alias))) {
					char detail[256];
					snprintf(detail, sizeof detail, "alias '%.80s' of %.40s also names %.40s", alias,
						roster->parties[i].code, roster->parties[k].code);
					return fail_at(r, yaml_document_get_node(r->doc, parties->data.sequence.items.start[i]),
						"party alias", detail);
				}
		}
	return 0;
}

static int read_roster(roster_reader *r, accord_roster *roster)
{
	yaml_node_t *root = yaml_document_get_root_node(r->doc);
	yaml_node_t *parties = NULL, *roles = NULL, *groups = NULL;
	yaml_node_pair_t *pair;
	yaml_node_item_t *item;
	size_t n, i;
	int rc;

	if (root == NULL) {
		accord_error_set(r->err, ACCORD_EEMPTY, "roster: the file is empty");
		accord_error_at(r->err, r->name, 0, 0);
		return ACCORD_EEMPTY;
	}
	if (root->type != YAML_MAPPING_NODE)
		return fail_at(r, root, "roster", "expected a mapping with roles and parties");
	for (pair = root->data.mapping.pairs.start; pair < root->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = yaml_document_get_node(r->doc, pair->key);
		yaml_node_t *value = yaml_document_get_node(r->doc, pair->value);
		const char *k = scalar_of(key);
		if (k == NULL)
			return fail_at(r, key, "roster", "keys are strings");
		if (strcmp(k, "body") == 0) {
			if (roster->body != NULL)
				return fail_at(r, key, "roster", "duplicate key");
			if ((rc = take_string(r, value, "body", &roster->body)) != 0)
				return rc;
		} else if (strcmp(k, "roles") == 0 && roles == NULL)
			roles = value;
		else if (strcmp(k, "groups") == 0 && groups == NULL)
			groups = value;
		else if (strcmp(k, "parties") == 0 && parties == NULL)
			parties = value;
		else
			return fail_at(r, key, "roster", "unknown or duplicate key (body, roles, groups, parties)");
	}
	if (roles == NULL)
		return fail_at(r, root, "roster", "missing roles");
	if (parties == NULL)
		return fail_at(r, root, "roster", "missing parties");
	if ((rc = read_named_map(r, roles, "roles", &roster->roles, &roster->role_count)) != 0)
		return rc;
	if (groups != NULL && (rc = read_named_map(r, groups, "groups", &roster->groups, &roster->group_count)) != 0)
		return rc;
	if (parties->type != YAML_SEQUENCE_NODE)
		return fail_at(r, parties, "parties", "expected a list");
	n = (size_t)(parties->data.sequence.items.top - parties->data.sequence.items.start);
	if (n == 0)
		return fail_at(r, parties, "parties", "the list is empty");
	roster->parties = accord_calloc(n, sizeof(accord_party));
	if (roster->parties == NULL)
		return accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	for (i = 0, item = parties->data.sequence.items.start; item < parties->data.sequence.items.top; item++, i++) {
		yaml_node_t *node = yaml_document_get_node(r->doc, *item);
		roster->party_count = i + 1;
		if ((rc = read_party(r, roster, node, &roster->parties[i])) != 0)
			return rc;
	}
	if ((rc = check_unique_codes(r, roster, parties)) != 0)
		return rc;
	return check_aliases(r, roster, parties);
}

/* A roster is a few levels deep. libyaml's scanner does work proportional to the open
 * flow collections for every token, so 100,000 nested '{' took half a minute to load:
 * the event stream is walked first and loading stops at ROSTER_MAX_DEPTH. Aliases are
 * refused in the same walk, as the document reader refuses them: each reference to an
 * anchored string was copied, so a 1 MB roster naming 20,000 parties by one 100 kB alias
 * took 2 GB. Returns ROSTER_TOO_DEEP or ROSTER_ALIAS (and where); 0 otherwise, YAML errors
 * included (yaml_parser_load reports them). */
#define ROSTER_MAX_DEPTH 64
enum { ROSTER_TOO_DEEP = 1, ROSTER_ALIAS = 2 };

static int refused_shape(const char *data, size_t len, yaml_mark_t *where)
{
	yaml_parser_t parser;
	yaml_event_t event;
	int depth = 0, deep = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)(data ? data : ""), len);
	while (!done && !deep && yaml_parser_parse(&parser, &event)) {
		if (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT) {
			if (++depth > ROSTER_MAX_DEPTH) {
				deep = ROSTER_TOO_DEEP;
				*where = event.start_mark;
			}
		} else if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (event.type == YAML_ALIAS_EVENT) {
			deep = ROSTER_ALIAS;
			*where = event.start_mark;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return deep;
}

int accord_roster_parse(accord_roster **out, const char *data, size_t len, const char *name, accord_error *err)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_mark_t mark;
	int parser_ready = 0, doc_ready = 0, shape;
	accord_roster *roster = NULL;
	roster_reader reader;
	int rc = 0;

	if (out == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_roster_parse: out is NULL");
	*out = NULL;
	if (data == NULL && len > 0)
		return accord_error_set(err, ACCORD_EINVAL, "accord_roster_parse: data is NULL");
	roster = accord_calloc(1, sizeof(*roster));
	if (roster == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	if (!yaml_parser_initialize(&parser)) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	parser_ready = 1;
	if ((shape = refused_shape(data, len, &mark)) != 0) {
		if (shape == ROSTER_ALIAS)
			rc = accord_error_set(err, ACCORD_ESCHEMA, "roster: aliases (*name) are not supported");
		else
			rc = accord_error_set(err, ACCORD_ESCHEMA, "roster: nested too deeply (more than %d levels)",
				ROSTER_MAX_DEPTH);
		accord_error_at(err, name, (unsigned)mark.line + 1, (unsigned)mark.column + 1);
		goto cleanup;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)(data ? data : ""), len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = accord_error_set(err, parser.error == YAML_MEMORY_ERROR ? ACCORD_ENOMEM : ACCORD_EPARSE, "roster: %s%s%s",
			parser.problem ? parser.problem : "malformed YAML", parser.context ? " " : "",
			parser.context ? parser.context : "");
		accord_error_at(err, name, (unsigned)parser.problem_mark.line + 1, (unsigned)parser.problem_mark.column + 1);
		goto cleanup;
	}
	doc_ready = 1;
	reader.doc = &doc;
	reader.name = name;
	reader.err = err;
	rc = read_roster(&reader, roster);
	if (rc != 0)
		goto cleanup;
	*out = roster;
	roster = NULL;
cleanup:
	if (doc_ready)
		yaml_document_delete(&doc);
	if (parser_ready)
		yaml_parser_delete(&parser);
	accord_roster_free(roster);
	return rc;
}

int accord_roster_load(accord_roster **out, const char *path, accord_error *err)
{
	accord_buf data = ACCORD_BUF_INIT;
	int rc;
	if (out != NULL)
		*out = NULL;
	rc = accord_read_file(&data, path, err);
	if (rc == 0)
		rc = accord_roster_parse(out, data.ptr, data.size, path, err);
	accord_buf_dispose(&data);
	return rc;
}

static void free_named(named_entry *entries, size_t count)
{
	size_t i;
	if (entries == NULL)
		return;
	for (i = 0; i < count; i++) {
		accord_free(entries[i].id);
		accord_free(entries[i].description);
	}
	accord_free(entries);
}

void accord_roster_free(accord_roster *roster)
{
	size_t i, j;
	if (roster == NULL)
		return;
	for (i = 0; i < roster->party_count; i++) {
		accord_party *p = &roster->parties[i];
		accord_free(p->code);
		accord_free(p->name);
		accord_free(p->role);
		for (j = 0; j < p->group_count; j++)
			accord_free(p->groups[j]);
		accord_free(p->groups);
		for (j = 0; j < p->alias_count; j++)
			accord_free(p->aliases[j]);
		accord_free(p->aliases);
	}
	accord_free(roster->parties);
	free_named(roster->roles, roster->role_count);
	free_named(roster->groups, roster->group_count);
	accord_free(roster->body);
	accord_free(roster);
}

const char *accord_roster_body(const accord_roster *roster)
{
	return roster ? roster->body : NULL;
}

size_t accord_roster_role_count(const accord_roster *roster)
{
	return roster ? roster->role_count : 0;
}

const char *accord_roster_role(const accord_roster *roster, size_t i, const char **description)
{
	if (roster == NULL || i >= roster->role_count)
		return NULL;
	if (description)
		*description = roster->roles[i].description;
	return roster->roles[i].id;
}

size_t accord_roster_group_count(const accord_roster *roster)
{
	return roster ? roster->group_count : 0;
}

const char *accord_roster_group(const accord_roster *roster, size_t i, const char **description)
{
	if (roster == NULL || i >= roster->group_count)
		return NULL;
	if (description)
		*description = roster->groups[i].description;
	return roster->groups[i].id;
}

size_t accord_roster_party_count(const accord_roster *roster)
{
	return roster ? roster->party_count : 0;
}

const accord_party *accord_roster_party(const accord_roster *roster, size_t i)
{
	return (roster && i < roster->party_count) ? &roster->parties[i] : NULL;
}

const accord_party *accord_roster_find(const accord_roster *roster, const char *code)
{
	size_t i;
	if (roster == NULL || code == NULL)
		return NULL;
	for (i = 0; i < roster->party_count; i++)
		if (strcasecmp(roster->parties[i].code, code) == 0)
			return &roster->parties[i];
	return NULL;
}

/* The edit distance between a and b without regard to case, or max + 1 when above max. */
static size_t distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j, row[33], prev, tmp, best;
	if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			tmp = row[j];
			row[j] = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
			if (prev + cost < row[j])
				row[j] = prev + cost;
			prev = tmp;
			if (row[j] < best)
				best = row[j];
		}
		if (best > max)
			return max + 1;
	}
	return row[lb];
}

const char *accord_roster_suggest(const accord_roster *roster, const char *code)
{
	const char *found = NULL;
	size_t i, d, best = 3;
	if (roster == NULL || code == NULL || code[0] == '\0')
		return NULL;
	for (i = 0; i < roster->party_count; i++) {
		d = distance(code, roster->parties[i].code, best - 1);
		if (d < best) {
			best = d;
			found = roster->parties[i].code;
		}
	}
	return found;
}

const char *accord_party_code(const accord_party *party)
{
	return party ? party->code : NULL;
}

const char *accord_party_name(const accord_party *party)
{
	return party ? party->name : NULL;
}

const char *accord_party_role(const accord_party *party)
{
	return party ? party->role : NULL;
}

size_t accord_party_group_count(const accord_party *party)
{
	return party ? party->group_count : 0;
}

const char *accord_party_group(const accord_party *party, size_t i)
{
	return (party && i < party->group_count) ? party->groups[i] : NULL;
}

int accord_party_in_group(const accord_party *party, const char *group)
{
	size_t i;
	if (party == NULL || group == NULL)
		return 0;
	for (i = 0; i < party->group_count; i++)
		if (strcmp(party->groups[i], group) == 0)
			return 1;
	return 0;
}

size_t accord_party_alias_count(const accord_party *party)
{
	return party ? party->alias_count : 0;
}

const char *accord_party_alias(const accord_party *party, size_t i)
{
	return (party && i < party->alias_count) ? party->aliases[i] : NULL;
}

const accord_party *accord_roster_match(const accord_roster *roster, const char *who, size_t len)
{
	size_t i;
	if (roster == NULL || who == NULL)
		return NULL;
	for (i = 0; i < roster->party_count; i++)
		if (answers_to(&roster->parties[i], who, len))
			return &roster->parties[i];
	return NULL;
}

unsigned accord_party_line(const accord_party *party)
{
	return party ? party->line : 0;
}

int accord_party_code_check(const char *code, accord_error *err)
{
	const unsigned char *p;
	if (code == NULL || code[0] == '\0')
		return accord_error_set(err, ACCORD_EINVAL, "a party code cannot be empty");
	for (p = (const unsigned char *)code; *p; p++)
		if (*p == '/' || *p == ',' || *p == ' ' || *p < 0x20 || *p == 0x7f)
			return accord_error_set(err, ACCORD_EINVAL,
				"a party code has no '/', ',', blank or control character ('%s')", code);
	return ACCORD_OK;
}
