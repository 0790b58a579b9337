/*
 * Rules for binderhub-service.extraEnv.  These variables give the JupyterHub
 * client code inside BinderHub the hub's API token, OAuth client id, API URL
 * and public base URL.
 *
 * Helm replaces lists whole, so the effective extraEnv is the list of the
 * last layer that sets one.  Kubernetes uses the last entry of a repeated
 * name, so the rules read the last one too.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <string.h>

#define URL_SIZE 512

static const char env_path[] = "binderhub-service.extraEnv";

/* The item's name node, or NULL when it has no non-empty scalar name. */
static const struct node *env_name(const struct node *item)
{
	const struct node *name = tree_mapping_get(item, "name");

	return check_text(name) && check_is_set(name) ? name : NULL;
}

/*
 * Write into buffer a note naming the file whose list is in effect when an
 * earlier user file sets a list too, because helm replaced that list whole
 * and a reader looking at it would think the finding false.  Writes "" when
 * no other file sets one.
 */
static const char *replaced_list_note(const struct rule_context *ctx, const struct node *list,
				      char *buffer, size_t size)
{
	const char *file = list ? list->mark.file : NULL;

	buffer[0] = '\0';
	if (!file || check_from_defaults(ctx, list))
		return buffer;
	for (size_t i = 0; i < ctx->layer_count; i++) {
		const struct layer *layer = &ctx->layers[i];

		if (layer->emulated || !layer->values || strcmp(layer->name, file) == 0 ||
		    check_is_absent(tree_get_path(layer->values, env_path)))
			continue;
		snprintf(buffer, size, " (the list in effect is the one in '%s', which replaces "
				       "the whole list of '%s')",
			 file, layer->name);
		break;
	}
	return buffer;
}

/*
 * Find the last extraEnv item named name.  When there is none, report that
 * it is missing with the advice in fix, unless extraEnv is set but is not a
 * list, which BH060 reports instead.  The finding points at the list in
 * effect, whose nodes carry the mark of the layer that supplied it, not at
 * a list of an earlier layer that it replaced.
 */
static const struct node *env_require(const struct rule_context *ctx, enum rule_id rule,
				      const char *name, const char *fix)
{
	const struct node *list = check_get(ctx, env_path);
	const struct node *found;
	char note[URL_SIZE];

	if (check_is_set(list) && tree_resolve(list)->kind != NODE_SEQUENCE)
		return NULL;
	found = rules_env_find(list, name);
	if (!found)
		check_report_value(ctx, rule, check_is_absent(list) ? NULL : list, env_path,
				   "%s%s has no %s entry; add one %s", env_path,
				   replaced_list_note(ctx, list, note, sizeof(note)), name, fix);
	return found;
}

/* The literal value of an item, or NULL when it has none. */
static const struct node *env_value(const struct node *item)
{
	const struct node *value = tree_mapping_get(item, "value");

	return check_is_absent(value) ? NULL : value;
}

/* ---- BH060, BH066: the list itself ------------------------------------------------ */

void check_BH060(const struct rule_context *ctx)
{
	const struct node *list = check_get(ctx, env_path);
	const struct node *value = tree_resolve(list);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_absent(list) || check_is_encrypted(list))
		return;
	if (value->kind != NODE_SEQUENCE) {
		check_report(ctx, RULE_BH060, list, env_path,
			     "%s is %s, which Kubernetes rejects as a container's env; write it "
			     "as a list of '- name: ...' entries",
			     env_path, rules_display_quoted(list, shown, sizeof(shown)));
		return;
	}
	for (size_t i = 0; i < value->as.sequence.count; i++) {
		const struct node *item = rules_sequence_item(value, i);

		if (item->kind != NODE_MAPPING)
			check_report(ctx, RULE_BH060, item, env_path,
				     "item %zu of %s is %s, not a mapping; write it as '- name: "
				     "...' with value or valueFrom",
				     i + 1, env_path,
				     rules_display_quoted(item, shown, sizeof(shown)));
		else if (!env_name(item))
			check_report(ctx, RULE_BH060, item, env_path,
				     "item %zu of %s has no name; add the variable's name", i + 1,
				     env_path);
	}
}

void check_BH066(const struct rule_context *ctx)
{
	const struct node *list = tree_resolve(check_get(ctx, env_path));

	if (!list || list->kind != NODE_SEQUENCE)
		return;
	for (size_t i = 0; i < list->as.sequence.count; i++) {
		const struct node *name = env_name(rules_sequence_item(list, i));
		const struct node *first = NULL;

		for (size_t j = 0; name && j < i && !first; j++) {
			const struct node *other = env_name(rules_sequence_item(list, j));

			if (other && strcmp(check_text(other), check_text(name)) == 0)
				first = other;
		}
		if (!first)
			continue;
		if (first->mark.line)
			check_report(ctx, RULE_BH066, name, env_path,
				     "%s names '%s' again after line %zu, and only the last entry "
				     "counts; keep one",
				     env_path, check_text(name), first->mark.line);
		else
			check_report(ctx, RULE_BH066, name, env_path,
				     "%s names '%s' more than once, and only the last entry counts; "
				     "keep one",
				     env_path, check_text(name));
	}
}

/* ---- BH061: API token ------------------------------------------------------------ */

/* z2jh names the hub's Secret with its jupyterhub.hub.fullname helper, which
 * gives "hub" unless the chart's names are overridden.  A tpl expression that
 * calls the helper is therefore correct too. */
static bool is_hub_secret_name(const struct node *name)
{
	const char *text = check_text(name);

	if (check_is_encrypted(name))
		return true;
	if (!text)
		return false;
	return strcmp(text, "hub") == 0 ||
	       (strstr(text, "{{") && strstr(text, "jupyterhub.hub.fullname"));
}

void check_BH061(const struct rule_context *ctx)
{
	static const char token_key[] = "hub.services.binder.apiToken";
	const struct node *item = env_require(ctx, RULE_BH061, "JUPYTERHUB_API_TOKEN",
					      "that reads key hub.services.binder.apiToken of "
					      "secret hub with valueFrom.secretKeyRef");
	const struct node *value_from;
	const struct node *reference;
	const struct node *name;
	const struct node *key;
	char shown[RULES_QUOTED_SIZE];

	if (!item)
		return;
	value_from = tree_mapping_get(item, "valueFrom");
	/* The message never includes the token, not even in masked form. */
	if (env_value(item)) {
		check_report(ctx, RULE_BH061, env_value(item), env_path,
			     "JUPYTERHUB_API_TOKEN in %s has a literal value; delete it and read "
			     "key %s of secret hub with valueFrom.secretKeyRef",
			     env_path, token_key);
		if (check_is_absent(value_from))
			return;
	}
	reference = tree_get_path(item, "valueFrom.secretKeyRef");
	if (!reference || tree_resolve(reference)->kind != NODE_MAPPING) {
		check_report(ctx, RULE_BH061, item, env_path,
			     "JUPYTERHUB_API_TOKEN in %s has no valueFrom.secretKeyRef; read key %s "
			     "of secret hub",
			     env_path, token_key);
		return;
	}
	name = tree_mapping_get(reference, "name");
	if (!is_hub_secret_name(name))
		check_report(ctx, RULE_BH061, name ? name : reference, env_path,
			     "JUPYTERHUB_API_TOKEN in %s reads secret %s; set secretKeyRef.name to "
			     "'hub'",
			     env_path, rules_display_quoted(name, shown, sizeof(shown)));
	key = tree_mapping_get(reference, "key");
	if (!check_is_encrypted(key) && !tree_scalar_equals(key, token_key))
		check_report(ctx, RULE_BH061, key ? key : reference, env_path,
			     "JUPYTERHUB_API_TOKEN in %s reads key %s; set secretKeyRef.key to '%s'",
			     env_path, rules_display_quoted(key, shown, sizeof(shown)), token_key);
}

/* ---- BH062: OAuth client id -------------------------------------------------------- */

void check_BH062(const struct rule_context *ctx)
{
	static const char client_id[] = "service-binder";
	static const char service_path[] = "jupyterhub.hub.services.binder.oauth_client_id";
	const struct node *item = env_require(ctx, RULE_BH062, "JUPYTERHUB_CLIENT_ID",
					      "with value 'service-binder'");
	const struct node *service_id = check_get(ctx, service_path);
	char shown[RULES_QUOTED_SIZE];

	if (item && !env_value(item))
		check_report(ctx, RULE_BH062, item, env_path,
			     "JUPYTERHUB_CLIENT_ID in %s has no value; set value to '%s'", env_path,
			     client_id);
	else if (item && !check_is_encrypted(env_value(item)) &&
		 !tree_scalar_equals(env_value(item), client_id))
		check_report(ctx, RULE_BH062, env_value(item), env_path,
			     "JUPYTERHUB_CLIENT_ID in %s is %s; set it to '%s'",
			     env_path, rules_display_quoted(env_value(item), shown, sizeof(shown)),
			     client_id);

	/* JupyterHub names a service's client service-<name> when unset. */
	if (!check_is_absent(service_id) && !check_is_encrypted(service_id) &&
	    !tree_scalar_equals(service_id, client_id))
		check_report(ctx, RULE_BH062, service_id, service_path,
			     "%s is %s, but BinderHub uses client id '%s'; set it to '%s'",
			     service_path, rules_display_quoted(service_id, shown, sizeof(shown)),
			     client_id, client_id);
}

/* ---- BH063: API URL ---------------------------------------------------------------- */

static bool starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

/* True when text is the path /hub/api, with or without one trailing '/'. */
static bool is_api_path(const char *text)
{
	return strcmp(text, "/hub/api") == 0 || strcmp(text, "/hub/api/") == 0;
}

/*
 * Match http://hub[.<namespace>[.svc[.cluster.local]]]:8081/hub/api and copy
 * the namespace (empty when the URL has none) into namespace_name.
 */
static bool parse_in_cluster_url(const char *url, char *namespace_name, size_t size)
{
	const char *c = url + strlen("http://hub");
	size_t length = 0;

	namespace_name[0] = '\0';
	if (!starts_with(url, "http://hub"))
		return false;
	if (*c == '.') {
		c++;
		while ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-') {
			if (length + 1 < size)
				namespace_name[length++] = *c;
			c++;
		}
		namespace_name[length] = '\0';
		if (length == 0)
			return false;
		if (starts_with(c, ".svc")) {
			c += strlen(".svc");
			if (starts_with(c, ".cluster.local"))
				c += strlen(".cluster.local");
		}
	}
	return starts_with(c, ":8081") && is_api_path(c + strlen(":8081"));
}

/* Match https://<host>/hub/api, for the hub's domain when it is known. */
static bool is_public_api_url(const struct rule_context *ctx, const char *url)
{
	const char *host = url + strlen("https://");
	const char *slash;
	char expected[URL_SIZE];

	if (!starts_with(url, "https://"))
		return false;
	if (ctx->jupyterhub_domain) {
		snprintf(expected, sizeof(expected), "https://%s/hub/api", ctx->jupyterhub_domain);
		return check_url_equal(url, expected);
	}
	slash = strchr(host, '/');
	return slash && slash > host && is_api_path(slash);
}

void check_BH063(const struct rule_context *ctx)
{
	const char *namespace_name = ctx->namespace_name ? ctx->namespace_name : "<namespace>";
	char fix[URL_SIZE];
	const struct node *item;
	const struct node *value;
	const char *text;
	char url_namespace[URL_SIZE];
	char shown[RULES_QUOTED_SIZE];

	snprintf(fix, sizeof(fix), "with value 'http://hub.%s.svc.cluster.local:8081/hub/api'",
		 namespace_name);
	item = env_require(ctx, RULE_BH063, "JUPYTERHUB_API_URL", fix);
	value = item ? env_value(item) : NULL;
	text = check_text(value);
	if (!item || check_is_encrypted(value))
		return;
	if (!value) {
		check_report(ctx, RULE_BH063, item, env_path,
			     "JUPYTERHUB_API_URL in %s has no value; set value to "
			     "'http://hub.%s.svc.cluster.local:8081/hub/api'",
			     env_path, namespace_name);
		return;
	}
	if (text && parse_in_cluster_url(text, url_namespace, sizeof(url_namespace))) {
		/* Without a namespace, hub resolves in BinderHub's own namespace, the hub's. */
		if (!ctx->namespace_name || !url_namespace[0] ||
		    strcmp(url_namespace, ctx->namespace_name) == 0)
			return;
		check_report(ctx, RULE_BH063, value, env_path,
			     "JUPYTERHUB_API_URL in %s is %s, the hub of namespace '%s'; set it to "
			     "'http://hub.%s.svc.cluster.local:8081/hub/api'",
			     env_path, rules_display_quoted(value, shown, sizeof(shown)),
			     url_namespace, namespace_name);
		return;
	}
	if (text && is_public_api_url(ctx, text))
		return;
	check_report(ctx, RULE_BH063, value, env_path,
		     "JUPYTERHUB_API_URL in %s is %s; set it to "
		     "'http://hub.%s.svc.cluster.local:8081/hub/api' or 'https://%s/hub/api'",
		     env_path, rules_display_quoted(value, shown, sizeof(shown)), namespace_name,
		     ctx->jupyterhub_domain ? ctx->jupyterhub_domain : "<jupyterhub-domain>");
}

/* ---- BH064, BH065: base URL ------------------------------------------------------- */

void check_BH064(const struct rule_context *ctx)
{
	const char *domain = ctx->jupyterhub_domain ? ctx->jupyterhub_domain :
						      "<jupyterhub-domain>";
	char expected[URL_SIZE];
	char fix[URL_SIZE + 16];
	char shown[RULES_QUOTED_SIZE];
	const struct node *item;
	const struct node *value;

	snprintf(expected, sizeof(expected), "https://%s/", domain);
	snprintf(fix, sizeof(fix), "with value '%s'", expected);
	item = env_require(ctx, RULE_BH064, "JUPYTERHUB_BASE_URL", fix);
	value = item ? env_value(item) : NULL;
	if (!item || check_is_encrypted(value))
		return;
	if (!value) {
		check_report(ctx, RULE_BH064, item, env_path,
			     "JUPYTERHUB_BASE_URL in %s has no value; set value to '%s'", env_path,
			     expected);
		return;
	}
	if (!ctx->jupyterhub_domain || check_url_equal(check_text(value), expected))
		return;
	check_report(ctx, RULE_BH064, value, env_path,
		     "JUPYTERHUB_BASE_URL in %s is %s; set it to '%s'",
		     env_path, rules_display_quoted(value, shown, sizeof(shown)), expected);
}

void check_BH065(const struct rule_context *ctx)
{
	const struct node *item = rules_env_find(check_get(ctx, env_path), "JUPYTERHUB_BASE_URL");
	const struct node *value = item ? env_value(item) : NULL;
	const char *text = check_text(value);
	size_t length;

	if (!text || check_is_encrypted(value))
		return;
	length = strlen(text);
	if (length > 0 && text[length - 1] == '/')
		return;
	check_report(ctx, RULE_BH065, value, env_path,
		     "JUPYTERHUB_BASE_URL in %s is '%s'; end it with '/' as the runbook does", env_path,
		     text);
}

/* ---- BH067: the binder service ------------------------------------------------------ */

void check_BH067(const struct rule_context *ctx)
{
	static const char path[] = "jupyterhub.hub.services.binder";
	const struct node *node = check_get(ctx, path);
	char shown[RULES_QUOTED_SIZE];

	if (check_is_encrypted(node))
		return;
	if (check_is_absent(node)) {
		check_report_missing(ctx, RULE_BH067, path,
				     "%s is not declared, so the hub secret has no "
				     "hub.services.binder.apiToken; declare it as a mapping such as "
				     "{oauth_no_confirm: true}",
				     path);
		return;
	}
	if (tree_resolve(node)->kind != NODE_MAPPING)
		check_report(ctx, RULE_BH067, node, path,
			     "%s is %s, not a mapping; declare it as a mapping such as "
			     "{oauth_no_confirm: true}",
			     path, rules_display_quoted(node, shown, sizeof(shown)));
}
