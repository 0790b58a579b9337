/*
 * tree -> libyaml emitter events -> YAML text, with template comments spliced in.
 */
#ifndef BHG_EMIT_H
#define BHG_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "tree.h"

struct emit_options {
	bool comments; /**< Write each node's comment lines above it; when false, only
	                    lines starting with "# binderhub-gen:" are written. */
};

/**
 * Write root as one block-style YAML document: 2-space indentation, no line
 * folding, scalars quoted only where a plain scalar would change meaning,
 * multi-line strings as literal blocks, exactly one trailing newline.
 * On success *out is a malloc'ed NUL-terminated buffer and 0 is returned;
 * on failure -1 is returned, *out is untouched and error contains the reason.
 */
int emit_document(const struct node *root, const struct emit_options *options, char **out,
		  size_t *out_length, char *error, size_t error_size);

#endif
