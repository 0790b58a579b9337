/* Detecting a --deployer-values render made for another hub; documented in hub_run.h. */
#include "hub_run.h"

#include <stdio.h>
#include <string.h>

#include "options.h"

static const char *quote(const char *text, char *buffer)
{
	return options_quote(text, buffer, OPTIONS_QUOTE_SIZE);
}

const struct node *deployer_render_find_other_hub(const struct node *node, const char *hub_name,
						  char *other, size_t size)
{
	static const char url_start[] = "://hub.";
	const struct node *found = NULL;

	if (!node)
		return NULL;
	switch (node->kind) {
	case NODE_SCALAR: {
		const char *start = strstr(node->as.scalar.value, url_start);
		const char *end;

		if (!start)
			return NULL;
		start += strlen(url_start);
		end = strstr(start, ".svc");
		if (!end || memchr(start, '/', (size_t)(end - start)) ||
		    memchr(start, '.', (size_t)(end - start)))
			return NULL;
		if (strlen(hub_name) == (size_t)(end - start) &&
		    strncmp(start, hub_name, (size_t)(end - start)) == 0)
			return NULL;
		snprintf(other, size, "%.*s", (int)(end - start), start);
		return node;
	}
	case NODE_SEQUENCE:
		for (size_t i = 0; i < node->as.sequence.count && !found; i++)
			found = deployer_render_find_other_hub(node->as.sequence.items[i], hub_name,
								other, size);
		return found;
	case NODE_MAPPING:
		for (size_t i = 0; i < node->as.mapping.count && !found; i++) {
			const struct pair *pair = &node->as.mapping.pairs[i];

			if (pair->key->kind == NODE_SCALAR && pair->value &&
			    pair->value->kind == NODE_SCALAR &&
			    strcmp(pair->key->as.scalar.value, "2i2c/hub-name") == 0) {
				if (strcmp(pair->value->as.scalar.value, hub_name) == 0)
					continue;
				snprintf(other, size, "%s", pair->value->as.scalar.value);
				return pair->value;
			}
			found = deployer_render_find_other_hub(pair->value, hub_name, other, size);
		}
		return found;
	case NODE_ALIAS:
	default:
		return NULL;
	}
}

bool deployer_render_is_for_other_hub(const struct check_request *request,
				      const struct hub_input *input, const struct tree_doc *doc)
{
	char other[256];
	char quoted[OPTIONS_QUOTE_SIZE];
	char quoted_other[OPTIONS_QUOTE_SIZE];
	const struct node *found;

	if (!input->hub)
		return false;
	found = deployer_render_find_other_hub(doc->root, input->hub->name, other, sizeof(other));
	if (!found)
		return false;
	fprintf(stderr,
		"binderhub-gen: error: %s:%zu:%zu: the file of option '--deployer-values' was "
		"rendered for hub '%s', not for hub '%s' of option '--hub'; render "
		"helm-charts/basehub/values.jsonnet for hub '%s' or leave the option out\n",
		quote(request->deployer_values, quoted), found->mark.line, found->mark.column,
		quote(other, quoted_other), input->hub->name, input->hub->name);
	return true;
}
