/*
** forecast.c: forecasts of DEU-format issues through their procedures'
** rule packs (accord_forecast.h, docs/forecast.md).
**
** Each thread loads its own packs (a sandbox is not shared between
** threads) and takes issues one at a time; an issue's runs are done by one
** thread, with a random stream that depends on the seed, the issue's id and
** the run only. The pack is asked once per distinct vote profile of an
** issue: the answers are kept in a small table keyed by the profile. The
** actors' power under the procedure comes from the same pack, before the
** runs: the pivots of random orders of the actors (issue_power).
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/workflow.h"
#include "accord_forecast.h"
#include "accord_pack.h"
#include "jsonw_int.h"

#define POINTS 101        /* the scale's points 0, 1, ... 100 */
#define CACHE 1024        /* vote profiles remembered per issue (a power of 2) */

/* ---- random numbers: splitmix64, a stream per (seed, issue, run) -------------- */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static double uniform(uint64_t *s)
{
	return ((double)(splitmix(s) >> 11) + 0.5) / 9007199254740992.0;
}

/* A standard normal deviate (Box-Muller; one of the pair). */
static double normal(uint64_t *s)
{
	double u = uniform(s), v = uniform(s);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* ---- asking the pack ------------------------------------------------------------ */

typedef struct fc_worker {
	const accord_issues *issues;
	const accord_forecast_options *opts;
	accord_forecast *fc;
	accord_pack *ordinary, *consultation;
	const char *ordinary_name, *consultation_name;
	uint32_t keys[CACHE];      /* vote profile + 1 (0: empty) */
	unsigned char vals[CACHE]; /* 1 passes, 0 not */
	size_t cached;             /* entries in keys */
	double *runs;              /* an issue's run results (opts->runs) */
	struct fc_pool *pool;
	int rc;
	accord_error err;
} fc_worker;

typedef struct fc_pool {
	size_t next;
	int stop;
	pthread_mutex_t lock;
} fc_pool;

/* The pack's code of an actor: the data's, upper-cased ("COM", "EP", "AT" ...). */
static void actor_code(char code[8], const char *a)
{
	unsigned j;
	for (j = 0; a[j] && j + 1 < 8; j++)
		code[j] = (char)(a[j] >= 'a' && a[j] <= 'z' ? a[j] - 32 : a[j]);
	code[j] = '\0';
}

/* Pushes ctx = {council_rule = counvte, date = intro, procedure = proc}. */
static void push_ctx(lua_State *L, const accord_issue *is)
{
	lua_createtable(L, 0, 3);
	lua_pushstring(L, is->vote[0] ? is->vote : "QMV");
	lua_setfield(L, -2, "council_rule");
	lua_pushstring(L, is->intro);
	lua_setfield(L, -2, "date");
	lua_pushstring(L, is->proc);
	lua_setfield(L, -2, "procedure");
}

/* pack.passes(votes, ctx) for the vote profile mask (bit k: actor k votes yes), over the actors with a position. */
static int ask_pack(int *passes, accord_pack *pack, const accord_issue *is, uint32_t mask, accord_error *err)
{
	accord_lua *S = accord_pack_runtime(pack);
	lua_State *L = accord_lua_state(S);
	char code[8];
	unsigned k;
	int rc;
	*passes = 0;
	accord_pack_push(pack);
	if (lua_getfield(L, -1, "passes") != LUA_TFUNCTION) {
		lua_pop(L, 2);
		return accord_error_set(err, ACCORD_ESCHEMA, "the pack has no passes(votes, ctx) function");
	}
	lua_remove(L, -2);
	lua_createtable(L, 0, ACCORD_ISSUE_ACTORS);
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		const char *a = accord_issue_actor(k);
		if (!is->has_pos[k])
			continue;
		actor_code(code, a);
		lua_pushstring(L, (mask >> k) & 1 ? "yes" : "no");
		lua_setfield(L, -2, code);
	}
	push_ctx(L, is);
	if ((rc = accord_lua_pcall(S, 2, 1, err)) != ACCORD_OK)
		return rc;
	*passes = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return ACCORD_OK;
}

static int cached_passes(int *passes, fc_worker *w, accord_pack *pack, const accord_issue *is, uint32_t mask,
	accord_error *err)
{
	uint32_t key = mask + 1, h = (uint32_t)(mask * 2654435761u) & (CACHE - 1);
	int rc;
	while (w->keys[h] != 0) {
		if (w->keys[h] == key) {
			*passes = w->vals[h];
			return ACCORD_OK;
		}
		h = (h + 1) & (CACHE - 1);
	}
	if ((rc = ask_pack(passes, pack, is, mask, err)) != ACCORD_OK)
		return rc;
	/* keep it while the table is at most half full (else ask again next time) */
	if (w->cached < CACHE / 2) {
		w->keys[h] = key;
		w->vals[h] = (unsigned char)(*passes != 0);
		w->cached++;
	}
	return ACCORD_OK;
}

/* ---- the actors' power under the procedure ------------------------------------------ */

/* The yes votes of the first m actors of order. */
static uint32_t prefix_mask(const unsigned *order, unsigned m)
{
	uint32_t mask = 0;
	unsigned i;
	for (i = 0; i < m; i++)
		mask |= (uint32_t)1 << order[i];
	return mask;
}

/*
** Each actor's power under the pack's rule: the share of opts->orders
** random orders of the actors (a stream from the seed and the issue's id) in
** which it is the pivot: with the actors before it voting yes and the others
** no the text fails, with its yes too it passes (Shapley-Shubik). The pivot
** is found by bisection, which supposes the rule monotone (one more yes never
** makes a text fail: true of the EU rules). No pivot, all powers 0, when the
** text passes with no yes or fails with every yes.
*/
static int issue_power(double *power, fc_worker *w, accord_pack *pack, const accord_issue *is, accord_error *err)
{
	unsigned long o, orders = w->opts->orders > 0 ? w->opts->orders : ACCORD_FORECAST_DEFAULT_ORDERS;
	unsigned order[ACCORD_ISSUE_ACTORS], n = 0, k, i;
	uint64_t rng = w->opts->seed * 0x9E3779B97F4A7C15ull ^ fnv1a(is->id) ^ 0x706f776572ull;
	int passes, rc;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		power[k] = 0;
		if (is->has_pos[k])
			order[n++] = k;
	}
	if (n == 0)
		return ACCORD_OK;
	if ((rc = cached_passes(&passes, w, pack, is, prefix_mask(order, n), err)) != ACCORD_OK || !passes)
		return rc;
	if ((rc = cached_passes(&passes, w, pack, is, 0, err)) != ACCORD_OK || passes)
		return rc;
	splitmix(&rng);
	for (o = 0; o < orders; o++) {
		unsigned lo = 0, hi = n; /* fails with lo yes, passes with hi */
		for (i = n - 1; i > 0; i--) {
			unsigned j = (unsigned)(splitmix(&rng) % (i + 1)), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		while (hi - lo > 1) {
			unsigned mid = (lo + hi) / 2;
			if ((rc = cached_passes(&passes, w, pack, is, prefix_mask(order, mid), err)) != ACCORD_OK)
				return rc;
			if (passes)
				hi = mid;
			else
				lo = mid;
		}
		power[order[hi - 1]] += 1.0 / (double)orders;
	}
	return ACCORD_OK;
}

/* ---- one issue --------------------------------------------------------------------- */

/* The alternative on the table nearest c: a position held, or the reference point. */
static double nearest_on_table(const accord_issue *is, double c)
{
	double best = c, bestd = INFINITY;
	unsigned k;
	if (is->has_rp) {
		best = is->rp;
		bestd = fabs(is->rp - c);
	}
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		if (is->has_pos[k] && fabs(is->pos[k] - c) < bestd) {
			best = is->pos[k];
			bestd = fabs(is->pos[k] - c);
		}
	return best;
}

/* The points of the scale that pass against the reference point (ok), given the actors' votes. */
static int win_set(unsigned char *ok, unsigned *n_ok, fc_worker *w, accord_pack *pack, const accord_issue *is,
	const double *pos, const double *sal, accord_error *err)
{
	unsigned k, x;
	int rc;
	*n_ok = 0;
	for (x = 0; x < POINTS; x++) {
		uint32_t mask = 0;
		int passes = 0;
		for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
			double slack = w->opts->tolerance * (1 - sal[k] / 100);
			if (is->has_pos[k] && fabs((double)x - pos[k]) <= fabs(is->rp - pos[k]) + slack)
				mask |= (uint32_t)1 << k;
		}
		if ((rc = cached_passes(&passes, w, pack, is, mask, err)) != ACCORD_OK)
			return rc;
		ok[x] = (unsigned char)(passes != 0);
		*n_ok += ok[x];
	}
	return ACCORD_OK;
}

/* One run: the forecast given perturbed positions and saliences; cap: the actors' capabilities. */
static int run_issue(double *result, double *share, fc_worker *w, accord_pack *pack, const accord_issue *is,
	const double *cap, uint64_t *rng, accord_error *err)
{
	const accord_forecast_options *o = w->opts;
	double pos[ACCORD_ISSUE_ACTORS], sal[ACCORD_ISSUE_ACTORS], num = 0, den = 0, c, best = -1, bestd = 1e9;
	unsigned char ok[POINTS];
	unsigned k, x, n_ok = 0;
	int rc;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		double s = is->has_sal[k] ? is->sal[k] : 50;
		pos[k] = sal[k] = 0;
		if (!is->has_pos[k])
			continue;
		pos[k] = clamp(is->pos[k] + o->noise * normal(rng), 0, 100);
		sal[k] = clamp(s * (1 + o->noise / 100 * normal(rng)), 0, 100);
		num += cap[k] * sal[k] * pos[k];
		den += cap[k] * sal[k];
	}
	c = den > 0 ? num / den : (is->has_rp ? is->rp : 50);
	*share = 1;
	if (o->model == ACCORD_FORECAST_TABLE) {
		*result = nearest_on_table(is, c);
		return ACCORD_OK;
	}
	if (o->model == ACCORD_FORECAST_POWER || !is->has_rp) { /* no reference point: the compromise stands */
		*result = c;
		return ACCORD_OK;
	}
	if ((rc = win_set(ok, &n_ok, w, pack, is, pos, sal, err)) != ACCORD_OK)
		return rc;
	*share = n_ok / (double)POINTS;
	/* the compromise itself when the points on both sides of it pass */
	if (ok[(unsigned)floor(c)] && ok[(unsigned)ceil(c)]) {
		*result = c;
		return ACCORD_OK;
	}
	for (x = 0; x < POINTS; x++)
		if (ok[x] && fabs((double)x - c) < bestd) {
			bestd = fabs((double)x - c);
			best = x;
		}
	/* nothing passes, or the reference point is nearer than any passing point: it stays */
	*result = best < 0 || fabs(is->rp - c) < bestd ? is->rp : best;
	return ACCORD_OK;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/*
** The actors' capabilities: (1 - power option) + power option x power x
** actors, the Commission's power counted 1 + agenda times (the agenda
** setter: it writes the text the others vote on, so where the procedure
** gives it a say it counts beyond its share of pivots); 1 each when nobody
** is a pivot.
*/
static void capabilities(double *cap, const accord_forecast_item *it, double weight, double agenda)
{
	double total = 0;
	unsigned k, n = 0;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		total += it->power[k];
		n += it->issue->has_pos[k];
	}
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		double setter = strcmp(accord_issue_actor(k), "com") == 0 ? 1 + agenda : 1;
		cap[k] = total > 0 ? 1 - weight + weight * it->power[k] * setter * n : 1;
	}
}

static int forecast_issue(fc_worker *w, size_t i, accord_error *err)
{
	const accord_issue *is = &w->issues->items[i];
	accord_forecast_item *it = &w->fc->items[i];
	int cod = strcmp(is->proc, "COD") == 0, rc;
	accord_pack *pack = cod ? w->ordinary : w->consultation;
	double sum = 0, sum2 = 0, share = 0, cap[ACCORD_ISSUE_ACTORS];
	unsigned long r;
	it->issue = is;
	it->pack = cod ? w->ordinary_name : w->consultation_name;
	it->compromise = accord_issue_compromise(is, NULL);
	it->median = accord_issue_median(is, NULL);
	memset(w->keys, 0, sizeof w->keys);
	w->cached = 0;
	rc = issue_power(it->power, w, pack, is, err);
	capabilities(cap, it, w->opts->power, w->opts->agenda);
	for (r = 0; r < w->opts->runs && rc == ACCORD_OK; r++) {
		uint64_t rng = w->opts->seed * 0x9E3779B97F4A7C15ull ^ fnv1a(is->id) ^ ((uint64_t)r << 32 | r);
		double v, s;
		splitmix(&rng);
		if ((rc = run_issue(&v, &s, w, pack, is, cap, &rng, err)) != ACCORD_OK)
			break;
		w->runs[r] = v;
		sum += v;
		sum2 += v * v;
		share += s;
	}
	if (rc != ACCORD_OK) {
		char msg[sizeof err->message];
		memcpy(msg, err->message, sizeof msg);
		accord_error_set(err, rc, "issue %s (line %u), %s: %s", is->id, is->line, it->pack, msg);
		return rc;
	}
	/* the median of the runs: the point forecast with the least expected absolute error */
	qsort(w->runs, w->opts->runs, sizeof *w->runs, cmp_double);
	r = w->opts->runs;
	it->forecast = r % 2 ? w->runs[r / 2] : (w->runs[r / 2 - 1] + w->runs[r / 2]) / 2;
	sum /= (double)r;
	it->spread = sqrt(fmax(0, sum2 / (double)r - sum * sum));
	it->passing = share / (double)w->opts->runs;
	return ACCORD_OK;
}

static int load_pack(accord_pack **out, const char *name, accord_error *err)
{
	accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
	char *path = NULL;
	int rc = accord_workflow_find(&path, name, err);
	if (rc == ACCORD_OK)
		rc = accord_pack_load(out, path, &po, err);
	accord_free(path);
	return rc;
}

static void *worker(void *data)
{
	fc_worker *w = data;
	w->runs = accord_malloc(w->opts->runs * sizeof *w->runs);
	w->rc = w->runs != NULL ? load_pack(&w->ordinary, w->ordinary_name, &w->err)
				: accord_error_set(&w->err, ACCORD_ENOMEM, "out of memory");
	if (w->rc == ACCORD_OK)
		w->rc = load_pack(&w->consultation, w->consultation_name, &w->err);
	for (;;) {
		size_t i;
		pthread_mutex_lock(&w->pool->lock);
		if (w->rc != ACCORD_OK)
			w->pool->stop = 1;
		if (w->pool->stop || w->pool->next >= w->issues->count) {
			pthread_mutex_unlock(&w->pool->lock);
			break;
		}
		i = w->pool->next++;
		pthread_mutex_unlock(&w->pool->lock);
		w->rc = forecast_issue(w, i, &w->err);
	}
	accord_pack_free(w->ordinary);
	accord_pack_free(w->consultation);
	w->ordinary = w->consultation = NULL;
	accord_free(w->runs);
	w->runs = NULL;
	return NULL;
}

static double wall_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const model_names[] = {"power", "winset", "table"};

const char *accord_forecast_model_name(accord_forecast_model model)
{
	return (unsigned)model < sizeof model_names / sizeof model_names[0] ? model_names[model] : NULL;
}

int accord_forecast_model_of(const char *name)
{
	int i;
	for (i = 0; name != NULL && i < (int)(sizeof model_names / sizeof model_names[0]); i++)
		if (strcmp(name, model_names[i]) == 0)
			return i;
	return -1;
}

int accord_forecast_run(accord_forecast **out, const accord_issues *issues, const accord_forecast_options *opts,
	accord_error *err)
{
	accord_forecast *fc = NULL;
	fc_worker *workers = NULL;
	pthread_t threads[64];
	fc_pool pool;
	size_t jobs, t, started = 0;
	double t0 = wall_seconds();
	int rc = ACCORD_OK;
	if (out == NULL || issues == NULL || opts == NULL || opts->version != ACCORD_FORECAST_OPTIONS_VERSION ||
	    opts->runs == 0 || !(opts->tolerance >= 0) || !(opts->noise >= 0) || !(opts->power >= 0 && opts->power <= 1) ||
	    !(opts->agenda >= 0) ||
	    accord_forecast_model_name(opts->model) == NULL)
		return accord_error_set(err, ACCORD_EINVAL, "accord_forecast_run: bad arguments or options");
	*out = NULL;
	jobs = opts->jobs > 0 ? opts->jobs : 1;
	if (jobs > sizeof threads / sizeof threads[0])
		jobs = sizeof threads / sizeof threads[0];
	if (jobs > issues->count && issues->count > 0)
		jobs = issues->count;
	fc = accord_calloc(1, sizeof *fc);
	workers = accord_calloc(jobs, sizeof *workers);
	if (fc == NULL || workers == NULL || (fc->items = accord_calloc(issues->count + 1, sizeof *fc->items)) == NULL) {
		rc = accord_error_set(err, ACCORD_ENOMEM, "out of memory");
		goto cleanup;
	}
	fc->count = issues->count;
	fc->runs = opts->runs;
	fc->seed = opts->seed;
	fc->tolerance = opts->tolerance;
	fc->noise = opts->noise;
	fc->power = opts->power;
	fc->agenda = opts->agenda;
	fc->model = opts->model;
	fc->orders = opts->orders > 0 ? opts->orders : ACCORD_FORECAST_DEFAULT_ORDERS;
	memset(&pool, 0, sizeof pool);
	pthread_mutex_init(&pool.lock, NULL);
	for (t = 0; t < jobs; t++) {
		workers[t].issues = issues;
		workers[t].opts = opts;
		workers[t].fc = fc;
		workers[t].pool = &pool;
		workers[t].ordinary_name = opts->ordinary != NULL ? opts->ordinary : "eu_ordinary";
		workers[t].consultation_name = opts->consultation != NULL ? opts->consultation : "eu_consultation";
	}
	for (t = 1; t < jobs; t++) {
		if (pthread_create(&threads[started], NULL, worker, &workers[t]) != 0)
			break;
		started++;
	}
	worker(&workers[0]);
	for (t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_mutex_destroy(&pool.lock);
	for (t = 0; t <= started; t++)
		if (workers[t].rc != ACCORD_OK) {
			*err = workers[t].err;
			rc = workers[t].rc;
			goto cleanup;
		}
	fc->seconds = wall_seconds() - t0;
	*out = fc;
	fc = NULL;
cleanup:
	accord_free(workers);
	accord_forecast_free(fc);
	return rc;
}

void accord_forecast_free(accord_forecast *fc)
{
	if (fc == NULL)
		return;
	accord_free(fc->items);
	accord_free(fc);
}

/* ---- scores and output -------------------------------------------------------------- */

void accord_forecast_score(accord_forecast_mae *out, const accord_forecast *fc, const char *pack)
{
	size_t i;
	memset(out, 0, sizeof *out);
	for (i = 0; i < fc->count; i++) {
		const accord_forecast_item *it = &fc->items[i];
		if (!it->issue->has_out || (pack != NULL && strcmp(pack, it->pack) != 0))
			continue;
		out->n++;
		out->accord += fabs(it->forecast - it->issue->out);
		out->compromise += fabs(it->compromise - it->issue->out);
		out->median += fabs(it->median - it->issue->out);
	}
	if (out->n > 0) {
		out->accord /= (double)out->n;
		out->compromise /= (double)out->n;
		out->median /= (double)out->n;
	}
}

/* The packs the issues used, in order of first use (at most 2 distinct in practice). */
static size_t packs_used(const accord_forecast *fc, const char **names, size_t max)
{
	size_t i, j, n = 0;
	for (i = 0; i < fc->count; i++) {
		for (j = 0; j < n && strcmp(names[j], fc->items[i].pack) != 0; j++)
			;
		if (j == n && n < max)
			names[n++] = fc->items[i].pack;
	}
	return n;
}

static double round2(double x)
{
	return round(x * 100) / 100;
}

static void json_mae(jsonw *w, const accord_forecast_mae *m)
{
	jsonw_begin_object(w);
	jsonw_key(w, "n");
	jsonw_integer(w, (long long)m->n);
	jsonw_key(w, "accord");
	jsonw_real(w, round2(m->accord));
	jsonw_key(w, "compromise");
	jsonw_real(w, round2(m->compromise));
	jsonw_key(w, "median");
	jsonw_real(w, round2(m->median));
	jsonw_end_object(w);
}

/* "power": {"COM": 0, "EP": 0.24, ...}: the actors with a position, by their codes upper-cased as the packs see them. */
static void json_power(jsonw *w, const accord_forecast_item *it)
{
	char code[8];
	unsigned k;
	jsonw_key(w, "power");
	jsonw_begin_object(w);
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++) {
		const char *a = accord_issue_actor(k);
		if (!it->issue->has_pos[k])
			continue;
		actor_code(code, a);
		jsonw_key(w, code);
		jsonw_real(w, round2(it->power[k]));
	}
	jsonw_end_object(w);
}

int accord_forecast_render_json(accord_buf *out, const accord_forecast *fc, accord_error *err)
{
	jsonw w;
	accord_forecast_mae m;
	const char *names[8];
	size_t i, n = packs_used(fc, names, 8);
	jsonw_init(&w, out);
	jsonw_begin_object(&w);
	jsonw_key(&w, "runs");
	jsonw_integer(&w, (long long)fc->runs);
	jsonw_key(&w, "seed");
	jsonw_integer(&w, (long long)fc->seed);
	jsonw_key(&w, "model");
	jsonw_string(&w, accord_forecast_model_name(fc->model));
	jsonw_key(&w, "power_weight");
	jsonw_real(&w, fc->power);
	jsonw_key(&w, "agenda");
	jsonw_real(&w, fc->agenda);
	jsonw_key(&w, "orders");
	jsonw_integer(&w, (long long)fc->orders);
	jsonw_key(&w, "tolerance");
	jsonw_real(&w, fc->tolerance);
	jsonw_key(&w, "noise");
	jsonw_real(&w, fc->noise);
	jsonw_key(&w, "issues");
	jsonw_begin_array(&w);
	for (i = 0; i < fc->count; i++) {
		const accord_forecast_item *it = &fc->items[i];
		jsonw_begin_object(&w);
		jsonw_key(&w, "id");
		jsonw_string(&w, it->issue->id);
		jsonw_key(&w, "procedure");
		jsonw_string(&w, it->issue->proc);
		jsonw_key(&w, "pack");
		jsonw_string(&w, it->pack);
		jsonw_key(&w, "forecast");
		jsonw_real(&w, round2(it->forecast));
		jsonw_key(&w, "spread");
		jsonw_real(&w, round2(it->spread));
		jsonw_key(&w, "compromise");
		jsonw_real(&w, round2(it->compromise));
		jsonw_key(&w, "median");
		jsonw_real(&w, round2(it->median));
		if (fc->model == ACCORD_FORECAST_WINSET) {
			jsonw_key(&w, "passing");
			jsonw_real(&w, round2(it->passing));
		}
		json_power(&w, it);
		if (it->issue->has_out) {
			jsonw_key(&w, "out");
			jsonw_real(&w, it->issue->out);
		}
		jsonw_end_object(&w);
	}
	jsonw_end_array(&w);
	jsonw_key(&w, "mae");
	jsonw_begin_object(&w);
	jsonw_key(&w, "all");
	accord_forecast_score(&m, fc, NULL);
	json_mae(&w, &m);
	for (i = 0; i < n; i++) {
		jsonw_key(&w, names[i]);
		accord_forecast_score(&m, fc, names[i]);
		json_mae(&w, &m);
	}
	jsonw_end_object(&w);
	jsonw_end_object(&w);
	if (jsonw_finish(&w) != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}

int accord_forecast_render_text(accord_buf *out, const accord_forecast *fc, accord_error *err)
{
	const char *names[8];
	size_t i, n = packs_used(fc, names, 8);
	accord_forecast_mae m;
	int rc = accord_buf_printf(out, "%-14s %-16s %8s %7s %10s %7s %5s\n", "issue", "procedure", "forecast", "spread",
		"compromise", "median", "out");
	for (i = 0; i < fc->count && rc == ACCORD_OK; i++) {
		const accord_forecast_item *it = &fc->items[i];
		rc = accord_buf_printf(out, "%-14s %-16s %8.1f %7.1f %10.1f %7.1f", it->issue->id, it->pack, it->forecast,
			it->spread, it->compromise, it->median);
		if (rc == ACCORD_OK)
			rc = it->issue->has_out ? accord_buf_printf(out, " %5.0f\n", it->issue->out) : accord_buf_puts(out, "     -\n");
	}
	accord_forecast_score(&m, fc, NULL);
	if (rc == ACCORD_OK && m.n > 0) {
		rc = accord_buf_printf(out, "\nmean absolute error (model %s, %lu runs, seed %llu)\n%-16s %5s %8s %10s %7s\n"
			"%-16s %5zu %8.2f %10.2f %7.2f\n", accord_forecast_model_name(fc->model), fc->runs, fc->seed, "issues", "n", "accord", "compromise", "median",
			"all", m.n, m.accord, m.compromise, m.median);
		for (i = 0; i < n && rc == ACCORD_OK; i++) {
			accord_forecast_score(&m, fc, names[i]);
			rc = accord_buf_printf(out, "%-16s %5zu %8.2f %10.2f %7.2f\n", names[i], m.n, m.accord, m.compromise,
				m.median);
		}
	}
	return rc == ACCORD_OK ? ACCORD_OK : accord_error_set(err, ACCORD_ENOMEM, "out of memory");
}
