/* State and steps of the option parsing of `values` and `secrets`, private to src/options*.c. */
#ifndef BHG_OPTIONS_GEN_INTERNAL_H
#define BHG_OPTIONS_GEN_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "options.h"

/** State of one options_parse_gen_with() run: the options parsed so far and the streams. */
struct gen_parse {
	enum gen_command command;
	struct gen_options *options;
	FILE *out;
	FILE *err;
	char provider_option[32]; /* The option that set the provider, for messages. */
	bool auth_given;
};

/** Find the option with this id in options_program's table, or return NULL when it has none. */
const struct option_spec *options_table_find_option(enum option_id id);

/** Append a copy of value to list.  Running out of memory ends the program with status 2. */
void options_gen_append_string(struct string_list *list, const char *value);

/**
 * Check and store one option of `values` or `secrets`, print the help or the
 * version, or reject an operand.  It is an option_handler whose context is a
 * struct gen_parse.
 */
enum options_result options_gen_handle_option(void *context, const struct option_spec *spec,
					      const char *given, const char *value);

/**
 * Choose the registry: the explicit option, else the image prefix's host,
 * else the provider's usual one.  Stays unset while the provider is unknown.
 * Returns OPTIONS_USAGE after one error message when the image prefix is on
 * quay.io or Artifact Registry but --registry names the other, or when its
 * host is neither and --registry is not given.
 */
enum options_result options_gen_resolve_registry(struct gen_parse *parse);

/**
 * Resolve the registry, then prompt for each missing required option when
 * streams->interactive, else print one error that lists them all.
 */
enum options_result options_prompt_require_options(struct gen_parse *parse,
						   const struct options_streams *streams);

#endif
