/*
** replay.c: runs a fuzz target over files without libFuzzer, so every
** build (and every sanitizer build) replays the corpora. Arguments are
** files or folders (their regular files, not recursively); each file is
** one input. `--join N F1 ... FN` makes one input of N files joined by NUL
** bytes, the separator of the targets that take several texts (a base and
** contributions), so the corpora need not copy the seed texts. Exit 0 when
** every input ran; a broken property aborts.
*/
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

/* The input being run, named when a broken property aborts. */
static const char *current_input;

static void name_input(int sig)
{
	(void)sig;
	/* Only write(2) here: a signal handler. */
	if (current_input != NULL) {
		static const char lead[] = "replay: the input was ";
		ssize_t ignored = write(2, lead, sizeof lead - 1);
		ignored = write(2, current_input, strlen(current_input));
		ignored = write(2, "\n", 1);
		(void)ignored;
	}
}

/* Appends the bytes of path to *data (size *size, capacity *cap). */
static int read_into(const char *path, unsigned char **data, size_t *size, size_t *cap)
{
	FILE *f = fopen(path, "rb");
	size_t got;
	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	do {
		if (*size == *cap) {
			unsigned char *grown;
			size_t want = *cap ? *cap * 2 : 65536;
			grown = realloc(*data, want);
			if (grown == NULL) {
				fprintf(stderr, "replay: %s: out of memory\n", path);
				fclose(f);
				return 1;
			}
			*data = grown;
			*cap = want;
		}
		got = fread(*data + *size, 1, *cap - *size, f);
		*size += got;
	} while (got > 0);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		return 1;
	}
	fclose(f);
	return 0;
}

/* Runs the target once on the files of paths[0..n) joined by NUL bytes. */
static int run_joined(char **paths, int n, unsigned long *count)
{
	unsigned char *data = NULL;
	size_t size = 0, cap = 0;
	int i;
	for (i = 0; i < n; i++) {
		if (i > 0) {
			unsigned char nul = 0;
			if (size == cap) {
				unsigned char *grown = realloc(data, cap = cap * 2 + 1);
				if (grown == NULL) {
					free(data);
					return 1;
				}
				data = grown;
			}
			data[size++] = nul;
		}
		if (read_into(paths[i], &data, &size, &cap) != 0) {
			free(data);
			return 1;
		}
	}
	current_input = paths[0];
	LLVMFuzzerTestOneInput(data != NULL ? data : (const unsigned char *)"", size);
	current_input = NULL;
	free(data);
	(*count)++;
	return 0;
}

static int run_file(char *path, unsigned long *count)
{
	return run_joined(&path, 1, count);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs the regular files of a folder, in name order (the same every run). */
static int run_dir(const char *path, unsigned long *count)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int failed = 0;
	if (dir == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(dir)) != NULL) {
		char *full;
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		full = malloc(strlen(path) + strlen(e->d_name) + 2);
		if (full == NULL)
			break;
		sprintf(full, "%s/%s", path, e->d_name);
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(full);
			continue;
		}
		if (n == cap) {
			char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
			if (grown == NULL) {
				free(full);
				break;
			}
			names = grown;
		}
		names[n++] = full;
	}
	closedir(dir);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		failed |= run_file(names[i], count);
		free(names[i]);
	}
	free(names);
	return failed;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	int failed = 0, i;
	signal(SIGABRT, name_input);
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|FOLDER|--join N FILE1 ... FILEN ...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat st;
		if (strcmp(argv[i], "--join") == 0) {
			int n = i + 1 < argc ? atoi(argv[i + 1]) : 0;
			if (n < 1 || i + 1 + n > argc - 1) {
				fprintf(stderr, "replay: --join N needs N files\n");
				return 2;
			}
			failed |= run_joined(argv + i + 2, n, &count);
			i += 1 + n;
		} else if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			failed |= run_dir(argv[i], &count);
		} else {
			failed |= run_file(argv[i], &count);
		}
	}
	printf("%s: %lu inputs replayed\n", argv[0], count);
	return failed;
}
