/*
 * The options that src/main.c handles itself, before any subcommand: --help
 * and --version print to standard output and, like the subcommands, fail
 * with exit status 2 when that output cannot be written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

/* Run the binary with one option and its standard output sent to /dev/full,
 * where every write fails with ENOSPC. */
static void run_to_full_device(const char *option, struct cli_result *result)
{
	const char *argv[] = {"-c", "exec \"$0\" \"$1\" > /dev/full", BHG_BINARY, option, NULL};

	assert_int_equal(cli_run_program("/bin/sh", argv, NULL, NULL, NULL, result), 0);
}

static void expect_write_error(const char *option)
{
	struct cli_result result;

	run_to_full_device(option, &result);
	assert_int_equal(result.status, 2);
	if (!strstr(result.err, "binderhub-gen: error: cannot write to standard output: "))
		fail_msg("%s: standard error lacks the write error: '%s'", option, result.err);
	cli_result_release(&result);
}

static void test_cli_main_help_prints_usage(void **state)
{
	const char *argv[] = {"--help", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(argv, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_memory_equal(result.out, "usage: binderhub-gen ", strlen("usage: binderhub-gen "));
	assert_int_equal(result.err_length, 0);
	cli_result_release(&result);
}

static void test_cli_main_version_prints_version(void **state)
{
	const char *argv[] = {"--version", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(argv, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_memory_equal(result.out, "binderhub-gen ", strlen("binderhub-gen "));
	assert_int_equal(result.err_length, 0);
	cli_result_release(&result);
}

static void test_cli_main_help_write_error(void **state)
{
	(void)state;
	expect_write_error("--help");
	expect_write_error("-h");
	expect_write_error("help");
}

static void test_cli_main_version_write_error(void **state)
{
	(void)state;
	expect_write_error("--version");
	expect_write_error("-V");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_main_help_prints_usage),
		cmocka_unit_test(test_cli_main_version_prints_version),
		cmocka_unit_test(test_cli_main_help_write_error),
		cmocka_unit_test(test_cli_main_version_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
