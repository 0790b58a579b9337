/* Tests of the emulated deployer layer built from cluster.yaml facts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cluster.h"
#include "deployer_layer.h"
#include "emit.h"

/* A cluster.yaml with one hub, on the given provider and chart. */
static struct cluster *one_hub_cluster(const char *provider, const char *hub_name,
				       const char *chart)
{
	char text[512];
	char error[1024] = "";
	struct cluster *cluster = NULL;
	int result;

	snprintf(text, sizeof(text),
		 "name: demo\n"
		 "provider: %s\n"
		 "hubs:\n"
		 "- name: '%s'\n"
		 "  domain: hub.binder.demo.example.org\n"
		 "  helm_chart: %s\n"
		 "  helm_chart_values_files: [binder.values.yaml]\n",
		 provider, hub_name, chart);
	result = cluster_parse(text, strlen(text), "cluster.yaml", &cluster, error, sizeof(error));
	if (result != 0)
		print_error("unexpected error: %s\n", error);
	assert_int_equal(result, 0);
	return cluster;
}

/* Build the layer of the cluster's only hub and return it as YAML text. */
static char *emit_layer(const char *provider, const char *hub_name, const char *chart)
{
	struct cluster *cluster = one_hub_cluster(provider, hub_name, chart);
	struct tree_doc *doc = deployer_layer_build(cluster, &cluster->hubs[0]);
	struct emit_options options = {.comments = false};
	char error[256] = "";
	char *text = NULL;
	size_t length = 0;

	assert_non_null(doc);
	assert_int_equal(emit_document(doc->root, &options, &text, &length, error, sizeof(error)),
			 0);
	tree_doc_free(doc);
	cluster_free(cluster);
	return text;
}

static const char gcp_layer[] =
	"binderhub-service:\n"
	"  config:\n"
	"    KubernetesBuildExecutor:\n"
	"      node_selector:\n"
	"        node.kubernetes.io/instance-type: n2-highmem-4\n"
	"  dockerApi:\n"
	"    nodeSelector:\n"
	"      node.kubernetes.io/instance-type: n2-highmem-4\n"
	"  extraEnv:\n"
	"  - name: JUPYTERHUB_API_URL\n"
	"    value: http://hub.binder.svc.cluster.local:8081/hub/api\n"
	"jupyterhub:\n"
	"  hub:\n"
	"    config:\n"
	"      OAuthenticator:\n"
	"        oauth_callback_url: https://hub.binder.demo.example.org/hub/oauth_callback\n"
	"    services:\n"
	"      binder:\n"
	"        oauth_redirect_uri: "
	"https://hub.binder.demo.example.org/services/binder/oauth_callback\n"
	"  ingress:\n"
	"    hosts:\n"
	"    - hub.binder.demo.example.org\n"
	"    tls:\n"
	"    - hosts:\n"
	"      - hub.binder.demo.example.org\n"
	"      secretName: https-auto-tls\n"
	"  singleuser:\n"
	"    nodeSelector:\n"
	"      node.kubernetes.io/instance-type: n2-highmem-4\n";

static void test_deployer_layer_build_gcp(void **state)
{
	char *text = emit_layer("gcp", "binder", "basehub");

	(void)state;
	assert_string_equal(text, gcp_layer);
	free(text);
}

static void test_deployer_layer_build_aws(void **state)
{
	char *text = emit_layer("aws", "big-binder", "basehub");

	(void)state;
	assert_string_equal(
		text,
		"binderhub-service:\n"
		"  config:\n"
		"    KubernetesBuildExecutor:\n"
		"      node_selector:\n"
		"        2i2c/hub-name: big-binder\n"
		"        node.kubernetes.io/instance-type: r5.xlarge\n"
		"  dockerApi:\n"
		"    nodeSelector:\n"
		"      2i2c/hub-name: big-binder\n"
		"      node.kubernetes.io/instance-type: r5.xlarge\n"
		"  extraEnv:\n"
		"  - name: JUPYTERHUB_API_URL\n"
		"    value: http://hub.big-binder.svc.cluster.local:8081/hub/api\n"
		"jupyterhub:\n"
		"  hub:\n"
		"    config:\n"
		"      OAuthenticator:\n"
		"        oauth_callback_url: https://hub.binder.demo.example.org/hub/oauth_callback\n"
		"    services:\n"
		"      binder:\n"
		"        oauth_redirect_uri: "
		"https://hub.binder.demo.example.org/services/binder/oauth_callback\n"
		"  ingress:\n"
		"    hosts:\n"
		"    - hub.binder.demo.example.org\n"
		"    tls:\n"
		"    - hosts:\n"
		"      - hub.binder.demo.example.org\n"
		"      secretName: https-auto-tls\n"
		"  singleuser:\n"
		"    nodeSelector:\n"
		"      2i2c/hub-name: big-binder\n"
		"      node.kubernetes.io/instance-type: r5.xlarge\n");
	free(text);
}

static const char other_provider_layer[] =
	"binderhub-service:\n"
	"  config: {}\n"
	"  dockerApi: {}\n"
	"  extraEnv:\n"
	"  - name: JUPYTERHUB_API_URL\n"
	"    value: http://hub.binderhub.svc.cluster.local:8081/hub/api\n"
	"jupyterhub:\n"
	"  hub:\n"
	"    config:\n"
	"      OAuthenticator:\n"
	"        oauth_callback_url: https://hub.binder.demo.example.org/hub/oauth_callback\n"
	"    services:\n"
	"      binder:\n"
	"        oauth_redirect_uri: "
	"https://hub.binder.demo.example.org/services/binder/oauth_callback\n"
	"  ingress:\n"
	"    hosts:\n"
	"    - hub.binder.demo.example.org\n"
	"    tls:\n"
	"    - hosts:\n"
	"      - hub.binder.demo.example.org\n"
	"      secretName: https-auto-tls\n";

static void test_deployer_layer_build_kubeconfig(void **state)
{
	char *text = emit_layer("kubeconfig", "binderhub", "basehub");

	(void)state;
	assert_string_equal(text, other_provider_layer);
	free(text);
}

static void test_deployer_layer_build_azure(void **state)
{
	char *text = emit_layer("azure", "binderhub", "basehub");

	(void)state;
	assert_string_equal(text, other_provider_layer);
	free(text);
}

static void test_deployer_layer_build_provider_case_sensitive(void **state)
{
	/* jsonnet compares the provider with ==, so "GCP" gets no node selectors. */
	char *text = emit_layer("GCP", "binderhub", "basehub");

	(void)state;
	assert_string_equal(text, other_provider_layer);
	free(text);
}

static void test_deployer_layer_build_daskhub(void **state)
{
	char *text = emit_layer("gcp", "binder", "daskhub");
	char expected[sizeof(gcp_layer) * 2];
	size_t used = (size_t)snprintf(expected, sizeof(expected), "basehub:\n");
	const char *line = gcp_layer;

	(void)state;
	/* The same layer, two spaces deeper under basehub:. */
	while (*line) {
		const char *end = strchr(line, '\n');

		used += (size_t)snprintf(expected + used, sizeof(expected) - used, "  %.*s\n",
					 (int)(end - line), line);
		line = end + 1;
	}
	assert_string_equal(text, expected);
	free(text);
}

static void test_deployer_layer_build_hub_name_quoted(void **state)
{
	/* A hub named like a number must stay a string in the label value. */
	char *text = emit_layer("aws", "2024", "basehub");

	(void)state;
	assert_non_null(strstr(text, "        2i2c/hub-name: '2024'\n"));
	assert_non_null(strstr(text, "    value: http://hub.2024.svc.cluster.local:8081/hub/api\n"));
	free(text);
}

/* Every node's mark must name the layer, or findings could not say where a value came from. */
static void assert_marks_name_layer(const struct node *node)
{
	assert_non_null(node->mark.file);
	assert_string_equal(node->mark.file, DEPLOYER_LAYER_NAME);
	assert_int_equal(node->mark.line, 0);
	if (node->kind == NODE_SEQUENCE) {
		for (size_t i = 0; i < node->as.sequence.count; i++)
			assert_marks_name_layer(node->as.sequence.items[i]);
	} else if (node->kind == NODE_MAPPING) {
		for (size_t i = 0; i < node->as.mapping.count; i++) {
			assert_marks_name_layer(node->as.mapping.pairs[i].key);
			assert_marks_name_layer(node->as.mapping.pairs[i].value);
		}
	}
}

static void test_deployer_layer_build_names_document(void **state)
{
	struct cluster *cluster = one_hub_cluster("aws", "binder", "daskhub");
	struct tree_doc *doc = deployer_layer_build(cluster, &cluster->hubs[0]);

	(void)state;
	assert_string_equal(doc->file, "deployer layer (emulated)");
	assert_non_null(doc->root);
	assert_marks_name_layer(doc->root);
	tree_doc_free(doc);
	cluster_free(cluster);
}

static void test_deployer_layer_build_values_are_strings(void **state)
{
	struct cluster *cluster = one_hub_cluster("gcp", "binder", "basehub");
	struct tree_doc *doc = deployer_layer_build(cluster, &cluster->hubs[0]);
	const struct node *host;
	const struct node *secret_name;

	(void)state;
	host = tree_get_path(doc->root, "jupyterhub.ingress.hosts");
	assert_non_null(host);
	assert_int_equal(host->kind, NODE_SEQUENCE);
	assert_int_equal(host->as.sequence.count, 1);
	assert_int_equal(tree_scalar_type(host->as.sequence.items[0]), SCALAR_TYPE_STRING);
	secret_name = tree_mapping_get(
		tree_get_path(doc->root, "jupyterhub.ingress.tls")->as.sequence.items[0],
		"secretName");
	assert_true(tree_scalar_equals(secret_name, "https-auto-tls"));
	assert_non_null(tree_get_path(doc->root, "binderhub-service.dockerApi.nodeSelector."
						 "node\\.kubernetes\\.io/instance-type"));
	tree_doc_free(doc);
	cluster_free(cluster);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deployer_layer_build_gcp),
		cmocka_unit_test(test_deployer_layer_build_aws),
		cmocka_unit_test(test_deployer_layer_build_kubeconfig),
		cmocka_unit_test(test_deployer_layer_build_azure),
		cmocka_unit_test(test_deployer_layer_build_provider_case_sensitive),
		cmocka_unit_test(test_deployer_layer_build_daskhub),
		cmocka_unit_test(test_deployer_layer_build_hub_name_quoted),
		cmocka_unit_test(test_deployer_layer_build_names_document),
		cmocka_unit_test(test_deployer_layer_build_values_are_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
