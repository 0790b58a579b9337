/*
 * End-to-end tests of `binderhub-gen check` on several hubs at once: which
 * hubs --all-hubs and --repo select, BH007 findings for files of a cluster
 * that do not load, the per-hub parts of the json, sarif, github and text
 * reports, and --deployer-values with a render made for another hub.
 *
 * The tests run in tests/fixtures/hubs2, a small checkout of the
 * infrastructure repository.  Its cluster orchard (aws) has a hub without
 * BinderHub (plain), two BinderHub hubs whose UI is off (off) or misspelt
 * (typo) and that layer the same secret file with two plaintext leaves,
 * and a hub that only names jupyterhub.custom.binderhubUI (mention).
 * broken/ is a checkout of its own with a cluster.yaml that lists a missing
 * values file (gap) and one that does not parse (cracked).  rendered/ holds
 * deployer layers rendered by hand for hub off.
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
#include "load.h"
#include "tree.h"

#define FIXTURES BHG_TESTS_DIR "/fixtures/hubs2"

#define ORCHARD "config/clusters/orchard/cluster.yaml"
#define GAP "broken/config/clusters/gap/cluster.yaml"
#define CRACKED "broken/config/clusters/cracked/cluster.yaml"
#define SHARED_SECRET "config/clusters/orchard/enc-shared.secret.values.yaml"

#define SKIPPED_PLAIN                                                                          \
	"skipped hub plain: not a binderhub-ui hub (binderhub-service and binderhubUI are off)\n"

#define GAP_ERROR                                                                              \
	"binderhub-gen: error: " GAP ":10:5: hub 'binder': values file "                         \
	"'enc-binder.secret.values.yaml' not found at "                                         \
	"'broken/config/clusters/gap/enc-binder.secret.values.yaml'; correct its name in "       \
	"helm_chart_values_files or create the file\n"
#define GAP_MESSAGE                                                                            \
	"hub 'binder': values file 'enc-binder.secret.values.yaml' not found at "              \
	"'broken/config/clusters/gap/enc-binder.secret.values.yaml'; correct its name in "       \
	"helm_chart_values_files or create the file; nothing else of hub 'binder' was checked, " \
	"because helm layers all of its values files together"

#define CRACKED_ERROR                                                                          \
	"binderhub-gen: error: " CRACKED ":7:13: while parsing a flow sequence: did not find "   \
	"expected ',' or ']'; fix the YAML syntax there\n"
#define CRACKED_MESSAGE                                                                        \
	"while parsing a flow sequence: did not find expected ',' or ']'; fix the YAML syntax "  \
	"there; no hub of this cluster.yaml was checked"

#define DERIVED_OFF                                                                            \
	"unauthenticated hub (authenticator_class 'null'), provider aws (from cluster.yaml), "   \
	"registry quay (from image_prefix), namespace off, chart defaults "                      \
	"(helm-charts/basehub/values.yaml), deployer layer (emulated from cluster.yaml)"

/* ---- helpers ---- */

static void run_check(const char *const *argv, struct cli_result *result)
{
	assert_int_equal(cli_run(argv, NULL, NULL, FIXTURES, result), 0);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("expected to find\n%s\nin\n%s", part, text);
}

static void assert_lacks(const char *text, const char *part)
{
	if (strstr(text, part))
		fail_msg("did not expect to find\n%s\nin\n%s", part, text);
}

static size_t count_of(const char *text, const char *part)
{
	size_t count = 0;

	for (const char *found = strstr(text, part); found; found = strstr(found + 1, part))
		count++;
	return count;
}

/* True when line, which ends with a newline, is one whole line of text. */
static bool has_line(const char *text, const char *line)
{
	for (const char *found = strstr(text, line); found; found = strstr(found + 1, line))
		if (found == text || found[-1] == '\n')
			return true;
	return false;
}

static void assert_has_line(const char *text, const char *line)
{
	if (!has_line(text, line))
		fail_msg("expected the line\n%s\nin\n%s", line, text);
}

/* The last line of text without its newline, in buffer. */
static const char *last_line(const char *text, char *buffer, size_t size)
{
	size_t length = strlen(text);
	const char *start;

	if (length > 0 && text[length - 1] == '\n')
		length--;
	start = text + length;
	while (start > text && start[-1] != '\n')
		start--;
	snprintf(buffer, size, "%.*s", (int)(length - (size_t)(start - text)), start);
	return buffer;
}

/* Parse text, a JSON or SARIF report, with the project's YAML loader, which reads JSON too. */
static struct tree_doc *parse_report(const char *text, size_t length)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	if (load_buffer(text, length, "stdout", NULL, &doc, &err) != LOAD_OK)
		fail_msg("standard output is not one JSON document (%s at %zu:%zu):\n%s", err.message,
			 err.mark.line, err.mark.column, text);
	return doc;
}

/*
 * The node at a dotted path below root, where a segment of digits indexes a
 * sequence ("runs.0.results"), which tree_get_path() does not do.  Keys of
 * the reports have no dots, so no escapes are needed.  NULL when a step is
 * missing.
 */
static const struct node *node_at(const struct node *root, const char *path)
{
	const struct node *node = root;
	const char *segment = path;

	while (node && *segment) {
		const char *end = strchr(segment, '.');
		size_t length = end ? (size_t)(end - segment) : strlen(segment);
		char key[128];

		snprintf(key, sizeof(key), "%.*s", (int)length, segment);
		if (node->kind == NODE_SEQUENCE && strspn(key, "0123456789") == length) {
			size_t index = strtoul(key, NULL, 10);

			node = index < node->as.sequence.count ? node->as.sequence.items[index]
							       : NULL;
		} else if (node->kind == NODE_MAPPING) {
			node = tree_mapping_get(node, key);
		} else {
			node = NULL;
		}
		segment = end ? end + 1 : segment + length;
	}
	return node;
}

/* The scalar text at path below root, or NULL when there is none. */
static const char *text_at(const struct node *root, const char *path)
{
	const struct node *node = node_at(root, path);

	if (!node || node->kind != NODE_SCALAR)
		return NULL;
	return node->as.scalar.value;
}

static void assert_text_at(const struct node *root, const char *path, const char *expected)
{
	const char *text = text_at(root, path);

	if (!text)
		fail_msg("expected '%s' at %s, found no scalar", expected, path);
	assert_string_equal(text, expected);
}

/* Fail unless path below root is present and JSON null. */
static void assert_null_at(const struct node *root, const char *path)
{
	const struct node *node = node_at(root, path);

	if (!node)
		fail_msg("expected null at %s, found nothing", path);
	if (!tree_is_null(node))
		fail_msg("expected null at %s, found '%s'", path,
			 node->kind == NODE_SCALAR ? node->as.scalar.value : "(not a scalar)");
}

static size_t count_at(const struct node *root, const char *path)
{
	const struct node *sequence = node_at(root, path);

	assert_non_null(sequence);
	assert_int_equal(sequence->kind, NODE_SEQUENCE);
	return sequence->as.sequence.count;
}

static const struct node *item_at(const struct node *root, const char *path, size_t index)
{
	assert_in_range(index, 0, count_at(root, path) - 1);
	return node_at(root, path)->as.sequence.items[index];
}

/* Number of items of the list at path whose scalars at key1 and key2 are value1 and value2
 * (key2 NULL: key1 alone decides). */
static size_t count_items_with(const struct node *root, const char *path, const char *key1,
			       const char *value1, const char *key2, const char *value2)
{
	size_t matches = 0;

	for (size_t i = 0; i < count_at(root, path); i++) {
		const struct node *item = item_at(root, path, i);
		const char *text1 = text_at(item, key1);
		const char *text2 = key2 ? text_at(item, key2) : NULL;

		if (text1 && strcmp(text1, value1) == 0 &&
		    (!key2 || (text2 && strcmp(text2, value2) == 0)))
			matches++;
	}
	return matches;
}

/* The only item of the list at path whose scalars at key1 and key2 are value1 and value2. */
static const struct node *only_item_with(const struct node *root, const char *path,
					 const char *key1, const char *value1, const char *key2,
					 const char *value2)
{
	size_t matches = count_items_with(root, path, key1, value1, key2, value2);

	if (matches != 1)
		fail_msg("expected one item of %s with %s '%s' and %s '%s', found %zu", path, key1,
			 value1, key2 ? key2 : "-", value2 ? value2 : "-", matches);
	for (size_t i = 0; i < count_at(root, path); i++) {
		const struct node *item = item_at(root, path, i);
		const char *text1 = text_at(item, key1);
		const char *text2 = key2 ? text_at(item, key2) : NULL;

		if (text1 && strcmp(text1, value1) == 0 &&
		    (!key2 || (text2 && strcmp(text2, value2) == 0)))
			return item;
	}
	return NULL;
}

/* The SARIF results at locations[0] of file and startLine line. */
static size_t count_sarif_results_at(const struct node *log, const char *file, const char *line)
{
	size_t matches = 0;

	for (size_t i = 0; i < count_at(log, "runs.0.results"); i++) {
		const struct node *result = item_at(log, "runs.0.results", i);
		const char *uri =
			text_at(result, "locations.0.physicalLocation.artifactLocation.uri");
		const char *start =
			text_at(result, "locations.0.physicalLocation.region.startLine");

		if (uri && start && strcmp(uri, file) == 0 && strcmp(start, line) == 0)
			matches++;
	}
	return matches;
}

/* ---- hub selection ---- */

static void test_cmd_check_hubs_all_hubs_selects_ui_hubs(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	doc = parse_report(result.out, result.out_length);

	/* In cluster.yaml order, plain left out. */
	assert_int_equal(count_at(doc->root, "hubs"), 3);
	assert_text_at(doc->root, "hubs.0.name", "off");
	assert_text_at(doc->root, "hubs.1.name", "typo");
	assert_text_at(doc->root, "hubs.2.name", "mention");
	assert_int_equal(count_items_with(doc->root, "findings", "hub", "plain", NULL, NULL), 0);
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_all_hubs_reports_bh001(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *finding;

	(void)state;
	run_check(argv, &result);
	doc = parse_report(result.out, result.out_length);

	/* UI turned off although binderhub-service is on. */
	finding = only_item_with(doc->root, "findings", "rule", "BH001", "hub", "off");
	assert_text_at(finding, "file", "config/clusters/orchard/off.values.yaml");
	assert_text_at(finding, "line", "5");
	assert_text_at(finding, "column", "16");

	/* binderhubUi misspelt, so the UI is missing. */
	finding = only_item_with(doc->root, "findings", "rule", "BH001", "hub", "typo");
	assert_text_at(finding, "file", "config/clusters/orchard/typo.values.yaml");
	assert_text_at(finding, "line", "3");

	/* Only names binderhubUI, with binderhub-service off. */
	finding = only_item_with(doc->root, "findings", "rule", "BH001", "hub", "mention");
	assert_text_at(finding, "file", "config/clusters/orchard/mention.values.yaml");
	assert_text_at(finding, "line", "6");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_all_hubs_names_skipped_hub(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	/* The text format writes the hub lines to stdout, so stderr has the skip alone. */
	assert_string_equal(result.err, SKIPPED_PLAIN);
	assert_has_line(result.out, "hub off: 3 errors, 0 warnings, 0 infos\n");
	assert_has_line(result.out, "hub typo: 3 errors, 0 warnings, 0 infos\n");
	assert_contains(result.out, "\nhub mention: ");
	assert_lacks(result.out, "hub plain");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_repo_skipped_line_names_cluster(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--repo", ".", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_string_equal(result.err, "orchard: " SKIPPED_PLAIN);
	assert_has_line(result.out, "orchard: hub off: 3 errors, 0 warnings, 0 infos\n");
	assert_has_line(result.out, "orchard: hub typo: 3 errors, 0 warnings, 0 infos\n");
	assert_contains(result.out, "\norchard: hub mention: ");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_repo_json_hub_lines_on_stderr(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--repo", ".", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_has_line(result.err, "orchard: " SKIPPED_PLAIN);
	assert_has_line(result.err, "orchard: hub off: 3 errors, 0 warnings, 0 infos\n");
	assert_has_line(result.err, "orchard: hub typo: 3 errors, 0 warnings, 0 infos\n");
	assert_lacks(result.err, "orchard: hub plain:");
	cli_result_release(&result);
}

/* ---- BH007 for files of a cluster that do not load ---- */

static void assert_gap_json(const char *const *argv, const char *expected_err)
{
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *finding;

	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, expected_err);
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 1);
	finding = item_at(doc->root, "findings", 0);
	assert_text_at(finding, "rule", "BH007");
	assert_text_at(finding, "severity", "error");
	assert_text_at(finding, "file", GAP);
	/* The line of helm_chart_values_files that lists the missing file. */
	assert_text_at(finding, "line", "10");
	assert_text_at(finding, "column", "5");
	assert_text_at(finding, "message", GAP_MESSAGE);
	assert_text_at(finding, "hub", "binder");
	assert_text_at(finding, "cluster", "gap");
	assert_text_at(doc->root, "hubs.0.name", "binder");
	assert_null_at(doc->root, "hubs.0.derived");
	assert_text_at(doc->root, "summary.errors", "1");
	assert_text_at(doc->root, "summary.files", "1");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_missing_file_json_all_hubs(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", GAP, "--all-hubs",
			      NULL};

	(void)state;
	assert_gap_json(argv, GAP_ERROR "hub binder: 1 error, 0 warnings, 0 infos\n");
}

static void test_cmd_check_hubs_missing_file_json_one_hub(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", GAP, "--hub",
			      "binder", NULL};

	(void)state;
	assert_gap_json(argv, GAP_ERROR);
}

static void test_cmd_check_hubs_missing_file_sarif(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--cluster-file", GAP, "--all-hubs",
			      NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *sarif_result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_contains(result.err, GAP_ERROR);
	doc = parse_report(result.out, result.out_length);
	assert_text_at(doc->root, "runs.0.invocations.0.executionSuccessful", "false");
	assert_text_at(doc->root, "runs.0.invocations.0.exitCode", "2");
	assert_int_equal(count_at(doc->root, "runs.0.results"), 1);
	sarif_result = item_at(doc->root, "runs.0.results", 0);
	assert_text_at(sarif_result, "ruleId", "BH007");
	assert_text_at(sarif_result, "locations.0.physicalLocation.artifactLocation.uri", GAP);
	assert_text_at(sarif_result, "locations.0.physicalLocation.region.startLine", "10");
	assert_text_at(sarif_result, "locations.0.physicalLocation.region.startColumn", "5");
	assert_text_at(sarif_result, "message.text", GAP_MESSAGE);
	assert_text_at(sarif_result, "properties.hub", "binder");
	assert_text_at(sarif_result, "properties.cluster", "gap");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_missing_file_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", "--cluster-file", GAP, "--all-hubs",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, GAP_ERROR "hub binder: 1 error, 0 warnings, 0 infos\n");
	assert_string_equal(result.out, "::error file=" GAP ",line=10,col=5,title=BH007 "
					"values-file-parses::" GAP_MESSAGE "\n"
					"1 error in 1 file\n");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_unparsable_cluster_json(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", CRACKED,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *finding;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR);
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 1);
	finding = item_at(doc->root, "findings", 0);
	assert_text_at(finding, "rule", "BH007");
	assert_text_at(finding, "file", CRACKED);
	/* The parse error's own line and column, not the file's start. */
	assert_text_at(finding, "line", "7");
	assert_text_at(finding, "column", "13");
	assert_text_at(finding, "message", CRACKED_MESSAGE);
	/* The cluster.yaml did not parse, so no hub or cluster name is known. */
	assert_null_at(finding, "hub");
	assert_null_at(finding, "cluster");
	assert_text_at(doc->root, "summary.errors", "1");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_unparsable_cluster_sarif(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--cluster-file", CRACKED,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *sarif_result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR);
	doc = parse_report(result.out, result.out_length);
	assert_text_at(doc->root, "runs.0.invocations.0.executionSuccessful", "false");
	assert_int_equal(count_at(doc->root, "runs.0.results"), 1);
	sarif_result = item_at(doc->root, "runs.0.results", 0);
	assert_text_at(sarif_result, "ruleId", "BH007");
	assert_text_at(sarif_result, "locations.0.physicalLocation.artifactLocation.uri",
		       CRACKED);
	assert_text_at(sarif_result, "locations.0.physicalLocation.region.startLine", "7");
	assert_text_at(sarif_result, "locations.0.physicalLocation.region.startColumn", "13");
	assert_text_at(sarif_result, "message.text", CRACKED_MESSAGE);
	/* A finding of no hub has no property bag. */
	assert_null(node_at(sarif_result, "properties"));
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_unparsable_cluster_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", "--cluster-file", CRACKED,
			      "--all-hubs", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR);
	assert_string_equal(result.out, "::error file=" CRACKED ",line=7,col=13,title=BH007 "
					"values-file-parses::" CRACKED_MESSAGE "\n"
					"1 error in 1 file\n");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_unloadable_text_only_stderr(void **state)
{
	const char *gap_argv[] = {"check", "--format", "text", "--cluster-file", GAP,
				  "--all-hubs", NULL};
	const char *cracked_argv[] = {"check", "--format", "text", "--cluster-file", CRACKED,
				      "--all-hubs", NULL};
	struct cli_result result;

	(void)state;
	run_check(gap_argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, GAP_ERROR);
	cli_result_release(&result);

	run_check(cracked_argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, CRACKED_ERROR);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_repo_reports_both_unloadable(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--repo", "broken", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *finding;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_contains(result.err, CRACKED_ERROR);
	assert_contains(result.err, GAP_ERROR);
	assert_has_line(result.err, "gap: hub binder: 1 error, 0 warnings, 0 infos\n");
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 2);
	finding = only_item_with(doc->root, "findings", "file", CRACKED, NULL, NULL);
	assert_text_at(finding, "rule", "BH007");
	assert_text_at(finding, "line", "7");
	assert_text_at(finding, "column", "13");
	finding = only_item_with(doc->root, "findings", "file", GAP, NULL, NULL);
	assert_text_at(finding, "rule", "BH007");
	assert_text_at(finding, "line", "10");
	assert_text_at(finding, "cluster", "gap");
	assert_text_at(doc->root, "summary.errors", "2");
	assert_text_at(doc->root, "summary.files", "2");
	tree_doc_free(doc);
	cli_result_release(&result);
}

/* ---- per-hub reports ---- */

static void test_cmd_check_hubs_json_findings_name_hub(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--repo", ".", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	size_t count;

	(void)state;
	run_check(argv, &result);
	doc = parse_report(result.out, result.out_length);
	count = count_at(doc->root, "findings");
	assert_true(count > 0);
	for (size_t i = 0; i < count; i++) {
		const struct node *finding = item_at(doc->root, "findings", i);
		const char *hub = text_at(finding, "hub");

		assert_non_null(hub);
		if (strcmp(hub, "off") != 0 && strcmp(hub, "typo") != 0 &&
		    strcmp(hub, "mention") != 0)
			fail_msg("finding %zu has hub '%s'", i, hub);
		assert_text_at(finding, "cluster", "orchard");
	}
	/* json lists a finding of the shared file for each hub that layers it. */
	assert_int_equal(count_items_with(doc->root, "findings", "file", SHARED_SECRET, "hub",
					  "off"),
			 2);
	assert_int_equal(count_items_with(doc->root, "findings", "file", SHARED_SECRET, "hub",
					  "typo"),
			 2);
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_json_files_mode_has_null_hub(void **state)
{
	const char *argv[] = {"check", "--format", "json", "config/clusters/orchard/off.values.yaml",
			      NULL};
	struct cli_result result;
	struct tree_doc *doc;
	size_t count;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	doc = parse_report(result.out, result.out_length);
	count = count_at(doc->root, "findings");
	assert_true(count > 0);
	for (size_t i = 0; i < count; i++) {
		const struct node *finding = item_at(doc->root, "findings", i);

		assert_null_at(finding, "hub");
		assert_null_at(finding, "cluster");
	}
	assert_int_equal(count_at(doc->root, "hubs"), 1);
	assert_null_at(doc->root, "hubs.0.name");
	assert_null_at(doc->root, "hubs.0.cluster");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_json_hubs_array(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *hub;

	(void)state;
	run_check(argv, &result);
	doc = parse_report(result.out, result.out_length);
	/* With several hubs the top-level derived is null and each hub has its own. */
	assert_null_at(doc->root, "derived");

	hub = only_item_with(doc->root, "hubs", "name", "off", NULL, NULL);
	assert_text_at(hub, "cluster", "orchard");
	assert_text_at(hub, "derived", DERIVED_OFF);
	assert_text_at(hub, "summary.errors", "3");
	assert_text_at(hub, "summary.warnings", "0");
	assert_text_at(hub, "summary.infos", "0");
	/* common, off and the shared secret file. */
	assert_text_at(hub, "summary.files", "3");

	hub = only_item_with(doc->root, "hubs", "name", "mention", NULL, NULL);
	assert_text_at(hub, "cluster", "orchard");
	assert_contains(text_at(hub, "derived"), "namespace mention");
	assert_text_at(hub, "summary.errors", "25");
	assert_text_at(hub, "summary.files", "1");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_derived_matches_text(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", ORCHARD, "--hub",
			      "off", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_true(strncmp(result.out, "checking as: " DERIVED_OFF "\n",
			    strlen("checking as: " DERIVED_OFF "\n")) == 0);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_summary_counts_shared_once(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	size_t hub_errors = 0;
	size_t hub_files = 0;

	(void)state;
	run_check(argv, &result);
	doc = parse_report(result.out, result.out_length);
	for (size_t i = 0; i < count_at(doc->root, "hubs"); i++) {
		const struct node *hub = item_at(doc->root, "hubs", i);

		hub_errors += strtoul(text_at(hub, "summary.errors"), NULL, 10);
		hub_files += strtoul(text_at(hub, "summary.files"), NULL, 10);
	}
	/* Hubs off and typo each count the two BH172 errors of the shared file. */
	assert_int_equal(hub_errors, 31);
	assert_text_at(doc->root, "summary.errors", "29");
	assert_text_at(doc->root, "summary.warnings", "9");
	assert_text_at(doc->root, "summary.infos", "2");
	/* common and the shared secret file belong to two hubs each. */
	assert_int_equal(hub_files, 7);
	assert_text_at(doc->root, "summary.files", "5");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_sarif_shared_finding_once(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--repo", ".", NULL};
	struct cli_result result;
	struct tree_doc *doc;
	const struct node *bag;
	const struct node *sarif_result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	doc = parse_report(result.out, result.out_length);
	assert_text_at(doc->root, "runs.0.invocations.0.executionSuccessful", "true");
	/* 42 findings in json, less the 2 that hub typo repeats. */
	assert_int_equal(count_at(doc->root, "runs.0.results"), 40);
	assert_int_equal(count_sarif_results_at(doc->root, SHARED_SECRET, "7"), 1);
	assert_int_equal(count_sarif_results_at(doc->root, SHARED_SECRET, "8"), 1);

	sarif_result = only_item_with(doc->root, "runs.0.results",
				      "locations.0.physicalLocation.region.startLine", "7",
				      "locations.0.physicalLocation.artifactLocation.uri",
				      SHARED_SECRET);
	assert_text_at(sarif_result, "ruleId", "BH172");
	assert_text_at(sarif_result, "properties.hub", "off");
	assert_text_at(sarif_result, "properties.cluster", "orchard");
	assert_int_equal(count_at(sarif_result, "properties.hubs"), 2);
	assert_text_at(sarif_result, "properties.hubs.0", "orchard/off");
	assert_text_at(sarif_result, "properties.hubs.1", "orchard/typo");

	/* A finding of one hub names it, without a hubs list. */
	sarif_result = only_item_with(doc->root, "runs.0.results", "ruleId", "BH001",
				      "locations.0.physicalLocation.artifactLocation.uri",
				      "config/clusters/orchard/typo.values.yaml");
	bag = node_at(sarif_result, "properties");
	assert_non_null(bag);
	assert_text_at(bag, "hub", "typo");
	assert_text_at(bag, "cluster", "orchard");
	assert_null(node_at(bag, "hubs"));
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_hubs_sarif_files_mode_no_properties(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "config/clusters/orchard/off.values.yaml",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_lacks(result.out, "\"properties\": {\"hub\"");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_github_shared_finding_once(void **state)
{
	const char *argv[] = {"check", "--format", "github", "--repo", ".", NULL};
	struct cli_result result;
	char line[256];

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_int_equal(count_of(result.out, "::error file=" SHARED_SECRET ",line=7,col=15,"), 1);
	assert_int_equal(count_of(result.out, "::error file=" SHARED_SECRET ",line=8,col=15,"), 1);
	/* Each hub's own BH001 stays. */
	assert_int_equal(count_of(result.out, "title=BH001 binderhub-ui-enabled::"), 3);
	assert_int_equal(count_of(result.out, "::error "), 29);
	assert_string_equal(last_line(result.out, line, sizeof(line)),
			    "29 errors, 9 warnings, 2 infos in 5 files");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_text_ends_with_all_hubs(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", ORCHARD,
			      "--all-hubs", NULL};
	struct cli_result result;
	char line[256];

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	/* Each hub's part is whole, so the shared finding is written for both hubs. */
	assert_int_equal(count_of(result.out, SHARED_SECRET ":7:15: error:"), 2);
	assert_int_equal(count_of(result.out, "checking as: "), 3);
	assert_contains(result.out, "checking as: " DERIVED_OFF "\n");
	assert_has_line(result.out, "3 errors in 3 files\n");
	assert_string_equal(last_line(result.out, line, sizeof(line)),
			    "all hubs: 29 errors, 9 warnings, 2 infos in 5 files");
	cli_result_release(&result);
}

/* ---- --deployer-values of another hub ---- */

static void test_cmd_check_hubs_render_of_other_hub_by_selector(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", ORCHARD, "--hub",
			      "typo", "--deployer-values", "rendered/orchard-off.values.jsonnet.yaml",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err,
			    "binderhub-gen: error: rendered/orchard-off.values.jsonnet.yaml:6:22: "
			    "the file of option '--deployer-values' was rendered for hub 'off', "
			    "not for hub 'typo' of option '--hub'; render "
			    "helm-charts/basehub/values.jsonnet for hub 'typo' or leave the option "
			    "out\n");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_render_of_other_hub_by_api_url(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", ORCHARD, "--hub",
			      "typo", "--deployer-values",
			      "rendered/orchard-off-api-url.values.jsonnet.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	/* A usage error, not a finding: no report even for json. */
	assert_string_equal(result.out, "");
	assert_string_equal(result.err,
			    "binderhub-gen: error: rendered/orchard-off-api-url.values.jsonnet.yaml:"
			    "5:12: the file of option '--deployer-values' was rendered for hub "
			    "'off', not for hub 'typo' of option '--hub'; render "
			    "helm-charts/basehub/values.jsonnet for hub 'typo' or leave the option "
			    "out\n");
	cli_result_release(&result);
}

static void test_cmd_check_hubs_render_of_same_hub_accepted(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", ORCHARD, "--hub",
			      "off", "--deployer-values", "rendered/orchard-off.values.jsonnet.yaml",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_lacks(result.err, "rendered for hub");
	assert_contains(result.out,
			"deployer layer (rendered/orchard-off.values.jsonnet.yaml)\n");
	assert_contains(result.out, "[BH001 binderhub-ui-enabled]");
	cli_result_release(&result);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_check_hubs_all_hubs_selects_ui_hubs),
		cmocka_unit_test(test_cmd_check_hubs_all_hubs_reports_bh001),
		cmocka_unit_test(test_cmd_check_hubs_all_hubs_names_skipped_hub),
		cmocka_unit_test(test_cmd_check_hubs_repo_skipped_line_names_cluster),
		cmocka_unit_test(test_cmd_check_hubs_repo_json_hub_lines_on_stderr),
		cmocka_unit_test(test_cmd_check_hubs_missing_file_json_all_hubs),
		cmocka_unit_test(test_cmd_check_hubs_missing_file_json_one_hub),
		cmocka_unit_test(test_cmd_check_hubs_missing_file_sarif),
		cmocka_unit_test(test_cmd_check_hubs_missing_file_github),
		cmocka_unit_test(test_cmd_check_hubs_unparsable_cluster_json),
		cmocka_unit_test(test_cmd_check_hubs_unparsable_cluster_sarif),
		cmocka_unit_test(test_cmd_check_hubs_unparsable_cluster_github),
		cmocka_unit_test(test_cmd_check_hubs_unloadable_text_only_stderr),
		cmocka_unit_test(test_cmd_check_hubs_repo_reports_both_unloadable),
		cmocka_unit_test(test_cmd_check_hubs_json_findings_name_hub),
		cmocka_unit_test(test_cmd_check_hubs_json_files_mode_has_null_hub),
		cmocka_unit_test(test_cmd_check_hubs_json_hubs_array),
		cmocka_unit_test(test_cmd_check_hubs_derived_matches_text),
		cmocka_unit_test(test_cmd_check_hubs_summary_counts_shared_once),
		cmocka_unit_test(test_cmd_check_hubs_sarif_shared_finding_once),
		cmocka_unit_test(test_cmd_check_hubs_sarif_files_mode_no_properties),
		cmocka_unit_test(test_cmd_check_hubs_github_shared_finding_once),
		cmocka_unit_test(test_cmd_check_hubs_text_ends_with_all_hubs),
		cmocka_unit_test(test_cmd_check_hubs_render_of_other_hub_by_selector),
		cmocka_unit_test(test_cmd_check_hubs_render_of_other_hub_by_api_url),
		cmocka_unit_test(test_cmd_check_hubs_render_of_same_hub_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
