/* Alias-free copies of layer values; documented in effective_parts.h. */
#include "effective_parts.h"

static struct node *copy_shell(struct tree_doc *doc, const struct node *node)
{
	switch (node->kind) {
	case NODE_SCALAR:
		return tree_new_scalar(doc, node->as.scalar.value, node->as.scalar.length,
				       node->as.scalar.style);
	case NODE_SEQUENCE:
		return tree_new_sequence(doc);
	case NODE_MAPPING:
	case NODE_ALIAS:
	default:
		return tree_new_mapping(doc);
	}
}

struct node *alias_copy_resolved(struct tree_doc *doc, const struct node *node, size_t *budget)
{
	const struct node *written = node;
	struct node *copy;

	node = tree_resolve(node);
	if (!node || *budget == 0)
		return NULL;
	(*budget)--;
	copy = copy_shell(doc, node);
	/* An alias's value is reported where the alias is written, which is
	 * the line to edit, not at its anchor. */
	copy->mark = written->mark;
	copy->end_line = node->end_line;
	copy->tag = node->tag ? arena_strdup(&doc->arena, node->tag) : NULL;

	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++) {
			struct node *item = alias_copy_resolved(doc, node->as.sequence.items[i], budget);

			if (!item)
				return NULL;
			tree_sequence_append(doc, copy, item);
		}
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			struct node *key = alias_copy_resolved(doc, node->as.mapping.pairs[i].key, budget);
			struct node *value =
				key ? alias_copy_resolved(doc, node->as.mapping.pairs[i].value, budget)
				    : NULL;

			if (!value)
				return NULL;
			tree_mapping_append(doc, copy, key, value);
		}
	}
	return copy;
}
