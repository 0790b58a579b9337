/*
 * The binder-relevant subset of what the deployer renders from
 * helm-charts/basehub/values.jsonnet (2i2c-org/infrastructure, checked
 * against four real renders at commit 9ad7cd0fc).  The render also sets
 * keys that no binderhub-ui rule reads: nfs, jupyterhub-home-nfs,
 * jupyterhub-groups-exporter, userServiceAccount, nodePlaceholder,
 * dask-gateway node selectors on aws, and UsageQuotaManager and
 * UsageViewer settings.  They are left out because only those rules read
 * effective values built from this layer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deployer_layer.h"

/* Node selectors jsonnet gives builders, the docker daemon and user pods.
 * A NULL hub_name_key means the provider adds no hub-name label. */
struct provider_selector {
	const char *provider;
	const char *hub_name_key;
	const char *instance_type;
};

static const struct provider_selector provider_selectors[] = {
	{"gcp", NULL, "n2-highmem-4"},
	{"aws", "2i2c/hub-name", "r5.xlarge"},
};

static const struct provider_selector *find_selector(const char *provider)
{
	for (size_t i = 0; i < sizeof(provider_selectors) / sizeof(provider_selectors[0]); i++)
		if (strcmp(provider_selectors[i].provider, provider) == 0)
			return &provider_selectors[i];
	return NULL;
}

static struct node *new_mapping_in(struct tree_doc *doc, struct node *parent, const char *key)
{
	struct node *mapping = tree_new_mapping(doc);

	tree_mapping_set(doc, parent, key, mapping);
	return mapping;
}

static void set_string(struct tree_doc *doc, struct node *mapping, const char *key,
		       const char *value)
{
	tree_mapping_set(doc, mapping, key, tree_new_string(doc, value));
}

static struct node *new_formatted(struct tree_doc *doc, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* A string node whose text is printf's output for format. */
static struct node *new_formatted(struct tree_doc *doc, const char *format, ...)
{
	va_list args;
	int length;
	char *text;
	struct node *node;

	va_start(args, format);
	length = vsnprintf(NULL, 0, format, args);
	va_end(args);
	text = malloc((size_t)length + 1);
	if (!text) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	va_start(args, format);
	vsnprintf(text, (size_t)length + 1, format, args);
	va_end(args);
	node = tree_new_string(doc, text);
	free(text);
	return node;
}

static struct node *new_selector(struct tree_doc *doc, const struct provider_selector *selector,
				 const char *hub_name)
{
	struct node *mapping = tree_new_mapping(doc);

	/* Sorted keys, as jsonnet writes them: "2i2c/..." before "node...". */
	if (selector->hub_name_key)
		set_string(doc, mapping, selector->hub_name_key, hub_name);
	set_string(doc, mapping, "node.kubernetes.io/instance-type", selector->instance_type);
	return mapping;
}

static struct node *new_host_list(struct tree_doc *doc, const char *domain)
{
	struct node *hosts = tree_new_sequence(doc);

	tree_sequence_append(doc, hosts, tree_new_string(doc, domain));
	return hosts;
}

static void add_binderhub_service(struct tree_doc *doc, struct node *root,
				  const struct provider_selector *selector, const char *hub_name)
{
	struct node *service = new_mapping_in(doc, root, "binderhub-service");
	struct node *config = new_mapping_in(doc, service, "config");
	struct node *docker_api = new_mapping_in(doc, service, "dockerApi");
	struct node *extra_env = tree_new_sequence(doc);
	struct node *api_url = tree_new_mapping(doc);

	if (selector) {
		struct node *executor = new_mapping_in(doc, config, "KubernetesBuildExecutor");

		tree_mapping_set(doc, executor, "node_selector",
				 new_selector(doc, selector, hub_name));
		tree_mapping_set(doc, docker_api, "nodeSelector",
				 new_selector(doc, selector, hub_name));
	}

	set_string(doc, api_url, "name", "JUPYTERHUB_API_URL");
	tree_mapping_set(doc, api_url, "value",
			 new_formatted(doc, "http://hub.%s.svc.cluster.local:8081/hub/api",
				       hub_name));
	tree_sequence_append(doc, extra_env, api_url);
	tree_mapping_set(doc, service, "extraEnv", extra_env);
}

static void add_jupyterhub(struct tree_doc *doc, struct node *root,
			   const struct provider_selector *selector, const char *hub_name,
			   const char *domain)
{
	struct node *jupyterhub = new_mapping_in(doc, root, "jupyterhub");
	struct node *hub = new_mapping_in(doc, jupyterhub, "hub");
	struct node *config = new_mapping_in(doc, hub, "config");
	struct node *oauthenticator = new_mapping_in(doc, config, "OAuthenticator");
	struct node *services = new_mapping_in(doc, hub, "services");
	struct node *binder = new_mapping_in(doc, services, "binder");
	struct node *ingress = new_mapping_in(doc, jupyterhub, "ingress");
	struct node *tls = tree_new_sequence(doc);
	struct node *tls_entry = tree_new_mapping(doc);

	tree_mapping_set(doc, oauthenticator, "oauth_callback_url",
			 new_formatted(doc, "https://%s/hub/oauth_callback", domain));
	tree_mapping_set(doc, binder, "oauth_redirect_uri",
			 new_formatted(doc, "https://%s/services/binder/oauth_callback", domain));

	tree_mapping_set(doc, ingress, "hosts", new_host_list(doc, domain));
	tree_mapping_set(doc, tls_entry, "hosts", new_host_list(doc, domain));
	set_string(doc, tls_entry, "secretName", "https-auto-tls");
	tree_sequence_append(doc, tls, tls_entry);
	tree_mapping_set(doc, ingress, "tls", tls);

	if (selector) {
		struct node *singleuser = new_mapping_in(doc, jupyterhub, "singleuser");

		tree_mapping_set(doc, singleuser, "nodeSelector",
				 new_selector(doc, selector, hub_name));
	}
}

/* Name every node after the layer: the checker uses mark.file to
 * distinguish values from this layer from values in the user's files. */
static void mark_nodes(struct node *node, const char *file)
{
	node->mark.file = file;
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			mark_nodes(node->as.sequence.items[i], file);
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			mark_nodes(node->as.mapping.pairs[i].key, file);
			mark_nodes(node->as.mapping.pairs[i].value, file);
		}
	}
}

struct tree_doc *deployer_layer_build(const struct cluster *cluster,
				      const struct cluster_hub *hub)
{
	struct tree_doc *doc = tree_doc_new(DEPLOYER_LAYER_NAME);
	const struct provider_selector *selector = find_selector(cluster->provider);
	struct node *values = tree_new_mapping(doc);

	add_binderhub_service(doc, values, selector, hub->name);
	add_jupyterhub(doc, values, selector, hub->name, hub->domain);

	/* values.jsonnet wraps its whole output in `basehub:` when rendered
	 * for the legacy daskhub chart, whose basehub is a subchart. */
	if (hub->chart == CLUSTER_CHART_DASKHUB) {
		doc->root = tree_new_mapping(doc);
		tree_mapping_set(doc, doc->root, "basehub", values);
	} else {
		doc->root = values;
	}
	mark_nodes(doc->root, doc->file);
	return doc;
}
