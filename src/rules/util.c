/* Helpers shared by the rule files, documented in include/rules_util.h. */
#include "rules_util.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* check_display_value() cuts scalars at 60 bytes, so any of its texts fits in this size. */
#define DISPLAY_SIZE 128
/* Sized for a list of a few items, each at most 60 bytes as displayed. */
#define LIST_DISPLAY_SIZE 512

const char *rules_display_quoted(const struct node *node, char *buffer, size_t size)
{
	char value[DISPLAY_SIZE];

	check_display_value(node, false, value, sizeof(value));
	node = tree_resolve(node);
	if (node && node->kind == NODE_SCALAR && !tree_is_null(node))
		snprintf(buffer, size, "'%s'", value);
	else
		snprintf(buffer, size, "%s", value);
	return buffer;
}

const char *rules_display_list(const struct node *node, char *buffer, size_t size)
{
	size_t used = 0;

	node = tree_resolve(node);
	if (!node || node->kind != NODE_SEQUENCE || node->as.sequence.count == 0)
		return check_display_value(node, false, buffer, size);
	buffer[0] = '\0';
	for (size_t i = 0; i < node->as.sequence.count && used + 1 < size; i++) {
		char item[DISPLAY_SIZE];
		int written;

		check_display_value(node->as.sequence.items[i], false, item, sizeof(item));
		written = snprintf(buffer + used, size - used, "%s%s", i ? ", " : "", item);
		if (written < 0)
			break;
		used += (size_t)written;
	}
	if (used >= size && size > 4)
		strcpy(buffer + size - 4, "...");
	return buffer;
}

/* Findings about such a value have no line, so the message names where it came from. */
const char *rules_default_suffix(const struct rule_context *ctx, const struct node *node)
{
	return check_from_defaults(ctx, node) ? ", the chart default" : "";
}

bool rules_text_in(const char *text, const char *const *words)
{
	for (size_t i = 0; text && words[i]; i++)
		if (strcmp(text, words[i]) == 0)
			return true;
	return false;
}

bool rules_text_in_ignoring_case(const char *text, const char *const *words)
{
	for (size_t i = 0; text && words[i]; i++)
		if (strcasecmp(text, words[i]) == 0)
			return true;
	return false;
}

bool rules_list_contains(const struct node *list, const char *const *words)
{
	list = tree_resolve(list);
	if (!list || list->kind != NODE_SEQUENCE)
		return false;
	for (size_t i = 0; i < list->as.sequence.count; i++) {
		const struct node *item = list->as.sequence.items[i];

		if (check_is_encrypted(item) || rules_text_in(check_text(item), words))
			return true;
	}
	return false;
}

size_t rules_sequence_count(const struct node *node)
{
	node = tree_resolve(node);
	return node && node->kind == NODE_SEQUENCE ? node->as.sequence.count : 0;
}

const struct node *rules_sequence_item(const struct node *node, size_t i)
{
	return tree_resolve(tree_resolve(node)->as.sequence.items[i]);
}

const struct node *rules_env_find(const struct node *list, const char *name)
{
	const struct node *found = NULL;
	size_t count = rules_sequence_count(list);

	for (size_t i = 0; i < count; i++) {
		const struct node *item = rules_sequence_item(list, i);

		if (item && item->kind == NODE_MAPPING &&
		    tree_scalar_equals(tree_mapping_get(item, "name"), name))
			found = item;
	}
	return found;
}

const struct node *const *rules_cmd_items(const struct node *cmd, const struct node **single,
					  size_t *count)
{
	if (cmd->kind == NODE_SEQUENCE) {
		*count = cmd->as.sequence.count;
		return (const struct node *const *)cmd->as.sequence.items;
	}
	*single = cmd;
	*count = 1;
	return single;
}

const char *rules_program_name(const char *item)
{
	const char *slash = strrchr(item, '/');

	return slash ? slash + 1 : item;
}

bool rules_cmd_runs_singleuser(const struct node *cmd)
{
	const struct node *single;
	const struct node *const *items;
	size_t count;

	cmd = tree_resolve(cmd);
	if (!cmd)
		return false;
	items = rules_cmd_items(cmd, &single, &count);
	for (size_t i = 0; i < count; i++) {
		const char *text = check_text(items[i]);

		if (!text)
			continue;
		if (strcmp(rules_program_name(text), "jupyterhub-singleuser") == 0 ||
		    strcmp(text, "jupyterhub.singleuser") == 0)
			return true;
		if (strpbrk(text, " \t\n") && strstr(text, "jupyterhub-singleuser"))
			return true;
	}
	return false;
}

size_t rules_path_append_key(char *path, size_t size, size_t length, const char *key)
{
	if (length > 0 && length + 1 < size)
		path[length++] = '.';
	/* Stop two bytes early: an escaped dot takes two, and the NUL one more. */
	for (const char *c = key; *c && length + 2 < size; c++) {
		if (*c == '.')
			path[length++] = '\\';
		path[length++] = *c;
	}
	path[length] = '\0';
	return length;
}

#define BINDER_ROLE "jupyterhub.hub.loadRoles.binder"

void rules_check_binder_role(const struct rule_context *ctx, enum rule_id rule,
			     const char *const *user_scopes, const char *user_scope,
			     const char *purpose)
{
	static const char *const service[] = {"binder", NULL};
	static const char *const servers[] = {"servers", "admin:servers", NULL};
	const struct node *role = check_get(ctx, BINDER_ROLE);
	const struct node *services, *scopes;
	char display[LIST_DISPLAY_SIZE];
	char both[DISPLAY_SIZE];
	const char *add;

	if (check_is_encrypted(role))
		return;
	if (!role || role->kind != NODE_MAPPING) {
		check_report_value(ctx, rule, role, BINDER_ROLE,
				   "no binder role in jupyterhub.hub.loadRoles; add one with "
				   "services [binder] and scopes [servers, %s]",
				   user_scope);
		return;
	}
	services = tree_mapping_get(role, "services");
	if (!check_is_encrypted(services) && !rules_list_contains(services, service))
		check_report_value(ctx, rule, services, BINDER_ROLE ".services",
				   BINDER_ROLE ".services is '%s'; add binder so that the role is "
					       "given to the binder service",
				   rules_display_list(services, display, sizeof(display)));
	scopes = tree_mapping_get(role, "scopes");
	if (check_is_encrypted(scopes))
		return;
	snprintf(both, sizeof(both), "servers and %s", user_scope);
	if (!rules_list_contains(scopes, servers))
		add = rules_list_contains(scopes, user_scopes) ? "servers" : both;
	else if (!rules_list_contains(scopes, user_scopes))
		add = user_scope;
	else
		return;
	check_report_value(ctx, rule, scopes, BINDER_ROLE ".scopes",
			   BINDER_ROLE ".scopes is '%s'; add %s so that BinderHub can %s",
			   rules_display_list(scopes, display, sizeof(display)), add, purpose);
}
