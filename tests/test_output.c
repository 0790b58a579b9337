/* Tests of include/output.h: atomic file writes, modes, standard output. */
#define _XOPEN_SOURCE 700 /* posix_openpt, grantpt, unlockpt, ptsname for the terminal test */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "fixture.h"
#include "output.h"

#define ERROR_SIZE 512

struct output_test {
	char *folder;
	char path[1024]; /* folder/out.yaml */
	char error[ERROR_SIZE];
};

static int setup(void **state)
{
	struct output_test *test = calloc(1, sizeof(*test));

	if (!test)
		return -1;
	test->folder = fixture_temp_dir();
	snprintf(test->path, sizeof(test->path), "%s/out.yaml", test->folder);
	*state = test;
	return 0;
}

static int teardown(void **state)
{
	struct output_test *test = *state;

	fixture_remove_tree(test->folder);
	free(test->folder);
	free(test);
	return 0;
}

/* Number of entries in folder besides . and .., so a leftover temporary file shows. */
static int count_entries(const char *folder)
{
	DIR *dir = opendir(folder);
	struct dirent *entry;
	int count = 0;

	assert_non_null(dir);
	while ((entry = readdir(dir)) != NULL) {
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			count++;
	}
	closedir(dir);
	return count;
}

static unsigned file_mode(const char *path)
{
	struct stat status;

	assert_int_equal(stat(path, &status), 0);
	return (unsigned)(status.st_mode & 0777);
}

static void assert_file_text(const char *path, const char *expected)
{
	size_t length = 0;
	char *text = fixture_read_file(path, &length);

	assert_non_null(text);
	assert_int_equal(length, strlen(expected));
	assert_string_equal(text, expected);
	free(text);
}

static void test_output_write_creates_file(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, false, OUTPUT_MODE_VALUES};

	assert_int_equal(output_write(&target, "a: 1\n", 5, test->error, ERROR_SIZE), 0);
	assert_file_text(test->path, "a: 1\n");
	assert_int_equal(count_entries(test->folder), 1);
}

/* The mode is set with fchmod, so it is exact whatever the umask. */
static void assert_mode_under_umask(struct output_test *test, mode_t mask, unsigned mode)
{
	struct output_target target = {test->path, false, mode};
	mode_t old_mask = umask(mask);
	int status = output_write(&target, "x\n", 2, test->error, ERROR_SIZE);

	umask(old_mask);
	assert_int_equal(status, 0);
	assert_int_equal(file_mode(test->path), mode);
}

static void test_output_write_values_mode_umask_022(void **state)
{
	assert_mode_under_umask(*state, 022, OUTPUT_MODE_VALUES);
}

static void test_output_write_values_mode_umask_077(void **state)
{
	assert_mode_under_umask(*state, 077, OUTPUT_MODE_VALUES);
}

static void test_output_write_secrets_mode_umask_022(void **state)
{
	assert_mode_under_umask(*state, 022, OUTPUT_MODE_SECRETS);
}

static void test_output_write_secrets_mode_umask_077(void **state)
{
	assert_mode_under_umask(*state, 077, OUTPUT_MODE_SECRETS);
}

static void test_output_write_secrets_mode_umask_000(void **state)
{
	assert_mode_under_umask(*state, 0, OUTPUT_MODE_SECRETS);
}

static void test_output_write_replaces_mode_with_force(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, true, OUTPUT_MODE_SECRETS};

	assert_int_equal(fixture_write_file(test->path, "old\n", 0644), 0);
	assert_int_equal(output_write(&target, "new\n", 4, test->error, ERROR_SIZE), 0);
	assert_file_text(test->path, "new\n");
	assert_int_equal(file_mode(test->path), 0600);
	assert_int_equal(count_entries(test->folder), 1);
}

static void test_output_write_rejects_existing_without_force(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, false, OUTPUT_MODE_VALUES};
	char expected[2400];

	assert_int_equal(fixture_write_file(test->path, "old: true\n", 0640), 0);
	assert_int_equal(output_write(&target, "new\n", 4, test->error, ERROR_SIZE), -1);
	snprintf(expected, sizeof(expected), "'%s' already exists; add --force to replace it",
		 test->path);
	assert_string_equal(test->error, expected);
	assert_file_text(test->path, "old: true\n");
	assert_int_equal(file_mode(test->path), 0640);
	assert_int_equal(count_entries(test->folder), 1);
}

/* A dangling symbolic link counts as an existing file, and is not followed. */
static void test_output_write_rejects_dangling_symlink(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, false, OUTPUT_MODE_VALUES};
	char pointee[1100];
	struct stat status;

	snprintf(pointee, sizeof(pointee), "%s/pointee.yaml", test->folder);
	assert_int_equal(symlink(pointee, test->path), 0);
	assert_int_equal(output_write(&target, "new\n", 4, test->error, ERROR_SIZE), -1);
	assert_non_null(strstr(test->error, "already exists; add --force"));
	assert_int_equal(lstat(pointee, &status), -1);
	assert_int_equal(count_entries(test->folder), 1);
}

/* rename(2) replaces the link itself; the file it points to stays as it was. */
static void test_output_write_replaces_symlink_with_force(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, true, OUTPUT_MODE_VALUES};
	char pointee[1100];
	struct stat status;

	snprintf(pointee, sizeof(pointee), "%s/pointee.yaml", test->folder);
	assert_int_equal(fixture_write_file(pointee, "pointee\n", 0644), 0);
	assert_int_equal(symlink(pointee, test->path), 0);
	assert_int_equal(output_write(&target, "new\n", 4, test->error, ERROR_SIZE), 0);
	assert_int_equal(lstat(test->path, &status), 0);
	assert_true(S_ISREG(status.st_mode));
	assert_file_text(test->path, "new\n");
	assert_file_text(pointee, "pointee\n");
	assert_int_equal(count_entries(test->folder), 2);
}

static void test_output_write_fails_missing_folder(void **state)
{
	struct output_test *test = *state;
	char path[1100];
	char expected[2400];
	struct output_target target = {path, true, OUTPUT_MODE_VALUES};

	snprintf(path, sizeof(path), "%s/missing/x.yaml", test->folder);
	assert_int_equal(output_write(&target, "a\n", 2, test->error, ERROR_SIZE), -1);
	snprintf(expected, sizeof(expected), "cannot write '%s': No such file or directory", path);
	assert_string_equal(test->error, expected);
	assert_int_equal(count_entries(test->folder), 0);
}

static void test_output_write_fails_file_as_folder(void **state)
{
	struct output_test *test = *state;
	char path[1100];
	char expected[2400];
	struct output_target target = {path, false, OUTPUT_MODE_VALUES};

	assert_int_equal(fixture_write_file(test->path, "a file\n", 0644), 0);
	snprintf(path, sizeof(path), "%s/x.yaml", test->path);
	assert_int_equal(output_write(&target, "a\n", 2, test->error, ERROR_SIZE), -1);
	snprintf(expected, sizeof(expected), "cannot write '%s': Not a directory", path);
	assert_string_equal(test->error, expected);
	assert_file_text(test->path, "a file\n");
	assert_int_equal(count_entries(test->folder), 1);
}

/* A read-only folder cannot stop root, which runs the tests in CI, so this
 * failure case uses a folder as the target instead. */
static void test_output_write_rejects_folder_target(void **state)
{
	struct output_test *test = *state;
	char expected[2400];
	const bool forces[] = {false, true};

	assert_int_equal(mkdir(test->path, 0755), 0);
	for (size_t i = 0; i < 2; i++) {
		struct output_target target = {test->path, forces[i], OUTPUT_MODE_VALUES};
		struct stat status;

		assert_int_equal(output_write(&target, "a\n", 2, test->error, ERROR_SIZE), -1);
		snprintf(expected, sizeof(expected),
			 "cannot write '%s': Is a directory; give a file name, not a folder", test->path);
		assert_string_equal(test->error, expected);
		assert_int_equal(stat(test->path, &status), 0);
		assert_true(S_ISDIR(status.st_mode));
		assert_int_equal(count_entries(test->path), 0);
		assert_int_equal(count_entries(test->folder), 1);
	}
}

static void test_output_write_rejects_trailing_slash(void **state)
{
	struct output_test *test = *state;
	char path[1100];
	struct output_target target = {path, false, OUTPUT_MODE_VALUES};

	snprintf(path, sizeof(path), "%s/new/", test->folder);
	assert_int_equal(output_write(&target, "a\n", 2, test->error, ERROR_SIZE), -1);
	assert_non_null(strstr(test->error, "Is a directory; give a file name, not a folder"));
	assert_int_equal(count_entries(test->folder), 0);
}

static void test_output_write_rejects_empty_path(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {"", false, OUTPUT_MODE_VALUES};

	assert_int_equal(output_write(&target, "a\n", 2, test->error, ERROR_SIZE), -1);
	assert_string_equal(test->error,
			    "the output file name is empty; give a file name, or - for standard output");
}

/* A name without a folder part is written in the working folder. */
static void test_output_write_accepts_bare_name(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {"bare.yaml", false, OUTPUT_MODE_VALUES};
	char *old_folder = getcwd(NULL, 4096);
	char path[1100];
	int status;

	assert_non_null(old_folder);
	assert_int_equal(chdir(test->folder), 0);
	status = output_write(&target, "bare\n", 5, test->error, ERROR_SIZE);
	assert_int_equal(chdir(old_folder), 0);
	free(old_folder);
	assert_int_equal(status, 0);
	snprintf(path, sizeof(path), "%s/bare.yaml", test->folder);
	assert_file_text(path, "bare\n");
	assert_int_equal(count_entries(test->folder), 1);
}

static void test_output_write_handles_large_and_empty(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {test->path, true, OUTPUT_MODE_VALUES};
	size_t length = (size_t)8 * 1024 * 1024 + 13;
	char *data = malloc(length);
	size_t read_length = 0;
	char *read_back;

	assert_non_null(data);
	for (size_t i = 0; i < length; i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(output_write(&target, data, length, test->error, ERROR_SIZE), 0);
	read_back = fixture_read_file(test->path, &read_length);
	assert_non_null(read_back);
	assert_int_equal(read_length, length);
	assert_memory_equal(read_back, data, length);
	free(read_back);
	free(data);

	assert_int_equal(output_write(&target, "", 0, test->error, ERROR_SIZE), 0);
	assert_file_text(test->path, "");
	assert_int_equal(count_entries(test->folder), 1);
}

/* Points file descriptor 1 at fd for one call; returns the saved descriptor. */
static int redirect_stdout(int fd)
{
	int saved;

	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	return saved;
}

static void restore_stdout(int saved)
{
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	close(saved);
}

static void test_output_write_stdout_writes_all(void **state)
{
	struct output_test *test = *state;
	const char *paths[] = {NULL, "-"};

	for (size_t i = 0; i < 2; i++) {
		struct output_target target = {paths[i], false, OUTPUT_MODE_SECRETS};
		int fd = open(test->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int saved;
		int status;

		assert_true(fd >= 0);
		saved = redirect_stdout(fd);
		close(fd);
		status = output_write(&target, "key: value\n", 11, test->error, ERROR_SIZE);
		restore_stdout(saved);
		assert_int_equal(status, 0);
		assert_file_text(test->path, "key: value\n");
	}
}

static void test_output_write_stdout_reports_full_disk(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {"-", false, OUTPUT_MODE_VALUES};
	int fd = open("/dev/full", O_WRONLY);
	int saved;
	int status;

	if (fd < 0)
		skip();
	saved = redirect_stdout(fd);
	close(fd);
	status = output_write(&target, "a\n", 2, test->error, ERROR_SIZE);
	restore_stdout(saved);
	assert_int_equal(status, -1);
	assert_string_equal(test->error, "cannot write to standard output: No space left on device");
}

static void test_output_write_stdout_reports_closed_pipe(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {NULL, false, OUTPUT_MODE_VALUES};
	struct sigaction ignore = {0};
	struct sigaction old;
	int fds[2];
	int saved;
	int status;

	ignore.sa_handler = SIG_IGN;
	assert_int_equal(sigaction(SIGPIPE, &ignore, &old), 0);
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	saved = redirect_stdout(fds[1]);
	close(fds[1]);
	status = output_write(&target, "a\n", 2, test->error, ERROR_SIZE);
	restore_stdout(saved);
	sigaction(SIGPIPE, &old, NULL);
	assert_int_equal(status, -1);
	assert_string_equal(test->error, "cannot write to standard output: Broken pipe");
}

static void test_output_is_terminal_detects_tty(void **state)
{
	struct output_test *test = *state;
	struct output_target to_stdout = {"-", false, OUTPUT_MODE_VALUES};
	struct output_target to_file = {test->path, false, OUTPUT_MODE_VALUES};
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	int fd;
	int saved;
	bool stdout_terminal;
	bool file_terminal;

	if (master < 0)
		skip();
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	fd = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(fd >= 0);
	saved = redirect_stdout(fd);
	close(fd);
	stdout_terminal = output_is_terminal(&to_stdout);
	file_terminal = output_is_terminal(&to_file);
	restore_stdout(saved);
	close(master);
	assert_true(stdout_terminal);
	assert_false(file_terminal);
}

static void test_output_is_terminal_rejects_file(void **state)
{
	struct output_test *test = *state;
	struct output_target target = {NULL, false, OUTPUT_MODE_VALUES};
	int fd = open(test->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int saved;
	bool terminal;

	assert_true(fd >= 0);
	saved = redirect_stdout(fd);
	close(fd);
	terminal = output_is_terminal(&target);
	restore_stdout(saved);
	assert_false(terminal);
}

/*
 * Print text and call output_flush_stdout() in a child process whose standard
 * output is stdout_path and standard error is stderr_path, and return the
 * child's exit status. The child process keeps the stream's error indicator,
 * and any bytes stdio could not write, away from the test runner's output.
 */
static int flush_in_child(const char *stdout_path, const char *stderr_path, const char *text)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int out = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (out < 0 || err < 0 || dup2(out, STDOUT_FILENO) < 0 ||
		    dup2(err, STDERR_FILENO) < 0)
			_exit(99);
		fputs(text, stdout);
		_exit(output_flush_stdout());
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_output_flush_stdout_writes_text(void **state)
{
	struct output_test *test = *state;
	char stderr_path[1100];

	snprintf(stderr_path, sizeof(stderr_path), "%s/stderr.txt", test->folder);
	assert_int_equal(flush_in_child(test->path, stderr_path, "usage: x\n"), EXIT_OK);
	assert_file_text(test->path, "usage: x\n");
	assert_file_text(stderr_path, "");
}

static void test_output_flush_stdout_reports_full_disk(void **state)
{
	struct output_test *test = *state;
	char stderr_path[1100];

	if (access("/dev/full", W_OK) != 0)
		skip();
	snprintf(stderr_path, sizeof(stderr_path), "%s/stderr.txt", test->folder);
	assert_int_equal(flush_in_child("/dev/full", stderr_path, "usage: x\n"), EXIT_USAGE);
	assert_file_text(stderr_path,
			 "binderhub-gen: error: cannot write to standard output: No space left on "
			 "device; check the file or pipe it goes to\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_output_write_creates_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_values_mode_umask_022, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_values_mode_umask_077, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_secrets_mode_umask_022, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_secrets_mode_umask_077, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_secrets_mode_umask_000, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_replaces_mode_with_force, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_rejects_existing_without_force, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_output_write_rejects_dangling_symlink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_replaces_symlink_with_force, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_output_write_fails_missing_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_fails_file_as_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_rejects_folder_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_rejects_trailing_slash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_rejects_empty_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_accepts_bare_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_handles_large_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_stdout_writes_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_stdout_reports_full_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_write_stdout_reports_closed_pipe, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_output_is_terminal_detects_tty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_is_terminal_rejects_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_flush_stdout_writes_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output_flush_stdout_reports_full_disk, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
