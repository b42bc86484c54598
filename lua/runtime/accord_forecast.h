/*
** accord_forecast.h: forecasts of contested issues (accord/issues.h) by
** running each through its procedure's rule pack (docs/forecast.md).
**
** For each issue, the procedure's pack (eu_ordinary for "COD", else
** eu_consultation) is asked, through its passes(votes, ctx), how much power
** each actor holds: the share of random orders of the actors in which its
** yes is the one that makes the text pass (the Shapley-Shubik index of the
** pack's voting rule). An actor's capability is (1 - power option) +
** power option x its power x the number of actors, the Commission's power
** counted 1 + agenda option times (the agenda setter), and the forecast of a
** run is the compromise weighted by salience x capability (model "power",
** the default); "winset" constrains that compromise to the points that pass
** against the reference point, given each actor's vote (an actor votes for
** a point no farther from its position than the reference point is, give
** or take a tolerance that grows as the issue matters less to it); "table"
** takes the alternative on the table (a position held, or the reference
** point) nearest it. Runs perturb positions and saliences with seeded
** noise; the forecast is the median over runs (the point with the least
** expected absolute error), the spread their standard deviation.
**
** The outcome column (`out`) is never read by the forecast: it only scores
** it. Determinism: run r of an issue uses a stream drawn from the seed,
** the issue's id and r only, so a forecast is the same for any number of
** jobs and whatever other rows the file holds.
*/
#ifndef ACCORD_FORECAST_H
#define ACCORD_FORECAST_H

#include "accord/common.h"
#include "accord/issues.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a run turns positions into an outcome (docs/forecast.md, "The model"). */
typedef enum accord_forecast_model {
	ACCORD_FORECAST_POWER = 0, /* the compromise weighted by salience x power under the procedure */
	ACCORD_FORECAST_WINSET,    /* that compromise where it passes against rp, else the passing point nearest it, else rp */
	ACCORD_FORECAST_TABLE      /* the alternative on the table (a position held, or rp) nearest that compromise */
} accord_forecast_model;

typedef struct accord_forecast_options {
	unsigned version;               /* ACCORD_FORECAST_OPTIONS_VERSION */
	unsigned long runs;             /* runs per issue, >= 1 */
	unsigned long long seed;        /* the base seed */
	unsigned jobs;                  /* threads (0: 1) */
	double tolerance;               /* winset: points an actor of salience 0 accepts beyond the reference point's distance (falls linearly to 0 at salience 100) */
	double noise;                   /* standard deviation of the noise on positions, in points; saliences get noise/100 relative */
	const char *ordinary;           /* the pack for "COD" (NULL: eu_ordinary) */
	const char *consultation;       /* the pack for other procedures (NULL: eu_consultation) */
	accord_forecast_model model;    /* ACCORD_FORECAST_POWER by default */
	double power;                   /* 0-1: the weight of procedural power in an actor's capability (0: salience alone) */
	unsigned long orders;           /* random orders of the actors that estimate their power (0: the default) */
	double agenda;                  /* >= 0: the agenda setter's (the Commission's) power counts 1 + agenda times in its capability */
} accord_forecast_options;
#define ACCORD_FORECAST_OPTIONS_VERSION 1
#define ACCORD_FORECAST_DEFAULT_TOLERANCE 1000.0
#define ACCORD_FORECAST_DEFAULT_NOISE 5.0
#define ACCORD_FORECAST_DEFAULT_POWER 0.5 /* chosen by repeated 5-fold cross-validation (docs/forecast.md) */
#define ACCORD_FORECAST_DEFAULT_ORDERS 1024 /* random orders of the actors that estimate their power */
#define ACCORD_FORECAST_DEFAULT_AGENDA 1.0 /* chosen by repeated 5-fold cross-validation (docs/forecast.md) */
#define ACCORD_FORECAST_OPTIONS_INIT {ACCORD_FORECAST_OPTIONS_VERSION, 100, 1, 1, \
	ACCORD_FORECAST_DEFAULT_TOLERANCE, ACCORD_FORECAST_DEFAULT_NOISE, NULL, NULL, ACCORD_FORECAST_POWER, \
	ACCORD_FORECAST_DEFAULT_POWER, ACCORD_FORECAST_DEFAULT_ORDERS, ACCORD_FORECAST_DEFAULT_AGENDA}

/* The model's name ("power", "winset", "table"); accord_forecast_model_of: -1 for an unknown name. */
ACCORD_API const char *accord_forecast_model_name(accord_forecast_model model);
ACCORD_API int accord_forecast_model_of(const char *name);

/* One issue's forecast. */
typedef struct accord_forecast_item {
	const accord_issue *issue;  /* borrowed from the issues given */
	const char *pack;           /* the pack's name ("eu_ordinary" ...), static or the option's */
	double forecast;            /* median over the runs, 0-100 */
	double spread;              /* standard deviation over the runs */
	double compromise;          /* the compromise model (salience-weighted mean) */
	double median;              /* the median actor's position */
	double passing;             /* winset: share of the scale's 101 points that passed, mean over runs */
	double power[ACCORD_ISSUE_ACTORS]; /* each actor's power under the procedure: the share of random orders in
					      which its yes makes the pack's passes() true (Shapley-Shubik); 0 without a position */
} accord_forecast_item;

typedef struct accord_forecast {
	accord_forecast_item *items; /* in the issues' order */
	size_t count;
	unsigned long runs;
	unsigned long long seed;
	double tolerance, noise, power, agenda;
	unsigned long orders;
	accord_forecast_model model;
	double seconds;              /* wall-clock time of the forecast */
} accord_forecast;

/*
** Forecasts every issue. The issues must outlive the result. Fails with
** the errors of finding and loading the packs (ACCORD_ENOTFOUND, EIO,
** EPARSE, ESCRIPT, ELIMIT), ACCORD_ESCRIPT when a pack's passes() fails
** (naming the issue), ACCORD_EINVAL for bad options, ACCORD_ENOMEM.
*/
ACCORD_API int accord_forecast_run(accord_forecast **out, const accord_issues *issues,
	const accord_forecast_options *opts, accord_error *err);
ACCORD_API void accord_forecast_free(accord_forecast *fc);

/* Mean absolute errors against `out`, over the issues that have one. */
typedef struct accord_forecast_mae {
	size_t n;                    /* issues with an outcome */
	double accord, compromise, median;
} accord_forecast_mae;

/* The MAEs over the issues whose pack is `pack` (NULL: all). */
ACCORD_API void accord_forecast_score(accord_forecast_mae *out, const accord_forecast *fc, const char *pack);

/* {"issues": [{"id", "procedure", "pack", "forecast", "spread", ...}], "mae": {...}}. */
ACCORD_API int accord_forecast_render_json(accord_buf *out, const accord_forecast *fc, accord_error *err);
/* A table, one issue a line, and the MAEs side by side. */
ACCORD_API int accord_forecast_render_text(accord_buf *out, const accord_forecast *fc, accord_error *err);

#ifdef __cplusplus
}
#endif
#endif
