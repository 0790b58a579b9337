/* Layering one hub's chart defaults, deployer layer and values files; documented in hub_run.h. */
#include "hub_run.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "deployer_layer.h"
#include "infra_repo.h"

static void print_load_error(const struct load_error *err)
{
	char message[1024];

	load_error_format(err, message, sizeof(message));
	if (err->status == LOAD_ERR_SYNTAX)
		fprintf(stderr, "binderhub-gen: error: %s; fix the YAML syntax there\n", message);
	else if (err->status == LOAD_ERR_IO)
		fprintf(stderr, "binderhub-gen: error: %s; check the path and its permissions\n",
			message);
	else
		fprintf(stderr, "binderhub-gen: error: %s\n", message);
}

const char *hub_layers_find_chart_values(const struct check_request *request, const char *near,
					 char *buffer, size_t size)
{
	char root[PATH_SIZE];

	if (request->chart_values)
		return request->chart_values;
	if (request->no_chart_values || !near)
		return NULL;
	if (infra_repo_find_root(near, root, sizeof(root)) != 0 ||
	    infra_repo_chart_defaults_path(root, buffer, size) != 0)
		return NULL;
	return buffer;
}

/* The deployer's layer goes first, as the deployer passes it to helm first.
 * Sets *wrong_hub, after printing an error, for a rendered layer of another hub. */
static enum load_status add_deployer_layer(const struct check_request *request,
					   const struct hub_input *input,
					   struct effective *effective, struct load_error *err,
					   bool *wrong_hub)
{
	struct tree_doc *doc = NULL;
	enum load_status status;

	switch (input->deployer) {
	case DEPLOYER_EMULATED:
		return effective_add_emulated_layer(
			effective, deployer_layer_build(input->cluster, input->hub), err);
	case DEPLOYER_RENDERED:
		status = load_file(request->deployer_values, NULL, &doc, err);
		if (status != LOAD_OK) {
			/* load_file() leaves the name pointing into the document it freed. */
			err->mark.file = strcmp(request->deployer_values, "-") == 0
						 ? "stdin"
						 : request->deployer_values;
			return status;
		}
		if (deployer_render_is_for_other_hub(request, input, doc)) {
			*wrong_hub = true;
			tree_doc_free(doc);
			return LOAD_ERR_STRUCTURE;
		}
		/* The rendered file is no file the user edits either, so it is
		 * marked emulated: findings point past it to the user's files. */
		return effective_add_emulated_layer(effective, doc, err);
	case DEPLOYER_NONE:
	default:
		return LOAD_OK;
	}
}

int hub_layers_build(const struct check_request *request, const struct hub_input *input,
		     struct effective *effective, struct load_error *err, bool *wrong_hub)
{
	enum load_status status = LOAD_OK;

	effective_init(effective, input->daskhub);
	if (input->chart_values)
		status = effective_load_defaults(effective, input->chart_values, err);
	else if (!request->no_chart_values)
		status = effective_load_builtin_defaults(effective, err);
	if (status == LOAD_OK)
		status = add_deployer_layer(request, input, effective, err, wrong_hub);
	for (size_t i = 0; status == LOAD_OK && i < input->file_count; i++)
		status = effective_load_layer(effective, input->files[i], err);
	if (status == LOAD_OK)
		status = effective_build(effective, err);
	if (status != LOAD_OK) {
		if (!*wrong_hub)
			print_load_error(err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}
