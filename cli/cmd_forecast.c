/* cmd_forecast.c: accord forecast: DEU-format issues run through their procedures' rule packs. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "accord/issues.h"
#include "accord_forecast.h"
#include "cli.h"

const char cmd_forecast_usage[] =
	"Usage: accord forecast DATA.tsv [OPTIONS]\n"
	"\n"
	"Forecasts the outcome of contested issues in the DEU format (tab-separated,\n"
	"a header line; columns isnr, proc, counvte, intro, p<actor>/s<actor> for com,\n"
	"ep and the 28 member states, rp, out: docs/forecast.md). Each issue runs\n"
	"through its procedure's rule pack (eu_ordinary for COD, eu_consultation\n"
	"otherwise), which gives each actor's power under the procedure (how often its\n"
	"yes makes a text pass, over random orders of the actors); the forecast is the\n"
	"compromise weighted by salience and that power (the Commission's counted\n"
	"1 + --agenda times), the median over seeded runs with noise on positions and\n"
	"saliences. Prints per issue the forecast (0-100) and its spread; where the\n"
	"outcome `out` is given, the mean absolute error of the forecasts beside those\n"
	"of the compromise model and the median actor, overall and by procedure. `out`\n"
	"is never used to forecast.\n"
	"\n"
	"Options:\n"
	"  -r, --runs N           runs per issue (default 100)\n"
	"  -s, --seed S           the seed (default 1)\n"
	"  -j, --jobs J           threads (default 1); the result is the same for any J\n"
	"  -m, --model NAME       power (default): the compromise weighted by salience x\n"
	"                         capability; winset: that compromise where it passes\n"
	"                         against the reference point, else the passing point\n"
	"                         nearest it, else the reference point; table: the\n"
	"                         position held (or reference point) nearest it\n"
	"      --power W          0-1: the weight of procedural power in capability,\n"
	"                         (1 - W) + W x power x actors (default 0.5, chosen by\n"
	"                         cross-validation; 0: salience alone)\n"
	"      --agenda B         0-10: the agenda setter's weight: the Commission's power\n"
	"                         counts 1 + B times in its capability (default 1, chosen\n"
	"                         by cross-validation; 0: as the pack gives it); it\n"
	"                         matters where the procedure gives the Commission a\n"
	"                         say (consultation by qualified majority)\n"
	"      --orders N         random orders of the actors that estimate their power\n"
	"                         (default 1024)\n"
	"      --tolerance T      winset: points beyond the reference point's distance\n"
	"                         an actor of salience 0 accepts, falling to 0 at\n"
	"                         salience 100 (default 1000)\n"
	"      --noise D          standard deviation of the noise on positions, in points\n"
	"                         (default 5)\n"
	"      --json             print {\"issues\": [{\"id\", \"forecast\", \"spread\", ...}], \"mae\": {...}}\n"
	"  -o, --output OUT       write the result to OUT instead of standard output\n"
	"  -h, --help             print this help\n"
	"\n"
	"Exit status: 0 ok, 2 usage error, 3 bad data (FILE:LINE:COL), 4 a rule pack\n"
	"failed or hit a limit, 5 a file cannot be read or written.\n";

/* A number in [0, 1000] or -1. */
static double parse_points(const char *text)
{
	char *end;
	double v = strtod(text, &end);
	return end != text && *end == '\0' && v >= 0 && v <= 1000 ? v : -1;
}

int cmd_forecast(int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_TOLERANCE, OPT_NOISE, OPT_POWER, OPT_ORDERS, OPT_AGENDA };
	static const struct option long_options[] = {{"seed", required_argument, NULL, 's'},
		{"runs", required_argument, NULL, 'r'}, {"jobs", required_argument, NULL, 'j'},
		{"tolerance", required_argument, NULL, OPT_TOLERANCE}, {"noise", required_argument, NULL, OPT_NOISE},
		{"model", required_argument, NULL, 'm'}, {"power", required_argument, NULL, OPT_POWER},
		{"orders", required_argument, NULL, OPT_ORDERS}, {"agenda", required_argument, NULL, OPT_AGENDA},
		{"json", no_argument, NULL, OPT_JSON}, {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	accord_forecast_options opts = ACCORD_FORECAST_OPTIONS_INIT;
	accord_buf data = ACCORD_BUF_INIT, result = ACCORD_BUF_INIT;
	accord_issues *issues = NULL;
	accord_forecast *fc = NULL;
	const char *output = "-";
	accord_error err;
	unsigned long long number;
	int json = 0, model, c, rc;

	accord_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":s:r:j:m:o:h", long_options, NULL)) != -1) {
		switch (c) {
		case 's':
		case 'r':
		case 'j':
		case OPT_ORDERS: {
			/* the seed may be 0; runs, jobs and orders from 1 to their maximum */
			const char *name = c == 's' ? "--seed" : c == 'r' ? "--runs" : c == 'j' ? "--jobs" : "--orders";
			unsigned long long max = c == 's' ? ~0ULL : c == 'j' ? 64 : 1000000ULL;
			if (c == 's' && strcmp(optarg, "0") == 0)
				number = 0;
			else if (cli_parse_count(optarg, &number) != 0 || number > max)
				return c == 's' ? cli_usage_error("forecast", "--seed takes a whole number")
						: cli_usage_error("forecast", "%s takes a number from 1 to %llu", name, max);
			if (c == 's')
				opts.seed = number;
			else if (c == 'r')
				opts.runs = (unsigned long)number;
			else if (c == OPT_ORDERS)
				opts.orders = (unsigned long)number;
			else
				opts.jobs = (unsigned)number;
			break;
		}
		case OPT_TOLERANCE:
			if ((opts.tolerance = parse_points(optarg)) < 0)
				return cli_usage_error("forecast", "--tolerance takes points from 0 to 1000");
			break;
		case OPT_NOISE:
			if ((opts.noise = parse_points(optarg)) < 0)
				return cli_usage_error("forecast", "--noise takes points from 0 to 1000");
			break;
		case 'm':
			if ((model = accord_forecast_model_of(optarg)) < 0)
				return cli_usage_error("forecast", "--model takes power, winset or table");
			opts.model = (accord_forecast_model)model;
			break;
		case OPT_POWER:
			if ((opts.power = parse_points(optarg)) < 0 || opts.power > 1)
				return cli_usage_error("forecast", "--power takes a weight from 0 to 1");
			break;
		case OPT_AGENDA:
			if ((opts.agenda = parse_points(optarg)) < 0 || opts.agenda > 10)
				return cli_usage_error("forecast", "--agenda takes a number from 0 to 10");
			break;
		case OPT_JSON: json = 1; break;
		case 'o': output = optarg; break;
		case 'h': return cli_help("forecast");
		default: return cli_bad_option("forecast", c, argv);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("forecast", "expected one DATA file");
	rc = accord_read_file(&data, argv[optind], &err);
	if (rc == ACCORD_OK)
		rc = accord_issues_read(&issues, data.ptr ? data.ptr : "", data.size, argv[optind], &err);
	accord_buf_dispose(&data);
	if (rc == ACCORD_OK)
		rc = accord_forecast_run(&fc, issues, &opts, &err);
	if (rc == ACCORD_OK)
		rc = json ? accord_forecast_render_json(&result, fc, &err) : accord_forecast_render_text(&result, fc, &err);
	accord_forecast_free(fc);
	accord_issues_free(issues);
	if (rc != ACCORD_OK) {
		accord_buf_dispose(&result);
		return cli_report(&err);
	}
	rc = strcmp(output, "-") == 0 ? cli_write_stdout(result.ptr, result.size)
				      : cli_write_file(output, result.ptr, result.size);
	accord_buf_dispose(&result);
	return rc;
}
