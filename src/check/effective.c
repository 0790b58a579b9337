/* Layers, chart defaults and effective values; documented in include/effective.h. */
#include "effective.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "effective_parts.h"
#include "merge.h"
#include "templates.h"

/* Exported function, documented in include/effective.h */
void effective_init(struct effective *effective, bool daskhub)
{
	memset(effective, 0, sizeof(*effective));
	effective->daskhub = daskhub;
}

/* Exported function, documented in include/effective.h */
char *effective_join_path(const char *parent_path, const char *key)
{
	size_t parent_length = parent_path ? strlen(parent_path) : 0;
	size_t dots = 0;
	char *path, *cursor;

	for (const char *c = key; *c; c++)
		if (*c == '.')
			dots++;
	path = malloc(parent_length + 1 + strlen(key) + dots + 1);
	if (!path)
		abort();
	cursor = path;
	if (parent_length) {
		memcpy(cursor, parent_path, parent_length);
		cursor += parent_length;
		*cursor++ = '.';
	}
	for (const char *c = key; *c; c++) {
		if (*c == '.')
			*cursor++ = '\\';
		*cursor++ = *c;
	}
	*cursor = '\0';
	return path;
}

static bool basename_contains_secret(const char *path)
{
	const char *slash = strrchr(path, '/');

	return strstr(slash ? slash + 1 : path, "secret") != NULL;
}

/* sops removes its metadata when it decrypts a file, so helm never reads a sops key. */
static const struct node *drop_sops_key(struct tree_doc *doc)
{
	struct node *root = doc->root;

	if (!root || root->kind != NODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < root->as.mapping.count; i++) {
		const struct pair *pair = &root->as.mapping.pairs[i];
		const struct node *value;

		if (!tree_scalar_equals(pair->key, "sops"))
			continue;
		value = tree_resolve(pair->value);
		tree_mapping_remove_at(root, i);
		return value && value->kind == NODE_MAPPING ? value : NULL;
	}
	return NULL;
}

static const struct node *layer_values(const struct effective *effective,
				       const struct tree_doc *doc)
{
	if (!doc->root)
		return NULL;
	if (effective->daskhub)
		return tree_mapping_get(doc->root, "basehub");
	return doc->root;
}

/* Exported function, documented in include/effective.h */
enum load_status effective_add_layer(struct effective *effective, struct tree_doc *doc,
				     struct load_error *err)
{
	struct layer *layer;
	enum load_status status;

	if (effective->layer_count == effective->layer_capacity) {
		size_t capacity = effective->layer_capacity ? effective->layer_capacity * 2 : 4;
		struct layer *bigger = realloc(effective->layers, capacity * sizeof(*bigger));

		if (!bigger)
			abort();
		effective->layers = bigger;
		effective->layer_capacity = capacity;
	}
	layer = &effective->layers[effective->layer_count++];
	memset(layer, 0, sizeof(*layer));
	layer->doc = doc;
	layer->name = doc->file ? doc->file : "";
	layer->secret = basename_contains_secret(layer->name);
	layer->sops = drop_sops_key(doc);

	status = merge_keys_expand(doc, err);
	if (status != LOAD_OK)
		return status;
	layer->values = layer_values(effective, doc);
	return LOAD_OK;
}

/* The name load_file() gives path, as a string that outlives the load. */
static const char *file_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "stdin" : path;
}

/* Exported function, documented in include/effective.h */
enum load_status effective_add_emulated_layer(struct effective *effective, struct tree_doc *doc,
					      struct load_error *err)
{
	enum load_status status = effective_add_layer(effective, doc, err);

	effective->layers[effective->layer_count - 1].emulated = true;
	return status;
}

/* Exported function, documented in include/effective.h */
enum load_status effective_load_layer(struct effective *effective, const char *path,
				      struct load_error *err)
{
	struct load_options options = {.keep_comments = true};
	struct tree_doc *doc = NULL;
	enum load_status status = load_file(path, &options, &doc, err);

	if (status != LOAD_OK) {
		err->mark.file = file_name(path);
		return status;
	}
	return effective_add_layer(effective, doc, err);
}

/* Give every node of the defaults the defaults' name as its file, the
 * mark that check_from_defaults() looks for. */
static void rename_marks(struct node *node, const char *name)
{
	if (!node)
		return;
	/* An alias is renamed too, because a copy of its value takes the
	 * alias's mark; its target is renamed where it is defined. */
	node->mark.file = name;
	if (node->kind == NODE_ALIAS)
		return;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			rename_marks(node->as.sequence.items[i], name);
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			rename_marks(node->as.mapping.pairs[i].key, name);
			rename_marks(node->as.mapping.pairs[i].value, name);
		}
	}
}

static enum load_status structure_error(struct load_error *err, const char *file,
					const char *message)
{
	err->status = LOAD_ERR_STRUCTURE;
	err->mark.file = file;
	err->mark.line = 0;
	err->mark.column = 0;
	snprintf(err->message, sizeof(err->message), "%s", message);
	return LOAD_ERR_STRUCTURE;
}

/*
 * Install doc as the defaults under name (both taken over), replacing
 * earlier ones.  file names the defaults in error marks; it must outlive
 * err, which doc's own name does not once doc is freed.
 */
static enum load_status use_defaults(struct effective *effective, struct tree_doc *doc,
				     char *name, const char *file, struct load_error *err)
{
	enum load_status status = LOAD_OK;

	if (!doc->root || doc->root->kind != NODE_MAPPING)
		status = structure_error(err, file,
					 "the chart defaults are not a YAML mapping; pass basehub's "
					 "values.yaml");
	else
		status = merge_keys_expand(doc, err);
	if (status != LOAD_OK) {
		err->mark.file = file;
		tree_doc_free(doc);
		free(name);
		return status;
	}
	rename_marks(doc->root, name);
	tree_doc_free(effective->defaults);
	free(effective->defaults_name);
	effective->defaults = doc;
	effective->defaults_name = name;
	return LOAD_OK;
}

/* "chart defaults (WHAT)", malloc'ed. */
static char *defaults_name(const char *what)
{
	static const char prefix[] = "chart defaults (";
	size_t length = strlen(prefix) + strlen(what) + 2;
	char *name = malloc(length);

	if (!name)
		abort();
	snprintf(name, length, "%s%s)", prefix, what);
	return name;
}

/* The first word after "# revision: " in the header of the built-in defaults. */
static char *builtin_revision(const char *text)
{
	static const char marker[] = "\n# revision: ";
	const char *start = strstr(text, marker);
	size_t length;

	if (!start)
		return NULL;
	start += strlen(marker);
	length = strcspn(start, " \t\r\n");
	return length ? strndup(start, length) : NULL;
}

/* Exported function, documented in include/effective.h */
char *effective_builtin_revision(void)
{
	const struct embedded_template *builtin = templates_find(EFFECTIVE_BUILTIN_DEFAULTS);

	return builtin ? builtin_revision(builtin->data) : NULL;
}

/* Exported function, documented in include/effective.h */
enum load_status effective_load_builtin_defaults(struct effective *effective,
						 struct load_error *err)
{
	const struct embedded_template *builtin = templates_find(EFFECTIVE_BUILTIN_DEFAULTS);
	struct tree_doc *doc = NULL;
	enum load_status status;
	char *revision;
	char *name;

	if (!builtin)
		return structure_error(err, EFFECTIVE_BUILTIN_DEFAULTS,
				       "the built-in chart defaults are missing from this build; "
				       "pass --chart-values FILE");
	status = load_buffer(builtin->data, builtin->size, EFFECTIVE_BUILTIN_DEFAULTS, NULL, &doc,
			     err);
	if (status != LOAD_OK) {
		err->mark.file = EFFECTIVE_BUILTIN_DEFAULTS;
		return status;
	}
	revision = builtin_revision(builtin->data);
	if (revision) {
		char what[96];

		snprintf(what, sizeof(what), "built-in, %.80s", revision);
		name = defaults_name(what);
	} else {
		name = defaults_name("built-in");
	}
	free(revision);
	return use_defaults(effective, doc, name, EFFECTIVE_BUILTIN_DEFAULTS, err);
}

/* Exported function, documented in include/effective.h */
enum load_status effective_load_defaults(struct effective *effective, const char *path,
					 struct load_error *err)
{
	struct tree_doc *doc = NULL;
	enum load_status status = load_file(path, NULL, &doc, err);

	if (status != LOAD_OK) {
		err->mark.file = file_name(path);
		return status;
	}
	return use_defaults(effective, doc, defaults_name(doc->file), file_name(path), err);
}

static enum load_status too_many_nodes(struct load_error *err, const char *file)
{
	err->status = LOAD_ERR_LIMIT;
	err->mark.file = file;
	err->mark.line = 0;
	err->mark.column = 0;
	snprintf(err->message, sizeof(err->message),
		 "aliases expand to more than %zu nodes; a values file is far smaller, so write "
		 "the values out or shorten the chain of aliases",
		 EFFECTIVE_MAX_EXPANDED_NODES);
	return LOAD_ERR_LIMIT;
}

/* Merge one layer's values into *merged through an alias-free scratch copy,
 * because merge_layer() does not look through aliases. */
static enum load_status merge_one_layer(struct effective *effective, const struct layer *layer,
					struct node **merged, struct load_error *err)
{
	const struct node *values = tree_resolve(layer->values);
	size_t budget = EFFECTIVE_MAX_EXPANDED_NODES;
	struct tree_doc *scratch;
	struct node *plain;

	/* A file whose values are not a mapping fails helm's parsing; BH007
	 * reports it, and layering goes on without it. */
	if (!values || values->kind != NODE_MAPPING)
		return LOAD_OK;
	scratch = tree_doc_new(NULL);
	plain = alias_copy_resolved(scratch, values, &budget);
	if (!plain) {
		tree_doc_free(scratch);
		return too_many_nodes(err, layer->name);
	}
	merge_layer(effective->doc, merged, plain);
	tree_doc_free(scratch);
	return LOAD_OK;
}

/* Exported function, documented in include/effective.h */
enum load_status effective_build(struct effective *effective, struct load_error *err)
{
	struct node *merged = NULL;
	struct node *defaults = NULL;

	effective->doc = tree_doc_new(NULL);
	for (size_t i = 0; i < effective->layer_count; i++) {
		enum load_status status =
			merge_one_layer(effective, &effective->layers[i], &merged, err);

		if (status != LOAD_OK)
			return status;
	}
	if (effective->defaults) {
		size_t budget = EFFECTIVE_MAX_EXPANDED_NODES;

		defaults = alias_copy_resolved(effective->doc, effective->defaults->root, &budget);
		if (!defaults)
			return too_many_nodes(err, effective->defaults_name);
	}
	coalesce_values(effective, &merged, defaults);
	effective->values = merged;
	return LOAD_OK;
}

/* Exported function, documented in include/effective.h */
void effective_fill_context(const struct effective *effective, struct rule_context *ctx)
{
	ctx->values = effective->values;
	ctx->deletions = effective->deletions;
	ctx->deletion_count = effective->deletion_count;
	ctx->layers = effective->layers;
	ctx->layer_count = effective->layer_count;
	ctx->defaults_name = effective->defaults_name;
	ctx->have_defaults = effective->defaults != NULL;
	ctx->daskhub = effective->daskhub;
}

/* Exported function, documented in include/effective.h */
void effective_release(struct effective *effective)
{
	for (size_t i = 0; i < effective->layer_count; i++)
		tree_doc_free(effective->layers[i].doc);
	free(effective->layers);
	tree_doc_free(effective->defaults);
	free(effective->defaults_name);
	tree_doc_free(effective->doc);
	for (size_t i = 0; i < effective->deletion_count; i++)
		free(effective->deletions[i].path);
	free(effective->deletions);
	memset(effective, 0, sizeof(*effective));
}
