/* Unit tests of the file-level rules BH003 and BH005-BH009. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "load.h"
#include "rule_fixture.h"

/* A user layer of its own, for rules that read each file. */
static void load_layer(struct layer *layer, const char *name, const char *yaml)
{
	struct load_options options = {0};
	struct load_error err;

	memset(layer, 0, sizeof(*layer));
	if (load_buffer(yaml, strlen(yaml), name, &options, &layer->doc, &err) != LOAD_OK)
		fail_msg("layer YAML does not load: %s", err.message);
	layer->name = name;
	layer->values = layer->doc->root;
}

/* ---- BH003 ---------------------------------------------------------------------- */

static const char authenticator_null[] = "jupyterhub:\n"
					 "  hub:\n"
					 "    config:\n"
					 "      JupyterHub:\n"
					 "        authenticator_class:\n";

static void test_rules_files_bh003_unquoted_null(void **state)
{
	(void)state;
	rule_expect_reports(authenticator_null, HUB_AUTHENTICATED, check_BH003, RULE_BH003,
			    SEVERITY_WARNING, 5, 9, "unquoted null");
}

static void test_rules_files_bh003_quoted_null_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      JupyterHub:\n"
			   "        authenticator_class: \"null\"\n",
			   HUB_AUTHENTICATED, check_BH003);
}

static void test_rules_files_bh003_absent(void **state)
{
	(void)state;
	rule_expect_reports(
		"jupyterhub:\n"
		"  hub:\n"
		"    config: {}\n",
		HUB_AUTHENTICATED, check_BH003, RULE_BH003, SEVERITY_WARNING, 3, 5,
		"missing jupyterhub.hub.config.JupyterHub.authenticator_class; set it to the "
		"authenticator class");
}

static void test_rules_files_bh003_empty_string(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    config:\n"
			    "      JupyterHub:\n"
			    "        authenticator_class: ''\n",
			    HUB_AUTHENTICATED, check_BH003, RULE_BH003, SEVERITY_WARNING, 5, 30,
			    "is ''");
}

static void test_rules_files_bh003_deleted_by_layer(void **state)
{
	struct rule_fixture fixture;
	char deleted_path[] = "jupyterhub.hub.config.JupyterHub";
	struct deletion deletion = {
		.path = deleted_path,
		.mark = {.file = "common.values.yaml", .line = 7, .column = 7},
	};
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, "jupyterhub:\n  hub: {}\n", HUB_AUTHENTICATED);
	fixture.ctx.deletions = &deletion;
	fixture.ctx.deletion_count = 1;
	finding = rule_expect_one(&fixture, check_BH003, RULE_BH003, SEVERITY_WARNING, 7, 7);
	rule_expect_message_contains(finding, "unquoted null");
	rule_fixture_release(&fixture);
}

static void test_rules_files_bh003_class_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      JupyterHub:\n"
			   "        authenticator_class: github\n",
			   HUB_AUTHENTICATED, check_BH003);
}

static void test_rules_files_bh003_encrypted_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      JupyterHub:\n"
			   "        authenticator_class: ENC[AES256_GCM,data:abc,type:str]\n",
			   HUB_AUTHENTICATED, check_BH003);
}

/* ---- BH005 ---------------------------------------------------------------------- */

static void test_rules_files_bh005_repeated_key(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    redirectToServer: false\n"
			  "  singleuser: {}\n"
			  "  hub:\n"
			  "    services: {}\n",
			  HUB_AUTHENTICATED);
	finding = rule_expect_one(&fixture, check_BH005, RULE_BH005, SEVERITY_ERROR, 5, 3);
	rule_expect_message_contains(finding, "first at line 2, column 3");
	assert_string_equal(finding->path, "jupyterhub.hub");
	rule_fixture_release(&fixture);
}

static void test_rules_files_bh005_unique_keys_pass(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    redirectToServer: false\n"
			   "  singleuser: {}\n",
			   HUB_AUTHENTICATED, check_BH005);
}

static void test_rules_files_bh005_merge_keys_pass(void **state)
{
	(void)state;
	rule_expect_passes("base: &base\n"
			   "  a: 1\n"
			   "more: &more\n"
			   "  b: 2\n"
			   "both:\n"
			   "  <<: *base\n"
			   "  <<: *more\n",
			   HUB_AUTHENTICATED, check_BH005);
}

static void test_rules_files_bh005_inside_list_item(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  extraEnv:\n"
			  "    - name: A\n"
			  "      value: x\n"
			  "      value: y\n",
			  HUB_AUTHENTICATED);
	finding = rule_expect_one(&fixture, check_BH005, RULE_BH005, SEVERITY_ERROR, 5, 7);
	assert_string_equal(finding->path, "binderhub-service.extraEnv[0].value");
	rule_fixture_release(&fixture);
}

static void test_rules_files_bh005_second_layer(void **state)
{
	struct rule_fixture fixture;
	struct layer layers[2];
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, "jupyterhub: {}\n", HUB_AUTHENTICATED);
	layers[0] = fixture.layer;
	load_layer(&layers[1], "enc-hub.secret.values.yaml",
		   "binderhub-service:\n"
		   "  config: {}\n"
		   "binderhub-service:\n"
		   "  enabled: true\n");
	fixture.ctx.layers = layers;
	fixture.ctx.layer_count = 2;
	finding = rule_expect_one(&fixture, check_BH005, RULE_BH005, SEVERITY_ERROR, 3, 1);
	assert_string_equal(finding->mark.file, "enc-hub.secret.values.yaml");
	rule_expect_message_contains(finding, "first at line 1, column 1");
	tree_doc_free(layers[1].doc);
	rule_fixture_release(&fixture);
}

/* ---- BH006 ---------------------------------------------------------------------- */

static void test_rules_files_bh006_class_inside_class(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      DockerRegistry:\n"
			    "        url: https://quay.io\n",
			    HUB_AUTHENTICATED, check_BH006, RULE_BH006, SEVERITY_ERROR, 4, 7,
			    "move it up to binderhub-service.config.DockerRegistry");
}

static void test_rules_files_bh006_class_outside_config(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  enabled: true\n"
			    "  DockerRegistry:\n"
			    "    password: secret\n",
			    HUB_AUTHENTICATED, check_BH006, RULE_BH006, SEVERITY_ERROR, 3, 3,
			    "move it to binderhub-service.config.DockerRegistry");
}

static void test_rules_files_bh006_hub_class_outside_config(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    JupyterHub:\n"
			    "      authenticator_class: github\n",
			    HUB_AUTHENTICATED, check_BH006, RULE_BH006, SEVERITY_ERROR, 3, 5,
			    "move it to jupyterhub.hub.config.JupyterHub");
}

static void test_rules_files_bh006_hub_class_inside_class(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    config:\n"
			    "      JupyterHub:\n"
			    "        GitHubOAuthenticator:\n"
			    "          allowed_organizations: [a]\n",
			    HUB_AUTHENTICATED, check_BH006, RULE_BH006, SEVERITY_ERROR, 5, 9,
			    "jupyterhub.hub.config.GitHubOAuthenticator");
}

static void test_rules_files_bh006_classes_in_place_pass(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  dockerApi:\n"
			   "    nodeSelector: {a: b}\n"
			   "  config:\n"
			   "    DockerRegistry:\n"
			   "      url: https://quay.io\n"
			   "    KubernetesBuildExecutor:\n"
			   "      node_selector:\n"
			   "        node.kubernetes.io/instance-type: r5.xlarge\n"
			   "jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      JupyterHub:\n"
			   "        authenticator_class: github\n",
			   HUB_AUTHENTICATED, check_BH006);
}

static void test_rules_files_bh006_class_name_with_scalar_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      Banner: text\n",
			   HUB_AUTHENTICATED, check_BH006);
}

/* ---- BH007 ---------------------------------------------------------------------- */

static void run_bh007(const char *yaml, size_t expected)
{
	struct rule_fixture fixture;
	struct layer layers[2];

	rule_fixture_init(&fixture, "jupyterhub: {}\n", HUB_AUTHENTICATED);
	layers[0] = fixture.layer;
	load_layer(&layers[1], "other.values.yaml", yaml);
	fixture.ctx.layers = layers;
	fixture.ctx.layer_count = 2;
	assert_int_equal(rule_fixture_run(&fixture, check_BH007), expected);
	if (expected) {
		const struct finding *finding = rule_fixture_last(&fixture);

		assert_int_equal(finding->rule, RULE_BH007);
		assert_int_equal(finding->severity, SEVERITY_ERROR);
		assert_string_equal(finding->mark.file, "other.values.yaml");
		assert_int_equal(finding->mark.line, 2);
		assert_int_equal(finding->mark.column, 1);
	}
	tree_doc_free(layers[1].doc);
	rule_fixture_release(&fixture);
}

static void test_rules_files_bh007_list_root(void **state)
{
	(void)state;
	run_bh007("# a list by mistake\n- jupyterhub: {}\n", 1);
}

static void test_rules_files_bh007_scalar_root(void **state)
{
	(void)state;
	run_bh007("# a scalar by mistake\njupyterhub\n", 1);
}

static void test_rules_files_bh007_mapping_root_passes(void **state)
{
	(void)state;
	run_bh007("# a mapping\njupyterhub: {}\n", 0);
}

static void test_rules_files_bh007_empty_file_passes(void **state)
{
	(void)state;
	run_bh007("# only a comment\n", 0);
}

static void test_rules_files_bh007_null_root_passes(void **state)
{
	(void)state;
	run_bh007("---\n~\n", 0);
}

static void test_rules_files_bh007_redefined_anchor_passes(void **state)
{
	(void)state;
	run_bh007("a: &x 1\nb: &x 2\nc: *x\n", 0);
}

/* ---- BH008 ---------------------------------------------------------------------- */

static void test_rules_files_bh008_empty_list(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    singleuserAdmin:\n"
			    "      extraVolumeMounts: []\n",
			    HUB_AUTHENTICATED, check_BH008, RULE_BH008, SEVERITY_ERROR, 4, 26,
			    "is []");
}

static void test_rules_files_bh008_scalar(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    singleuserAdmin:\n"
			    "      extraVolumeMounts: ''\n",
			    HUB_AUTHENTICATED, check_BH008, RULE_BH008, SEVERITY_ERROR, 4, 26,
			    "is ''");
}

static void test_rules_files_bh008_empty_mapping_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    singleuserAdmin:\n"
			   "      extraVolumeMounts: {}\n",
			   HUB_AUTHENTICATED, check_BH008);
}

static void test_rules_files_bh008_null_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    singleuserAdmin:\n"
			   "      extraVolumeMounts:\n",
			   HUB_AUTHENTICATED, check_BH008);
}

static void test_rules_files_bh008_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom: {}\n",
			   HUB_AUTHENTICATED, check_BH008);
}

static void test_rules_files_bh008_list_from_old_defaults_passes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    singleuserAdmin:\n"
			  "      extraVolumeMounts:\n"
			  "        - name: home\n",
			  HUB_AUTHENTICATED);
	/* Mark the whole document as the chart defaults. */
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	assert_int_equal(rule_fixture_run(&fixture, check_BH008), 0);
	rule_fixture_release(&fixture);
}

/* ---- BH009 ---------------------------------------------------------------------- */

static size_t run_bh009(const char *yaml, bool daskhub, bool emulated)
{
	struct rule_fixture fixture;
	struct layer layers[2];
	size_t count;

	rule_fixture_init(&fixture, "{}\n", HUB_AUTHENTICATED);
	layers[0] = fixture.layer;
	load_layer(&layers[1], "hub.values.yaml", yaml);
	layers[1].emulated = emulated;
	fixture.ctx.layers = layers;
	fixture.ctx.layer_count = 2;
	fixture.ctx.daskhub = daskhub;
	count = rule_fixture_run(&fixture, check_BH009);
	if (count) {
		const struct finding *finding = rule_fixture_last(&fixture);

		assert_int_equal(finding->rule, RULE_BH009);
		assert_int_equal(finding->severity, SEVERITY_ERROR);
		assert_string_equal(finding->mark.file, "hub.values.yaml");
		assert_int_equal(finding->mark.line, 3);
		assert_int_equal(finding->mark.column, 1);
	}
	tree_doc_free(layers[1].doc);
	rule_fixture_release(&fixture);
	return count;
}

static void test_rules_files_bh009_daskhub_stray_key(void **state)
{
	(void)state;
	assert_int_equal(run_bh009("basehub:\n"
				   "  jupyterhub: {}\n"
				   "binderhub-service:\n"
				   "  enabled: true\n",
				   true, false),
			 1);
}

static void test_rules_files_bh009_daskhub_nested_passes(void **state)
{
	(void)state;
	assert_int_equal(run_bh009("basehub:\n"
				   "  binderhub-service:\n"
				   "    enabled: true\n"
				   "global: {}\n"
				   "sops:\n"
				   "  version: 3.9.0\n",
				   true, false),
			 0);
}

static void test_rules_files_bh009_basehub_key_in_basehub_chart(void **state)
{
	(void)state;
	assert_int_equal(run_bh009("jupyterhub: {}\n"
				   "global: {}\n"
				   "basehub:\n"
				   "  binderhub-service: {}\n",
				   false, false),
			 1);
}

static void test_rules_files_bh009_basehub_chart_passes(void **state)
{
	(void)state;
	assert_int_equal(run_bh009("jupyterhub: {}\n"
				   "binderhub-service: {}\n"
				   "sops: {}\n",
				   false, false),
			 0);
}

static void test_rules_files_bh009_emulated_layer_skipped(void **state)
{
	(void)state;
	assert_int_equal(run_bh009("jupyterhub: {}\n"
				   "global: {}\n"
				   "basehub: {}\n",
				   false, true),
			 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_files_bh003_unquoted_null),
		cmocka_unit_test(test_rules_files_bh003_quoted_null_passes),
		cmocka_unit_test(test_rules_files_bh003_absent),
		cmocka_unit_test(test_rules_files_bh003_empty_string),
		cmocka_unit_test(test_rules_files_bh003_deleted_by_layer),
		cmocka_unit_test(test_rules_files_bh003_class_passes),
		cmocka_unit_test(test_rules_files_bh003_encrypted_passes),
		cmocka_unit_test(test_rules_files_bh005_repeated_key),
		cmocka_unit_test(test_rules_files_bh005_unique_keys_pass),
		cmocka_unit_test(test_rules_files_bh005_merge_keys_pass),
		cmocka_unit_test(test_rules_files_bh005_inside_list_item),
		cmocka_unit_test(test_rules_files_bh005_second_layer),
		cmocka_unit_test(test_rules_files_bh006_class_inside_class),
		cmocka_unit_test(test_rules_files_bh006_class_outside_config),
		cmocka_unit_test(test_rules_files_bh006_hub_class_outside_config),
		cmocka_unit_test(test_rules_files_bh006_hub_class_inside_class),
		cmocka_unit_test(test_rules_files_bh006_classes_in_place_pass),
		cmocka_unit_test(test_rules_files_bh006_class_name_with_scalar_passes),
		cmocka_unit_test(test_rules_files_bh007_list_root),
		cmocka_unit_test(test_rules_files_bh007_scalar_root),
		cmocka_unit_test(test_rules_files_bh007_mapping_root_passes),
		cmocka_unit_test(test_rules_files_bh007_empty_file_passes),
		cmocka_unit_test(test_rules_files_bh007_null_root_passes),
		cmocka_unit_test(test_rules_files_bh007_redefined_anchor_passes),
		cmocka_unit_test(test_rules_files_bh008_empty_list),
		cmocka_unit_test(test_rules_files_bh008_scalar),
		cmocka_unit_test(test_rules_files_bh008_empty_mapping_passes),
		cmocka_unit_test(test_rules_files_bh008_null_passes),
		cmocka_unit_test(test_rules_files_bh008_absent_passes),
		cmocka_unit_test(test_rules_files_bh008_list_from_old_defaults_passes),
		cmocka_unit_test(test_rules_files_bh009_daskhub_stray_key),
		cmocka_unit_test(test_rules_files_bh009_daskhub_nested_passes),
		cmocka_unit_test(test_rules_files_bh009_basehub_key_in_basehub_chart),
		cmocka_unit_test(test_rules_files_bh009_basehub_chart_passes),
		cmocka_unit_test(test_rules_files_bh009_emulated_layer_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
