/* Atomic file output and standard output; documented in include/output.h. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

static bool output_is_stdout(const struct output_target *target)
{
	return target->path == NULL || strcmp(target->path, "-") == 0;
}

bool output_is_terminal(const struct output_target *target)
{
	return output_is_stdout(target) && isatty(STDOUT_FILENO) == 1;
}

int output_flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int error = errno;

		fprintf(stderr,
			"binderhub-gen: error: cannot write to standard output: %s; check the "
			"file or pipe it goes to\n",
			strerror(error));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Returns 0, or the errno value of the failed write(2). */
static int output_write_all(int fd, const char *data, size_t length)
{
	while (length > 0) {
		ssize_t written = write(fd, data, length);

		if (written < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		data += written;
		length -= (size_t)written;
	}
	return 0;
}

static int output_write_stdout(const char *data, size_t length, char *error, size_t error_size)
{
	int code = 0;

	/* Earlier printf output must come first, and writing around stdio keeps
	 * the bytes (which may be secrets) out of its buffer. */
	if (fflush(stdout) != 0)
		code = errno;
	else
		code = output_write_all(STDOUT_FILENO, data, length);
	if (code != 0) {
		snprintf(error, error_size, "cannot write to standard output: %s", strerror(code));
		return -1;
	}
	return 0;
}

/* The folder part of path, including its final '/', is path[0 .. return value). */
static size_t output_folder_length(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) + 1 : 0;
}

/* Returns a malloc'ed mkstemp(3) template ".NAME.XXXXXX" in the target's folder, or NULL. */
static char *output_temp_template(const char *path)
{
	size_t folder_length = output_folder_length(path);
	const char *name = path + folder_length;
	size_t size = folder_length + 1 + strlen(name) + sizeof(".XXXXXX");
	char *template = malloc(size);

	if (!template)
		return NULL;
	snprintf(template, size, "%.*s.%s.XXXXXX", (int)folder_length, path, name);
	return template;
}

/* Returns 0, or an errno value. */
static int output_sync_folder(const char *path)
{
	size_t folder_length = output_folder_length(path);
	char *folder = folder_length ? strndup(path, folder_length) : strdup(".");
	int code = 0;
	int fd;

	if (!folder)
		return ENOMEM;
	fd = open(folder, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		code = errno;
	} else {
		/* Some file systems cannot fsync a folder and return EINVAL, but the
		 * rename has happened, so that is not a failure. */
		if (fsync(fd) != 0 && errno != EINVAL)
			code = errno;
		close(fd);
	}
	free(folder);
	return code;
}

/* Writes the complete temporary file. Returns 0, or an errno value. */
static int output_fill_temp(int fd, unsigned mode, const char *data, size_t length)
{
	int code;

	/* mkstemp creates the file 0600. Setting the final bits before any byte
	 * is written means a secret is never readable by others, even briefly. */
	if (fchmod(fd, (mode_t)mode) != 0)
		return errno;
	code = output_write_all(fd, data, length);
	if (code != 0)
		return code;
	if (fsync(fd) != 0)
		return errno;
	return 0;
}

static int output_exists_error(const char *path, char *error, size_t error_size)
{
	snprintf(error, error_size, "'%s' already exists; add --force to replace it", path);
	return -1;
}

static int output_write_file(const struct output_target *target, const char *data, size_t length,
			     char *error, size_t error_size)
{
	const char *path = target->path;
	struct stat status;
	bool temp_exists = true;
	char *temp;
	int fd;
	int code;

	if (path[0] == '\0') {
		snprintf(error, error_size,
			 "the output file name is empty; give a file name, or - for standard output");
		return -1;
	}
	if (path[strlen(path) - 1] == '/' || (stat(path, &status) == 0 && S_ISDIR(status.st_mode))) {
		snprintf(error, error_size, "cannot write '%s': %s; give a file name, not a folder",
			 path, strerror(EISDIR));
		return -1;
	}

	temp = output_temp_template(path);
	if (!temp) {
		snprintf(error, error_size, "cannot write '%s': %s", path, strerror(ENOMEM));
		return -1;
	}
	fd = mkstemp(temp);
	if (fd < 0) {
		code = errno;
		free(temp);
		snprintf(error, error_size, "cannot write '%s': %s", path, strerror(code));
		return -1;
	}

	code = output_fill_temp(fd, target->mode, data, length);
	if (close(fd) != 0 && code == 0)
		code = errno;

	if (code == 0 && target->force) {
		if (rename(temp, path) == 0)
			temp_exists = false;
		else
			code = errno;
	} else if (code == 0) {
		/* link(2) fails with EEXIST when the target exists, even when it
		 * appeared after this run started, so nothing is ever replaced.
		 * NOTE: a file system without hard links (FAT, some network
		 * file systems) fails here; --force works there because it
		 * uses rename(2). */
		if (link(temp, path) != 0)
			code = errno;
	}
	if (temp_exists)
		unlink(temp);
	free(temp);

	if (code == EEXIST)
		return output_exists_error(path, error, error_size);
	if (code != 0) {
		snprintf(error, error_size, "cannot write '%s': %s", path, strerror(code));
		return -1;
	}

	code = output_sync_folder(path);
	if (code != 0) {
		snprintf(error, error_size,
			 "'%s' is written but syncing its folder failed: %s; check the disk and write it again",
			 path, strerror(code));
		return -1;
	}
	return 0;
}

int output_write(const struct output_target *target, const char *data, size_t length, char *error,
		 size_t error_size)
{
	if (output_is_stdout(target))
		return output_write_stdout(data, length, error, error_size);
	return output_write_file(target, data, length, error, error_size);
}

/* Exported function, documented in include/output.h */
int output_check_target(const struct output_target *target, char *error, size_t error_size)
{
	struct stat st;

	if (output_is_stdout(target) || target->force)
		return 0;
	if (lstat(target->path, &st) == 0)
		return output_exists_error(target->path, error, error_size);
	return 0;
}
