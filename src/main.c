/* Entry point: dispatch to the subcommand named by the first argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "effective.h"
#include "output.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"values", cmd_values, "write a binderhub-ui hub's values file"},
	{"secrets", cmd_secrets, "write the plaintext secret values file, for sops to encrypt"},
	{"check", cmd_check, "check a hub's values files against the runbook rules"},
	{"rules", cmd_rules, "list the runbook rules that check applies"},
	{"explain", cmd_explain, "explain one rule: what, why, and the fix"},
	{"man", cmd_man, "print the man page (roff)"},
	{"completion", cmd_completion, "print the bash completion script"},
};

static void print_usage(FILE *stream)
{
	fputs("usage: binderhub-gen <command> [options]\n\n"
	      "Generate and check values files of 2i2c binderhub-ui hubs.\n\ncommands:\n",
	      stream);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(stream, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'binderhub-gen <command> --help' for the options of a command.\n", stream);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("binderhub-gen: error: no command given; run 'binderhub-gen --help' to list "
		      "them\n",
		      stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		char *revision = effective_builtin_revision();

		printf("binderhub-gen %s\n", BHG_VERSION);
		printf("built-in chart defaults: basehub values of 2i2c-org/infrastructure %s\n",
		       revision ? revision : "(revision unknown)");
		free(revision);
		return output_flush_stdout();
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_usage(stdout);
		return output_flush_stdout();
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr,
		"binderhub-gen: error: unknown command '%s'; run 'binderhub-gen --help' to list "
		"them\n",
		argv[1]);
	return EXIT_USAGE;
}
