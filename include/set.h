/*
 * Helm-style --set and --set-string overrides applied to a tree.
 */
#ifndef BHG_SET_H
#define BHG_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "tree.h"

/**
 * Apply one "PATH=VALUE" assignment.  PATH is a dotted key path in which "\."
 * is a dot inside a key and "\\" a backslash; missing mappings on the way are
 * created.  VALUE is read as a plain YAML scalar (so "true" is a boolean and
 * "15" a number; an empty VALUE is the empty string, as helm reads it), or
 * kept a string when as_string is true.  An existing scalar is changed in
 * place, so its anchor, and every alias to it, carries the new value.
 * Returns 0, or -1 with error describing the assignment at fault.
 */
int set_apply(struct tree_doc *doc, struct node **root, const char *assignment, bool as_string,
	      char *error, size_t error_size);

/**
 * Copy the last key of an assignment's PATH, unescaped, into buffer.
 * Returns 0, or -1 when the assignment is malformed.
 */
int set_last_key(const char *assignment, char *buffer, size_t size);

#endif
