/* The generic table-driven option parser: option lookup, suggestions and error messages. */
#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "options_internal.h"

/* Longest quoted text before options_quote() cuts it. */
#define QUOTE_MAX_BYTES 100

/* Names longer than this get no edit-distance suggestion; every option name
 * is far shorter, so such a name is not a typo of one. */
#define SUGGEST_NAME_MAX 64

/* Exported function, documented in include/options.h */
void options_print_error(FILE *err, const char *format, ...)
{
	va_list arguments;

	fputs("binderhub-gen: error: ", err);
	va_start(arguments, format);
	vfprintf(err, format, arguments);
	va_end(arguments);
	fputc('\n', err);
}

/* Exported function, documented in include/options.h */
const char *options_quote(const char *text, char *buffer, size_t size)
{
	size_t used = 0;
	size_t read = 0;

	if (size == 0)
		return buffer;
	for (; text[read] != '\0' && read < QUOTE_MAX_BYTES; read++) {
		unsigned char byte = (unsigned char)text[read];
		char piece[8];

		if (byte == '\n')
			strcpy(piece, "\\n");
		else if (byte == '\t')
			strcpy(piece, "\\t");
		else if (byte < 0x20 || byte == 0x7f)
			snprintf(piece, sizeof piece, "\\x%02x", byte);
		else {
			piece[0] = (char)byte;
			piece[1] = '\0';
		}
		if (used + strlen(piece) + 4 > size)
			break;
		memcpy(buffer + used, piece, strlen(piece));
		used += strlen(piece);
	}
	if (text[read] != '\0' && used + 4 <= size) {
		memcpy(buffer + used, "...", 3);
		used += 3;
	}
	buffer[used] = '\0';
	return buffer;
}

/* Private function, declared in src/options_internal.h */
bool options_accepts(const struct option_spec *spec, enum gen_command command)
{
	return (spec->commands & OPTION_COMMAND(command)) != 0;
}

/* Private function, declared in src/options_internal.h */
bool options_is_visible(const struct option_spec *spec)
{
	return spec->help != NULL && spec->rejection == NULL;
}

/* Private function, declared in src/options_internal.h */
const struct command_spec *options_find_command(const struct program_spec *program,
						enum gen_command command)
{
	for (size_t i = 0; i < program->command_count; i++)
		if (program->commands[i].command == command)
			return &program->commands[i];
	return NULL;
}

static const char *command_name(const struct program_spec *program, enum gen_command command)
{
	const struct command_spec *spec = options_find_command(program, command);

	return spec != NULL ? spec->name : "?";
}

/* ------------------------------------------------------------------------
 * Suggestions for unknown options
 * ------------------------------------------------------------------------ */

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of two adjacent characters each cost one, because a swap is the
 * most common typing slip ("--clsuter"). */
static size_t edit_distance(const char *a, size_t a_length, const char *b, size_t b_length)
{
	size_t rows[3][SUGGEST_NAME_MAX + 1];
	size_t *before = rows[0], *previous = rows[1], *current = rows[2];

	for (size_t j = 0; j <= b_length; j++)
		previous[j] = j;
	for (size_t i = 1; i <= a_length; i++) {
		current[0] = i;
		for (size_t j = 1; j <= b_length; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = previous[j - 1] + cost;

			if (previous[j] + 1 < best)
				best = previous[j] + 1;
			if (current[j - 1] + 1 < best)
				best = current[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			current[j] = best;
		}

		size_t *spare = before;

		before = previous;
		previous = current;
		current = spare;
	}
	return previous[b_length];
}

/* Exported function, documented in include/options.h */
const struct option_spec *options_suggest(const struct program_spec *program,
					  enum gen_command command, const char *name, size_t length)
{
	const struct option_spec *prefix_match = NULL;
	const struct option_spec *nearest = NULL;
	size_t prefix_matches = 0;
	size_t nearest_distance = 3;

	if (length == 0 || length > SUGGEST_NAME_MAX)
		return NULL;
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];
		size_t spec_length = strlen(spec->long_name);

		if (!options_is_visible(spec) || !options_accepts(spec, command))
			continue;
		if (length < spec_length && strncmp(spec->long_name, name, length) == 0) {
			prefix_match = spec;
			prefix_matches++;
		}
		if (spec_length > SUGGEST_NAME_MAX)
			continue;

		size_t distance = edit_distance(name, length, spec->long_name, spec_length);

		if (distance < nearest_distance) {
			nearest = spec;
			nearest_distance = distance;
		}
	}
	if (prefix_matches == 1)
		return prefix_match;
	return nearest;
}

/* ------------------------------------------------------------------------
 * Parser
 * ------------------------------------------------------------------------ */

struct parse_state {
	const struct program_spec *program;
	enum gen_command command;
	option_handler handler;
	void *context;
	FILE *err;
	const char **first_values; /* Per table entry: the value it was first given, or NULL. */
	int argc;
	char **argv;
	int index; /* argv index being parsed. */
};

static void print_unknown(struct parse_state *state, const char *dashes, const char *name,
			  size_t length)
{
	const struct option_spec *suggestion =
		options_suggest(state->program, state->command, name, length);
	char quoted[OPTIONS_QUOTE_SIZE];
	char *copy = strndup(name, length);

	if (copy == NULL)
		abort();
	options_quote(copy, quoted, sizeof quoted);
	free(copy);
	if (suggestion != NULL)
		options_print_error(state->err, "unknown option '%s%s'; did you mean '--%s'?",
				    dashes, quoted, suggestion->long_name);
	else
		options_print_error(state->err, "unknown option '%s%s'; see '%s %s --help'",
				    dashes, quoted, state->program->name,
				    command_name(state->program, state->command));
}

/* Reject options that this command cannot take, before their value is
 * looked at, so that the value of a rejected secret option is never echoed. */
static bool check_accepted(struct parse_state *state, const struct option_spec *spec,
			   const char *given)
{
	const struct program_spec *program = state->program;
	char others[128] = "";

	if (spec->rejection != NULL) {
		options_print_error(state->err, "%s", spec->rejection);
		return false;
	}
	if (options_accepts(spec, state->command))
		return true;

	for (size_t i = 0; i < program->command_count; i++) {
		const struct command_spec *other = &program->commands[i];
		size_t used = strlen(others);

		if (!options_accepts(spec, other->command))
			continue;
		snprintf(others + used, sizeof others - used, "%s'%s %s'",
			 used > 0 ? " and " : "", program->name, other->name);
	}
	options_print_error(state->err,
			    "option '%s' is accepted only by %s; remove it from the '%s' command line",
			    given, others, command_name(program, state->command));
	return false;
}

static bool is_choice(const struct option_spec *spec, const char *value)
{
	for (const char *const *choice = spec->choices; *choice != NULL; choice++)
		if (strcmp(*choice, value) == 0)
			return true;
	return false;
}

static void print_bad_choice(struct parse_state *state, const struct option_spec *spec,
			     const char *given, const char *value)
{
	char quoted[OPTIONS_QUOTE_SIZE];
	char list[256] = "";

	for (const char *const *choice = spec->choices; *choice != NULL; choice++) {
		size_t used = strlen(list);

		snprintf(list + used, sizeof list - used, "%s%s", used > 0 ? ", " : "", *choice);
	}
	options_print_error(state->err, "invalid value '%s' for option '%s'; valid values are %s",
			    options_quote(value, quoted, sizeof quoted), given, list);
}

/* Check an option's value against the table, then pass it to the handler. */
static enum options_result deliver(struct parse_state *state, const struct option_spec *spec,
				   const char *given, const char *value)
{
	size_t position = (size_t)(spec - state->program->options);
	char quoted[OPTIONS_QUOTE_SIZE];
	char quoted_first[OPTIONS_QUOTE_SIZE];

	if (value != NULL && value[0] == '\0') {
		options_print_error(state->err,
				    "empty value for option '%s'; write '%s %s' with a non-empty %s",
				    given, given, spec->argument_name, spec->argument_name);
		return OPTIONS_USAGE;
	}
	if (value != NULL && spec->choices != NULL && !is_choice(spec, value)) {
		print_bad_choice(state, spec, given, value);
		return OPTIONS_USAGE;
	}
	if (value != NULL && !spec->repeatable) {
		const char *first = state->first_values[position];

		if (first != NULL && strcmp(first, value) != 0) {
			options_print_error(state->err,
					    "option '--%s' is given twice, as '%s' and '%s'; give it once",
					    spec->long_name,
					    options_quote(first, quoted_first, sizeof quoted_first),
					    options_quote(value, quoted, sizeof quoted));
			return OPTIONS_USAGE;
		}
		state->first_values[position] = value;
	}
	return state->handler(state->context, spec, given, value);
}

static void print_missing_value(struct parse_state *state, const struct option_spec *spec,
				const char *given)
{
	options_print_error(state->err, "option '%s' needs a value; write '%s %s' or '--%s=%s'",
			    given, given, spec->argument_name, spec->long_name, spec->argument_name);
}

static const struct option_spec *find_long(const struct program_spec *program, const char *name,
					   size_t length)
{
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];

		if (strlen(spec->long_name) == length && strncmp(spec->long_name, name, length) == 0)
			return spec;
	}
	return NULL;
}

static const struct option_spec *find_short(const struct program_spec *program, char name)
{
	for (size_t i = 0; i < program->option_count; i++)
		if (program->options[i].short_name == name && name != '\0')
			return &program->options[i];
	return NULL;
}

static enum options_result parse_long(struct parse_state *state)
{
	const char *word = state->argv[state->index];
	const char *name = word + 2;
	const char *equals = strchr(name, '=');
	size_t length = equals != NULL ? (size_t)(equals - name) : strlen(name);
	const struct option_spec *spec = find_long(state->program, name, length);
	char given[SUGGEST_NAME_MAX + 3];
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *value = NULL;

	if (spec == NULL) {
		print_unknown(state, "--", name, length);
		return OPTIONS_USAGE;
	}
	snprintf(given, sizeof given, "--%s", spec->long_name);
	if (!check_accepted(state, spec, given))
		return OPTIONS_USAGE;

	switch (spec->argument) {
	case OPTION_ARGUMENT_NONE:
		if (equals != NULL) {
			options_print_error(state->err,
					    "option '%s' takes no value, but '%s' gives one; write '%s' alone",
					    given, options_quote(word, quoted, sizeof quoted), given);
			return OPTIONS_USAGE;
		}
		break;
	case OPTION_ARGUMENT_REQUIRED:
		if (equals != NULL) {
			value = equals + 1;
		} else if (state->index + 1 < state->argc) {
			value = state->argv[++state->index];
		} else {
			print_missing_value(state, spec, given);
			return OPTIONS_USAGE;
		}
		break;
	case OPTION_ARGUMENT_OPTIONAL:
		if (equals != NULL)
			value = equals + 1;
		else if (state->index + 1 < state->argc && spec->choices != NULL &&
			 is_choice(spec, state->argv[state->index + 1]))
			value = state->argv[++state->index];
		else
			value = spec->implied_value;
		break;
	}
	return deliver(state, spec, given, value);
}

static enum options_result parse_short(struct parse_state *state)
{
	const char *word = state->argv[state->index];

	for (size_t i = 1; word[i] != '\0'; i++) {
		const struct option_spec *spec = find_short(state->program, word[i]);
		char given[3] = {'-', word[i], '\0'};
		enum options_result result;
		const char *value = NULL;

		/* "-cluster" is a long option written with one dash, not a bundle. */
		if (spec == NULL && i == 1 && word[2] != '\0' &&
		    options_suggest(state->program, state->command, word + 1, strlen(word + 1)) != NULL) {
			print_unknown(state, "-", word + 1, strlen(word + 1));
			return OPTIONS_USAGE;
		}
		if (spec == NULL) {
			print_unknown(state, "-", word + i, 1);
			return OPTIONS_USAGE;
		}
		if (!check_accepted(state, spec, given))
			return OPTIONS_USAGE;

		if (spec->argument == OPTION_ARGUMENT_NONE) {
			result = deliver(state, spec, given, NULL);
			if (result != OPTIONS_OK)
				return result;
			continue;
		}

		/* The rest of the word, or else the next word, is the value. */
		if (word[i + 1] != '\0') {
			value = word + i + 1;
		} else if (spec->argument == OPTION_ARGUMENT_OPTIONAL) {
			value = spec->implied_value;
		} else if (state->index + 1 < state->argc) {
			value = state->argv[++state->index];
		} else {
			print_missing_value(state, spec, given);
			return OPTIONS_USAGE;
		}
		return deliver(state, spec, given, value);
	}
	return OPTIONS_OK;
}

/* Exported function, documented in include/options.h */
enum options_result options_parse(const struct program_spec *program, enum gen_command command,
				  int argc, char **argv, option_handler handler, void *context,
				  FILE *err)
{
	struct parse_state state = {
		.program = program,
		.command = command,
		.handler = handler,
		.context = context,
		.err = err,
		.argc = argc,
		.argv = argv,
	};
	enum options_result result = OPTIONS_OK;
	bool options_ended = false;

	state.first_values = calloc(program->option_count, sizeof *state.first_values);
	if (state.first_values == NULL)
		abort();

	for (state.index = 1; state.index < argc && result == OPTIONS_OK; state.index++) {
		const char *word = argv[state.index];

		if (options_ended || word[0] != '-' || word[1] == '\0')
			result = handler(context, NULL, NULL, word);
		else if (strcmp(word, "--") == 0)
			options_ended = true;
		else if (word[1] == '-')
			result = parse_long(&state);
		else
			result = parse_short(&state);
	}
	free(state.first_values);
	return result;
}
