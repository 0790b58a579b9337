/* The bash completion script printer of one or several option tables. */
#include "options.h"

#include "options_internal.h"

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

		if (!options_is_visible(spec) || !filter(spec))
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
		if (options_is_visible(&program->options[i]) && filter(&program->options[i]))
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

		if (!options_is_visible(spec) || spec->choices == NULL)
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

				if (!options_is_visible(spec) ||
				    !options_accepts(spec, command->command))
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
