/* Test fixtures on disk; documented in fixture.h. */
#include "fixture.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fixture_temp_dir(void)
{
	const char *base = getenv("TMPDIR");
	size_t size;
	char *path;

	if (!base || base[0] == '\0')
		base = "/tmp";
	size = strlen(base) + sizeof("/bhg-test-XXXXXX");
	path = malloc(size);
	if (!path) {
		print_error("cannot allocate a temporary folder name\n");
		fail();
	}
	snprintf(path, size, "%s/bhg-test-XXXXXX", base);
	if (!mkdtemp(path)) {
		print_error("cannot create a temporary folder from '%s': %s\n", path, strerror(errno));
		free(path);
		fail();
	}
	return path;
}

static int fixture_remove_children(const char *path)
{
	DIR *folder = opendir(path);
	struct dirent *entry;
	int status = 0;

	if (!folder)
		return -1;
	while ((entry = readdir(folder)) != NULL) {
		size_t size;
		char *child;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		size = strlen(path) + 1 + strlen(entry->d_name) + 1;
		child = malloc(size);
		if (!child) {
			status = -1;
			break;
		}
		snprintf(child, size, "%s/%s", path, entry->d_name);
		if (fixture_remove_tree(child) != 0)
			status = -1;
		free(child);
	}
	closedir(folder);
	return status;
}

int fixture_remove_tree(const char *path)
{
	struct stat status;

	if (lstat(path, &status) != 0)
		return -1;
	if (!S_ISDIR(status.st_mode))
		return unlink(path);

	/* A test may have made the folder read-only; its entries can only be
	 * removed once it is writable again. */
	if ((status.st_mode & S_IRWXU) != S_IRWXU)
		chmod(path, status.st_mode | S_IRWXU);
	if (fixture_remove_children(path) != 0) {
		rmdir(path);
		return -1;
	}
	return rmdir(path);
}

char *fixture_read_file(const char *path, size_t *length)
{
	size_t capacity = 4096;
	size_t used = 0;
	char *data;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	data = malloc(capacity);
	while (data) {
		ssize_t count;

		if (capacity - used < 2) {
			char *grown = realloc(data, capacity * 2);

			if (!grown) {
				free(data);
				data = NULL;
				errno = ENOMEM;
				break;
			}
			data = grown;
			capacity *= 2;
		}
		count = read(fd, data + used, capacity - used - 1);
		if (count < 0 && errno == EINTR)
			continue;
		if (count < 0) {
			int code = errno;

			free(data);
			data = NULL;
			errno = code;
			break;
		}
		if (count == 0) {
			data[used] = '\0';
			if (length)
				*length = used;
			break;
		}
		used += (size_t)count;
	}
	close(fd);
	return data;
}

static int fixture_write_bytes(const char *path, const char *data, size_t length, unsigned mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int status = 0;

	if (fd < 0)
		return -1;
	while (length > 0) {
		ssize_t written = write(fd, data, length);

		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0) {
			status = -1;
			break;
		}
		data += written;
		length -= (size_t)written;
	}
	/* fchmod, unlike open's mode argument, ignores the umask. */
	if (status == 0 && fchmod(fd, (mode_t)mode) != 0)
		status = -1;
	if (close(fd) != 0)
		status = -1;
	return status;
}

int fixture_write_file(const char *path, const char *text, unsigned mode)
{
	return fixture_write_bytes(path, text, strlen(text), mode);
}

/* Print the line of text that starts at offset, as a unified diff shows it. */
static void fixture_print_line(FILE *report, char sign, const char *text, size_t length,
			       size_t offset)
{
	const char *end;

	if (offset >= length) {
		fprintf(report, "%c(end of file)\n", sign);
		return;
	}
	end = memchr(text + offset, '\n', length - offset);
	if (end) {
		fprintf(report, "%c%.*s\n", sign, (int)(end - (text + offset)), text + offset);
		return;
	}
	fprintf(report, "%c%.*s\n\\ No newline at end of file\n", sign, (int)(length - offset),
		text + offset);
}

int fixture_compare_golden(const char *actual, size_t length, const char *golden_path,
			   char **report)
{
	size_t expected_length = 0;
	char *expected = fixture_read_file(golden_path, &expected_length);
	int read_error = errno;
	size_t report_size = 0;
	size_t line_start = 0;
	size_t line = 1;
	size_t offset = 0;
	FILE *stream;

	*report = NULL;
	if (expected && expected_length == length && memcmp(expected, actual, length) == 0) {
		free(expected);
		return 0;
	}

	stream = open_memstream(report, &report_size);
	if (!stream) {
		free(expected);
		return -1;
	}
	if (!expected) {
		fprintf(stream,
			"cannot read golden file '%s': %s; create it with BHG_UPDATE_GOLDEN=1 and review it\n",
			golden_path, strerror(read_error));
		fclose(stream);
		return -1;
	}

	while (offset < length && offset < expected_length && actual[offset] == expected[offset]) {
		if (actual[offset] == '\n') {
			line++;
			line_start = offset + 1;
		}
		offset++;
	}
	fprintf(stream, "golden file '%s' differs from the actual output at line %zu\n", golden_path,
		line);
	fprintf(stream, "--- %s\n+++ actual output\n@@ line %zu @@\n", golden_path, line);
	fixture_print_line(stream, '-', expected, expected_length, line_start);
	fixture_print_line(stream, '+', actual, length, line_start);
	fprintf(stream, "rerun with BHG_UPDATE_GOLDEN=1 to accept the actual output, then review the diff\n");
	fclose(stream);
	free(expected);
	return 1;
}

void fixture_assert_golden(const char *actual, size_t length, const char *golden_path)
{
	const char *update = getenv("BHG_UPDATE_GOLDEN");
	char *report = NULL;

	if (update && strcmp(update, "1") == 0) {
		if (fixture_write_bytes(golden_path, actual, length, 0644) != 0) {
			print_error("cannot write golden file '%s': %s\n", golden_path, strerror(errno));
			fail();
		}
		print_message("updated golden file '%s'\n", golden_path);
		return;
	}
	if (fixture_compare_golden(actual, length, golden_path, &report) != 0) {
		print_error("%s", report ? report : "cannot compare with the golden file\n");
		free(report);
		fail();
	}
}
