/*
 * End-to-end tests of `binderhub-gen check` on hubs where they live.  They
 * cover a cluster.yaml with --hub or --all-hubs, a whole checkout with
 * --repo, the deployer's layer (emulated, rendered or left out), the
 * checkout's chart defaults, sops-encrypted and plaintext secret files, and
 * every usage error of these options.
 *
 * The tests run in tests/fixtures/hubs, a small checkout of the
 * infrastructure repository: config/clusters/skyline (aws) has a hub without
 * BinderHub (staging), a clean binderhub-ui hub whose JupyterHub ingress only
 * the deployer's layer sets (binder), a hub with a registry password in a
 * plain file (leaky) and one with a plaintext leaf in its secret file
 * (halfenc); config/clusters/meadow (gcp) has a clean hub on the daskhub
 * chart (dask).  Folders outside config/clusters hold clusters that --repo
 * must not see: broken ones, one on a kubeconfig provider and one without a
 * binderhub-ui hub.  broken/checkout is a checkout of its own, whose cluster
 * pond has a hub with a values file that does not parse (cracked) before a
 * clean hub that reuses skyline's files (binder).
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

#define FIXTURES BHG_TESTS_DIR "/fixtures/hubs"

#define SKYLINE "config/clusters/skyline/cluster.yaml"
#define MEADOW "config/clusters/meadow/cluster.yaml"

#define POND_CHECKOUT "broken/checkout"
#define POND POND_CHECKOUT "/config/clusters/pond/cluster.yaml"
#define CRACKED POND_CHECKOUT "/config/clusters/pond/cracked.values.yaml"
/* broken/checkout's own chart defaults are a stub, so the tests pass these. */
#define POND_CHART_VALUES "--chart-values", "helm-charts/basehub/values.yaml"

#define CRACKED_ERROR                                                                          \
	"binderhub-gen: error: " CRACKED ":7:6: while parsing a block mapping: did not find "    \
	"expected key; fix the YAML syntax there\n"
#define CRACKED_MESSAGE                                                                        \
	"invalid YAML: while parsing a block mapping: did not find expected key; fix the YAML "  \
	"syntax at this line ('yamllint " CRACKED "' shows more); nothing else of hub "          \
	"'cracked' was checked, because helm layers all of its values files together"

#define DERIVED_BINDER                                                                         \
	"checking as: unauthenticated hub (authenticator_class 'null'), provider aws (from "    \
	"cluster.yaml), registry quay (from image_prefix), namespace binder, chart defaults "   \
	"(helm-charts/basehub/values.yaml)"

static void run_in(const char *cwd, const char *const *argv, struct cli_result *result)
{
	assert_int_equal(cli_run(argv, NULL, NULL, cwd, result), 0);
}

static void run_check(const char *const *argv, struct cli_result *result)
{
	run_in(FIXTURES, argv, result);
}

static void assert_contains(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("expected to find\n%s\nin\n%s", part, text);
}

static void assert_starts_with(const char *text, const char *start)
{
	if (strncmp(text, start, strlen(start)) != 0)
		fail_msg("expected\n%s\nto start with\n%s", text, start);
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

/* The only item of the list at path whose key is value; fails unless there is exactly one. */
static const struct node *only_item_with(const struct node *root, const char *path,
					 const char *key, const char *value)
{
	const struct node *found = NULL;
	size_t matches = 0;

	for (size_t i = 0; i < count_at(root, path); i++) {
		const struct node *item = item_at(root, path, i);
		const char *text = text_at(item, key);

		if (text && strcmp(text, value) == 0) {
			found = item;
			matches++;
		}
	}
	if (matches != 1)
		fail_msg("expected one item of %s with %s '%s', found %zu", path, key, value, matches);
	return found;
}

/* Run argv, expect exit status 2, no output and exactly message on stderr. */
static void assert_usage_error(const char *const *argv, const char *message)
{
	struct cli_result result;

	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, message);
	cli_result_release(&result);
}

/* ---- one hub and the deployer's layer ---- */

static void test_cmd_check_cluster_hub_passes_with_emulated_layer(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, DERIVED_BINDER ", deployer layer (emulated from "
						       "cluster.yaml)\nno findings in 3 files\n");
	assert_string_equal(result.err, "");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_hub_passes_with_rendered_layer(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", "--deployer-values",
			      "rendered/skyline-binder.values.jsonnet.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, DERIVED_BINDER ", deployer layer "
						       "(rendered/skyline-binder.values.jsonnet.yaml)\n"
						       "no findings in 3 files\n");
	assert_string_equal(result.err, "");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_rendered_layer_replaces_emulated(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", "--deployer-values",
			      "rendered/without-ingress.values.jsonnet.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "error: missing jupyterhub.ingress.hosts; set it to "
				    "[<jupyterhub-domain>] [BH020 jupyterhub-ingress-hosts]\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_no_deployer_layer_reports_ingress(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", "--no-deployer-layer", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, DERIVED_BINDER ", no deployer layer\n");
	/* A missing key points into a values file, not the encrypted one. */
	assert_contains(result.out, "config/clusters/skyline/common.values.yaml:7:1: "
				    "error: missing jupyterhub.ingress.hosts; set it to "
				    "[<jupyterhub-domain>] [BH020 jupyterhub-ingress-hosts]\n");
	/* Without the deployer's node selectors the instance types are unpinned. */
	assert_contains(result.out, "[BH053 user-instance-type]");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_findings_skip_emulated_layer(void **state)
{
	const char *json[] = {"check", "--format", "json", "--cluster-file", MEADOW, "--hub", "dask",
			      NULL};
	const char *text[] = {"check", "--format", "text", "--cluster-file", MEADOW, "--hub", "dask",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(json, &result);
	assert_int_equal(result.status, 0);
	/* The builders' instance type comes from the emulated layer only. */
	assert_contains(result.out, "\"from_emulated\": true");
	assert_lacks(result.out, "deployer layer (emulated)\",");
	assert_int_equal(count_of(result.out, "\"file\": \"config/clusters/meadow/"),
			 count_of(result.out, "\"rule\": "));
	cli_result_release(&result);

	run_check(text, &result);
	/* Without a line, the finding goes to the hub's plain values file,
	 * not to its encrypted secret file. */
	assert_contains(result.out, "config/clusters/meadow/dask.values.yaml: note: "
				    "binderhub-service.dockerApi.nodeSelector pins instance type "
				    "'n2-highmem-4', but jupyterhub.singleuser.nodeSelector pins "
				    "'n2-highmem-2'");
	assert_contains(result.out, "  (the value comes from the deployer's own layer, not from "
				    "config/clusters/meadow/dask.values.yaml)\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_findings_skip_rendered_layer(void **state)
{
	/* Hub leaky checked with hub binder's render: the render's JupyterHub
	 * host is not leaky's domain, which BH028 finds in the render. */
	const char *argv[] = {"check", "--format", "json", "--cluster-file", SKYLINE, "--hub",
			      "leaky", "--deployer-values",
			      "../hubs2/rendered/skyline-leaky-wrong-host.values.jsonnet.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "\"rule\": \"BH028\"");
	assert_contains(result.out, "\"from_emulated\": true");
	assert_lacks(result.out, "\"file\": \"../hubs2/rendered/");
	assert_int_equal(count_of(result.out, "\"file\": \"config/clusters/skyline/"),
			 count_of(result.out, "\"rule\": "));
	cli_result_release(&result);
}

static void test_cmd_check_cluster_daskhub_reads_basehub_subtree(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", MEADOW, "--hub", "dask",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "provider gcp (from cluster.yaml), registry quay (from "
				    "image_prefix), namespace dask, ");
	assert_contains(result.out, "config/clusters/meadow/dask.values.yaml:27:43: note: "
				    "jupyterhub.singleuser.nodeSelector pins instance type "
				    "'n2-highmem-2'");
	assert_contains(result.out, "4 infos in 2 files\n");
	cli_result_release(&result);
}

/* ---- facts from cluster.yaml and the chart defaults ---- */

static void test_cmd_check_cluster_kubeconfig_provider_is_other(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file",
			      "elsewhere/kubeconfig/cluster.yaml", "--hub", "binder", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, ", provider other (cluster.yaml provider 'kubeconfig'), ");
	/* The cluster's name goes to the rules: the image names do not start with it. */
	assert_contains(result.out, "set it to 'quay.io/imagebuilding-non-gcp-hubs/jetstream-binder-'");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_options_override_cluster_yaml(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", "--provider", "gcp", "--namespace", "elsewhere", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_contains(result.out, ", provider gcp (--provider), ");
	assert_contains(result.out, ", namespace elsewhere, ");
	/* The in-cluster JUPYTERHUB_API_URL names namespace binder. */
	assert_contains(result.out, "[BH063 hub-api-url]");
	assert_int_equal(result.status, 1);
	cli_result_release(&result);
}

static void test_cmd_check_cluster_chart_values_override_checkout(void **state)
{
	const char *other[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			       "binder", "--chart-values", "../check/chart-values.yaml", NULL};
	const char *none[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "binder", "--no-chart-values", NULL};
	struct cli_result result;

	(void)state;
	run_check(other, &result);
	assert_contains(result.out, ", chart defaults (../check/chart-values.yaml), ");
	/* Those defaults turn on a dask-gateway that lacks the pull secret. */
	assert_contains(result.out, "[BH157 dask-image-pull-secret]");
	assert_int_equal(result.status, 1);
	cli_result_release(&result);

	run_check(none, &result);
	assert_contains(result.out, ", no chart defaults, deployer layer (emulated from "
				    "cluster.yaml)\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_outside_checkout_uses_builtin(void **state)
{
	static const char cluster[] =
		"name: lone\n"
		"provider: aws\n"
		"hubs:\n"
		"- name: binder\n"
		"  domain: hub.binder.skyline.example.org\n"
		"  helm_chart: basehub\n"
		"  helm_chart_values_files:\n"
		"  - " FIXTURES "/config/clusters/skyline/common.values.yaml\n"
		"  - " FIXTURES "/config/clusters/skyline/binder.values.yaml\n"
		"  - " FIXTURES "/config/clusters/skyline/enc-common.secret.values.yaml\n";
	const char *argv[] = {"check", "--format", "text", "--cluster-file", "cluster.yaml",
			      "--hub", "binder", NULL};
	char *dir = fixture_temp_dir();
	char path[1024];
	struct cli_result result;

	(void)state;
	snprintf(path, sizeof(path), "%s/cluster.yaml", dir);
	assert_int_equal(fixture_write_file(path, cluster, 0644), 0);
	run_in(dir, argv, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, ", chart defaults (built-in, 9ad7cd0fc), deployer layer "
				    "(emulated from cluster.yaml)\n");
	cli_result_release(&result);
	fixture_remove_tree(dir);
	free(dir);
}

static void test_cmd_check_cluster_files_in_checkout_use_its_defaults(void **state)
{
	const char *argv[] = {"check", "--format", "text",
			      "config/clusters/skyline/common.values.yaml",
			      "config/clusters/skyline/binder.values.yaml",
			      "config/clusters/skyline/enc-common.secret.values.yaml", NULL};
	const char *rendered[] = {"check", "--format", "text", "--deployer-values",
				  "rendered/skyline-binder.values.jsonnet.yaml",
				  "config/clusters/skyline/common.values.yaml",
				  "config/clusters/skyline/binder.values.yaml",
				  "config/clusters/skyline/enc-common.secret.values.yaml", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_contains(result.out, ", chart defaults (helm-charts/basehub/values.yaml)\n");
	/* Without cluster.yaml there is no deployer layer to give JupyterHub a host. */
	assert_contains(result.out, "[BH020 jupyterhub-ingress-hosts]");
	assert_int_equal(result.status, 1);
	cli_result_release(&result);

	run_check(rendered, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, ", chart defaults (helm-charts/basehub/values.yaml), deployer "
				    "layer (rendered/skyline-binder.values.jsonnet.yaml)\n"
				    "no findings in 3 files\n");
	cli_result_release(&result);
}

/* ---- secret files as they are ---- */

static void test_cmd_check_cluster_plaintext_password_in_plain_file(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "leaky", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "config/clusters/skyline/leaky.values.yaml:16:17: error: "
				    "binderhub-service.config.DockerRegistry.password in effect is a "
				    "plaintext value from 'config/clusters/skyline/leaky.values.yaml'");
	assert_contains(result.out, "[BH170 secrets-in-encrypted-files]\n");
	assert_contains(result.out, "config/clusters/skyline/leaky.values.yaml:16:17: warning: ");
	assert_contains(result.out, "[BH171 no-plaintext-secrets]\n");
	assert_contains(result.out, "1 error, 1 warning in 3 files\n");
	assert_lacks(result.out, "hunter2");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_unencrypted_leaf_in_secret_file(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--hub",
			      "halfenc", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "config/clusters/skyline/enc-halfenc.secret.values.yaml:7:15: "
				    "error: binderhub-service.buildPodsRegistryCredentials.username in "
				    "the secret file");
	assert_contains(result.out, "[BH172 secret-files-sops-encrypted]\n");
	/* note_unencrypted ends in the file's unencrypted_suffix. */
	assert_lacks(result.out, "enc-halfenc.secret.values.yaml:12:");
	assert_contains(result.out, "1 error in 3 files\n");
	cli_result_release(&result);
}

/* ---- every hub of a cluster.yaml, every cluster of a checkout ---- */

static void test_cmd_check_cluster_all_hubs_skips_other_hubs(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", SKYLINE, "--all-hubs",
			      NULL};
	struct cli_result result;
	const char *binder, *leaky, *halfenc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	binder = strstr(result.out, "\nhub binder: 0 errors, 0 warnings, 0 infos\n");
	leaky = strstr(result.out, "\nhub leaky: 1 error, 1 warning, 0 infos\n");
	halfenc = strstr(result.out, "\nhub halfenc: 1 error, 0 warnings, 0 infos\n");
	assert_non_null(binder);
	assert_non_null(leaky);
	assert_non_null(halfenc);
	assert_true(binder < leaky);
	assert_true(leaky < halfenc);
	assert_lacks(result.out, "staging");
	assert_int_equal(count_of(result.out, "checking as: "), 3);
	assert_contains(result.out, "\n\nall hubs: 2 errors, 1 warning in 6 files\n");
	assert_string_equal(result.err, "skipped hub staging: not a binderhub-ui hub "
					"(binderhub-service and binderhubUI are off)\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_clean_exits_zero(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", MEADOW, "--all-hubs",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "\nhub dask: 0 errors, 0 warnings, 4 infos\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_strict_counts_warnings(void **state)
{
	const char *argv[] = {"check", "--strict", "--disable", "BH170", "--cluster-file", SKYLINE,
			      "--all-hubs", "--disable", "BH172", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	/* BH171's warning alone is left, and --strict makes it fail the run. */
	assert_int_equal(result.status, 1);
	assert_contains(result.out, "\nhub leaky: 0 errors, 1 warning, 0 infos\n");
	assert_contains(result.out, "\nhub halfenc: 0 errors, 0 warnings, 0 infos\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_json_is_one_document(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", SKYLINE, "--all-hubs",
			      NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_int_equal(count_of(result.out, "\"version\": 1,"), 1);
	assert_contains(result.out, "\"derived\": null");
	assert_contains(result.out, "\"errors\": 2,\n    \"warnings\": 1,\n    \"infos\": 0,\n    "
				    "\"files\": 6\n");
	assert_lacks(result.out, "hub leaky:");
	assert_string_equal(result.err, "skipped hub staging: not a binderhub-ui hub "
					"(binderhub-service and binderhubUI are off)\n"
					"hub binder: 0 errors, 0 warnings, 0 infos\n"
					"hub leaky: 1 error, 1 warning, 0 infos\n"
					"hub halfenc: 1 error, 0 warnings, 0 infos\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_none_selected(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file",
			      "elsewhere/no-binderhub/cluster.yaml", "--all-hubs", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err,
			    "skipped hub staging: not a binderhub-ui hub (binderhub-service and "
			    "binderhubUI are off)\n"
			    "binderhub-gen: warning: no hub in "
			    "'elsewhere/no-binderhub/cluster.yaml' is a binderhub-ui hub (none turns "
			    "on binderhub-service or jupyterhub.custom.binderhubUI), so none was "
			    "checked\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_missing_file(void **state)
{
	const char *argv[] = {"check", "--cluster-file", "broken/missing-file/cluster.yaml",
			      "--all-hubs", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: broken/missing-file/cluster.yaml:10:5: hub "
				 "'binder': values file 'enc-binder.secret.values.yaml' not found at "
				 "'broken/missing-file/enc-binder.secret.values.yaml'; correct its "
				 "name in helm_chart_values_files or create the file\n");
}

static void test_cmd_check_cluster_repo_checks_every_cluster(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--repo", ".", NULL};
	struct cli_result result;
	const char *dask, *binder, *leaky, *halfenc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	dask = strstr(result.out, "\nmeadow: hub dask: 0 errors, 0 warnings, 4 infos\n");
	binder = strstr(result.out, "\nskyline: hub binder: 0 errors, 0 warnings, 0 infos\n");
	leaky = strstr(result.out, "\nskyline: hub leaky: 1 error, 1 warning, 0 infos\n");
	halfenc = strstr(result.out, "\nskyline: hub halfenc: 1 error, 0 warnings, 0 infos\n");
	assert_non_null(dask);
	assert_non_null(binder);
	assert_non_null(leaky);
	assert_non_null(halfenc);
	assert_true(dask < binder);
	assert_true(binder < leaky);
	assert_true(leaky < halfenc);
	assert_lacks(result.out, "staging");
	assert_lacks(result.out, "jetstream");
	assert_string_equal(result.err, "skyline: skipped hub staging: not a binderhub-ui hub "
					"(binderhub-service and binderhubUI are off)\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_repo_from_below_root(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--repo", ".", NULL};
	struct cli_result result;

	(void)state;
	run_in(FIXTURES "/config/clusters/meadow", argv, &result);
	assert_int_equal(result.status, 1);
	assert_contains(result.out, ", chart defaults (../../../helm-charts/basehub/values.yaml), ");
	assert_contains(result.out, "../../../config/clusters/meadow/dask.values.yaml:27:43: note: ");
	assert_contains(result.out, "\nskyline: hub halfenc: 1 error, 0 warnings, 0 infos\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_repo_sarif_is_one_log(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--repo", ".", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 1);
	assert_int_equal(count_of(result.out, "\"runs\": ["), 1);
	assert_contains(result.out, "\"exitCode\": 1");
	assert_contains(result.out, "\"uri\": \"config/clusters/meadow/dask.values.yaml\"");
	assert_contains(result.out, "\"uri\": \"config/clusters/skyline/leaky.values.yaml\"");
	assert_contains(result.err, "meadow: hub dask: 0 errors, 0 warnings, 4 infos\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_repo_outside_checkout(void **state)
{
	const char *outside[] = {"check", "--repo", "../check", NULL};
	const char *missing[] = {"check", "--repo", "no-such-folder", NULL};

	(void)state;
	assert_usage_error(outside, "binderhub-gen: error: '../check' of option '--repo' is not in a "
				    "checkout of the infrastructure repository, as no folder above it "
				    "has both config/clusters/ and helm-charts/basehub/values.yaml; "
				    "give the checkout's folder\n");
	assert_usage_error(missing, "binderhub-gen: error: cannot open 'no-such-folder' of option "
				    "'--repo': No such file or directory; give a folder of a checkout "
				    "of the infrastructure repository\n");
}

/* ---- a values file that does not load: that hub's finding, exit status 2 ---- */

static void test_cmd_check_cluster_all_hubs_unparsable_file_json(void **state)
{
	const char *argv[] = {"check", "--format", "json", "--cluster-file", POND, "--all-hubs",
			      POND_CHART_VALUES, NULL};
	struct cli_result result;
	const struct node *cracked, *binder;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR "hub cracked: 1 error, 0 warnings, 0 infos\n"
						      "hub binder: 0 errors, 0 warnings, 1 info\n");
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "findings"), 2);
	cracked = only_item_with(doc->root, "findings", "rule", "BH007");
	assert_string_equal(text_at(cracked, "severity"), "error");
	assert_string_equal(text_at(cracked, "file"), CRACKED);
	assert_string_equal(text_at(cracked, "line"), "7");
	assert_string_equal(text_at(cracked, "column"), "6");
	assert_string_equal(text_at(cracked, "message"), CRACKED_MESSAGE);
	/* The hub after the broken one was still checked: its image_prefix is
	 * named after skyline, not pond. */
	binder = only_item_with(doc->root, "findings", "rule", "BH154");
	assert_non_null(strstr(text_at(binder, "file"), "skyline/binder.values.yaml"));
	/* The broken file of cracked and the three files of binder. */
	assert_string_equal(text_at(doc->root, "summary.files"), "4");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_cluster_repo_unparsable_file_sarif(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--repo", POND_CHECKOUT,
			      POND_CHART_VALUES, NULL};
	struct cli_result result;
	const struct node *run, *invocation, *cracked, *location;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR
			    "pond: hub cracked: 1 error, 0 warnings, 0 infos\n"
			    "pond: hub binder: 0 errors, 0 warnings, 1 info\n");
	doc = parse_report(result.out, result.out_length);
	assert_int_equal(count_at(doc->root, "runs"), 1);
	run = item_at(doc->root, "runs", 0);
	invocation = item_at(run, "invocations", 0);
	assert_string_equal(text_at(invocation, "exitCode"), "2");
	assert_true(tree_is_false(tree_get_path(invocation, "executionSuccessful")));

	assert_int_equal(count_at(run, "results"), 2);
	cracked = only_item_with(run, "results", "ruleId", "BH007");
	assert_string_equal(text_at(cracked, "level"), "error");
	assert_string_equal(text_at(cracked, "message.text"), CRACKED_MESSAGE);
	location = item_at(cracked, "locations", 0);
	assert_string_equal(text_at(location, "physicalLocation.artifactLocation.uri"), CRACKED);
	assert_string_equal(text_at(location, "physicalLocation.region.startLine"), "7");
	assert_string_equal(text_at(location, "physicalLocation.region.startColumn"), "6");
	only_item_with(run, "results", "ruleId", "BH154");
	tree_doc_free(doc);
	cli_result_release(&result);
}

static void test_cmd_check_cluster_all_hubs_unparsable_file_github(void **state)
{
	const char *argv[] = {"check", "--format", "github", "--cluster-file", POND, "--all-hubs",
			      POND_CHART_VALUES, NULL};
	struct cli_result result;
	const char *binder;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	/* One list of annotations for all hubs, errors first; the hub lines go
	 * to standard error. */
	assert_string_equal(result.err, CRACKED_ERROR
			    "hub cracked: 1 error, 0 warnings, 0 infos\n"
			    "hub binder: 0 errors, 0 warnings, 1 info\n");
	assert_starts_with(result.out, "::error file=" CRACKED ",line=7,col=6,title=BH007 "
				       "values-file-parses::" CRACKED_MESSAGE "\n");
	assert_contains(result.out, ",title=BH154 image-prefix-quay-name::");
	binder = strstr(result.out, "\n1 error, 1 info in ");
	assert_non_null(binder);
	cli_result_release(&result);
}

/* The text format reports the broken file on standard error alone and still
 * checks the other hubs. */
static void test_cmd_check_cluster_all_hubs_unparsable_file_text(void **state)
{
	const char *argv[] = {"check", "--format", "text", "--cluster-file", POND, "--all-hubs",
			      POND_CHART_VALUES, NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR);
	assert_lacks(result.out, "cracked");
	assert_contains(result.out, "[BH154 image-prefix-quay-name]\n");
	assert_contains(result.out, "\nhub binder: 0 errors, 0 warnings, 1 info\n");
	cli_result_release(&result);
}

static void test_cmd_check_cluster_hub_unparsable_file_sarif(void **state)
{
	const char *argv[] = {"check", "--format", "sarif", "--cluster-file", POND, "--hub",
			      "cracked", POND_CHART_VALUES, NULL};
	struct cli_result result;
	const struct node *run, *invocation, *cracked, *location;
	struct tree_doc *doc;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, CRACKED_ERROR);
	doc = parse_report(result.out, result.out_length);
	run = item_at(doc->root, "runs", 0);
	invocation = item_at(run, "invocations", 0);
	assert_string_equal(text_at(invocation, "exitCode"), "2");
	assert_true(tree_is_false(tree_get_path(invocation, "executionSuccessful")));
	assert_int_equal(count_at(run, "results"), 1);
	cracked = item_at(run, "results", 0);
	assert_string_equal(text_at(cracked, "ruleId"), "BH007");
	assert_string_equal(text_at(cracked, "message.text"), CRACKED_MESSAGE);
	location = item_at(cracked, "locations", 0);
	assert_string_equal(text_at(location, "physicalLocation.artifactLocation.uri"), CRACKED);
	assert_string_equal(text_at(location, "physicalLocation.region.startLine"), "7");
	assert_string_equal(text_at(location, "physicalLocation.region.startColumn"), "6");
	tree_doc_free(doc);
	cli_result_release(&result);
}

/* ---- errors in cluster.yaml: exit status 2 ---- */

static void test_cmd_check_cluster_unknown_hub(void **state)
{
	const char *argv[] = {"check", "--cluster-file", SKYLINE, "--hub", "bindr", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: unknown hub 'bindr' in option '--hub'; the "
				 "hubs of 'config/clusters/skyline/cluster.yaml' are: staging, "
				 "binder, leaky, halfenc\n");
}

static void test_cmd_check_cluster_no_hub_chosen(void **state)
{
	const char *argv[] = {"check", "--cluster-file", MEADOW, NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: option '--cluster-file' needs '--hub NAME' "
				 "or '--all-hubs'; the hubs of 'config/clusters/meadow/cluster.yaml' "
				 "are: dask\n");
}

static void test_cmd_check_cluster_missing_values_file(void **state)
{
	const char *argv[] = {"check", "--cluster-file", "broken/missing-file/cluster.yaml",
			      "--hub", "binder", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: broken/missing-file/cluster.yaml:10:5: hub "
				 "'binder': values file 'enc-binder.secret.values.yaml' not found at "
				 "'broken/missing-file/enc-binder.secret.values.yaml'; correct its "
				 "name in helm_chart_values_files or create the file\n");
}

static void test_cmd_check_cluster_malformed_cluster_yaml(void **state)
{
	const char *no_files[] = {"check", "--cluster-file", "broken/malformed/cluster.yaml",
				  "--hub", "binder", NULL};
	const char *unparsable[] = {"check", "--cluster-file", "broken/unparsable/cluster.yaml",
				    "--all-hubs", NULL};

	(void)state;
	assert_usage_error(no_files, "binderhub-gen: error: broken/malformed/cluster.yaml:5:3: "
				     "hubs[0]: missing key 'helm_chart_values_files'; add it to that "
				     "entry\n");
	assert_usage_error(unparsable, "binderhub-gen: error: broken/unparsable/cluster.yaml:5:1: "
				       "while parsing a flow node: did not find expected node "
				       "content; fix the YAML syntax there\n");
}

static void test_cmd_check_cluster_missing_cluster_yaml(void **state)
{
	const char *argv[] = {"check", "--cluster-file", "config/clusters/nowhere/cluster.yaml",
			      "--hub", "binder", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: cannot open "
				 "'config/clusters/nowhere/cluster.yaml': No such file or directory; "
				 "check the path of the cluster.yaml\n");
}

static void test_cmd_check_cluster_missing_deployer_values(void **state)
{
	const char *argv[] = {"check", "--cluster-file", SKYLINE, "--hub", "binder",
			      "--deployer-values", "rendered/missing.yaml", NULL};

	(void)state;
	assert_usage_error(argv, "binderhub-gen: error: rendered/missing.yaml: cannot open: No such "
				 "file or directory; check the path and its permissions\n");
}

/* ---- options that do not go together: exit status 2 ---- */

static void test_cmd_check_cluster_option_conflicts(void **state)
{
	static const struct {
		const char *argv[10];
		const char *message;
	} cases[] = {
		{{"check", "--hub", "binder", "x.yaml", NULL},
		 "binderhub-gen: error: option '--hub' needs '--cluster-file FILE', the cluster.yaml "
		 "that lists the hub\n"},
		{{"check", "--all-hubs", NULL},
		 "binderhub-gen: error: option '--all-hubs' needs '--cluster-file FILE', the "
		 "cluster.yaml whose hubs to check\n"},
		{{"check", "--cluster-file", SKYLINE, "--hub", "binder", "--all-hubs", NULL},
		 "binderhub-gen: error: options '--hub' and '--all-hubs' contradict each other; give "
		 "one\n"},
		{{"check", "--cluster-file", SKYLINE, "--repo", ".", NULL},
		 "binderhub-gen: error: options '--cluster-file' and '--repo' contradict each other; "
		 "give one\n"},
		{{"check", "--repo", ".", "--hub", "binder", NULL},
		 "binderhub-gen: error: options '--hub' and '--repo' contradict each other; give "
		 "one\n"},
		{{"check", "--cluster-file", SKYLINE, "--hub", "binder", "x.yaml", NULL},
		 "binderhub-gen: error: with '--cluster-file' the values files come from "
		 "cluster.yaml; remove 'x.yaml' from the command line\n"},
		{{"check", "--repo", ".", "x.yaml", NULL},
		 "binderhub-gen: error: with '--repo' the values files come from cluster.yaml; "
		 "remove 'x.yaml' from the command line\n"},
		{{"check", "--cluster-file", SKYLINE, "--hub", "binder", "--daskhub", NULL},
		 "binderhub-gen: error: option '--daskhub' is only for values files given as "
		 "arguments, because cluster.yaml's helm_chart says which hubs use daskhub; remove "
		 "it\n"},
		{{"check", "--cluster-file", SKYLINE, "--all-hubs", "--deployer-values", "r.yaml",
		  NULL},
		 "binderhub-gen: error: option '--deployer-values' gives the rendered layer of one "
		 "hub; use it with '--hub NAME' instead of '--all-hubs'\n"},
		{{"check", "--repo", ".", "--namespace", "binder", NULL},
		 "binderhub-gen: error: option '--namespace' names the namespace of one hub, but with "
		 "'--repo' each hub's namespace is its name; remove it\n"},
		{{"check", "--deployer-values", "r.yaml", "--no-deployer-layer", "x.yaml", NULL},
		 "binderhub-gen: error: options '--deployer-values' and '--no-deployer-layer' "
		 "contradict each other; give one\n"},
		{{"check", "--deployer-values", "-", "-", NULL},
		 "binderhub-gen: error: standard input ('-') is given twice; it can be read once\n"},
		{{"check", "--cluster-file", SKYLINE, "--hub", "binder", "--hub", "leaky", NULL},
		 "binderhub-gen: error: option '--hub' is given twice, as 'binder' and 'leaky'; give "
		 "it once\n"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_usage_error(cases[i].argv, cases[i].message);
}

static void test_cmd_check_cluster_help_lists_options(void **state)
{
	static const char *const options[] = {
		"--cluster-file FILE", "--hub NAME", "--all-hubs", "--repo PATH",
		"--deployer-values FILE", "--no-deployer-layer",
	};
	const char *argv[] = {"check", "--help", NULL};
	struct cli_result result;

	(void)state;
	run_check(argv, &result);
	assert_int_equal(result.status, 0);
	assert_contains(result.out, "Usage: binderhub-gen check [OPTION]... FILE...\n");
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		assert_contains(result.out, options[i]);
	cli_result_release(&result);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_check_cluster_hub_passes_with_emulated_layer),
		cmocka_unit_test(test_cmd_check_cluster_hub_passes_with_rendered_layer),
		cmocka_unit_test(test_cmd_check_cluster_rendered_layer_replaces_emulated),
		cmocka_unit_test(test_cmd_check_cluster_no_deployer_layer_reports_ingress),
		cmocka_unit_test(test_cmd_check_cluster_findings_skip_emulated_layer),
		cmocka_unit_test(test_cmd_check_cluster_findings_skip_rendered_layer),
		cmocka_unit_test(test_cmd_check_cluster_daskhub_reads_basehub_subtree),
		cmocka_unit_test(test_cmd_check_cluster_kubeconfig_provider_is_other),
		cmocka_unit_test(test_cmd_check_cluster_options_override_cluster_yaml),
		cmocka_unit_test(test_cmd_check_cluster_chart_values_override_checkout),
		cmocka_unit_test(test_cmd_check_cluster_outside_checkout_uses_builtin),
		cmocka_unit_test(test_cmd_check_cluster_files_in_checkout_use_its_defaults),
		cmocka_unit_test(test_cmd_check_cluster_plaintext_password_in_plain_file),
		cmocka_unit_test(test_cmd_check_cluster_unencrypted_leaf_in_secret_file),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_skips_other_hubs),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_clean_exits_zero),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_strict_counts_warnings),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_json_is_one_document),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_none_selected),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_missing_file),
		cmocka_unit_test(test_cmd_check_cluster_repo_checks_every_cluster),
		cmocka_unit_test(test_cmd_check_cluster_repo_from_below_root),
		cmocka_unit_test(test_cmd_check_cluster_repo_sarif_is_one_log),
		cmocka_unit_test(test_cmd_check_cluster_repo_outside_checkout),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_unparsable_file_json),
		cmocka_unit_test(test_cmd_check_cluster_repo_unparsable_file_sarif),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_unparsable_file_github),
		cmocka_unit_test(test_cmd_check_cluster_all_hubs_unparsable_file_text),
		cmocka_unit_test(test_cmd_check_cluster_hub_unparsable_file_sarif),
		cmocka_unit_test(test_cmd_check_cluster_unknown_hub),
		cmocka_unit_test(test_cmd_check_cluster_no_hub_chosen),
		cmocka_unit_test(test_cmd_check_cluster_missing_values_file),
		cmocka_unit_test(test_cmd_check_cluster_malformed_cluster_yaml),
		cmocka_unit_test(test_cmd_check_cluster_missing_cluster_yaml),
		cmocka_unit_test(test_cmd_check_cluster_missing_deployer_values),
		cmocka_unit_test(test_cmd_check_cluster_option_conflicts),
		cmocka_unit_test(test_cmd_check_cluster_help_lists_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
