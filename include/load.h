/*
 * libyaml parser -> tree_doc, with limits and exact error positions.
 */
#ifndef BHG_LOAD_H
#define BHG_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "tree.h"

struct load_options {
	size_t max_bytes;     /**< Larger input is rejected; 0 means LOAD_DEFAULT_MAX_BYTES. */
	size_t max_depth;     /**< Deeper nesting is rejected; 0 means LOAD_DEFAULT_MAX_DEPTH. */
	bool keep_comments;   /**< Attach whole-line comments to the node below them. */
	bool reject_duplicates; /**< Fail on a duplicate key instead of recording it. */
};

#define LOAD_DEFAULT_MAX_BYTES ((size_t)16 * 1024 * 1024)
#define LOAD_DEFAULT_MAX_DEPTH ((size_t)256)

enum load_status {
	LOAD_OK = 0,
	LOAD_ERR_IO,       /**< The file could not be opened or read. */
	LOAD_ERR_SYNTAX,   /**< libyaml rejected the text. */
	LOAD_ERR_LIMIT,    /**< Size or depth limit exceeded. */
	LOAD_ERR_STRUCTURE, /**< Parsed, but unusable: several documents, an unknown alias, a duplicate key. */
};

/** Failure details; mark is where the problem is (line 0 when not known). */
struct load_error {
	enum load_status status;
	struct mark mark;
	char message[512]; /**< Lower-case, no trailing full stop, no file name or position. */
};

/**
 * Parse text as one YAML document.  file is the name recorded in every mark.
 * On success *out is a new document (root NULL for an empty input) and
 * LOAD_OK is returned; on failure *out is untouched and err is filled.
 */
enum load_status load_buffer(const char *text, size_t length, const char *file,
			     const struct load_options *options, struct tree_doc **out,
			     struct load_error *err);

/** Read and parse path; "-" reads standard input and names it "stdin". */
enum load_status load_file(const char *path, const struct load_options *options,
			   struct tree_doc **out, struct load_error *err);

/** Format err as "FILE:LINE:COL: message" (or "FILE: message") into buffer. */
void load_error_format(const struct load_error *err, char *buffer, size_t size);

#endif
