/*
 * Helm's layering of values: mergeMaps between user layers.
 */
#ifndef BHG_MERGE_H
#define BHG_MERGE_H

#include "tree.h"

/**
 * Merge overlay into *base as helm merges two --values files: when both are
 * mappings, keys merge one by one (new keys are appended in overlay order);
 * anything else in overlay, null included, replaces the base value.  Nodes
 * taken from overlay are copied into doc, so overlay may be freed afterwards.
 * A key kept from base keeps its comment unless the overlay key brings one.
 * NOTE: aliases are copied as aliases and anchored base mappings are merged
 * in place, which matches helm only for alias-free layers; the checker passes
 * alias-free copies, and the templates alias only scalars.
 */
void merge_layer(struct tree_doc *doc, struct node **base, const struct node *overlay);

#endif
