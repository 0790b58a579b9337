/* Helm layering; documented in include/merge.h. */
#include "merge.h"

static void merge_into(struct tree_doc *doc, struct tree_copier *copier, struct node **base,
		       const struct node *overlay)
{
	struct node *target = *base;

	if (!target || target->kind != NODE_MAPPING || overlay->kind != NODE_MAPPING) {
		*base = tree_copier_copy(copier, doc, overlay);
		return;
	}
	if (overlay->anchor)
		tree_copier_note(copier, overlay, target);
	for (size_t i = 0; i < overlay->as.mapping.count; i++) {
		const struct pair *incoming = &overlay->as.mapping.pairs[i];
		struct pair *existing = NULL;

		if (incoming->key->kind == NODE_SCALAR)
			existing = tree_mapping_find(target, incoming->key->as.scalar.value);
		if (!existing) {
			struct node *key = tree_copier_copy(copier, doc, incoming->key);
			struct node *value = tree_copier_copy(copier, doc, incoming->value);

			tree_mapping_append(doc, target, key, value);
			continue;
		}
		if (incoming->key->comment)
			existing->key->comment = arena_strdup(&doc->arena, incoming->key->comment);
		merge_into(doc, copier, &existing->value, incoming->value);
	}
}

void merge_layer(struct tree_doc *doc, struct node **base, const struct node *overlay)
{
	struct tree_copier copier = {0};

	if (!overlay)
		return;
	merge_into(doc, &copier, base, overlay);
	tree_copier_release(&copier);
}
