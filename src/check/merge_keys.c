/*
 * YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`), which helm's YAML
 * reader expands before any layering happens.  Documented in
 * effective_parts.h.
 */
#include "effective_parts.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Open-addressing set of mappings already expanded: an anchored mapping
 * merged into many places is walked once, whatever the alias fan-out. */
struct visited_set {
	const void **slots;
	size_t capacity; /* a power of two */
	size_t count;
};

static size_t pointer_hash(const void *pointer, size_t capacity)
{
	uintptr_t value = (uintptr_t)pointer;

	value ^= value >> 17;
	value *= (uintptr_t)0x9e3779b97f4a7c15u;
	value ^= value >> 29;
	return (size_t)value & (capacity - 1);
}

static void visited_grow(struct visited_set *set);

/* Returns false when pointer was in the set already. */
static bool visited_insert(struct visited_set *set, const void *pointer)
{
	if ((set->count + 1) * 2 > set->capacity)
		visited_grow(set);
	for (size_t i = pointer_hash(pointer, set->capacity);; i = (i + 1) & (set->capacity - 1)) {
		if (set->slots[i] == pointer)
			return false;
		if (!set->slots[i]) {
			set->slots[i] = pointer;
			set->count++;
			return true;
		}
	}
}

static void visited_grow(struct visited_set *set)
{
	struct visited_set bigger = {0};

	bigger.capacity = set->capacity ? set->capacity * 2 : 64;
	bigger.slots = calloc(bigger.capacity, sizeof(*bigger.slots));
	if (!bigger.slots)
		abort();
	for (size_t i = 0; i < set->capacity; i++)
		if (set->slots[i])
			visited_insert(&bigger, set->slots[i]);
	free(set->slots);
	*set = bigger;
}

struct expansion {
	struct tree_doc *doc;
	struct load_error *err;
	struct visited_set visited;
};

static bool is_merge_key(const struct node *key)
{
	return key->kind == NODE_SCALAR && key->as.scalar.style == SCALAR_PLAIN && !key->tag &&
	       strcmp(key->as.scalar.value, "<<") == 0;
}

static enum load_status merge_error(struct expansion *x, const struct node *value)
{
	x->err->status = LOAD_ERR_STRUCTURE;
	x->err->mark = value->mark;
	snprintf(x->err->message, sizeof(x->err->message),
		 "the value of merge key '<<' is not a mapping; write '<<: *anchor' or "
		 "'<<: [*first, *second]' with anchors on mappings");
	return LOAD_ERR_STRUCTURE;
}

/* True when key's text is the text of a scalar key in pairs[0..count). */
static bool has_key(const struct pair *pairs, size_t count, const struct node *key)
{
	if (key->kind != NODE_SCALAR)
		return false;
	for (size_t i = 0; i < count; i++)
		if (tree_scalar_equals(pairs[i].key, key->as.scalar.value))
			return true;
	return false;
}

static void append_pair(struct tree_doc *doc, struct pair **pairs, size_t *count,
			size_t *capacity, struct pair pair)
{
	if (*count == *capacity) {
		size_t bigger = *capacity ? *capacity * 2 : 8;

		*pairs = arena_grow(&doc->arena, *pairs, *capacity * sizeof(**pairs),
				    bigger * sizeof(**pairs));
		*capacity = bigger;
	}
	(*pairs)[(*count)++] = pair;
}

static enum load_status expand_node(struct expansion *x, struct node *node);

/* The mappings a merge key's value names, in priority order. */
static enum load_status merge_sources(struct expansion *x, const struct node *value,
				      const struct node ***sources, size_t *count)
{
	const struct node *resolved = tree_resolve(value);

	*sources = NULL;
	*count = 0;
	if (resolved->kind == NODE_MAPPING) {
		*sources = malloc(sizeof(**sources));
		if (!*sources)
			abort();
		(*sources)[0] = resolved;
		*count = 1;
		return LOAD_OK;
	}
	if (resolved->kind != NODE_SEQUENCE)
		return merge_error(x, value);
	*sources = malloc((resolved->as.sequence.count + 1) * sizeof(**sources));
	if (!*sources)
		abort();
	for (size_t i = 0; i < resolved->as.sequence.count; i++) {
		const struct node *item = tree_resolve(resolved->as.sequence.items[i]);

		if (item->kind != NODE_MAPPING) {
			free(*sources);
			*sources = NULL;
			return merge_error(x, resolved->as.sequence.items[i]);
		}
		(*sources)[(*count)++] = item;
	}
	return LOAD_OK;
}

/* Rebuild mapping's pairs with each merge key replaced by the pairs it brings. */
static enum load_status expand_mapping_merges(struct expansion *x, struct node *mapping)
{
	const struct pair *old = mapping->as.mapping.pairs;
	size_t old_count = mapping->as.mapping.count;
	struct pair *pairs = NULL;
	size_t count = 0, capacity = 0;
	struct pair *explicit_pairs = NULL;
	size_t explicit_count = 0, explicit_capacity = 0;

	for (size_t i = 0; i < old_count; i++)
		if (!is_merge_key(old[i].key))
			append_pair(x->doc, &explicit_pairs, &explicit_count, &explicit_capacity, old[i]);

	for (size_t i = 0; i < old_count; i++) {
		const struct node **sources;
		size_t source_count;
		enum load_status status;

		if (!is_merge_key(old[i].key)) {
			append_pair(x->doc, &pairs, &count, &capacity, old[i]);
			continue;
		}
		status = merge_sources(x, old[i].value, &sources, &source_count);
		if (status != LOAD_OK)
			return status;
		for (size_t s = 0; s < source_count; s++) {
			/* The source is expanded first, so a merge of a merge brings everything. */
			status = expand_node(x, (struct node *)sources[s]);
			if (status != LOAD_OK) {
				free(sources);
				return status;
			}
			for (size_t p = 0; p < sources[s]->as.mapping.count; p++) {
				struct pair incoming = sources[s]->as.mapping.pairs[p];

				if (has_key(explicit_pairs, explicit_count, incoming.key) ||
				    has_key(pairs, count, incoming.key))
					continue;
				append_pair(x->doc, &pairs, &count, &capacity, incoming);
			}
		}
		free(sources);
	}
	mapping->as.mapping.pairs = pairs;
	mapping->as.mapping.count = count;
	mapping->as.mapping.capacity = capacity;
	return LOAD_OK;
}

/* Aliases are not followed: their targets are expanded where they are
 * defined, or as merge sources. */
static enum load_status expand_node(struct expansion *x, struct node *node)
{
	bool has_merge = false;

	if (!node || node->kind == NODE_SCALAR || node->kind == NODE_ALIAS)
		return LOAD_OK;
	if (!visited_insert(&x->visited, node))
		return LOAD_OK;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			enum load_status status = expand_node(x, node->as.sequence.items[i]);

			if (status != LOAD_OK)
				return status;
		}
		return LOAD_OK;
	}
	for (size_t i = 0; i < node->as.mapping.count; i++) {
		struct pair *pair = &node->as.mapping.pairs[i];

		if (is_merge_key(pair->key)) {
			has_merge = true;
			continue;
		}

		enum load_status status = expand_node(x, pair->value);

		if (status != LOAD_OK)
			return status;
	}
	return has_merge ? expand_mapping_merges(x, node) : LOAD_OK;
}

enum load_status merge_keys_expand(struct tree_doc *doc, struct load_error *err)
{
	struct expansion x = {.doc = doc, .err = err};
	enum load_status status = expand_node(&x, doc->root);

	free(x.visited.slots);
	return status;
}
