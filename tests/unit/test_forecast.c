/*
** test_forecast.c: the DEU-format reader (accord/issues.h), the EU packs'
** voting arithmetic (workflows/eu_*.lua, lib/eu.lua) on hand-made cases,
** and the forecast engine (accord_forecast.h).
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/issues.h"
#include "accord_forecast.h"
#include "accord_pack.h"

#define WORKFLOWS ACCORD_TESTDATA "/../../workflows"

/* A header with every column, then rows built by row(). */
static void header(accord_buf *b, int with_out)
{
	unsigned k;
	accord_buf_puts(b, "isnr\tproc\tcounvte\tintro");
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		accord_buf_printf(b, "\tp%s", accord_issue_actor(k));
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		accord_buf_printf(b, "\ts%s", accord_issue_actor(k));
	accord_buf_puts(b, with_out ? "\trp\tout\n" : "\trp\n");
}

/* pos/sal: strings per actor ("" none); the rest as given. */
static void row(accord_buf *b, const char *id, const char *proc, const char *vote, const char *const *pos,
	const char *const *sal, const char *rp, const char *out)
{
	unsigned k;
	accord_buf_printf(b, "%s\t%s\t%s\t01-01-12", id, proc, vote);
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		accord_buf_printf(b, "\t%s", pos[k]);
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		accord_buf_printf(b, "\t%s", sal[k]);
	accord_buf_printf(b, "\t%s", rp);
	if (out != NULL)
		accord_buf_printf(b, "\t%s", out);
	accord_buf_putc(b, '\n');
}

static void fill(const char **v, const char *value)
{
	unsigned k;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		v[k] = value;
}

static void test_forecast__reader(void **state)
{
	accord_buf b = ACCORD_BUF_INIT;
	const char *pos[ACCORD_ISSUE_ACTORS], *sal[ACCORD_ISSUE_ACTORS];
	accord_issues *is = NULL;
	accord_error err;
	int ok;
	(void)state;
	accord_error_clear(&err);
	header(&b, 1);
	fill(pos, "");
	fill(sal, "");
	pos[0] = "100";
	sal[0] = "50";
	pos[1] = "0";
	sal[1] = "50";
	pos[2] = "40";
	row(&b, "x1", "COD", "QMV", pos, sal, "0", "60");
	row(&b, "x2", "CNS", "Unan", pos, sal, "", "");
	assert_int_equal(accord_issues_read(&is, b.ptr, b.size, "t.tsv", &err), ACCORD_OK);
	assert_int_equal(is->count, 2);
	assert_string_equal(is->items[0].id, "x1");
	assert_string_equal(is->items[1].vote, "Unan");
	assert_true(is->items[0].has_pos[2] && !is->items[0].has_sal[2] && !is->items[0].has_pos[3]);
	assert_true(is->items[0].has_out && is->items[0].out == 60 && !is->items[1].has_out && !is->items[1].has_rp);
	assert_int_equal(is->items[1].line, 3);
	/* compromise: (100*50 + 0*50 + 40*50) / 150; median of 0, 40, 100 */
	assert_true(fabs(accord_issue_compromise(&is->items[0], &ok) - 140.0 / 3) < 1e-9 && ok);
	assert_true(accord_issue_median(&is->items[0], &ok) == 40 && ok);
	accord_issues_free(is);
	accord_buf_dispose(&b);
}

static void expect_error(const char *data, int code, unsigned line, unsigned col, const char *what)
{
	accord_issues *is = (accord_issues *)1;
	accord_error err;
	accord_error_clear(&err);
	assert_int_equal(accord_issues_read(&is, data, strlen(data), "bad.tsv", &err), code);
	assert_null(is);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	if (strstr(err.message, what) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err.message, what);
}

static void test_forecast__reader_errors(void **state)
{
	accord_buf b = ACCORD_BUF_INIT, h = ACCORD_BUF_INIT;
	const char *pos[ACCORD_ISSUE_ACTORS], *sal[ACCORD_ISSUE_ACTORS];
	(void)state;
	header(&h, 1);
	fill(pos, "");
	fill(sal, "");
	/* a bad number: column of pcom is 5 (isnr, proc, counvte, intro, pcom) */
	accord_buf_puts(&b, h.ptr);
	pos[0] = "5O";
	row(&b, "x1", "COD", "QMV", pos, sal, "0", "");
	expect_error(b.ptr, ACCORD_EPARSE, 2, 5 + 3 + 4 + 9, "pcom: \"5O\" is not a number");
	/* outside 0-100 */
	accord_buf_clear(&b);
	accord_buf_puts(&b, h.ptr);
	pos[0] = "101";
	row(&b, "x1", "COD", "QMV", pos, sal, "0", "");
	expect_error(b.ptr, ACCORD_EPARSE, 2, 5 + 3 + 4 + 9, "pcom: 101 is outside the scale 0-100");
	/* a missing column */
	expect_error("isnr\tproc\tpcom\n", ACCORD_ESCHEMA, 1, 1, "no column \"rp\"");
	/* a repeated issue */
	accord_buf_clear(&b);
	accord_buf_puts(&b, h.ptr);
	pos[0] = "1";
	row(&b, "x1", "COD", "QMV", pos, sal, "0", "");
	row(&b, "x1", "COD", "QMV", pos, sal, "0", "");
	expect_error(b.ptr, ACCORD_ESCHEMA, 3, 1, "x1 repeats the issue of line 2");
	expect_error(h.ptr, ACCORD_EEMPTY, 1, 0, "no issue");
	accord_buf_dispose(&b);
	accord_buf_dispose(&h);
}

/* ---- the packs' arithmetic ------------------------------------------------------------- */

static accord_pack *pack_of(const char *name)
{
	char path[512];
	accord_pack *p = NULL;
	accord_error err;
	accord_pack_options po = ACCORD_PACK_OPTIONS_INIT;
	accord_error_clear(&err);
	snprintf(path, sizeof path, "%s/%s.lua", WORKFLOWS, name);
	if (accord_pack_load(&p, path, &po, &err) != ACCORD_OK)
		fail_msg("%s: %s", path, err.message);
	return p;
}

/* passes(votes, ctx): votes "CODE=yes CODE=no ...", ctx council_rule and date. */
static int passes(accord_pack *p, const char *votes, const char *rule, const char *date)
{
	lua_State *L = accord_lua_state(accord_pack_runtime(p));
	char code[8], vote[8];
	const char *s = votes;
	int n, r;
	accord_error err;
	accord_error_clear(&err);
	accord_pack_push(p);
	lua_getfield(L, -1, "passes");
	lua_remove(L, -2);
	lua_newtable(L);
	while (sscanf(s, " %7[A-Z]=%7[a-z]%n", code, vote, &n) == 2) {
		lua_pushstring(L, vote);
		lua_setfield(L, -2, code);
		s += n;
	}
	lua_newtable(L);
	lua_pushstring(L, rule);
	lua_setfield(L, -2, "council_rule");
	lua_pushstring(L, date);
	lua_setfield(L, -2, "date");
	if (accord_lua_pcall(accord_pack_runtime(p), 2, 1, &err) != ACCORD_OK)
		fail_msg("passes: %s", err.message);
	r = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return r;
}

#define EU28_BUT(no) "AT=yes BE=yes BU=yes CR=yes CY=yes CZ=yes DK=yes EE=yes FI=yes FR=yes EL=yes HU=yes IE=yes " \
	"IT=yes LV=yes LT=yes LU=yes MT=yes NL=yes PL=yes PT=yes RO=yes SI=yes SK=yes ES=yes SE=yes " no

static void test_forecast__qmv(void **state)
{
	accord_pack *p = pack_of("eu_ordinary");
	(void)state;
	/* Nice (2012): DE and UK against, 294 of 352 weights: passes; EP must approve */
	assert_true(passes(p, "EP=yes " EU28_BUT("DE=no UK=no"), "QMV", "01-01-12"));
	assert_false(passes(p, "EP=no " EU28_BUT("DE=yes UK=yes"), "QMV", "01-01-12"));
	/* Nice: DE, FR, IT against (87 weights): 265 left, passes; with PL too (27): 238 < 260, blocked */
	assert_true(passes(p, "EP=yes AT=yes BE=yes BU=yes CR=yes CY=yes CZ=yes DK=yes EE=yes FI=yes FR=no EL=yes HU=yes "
		"IE=yes IT=no LV=yes LT=yes LU=yes MT=yes NL=yes PL=yes PT=yes RO=yes SI=yes SK=yes ES=yes SE=yes DE=no UK=yes",
		"QMV", "01-01-12"));
	assert_false(passes(p, "EP=yes AT=yes BE=yes BU=yes CR=yes CY=yes CZ=yes DK=yes EE=yes FI=yes FR=no EL=yes HU=yes "
		"IE=yes IT=no LV=yes LT=yes LU=yes MT=yes NL=yes PL=no PT=yes RO=yes SI=yes SK=yes ES=yes SE=yes DE=no UK=yes",
		"QMV", "01-01-12"));
	/* Lisbon (2015): DE, FR, IT against hold > 35 % of the population but are only 3: no blocking minority */
	assert_true(passes(p, "EP=yes AT=yes BE=yes BU=yes CR=yes CY=yes CZ=yes DK=yes EE=yes FI=yes FR=no EL=yes HU=yes "
		"IE=yes IT=no LV=yes LT=yes LU=yes MT=yes NL=yes PL=yes PT=yes RO=yes SI=yes SK=yes ES=yes SE=yes DE=no UK=yes",
		"QMV", "2015-06-01"));
	/* Lisbon: DE, FR, IT and PL against: a blocking minority (four, over 35 % of the population) */
	assert_false(passes(p, "EP=yes AT=yes BE=yes BU=yes CR=yes CY=yes CZ=yes DK=yes EE=yes FI=yes FR=no EL=yes HU=yes "
		"IE=yes IT=no LV=yes LT=yes LU=yes MT=yes NL=yes PL=no PT=yes RO=yes SI=yes SK=yes ES=yes SE=yes DE=no UK=yes",
		"QMV", "2015-06-01"));
	/* Lisbon: 13 small states against: fewer than 16 of 28 for: blocked on the count of states */
	assert_false(passes(p, "EP=yes DE=yes FR=yes IT=yes UK=yes ES=yes PL=yes RO=yes NL=yes BE=yes EL=yes CZ=yes PT=yes "
		"HU=yes SE=yes AT=no BU=no DK=no FI=no SK=no IE=no CR=no LT=no SI=no LV=no EE=no CY=no LU=no MT=no",
		"QMV", "2015-06-01"));
	accord_pack_free(p);
}

static void test_forecast__unanimity(void **state)
{
	accord_pack *p = pack_of("eu_consultation");
	(void)state;
	assert_true(passes(p, "COM=yes EP=no " EU28_BUT("DE=yes UK=abstain"), "Unan", "01-01-12"));
	/* one veto */
	assert_false(passes(p, "COM=yes EP=yes " EU28_BUT("DE=yes UK=no"), "Unan", "01-01-12"));
	/* QMV by the legal basis, but against the Commission: unanimity (TFEU Art. 293(1)) */
	assert_true(passes(p, "COM=yes " EU28_BUT("DE=no UK=no"), "QMV", "01-01-12"));
	assert_false(passes(p, "COM=no " EU28_BUT("DE=no UK=no"), "QMV", "01-01-12"));
	accord_pack_free(p);
}

/* ---- the engine ------------------------------------------------------------------------- */

static accord_forecast *forecast_with(const char *data, unsigned jobs, accord_forecast_model model, double power)
{
	accord_issues *is = NULL;
	accord_forecast *fc = NULL;
	accord_forecast_options o = ACCORD_FORECAST_OPTIONS_INIT;
	accord_error err;
	accord_error_clear(&err);
	setenv("ACCORD_WORKFLOWS", WORKFLOWS, 1);
	o.runs = 10;
	o.jobs = jobs;
	o.noise = 0;
	o.tolerance = 0;
	o.model = model;
	o.power = power;
	o.orders = 256; /* a quarter of the default: enough for the orderings below, quicker under valgrind */
	assert_int_equal(accord_issues_read(&is, data, strlen(data), "t.tsv", &err), ACCORD_OK);
	if (accord_forecast_run(&fc, is, &o, &err) != ACCORD_OK)
		fail_msg("forecast: %s", err.message);
	/* the items' issue pointers dangle from here on: the tests read only the numbers */
	accord_issues_free(is);
	return fc;
}

/* Actors by index: 0 com, 1 ep, 2 at ... 11 fr, 12 de, 16 it, 22 pl ... 29 uk (accord_issue_actor). */
enum { COM = 0, EP = 1, AT = 2, FR = 11, DE = 12, IT = 16, PL = 22 };

static void test_forecast__reference_point(void **state)
{
	accord_buf b = ACCORD_BUF_INIT;
	const char *pos[ACCORD_ISSUE_ACTORS], *sal[ACCORD_ISSUE_ACTORS];
	accord_forecast *fc;
	(void)state;
	assert_string_equal(accord_issue_actor(DE), "de");
	assert_string_equal(accord_issue_actor(PL), "pl");
	header(&b, 1);
	fill(sal, "100");
	/* unanimity, one state at the reference point 0, the others at 100: its veto keeps rp */
	fill(pos, "100");
	pos[AT] = "0";
	row(&b, "veto", "CNS", "Unan", pos, sal, "0", "");
	/* the same under the ordinary procedure: one state cannot block, the compromise passes */
	row(&b, "qmv", "COD", "QMV", pos, sal, "0", "");
	/* everybody at 100 but the Parliament at the reference point 0: nothing passes, rp stays */
	fill(pos, "100");
	pos[EP] = "0";
	row(&b, "ep", "COD", "QMV", pos, sal, "0", "");
	/* Nice weights: DE, FR, IT and PL at rp hold 114 of 352 votes, a blocking minority (more than 92) */
	fill(pos, "100");
	pos[DE] = pos[FR] = pos[IT] = pos[PL] = "0";
	row(&b, "block4", "COD", "QMV", pos, sal, "0", "");
	/* DE, FR and IT alone hold 87: no blocking minority, the compromise passes */
	pos[PL] = "100";
	row(&b, "block3", "COD", "QMV", pos, sal, "0", "");
	fc = forecast_with(b.ptr, 2, ACCORD_FORECAST_WINSET, 0);
	assert_true(fc->items[0].forecast == 0 && fc->items[0].spread == 0);
	assert_true(fabs(fc->items[1].forecast - 2900.0 / 30) < 1e-9);
	assert_true(fc->items[2].forecast == 0);
	assert_true(fc->items[3].forecast == 0);
	assert_true(fabs(fc->items[4].forecast - 2700.0 / 30) < 1e-9);
	accord_forecast_free(fc);
	accord_buf_dispose(&b);
}

static double power_sum(const accord_forecast_item *it)
{
	double sum = 0;
	unsigned k;
	for (k = 0; k < ACCORD_ISSUE_ACTORS; k++)
		sum += it->power[k];
	return sum;
}

static void test_forecast__power(void **state)
{
	accord_buf b = ACCORD_BUF_INIT;
	const char *pos[ACCORD_ISSUE_ACTORS], *sal[ACCORD_ISSUE_ACTORS];
	accord_forecast *fc, *two;
	unsigned k;
	(void)state;
	header(&b, 1);
	fill(sal, "50");
	fill(pos, "50");
	pos[COM] = "100";
	pos[EP] = "0";
	pos[DE] = "0";
	/* unanimity: the last member state in an order is the pivot; the Commission and Parliament never are */
	row(&b, "unan", "CNS", "Unan", pos, sal, "0", "");
	/* co-decision: the Parliament is a veto player, stronger than any state; the Commission has no vote */
	row(&b, "cod", "COD", "QMV", pos, sal, "0", "");
	/* consultation by QMV: against the Commission only unanimously, so it is a pivot too */
	row(&b, "cnsq", "CNS", "QMV", pos, sal, "0", "");
	fc = forecast_with(b.ptr, 1, ACCORD_FORECAST_POWER, 0.5);
	assert_true(fabs(power_sum(&fc->items[0]) - 1) < 1e-9 && fabs(power_sum(&fc->items[1]) - 1) < 1e-9);
	assert_true(fc->items[0].power[COM] == 0 && fc->items[0].power[EP] == 0);
	for (k = AT; k < ACCORD_ISSUE_ACTORS; k++)
		assert_true(fc->items[0].power[k] > 0 && fc->items[0].power[k] < 0.1);
	assert_true(fc->items[1].power[COM] == 0);
	for (k = AT; k < ACCORD_ISSUE_ACTORS; k++)
		assert_true(fc->items[1].power[EP] > 2 * fc->items[1].power[k]);
	assert_true(fc->items[2].power[COM] > 0 && fc->items[2].power[EP] == 0);
	/* the Parliament's weight under co-decision pulls the forecast its way, the Commission's none */
	assert_true(fc->items[1].forecast < fc->items[1].compromise);
	/* the same with two threads, to the bit */
	two = forecast_with(b.ptr, 2, ACCORD_FORECAST_POWER, 0.5);
	for (k = 0; k < 3; k++) {
		assert_memory_equal(fc->items[k].power, two->items[k].power, sizeof fc->items[k].power);
		assert_true(fc->items[k].forecast == two->items[k].forecast);
	}
	accord_forecast_free(two);
	accord_forecast_free(fc);
	/* weight 0: salience alone, the compromise model itself */
	fc = forecast_with(b.ptr, 1, ACCORD_FORECAST_POWER, 0);
	for (k = 0; k < 3; k++)
		assert_true(fabs(fc->items[k].forecast - fc->items[k].compromise) < 1e-9);
	accord_forecast_free(fc);
	accord_buf_dispose(&b);
}

static void test_forecast__table(void **state)
{
	accord_buf b = ACCORD_BUF_INIT;
	const char *pos[ACCORD_ISSUE_ACTORS], *sal[ACCORD_ISSUE_ACTORS];
	accord_forecast *fc;
	(void)state;
	header(&b, 1);
	fill(sal, "50");
	fill(pos, "");
	pos[COM] = "100";
	pos[EP] = "80";
	pos[AT] = "0";
	pos[DE] = "10";
	/* compromise 47.5: the nearest alternative on the table is the reference point 45 */
	row(&b, "rp", "COD", "QMV", pos, sal, "45", "");
	/* without it, the position 10 (37.5 away; 80 is 32.5 away: 80) */
	row(&b, "norp", "COD", "QMV", pos, sal, "", "");
	fc = forecast_with(b.ptr, 1, ACCORD_FORECAST_TABLE, 0);
	assert_true(fc->items[0].forecast == 45);
	assert_true(fc->items[1].forecast == 80);
	accord_forecast_free(fc);
	accord_buf_dispose(&b);
}

static void test_forecast__models(void **state)
{
	(void)state;
	assert_string_equal(accord_forecast_model_name(ACCORD_FORECAST_POWER), "power");
	assert_int_equal(accord_forecast_model_of("winset"), ACCORD_FORECAST_WINSET);
	assert_int_equal(accord_forecast_model_of("table"), ACCORD_FORECAST_TABLE);
	assert_int_equal(accord_forecast_model_of("nash"), -1);
	assert_null(accord_forecast_model_name((accord_forecast_model)7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forecast__reader),
		cmocka_unit_test(test_forecast__reader_errors),
		cmocka_unit_test(test_forecast__qmv),
		cmocka_unit_test(test_forecast__unanimity),
		cmocka_unit_test(test_forecast__reference_point),
		cmocka_unit_test(test_forecast__power),
		cmocka_unit_test(test_forecast__table),
		cmocka_unit_test(test_forecast__models),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
