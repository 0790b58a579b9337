/*
 * End-to-end tests of `binderhub-gen check` through the built binary, run in
 * tests/fixtures/check so that file names in the output are short: exit
 * statuses, the summary line, findings and their places, disable comments,
 * --disable, --severity, --strict, formats, every usage error, and the
 * report of a file that does not load in each format.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"
#include "fixture.h"
#include "load.h"
#include "tree.h"

#define FIXTURES BHG_TESTS_DIR "/fixtures/check"

/* The two files of a hub that passes every error-level rule. */
#define CLEAN_HUB "unauthenticated.values.yaml", "enc-binder.secret.values.yaml"

#define DERIVED_CLEAN                                                                          \
	"checking as: unauthenticated hub (authenticator_class 'null'), provider aws (guessed "  \
	"from instance type 'r5.xlarge'), registry quay (from image_prefix), chart defaults "    \
	"(built-in, 9ad7cd0fc)\n"

#define BASE_URL_FINDING                                                                       \
	"base-url.values.yaml:4:17: error: binderhub-service.config.BinderHub.base_url is "      \
	"'/services/binder'; set it to '/' [BH040 binderhub-base-url]\n"

/* What check prints for broken.yaml, whose flow list never closes. */
#define BROKEN_PROBLEM "while parsing a flow sequence: did not find expected ',' or ']'"
#define BROKEN_ERROR                                                                           \
	"binderhub-gen: error: broken.yaml:3:1: " BROKEN_PROBLEM "; fix the YAML syntax there\n"
#define BROKEN_MESSAGE                                                                         \
	"invalid YAML: " BROKEN_PROBLEM "; fix the YAML syntax at this line ('yamllint "        \
	"broken.yaml' shows more); nothing else was checked, because helm layers all of the "   \
	"hub's values files together"

static void run_check(const char *const *argv, const char *const *env, struct cli_result *result)
{
	assert_int_equal(cli_run(argv, NULL, env, FIXTURES, result), 0);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("expected to find\n%s\nin\n%s", part, text);
}

/* Parse text, a JSON report, with the project's YAML loader, which reads JSON too. */
static struct tree_doc *parse_report(const char *text, size_t length)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	if (load_buffer(text, length, "stdout", NULL, &doc, &err) != LOAD_OK)
		fail_msg("standard output is not one JSON document (%s at %zu:%zu):\n%s", err.message,
			 err.mark.line, err.mark.column, text);
	return doc;
}

/* The scalar text at path below root, or NULL when there is none. */
static const char *text_at(const struct node *root, const char *path)
{
	const struct node *node = tree_get_path(root, path);

	if (!node || node->kind != NODE_SCALAR)
		return NULL;
	return node->as.scalar.value;
}

static const struct node *item_at(const struct node *root, const char *path, size_t index)
{
	const struct node *sequence = tree_get_path(root, path);

	assert_non_null(sequence);
	assert_int_equal(sequence->kind, NODE_SEQUENCE);
	assert_in_range(index, 0, sequence->as.sequence.count - 1);
	return sequence->as.sequence.items[index];
}

static size_t count_at(const struct node *root, const char *path)
{
	const struct node *sequence = tree_get_path(root, path);

	assert_non_null(sequence);
	assert_int_equal(sequence->kind, NODE_SEQUENCE);
	return sequence->as.sequence.count;
}

/* Run argv, expect exit status 2, no output and exactly message on stderr. */
static void assert_usage_error(const char *const *argv, const char *message)
{
	struct cli_result result;

	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, message);
	cli_result_release(&result);
}

/* ---- exit statuses and output ---- */

static void test_cmd_check_clean_hub_exits_zero(void **state)
{
	const char *argv[] = {"check", "--format", "text", CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, DERIVED_CLEAN "no findings in 2 files\n");
	assert_string_equal(result.err, "");
	cli_result_release(&result);
}

static void test_cmd_check_error_exits_one(void **state)
{
	const char *argv[] = {"check", "--format", "text", CLEAN_HUB, "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, DERIVED_CLEAN BASE_URL_FINDING "  fix:\n");
	assert_contains(result.out, "1 error in 3 files\n");
	assert_string_equal(result.err, "");
	cli_result_release(&result);
}

static void test_cmd_check_warning_exits_zero(void **state)
{
	const char *argv[] = {"check", "--format", "text", CLEAN_HUB, "open-builds.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "open-builds.values.yaml:4:22: warning: ");
	assert_contains(result.out, "[BH139 allowed-specs-set]\n");
	cli_result_release(&result);
}

static void test_cmd_check_strict_warning_exits_one(void **state)
{
	const char *argv[] = {"check", "--strict", CLEAN_HUB, "open-builds.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

static void test_cmd_check_stdin_file(void **state)
{
	const char *argv[] = {"check", "--format", "text", "-", "enc-binder.secret.values.yaml",
			      "base-url.values.yaml", NULL};
	char *text = fixture_read_file(FIXTURES "/unauthenticated.values.yaml", NULL);
	struct cli_result result;

	(void)state;
	assert_non_null(text);
	assert_int_equal(cli_run(argv, text, NULL, FIXTURES, &result), 0);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, BASE_URL_FINDING);
	assert_contains(result.out, "1 error in 3 files\n");
	free(text);
	cli_result_release(&result);
}

static void test_cmd_check_missing_value_points_at_null(void **state)
{
	const char *argv[] = {"check", "--format", "text", CLEAN_HUB, "null-base-url.values.yaml",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "null-base-url.values.yaml:5:17: error: ");
	assert_contains(result.out, "[BH040 binderhub-base-url]\n");
	cli_result_release(&result);
}

/* ---- what is derived ---- */

static void test_cmd_check_auth_option_in_summary(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--auth", CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_contains(result.out, "checking as: authenticated hub (--auth), ");
	/* Rules for authenticated hubs now run against a hub built without login. */
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

static void test_cmd_check_provider_and_namespace_in_summary(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--provider", "gcp", "--namespace",
			      "binder", CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_contains(result.out, ", provider gcp (--provider), ");
	assert_contains(result.out, ", namespace binder, chart defaults (built-in, 9ad7cd0fc)\n");
	cli_result_release(&result);
}

static void test_cmd_check_no_chart_values(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--no-chart-values", CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_contains(result.out, ", no chart defaults\n");
	/* Without the defaults the chart's ingress and binder service are missing. */
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "[BH067 binder-service-declared]");
	cli_result_release(&result);
}

static void test_cmd_check_chart_values_file(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--chart-values", "chart-values.yaml",
			      CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_contains(result.out, ", chart defaults (chart-values.yaml)\n");
	/* These defaults turn on a dask-gateway that lacks the pull secret. */
	assert_contains(result.out, "[BH157 dask-image-pull-secret]");
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

static void test_cmd_check_daskhub_reads_basehub_subtree(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--daskhub", "daskhub.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "daskhub.values.yaml:5:19: error: "
				    "binderhub-service.config.BinderHub.base_url is '/services/binder'");
	cli_result_release(&result);
}

/* ---- disable comments, --disable, --severity ---- */

static void test_cmd_check_pragma_above_key(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "pragma-key.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_null(strstr(result.out, "BH040"));
	cli_result_release(&result);
}

static void test_cmd_check_pragma_top_of_file(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "pragma-top.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_null(strstr(result.out, "BH040"));
	cli_result_release(&result);
}

static void test_cmd_check_pragma_typo_warns(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "pragma-typo.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "[BH040 binderhub-base-url]");
	assert_string_equal(result.err,
			    "binderhub-gen: warning: pragma-typo.values.yaml:4: unknown rule "
			    "'binderhub-base-ur' in this binderhub-gen comment; did you mean "
			    "'binderhub-base-url'?\n");
	cli_result_release(&result);
}

static void test_cmd_check_disable_by_code_and_name(void **state)
{
	const char *by_code[] = {"check", "--disable", "BH040", CLEAN_HUB, "base-url.values.yaml",
				 NULL};
	const char *by_name[] = {"check", "--disable=binderhub-base-url", CLEAN_HUB,
				 "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(by_code, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_null(strstr(result.out, "BH040"));
	cli_result_release(&result);
	run_check(by_name, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_null(strstr(result.out, "BH040"));
	cli_result_release(&result);
}

static void test_cmd_check_severity_lowers_error(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--severity", "BH040=warning", CLEAN_HUB,
			      "base-url.values.yaml", NULL};
	const char *strict[] = {"check", "--strict", "--severity", "bh040=WARNING", CLEAN_HUB,
				"base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "base-url.values.yaml:4:17: warning: ");
	cli_result_release(&result);
	run_check(strict, NULL, &result);
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

static void test_cmd_check_severity_raises_warning(void **state)
{
	const char *argv[] = {"check", "--severity", "allowed-specs-set=error", CLEAN_HUB,
			      "open-builds.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

/* The header pragma names an unknown rule, and the one at the end of the
 * base_url line is ignored, so BH040 is reported and both warned about. */
static void test_cmd_check_pragma_header_and_trailing(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "pragma-header-typo.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "[BH040 binderhub-base-url]");
	assert_contains(result.err, "binderhub-gen: warning: pragma-header-typo.values.yaml:1: "
				    "unknown rule 'BH04O' in this binderhub-gen comment");
	assert_contains(result.err, "binderhub-gen: warning: pragma-header-typo.values.yaml:6: a "
				    "binderhub-gen comment at the end of a line is ignored; put the "
				    "pragma on the line above the key\n");
	cli_result_release(&result);
}

static void test_cmd_check_disable_comma_list(void **state)
{
	const char *argv[] = {"check", "--disable", "BH139,binderhub-base-url", CLEAN_HUB,
			      "base-url.values.yaml", NULL};
	const char *empty[] = {"check", "--disable", "BH040,,BH139", CLEAN_HUB, NULL};
	const char *unknown[] = {"check", "--disable", "BH040,BH40", CLEAN_HUB, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_null(strstr(result.out, "BH040"));
	assert_string_equal(result.err, "");
	cli_result_release(&result);
	assert_usage_error(empty, "binderhub-gen: error: invalid value 'BH040,,BH139' for option "
				  "'--disable', which has an empty rule name; separate rules by "
				  "single commas, as in 'BH139,BH158'\n");
	assert_usage_error(unknown, "binderhub-gen: error: unknown rule 'BH40' in option "
				    "'--disable'; did you mean 'BH040' (binderhub-base-url)?\n");
}

static void test_cmd_check_severity_note_is_info(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--strict", "--severity",
			      "BH040=Note", CLEAN_HUB, "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "base-url.values.yaml:4:17: note: ");
	cli_result_release(&result);
}

/* ---- formats ---- */

static void test_cmd_check_format_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", CLEAN_HUB, "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "::error file=base-url.values.yaml,line=4,col=17,title=BH040 "
				    "binderhub-base-url::");
	cli_result_release(&result);
}

static void test_cmd_check_format_auto_under_actions(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "base-url.values.yaml", NULL};
	const char *env[] = {"GITHUB_ACTIONS=true", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, env, &result);
	assert_contains(result.out, "::error file=base-url.values.yaml,line=4,col=17,");
	cli_result_release(&result);
	run_check(argv, NULL, &result);
	assert_contains(result.out, BASE_URL_FINDING);
	cli_result_release(&result);
}

static void test_cmd_check_format_json(void **state)
{
	const char *argv[] = {"check", "--format=json", CLEAN_HUB, "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "\"rule\": \"BH040\"");
	assert_contains(result.out, "\"file\": \"base-url.values.yaml\"");
	assert_contains(result.out, "\"derived\": \"unauthenticated hub (authenticator_class 'null')");
	cli_result_release(&result);
}

static void test_cmd_check_color_always(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--color=always", CLEAN_HUB,
			      "base-url.values.yaml", NULL};
	const char *never[] = {"check", "--format", "text", "--color=never", CLEAN_HUB,
			       "base-url.values.yaml", NULL};
	/* Alone, --color means always and leaves the next word a file. */
	const char *alone[] = {"check", "--format", "text", "--color", "base-url.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_contains(result.out, "\033[");
	cli_result_release(&result);
	run_check(alone, NULL, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "\033[");
	assert_contains(result.out, "base-url.values.yaml");
	cli_result_release(&result);
	run_check(never, NULL, &result);
	assert_null(strstr(result.out, "\033["));
	cli_result_release(&result);
}

static void test_cmd_check_help(void **state)
{
	static const char *const options[] = {
		"--auth", "--no-auth", "--provider", "--namespace", "--daskhub", "--chart-values",
		"--no-chart-values", "--disable", "--severity", "--strict", "--format", "--color",
		"--help",
	};
	const char *argv[] = {"check", "--help", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.err, "");
	assert_contains(result.out, "Usage: binderhub-gen check [OPTION]... FILE...\n");
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		assert_contains(result.out, options[i]);
	assert_contains(result.out, "Exit status:\n");
	assert_contains(result.out, "  2   Usage error, a file that cannot be read or YAML that");
	cli_result_release(&result);
}

/* ---- errors: exit status 2 ---- */

static void test_cmd_check_no_file(void **state)
{
	const char *argv[] = {"check", "--strict", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: no values file given; run 'binderhub-gen "
				 "check FILE...' with the hub's values files in helm --values order\n");
}

static void test_cmd_check_missing_file(void **state)
{
	const char *argv[] = {"check", CLEAN_HUB, "missing.yaml", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: missing.yaml: cannot open: No such file or "
				 "directory; check the path and its permissions\n");
}

static void test_cmd_check_unparsable_file(void **state)
{
	const char *argv[] = {"check", "broken.yaml", NULL};

	(void)state;
	assert_usage_error(argv, BROKEN_ERROR);
}

/* ---- a file that does not load: exit status 2 and a report ---- */

static void test_cmd_check_unparsable_file_json(void **state)
{
	const char *argv[] = {"check", "--format", "json", CLEAN_HUB, "broken.yaml", NULL};
	struct cli_result result;
	const struct node *finding;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, BROKEN_ERROR);
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 1);
	finding = item_at(doc->root, "findings", 0);
	assert_string_equal(text_at(finding, "rule"), "BH007");
	assert_string_equal(text_at(finding, "severity"), "error");
	assert_string_equal(text_at(finding, "file"), "broken.yaml");
	assert_string_equal(text_at(finding, "line"), "3");
	assert_string_equal(text_at(finding, "column"), "1");
	assert_string_equal(text_at(finding, "message"), BROKEN_MESSAGE);
	assert_string_equal(text_at(doc->root, "summary.errors"), "1");
	assert_string_equal(text_at(doc->root, "summary.files"), "1");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_unparsable_file_sarif(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", CLEAN_HUB, "broken.yaml", NULL};
	struct cli_result result;
	const struct node *run, *invocation, *sarif_result, *location, *rule;
	struct tree_doc *doc;
	long rule_index;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, BROKEN_ERROR);
	doc = parse_report(result.out, result.out_length);
	run = item_at(doc->root, "runs", 0);

	invocation = item_at(run, "invocations", 0);
	assert_string_equal(text_at(invocation, "exitCode"), "2");
	assert_true(tree_is_false(tree_get_path(invocation, "executionSuccessful")));

	assert_int_equal(count_at(run, "results"), 1);
	sarif_result = item_at(run, "results", 0);
	assert_string_equal(text_at(sarif_result, "ruleId"), "BH007");
	assert_string_equal(text_at(sarif_result, "level"), "error");
	assert_string_equal(text_at(sarif_result, "message.text"), BROKEN_MESSAGE);
	location = item_at(sarif_result, "locations", 0);
	assert_string_equal(text_at(location, "physicalLocation.artifactLocation.uri"),
			    "broken.yaml");
	assert_string_equal(text_at(location, "physicalLocation.region.startLine"), "3");
	assert_string_equal(text_at(location, "physicalLocation.region.startColumn"), "1");

	/* ruleIndex must name the driver's BH007 descriptor, or viewers show another rule. */
	rule_index = strtol(text_at(sarif_result, "ruleIndex"), NULL, 10);
	rule = item_at(run, "tool.driver.rules", (size_t)rule_index);
	assert_string_equal(text_at(rule, "id"), "BH007");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_unparsable_file_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", CLEAN_HUB, "broken.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, BROKEN_ERROR);
	assert_string_equal(result.out, "::error file=broken.yaml,line=3,col=1,title=BH007 "
					"values-file-parses::" BROKEN_MESSAGE "\n"
					"1 error in 1 file\n");
	cli_result_release(&result);
}

/* The text format leaves the error to standard error alone, unless auto
 * picks the github format in a GitHub Actions step. */
static void test_cmd_check_unparsable_file_text_and_auto(void **state)
{
	const char *text[] = {"check", "--format", "text", CLEAN_HUB, "broken.yaml", NULL};
	const char *automatic[] = {"check", CLEAN_HUB, "broken.yaml", NULL};
	const char *env[] = {"GITHUB_ACTIONS=true", NULL};
	struct cli_result result;

	(void)state;
	run_check(text, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, BROKEN_ERROR);
	cli_result_release(&result);

	run_check(automatic, env, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, BROKEN_ERROR);
	assert_contains(result.out, "::error file=broken.yaml,line=3,col=1,title=BH007 ");
	cli_result_release(&result);
}

static void test_cmd_check_unreadable_file_json(void **state)
{
	const char *argv[] = {"check", "--format", "json", CLEAN_HUB, "missing.yaml", NULL};
	struct cli_result result;
	const struct node *finding;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, "binderhub-gen: error: missing.yaml: cannot open: No such "
					"file or directory; check the path and its permissions\n");
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 1);
	finding = item_at(doc->root, "findings", 0);
	assert_string_equal(text_at(finding, "rule"), "BH007");
	assert_string_equal(text_at(finding, "file"), "missing.yaml");
	/* The file has no line to point at. */
	assert_string_equal(text_at(finding, "line"), "0");
	assert_string_equal(text_at(finding, "column"), "0");
	assert_string_equal(text_at(finding, "message"),
			    "cannot open: No such file or directory; correct the path or make the "
			    "file readable; nothing else was checked, because helm layers all of the "
			    "hub's values files together");
	tree_doc_free(doc);
	cli_result_release(&result);
}

/* Standard input cannot be read again, so the message does not suggest yamllint. */
static void test_cmd_check_unparsable_stdin_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", CLEAN_HUB, "-", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(argv, "jupyterhub: [1, 2\n", NULL, FIXTURES, &result), 0);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, "binderhub-gen: error: stdin:2:1: " BROKEN_PROBLEM
					"; fix the YAML syntax there\n");
	assert_string_equal(result.out, "::error file=stdin,line=2,col=1,title=BH007 "
					"values-file-parses::invalid YAML: " BROKEN_PROBLEM "; fix "
					"the YAML syntax at this line; nothing else was checked, "
					"because helm layers all of the hub's values files together\n"
					"1 error in 1 file\n");
	cli_result_release(&result);
}

/* The finding reports why the run failed, so --disable and --severity of
 * BH007 leave it an error. */
static void test_cmd_check_unparsable_file_ignores_disable(void **state)
{
	const char *disabled[] = {"check", "--format", "json", "--disable", "BH007", "broken.yaml",
				  NULL};
	const char *lowered[] = {"check", "--format", "json", "--severity", "BH007=info",
				 "broken.yaml", NULL};
	const char *const *runs[] = {disabled, lowered};
	struct cli_result result;
	struct tree_doc *doc;

	(void)state;
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		run_check(runs[i], NULL, &result);
		assert_int_equal(result.status, 2);
		doc = parse_report(result.out, result.out_length);
		assert_int_equal(count_at(doc->root, "findings"), 1);
		assert_string_equal(text_at(item_at(doc->root, "findings", 0), "rule"), "BH007");
		assert_string_equal(text_at(item_at(doc->root, "findings", 0), "severity"), "error");
		tree_doc_free(doc);
		cli_result_release(&result);
	}
}

/* Chart defaults that do not parse stop the run as a values file does. */
static void test_cmd_check_unparsable_chart_values_json(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--chart-values", "broken.yaml",
			      CLEAN_HUB, NULL};
	struct cli_result result;
	const struct node *finding;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, NULL, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, BROKEN_ERROR);
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 1);
	finding = item_at(doc->root, "findings", 0);
	assert_string_equal(text_at(finding, "rule"), "BH007");
	assert_string_equal(text_at(finding, "file"), "broken.yaml");
	assert_string_equal(text_at(finding, "line"), "3");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_missing_chart_values(void **state)
{
	const char *argv[] = {"check", "--chart-values", "missing.yaml", CLEAN_HUB, NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: missing.yaml: cannot open: No such file or "
				 "directory; check the path and its permissions\n");
}

static void test_cmd_check_stdin_twice(void **state)
{
	const char *argv[] = {"check", "-", "-", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: standard input ('-') is given twice; it can "
				 "be read once\n");
}

static void test_cmd_check_unknown_rule_in_disable(void **state)
{
	const char *argv[] = {"check", "--disable", "BH40", CLEAN_HUB, NULL};
	const char *unknown[] = {"check", "--disable", "no-such-rule-at-all", CLEAN_HUB, NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: unknown rule 'BH40' in option '--disable'; "
				 "did you mean 'BH040' (binderhub-base-url)?\n");
	assert_usage_error(unknown, "binderhub-gen: error: unknown rule 'no-such-rule-at-all' in "
				    "option '--disable'; run 'binderhub-gen rules' to list them\n");
}

static void test_cmd_check_bad_severity(void **state)
{
	const char *no_level[] = {"check", "--severity", "BH040", CLEAN_HUB, NULL};
	const char *bad_level[] = {"check", "--severity", "BH040=fatal", CLEAN_HUB, NULL};
	const char *bad_rule[] = {"check", "--severity", "BH999=error", CLEAN_HUB, NULL};
	const char *twice[] = {"check", "--severity", "BH040=info", "--severity", "BH040=error",
			       CLEAN_HUB, NULL};

	(void)state;
	assert_usage_error(no_level, "binderhub-gen: error: invalid value 'BH040' for option "
				     "'--severity'; write RULE=LEVEL, for example '--severity "
				     "BH055=warning'\n");
	assert_usage_error(bad_level, "binderhub-gen: error: invalid level 'fatal' in option "
				      "'--severity BH040'; valid levels are error, warning, info (or "
				      "its synonym note)\n");
	assert_usage_error(bad_rule, "binderhub-gen: error: unknown rule 'BH999' in option "
				     "'--severity'; run 'binderhub-gen rules' to list them\n");
	assert_usage_error(twice, "binderhub-gen: error: option '--severity' gives rule BH040 two "
				  "levels, 'info' and 'error'; give one\n");
}

static void test_cmd_check_contradicting_options(void **state)
{
	const char *modes[] = {"check", "--auth", "--no-auth", CLEAN_HUB, NULL};
	const char *defaults[] = {"check", "--no-chart-values", "--chart-values", "x.yaml", CLEAN_HUB,
				  NULL};

	(void)state;
	assert_usage_error(modes, "binderhub-gen: error: options '--auth' and '--no-auth' "
				  "contradict each other; give one\n");
	assert_usage_error(defaults, "binderhub-gen: error: options '--chart-values' and "
				     "'--no-chart-values' contradict each other; give one\n");
}

static void test_cmd_check_bad_option_values(void **state)
{
	const char *format[] = {"check", "--format", "xml", CLEAN_HUB, NULL};
	const char *provider[] = {"check", "--provider", "moon", CLEAN_HUB, NULL};
	const char *namespace_name[] = {"check", "--namespace", "Bad_NS", CLEAN_HUB, NULL};
	const char *option[] = {"check", "--formt", "text", CLEAN_HUB, NULL};

	(void)state;
	assert_usage_error(format, "binderhub-gen: error: invalid value 'xml' for option '--format'; "
				   "valid values are text, json, github, sarif, auto\n");
	assert_usage_error(provider, "binderhub-gen: error: invalid value 'moon' for option "
				     "'--provider'; valid values are gcp, aws, azure, other\n");
	assert_usage_error(namespace_name,
			   "binderhub-gen: error: invalid value 'Bad_NS' for option '--namespace': "
			   "contains the upper-case letter 'B'; give the hub's Kubernetes namespace\n");
	assert_usage_error(option, "binderhub-gen: error: unknown option '--formt'; did you mean "
				   "'--format'?\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_check_clean_hub_exits_zero),
		cmocka_unit_test(test_cmd_check_error_exits_one),
		cmocka_unit_test(test_cmd_check_warning_exits_zero),
		cmocka_unit_test(test_cmd_check_strict_warning_exits_one),
		cmocka_unit_test(test_cmd_check_stdin_file),
		cmocka_unit_test(test_cmd_check_missing_value_points_at_null),
		cmocka_unit_test(test_cmd_check_auth_option_in_summary),
		cmocka_unit_test(test_cmd_check_provider_and_namespace_in_summary),
		cmocka_unit_test(test_cmd_check_no_chart_values),
		cmocka_unit_test(test_cmd_check_chart_values_file),
		cmocka_unit_test(test_cmd_check_daskhub_reads_basehub_subtree),
		cmocka_unit_test(test_cmd_check_pragma_above_key),
		cmocka_unit_test(test_cmd_check_pragma_top_of_file),
		cmocka_unit_test(test_cmd_check_pragma_typo_warns),
		cmocka_unit_test(test_cmd_check_pragma_header_and_trailing),
		cmocka_unit_test(test_cmd_check_disable_comma_list),
		cmocka_unit_test(test_cmd_check_severity_note_is_info),
		cmocka_unit_test(test_cmd_check_disable_by_code_and_name),
		cmocka_unit_test(test_cmd_check_severity_lowers_error),
		cmocka_unit_test(test_cmd_check_severity_raises_warning),
		cmocka_unit_test(test_cmd_check_format_github),
		cmocka_unit_test(test_cmd_check_format_auto_under_actions),
		cmocka_unit_test(test_cmd_check_format_json),
		cmocka_unit_test(test_cmd_check_color_always),
		cmocka_unit_test(test_cmd_check_help),
		cmocka_unit_test(test_cmd_check_no_file),
		cmocka_unit_test(test_cmd_check_missing_file),
		cmocka_unit_test(test_cmd_check_unparsable_file),
		cmocka_unit_test(test_cmd_check_unparsable_file_json),
		cmocka_unit_test(test_cmd_check_unparsable_file_sarif),
		cmocka_unit_test(test_cmd_check_unparsable_file_github),
		cmocka_unit_test(test_cmd_check_unparsable_file_text_and_auto),
		cmocka_unit_test(test_cmd_check_unreadable_file_json),
		cmocka_unit_test(test_cmd_check_unparsable_stdin_github),
		cmocka_unit_test(test_cmd_check_unparsable_file_ignores_disable),
		cmocka_unit_test(test_cmd_check_unparsable_chart_values_json),
		cmocka_unit_test(test_cmd_check_missing_chart_values),
		cmocka_unit_test(test_cmd_check_stdin_twice),
		cmocka_unit_test(test_cmd_check_unknown_rule_in_disable),
		cmocka_unit_test(test_cmd_check_bad_severity),
		cmocka_unit_test(test_cmd_check_contradicting_options),
		cmocka_unit_test(test_cmd_check_bad_option_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
