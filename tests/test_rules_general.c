/* Unit tests of the BinderHub rules BH001, BH002, BH030, BH031, BH040-BH044, BH070 and BH071. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"

/* ---- BH001, BH002 ---------------------------------------------------------------- */

static void test_rules_general_bh001_false(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    binderhubUI:\n"
			    "      enabled: false\n",
			    HUB_AUTHENTICATED, check_BH001, RULE_BH001, SEVERITY_ERROR, 4, 16,
			    "jupyterhub.custom.binderhubUI.enabled is 'false'; set it to true");
}

static void test_rules_general_bh001_quoted_true(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    binderhubUI:\n"
			    "      enabled: \"true\"\n",
			    HUB_AUTHENTICATED, check_BH001, RULE_BH001, SEVERITY_ERROR, 4, 16,
			    "quoted string");
}

static void test_rules_general_bh001_absent(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    binderhubUI: {}\n",
			    HUB_AUTHENTICATED, check_BH001, RULE_BH001, SEVERITY_ERROR, 3, 5,
			    "missing jupyterhub.custom.binderhubUI.enabled; set it to true");
}

static void test_rules_general_bh001_true_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    binderhubUI:\n"
			   "      enabled: true\n",
			   HUB_AUTHENTICATED, check_BH001);
}

static void test_rules_general_bh001_encrypted_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    binderhubUI:\n"
			   "      enabled: ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]\n",
			   HUB_AUTHENTICATED, check_BH001);
}

static void test_rules_general_bh002_false(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  enabled: false\n",
			    HUB_AUTHENTICATED, check_BH002, RULE_BH002, SEVERITY_ERROR, 2, 12,
			    "set it to true");
}

static void test_rules_general_bh002_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config: {}\n",
			    HUB_AUTHENTICATED, check_BH002, RULE_BH002, SEVERITY_ERROR, 1, 1,
			    "missing binderhub-service.enabled; set it to true");
}

static void test_rules_general_bh002_true_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  enabled: true\n",
			   HUB_AUTHENTICATED, check_BH002);
}

/* ---- BH030, BH031 ----------------------------------------------------------------- */

static void test_rules_general_bh030_false(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  networkPolicy:\n"
			    "    enabled: false\n",
			    HUB_AUTHENTICATED, check_BH030, RULE_BH030, SEVERITY_ERROR, 3, 14,
			    "set it to true");
}

static void test_rules_general_bh030_true_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  networkPolicy:\n"
			   "    enabled: true\n",
			   HUB_AUTHENTICATED, check_BH030);
}

static void test_rules_general_bh030_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  networkPolicy: {}\n",
			   HUB_AUTHENTICATED, check_BH030);
}

static void test_rules_general_bh031_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  networkPolicy: {}\n",
			    HUB_AUTHENTICATED, check_BH031, RULE_BH031, SEVERITY_WARNING, 2, 3,
			    "is not set");
}

static void test_rules_general_bh031_set_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  networkPolicy:\n"
			   "    enabled: true\n",
			   HUB_AUTHENTICATED, check_BH031);
}

static void test_rules_general_bh031_from_defaults(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  networkPolicy:\n"
			  "    enabled: true\n",
			  HUB_AUTHENTICATED);
	/* The whole document plays the chart defaults, so no user line exists. */
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	rule_expect_one(&fixture, check_BH031, RULE_BH031, SEVERITY_WARNING, 0, 0);
	rule_fixture_release(&fixture);
}

/* ---- BH040-BH044 ------------------------------------------------------------------ */

static void test_rules_general_bh040_service_path(void **state)
{
	(void)state;
	rule_expect_reports(
		"binderhub-service:\n"
		"  config:\n"
		"    BinderHub:\n"
		"      base_url: /services/binder\n",
		HUB_AUTHENTICATED, check_BH040, RULE_BH040, SEVERITY_ERROR, 4, 17,
		"binderhub-service.config.BinderHub.base_url is '/services/binder'; set it to '/'");
}

static void test_rules_general_bh040_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub: {}\n",
			    HUB_AUTHENTICATED, check_BH040, RULE_BH040, SEVERITY_ERROR, 3, 5,
			    "missing binderhub-service.config.BinderHub.base_url; set it to '/'");
}

static void test_rules_general_bh040_root_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      base_url: /\n",
			   HUB_AUTHENTICATED, check_BH040);
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
	rule_expect_reports(hub_url_other, HUB_AUTHENTICATED, check_BH041, RULE_BH041,
			    SEVERITY_ERROR, 9, 16, "set it to 'https://hub.example.org'");
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
	rule_expect_passes(hub_urls_right, HUB_AUTHENTICATED, check_BH041);
}

static void test_rules_general_bh041_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub: {}\n",
			    HUB_AUTHENTICATED, check_BH041, RULE_BH041, SEVERITY_ERROR, 3, 5,
			    "set it to 'https://<jupyterhub-domain>'");
}

static void test_rules_general_bh041_unknown_domain_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      hub_url: https://hub.example.org\n",
			   HUB_AUTHENTICATED, check_BH041);
}

static void test_rules_general_bh042_wrong_domain(void **state)
{
	(void)state;
	rule_expect_reports(hub_url_other, HUB_AUTHENTICATED, check_BH042, RULE_BH042,
			    SEVERITY_WARNING, 10, 23, "set it to 'https://binder.example.org'");
}

static void test_rules_general_bh042_right_domain_passes(void **state)
{
	(void)state;
	rule_expect_passes(hub_urls_right, HUB_AUTHENTICATED, check_BH042);
}

static void test_rules_general_bh043_api_only(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config:\n"
			    "    BinderHub:\n"
			    "      enable_api_only_mode: true\n",
			    HUB_AUTHENTICATED, check_BH043, RULE_BH043, SEVERITY_ERROR, 4, 29,
			    "set it to false");
}

static void test_rules_general_bh043_absent(void **state)
{
	(void)state;
	rule_expect_reports(
		"binderhub-service:\n"
		"  config:\n"
		"    BinderHub:\n"
		"      base_url: /\n",
		HUB_AUTHENTICATED, check_BH043, RULE_BH043, SEVERITY_ERROR, 3, 5,
		"missing binderhub-service.config.BinderHub.enable_api_only_mode; set it to false");
}

static void test_rules_general_bh043_false_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      enable_api_only_mode: false\n",
			   HUB_AUTHENTICATED, check_BH043);
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
	rule_expect_reports(auth_enabled_false, HUB_AUTHENTICATED, check_BH044, RULE_BH044,
			    SEVERITY_ERROR, 4, 21, "on an authenticated hub; set it to true");
}

static void test_rules_general_bh044_authenticated_absent(void **state)
{
	(void)state;
	rule_expect_reports(auth_enabled_absent, HUB_AUTHENTICATED, check_BH044, RULE_BH044,
			    SEVERITY_ERROR, 3, 5, "set it to true");
}

static void test_rules_general_bh044_authenticated_true_passes(void **state)
{
	(void)state;
	rule_expect_passes(auth_enabled_true, HUB_AUTHENTICATED, check_BH044);
}

static void test_rules_general_bh044_unauthenticated_true(void **state)
{
	(void)state;
	rule_expect_reports(auth_enabled_true, HUB_UNAUTHENTICATED, check_BH044, RULE_BH044,
			    SEVERITY_ERROR, 4, 21, "on an unauthenticated hub; set it to false");
}

static void test_rules_general_bh044_unauthenticated_default_true(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, auth_enabled_true, HUB_UNAUTHENTICATED);
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	finding = rule_expect_one(&fixture, check_BH044, RULE_BH044, SEVERITY_ERROR, 0, 0);
	rule_expect_message_contains(finding,
				     "is 'true', the chart default, on an unauthenticated hub");
	rule_fixture_release(&fixture);
}

static void test_rules_general_bh044_unauthenticated_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes(auth_enabled_absent, HUB_UNAUTHENTICATED, check_BH044);
}

static void test_rules_general_bh044_unauthenticated_false_passes(void **state)
{
	(void)state;
	rule_expect_passes(auth_enabled_false, HUB_UNAUTHENTICATED, check_BH044);
}

/* ---- BH070, BH071 ----------------------------------------------------------------- */

static void test_rules_general_bh070_false(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  custom:\n"
			    "    sendLogsOfLaunchEventsTo2i2c: false\n",
			    HUB_AUTHENTICATED, check_BH070, RULE_BH070, SEVERITY_WARNING, 3, 35,
			    "set it to true");
}

static void test_rules_general_bh070_true_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  custom:\n"
			   "    sendLogsOfLaunchEventsTo2i2c: true\n",
			   HUB_AUTHENTICATED, check_BH070);
}

static void test_rules_general_bh071_key_missing(void **state)
{
	(void)state;
	rule_expect_reports(
		"binderhub-service:\n"
		"  custom:\n"
		"    sendLogsOfLaunchEventsTo2i2c: true\n",
		HUB_AUTHENTICATED, check_BH071, RULE_BH071, SEVERITY_ERROR, 3, 35,
		"binderhub-service.extraCredentials.googleServiceAccountKey is not set");
}

static void test_rules_general_bh071_key_empty(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  custom:\n"
			    "    sendLogsOfLaunchEventsTo2i2c: true\n"
			    "  extraCredentials:\n"
			    "    googleServiceAccountKey: ''\n",
			    HUB_AUTHENTICATED, check_BH071, RULE_BH071, SEVERITY_ERROR, 5, 30,
			    "is empty");
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
			  HUB_AUTHENTICATED);
	fixture.ctx.deletions = &deletion;
	fixture.ctx.deletion_count = 1;
	rule_expect_message_contains(
		rule_expect_one(&fixture, check_BH071, RULE_BH071, SEVERITY_ERROR, 12, 3),
		"is deleted");
	rule_fixture_release(&fixture);
}

static void test_rules_general_bh071_encrypted_key_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  custom:\n"
			   "    sendLogsOfLaunchEventsTo2i2c: true\n"
			   "  extraCredentials:\n"
			   "    googleServiceAccountKey: ENC[AES256_GCM,data:a2V5,type:str]\n",
			   HUB_AUTHENTICATED, check_BH071);
}

static void test_rules_general_bh071_opted_out_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  custom:\n"
			   "    sendLogsOfLaunchEventsTo2i2c: false\n",
			   HUB_AUTHENTICATED, check_BH071);
}

static void test_rules_general_bh042_shared_host_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  ingress:\n"
			   "    hosts: [hub.example.org]\n"
			   "binderhub-service:\n"
			   "  ingress:\n"
			   "    hosts: [hub.example.org]\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      badge_base_url: https://binder.example.org\n",
			   HUB_AUTHENTICATED, check_BH042);
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
		cmocka_unit_test(test_rules_general_bh042_shared_host_passes),
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
