/* Tests of reading cluster.yaml and resolving each hub's values files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cluster.h"
#include "fixture.h"
#include "load.h"

#define DEMO_FOLDER BHG_TESTS_DIR "/fixtures/cluster/config/clusters/demo"
#define DEMO_CLUSTER DEMO_FOLDER "/cluster.yaml"

/* A valid cluster.yaml with two hubs, for tests that change one line of it. */
static const char two_hubs[] =
	"name: small\n"
	"provider: aws\n"
	"hubs:\n"
	"- name: first\n"
	"  domain: first.example.org\n"
	"  helm_chart: basehub\n"
	"  helm_chart_values_files:\n"
	"  - first.values.yaml\n"
	"- name: second\n"
	"  domain: second.example.org\n"
	"  helm_chart: daskhub\n"
	"  helm_chart_values_files: [second.values.yaml, enc-second.secret.values.yaml]\n";

static struct cluster *parse_ok(const char *text)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";
	int result = cluster_parse(text, strlen(text), "cluster.yaml", &cluster, error,
				   sizeof(error));

	if (result != 0)
		print_error("unexpected error: %s\n", error);
	assert_int_equal(result, 0);
	assert_non_null(cluster);
	return cluster;
}

/* Parse text that must be rejected and check the whole message. */
static void expect_parse_error(const char *text, const char *expected)
{
	struct cluster *cluster = (struct cluster *)0x1;
	char error[1024] = "";

	assert_int_equal(cluster_parse(text, strlen(text), "cluster.yaml", &cluster, error,
				       sizeof(error)),
			 -1);
	assert_ptr_equal(cluster, (struct cluster *)0x1);
	assert_string_equal(error, expected);
}

/* ---- loading ------------------------------------------------------------ */

static void test_cluster_load_valid_fixture(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";

	(void)state;
	assert_int_equal(cluster_load(DEMO_CLUSTER, &cluster, error, sizeof(error)), 0);
	assert_string_equal(error, "");
	assert_string_equal(cluster->path, DEMO_CLUSTER);
	assert_string_equal(cluster->name, "demo");
	assert_string_equal(cluster->provider, "gcp");
	assert_int_equal(cluster->hub_count, 3);

	assert_string_equal(cluster->hubs[0].name, "staging");
	assert_string_equal(cluster->hubs[0].domain, "staging.demo.example.org");
	assert_int_equal(cluster->hubs[0].chart, CLUSTER_CHART_BASEHUB);
	assert_int_equal(cluster->hubs[0].values_file_count, 2);
	assert_string_equal(cluster->hubs[0].values_files[0], "common.values.yaml");
	assert_string_equal(cluster->hubs[0].values_files[1], "staging.values.yaml");

	assert_string_equal(cluster->hubs[1].name, "binder");
	assert_string_equal(cluster->hubs[1].domain, "hub.binder.demo.example.org");
	assert_int_equal(cluster->hubs[1].chart, CLUSTER_CHART_BASEHUB);
	assert_int_equal(cluster->hubs[1].values_file_count, 2);
	assert_string_equal(cluster->hubs[1].values_files[0], "binder.values.yaml");
	assert_string_equal(cluster->hubs[1].values_files[1], "enc-binder.secret.values.yaml");

	assert_string_equal(cluster->hubs[2].name, "legacy");
	assert_int_equal(cluster->hubs[2].chart, CLUSTER_CHART_DASKHUB);
	assert_int_equal(cluster->hubs[2].values_file_count, 1);
	cluster_free(cluster);
}

static void test_cluster_load_records_positions(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";
	const struct cluster_hub *binder;

	(void)state;
	assert_int_equal(cluster_load(DEMO_CLUSTER, &cluster, error, sizeof(error)), 0);
	binder = &cluster->hubs[1];
	assert_string_equal(binder->mark.file, DEMO_CLUSTER);
	assert_int_equal(binder->mark.line, 21);
	assert_int_equal(binder->mark.column, 3);
	assert_int_equal(binder->domain_mark.line, 23);
	assert_int_equal(binder->domain_mark.column, 11);
	assert_int_equal(binder->values_file_marks[1].line, 27);
	assert_int_equal(binder->values_file_marks[1].column, 5);
	cluster_free(cluster);
}

static void test_cluster_parse_ignores_unknown_keys(void **state)
{
	struct cluster *cluster;

	(void)state;
	cluster = parse_ok("name: x\n"
			   "provider: kubeconfig # a comment\n"
			   "provider_url: https://example.org\n"
			   "metadata: {2i2c: {hubspot_deal_id: 1}}\n"
			   "kubeconfig:\n"
			   "  file: enc-deployer-credentials.secret.yaml\n"
			   "support:\n"
			   "  helm_chart_values_files: [support.values.yaml]\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  display_name: A hub\n"
			   "  auth0: {enabled: false, connection: [1, 2]}\n"
			   "  domain: a.example.org\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: [a.values.yaml]\n");
	assert_string_equal(cluster->provider, "kubeconfig");
	assert_int_equal(cluster->hub_count, 1);
	assert_string_equal(cluster->hubs[0].domain, "a.example.org");
	cluster_free(cluster);
}

static void test_cluster_parse_follows_aliases(void **state)
{
	struct cluster *cluster;

	(void)state;
	cluster = parse_ok("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: &domain a.example.org\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: &files [common.values.yaml]\n"
			   "- name: b\n"
			   "  domain: *domain\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: *files\n");
	assert_string_equal(cluster->hubs[1].domain, "a.example.org");
	assert_int_equal(cluster->hubs[1].values_file_count, 1);
	assert_string_equal(cluster->hubs[1].values_files[0], "common.values.yaml");
	cluster_free(cluster);
}

static void test_cluster_parse_without_hubs(void **state)
{
	struct cluster *cluster;
	char names[64];

	(void)state;
	cluster = parse_ok("name: support-only\nprovider: azure\n");
	assert_int_equal(cluster->hub_count, 0);
	cluster_format_hub_names(cluster, names, sizeof(names));
	assert_string_equal(names, "(none)");
	cluster_free(cluster);
}

static void test_cluster_parse_empty_values_file_list(void **state)
{
	struct cluster *cluster;

	(void)state;
	cluster = parse_ok("name: x\nprovider: gcp\nhubs:\n- name: a\n  domain: a.x\n"
			   "  helm_chart: basehub\n  helm_chart_values_files: []\n");
	assert_int_equal(cluster->hubs[0].values_file_count, 0);
	cluster_free(cluster);
}

static void test_cluster_parse_missing_hub_key(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: [a.yaml]\n"
			   "- name: b\n"
			   "  domain: b.x\n"
			   "  helm_chart: basehub\n",
			   "cluster.yaml:8:3: hubs[1]: missing key 'helm_chart_values_files'; add it "
			   "to that entry");
}

static void test_cluster_parse_missing_top_key(void **state)
{
	(void)state;
	expect_parse_error("name: x\nhubs: []\n",
			   "cluster.yaml: missing key 'provider'; add it at the top level");
}

static void test_cluster_parse_empty_hub_entry(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\nhubs:\n- {}\n",
			   "cluster.yaml:4:3: hubs[0]: missing key 'name'; add it to that entry");
}

static void test_cluster_parse_hubs_not_list(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\nhubs:\n  a: {domain: a.x}\n",
			   "cluster.yaml:4:3: hubs: expected a list, found a mapping; write it as a "
			   "list, one '- item' line per entry");
}

static void test_cluster_parse_hubs_null(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\nhubs:\n",
			   "cluster.yaml:3:6: hubs: expected a list, found a single value; write it "
			   "as a list, one '- item' line per entry");
}

static void test_cluster_parse_values_files_not_list(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: a.values.yaml\n",
			   "cluster.yaml:7:28: hubs[0].helm_chart_values_files: expected a list, "
			   "found a single value; write it as a list, one '- item' line per entry");
}

static void test_cluster_parse_values_file_not_string(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files:\n"
			   "  - a.values.yaml\n"
			   "  - {file: b.values.yaml}\n",
			   "cluster.yaml:9:5: hubs[0].helm_chart_values_files[1]: expected a string, "
			   "found a mapping; write a single value");
}

static void test_cluster_parse_domain_not_string(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: [a.x, b.x]\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:5:11: hubs[0].domain: expected a string, found a list; "
			   "write a single value");
}

static void test_cluster_parse_hub_not_mapping(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\nhubs:\n- just-a-name\n",
			   "cluster.yaml:4:3: hubs[0]: expected a mapping, found a single value; "
			   "write it as 'key: value' lines");
}

static void test_cluster_parse_top_not_mapping(void **state)
{
	(void)state;
	expect_parse_error("- name: x\n",
			   "cluster.yaml: expected a mapping, found a list; write it as 'key: value' "
			   "lines");
}

static void test_cluster_parse_syntax_error(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";
	static const char text[] = "name: x\nprovider: gcp\nhubs:\n- name: a\n   domain: a.x\n";

	(void)state;
	assert_int_equal(
		cluster_parse(text, strlen(text), "cluster.yaml", &cluster, error, sizeof(error)),
		-1);
	assert_null(cluster);
	assert_true(strncmp(error, "cluster.yaml:5:10: ", 19) == 0);
	assert_non_null(strstr(error, "mapping values are not allowed"));
	assert_non_null(strstr(error, "; fix the YAML syntax there"));
}

static void test_cluster_parse_unclosed_quote(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";
	static const char text[] = "name: x\nprovider: \"gcp\nhubs: []\n";

	(void)state;
	assert_int_equal(
		cluster_parse(text, strlen(text), "cluster.yaml", &cluster, error, sizeof(error)),
		-1);
	assert_true(strncmp(error, "cluster.yaml:", 13) == 0);
	assert_non_null(strstr(error, "; fix the YAML syntax there"));
}

static void test_cluster_parse_duplicate_key(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\nname: y\n",
			   "cluster.yaml:3:1: duplicate key 'name' (first defined at line 1, column "
			   "1); a cluster.yaml is one YAML document with unique keys, and every "
			   "alias needs an anchor defined before it");
}

static void test_cluster_parse_several_documents(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: gcp\n---\nname: y\nprovider: aws\n",
			   "cluster.yaml:3:1: more than one YAML document; a cluster.yaml is one "
			   "YAML document with unique keys, and every alias needs an anchor defined "
			   "before it");
}

static void test_cluster_parse_undefined_alias(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: *provider\n",
			   "cluster.yaml:2:11: alias '*provider' refers to no anchor defined before "
			   "it; a cluster.yaml is one YAML document with unique keys, and every alias "
			   "needs an anchor defined before it");
}

static void test_cluster_parse_empty_text(void **state)
{
	(void)state;
	expect_parse_error("# only a comment\n",
			   "cluster.yaml: empty file; a cluster.yaml needs at least 'name' and "
			   "'provider'");
}

static void test_cluster_parse_null_domain(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: ~\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:5:11: hubs[0].domain: missing value (empty or null) for hub "
			   "'a'; set it to the domain JupyterHub is served at");
}

static void test_cluster_parse_empty_hub_name(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: \"\"\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:4:9: hubs[0].name: missing value (empty or null); set it to "
			   "the hub's name, which is also its namespace");
}

static void test_cluster_parse_null_cluster_name(void **state)
{
	(void)state;
	expect_parse_error("name:\nprovider: gcp\n",
			   "cluster.yaml:1:1: name: missing value (empty or null); set it to the "
			   "cluster's name");
}

static void test_cluster_parse_null_provider(void **state)
{
	(void)state;
	expect_parse_error("name: x\nprovider: null\n",
			   "cluster.yaml:2:11: provider: missing value (empty or null); set it to "
			   "gcp, aws, azure or kubeconfig");
}

static void test_cluster_parse_invalid_chart(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: binderhub\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:6:15: hubs[0].helm_chart: invalid chart 'binderhub' for hub "
			   "'a'; use basehub or daskhub");
}

static void test_cluster_parse_null_chart(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart:\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:6:3: hubs[0].helm_chart: invalid chart '' for hub 'a'; use "
			   "basehub or daskhub");
}

static void test_cluster_parse_null_values_file(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files:\n"
			   "  - a.values.yaml\n"
			   "  - ~\n",
			   "cluster.yaml:9:5: hubs[0].helm_chart_values_files[1]: missing file name "
			   "(empty or null) for hub 'a'; name a values file or remove the entry");
}

static void test_cluster_parse_duplicate_hub_name(void **state)
{
	(void)state;
	expect_parse_error("name: x\n"
			   "provider: gcp\n"
			   "hubs:\n"
			   "- name: a\n"
			   "  domain: a.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: []\n"
			   "- name: a\n"
			   "  domain: b.x\n"
			   "  helm_chart: basehub\n"
			   "  helm_chart_values_files: []\n",
			   "cluster.yaml:8:9: hubs[1].name: duplicate hub name 'a', also used by "
			   "hubs[0]; give each hub its own name");
}

static void test_cluster_load_missing_file(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";

	(void)state;
	assert_int_equal(cluster_load(DEMO_FOLDER "/absent.yaml", &cluster, error, sizeof(error)),
			 -1);
	assert_null(cluster);
	assert_string_equal(error, "cannot open '" DEMO_FOLDER "/absent.yaml': No such file or "
				   "directory; check the path of the cluster.yaml");
}

static void test_cluster_load_folder(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";

	(void)state;
	assert_int_equal(cluster_load(DEMO_FOLDER, &cluster, error, sizeof(error)), -1);
	assert_null(cluster);
	assert_string_equal(error, "cannot read '" DEMO_FOLDER "': Is a directory; check the "
				   "path of the cluster.yaml");
}

static void test_cluster_load_file_too_large(void **state)
{
	char *folder = fixture_temp_dir();
	char path[4096];
	char expected[4200];
	char error[1024] = "";
	struct cluster *cluster = NULL;
	size_t size = LOAD_DEFAULT_MAX_BYTES + 1;
	char *text = malloc(size + 1);

	(void)state;
	assert_non_null(text);
	memset(text, '#', size);
	text[size] = '\0';
	snprintf(path, sizeof(path), "%s/cluster.yaml", folder);
	assert_int_equal(fixture_write_file(path, text, 0644), 0);
	free(text);

	assert_int_equal(cluster_load(path, &cluster, error, sizeof(error)), -1);
	assert_null(cluster);
	snprintf(expected, sizeof(expected),
		 "%s: file is larger than %zu bytes; a cluster.yaml is far smaller, check the path",
		 path, (size_t)LOAD_DEFAULT_MAX_BYTES);
	assert_string_equal(error, expected);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

/* ---- hubs by name --------------------------------------------------------- */

static void test_cluster_find_hub_by_name(void **state)
{
	struct cluster *cluster = parse_ok(two_hubs);

	(void)state;
	assert_ptr_equal(cluster_find_hub(cluster, "second"), &cluster->hubs[1]);
	assert_ptr_equal(cluster_find_hub(cluster, "first"), &cluster->hubs[0]);
	cluster_free(cluster);
}

static void test_cluster_find_hub_unknown(void **state)
{
	struct cluster *cluster = parse_ok(two_hubs);
	char names[64];

	(void)state;
	assert_null(cluster_find_hub(cluster, "third"));
	assert_null(cluster_find_hub(cluster, "firs"));
	cluster_format_hub_names(cluster, names, sizeof(names));
	assert_string_equal(names, "first, second");
	cluster_free(cluster);
}

static void test_cluster_format_hub_names_truncated(void **state)
{
	struct cluster *cluster = parse_ok(two_hubs);
	char small[16];
	char tiny[4];

	(void)state;
	/* "first, second" and its NUL take 14 bytes. */
	cluster_format_hub_names(cluster, small, sizeof(small));
	assert_string_equal(small, "first, second");
	cluster_format_hub_names(cluster, small, 12);
	assert_string_equal(small, "first, ...");
	cluster_format_hub_names(cluster, tiny, sizeof(tiny));
	assert_string_equal(tiny, "");
	cluster_free(cluster);
}

/* ---- values files ----------------------------------------------------------- */

static void test_cluster_resolve_files_relative(void **state)
{
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	assert_int_equal(cluster_load(DEMO_CLUSTER, &cluster, error, sizeof(error)), 0);
	assert_int_equal(cluster_resolve_files(cluster, cluster_find_hub(cluster, "binder"), &paths,
					       &count, error, sizeof(error)),
			 0);
	assert_int_equal(count, 2);
	assert_string_equal(paths[0], DEMO_FOLDER "/binder.values.yaml");
	assert_string_equal(paths[1], DEMO_FOLDER "/enc-binder.secret.values.yaml");
	cluster_free_paths(paths, count);
	cluster_free(cluster);
}

static void test_cluster_resolve_files_in_working_folder(void **state)
{
	char saved[4096];
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	assert_non_null(getcwd(saved, sizeof(saved)));
	assert_int_equal(chdir(DEMO_FOLDER), 0);
	assert_int_equal(cluster_load("cluster.yaml", &cluster, error, sizeof(error)), 0);
	assert_int_equal(cluster_resolve_files(cluster, &cluster->hubs[0], &paths, &count, error,
					       sizeof(error)),
			 0);
	assert_int_equal(chdir(saved), 0);
	assert_int_equal(count, 2);
	assert_string_equal(paths[0], "common.values.yaml");
	assert_string_equal(paths[1], "staging.values.yaml");
	cluster_free_paths(paths, count);
	cluster_free(cluster);
}

static void test_cluster_resolve_files_absolute_kept(void **state)
{
	char *folder = fixture_temp_dir();
	char path[4096], text[8192];
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	snprintf(text, sizeof(text),
		 "name: x\nprovider: gcp\nhubs:\n- name: a\n  domain: a.x\n  helm_chart: basehub\n"
		 "  helm_chart_values_files: [%s/binder.values.yaml]\n",
		 DEMO_FOLDER);
	snprintf(path, sizeof(path), "%s/cluster.yaml", folder);
	assert_int_equal(fixture_write_file(path, text, 0644), 0);
	assert_int_equal(cluster_load(path, &cluster, error, sizeof(error)), 0);

	assert_int_equal(cluster_resolve_files(cluster, &cluster->hubs[0], &paths, &count, error,
					       sizeof(error)),
			 0);
	assert_int_equal(count, 1);
	assert_string_equal(paths[0], DEMO_FOLDER "/binder.values.yaml");

	cluster_free_paths(paths, count);
	cluster_free(cluster);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_cluster_resolve_files_missing(void **state)
{
	char *folder = fixture_temp_dir();
	char path[4096], values[4096], expected[16384];
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = (char **)0x1;
	size_t count = 99;

	(void)state;
	snprintf(path, sizeof(path), "%s/cluster.yaml", folder);
	assert_int_equal(fixture_write_file(path, two_hubs, 0644), 0);
	snprintf(values, sizeof(values), "%s/second.values.yaml", folder);
	assert_int_equal(fixture_write_file(values, "a: 1\n", 0644), 0);
	assert_int_equal(cluster_load(path, &cluster, error, sizeof(error)), 0);

	assert_int_equal(cluster_resolve_files(cluster, &cluster->hubs[1], &paths, &count, error,
					       sizeof(error)),
			 -1);
	assert_ptr_equal(paths, (char **)0x1);
	assert_int_equal(count, 99);
	snprintf(expected, sizeof(expected),
		 "%s:12:49: hub 'second': values file 'enc-second.secret.values.yaml' not found at "
		 "'%s/enc-second.secret.values.yaml'; correct its name in helm_chart_values_files "
		 "or create the file",
		 path, folder);
	assert_string_equal(error, expected);

	cluster_free(cluster);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_cluster_resolve_files_folder_rejected(void **state)
{
	char *folder = fixture_temp_dir();
	char path[4096], values[4096], expected[16384];
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/cluster.yaml", folder);
	assert_int_equal(fixture_write_file(path, two_hubs, 0644), 0);
	snprintf(values, sizeof(values), "%s/first.values.yaml", folder);
	assert_int_equal(mkdir(values, 0755), 0);
	assert_int_equal(cluster_load(path, &cluster, error, sizeof(error)), 0);

	assert_int_equal(cluster_resolve_files(cluster, &cluster->hubs[0], &paths, &count, error,
					       sizeof(error)),
			 -1);
	snprintf(expected, sizeof(expected),
		 "%s:8:5: hub 'first': values file 'first.values.yaml' is not a regular file "
		 "('%s/first.values.yaml'); list a values file in helm_chart_values_files",
		 path, folder);
	assert_string_equal(error, expected);

	cluster_free(cluster);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_cluster_resolve_files_symlink_loop(void **state)
{
	char *folder = fixture_temp_dir();
	char path[4096], loop[4096], expected[16384];
	struct cluster *cluster = NULL;
	char error[1024] = "";
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	snprintf(loop, sizeof(loop), "%s/first.values.yaml", folder);
	assert_int_equal(symlink("first.values.yaml", loop), 0);
	snprintf(path, sizeof(path), "%s/cluster.yaml", folder);
	assert_int_equal(fixture_write_file(path, two_hubs, 0644), 0);
	assert_int_equal(cluster_load(path, &cluster, error, sizeof(error)), 0);

	assert_int_equal(cluster_resolve_files(cluster, &cluster->hubs[0], &paths, &count, error,
					       sizeof(error)),
			 -1);
	snprintf(expected, sizeof(expected),
		 "%s:8:5: hub 'first': cannot read values file 'first.values.yaml' at '%s': Too "
		 "many levels of symbolic links; check that path and its permissions",
		 path, loop);
	assert_string_equal(error, expected);

	cluster_free(cluster);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cluster_load_valid_fixture),
		cmocka_unit_test(test_cluster_load_records_positions),
		cmocka_unit_test(test_cluster_parse_ignores_unknown_keys),
		cmocka_unit_test(test_cluster_parse_follows_aliases),
		cmocka_unit_test(test_cluster_parse_without_hubs),
		cmocka_unit_test(test_cluster_parse_empty_values_file_list),
		cmocka_unit_test(test_cluster_parse_missing_hub_key),
		cmocka_unit_test(test_cluster_parse_missing_top_key),
		cmocka_unit_test(test_cluster_parse_empty_hub_entry),
		cmocka_unit_test(test_cluster_parse_hubs_not_list),
		cmocka_unit_test(test_cluster_parse_hubs_null),
		cmocka_unit_test(test_cluster_parse_values_files_not_list),
		cmocka_unit_test(test_cluster_parse_values_file_not_string),
		cmocka_unit_test(test_cluster_parse_domain_not_string),
		cmocka_unit_test(test_cluster_parse_hub_not_mapping),
		cmocka_unit_test(test_cluster_parse_top_not_mapping),
		cmocka_unit_test(test_cluster_parse_syntax_error),
		cmocka_unit_test(test_cluster_parse_unclosed_quote),
		cmocka_unit_test(test_cluster_parse_duplicate_key),
		cmocka_unit_test(test_cluster_parse_several_documents),
		cmocka_unit_test(test_cluster_parse_undefined_alias),
		cmocka_unit_test(test_cluster_parse_empty_text),
		cmocka_unit_test(test_cluster_parse_null_domain),
		cmocka_unit_test(test_cluster_parse_empty_hub_name),
		cmocka_unit_test(test_cluster_parse_null_cluster_name),
		cmocka_unit_test(test_cluster_parse_null_provider),
		cmocka_unit_test(test_cluster_parse_invalid_chart),
		cmocka_unit_test(test_cluster_parse_null_chart),
		cmocka_unit_test(test_cluster_parse_null_values_file),
		cmocka_unit_test(test_cluster_parse_duplicate_hub_name),
		cmocka_unit_test(test_cluster_load_missing_file),
		cmocka_unit_test(test_cluster_load_folder),
		cmocka_unit_test(test_cluster_load_file_too_large),
		cmocka_unit_test(test_cluster_find_hub_by_name),
		cmocka_unit_test(test_cluster_find_hub_unknown),
		cmocka_unit_test(test_cluster_format_hub_names_truncated),
		cmocka_unit_test(test_cluster_resolve_files_relative),
		cmocka_unit_test(test_cluster_resolve_files_in_working_folder),
		cmocka_unit_test(test_cluster_resolve_files_absolute_kept),
		cmocka_unit_test(test_cluster_resolve_files_missing),
		cmocka_unit_test(test_cluster_resolve_files_folder_rejected),
		cmocka_unit_test(test_cluster_resolve_files_symlink_loop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
