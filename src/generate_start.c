/* Start of the generator commands; documented in include/generate.h. */
#include "generate.h"

#include <stdio.h>

#include "commands.h"

int generate_start(enum gen_command command, int argc, char **argv, struct gen_options *options,
		   struct output_target *target)
{
	char error[1024];

	switch (options_parse_gen(command, argc, argv, options, stdout, stderr)) {
	case OPTIONS_OK:
		break;
	case OPTIONS_DONE:
		gen_options_release(options);
		return EXIT_OK;
	case OPTIONS_USAGE:
	default:
		gen_options_release(options);
		return EXIT_USAGE;
	}
	target->path = options->output;
	target->force = options->force;
	target->mode = command == GEN_SECRETS ? OUTPUT_MODE_SECRETS : OUTPUT_MODE_VALUES;
	if (output_check_target(target, error, sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		gen_options_release(options);
		return EXIT_USAGE;
	}
	return -1;
}
