/* Entry point: dispatch to the subcommand. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("binderhub-gen %s\n", BHG_VERSION);
		return 0;
	}
	fputs("binderhub-gen: error: no subcommand given\n", stderr);
	return 2;
}
