/* Unit tests of the binderhub-service.extraEnv rules BH060-BH067. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "effective.h"
#include "load.h"
#include "rule_fixture.h"

/* The varying values of env_yaml(); each fills one line. */
struct env_values {
	const char *secret_name; /* line 13, value at column 17 */
	const char *secret_key;  /* line 14, value at column 16 */
	const char *client_id;   /* line 16, value at column 14 */
	const char *api_url;     /* line 18, value at column 14 */
	const char *base_url;    /* line 20, value at column 14 */
	const char *service_id;  /* line 7, value at column 26 */
};

static const struct env_values runbook = {
	.secret_name = "hub",
	.secret_key = "hub.services.binder.apiToken",
	.client_id = "service-binder",
	.api_url = "http://hub.binder.svc.cluster.local:8081/hub/api",
	.base_url = "https://hub.example.org/",
	.service_id = "service-binder",
};

static const char *env_yaml(char *buffer, size_t size, const struct env_values *values)
{
	snprintf(buffer, size,
		 "jupyterhub:\n"
		 "  ingress:\n"
		 "    hosts: [hub.example.org]\n"
		 "  hub:\n"
		 "    services:\n"
		 "      binder:\n"
		 "        oauth_client_id: %s\n"
		 "binderhub-service:\n"
		 "  extraEnv:\n"
		 "    - name: JUPYTERHUB_API_TOKEN\n"
		 "      valueFrom:\n"
		 "        secretKeyRef:\n"
		 "          name: %s\n"
		 "          key: %s\n"
		 "    - name: JUPYTERHUB_CLIENT_ID\n"
		 "      value: %s\n"
		 "    - name: JUPYTERHUB_API_URL\n"
		 "      value: %s\n"
		 "    - name: JUPYTERHUB_BASE_URL\n"
		 "      value: %s\n",
		 values->service_id, values->secret_name, values->secret_key, values->client_id,
		 values->api_url, values->base_url);
	return buffer;
}

/* Run check for the hub in namespace "binder"; with part NULL expect no finding. */
static void run_env(const struct env_values *values, rule_fixture_check check, enum rule_id rule,
		    enum severity severity, size_t line, size_t column, const char *part)
{
	struct rule_fixture fixture;
	char yaml[2048];

	rule_fixture_init(&fixture, env_yaml(yaml, sizeof(yaml), values), HUB_AUTHENTICATED);
	fixture.ctx.namespace_name = "binder";
	rule_expect_one_or_none(&fixture, check, rule, severity, line, column, part);
	rule_fixture_release(&fixture);
}

static void test_rules_extra_env_runbook_passes_every_rule(void **state)
{
	static const rule_fixture_check checks[] = {check_BH060, check_BH061, check_BH062,
						    check_BH063, check_BH064, check_BH065,
						    check_BH066, check_BH067};

	(void)state;
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		run_env(&runbook, checks[i], RULE_BH060, SEVERITY_ERROR, 0, 0, NULL);
}

/* ---- BH060 ---------------------------------------------------------------------- */

static void test_rules_extra_env_bh060_mapping(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  extraEnv:\n"
			    "    JUPYTERHUB_API_URL: http://hub:8081/hub/api\n",
			    HUB_AUTHENTICATED, check_BH060, RULE_BH060, SEVERITY_ERROR, 3, 5,
			    "binderhub-service.extraEnv is a mapping");
}

static void test_rules_extra_env_bh060_item_without_name(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  extraEnv:\n"
			    "    - name: A\n"
			    "      value: a\n"
			    "    - value: b\n",
			    HUB_AUTHENTICATED, check_BH060, RULE_BH060, SEVERITY_ERROR, 5, 7,
			    "item 2 of");
}

static void test_rules_extra_env_bh060_scalar_item(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  extraEnv:\n"
			    "    - A=b\n",
			    HUB_AUTHENTICATED, check_BH060, RULE_BH060, SEVERITY_ERROR, 3, 7,
			    "is 'A=b', not a mapping");
}

static void test_rules_extra_env_bh060_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  enabled: true\n",
			   HUB_AUTHENTICATED, check_BH060);
}

/* ---- BH061 ---------------------------------------------------------------------- */

static void test_rules_extra_env_bh061_literal_token_masked(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  extraEnv:\n"
			  "    - name: JUPYTERHUB_API_TOKEN\n"
			  "      value: 0123456789abcdef\n",
			  HUB_AUTHENTICATED);
	finding = rule_expect_one(&fixture, check_BH061, RULE_BH061, SEVERITY_ERROR, 4, 14);
	rule_expect_message_contains(finding, "has a literal value");
	assert_null(strstr(finding->message, "0123456789abcdef"));
	rule_fixture_release(&fixture);
}

static void test_rules_extra_env_bh061_other_secret(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.secret_name = "binder-secret";
	run_env(&values, check_BH061, RULE_BH061, SEVERITY_ERROR, 13, 17,
		"reads secret 'binder-secret'; set secretKeyRef.name to 'hub'");
}

static void test_rules_extra_env_bh061_tpl_secret_name_passes(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.secret_name = "'{{ include \"jupyterhub.hub.fullname\" . }}'";
	run_env(&values, check_BH061, RULE_BH061, SEVERITY_ERROR, 0, 0, NULL);
}

static void test_rules_extra_env_bh061_untemplated_fullname(void **state)
{
	struct env_values values = runbook;

	(void)state;
	/* Without {{ }} the text is taken literally as the secret's name. */
	values.secret_name = "jupyterhub.hub.fullname";
	run_env(&values, check_BH061, RULE_BH061, SEVERITY_ERROR, 13, 17,
		"reads secret 'jupyterhub.hub.fullname'");
}

static void test_rules_extra_env_bh061_wrong_key(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.secret_key = "hub.services.binderhub.apiToken";
	run_env(&values, check_BH061, RULE_BH061, SEVERITY_ERROR, 14, 16,
		"set secretKeyRef.key to 'hub.services.binder.apiToken'");
}

static void test_rules_extra_env_bh061_missing_item(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  extraEnv:\n"
			    "    - name: JUPYTERHUB_CLIENT_ID\n"
			    "      value: service-binder\n",
			    HUB_AUTHENTICATED, check_BH061, RULE_BH061, SEVERITY_ERROR, 3, 5,
			    "binderhub-service.extraEnv has no JUPYTERHUB_API_TOKEN entry");
}

static void test_rules_extra_env_bh061_mapping_env_left_to_bh060(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  extraEnv:\n"
			   "    JUPYTERHUB_API_TOKEN: x\n",
			   HUB_AUTHENTICATED, check_BH061);
}

/* ---- BH062 ---------------------------------------------------------------------- */

static void test_rules_extra_env_bh062_wrong_client_id(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.client_id = "binder";
	run_env(&values, check_BH062, RULE_BH062, SEVERITY_ERROR, 16, 14,
		"JUPYTERHUB_CLIENT_ID in binderhub-service.extraEnv is 'binder'; set it to "
		"'service-binder'");
}

static void test_rules_extra_env_bh062_service_client_id_differs(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.service_id = "binder-client";
	run_env(&values, check_BH062, RULE_BH062, SEVERITY_ERROR, 7, 26,
		"jupyterhub.hub.services.binder.oauth_client_id is 'binder-client'");
}

static void test_rules_extra_env_bh062_encrypted_passes(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.client_id = "ENC[AES256_GCM,data:c2VydmljZQ==,type:str]";
	run_env(&values, check_BH062, RULE_BH062, SEVERITY_ERROR, 0, 0, NULL);
}

/* ---- BH063 ---------------------------------------------------------------------- */

static void run_api_url(const char *url, const char *part)
{
	struct env_values values = runbook;

	values.api_url = url;
	run_env(&values, check_BH063, RULE_BH063, SEVERITY_ERROR, 18, 14, part);
}

static void test_rules_extra_env_bh063_other_namespace(void **state)
{
	(void)state;
	run_api_url("http://hub.staging.svc.cluster.local:8081/hub/api",
		    "the hub of namespace 'staging'; set it to "
		    "'http://hub.binder.svc.cluster.local:8081/hub/api'");
}

static void test_rules_extra_env_bh063_in_cluster_forms_pass(void **state)
{
	(void)state;
	run_api_url("http://hub.binder.svc.cluster.local:8081/hub/api/", NULL);
	run_api_url("http://hub.binder.svc:8081/hub/api", NULL);
	run_api_url("http://hub.binder:8081/hub/api", NULL);
	run_api_url("http://hub:8081/hub/api", NULL);
}

static void test_rules_extra_env_bh063_public_url_passes(void **state)
{
	(void)state;
	run_api_url("https://hub.example.org/hub/api", NULL);
}

static void test_rules_extra_env_bh063_public_url_of_binder(void **state)
{
	(void)state;
	run_api_url("https://binder.example.org/hub/api",
		    "is 'https://binder.example.org/hub/api'; set it to "
		    "'http://hub.binder.svc.cluster.local:8081/hub/api' or "
		    "'https://hub.example.org/hub/api'");
}

static void test_rules_extra_env_bh063_wrong_port(void **state)
{
	(void)state;
	run_api_url("http://hub.binder.svc.cluster.local:8000/hub/api", "set it to");
}

static void test_rules_extra_env_bh063_unknown_namespace_passes(void **state)
{
	struct rule_fixture fixture;
	struct env_values values = runbook;
	char yaml[2048];

	(void)state;
	values.api_url = "http://hub.staging.svc.cluster.local:8081/hub/api";
	rule_fixture_init(&fixture, env_yaml(yaml, sizeof(yaml), &values), HUB_AUTHENTICATED);
	assert_int_equal(rule_fixture_run(&fixture, check_BH063), 0);
	rule_fixture_release(&fixture);
}

/* ---- BH064, BH065 ---------------------------------------------------------------- */

static void test_rules_extra_env_bh064_binder_domain(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.base_url = "https://binder.example.org/";
	run_env(&values, check_BH064, RULE_BH064, SEVERITY_ERROR, 20, 14,
		"set it to 'https://hub.example.org/'");
}

static void test_rules_extra_env_bh064_without_slash_passes(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.base_url = "https://hub.example.org";
	run_env(&values, check_BH064, RULE_BH064, SEVERITY_ERROR, 0, 0, NULL);
}

static void test_rules_extra_env_bh065_without_slash(void **state)
{
	struct env_values values = runbook;

	(void)state;
	values.base_url = "https://hub.example.org";
	run_env(&values, check_BH065, RULE_BH065, SEVERITY_WARNING, 20, 14, "end it with '/'");
}

/* ---- BH066 ---------------------------------------------------------------------- */

static void test_rules_extra_env_bh066_repeated_name(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  extraEnv:\n"
			    "    - name: JUPYTERHUB_API_URL\n"
			    "      value: https://hub.example.org/hub/api\n"
			    "    - name: JUPYTERHUB_API_URL\n"
			    "      value: http://hub:8081/hub/api\n",
			    HUB_AUTHENTICATED, check_BH066, RULE_BH066, SEVERITY_WARNING, 5, 13,
			    "names 'JUPYTERHUB_API_URL' again after line 3");
}

/* ---- BH067 ---------------------------------------------------------------------- */

static void test_rules_extra_env_bh067_null(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    services:\n"
			    "      binder:\n",
			    HUB_AUTHENTICATED, check_BH067, RULE_BH067, SEVERITY_ERROR, 4, 7,
			    "is not declared");
}

static void test_rules_extra_env_bh067_scalar(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    services:\n"
			    "      binder: true\n",
			    HUB_AUTHENTICATED, check_BH067, RULE_BH067, SEVERITY_ERROR, 4, 15,
			    "is 'true', not a mapping");
}

static void test_rules_extra_env_bh067_empty_mapping_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    services:\n"
			   "      binder: {}\n",
			   HUB_AUTHENTICATED, check_BH067);
}

/* ---- a list that a later layer replaced ------------------------------------- */

/* The runbook's plain file and a secret file whose extraEnv replaces its list. */
struct replaced_env {
	struct effective effective;
	struct rule_context ctx;
	struct findings findings;
};

static void replaced_env_add(struct replaced_env *hub, const char *name, const char *yaml)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;
	struct tree_doc *doc = NULL;

	if (load_buffer(yaml, strlen(yaml), name, &options, &doc, &err) != LOAD_OK)
		fail_msg("%s does not load: %s (line %zu)", name, err.message, err.mark.line);
	if (effective_add_layer(&hub->effective, doc, &err) != LOAD_OK)
		fail_msg("%s cannot be layered: %s", name, err.message);
}

static void replaced_env_init(struct replaced_env *hub)
{
	struct load_error err;
	char yaml[2048];

	memset(hub, 0, sizeof(*hub));
	effective_init(&hub->effective, false);
	replaced_env_add(hub, "hub.values.yaml", env_yaml(yaml, sizeof(yaml), &runbook));
	replaced_env_add(hub, "enc-hub.secret.values.yaml",
			 "# replaces the whole list of hub.values.yaml\n"
			 "binderhub-service:\n"
			 "  extraEnv:\n"
			 "    - name: FOO\n"
			 "      value: bar\n");
	if (effective_build(&hub->effective, &err) != LOAD_OK)
		fail_msg("effective values cannot be built: %s", err.message);
	effective_fill_context(&hub->effective, &hub->ctx);
	hub->ctx.jupyterhub_domain = "hub.example.org";
	hub->ctx.namespace_name = "binder";
	hub->ctx.findings = &hub->findings;
}

static void replaced_env_release(struct replaced_env *hub)
{
	findings_release(&hub->findings);
	effective_release(&hub->effective);
}

static void test_rules_extra_env_replaced_list_points_at_effective(void **state)
{
	static const rule_fixture_check checks[] = {check_BH061, check_BH062, check_BH063,
						    check_BH064};
	struct replaced_env hub;

	(void)state;
	replaced_env_init(&hub);
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		checks[i](&hub.ctx);
	assert_int_equal(hub.findings.count, 4);
	for (size_t i = 0; i < hub.findings.count; i++) {
		const struct finding *finding = &hub.findings.items[i];

		assert_non_null(finding->mark.file);
		assert_string_equal(finding->mark.file, "enc-hub.secret.values.yaml");
		assert_int_equal(finding->mark.line, 4);
		assert_int_equal(finding->mark.column, 5);
		rule_expect_message_contains(finding, "the list in effect is the one in "
						      "'enc-hub.secret.values.yaml', which replaces "
						      "the whole list of 'hub.values.yaml'");
	}
	replaced_env_release(&hub);
}

static void test_rules_extra_env_bh063_missing_names_namespace(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  extraEnv:\n"
			  "    - name: FOO\n"
			  "      value: bar\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.namespace_name = "small-binder";
	rule_expect_one(&fixture, check_BH063, RULE_BH063, SEVERITY_ERROR, 3, 5);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "'http://hub.small-binder.svc.cluster.local:8081/hub/api'");
	assert_null(strstr(rule_fixture_last(&fixture)->message, "<namespace>"));
	rule_fixture_release(&fixture);
}

static void test_rules_extra_env_bh064_missing_names_domain(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  ingress:\n"
			    "    hosts: [hub.example.org]\n"
			    "binderhub-service:\n"
			    "  extraEnv:\n"
			    "    - name: FOO\n"
			    "      value: bar\n",
			    HUB_AUTHENTICATED, check_BH064, RULE_BH064, SEVERITY_ERROR, 6, 5,
			    "add one with value 'https://hub.example.org/'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_extra_env_runbook_passes_every_rule),
		cmocka_unit_test(test_rules_extra_env_bh060_mapping),
		cmocka_unit_test(test_rules_extra_env_bh060_item_without_name),
		cmocka_unit_test(test_rules_extra_env_bh060_scalar_item),
		cmocka_unit_test(test_rules_extra_env_bh060_absent_passes),
		cmocka_unit_test(test_rules_extra_env_bh061_literal_token_masked),
		cmocka_unit_test(test_rules_extra_env_bh061_other_secret),
		cmocka_unit_test(test_rules_extra_env_bh061_tpl_secret_name_passes),
		cmocka_unit_test(test_rules_extra_env_bh061_untemplated_fullname),
		cmocka_unit_test(test_rules_extra_env_bh061_wrong_key),
		cmocka_unit_test(test_rules_extra_env_bh061_missing_item),
		cmocka_unit_test(test_rules_extra_env_bh061_mapping_env_left_to_bh060),
		cmocka_unit_test(test_rules_extra_env_bh062_wrong_client_id),
		cmocka_unit_test(test_rules_extra_env_bh062_service_client_id_differs),
		cmocka_unit_test(test_rules_extra_env_bh062_encrypted_passes),
		cmocka_unit_test(test_rules_extra_env_bh063_other_namespace),
		cmocka_unit_test(test_rules_extra_env_bh063_in_cluster_forms_pass),
		cmocka_unit_test(test_rules_extra_env_bh063_public_url_passes),
		cmocka_unit_test(test_rules_extra_env_bh063_public_url_of_binder),
		cmocka_unit_test(test_rules_extra_env_bh063_wrong_port),
		cmocka_unit_test(test_rules_extra_env_bh063_unknown_namespace_passes),
		cmocka_unit_test(test_rules_extra_env_bh064_binder_domain),
		cmocka_unit_test(test_rules_extra_env_bh064_without_slash_passes),
		cmocka_unit_test(test_rules_extra_env_bh065_without_slash),
		cmocka_unit_test(test_rules_extra_env_bh066_repeated_name),
		cmocka_unit_test(test_rules_extra_env_bh067_null),
		cmocka_unit_test(test_rules_extra_env_bh067_scalar),
		cmocka_unit_test(test_rules_extra_env_bh067_empty_mapping_passes),
		cmocka_unit_test(test_rules_extra_env_replaced_list_points_at_effective),
		cmocka_unit_test(test_rules_extra_env_bh063_missing_names_namespace),
		cmocka_unit_test(test_rules_extra_env_bh064_missing_names_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
