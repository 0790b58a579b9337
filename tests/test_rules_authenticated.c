/*
 * Tests of the section II rules (src/rules/authenticated.c): for each rule an
 * input that triggers it, with its severity and position, and a nearly
 * identical input that passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "check.h"
#include "rule_fixture.h"

/* BH100: simpler landing page */

static void test_rules_authenticated_bh100_reports_full_homepage(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      gitRepoBranch: master\n",
			  HUB_AUTHENTICATED);
	finding = rule_expect_one(&fixture, check_BH100, RULE_BH100, SEVERITY_WARNING, 4, 22);
	rule_expect_message_contains(finding, "'master'");
	rule_expect_message_contains(finding, "'no-homepage-subsections'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_passes_simple_branch(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoBranch: no-homepage-subsections\n",
			   HUB_AUTHENTICATED, check_BH100);
}

static void test_rules_authenticated_bh100_passes_with_redirect(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoBranch: master\n"
			   "      templateVars:\n"
			   "        redirect_to: https://example.org\n",
			   HUB_AUTHENTICATED, check_BH100);
}

static void test_rules_authenticated_bh100_passes_other_repository(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoUrl: https://github.com/example/homepage\n"
			   "      gitRepoBranch: master\n",
			   HUB_AUTHENTICATED, check_BH100);
}

static void test_rules_authenticated_bh100_reports_default_repository_spelling(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(
		&fixture,
		"jupyterhub:\n"
		"  custom:\n"
		"    homepage:\n"
		"      gitRepoUrl: https://github.com/2i2c-org/Default-Hub-Homepage.git/\n"
		"      gitRepoBranch: main\n",
		HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH100, RULE_BH100, SEVERITY_WARNING, 5, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_reports_missing_branch(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    homepage:\n"
			    "      templateVars:\n"
			    "        enabled: false\n",
			    HUB_AUTHENTICATED, check_BH100, RULE_BH100, SEVERITY_WARNING, 3, 5,
			    "missing jupyterhub.custom.homepage.gitRepoBranch");
}

static void test_rules_authenticated_bh100_passes_encrypted_branch(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoBranch: ENC[AES256_GCM,data:abc=,type:str]\n",
			   HUB_AUTHENTICATED, check_BH100);
}

/* A branch that only the chart defaults supply has no line in a user file. */
static void test_rules_authenticated_bh100_points_away_from_defaults(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      gitRepoBranch: master\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.have_defaults = true;
	assert_int_equal(rule_fixture_run(&fixture, check_BH100), 1);
	finding = rule_fixture_last(&fixture);
	assert_non_null(finding);
	assert_int_equal(finding->rule, RULE_BH100);
	assert_int_equal(finding->mark.line, 0);
	assert_string_equal(finding->path, "jupyterhub.custom.homepage.gitRepoBranch");
	rule_fixture_release(&fixture);
}

/* BH101: branch spelling */

static void test_rules_authenticated_bh101_reports_singular_branch(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    homepage:\n"
			    "      gitRepoBranch: no-homepage-subsection\n",
			    HUB_AUTHENTICATED, check_BH101, RULE_BH101, SEVERITY_WARNING, 4, 22,
			    "'no-homepage-subsection'");
}

static void test_rules_authenticated_bh101_reports_bootstrap5_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      gitRepoBranch: bootstrap5-no-homepage-subsection\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH101, RULE_BH101, SEVERITY_WARNING, 4, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh101_passes_plural_branch(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoBranch: no-homepage-subsections\n",
			   HUB_AUTHENTICATED, check_BH101);
}

static void test_rules_authenticated_bh101_passes_other_repository(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      gitRepoUrl: https://github.com/example/homepage\n"
			   "      gitRepoBranch: no-homepage-subsection\n",
			   HUB_AUTHENTICATED, check_BH101);
}

/* BH102: templateVars that basehub's schema accepts */

static void test_rules_authenticated_bh102_reports_partial_fields(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      templateVars:\n"
			  "        enabled: true\n"
			  "        org:\n"
			  "          name: Example\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH102, RULE_BH102, SEVERITY_ERROR, 5, 18);
	rule_expect_message_contains(rule_fixture_last(&fixture), "org.logo_url");
	rule_expect_message_contains(rule_fixture_last(&fixture), "funded_by.url");
	assert_null(strstr(rule_fixture_last(&fixture)->message, "org.name"));
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_passes_disabled(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      templateVars:\n"
			   "        enabled: false\n"
			   "        org:\n"
			   "          name: Example\n",
			   HUB_UNAUTHENTICATED, check_BH102);
}

static void test_rules_authenticated_bh102_passes_redirect(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      templateVars:\n"
			   "        enabled: true\n"
			   "        redirect_to: https://example.org\n",
			   HUB_AUTHENTICATED, check_BH102);
}

#define ALL_TEMPLATE_FIELDS                                                                    \
	"        org:\n"                                                                       \
	"          name: Example\n"                                                            \
	"          logo_url: https://example.org/logo.svg\n"                                   \
	"          url: https://example.org\n"                                                 \
	"        designed_by:\n"                                                               \
	"          name: 2i2c\n"                                                               \
	"          url: https://2i2c.org\n"                                                    \
	"        operated_by:\n"                                                               \
	"          name: 2i2c\n"                                                               \
	"          url: https://2i2c.org\n"                                                    \
	"        funded_by:\n"                                                                 \
	"          name: Example\n"

static void test_rules_authenticated_bh102_passes_all_fields(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      templateVars:\n"
			   "        enabled: true\n" ALL_TEMPLATE_FIELDS
			   "          url: https://example.org\n",
			   HUB_AUTHENTICATED, check_BH102);
}

static void test_rules_authenticated_bh102_reports_field_not_string(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    homepage:\n"
			    "      templateVars:\n"
			    "        enabled: true\n" ALL_TEMPLATE_FIELDS "          url: 42\n",
			    HUB_AUTHENTICATED, check_BH102, RULE_BH102, SEVERITY_ERROR, 5, 18,
			    "funded_by.url");
}

static void test_rules_authenticated_bh102_reports_missing_template_vars(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      gitRepoBranch: no-homepage-subsections\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH102, RULE_BH102, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_passes_encrypted_enabled(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      templateVars:\n"
			   "        enabled: ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]\n",
			   HUB_AUTHENTICATED, check_BH102);
}

/* BH110: no redirect to the user's server */

static void test_rules_authenticated_bh110_reports_redirect(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    redirectToServer: true\n",
			    HUB_AUTHENTICATED, check_BH110, RULE_BH110, SEVERITY_ERROR, 3, 23,
			    "'true'");
}

static void test_rules_authenticated_bh110_passes_false(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    redirectToServer: false\n",
			   HUB_AUTHENTICATED, check_BH110);
}

static void test_rules_authenticated_bh110_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config: {}\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH110, RULE_BH110, SEVERITY_ERROR, 2, 3);
	rule_fixture_release(&fixture);
}

/* A key deleted by a null in some layer: the finding points at the null. */
static void test_rules_authenticated_bh110_points_at_deleting_null(void **state)
{
	struct rule_fixture fixture;
	char deleted_path[] = "jupyterhub.hub.redirectToServer";
	struct deletion deletion = {
		.path = deleted_path,
		.mark = {"common.values.yaml", 12, 23},
	};
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config: {}\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.deletions = &deletion;
	fixture.ctx.deletion_count = 1;
	assert_int_equal(rule_fixture_run(&fixture, check_BH110), 1);
	finding = rule_fixture_last(&fixture);
	assert_non_null(finding);
	assert_string_equal(finding->mark.file, "common.values.yaml");
	assert_int_equal(finding->mark.line, 12);
	assert_int_equal(finding->mark.column, 23);
	rule_fixture_release(&fixture);
}

/* BH112: binder service redirect URI */

static void test_rules_authenticated_bh112_reports_jupyterhub_callback(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    services:\n"
			    "      binder:\n"
			    "        oauth_redirect_uri: "
			    "https://hub.example.org/services/binder/oauth_callback\n"
			    "binderhub-service:\n"
			    "  ingress:\n"
			    "    hosts:\n"
			    "      - binder.example.org\n",
			    HUB_AUTHENTICATED, check_BH112, RULE_BH112, SEVERITY_ERROR, 5, 29,
			    "'https://binder.example.org/oauth_callback'");
}

static void test_rules_authenticated_bh112_passes_binder_callback(void **state)
{
	(void)state;
	rule_expect_passes(
		"jupyterhub:\n"
		"  hub:\n"
		"    services:\n"
		"      binder:\n"
		"        oauth_redirect_uri: https://binder.example.org/oauth_callback/\n"
		"binderhub-service:\n"
		"  ingress:\n"
		"    hosts:\n"
		"      - binder.example.org\n",
		HUB_AUTHENTICATED, check_BH112);
}

static void test_rules_authenticated_bh112_reports_path_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    services:\n"
			  "      binder:\n"
			  "        oauth_redirect_uri: "
			  "https://hub.example.org/services/binder/oauth_callback\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH112, RULE_BH112, SEVERITY_ERROR, 5, 29);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh112_passes_shape_without_domain(void **state)
{
	(void)state;
	rule_expect_passes(
		"jupyterhub:\n"
		"  hub:\n"
		"    services:\n"
		"      binder:\n"
		"        oauth_redirect_uri: https://binder.example.org/oauth_callback\n",
		HUB_AUTHENTICATED, check_BH112);
}

static void test_rules_authenticated_bh112_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    services:\n"
			  "      binder:\n"
			  "        oauth_no_confirm: true\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH112, RULE_BH112, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

/* BH113: no extra authorization prompt */

static void test_rules_authenticated_bh113_reports_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    services:\n"
			  "      binder:\n"
			  "        oauth_no_confirm: false\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH113, RULE_BH113, SEVERITY_WARNING, 5, 27);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh113_passes_true(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    services:\n"
			   "      binder:\n"
			   "        oauth_no_confirm: true\n",
			   HUB_AUTHENTICATED, check_BH113);
}

static void test_rules_authenticated_bh113_passes_absent_without_defaults(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    services:\n"
			   "      binder:\n"
			   "        display: false\n",
			   HUB_AUTHENTICATED, check_BH113);
}

static void test_rules_authenticated_bh113_reports_deleted_default(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    services:\n"
			  "      binder:\n"
			  "        display: false\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.have_defaults = true;
	rule_expect_one(&fixture, check_BH113, RULE_BH113, SEVERITY_WARNING, 4, 7);
	rule_fixture_release(&fixture);
}

/* BH114: JUPYTERHUB_OAUTH_CALLBACK_URL */

#define BINDER_INGRESS                                                                         \
	"binderhub-service:\n"                                                                 \
	"  ingress:\n"                                                                         \
	"    hosts:\n"                                                                         \
	"      - binder.example.org\n"

static void test_rules_authenticated_bh114_reports_wrong_domain(void **state)
{
	(void)state;
	rule_expect_reports(BINDER_INGRESS "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      value: https://hub.example.org/oauth_callback\n",
			    HUB_AUTHENTICATED, check_BH114, RULE_BH114, SEVERITY_ERROR, 7, 14,
			    "'https://hub.example.org/oauth_callback'");
}

static void test_rules_authenticated_bh114_passes_binder_domain(void **state)
{
	(void)state;
	rule_expect_passes(BINDER_INGRESS
			   "  extraEnv:\n"
			   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
			   "      value: https://binder.example.org/oauth_callback\n",
			   HUB_AUTHENTICATED, check_BH114);
}

static void test_rules_authenticated_bh114_reports_missing_item(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  BINDER_INGRESS "  extraEnv:\n"
					 "    - name: JUPYTERHUB_API_URL\n"
					 "      value: http://hub:8081/hub/api\n",
			  HUB_AUTHENTICATED);
	/* The finding points at the list in effect, at its first item. */
	rule_expect_one(&fixture, check_BH114, RULE_BH114, SEVERITY_ERROR, 6, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_reports_value_from(void **state)
{
	(void)state;
	rule_expect_reports(BINDER_INGRESS
			    "  extraEnv:\n"
			    "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
			    "      valueFrom:\n"
			    "        configMapKeyRef: {name: binder, key: callback}\n",
			    HUB_AUTHENTICATED, check_BH114, RULE_BH114, SEVERITY_ERROR, 6, 7,
			    "no literal value");
}

static void test_rules_authenticated_bh114_reports_mismatch_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    services:\n"
			  "      binder:\n"
			  "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n"
			  "binderhub-service:\n"
			  "  extraEnv:\n"
			  "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
			  "      value: https://mybinder.example.org/oauth_callback\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH114, RULE_BH114, SEVERITY_ERROR, 9, 14);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_passes_match_without_domain(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    services:\n"
			   "      binder:\n"
			   "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n"
			   "binderhub-service:\n"
			   "  extraEnv:\n"
			   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
			   "      value: https://binder.example.org/oauth_callback/\n",
			   HUB_AUTHENTICATED, check_BH114);
}

static void test_rules_authenticated_bh114_skips_map_env(void **state)
{
	(void)state;
	rule_expect_passes(BINDER_INGRESS
			   "  extraEnv:\n"
			   "    JUPYTERHUB_OAUTH_CALLBACK_URL: https://x.example.org/\n",
			   HUB_AUTHENTICATED, check_BH114);
}

/* BH115 and BH116: the binder role */

static void test_rules_authenticated_bh115_reports_missing_read_scope(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    loadRoles:\n"
			    "      binder:\n"
			    "        services:\n"
			    "          - binder\n"
			    "        scopes:\n"
			    "          - servers\n",
			    HUB_AUTHENTICATED, check_BH115, RULE_BH115, SEVERITY_ERROR, 8, 11,
			    "add read:users");
}

static void test_rules_authenticated_bh115_passes_runbook_role(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    loadRoles:\n"
			   "      binder:\n"
			   "        services:\n"
			   "          - binder\n"
			   "        scopes:\n"
			   "          - servers\n"
			   "          - read:users\n",
			   HUB_AUTHENTICATED, check_BH115);
}

static void test_rules_authenticated_bh115_passes_broader_scopes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    loadRoles:\n"
			   "      binder:\n"
			   "        services: [binder]\n"
			   "        scopes: [admin:servers, users]\n",
			   HUB_AUTHENTICATED, check_BH115);
}

static void test_rules_authenticated_bh115_reports_other_service(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    loadRoles:\n"
			    "      binder:\n"
			    "        services: [binderhub]\n"
			    "        scopes: [servers, read:users]\n",
			    HUB_AUTHENTICATED, check_BH115, RULE_BH115, SEVERITY_ERROR, 5, 19,
			    "'binderhub'");
}

static void test_rules_authenticated_bh115_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    loadRoles:\n"
			  "      user:\n"
			  "        scopes: [self]\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH115, RULE_BH115, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh116_reports_admin_users(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    loadRoles:\n"
			  "      binder:\n"
			  "        services: [binder]\n"
			  "        scopes:\n"
			  "          - servers\n"
			  "          - admin:users\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH116, RULE_BH116, SEVERITY_WARNING, 8, 13);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh116_passes_read_users(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    loadRoles:\n"
			   "      binder:\n"
			   "        services: [binder]\n"
			   "        scopes:\n"
			   "          - servers\n"
			   "          - read:users\n",
			   HUB_AUTHENTICATED, check_BH116);
}

/* BH117: the user role */

static void test_rules_authenticated_bh117_reports_missing_access(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    loadRoles:\n"
			    "      user:\n"
			    "        scopes:\n"
			    "          - self\n",
			    HUB_AUTHENTICATED, check_BH117, RULE_BH117, SEVERITY_ERROR, 6, 11,
			    "add access:services!service=binder");
}

static void test_rules_authenticated_bh117_reports_missing_self(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    loadRoles:\n"
			    "      user:\n"
			    "        scopes:\n"
			    "          - access:services!service=binder\n",
			    HUB_UNAUTHENTICATED, check_BH117, RULE_BH117, SEVERITY_ERROR, 6, 11,
			    "add self");
}

static void test_rules_authenticated_bh117_passes_runbook_scopes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    loadRoles:\n"
			   "      user:\n"
			   "        scopes:\n"
			   "          - self\n"
			   "          - access:services!service=binder\n",
			   HUB_AUTHENTICATED, check_BH117);
}

static void test_rules_authenticated_bh117_passes_unfiltered_access(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    loadRoles:\n"
			   "      user:\n"
			   "        scopes:\n"
			   "          - self\n"
			   "          - access:services\n",
			   HUB_AUTHENTICATED, check_BH117);
}

static void test_rules_authenticated_bh117_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    loadRoles:\n"
			  "      binder:\n"
			  "        services: [binder]\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH117, RULE_BH117, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

/* BH118: servers require hub authentication */

static void test_rules_authenticated_bh118_reports_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config:\n"
			  "      BinderSpawnerMixin:\n"
			  "        auth_enabled: false\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH118, RULE_BH118, SEVERITY_ERROR, 5, 23);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh118_passes_true(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      BinderSpawnerMixin:\n"
			   "        auth_enabled: true\n",
			   HUB_AUTHENTICATED, check_BH118);
}

static void test_rules_authenticated_bh118_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config:\n"
			  "      BinderSpawnerMixin:\n"
			  "        cors_allow_origin: ''\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH118, RULE_BH118, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

/* BH119: the authenticator's own callback */

static void test_rules_authenticated_bh119_reports_binder_callback(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  ingress:\n"
			  "    hosts:\n"
			  "      - hub.example.org\n"
			  "  hub:\n"
			  "    config:\n"
			  "      GitHubOAuthenticator:\n"
			  "        oauth_callback_url: https://binder.example.org/oauth_callback\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH119, RULE_BH119, SEVERITY_ERROR, 8, 29);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.config.GitHubOAuthenticator.oauth_callback_url");
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "'https://hub.example.org/hub/oauth_callback'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh119_passes_hub_callback(void **state)
{
	(void)state;
	rule_expect_passes(
		"jupyterhub:\n"
		"  ingress:\n"
		"    hosts:\n"
		"      - hub.example.org\n"
		"  hub:\n"
		"    config:\n"
		"      GitHubOAuthenticator:\n"
		"        oauth_callback_url: https://hub.example.org/hub/oauth_callback\n",
		HUB_AUTHENTICATED, check_BH119);
}

static void test_rules_authenticated_bh119_reports_binder_host_without_hub(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config:\n"
			  "      CILogonOAuthenticator:\n"
			  "        oauth_callback_url: "
			  "https://binder.example.org/hub/oauth_callback\n" BINDER_INGRESS,
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH119, RULE_BH119, SEVERITY_ERROR, 5, 29);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh119_passes_other_host_without_hub(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      CILogonOAuthenticator:\n"
			   "        oauth_callback_url: "
			   "https://hub.example.org/hub/oauth_callback\n" BINDER_INGRESS,
			   HUB_AUTHENTICATED, check_BH119);
}

/* BH120: staff id list for the admin type */

static void test_rules_authenticated_bh120_reports_cilogon(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    2i2c:\n"
			    "      add_staff_user_ids_to_admin_users: true\n"
			    "      add_staff_user_ids_of_type: cilogon\n",
			    HUB_UNAUTHENTICATED, check_BH120, RULE_BH120, SEVERITY_WARNING, 5, 35,
			    "'cilogon'");
}

static void test_rules_authenticated_bh120_passes_google(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    2i2c:\n"
			   "      add_staff_user_ids_to_admin_users: true\n"
			   "      add_staff_user_ids_of_type: google\n",
			   HUB_AUTHENTICATED, check_BH120);
}

static void test_rules_authenticated_bh120_reports_google_without_list(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    2i2c:\n"
			  "      add_staff_user_ids_to_admin_users: true\n"
			  "      add_staff_user_ids_of_type: google\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.have_defaults = true;
	rule_expect_one(&fixture, check_BH120, RULE_BH120, SEVERITY_WARNING, 5, 35);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh120_passes_listed_type(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    2i2c:\n"
			  "      add_staff_user_ids_to_admin_users: true\n"
			  "      add_staff_user_ids_of_type: cilogon\n"
			  "      staff_cilogon_ids: [staff@example.org]\n",
			  HUB_AUTHENTICATED);
	fixture.ctx.have_defaults = true;
	assert_int_equal(rule_fixture_run(&fixture, check_BH120), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh120_passes_flag_false(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    2i2c:\n"
			   "      add_staff_user_ids_to_admin_users: false\n"
			   "      add_staff_user_ids_of_type: cilogon\n",
			   HUB_AUTHENTICATED, check_BH120);
}

static void test_rules_authenticated_bh120_reports_empty_type(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    2i2c:\n"
			  "      add_staff_user_ids_to_admin_users: true\n"
			  "      add_staff_user_ids_of_type: \"\"\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH120, RULE_BH120, SEVERITY_WARNING, 5, 35);
	rule_fixture_release(&fixture);
}

/* BH121: authenticated servers run jupyterhub-singleuser */

static void test_rules_authenticated_bh121_reports_lab_command(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    cmd:\n"
			    "      - jupyter-lab\n",
			    HUB_AUTHENTICATED, check_BH121, RULE_BH121, SEVERITY_ERROR, 4, 7,
			    "'jupyter-lab'");
}

static void test_rules_authenticated_bh121_passes_singleuser(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    cmd:\n"
			   "      - /mnt/ghsa/check-patch-run\n"
			   "      - jupyterhub-singleuser\n",
			   HUB_AUTHENTICATED, check_BH121);
}

static void test_rules_authenticated_bh121_passes_shell_script(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    cmd: [sh, -c, exec jupyterhub-singleuser --debug]\n",
			   HUB_AUTHENTICATED, check_BH121);
}

static void test_rules_authenticated_bh121_passes_absent(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    storage:\n"
			   "      type: none\n",
			   HUB_AUTHENTICATED, check_BH121);
}

/* BH142: spawner CORS on an authenticated hub */

static void test_rules_authenticated_bh142_reports_spawner_cors(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    config:\n"
			    "      BinderSpawnerMixin:\n"
			    "        cors_allow_origin: '*'\n",
			    HUB_AUTHENTICATED, check_BH142, RULE_BH142, SEVERITY_WARNING, 5, 28,
			    "'*'");
}

static void test_rules_authenticated_bh142_passes_unset(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    config:\n"
			   "      BinderSpawnerMixin:\n"
			   "        cors_allow_origin: ''\n",
			   HUB_AUTHENTICATED, check_BH142);
}

/* ---- both ingresses on one host: BH025 reports it, the URL rules stay quiet ---- */

#define SHARED_INGRESS_HOSTS                                                                   \
	"jupyterhub:\n"                                                                         \
	"  ingress:\n"                                                                          \
	"    hosts: [hub.example.org]\n"                                                        \
	"binderhub-service:\n"                                                                  \
	"  ingress:\n"                                                                          \
	"    hosts: [hub.example.org]\n"

static void test_rules_authenticated_bh112_shared_host_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  ingress:\n"
			   "    hosts: [hub.example.org]\n"
			   "jupyterhub:\n"
			   "  ingress:\n"
			   "    hosts: [hub.example.org]\n"
			   "  hub:\n"
			   "    services:\n"
			   "      binder:\n"
			   "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n",
			   HUB_AUTHENTICATED, check_BH112);
}

static void test_rules_authenticated_bh114_shared_host_passes(void **state)
{
	(void)state;
	rule_expect_passes(SHARED_INGRESS_HOSTS
			   "  extraEnv:\n"
			   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
			   "      value: https://binder.example.org/oauth_callback\n",
			   HUB_AUTHENTICATED, check_BH114);
}

static void test_rules_authenticated_bh112_shared_host_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, SHARED_INGRESS_HOSTS, HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH112, RULE_BH112, SEVERITY_ERROR, 1, 1);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "'https://<binderhub-domain>/oauth_callback'");
	assert_null(strstr(rule_fixture_last(&fixture)->message, "hub.example.org"));
	rule_fixture_release(&fixture);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_authenticated_bh100_reports_full_homepage),
		cmocka_unit_test(test_rules_authenticated_bh100_passes_simple_branch),
		cmocka_unit_test(test_rules_authenticated_bh100_passes_with_redirect),
		cmocka_unit_test(test_rules_authenticated_bh100_passes_other_repository),
		cmocka_unit_test(test_rules_authenticated_bh100_reports_default_repository_spelling),
		cmocka_unit_test(test_rules_authenticated_bh100_reports_missing_branch),
		cmocka_unit_test(test_rules_authenticated_bh100_passes_encrypted_branch),
		cmocka_unit_test(test_rules_authenticated_bh100_points_away_from_defaults),
		cmocka_unit_test(test_rules_authenticated_bh101_reports_singular_branch),
		cmocka_unit_test(test_rules_authenticated_bh101_reports_bootstrap5_branch),
		cmocka_unit_test(test_rules_authenticated_bh101_passes_plural_branch),
		cmocka_unit_test(test_rules_authenticated_bh101_passes_other_repository),
		cmocka_unit_test(test_rules_authenticated_bh102_reports_partial_fields),
		cmocka_unit_test(test_rules_authenticated_bh102_passes_disabled),
		cmocka_unit_test(test_rules_authenticated_bh102_passes_redirect),
		cmocka_unit_test(test_rules_authenticated_bh102_passes_all_fields),
		cmocka_unit_test(test_rules_authenticated_bh102_reports_field_not_string),
		cmocka_unit_test(test_rules_authenticated_bh102_reports_missing_template_vars),
		cmocka_unit_test(test_rules_authenticated_bh102_passes_encrypted_enabled),
		cmocka_unit_test(test_rules_authenticated_bh110_reports_redirect),
		cmocka_unit_test(test_rules_authenticated_bh110_passes_false),
		cmocka_unit_test(test_rules_authenticated_bh110_reports_missing),
		cmocka_unit_test(test_rules_authenticated_bh110_points_at_deleting_null),
		cmocka_unit_test(test_rules_authenticated_bh112_reports_jupyterhub_callback),
		cmocka_unit_test(test_rules_authenticated_bh112_passes_binder_callback),
		cmocka_unit_test(test_rules_authenticated_bh112_reports_path_without_domain),
		cmocka_unit_test(test_rules_authenticated_bh112_passes_shape_without_domain),
		cmocka_unit_test(test_rules_authenticated_bh112_reports_missing),
		cmocka_unit_test(test_rules_authenticated_bh113_reports_false),
		cmocka_unit_test(test_rules_authenticated_bh113_passes_true),
		cmocka_unit_test(test_rules_authenticated_bh113_passes_absent_without_defaults),
		cmocka_unit_test(test_rules_authenticated_bh113_reports_deleted_default),
		cmocka_unit_test(test_rules_authenticated_bh114_reports_wrong_domain),
		cmocka_unit_test(test_rules_authenticated_bh114_passes_binder_domain),
		cmocka_unit_test(test_rules_authenticated_bh114_reports_missing_item),
		cmocka_unit_test(test_rules_authenticated_bh112_shared_host_passes),
		cmocka_unit_test(test_rules_authenticated_bh114_shared_host_passes),
		cmocka_unit_test(test_rules_authenticated_bh112_shared_host_missing),
		cmocka_unit_test(test_rules_authenticated_bh114_reports_value_from),
		cmocka_unit_test(test_rules_authenticated_bh114_reports_mismatch_without_domain),
		cmocka_unit_test(test_rules_authenticated_bh114_passes_match_without_domain),
		cmocka_unit_test(test_rules_authenticated_bh114_skips_map_env),
		cmocka_unit_test(test_rules_authenticated_bh115_reports_missing_read_scope),
		cmocka_unit_test(test_rules_authenticated_bh115_passes_runbook_role),
		cmocka_unit_test(test_rules_authenticated_bh115_passes_broader_scopes),
		cmocka_unit_test(test_rules_authenticated_bh115_reports_other_service),
		cmocka_unit_test(test_rules_authenticated_bh115_reports_missing_role),
		cmocka_unit_test(test_rules_authenticated_bh116_reports_admin_users),
		cmocka_unit_test(test_rules_authenticated_bh116_passes_read_users),
		cmocka_unit_test(test_rules_authenticated_bh117_reports_missing_access),
		cmocka_unit_test(test_rules_authenticated_bh117_reports_missing_self),
		cmocka_unit_test(test_rules_authenticated_bh117_passes_runbook_scopes),
		cmocka_unit_test(test_rules_authenticated_bh117_passes_unfiltered_access),
		cmocka_unit_test(test_rules_authenticated_bh117_reports_missing_role),
		cmocka_unit_test(test_rules_authenticated_bh118_reports_false),
		cmocka_unit_test(test_rules_authenticated_bh118_passes_true),
		cmocka_unit_test(test_rules_authenticated_bh118_reports_missing),
		cmocka_unit_test(test_rules_authenticated_bh119_reports_binder_callback),
		cmocka_unit_test(test_rules_authenticated_bh119_passes_hub_callback),
		cmocka_unit_test(test_rules_authenticated_bh119_reports_binder_host_without_hub),
		cmocka_unit_test(test_rules_authenticated_bh119_passes_other_host_without_hub),
		cmocka_unit_test(test_rules_authenticated_bh120_reports_cilogon),
		cmocka_unit_test(test_rules_authenticated_bh120_passes_google),
		cmocka_unit_test(test_rules_authenticated_bh120_reports_google_without_list),
		cmocka_unit_test(test_rules_authenticated_bh120_passes_listed_type),
		cmocka_unit_test(test_rules_authenticated_bh120_passes_flag_false),
		cmocka_unit_test(test_rules_authenticated_bh120_reports_empty_type),
		cmocka_unit_test(test_rules_authenticated_bh121_reports_lab_command),
		cmocka_unit_test(test_rules_authenticated_bh121_passes_singleuser),
		cmocka_unit_test(test_rules_authenticated_bh121_passes_shell_script),
		cmocka_unit_test(test_rules_authenticated_bh121_passes_absent),
		cmocka_unit_test(test_rules_authenticated_bh142_reports_spawner_cors),
		cmocka_unit_test(test_rules_authenticated_bh142_passes_unset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
