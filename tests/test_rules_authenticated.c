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

/* Checks of the last finding, as a macro so that a failure names the test's line. */
#define assert_finding(fixture, rule_, severity_, line_, column_)                              \
	do {                                                                                   \
		const struct finding *finding_ = rule_fixture_last(fixture);                   \
		assert_non_null(finding_);                                                     \
		assert_int_equal(finding_->rule, rule_);                                       \
		assert_int_equal(finding_->severity, severity_);                               \
		assert_int_equal(finding_->mark.line, line_);                                  \
		assert_int_equal(finding_->mark.column, column_);                              \
	} while (0)

#define assert_message_has(fixture, text)                                                      \
	assert_non_null(strstr(rule_fixture_last(fixture)->message, text))

static size_t run_check(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode,
			void (*check)(const struct rule_context *))
{
	rule_fixture_init(fixture, yaml, mode);
	return rule_fixture_run(fixture, check);
}

static size_t run_authenticated(struct rule_fixture *fixture, const char *yaml,
				void (*check)(const struct rule_context *))
{
	return run_check(fixture, yaml, HUB_AUTHENTICATED, check);
}

/* BH100: simpler landing page */

static void test_rules_authenticated_bh100_reports_full_homepage(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: master\n",
					   check_BH100),
			 1);
	assert_finding(&fixture, RULE_BH100, SEVERITY_WARNING, 4, 22);
	assert_message_has(&fixture, "'master'");
	assert_message_has(&fixture, "'no-homepage-subsections'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_passes_simple_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: no-homepage-subsections\n",
					   check_BH100),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_passes_with_redirect(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: master\n"
					   "      templateVars:\n"
					   "        redirect_to: https://example.org\n",
					   check_BH100),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_passes_other_repository(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoUrl: https://github.com/example/homepage\n"
					   "      gitRepoBranch: master\n",
					   check_BH100),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_reports_default_repository_spelling(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoUrl: https://github.com/2i2c-org/Default-Hub-Homepage.git/\n"
					   "      gitRepoBranch: main\n",
					   check_BH100),
			 1);
	assert_finding(&fixture, RULE_BH100, SEVERITY_WARNING, 5, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_reports_missing_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      templateVars:\n"
					   "        enabled: false\n",
					   check_BH100),
			 1);
	assert_finding(&fixture, RULE_BH100, SEVERITY_WARNING, 3, 5);
	assert_message_has(&fixture, "missing jupyterhub.custom.homepage.gitRepoBranch");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh100_passes_encrypted_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: ENC[AES256_GCM,data:abc=,type:str]\n",
					   check_BH100),
			 0);
	rule_fixture_release(&fixture);
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
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: no-homepage-subsection\n",
					   check_BH101),
			 1);
	assert_finding(&fixture, RULE_BH101, SEVERITY_WARNING, 4, 22);
	assert_message_has(&fixture, "'no-homepage-subsection'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh101_reports_bootstrap5_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: bootstrap5-no-homepage-subsection\n",
					   check_BH101),
			 1);
	assert_finding(&fixture, RULE_BH101, SEVERITY_WARNING, 4, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh101_passes_plural_branch(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: no-homepage-subsections\n",
					   check_BH101),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh101_passes_other_repository(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoUrl: https://github.com/example/homepage\n"
					   "      gitRepoBranch: no-homepage-subsection\n",
					   check_BH101),
			 0);
	rule_fixture_release(&fixture);
}

/* BH102: templateVars that basehub's schema accepts */

static void test_rules_authenticated_bh102_reports_partial_fields(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture,
				   "jupyterhub:\n"
				   "  custom:\n"
				   "    homepage:\n"
				   "      templateVars:\n"
				   "        enabled: true\n"
				   "        org:\n"
				   "          name: Example\n",
				   HUB_UNAUTHENTICATED, check_BH102),
			 1);
	assert_finding(&fixture, RULE_BH102, SEVERITY_ERROR, 5, 18);
	assert_message_has(&fixture, "org.logo_url");
	assert_message_has(&fixture, "funded_by.url");
	assert_null(strstr(rule_fixture_last(&fixture)->message, "org.name"));
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_passes_disabled(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture,
				   "jupyterhub:\n"
				   "  custom:\n"
				   "    homepage:\n"
				   "      templateVars:\n"
				   "        enabled: false\n"
				   "        org:\n"
				   "          name: Example\n",
				   HUB_UNAUTHENTICATED, check_BH102),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_passes_redirect(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      templateVars:\n"
					   "        enabled: true\n"
					   "        redirect_to: https://example.org\n",
					   check_BH102),
			 0);
	rule_fixture_release(&fixture);
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
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      templateVars:\n"
					   "        enabled: true\n" ALL_TEMPLATE_FIELDS
					   "          url: https://example.org\n",
					   check_BH102),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_reports_field_not_string(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      templateVars:\n"
					   "        enabled: true\n" ALL_TEMPLATE_FIELDS
					   "          url: 42\n",
					   check_BH102),
			 1);
	assert_finding(&fixture, RULE_BH102, SEVERITY_ERROR, 5, 18);
	assert_message_has(&fixture, "funded_by.url");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_reports_missing_template_vars(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      gitRepoBranch: no-homepage-subsections\n",
					   check_BH102),
			 1);
	assert_finding(&fixture, RULE_BH102, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh102_passes_encrypted_enabled(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    homepage:\n"
					   "      templateVars:\n"
					   "        enabled: ENC[AES256_GCM,data:dHJ1ZQ==,type:bool]\n",
					   check_BH102),
			 0);
	rule_fixture_release(&fixture);
}

/* BH110: no redirect to the user's server */

static void test_rules_authenticated_bh110_reports_redirect(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    redirectToServer: true\n",
					   check_BH110),
			 1);
	assert_finding(&fixture, RULE_BH110, SEVERITY_ERROR, 3, 23);
	assert_message_has(&fixture, "'true'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh110_passes_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    redirectToServer: false\n",
					   check_BH110),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh110_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config: {}\n",
					   check_BH110),
			 1);
	assert_finding(&fixture, RULE_BH110, SEVERITY_ERROR, 2, 3);
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
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(
		run_authenticated(&fixture,
				  "jupyterhub:\n"
				  "  hub:\n"
				  "    services:\n"
				  "      binder:\n"
				  "        oauth_redirect_uri: https://hub.example.org/services/binder/oauth_callback\n"
				  "binderhub-service:\n"
				  "  ingress:\n"
				  "    hosts:\n"
				  "      - binder.example.org\n",
				  check_BH112),
		1);
	assert_finding(&fixture, RULE_BH112, SEVERITY_ERROR, 5, 29);
	assert_message_has(&fixture, "'https://binder.example.org/oauth_callback'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh112_passes_binder_callback(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_redirect_uri: https://binder.example.org/oauth_callback/\n"
					   "binderhub-service:\n"
					   "  ingress:\n"
					   "    hosts:\n"
					   "      - binder.example.org\n",
					   check_BH112),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh112_reports_path_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(
		run_authenticated(&fixture,
				  "jupyterhub:\n"
				  "  hub:\n"
				  "    services:\n"
				  "      binder:\n"
				  "        oauth_redirect_uri: https://hub.example.org/services/binder/oauth_callback\n",
				  check_BH112),
		1);
	assert_finding(&fixture, RULE_BH112, SEVERITY_ERROR, 5, 29);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh112_passes_shape_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n",
					   check_BH112),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh112_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_no_confirm: true\n",
					   check_BH112),
			 1);
	assert_finding(&fixture, RULE_BH112, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

/* BH113: no extra authorization prompt */

static void test_rules_authenticated_bh113_reports_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_no_confirm: false\n",
					   check_BH113),
			 1);
	assert_finding(&fixture, RULE_BH113, SEVERITY_WARNING, 5, 27);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh113_passes_true(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_no_confirm: true\n",
					   check_BH113),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh113_passes_absent_without_defaults(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        display: false\n",
					   check_BH113),
			 0);
	rule_fixture_release(&fixture);
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
	assert_int_equal(rule_fixture_run(&fixture, check_BH113), 1);
	assert_finding(&fixture, RULE_BH113, SEVERITY_WARNING, 4, 7);
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
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   BINDER_INGRESS
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      value: https://hub.example.org/oauth_callback\n",
					   check_BH114),
			 1);
	assert_finding(&fixture, RULE_BH114, SEVERITY_ERROR, 7, 14);
	assert_message_has(&fixture, "'https://hub.example.org/oauth_callback'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_passes_binder_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   BINDER_INGRESS
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      value: https://binder.example.org/oauth_callback\n",
					   check_BH114),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_reports_missing_item(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   BINDER_INGRESS
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_API_URL\n"
					   "      value: http://hub:8081/hub/api\n",
					   check_BH114),
			 1);
	assert_finding(&fixture, RULE_BH114, SEVERITY_ERROR, 5, 3);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_reports_value_from(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   BINDER_INGRESS
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      valueFrom:\n"
					   "        configMapKeyRef: {name: binder, key: callback}\n",
					   check_BH114),
			 1);
	assert_finding(&fixture, RULE_BH114, SEVERITY_ERROR, 6, 7);
	assert_message_has(&fixture, "no literal value");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_reports_mismatch_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n"
					   "binderhub-service:\n"
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      value: https://mybinder.example.org/oauth_callback\n",
					   check_BH114),
			 1);
	assert_finding(&fixture, RULE_BH114, SEVERITY_ERROR, 9, 14);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_passes_match_without_domain(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    services:\n"
					   "      binder:\n"
					   "        oauth_redirect_uri: https://binder.example.org/oauth_callback\n"
					   "binderhub-service:\n"
					   "  extraEnv:\n"
					   "    - name: JUPYTERHUB_OAUTH_CALLBACK_URL\n"
					   "      value: https://binder.example.org/oauth_callback/\n",
					   check_BH114),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh114_skips_map_env(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   BINDER_INGRESS
					   "  extraEnv:\n"
					   "    JUPYTERHUB_OAUTH_CALLBACK_URL: https://x.example.org/\n",
					   check_BH114),
			 0);
	rule_fixture_release(&fixture);
}

/* BH115 and BH116: the binder role */

static void test_rules_authenticated_bh115_reports_missing_read_scope(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services:\n"
					   "          - binder\n"
					   "        scopes:\n"
					   "          - servers\n",
					   check_BH115),
			 1);
	assert_finding(&fixture, RULE_BH115, SEVERITY_ERROR, 8, 11);
	assert_message_has(&fixture, "add read:users");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh115_passes_runbook_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services:\n"
					   "          - binder\n"
					   "        scopes:\n"
					   "          - servers\n"
					   "          - read:users\n",
					   check_BH115),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh115_passes_broader_scopes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services: [binder]\n"
					   "        scopes: [admin:servers, users]\n",
					   check_BH115),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh115_reports_other_service(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services: [binderhub]\n"
					   "        scopes: [servers, read:users]\n",
					   check_BH115),
			 1);
	assert_finding(&fixture, RULE_BH115, SEVERITY_ERROR, 5, 19);
	assert_message_has(&fixture, "'binderhub'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh115_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      user:\n"
					   "        scopes: [self]\n",
					   check_BH115),
			 1);
	assert_finding(&fixture, RULE_BH115, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh116_reports_admin_users(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services: [binder]\n"
					   "        scopes:\n"
					   "          - servers\n"
					   "          - admin:users\n",
					   check_BH116),
			 1);
	assert_finding(&fixture, RULE_BH116, SEVERITY_WARNING, 8, 13);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh116_passes_read_users(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services: [binder]\n"
					   "        scopes:\n"
					   "          - servers\n"
					   "          - read:users\n",
					   check_BH116),
			 0);
	rule_fixture_release(&fixture);
}

/* BH117: the user role */

static void test_rules_authenticated_bh117_reports_missing_access(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      user:\n"
					   "        scopes:\n"
					   "          - self\n",
					   check_BH117),
			 1);
	assert_finding(&fixture, RULE_BH117, SEVERITY_ERROR, 6, 11);
	assert_message_has(&fixture, "add access:services!service=binder");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh117_reports_missing_self(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture,
				   "jupyterhub:\n"
				   "  hub:\n"
				   "    loadRoles:\n"
				   "      user:\n"
				   "        scopes:\n"
				   "          - access:services!service=binder\n",
				   HUB_UNAUTHENTICATED, check_BH117),
			 1);
	assert_finding(&fixture, RULE_BH117, SEVERITY_ERROR, 6, 11);
	assert_message_has(&fixture, "add self");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh117_passes_runbook_scopes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      user:\n"
					   "        scopes:\n"
					   "          - self\n"
					   "          - access:services!service=binder\n",
					   check_BH117),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh117_passes_unfiltered_access(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      user:\n"
					   "        scopes:\n"
					   "          - self\n"
					   "          - access:services\n",
					   check_BH117),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh117_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    loadRoles:\n"
					   "      binder:\n"
					   "        services: [binder]\n",
					   check_BH117),
			 1);
	assert_finding(&fixture, RULE_BH117, SEVERITY_ERROR, 3, 5);
	rule_fixture_release(&fixture);
}

/* BH118: servers require hub authentication */

static void test_rules_authenticated_bh118_reports_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      BinderSpawnerMixin:\n"
					   "        auth_enabled: false\n",
					   check_BH118),
			 1);
	assert_finding(&fixture, RULE_BH118, SEVERITY_ERROR, 5, 23);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh118_passes_true(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      BinderSpawnerMixin:\n"
					   "        auth_enabled: true\n",
					   check_BH118),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh118_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      BinderSpawnerMixin:\n"
					   "        cors_allow_origin: ''\n",
					   check_BH118),
			 1);
	assert_finding(&fixture, RULE_BH118, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

/* BH119: the authenticator's own callback */

static void test_rules_authenticated_bh119_reports_binder_callback(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  ingress:\n"
					   "    hosts:\n"
					   "      - hub.example.org\n"
					   "  hub:\n"
					   "    config:\n"
					   "      GitHubOAuthenticator:\n"
					   "        oauth_callback_url: https://binder.example.org/oauth_callback\n",
					   check_BH119),
			 1);
	assert_finding(&fixture, RULE_BH119, SEVERITY_ERROR, 8, 29);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.config.GitHubOAuthenticator.oauth_callback_url");
	assert_message_has(&fixture, "'https://hub.example.org/hub/oauth_callback'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh119_passes_hub_callback(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  ingress:\n"
					   "    hosts:\n"
					   "      - hub.example.org\n"
					   "  hub:\n"
					   "    config:\n"
					   "      GitHubOAuthenticator:\n"
					   "        oauth_callback_url: https://hub.example.org/hub/oauth_callback\n",
					   check_BH119),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh119_reports_binder_host_without_hub(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      CILogonOAuthenticator:\n"
					   "        oauth_callback_url: https://binder.example.org/hub/oauth_callback\n"
					   BINDER_INGRESS,
					   check_BH119),
			 1);
	assert_finding(&fixture, RULE_BH119, SEVERITY_ERROR, 5, 29);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh119_passes_other_host_without_hub(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      CILogonOAuthenticator:\n"
					   "        oauth_callback_url: https://hub.example.org/hub/oauth_callback\n"
					   BINDER_INGRESS,
					   check_BH119),
			 0);
	rule_fixture_release(&fixture);
}

/* BH120: staff id list for the admin type */

static void test_rules_authenticated_bh120_reports_cilogon(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture,
				   "jupyterhub:\n"
				   "  custom:\n"
				   "    2i2c:\n"
				   "      add_staff_user_ids_to_admin_users: true\n"
				   "      add_staff_user_ids_of_type: cilogon\n",
				   HUB_UNAUTHENTICATED, check_BH120),
			 1);
	assert_finding(&fixture, RULE_BH120, SEVERITY_WARNING, 5, 35);
	assert_message_has(&fixture, "'cilogon'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh120_passes_google(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    2i2c:\n"
					   "      add_staff_user_ids_to_admin_users: true\n"
					   "      add_staff_user_ids_of_type: google\n",
					   check_BH120),
			 0);
	rule_fixture_release(&fixture);
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
	assert_int_equal(rule_fixture_run(&fixture, check_BH120), 1);
	assert_finding(&fixture, RULE_BH120, SEVERITY_WARNING, 5, 35);
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
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    2i2c:\n"
					   "      add_staff_user_ids_to_admin_users: false\n"
					   "      add_staff_user_ids_of_type: cilogon\n",
					   check_BH120),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh120_reports_empty_type(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  custom:\n"
					   "    2i2c:\n"
					   "      add_staff_user_ids_to_admin_users: true\n"
					   "      add_staff_user_ids_of_type: \"\"\n",
					   check_BH120),
			 1);
	assert_finding(&fixture, RULE_BH120, SEVERITY_WARNING, 5, 35);
	rule_fixture_release(&fixture);
}

/* BH121: authenticated servers run jupyterhub-singleuser */

static void test_rules_authenticated_bh121_reports_lab_command(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  singleuser:\n"
					   "    cmd:\n"
					   "      - jupyter-lab\n",
					   check_BH121),
			 1);
	assert_finding(&fixture, RULE_BH121, SEVERITY_ERROR, 4, 7);
	assert_message_has(&fixture, "'jupyter-lab'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh121_passes_singleuser(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  singleuser:\n"
					   "    cmd:\n"
					   "      - /mnt/ghsa/check-patch-run\n"
					   "      - jupyterhub-singleuser\n",
					   check_BH121),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh121_passes_shell_script(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  singleuser:\n"
					   "    cmd: [sh, -c, exec jupyterhub-singleuser --debug]\n",
					   check_BH121),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh121_passes_absent(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  singleuser:\n"
					   "    storage:\n"
					   "      type: none\n",
					   check_BH121),
			 0);
	rule_fixture_release(&fixture);
}

/* BH142: spawner CORS on an authenticated hub */

static void test_rules_authenticated_bh142_reports_spawner_cors(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      BinderSpawnerMixin:\n"
					   "        cors_allow_origin: '*'\n",
					   check_BH142),
			 1);
	assert_finding(&fixture, RULE_BH142, SEVERITY_WARNING, 5, 28);
	assert_message_has(&fixture, "'*'");
	rule_fixture_release(&fixture);
}

static void test_rules_authenticated_bh142_passes_unset(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_authenticated(&fixture,
					   "jupyterhub:\n"
					   "  hub:\n"
					   "    config:\n"
					   "      BinderSpawnerMixin:\n"
					   "        cors_allow_origin: ''\n",
					   check_BH142),
			 0);
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
