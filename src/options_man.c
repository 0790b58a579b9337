/* The man page printer of one or several option tables. */
#include "options.h"

#include <string.h>

#include "options_internal.h"

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
			if (options_is_visible(&programs[p]->options[i]) &&
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
			if (options_is_visible(&programs[p]->options[i]) &&
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

				if ((int)option->group != group || !options_is_visible(option) ||
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
