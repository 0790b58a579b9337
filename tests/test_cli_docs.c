/*
 * The man page and the completion script come from the option tables of the
 * generator and of check: the committed docs/binderhub-gen.1 must equal what
 * the binary prints, and both documents must cover check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static size_t count_of(const char *text, const char *part)
{
	size_t count = 0;

	for (const char *found = strstr(text, part); found; found = strstr(found + 1, part))
		count++;
	return count;
}

static void test_cli_docs_man_page_documents_check(void **state)
{
	const char *args[] = {"man", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.out, "\n.br\n.B binderhub\\-gen check\n[OPTION]... FILE...\n"));
	assert_non_null(strstr(result.out, "\n.TP\n.B check\nCheck the values files"));
	assert_non_null(strstr(result.out, "\n.TP\n\\fB\\-\\-cluster\\-file\\fR \\fIFILE\\fR\n"));
	assert_non_null(strstr(result.out, "\n.TP\n\\fB\\-\\-repo\\fR \\fIPATH\\fR\n"));
	assert_non_null(strstr(result.out, "Only for \\fBcheck\\fR.\n"));
	/* check's --help reads as the generator's, so it is described once, for all. */
	assert_int_equal(count_of(result.out, "\\fB\\-\\-help\\fR\nPrint this help and exit.\n"), 1);
	assert_non_null(strstr(result.out, "\n.PP\n\\fBcheck\\fR:\n.TP\n.B GITHUB_ACTIONS\n"));
	assert_non_null(strstr(result.out, "\n.PP\n\\fBcheck\\fR:\n.TP\n.B 0\nNo error\\-level "
					   "findings"));
	assert_non_null(strstr(result.out, "binderhub\\-gen check \\-\\-repo . \\-\\-format github\n"));
	cli_result_release(&result);
}

/* Source the completion script that the binary prints in bash, complete
 * words (the last one being completed) and return the candidates one a line. */
static char *complete_words(const char *folder, const char *words)
{
	const char *args[] = {"completion", "bash", NULL};
	struct cli_result result;
	char script_path[512];
	char command[2048];
	char *candidates = NULL;
	size_t length = 0;
	char buffer[256];
	FILE *collected = open_memstream(&candidates, &length);
	FILE *pipe;

	assert_non_null(collected);
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	snprintf(script_path, sizeof(script_path), "%s/completion.bash", folder);
	assert_int_equal(fixture_write_file(script_path, result.out, 0644), 0);
	cli_result_release(&result);
	snprintf(command, sizeof(command),
		 "cd '%s' && /bin/bash --norc --noprofile -c '"
		 "source ./completion.bash; COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
		 "_binderhub_gen; printf \"%%s\\n\" \"${COMPREPLY[@]}\" | sort'",
		 folder, words);
	pipe = popen(command, "r");
	assert_non_null(pipe);
	while (fgets(buffer, sizeof(buffer), pipe) != NULL)
		fputs(buffer, collected);
	assert_int_equal(pclose(pipe), 0);
	fclose(collected);
	return candidates;
}

static void test_cli_docs_completion_completes_check(void **state)
{
	static const struct {
		const char *words;
		const char *expected;
	} cases[] = {
		{"binderhub-gen ch", "check\n"},
		{"binderhub-gen \"\"", "check\nsecrets\nvalues\n"},
		{"binderhub-gen check --all", "--all-hubs\n"},
		{"binderhub-gen check --deployer-", "--deployer-values\n"},
		{"binderhub-gen check --provider o", "other\n"},
		{"binderhub-gen values --provider o", "\n"},
		{"binderhub-gen check --format s", "sarif\n"},
		{"binderhub-gen check --auth --no-a", "--no-auth\n"},
		{"binderhub-gen values --auth c", "cilogon\n"},
		{"binderhub-gen check --cluster-file clu", "cluster.yaml\n"},
		{"binderhub-gen check --hub \"\"", "\n"},
		{"binderhub-gen values --cluster-f", "\n"},
	};
	char *dir;
	char path[512];

	(void)state;
	if (access("/bin/bash", X_OK) != 0)
		skip();
	dir = fixture_temp_dir();
	snprintf(path, sizeof(path), "%s/cluster.yaml", dir);
	assert_int_equal(fixture_write_file(path, "", 0644), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *candidates = complete_words(dir, cases[i].words);

		if (strcmp(candidates, cases[i].expected) != 0)
			fail_msg("completing '%s' gave\n%s\ninstead of\n%s", cases[i].words,
				 candidates, cases[i].expected);
		free(candidates);
	}
	fixture_remove_tree(dir);
	free(dir);
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
	assert_string_equal(result.out, "binderhub-gen " BHG_VERSION "\n"
					"built-in chart defaults: basehub values of "
					"2i2c-org/infrastructure 9ad7cd0fc\n");
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
		cmocka_unit_test(test_cli_docs_man_page_documents_check),
		cmocka_unit_test(test_cli_docs_completion_completes_check),
		cmocka_unit_test(test_cli_docs_version_and_help),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
