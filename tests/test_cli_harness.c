/* Self-test of the test support code: tests/support/cli.h and fixture.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fixture.h"

#define SHELL "/bin/sh"

static int run_shell(const char *script, const char *stdin_text, const char *const *env,
		     const char *cwd, struct cli_result *result)
{
	const char *argv[] = {"-c", script, NULL};

	return cli_run_program(SHELL, argv, stdin_text, env, cwd, result);
}

/* True when text contains line as a whole line. */
static bool has_line(const char *text, const char *line)
{
	size_t length = strlen(line);

	for (const char *start = text; *start; start++) {
		if ((start == text || start[-1] == '\n') && strncmp(start, line, length) == 0 &&
		    (start[length] == '\n' || start[length] == '\0'))
			return true;
	}
	return false;
}

/* A string of length copies of c, malloc'ed. */
static char *repeat_char(char c, size_t length)
{
	char *text = malloc(length + 1);

	assert_non_null(text);
	memset(text, c, length);
	text[length] = '\0';
	return text;
}

static void test_cli_harness_run_captures_streams(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("echo out; echo err >&2; exit 3", NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 3);
	assert_string_equal(result.out, "out\n");
	assert_int_equal(result.out_length, 4);
	assert_string_equal(result.err, "err\n");
	assert_int_equal(result.err_length, 4);
	cli_result_release(&result);
	assert_null(result.out);
	assert_null(result.err);
}

static void test_cli_harness_run_empty_output(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("exit 0", NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(result.out);
	assert_string_equal(result.out, "");
	assert_int_equal(result.out_length, 0);
	assert_non_null(result.err);
	assert_int_equal(result.err_length, 0);
	cli_result_release(&result);
}

static void test_cli_harness_run_feeds_stdin(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("cat", "line one\nline two\n", NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, "line one\nline two\n");
	cli_result_release(&result);
}

static void test_cli_harness_run_null_stdin_is_empty(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("cat; echo end", NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, "end\n");
	cli_result_release(&result);
}

/* Both pipes fill up far past their buffer size while stdin is still being
 * fed, which deadlocks a harness that reads them one after the other. */
static void test_cli_harness_run_large_streams(void **state)
{
	const size_t length = 3 * 1000 * 1000;
	char *input = repeat_char('x', length);
	char *expected = repeat_char('x', length);
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("tee /dev/stderr", input, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_int_equal(result.out_length, length);
	assert_int_equal(result.err_length, length);
	assert_string_equal(result.out, expected);
	assert_string_equal(result.err, expected);
	cli_result_release(&result);
	free(input);
	free(expected);
}

/* A child that exits without reading its input must not kill the harness with SIGPIPE. */
static void test_cli_harness_run_child_ignores_stdin(void **state)
{
	char *input = repeat_char('y', 1000 * 1000);
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("exec 0<&-; echo done", input, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, "done\n");
	cli_result_release(&result);
	free(input);
}

static void test_cli_harness_run_minimal_environment(void **state)
{
	const char *const env[] = {"BHG_EXTRA=extra value", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(setenv("BHG_PARENT_ONLY", "1", 1), 0);
	assert_int_equal(run_shell("env", NULL, env, NULL, &result), 0);
	unsetenv("BHG_PARENT_ONLY");
	assert_int_equal(result.status, 0);
	assert_true(has_line(result.out, "LANG=C"));
	assert_true(has_line(result.out, "NO_COLOR=1"));
	assert_true(has_line(result.out, "BHG_EXTRA=extra value"));
	assert_non_null(strstr(result.out, "PATH="));
	assert_non_null(strstr(result.out, "HOME="));
	assert_null(strstr(result.out, "BHG_PARENT_ONLY"));
	cli_result_release(&result);
}

static void test_cli_harness_run_env_replaces_default(void **state)
{
	const char *const env[] = {"LANG=C.UTF-8", "NO_COLOR=", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("echo \"[$LANG] [${NO_COLOR-unset}]\"", NULL, env, NULL, &result),
			 0);
	assert_string_equal(result.out, "[C.UTF-8] []\n");
	cli_result_release(&result);
}

static void test_cli_harness_run_in_folder(void **state)
{
	char *folder = fixture_temp_dir();
	char *old_folder = getcwd(NULL, 4096);
	char real_folder[4096];
	char expected[4200];
	struct cli_result result;

	(void)state;
	/* getcwd returns the path without symbolic links, as pwd -P prints it. */
	assert_non_null(old_folder);
	assert_int_equal(chdir(folder), 0);
	assert_non_null(getcwd(real_folder, sizeof(real_folder)));
	assert_int_equal(chdir(old_folder), 0);
	free(old_folder);
	assert_int_equal(run_shell("pwd -P", NULL, NULL, folder, &result), 0);
	snprintf(expected, sizeof(expected), "%s\n", real_folder);
	assert_string_equal(result.out, expected);
	cli_result_release(&result);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_cli_harness_run_reports_signal(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("kill -TERM $$", NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 128 + SIGTERM);
	cli_result_release(&result);
}

static void test_cli_harness_run_missing_program(void **state)
{
	const char *argv[] = {NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run_program("/nonexistent/program", argv, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 127);
	assert_non_null(strstr(result.err, "cannot run '/nonexistent/program'"));
	cli_result_release(&result);
}

static void test_cli_harness_run_missing_folder(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(run_shell("echo ran", NULL, NULL, "/nonexistent/folder", &result), 0);
	assert_int_equal(result.status, 127);
	assert_string_equal(result.out, "");
	assert_non_null(strstr(result.err, "in '/nonexistent/folder'"));
	cli_result_release(&result);
}

static void test_cli_harness_run_kills_after_timeout(void **state)
{
	struct cli_result result;
	int status;

	(void)state;
	cli_timeout_seconds = 1;
	status = run_shell("echo started; exec sleep 30", NULL, NULL, NULL, &result);
	cli_timeout_seconds = CLI_DEFAULT_TIMEOUT_SECONDS;
	assert_int_equal(status, 0);
	assert_int_equal(result.status, 128 + SIGKILL);
	assert_string_equal(result.out, "started\n");
	cli_result_release(&result);
}

/* The program under test exists and starts; what it prints is other tests' business. */
static void test_cli_harness_run_binary_starts(void **state)
{
	const char *argv[] = {"--version", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(access(BHG_BINARY, X_OK), 0);
	assert_int_equal(cli_run(argv, NULL, NULL, NULL, &result), 0);
	assert_int_not_equal(result.status, 127);
	assert_true(result.status < 128);
	cli_result_release(&result);
}

struct fixture_test {
	char *folder;
	char golden[1024]; /* folder/golden.txt */
};

static int setup_folder(void **state)
{
	struct fixture_test *test = calloc(1, sizeof(*test));

	if (!test)
		return -1;
	test->folder = fixture_temp_dir();
	snprintf(test->golden, sizeof(test->golden), "%s/golden.txt", test->folder);
	*state = test;
	return 0;
}

static int teardown_folder(void **state)
{
	struct fixture_test *test = *state;

	fixture_remove_tree(test->folder);
	free(test->folder);
	free(test);
	unsetenv("BHG_UPDATE_GOLDEN");
	return 0;
}

static void test_cli_harness_golden_matches(void **state)
{
	struct fixture_test *test = *state;
	char *report = NULL;

	assert_int_equal(fixture_write_file(test->golden, "a\nb\n", 0644), 0);
	assert_int_equal(fixture_compare_golden("a\nb\n", 4, test->golden, &report), 0);
	assert_null(report);
	fixture_assert_golden("a\nb\n", 4, test->golden);
}

static void test_cli_harness_golden_reports_line(void **state)
{
	struct fixture_test *test = *state;
	char *report = NULL;
	char expected[4096];

	assert_int_equal(fixture_write_file(test->golden, "one\ntwo\nthree\n", 0644), 0);
	assert_int_equal(fixture_compare_golden("one\ntwo\nTHREE\n", 14, test->golden, &report), 1);
	snprintf(expected, sizeof(expected),
		 "golden file '%s' differs from the actual output at line 3\n"
		 "--- %s\n+++ actual output\n@@ line 3 @@\n-three\n+THREE\n"
		 "rerun with BHG_UPDATE_GOLDEN=1 to accept the actual output, then review the diff\n",
		 test->golden, test->golden);
	assert_non_null(report);
	assert_string_equal(report, expected);
	free(report);
}

static void test_cli_harness_golden_reports_end(void **state)
{
	struct fixture_test *test = *state;
	char *report = NULL;

	assert_int_equal(fixture_write_file(test->golden, "one\ntwo\n", 0644), 0);
	assert_int_equal(fixture_compare_golden("one\n", 4, test->golden, &report), 1);
	assert_non_null(report);
	assert_non_null(strstr(report, "@@ line 2 @@\n-two\n+(end of file)\n"));
	free(report);
}

static void test_cli_harness_golden_reports_final_newline(void **state)
{
	struct fixture_test *test = *state;
	char *report = NULL;

	assert_int_equal(fixture_write_file(test->golden, "one\ntwo\n", 0644), 0);
	assert_int_equal(fixture_compare_golden("one\ntwo", 7, test->golden, &report), 1);
	assert_non_null(report);
	assert_non_null(strstr(report, "-two\n+two\n\\ No newline at end of file\n"));
	free(report);
}

static void test_cli_harness_golden_reports_missing(void **state)
{
	struct fixture_test *test = *state;
	char *report = NULL;
	char expected[4096];

	assert_int_equal(fixture_compare_golden("a\n", 2, test->golden, &report), -1);
	snprintf(expected, sizeof(expected),
		 "cannot read golden file '%s': No such file or directory; create it with BHG_UPDATE_GOLDEN=1 and review it\n",
		 test->golden);
	assert_non_null(report);
	assert_string_equal(report, expected);
	free(report);
}

static void test_cli_harness_golden_update_rewrites(void **state)
{
	struct fixture_test *test = *state;
	size_t length = 0;
	char *text;

	assert_int_equal(fixture_write_file(test->golden, "old\n", 0600), 0);
	assert_int_equal(setenv("BHG_UPDATE_GOLDEN", "1", 1), 0);
	fixture_assert_golden("new\0bytes\n", 10, test->golden);
	unsetenv("BHG_UPDATE_GOLDEN");
	text = fixture_read_file(test->golden, &length);
	assert_non_null(text);
	assert_int_equal(length, 10);
	assert_memory_equal(text, "new\0bytes\n", 10);
	free(text);
	fixture_assert_golden("new\0bytes\n", 10, test->golden);
}

static void test_cli_harness_fixture_write_sets_mode(void **state)
{
	struct fixture_test *test = *state;
	mode_t old_mask = umask(077);
	struct stat status;
	int written = fixture_write_file(test->golden, "text", 0644);

	umask(old_mask);
	assert_int_equal(written, 0);
	assert_int_equal(stat(test->golden, &status), 0);
	assert_int_equal(status.st_mode & 0777, 0644);
}

static void test_cli_harness_fixture_read_missing(void **state)
{
	struct fixture_test *test = *state;
	size_t length = 99;

	errno = 0;
	assert_null(fixture_read_file(test->golden, &length));
	assert_int_equal(errno, ENOENT);
	assert_int_equal(length, 99);
}

/* Removal goes into read-only folders but never through a symbolic link. */
static void test_cli_harness_fixture_remove_tree(void **state)
{
	struct fixture_test *test = *state;
	char *outside = fixture_temp_dir();
	char path[1200];
	char keep[1200];
	struct stat status;

	snprintf(keep, sizeof(keep), "%s/keep.txt", outside);
	assert_int_equal(fixture_write_file(keep, "keep", 0644), 0);
	snprintf(path, sizeof(path), "%s/a", test->folder);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/a/b", test->folder);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/a/b/file.txt", test->folder);
	assert_int_equal(fixture_write_file(path, "x", 0444), 0);
	snprintf(path, sizeof(path), "%s/a/link", test->folder);
	assert_int_equal(symlink(outside, path), 0);
	snprintf(path, sizeof(path), "%s/a/b", test->folder);
	assert_int_equal(chmod(path, 0555), 0);

	assert_int_equal(fixture_remove_tree(test->folder), 0);
	assert_int_equal(lstat(test->folder, &status), -1);
	assert_int_equal(stat(keep, &status), 0);
	assert_int_equal(fixture_remove_tree(outside), 0);
	free(outside);

	/* teardown removes the folder again, which must not fail the test. */
	assert_int_equal(mkdir(test->folder, 0700), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_harness_run_captures_streams),
		cmocka_unit_test(test_cli_harness_run_empty_output),
		cmocka_unit_test(test_cli_harness_run_feeds_stdin),
		cmocka_unit_test(test_cli_harness_run_null_stdin_is_empty),
		cmocka_unit_test(test_cli_harness_run_large_streams),
		cmocka_unit_test(test_cli_harness_run_child_ignores_stdin),
		cmocka_unit_test(test_cli_harness_run_minimal_environment),
		cmocka_unit_test(test_cli_harness_run_env_replaces_default),
		cmocka_unit_test(test_cli_harness_run_in_folder),
		cmocka_unit_test(test_cli_harness_run_reports_signal),
		cmocka_unit_test(test_cli_harness_run_missing_program),
		cmocka_unit_test(test_cli_harness_run_missing_folder),
		cmocka_unit_test(test_cli_harness_run_kills_after_timeout),
		cmocka_unit_test(test_cli_harness_run_binary_starts),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_matches, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_reports_line, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_reports_end, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_reports_final_newline,
						setup_folder, teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_reports_missing, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_golden_update_rewrites, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_fixture_write_sets_mode, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_fixture_read_missing, setup_folder,
						teardown_folder),
		cmocka_unit_test_setup_teardown(test_cli_harness_fixture_remove_tree, setup_folder,
						teardown_folder),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
