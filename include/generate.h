/*
 * Build a hub's values document or secret document from the embedded
 * templates: select fragments, merge them in order, fill placeholders and
 * apply --set overrides.
 */
#ifndef BHG_GENERATE_H
#define BHG_GENERATE_H

#include <stddef.h>

#include "options.h"
#include "output.h"
#include "secret.h"
#include "tree.h"

#define GENERATE_MAX_FRAGMENTS 16

/** Fragment names below templates/, in merge order. */
struct fragment_list {
	const char *names[GENERATE_MAX_FRAGMENTS];
	size_t count;
};

enum generate_status {
	GENERATE_OK = 0,
	GENERATE_USAGE,    /**< The options cannot make a valid file; error says which to change. */
	GENERATE_INTERNAL, /**< A template is broken: a bug in binderhub-gen. */
};

/** Select the fragments of a values file for these options. */
void generate_values_fragments(const struct gen_options *options, struct fragment_list *out);

/** Select the fragments of a secret file for these options. */
void generate_secrets_fragments(const struct gen_options *options, struct fragment_list *out);

/**
 * Build the values document.  On success *out is a new document whose root is
 * ready to emit; on failure *out is untouched and error describes what to change.
 */
enum generate_status generate_values(const struct gen_options *options, struct tree_doc **out,
				     char *error, size_t error_size);

/**
 * Build the secret document.  launch_logs_key may be NULL when launch logs
 * are off.  The document contains copies of the secrets, so free it with
 * tree_doc_free_wiped().
 */
enum generate_status generate_secrets(const struct gen_options *options,
				      const struct secret *registry_password,
				      const struct secret *launch_logs_key, struct tree_doc **out,
				      char *error, size_t error_size);

/**
 * Parse the options of `values` or `secrets` and fill target from them.
 * Returns -1 when the command should go on, else the exit status to return
 * at once: 0 after --help or --version, 2 after a usage error or when the
 * output file exists without --force, refused before any work is done (and
 * before any secret is read).  options is released in the second case.
 */
int generate_start(enum gen_command command, int argc, char **argv, struct gen_options *options,
		   struct output_target *target);

#endif
