/* `binderhub-gen values`: wiring of options, generator, emitter and output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "emit.h"
#include "generate.h"
#include "options.h"
#include "output.h"
#include "provenance.h"
#include "selfcheck.h"

int cmd_values(int argc, char **argv)
{
	struct gen_options options;
	struct tree_doc *doc = NULL;
	struct emit_options emit_options;
	struct output_target target;
	char error[1024];
	char *text = NULL;
	size_t length = 0;
	int status = EXIT_USAGE;

	status = generate_start(GEN_VALUES, argc, argv, &options, &target);
	if (status >= 0)
		return status;
	status = EXIT_USAGE;

	if (generate_values(&options, &doc, error, sizeof(error)) != GENERATE_OK) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	if (options.comments)
		provenance_add_command_line(doc, argc, argv, &options.prompted);
	emit_options.comments = options.comments;
	if (emit_document(doc->root, &emit_options, &text, &length, error, sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	if (selfcheck_gate(SELFCHECK_VALUES, &options, text, length)) {
		status = EXIT_FINDINGS;
		goto done;
	}
	if (output_write(&target, text, length, error, sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	status = EXIT_OK;
done:
	free(text);
	tree_doc_free(doc);
	gen_options_release(&options);
	return status;
}
