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

/* Print text word by word from column, starting new lines indented by
 * indent before width is passed.  A word longer than a line stays whole. */
static void print_wrapped(FILE *out, const char *text, size_t indent, size_t column, size_t width)
{
	bool line_has_word = false;

	while (*text != '\0') {
		size_t spaces = strspn(text, " ");
		size_t length;

		text += spaces;
		length = strcspn(text, " ");
		if (length == 0)
			break;
		if (line_has_word && column + 1 + length > width) {
			fprintf(out, "\n%*s", (int)indent, "");
			column = indent;
			line_has_word = false;
		}
		if (line_has_word) {
			fputc(' ', out);
			column++;
		}
		fwrite(text, 1, length, out);
		column += length;
		line_has_word = true;
		text += length;
	}
	fputc('\n', out);
}

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
	print_wrapped(out, spec->description, 0, 0, HELP_WIDTH);

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
			print_wrapped(out, option->help, HELP_TEXT_COLUMN, HELP_TEXT_COLUMN, HELP_WIDTH);
		}
	}

	fputs("\nExit status:\n", out);
	for (size_t i = 0; i < program->exit_status_count; i++) {
		fprintf(out, "  %-4s", program->exit_statuses[i].term);
		print_wrapped(out, program->exit_statuses[i].text, 6, 6, HELP_WIDTH);
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

static void print_man_option(FILE *out, const struct program_spec *program,
			     const struct option_spec *option)
{
	unsigned all_commands = 0;

	for (size_t i = 0; i < program->command_count; i++)
		all_commands |= OPTION_COMMAND(program->commands[i].command);

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
	if ((option->commands & all_commands) != all_commands) {
		const char *separator = " Only for";

		for (size_t i = 0; i < program->command_count; i++) {
			if (!accepts(option, program->commands[i].command))
				continue;
			fprintf(out, "%s \\fB", separator);
			print_roff(out, program->commands[i].name);
			fputs("\\fR", out);
			separator = " and";
		}
		fputc('.', out);
	}
	fputc('\n', out);
}

/* Exported function, documented in include/options.h */
void options_print_man_for(const struct program_spec *program, FILE *out)
{
	fputs(".TH ", out);
	for (const char *p = program->name; *p != '\0'; p++)
		fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
	fputs(" 1 \"\" \"", out);
	print_roff(out, program->name);
	fputc(' ', out);
	print_roff(out, program->version);
	fputs("\" \"User Commands\"\n", out);
	/* Paths and option names read badly when broken or stretched. */
	fputs(".nh\n.ad l\n", out);

	fputs(".SH NAME\n", out);
	print_roff(out, program->name);
	fputs(" \\- ", out);
	print_roff(out, program->summary);
	fputs("\n.SH SYNOPSIS\n", out);
	for (size_t i = 0; i < program->command_count; i++) {
		const struct command_spec *command = &program->commands[i];

		if (i > 0)
			fputs(".br\n", out);
		fputs(".B ", out);
		print_roff(out, program->name);
		fputc(' ', out);
		print_roff(out, command->name);
		fputc('\n', out);
		print_roff(out, command->synopsis);
		fputc('\n', out);
	}

	fputs(".SH DESCRIPTION\n", out);
	print_roff(out, program->description);
	fputs("\n.SH COMMANDS\n", out);
	for (size_t i = 0; i < program->command_count; i++) {
		fputs(".TP\n.B ", out);
		print_roff(out, program->commands[i].name);
		fputc('\n', out);
		print_roff(out, program->commands[i].description);
		fputc('\n', out);
	}

	fputs(".SH OPTIONS\n", out);
	for (int group = 0; group < OPTION_GROUP__COUNT; group++) {
		bool title_printed = false;

		for (size_t i = 0; i < program->option_count; i++) {
			const struct option_spec *option = &program->options[i];

			if ((int)option->group != group || !is_visible(option))
				continue;
			if (!title_printed) {
				fputs(".SS ", out);
				print_roff(out, program->group_titles[group]);
				fputc('\n', out);
				title_printed = true;
			}
			print_man_option(out, program, option);
		}
	}

	fputs(".SH ENVIRONMENT\n", out);
	for (size_t i = 0; i < program->environment_count; i++) {
		fputs(".TP\n.B ", out);
		print_roff(out, program->environment[i].term);
		fputc('\n', out);
		print_roff(out, program->environment[i].text);
		fputc('\n', out);
	}
	fputs(".SH \"EXIT STATUS\"\n", out);
	for (size_t i = 0; i < program->exit_status_count; i++) {
		fputs(".TP\n.B ", out);
		print_roff(out, program->exit_statuses[i].term);
		fputc('\n', out);
		print_roff(out, program->exit_statuses[i].text);
		fputc('\n', out);
	}
	fputs(".SH EXAMPLES\n", out);
	for (size_t i = 0; i < program->example_count; i++) {
		fputs(".PP\n", out);
		print_roff(out, program->examples[i].text);
		fputs("\n.PP\n.RS 4\n.nf\n", out);
		print_roff(out, program->examples[i].term);
		fputs("\n.fi\n.RE\n", out);
	}
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

static bool takes_file(const struct option_spec *spec)
{
	return spec->argument == OPTION_ARGUMENT_REQUIRED && spec->file_argument;
}

static bool takes_free_text(const struct option_spec *spec)
{
	return spec->argument == OPTION_ARGUMENT_REQUIRED && !spec->file_argument &&
	       spec->choices == NULL;
}

/* Exported function, documented in include/options.h */
void options_print_completion_bash_for(const struct program_spec *program, FILE *out)
{
	fprintf(out, "# bash completion for %s %s, generated from its option table.\n",
		program->name, program->version);
	print_function_name(out, program->name);
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
	for (size_t i = 0; i < program->command_count; i++)
		fprintf(out, "%s%s", i > 0 ? "|" : "", program->commands[i].name);
	fputs(")\n"
	      "\t\t\tcommand=${COMP_WORDS[i]}\n"
	      "\t\t\tbreak\n"
	      "\t\t\t;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\tif [[ -z $command ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W '", out);
	for (size_t i = 0; i < program->command_count; i++)
		fprintf(out, "%s%s", i > 0 ? " " : "", program->commands[i].name);
	fputs("' -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\n"
	      "\tcase $prev in\n", out);

	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];

		if (!is_visible(spec) || spec->choices == NULL)
			continue;
		fputs("\t", out);
		if (spec->short_name != '\0')
			fprintf(out, "-%c|", spec->short_name);
		fprintf(out, "--%s)\n", spec->long_name);
		/* An optional value is only completed when the word is not an option. */
		if (spec->argument == OPTION_ARGUMENT_OPTIONAL)
			fputs("\t\tif [[ $cur != -* ]]; then\n\t", out);
		fputs("\t\tCOMPREPLY=($(compgen -W '", out);
		for (const char *const *choice = spec->choices; *choice != NULL; choice++)
			fprintf(out, "%s%s", choice == spec->choices ? "" : " ", *choice);
		fputs("' -- \"$cur\"))\n", out);
		if (spec->argument == OPTION_ARGUMENT_OPTIONAL)
			fputs("\t\t\treturn\n\t\tfi\n\t\t;;\n", out);
		else
			fputs("\t\treturn\n\t\t;;\n", out);
	}
	fputs("\t", out);
	if (print_option_pattern(out, program, takes_file))
		fputs(")\n"
		      "\t\tcompopt -o filenames 2>/dev/null\n"
		      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
		      "\t\treturn\n"
		      "\t\t;;\n\t", out);
	if (print_option_pattern(out, program, takes_free_text))
		fputs(")\n"
		      "\t\t# Free text: nothing to offer.\n"
		      "\t\treturn\n"
		      "\t\t;;\n", out);
	fputs("\tesac\n"
	      "\n"
	      "\tlocal options\n"
	      "\tcase $command in\n", out);
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
	fputs("\tesac\n"
	      "\tCOMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
	      "}\n"
	      "complete -F ", out);
	print_function_name(out, program->name);
	fprintf(out, " %s\n", program->name);
}

/* Exported function, documented in include/options.h */
void options_print_completion_bash(FILE *out)
{
	options_print_completion_bash_for(&options_program, out);
}
