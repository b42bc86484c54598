/*
** simulate_report.c: the simulation's HTML report (accord_sim_render_html):
** one standalone page, SVG drawn here, no script and no network at view
** time, printable. It shows the open amendments after each stage, how often
** each amendment is agreed with its 95% interval, the delegations x
** amendments position map, the pivotal delegations, which paragraphs end
** free of brackets, and the text at the end of the first run.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html_int.h"
#include "simulate_int.h"

static double share(unsigned long k, unsigned long n)
{
	return n > 0 ? (double)k / (double)n : 0.0;
}

static void wilson95(double *lo, double *hi, unsigned long k, unsigned long n)
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

static const char style[] =
	"body{font-family:Georgia,'Times New Roman',serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222}"
	"h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}"
	"table{border-collapse:collapse;font-size:.85em}td,th{padding:2px 6px;text-align:left;vertical-align:top}"
	"th{border-bottom:1px solid #999}.num{text-align:right;font-variant-numeric:tabular-nums}"
	".map td{width:1.1em;height:1.1em;padding:0;border:1px solid #fff}"
	".map th.v{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;height:5em}"
	"pre{white-space:pre-wrap;font-size:.85em;background:#f7f7f4;padding:1em}"
	".key span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .3em 0 1em}"
	"svg text{font-family:sans-serif;font-size:11px}"
	"@media print{body{margin:0}h2{break-after:avoid}table,svg{break-inside:avoid}}";

/* Colours of the positions (silent, support, object, abstain, reserve): Okabe-Ito, readable in grey. */
static const char *const position_colour[SIM_POSITIONS] = {"#e8e8e8", "#009e73", "#d55e00", "#56b4e9", "#e69f00"};
static const char *const position_label[SIM_POSITIONS] = {"silent", "support", "object", "abstain", "reserve"};

static int esc(accord_buf *out, const char *s)
{
	return html_escape(out, s != NULL ? s : "", s != NULL ? strlen(s) : 0, NULL, HTML_APOS);
}

/* Bars of the mean open amendments after each stage. */
static int chart_open(accord_buf *out, const accord_sim *sim)
{
	const int w = 640, h = 200, left = 40, bottom = 40;
	double max = 1, bar;
	size_t i;
	int rc = ACCORD_OK;
	for (i = 0; i < sim->n_stages; i++)
		if (share(sim->open_after[i], sim->runs_done) > max)
			max = share(sim->open_after[i], sim->runs_done);
	bar = sim->n_stages ? (double)(w - left - 10) / (double)sim->n_stages : 0;
	rc |= accord_buf_printf(out,
		"<svg role=\"img\" aria-label=\"open amendments after each stage\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\">\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n"
		"<text x=\"0\" y=\"12\">%.0f</text><text x=\"0\" y=\"%d\">0</text>\n",
		w, h, w, h, left, h - bottom, w - 10, h - bottom, max, h - bottom);
	for (i = 0; i < sim->n_stages; i++) {
		double v = share(sim->open_after[i], sim->runs_done);
		double bh = (h - bottom - 16) * v / max, x = left + bar * (double)i + 6;
		rc |= accord_buf_printf(out,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#0072b2\"><title>%.1f open</title></rect>"
			"<text x=\"%.1f\" y=\"%.1f\">%.1f</text><text x=\"%.1f\" y=\"%d\">",
			x, h - bottom - bh, bar - 12, bh, v, x, h - bottom - bh - 3, v, x, h - bottom + 14);
		rc |= esc(out, sim->stages[i]);
		rc |= accord_buf_puts(out, "</text>\n");
	}
	rc |= accord_buf_puts(out, "</svg>\n");
	return rc;
}

/* One row per amendment: a bar of how often agreed, with its interval. */
static int chart_agreed(accord_buf *out, const accord_sim *sim)
{
	const int row = 16, left = 90, width = 420;
	int h = (int)sim->n_items * row + 24, rc = ACCORD_OK;
	size_t i;
	rc |= accord_buf_printf(out,
		"<svg role=\"img\" aria-label=\"how often each amendment is agreed\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\">\n",
		left + width + 60, h, left + width + 60, h);
	for (i = 0; i <= 4; i++)
		rc |= accord_buf_printf(out,
			"<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\">%zu%%</text>\n",
			left + (int)(width * i / 4), left + (int)(width * i / 4), h - 14, left + (int)(width * i / 4) - 8, h - 2,
			i * 25);
	for (i = 0; i < sim->n_items; i++) {
		const unsigned long *c = &sim->outcome[i * SIM_OUTCOMES];
		unsigned long k = c[SIM_AGREED] + c[SIM_AGREED_AD_REF];
		double p = share(k, sim->runs_done), lo, hi;
		int y = (int)i * row + 2;
		wilson95(&lo, &hi, k, sim->runs_done);
		rc |= accord_buf_printf(out, "<text x=\"0\" y=\"%d\">", y + 11);
		rc |= esc(out, sim->items[i].id);
		rc |= accord_buf_printf(out,
			"</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#009e73\"><title>",
			left, y + 2, width * p, row - 5);
		rc |= esc(out, sim->items[i].summary);
		rc |= accord_buf_printf(out,
			"</title></rect><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>"
			"<text x=\"%d\" y=\"%d\">%.0f%%</text>\n",
			left + width * lo, y + row / 2, left + width * hi, y + row / 2, left + width + 6, y + 11, 100 * p);
	}
	rc |= accord_buf_puts(out, "</svg>\n");
	return rc;
}

/* Delegations x amendments: each cell the delegation's most frequent last position. */
static int position_map(accord_buf *out, const accord_sim *sim)
{
	size_t p, i, k;
	int rc = accord_buf_puts(out, "<p class=\"key\">");
	for (k = 0; k < SIM_POSITIONS; k++)
		rc |= accord_buf_printf(out, "<span style=\"background:%s\"></span>%s", position_colour[k], position_label[k]);
	rc |= accord_buf_puts(out, "</p>\n<table class=\"map\"><tr><th></th>");
	for (i = 0; i < sim->n_items; i++) {
		rc |= accord_buf_puts(out, "<th class=\"v\">");
		rc |= esc(out, sim->items[i].id);
		rc |= accord_buf_puts(out, "</th>");
	}
	rc |= accord_buf_puts(out, "</tr>\n");
	for (p = 0; p < sim->n_parties; p++) {
		rc |= accord_buf_puts(out, "<tr><th>");
		rc |= esc(out, sim->parties[p]);
		rc |= accord_buf_puts(out, "</th>");
		for (i = 0; i < sim->n_items; i++) {
			const unsigned long *c = &sim->positions[(p * sim->n_items + i) * SIM_POSITIONS];
			size_t best = 0;
			for (k = 1; k < SIM_POSITIONS; k++)
				if (c[k] > c[best])
					best = k;
			rc |= accord_buf_printf(out, "<td style=\"background:%s\" title=\"", position_colour[best]);
			rc |= esc(out, sim->parties[p]);
			rc |= accord_buf_printf(out, " on %s: %s in %.0f%% of runs\"></td>", sim->items[i].id,
				position_label[best], 100 * share(c[best], sim->runs_done));
		}
		rc |= accord_buf_puts(out, "</tr>\n");
	}
	rc |= accord_buf_puts(out, "</table>\n");
	return rc;
}

int accord_sim_render_html(accord_buf *out, const accord_sim *sim, accord_error *err)
{
	unsigned long n = sim->runs_done;
	size_t i, p;
	int rc = accord_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Simulation: ");
	rc |= esc(out, sim->name);
	rc |= accord_buf_printf(out, "</title>\n<style>%s</style></head><body>\n<h1>Simulated drafting rounds: ", style);
	rc |= esc(out, sim->name);
	rc |= accord_buf_puts(out, "</h1>\n<p>Rule pack <b>");
	rc |= esc(out, sim->workflow);
	rc |= accord_buf_printf(out, "</b>; %lu run%s from seed %llu; %zu delegations, %zu amendments on the table.</p>\n", n,
		n == 1 ? "" : "s", sim->seed, sim->n_parties, sim->n_items);
	rc |= accord_buf_puts(out, "<h2>Open amendments after each stage (mean over the runs)</h2>\n");
	rc |= chart_open(out, sim);
	rc |= accord_buf_puts(out, "<h2>How often each amendment is agreed</h2>\n<p>Bars: share of runs in which it was "
				   "agreed (ad referendum included); lines: the 95% interval.</p>\n");
	rc |= chart_agreed(out, sim);
	rc |= accord_buf_puts(out, "<table><tr><th>amendment</th><th>proposers</th><th>target</th><th class=\"num\">agreed</th>"
				   "<th class=\"num\">as a compromise</th><th class=\"num\">open</th><th class=\"num\">rejected</th><th>words</th></tr>\n");
	for (i = 0; i < sim->n_items; i++) {
		const unsigned long *c = &sim->outcome[i * SIM_OUTCOMES];
		rc |= accord_buf_puts(out, "<tr><td>");
		rc |= esc(out, sim->items[i].id);
		rc |= accord_buf_puts(out, "</td><td>");
		rc |= esc(out, sim->items[i].proposers);
		rc |= accord_buf_puts(out, "</td><td>");
		rc |= esc(out, sim->items[i].target ? sim->items[i].target : "-");
		rc |= accord_buf_printf(out,
			"</td><td class=\"num\">%.0f%%</td><td class=\"num\">%.0f%%</td><td class=\"num\">%.0f%%</td>"
			"<td class=\"num\">%.0f%%</td><td>",
			100 * share(c[SIM_AGREED] + c[SIM_AGREED_AD_REF], n), 100 * share(c[SIM_COMPROMISE], n),
			100 * share(c[SIM_OPEN], n), 100 * share(c[SIM_REJECTED], n));
		rc |= esc(out, sim->items[i].summary);
		rc |= accord_buf_puts(out, "</td></tr>\n");
	}
	rc |= accord_buf_puts(out, "</table>\n<h2>Positions: delegations &times; amendments</h2>\n<p>Each cell: the "
				   "delegation's most frequent last position.</p>\n");
	rc |= position_map(out, sim);
	rc |= accord_buf_puts(out, "<h2>Pivotal delegations</h2>\n<p>How often a delegation was the only objector to an "
				   "amendment that did not pass, or, where a vote decided, voted on the winning side of a "
				   "vote its switched vote would have turned.</p>\n<table><tr><th>delegation</th><th class=\"num\">"
				   "times</th><th class=\"num\">a run</th><th>on</th></tr>\n");
	for (p = 0; p < sim->n_parties; p++) {
		if (sim->pivotal[p] == 0)
			continue;
		rc |= accord_buf_puts(out, "<tr><td>");
		rc |= esc(out, sim->parties[p]);
		rc |= accord_buf_printf(out, "</td><td class=\"num\">%lu</td><td class=\"num\">%.2f</td><td>", sim->pivotal[p],
			share(sim->pivotal[p], n));
		for (i = 0; i < sim->n_items; i++)
			if (sim->pivotal_items[p * sim->n_items + i] > 0) {
				rc |= esc(out, sim->items[i].id);
				rc |= accord_buf_printf(out, " (%lu) ", sim->pivotal_items[p * sim->n_items + i]);
			}
		rc |= accord_buf_puts(out, "</td></tr>\n");
	}
	rc |= accord_buf_puts(out, "</table>\n<h2>Paragraphs free of brackets at the end</h2>\n<table><tr><th>paragraph"
				   "</th><th>section</th><th class=\"num\">runs</th></tr>\n");
	for (i = 0; i < sim->n_paras; i++) {
		rc |= accord_buf_puts(out, "<tr><td>");
		rc |= esc(out, sim->paras[i].id);
		rc |= accord_buf_puts(out, " ");
		rc |= esc(out, sim->paras[i].label);
		rc |= accord_buf_puts(out, "</td><td>");
		rc |= esc(out, sim->paras[i].section);
		rc |= accord_buf_printf(out, "</td><td class=\"num\">%.0f%%</td></tr>\n", 100 * share(sim->paras_clean[i], n));
	}
	rc |= accord_buf_puts(out, "</table>\n");
	if (sim->example != NULL) {
		rc |= accord_buf_printf(out, "<h2>The text at the end of run %lu, with what remains open</h2>\n<pre>",
			sim->example_run + 1);
		rc |= esc(out, sim->example);
		rc |= accord_buf_puts(out, "</pre>\n");
	}
	rc |= accord_buf_puts(out, "</body></html>\n");
	if (rc != ACCORD_OK)
		return accord_error_set(err, ACCORD_ENOMEM, "out of memory");
	return ACCORD_OK;
}
