/*
** simulate_result.c: the aggregate of simulated runs (accord_simulate.h):
** adding runs, merging shards, writing and reading it as JSON, a readable
** summary.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw_int.h"
#include "simulate_int.h"

static const char *const outcome_names[SIM_OUTCOMES] = {"agreed", "agreed_ad_ref", "compromise", "rejected", "open",
	"other"};
static const char *const position_names[SIM_POSITIONS] = {"silent", "support", "object", "abstain", "reserve"};

int sim_alloc_counts(accord_sim *sim, accord_error *err)
{
	size_t items = sim->n_items ? sim->n_items : 1, parties = sim->n_parties ? sim->n_parties : 1;
	sim->outcome = accord_calloc(items * SIM_OUTCOMES, sizeof *sim->outcome);
	sim->decided_at = accord_calloc(items, sizeof *sim->decided_at);
	sim->paras_clean = accord_calloc(sim->n_paras ? sim->n_paras : 1, sizeof *sim->paras_clean);
	sim->positions = accord_calloc(parties * items * SIM_POSITIONS, sizeof *sim->positions);
	sim->pivotal = accord_calloc(parties, sizeof *sim->pivotal);
	sim->pivotal_items = accord_calloc(parties * items, sizeof *sim->pivotal_items);
	sim->open_after = accord_calloc(sim->n_stages ? sim->n_stages : 1, sizeof *sim->open_after);
	sim->last_stage = accord_calloc(sim->n_stages ? sim->n_stages : 1, sizeof *sim->last_stage);
	if (sim->outcome == NULL || sim->decided_at == NULL || sim->paras_clean == NULL || sim->positions == NULL ||
	    sim->pivotal == NULL || sim->pivotal_items == NULL || sim->open_after == NULL || sim->last_stage == NULL)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

void sim_add_run(accord_sim *sim, const sim_run *run)
{
	size_t i, p;
	sim->runs_done++;
	for (i = 0; i < sim->n_items; i++) {
		sim->outcome[i * SIM_OUTCOMES + run->outcome[i]]++;
		if (run->decided_stage[i] != SIM_NO_STAGE)
			sim->decided_at[i] += (unsigned long)run->decided_stage[i] + 1;
		for (p = 0; p < sim->n_parties; p++)
			sim->positions[(p * sim->n_items + i) * SIM_POSITIONS + run->positions[p * sim->n_items + i]]++;
		/* pivotal: under a vote, whose switched vote would have turned it (sim_vote_pivots); else the
		   only objector to an amendment that did not pass */
		if (run->voted[i]) {
			for (p = 0; p < sim->n_parties; p++)
				if (run->vote_pivot[p * sim->n_items + i]) {
					sim->pivotal[p]++;
					sim->pivotal_items[p * sim->n_items + i]++;
				}
		} else if (run->outcome[i] == SIM_REJECTED || run->outcome[i] == SIM_OPEN) {
			size_t objectors = 0, who = 0;
			for (p = 0; p < sim->n_parties; p++)
				if (run->positions[p * sim->n_items + i] == SIM_OBJECT) {
					objectors++;
					who = p;
				}
			if (objectors == 1) {
				sim->pivotal[who]++;
				sim->pivotal_items[who * sim->n_items + i]++;
			}
		}
	}
	for (p = 0; p < sim->n_paras; p++)
		sim->paras_clean[p] += run->paras_clean[p];
	for (i = 0; i < sim->n_stages; i++)
		sim->open_after[i] += run->open_after[i];
	sim->stats.agent_calls += run->agent_calls;
	sim->stats.agent_seconds += run->agent_seconds;
	sim->stats.run_seconds += run->seconds;
	if (run->last_stage == SIM_NO_STAGE)
		sim->never_decided++;
	else
		sim->last_stage[run->last_stage]++;
}

/* A non-negative integer field of a JSON object, or -1. */
static long long json_count(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 ? (long long)json_integer_value(v) : -1;
}

/*
** The votes needed to pass, as the tally reports it: its "required", or
** the "N needed" of its note (un_ga: "... (simple majority: 12 needed)");
** -1 when it says neither.
*/
static long long votes_required(const json_t *tally)
{
	const char *note = json_string_value(json_object_get(tally, "note")), *at;
	long long required = json_count(tally, "required");
	if (required >= 0 || note == NULL)
		return required;
	for (at = strstr(note, " needed"); at != NULL; at = strstr(at + 1, " needed")) {
		const char *d = at;
		long long n = 0, scale = 1;
		while (d > note && d[-1] >= '0' && d[-1] <= '9' && scale <= 1000000000LL) {
			d--;
			n += (long long)(*d - '0') * scale;
			scale *= 10;
		}
		if (d < at)
			return n;
	}
	return -1;
}

void sim_vote_pivots(const accord_sim *sim, sim_run *run, size_t item, const char *tally, int passed)
{
	json_t *t = tally != NULL ? json_loads(tally, 0, NULL) : NULL;
	long long yes, no, required, support, reserve, sides[2] = {0, 0};
	size_t p;
	int ballots = 0, reserve_yes = 0, pivot;
	if (t == NULL)
		return;
	yes = json_count(t, "yes");
	no = json_count(t, "no");
	required = votes_required(t);
	support = json_count(t, "support");
	reserve = json_count(t, "reserve");
	json_decref(t);
	if (yes < 0 || no < 0 || required < 0)
		return; /* not a vote, or one whose threshold the tally does not report */
	/* who voted how: the ballots cast in this stage, or the positions the pack counted as votes
	   (a reservation with the yes when the tally's yes is support and reserve together) */
	for (p = 0; p < sim->n_parties; p++)
		ballots |= run->ballots[p * sim->n_items + item] != SIM_BALLOT_NONE;
	reserve_yes = !ballots && reserve > 0 && yes == support + reserve;
	for (p = 0; p < sim->n_parties; p++) {
		unsigned b = run->ballots[p * sim->n_items + item], pos = run->positions[p * sim->n_items + item];
		if (ballots ? b == SIM_BALLOT_YES : (pos == SIM_SUPPORT || (reserve_yes && pos == SIM_RESERVE)))
			sides[0]++;
		else if (ballots ? b == SIM_BALLOT_NO : pos == SIM_OBJECT)
			sides[1]++;
	}
	if (sides[0] != yes || sides[1] != no)
		return; /* the voters cannot be told from the run's record: the rule for consensus applies */
	/* a switch keeps yes + no, so the threshold stays: passed, one yes fewer fails it when yes is
	   just the votes required; rejected, one yes more passes it when yes + 1 reaches them */
	pivot = passed ? yes - 1 < required : yes + 1 >= required;
	run->voted[item] = 1;
	for (p = 0; p < sim->n_parties; p++) {
		unsigned b = run->ballots[p * sim->n_items + item], pos = run->positions[p * sim->n_items + item];
		int on_yes = ballots ? b == SIM_BALLOT_YES : (pos == SIM_SUPPORT || (reserve_yes && pos == SIM_RESERVE));
		int on_no = ballots ? b == SIM_BALLOT_NO : pos == SIM_OBJECT;
		run->vote_pivot[p * sim->n_items + item] = (unsigned char)(pivot && (passed ? on_yes : on_no));
	}
}

static void free_strings(char **list, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		accord_free(list[i]);
	accord_free(list);
}

void accord_sim_free(accord_sim *sim)
{
	size_t i;
	if (sim == NULL)
		return;
	accord_free(sim->name);
	accord_free(sim->workflow);
	accord_free(sim->shard_done);
	free_strings(sim->parties, sim->n_parties);
	free_strings(sim->stages, sim->n_stages);
	for (i = 0; i < sim->n_items; i++) {
		accord_free(sim->items[i].id);
		accord_free(sim->items[i].op);
		accord_free(sim->items[i].target);
		accord_free(sim->items[i].proposers);
		accord_free(sim->items[i].summary);
	}
	accord_free(sim->items);
	for (i = 0; i < sim->n_paras; i++) {
		accord_free(sim->paras[i].id);
		accord_free(sim->paras[i].label);
		accord_free(sim->paras[i].section);
	}
	accord_free(sim->paras);
	accord_free(sim->outcome);
	accord_free(sim->decided_at);
	accord_free(sim->paras_clean);
	accord_free(sim->positions);
	accord_free(sim->pivotal);
	accord_free(sim->pivotal_items);
	accord_free(sim->open_after);
	accord_free(sim->last_stage);
	accord_free(sim->example);
	accord_free(sim);
}

void accord_sim_get_stats(const accord_sim *sim, accord_sim_stats *out)
{
	if (out != NULL && sim != NULL)
		*out = sim->stats;
}

unsigned long accord_sim_runs_done(const accord_sim *sim)
{
	return sim != NULL ? sim->runs_done : 0;
}

unsigned long accord_sim_runs_planned(const accord_sim *sim)
{
	return sim != NULL ? sim->runs_planned : 0;
}

/* ---- merging -------------------------------------------------------------------------------- */

static int same_strings(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static void add_counts(unsigned long *into, const unsigned long *part, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		into[i] += part[i];
}

int accord_sim_merge(accord_sim *into, const accord_sim *part, accord_error *err)
{
	size_t i;
	if (into == NULL || part == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_sim_merge: NULL argument");
	if (strcmp(into->name, part->name) != 0 || strcmp(into->workflow, part->workflow) != 0)
		return accord_error_set(err, ACCORD_ESCHEMA, "the parts are of different scenarios ('%s' and '%s')", into->name,
			part->name);
	if (into->seed != part->seed || into->runs_planned != part->runs_planned || into->shards != part->shards)
		return accord_error_set(err, ACCORD_EINVAL,
			"the parts were run with different seeds, numbers of runs or shards (seed %llu, %lu runs in %lu "
			"shards; seed %llu, %lu runs in %lu shards)",
			into->seed, into->runs_planned, into->shards, part->seed, part->runs_planned, part->shards);
	if (!same_strings(into->parties, into->n_parties, part->parties, part->n_parties) ||
	    !same_strings(into->stages, into->n_stages, part->stages, part->n_stages) ||
	    into->n_items != part->n_items || into->n_paras != part->n_paras)
		return accord_error_set(err, ACCORD_ESCHEMA, "the parts have different delegations, stages or amendments");
	for (i = 0; i < into->n_items; i++)
		if (strcmp(into->items[i].id, part->items[i].id) != 0)
			return accord_error_set(err, ACCORD_ESCHEMA, "the parts have different amendments (%s and %s)",
				into->items[i].id, part->items[i].id);
	for (i = 0; i < into->shards; i++)
		if (into->shard_done[i] && part->shard_done[i])
			return accord_error_set(err, ACCORD_ESCHEMA, "shard %zu/%lu is in both parts", i + 1, into->shards);
	for (i = 0; i < into->shards; i++)
		into->shard_done[i] |= part->shard_done[i];
	into->runs_done += part->runs_done;
	add_counts(into->outcome, part->outcome, into->n_items * SIM_OUTCOMES);
	add_counts(into->decided_at, part->decided_at, into->n_items);
	add_counts(into->paras_clean, part->paras_clean, into->n_paras);
	add_counts(into->positions, part->positions, into->n_parties * into->n_items * SIM_POSITIONS);
	add_counts(into->pivotal, part->pivotal, into->n_parties);
	add_counts(into->pivotal_items, part->pivotal_items, into->n_parties * into->n_items);
	add_counts(into->open_after, part->open_after, into->n_stages);
	add_counts(into->last_stage, part->last_stage, into->n_stages);
	into->never_decided += part->never_decided;
	if (part->example != NULL && (into->example == NULL || part->example_run < into->example_run)) {
		char *copy = accord_strdup(part->example);
		if (copy == NULL)
			return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		accord_free(into->example);
		into->example = copy;
		into->example_run = part->example_run;
	}
	return ACCORD_OK;
}

/* ---- JSON ------------------------------------------------------------------------------------ */

/* The 95% Wilson interval of k successes in n runs. */
static void wilson(double *lo, double *hi, unsigned long k, unsigned long n)
{
	const double z = 1.959963984540054;
	double p, d, c, h;
	if (n == 0) {
		*lo = 0;
		*hi = 1;
		return;
	}
	p = (double)k / (double)n;
	d = 1 + z * z / (double)n;
	c = (p + z * z / (2.0 * (double)n)) / d;
	h = z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * (double)n * (double)n)) / d;
	*lo = c - h < 0 ? 0 : c - h;
	*hi = c + h > 1 ? 1 : c + h;
}

static double share(unsigned long k, unsigned long n)
{
	return n > 0 ? (double)k / (double)n : 0.0;
}

static void write_counts(jsonw *w, const unsigned long *counts, size_t n)
{
	size_t i;
	jsonw_begin_array(w);
	for (i = 0; i < n; i++)
		jsonw_integer(w, (long long)counts[i]);
	jsonw_end_array(w);
}

static void write_strings(jsonw *w, char *const *list, size_t n)
{
	size_t i;
	jsonw_begin_array(w);
	for (i = 0; i < n; i++)
		jsonw_string(w, list[i]);
	jsonw_end_array(w);
}

int accord_sim_render_json(accord_buf *out, const accord_sim *sim, accord_error *err)
{
	jsonw w;
	size_t i, p, o;
	unsigned long n = sim->runs_done, stages_sum = 0, decided_runs = 0;
	int complete;
	jsonw_init(&w, out);
	jsonw_begin_object(&w);
	jsonw_key(&w, "accord");
	jsonw_string(&w, "simulation/1");
	jsonw_key(&w, "scenario");
	jsonw_string(&w, sim->name);
	jsonw_key(&w, "workflow");
	jsonw_string(&w, sim->workflow);
	jsonw_key(&w, "seed");
	jsonw_integer(&w, (long long)sim->seed);
	jsonw_key(&w, "runs");
	jsonw_integer(&w, (long long)sim->runs_planned);
	jsonw_key(&w, "runs_done");
	jsonw_integer(&w, (long long)n);
	/* every shard in: written as one run of them all, so that a merge gives the same bytes */
	for (i = 0; i < sim->shards && sim->shard_done[i]; i++)
		;
	complete = i == sim->shards;
	jsonw_key(&w, "shards");
	jsonw_integer(&w, complete ? 1 : (long long)sim->shards);
	jsonw_key(&w, "shards_done");
	jsonw_begin_array(&w);
	for (i = 0; i < sim->shards; i++)
		if (!complete && sim->shard_done[i])
			jsonw_integer(&w, (long long)i + 1);
	if (complete)
		jsonw_integer(&w, 1);
	jsonw_end_array(&w);
	jsonw_key(&w, "stages");
	write_strings(&w, sim->stages, sim->n_stages);
	jsonw_key(&w, "parties");
	write_strings(&w, sim->parties, sim->n_parties);
	for (i = 0; i < sim->n_stages; i++) {
		stages_sum += sim->last_stage[i] * (i + 1);
		decided_runs += sim->last_stage[i];
	}
	jsonw_key(&w, "expected_stages");
	jsonw_real(&w, share(stages_sum, decided_runs));
	jsonw_key(&w, "never_decided");
	jsonw_integer(&w, (long long)sim->never_decided);
	jsonw_key(&w, "last_stage");
	write_counts(&w, sim->last_stage, sim->n_stages);
	jsonw_key(&w, "open_after");
	write_counts(&w, sim->open_after, sim->n_stages);
	jsonw_key(&w, "mean_open_after");
	jsonw_begin_array(&w);
	for (i = 0; i < sim->n_stages; i++)
		jsonw_real(&w, share(sim->open_after[i], n));
	jsonw_end_array(&w);
	jsonw_key(&w, "amendments");
	jsonw_begin_array(&w);
	for (i = 0; i < sim->n_items; i++) {
		const sim_item *it = &sim->items[i];
		const unsigned long *c = &sim->outcome[i * SIM_OUTCOMES];
		unsigned long survives = c[SIM_AGREED] + c[SIM_AGREED_AD_REF], decided = n - c[SIM_OPEN] - c[SIM_OTHER];
		double lo, hi;
		jsonw_begin_object(&w);
		jsonw_key(&w, "id");
		jsonw_string(&w, it->id);
		jsonw_key(&w, "op");
		jsonw_string(&w, it->op);
		jsonw_key(&w, "target");
		jsonw_string(&w, it->target);
		jsonw_key(&w, "proposers");
		jsonw_string(&w, it->proposers);
		jsonw_key(&w, "summary");
		jsonw_string(&w, it->summary);
		jsonw_key(&w, "outcomes");
		jsonw_begin_object(&w);
		for (o = 0; o < SIM_OUTCOMES; o++) {
			jsonw_key(&w, outcome_names[o]);
			jsonw_integer(&w, (long long)c[o]);
		}
		jsonw_end_object(&w);
		jsonw_key(&w, "p_agreed");
		jsonw_real(&w, share(survives, n));
		wilson(&lo, &hi, survives, n);
		jsonw_key(&w, "p_agreed_95");
		jsonw_begin_array(&w);
		jsonw_real(&w, lo);
		jsonw_real(&w, hi);
		jsonw_end_array(&w);
		jsonw_key(&w, "p_compromise");
		jsonw_real(&w, share(c[SIM_COMPROMISE], n));
		jsonw_key(&w, "p_survives");
		jsonw_real(&w, share(survives + c[SIM_COMPROMISE], n));
		jsonw_key(&w, "p_open");
		jsonw_real(&w, share(c[SIM_OPEN], n));
		jsonw_key(&w, "decided_at");
		jsonw_integer(&w, (long long)sim->decided_at[i]);
		jsonw_key(&w, "mean_stage");
		if (decided > 0)
			jsonw_real(&w, share(sim->decided_at[i], decided));
		else
			jsonw_null(&w);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	jsonw_key(&w, "paragraphs");
	jsonw_begin_array(&w);
	for (i = 0; i < sim->n_paras; i++) {
		jsonw_begin_object(&w);
		jsonw_key(&w, "id");
		jsonw_string(&w, sim->paras[i].id);
		jsonw_key(&w, "label");
		jsonw_string(&w, sim->paras[i].label);
		jsonw_key(&w, "section");
		jsonw_string(&w, sim->paras[i].section);
		jsonw_key(&w, "clean");
		jsonw_integer(&w, (long long)sim->paras_clean[i]);
		jsonw_key(&w, "p_clean");
		jsonw_real(&w, share(sim->paras_clean[i], n));
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	jsonw_key(&w, "pivotal");
	jsonw_begin_array(&w);
	for (p = 0; p < sim->n_parties; p++) {
		jsonw_begin_object(&w);
		jsonw_key(&w, "party");
		jsonw_string(&w, sim->parties[p]);
		jsonw_key(&w, "count");
		jsonw_integer(&w, (long long)sim->pivotal[p]);
		jsonw_key(&w, "per_run");
		jsonw_real(&w, share(sim->pivotal[p], n));
		jsonw_key(&w, "amendments");
		write_counts(&w, &sim->pivotal_items[p * sim->n_items], sim->n_items);
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	jsonw_key(&w, "positions");
	jsonw_begin_object(&w);
	jsonw_key(&w, "order");
	jsonw_begin_array(&w);
	for (o = 0; o < SIM_POSITIONS; o++)
		jsonw_string(&w, position_names[o]);
	jsonw_end_array(&w);
	jsonw_key(&w, "counts");
	jsonw_begin_array(&w);
	for (p = 0; p < sim->n_parties; p++) {
		jsonw_begin_array(&w);
		for (i = 0; i < sim->n_items; i++)
			write_counts(&w, &sim->positions[(p * sim->n_items + i) * SIM_POSITIONS], SIM_POSITIONS);
		jsonw_end_array(&w);
	}
	jsonw_end_array(&w);
	jsonw_end_object(&w);
	jsonw_key(&w, "example");
	if (sim->example != NULL) {
		jsonw_begin_object(&w);
		jsonw_key(&w, "run");
		jsonw_integer(&w, (long long)sim->example_run + 1);
		jsonw_key(&w, "text");
		jsonw_string(&w, sim->example);
		jsonw_end_object(&w);
	} else {
		jsonw_null(&w);
	}
	jsonw_end_object(&w);
	if (jsonw_finish(&w) != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return accord_buf_putc(out, '\n') == ACCORD_OK ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}

/* ---- reading it back ----------------------------------------------------------------------- */

typedef struct reader {
	const char *name;
	accord_error *err;
	int rc;
} reader;

static int bad(reader *r, const char *what)
{
	if (r->rc == ACCORD_OK) {
		r->rc = accord_error_set(r->err, ACCORD_ESCHEMA, "not a simulation result: %s", what);
		accord_error_at(r->err, r->name, 0, 0);
	}
	return r->rc;
}

static unsigned long get_count(reader *r, json_t *v, const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		bad(r, what);
		return 0;
	}
	return (unsigned long)json_integer_value(v);
}

static char *get_string(reader *r, json_t *v, int nullable, const char *what)
{
	char *s;
	if (nullable && (v == NULL || json_is_null(v)))
		return NULL;
	if (!json_is_string(v)) {
		bad(r, what);
		return NULL;
	}
	s = accord_strdup(json_string_value(v));
	if (s == NULL && r->rc == ACCORD_OK)
		r->rc = accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
	return s;
}

static void get_counts(reader *r, unsigned long *into, json_t *array, size_t n, const char *what)
{
	size_t i;
	if (!json_is_array(array) || json_array_size(array) != n) {
		bad(r, what);
		return;
	}
	for (i = 0; i < n; i++)
		into[i] = get_count(r, json_array_get(array, i), what);
}

static char **get_strings(reader *r, json_t *array, size_t *n, const char *what)
{
	char **list;
	size_t i;
	*n = 0;
	if (!json_is_array(array)) {
		bad(r, what);
		return NULL;
	}
	list = accord_calloc(json_array_size(array) + 1, sizeof *list);
	if (list == NULL) {
		r->rc = accord_error_set(r->err, ACCORD_ENOMEM, "out of memory");
		return NULL;
	}
	for (i = 0; i < json_array_size(array) && r->rc == ACCORD_OK; i++, (*n)++)
		list[i] = get_string(r, json_array_get(array, i), 0, what);
	return list;
}

int accord_sim_parse_json(accord_sim **out, const char *data, size_t len, const char *name, accord_error *err)
{
	json_error_t jerr;
	json_t *root, *v;
	accord_sim *sim;
	reader r = {name, err, ACCORD_OK};
	size_t i, p;
	*out = NULL;
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		accord_error_set(err, ACCORD_EPARSE, "%s", jerr.text);
		accord_error_at(err, name, (unsigned)(jerr.line > 0 ? jerr.line : 0), (unsigned)(jerr.column > 0 ? jerr.column : 0));
		return ACCORD_EPARSE;
	}
	sim = accord_calloc(1, sizeof *sim);
	if (sim == NULL) {
		json_decref(root);
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	}
	sim->example_run = SIM_NO_RUN;
	v = json_object_get(root, "accord");
	if (!json_is_string(v) || strcmp(json_string_value(v), "simulation/1") != 0) {
		bad(&r, "\"accord\" is not \"simulation/1\"");
		goto done;
	}
	sim->name = get_string(&r, json_object_get(root, "scenario"), 0, "scenario");
	sim->workflow = get_string(&r, json_object_get(root, "workflow"), 0, "workflow");
	v = json_object_get(root, "seed");
	if (!json_is_integer(v))
		bad(&r, "seed");
	else
		sim->seed = (unsigned long long)json_integer_value(v);
	sim->runs_planned = get_count(&r, json_object_get(root, "runs"), "runs");
	sim->runs_done = get_count(&r, json_object_get(root, "runs_done"), "runs_done");
	sim->shards = get_count(&r, json_object_get(root, "shards"), "shards");
	sim->never_decided = get_count(&r, json_object_get(root, "never_decided"), "never_decided");
	if (r.rc != ACCORD_OK)
		goto done;
	if (sim->shards == 0 || sim->shards > sim->runs_planned + 1) {
		bad(&r, "shards");
		goto done;
	}
	sim->shard_done = accord_calloc(sim->shards, 1);
	if (sim->shard_done == NULL) {
		r.rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	v = json_object_get(root, "shards_done");
	if (!json_is_array(v)) {
		bad(&r, "shards_done");
		goto done;
	}
	for (i = 0; i < json_array_size(v); i++) {
		unsigned long k = get_count(&r, json_array_get(v, i), "shards_done");
		if (k == 0 || k > sim->shards)
			bad(&r, "shards_done");
		else
			sim->shard_done[k - 1] = 1;
	}
	sim->stages = get_strings(&r, json_object_get(root, "stages"), &sim->n_stages, "stages");
	sim->parties = get_strings(&r, json_object_get(root, "parties"), &sim->n_parties, "parties");
	if (r.rc != ACCORD_OK)
		goto done;
	v = json_object_get(root, "amendments");
	if (!json_is_array(v)) {
		bad(&r, "amendments");
		goto done;
	}
	sim->items = accord_calloc(json_array_size(v) + 1, sizeof *sim->items);
	if (sim->items == NULL) {
		r.rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < json_array_size(v) && r.rc == ACCORD_OK; i++, sim->n_items++) {
		json_t *a = json_array_get(v, i);
		sim->items[i].id = get_string(&r, json_object_get(a, "id"), 0, "amendments[].id");
		sim->items[i].op = get_string(&r, json_object_get(a, "op"), 0, "amendments[].op");
		sim->items[i].target = get_string(&r, json_object_get(a, "target"), 1, "amendments[].target");
		sim->items[i].proposers = get_string(&r, json_object_get(a, "proposers"), 0, "amendments[].proposers");
		sim->items[i].summary = get_string(&r, json_object_get(a, "summary"), 0, "amendments[].summary");
	}
	v = json_object_get(root, "paragraphs");
	if (r.rc != ACCORD_OK || !json_is_array(v)) {
		bad(&r, "paragraphs");
		goto done;
	}
	sim->paras = accord_calloc(json_array_size(v) + 1, sizeof *sim->paras);
	if (sim->paras == NULL) {
		r.rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < json_array_size(v) && r.rc == ACCORD_OK; i++, sim->n_paras++) {
		json_t *a = json_array_get(v, i);
		sim->paras[i].id = get_string(&r, json_object_get(a, "id"), 0, "paragraphs[].id");
		sim->paras[i].label = get_string(&r, json_object_get(a, "label"), 1, "paragraphs[].label");
		sim->paras[i].section = get_string(&r, json_object_get(a, "section"), 1, "paragraphs[].section");
	}
	if (r.rc != ACCORD_OK || (r.rc = sim_alloc_counts(sim, err)) != ACCORD_OK)
		goto done;
	get_counts(&r, sim->last_stage, json_object_get(root, "last_stage"), sim->n_stages, "last_stage");
	get_counts(&r, sim->open_after, json_object_get(root, "open_after"), sim->n_stages, "open_after");
	v = json_object_get(root, "amendments");
	for (i = 0; i < sim->n_items && r.rc == ACCORD_OK; i++) {
		json_t *a = json_array_get(v, i), *o = json_object_get(a, "outcomes");
		size_t k;
		for (k = 0; k < SIM_OUTCOMES; k++)
			sim->outcome[i * SIM_OUTCOMES + k] = get_count(&r, json_object_get(o, outcome_names[k]), "outcomes");
		sim->decided_at[i] = get_count(&r, json_object_get(a, "decided_at"), "decided_at");
	}
	v = json_object_get(root, "paragraphs");
	for (i = 0; i < sim->n_paras && r.rc == ACCORD_OK; i++)
		sim->paras_clean[i] = get_count(&r, json_object_get(json_array_get(v, i), "clean"), "clean");
	v = json_object_get(root, "pivotal");
	if (r.rc == ACCORD_OK && (!json_is_array(v) || json_array_size(v) != sim->n_parties))
		bad(&r, "pivotal");
	for (p = 0; p < sim->n_parties && r.rc == ACCORD_OK; p++) {
		json_t *a = json_array_get(v, p);
		sim->pivotal[p] = get_count(&r, json_object_get(a, "count"), "pivotal[].count");
		get_counts(&r, &sim->pivotal_items[p * sim->n_items], json_object_get(a, "amendments"), sim->n_items,
			"pivotal[].amendments");
	}
	v = json_object_get(json_object_get(root, "positions"), "counts");
	if (r.rc == ACCORD_OK && (!json_is_array(v) || json_array_size(v) != sim->n_parties))
		bad(&r, "positions");
	for (p = 0; p < sim->n_parties && r.rc == ACCORD_OK; p++) {
		json_t *row = json_array_get(v, p);
		if (!json_is_array(row) || json_array_size(row) != sim->n_items) {
			bad(&r, "positions");
			break;
		}
		for (i = 0; i < sim->n_items && r.rc == ACCORD_OK; i++)
			get_counts(&r, &sim->positions[(p * sim->n_items + i) * SIM_POSITIONS], json_array_get(row, i),
				SIM_POSITIONS, "positions");
	}
	v = json_object_get(root, "example");
	if (r.rc == ACCORD_OK && v != NULL && !json_is_null(v)) {
		unsigned long run = get_count(&r, json_object_get(v, "run"), "example.run");
		sim->example = get_string(&r, json_object_get(v, "text"), 0, "example.text");
		sim->example_run = run > 0 ? run - 1 : 0;
	}
done:
	json_decref(root);
	if (r.rc != ACCORD_OK) {
		accord_sim_free(sim);
		return r.rc;
	}
	*out = sim;
	return ACCORD_OK;
}

/* ---- a readable summary ------------------------------------------------------------------------- */

int accord_sim_render_text(accord_buf *out, const accord_sim *sim, accord_error *err)
{
	unsigned long n = sim->runs_done;
	size_t i, p;
	int rc = accord_buf_printf(out, "%s under %s: %lu run%s (seed %llu)\n", sim->name, sim->workflow, n,
		n == 1 ? "" : "s", sim->seed);
	rc |= accord_buf_printf(out, "\nOpen amendments after each stage (mean):");
	for (i = 0; i < sim->n_stages; i++)
		rc |= accord_buf_printf(out, " %s %.1f%s", sim->stages[i], share(sim->open_after[i], n),
			i + 1 < sim->n_stages ? "," : "\n");
	rc |= accord_buf_printf(out, "\nAmendments: how often agreed as proposed (95%% interval), as a compromise, still "
				     "open, rejected\n");
	for (i = 0; i < sim->n_items; i++) {
		const unsigned long *c = &sim->outcome[i * SIM_OUTCOMES];
		double lo, hi;
		wilson(&lo, &hi, c[SIM_AGREED] + c[SIM_AGREED_AD_REF], n);
		rc |= accord_buf_printf(out,
			"  %-10s %-5s %-6s %5.1f%% (%4.1f-%5.1f)  compromise %5.1f%%  open %5.1f%%  rejected %5.1f%%  [%s]\n",
			sim->items[i].id, sim->items[i].op, sim->items[i].target ? sim->items[i].target : "-",
			100 * share(c[SIM_AGREED] + c[SIM_AGREED_AD_REF], n), 100 * lo, 100 * hi,
			100 * share(c[SIM_COMPROMISE], n), 100 * share(c[SIM_OPEN], n), 100 * share(c[SIM_REJECTED], n),
			sim->items[i].proposers);
	}
	rc |= accord_buf_printf(out, "\nParagraphs free of brackets at the end\n");
	for (i = 0; i < sim->n_paras; i++)
		rc |= accord_buf_printf(out, "  %-6s %-8s %5.1f%%  %s\n", sim->paras[i].id,
			sim->paras[i].label ? sim->paras[i].label : "", 100 * share(sim->paras_clean[i], n),
			sim->paras[i].section ? sim->paras[i].section : "");
	rc |= accord_buf_printf(out, "\nPivotal delegations (the only objector to an amendment that did not pass; under a vote, "
		"a vote on the winning side that, switched, would have turned it)\n");
	{
		/* by count, then code: a stable order */
		size_t shown = 0;
		unsigned long best_prev = (unsigned long)-1;
		while (shown < sim->n_parties) {
			unsigned long best = 0;
			for (p = 0; p < sim->n_parties; p++)
				if (sim->pivotal[p] < best_prev && sim->pivotal[p] > best)
					best = sim->pivotal[p];
			if (best == 0)
				break;
			for (p = 0; p < sim->n_parties; p++)
				if (sim->pivotal[p] == best) {
					rc |= accord_buf_printf(out, "  %-8s %lu (%.2f a run)\n", sim->parties[p], best,
						share(best, n));
					shown++;
				}
			best_prev = best;
		}
		if (shown == 0)
			rc |= accord_buf_puts(out, "  none\n");
	}
	if (rc != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}
