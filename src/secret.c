/* Secret input; documented in include/secret.h. */
#include "secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRET_INITIAL_CAPACITY ((size_t)4096)

/* Calling memset through a volatile pointer stops the compiler from proving
 * the call useless and dropping it before free(), as it may for a plain
 * memset. C23's memset_explicit and explicit_bzero do the same but are not
 * in C17 or POSIX. */
static void *(*const volatile secret_memset)(void *, int, size_t) = memset;

/* The option that read standard input, named in the message for a second one. */
static bool stdin_claimed;
static char stdin_claimed_by[128];

void secret_wipe(void *data, size_t length)
{
	if (data && length > 0)
		secret_memset(data, 0, length);
}

void secret_free(struct secret *secret)
{
	if (secret->data) {
		secret_wipe(secret->data, secret->length + 1);
		free(secret->data);
	}
	secret->data = NULL;
	secret->length = 0;
}

void secret_trim_final_newline(struct secret *secret)
{
	if (secret->length == 0 || secret->data[secret->length - 1] != '\n')
		return;
	secret->data[--secret->length] = '\0';
	if (secret->length > 0 && secret->data[secret->length - 1] == '\r')
		secret->data[--secret->length] = '\0';
}

bool secret_stdin_claimed(void)
{
	return stdin_claimed;
}

void secret_reset_stdin_claim(void)
{
	stdin_claimed = false;
	stdin_claimed_by[0] = '\0';
}

void secret_format_missing(const char *description, const char *flag_name, const char *env_name,
			   char *error, size_t error_size)
{
	if (env_name)
		snprintf(error, error_size,
			 "no %s given; pass %s FILE (or - for stdin) or set %s", description,
			 flag_name, env_name);
	else
		snprintf(error, error_size, "no %s given; pass %s FILE (or - for stdin)",
			 description, flag_name);
}

/* "--registry-password-file" -> "registry password", for the missing-secret message. */
static void secret_describe_flag(const char *flag_name, char *description, size_t size)
{
	static const char suffix[] = "-file";
	size_t length;

	while (*flag_name == '-')
		flag_name++;
	length = strlen(flag_name);
	if (length > sizeof(suffix) - 1 &&
	    strcmp(flag_name + length - (sizeof(suffix) - 1), suffix) == 0)
		length -= sizeof(suffix) - 1;
	snprintf(description, size, "%.*s", (int)length, flag_name);
	for (char *c = description; *c; c++) {
		if (*c == '-')
			*c = ' ';
	}
}

/* A growable buffer whose old blocks are wiped, because realloc(3) may leave
 * a copy of the secret in freed memory. */
struct secret_buffer {
	char *data;
	size_t length;
	size_t capacity;
};

static void secret_buffer_release(struct secret_buffer *buffer)
{
	secret_wipe(buffer->data, buffer->capacity);
	free(buffer->data);
	buffer->data = NULL;
	buffer->length = 0;
	buffer->capacity = 0;
}

/* Returns 0, or ENOMEM. */
static int secret_buffer_grow(struct secret_buffer *buffer, size_t capacity)
{
	char *data = malloc(capacity);

	if (!data)
		return ENOMEM;
	if (buffer->data) {
		memcpy(data, buffer->data, buffer->length);
		secret_wipe(buffer->data, buffer->capacity);
		free(buffer->data);
	}
	buffer->data = data;
	buffer->capacity = capacity;
	return 0;
}

/* Reads fd to its end, or until more than SECRET_MAX_BYTES bytes arrived
 * (buffer->length is then larger than the limit). Returns 0, or an errno value. */
static int secret_buffer_read_fd(struct secret_buffer *buffer, int fd)
{
	/* One byte past the limit shows that the input is too large, and one
	 * more leaves room for the final NUL. */
	const size_t max_capacity = SECRET_MAX_BYTES + 2;

	for (;;) {
		ssize_t count;

		if (buffer->capacity - buffer->length < 2) {
			size_t capacity = buffer->capacity ? buffer->capacity * 2 : SECRET_INITIAL_CAPACITY;
			int code;

			if (buffer->capacity >= max_capacity)
				return 0;
			if (capacity > max_capacity)
				capacity = max_capacity;
			code = secret_buffer_grow(buffer, capacity);
			if (code != 0)
				return code;
		}
		count = read(fd, buffer->data + buffer->length, buffer->capacity - buffer->length - 1);
		if (count < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (count == 0)
			return 0;
		buffer->length += (size_t)count;
	}
}

/* Only spaces, tabs and line endings mean a file saved with nothing in it,
 * not a password or key. */
static bool secret_is_blank(const char *data, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
			return false;
	}
	return true;
}

/* Formats the source of a secret as the messages name it. */
static void secret_describe_source(const char *path, const char *flag_name, char *text, size_t size)
{
	if (strcmp(path, "-") == 0)
		snprintf(text, size, "standard input given to %s", flag_name);
	else
		snprintf(text, size, "'%s' given to %s", path, flag_name);
}

/* Rejects the second option that requests standard input. Returns 0 or -1. */
static int secret_claim_stdin(const char *flag_name, const char *env_name, char *error,
			      size_t error_size)
{
	if (!stdin_claimed) {
		stdin_claimed = true;
		snprintf(stdin_claimed_by, sizeof(stdin_claimed_by), "%s", flag_name);
		return 0;
	}
	if (env_name)
		snprintf(error, error_size,
			 "%s - cannot read standard input because %s - already read it; pass a file to one of them or set %s",
			 flag_name, stdin_claimed_by, env_name);
	else
		snprintf(error, error_size,
			 "%s - cannot read standard input because %s - already read it; pass a file to one of them",
			 flag_name, stdin_claimed_by);
	return -1;
}

static int secret_read_path(const char *path, const char *flag_name, const char *env_name,
			    struct secret_buffer *buffer, char *error, size_t error_size)
{
	bool from_stdin = strcmp(path, "-") == 0;
	char source[1024];
	struct stat status;
	int fd = STDIN_FILENO;
	int code;

	secret_describe_source(path, flag_name, source, sizeof(source));
	if (from_stdin) {
		if (secret_claim_stdin(flag_name, env_name, error, error_size) != 0)
			return -1;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0) {
			code = errno;
			snprintf(error, error_size, "cannot read %s: %s; check the file name and its permissions",
				 source, strerror(code));
			return -1;
		}
	}

	if (fstat(fd, &status) == 0 && S_ISDIR(status.st_mode))
		code = EISDIR;
	else
		code = secret_buffer_read_fd(buffer, fd);
	if (!from_stdin)
		close(fd);
	if (code != 0) {
		snprintf(error, error_size, "cannot read %s: %s; give the file that contains the secret",
			 source, strerror(code));
		return -1;
	}
	if (buffer->length > SECRET_MAX_BYTES) {
		snprintf(error, error_size,
			 "%s is larger than the %zu MiB limit for a secret; check that it is the right file",
			 source, SECRET_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (buffer->length == 0) {
		snprintf(error, error_size, "%s is empty; it must contain the secret", source);
		return -1;
	}
	if (secret_is_blank(buffer->data, buffer->length)) {
		snprintf(error, error_size,
			 "%s contains only white space; it must contain the secret", source);
		return -1;
	}
	return 0;
}

static int secret_read_env(const char *flag_name, const char *env_name,
			   struct secret_buffer *buffer, char *error, size_t error_size)
{
	const char *value = getenv(env_name);
	char description[128];
	size_t length;

	if (!value) {
		secret_describe_flag(flag_name, description, sizeof(description));
		secret_format_missing(description, flag_name, env_name, error, error_size);
		return -1;
	}
	length = strlen(value);
	if (length > SECRET_MAX_BYTES) {
		snprintf(error, error_size,
			 "%s is larger than the %zu MiB limit for a secret; check what it is set to",
			 env_name, SECRET_MAX_BYTES / (1024 * 1024));
		return -1;
	}
	if (length == 0 || secret_is_blank(value, length)) {
		snprintf(error, error_size, "%s is set but empty; set it to the secret or pass %s FILE",
			 env_name, flag_name);
		return -1;
	}
	if (secret_buffer_grow(buffer, length + 1) != 0) {
		snprintf(error, error_size, "cannot read %s: %s", env_name, strerror(ENOMEM));
		return -1;
	}
	memcpy(buffer->data, value, length);
	buffer->length = length;
	return 0;
}

int secret_read(const char *path, const char *flag_name, const char *env_name, struct secret *out,
		char *error, size_t error_size)
{
	struct secret_buffer buffer = {NULL, 0, 0};
	enum secret_source source;
	char description[128];
	int status;

	if (path) {
		source = strcmp(path, "-") == 0 ? SECRET_FROM_STDIN : SECRET_FROM_FILE;
		status = secret_read_path(path, flag_name, env_name, &buffer, error, error_size);
	} else if (env_name) {
		source = SECRET_FROM_ENV;
		status = secret_read_env(flag_name, env_name, &buffer, error, error_size);
	} else {
		secret_describe_flag(flag_name, description, sizeof(description));
		secret_format_missing(description, flag_name, NULL, error, error_size);
		return -1;
	}
	if (status != 0) {
		secret_buffer_release(&buffer);
		return -1;
	}

	buffer.data[buffer.length] = '\0';
	out->data = buffer.data;
	out->length = buffer.length;
	out->source = source;
	return 0;
}
