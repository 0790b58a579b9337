/*
 * Steps of building the effective values, shared by the files of
 * src/check/ that implement include/effective.h.  Private to src/check/.
 */
#ifndef BHG_CHECK_EFFECTIVE_PARTS_H
#define BHG_CHECK_EFFECTIVE_PARTS_H

#include <stddef.h>

#include "effective.h"
#include "load.h"
#include "tree.h"

/**
 * Replace every merge key `<<` in doc by the pairs of the mappings it names,
 * in place: keys written in the mapping itself win, and of several merged
 * mappings the earlier wins.  The merged pairs are shared with their
 * anchored mapping, so they keep its marks.  Returns LOAD_OK, or
 * LOAD_ERR_STRUCTURE with err filled when a merge key's value is not a
 * mapping or a list of mappings.
 */
enum load_status merge_keys_expand(struct tree_doc *doc, struct load_error *err);

/**
 * Copy node into doc with every alias replaced by a copy of its target, so
 * the result is a plain tree.  Marks, tags and styles are kept; anchors and
 * comments are not.  *budget is the number of nodes still allowed and is
 * decreased by each node made.  Returns NULL when node is NULL or the budget
 * runs out.
 */
struct node *alias_copy_resolved(struct tree_doc *doc, const struct node *node, size_t *budget);

/**
 * Coalesce the merged user values *user (a mapping, or NULL) onto defaults
 * (a plain mapping in effective->doc, or NULL) the way helm does, then
 * remove the nulls that are left.  Nodes of defaults are moved into the
 * result, not copied.  Records each removed key in effective->deletions.
 */
void coalesce_values(struct effective *effective, struct node **user, struct node *defaults);

#endif
