/*
 * Tests of the registry rules BH150-BH163 (src/rules/registry.c): for each
 * rule a hub that breaks it, with the finding's rule, severity and position,
 * and a nearly identical hub that passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "rule_fixture.h"

#define ENC "ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]"

/* Run check on yaml for a hub whose registry is registry; returns the number of findings. */
static size_t run_rule(struct rule_fixture *fixture, const char *yaml, enum hub_registry registry,
		       rule_fixture_check check)
{
	rule_fixture_init(fixture, yaml, HUB_AUTHENTICATED);
	fixture->ctx.registry = registry;
	return rule_fixture_run(fixture, check);
}

static void assert_passes(const char *yaml, enum hub_registry registry, rule_fixture_check check)
{
	struct rule_fixture fixture;

	assert_int_equal(run_rule(&fixture, yaml, registry, check), 0);
	rule_fixture_release(&fixture);
}

/* A quay.io hub laid out as the runbook shows it. */
static const char quay_hub[] =
	"binderhub-service:\n"
	"  config:\n"
	"    BinderHub:\n"
	"      image_prefix: quay.io/imagebuilding-non-gcp-hubs/opensci-big-binder-\n"
	"      use_registry: true\n"
	"    DockerRegistry:\n"
	"      url: &url https://quay.io\n"
	"      username: &username imagebuilding-non-gcp-hubs+image_builder\n"
	"      password: " ENC "\n"
	"  buildPodsRegistryCredentials:\n"
	"    server: *url\n"
	"    username: *username\n"
	"    password: " ENC "\n"
	"  dockerApi:\n"
	"    storage:\n"
	"      emptyDir:\n"
	"        sizeLimit: 15Gi\n"
	"jupyterhub:\n"
	"  imagePullSecret:\n"
	"    create: true\n"
	"    registry: quay.io\n"
	"    username: imagebuilding-non-gcp-hubs+image_puller\n"
	"    password: " ENC "\n";

/* ---- BH150 ----------------------------------------------------------------- */

static void test_rules_registry_bh150_passes_with_prefix(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH150);
}

static void test_rules_registry_bh150_reports_missing_prefix(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      base_url: /\n",
				  HUB_REGISTRY_UNKNOWN, check_BH150),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH150, SEVERITY_ERROR, 3, 5);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "missing binderhub-service.config.BinderHub.image_prefix");
	rule_fixture_release(&fixture);
}

/* Run BH150 on a hub on provider without image_prefix and check that the
 * message contains present but not absent (when absent is not NULL). */
static void expect_prefix_hint(enum hub_provider provider, const char *present,
			       const char *absent)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	rule_fixture_init(&fixture, "binderhub-service:\n  config:\n    BinderHub: {}\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.provider = provider;
	assert_int_equal(rule_fixture_run(&fixture, check_BH150), 1);
	finding = rule_fixture_last(&fixture);
	rule_expect_message_contains(finding, present);
	if (absent && strstr(finding->message, absent))
		fail_msg("message '%s' contains '%s'", finding->message, absent);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh150_hint_follows_provider(void **state)
{
	(void)state;
	expect_prefix_hint(HUB_PROVIDER_GCP, "e.g. '<region>-docker.pkg.dev/<project>/<repository>/'",
			   "quay.io");
	expect_prefix_hint(HUB_PROVIDER_AWS,
			   "e.g. 'quay.io/imagebuilding-non-gcp-hubs/<cluster>-<hub>-'",
			   "docker.pkg.dev");
	expect_prefix_hint(HUB_PROVIDER_AZURE, "quay.io/imagebuilding-non-gcp-hubs/",
			   "docker.pkg.dev");
	expect_prefix_hint(HUB_PROVIDER_UNKNOWN,
			   "e.g. '<region>-docker.pkg.dev/<project>/<repository>/' on GCP or "
			   "'quay.io/imagebuilding-non-gcp-hubs/<cluster>-<hub>-' elsewhere",
			   NULL);
}

static void test_rules_registry_bh150_reports_empty_prefix(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      image_prefix: ''\n",
				  HUB_REGISTRY_UNKNOWN, check_BH150),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH150, SEVERITY_ERROR, 4, 21);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh150_reports_mapping_prefix(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      image_prefix: {host: quay.io}\n",
				  HUB_REGISTRY_UNKNOWN, check_BH150),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH150, SEVERITY_ERROR, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture), "as a string");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh150_reports_use_registry_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      image_prefix: quay.io/org/hub-\n"
				  "      use_registry: false\n",
				  HUB_REGISTRY_QUAY, check_BH150),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH150, SEVERITY_ERROR, 5, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture), "use_registry is 'false'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh150_passes_encrypted_prefix(void **state)
{
	(void)state;
	assert_passes("binderhub-service:\n"
		      "  config:\n"
		      "    BinderHub:\n"
		      "      image_prefix: " ENC "\n",
		      HUB_REGISTRY_UNKNOWN, check_BH150);
}

/* ---- BH151 ----------------------------------------------------------------- */

static void test_rules_registry_bh151_passes_same_host(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH151);
}

static void test_rules_registry_bh151_reports_other_server(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      image_prefix: quay.io/org/hub-\n"
				  "    DockerRegistry:\n"
				  "      url: https://quay.io\n"
				  "  buildPodsRegistryCredentials:\n"
				  "    server: https://us-central1-docker.pkg.dev\n",
				  HUB_REGISTRY_QUAY, check_BH151),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH151, SEVERITY_ERROR, 8, 13);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "names registry host 'us-central1-docker.pkg.dev'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh151_reports_other_url(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    BinderHub:\n"
				  "      image_prefix: quay.io/org/hub-\n"
				  "    DockerRegistry:\n"
				  "      url: https://gcr.io\n",
				  HUB_REGISTRY_QUAY, check_BH151),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH151, SEVERITY_ERROR, 6, 12);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh151_folds_docker_hub_names(void **state)
{
	(void)state;
	assert_passes("binderhub-service:\n"
		      "  config:\n"
		      "    BinderHub:\n"
		      "      image_prefix: myorg/binder-\n"
		      "    DockerRegistry:\n"
		      "      url: https://index.docker.io/v1/\n"
		      "  buildPodsRegistryCredentials:\n"
		      "    server: https://registry-1.docker.io\n",
		      HUB_REGISTRY_OTHER, check_BH151);
}

static void test_rules_registry_bh151_ignores_case_port_ciphertext(void **state)
{
	(void)state;
	assert_passes("binderhub-service:\n"
		      "  config:\n"
		      "    BinderHub:\n"
		      "      image_prefix: quay.io/org/hub-\n"
		      "    DockerRegistry:\n"
		      "      url: https://Quay.IO:443/\n"
		      "  buildPodsRegistryCredentials:\n"
		      "    server: " ENC "\n",
		      HUB_REGISTRY_QUAY, check_BH151);
}

/* ---- BH152 ----------------------------------------------------------------- */

static const char *prefix_hub(char *buffer, size_t size, const char *prefix)
{
	snprintf(buffer, size,
		 "binderhub-service:\n"
		 "  config:\n"
		 "    BinderHub:\n"
		 "      image_prefix: %s\n",
		 prefix);
	return buffer;
}

static void test_rules_registry_bh152_passes_repository_form(void **state)
{
	char yaml[256];

	(void)state;
	assert_passes(prefix_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/two-eye/binder/"),
		      HUB_REGISTRY_GAR, check_BH152);
	assert_passes(prefix_hub(yaml, sizeof(yaml),
			      "us-central1-docker.pkg.dev/two-eye/binder/binderhub-service-"),
		      HUB_REGISTRY_GAR, check_BH152);
}

static void test_rules_registry_bh152_reports_missing_slash(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  prefix_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/two-eye/binder"),
				  HUB_REGISTRY_GAR, check_BH152),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH152, SEVERITY_WARNING, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "set it to 'us-central1-docker.pkg.dev/two-eye/binder/'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh152_reports_missing_repository(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  prefix_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/two-eye/"),
				  HUB_REGISTRY_GAR, check_BH152),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH152, SEVERITY_WARNING, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture), "does not have the form");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh152_reports_upper_case(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  prefix_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/two-eye/Binder/"),
				  HUB_REGISTRY_GAR, check_BH152),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH152, SEVERITY_WARNING, 4, 21);
	rule_fixture_release(&fixture);
}

/* ---- BH153 ----------------------------------------------------------------- */

static void test_rules_registry_bh153_passes_shared_organization(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH153);
}

static void test_rules_registry_bh153_reports_own_organization(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  prefix_hub(yaml, sizeof(yaml), "quay.io/hhmi-binder/binderhub-ui-"),
				  HUB_REGISTRY_QUAY, check_BH153),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH153, SEVERITY_INFO, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture), "organization 'hhmi-binder'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh153_reports_missing_dash(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  prefix_hub(yaml, sizeof(yaml),
					  "quay.io/imagebuilding-non-gcp-hubs/opensci-big-binder"),
				  HUB_REGISTRY_QUAY, check_BH153),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH153, SEVERITY_INFO, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture), "does not have the form");
	rule_fixture_release(&fixture);
}

/* ---- BH154 ----------------------------------------------------------------- */

static size_t run_bh154(struct rule_fixture *fixture, const char *prefix, const char *cluster,
			const char *hub)
{
	char yaml[256];

	rule_fixture_init(fixture, prefix_hub(yaml, sizeof(yaml), prefix), HUB_AUTHENTICATED);
	fixture->ctx.registry = HUB_REGISTRY_QUAY;
	fixture->ctx.cluster_name = cluster;
	fixture->ctx.hub_name = hub;
	return rule_fixture_run(fixture, check_BH154);
}

static void test_rules_registry_bh154_passes_cluster_hub_name(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_bh154(&fixture, "quay.io/imagebuilding-non-gcp-hubs/opensci-big-binder-",
				   "opensci", "big-binder"),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh154_reports_other_name(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_bh154(&fixture, "quay.io/hhmi-binder/binderhub-ui-", "hhmi", "binder"),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH154, SEVERITY_INFO, 4, 21);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "set it to 'quay.io/hhmi-binder/hhmi-binder-'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh154_skips_without_cluster(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_bh154(&fixture, "quay.io/hhmi-binder/binderhub-ui-", NULL, "binder"), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh154_uses_namespace_as_hub(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	rule_fixture_init(&fixture, prefix_hub(yaml, sizeof(yaml), "quay.io/org/hhmi-staging-"),
			  HUB_AUTHENTICATED);
	fixture.ctx.registry = HUB_REGISTRY_QUAY;
	fixture.ctx.cluster_name = "hhmi";
	fixture.ctx.namespace_name = "binder";
	rule_expect_one(&fixture, check_BH154, RULE_BH154, SEVERITY_INFO, 4, 21);
	rule_fixture_release(&fixture);
}

/* ---- BH155 ----------------------------------------------------------------- */

static void test_rules_registry_bh155_passes_with_credentials(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH155);
}

static void test_rules_registry_bh155_reports_missing_password(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  buildPodsRegistryCredentials:\n"
				  "    server: https://quay.io\n"
				  "    username: org+robot\n",
				  HUB_REGISTRY_QUAY, check_BH155),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH155, SEVERITY_ERROR, 2, 3);
	rule_expect_message_contains(
		rule_fixture_last(&fixture),
		"missing binderhub-service.buildPodsRegistryCredentials.password");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh155_reports_each_missing_key(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture, "binderhub-service:\n  enabled: true\n",
				  HUB_REGISTRY_QUAY, check_BH155),
			 3);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH155, SEVERITY_ERROR, 1, 1);
	rule_fixture_release(&fixture);
}

/* ---- BH156 ----------------------------------------------------------------- */

static void test_rules_registry_bh156_passes_with_pull_secret(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH156);
}

static void test_rules_registry_bh156_passes_encrypted_values(void **state)
{
	(void)state;
	assert_passes("jupyterhub:\n"
		      "  imagePullSecret:\n"
		      "    create: " ENC "\n"
		      "    registry: " ENC "\n"
		      "    username: " ENC "\n"
		      "    password: " ENC "\n",
		      HUB_REGISTRY_QUAY, check_BH156);
}

static void test_rules_registry_bh156_reports_create_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "jupyterhub:\n"
				  "  imagePullSecret:\n"
				  "    create: false\n"
				  "    registry: quay.io\n"
				  "    username: org+robot\n"
				  "    password: " ENC "\n",
				  HUB_REGISTRY_QUAY, check_BH156),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH156, SEVERITY_ERROR, 3, 13);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh156_reports_quoted_create(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "jupyterhub:\n"
				  "  imagePullSecret:\n"
				  "    create: \"true\"\n"
				  "    registry: quay.io\n"
				  "    username: org+robot\n"
				  "    password: " ENC "\n",
				  HUB_REGISTRY_QUAY, check_BH156),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH156, SEVERITY_ERROR, 3, 13);
	rule_expect_message_contains(rule_fixture_last(&fixture), "without quotes");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh156_reports_other_registry(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "jupyterhub:\n"
				  "  imagePullSecret:\n"
				  "    create: true\n"
				  "    registry: docker.io\n"
				  "    username: org+robot\n"
				  "    password: " ENC "\n",
				  HUB_REGISTRY_QUAY, check_BH156),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH156, SEVERITY_ERROR, 4, 15);
	rule_expect_message_contains(rule_fixture_last(&fixture), "set it to 'quay.io'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh156_reports_missing_password(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "jupyterhub:\n"
				  "  imagePullSecret:\n"
				  "    create: true\n"
				  "    registry: https://quay.io\n"
				  "    username: org+robot\n"
				  "    password:\n",
				  HUB_REGISTRY_QUAY, check_BH156),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH156, SEVERITY_ERROR, 6, 5);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "missing jupyterhub.imagePullSecret.password");
	rule_fixture_release(&fixture);
}

/* ---- BH157 ----------------------------------------------------------------- */

static void test_rules_registry_bh157_passes_with_pull_secret(void **state)
{
	(void)state;
	assert_passes("dask-gateway:\n"
		      "  enabled: true\n"
		      "  gateway:\n"
		      "    backend:\n"
		      "      imagePullSecrets: [name: image-pull-secret]\n",
		      HUB_REGISTRY_QUAY, check_BH157);
}

static void test_rules_registry_bh157_passes_without_dask(void **state)
{
	(void)state;
	assert_passes("dask-gateway:\n"
		      "  enabled: false\n",
		      HUB_REGISTRY_QUAY, check_BH157);
}

static void test_rules_registry_bh157_reports_other_secret(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "dask-gateway:\n"
				  "  enabled: true\n"
				  "  gateway:\n"
				  "    backend:\n"
				  "      imagePullSecrets:\n"
				  "        - name: other-secret\n",
				  HUB_REGISTRY_QUAY, check_BH157),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH157, SEVERITY_ERROR, 6, 9);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "no item named 'image-pull-secret'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh157_reports_missing_list(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "dask-gateway:\n"
				  "  enabled: true\n"
				  "  gateway:\n"
				  "    backend:\n"
				  "      scheduler: {}\n",
				  HUB_REGISTRY_QUAY, check_BH157),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH157, SEVERITY_ERROR, 4, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh157_reports_mapping(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "dask-gateway:\n"
				  "  enabled: true\n"
				  "  gateway:\n"
				  "    backend:\n"
				  "      imagePullSecrets: {name: image-pull-secret}\n",
				  HUB_REGISTRY_QUAY, check_BH157),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH157, SEVERITY_ERROR, 5, 25);
	rule_expect_message_contains(rule_fixture_last(&fixture), "is a mapping");
	rule_fixture_release(&fixture);
}

/* ---- BH158 ----------------------------------------------------------------- */

static void test_rules_registry_bh158_passes_with_size_limit(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH158);
}

static void test_rules_registry_bh158_reports_missing_size_limit(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  dockerApi:\n"
				  "    nodeSelector: {}\n",
				  HUB_REGISTRY_QUAY, check_BH158),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH158, SEVERITY_INFO, 2, 3);
	rule_fixture_release(&fixture);
}

/* ---- BH160 ----------------------------------------------------------------- */

static void test_rules_registry_bh160_passes_with_credentials(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH160);
}

static void test_rules_registry_bh160_reports_missing_username(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  "binderhub-service:\n"
				  "  config:\n"
				  "    DockerRegistry:\n"
				  "      url: https://quay.io\n"
				  "      password: " ENC "\n",
				  HUB_REGISTRY_QUAY, check_BH160),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH160, SEVERITY_ERROR, 3, 5);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "missing binderhub-service.config.DockerRegistry.username");
	rule_fixture_release(&fixture);
}

/* ---- BH161 ----------------------------------------------------------------- */

static const char *registry_url_hub(char *buffer, size_t size, const char *url)
{
	snprintf(buffer, size,
		 "binderhub-service:\n"
		 "  config:\n"
		 "    DockerRegistry:\n"
		 "      url: %s\n",
		 url);
	return buffer;
}

static void test_rules_registry_bh161_passes_https(void **state)
{
	char yaml[256];

	(void)state;
	assert_passes(registry_url_hub(yaml, sizeof(yaml), "https://quay.io"), HUB_REGISTRY_QUAY,
		      check_BH161);
}

static void test_rules_registry_bh161_reports_missing_scheme(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture, registry_url_hub(yaml, sizeof(yaml), "quay.io"),
				  HUB_REGISTRY_QUAY, check_BH161),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH161, SEVERITY_WARNING, 4, 12);
	rule_expect_message_contains(rule_fixture_last(&fixture), "set it to 'https://quay.io'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh161_reports_http(void **state)
{
	struct rule_fixture fixture;
	char yaml[256];

	(void)state;
	assert_int_equal(run_rule(&fixture, registry_url_hub(yaml, sizeof(yaml), "http://quay.io"),
				  HUB_REGISTRY_QUAY, check_BH161),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH161, SEVERITY_WARNING, 4, 12);
	rule_expect_message_contains(rule_fixture_last(&fixture), "set it to 'https://quay.io'");
	rule_fixture_release(&fixture);
}

/* ---- BH162 ----------------------------------------------------------------- */

static const char *usernames_hub(char *buffer, size_t size, const char *prefix,
				 const char *registry_username, const char *build_username)
{
	snprintf(buffer, size,
		 "binderhub-service:\n"
		 "  config:\n"
		 "    BinderHub:\n"
		 "      image_prefix: %s\n"
		 "    DockerRegistry:\n"
		 "      username: %s\n"
		 "  buildPodsRegistryCredentials:\n"
		 "    username: %s\n",
		 prefix, registry_username, build_username);
	return buffer;
}

static void test_rules_registry_bh162_passes_gar_json_key(void **state)
{
	char yaml[512];

	(void)state;
	assert_passes(usernames_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/p/r/",
				    "_json_key", "_json_key"),
		      HUB_REGISTRY_GAR, check_BH162);
}

static void test_rules_registry_bh162_reports_gar_other_name(void **state)
{
	struct rule_fixture fixture;
	char yaml[512];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  usernames_hub(yaml, sizeof(yaml), "us-central1-docker.pkg.dev/p/r/",
						"_json_key", "json_key"),
				  HUB_REGISTRY_GAR, check_BH162),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH162, SEVERITY_WARNING, 8, 15);
	rule_expect_message_contains(rule_fixture_last(&fixture), "set it to '_json_key'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh162_passes_quay_robot(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH162);
}

static void test_rules_registry_bh162_reports_quay_user_account(void **state)
{
	struct rule_fixture fixture;
	char yaml[512];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  usernames_hub(yaml, sizeof(yaml), "quay.io/org/hub-", "alice",
						"alice"),
				  HUB_REGISTRY_QUAY, check_BH162),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH162, SEVERITY_WARNING, 6, 17);
	rule_expect_message_contains(rule_fixture_last(&fixture), "not a quay.io robot account");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh162_reports_other_organization(void **state)
{
	struct rule_fixture fixture;
	char yaml[512];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  usernames_hub(yaml, sizeof(yaml), "quay.io/org/hub-",
						"other+builder", "org+builder"),
				  HUB_REGISTRY_QUAY, check_BH162),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH162, SEVERITY_WARNING, 6, 17);
	rule_expect_message_contains(rule_fixture_last(&fixture), "organization 'other'");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh162_passes_encrypted_username(void **state)
{
	char yaml[512];

	(void)state;
	assert_passes(usernames_hub(yaml, sizeof(yaml), "quay.io/org/hub-", ENC, ENC),
		      HUB_REGISTRY_QUAY, check_BH162);
}

/* ---- BH163 ----------------------------------------------------------------- */

static void test_rules_registry_bh163_passes_same_account(void **state)
{
	(void)state;
	assert_passes(quay_hub, HUB_REGISTRY_QUAY, check_BH163);
}

static void test_rules_registry_bh163_reports_different_accounts(void **state)
{
	struct rule_fixture fixture;
	char yaml[512];

	(void)state;
	assert_int_equal(run_rule(&fixture,
				  usernames_hub(yaml, sizeof(yaml), "quay.io/org/hub-", "org+builder",
						"org+pusher"),
				  HUB_REGISTRY_QUAY, check_BH163),
			 1);
	rule_expect_finding(rule_fixture_last(&fixture), RULE_BH163, SEVERITY_WARNING, 8, 15);
	rule_expect_message_contains(rule_fixture_last(&fixture), "use the same registry account");
	rule_fixture_release(&fixture);
}

static void test_rules_registry_bh163_passes_encrypted_username(void **state)
{
	char yaml[512];

	(void)state;
	assert_passes(usernames_hub(yaml, sizeof(yaml), "quay.io/org/hub-", "org+builder", ENC),
		      HUB_REGISTRY_QUAY, check_BH163);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_registry_bh150_passes_with_prefix),
		cmocka_unit_test(test_rules_registry_bh150_reports_missing_prefix),
		cmocka_unit_test(test_rules_registry_bh150_hint_follows_provider),
		cmocka_unit_test(test_rules_registry_bh150_reports_empty_prefix),
		cmocka_unit_test(test_rules_registry_bh150_reports_mapping_prefix),
		cmocka_unit_test(test_rules_registry_bh150_reports_use_registry_false),
		cmocka_unit_test(test_rules_registry_bh150_passes_encrypted_prefix),
		cmocka_unit_test(test_rules_registry_bh151_passes_same_host),
		cmocka_unit_test(test_rules_registry_bh151_reports_other_server),
		cmocka_unit_test(test_rules_registry_bh151_reports_other_url),
		cmocka_unit_test(test_rules_registry_bh151_folds_docker_hub_names),
		cmocka_unit_test(test_rules_registry_bh151_ignores_case_port_ciphertext),
		cmocka_unit_test(test_rules_registry_bh152_passes_repository_form),
		cmocka_unit_test(test_rules_registry_bh152_reports_missing_slash),
		cmocka_unit_test(test_rules_registry_bh152_reports_missing_repository),
		cmocka_unit_test(test_rules_registry_bh152_reports_upper_case),
		cmocka_unit_test(test_rules_registry_bh153_passes_shared_organization),
		cmocka_unit_test(test_rules_registry_bh153_reports_own_organization),
		cmocka_unit_test(test_rules_registry_bh153_reports_missing_dash),
		cmocka_unit_test(test_rules_registry_bh154_passes_cluster_hub_name),
		cmocka_unit_test(test_rules_registry_bh154_reports_other_name),
		cmocka_unit_test(test_rules_registry_bh154_skips_without_cluster),
		cmocka_unit_test(test_rules_registry_bh154_uses_namespace_as_hub),
		cmocka_unit_test(test_rules_registry_bh155_passes_with_credentials),
		cmocka_unit_test(test_rules_registry_bh155_reports_missing_password),
		cmocka_unit_test(test_rules_registry_bh155_reports_each_missing_key),
		cmocka_unit_test(test_rules_registry_bh156_passes_with_pull_secret),
		cmocka_unit_test(test_rules_registry_bh156_passes_encrypted_values),
		cmocka_unit_test(test_rules_registry_bh156_reports_create_false),
		cmocka_unit_test(test_rules_registry_bh156_reports_quoted_create),
		cmocka_unit_test(test_rules_registry_bh156_reports_other_registry),
		cmocka_unit_test(test_rules_registry_bh156_reports_missing_password),
		cmocka_unit_test(test_rules_registry_bh157_passes_with_pull_secret),
		cmocka_unit_test(test_rules_registry_bh157_passes_without_dask),
		cmocka_unit_test(test_rules_registry_bh157_reports_other_secret),
		cmocka_unit_test(test_rules_registry_bh157_reports_missing_list),
		cmocka_unit_test(test_rules_registry_bh157_reports_mapping),
		cmocka_unit_test(test_rules_registry_bh158_passes_with_size_limit),
		cmocka_unit_test(test_rules_registry_bh158_reports_missing_size_limit),
		cmocka_unit_test(test_rules_registry_bh160_passes_with_credentials),
		cmocka_unit_test(test_rules_registry_bh160_reports_missing_username),
		cmocka_unit_test(test_rules_registry_bh161_passes_https),
		cmocka_unit_test(test_rules_registry_bh161_reports_missing_scheme),
		cmocka_unit_test(test_rules_registry_bh161_reports_http),
		cmocka_unit_test(test_rules_registry_bh162_passes_gar_json_key),
		cmocka_unit_test(test_rules_registry_bh162_reports_gar_other_name),
		cmocka_unit_test(test_rules_registry_bh162_passes_quay_robot),
		cmocka_unit_test(test_rules_registry_bh162_reports_quay_user_account),
		cmocka_unit_test(test_rules_registry_bh162_reports_other_organization),
		cmocka_unit_test(test_rules_registry_bh162_passes_encrypted_username),
		cmocka_unit_test(test_rules_registry_bh163_passes_same_account),
		cmocka_unit_test(test_rules_registry_bh163_reports_different_accounts),
		cmocka_unit_test(test_rules_registry_bh163_passes_encrypted_username),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
