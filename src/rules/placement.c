/*
 * Node placement rules for every binderhub-ui hub: docker API pods run on
 * the nodes of the build pods that use them, and docker API, build and user
 * pods are pinned to the cluster's smallest user node type.
 */
#include "check.h"
#include "rules_util.h"

#include <stdio.h>
#include <string.h>

#define PATH_SIZE 512

#define INSTANCE_TYPE_LABEL "node.kubernetes.io/instance-type"
#define INSTANCE_TYPE_KEY "node\\.kubernetes\\.io/instance-type"

static const char docker_api_selector[] = "binderhub-service.dockerApi.nodeSelector";
static const char builder_selector[] = "binderhub-service.config.KubernetesBuildExecutor.node_selector";
static const char user_selector[] = "jupyterhub.singleuser.nodeSelector";

/* The three selectors in the order BH054 compares them: users first, because
 * images are built for the node type where users run them. */
static const char *const selectors[] = {user_selector, docker_api_selector, builder_selector};
#define SELECTOR_COUNT (sizeof(selectors) / sizeof(selectors[0]))

/* Append key to prefix as one path step, escaping its dots for tree_get_path. */
static const char *label_path(const char *prefix, const char *key, char *buffer, size_t size)
{
	int written = snprintf(buffer, size, "%s", prefix);
	size_t used = written < 0 ? 0 : (size_t)written;

	if (used < size)
		rules_path_append_key(buffer, size, used, key);
	return buffer;
}

/* The usual smallest user node type of 2i2c clusters, or NULL for other providers. */
static const char *recommended_instance_type(const struct rule_context *ctx)
{
	switch (ctx->provider) {
	case HUB_PROVIDER_GCP:
		return "n2-highmem-4";
	case HUB_PROVIDER_AWS:
		return "r5.xlarge";
	case HUB_PROVIDER_UNKNOWN:
	case HUB_PROVIDER_AZURE:
	case HUB_PROVIDER_OTHER:
	default:
		return NULL;
	}
}

/* ---- BH050 ------------------------------------------------------------------------- */

void check_BH050(const struct rule_context *ctx)
{
	const struct node *docker_api = tree_resolve(check_get(ctx, docker_api_selector));
	const struct node *builder = tree_resolve(check_get(ctx, builder_selector));
	/* A selector written in camel case, as in dockerApi, is not a trait of
	 * KubernetesBuildExecutor and does nothing. */
	bool camel_case = check_get(ctx, "binderhub-service.config.KubernetesBuildExecutor."
					 "nodeSelector") != NULL;
	const char *hint = camel_case ? " (the trait is node_selector; nodeSelector is ignored)" :
					"";

	if (!docker_api || docker_api->kind != NODE_MAPPING)
		return;
	for (size_t i = 0; i < docker_api->as.mapping.count; i++) {
		const struct pair *pair = &docker_api->as.mapping.pairs[i];
		const char *key = check_text(pair->key);
		const char *value = check_text(pair->value);
		const struct node *builder_value = key ? tree_mapping_get(builder, key) : NULL;
		char path[PATH_SIZE];

		if (!key || !value || tree_is_null(pair->value) || check_is_encrypted(pair->value))
			continue;
		if (check_is_encrypted(builder_value) || tree_scalar_equals(builder_value, value))
			continue;
		if (check_is_absent(builder_value))
			check_report(ctx, RULE_BH050, pair->value,
				     label_path(docker_api_selector, key, path, sizeof(path)),
				     "%s has label '%s: %s', which %s lacks%s; add the label there "
				     "so that build pods run next to the docker API pods",
				     docker_api_selector, key, value, builder_selector, hint);
		else
			check_report(ctx, RULE_BH050, builder_value,
				     label_path(builder_selector, key, path, sizeof(path)),
				     "%s sets label '%s' to '%s', but %s sets it to '%s'; use the "
				     "same value in both",
				     builder_selector, key,
				     check_text(builder_value) ? check_text(builder_value) : "a non-scalar",
				     docker_api_selector, value);
	}
}

/* ---- BH051-BH053 -------------------------------------------------------------------- */

static void require_instance_type(const struct rule_context *ctx, enum rule_id rule,
				  const char *selector)
{
	char path[PATH_SIZE];
	const char *recommended = recommended_instance_type(ctx);
	const struct node *node;

	snprintf(path, sizeof(path), "%s.%s", selector, INSTANCE_TYPE_KEY);
	node = check_get(ctx, path);
	if (check_is_set(node))
		return;
	if (recommended)
		check_report_missing(ctx, rule, path,
				     "%s does not pin " INSTANCE_TYPE_LABEL "; set it to the "
				     "cluster's smallest user node type, usually '%s'",
				     selector, recommended);
	else
		check_report_missing(ctx, rule, path,
				     "%s does not pin " INSTANCE_TYPE_LABEL "; set it to the "
				     "cluster's smallest user node type",
				     selector);
}

void check_BH051(const struct rule_context *ctx)
{
	require_instance_type(ctx, RULE_BH051, docker_api_selector);
}

void check_BH052(const struct rule_context *ctx)
{
	require_instance_type(ctx, RULE_BH052, builder_selector);
}

void check_BH053(const struct rule_context *ctx)
{
	require_instance_type(ctx, RULE_BH053, user_selector);
}

/* ---- BH054, BH055 ------------------------------------------------------------------ */

/* The pinned instance type of selector, or NULL when unset or ciphertext. */
static const struct node *instance_type(const struct rule_context *ctx, const char *selector,
					char *path, size_t size)
{
	const struct node *node;

	snprintf(path, size, "%s.%s", selector, INSTANCE_TYPE_KEY);
	node = check_get(ctx, path);
	if (!check_is_set(node) || check_is_encrypted(node) || !check_text(node))
		return NULL;
	return node;
}

void check_BH054(const struct rule_context *ctx)
{
	const struct node *baseline = NULL;
	const char *baseline_selector = NULL;

	for (size_t i = 0; i < SELECTOR_COUNT; i++) {
		char path[PATH_SIZE];
		const struct node *node = instance_type(ctx, selectors[i], path, sizeof(path));

		if (!node)
			continue;
		if (!baseline) {
			baseline = node;
			baseline_selector = selectors[i];
			continue;
		}
		if (strcmp(check_text(node), check_text(baseline)) == 0)
			continue;
		check_report(ctx, RULE_BH054, node, path,
			     "%s pins instance type '%s', but %s pins '%s'; use one type unless "
			     "a separate node pool is intended",
			     selectors[i], check_text(node), baseline_selector,
			     check_text(baseline));
	}
}

void check_BH055(const struct rule_context *ctx)
{
	const char *recommended = recommended_instance_type(ctx);

	if (!recommended)
		return;
	for (size_t i = 0; i < SELECTOR_COUNT; i++) {
		char path[PATH_SIZE];
		const struct node *node = instance_type(ctx, selectors[i], path, sizeof(path));

		if (!node || strcmp(check_text(node), recommended) == 0)
			continue;
		check_report(ctx, RULE_BH055, node, path,
			     "%s pins instance type '%s', not the usual '%s'; keep it only if the "
			     "cluster's terraform or eksctl files make it the smallest user node "
			     "type or a pool for this hub",
			     selectors[i], check_text(node), recommended);
	}
}
