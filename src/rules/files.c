/*
 * File-level and derived rules.  Each values file parses as a mapping without
 * repeated keys, and its top-level keys fit the chart.  Class sections sit
 * where traitlets reads them, the authenticator class is written out, and the
 * admin volume mounts have the type that basehub's schema accepts.
 */
#include "check.h"
#include "rules_util.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define PATH_SIZE 1024

/** A dotted key path under construction.  Text that does not fit is cut, never overrun. */
struct path_buffer {
	char text[PATH_SIZE];
	size_t length;
};

static size_t path_push(struct path_buffer *path, const char *key)
{
	size_t before = path->length;

	path->length = rules_path_append_key(path->text, PATH_SIZE, path->length, key);
	return before;
}

static size_t path_push_index(struct path_buffer *path, size_t index)
{
	size_t before = path->length;
	int written = snprintf(path->text + path->length, PATH_SIZE - path->length, "[%zu]", index);

	if (written > 0)
		path->length += (size_t)written < PATH_SIZE - path->length ?
					(size_t)written :
					PATH_SIZE - path->length - 1;
	return before;
}

static void path_pop(struct path_buffer *path, size_t length)
{
	path->length = length;
	path->text[length] = '\0';
}

static const char *layer_root_kind(const struct node *root)
{
	root = tree_resolve(root);
	if (root->kind == NODE_SEQUENCE)
		return "a list";
	return "a scalar";
}

/* ---- BH003 ---------------------------------------------------------------- */

void check_BH003(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.hub.config.JupyterHub.authenticator_class";
	const struct node *node = check_get(ctx, path);
	const struct node *value = tree_resolve(node);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node))
		return;
	if ((value && tree_is_null(value)) || (!value && check_is_deleted(ctx, path))) {
		check_report_missing(ctx, RULE_BH003, path,
				     "%s is deleted by an unquoted null; write \"null\" "
				     "in quotes for the null authenticator, or the authenticator's "
				     "class",
				     path);
		return;
	}
	if (!value) {
		check_report_missing(ctx, RULE_BH003, path,
				     "missing %s; set it to the authenticator class, or to "
				     "\"null\" in quotes for an unauthenticated hub",
				     path);
		return;
	}
	if (value->kind != NODE_SCALAR || tree_scalar_type(value) != SCALAR_TYPE_STRING ||
	    value->as.scalar.length == 0)
		check_report(ctx, RULE_BH003, node, path,
			     "%s is %s, not a class name; set it to the authenticator class, or to "
			     "\"null\" in quotes for an unauthenticated hub",
			     path, rules_display_quoted(node, shown, sizeof(shown)));
}

/* ---- BH005 ---------------------------------------------------------------- */

/* Find the key node inside node and leave its dotted path in path.  Aliases
 * are not followed, because a repeated key belongs to the place it was written. */
static bool find_key_path(const struct node *node, const struct node *key,
			  struct path_buffer *path)
{
	if (!node || node->kind == NODE_ALIAS || node->kind == NODE_SCALAR)
		return false;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			size_t before = path_push_index(path, i);

			if (find_key_path(node->as.sequence.items[i], key, path))
				return true;
			path_pop(path, before);
		}
		return false;
	}
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		const struct pair *pair = &node->as.mapping.pairs[i];
		const char *text = pair->key->kind == NODE_SCALAR ? pair->key->as.scalar.value : "?";
		size_t before = path_push(path, text);

		if (pair->key == key)
			return true;
		if (find_key_path(pair->value, key, path))
			return true;
		path_pop(path, before);
	}
	return false;
}

void check_BH005(const struct rule_context *ctx)
{
	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct tree_doc *doc = ctx->layers[i].doc;

		for (size_t d = 0; doc && d < doc->duplicate_count; d++) {
			const struct duplicate_key *duplicate = &doc->duplicates[d];
			const char *key = check_text(duplicate->second);
			struct path_buffer path = {.text = "", .length = 0};

			find_key_path(doc->root, duplicate->second, &path);
			check_report(ctx, RULE_BH005, duplicate->second, path.text,
				     "key '%s' is written twice in %s, first at line %zu, column %zu; "
				     "keep one and merge the two blocks into it",
				     key ? key : "?", ctx->layers[i].name, duplicate->first->mark.line,
				     duplicate->first->mark.column);
		}
	}
}

/* ---- BH006 ---------------------------------------------------------------- */

/* A traitlets class name such as DockerRegistry has a capital first letter,
 * at least one lower-case letter, and only letters, digits and '_'.  Trait names
 * and chart keys start with a lower-case letter, so they never match. */
static bool is_class_name(const char *text)
{
	bool lower = false;

	if (!text || !isupper((unsigned char)text[0]))
		return false;
	for (const char *c = text; *c; c++) {
		if (!isalnum((unsigned char)*c) && *c != '_')
			return false;
		if (islower((unsigned char)*c))
			lower = true;
	}
	return lower;
}

static bool is_class_section(const struct pair *pair)
{
	const struct node *value = tree_resolve(pair->value);

	return is_class_name(check_text(pair->key)) && value && value->kind == NODE_MAPPING;
}

/* Report class sections one level too deep, as in config.<Class>.<Class>. */
static void check_nested_classes(const struct rule_context *ctx, const char *config_path)
{
	const struct node *config = tree_resolve(check_get(ctx, config_path));

	if (!config || config->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < config->as.mapping.count; i++) {
		const struct pair *outer = &config->as.mapping.pairs[i];
		const struct node *section = tree_resolve(outer->value);
		const char *outer_name = check_text(outer->key);

		if (!outer_name || !section || section->kind != NODE_MAPPING)
			continue;
		for (size_t j = 0; j < section->as.mapping.count; j++) {
			const struct pair *inner = &section->as.mapping.pairs[j];
			const char *inner_name = check_text(inner->key);
			char path[PATH_SIZE];

			if (!is_class_section(inner))
				continue;
			snprintf(path, sizeof(path), "%s.%s.%s", config_path, outer_name, inner_name);
			check_report(ctx, RULE_BH006, inner->key, path,
				     "class section %s sits inside %s.%s, where it is ignored; move it "
				     "up to %s.%s",
				     path, config_path, outer_name, config_path, inner_name);
		}
	}
}

/* Report class sections that lack their config parent, as in <chart>.<Class>. */
static void check_classes_outside_config(const struct rule_context *ctx, const char *parent_path)
{
	const struct node *parent = tree_resolve(check_get(ctx, parent_path));

	if (!parent || parent->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < parent->as.mapping.count; i++) {
		const struct pair *pair = &parent->as.mapping.pairs[i];
		const char *name = check_text(pair->key);
		char path[PATH_SIZE];

		if (!is_class_section(pair))
			continue;
		snprintf(path, sizeof(path), "%s.%s", parent_path, name);
		check_report(ctx, RULE_BH006, pair->key, path,
			     "class section %s is outside %s.config, where it is ignored; move it to "
			     "%s.config.%s",
			     path, parent_path, parent_path, name);
	}
}

void check_BH006(const struct rule_context *ctx)
{
	check_nested_classes(ctx, "binderhub-service.config");
	check_nested_classes(ctx, "jupyterhub.hub.config");
	check_classes_outside_config(ctx, "binderhub-service");
	check_classes_outside_config(ctx, "jupyterhub.hub");
}

/* ---- BH007 ---------------------------------------------------------------- */

void check_BH007(const struct rule_context *ctx)
{
	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct layer *layer = &ctx->layers[i];
		const struct node *root = layer->doc ? tree_resolve(layer->doc->root) : NULL;

		/* Helm reads an empty file, or one that is only null, as no values. */
		if (!root || root->kind == NODE_MAPPING || tree_is_null(root))
			continue;
		check_report(ctx, RULE_BH007, root, "",
			     "the top level of %s is %s, not a mapping; write the values as a "
			     "mapping of chart keys such as 'jupyterhub:'",
			     layer->name, layer_root_kind(root));
	}
}

/* ---- BH008 ---------------------------------------------------------------- */

void check_BH008(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.custom.singleuserAdmin.extraVolumeMounts";
	const struct node *node = check_get(ctx, path);
	const struct node *value = tree_resolve(node);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_absent(node) || value->kind == NODE_MAPPING || check_is_encrypted(node))
		return;
	/* Charts from before 2026-02 still declare the default as a list, and
	 * their schema expects one. */
	if (value->kind == NODE_SEQUENCE && check_from_defaults(ctx, value))
		return;
	/* NOTE: a user list over such an older chart's list default is still
	 * reported, because the context does not carry the defaults' own value. */
	check_report(ctx, RULE_BH008, node, path,
		     "%s is %s, which basehub's values schema rejects because it accepts only a "
		     "mapping or null; write the key with no value to delete the admin mounts",
		     path, rules_display_quoted(node, shown, sizeof(shown)));
}

/* ---- BH009 ---------------------------------------------------------------- */

static bool is_daskhub_root_key(const char *key)
{
	return strcmp(key, "basehub") == 0 || strcmp(key, "global") == 0;
}

void check_BH009(const struct rule_context *ctx)
{
	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct layer *layer = &ctx->layers[i];
		const struct node *root = layer->doc ? tree_resolve(layer->doc->root) : NULL;

		if (layer->emulated || !root || root->kind != NODE_MAPPING)
			continue;
		for (size_t k = 0; k < root->as.mapping.count; k++) {
			const struct node *key = root->as.mapping.pairs[k].key;
			const char *text = check_text(key);
			struct path_buffer path = {.text = "", .length = 0};

			/* sops metadata and merge keys are not chart values. */
			if (!text || strcmp(text, "sops") == 0 || strcmp(text, "<<") == 0)
				continue;
			path_push(&path, text);
			if (ctx->daskhub && !is_daskhub_root_key(text))
				check_report(ctx, RULE_BH009, key, path.text,
					     "top-level key '%s' in %s is ignored by the daskhub chart, "
					     "which reads only basehub and global; move it under "
					     "'basehub:'",
					     text, layer->name);
			else if (!ctx->daskhub && strcmp(text, "basehub") == 0)
				check_report(ctx, RULE_BH009, key, path.text,
					     "top-level key 'basehub' in %s is ignored by the basehub "
					     "chart; move its contents to the top level",
					     layer->name);
		}
	}
}
