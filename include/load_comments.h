/*
 * Comment recovery for the loader: libyaml's parser drops comments, so they
 * are read back from the source text by line number.
 */
#ifndef BHG_LOAD_COMMENTS_H
#define BHG_LOAD_COMMENTS_H

#include <stddef.h>

#include "tree.h"

/**
 * Attach to each mapping key and sequence item the whole-line comments
 * directly above it (blank lines between them allowed); a file's opening
 * comment goes to its first key.  Lines
 * inside multi-line scalars never count as comments.  A comment that no node
 * starts below (at the end of a file, or above a line that another node
 * already claimed) is dropped.
 */
void load_attach_comments(struct tree_doc *doc, const char *text, size_t length);

#endif
