/* `binderhub-gen man` and `binderhub-gen completion`: documents generated
 * from the option table, so they cannot drift from --help. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static int finish(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("binderhub-gen: error: cannot write to standard output");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_man(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fputs("binderhub-gen: error: 'man' takes no arguments; run 'binderhub-gen man > "
		      "binderhub-gen.1'\n",
		      stderr);
		return EXIT_USAGE;
	}
	options_print_man(stdout);
	return finish();
}

int cmd_completion(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "bash") != 0) {
		fputs("binderhub-gen: error: usage: binderhub-gen completion bash; bash is the only "
		      "shell supported\n",
		      stderr);
		return EXIT_USAGE;
	}
	options_print_completion_bash(stdout);
	return finish();
}
