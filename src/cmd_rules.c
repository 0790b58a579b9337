/* `binderhub-gen rules` and `binderhub-gen explain`: argument parsing around the rule printers. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "output.h"
#include "rules.h"

static const char rules_help[] =
	"Usage: binderhub-gen rules [--format text|markdown|json]\n"
	"\n"
	"Print every rule that 'binderhub-gen check' applies to a hub's values files.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT  output format: text (the default) prints one line per rule\n"
	"                   with code, severity, name and summary; markdown prints the\n"
	"                   page committed as docs/rules.md; json prints\n"
	"                   {\"version\": 1, \"rules\": [...]} with every field of every rule\n"
	"  -h, --help       print this help and exit\n"
	"\n"
	"Exit status: 0 on success, 2 on a usage error or when the output cannot be written.\n";

static const char explain_help[] =
	"Usage: binderhub-gen explain RULE\n"
	"\n"
	"Print what one rule of 'binderhub-gen check' requires, its severity, which hubs it\n"
	"applies to, its runbook section, why it exists, and a values-file fragment that\n"
	"satisfies it. RULE is a rule code such as BH024 (in any letter case) or a rule\n"
	"name such as tls-secret-names-differ; 'binderhub-gen rules' lists them all.\n"
	"\n"
	"Options:\n"
	"  -h, --help  print this help and exit\n"
	"\n"
	"Exit status: 0 on success, 2 on a usage error, an unknown rule or when the output\n"
	"cannot be written.\n";

static int print_help(const char *help)
{
	fputs(help, stdout);
	return output_flush_stdout();
}

static int reject_unknown_option(const char *command, const char *option)
{
	fprintf(stderr,
		"binderhub-gen: error: unknown option '%s' for '%s'; see 'binderhub-gen %s "
		"--help'\n",
		option, command, command);
	return EXIT_USAGE;
}

static bool is_help_option(const char *argument)
{
	return strcmp(argument, "-h") == 0 || strcmp(argument, "--help") == 0;
}

static int reject_help_value(const char *command)
{
	fprintf(stderr,
		"binderhub-gen: error: option '--help' takes no value; run 'binderhub-gen %s "
		"--help'\n",
		command);
	return EXIT_USAGE;
}

/*
 * Store the value of --format in *format, rejecting an unknown format and a
 * second --format with a different value.  *seen is the first value given,
 * NULL before any.
 */
static int accept_format(const char *value, enum rules_format *format, const char **seen)
{
	enum rules_format parsed;

	if (rules_format_parse(value, &parsed) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: invalid format '%s'; use one of text, markdown, json\n",
			value);
		return EXIT_USAGE;
	}
	if (*seen && strcmp(*seen, value) != 0) {
		fprintf(stderr,
			"binderhub-gen: error: option '--format' given twice, as '%s' and '%s'; "
			"give it once\n",
			*seen, value);
		return EXIT_USAGE;
	}
	*seen = value;
	*format = parsed;
	return EXIT_OK;
}

int cmd_rules(int argc, char **argv)
{
	enum rules_format format = RULES_FORMAT_TEXT;
	const char *format_seen = NULL;
	bool options_ended = false;

	for (int i = 1; i < argc; i++) {
		const char *argument = argv[i];
		int status;

		if (!options_ended && strcmp(argument, "--") == 0) {
			options_ended = true;
			continue;
		}
		if (options_ended || argument[0] != '-' || argument[1] == '\0') {
			fprintf(stderr,
				"binderhub-gen: error: unexpected argument '%s'; 'binderhub-gen rules' "
				"takes no arguments, see 'binderhub-gen rules --help'\n",
				argument);
			return EXIT_USAGE;
		}
		if (is_help_option(argument))
			return print_help(rules_help);
		if (strncmp(argument, "--help=", strlen("--help=")) == 0)
			return reject_help_value("rules");
		if (strcmp(argument, "--format") == 0) {
			if (i + 1 >= argc) {
				fputs("binderhub-gen: error: option '--format' needs a value; use one of "
				      "text, markdown, json\n",
				      stderr);
				return EXIT_USAGE;
			}
			status = accept_format(argv[++i], &format, &format_seen);
		} else if (strncmp(argument, "--format=", strlen("--format=")) == 0) {
			status = accept_format(argument + strlen("--format="), &format, &format_seen);
		} else {
			return reject_unknown_option("rules", argument);
		}
		if (status != EXIT_OK)
			return status;
	}

	rules_print_list(stdout, format);
	return output_flush_stdout();
}

static int reject_unknown_rule(const char *text)
{
	const struct rule_info *suggestion = rules_suggest(text);

	if (suggestion)
		fprintf(stderr, "binderhub-gen: error: unknown rule '%s'; did you mean '%s' (%s)?\n",
			text, suggestion->code, suggestion->name);
	else
		fprintf(stderr,
			"binderhub-gen: error: unknown rule '%s'; run 'binderhub-gen rules' to list "
			"them\n",
			text);
	return EXIT_USAGE;
}

int cmd_explain(int argc, char **argv)
{
	const char *requested = NULL;
	bool options_ended = false;

	for (int i = 1; i < argc; i++) {
		const char *argument = argv[i];

		if (!options_ended && strcmp(argument, "--") == 0) {
			options_ended = true;
			continue;
		}
		if (!options_ended && argument[0] == '-' && argument[1] != '\0') {
			if (is_help_option(argument))
				return print_help(explain_help);
			if (strncmp(argument, "--help=", strlen("--help=")) == 0)
				return reject_help_value("explain");
			return reject_unknown_option("explain", argument);
		}
		if (requested) {
			fprintf(stderr,
				"binderhub-gen: error: unexpected argument '%s'; 'binderhub-gen explain' "
				"takes one rule code or name\n",
				argument);
			return EXIT_USAGE;
		}
		requested = argument;
	}

	if (!requested) {
		fputs("binderhub-gen: error: missing rule code or name; run 'binderhub-gen rules' to "
		      "list them\n",
		      stderr);
		return EXIT_USAGE;
	}

	const struct rule_info *rule = rules_find(requested);

	if (!rule)
		return reject_unknown_rule(requested);
	rules_print_explain(stdout, rule);
	return output_flush_stdout();
}
