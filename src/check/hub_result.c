/* Ownership of the outcome of checking one hub; documented in hub_run.h. */
#include "hub_run.h"

#include <stdlib.h>
#include <string.h>

char *hub_result_copy_text(const char *text)
{
	char *copy;

	if (!text)
		return NULL;
	copy = strdup(text);
	if (!copy)
		abort();
	return copy;
}

void hub_result_add_file(struct hub_result *result, const char *file)
{
	char **bigger = realloc(result->files, (result->file_count + 1) * sizeof(*bigger));

	if (!bigger)
		abort();
	result->files = bigger;
	result->files[result->file_count++] = hub_result_copy_text(file);
}

void hub_result_set_names(const struct hub_input *input, struct hub_result *result)
{
	result->hub_name = hub_result_copy_text(input->hub ? input->hub->name : NULL);
	result->cluster_name = hub_result_copy_text(input->cluster ? input->cluster->name : NULL);
	for (size_t i = 0; i < input->file_count; i++)
		hub_result_add_file(result, input->files[i]);
}

void hub_result_release(struct hub_result *result)
{
	findings_release(&result->findings);
	effective_release(&result->effective);
	free(result->unloaded_file);
	result->unloaded_file = NULL;
	free(result->hub_name);
	free(result->cluster_name);
	for (size_t i = 0; i < result->file_count; i++)
		free(result->files[i]);
	free(result->files);
	result->hub_name = NULL;
	result->cluster_name = NULL;
	result->files = NULL;
	result->file_count = 0;
}

struct hub_result *hub_result_new(void)
{
	struct hub_result *result = calloc(1, sizeof(*result));

	if (!result)
		abort();
	return result;
}

void hub_result_free(struct hub_result *result)
{
	hub_result_release(result);
	free(result);
}
