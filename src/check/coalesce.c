/*
 * Helm's coalescing of the merged user values onto the chart defaults,
 * followed by the removal of the nulls that are left, which count as absent.
 * Documented in effective_parts.h.
 */
#include "effective_parts.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static void record_deletion(struct effective *effective, char *path, struct mark mark)
{
	if (effective->deletion_count == effective->deletion_capacity) {
		size_t capacity = effective->deletion_capacity ? effective->deletion_capacity * 2 : 8;
		struct deletion *bigger =
			realloc(effective->deletions, capacity * sizeof(*effective->deletions));

		if (!bigger)
			abort();
		effective->deletions = bigger;
		effective->deletion_capacity = capacity;
	}
	effective->deletions[effective->deletion_count].path = path;
	effective->deletions[effective->deletion_count].mark = mark;
	effective->deletion_count++;
}

/* Key text for paths; a non-scalar key (legal YAML, never seen in values
 * files) gets a stand-in so that its subtree still has a path. */
static const char *key_text(const struct node *key)
{
	return key->kind == NODE_SCALAR ? key->as.scalar.value : "?";
}

static bool from_defaults(const struct effective *effective, const struct node *node)
{
	return effective->defaults_name && node->mark.file &&
	       strcmp(node->mark.file, effective->defaults_name) == 0;
}

static void remove_nulls(struct effective *effective, struct node *mapping, const char *path)
{
	size_t i = 0;

	while (i < mapping->as.mapping.count) {
		struct pair *pair = &mapping->as.mapping.pairs[i];
		char *child_path = effective_join_path(path, key_text(pair->key));

		if (tree_is_null(pair->value)) {
			/* A null written in the chart defaults deletes nothing the user wrote. */
			if (from_defaults(effective, pair->value))
				free(child_path);
			else
				record_deletion(effective, child_path, pair->value->mark);
			tree_mapping_remove_at(mapping, i);
			continue;
		}
		if (pair->value->kind == NODE_MAPPING)
			remove_nulls(effective, pair->value, child_path);
		free(child_path);
		i++;
	}
}

static long find_key(const struct node *mapping, const struct node *key)
{
	if (key->kind != NODE_SCALAR)
		return -1;
	for (size_t i = 0; i < mapping->as.mapping.count; i++)
		if (tree_scalar_equals(mapping->as.mapping.pairs[i].key, key->as.scalar.value))
			return (long)i;
	return -1;
}

static void coalesce_mapping(struct effective *effective, struct node *user,
			     const struct node *defaults, const char *path)
{
	for (size_t d = 0; d < defaults->as.mapping.count; d++) {
		const struct pair *fallback = &defaults->as.mapping.pairs[d];
		long u = find_key(user, fallback->key);
		struct node *value;

		if (u < 0) {
			tree_mapping_append(effective->doc, user, fallback->key, fallback->value);
			continue;
		}
		/* A user null stays for now, so the default is not copied;
		 * remove_nulls() then deletes both, as helm's coalescing does. */
		value = user->as.mapping.pairs[u].value;
		if (value->kind == NODE_MAPPING && fallback->value->kind == NODE_MAPPING) {
			char *child_path = effective_join_path(path, key_text(fallback->key));

			coalesce_mapping(effective, value, fallback->value, child_path);
			free(child_path);
		}
		/* Any other user value wins, a scalar or list over a default map
		 * included (helm only logs a warning there). */
	}
}

void coalesce_values(struct effective *effective, struct node **user, struct node *defaults)
{
	if (!*user)
		*user = tree_new_mapping(effective->doc);
	if (defaults && defaults->kind == NODE_MAPPING)
		coalesce_mapping(effective, *user, defaults, NULL);
	remove_nulls(effective, *user, NULL);
}
