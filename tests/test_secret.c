/* Tests of include/secret.h: reading secrets from files, stdin and the environment. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "secret.h"

#define ERROR_SIZE 1024
#define PASSWORD_FLAG "--registry-password-file"
#define PASSWORD_ENV "BINDERHUB_GEN_REGISTRY_PASSWORD"
#define KEY_FLAG "--launch-logs-key-file"
#define KEY_ENV "BINDERHUB_GEN_LAUNCH_LOGS_KEY"

struct secret_test {
	char *folder;
	char path[1024]; /* folder/secret */
	char error[ERROR_SIZE];
	struct secret secret;
	int saved_stdin;
};

static int setup(void **state)
{
	struct secret_test *test = calloc(1, sizeof(*test));

	if (!test)
		return -1;
	test->folder = fixture_temp_dir();
	snprintf(test->path, sizeof(test->path), "%s/secret", test->folder);
	test->saved_stdin = dup(STDIN_FILENO);
	secret_reset_stdin_claim();
	unsetenv(PASSWORD_ENV);
	unsetenv(KEY_ENV);
	*state = test;
	return 0;
}

static int teardown(void **state)
{
	struct secret_test *test = *state;

	secret_free(&test->secret);
	dup2(test->saved_stdin, STDIN_FILENO);
	close(test->saved_stdin);
	secret_reset_stdin_claim();
	unsetenv(PASSWORD_ENV);
	unsetenv(KEY_ENV);
	fixture_remove_tree(test->folder);
	free(test->folder);
	free(test);
	return 0;
}

/* Makes standard input read the file at path. */
static void stdin_from_file(const char *path)
{
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
}

/* Makes standard input a pipe that contains text (smaller than the pipe buffer). */
static void stdin_from_pipe(const char *text)
{
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
	close(fds[1]);
	assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
	close(fds[0]);
}

/* A file of length bytes, all 'S' except the marker at the start. */
static void write_large_file(const char *path, size_t length, const char *marker)
{
	char *text = malloc(length + 1);

	assert_non_null(text);
	memset(text, 'S', length);
	memcpy(text, marker, strlen(marker));
	text[length] = '\0';
	assert_int_equal(fixture_write_file(path, text, 0600), 0);
	free(text);
}

static void test_secret_read_file_keeps_bytes(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(fixture_write_file(test->path, "hunter2\n", 0600), 0);
	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 0);
	assert_int_equal(test->secret.length, 8);
	assert_string_equal(test->secret.data, "hunter2\n");
	assert_int_equal(test->secret.source, SECRET_FROM_FILE);
}

/* A multi-line JSON key is kept byte for byte, across several buffer growths. */
static void test_secret_read_file_grows_buffer(void **state)
{
	struct secret_test *test = *state;
	size_t length = 300 * 1000 + 7;
	char *text = malloc(length + 1);

	assert_non_null(text);
	for (size_t i = 0; i < length; i++)
		text[i] = i % 61 == 60 ? '\n' : (char)('!' + i % 90);
	text[length] = '\0';
	assert_int_equal(fixture_write_file(test->path, text, 0600), 0);
	assert_int_equal(secret_read(test->path, KEY_FLAG, KEY_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_int_equal(test->secret.length, length);
	assert_memory_equal(test->secret.data, text, length);
	assert_int_equal(test->secret.data[length], '\0');
	free(text);
}

/* Exactly SECRET_MAX_BYTES is accepted, one byte more is not. */
static void test_secret_read_file_accepts_limit(void **state)
{
	struct secret_test *test = *state;

	write_large_file(test->path, SECRET_MAX_BYTES, "marker");
	assert_int_equal(secret_read(test->path, KEY_FLAG, KEY_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_int_equal(test->secret.length, SECRET_MAX_BYTES);
}

static void test_secret_read_file_rejects_too_large(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];

	write_large_file(test->path, SECRET_MAX_BYTES + 1, "TOPSECRET");
	assert_int_equal(secret_read(test->path, KEY_FLAG, KEY_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 -1);
	snprintf(expected, sizeof(expected),
		 "'%s' given to --launch-logs-key-file is larger than the 1 MiB limit for a secret; check that it is the right file",
		 test->path);
	assert_string_equal(test->error, expected);
	assert_null(strstr(test->error, "TOPSECRET"));
	assert_null(test->secret.data);
}

static void test_secret_read_file_rejects_empty(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];

	assert_int_equal(fixture_write_file(test->path, "", 0600), 0);
	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 -1);
	snprintf(expected, sizeof(expected),
		 "'%s' given to --registry-password-file is empty; it must contain the secret",
		 test->path);
	assert_string_equal(test->error, expected);
}

static void test_secret_read_file_rejects_blank(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];

	assert_int_equal(fixture_write_file(test->path, " \t\r\n", 0600), 0);
	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 -1);
	snprintf(expected, sizeof(expected),
		 "'%s' given to --registry-password-file contains only white space; it must contain the secret",
		 test->path);
	assert_string_equal(test->error, expected);
	assert_null(test->secret.data);
}

static void test_secret_read_file_rejects_missing(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];

	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 -1);
	snprintf(expected, sizeof(expected),
		 "cannot read '%s' given to --registry-password-file: No such file or directory; check the file name and its permissions",
		 test->path);
	assert_string_equal(test->error, expected);
}

static void test_secret_read_file_rejects_folder(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];

	assert_int_equal(secret_read(test->folder, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 -1);
	snprintf(expected, sizeof(expected),
		 "cannot read '%s' given to --registry-password-file: Is a directory; give the file that contains the secret",
		 test->folder);
	assert_string_equal(test->error, expected);
}

/* Reads test->path as the unprivileged user 65534 ("nobody"), because root
 * may read a file whatever its mode, and returns the error message (malloc'ed). */
static char *read_as_nobody(struct secret_test *test)
{
	const uid_t nobody = 65534;
	char message[ERROR_SIZE] = "";
	size_t length = 0;
	ssize_t count;
	int fds[2];
	pid_t pid;
	int status;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct secret secret = {NULL, 0, SECRET_FROM_FILE};
		char error[ERROR_SIZE] = "";

		close(fds[0]);
		if (setgid(nobody) != 0 || setuid(nobody) != 0)
			_exit(2);
		if (secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &secret, error, ERROR_SIZE) == 0)
			_exit(3);
		_exit(write(fds[1], error, strlen(error)) < 0 ? 4 : 0);
	}
	close(fds[1]);
	while ((count = read(fds[0], message + length, sizeof(message) - 1 - length)) > 0)
		length += (size_t)count;
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	message[length] = '\0';
	return strdup(message);
}

static void test_secret_read_file_rejects_unreadable(void **state)
{
	struct secret_test *test = *state;
	char expected[ERROR_SIZE + 1200];
	char *message;

	assert_int_equal(fixture_write_file(test->path, "hunter2", 0000), 0);
	if (geteuid() == 0) {
		message = read_as_nobody(test);
	} else {
		assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
					     test->error, ERROR_SIZE),
				 -1);
		message = strdup(test->error);
	}
	assert_non_null(message);
	snprintf(expected, sizeof(expected),
		 "cannot read '%s' given to --registry-password-file: Permission denied; check the file name and its permissions",
		 test->path);
	assert_string_equal(message, expected);
	free(message);
}

/* A file given wins over the environment variable. */
static void test_secret_read_file_before_env(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(setenv(PASSWORD_ENV, "from-env", 1), 0);
	assert_int_equal(fixture_write_file(test->path, "from-file", 0600), 0);
	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 0);
	assert_string_equal(test->secret.data, "from-file");
}

static void test_secret_read_stdin_from_pipe(void **state)
{
	struct secret_test *test = *state;

	stdin_from_pipe("piped password\r\n");
	assert_false(secret_stdin_claimed());
	assert_int_equal(secret_read("-", PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_string_equal(test->secret.data, "piped password\r\n");
	assert_int_equal(test->secret.source, SECRET_FROM_STDIN);
	assert_true(secret_stdin_claimed());
}

static void test_secret_read_stdin_rejects_too_large(void **state)
{
	struct secret_test *test = *state;

	write_large_file(test->path, SECRET_MAX_BYTES + 4096, "TOPSECRET");
	stdin_from_file(test->path);
	assert_int_equal(secret_read("-", KEY_FLAG, KEY_ENV, &test->secret, test->error, ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "standard input given to --launch-logs-key-file is larger than the 1 MiB limit for a secret; check that it is the right file");
	assert_null(strstr(test->error, "TOPSECRET"));
}

static void test_secret_read_stdin_rejects_empty(void **state)
{
	struct secret_test *test = *state;

	stdin_from_pipe("");
	assert_int_equal(secret_read("-", PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "standard input given to --registry-password-file is empty; it must contain the secret");
}

static void test_secret_read_stdin_rejects_second(void **state)
{
	struct secret_test *test = *state;
	struct secret second = {(char *)"untouched", 9, SECRET_FROM_FILE};

	stdin_from_pipe("password");
	assert_int_equal(secret_read("-", PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_int_equal(secret_read("-", KEY_FLAG, KEY_ENV, &second, test->error, ERROR_SIZE), -1);
	assert_string_equal(test->error,
			    "--launch-logs-key-file - cannot read standard input because --registry-password-file - already read it; pass a file to one of them or set BINDERHUB_GEN_LAUNCH_LOGS_KEY");
	assert_string_equal(second.data, "untouched");
	assert_int_equal(second.length, 9);
}

/* A failed read still used up standard input, so it still counts. */
static void test_secret_read_stdin_claims_after_failure(void **state)
{
	struct secret_test *test = *state;
	struct secret second = {NULL, 0, SECRET_FROM_FILE};

	stdin_from_pipe("");
	assert_int_equal(secret_read("-", KEY_FLAG, NULL, &test->secret, test->error, ERROR_SIZE), -1);
	assert_true(secret_stdin_claimed());
	assert_int_equal(secret_read("-", PASSWORD_FLAG, NULL, &second, test->error, ERROR_SIZE), -1);
	assert_string_equal(test->error,
			    "--registry-password-file - cannot read standard input because --launch-logs-key-file - already read it; pass a file to one of them");
	assert_null(second.data);
}

static void test_secret_reset_stdin_claim_allows_again(void **state)
{
	struct secret_test *test = *state;

	stdin_from_pipe("first");
	assert_int_equal(secret_read("-", PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	secret_free(&test->secret);
	secret_reset_stdin_claim();
	assert_false(secret_stdin_claimed());
	stdin_from_pipe("second");
	assert_int_equal(secret_read("-", PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_string_equal(test->secret.data, "second");
}

static void test_secret_read_env_copies_value(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(setenv(PASSWORD_ENV, "env password", 1), 0);
	assert_int_equal(secret_read(NULL, PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 0);
	assert_string_equal(test->secret.data, "env password");
	assert_int_equal(test->secret.length, 12);
	assert_int_equal(test->secret.source, SECRET_FROM_ENV);
	assert_ptr_not_equal(test->secret.data, getenv(PASSWORD_ENV));
	assert_false(secret_stdin_claimed());
}

static void test_secret_read_env_rejects_empty(void **state)
{
	struct secret_test *test = *state;

	const char *values[] = {"", "\n", " "};

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_int_equal(setenv(PASSWORD_ENV, values[i], 1), 0);
		assert_int_equal(secret_read(NULL, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
					     test->error, ERROR_SIZE),
				 -1);
		assert_string_equal(test->error,
				    "BINDERHUB_GEN_REGISTRY_PASSWORD is set but empty; set it to the secret or pass --registry-password-file FILE");
		assert_null(test->secret.data);
	}
}

static void test_secret_read_env_rejects_too_large(void **state)
{
	struct secret_test *test = *state;
	char *value = malloc(SECRET_MAX_BYTES + 2);

	assert_non_null(value);
	memset(value, 'S', SECRET_MAX_BYTES + 1);
	memcpy(value, "TOPSECRET", 9);
	value[SECRET_MAX_BYTES + 1] = '\0';
	assert_int_equal(setenv(KEY_ENV, value, 1), 0);
	free(value);
	assert_int_equal(secret_read(NULL, KEY_FLAG, KEY_ENV, &test->secret, test->error, ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "BINDERHUB_GEN_LAUNCH_LOGS_KEY is larger than the 1 MiB limit for a secret; check what it is set to");
	assert_null(strstr(test->error, "TOPSECRET"));
}

static void test_secret_read_missing_names_flag_and_env(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(secret_read(NULL, PASSWORD_FLAG, PASSWORD_ENV, &test->secret, test->error,
				     ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "no registry password given; pass --registry-password-file FILE (or - for stdin) or set BINDERHUB_GEN_REGISTRY_PASSWORD");
	assert_int_equal(secret_read(NULL, KEY_FLAG, KEY_ENV, &test->secret, test->error, ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "no launch logs key given; pass --launch-logs-key-file FILE (or - for stdin) or set BINDERHUB_GEN_LAUNCH_LOGS_KEY");
	assert_null(test->secret.data);
}

static void test_secret_read_missing_without_env(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(secret_read(NULL, PASSWORD_FLAG, NULL, &test->secret, test->error,
				     ERROR_SIZE),
			 -1);
	assert_string_equal(test->error,
			    "no registry password given; pass --registry-password-file FILE (or - for stdin)");
}

static void test_secret_format_missing_uses_description(void **state)
{
	struct secret_test *test = *state;

	secret_format_missing("service-account key", "--key-file", "KEY", test->error, ERROR_SIZE);
	assert_string_equal(test->error,
			    "no service-account key given; pass --key-file FILE (or - for stdin) or set KEY");
}

static void test_secret_trim_final_newline_cases(void **state)
{
	static const struct {
		const char *input;
		const char *expected;
	} cases[] = {
		{"password\n", "password"},
		{"password\r\n", "password"},
		{"password\n\n", "password\n"},
		{"password\r\n\r\n", "password\r\n"},
		{"password", "password"},
		{"password\r", "password\r"},
		{"pass\nword", "pass\nword"},
		{"\n", ""},
		{"\r\n", ""},
		{"", ""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct secret secret = {strdup(cases[i].input), strlen(cases[i].input), SECRET_FROM_FILE};

		assert_non_null(secret.data);
		secret_trim_final_newline(&secret);
		assert_string_equal(secret.data, cases[i].expected);
		assert_int_equal(secret.length, strlen(cases[i].expected));
		secret_free(&secret);
	}
}

static void test_secret_free_resets_and_repeats(void **state)
{
	struct secret_test *test = *state;

	assert_int_equal(fixture_write_file(test->path, "x", 0600), 0);
	assert_int_equal(secret_read(test->path, PASSWORD_FLAG, PASSWORD_ENV, &test->secret,
				     test->error, ERROR_SIZE),
			 0);
	secret_free(&test->secret);
	assert_null(test->secret.data);
	assert_int_equal(test->secret.length, 0);
	secret_free(&test->secret);
	assert_null(test->secret.data);
}

static void test_secret_wipe_zeroes_bytes(void **state)
{
	char buffer[] = "a secret value";
	const char zeros[sizeof(buffer)] = {0};

	(void)state;
	secret_wipe(buffer, sizeof(buffer));
	assert_memory_equal(buffer, zeros, sizeof(buffer));
	secret_wipe(NULL, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_secret_read_file_keeps_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_grows_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_accepts_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_blank, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_rejects_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_file_before_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_stdin_from_pipe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_stdin_rejects_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_stdin_rejects_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_stdin_rejects_second, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_stdin_claims_after_failure, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_secret_reset_stdin_claim_allows_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_env_copies_value, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_env_rejects_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_env_rejects_too_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_missing_names_flag_and_env, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_secret_read_missing_without_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_secret_format_missing_uses_description, setup,
						teardown),
		cmocka_unit_test(test_secret_trim_final_newline_cases),
		cmocka_unit_test_setup_teardown(test_secret_free_resets_and_repeats, setup, teardown),
		cmocka_unit_test(test_secret_wipe_zeroes_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
