/*
 * Comment splicing for the emitter.  libyaml's emitter has no comment events,
 * so the emitted text is parsed again: its N-th node event is the N-th node
 * emitted, and its start mark gives the output line above which that node's
 * comment goes.
 */
#ifndef BHG_EMIT_COMMENTS_H
#define BHG_EMIT_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "tree.h"

/** Nodes in the order their events were emitted (collection ends excluded). */
struct emitted_nodes {
	const struct node **items;
	size_t count;
	size_t capacity;
};

void emitted_nodes_append(struct emitted_nodes *nodes, const struct node *node);
void emitted_nodes_release(struct emitted_nodes *nodes);

/** Comment lines that change what `binderhub-gen check` reports start with this. */
#define EMIT_PRAGMA_PREFIX "# binderhub-gen:"

/**
 * Insert each node's comment lines above the output line where it starts,
 * indented like that line; with pragmas_only, only the lines that start with
 * EMIT_PRAGMA_PREFIX.  On success *out is a new malloc'ed text; on
 * failure -1 is returned and error describes how the text and the node list
 * disagree, which would be a bug in the emitter wrapper.
 */
int emit_splice_comments(const char *text, size_t length, const struct emitted_nodes *nodes,
			 bool pragmas_only, char **out, size_t *out_length, char *error, size_t error_size);

#endif
