/*
 * Registry rules (BH150-BH163): where BinderHub pushes the images it builds,
 * the credentials that build pods and BinderHub use for that registry, and
 * the pull secrets that user and dask pods need for a private quay.io
 * repository.
 */
#include "check.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BINDERHUB "binderhub-service.config.BinderHub"
#define IMAGE_PREFIX BINDERHUB ".image_prefix"
#define USE_REGISTRY BINDERHUB ".use_registry"
#define DOCKER_REGISTRY "binderhub-service.config.DockerRegistry"
#define REGISTRY_URL DOCKER_REGISTRY ".url"
#define REGISTRY_USERNAME DOCKER_REGISTRY ".username"
#define REGISTRY_PASSWORD DOCKER_REGISTRY ".password"
#define BUILD_CREDENTIALS "binderhub-service.buildPodsRegistryCredentials"
#define BUILD_SERVER BUILD_CREDENTIALS ".server"
#define BUILD_USERNAME BUILD_CREDENTIALS ".username"
#define BUILD_PASSWORD BUILD_CREDENTIALS ".password"
#define PULL_SECRET "jupyterhub.imagePullSecret"
#define DASK_PULL_SECRETS "dask-gateway.gateway.backend.imagePullSecrets"

/* The quay.io organization that 2i2c's hubs outside GCP share. */
#define SHARED_QUAY_ORGANIZATION "imagebuilding-non-gcp-hubs"
/* The Secret that z2jh creates from jupyterhub.imagePullSecret. */
#define PULL_SECRET_NAME "image-pull-secret"

#define VALUE_SIZE 128
#define HOST_SIZE 256
#define PATH_SIZE 128

/*
 * The value at path as the user wrote it, an alias not followed, so that a
 * finding points at the line that uses the value (for example
 * "server: *url") rather than at the anchor.  NULL when absent.
 */
static const struct node *written_value(const struct rule_context *ctx, const char *path)
{
	const char *dot = strrchr(path, '.');
	char parent[PATH_SIZE];
	size_t length;
	const struct pair *pair;

	/* The paths of this file have no escaped dots, so the last '.' splits. */
	if (!dot || (size_t)(dot - path) >= sizeof(parent))
		return check_get(ctx, path);
	length = (size_t)(dot - path);
	memcpy(parent, path, length);
	parent[length] = '\0';
	pair = tree_mapping_find(check_get(ctx, parent), dot + 1);
	return pair ? pair->value : NULL;
}

/* A non-empty scalar that is not sops ciphertext: a text the rule can judge. */
static const char *plain_text(const struct node *node)
{
	const char *text = check_text(node);

	if (!text || !*text || tree_is_null(tree_resolve(node)) || check_is_encrypted(node))
		return NULL;
	return text;
}

static const char *shown(const struct node *node, char *buffer, size_t size)
{
	return check_display_value(node, false, buffer, size);
}

/*
 * Report path unless it is set (sops ciphertext counts as set).  hint names
 * what to set it to and completes "...; <hint>".  Returns whether it is set.
 */
static bool require_set(const struct rule_context *ctx, enum rule_id rule, const char *path,
			const char *hint)
{
	const struct node *node = written_value(ctx, path);
	char value[VALUE_SIZE];

	if (check_is_set(node))
		return true;
	/* An unset value is null, "", [] or {}: nothing secret to mask. */
	if (node && !tree_is_null(tree_resolve(node)))
		check_report(ctx, rule, node, path, "%s is '%s'; %s", path,
			     shown(node, value, sizeof(value)), hint);
	else
		check_report_missing(ctx, rule, path, "missing %s; %s", path, hint);
	return false;
}

static bool text_matches(regex_t *pattern, bool *compiled, const char *expression,
			 const char *text)
{
	if (!*compiled) {
		/* The expressions are constants of this file, so failing to compile
		 * one is a programming error. */
		if (regcomp(pattern, expression, REG_EXTENDED | REG_NOSUB))
			abort();
		*compiled = true;
	}
	return regexec(pattern, text, 0, NULL, 0) == 0;
}

/*
 * Write the lower-cased registry host named by text into host.  text is a URL
 * ("https://quay.io", "quay.io/v2/") or, when image_reference, an image name
 * prefix.  As in Docker's reference grammar, the first path component of an
 * image name is a host only when it contains '.' or ':' or is "localhost",
 * and otherwise the image is on Docker Hub.  Docker Hub's other host names
 * become "docker.io".  Returns false when no host can be read.
 */
static bool registry_host(const char *text, bool image_reference, char *host, size_t size)
{
	static const char *const docker_hub_aliases[] = {
		"index.docker.io",
		"registry-1.docker.io",
		"registry.hub.docker.com",
	};
	const char *start = strstr(text, "://");
	size_t length;

	if (start) {
		start += 3;
		image_reference = false;
	} else {
		start = text;
	}
	length = strcspn(start, "/");
	if (image_reference) {
		bool names_host = start[length] == '/' &&
				  (memchr(start, '.', length) || memchr(start, ':', length) ||
				   (length == 9 && strncmp(start, "localhost", 9) == 0));

		if (!names_host) {
			snprintf(host, size, "docker.io");
			return true;
		}
	}
	if (length == 0 || length >= size)
		return false;
	for (size_t i = 0; i < length; i++)
		host[i] = (char)tolower((unsigned char)start[i]);
	host[length] = '\0';
	/* "quay.io:443" is the same registry as "quay.io" over HTTPS. */
	if (length > 4 && strcmp(host + length - 4, ":443") == 0)
		host[length - 4] = '\0';
	for (size_t i = 0; i < sizeof(docker_hub_aliases) / sizeof(docker_hub_aliases[0]); i++)
		if (strcmp(host, docker_hub_aliases[i]) == 0)
			snprintf(host, size, "docker.io");
	return true;
}

/*
 * Split a quay.io image_prefix "quay.io/<organization>/<rest>" into its
 * organization and the rest (which may be empty or hold more '/').
 * Returns false when text is not on quay.io or names no organization.
 */
static bool split_quay_prefix(const char *text, char *organization, size_t size,
			      const char **rest)
{
	const char *start;
	size_t length;

	if (strncasecmp(text, "quay.io/", 8) != 0)
		return false;
	start = text + 8;
	length = strcspn(start, "/");
	if (length == 0 || length >= size)
		return false;
	memcpy(organization, start, length);
	organization[length] = '\0';
	*rest = start[length] == '/' ? start + length + 1 : start + length;
	return true;
}

/* ---- image_prefix (BH150-BH154) -------------------------------------------- */

#define GAR_PREFIX_EXAMPLE "<region>-docker.pkg.dev/<project>/<repository>/"
#define QUAY_PREFIX_EXAMPLE "quay.io/" SHARED_QUAY_ORGANIZATION "/<cluster>-<hub>-"
#define IMAGE_PREFIX_HINT "set it to the registry path that built images are pushed to, e.g. "

/* The example follows the provider, because GCP hubs usually push to
 * Artifact Registry and the others to 2i2c's quay.io organization. */
static const char *image_prefix_hint(const struct rule_context *ctx)
{
	switch (ctx->provider) {
	case HUB_PROVIDER_GCP:
		return IMAGE_PREFIX_HINT "'" GAR_PREFIX_EXAMPLE "'";
	case HUB_PROVIDER_UNKNOWN:
		return IMAGE_PREFIX_HINT "'" GAR_PREFIX_EXAMPLE "' on GCP or '" QUAY_PREFIX_EXAMPLE
					 "' elsewhere";
	case HUB_PROVIDER_AWS:
	case HUB_PROVIDER_AZURE:
	case HUB_PROVIDER_OTHER:
	default:
		return IMAGE_PREFIX_HINT "'" QUAY_PREFIX_EXAMPLE "'";
	}
}

void check_BH150(const struct rule_context *ctx)
{
	const struct node *prefix = written_value(ctx, IMAGE_PREFIX);
	const struct node *use_registry = written_value(ctx, USE_REGISTRY);
	const struct node *resolved = tree_resolve(prefix);
	char value[VALUE_SIZE];

	if (require_set(ctx, RULE_BH150, IMAGE_PREFIX, image_prefix_hint(ctx)) &&
	    resolved->kind != NODE_SCALAR)
		check_report(ctx, RULE_BH150, prefix, IMAGE_PREFIX,
			     "%s is %s; set it to the registry path that built images are pushed "
			     "to, as a string",
			     IMAGE_PREFIX, shown(prefix, value, sizeof(value)));
	if (tree_is_false(use_registry))
		check_report(ctx, RULE_BH150, use_registry, USE_REGISTRY,
			     "%s is '%s', so built images are never pushed and user pods cannot "
			     "pull them; remove it or set it to true",
			     USE_REGISTRY, shown(use_registry, value, sizeof(value)));
}

struct registry_name {
	const char *path;
	const struct node *node;
	char host[HOST_SIZE];
};

void check_BH151(const struct rule_context *ctx)
{
	static const char *const paths[] = {IMAGE_PREFIX, REGISTRY_URL, BUILD_SERVER};
	struct registry_name names[3];
	size_t count = 0;
	char value[VALUE_SIZE], reference_value[VALUE_SIZE];

	/* Only values the rule can read take part: absent ones are BH150, BH155
	 * and BH160, and ciphertext is opaque. */
	for (size_t i = 0; i < 3; i++) {
		const struct node *node = written_value(ctx, paths[i]);
		const char *text = plain_text(node);

		if (!text || !registry_host(text, i == 0, names[count].host, HOST_SIZE))
			continue;
		names[count].path = paths[i];
		names[count].node = node;
		count++;
	}
	for (size_t i = 1; i < count; i++) {
		if (strcmp(names[i].host, names[0].host) == 0)
			continue;
		check_report(ctx, RULE_BH151, names[i].node, names[i].path,
			     "%s '%s' names registry host '%s', but %s '%s' names '%s'; point "
			     "image_prefix, DockerRegistry.url and buildPodsRegistryCredentials.server "
			     "at the same registry",
			     names[i].path, shown(names[i].node, value, sizeof(value)), names[i].host,
			     names[0].path, shown(names[0].node, reference_value, sizeof(reference_value)),
			     names[0].host);
	}
}

void check_BH152(const struct rule_context *ctx)
{
	/* <region>-docker.pkg.dev/<project>/<repository>/ and an optional name
	 * prefix, all lower case as Docker image names must be. */
	static const char form[] = "^[a-z0-9]+(-[a-z0-9]+)*-docker\\.pkg\\.dev/[a-z][a-z0-9-]*/"
				   "[a-z0-9][a-z0-9._-]*/([a-z0-9][a-z0-9._-]*/?)?$";
	static const char without_slash[] = "^[a-z0-9]+(-[a-z0-9]+)*-docker\\.pkg\\.dev/"
					    "[a-z][a-z0-9-]*/[a-z0-9][a-z0-9._-]*$";
	static regex_t form_pattern, without_slash_pattern;
	static bool form_compiled, without_slash_compiled;
	const struct node *node = written_value(ctx, IMAGE_PREFIX);
	const char *text = plain_text(node);
	char value[VALUE_SIZE];

	if (!text || text_matches(&form_pattern, &form_compiled, form, text))
		return;
	/* BinderHub appends the image name to the prefix as it is, so without
	 * the '/' the image lands in a repository named after both. */
	if (text_matches(&without_slash_pattern, &without_slash_compiled, without_slash, text)) {
		check_report(ctx, RULE_BH152, node, IMAGE_PREFIX,
			     "%s '%s' ends with the repository name, so BinderHub pushes to a "
			     "repository '<repository><image-name>' that does not exist; set it to "
			     "'%s/'",
			     IMAGE_PREFIX, shown(node, value, sizeof(value)), text);
		return;
	}
	check_report(ctx, RULE_BH152, node, IMAGE_PREFIX,
		     "%s '%s' does not have the form "
		     "'<region>-docker.pkg.dev/<project>/<repository>/'; set it to that form, "
		     "optionally followed by one name prefix such as 'binderhub-service-'",
		     IMAGE_PREFIX, shown(node, value, sizeof(value)));
}

void check_BH153(const struct rule_context *ctx)
{
	static const char name_form[] = "^[a-z0-9][a-z0-9._-]*-$";
	static regex_t name_pattern;
	static bool name_compiled;
	const struct node *node = written_value(ctx, IMAGE_PREFIX);
	const char *text = plain_text(node);
	char organization[VALUE_SIZE], value[VALUE_SIZE];
	const char *name;

	if (!text)
		return;
	if (split_quay_prefix(text, organization, sizeof(organization), &name) &&
	    strcmp(organization, SHARED_QUAY_ORGANIZATION) != 0) {
		check_report(ctx, RULE_BH153, node, IMAGE_PREFIX,
			     "%s '%s' pushes to the quay.io organization '%s', not 2i2c's shared "
			     "'" SHARED_QUAY_ORGANIZATION "'; this is fine when the hub has its own "
			     "organization and robot account",
			     IMAGE_PREFIX, shown(node, value, sizeof(value)), organization);
		return;
	}
	if (split_quay_prefix(text, organization, sizeof(organization), &name) &&
	    text_matches(&name_pattern, &name_compiled, name_form, name))
		return;
	check_report(ctx, RULE_BH153, node, IMAGE_PREFIX,
		     "%s '%s' does not have the form "
		     "'quay.io/" SHARED_QUAY_ORGANIZATION "/<cluster>-<hub>-'; set it to that form",
		     IMAGE_PREFIX, shown(node, value, sizeof(value)));
}

void check_BH154(const struct rule_context *ctx)
{
	const char *hub = ctx->hub_name ? ctx->hub_name : ctx->namespace_name;
	const struct node *node = written_value(ctx, IMAGE_PREFIX);
	const char *text = plain_text(node);
	char organization[VALUE_SIZE], expected[VALUE_SIZE], value[VALUE_SIZE];
	const char *name;
	size_t length;

	if (!ctx->cluster_name || !hub || !text ||
	    !split_quay_prefix(text, organization, sizeof(organization), &name))
		return;
	/* A prefix without a name, or with more path segments, is BH153's. */
	length = strlen(name);
	if (length == 0 || strchr(name, '/'))
		return;
	if (name[length - 1] == '-')
		length--;
	snprintf(expected, sizeof(expected), "%s-%s", ctx->cluster_name, hub);
	if (strlen(expected) == length && strncmp(name, expected, length) == 0)
		return;
	check_report(ctx, RULE_BH154, node, IMAGE_PREFIX,
		     "%s '%s' names images '%.*s-...', not after the cluster and hub; set it to "
		     "'quay.io/%s/%s-' unless the other name is deliberate",
		     IMAGE_PREFIX, shown(node, value, sizeof(value)), (int)length, name,
		     organization, expected);
}

/* ---- push and pull credentials (BH155-BH158) ----------------------------- */

void check_BH155(const struct rule_context *ctx)
{
	require_set(ctx, RULE_BH155, BUILD_SERVER,
		    "set it to the registry URL, the same as " REGISTRY_URL);
	require_set(ctx, RULE_BH155, BUILD_USERNAME,
		    "set it to the registry account, the same as " REGISTRY_USERNAME);
	require_set(ctx, RULE_BH155, BUILD_PASSWORD,
		    "set it in the sops-encrypted secret file (enc-<hub>.secret.values.yaml)");
}

void check_BH156(const struct rule_context *ctx)
{
	const struct node *create = written_value(ctx, PULL_SECRET ".create");
	const struct node *registry;
	const char *text;
	char value[VALUE_SIZE], host[HOST_SIZE];

	if (!check_is_encrypted(create) && !tree_is_true(create)) {
		if (!create || tree_is_null(tree_resolve(create)))
			check_report_missing(ctx, RULE_BH156, PULL_SECRET ".create",
					     "missing " PULL_SECRET ".create; set it to true so that "
					     "user pods can pull the private images from quay.io");
		else if (tree_scalar_type(tree_resolve(create)) == SCALAR_TYPE_STRING)
			check_report(ctx, RULE_BH156, create, PULL_SECRET ".create",
				     PULL_SECRET ".create is the string '%s'; set it to true "
				     "without quotes",
				     shown(create, value, sizeof(value)));
		else
			check_report(ctx, RULE_BH156, create, PULL_SECRET ".create",
				     PULL_SECRET ".create is '%s'; set it to true so that user pods "
				     "can pull the private images from quay.io",
				     shown(create, value, sizeof(value)));
	}

	if (require_set(ctx, RULE_BH156, PULL_SECRET ".registry", "set it to 'quay.io'")) {
		registry = written_value(ctx, PULL_SECRET ".registry");
		text = plain_text(registry);
		if (text && (!registry_host(text, false, host, sizeof(host)) ||
			     strcmp(host, "quay.io") != 0))
			check_report(ctx, RULE_BH156, registry, PULL_SECRET ".registry",
				     PULL_SECRET ".registry is '%s'; set it to 'quay.io', where the "
				     "built images are",
				     shown(registry, value, sizeof(value)));
	}
	require_set(ctx, RULE_BH156, PULL_SECRET ".username",
		    "set it to the quay.io robot account that can pull the images");
	require_set(ctx, RULE_BH156, PULL_SECRET ".password",
		    "set it in the sops-encrypted secret file (enc-<hub>.secret.values.yaml)");
}

static bool names_pull_secret(const struct node *item)
{
	const struct node *name = tree_mapping_get(tree_resolve(item), "name");

	return check_is_encrypted(name) || tree_scalar_equals(name, PULL_SECRET_NAME);
}

void check_BH157(const struct rule_context *ctx)
{
	const struct node *list;
	const struct node *resolved;
	char value[VALUE_SIZE];

	if (!tree_is_true(check_get(ctx, "dask-gateway.enabled")))
		return;
	if (!require_set(ctx, RULE_BH157, DASK_PULL_SECRETS,
			 "set it to [{name: " PULL_SECRET_NAME "}] so that dask pods can pull "
			 "the private image"))
		return;
	list = written_value(ctx, DASK_PULL_SECRETS);
	resolved = tree_resolve(list);
	if (check_is_encrypted(list))
		return;
	if (resolved->kind != NODE_SEQUENCE) {
		check_report(ctx, RULE_BH157, list, DASK_PULL_SECRETS,
			     "%s is %s; set it to a list with the item "
			     "'{name: " PULL_SECRET_NAME "}'",
			     DASK_PULL_SECRETS, shown(list, value, sizeof(value)));
		return;
	}
	for (size_t i = 0; i < resolved->as.sequence.count; i++)
		if (names_pull_secret(resolved->as.sequence.items[i]))
			return;
	check_report(ctx, RULE_BH157, list, DASK_PULL_SECRETS,
		     "%s has no item named '" PULL_SECRET_NAME "'; add "
		     "'- name: " PULL_SECRET_NAME "' so that dask pods can pull the private image",
		     DASK_PULL_SECRETS);
}

void check_BH158(const struct rule_context *ctx)
{
	require_set(ctx, RULE_BH158, "binderhub-service.dockerApi.storage.emptyDir.sizeLimit",
		    "set it, e.g. to '15Gi', so that the kubelet reclaims a full docker storage "
		    "volume");
}

/* ---- DockerRegistry (BH160-BH163) --------------------------------------- */

void check_BH160(const struct rule_context *ctx)
{
	require_set(ctx, RULE_BH160, REGISTRY_URL,
		    "set it to the registry URL, e.g. 'https://quay.io' or "
		    "'https://<region>-docker.pkg.dev'");
	require_set(ctx, RULE_BH160, REGISTRY_USERNAME,
		    "set it to the registry account ('_json_key' on Artifact Registry, "
		    "'<organization>+<robot>' on quay.io)");
	require_set(ctx, RULE_BH160, REGISTRY_PASSWORD,
		    "set it in the sops-encrypted secret file (enc-<hub>.secret.values.yaml)");
}

void check_BH161(const struct rule_context *ctx)
{
	const struct node *node = written_value(ctx, REGISTRY_URL);
	const char *text = plain_text(node);
	const char *scheme_end;
	char value[VALUE_SIZE];

	if (!check_is_set(node) || check_is_encrypted(node))
		return;
	if (!text) {
		check_report(ctx, RULE_BH161, node, REGISTRY_URL,
			     "%s is %s; set it to 'https://<registry-host>'", REGISTRY_URL,
			     shown(node, value, sizeof(value)));
		return;
	}
	if (strncasecmp(text, "https://", 8) == 0)
		return;
	scheme_end = strstr(text, "://");
	check_report(ctx, RULE_BH161, node, REGISTRY_URL, "%s is '%s'; set it to 'https://%s'",
		     REGISTRY_URL, shown(node, value, sizeof(value)),
		     scheme_end ? scheme_end + 3 : text);
}

/* Report a quay.io username that is not a robot account of image_prefix's organization. */
static void check_quay_username(const struct rule_context *ctx, const char *path,
				const struct node *node, const char *text)
{
	/* Robot accounts are named <organization>+<robot>. */
	static const char robot_form[] = "^[a-z0-9][a-z0-9._-]*\\+[a-z0-9_]+$";
	static regex_t robot_pattern;
	static bool robot_compiled;
	const char *prefix = plain_text(written_value(ctx, IMAGE_PREFIX));
	char organization[VALUE_SIZE], value[VALUE_SIZE];
	const char *rest;
	size_t length;

	if (!text_matches(&robot_pattern, &robot_compiled, robot_form, text)) {
		check_report(ctx, RULE_BH162, node, path,
			     "%s is '%s', not a quay.io robot account; set it to "
			     "'<organization>+<robot>', e.g. "
			     "'" SHARED_QUAY_ORGANIZATION "+image_builder'",
			     path, shown(node, value, sizeof(value)));
		return;
	}
	/* A robot account can only be given access to its own organization's
	 * repositories. */
	if (!prefix || !split_quay_prefix(prefix, organization, sizeof(organization), &rest))
		return;
	length = strcspn(text, "+");
	if (strlen(organization) == length && strncmp(text, organization, length) == 0)
		return;
	check_report(ctx, RULE_BH162, node, path,
		     "%s '%s' is a robot account of the organization '%.*s', but " IMAGE_PREFIX
		     " pushes to the organization '%s'; use a robot account of '%s'",
		     path, shown(node, value, sizeof(value)), (int)length, text, organization,
		     organization);
}

static void check_username(const struct rule_context *ctx, const char *path,
			   const struct node *node, const char *text)
{
	char value[VALUE_SIZE];

	if (ctx->registry == HUB_REGISTRY_GAR && strcmp(text, "_json_key") != 0)
		check_report(ctx, RULE_BH162, node, path,
			     "%s is '%s'; set it to '_json_key', the user name Artifact Registry "
			     "expects with a service-account key as the password",
			     path, shown(node, value, sizeof(value)));
	else if (ctx->registry == HUB_REGISTRY_QUAY)
		check_quay_username(ctx, path, node, text);
}

void check_BH162(const struct rule_context *ctx)
{
	const struct node *registry_node = written_value(ctx, REGISTRY_USERNAME);
	const struct node *build_node = written_value(ctx, BUILD_USERNAME);
	const char *registry_text = plain_text(registry_node);
	const char *build_text = plain_text(build_node);

	if (registry_text)
		check_username(ctx, REGISTRY_USERNAME, registry_node, registry_text);
	/* The same name in both places is reported once, usually an anchor and
	 * its alias; different names are BH163's concern as well. */
	if (build_text && !(registry_text && strcmp(registry_text, build_text) == 0))
		check_username(ctx, BUILD_USERNAME, build_node, build_text);
}

void check_BH163(const struct rule_context *ctx)
{
	const struct node *registry_node = written_value(ctx, REGISTRY_USERNAME);
	const struct node *build_node = written_value(ctx, BUILD_USERNAME);
	const char *registry_text = plain_text(registry_node);
	const char *build_text = plain_text(build_node);
	char registry_value[VALUE_SIZE], build_value[VALUE_SIZE];

	if (!registry_text || !build_text || strcmp(registry_text, build_text) == 0)
		return;
	check_report(ctx, RULE_BH163, build_node, BUILD_USERNAME,
		     "%s is '%s', but %s is '%s'; use the same registry account in both, e.g. "
		     "with an anchor and an alias",
		     BUILD_USERNAME, shown(build_node, build_value, sizeof(build_value)),
		     REGISTRY_USERNAME, shown(registry_node, registry_value, sizeof(registry_value)));
}
