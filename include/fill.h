/*
 * Placeholder filling: replaces "{{ name }}" in template scalars with the
 * values the user gave, and drops the settings whose value was not given.
 */
#ifndef BHG_FILL_H
#define BHG_FILL_H

#include <stddef.h>

#include "tree.h"

/**
 * One placeholder value.  A variable with a non-empty list is a list
 * variable.  Otherwise it is a string variable when value is not NULL, and
 * unset when value is NULL.
 */
struct template_var {
	const char *name;          /**< Placeholder name, e.g. "binderhub_domain". */
	const char *value;         /**< String value, or NULL when unset. */
	const char *const *list;   /**< List value (e.g. allowed_specs), or NULL. */
	size_t list_count;         /**< Number of entries in list. */
};

/** Every placeholder a template may use, set or not. */
struct template_vars {
	const struct template_var *items;
	size_t count;
};

/**
 * Fill every placeholder "{{ name }}" (spaces inside the braces optional,
 * name matching [a-z][a-z0-9_]*) in the scalar values of *root; mapping keys
 * are left as written.
 *
 * - A string variable is substituted wherever it appears, and the scalar
 *   stays a string.  The substituted text is not searched for placeholders.
 * - An unset variable removes the scalar when the scalar is exactly that one
 *   placeholder: its pair from a mapping, or its item from a sequence.  A
 *   mapping or sequence emptied by such removals is removed from its parent
 *   in turn, and so is an alias whose anchored node was removed.  When the
 *   root itself is removed, *root becomes NULL.
 * - A list variable turns a scalar that is exactly the placeholder into a
 *   sequence of string scalars with the scalar's mark.
 * - Filled nodes are changed in place, so they keep their anchor, tag,
 *   comment and mark, and aliases to them see the filled value.
 *
 * Errors: a name missing from vars, an unclosed or malformed placeholder, an
 * unset or list variable inside longer text.  On error -1 is returned, error
 * contains "FILE:LINE:COL: what is wrong; what to do" with the scalar's mark,
 * and the tree may be partly filled.  Nodes are allocated in doc's arena.
 *
 * \return 0 on success, -1 on error.
 */
int fill_placeholders(struct tree_doc *doc, struct node **root, const struct template_vars *vars,
		      char *error, size_t error_size);

#endif
