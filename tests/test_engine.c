/*
 * Unit tests of the rule engine (include/engine.h): derivation of the hub's
 * mode, provider and registry, which rules run, disable comments, --disable,
 * --severity, sorting and exit statuses.  The rules here are small stand-ins
 * written for the tests, passed to the engine in a table of their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "effective.h"
#include "engine.h"
#include "load.h"

/* ---- a hub built from YAML texts ---- */

struct hub {
	struct effective effective;
	struct rule_context ctx;
	struct findings findings;
	struct derivation notes;
};

static void hub_add(struct hub *hub, const char *name, const char *yaml)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;
	struct tree_doc *doc = NULL;

	if (load_buffer(yaml, strlen(yaml), name, &options, &doc, &err) != LOAD_OK)
		fail_msg("%s does not load: %s (line %zu)", name, err.message, err.mark.line);
	if (effective_add_layer(&hub->effective, doc, &err) != LOAD_OK)
		fail_msg("%s cannot be layered: %s", name, err.message);
}

/* Build the effective values of the layers added and derive the context. */
static void hub_build(struct hub *hub, const struct derive_options *options)
{
	struct load_error err;

	if (effective_build(&hub->effective, &err) != LOAD_OK)
		fail_msg("effective values cannot be built: %s", err.message);
	effective_fill_context(&hub->effective, &hub->ctx);
	derive_context(&hub->ctx, options, &hub->notes);
	hub->ctx.findings = &hub->findings;
}

static void hub_init(struct hub *hub)
{
	memset(hub, 0, sizeof(*hub));
	effective_init(&hub->effective, false);
}

/* A hub of one layer, hub.yaml, derived without options. */
static void hub_init_text(struct hub *hub, const char *yaml)
{
	hub_init(hub);
	hub_add(hub, "hub.yaml", yaml);
	hub_build(hub, NULL);
}

static void hub_release(struct hub *hub)
{
	findings_release(&hub->findings);
	effective_release(&hub->effective);
}

static size_t count_rule(const struct hub *hub, enum rule_id rule)
{
	size_t count = 0;

	for (size_t i = 0; i < hub->findings.count; i++)
		if (hub->findings.items[i].rule == rule)
			count++;
	return count;
}

static const struct finding *find_rule_finding(const struct hub *hub, enum rule_id rule)
{
	for (size_t i = 0; i < hub->findings.count; i++)
		if (hub->findings.items[i].rule == rule)
			return &hub->findings.items[i];
	return NULL;
}

/* ---- stand-in rules ---- */

#define BASE_URL "binderhub-service.config.BinderHub.base_url"
#define ALLOWED_SPECS "binderhub-service.config.GitHubRepoProvider.allowed_specs"

/* BH040: base_url must be "/". */
static void fake_base_url(const struct rule_context *ctx)
{
	const struct node *base_url = check_get(ctx, BASE_URL);

	if (!base_url)
		check_report_missing(ctx, RULE_BH040, BASE_URL, "missing base_url");
	else if (!tree_scalar_equals(base_url, "/"))
		check_report(ctx, RULE_BH040, base_url, BASE_URL, "base_url is '%s'",
			     check_text(base_url));
}

/* BH139 (unauthenticated hubs): allowed_specs must be set. */
static void fake_allowed_specs(const struct rule_context *ctx)
{
	const struct node *specs = check_get(ctx, ALLOWED_SPECS);

	if (!check_is_set(specs))
		check_report_missing(ctx, RULE_BH139, ALLOWED_SPECS, "no allowed_specs");
}

/* The rules below report unconditionally, to show whether the engine ran them. */
static void fake_always_bh118(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH118, "jupyterhub", "authenticated rule ran");
}

static void fake_always_bh051(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH051, "binderhub-service", "provider rule ran");
}

static void fake_always_bh152(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH152, "binderhub-service", "gar rule ran");
}

static void fake_always_bh153(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH153, "binderhub-service", "quay rule ran");
}

static const engine_rule_fn test_table[RULE__COUNT] = {
	[RULE_BH040] = fake_base_url,
	[RULE_BH051] = fake_always_bh051,
	[RULE_BH118] = fake_always_bh118,
	[RULE_BH139] = fake_allowed_specs,
	[RULE_BH152] = fake_always_bh152,
	[RULE_BH153] = fake_always_bh153,
};

static const char unauthenticated_hub[] =
	"jupyterhub:\n"
	"  hub:\n"
	"    config:\n"
	"      JupyterHub:\n"
	"        authenticator_class: \"null\"\n"
	"binderhub-service:\n"
	"  config:\n"
	"    BinderHub:\n"
	"      base_url: /services/binder\n";

/* ---- derivation: mode ---- */

static enum hub_mode mode_of(const char *yaml)
{
	struct hub hub;
	enum hub_mode mode;

	hub_init_text(&hub, yaml);
	mode = hub.ctx.mode;
	hub_release(&hub);
	return mode;
}

static char *authenticator_yaml(const char *value)
{
	static char yaml[256];

	snprintf(yaml, sizeof(yaml),
		 "jupyterhub:\n  hub:\n    config:\n      JupyterHub:\n        authenticator_class: %s\n",
		 value);
	return yaml;
}

static void test_engine_derive_mode_null_spellings(void **state)
{
	(void)state;
	assert_int_equal(mode_of(authenticator_yaml("\"null\"")), HUB_UNAUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("nullauthenticator")), HUB_UNAUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("jupyterhub.auth.NullAuthenticator")),
			 HUB_UNAUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("NULLAuthenticator")), HUB_UNAUTHENTICATED);
}

static void test_engine_derive_mode_tmp_spellings(void **state)
{
	(void)state;
	assert_int_equal(mode_of(authenticator_yaml("tmp")), HUB_UNAUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("tmpauthenticator")), HUB_UNAUTHENTICATED);
}

static void test_engine_derive_mode_other_authenticated(void **state)
{
	(void)state;
	assert_int_equal(mode_of(authenticator_yaml("github")), HUB_AUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("cilogon")), HUB_AUTHENTICATED);
	assert_int_equal(mode_of(authenticator_yaml("ENC[AES256_GCM,data:eA==,type:str]")),
			 HUB_AUTHENTICATED);
}

static void test_engine_derive_mode_unset_uses_auth_enabled(void **state)
{
	(void)state;
	assert_int_equal(mode_of("jupyterhub:\n  hub:\n    config:\n      BinderSpawnerMixin:\n"
				 "        auth_enabled: true\n"),
			 HUB_AUTHENTICATED);
	assert_int_equal(mode_of("jupyterhub:\n  hub:\n    config:\n      BinderSpawnerMixin:\n"
				 "        auth_enabled: false\n"),
			 HUB_UNAUTHENTICATED);
	assert_int_equal(mode_of("a: 1\n"), HUB_UNAUTHENTICATED);
	/* An unquoted null deletes the class, so auth_enabled decides. */
	assert_int_equal(mode_of("jupyterhub:\n  hub:\n    config:\n      JupyterHub:\n"
				 "        authenticator_class: null\n"
				 "      BinderSpawnerMixin:\n        auth_enabled: true\n"),
			 HUB_AUTHENTICATED);
}

static void test_engine_derive_mode_option_wins(void **state)
{
	struct derive_options options = {.mode_given = true, .mode = HUB_AUTHENTICATED};
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", authenticator_yaml("\"null\""));
	hub_build(&hub, &options);
	assert_int_equal(hub.ctx.mode, HUB_AUTHENTICATED);
	assert_string_equal(hub.notes.mode, "authenticated hub (--auth)");
	hub_release(&hub);
}

static void test_engine_derive_mode_note_names_class(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, authenticator_yaml("tmp"));
	assert_string_equal(hub.notes.mode, "unauthenticated hub (authenticator_class 'tmp')");
	hub_release(&hub);
}

/* ---- derivation: provider, registry, domains ---- */

static void test_engine_derive_provider_of_instance_type(void **state)
{
	(void)state;
	assert_int_equal(derive_provider_of_instance_type("n2-highmem-4"), HUB_PROVIDER_GCP);
	assert_int_equal(derive_provider_of_instance_type("e2-medium"), HUB_PROVIDER_GCP);
	assert_int_equal(derive_provider_of_instance_type("r5.xlarge"), HUB_PROVIDER_AWS);
	assert_int_equal(derive_provider_of_instance_type("m6i.4xlarge"), HUB_PROVIDER_AWS);
	assert_int_equal(derive_provider_of_instance_type("Standard_E4s_v5"), HUB_PROVIDER_AZURE);
	assert_int_equal(derive_provider_of_instance_type("m3.quad"), HUB_PROVIDER_UNKNOWN);
	assert_int_equal(derive_provider_of_instance_type(""), HUB_PROVIDER_UNKNOWN);
	assert_int_equal(derive_provider_of_instance_type(NULL), HUB_PROVIDER_UNKNOWN);
}

static void test_engine_derive_provider_from_selector(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, "binderhub-service:\n  dockerApi:\n    nodeSelector:\n"
			    "      node.kubernetes.io/instance-type: n2-highmem-4\n");
	assert_int_equal(hub.ctx.provider, HUB_PROVIDER_GCP);
	assert_string_equal(hub.notes.provider,
			    "provider gcp (guessed from instance type 'n2-highmem-4')");
	hub_release(&hub);
}

static void test_engine_derive_provider_unknown(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, "jupyterhub:\n  singleuser:\n    nodeSelector:\n"
			    "      capi.stackhpc.com/node-group: m3-large\n");
	assert_int_equal(hub.ctx.provider, HUB_PROVIDER_UNKNOWN);
	hub_release(&hub);
}

static void test_engine_derive_provider_option_wins(void **state)
{
	struct derive_options options = {.provider = HUB_PROVIDER_OTHER};
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "jupyterhub:\n  singleuser:\n    nodeSelector:\n"
				  "      node.kubernetes.io/instance-type: r5.xlarge\n");
	hub_build(&hub, &options);
	assert_int_equal(hub.ctx.provider, HUB_PROVIDER_OTHER);
	hub_release(&hub);
}

static void test_engine_derive_registry_of_host(void **state)
{
	(void)state;
	assert_int_equal(derive_registry_of_host("quay.io"), HUB_REGISTRY_QUAY);
	assert_int_equal(derive_registry_of_host("us-central1-docker.pkg.dev"), HUB_REGISTRY_GAR);
	assert_int_equal(derive_registry_of_host("gcr.io"), HUB_REGISTRY_GCR);
	assert_int_equal(derive_registry_of_host("us.gcr.io"), HUB_REGISTRY_GCR);
	assert_int_equal(derive_registry_of_host("registry.example.org"), HUB_REGISTRY_OTHER);
	assert_int_equal(derive_registry_of_host("docker.pkg.dev"), HUB_REGISTRY_OTHER);
	assert_int_equal(derive_registry_of_host(""), HUB_REGISTRY_UNKNOWN);
}

static enum hub_registry registry_of(const char *yaml)
{
	struct hub hub;
	enum hub_registry registry;

	hub_init_text(&hub, yaml);
	registry = hub.ctx.registry;
	hub_release(&hub);
	return registry;
}

static void test_engine_derive_registry_from_values(void **state)
{
	(void)state;
	assert_int_equal(registry_of("binderhub-service:\n  config:\n    BinderHub:\n"
				     "      image_prefix: quay.io/org/hub-\n"),
			 HUB_REGISTRY_QUAY);
	assert_int_equal(registry_of("binderhub-service:\n  config:\n    BinderHub:\n"
				     "      image_prefix: us-central1-docker.pkg.dev/p/r/\n"),
			 HUB_REGISTRY_GAR);
	/* Without image_prefix the DockerRegistry URL decides. */
	assert_int_equal(registry_of("binderhub-service:\n  config:\n    DockerRegistry:\n"
				     "      url: https://quay.io\n"),
			 HUB_REGISTRY_QUAY);
	/* Ciphertext hides the host, so the next source is read. */
	assert_int_equal(registry_of("binderhub-service:\n  config:\n    BinderHub:\n"
				     "      image_prefix: ENC[AES256_GCM,data:eA==,type:str]\n"
				     "    DockerRegistry:\n      url: https://europe-docker.pkg.dev\n"),
			 HUB_REGISTRY_GAR);
	assert_int_equal(registry_of("a: 1\n"), HUB_REGISTRY_UNKNOWN);
}

static void test_engine_derive_domains_and_namespace(void **state)
{
	struct derive_options options = {.namespace_name = "binder"};
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml",
		"jupyterhub:\n  ingress:\n    hosts: [hub.example.org, other.example.org]\n"
		"binderhub-service:\n  ingress:\n    hosts: [binder.example.org]\n");
	hub_build(&hub, &options);
	assert_string_equal(hub.ctx.jupyterhub_domain, "hub.example.org");
	assert_string_equal(hub.ctx.binderhub_domain, "binder.example.org");
	assert_string_equal(hub.ctx.namespace_name, "binder");
	hub_release(&hub);
}

static void test_engine_derive_cluster_fields(void **state)
{
	struct derive_options options = {
		.cluster_name = "opensci",
		.hub_name = "binder",
		.cluster_domain = "binder.opensci.2i2c.cloud",
	};
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "a: 1\n");
	hub_build(&hub, &options);
	/* Without jupyterhub.ingress.hosts the cluster.yaml domain is JH. */
	assert_string_equal(hub.ctx.jupyterhub_domain, "binder.opensci.2i2c.cloud");
	assert_null(hub.ctx.binderhub_domain);
	assert_string_equal(hub.ctx.cluster_name, "opensci");
	assert_string_equal(hub.ctx.hub_name, "binder");
	assert_string_equal(hub.ctx.cluster_domain, "binder.opensci.2i2c.cloud");
	hub_release(&hub);
}

static void test_engine_derive_describe_line(void **state)
{
	struct derive_options options = {.namespace_name = "binder"};
	struct hub hub;
	char line[512];

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", unauthenticated_hub);
	hub_build(&hub, &options);
	derive_describe(&hub.ctx, &hub.notes, line, sizeof(line));
	assert_string_equal(line,
			    "unauthenticated hub (authenticator_class 'null'), provider unknown (pass "
			    "--provider to run the rules for GCP and AWS hubs), registry unknown (no "
			    "image_prefix or DockerRegistry.url), namespace binder, no chart defaults");
	hub_release(&hub);
}

/* ---- which rules run ---- */

static void test_engine_rule_applies_by_context(void **state)
{
	struct rule_context ctx = {0};

	(void)state;
	ctx.mode = HUB_AUTHENTICATED;
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH040], &ctx));
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH118], &ctx));
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH139], &ctx));
	ctx.mode = HUB_UNAUTHENTICATED;
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH118], &ctx));
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH139], &ctx));

	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH051], &ctx));
	ctx.provider = HUB_PROVIDER_AZURE;
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH051], &ctx));
	ctx.provider = HUB_PROVIDER_GCP;
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH051], &ctx));
	ctx.provider = HUB_PROVIDER_AWS;
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH051], &ctx));

	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH152], &ctx));
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH162], &ctx));
	ctx.registry = HUB_REGISTRY_GAR;
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH152], &ctx));
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH153], &ctx));
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH162], &ctx));
	ctx.registry = HUB_REGISTRY_QUAY;
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH152], &ctx));
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH153], &ctx));
	assert_true(engine_rule_applies(&rule_catalogue[RULE_BH162], &ctx));
	ctx.registry = HUB_REGISTRY_GCR;
	assert_false(engine_rule_applies(&rule_catalogue[RULE_BH162], &ctx));
}

static void test_engine_run_skips_other_mode(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, unauthenticated_hub);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH118), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	hub_release(&hub);
}

static void test_engine_run_skips_unknown_provider_and_registry(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, unauthenticated_hub);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH051), 0);
	assert_int_equal(count_rule(&hub, RULE_BH152), 0);
	assert_int_equal(count_rule(&hub, RULE_BH153), 0);
	hub_release(&hub);
}

static void test_engine_run_known_provider_and_registry(void **state)
{
	struct derive_options options = {.provider = HUB_PROVIDER_AWS};
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", unauthenticated_hub);
	hub_add(&hub, "registry.yaml",
		"binderhub-service:\n  config:\n    BinderHub:\n      image_prefix: quay.io/o/h-\n");
	hub_build(&hub, &options);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH051), 1);
	assert_int_equal(count_rule(&hub, RULE_BH152), 0);
	assert_int_equal(count_rule(&hub, RULE_BH153), 1);
	hub_release(&hub);
}

/* ---- a layer whose top level is not a mapping ---- */

static void fake_always_bh005(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH005, "jupyterhub", "duplicate-key rule ran");
}

static void fake_always_bh006(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH006, "jupyterhub", "class-placement rule ran");
}

static void fake_always_bh009(const struct rule_context *ctx)
{
	check_report_missing(ctx, RULE_BH009, "jupyterhub", "chart-root rule ran");
}

/* The real BH007, the other file-level rules and two rules of the values. */
static const engine_rule_fn top_level_table[RULE__COUNT] = {
	[RULE_BH005] = fake_always_bh005,
	[RULE_BH006] = fake_always_bh006,
	[RULE_BH007] = check_BH007,
	[RULE_BH009] = fake_always_bh009,
	[RULE_BH040] = fake_base_url,
	[RULE_BH139] = fake_allowed_specs,
};

/* unauthenticated_hub.yaml, which breaks BH040 and BH139, then extra.yaml. */
static void hub_init_with_extra_layer(struct hub *hub, const char *extra_yaml)
{
	hub_init(hub);
	hub_add(hub, "hub.yaml", unauthenticated_hub);
	hub_add(hub, "extra.yaml", extra_yaml);
	hub_build(hub, NULL);
}

static void test_engine_run_list_layer_only_file_rules(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_with_extra_layer(&hub, "- a\n- b\n");
	engine_run(&hub.ctx, top_level_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 1);
	assert_int_equal(count_rule(&hub, RULE_BH005), 1);
	assert_int_equal(count_rule(&hub, RULE_BH006), 1);
	assert_int_equal(count_rule(&hub, RULE_BH009), 1);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 0);
	assert_int_equal(hub.findings.count, 4);
	hub_release(&hub);
}

static void test_engine_run_scalar_layer_only_file_rules(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_with_extra_layer(&hub, "just text\n");
	engine_run(&hub.ctx, top_level_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 1);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 0);
	hub_release(&hub);
}

static void test_engine_run_mapping_layers_run_every_rule(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_with_extra_layer(&hub, "jupyterhub: {}\n");
	engine_run(&hub.ctx, top_level_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 0);
	assert_int_equal(count_rule(&hub, RULE_BH005), 1);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	hub_release(&hub);
}

static void test_engine_run_null_layer_runs_every_rule(void **state)
{
	struct hub hub;

	(void)state;
	/* Helm reads a file that is only null as no values, which BH007 accepts. */
	hub_init_with_extra_layer(&hub, "~\n");
	engine_run(&hub.ctx, top_level_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 0);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	hub_release(&hub);
}

static void test_engine_run_list_layer_bh007_disabled_runs_every_rule(void **state)
{
	struct engine_settings settings = {0};
	struct hub hub;

	(void)state;
	settings.disabled[RULE_BH007] = true;
	hub_init_with_extra_layer(&hub, "- a\n- b\n");
	engine_run(&hub.ctx, top_level_table, &settings, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 0);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	hub_release(&hub);
}

static void test_engine_run_list_layer_bh007_lowered_still_skips(void **state)
{
	struct engine_settings settings = {0};
	struct hub hub;

	(void)state;
	/* --severity changes how serious BH007 is, not whether the layer is usable. */
	settings.severity_set[RULE_BH007] = true;
	settings.severity[RULE_BH007] = SEVERITY_INFO;
	hub_init_with_extra_layer(&hub, "- a\n- b\n");
	engine_run(&hub.ctx, top_level_table, &settings, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 1);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	hub_release(&hub);
}

static void test_engine_run_list_layer_bh007_comment_runs_every_rule(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_with_extra_layer(&hub, "# binderhub-gen: disable=BH007\n- a\n- b\n");
	engine_run(&hub.ctx, top_level_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH007), 0);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	hub_release(&hub);
}

/* ---- provenance of findings ---- */

static void test_engine_finding_points_at_supplying_layer(void **state)
{
	struct hub hub;
	const struct finding *finding;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "common.yaml", unauthenticated_hub);
	hub_add(&hub, "hub.yaml", "other: 1\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	finding = find_rule_finding(&hub, RULE_BH040);
	assert_non_null(finding);
	assert_string_equal(finding->mark.file, "common.yaml");
	assert_int_equal(finding->mark.line, 9);
	assert_int_equal(finding->mark.column, 17);
	hub_release(&hub);
}

static void test_engine_missing_finding_points_at_null(void **state)
{
	struct hub hub;
	const struct finding *finding;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "common.yaml", unauthenticated_hub);
	hub_add(&hub, "hub.yaml",
		"# deletes the base URL\n"
		"binderhub-service:\n"
		"  config:\n"
		"    BinderHub:\n"
		"      base_url: null\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	finding = find_rule_finding(&hub, RULE_BH040);
	assert_non_null(finding);
	assert_string_equal(finding->mark.file, "hub.yaml");
	assert_int_equal(finding->mark.line, 5);
	assert_string_equal(finding->message, "missing base_url");
	hub_release(&hub);
}

static void test_engine_finding_from_emulated_layer(void **state)
{
	struct hub hub;
	struct load_error err;
	struct tree_doc *doc = NULL;
	const struct finding *finding;

	(void)state;
	hub_init(&hub);
	assert_int_equal(load_buffer(unauthenticated_hub, strlen(unauthenticated_hub),
				     "deployer layer (emulated)", NULL, &doc, &err),
			 LOAD_OK);
	assert_int_equal(effective_add_emulated_layer(&hub.effective, doc, &err), LOAD_OK);
	hub_add(&hub, "hub.yaml", "other: 1\n");
	hub_build(&hub, NULL);
	assert_true(hub.ctx.layers[0].emulated);
	assert_false(hub.ctx.layers[1].emulated);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	finding = find_rule_finding(&hub, RULE_BH040);
	assert_non_null(finding);
	/* The user cannot edit the emulated layer, so the finding names their file. */
	assert_true(finding->from_emulated);
	assert_string_equal(finding->mark.file, "hub.yaml");
	assert_int_equal(finding->mark.line, 0);
	hub_release(&hub);
}

/* ---- disable comments ---- */

static void test_engine_pragma_above_key_suppresses(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, "jupyterhub:\n  hub:\n    config:\n      JupyterHub:\n"
			    "        authenticator_class: \"null\"\n"
			    "binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      # binderhub-gen: disable=BH040\n"
			    "      base_url: /services/binder\n");
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	hub_release(&hub);
}

static void test_engine_pragma_unrelated_rule_kept(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, "binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      # binderhub-gen: disable=BH139\n"
			    "      base_url: /services/binder\n");
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	hub_release(&hub);
}

static void test_engine_pragma_covers_value_lines(void **state)
{
	struct hub hub;

	(void)state;
	/* The pragma sits above BinderHub; the finding is on a line inside its value. */
	hub_init_text(&hub, "binderhub-service:\n"
			    "  config:\n"
			    "    # binderhub-gen: disable=binderhub-base-url\n"
			    "    BinderHub:\n"
			    "      other: 1\n"
			    "      base_url: /services/binder\n"
			    "    Next:\n"
			    "      base_url: /services/binder\n");
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	hub_release(&hub);
}

static void test_engine_pragma_key_path_across_files(void **state)
{
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "binderhub-service:\n  config:\n    BinderHub:\n"
				  "      base_url: /services/binder\n");
	hub_add(&hub, "notes.yaml", "binderhub-service:\n"
				    "  # binderhub-gen: disable=BH040\n"
				    "  config: {}\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	hub_release(&hub);
}

static void test_engine_pragma_path_prefix_needs_boundary(void **state)
{
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "binderhub-service:\n  config:\n    BinderHub:\n"
				  "      base_url: /services/binder\n");
	/* "binderhub-service.config.Binder" is not a parent of ...BinderHub.base_url. */
	hub_add(&hub, "notes.yaml", "binderhub-service:\n"
				    "  config:\n"
				    "    # binderhub-gen: disable=BH040\n"
				    "    Binder: {}\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	hub_release(&hub);
}

static void test_engine_pragma_top_of_file_covers_file(void **state)
{
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "# This hub builds anything on purpose.\n"
				  "# binderhub-gen: disable=BH139, BH040 (staging hub)\n"
				  "\n"
				  "jupyterhub:\n  hub:\n    config:\n      JupyterHub:\n"
				  "        authenticator_class: \"null\"\n"
				  "binderhub-service:\n  config:\n    BinderHub:\n"
				  "      base_url: /services/binder\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 0);
	hub_release(&hub);
}

static void test_engine_pragma_top_of_file_other_file_kept(void **state)
{
	struct hub hub;

	(void)state;
	hub_init(&hub);
	hub_add(&hub, "hub.yaml", "binderhub-service:\n  config:\n    BinderHub:\n"
				  "      base_url: /services/binder\n");
	hub_add(&hub, "other.yaml", "# binderhub-gen: disable=BH040\n"
				    "jupyterhub: {}\n");
	hub_build(&hub, NULL);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	hub_release(&hub);
}

static void test_engine_pragma_on_list_item(void **state)
{
	struct hub hub;
	struct pragma_list list = {0};
	struct finding inside = {.rule = RULE_BH040, .mark = {"hub.yaml", 6, 21}};
	struct finding below = {.rule = RULE_BH040, .mark = {"hub.yaml", 9, 17}};

	(void)state;
	hub_init_text(&hub, "binderhub-service:\n"
			    "  items:\n"
			    "    # binderhub-gen: disable=BH040\n"
			    "    - config:\n"
			    "        BinderHub:\n"
			    "          base_url: wrong\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      base_url: /services/binder\n");
	pragma_collect_layers(hub.ctx.layers, hub.ctx.layer_count, &list, NULL);
	assert_int_equal(list.count, 1);
	assert_null(list.items[0].path);
	assert_true(pragma_suppresses_finding(&list, &inside));
	assert_false(pragma_suppresses_finding(&list, &below));
	pragma_list_release(&list);
	hub_release(&hub);
}

static void test_engine_pragma_unknown_rule_warns(void **state)
{
	struct hub hub;
	char *text = NULL;
	size_t length = 0;
	FILE *warnings = open_memstream(&text, &length);

	(void)state;
	assert_non_null(warnings);
	hub_init_text(&hub, "binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      # binderhub-gen: disable=BH40, BH040\n"
			    "      base_url: /services/binder\n");
	engine_run(&hub.ctx, test_table, NULL, warnings);
	fclose(warnings);
	assert_string_equal(text, "binderhub-gen: warning: hub.yaml:5: unknown rule 'BH40' in the "
				  "binderhub-gen comment above this line; did you mean 'BH040'?\n");
	/* The known rule of the list still applies. */
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	free(text);
	hub_release(&hub);
}

static void test_engine_pragma_unknown_directive_warns(void **state)
{
	struct hub hub;
	char *text = NULL;
	size_t length = 0;
	FILE *warnings = open_memstream(&text, &length);

	(void)state;
	assert_non_null(warnings);
	hub_init_text(&hub, "binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      # binderhub-gen: ignore=BH040\n"
			    "      base_url: /services/binder\n");
	engine_run(&hub.ctx, test_table, NULL, warnings);
	fclose(warnings);
	assert_string_equal(text, "binderhub-gen: warning: hub.yaml:5: unknown directive 'ignore' in "
				  "the binderhub-gen comment above this line; write '# binderhub-gen: "
				  "disable=RULE' to silence a rule\n");
	assert_int_equal(count_rule(&hub, RULE_BH040), 1);
	free(text);
	hub_release(&hub);
}

static void test_engine_pragma_collect_records_extent(void **state)
{
	struct hub hub;
	struct pragma_list list = {0};

	(void)state;
	hub_init_text(&hub, "a:\n"
			    "  # binderhub-gen: disable=BH040,allowed-specs-set\n"
			    "  b.c:\n"
			    "    d: 1\n"
			    "    e: |\n"
			    "      text\n"
			    "      more\n"
			    "f: 1\n");
	pragma_collect_layers(hub.ctx.layers, hub.ctx.layer_count, &list, NULL);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].file, "hub.yaml");
	assert_false(list.items[0].whole_file);
	assert_int_equal(list.items[0].first_line, 3);
	assert_int_equal(list.items[0].last_line, 7);
	assert_string_equal(list.items[0].path, "a.b\\.c");
	assert_true(list.items[0].rules[RULE_BH040]);
	assert_true(list.items[0].rules[RULE_BH139]);
	assert_false(list.items[0].rules[RULE_BH118]);
	pragma_list_release(&list);
	hub_release(&hub);
}

static void test_engine_pragma_daskhub_paths_below_basehub(void **state)
{
	struct hub hub;
	struct pragma_list list = {0};

	(void)state;
	hub_init(&hub);
	hub.effective.daskhub = true;
	hub_add(&hub, "hub.yaml", "basehub:\n"
				  "  binderhub-service:\n"
				  "    # binderhub-gen: disable=BH040\n"
				  "    config: {}\n");
	hub_build(&hub, NULL);
	pragma_collect_layers(hub.ctx.layers, hub.ctx.layer_count, &list, NULL);
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0].path, "binderhub-service.config");
	pragma_list_release(&list);
	hub_release(&hub);
}

/* ---- --disable and --severity ---- */

static void test_engine_disable_skips_rule(void **state)
{
	struct engine_settings settings = {0};
	struct hub hub;

	(void)state;
	settings.disabled[RULE_BH040] = true;
	hub_init_text(&hub, unauthenticated_hub);
	engine_run(&hub.ctx, test_table, &settings, NULL);
	assert_int_equal(count_rule(&hub, RULE_BH040), 0);
	assert_int_equal(count_rule(&hub, RULE_BH139), 1);
	hub_release(&hub);
}

static void test_engine_severity_override(void **state)
{
	struct engine_settings settings = {0};
	struct hub hub;

	(void)state;
	settings.severity_set[RULE_BH040] = true;
	settings.severity[RULE_BH040] = SEVERITY_INFO;
	hub_init_text(&hub, unauthenticated_hub);
	engine_run(&hub.ctx, test_table, &settings, NULL);
	for (size_t i = 0; i < hub.findings.count; i++) {
		const struct finding *finding = &hub.findings.items[i];

		if (finding->rule == RULE_BH040)
			assert_int_equal(finding->severity, SEVERITY_INFO);
		if (finding->rule == RULE_BH139)
			assert_int_equal(finding->severity, SEVERITY_WARNING);
	}
	assert_int_equal(engine_exit_status(&hub.findings, false), 0);
	hub_release(&hub);
}

/* ---- sorting and exit status ---- */

static void add_finding(struct findings *findings, const char *file, size_t line,
			enum rule_id rule, enum severity severity)
{
	struct finding finding = {0};

	if (findings->count == findings->capacity) {
		findings->capacity = findings->capacity ? findings->capacity * 2 : 8;
		findings->items = realloc(findings->items, findings->capacity * sizeof(finding));
		assert_non_null(findings->items);
	}
	finding.rule = rule;
	finding.severity = severity;
	finding.mark.file = file;
	finding.mark.line = line;
	finding.path = strdup("p");
	finding.message = strdup("m");
	findings->items[findings->count++] = finding;
}

static void test_engine_sort_by_file_line_rule(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, "b.yaml", 1, RULE_BH001, SEVERITY_ERROR);
	add_finding(&findings, "a.yaml", 9, RULE_BH001, SEVERITY_ERROR);
	add_finding(&findings, "a.yaml", 2, RULE_BH040, SEVERITY_ERROR);
	add_finding(&findings, "a.yaml", 2, RULE_BH002, SEVERITY_ERROR);
	add_finding(&findings, NULL, 0, RULE_BH003, SEVERITY_WARNING);
	engine_sort_findings(&findings);
	assert_null(findings.items[0].mark.file);
	assert_string_equal(findings.items[1].mark.file, "a.yaml");
	assert_int_equal(findings.items[1].rule, RULE_BH002);
	assert_int_equal(findings.items[2].rule, RULE_BH040);
	assert_int_equal(findings.items[3].mark.line, 9);
	assert_string_equal(findings.items[4].mark.file, "b.yaml");
	findings_release(&findings);
}

static void test_engine_run_sorts_and_drops_repeats(void **state)
{
	struct hub hub;

	(void)state;
	hub_init_text(&hub, unauthenticated_hub);
	add_finding(&hub.findings, "z.yaml", 1, RULE_BH001, SEVERITY_ERROR);
	add_finding(&hub.findings, "z.yaml", 1, RULE_BH001, SEVERITY_ERROR);
	engine_run(&hub.ctx, test_table, NULL, NULL);
	assert_int_equal(hub.findings.count, 3);
	assert_string_equal(hub.findings.items[0].mark.file, "hub.yaml");
	assert_string_equal(hub.findings.items[2].mark.file, "z.yaml");
	hub_release(&hub);
}

static void test_engine_exit_status_levels(void **state)
{
	struct findings findings = {0};

	(void)state;
	assert_int_equal(engine_exit_status(&findings, true), 0);
	add_finding(&findings, "a.yaml", 1, RULE_BH055, SEVERITY_INFO);
	assert_int_equal(engine_exit_status(&findings, true), 0);
	add_finding(&findings, "a.yaml", 2, RULE_BH139, SEVERITY_WARNING);
	assert_int_equal(engine_exit_status(&findings, false), 0);
	assert_int_equal(engine_exit_status(&findings, true), 1);
	add_finding(&findings, "a.yaml", 3, RULE_BH040, SEVERITY_ERROR);
	assert_int_equal(engine_exit_status(&findings, false), 1);
	findings_release(&findings);
}

/* ---- the generator's entry point ---- */

static void test_engine_check_document_runs_every_rule(void **state)
{
	struct load_options options = {.keep_comments = true};
	struct engine_hub hub = {.mode_known = true, .mode = HUB_UNAUTHENTICATED};
	struct findings findings = {0};
	struct load_error err;
	struct tree_doc *doc = NULL;
	bool base_url_found = false;
	int status;

	(void)state;
	assert_int_equal(load_buffer(unauthenticated_hub, strlen(unauthenticated_hub), "out.yaml",
				     &options, &doc, &err),
			 LOAD_OK);
	status = engine_check_document(doc, &hub, "binder", &findings);
	assert_int_equal(status, 1);
	for (size_t i = 0; i < findings.count; i++) {
		/* Findings name the caller's document and outlive the call. */
		assert_string_equal(findings.items[i].mark.file, doc->file);
		if (findings.items[i].rule == RULE_BH040) {
			base_url_found = true;
			assert_int_equal(findings.items[i].mark.line, 9);
		}
	}
	assert_true(base_url_found);
	findings_release(&findings);
	tree_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_derive_mode_null_spellings),
		cmocka_unit_test(test_engine_derive_mode_tmp_spellings),
		cmocka_unit_test(test_engine_derive_mode_other_authenticated),
		cmocka_unit_test(test_engine_derive_mode_unset_uses_auth_enabled),
		cmocka_unit_test(test_engine_derive_mode_option_wins),
		cmocka_unit_test(test_engine_derive_mode_note_names_class),
		cmocka_unit_test(test_engine_derive_provider_of_instance_type),
		cmocka_unit_test(test_engine_derive_provider_from_selector),
		cmocka_unit_test(test_engine_derive_provider_unknown),
		cmocka_unit_test(test_engine_derive_provider_option_wins),
		cmocka_unit_test(test_engine_derive_registry_of_host),
		cmocka_unit_test(test_engine_derive_registry_from_values),
		cmocka_unit_test(test_engine_derive_domains_and_namespace),
		cmocka_unit_test(test_engine_derive_cluster_fields),
		cmocka_unit_test(test_engine_derive_describe_line),
		cmocka_unit_test(test_engine_rule_applies_by_context),
		cmocka_unit_test(test_engine_run_skips_other_mode),
		cmocka_unit_test(test_engine_run_skips_unknown_provider_and_registry),
		cmocka_unit_test(test_engine_run_known_provider_and_registry),
		cmocka_unit_test(test_engine_run_list_layer_only_file_rules),
		cmocka_unit_test(test_engine_run_scalar_layer_only_file_rules),
		cmocka_unit_test(test_engine_run_mapping_layers_run_every_rule),
		cmocka_unit_test(test_engine_run_null_layer_runs_every_rule),
		cmocka_unit_test(test_engine_run_list_layer_bh007_disabled_runs_every_rule),
		cmocka_unit_test(test_engine_run_list_layer_bh007_lowered_still_skips),
		cmocka_unit_test(test_engine_run_list_layer_bh007_comment_runs_every_rule),
		cmocka_unit_test(test_engine_finding_points_at_supplying_layer),
		cmocka_unit_test(test_engine_missing_finding_points_at_null),
		cmocka_unit_test(test_engine_finding_from_emulated_layer),
		cmocka_unit_test(test_engine_pragma_above_key_suppresses),
		cmocka_unit_test(test_engine_pragma_unrelated_rule_kept),
		cmocka_unit_test(test_engine_pragma_covers_value_lines),
		cmocka_unit_test(test_engine_pragma_key_path_across_files),
		cmocka_unit_test(test_engine_pragma_path_prefix_needs_boundary),
		cmocka_unit_test(test_engine_pragma_top_of_file_covers_file),
		cmocka_unit_test(test_engine_pragma_top_of_file_other_file_kept),
		cmocka_unit_test(test_engine_pragma_on_list_item),
		cmocka_unit_test(test_engine_pragma_unknown_rule_warns),
		cmocka_unit_test(test_engine_pragma_unknown_directive_warns),
		cmocka_unit_test(test_engine_pragma_collect_records_extent),
		cmocka_unit_test(test_engine_pragma_daskhub_paths_below_basehub),
		cmocka_unit_test(test_engine_disable_skips_rule),
		cmocka_unit_test(test_engine_severity_override),
		cmocka_unit_test(test_engine_sort_by_file_line_rule),
		cmocka_unit_test(test_engine_run_sorts_and_drops_repeats),
		cmocka_unit_test(test_engine_exit_status_levels),
		cmocka_unit_test(test_engine_check_document_runs_every_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
