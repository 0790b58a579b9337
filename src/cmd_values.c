/* `binderhub-gen values`: wiring of options, generator, emitter and output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "emit.h"
#include "generate.h"
#include "options.h"
#include "output.h"
#include "provenance.h"
#include "selfcheck.h"

/*
 * Run the runbook rules on the text about to be written.  Returns nonzero
 * when it must not be written: errors were found and --allow-findings was
 * not given, or the check itself failed.
 */
static int check_output(const struct gen_options *options, const char *text, size_t length)
{
	const char *name = options->output && strcmp(options->output, "-") != 0 ? options->output
										: "stdout";
	struct findings findings = {0};
	char error[1024];
	int status = selfcheck_values(options, text, length, name, &findings, error, sizeof(error));
	size_t errors;

	if (status == 2) {
		fprintf(stderr, "binderhub-gen: error: cannot check the generated file: %s\n", error);
		findings_release(&findings);
		return -1;
	}
	errors = selfcheck_print(stderr, &findings);
	findings_release(&findings);
	if (errors == 0 || options->allow_findings)
		return 0;
	fprintf(stderr,
		"binderhub-gen: error: the generated file breaks %zu runbook rule%s, so it was not "
		"written; fix the options above, or add --allow-findings to write it anyway\n",
		errors, errors == 1 ? "" : "s");
	return -1;
}

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

	switch (options_parse_gen(GEN_VALUES, argc, argv, &options, stdout, stderr)) {
	case OPTIONS_OK:
		break;
	case OPTIONS_DONE:
		gen_options_release(&options);
		return EXIT_OK;
	case OPTIONS_USAGE:
	default:
		gen_options_release(&options);
		return EXIT_USAGE;
	}

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
	if (check_output(&options, text, length)) {
		status = EXIT_FINDINGS;
		goto done;
	}
	target.path = options.output;
	target.force = options.force;
	target.mode = OUTPUT_MODE_VALUES;
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
