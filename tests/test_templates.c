/* Tests for the embedded templates (templates/, src/templates.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fill.h"
#include "load.h"
#include "templates.h"
#include "tree.h"

/* Every placeholder name the generator fills in; allowed_specs is a list. */
static const char *const known_names[] = {
	"cluster",
	"hub",
	"namespace",
	"binderhub_domain",
	"jupyterhub_domain",
	"hub_api_url",
	"instance_type",
	"docker_storage_limit",
	"image_prefix",
	"registry_url",
	"registry_username",
	"cors_origin",
	"allowed_specs",
	"banner",
	"about",
	"org_name",
	"org_logo_url",
	"org_url",
	"funded_by_name",
	"funded_by_url",
	"registry_password",
	"launch_logs_key",
};

#define KNOWN_COUNT (sizeof(known_names) / sizeof(known_names[0]))

static const char *const expected_templates[] = {
	"chart/basehub-defaults.yaml",
	"secrets/launch-logs.yaml",
	"secrets/registry-gar.yaml",
	"secrets/registry-quay.yaml",
	"values/allowed-specs.yaml",
	"values/auth-cilogon.yaml",
	"values/auth-github.yaml",
	"values/auth-none.yaml",
	"values/authenticated.yaml",
	"values/base.yaml",
	"values/cors.yaml",
	"values/homepage-disabled.yaml",
	"values/homepage.yaml",
	"values/launch-logs-off.yaml",
	"values/launch-logs.yaml",
	"values/provider-aws.yaml",
	"values/provider-azure.yaml",
	"values/provider-gcp.yaml",
	"values/registry-gar.yaml",
	"values/registry-quay.yaml",
};

#define EXPECTED_COUNT (sizeof(expected_templates) / sizeof(expected_templates[0]))

static struct tree_doc *load_template(const char *name)
{
	const struct embedded_template *template = templates_find(name);
	struct load_options options = {.keep_comments = true, .reject_duplicates = true};
	struct tree_doc *doc = NULL;
	struct load_error err;

	assert_non_null(template);
	assert_int_equal(load_buffer(template->data, template->size, template->name, &options, &doc,
				     &err),
			 LOAD_OK);
	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}

static bool is_known_name(const char *name, size_t length)
{
	for (size_t i = 0; i < KNOWN_COUNT; i++)
		if (strlen(known_names[i]) == length && memcmp(known_names[i], name, length) == 0)
			return true;
	return false;
}

/* Count placeholders in text, failing on a name outside known_names. */
static size_t check_placeholders(const char *template_name, const char *text)
{
	const char *open = text;
	size_t count = 0;

	while ((open = strstr(open, "{{")) != NULL) {
		const char *close = strstr(open, "}}");
		const char *name = open + 2;
		const char *end;

		if (!close) {
			print_error("%s: '{{' without '}}' in '%s'\n", template_name, text);
			fail();
		}
		end = close;
		while (*name == ' ')
			name++;
		while (end > name && end[-1] == ' ')
			end--;
		if (!is_known_name(name, (size_t)(end - name))) {
			print_error("%s: unknown placeholder '%.*s'\n", template_name,
				    (int)(end - name), name);
			fail();
		}
		count++;
		open = close + 2;
	}
	return count;
}

/* Walk a template, checking values and keys; returns the placeholder count. */
static size_t check_node(const char *template_name, const struct node *node)
{
	size_t count = 0;

	if (!node)
		return 0;
	switch (node->kind) {
	case NODE_SCALAR:
		return check_placeholders(template_name, node->as.scalar.value);
	case NODE_SEQUENCE:
		for (size_t i = 0; i < node->as.sequence.count; i++)
			count += check_node(template_name, node->as.sequence.items[i]);
		return count;
	case NODE_MAPPING:
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			const struct node *key = node->as.mapping.pairs[i].key;

			/* Keys are never filled, so a placeholder there would be written as is. */
			assert_int_equal(key->kind, NODE_SCALAR);
			assert_null(strstr(key->as.scalar.value, "{{"));
			count += check_node(template_name, node->as.mapping.pairs[i].value);
		}
		return count;
	case NODE_ALIAS:
	default:
		return 0;
	}
}

static bool contains_placeholder_text(const struct node *node)
{
	if (!node)
		return false;
	if (node->kind == NODE_SCALAR)
		return strstr(node->as.scalar.value, "{{") != NULL;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			if (contains_placeholder_text(node->as.sequence.items[i]))
				return true;
	}
	if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++)
			if (contains_placeholder_text(node->as.mapping.pairs[i].value))
				return true;
	}
	return false;
}

static void test_templates_find_each_expected(void **state)
{
	(void)state;
	for (size_t i = 0; i < EXPECTED_COUNT; i++) {
		const struct embedded_template *template = templates_find(expected_templates[i]);

		if (!template)
			print_error("template '%s' is not embedded\n", expected_templates[i]);
		assert_non_null(template);
		assert_string_equal(template->name, expected_templates[i]);
		assert_int_equal(strlen(template->data), template->size);
		assert_int_equal(template->data[template->size], '\0');
	}
}

static void test_templates_find_unknown_returns_null(void **state)
{
	(void)state;
	assert_null(templates_find("values/missing.yaml"));
	assert_null(templates_find("base.yaml"));
	assert_null(templates_find("values/base"));
	assert_null(templates_find(""));
	assert_null(templates_find(NULL));
}

static void test_templates_table_sorted_by_name(void **state)
{
	(void)state;
	assert_non_null(embedded_templates[0].name);
	for (size_t i = 1; embedded_templates[i].name; i++)
		assert_true(strcmp(embedded_templates[i - 1].name, embedded_templates[i].name) < 0);
}

static void test_templates_load_every_template(void **state)
{
	struct load_options options = {.keep_comments = true, .reject_duplicates = true};

	(void)state;
	for (const struct embedded_template *t = embedded_templates; t->name; t++) {
		struct tree_doc *doc = NULL;
		struct load_error err;
		enum load_status status =
			load_buffer(t->data, t->size, t->name, &options, &doc, &err);

		if (status != LOAD_OK) {
			char message[700];

			load_error_format(&err, message, sizeof(message));
			print_error("%s\n", message);
		}
		assert_int_equal(status, LOAD_OK);
		assert_non_null(doc->root);
		assert_int_equal(doc->root->kind, NODE_MAPPING);
		tree_doc_free(doc);
	}
}

static void test_templates_placeholders_are_known(void **state)
{
	size_t total = 0;

	(void)state;
	for (const struct embedded_template *t = embedded_templates; t->name; t++) {
		struct tree_doc *doc = load_template(t->name);

		total += check_node(t->name, doc->root);
		tree_doc_free(doc);
	}
	/* Catches a scanner that finds nothing at all. */
	assert_true(total > 20);
}

static void test_templates_fill_with_every_value(void **state)
{
	static const char *const specs[] = {"^binder-examples/.*"};
	struct template_var vars[KNOWN_COUNT];
	struct template_vars all = {vars, KNOWN_COUNT};

	(void)state;
	for (size_t i = 0; i < KNOWN_COUNT; i++) {
		vars[i] = (struct template_var){.name = known_names[i], .value = "value"};
		if (strcmp(known_names[i], "allowed_specs") == 0)
			vars[i] = (struct template_var){
				.name = known_names[i], .list = specs, .list_count = 1};
	}
	for (const struct embedded_template *t = embedded_templates; t->name; t++) {
		/* The chart defaults are data for the checker, not a template to fill. */
		if (strncmp(t->name, "chart/", strlen("chart/")) == 0)
			continue;

		struct tree_doc *doc = load_template(t->name);
		char error[512] = "";
		int status = fill_placeholders(doc, &doc->root, &all, error, sizeof(error));

		if (status != 0)
			print_error("%s\n", error);
		assert_int_equal(status, 0);
		assert_non_null(doc->root);
		assert_false(contains_placeholder_text(doc->root));
		tree_doc_free(doc);
	}
}

static void test_templates_base_top_level_order(void **state)
{
	static const char *const order[] = {"jupyterhub-home-nfs", "jupyterhub", "binderhub-service"};
	struct tree_doc *doc = load_template("values/base.yaml");

	(void)state;
	assert_int_equal(doc->root->as.mapping.count, 3);
	for (size_t i = 0; i < 3; i++)
		assert_true(tree_scalar_equals(doc->root->as.mapping.pairs[i].key, order[i]));
	/* The file's top comment belongs to the first key, the first line written. */
	assert_non_null(doc->root->as.mapping.pairs[0].key->comment);
	tree_doc_free(doc);
}

static void test_templates_base_clears_storage_with_null(void **state)
{
	static const char *const null_paths[] = {
		"jupyterhub.custom.singleuserAdmin",
		"jupyterhub.singleuser.storage",
		"jupyterhub.singleuser.storage",
	};
	static const char *const null_keys[] = {
		"extraVolumeMounts",
		"extraVolumeMounts",
		"extraVolumes",
	};
	struct tree_doc *doc = load_template("values/base.yaml");
	const struct node *init;
	const struct node *profiles;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct pair *pair = tree_mapping_find(tree_get_path(doc->root, null_paths[i]),
						      null_keys[i]);

		assert_non_null(pair);
		assert_int_equal(pair->value->kind, NODE_SCALAR);
		assert_true(tree_is_null(pair->value));
	}
	init = tree_get_path(doc->root, "jupyterhub.singleuser.initContainers");
	assert_non_null(init);
	assert_int_equal(init->kind, NODE_SEQUENCE);
	assert_int_equal(init->as.sequence.count, 0);
	profiles = tree_get_path(doc->root, "jupyterhub.singleuser.profileList");
	assert_non_null(profiles);
	assert_int_equal(profiles->kind, NODE_SEQUENCE);
	assert_int_equal(profiles->as.sequence.count, 0);
	tree_doc_free(doc);
}

static void assert_env_names(const char *template_name, const char *const *names, size_t count)
{
	struct tree_doc *doc = load_template(template_name);
	const struct node *env = tree_get_path(doc->root, "binderhub-service.extraEnv");

	assert_non_null(env);
	assert_int_equal(env->kind, NODE_SEQUENCE);
	assert_int_equal(env->as.sequence.count, count);
	for (size_t i = 0; i < count; i++)
		assert_true(tree_scalar_equals(tree_mapping_get(env->as.sequence.items[i], "name"),
					       names[i]));
	tree_doc_free(doc);
}

static void test_templates_extra_env_complete(void **state)
{
	static const char *const names[] = {
		"JUPYTERHUB_API_TOKEN",	  "JUPYTERHUB_CLIENT_ID",
		"JUPYTERHUB_API_URL",	  "JUPYTERHUB_BASE_URL",
		"JUPYTERHUB_OAUTH_CALLBACK_URL",
	};

	(void)state;
	assert_env_names("values/base.yaml", names, 4);
	assert_env_names("values/authenticated.yaml", names, 5);
}

static void test_templates_null_authenticator_is_string(void **state)
{
	struct tree_doc *doc = load_template("values/auth-none.yaml");
	const struct node *class =
		tree_get_path(doc->root, "jupyterhub.hub.config.JupyterHub.authenticator_class");

	(void)state;
	assert_non_null(class);
	assert_true(tree_scalar_equals(class, "null"));
	assert_int_equal(tree_scalar_type(class), SCALAR_TYPE_STRING);
	tree_doc_free(doc);
}

static void test_templates_launch_logs_off_has_pragma(void **state)
{
	struct tree_doc *doc = load_template("values/launch-logs-off.yaml");
	struct pair *pair = tree_mapping_find(tree_get_path(doc->root, "binderhub-service.custom"),
					      "sendLogsOfLaunchEventsTo2i2c");
	const char *last_line;

	(void)state;
	assert_non_null(pair);
	assert_true(tree_is_false(pair->value));
	assert_non_null(pair->key->comment);
	last_line = strrchr(pair->key->comment, '\n');
	last_line = last_line ? last_line + 1 : pair->key->comment;
	assert_string_equal(last_line, "# binderhub-gen: disable=BH070");
	tree_doc_free(doc);
}

static void assert_alias_of(const struct node *root, const char *alias_path,
			    const char *anchor_path)
{
	const struct node *alias_parent;
	const char *dot = strrchr(alias_path, '.');
	char parent_path[128];
	struct pair *pair;

	assert_non_null(dot);
	snprintf(parent_path, sizeof(parent_path), "%.*s", (int)(dot - alias_path), alias_path);
	alias_parent = tree_get_path(root, parent_path);
	pair = tree_mapping_find(alias_parent, dot + 1);
	assert_non_null(pair);
	assert_int_equal(pair->value->kind, NODE_ALIAS);
	assert_ptr_equal(tree_resolve(pair->value), tree_get_path(root, anchor_path));
}

static void test_templates_registry_aliases(void **state)
{
	static const char *const values[] = {"values/registry-gar.yaml", "values/registry-quay.yaml"};
	static const char *const secrets[] = {"secrets/registry-gar.yaml",
					      "secrets/registry-quay.yaml"};

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct tree_doc *doc = load_template(values[i]);

		assert_alias_of(doc->root, "binderhub-service.buildPodsRegistryCredentials.server",
				"binderhub-service.config.DockerRegistry.url");
		assert_alias_of(doc->root, "binderhub-service.buildPodsRegistryCredentials.username",
				"binderhub-service.config.DockerRegistry.username");
		assert_non_null(tree_get_path(doc->root, "binderhub-service.config.BinderHub.image_prefix"));
		tree_doc_free(doc);

		doc = load_template(secrets[i]);
		assert_alias_of(doc->root, "binderhub-service.buildPodsRegistryCredentials.password",
				"binderhub-service.config.DockerRegistry.password");
		assert_non_null(doc->root->as.mapping.pairs[0].key->comment);
		tree_doc_free(doc);
	}
}

static void test_templates_quay_secret_pull_credentials(void **state)
{
	struct tree_doc *doc = load_template("secrets/registry-quay.yaml");

	(void)state;
	assert_true(tree_is_true(tree_get_path(doc->root, "jupyterhub.imagePullSecret.create")));
	assert_true(tree_scalar_equals(tree_get_path(doc->root, "jupyterhub.imagePullSecret.registry"),
				       "quay.io"));
	assert_alias_of(doc->root, "jupyterhub.imagePullSecret.password",
			"binderhub-service.config.DockerRegistry.password");
	tree_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_templates_find_each_expected),
		cmocka_unit_test(test_templates_find_unknown_returns_null),
		cmocka_unit_test(test_templates_table_sorted_by_name),
		cmocka_unit_test(test_templates_load_every_template),
		cmocka_unit_test(test_templates_placeholders_are_known),
		cmocka_unit_test(test_templates_fill_with_every_value),
		cmocka_unit_test(test_templates_base_top_level_order),
		cmocka_unit_test(test_templates_base_clears_storage_with_null),
		cmocka_unit_test(test_templates_extra_env_complete),
		cmocka_unit_test(test_templates_null_authenticator_is_string),
		cmocka_unit_test(test_templates_launch_logs_off_has_pragma),
		cmocka_unit_test(test_templates_registry_aliases),
		cmocka_unit_test(test_templates_quay_secret_pull_credentials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
