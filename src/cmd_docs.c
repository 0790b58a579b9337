/* `binderhub-gen man` and `binderhub-gen completion`: documents generated
 * from the option tables of values and secrets and of check, so they cannot
 * drift from --help. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "output.h"

/* Every option table of the program, the generator's first. */
static const struct program_spec *const programs[] = {&options_program, &cmd_check_program};

int cmd_man(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fputs("binderhub-gen: error: 'man' takes no arguments; run 'binderhub-gen man > "
		      "binderhub-gen.1'\n",
		      stderr);
		return EXIT_USAGE;
	}
	options_print_man_programs(programs, sizeof(programs) / sizeof(programs[0]), stdout);
	return output_flush_stdout();
}

int cmd_completion(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "bash") != 0) {
		fputs("binderhub-gen: error: usage: binderhub-gen completion bash; bash is the only "
		      "shell supported\n",
		      stderr);
		return EXIT_USAGE;
	}
	options_print_completion_bash_programs(programs, sizeof(programs) / sizeof(programs[0]),
					       stdout);
	return output_flush_stdout();
}
