/* Table queries shared by the option parser and its printers, private to src/options*.c. */
#ifndef BHG_OPTIONS_INTERNAL_H
#define BHG_OPTIONS_INTERNAL_H

#include <stdbool.h>

#include "options.h"

/** Whether command accepts spec, by the command's bit in option_spec.commands. */
bool options_accepts(const struct option_spec *spec, enum gen_command command);

/**
 * Whether spec has help text and is not rejected.  Only such options appear
 * in --help, the man page and the completion script, or as a suggestion.
 */
bool options_is_visible(const struct option_spec *spec);

/** Find command's entry in program's command table, or return NULL when it has none. */
const struct command_spec *options_find_command(const struct program_spec *program,
						enum gen_command command);

#endif
