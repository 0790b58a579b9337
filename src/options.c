/*
 * The generic table-driven option parser and the printers of --help, the
 * man page and the bash completion script; documented in include/options.h.
 * This file interprets no option: src/options_gen.c contains the table and
 * the handler of `values` and `secrets`.
 */
#include "options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text_layout.h"

/* Column where help text starts, and the width it wraps at. */
#define HELP_TEXT_COLUMN 30
#define HELP_WIDTH 79

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

static bool accepts(const struct option_spec *spec, enum gen_command command)
{
	return (spec->commands & OPTION_COMMAND(command)) != 0;
}

static bool is_visible(const struct option_spec *spec)
{
	return spec->help != NULL && spec->rejection == NULL;
}

static const struct command_spec *find_command(const struct program_spec *program,
					       enum gen_command command)
{
	for (size_t i = 0; i < program->command_count; i++)
		if (program->commands[i].command == command)
			return &program->commands[i];
	return NULL;
}

static const char *command_name(const struct program_spec *program, enum gen_command command)
{
	const struct command_spec *spec = find_command(program, command);

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

		if (!is_visible(spec) || !accepts(spec, command))
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
	if (accepts(spec, state->command))
		return true;

	for (size_t i = 0; i < program->command_count; i++) {
		const struct command_spec *other = &program->commands[i];
		size_t used = strlen(others);

		if (!accepts(spec, other->command))
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

/* ------------------------------------------------------------------------
 * --help
 * ------------------------------------------------------------------------ */

/* Format "-o, --output FILE" or "    --cluster NAME" or "    --auth[=MODE]". */
static void format_label(char *buffer, size_t size, const struct option_spec *spec)
{
	int used;

	if (spec->short_name != '\0')
		used = snprintf(buffer, size, "-%c, --%s", spec->short_name, spec->long_name);
	else
		used = snprintf(buffer, size, "    --%s", spec->long_name);
	if (used < 0 || (size_t)used >= size)
		return;
	if (spec->argument == OPTION_ARGUMENT_REQUIRED)
		snprintf(buffer + used, size - (size_t)used, " %s", spec->argument_name);
	else if (spec->argument == OPTION_ARGUMENT_OPTIONAL)
		snprintf(buffer + used, size - (size_t)used, "[=%s]", spec->argument_name);
}

/* Exported function, documented in include/options.h */
void options_print_help_for(const struct program_spec *program, enum gen_command command,
			    FILE *out)
{
	const struct command_spec *spec = find_command(program, command);

	if (spec == NULL)
		return;
	fprintf(out, "Usage: %s %s %s\n\n", program->name, spec->name, spec->synopsis);
	text_layout_write_wrapped(out, spec->description, 0, 0, HELP_WIDTH);

	for (int group = 0; group < OPTION_GROUP__COUNT; group++) {
		bool title_printed = false;

		for (size_t i = 0; i < program->option_count; i++) {
			const struct option_spec *option = &program->options[i];
			char label[96];

			if ((int)option->group != group || !is_visible(option) || !accepts(option, command))
				continue;
			if (!title_printed) {
				fprintf(out, "\n%s:\n", program->group_titles[group]);
				title_printed = true;
			}
			format_label(label, sizeof label, option);
			fprintf(out, "  %s", label);
			if (2 + strlen(label) + 2 > HELP_TEXT_COLUMN)
				fprintf(out, "\n%*s", HELP_TEXT_COLUMN, "");
			else
				fprintf(out, "%*s", (int)(HELP_TEXT_COLUMN - 2 - strlen(label)), "");
			text_layout_write_wrapped(out, option->help, HELP_TEXT_COLUMN, HELP_TEXT_COLUMN,
						  HELP_WIDTH);
		}
	}

	fputs("\nExit status:\n", out);
	for (size_t i = 0; i < program->exit_status_count; i++) {
		fprintf(out, "  %-4s", program->exit_statuses[i].term);
		text_layout_write_wrapped(out, program->exit_statuses[i].text, 6, 6, HELP_WIDTH);
	}
}

/* Exported function, documented in include/options.h */
void options_print_help(enum gen_command command, FILE *out)
{
	options_print_help_for(&options_program, command, out);
}

/* ------------------------------------------------------------------------
 * Man page
 * ------------------------------------------------------------------------ */

/* Print text for roff: a backslash becomes \e, every '-' becomes \- so that
 * option names copy and paste as ASCII hyphens, and a line that would start
 * with '.' or '\'' (a roff request) starts with \& instead. */
static void print_roff(FILE *out, const char *text)
{
	bool line_start = true;

	for (; *text != '\0'; text++) {
		if (line_start && (*text == '.' || *text == '\''))
			fputs("\\&", out);
		if (*text == '\\')
			fputs("\\e", out);
		else if (*text == '-')
			fputs("\\-", out);
		else
			fputc(*text, out);
		line_start = *text == '\n';
	}
}

/*
 * One man page or completion script can cover several program tables that
 * share the program's name: binderhub-gen's generator table and the table
 * of `check`.  Command numbers must differ between the tables, because an
 * option's commands are bits of OPTION_COMMAND().
 */

/* Both NULL or both the same text. */
static bool same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* True when two tables document the same option with the same words, so
 * that the man page describes it once for the commands of both. */
static bool same_option(const struct option_spec *a, const struct option_spec *b)
{
	return a->short_name == b->short_name && strcmp(a->long_name, b->long_name) == 0 &&
	       a->argument == b->argument && same_text(a->argument_name, b->argument_name) &&
	       same_text(a->help, b->help);
}

/* True when a table before programs[index] has an option the same as option. */
static bool documented_earlier(const struct program_spec *const *programs, size_t index,
			       const struct option_spec *option)
{
	for (size_t p = 0; p < index; p++)
		for (size_t i = 0; i < programs[p]->option_count; i++)
			if (is_visible(&programs[p]->options[i]) &&
			    same_option(&programs[p]->options[i], option))
				return true;
	return false;
}

/* The commands, across all tables, that accept option or an option the same as it. */
static unsigned commands_of_option(const struct program_spec *const *programs, size_t count,
				   const struct option_spec *option)
{
	unsigned commands = 0;

	for (size_t p = 0; p < count; p++)
		for (size_t i = 0; i < programs[p]->option_count; i++)
			if (is_visible(&programs[p]->options[i]) &&
			    same_option(&programs[p]->options[i], option))
				commands |= programs[p]->options[i].commands;
	return commands | option->commands;
}

static unsigned commands_of_program(const struct program_spec *program)
{
	unsigned commands = 0;

	for (size_t i = 0; i < program->command_count; i++)
		commands |= OPTION_COMMAND(program->commands[i].command);
	return commands;
}

/* Print the names of the commands among commands as "\fBa\fR and \fBb\fR". */
static void print_man_command_names(FILE *out, const struct program_spec *const *programs,
				    size_t count, unsigned commands)
{
	const char *separator = "";

	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < programs[p]->command_count; i++) {
			const struct command_spec *command = &programs[p]->commands[i];

			if ((commands & OPTION_COMMAND(command->command)) == 0)
				continue;
			fprintf(out, "%s\\fB", separator);
			print_roff(out, command->name);
			fputs("\\fR", out);
			separator = " and ";
		}
	}
}

static void print_man_option(FILE *out, const struct program_spec *const *programs, size_t count,
			     const struct option_spec *option)
{
	unsigned all_commands = 0;
	unsigned commands = commands_of_option(programs, count, option);

	for (size_t p = 0; p < count; p++)
		all_commands |= commands_of_program(programs[p]);

	fputs(".TP\n", out);
	if (option->short_name != '\0')
		fprintf(out, "\\fB\\-%c\\fR, ", option->short_name);
	fputs("\\fB\\-\\-", out);
	print_roff(out, option->long_name);
	fputs("\\fR", out);
	if (option->argument == OPTION_ARGUMENT_REQUIRED) {
		fputs(" \\fI", out);
		print_roff(out, option->argument_name);
		fputs("\\fR", out);
	} else if (option->argument == OPTION_ARGUMENT_OPTIONAL) {
		fputs("[=\\fI", out);
		print_roff(out, option->argument_name);
		fputs("\\fR]", out);
	}
	fputc('\n', out);
	print_roff(out, option->help);
	if ((commands & all_commands) != all_commands) {
		fputs(" Only for ", out);
		print_man_command_names(out, programs, count, commands);
		fputc('.', out);
	}
	fputc('\n', out);
}

static void print_man_options(FILE *out, const struct program_spec *const *programs, size_t count)
{
	fputs(".SH OPTIONS\n", out);
	for (size_t p = 0; p < count; p++) {
		const struct program_spec *program = programs[p];

		for (int group = 0; group < OPTION_GROUP__COUNT; group++) {
			bool title_printed = false;

			for (size_t i = 0; i < program->option_count; i++) {
				const struct option_spec *option = &program->options[i];

				if ((int)option->group != group || !is_visible(option) ||
				    documented_earlier(programs, p, option))
					continue;
				if (!title_printed) {
					fputs(".SS ", out);
					print_roff(out, program->group_titles[group]);
					fputc('\n', out);
					title_printed = true;
				}
				print_man_option(out, programs, count, option);
			}
		}
	}
}

/* Print a list of terms.  When the page covers several tables, each
 * table's list is headed by the commands it is for, because the tables
 * describe the same term (NO_COLOR, exit status 1) in different words. */
static void print_man_entries(FILE *out, const struct program_spec *const *programs, size_t count,
			      const struct doc_entry *(*entries_of)(const struct program_spec *,
								     size_t *))
{
	for (size_t p = 0; p < count; p++) {
		size_t entry_count = 0;
		const struct doc_entry *entries = entries_of(programs[p], &entry_count);

		if (count > 1 && entry_count > 0) {
			fputs(".PP\n", out);
			print_man_command_names(out, programs, count, commands_of_program(programs[p]));
			fputs(":\n", out);
		}
		for (size_t i = 0; i < entry_count; i++) {
			fputs(".TP\n.B ", out);
			print_roff(out, entries[i].term);
			fputc('\n', out);
			print_roff(out, entries[i].text);
			fputc('\n', out);
		}
	}
}

static const struct doc_entry *environment_of(const struct program_spec *program, size_t *count)
{
	*count = program->environment_count;
	return program->environment;
}

static const struct doc_entry *exit_statuses_of(const struct program_spec *program, size_t *count)
{
	*count = program->exit_status_count;
	return program->exit_statuses;
}

/* Exported function, documented in include/options.h */
void options_print_man_programs(const struct program_spec *const *programs, size_t count,
				FILE *out)
{
	const struct program_spec *first = programs[0];
	bool first_command = true;

	fputs(".TH ", out);
	for (const char *p = first->name; *p != '\0'; p++)
		fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
	fputs(" 1 \"\" \"", out);
	print_roff(out, first->name);
	fputc(' ', out);
	print_roff(out, first->version);
	fputs("\" \"User Commands\"\n", out);
	/* Paths and option names read badly when broken or stretched. */
	fputs(".nh\n.ad l\n", out);

	fputs(".SH NAME\n", out);
	print_roff(out, first->name);
	fputs(" \\- ", out);
	print_roff(out, first->summary);
	fputs("\n.SH SYNOPSIS\n", out);
	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < programs[p]->command_count; i++) {
			const struct command_spec *command = &programs[p]->commands[i];

			if (!first_command)
				fputs(".br\n", out);
			first_command = false;
			fputs(".B ", out);
			print_roff(out, first->name);
			fputc(' ', out);
			print_roff(out, command->name);
			fputc('\n', out);
			print_roff(out, command->synopsis);
			fputc('\n', out);
		}
	}

	fputs(".SH DESCRIPTION\n", out);
	print_roff(out, first->description);
	fputs("\n.SH COMMANDS\n", out);
	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < programs[p]->command_count; i++) {
			fputs(".TP\n.B ", out);
			print_roff(out, programs[p]->commands[i].name);
			fputc('\n', out);
			print_roff(out, programs[p]->commands[i].description);
			fputc('\n', out);
		}
	}

	print_man_options(out, programs, count);

	fputs(".SH ENVIRONMENT\n", out);
	print_man_entries(out, programs, count, environment_of);
	fputs(".SH \"EXIT STATUS\"\n", out);
	print_man_entries(out, programs, count, exit_statuses_of);
	fputs(".SH EXAMPLES\n", out);
	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < programs[p]->example_count; i++) {
			fputs(".PP\n", out);
			print_roff(out, programs[p]->examples[i].text);
			fputs("\n.PP\n.RS 4\n.nf\n", out);
			print_roff(out, programs[p]->examples[i].term);
			fputs("\n.fi\n.RE\n", out);
		}
	}
}

/* Exported function, documented in include/options.h */
void options_print_man_for(const struct program_spec *program, FILE *out)
{
	options_print_man_programs(&program, 1, out);
}

/* Exported function, documented in include/options.h */
void options_print_man(FILE *out)
{
	options_print_man_for(&options_program, out);
}

/* ------------------------------------------------------------------------
 * Bash completion
 * ------------------------------------------------------------------------ */

/* Print the shell function name: the program name with every character
 * that bash does not allow in a name replaced by '_'. */
static void print_function_name(FILE *out, const char *program)
{
	fputc('_', out);
	for (const char *p = program; *p != '\0'; p++) {
		bool word_character = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
				      (*p >= '0' && *p <= '9') || *p == '_';

		fputc(word_character ? *p : '_', out);
	}
}

/* Print a case pattern that matches every visible option whose argument
 * is of the kind chosen by the filter, for example "-o|--output".  Returns
 * false when no option matches, so the caller can leave the case out. */
static bool print_option_pattern(FILE *out, const struct program_spec *program,
				 bool (*filter)(const struct option_spec *))
{
	bool any = false;

	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];

		if (!is_visible(spec) || !filter(spec))
			continue;
		if (spec->short_name != '\0')
			fprintf(out, "%s-%c", any ? "|" : "", spec->short_name);
		fprintf(out, "%s--%s", any || spec->short_name != '\0' ? "|" : "", spec->long_name);
		any = true;
	}
	return any;
}

static bool has_option(const struct program_spec *program,
		       bool (*filter)(const struct option_spec *))
{
	for (size_t i = 0; i < program->option_count; i++)
		if (is_visible(&program->options[i]) && filter(&program->options[i]))
			return true;
	return false;
}

static bool takes_file(const struct option_spec *spec)
{
	return spec->argument == OPTION_ARGUMENT_REQUIRED && spec->file_argument;
}

static bool takes_free_text(const struct option_spec *spec)
{
	return spec->argument == OPTION_ARGUMENT_REQUIRED && !spec->file_argument &&
	       spec->choices == NULL;
}

/* Print the shell case that completes the value of the option before the
 * cursor, every line starting with indent. */
static void print_value_cases(FILE *out, const struct program_spec *program, const char *indent)
{
	fprintf(out, "%s\tcase $prev in\n", indent);
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];
		bool optional = spec->argument == OPTION_ARGUMENT_OPTIONAL;

		if (!is_visible(spec) || spec->choices == NULL)
			continue;
		fprintf(out, "%s\t", indent);
		if (spec->short_name != '\0')
			fprintf(out, "-%c|", spec->short_name);
		fprintf(out, "--%s)\n", spec->long_name);
		/* An optional value is only completed when the word is not an option. */
		if (optional)
			fprintf(out, "%s\t\tif [[ $cur != -* ]]; then\n", indent);
		fprintf(out, "%s\t\t%sCOMPREPLY=($(compgen -W '", indent, optional ? "\t" : "");
		for (const char *const *choice = spec->choices; *choice != NULL; choice++)
			fprintf(out, "%s%s", choice == spec->choices ? "" : " ", *choice);
		fputs("' -- \"$cur\"))\n", out);
		if (optional)
			fprintf(out, "%s\t\t\treturn\n%s\t\tfi\n%s\t\t;;\n", indent, indent, indent);
		else
			fprintf(out, "%s\t\treturn\n%s\t\t;;\n", indent, indent);
	}
	if (has_option(program, takes_file)) {
		fprintf(out, "%s\t", indent);
		print_option_pattern(out, program, takes_file);
		fprintf(out,
			")\n"
			"%s\t\tcompopt -o filenames 2>/dev/null\n"
			"%s\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
			"%s\t\treturn\n"
			"%s\t\t;;\n",
			indent, indent, indent, indent);
	}
	if (has_option(program, takes_free_text)) {
		fprintf(out, "%s\t", indent);
		print_option_pattern(out, program, takes_free_text);
		fprintf(out,
			")\n"
			"%s\t\t# Free text: nothing to offer.\n"
			"%s\t\treturn\n"
			"%s\t\t;;\n",
			indent, indent, indent);
	}
	fprintf(out, "%s\tesac\n", indent);
}

/* Print the command names of program joined by separator. */
static void print_command_list(FILE *out, const struct program_spec *const *programs, size_t count,
			       const char *separator)
{
	bool first = true;

	for (size_t p = 0; p < count; p++) {
		for (size_t i = 0; i < programs[p]->command_count; i++) {
			fprintf(out, "%s%s", first ? "" : separator, programs[p]->commands[i].name);
			first = false;
		}
	}
}

/* Exported function, documented in include/options.h */
void options_print_completion_bash_programs(const struct program_spec *const *programs,
					    size_t count, FILE *out)
{
	const struct program_spec *first_program = programs[0];

	fprintf(out, "# bash completion for %s %s, generated from its option %s.\n",
		first_program->name, first_program->version, count > 1 ? "tables" : "table");
	print_function_name(out, first_program->name);
	fputs("()\n{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=\n"
	      "\tlocal command= i\n"
	      "\t(( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\n"
	      "\t# With '=' in COMP_WORDBREAKS (the default), \"--registry=q\" arrives as\n"
	      "\t# the words \"--registry\", \"=\" and \"q\".\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\tcur=\n"
	      "\telif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n"
	      "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}\n"
	      "\tfi\n"
	      "\n"
	      "\tfor (( i = 1; i < COMP_CWORD; i++ )); do\n"
	      "\t\tcase ${COMP_WORDS[i]} in\n"
	      "\t\t", out);
	print_command_list(out, programs, count, "|");
	fputs(")\n"
	      "\t\t\tcommand=${COMP_WORDS[i]}\n"
	      "\t\t\tbreak\n"
	      "\t\t\t;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\tif [[ -z $command ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W '", out);
	print_command_list(out, programs, count, " ");
	fputs("' -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\n", out);

	if (count == 1) {
		print_value_cases(out, first_program, "");
	} else {
		/* The tables may give one option name different values (check's
		 * --provider accepts "other", the generator's does not). */
		fputs("\tcase $command in\n", out);
		for (size_t p = 0; p < count; p++) {
			fputs("\t", out);
			print_command_list(out, &programs[p], 1, "|");
			fputs(")\n", out);
			print_value_cases(out, programs[p], "\t");
			fputs("\t\t;;\n", out);
		}
		fputs("\tesac\n", out);
	}

	fputs("\n"
	      "\tlocal options\n"
	      "\tcase $command in\n", out);
	for (size_t p = 0; p < count; p++) {
		const struct program_spec *program = programs[p];

		for (size_t c = 0; c < program->command_count; c++) {
			const struct command_spec *command = &program->commands[c];
			bool first = true;

			fprintf(out, "\t%s)\n\t\toptions='", command->name);
			for (size_t i = 0; i < program->option_count; i++) {
				const struct option_spec *spec = &program->options[i];

				if (!is_visible(spec) || !accepts(spec, command->command))
					continue;
				if (spec->short_name != '\0')
					fprintf(out, "%s-%c", first ? "" : " ", spec->short_name);
				fprintf(out, "%s--%s", first && spec->short_name == '\0' ? "" : " ",
					spec->long_name);
				first = false;
			}
			fputs("'\n\t\t;;\n", out);
		}
	}
	fputs("\tesac\n"
	      "\tCOMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
	      "}\n"
	      "complete -F ", out);
	print_function_name(out, first_program->name);
	fprintf(out, " %s\n", first_program->name);
}

/* Exported function, documented in include/options.h */
void options_print_completion_bash_for(const struct program_spec *program, FILE *out)
{
	options_print_completion_bash_programs(&program, 1, out);
}

/* Exported function, documented in include/options.h */
void options_print_completion_bash(FILE *out)
{
	options_print_completion_bash_for(&options_program, out);
}
