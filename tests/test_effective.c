/* Unit tests of layering and coalescing into effective values (include/effective.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "effective.h"
#include "fixture.h"
#include "load.h"
#include "tree.h"

static struct tree_doc *parse(const char *name, const char *yaml)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;
	struct tree_doc *doc = NULL;

	if (load_buffer(yaml, strlen(yaml), name, &options, &doc, &err) != LOAD_OK)
		fail_msg("%s does not load: %s (line %zu)", name, err.message, err.mark.line);
	return doc;
}

static void add_layer(struct effective *effective, const char *name, const char *yaml)
{
	struct load_error err;

	if (effective_add_layer(effective, parse(name, yaml), &err) != LOAD_OK)
		fail_msg("%s cannot be layered: %s", name, err.message);
}

/* Use yaml as chart defaults named "defaults.yaml" through a temporary file. */
static void use_defaults_text(struct effective *effective, const char *yaml)
{
	char *folder = fixture_temp_dir();
	char path[512];
	struct load_error err;

	snprintf(path, sizeof(path), "%s/defaults.yaml", folder);
	assert_int_equal(fixture_write_file(path, yaml, 0644), 0);
	assert_int_equal(effective_load_defaults(effective, path, &err), LOAD_OK);
	fixture_remove_tree(folder);
	free(folder);
}

static void build(struct effective *effective)
{
	struct load_error err;

	if (effective_build(effective, &err) != LOAD_OK)
		fail_msg("effective values cannot be built: %s", err.message);
	assert_non_null(effective->values);
	assert_int_equal(effective->values->kind, NODE_MAPPING);
}

static const struct node *get(const struct effective *effective, const char *path)
{
	return tree_get_path(effective->values, path);
}

static const struct deletion *find_deletion(const struct effective *effective, const char *path)
{
	for (size_t i = 0; i < effective->deletion_count; i++)
		if (strcmp(effective->deletions[i].path, path) == 0)
			return &effective->deletions[i];
	return NULL;
}

static const char defaults_yaml[] =
	"jupyterhub:\n"
	"  singleuser:\n"
	"    storage:\n"
	"      type: static\n"
	"      extraVolumes:\n"
	"        shm:\n"
	"          name: dev-shm\n"
	"    cmd:\n"
	"      - check-patch-run\n"
	"      - jupyterhub-singleuser\n"
	"  hub:\n"
	"    services:\n"
	"      binder:\n"
	"        oauth_no_confirm: true\n"
	"binderhub-service:\n"
	"  enabled: false\n";

/* ---- merging between user layers ---- */

static void test_effective_merge_later_layer_wins(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "a.yaml", "binderhub-service:\n  enabled: false\n  x: 1\n");
	add_layer(&effective, "b.yaml", "binderhub-service:\n  enabled: true\n");
	build(&effective);
	assert_true(tree_is_true(get(&effective, "binderhub-service.enabled")));
	assert_true(tree_scalar_equals(get(&effective, "binderhub-service.x"), "1"));
	effective_release(&effective);
}

static void test_effective_merge_list_replaces(void **state)
{
	struct effective effective;
	const struct node *scopes;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "a.yaml", "roles:\n  scopes: [self, servers, users]\n");
	add_layer(&effective, "b.yaml", "roles:\n  scopes: [admin:users]\n");
	build(&effective);
	scopes = get(&effective, "roles.scopes");
	assert_non_null(scopes);
	assert_int_equal(scopes->kind, NODE_SEQUENCE);
	assert_int_equal(scopes->as.sequence.count, 1);
	assert_true(tree_scalar_equals(scopes->as.sequence.items[0], "admin:users"));
	effective_release(&effective);
}

/* ---- coalescing onto the chart defaults ---- */

static void test_effective_coalesce_null_deletes_default(void **state)
{
	struct effective effective;
	const struct deletion *deletion;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml",
		  "jupyterhub:\n"
		  "  singleuser:\n"
		  "    storage:\n"
		  "      extraVolumes:\n");
	build(&effective);
	assert_null(get(&effective, "jupyterhub.singleuser.storage.extraVolumes"));
	assert_non_null(get(&effective, "jupyterhub.singleuser.storage.type"));
	deletion = find_deletion(&effective, "jupyterhub.singleuser.storage.extraVolumes");
	assert_non_null(deletion);
	assert_string_equal(deletion->mark.file, "hub.yaml");
	assert_int_equal(deletion->mark.line, 4);
	effective_release(&effective);
}

static void test_effective_coalesce_empty_map_keeps_default(void **state)
{
	struct effective effective;
	const struct node *name;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "a.yaml", "jupyterhub:\n  singleuser:\n    storage:\n      extraVolumes: null\n");
	/* A later {} re-merges the defaults even over an earlier null. */
	add_layer(&effective, "b.yaml", "jupyterhub:\n  singleuser:\n    storage:\n      extraVolumes: {}\n");
	build(&effective);
	name = get(&effective, "jupyterhub.singleuser.storage.extraVolumes.shm.name");
	assert_true(tree_scalar_equals(name, "dev-shm"));
	assert_null(find_deletion(&effective, "jupyterhub.singleuser.storage.extraVolumes"));
	effective_release(&effective);
}

static void test_effective_coalesce_list_replaces_default(void **state)
{
	struct effective effective;
	const struct node *cmd;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml", "jupyterhub:\n  singleuser:\n    cmd: []\n");
	build(&effective);
	cmd = get(&effective, "jupyterhub.singleuser.cmd");
	assert_non_null(cmd);
	assert_int_equal(cmd->kind, NODE_SEQUENCE);
	assert_int_equal(cmd->as.sequence.count, 0);
	effective_release(&effective);
}

static void test_effective_coalesce_scalar_replaces_default_map(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml", "jupyterhub:\n  hub:\n    services: none\n");
	build(&effective);
	assert_true(tree_scalar_equals(get(&effective, "jupyterhub.hub.services"), "none"));
	effective_release(&effective);
}

static void test_effective_coalesce_missing_keys_from_defaults(void **state)
{
	struct effective effective;
	const struct node *enabled;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml", "jupyterhub:\n  custom: {}\n");
	build(&effective);
	enabled = get(&effective, "binderhub-service.enabled");
	assert_true(tree_is_false(enabled));
	assert_non_null(effective.defaults_name);
	assert_string_equal(enabled->mark.file, effective.defaults_name);
	effective_release(&effective);
}

static void test_effective_coalesce_leftover_null_removed(void **state)
{
	struct effective effective;
	const struct deletion *deletion;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml",
		  "binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub:\n"
		  "      base_url: ~\n");
	build(&effective);
	assert_null(get(&effective, "binderhub-service.config.BinderHub.base_url"));
	assert_non_null(get(&effective, "binderhub-service.config.BinderHub"));
	deletion = find_deletion(&effective, "binderhub-service.config.BinderHub.base_url");
	assert_non_null(deletion);
	assert_int_equal(deletion->mark.line, 4);
	assert_int_equal(deletion->mark.column, 17);
	effective_release(&effective);
}

static void test_effective_coalesce_quoted_null_is_string(void **state)
{
	struct effective effective;
	const struct node *class_node;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "jupyterhub:\n  hub:\n    config:\n      JupyterHub:\n"
		  "        authenticator_class: \"null\"\n");
	build(&effective);
	class_node = get(&effective, "jupyterhub.hub.config.JupyterHub.authenticator_class");
	assert_true(tree_scalar_equals(class_node, "null"));
	assert_int_equal(effective.deletion_count, 0);
	effective_release(&effective);
}

static void test_effective_deletion_path_escapes_dots(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "jupyterhub:\n  singleuser:\n    nodeSelector:\n"
		  "      node.kubernetes.io/instance-type:\n");
	build(&effective);
	assert_non_null(find_deletion(
		&effective, "jupyterhub.singleuser.nodeSelector.node\\.kubernetes\\.io/instance-type"));
	effective_release(&effective);
}

static void test_effective_join_path_escapes(void **state)
{
	char *path;

	(void)state;
	path = effective_join_path("a.b", "x.y");
	assert_string_equal(path, "a.b.x\\.y");
	free(path);
	path = effective_join_path(NULL, "top");
	assert_string_equal(path, "top");
	free(path);
	path = effective_join_path("", "top");
	assert_string_equal(path, "top");
	free(path);
}

static void test_effective_no_defaults_empty_values(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	build(&effective);
	assert_int_equal(effective.values->as.mapping.count, 0);
	assert_null(effective.defaults_name);
	effective_release(&effective);
}

/* ---- anchors, aliases and merge keys ---- */

static void test_effective_alias_value_resolved(void **state)
{
	struct effective effective;
	const struct node *password;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "x-password: &password hunter2\n"
		  "binderhub-service:\n"
		  "  config:\n"
		  "    DockerRegistry:\n"
		  "      password: *password\n");
	build(&effective);
	password = get(&effective, "binderhub-service.config.DockerRegistry.password");
	assert_non_null(password);
	assert_int_equal(password->kind, NODE_SCALAR);
	assert_string_equal(password->as.scalar.value, "hunter2");
	/* The copy points at the alias, the key the user would edit, not at
	 * the anchor that contains the text. */
	assert_int_equal(password->mark.line, 5);
	assert_int_equal(password->mark.column, 17);
	effective_release(&effective);
}

static void test_effective_alias_map_merges_into_defaults(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml",
		  "base: &storage\n"
		  "  type: none\n"
		  "jupyterhub:\n"
		  "  singleuser:\n"
		  "    storage: *storage\n");
	build(&effective);
	assert_true(tree_scalar_equals(get(&effective, "jupyterhub.singleuser.storage.type"), "none"));
	/* An aliased map merges like a written one, so the default extraVolumes stay. */
	assert_non_null(get(&effective, "jupyterhub.singleuser.storage.extraVolumes.shm"));
	effective_release(&effective);
}

static void test_effective_redefined_anchor_later_wins(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "a: &value first\n"
		  "b: *value\n"
		  "c: &value second\n"
		  "d: *value\n");
	build(&effective);
	assert_true(tree_scalar_equals(get(&effective, "b"), "first"));
	assert_true(tree_scalar_equals(get(&effective, "d"), "second"));
	effective_release(&effective);
}

static void test_effective_merge_key_mapping(void **state)
{
	struct effective effective;
	const struct node *mapping;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "common: &common\n"
		  "  url: https://quay.io\n"
		  "  username: robot\n"
		  "registry:\n"
		  "  <<: *common\n"
		  "  username: own-robot\n");
	build(&effective);
	mapping = get(&effective, "registry");
	assert_non_null(mapping);
	assert_null(tree_mapping_find(mapping, "<<"));
	assert_true(tree_scalar_equals(get(&effective, "registry.url"), "https://quay.io"));
	/* A key written in the mapping wins over a merged one, wherever it is written. */
	assert_true(tree_scalar_equals(get(&effective, "registry.username"), "own-robot"));
	assert_int_equal(mapping->as.mapping.count, 2);
	effective_release(&effective);
}

static void test_effective_merge_key_list_earlier_wins(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "one: &one {a: 1, b: 1}\n"
		  "two: &two {b: 2, c: 2}\n"
		  "merged:\n"
		  "  <<: [*one, *two]\n");
	build(&effective);
	assert_true(tree_scalar_equals(get(&effective, "merged.a"), "1"));
	assert_true(tree_scalar_equals(get(&effective, "merged.b"), "1"));
	assert_true(tree_scalar_equals(get(&effective, "merged.c"), "2"));
	effective_release(&effective);
}

static void test_effective_merge_key_expanded_in_layer(void **state)
{
	struct effective effective;
	const struct node *merged;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml",
		  "base: &base\n"
		  "  inner: &inner {x: 1}\n"
		  "  <<: {y: 2}\n"
		  "top:\n"
		  "  <<: *base\n");
	/* Rules that read the layers get helm's view: no "<<" left, nested merges done. */
	merged = tree_get_path(effective.layers[0].doc->root, "top");
	assert_null(tree_mapping_find(merged, "<<"));
	assert_true(tree_scalar_equals(tree_get_path(effective.layers[0].doc->root, "top.y"), "2"));
	assert_true(tree_scalar_equals(tree_get_path(effective.layers[0].doc->root, "top.inner.x"),
				       "1"));
	effective_release(&effective);
}

static void test_effective_merge_key_scalar_rejected(void **state)
{
	struct effective effective;
	struct load_error err;

	(void)state;
	effective_init(&effective, false);
	assert_int_equal(effective_add_layer(&effective, parse("bad.yaml", "a: &a text\nb:\n  <<: *a\n"),
					     &err),
			 LOAD_ERR_STRUCTURE);
	assert_int_equal(err.mark.line, 3);
	assert_string_equal(err.mark.file, "bad.yaml");
	assert_non_null(strstr(err.message, "merge key '<<'"));
	effective_release(&effective);
}

static void test_effective_merge_key_list_of_scalars_rejected(void **state)
{
	struct effective effective;
	struct load_error err;

	(void)state;
	effective_init(&effective, false);
	assert_int_equal(effective_add_layer(&effective, parse("bad.yaml", "b:\n  <<: [1, 2]\n"), &err),
			 LOAD_ERR_STRUCTURE);
	assert_int_equal(err.mark.line, 2);
	effective_release(&effective);
}

static void test_effective_quoted_merge_key_is_plain_key(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml", "a:\n  '<<': text\n");
	build(&effective);
	assert_true(tree_scalar_equals(get(&effective, "a.<<"), "text"));
	effective_release(&effective);
}

static void test_effective_alias_bomb_limited(void **state)
{
	struct effective effective;
	struct load_error err;
	char yaml[2048] = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";

	(void)state;
	/* Eight levels of ten aliases each expand to 10^9 nodes. */
	for (int level = 1; level <= 8; level++) {
		size_t used = strlen(yaml);

		snprintf(yaml + used, sizeof(yaml) - used,
			 "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n",
			 level, level, level - 1, level - 1, level - 1, level - 1, level - 1, level - 1,
			 level - 1, level - 1, level - 1, level - 1);
	}
	effective_init(&effective, false);
	add_layer(&effective, "bomb.yaml", yaml);
	assert_int_equal(effective_build(&effective, &err), LOAD_ERR_LIMIT);
	assert_string_equal(err.mark.file, "bomb.yaml");
	assert_non_null(strstr(err.message, "aliases expand to more than"));
	effective_release(&effective);
}

/* ---- layers ---- */

static void test_effective_duplicate_keys_recorded(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "hub.yaml", "a:\n  b: 1\n  b: 2\n");
	assert_int_equal(effective.layers[0].doc->duplicate_count, 1);
	assert_int_equal(effective.layers[0].doc->duplicates[0].second->mark.line, 3);
	build(&effective);
	effective_release(&effective);
}

static void test_effective_sops_key_dropped(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "enc-binder.secret.values.yaml",
		  "binderhub-service:\n"
		  "  config:\n"
		  "    DockerRegistry:\n"
		  "      password: ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]\n"
		  "sops:\n"
		  "  version: 3.9.0\n");
	build(&effective);
	assert_null(get(&effective, "sops"));
	assert_null(tree_mapping_find(effective.layers[0].doc->root, "sops"));
	assert_non_null(effective.layers[0].sops);
	assert_true(tree_scalar_equals(tree_mapping_get(effective.layers[0].sops, "version"), "3.9.0"));
	assert_true(effective.layers[0].secret);
	effective_release(&effective);
}

static void test_effective_secret_from_basename_only(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "secrets/binder.values.yaml", "a: 1\n");
	add_layer(&effective, "config/enc-binder.secret.values.yaml", "b: 1\n");
	assert_false(effective.layers[0].secret);
	assert_true(effective.layers[1].secret);
	assert_null(effective.layers[0].sops);
	effective_release(&effective);
}

static void test_effective_daskhub_uses_basehub_subtree(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, true);
	add_layer(&effective, "hub.yaml",
		  "basehub:\n"
		  "  binderhub-service:\n"
		  "    enabled: true\n"
		  "dask-gateway:\n"
		  "  enabled: true\n");
	build(&effective);
	assert_true(tree_is_true(get(&effective, "binderhub-service.enabled")));
	assert_null(get(&effective, "dask-gateway"));
	assert_null(get(&effective, "basehub"));
	assert_ptr_equal(effective.layers[0].values,
			 tree_mapping_get(effective.layers[0].doc->root, "basehub"));
	effective_release(&effective);
}

static void test_effective_non_mapping_layer_skipped(void **state)
{
	struct effective effective;

	(void)state;
	effective_init(&effective, false);
	add_layer(&effective, "list.yaml", "- a\n- b\n");
	add_layer(&effective, "hub.yaml", "a: 1\n");
	build(&effective);
	assert_int_equal(effective.layer_count, 2);
	assert_true(tree_scalar_equals(get(&effective, "a"), "1"));
	assert_int_equal(effective.values->as.mapping.count, 1);
	effective_release(&effective);
}

static void test_effective_load_layer_missing_file(void **state)
{
	struct effective effective;
	struct load_error err;

	(void)state;
	effective_init(&effective, false);
	assert_int_equal(effective_load_layer(&effective, "/nonexistent/values.yaml", &err),
			 LOAD_ERR_IO);
	assert_int_equal(effective.layer_count, 0);
	effective_release(&effective);
}

static void test_effective_load_layer_syntax_error(void **state)
{
	struct effective effective;
	struct load_error err;
	char *folder = fixture_temp_dir();
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/broken.yaml", folder);
	assert_int_equal(fixture_write_file(path, "a:\n  b: [1, 2\n", 0644), 0);
	effective_init(&effective, false);
	assert_int_equal(effective_load_layer(&effective, path, &err), LOAD_ERR_SYNTAX);
	assert_string_equal(err.mark.file, path);
	assert_true(err.mark.line > 0);
	effective_release(&effective);
	fixture_remove_tree(folder);
	free(folder);
}

static void test_effective_load_layer_from_file(void **state)
{
	struct effective effective;
	struct load_error err;
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/fixtures/check/unauthenticated.values.yaml", BHG_TESTS_DIR);
	effective_init(&effective, false);
	assert_int_equal(effective_load_layer(&effective, path, &err), LOAD_OK);
	assert_int_equal(effective.layer_count, 1);
	assert_string_equal(effective.layers[0].name, path);
	/* Comments are kept, because disable comments live in them. */
	assert_non_null(effective.layers[0].doc->root->as.mapping.pairs[0].key->comment);
	effective_release(&effective);
}

/* ---- chart defaults ---- */

static void test_effective_builtin_defaults_named_by_revision(void **state)
{
	struct effective effective;
	struct load_error err;
	const struct node *base_url;

	(void)state;
	effective_init(&effective, false);
	assert_int_equal(effective_load_builtin_defaults(&effective, &err), LOAD_OK);
	assert_string_equal(effective.defaults_name, "chart defaults (built-in, 9ad7cd0fc)");
	build(&effective);
	base_url = get(&effective, "binderhub-service.config.BinderHub.base_url");
	assert_true(tree_scalar_equals(base_url, "/services/binder"));
	assert_string_equal(base_url->mark.file, "chart defaults (built-in, 9ad7cd0fc)");
	effective_release(&effective);
}

static void test_effective_defaults_file_named_by_path(void **state)
{
	struct effective effective;
	struct load_error err;
	char *folder = fixture_temp_dir();
	char path[512];
	char expected[600];

	(void)state;
	snprintf(path, sizeof(path), "%s/values.yaml", folder);
	assert_int_equal(fixture_write_file(path, "a: 1\n", 0644), 0);
	effective_init(&effective, false);
	assert_int_equal(effective_load_defaults(&effective, path, &err), LOAD_OK);
	snprintf(expected, sizeof(expected), "chart defaults (%s)", path);
	assert_string_equal(effective.defaults_name, expected);
	effective_release(&effective);
	fixture_remove_tree(folder);
	free(folder);
}

static void test_effective_defaults_not_mapping_rejected(void **state)
{
	struct effective effective;
	struct load_error err;
	char *folder = fixture_temp_dir();
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/values.yaml", folder);
	assert_int_equal(fixture_write_file(path, "- a\n", 0644), 0);
	effective_init(&effective, false);
	assert_int_equal(effective_load_defaults(&effective, path, &err), LOAD_ERR_STRUCTURE);
	assert_non_null(strstr(err.message, "not a YAML mapping"));
	assert_null(effective.defaults);
	effective_release(&effective);
	fixture_remove_tree(folder);
	free(folder);
}

static void test_effective_defaults_missing_file(void **state)
{
	struct effective effective;
	struct load_error err;

	(void)state;
	effective_init(&effective, false);
	assert_int_equal(effective_load_defaults(&effective, "/nonexistent/values.yaml", &err),
			 LOAD_ERR_IO);
	effective_release(&effective);
}

/* ---- provenance ---- */

static void test_effective_provenance_names_supplying_layer(void **state)
{
	struct effective effective;
	const struct node *enabled;
	const struct node *kept;

	(void)state;
	effective_init(&effective, false);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "common.yaml", "binderhub-service:\n  enabled: false\n  keep: 1\n");
	add_layer(&effective, "hub.yaml", "# hub file\n\nbinderhub-service:\n  enabled: true\n");
	build(&effective);
	enabled = get(&effective, "binderhub-service.enabled");
	assert_string_equal(enabled->mark.file, "hub.yaml");
	assert_int_equal(enabled->mark.line, 4);
	assert_int_equal(enabled->mark.column, 12);
	kept = get(&effective, "binderhub-service.keep");
	assert_string_equal(kept->mark.file, "common.yaml");
	assert_int_equal(kept->mark.line, 3);
	effective_release(&effective);
}

static void test_effective_fill_context_copies_fields(void **state)
{
	struct effective effective;
	struct rule_context ctx = {0};

	(void)state;
	effective_init(&effective, true);
	use_defaults_text(&effective, defaults_yaml);
	add_layer(&effective, "hub.yaml", "basehub:\n  a: ~\n");
	build(&effective);
	effective_fill_context(&effective, &ctx);
	assert_ptr_equal(ctx.values, effective.values);
	assert_int_equal(ctx.deletion_count, 1);
	assert_ptr_equal(ctx.deletions, effective.deletions);
	assert_int_equal(ctx.layer_count, 1);
	assert_ptr_equal(ctx.layers, effective.layers);
	assert_ptr_equal(ctx.defaults_name, effective.defaults_name);
	assert_true(ctx.have_defaults);
	assert_true(ctx.daskhub);
	effective_release(&effective);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_effective_merge_later_layer_wins),
		cmocka_unit_test(test_effective_merge_list_replaces),
		cmocka_unit_test(test_effective_coalesce_null_deletes_default),
		cmocka_unit_test(test_effective_coalesce_empty_map_keeps_default),
		cmocka_unit_test(test_effective_coalesce_list_replaces_default),
		cmocka_unit_test(test_effective_coalesce_scalar_replaces_default_map),
		cmocka_unit_test(test_effective_coalesce_missing_keys_from_defaults),
		cmocka_unit_test(test_effective_coalesce_leftover_null_removed),
		cmocka_unit_test(test_effective_coalesce_quoted_null_is_string),
		cmocka_unit_test(test_effective_deletion_path_escapes_dots),
		cmocka_unit_test(test_effective_join_path_escapes),
		cmocka_unit_test(test_effective_no_defaults_empty_values),
		cmocka_unit_test(test_effective_alias_value_resolved),
		cmocka_unit_test(test_effective_alias_map_merges_into_defaults),
		cmocka_unit_test(test_effective_redefined_anchor_later_wins),
		cmocka_unit_test(test_effective_merge_key_mapping),
		cmocka_unit_test(test_effective_merge_key_list_earlier_wins),
		cmocka_unit_test(test_effective_merge_key_expanded_in_layer),
		cmocka_unit_test(test_effective_merge_key_scalar_rejected),
		cmocka_unit_test(test_effective_merge_key_list_of_scalars_rejected),
		cmocka_unit_test(test_effective_quoted_merge_key_is_plain_key),
		cmocka_unit_test(test_effective_alias_bomb_limited),
		cmocka_unit_test(test_effective_duplicate_keys_recorded),
		cmocka_unit_test(test_effective_sops_key_dropped),
		cmocka_unit_test(test_effective_secret_from_basename_only),
		cmocka_unit_test(test_effective_daskhub_uses_basehub_subtree),
		cmocka_unit_test(test_effective_non_mapping_layer_skipped),
		cmocka_unit_test(test_effective_load_layer_missing_file),
		cmocka_unit_test(test_effective_load_layer_syntax_error),
		cmocka_unit_test(test_effective_load_layer_from_file),
		cmocka_unit_test(test_effective_builtin_defaults_named_by_revision),
		cmocka_unit_test(test_effective_defaults_file_named_by_path),
		cmocka_unit_test(test_effective_defaults_not_mapping_rejected),
		cmocka_unit_test(test_effective_defaults_missing_file),
		cmocka_unit_test(test_effective_provenance_names_supplying_layer),
		cmocka_unit_test(test_effective_fill_context_copies_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
