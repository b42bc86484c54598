/* util.c: what the subcommands share: error reports, exit codes, output. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/amend.h"
#include "accord/doc.h"
#include "accord/format.h"
#include "cli.h"

int cli_exit_code(int code)
{
	switch (code) {
	case ACCORD_OK:
		return EXIT_OK;
	case ACCORD_EINVAL:
		return EXIT_USAGE;
	case ACCORD_EPARSE:
	case ACCORD_EUTF8:
	case ACCORD_ESCHEMA:
	case ACCORD_EEMPTY:
	case ACCORD_ENOTFOUND:
	case ACCORD_ECONFLICT:
	case ACCORD_EVERSION:
		return EXIT_BAD_INPUT;
	case ACCORD_ELIMIT:
	case ACCORD_ESCRIPT:
		return EXIT_SCRIPT;
	case ACCORD_EIO:
	case ACCORD_ESTORE:
	case ACCORD_EBUSY:
	case ACCORD_ECORRUPT:
		return EXIT_STORE;
	case ACCORD_EREFUSED:
	case ACCORD_ESTATE:
		return EXIT_REFUSED;
	case ACCORD_ENOMEM:
	default:
		return EXIT_INTERNAL;
	}
}

/* A message is one line: a line break inside it (from quoted text, or SQLite's own
 * multi-line reports) is written as \n or \r. */
static void put_one_line(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stderr);
		else if (*s == '\r')
			fputs("\\r", stderr);
		else
			fputc(*s, stderr);
	}
}

int cli_report(const accord_error *err)
{
	const char *message;
	if (err == NULL || err->code == ACCORD_OK) {
		fprintf(stderr, "accord: internal error: failure without a reason\n");
		return EXIT_INTERNAL;
	}
	message = err->message[0] != '\0' ? err->message : accord_strerror(err->code);
	fputs("accord: ", stderr);
	if (err->file[0] != '\0') {
		fputs(err->file, stderr);
		if (err->line > 0) {
			fprintf(stderr, ":%u", err->line);
			if (err->col > 0)
				fprintf(stderr, ":%u", err->col);
		}
		fputs(": ", stderr);
	}
	put_one_line(message);
	/* Invalid UTF-8 is always reported with its byte offset. */
	if (err->code == ACCORD_EUTF8 && strstr(message, "byte") == NULL)
		fprintf(stderr, " (at byte offset %zu)", err->offset);
	fputc('\n', stderr);
	return cli_exit_code(err->code);
}

int cli_fail(int exit_code, const char *fmt, ...)
{
	va_list ap;
	fputs("accord: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return exit_code;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	fputs("accord: ", stderr);
	if (command != NULL)
		fprintf(stderr, "%s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (command != NULL)
		fprintf(stderr, "\nTry 'accord help %s'.\n", command);
	else
		fputs("\nTry 'accord --help'.\n", stderr);
	return EXIT_USAGE;
}

int cli_bad_option(const char *command, int opt, char **argv)
{
	const char *word = optind > 0 ? argv[optind - 1] : "";
	if (opt == ':')
		return cli_usage_error(command, "option '%s' needs an argument", word);
	if (strncmp(word, "--", 2) != 0 && optopt != 0 && optopt != '?')
		return cli_usage_error(command, "unknown option '-%c'", optopt);
	return cli_usage_error(command, "unknown option '%s'", word);
}

int cli_help(const char *name)
{
	const cli_command *command = cli_find_command(name);
	if (command == NULL || command->usage == NULL)
		return cli_usage_error(NULL, "no help for '%s'", name);
	return cli_write_stdout(command->usage, strlen(command->usage));
}

int cli_parse_count(const char *text, unsigned long long *out)
{
	char *end;
	unsigned long long value;
	if (text[0] == '-' || text[0] == '+' || text[0] == '\0')
		return -1;
	errno = 0;
	value = strtoull(text, &end, 10);
	if (*end != '\0' || value == 0 || errno == ERANGE)
		return -1;
	*out = value;
	return 0;
}

int cli_write_stdout(const char *data, size_t len)
{
	if (len > 0 && fwrite(data, 1, len, stdout) != len)
		return cli_fail(EXIT_STORE, "cannot write to standard output: %s", strerror(errno));
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(EXIT_STORE, "cannot write to standard output: %s", strerror(errno));
	return EXIT_OK;
}

int cli_write_recorded(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_fail(EXIT_RECORDED,
			"the action was recorded in the session, but its report could not be written to standard output (%s): "
			"do not repeat it ('accord log SESSION' shows it)",
			strerror(errno));
	return EXIT_OK;
}

/* Writes all of data to fd; 0 or -1 with errno set. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int cli_out_open(cli_out *o, const char *path)
{
	int saved;
	mode_t mask;
	struct stat st;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->path = path;
	if (path == NULL || strcmp(path, "-") == 0) {
		o->path = NULL;
		return EXIT_OK;
	}
	/* A device or a pipe (-o /dev/null, a FIFO) is written in place: renaming a temporary
	 * file over it replaced the device node with a regular file. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		if ((o->fd = open(path, O_WRONLY)) < 0)
			return cli_fail(EXIT_STORE, "%s: cannot open: %s", path, strerror(errno));
		return EXIT_OK;
	}
	/* The temporary file lives beside the target, so rename() is atomic. */
	if (accord_buf_printf(&o->temp, "%s.tmp-XXXXXX", path) != ACCORD_OK)
		return cli_fail(EXIT_INTERNAL, "out of memory");
	if ((o->fd = mkstemp(o->temp.ptr)) < 0) {
		saved = errno;
		accord_buf_dispose(&o->temp);
		return cli_fail(EXIT_STORE, "%s: cannot create: %s", path, strerror(saved));
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(o->fd, 0666 & ~mask) != 0) {
		saved = errno;
		cli_out_abort(o);
		return cli_fail(EXIT_STORE, "%s: cannot write: %s", path, strerror(saved));
	}
	return EXIT_OK;
}

int cli_out_write(void *ctx, const char *data, size_t len)
{
	cli_out *o = ctx;
	if (o->error != 0)
		return ACCORD_EIO;
	if (o->path == NULL ? len > 0 && fwrite(data, 1, len, stdout) != len : write_all(o->fd, data, len) != 0) {
		o->error = errno != 0 ? errno : EIO;
		return ACCORD_EIO;
	}
	return ACCORD_OK;
}

int cli_out_commit(cli_out *o)
{
	int rc = EXIT_OK;
	if (o->path == NULL) {
		if (o->error != 0 || fflush(stdout) != 0 || ferror(stdout))
			rc = cli_fail(EXIT_STORE, "cannot write to standard output: %s",
				strerror(o->error != 0 ? o->error : errno));
		return rc;
	}
	if (o->error != 0 || (o->temp.ptr != NULL && fsync(o->fd) != 0)) {
		int saved = o->error != 0 ? o->error : errno;
		cli_out_abort(o);
		return cli_fail(EXIT_STORE, "%s: cannot write: %s", o->path, strerror(saved));
	}
	if (close(o->fd) != 0) {
		int saved = errno;
		o->fd = -1;
		cli_out_abort(o);
		return cli_fail(EXIT_STORE, "%s: cannot write: %s", o->path, strerror(saved));
	}
	o->fd = -1;
	if (o->temp.ptr != NULL && rename(o->temp.ptr, o->path) != 0) {
		rc = cli_fail(EXIT_STORE, "%s: cannot write: %s", o->path, strerror(errno));
		cli_out_abort(o);
		return rc;
	}
	accord_buf_dispose(&o->temp);
	return EXIT_OK;
}

void cli_out_abort(cli_out *o)
{
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->temp.ptr != NULL)
		unlink(o->temp.ptr);
	accord_buf_dispose(&o->temp);
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	cli_out o;
	int rc;
	if (strcmp(path, "-") == 0)
		return cli_write_stdout(data, len);
	if ((rc = cli_out_open(&o, path)) != EXIT_OK)
		return rc;
	cli_out_write(&o, data, len);
	return cli_out_commit(&o);
}

int cli_check_binary_output(const char *command, int format, const char *output)
{
	if (format != ACCORD_FORMAT_DOCX || (output != NULL && strcmp(output, "-") != 0) || !isatty(STDOUT_FILENO))
		return EXIT_OK;
	return cli_usage_error(command, "not writing a Word file (.docx) to a terminal: give -o FILE.docx");
}

int cli_use_color(FILE *stream)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	if (no_color != NULL && no_color[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stream));
}

void cli_print_warnings(const struct accord_doc *doc, const char *name)
{
	size_t i, n = accord_doc_warning_count(doc);
	for (i = 0; i < n; i++) {
		unsigned line = 0, col = 0;
		const char *message = accord_doc_warning(doc, i, &line, &col);
		fprintf(stderr, "accord: %s", name);
		if (line > 0) {
			fprintf(stderr, ":%u", line);
			if (col > 0)
				fprintf(stderr, ":%u", col);
		}
		fprintf(stderr, ": warning: %s\n", message);
	}
}

/*
** A regular file mapped read-only, or NULL (the caller then reads it): the
** flattened check needs the source only to place what it finds, so its
** pages are read only then, where a copy cost the whole file at the
** command's peak of memory (issue 16).
*/
static const char *map_source(const char *path, size_t *len)
{
	struct stat st;
	void *p = MAP_FAILED;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		*len = (size_t)st.st_size;
	}
	close(fd);
	return p != MAP_FAILED ? p : NULL;
}

void cli_flattened_warnings(accord_buf *out, const struct accord_amendment_list *list, const struct accord_doc *base,
	const struct accord_doc *contrib, const char *path, const char *text, size_t text_len)
{
	accord_buf source = ACCORD_BUF_INIT;
	accord_flattened *places = NULL;
	accord_error err;
	const char *src = NULL, *mapped = NULL;
	size_t i, n = 0, src_len = 0, mapped_len = 0;

	accord_error_clear(&err);
	if (text != NULL) {
		src = text;
		src_len = text_len;
	} else if (strcmp(path, "-") != 0) {
		if ((mapped = map_source(path, &mapped_len)) != NULL) {
			src = mapped;
			src_len = mapped_len;
		} else if (accord_read_file(&source, path, &err) == ACCORD_OK) {
			src = source.ptr;
			src_len = source.size;
		}
		if (src != NULL && src_len >= 4 && memcmp(src, "PK\003\004", 4) == 0)
			src = NULL;
	}
	if (accord_amendments_flattened(&places, &n, list, base, contrib, src, src != NULL ? src_len : 0, &err) !=
	    ACCORD_OK)
		n = 0;
	for (i = 0; i < n; i++) {
		accord_buf_printf(out, "accord: %s", path);
		if (places[i].line > 0) {
			accord_buf_printf(out, ":%u", places[i].line);
			if (places[i].col > 0)
				accord_buf_printf(out, ":%u", places[i].col);
		}
		accord_buf_printf(out, ": warning: %s\n", places[i].message);
	}
	if (n > 0)
		accord_buf_printf(out,
			"accord: %s: warning: its tracked changes seem flattened into the text, which then cannot be read "
			"back exactly: ask for the .docx with the tracked changes\n",
			path);
	accord_flattened_free(places, n);
	accord_buf_dispose(&source);
	if (mapped != NULL)
		munmap((void *)mapped, mapped_len);
}

void cli_print_flattened(const struct accord_amendment_list *list, const struct accord_doc *base,
	const struct accord_doc *contrib, const char *path, const char *text, size_t text_len)
{
	accord_buf out = ACCORD_BUF_INIT;
	cli_flattened_warnings(&out, list, base, contrib, path, text, text_len);
	if (out.size > 0)
		fwrite(out.ptr, 1, out.size, stderr);
	accord_buf_dispose(&out);
}
