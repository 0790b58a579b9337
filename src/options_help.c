/* The --help printer of an option table. */
#include "options.h"

#include <string.h>

#include "options_internal.h"
#include "text_layout.h"

/* Column where help text starts, and the width it wraps at. */
#define HELP_TEXT_COLUMN 30
#define HELP_WIDTH 79

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
	const struct command_spec *spec = options_find_command(program, command);

	if (spec == NULL)
		return;
	fprintf(out, "Usage: %s %s %s\n\n", program->name, spec->name, spec->synopsis);
	text_layout_write_wrapped(out, spec->description, 0, 0, HELP_WIDTH);

	for (int group = 0; group < OPTION_GROUP__COUNT; group++) {
		bool title_printed = false;

		for (size_t i = 0; i < program->option_count; i++) {
			const struct option_spec *option = &program->options[i];
			char label[96];

			if ((int)option->group != group || !options_is_visible(option) ||
			    !options_accepts(option, command))
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
