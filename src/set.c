/* --set overrides; documented in include/set.h. */
#include "set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Split "a.b\.c=v" into keys {"a", "b.c"} and the value; returns the key count or -1. */
static int split_assignment(const char *assignment, char ***keys_out, const char **value_out)
{
	size_t length = strlen(assignment);
	char **keys = calloc(length + 1, sizeof(*keys));
	char *key = malloc(length + 1);
	size_t key_length = 0;
	int count = 0;

	if (!keys || !key)
		abort();
	for (size_t i = 0; i <= length; i++) {
		char c = assignment[i];

		if (c == '\\' && (assignment[i + 1] == '.' || assignment[i + 1] == '\\' ||
				  assignment[i + 1] == '=')) {
			key[key_length++] = assignment[++i];
			continue;
		}
		if (c == '.' || c == '=' || c == '\0') {
			if (key_length == 0 || c == '\0')
				break;
			key[key_length] = '\0';
			keys[count] = malloc(key_length + 1);
			if (!keys[count])
				abort();
			memcpy(keys[count], key, key_length + 1);
			count++;
			key_length = 0;
			if (c == '=') {
				*value_out = assignment + i + 1;
				free(key);
				*keys_out = keys;
				return count;
			}
			continue;
		}
		key[key_length++] = c;
	}
	for (int i = 0; i < count; i++)
		free(keys[i]);
	free(keys);
	free(key);
	return -1;
}


static void free_keys(char **keys, int count)
{
	for (int i = 0; i < count; i++)
		free(keys[i]);
	free(keys);
}

int set_last_key(const char *assignment, char *buffer, size_t size)
{
	const char *value = NULL;
	char **keys = NULL;
	int count = split_assignment(assignment, &keys, &value);

	if (count < 0)
		return -1;
	snprintf(buffer, size, "%s", keys[count - 1]);
	free_keys(keys, count);
	return 0;
}

/* helm's --set reads "name[0]" as a list index, which this tree does not model. */
static bool has_list_index(char **keys, int count)
{
	for (int i = 0; i < count; i++)
		if (strpbrk(keys[i], "[]"))
			return true;
	return false;
}

static struct node *new_value(struct tree_doc *doc, const char *value, bool as_string)
{
	/* helm reads "--set key=" as the empty string, not as null. */
	if (as_string || value[0] == '\0')
		return tree_new_string(doc, value);
	return tree_new_scalar(doc, value, strlen(value), SCALAR_PLAIN);
}

int set_apply(struct tree_doc *doc, struct node **root, const char *assignment, bool as_string,
	      char *error, size_t error_size)
{
	const char *value = NULL;
	char **keys = NULL;
	int count = split_assignment(assignment, &keys, &value);
	struct node *mapping;

	if (count > 0 && has_list_index(keys, count)) {
		snprintf(error, error_size,
			 "cannot apply '%s': list indexes such as [0] are not supported; set the "
			 "whole list in a values file instead",
			 assignment);
		free_keys(keys, count);
		return -1;
	}
	if (count < 0) {
		snprintf(error, error_size,
			 "invalid assignment '%s'; write PATH=VALUE with a non-empty dotted PATH, "
			 "e.g. jupyterhub.hub.redirectToServer=false",
			 assignment);
		return -1;
	}
	if (!*root)
		*root = tree_new_mapping(doc);
	mapping = *root;
	for (int i = 0; i < count; i++) {
		struct pair *pair;

		if (mapping->kind != NODE_MAPPING) {
			snprintf(error, error_size,
				 "cannot apply '%s': the value above key '%s' is not a mapping",
				 assignment, keys[i]);
			free_keys(keys, count);
			return -1;
		}
		pair = tree_mapping_find(mapping, keys[i]);
		if (i == count - 1) {
			if (pair && pair->value->kind == NODE_SCALAR) {
				struct node *scalar = new_value(doc, value, as_string);

				pair->value->as.scalar = scalar->as.scalar;
				pair->value->tag = NULL;
			} else {
				tree_mapping_set(doc, mapping, keys[i], new_value(doc, value, as_string));
			}
			break;
		}
		if (!pair || tree_is_null(pair->value))
			pair = tree_mapping_set(doc, mapping, keys[i], tree_new_mapping(doc));
		if (pair->value->kind == NODE_ALIAS) {
			snprintf(error, error_size,
				 "cannot apply '%s': key '%s' is an alias, and changing it would change "
				 "every copy; set the anchored value instead",
				 assignment, keys[i]);
			free_keys(keys, count);
			return -1;
		}
		mapping = pair->value;
	}
	free_keys(keys, count);
	return 0;
}
