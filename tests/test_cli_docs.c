/*
 * The man page and the completion script come from the option table: the
 * committed docs/binderhub-gen.1 must equal what the binary prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "fixture.h"

static void test_cli_docs_man_page_up_to_date(void **state)
{
	const char *args[] = {"man", NULL};
	struct cli_result result;
	size_t length = 0;
	char *committed = fixture_read_file(BHG_SOURCE_DIR "/docs/binderhub-gen.1", &length);

	(void)state;
	assert_non_null(committed);
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	if (length != result.out_length || memcmp(committed, result.out, length) != 0)
		fail_msg("docs/binderhub-gen.1 is out of date; regenerate it with "
			 "'build/binderhub-gen man > docs/binderhub-gen.1'");
	free(committed);
	cli_result_release(&result);
}

static void test_cli_docs_completion_bash(void **state)
{
	const char *args[] = {"completion", "bash", NULL};
	const char *zsh[] = {"completion", "zsh", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.out, "complete "));
	assert_non_null(strstr(result.out, "--registry-password-file"));
	assert_non_null(strstr(result.out, "--allowed-spec"));
	cli_result_release(&result);

	assert_int_equal(cli_run(zsh, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	assert_int_equal(result.out_length, 0);
	assert_string_equal(result.err, "binderhub-gen: error: usage: binderhub-gen completion bash; "
					"bash is the only shell supported\n");
	cli_result_release(&result);
}

static void test_cli_docs_version_and_help(void **state)
{
	const char *version[] = {"--version", NULL};
	const char *help[] = {"--help", NULL};
	const char *none[] = {NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(version, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, "binderhub-gen " BHG_VERSION "\n");
	cli_result_release(&result);

	assert_int_equal(cli_run(help, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.out, "values"));
	assert_int_equal(result.err_length, 0);
	cli_result_release(&result);

	assert_int_equal(cli_run(none, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	assert_int_equal(result.out_length, 0);
	cli_result_release(&result);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_docs_man_page_up_to_date),
		cmocka_unit_test(test_cli_docs_completion_bash),
		cmocka_unit_test(test_cli_docs_version_and_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
