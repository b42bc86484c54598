/*
** bench_consolidate.c: many contributions on one large base, consolidated in one run.
**
**   bench_consolidate gen BASE N OUTDIR [--rate PERCENT] [--seed S]
**       writes OUTDIR/P001.txt ... PNNN.txt: N delegations' versions of BASE
**       (a text from gen_pairs). Each changes about PERCENT % of the words
**       (replacements, deletions, inserted words and phrases), adds and drops
**       a few paragraphs; one edit in five is at a "hot spot" many
**       delegations amend, with one of three wordings, so the compilation
**       has co-sponsors and alternatives as real ones do.
**   bench_consolidate run BASE OUTDIR N [--html OUT]
**       parses BASE and the N contributions, diffs and consolidates them,
**       renders the compilation as text (and HTML), and prints the time of
**       each step, the counts, and the peak memory of the process.
**
** bench/run_consolidate.sh runs both and git's word diff on the same files.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "accord/consolidate.h"
#include "accord/format.h"
#include "accord/text.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "bench_consolidate: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	exit(3);
}

static const char *const phrases[] = {"in consultation with all stakeholders", "Member States", "enhanced cooperation",
	"as appropriate", "within their respective roles", "the ITU", "inter alia", "multistakeholder", "developing countries",
	"in accordance with national law", "relevant", "all", "effectively", "the Secretary-General"};
#define N_PHRASES (sizeof(phrases) / sizeof(phrases[0]))

static uint32_t mix(uint32_t a, uint32_t b)
{
	uint32_t h = a * 2654435761u ^ (b + 0x9e3779b9u + (a << 6) + (a >> 2));
	h ^= h >> 15;
	h *= 2246822519u;
	h ^= h >> 13;
	return h;
}

/* One delegation's version of a paragraph line (label, tab, text) or a heading or blank line. */
static void edit_line(accord_buf *out, const char *line, size_t len, uint32_t line_no, double rate)
{
	accord_token *t = NULL;
	size_t n = 0, i, text_start = 0;
	const char *tab = memchr(line, '\t', len);
	if (len == 0 || line[0] == '\t' || tab == NULL) { /* blank, heading, or metadata: kept */
		accord_buf_put(out, line, len);
		return;
	}
	text_start = (size_t)(tab - line) + 1;
	accord_buf_put(out, line, text_start);
	if (accord_tokenize(&t, &n, line + text_start, len - text_start) != 0)
		die("tokenize", NULL);
	for (i = 0; i < n; i++) {
		const char *tok = line + text_start + t[i].offset;
		uint32_t h = mix(line_no, (uint32_t)i);
		int hot = t[i].kind == ACCORD_TOKEN_WORD && h % 97 == 0 && i > 1;
		if (hot && next() % 100 < 35) {
			/* a hot spot: one of three wordings many delegations share */
			accord_buf_puts(out, phrases[(h / 97 + next() % 3) % N_PHRASES]);
			continue;
		}
		if (t[i].kind != ACCORD_TOKEN_WORD || i < 2 || (double)(next() % 10000) >= rate * 100.0) {
			accord_buf_put(out, tok, t[i].length);
			continue;
		}
		switch (next() % 10) {
		case 0: case 1: case 2: case 3: case 4: /* replace the word */
			accord_buf_puts(out, phrases[next() % N_PHRASES]);
			break;
		case 5: case 6: /* delete the word and the blank after it */
			if (i + 1 < n && t[i + 1].kind == ACCORD_TOKEN_SPACE)
				i++;
			break;
		default: /* insert before the word */
			accord_buf_puts(out, phrases[next() % N_PHRASES]);
			accord_buf_putc(out, ' ');
			accord_buf_put(out, tok, t[i].length);
			break;
		}
	}
	accord_free(t);
}

static int gen(int argc, char **argv)
{
	accord_buf base = ACCORD_BUF_INIT;
	accord_error err;
	double rate = 2.0;
	long parties, p;
	int i;
	if (argc < 5)
		die("usage", "bench_consolidate gen BASE N OUTDIR [--rate PERCENT] [--seed S]");
	parties = strtol(argv[3], NULL, 10);
	for (i = 5; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--rate") == 0)
			rate = strtod(argv[i + 1], NULL);
		else if (strcmp(argv[i], "--seed") == 0)
			rng = strtoull(argv[i + 1], NULL, 10) * 2654435761u + 1;
	}
	if (accord_read_file(&base, argv[2], &err) != 0)
		die("cannot read the base", err.message);
	for (p = 1; p <= parties; p++) {
		accord_buf out = ACCORD_BUF_INIT;
		char path[4096];
		FILE *f;
		size_t pos = 0;
		uint32_t line_no = 0;
		while (pos < base.size) {
			const char *nl = memchr(base.ptr + pos, '\n', base.size - pos);
			size_t len = nl ? (size_t)(nl - (base.ptr + pos)) : base.size - pos;
			uint32_t r = next() % 1000;
			int paragraph = len > 0 && base.ptr[pos] != '\t' && memchr(base.ptr + pos, '\t', len) != NULL;
			if (paragraph && r < 3) {
				/* drop the paragraph (and its blank line) */
			} else {
				edit_line(&out, base.ptr + pos, len, line_no, rate);
				accord_buf_putc(&out, '\n');
				if (paragraph && r >= 990) { /* a new paragraph after it */
					accord_buf_printf(&out, "\nx)\tthat %s should be strengthened %s;\n", phrases[next() % N_PHRASES],
						phrases[next() % N_PHRASES]);
				}
			}
			line_no++;
			pos += len + 1;
		}
		snprintf(path, sizeof(path), "%s/P%03ld.txt", argv[4], p);
		f = fopen(path, "wb");
		if (f == NULL || fwrite(out.ptr, 1, out.size, f) != out.size || fclose(f) != 0)
			die("cannot write", path);
		accord_buf_dispose(&out);
	}
	accord_buf_dispose(&base);
	return 0;
}

static int run(int argc, char **argv)
{
	accord_parse_options po = ACCORD_PARSE_OPTIONS_INIT;
	accord_doc *base = NULL;
	accord_compilation *c = NULL;
	accord_buf out = ACCORD_BUF_INIT;
	accord_error err;
	const char *html = NULL;
	double t0, t_parse = 0, t_diff = 0, t_build, t_text, t_html = 0;
	long parties, p;
	size_t s, k, q, clusters = 0, alternatives = 0, cosponsored = 0, new_paras = 0;
	struct rusage ru;
	int i;

	if (argc < 5)
		die("usage", "bench_consolidate run BASE OUTDIR N [--html OUT]");
	parties = strtol(argv[4], NULL, 10);
	for (i = 5; i + 1 < argc; i += 2)
		if (strcmp(argv[i], "--html") == 0)
			html = argv[i + 1];
	t0 = now();
	if (accord_doc_parse_file(&base, argv[2], &po, &err) != 0)
		die("cannot parse the base", err.message);
	t_parse += now() - t0;
	if (accord_compilation_new(&c, base, &err) != 0)
		die("compilation", err.message);
	for (p = 1; p <= parties; p++) {
		char path[4096], code[32];
		accord_doc *doc = NULL;
		double t1 = now(), t2;
		snprintf(path, sizeof(path), "%s/P%03ld.txt", argv[3], p);
		snprintf(code, sizeof(code), "P%03ld", p);
		if (accord_doc_parse_file(&doc, path, &po, &err) != 0)
			die(path, err.message);
		t2 = now();
		t_parse += t2 - t1;
		if (accord_compilation_add_contribution(c, code, doc, path, &err) != 0)
			die(path, err.message);
		t_diff += now() - t2;
		accord_doc_free(doc);
	}
	t0 = now();
	if (accord_compilation_build(c, &err) != 0)
		die("build", err.message);
	t_build = now() - t0;
	t0 = now();
	if (accord_compilation_render(&out, c, ACCORD_FORMAT_TEXT, NULL, &err) != 0)
		die("render", err.message);
	t_text = now() - t0;
	if (html != NULL) {
		FILE *f;
		accord_buf_clear(&out);
		t0 = now();
		if (accord_compilation_render(&out, c, ACCORD_FORMAT_HTML, NULL, &err) != 0)
			die("render", err.message);
		t_html = now() - t0;
		f = fopen(html, "wb");
		if (f == NULL || fwrite(out.ptr, 1, out.size, f) != out.size || fclose(f) != 0)
			die("cannot write", html);
	}
	for (s = 0; s < accord_compilation_section_count(c); s++) {
		const accord_cmp_section *sec = accord_compilation_section(c, s);
		for (k = 0; k < sec->n_paras; k++) {
			new_paras += sec->paras[k].is_new;
			for (q = 0; q < sec->paras[k].n_clusters; q++) {
				const accord_cmp_cluster *cl = &sec->paras[k].clusters[q];
				size_t o;
				clusters++;
				alternatives += cl->kind == ACCORD_CLUSTER_ALTERNATIVES;
				for (o = 0; o < cl->n_options; o++)
					cosponsored += cl->options[o].n_parties > 1;
			}
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("parties %ld, amendments %zu, proposals %zu (alternatives %zu, co-sponsored options %zu), new paragraphs %zu\n",
		parties, accord_compilation_amendment_count(c), clusters, alternatives, cosponsored, new_paras);
	printf("parse %.3f s, diff %.3f s, group %.3f s, render text %.3f s, html %.3f s\n", t_parse, t_diff, t_build,
		t_text, t_html);
	printf("accord total %.3f s, peak RSS %ld KiB\n", t_parse + t_diff + t_build + t_text + t_html, ru.ru_maxrss);
	accord_buf_dispose(&out);
	accord_compilation_free(c);
	accord_doc_free(base);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "gen") == 0)
		return gen(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return run(argc, argv);
	fputs("usage: bench_consolidate gen BASE N OUTDIR [--rate PERCENT] [--seed S]\n"
	      "       bench_consolidate run BASE OUTDIR N [--html OUT]\n",
		stderr);
	return 2;
}
