/*
 * The hub's mode, provider, registry and domains, derived from the
 * effective values and the command line; documented in include/engine.h.
 */
#include "engine.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AUTHENTICATOR_PATH "jupyterhub.hub.config.JupyterHub.authenticator_class"
#define AUTH_ENABLED_PATH "jupyterhub.hub.config.BinderSpawnerMixin.auth_enabled"
#define IMAGE_PREFIX_PATH "binderhub-service.config.BinderHub.image_prefix"
#define REGISTRY_URL_PATH "binderhub-service.config.DockerRegistry.url"
#define INSTANCE_TYPE_LABEL "node.kubernetes.io/instance-type"

/* Authenticator classes without a login page: JupyterHub's
 * NullAuthenticator and the tmpauthenticator package, written as entry point
 * names or as the class path. */
static const char *const unauthenticated_classes[] = {
	"null", "nullauthenticator", "jupyterhub.auth.NullAuthenticator", "tmp", "tmpauthenticator",
};

/* Node selectors that name the instance type, in the order they are read. */
static const char *const node_selector_paths[] = {
	"jupyterhub.singleuser.nodeSelector",
	"binderhub-service.dockerApi.nodeSelector",
	"binderhub-service.config.KubernetesBuildExecutor.node_selector",
};

static bool is_unauthenticated_class(const char *text)
{
	for (size_t i = 0; i < sizeof(unauthenticated_classes) / sizeof(*unauthenticated_classes);
	     i++)
		if (strcasecmp(text, unauthenticated_classes[i]) == 0)
			return true;
	return false;
}

static void derive_mode(struct rule_context *ctx, const struct derive_options *options,
			char *note, size_t size)
{
	const struct node *class_node = tree_get_path(ctx->values, AUTHENTICATOR_PATH);
	const char *class_text = check_text(class_node);
	const struct node *auth_enabled;

	if (options->mode_given) {
		ctx->mode = options->mode;
		snprintf(note, size, "%s",
			 ctx->mode == HUB_AUTHENTICATED ? "authenticated hub (--auth)"
							: "unauthenticated hub (--no-auth)");
		return;
	}
	if (class_text && check_is_set(class_node)) {
		char shown[80];

		ctx->mode = is_unauthenticated_class(class_text) ? HUB_UNAUTHENTICATED
								 : HUB_AUTHENTICATED;
		snprintf(note, size, "%s hub (authenticator_class '%s')",
			 ctx->mode == HUB_AUTHENTICATED ? "authenticated" : "unauthenticated",
			 check_display_value(class_node, false, shown, sizeof(shown)));
		return;
	}
	auth_enabled = tree_get_path(ctx->values, AUTH_ENABLED_PATH);
	if (tree_is_true(auth_enabled) || check_is_encrypted(auth_enabled)) {
		ctx->mode = HUB_AUTHENTICATED;
		snprintf(note, size,
			 "authenticated hub (authenticator_class unset, "
			 "BinderSpawnerMixin.auth_enabled true)");
		return;
	}
	ctx->mode = HUB_UNAUTHENTICATED;
	snprintf(note, size, "unauthenticated hub (authenticator_class unset)");
}

static bool matches(const char *pattern, const char *text)
{
	regex_t compiled;
	bool result;

	if (regcomp(&compiled, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		abort();
	result = regexec(&compiled, text, 0, NULL, 0) == 0;
	regfree(&compiled);
	return result;
}

/* Exported function, documented in include/engine.h */
enum hub_provider derive_provider_of_instance_type(const char *instance_type)
{
	if (!instance_type)
		return HUB_PROVIDER_UNKNOWN;
	/* Compute Engine machine types: family, class, then sizes and options,
	 * e.g. n2-highmem-4, e2-medium, a2-highgpu-1g, c3-standard-8-lssd. */
	if (matches("^[a-z][0-9][a-z]?-(standard|highmem|highcpu|megamem|ultramem|hypermem|"
		    "highgpu|megagpu|ultragpu|custom|micro|small|medium)(-[0-9a-z]+)*$",
		    instance_type))
		return HUB_PROVIDER_GCP;
	/* EC2 instance types: family, '.', size, e.g. r5.xlarge, m6i.4xlarge. */
	if (matches("^[a-z][a-z0-9-]*\\.(nano|micro|small|medium|large|[0-9]*xlarge|metal)"
		    "(-[0-9a-z]+)?$",
		    instance_type))
		return HUB_PROVIDER_AWS;
	/* Azure VM sizes, e.g. Standard_E4s_v5. */
	if (strncmp(instance_type, "Standard_", strlen("Standard_")) == 0)
		return HUB_PROVIDER_AZURE;
	return HUB_PROVIDER_UNKNOWN;
}

/* Exported function, documented in include/engine.h */
const char *derive_provider_name(enum hub_provider provider)
{
	switch (provider) {
	case HUB_PROVIDER_GCP:
		return "gcp";
	case HUB_PROVIDER_AWS:
		return "aws";
	case HUB_PROVIDER_AZURE:
		return "azure";
	case HUB_PROVIDER_OTHER:
		return "other";
	case HUB_PROVIDER_UNKNOWN:
	default:
		return "unknown";
	}
}

static void derive_provider(struct rule_context *ctx, const struct derive_options *options,
			    char *note, size_t size)
{
	if (options->provider != HUB_PROVIDER_UNKNOWN) {
		ctx->provider = options->provider;
		snprintf(note, size, "provider %s (--provider)", derive_provider_name(ctx->provider));
		return;
	}
	for (size_t i = 0; i < sizeof(node_selector_paths) / sizeof(*node_selector_paths); i++) {
		const struct node *selector = tree_get_path(ctx->values, node_selector_paths[i]);
		const char *type = check_text(tree_mapping_get(selector, INSTANCE_TYPE_LABEL));
		enum hub_provider guess = derive_provider_of_instance_type(type);

		if (guess == HUB_PROVIDER_UNKNOWN)
			continue;
		ctx->provider = guess;
		snprintf(note, size, "provider %s (guessed from instance type '%.60s')",
			 derive_provider_name(guess), type);
		return;
	}
	ctx->provider = HUB_PROVIDER_UNKNOWN;
	snprintf(note, size,
		 "provider unknown (pass --provider to run the rules for GCP and AWS hubs)");
}

/* Exported function, documented in include/engine.h */
enum hub_registry derive_registry_of_host(const char *host)
{
	static const char gar_suffix[] = "-docker.pkg.dev";
	static const char gcr_suffix[] = ".gcr.io";
	size_t length;

	if (!host || !*host)
		return HUB_REGISTRY_UNKNOWN;
	length = strlen(host);
	if (strcasecmp(host, "quay.io") == 0)
		return HUB_REGISTRY_QUAY;
	if (length > strlen(gar_suffix) &&
	    strcasecmp(host + length - strlen(gar_suffix), gar_suffix) == 0)
		return HUB_REGISTRY_GAR;
	if (strcasecmp(host, "gcr.io") == 0 ||
	    (length > strlen(gcr_suffix) &&
	     strcasecmp(host + length - strlen(gcr_suffix), gcr_suffix) == 0))
		return HUB_REGISTRY_GCR;
	return HUB_REGISTRY_OTHER;
}

/* The host of an image prefix or registry URL: no scheme, port or path. */
static void host_of(const char *text, char *host, size_t size)
{
	const char *start = strstr(text, "://");
	size_t length;

	start = start ? start + 3 : text;
	length = strcspn(start, "/:");
	snprintf(host, size, "%.*s", (int)length, start);
}

static const char *registry_name(enum hub_registry registry)
{
	switch (registry) {
	case HUB_REGISTRY_QUAY:
		return "quay";
	case HUB_REGISTRY_GAR:
		return "gar";
	case HUB_REGISTRY_GCR:
		return "gcr";
	case HUB_REGISTRY_OTHER:
		return "other";
	case HUB_REGISTRY_UNKNOWN:
	default:
		return "unknown";
	}
}

static void derive_registry(struct rule_context *ctx, const struct derive_options *options,
			    char *note, size_t size)
{
	static const struct {
		const char *path;
		const char *name;
	} sources[] = {
		{IMAGE_PREFIX_PATH, "image_prefix"},
		{REGISTRY_URL_PATH, "DockerRegistry.url"},
	};

	if (options->registry != HUB_REGISTRY_UNKNOWN) {
		ctx->registry = options->registry;
		snprintf(note, size, "registry %s (from the options)", registry_name(ctx->registry));
		return;
	}
	for (size_t i = 0; i < sizeof(sources) / sizeof(*sources); i++) {
		const struct node *node = tree_get_path(ctx->values, sources[i].path);
		const char *text = check_text(node);
		char host[256];

		/* Ciphertext hides the host; try the next source. */
		if (!text || !check_is_set(node) || check_is_encrypted(node))
			continue;
		host_of(text, host, sizeof(host));
		ctx->registry = derive_registry_of_host(host);
		if (ctx->registry == HUB_REGISTRY_UNKNOWN)
			continue;
		if (ctx->registry == HUB_REGISTRY_OTHER)
			snprintf(note, size, "registry other (%.60s, from %s)", host, sources[i].name);
		else
			snprintf(note, size, "registry %s (from %s)", registry_name(ctx->registry),
				 sources[i].name);
		return;
	}
	ctx->registry = HUB_REGISTRY_UNKNOWN;
	snprintf(note, size, "registry unknown (no image_prefix or DockerRegistry.url)");
}

static const char *first_host(const struct node *values, const char *path)
{
	const struct node *hosts = tree_get_path(values, path);

	if (!hosts || hosts->kind != NODE_SEQUENCE || hosts->as.sequence.count == 0)
		return NULL;
	return check_text(hosts->as.sequence.items[0]);
}

/* Exported function, documented in include/engine.h */
void derive_context(struct rule_context *ctx, const struct derive_options *options,
		    struct derivation *notes)
{
	static const struct derive_options none = {0};
	struct derivation scratch;

	if (!options)
		options = &none;
	if (!notes)
		notes = &scratch;
	derive_mode(ctx, options, notes->mode, sizeof(notes->mode));
	derive_provider(ctx, options, notes->provider, sizeof(notes->provider));
	derive_registry(ctx, options, notes->registry, sizeof(notes->registry));
	ctx->jupyterhub_domain = first_host(ctx->values, "jupyterhub.ingress.hosts");
	if (!ctx->jupyterhub_domain)
		ctx->jupyterhub_domain = options->cluster_domain;
	ctx->binderhub_domain = first_host(ctx->values, "binderhub-service.ingress.hosts");
	ctx->namespace_name = options->namespace_name;
	ctx->cluster_name = options->cluster_name;
	ctx->hub_name = options->hub_name;
	ctx->cluster_domain = options->cluster_domain;
}

/* Exported function, documented in include/engine.h */
const char *derive_describe(const struct rule_context *ctx, const struct derivation *notes,
			    char *buffer, size_t size)
{
	int used = snprintf(buffer, size, "%s, %s, %s", notes->mode, notes->provider,
			    notes->registry);

	if (used < 0 || (size_t)used >= size)
		return buffer;
	if (ctx->namespace_name)
		used += snprintf(buffer + used, size - (size_t)used, ", namespace %s",
				 ctx->namespace_name);
	if (used < 0 || (size_t)used >= size)
		return buffer;
	if (ctx->have_defaults && ctx->defaults_name)
		snprintf(buffer + used, size - (size_t)used, ", %s", ctx->defaults_name);
	else
		snprintf(buffer + used, size - (size_t)used, ", no chart defaults");
	return buffer;
}
