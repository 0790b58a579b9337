/* Unit tests of the BinderHub rules BH001, BH002, BH030, BH031, BH040-BH044, BH070 and BH071. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"

typedef void (*rule_check)(const struct rule_context *ctx);

/* Run check and assert that it added exactly one finding of rule at line:column. */
static const struct finding *expect_one(struct rule_fixture *fixture, rule_check check,
					enum rule_id rule, enum severity severity, size_t line,
					size_t column)
{
	const struct finding *finding;

	assert_int_equal(rule_fixture_run(fixture, check), 1);
	finding = rule_fixture_last(fixture);
	assert_non_null(finding);
	assert_int_equal(finding->rule, rule);
	assert_int_equal(finding->severity, severity);
	assert_int_equal(finding->mark.line, line);
	assert_int_equal(finding->mark.column, column);
	return finding;
}

static void expect_message_contains(const struct finding *finding, const char *part)
{
	if (!strstr(finding->message, part))
		fail_msg("message '%s' lacks '%s'", finding->message, part);
}

static void check_one(const char *yaml, enum hub_mode mode, rule_check check, enum rule_id rule,
		      enum severity severity, size_t line, size_t column, const char *part)
{
	struct rule_fixture fixture;

	rule_fixture_init(&fixture, yaml, mode);
	expect_message_contains(expect_one(&fixture, check, rule, severity, line, column), part);
	rule_fixture_release(&fixture);
}

static void check_none(const char *yaml, enum hub_mode mode, rule_check check)
{
	struct rule_fixture fixture;

	rule_fixture_init(&fixture, yaml, mode);
	assert_int_equal(rule_fixture_run(&fixture, check), 0);
	rule_fixture_release(&fixture);
}

#define AUTH HUB_AUTHENTICATED
#define UNAUTH HUB_UNAUTHENTICATED

/* ---- BH001, BH002 ---------------------------------------------------------------- */

static void test_rules_general_bh001_false(void **state)
{
	(void)state;
	check_one("jupyterhub:\n"
		  "  custom:\n"
		  "    binderhubUI:\n"
		  "      enabled: false\n",
		  AUTH, check_BH001, RULE_BH001, SEVERITY_ERROR, 4, 16,
		  "jupyterhub.custom.binderhubUI.enabled is 'false'; set it to true");
}

static void test_rules_general_bh001_quoted_true(void **state)
{
	(void)state;
	check_one("jupyterhub:\n"
		  "  custom:\n"
		  "    binderhubUI:\n"
		  "      enabled: \"true\"\n",
		  AUTH, check_BH001, RULE_BH001, SEVERITY_ERROR, 4, 16, "quoted string");
}

static void test_rules_general_bh001_absent(void **state)
{
	(void)state;
	check_one("jupyterhub:\n"
		  "  custom:\n"
		  "    binderhubUI: {}\n",
		  AUTH, check_BH001, RULE_BH001, SEVERITY_ERROR, 3, 5,
		  "missing jupyterhub.custom.binderhubUI.enabled; set it to true");
}

static void test_rules_general_bh001_true_passes(void **state)
{
	(void)state;
	check_none("jupyterhub:\n"
		   "  custom:\n"
		   "    binderhubUI:\n"
		   "      enabled: true\n",
		   AUTH, check_BH001);
}

static void test_rules_general_bh001_encrypted_passes(void **state)
{
	(void)state;
	check_none("jupyterhub:\n"
		   "  custom:\n"
		   "    binderhubUI:\n"
		   "      enabled: ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]\n",
		   AUTH, check_BH001);
}

static void test_rules_general_bh002_false(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  enabled: false\n",
		  AUTH, check_BH002, RULE_BH002, SEVERITY_ERROR, 2, 12, "set it to true");
}

static void test_rules_general_bh002_absent(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config: {}\n",
		  AUTH, check_BH002, RULE_BH002, SEVERITY_ERROR, 1, 1,
		  "missing binderhub-service.enabled; set it to true");
}

static void test_rules_general_bh002_true_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  enabled: true\n",
		   AUTH, check_BH002);
}

/* ---- BH030, BH031 ----------------------------------------------------------------- */

static void test_rules_general_bh030_false(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  networkPolicy:\n"
		  "    enabled: false\n",
		  AUTH, check_BH030, RULE_BH030, SEVERITY_ERROR, 3, 14, "set it to true");
}

static void test_rules_general_bh030_true_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  networkPolicy:\n"
		   "    enabled: true\n",
		   AUTH, check_BH030);
}

static void test_rules_general_bh030_absent_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  networkPolicy: {}\n",
		   AUTH, check_BH030);
}

static void test_rules_general_bh031_absent(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  networkPolicy: {}\n",
		  AUTH, check_BH031, RULE_BH031, SEVERITY_WARNING, 2, 3, "is not set");
}

static void test_rules_general_bh031_set_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  networkPolicy:\n"
		   "    enabled: true\n",
		   AUTH, check_BH031);
}

static void test_rules_general_bh031_from_defaults(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  networkPolicy:\n"
			  "    enabled: true\n",
			  AUTH);
	/* The whole document plays the chart defaults, so no user line exists. */
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	expect_one(&fixture, check_BH031, RULE_BH031, SEVERITY_WARNING, 0, 0);
	rule_fixture_release(&fixture);
}

/* ---- BH040-BH044 ------------------------------------------------------------------ */

static void test_rules_general_bh040_service_path(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub:\n"
		  "      base_url: /services/binder\n",
		  AUTH, check_BH040, RULE_BH040, SEVERITY_ERROR, 4, 17,
		  "binderhub-service.config.BinderHub.base_url is '/services/binder'; set it to '/'");
}

static void test_rules_general_bh040_absent(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub: {}\n",
		  AUTH, check_BH040, RULE_BH040, SEVERITY_ERROR, 3, 5,
		  "missing binderhub-service.config.BinderHub.base_url; set it to '/'");
}

static void test_rules_general_bh040_root_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  config:\n"
		   "    BinderHub:\n"
		   "      base_url: /\n",
		   AUTH, check_BH040);
}

static const char hub_url_other[] = "jupyterhub:\n"
				    "  ingress:\n"
				    "    hosts: [hub.example.org]\n"
				    "binderhub-service:\n"
				    "  ingress:\n"
				    "    hosts: [binder.example.org]\n"
				    "  config:\n"
				    "    BinderHub:\n"
				    "      hub_url: https://binder.example.org\n"
				    "      badge_base_url: https://hub.example.org/\n";

static void test_rules_general_bh041_wrong_domain(void **state)
{
	(void)state;
	check_one(hub_url_other, AUTH, check_BH041, RULE_BH041, SEVERITY_ERROR, 9, 16,
		  "set it to 'https://hub.example.org'");
}

static const char hub_urls_right[] = "jupyterhub:\n"
				     "  ingress:\n"
				     "    hosts: [hub.example.org]\n"
				     "binderhub-service:\n"
				     "  ingress:\n"
				     "    hosts: [binder.example.org]\n"
				     "  config:\n"
				     "    BinderHub:\n"
				     "      hub_url: https://hub.example.org/\n"
				     "      badge_base_url: https://binder.example.org\n";

static void test_rules_general_bh041_trailing_slash_passes(void **state)
{
	(void)state;
	check_none(hub_urls_right, AUTH, check_BH041);
}

static void test_rules_general_bh041_absent(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub: {}\n",
		  AUTH, check_BH041, RULE_BH041, SEVERITY_ERROR, 3, 5,
		  "set it to 'https://<jupyterhub-domain>'");
}

static void test_rules_general_bh041_unknown_domain_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  config:\n"
		   "    BinderHub:\n"
		   "      hub_url: https://hub.example.org\n",
		   AUTH, check_BH041);
}

static void test_rules_general_bh042_wrong_domain(void **state)
{
	(void)state;
	check_one(hub_url_other, AUTH, check_BH042, RULE_BH042, SEVERITY_WARNING, 10, 23,
		  "set it to 'https://binder.example.org'");
}

static void test_rules_general_bh042_right_domain_passes(void **state)
{
	(void)state;
	check_none(hub_urls_right, AUTH, check_BH042);
}

static void test_rules_general_bh043_api_only(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub:\n"
		  "      enable_api_only_mode: true\n",
		  AUTH, check_BH043, RULE_BH043, SEVERITY_ERROR, 4, 29, "set it to false");
}

static void test_rules_general_bh043_absent(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  config:\n"
		  "    BinderHub:\n"
		  "      base_url: /\n",
		  AUTH, check_BH043, RULE_BH043, SEVERITY_ERROR, 3, 5,
		  "missing binderhub-service.config.BinderHub.enable_api_only_mode; set it to false");
}

static void test_rules_general_bh043_false_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  config:\n"
		   "    BinderHub:\n"
		   "      enable_api_only_mode: false\n",
		   AUTH, check_BH043);
}

static const char auth_enabled_true[] = "binderhub-service:\n"
					"  config:\n"
					"    BinderHub:\n"
					"      auth_enabled: true\n";

static const char auth_enabled_false[] = "binderhub-service:\n"
					 "  config:\n"
					 "    BinderHub:\n"
					 "      auth_enabled: false\n";

static const char auth_enabled_absent[] = "binderhub-service:\n"
					  "  config:\n"
					  "    BinderHub:\n"
					  "      base_url: /\n";

static void test_rules_general_bh044_authenticated_false(void **state)
{
	(void)state;
	check_one(auth_enabled_false, AUTH, check_BH044, RULE_BH044, SEVERITY_ERROR, 4, 21,
		  "on an authenticated hub; set it to true");
}

static void test_rules_general_bh044_authenticated_absent(void **state)
{
	(void)state;
	check_one(auth_enabled_absent, AUTH, check_BH044, RULE_BH044, SEVERITY_ERROR, 3, 5,
		  "set it to true");
}

static void test_rules_general_bh044_authenticated_true_passes(void **state)
{
	(void)state;
	check_none(auth_enabled_true, AUTH, check_BH044);
}

static void test_rules_general_bh044_unauthenticated_true(void **state)
{
	(void)state;
	check_one(auth_enabled_true, UNAUTH, check_BH044, RULE_BH044, SEVERITY_ERROR, 4, 21,
		  "on an unauthenticated hub; set it to false");
}

static void test_rules_general_bh044_unauthenticated_default_true(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, auth_enabled_true, UNAUTH);
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	finding = expect_one(&fixture, check_BH044, RULE_BH044, SEVERITY_ERROR, 0, 0);
	expect_message_contains(finding, "is 'true', the chart default, on an unauthenticated hub");
	rule_fixture_release(&fixture);
}

static void test_rules_general_bh044_unauthenticated_absent_passes(void **state)
{
	(void)state;
	check_none(auth_enabled_absent, UNAUTH, check_BH044);
}

static void test_rules_general_bh044_unauthenticated_false_passes(void **state)
{
	(void)state;
	check_none(auth_enabled_false, UNAUTH, check_BH044);
}

/* ---- BH070, BH071 ----------------------------------------------------------------- */

static void test_rules_general_bh070_false(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  custom:\n"
		  "    sendLogsOfLaunchEventsTo2i2c: false\n",
		  AUTH, check_BH070, RULE_BH070, SEVERITY_WARNING, 3, 35, "set it to true");
}

static void test_rules_general_bh070_true_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  custom:\n"
		   "    sendLogsOfLaunchEventsTo2i2c: true\n",
		   AUTH, check_BH070);
}

static void test_rules_general_bh071_key_missing(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  custom:\n"
		  "    sendLogsOfLaunchEventsTo2i2c: true\n",
		  AUTH, check_BH071, RULE_BH071, SEVERITY_ERROR, 3, 35,
		  "binderhub-service.extraCredentials.googleServiceAccountKey is not set");
}

static void test_rules_general_bh071_key_empty(void **state)
{
	(void)state;
	check_one("binderhub-service:\n"
		  "  custom:\n"
		  "    sendLogsOfLaunchEventsTo2i2c: true\n"
		  "  extraCredentials:\n"
		  "    googleServiceAccountKey: ''\n",
		  AUTH, check_BH071, RULE_BH071, SEVERITY_ERROR, 5, 30, "is empty");
}

static void test_rules_general_bh071_key_deleted(void **state)
{
	struct rule_fixture fixture;
	char deleted_path[] = "binderhub-service.extraCredentials";
	struct deletion deletion = {
		.path = deleted_path,
		.mark = {.file = "hub.values.yaml", .line = 12, .column = 3},
	};

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  custom:\n"
			  "    sendLogsOfLaunchEventsTo2i2c: true\n",
			  AUTH);
	fixture.ctx.deletions = &deletion;
	fixture.ctx.deletion_count = 1;
	expect_message_contains(expect_one(&fixture, check_BH071, RULE_BH071, SEVERITY_ERROR, 12, 3),
				"is deleted");
	rule_fixture_release(&fixture);
}

static void test_rules_general_bh071_encrypted_key_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  custom:\n"
		   "    sendLogsOfLaunchEventsTo2i2c: true\n"
		   "  extraCredentials:\n"
		   "    googleServiceAccountKey: ENC[AES256_GCM,data:a2V5,type:str]\n",
		   AUTH, check_BH071);
}

static void test_rules_general_bh071_opted_out_passes(void **state)
{
	(void)state;
	check_none("binderhub-service:\n"
		   "  custom:\n"
		   "    sendLogsOfLaunchEventsTo2i2c: false\n",
		   AUTH, check_BH071);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_general_bh001_false),
		cmocka_unit_test(test_rules_general_bh001_quoted_true),
		cmocka_unit_test(test_rules_general_bh001_absent),
		cmocka_unit_test(test_rules_general_bh001_true_passes),
		cmocka_unit_test(test_rules_general_bh001_encrypted_passes),
		cmocka_unit_test(test_rules_general_bh002_false),
		cmocka_unit_test(test_rules_general_bh002_absent),
		cmocka_unit_test(test_rules_general_bh002_true_passes),
		cmocka_unit_test(test_rules_general_bh030_false),
		cmocka_unit_test(test_rules_general_bh030_true_passes),
		cmocka_unit_test(test_rules_general_bh030_absent_passes),
		cmocka_unit_test(test_rules_general_bh031_absent),
		cmocka_unit_test(test_rules_general_bh031_set_passes),
		cmocka_unit_test(test_rules_general_bh031_from_defaults),
		cmocka_unit_test(test_rules_general_bh040_service_path),
		cmocka_unit_test(test_rules_general_bh040_absent),
		cmocka_unit_test(test_rules_general_bh040_root_passes),
		cmocka_unit_test(test_rules_general_bh041_wrong_domain),
		cmocka_unit_test(test_rules_general_bh041_trailing_slash_passes),
		cmocka_unit_test(test_rules_general_bh041_absent),
		cmocka_unit_test(test_rules_general_bh041_unknown_domain_passes),
		cmocka_unit_test(test_rules_general_bh042_wrong_domain),
		cmocka_unit_test(test_rules_general_bh042_right_domain_passes),
		cmocka_unit_test(test_rules_general_bh043_api_only),
		cmocka_unit_test(test_rules_general_bh043_absent),
		cmocka_unit_test(test_rules_general_bh043_false_passes),
		cmocka_unit_test(test_rules_general_bh044_authenticated_false),
		cmocka_unit_test(test_rules_general_bh044_authenticated_absent),
		cmocka_unit_test(test_rules_general_bh044_authenticated_true_passes),
		cmocka_unit_test(test_rules_general_bh044_unauthenticated_true),
		cmocka_unit_test(test_rules_general_bh044_unauthenticated_default_true),
		cmocka_unit_test(test_rules_general_bh044_unauthenticated_absent_passes),
		cmocka_unit_test(test_rules_general_bh044_unauthenticated_false_passes),
		cmocka_unit_test(test_rules_general_bh070_false),
		cmocka_unit_test(test_rules_general_bh070_true_passes),
		cmocka_unit_test(test_rules_general_bh071_key_missing),
		cmocka_unit_test(test_rules_general_bh071_key_empty),
		cmocka_unit_test(test_rules_general_bh071_key_deleted),
		cmocka_unit_test(test_rules_general_bh071_encrypted_key_passes),
		cmocka_unit_test(test_rules_general_bh071_opted_out_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
