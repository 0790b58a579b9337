/* Required options of `values` and `secrets`: the prompts for them, or the error naming them. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options_gen_internal.h"

enum required_option {
	REQUIRED_CLUSTER,
	REQUIRED_PROVIDER,
	REQUIRED_GCP_PROJECT,
	REQUIRED_INSTANCE_TYPE,
	REQUIRED__COUNT,
};

/* The question of a prompt and the option that stores the reply. */
struct required_prompt {
	enum option_id option;
	const char *question;
	const char *listed_as; /* In the "missing required options" message. */
};

static const struct required_prompt required_prompts[REQUIRED__COUNT] = {
	[REQUIRED_CLUSTER] = {OPTION_CLUSTER, "Cluster name", "--cluster"},
	[REQUIRED_PROVIDER] = {OPTION_PROVIDER, "Cloud provider (gcp, aws or azure)",
			       "--gcp|--aws|--azure"},
	[REQUIRED_GCP_PROJECT] = {OPTION_GCP_PROJECT, "GCP project ID of the Artifact Registry",
				  "--gcp-project"},
	[REQUIRED_INSTANCE_TYPE] = {OPTION_INSTANCE_TYPE,
				    "Instance type of the user nodes, as Azure names it",
				    "--instance-type"},
};

static bool is_missing(const struct gen_parse *parse, enum required_option required)
{
	const struct gen_options *options = parse->options;
	bool values = parse->command == GEN_VALUES;

	switch (required) {
	case REQUIRED_CLUSTER:
		return options->cluster == NULL;
	case REQUIRED_PROVIDER:
		return options->provider == PROVIDER_UNSET;
	case REQUIRED_GCP_PROJECT:
		/* Only values writes image_prefix; secrets can do without it. */
		return values && options->registry == REGISTRY_GAR && options->image_prefix == NULL &&
		       options->gcp_project == NULL;
	case REQUIRED_INSTANCE_TYPE:
		return values && options->provider == PROVIDER_AZURE && options->instance_type == NULL;
	case REQUIRED__COUNT:
		break;
	}
	return false;
}

/* Check a reply against the option's choices, as the parser does for the
 * option.  Options without choices accept any reply here. */
static bool is_choice(const struct option_spec *spec, const char *reply, FILE *err,
		      const char *given)
{
	char quoted[OPTIONS_QUOTE_SIZE];
	char list[128] = "";

	if (spec->choices == NULL)
		return true;
	for (const char *const *choice = spec->choices; *choice != NULL; choice++) {
		size_t used = strlen(list);

		if (strcmp(*choice, reply) == 0)
			return true;
		snprintf(list + used, sizeof list - used, "%s%s", used > 0 ? ", " : "", *choice);
	}
	options_print_error(err, "invalid value '%s' for option '%s'; valid values are %s",
			    options_quote(reply, quoted, sizeof quoted), given, list);
	return false;
}

/* Remove spaces and the line end around a reply, in place. */
static char *trim(char *text)
{
	size_t length;

	text += strspn(text, " \t");
	length = strlen(text);
	while (length > 0 && strchr(" \t\r\n", text[length - 1]) != NULL)
		text[--length] = '\0';
	return text;
}

/* Prompt for one option until the reply is valid.  The reply goes through
 * the same handler as the option, so it is checked the same way. */
static enum options_result prompt_for(struct gen_parse *parse, const struct options_streams *streams,
				      const struct required_prompt *prompt)
{
	const struct option_spec *spec = options_table_find_option(prompt->option);
	char given[64];
	char *line = NULL;
	size_t capacity = 0;
	enum options_result result = OPTIONS_USAGE;

	snprintf(given, sizeof given, "--%s", spec->long_name);
	for (;;) {
		char *reply;

		fprintf(streams->err, "%s (%s): ", prompt->question, given);
		fflush(streams->err);
		if (getline(&line, &capacity, streams->in) < 0) {
			fputc('\n', streams->err);
			options_print_error(streams->err,
					    "no answer for %s before the end of input; pass %s %s",
					    given, given, spec->argument_name);
			break;
		}
		reply = trim(line);
		if (reply[0] == '\0')
			continue;
		if (!is_choice(spec, reply, streams->err, given))
			continue;
		result = options_gen_handle_option(parse, spec, given, reply);
		if (result == OPTIONS_OK) {
			char *recorded = NULL;
			size_t length = strlen(given) + strlen(reply) + 2;

			recorded = malloc(length);
			if (!recorded)
				abort();
			snprintf(recorded, length, "%s=%s", given, reply);
			options_gen_append_string(&parse->options->prompted, recorded);
			free(recorded);
			break;
		}
	}
	free(line);
	return result;
}

/* Private function, declared in src/options_gen_internal.h */
enum options_result options_prompt_require_options(struct gen_parse *parse,
						   const struct options_streams *streams)
{
	char missing[160] = "";
	const char *name = options_command_name(parse->command);

	if (options_gen_resolve_registry(parse) != OPTIONS_OK)
		return OPTIONS_USAGE;

	if (streams->interactive) {
		/* One at a time, because the provider decides whether a project
		 * or an instance type is needed. */
		for (int required = 0; required < REQUIRED__COUNT; required++) {
			if (!is_missing(parse, (enum required_option)required))
				continue;
			if (prompt_for(parse, streams, &required_prompts[required]) != OPTIONS_OK)
				return OPTIONS_USAGE;
			if (options_gen_resolve_registry(parse) != OPTIONS_OK)
				return OPTIONS_USAGE;
		}
		return OPTIONS_OK;
	}

	for (int required = 0; required < REQUIRED__COUNT; required++) {
		size_t used = strlen(missing);

		if (!is_missing(parse, (enum required_option)required))
			continue;
		snprintf(missing + used, sizeof missing - used, "%s%s", used > 0 ? ", " : "",
			 required_prompts[required].listed_as);
	}
	if (missing[0] == '\0')
		return OPTIONS_OK;
	options_print_error(parse->err, "missing required options: %s; see 'binderhub-gen %s --help'",
			    missing, name);
	return OPTIONS_USAGE;
}
