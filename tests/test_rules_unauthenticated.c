/*
 * Tests of the section III rules (src/rules/unauthenticated.c): for each rule
 * an input that triggers it, with its severity and position, and a nearly
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

static size_t run_unauthenticated(struct rule_fixture *fixture, const char *yaml,
				  void (*check)(const struct rule_context *))
{
	return run_check(fixture, yaml, HUB_UNAUTHENTICATED, check);
}

/* BH111: no redirect to a server, as on authenticated hubs */

static void test_rules_unauthenticated_bh111_reports_redirect(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    redirectToServer: yes\n",
					     check_BH111),
			 1);
	assert_finding(&fixture, RULE_BH111, SEVERITY_WARNING, 3, 23);
	assert_message_has(&fixture, "'yes'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh111_passes_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    redirectToServer: false\n",
					     check_BH111),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh111_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    loadRoles: {}\n",
					     check_BH111),
			 1);
	assert_finding(&fixture, RULE_BH111, SEVERITY_WARNING, 2, 3);
	rule_fixture_release(&fixture);
}

#define AUTHENTICATOR(value)                                                                   \
	"jupyterhub:\n"                                                                        \
	"  hub:\n"                                                                             \
	"    config:\n"                                                                        \
	"      JupyterHub:\n"                                                                  \
	"        authenticator_class: " value "\n"

/* BH130 and BH131: the authenticator */

static void test_rules_unauthenticated_bh130_reports_login_authenticator(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("github"), check_BH130), 1);
	assert_finding(&fixture, RULE_BH130, SEVERITY_ERROR, 5, 30);
	assert_message_has(&fixture, "'github'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh130_passes_quoted_null(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("\"null\""), check_BH130), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh130_passes_class_path_any_case(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     AUTHENTICATOR("JupyterHub.Auth.NullAuthenticator"),
					     check_BH130),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh130_passes_tmp(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("tmpauthenticator"),
					     check_BH130),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh130_reports_unquoted_null(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("null"), check_BH130), 1);
	assert_finding(&fixture, RULE_BH130, SEVERITY_ERROR, 5, 30);
	assert_message_has(&fixture, "unquoted null");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh130_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    config:\n"
					     "      JupyterHub:\n"
					     "        admin_access: false\n",
					     check_BH130),
			 1);
	assert_finding(&fixture, RULE_BH130, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh131_reports_tmp(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("tmp"), check_BH131), 1);
	assert_finding(&fixture, RULE_BH131, SEVERITY_WARNING, 5, 30);
	assert_message_has(&fixture, "'tmp'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh131_passes_null(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("\"null\""), check_BH131), 0);
	rule_fixture_release(&fixture);
}

/* BH132 and BH133: homepage and admins */

static void test_rules_unauthenticated_bh132_reports_enabled(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    homepage:\n"
					     "      templateVars:\n"
					     "        enabled: true\n",
					     check_BH132),
			 1);
	assert_finding(&fixture, RULE_BH132, SEVERITY_WARNING, 5, 18);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh132_passes_disabled(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    homepage:\n"
					     "      templateVars:\n"
					     "        enabled: false\n",
					     check_BH132),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh132_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    homepage:\n"
					     "      gitRepoBranch: master\n",
					     check_BH132),
			 1);
	assert_finding(&fixture, RULE_BH132, SEVERITY_WARNING, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_reports_staff_admins(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    2i2c:\n"
					     "      add_staff_user_ids_to_admin_users: true\n",
					     check_BH133),
			 1);
	assert_finding(&fixture, RULE_BH133, SEVERITY_WARNING, 4, 42);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_passes_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    2i2c:\n"
					     "      add_staff_user_ids_to_admin_users: false\n",
					     check_BH133),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_passes_absent_without_defaults(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  custom:\n"
					     "    2i2c:\n"
					     "      add_staff_user_ids_of_type: \"\"\n",
					     check_BH133),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_reports_deleted_default(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    2i2c:\n"
			  "      add_staff_user_ids_of_type: \"\"\n",
			  HUB_UNAUTHENTICATED);
	fixture.ctx.have_defaults = true;
	assert_int_equal(rule_fixture_run(&fixture, check_BH133), 1);
	assert_finding(&fixture, RULE_BH133, SEVERITY_WARNING, 3, 5);
	rule_fixture_release(&fixture);
}

/* BH134: the binder role creates users */

static void test_rules_unauthenticated_bh134_reports_read_users_only(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    loadRoles:\n"
					     "      binder:\n"
					     "        services:\n"
					     "          - binder\n"
					     "        scopes:\n"
					     "          - servers\n"
					     "          - read:users\n",
					     check_BH134),
			 1);
	assert_finding(&fixture, RULE_BH134, SEVERITY_ERROR, 8, 11);
	assert_message_has(&fixture, "add admin:users");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh134_passes_admin_users(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    loadRoles:\n"
					     "      binder:\n"
					     "        services:\n"
					     "          - binder\n"
					     "        scopes:\n"
					     "          - servers\n"
					     "          - admin:users\n",
					     check_BH134),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh134_reports_missing_services(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    loadRoles:\n"
					     "      binder:\n"
					     "        scopes: [servers, admin:users]\n",
					     check_BH134),
			 1);
	assert_finding(&fixture, RULE_BH134, SEVERITY_ERROR, 4, 7);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.loadRoles.binder.services");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh134_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    redirectToServer: false\n",
					     check_BH134),
			 1);
	assert_finding(&fixture, RULE_BH134, SEVERITY_ERROR, 2, 3);
	rule_fixture_release(&fixture);
}

/* BH135 and BH136: servers without hub authentication */

#define SPAWNER_AUTH(value)                                                                    \
	"jupyterhub:\n"                                                                        \
	"  hub:\n"                                                                             \
	"    config:\n"                                                                        \
	"      BinderSpawnerMixin:\n"                                                          \
	"        auth_enabled: " value "\n"

static void test_rules_unauthenticated_bh135_reports_true(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_AUTH("true"), check_BH135), 1);
	assert_finding(&fixture, RULE_BH135, SEVERITY_ERROR, 5, 23);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh135_passes_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_AUTH("false"), check_BH135), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh135_passes_absent(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, AUTHENTICATOR("\"null\""), check_BH135), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh136_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  hub:\n"
					     "    config:\n"
					     "      BinderSpawnerMixin:\n"
					     "        cors_allow_origin: '*'\n",
					     check_BH136),
			 1);
	assert_finding(&fixture, RULE_BH136, SEVERITY_WARNING, 4, 7);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh136_passes_false(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_AUTH("false"), check_BH136), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh136_leaves_true_to_bh135(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_AUTH("true"), check_BH136), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh136_reports_not_boolean(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_AUTH("\"false\""), check_BH136), 1);
	assert_finding(&fixture, RULE_BH136, SEVERITY_WARNING, 5, 23);
	rule_fixture_release(&fixture);
}

/* BH137 and BH138: the single-user command */

#define RUNBOOK_LAUNCHER                                                                       \
	"jupyterhub:\n"                                                                        \
	"  singleuser:\n"                                                                      \
	"    cmd:\n"                                                                           \
	"      - python3\n"                                                                    \
	"      - \"-c\"\n"                                                                     \
	"      - |\n"                                                                          \
	"        import os\n"                                                                  \
	"        import sys\n"                                                                 \
	"        exe = \"jupyter-lab\"\n"                                                      \
	"        if not have_lab:\n"                                                           \
	"            exe = \"jupyter-notebook\"\n"                                             \
	"        os.execvp(exe, sys.argv)\n"

static void test_rules_unauthenticated_bh137_reports_singleuser(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd:\n"
					     "      - /mnt/ghsa/check-patch-run\n"
					     "      - jupyterhub-singleuser\n",
					     check_BH137),
			 1);
	assert_finding(&fixture, RULE_BH137, SEVERITY_ERROR, 4, 7);
	assert_message_has(&fixture, "'/mnt/ghsa/check-patch-run, jupyterhub-singleuser'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_passes_lab(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd:\n"
					     "      - jupyter-lab\n",
					     check_BH137),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_passes_runbook_launcher(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, RUNBOOK_LAUNCHER, check_BH137), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    storage:\n"
					     "      type: none\n",
					     check_BH137),
			 1);
	assert_finding(&fixture, RULE_BH137, SEVERITY_ERROR, 2, 3);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_reports_empty(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: []\n",
					     check_BH137),
			 1);
	assert_finding(&fixture, RULE_BH137, SEVERITY_ERROR, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_reports_string_command(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: /usr/local/bin/jupyterhub-singleuser\n",
					     check_BH137),
			 1);
	assert_finding(&fixture, RULE_BH137, SEVERITY_ERROR, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_reports_other_command(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: [start.sh, jupyter, lab]\n",
					     check_BH138),
			 1);
	assert_finding(&fixture, RULE_BH138, SEVERITY_WARNING, 3, 10);
	assert_message_has(&fixture, "'start.sh, jupyter, lab'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_passes_lab_in_folder(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: [/opt/conda/bin/jupyter-notebook]\n",
					     check_BH138),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_passes_runbook_launcher(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, RUNBOOK_LAUNCHER, check_BH138), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_reports_other_python_script(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: [python3, -c, \"import os; os.execvp('jupyter-lab', [])\"]\n",
					     check_BH138),
			 1);
	assert_finding(&fixture, RULE_BH138, SEVERITY_WARNING, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_leaves_singleuser_to_bh137(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "jupyterhub:\n"
					     "  singleuser:\n"
					     "    cmd: [jupyterhub-singleuser]\n",
					     check_BH138),
			 0);
	rule_fixture_release(&fixture);
}

/* BH139 and BH140: repository specs */

static void test_rules_unauthenticated_bh139_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    BinderHub:\n"
					     "      base_url: /\n",
					     check_BH139),
			 1);
	assert_finding(&fixture, RULE_BH139, SEVERITY_WARNING, 2, 3);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh139_reports_empty(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    GitHubRepoProvider:\n"
					     "      allowed_specs: []\n",
					     check_BH139),
			 1);
	assert_finding(&fixture, RULE_BH139, SEVERITY_WARNING, 4, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh139_passes_set(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    GitHubRepoProvider:\n"
					     "      allowed_specs:\n"
					     "        - ^example/.*\n",
					     check_BH139),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_invalid_pattern(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture,
				   "binderhub-service:\n"
				   "  config:\n"
				   "    GitHubRepoProvider:\n"
				   "      allowed_specs:\n"
				   "        - ^example/.*\n"
				   "        - ^example/(repo\n",
				   HUB_AUTHENTICATED, check_BH140),
			 1);
	assert_finding(&fixture, RULE_BH140, SEVERITY_ERROR, 6, 11);
	assert_message_has(&fixture, "'^example/(repo'");
	assert_message_has(&fixture, "missing closing parenthesis");
	assert_message_has(&fixture, "offset 14");
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.GitHubRepoProvider.allowed_specs");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_passes_valid_patterns(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    GitHubRepoProvider:\n"
					     "      allowed_specs:\n"
					     "        - ^example/.*\n"
					     "        - ^example/(repo)\n"
					     "      banned_specs:\n"
					     "        - (?P<owner>[^/]+)/bad.*\n",
					     check_BH140),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_other_provider(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    ZenodoProvider:\n"
					     "      banned_specs:\n"
					     "        - \"*bad\"\n",
					     check_BH140),
			 1);
	assert_finding(&fixture, RULE_BH140, SEVERITY_ERROR, 5, 11);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.ZenodoProvider.banned_specs");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_string_not_list(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    GitLabRepoProvider:\n"
					     "      high_quota_specs: ^example/.*\n",
					     check_BH140),
			 1);
	assert_finding(&fixture, RULE_BH140, SEVERITY_ERROR, 4, 25);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_number_item(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    GitHubRepoProvider:\n"
					     "      allowed_specs: [\"^a/.*\", 42]\n",
					     check_BH140),
			 1);
	assert_finding(&fixture, RULE_BH140, SEVERITY_ERROR, 4, 32);
	assert_message_has(&fixture, "not a string");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_ignores_other_classes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     "binderhub-service:\n"
					     "  config:\n"
					     "    BinderHub:\n"
					     "      allowed_specs: [\"(\"]\n",
					     check_BH140),
			 0);
	rule_fixture_release(&fixture);
}

/* BH141: CORS on both sides */

#define SPAWNER_CORS(value)                                                                    \
	"jupyterhub:\n"                                                                        \
	"  hub:\n"                                                                             \
	"    config:\n"                                                                        \
	"      BinderSpawnerMixin:\n"                                                          \
	"        cors_allow_origin: " value "\n"

#define BINDERHUB_CORS(value)                                                                  \
	"binderhub-service:\n"                                                                 \
	"  config:\n"                                                                          \
	"    BinderHub:\n"                                                                     \
	"      cors_allow_origin: " value "\n"

static void test_rules_unauthenticated_bh141_reports_spawner_only(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     SPAWNER_CORS("'*'") "binderhub-service:\n"
								 "  config:\n"
								 "    BinderHub:\n"
								 "      base_url: /\n",
					     check_BH141),
			 1);
	assert_finding(&fixture, RULE_BH141, SEVERITY_ERROR, 8, 5);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.BinderHub.cors_allow_origin");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_reports_binderhub_only(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, BINDERHUB_CORS("'*'"), check_BH141), 1);
	assert_finding(&fixture, RULE_BH141, SEVERITY_ERROR, 0, 0);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.config.BinderSpawnerMixin.cors_allow_origin");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_passes_binderhub_only_with_login(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_check(&fixture, BINDERHUB_CORS("'*'"), HUB_AUTHENTICATED, check_BH141),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_reports_different_origins(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     SPAWNER_CORS("'*'")
						     BINDERHUB_CORS("https://example.org"),
					     check_BH141),
			 1);
	assert_finding(&fixture, RULE_BH141, SEVERITY_ERROR, 9, 26);
	assert_message_has(&fixture, "'https://example.org'");
	assert_message_has(&fixture, "'*'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_passes_same_origin(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture,
					     SPAWNER_CORS("'*'") BINDERHUB_CORS("\"*\""),
					     check_BH141),
			 0);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_passes_neither(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_unauthenticated(&fixture, SPAWNER_CORS("''"), check_BH141), 0);
	rule_fixture_release(&fixture);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_unauthenticated_bh111_reports_redirect),
		cmocka_unit_test(test_rules_unauthenticated_bh111_passes_false),
		cmocka_unit_test(test_rules_unauthenticated_bh111_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh130_reports_login_authenticator),
		cmocka_unit_test(test_rules_unauthenticated_bh130_passes_quoted_null),
		cmocka_unit_test(test_rules_unauthenticated_bh130_passes_class_path_any_case),
		cmocka_unit_test(test_rules_unauthenticated_bh130_passes_tmp),
		cmocka_unit_test(test_rules_unauthenticated_bh130_reports_unquoted_null),
		cmocka_unit_test(test_rules_unauthenticated_bh130_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh131_reports_tmp),
		cmocka_unit_test(test_rules_unauthenticated_bh131_passes_null),
		cmocka_unit_test(test_rules_unauthenticated_bh132_reports_enabled),
		cmocka_unit_test(test_rules_unauthenticated_bh132_passes_disabled),
		cmocka_unit_test(test_rules_unauthenticated_bh132_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh133_reports_staff_admins),
		cmocka_unit_test(test_rules_unauthenticated_bh133_passes_false),
		cmocka_unit_test(test_rules_unauthenticated_bh133_passes_absent_without_defaults),
		cmocka_unit_test(test_rules_unauthenticated_bh133_reports_deleted_default),
		cmocka_unit_test(test_rules_unauthenticated_bh134_reports_read_users_only),
		cmocka_unit_test(test_rules_unauthenticated_bh134_passes_admin_users),
		cmocka_unit_test(test_rules_unauthenticated_bh134_reports_missing_services),
		cmocka_unit_test(test_rules_unauthenticated_bh134_reports_missing_role),
		cmocka_unit_test(test_rules_unauthenticated_bh135_reports_true),
		cmocka_unit_test(test_rules_unauthenticated_bh135_passes_false),
		cmocka_unit_test(test_rules_unauthenticated_bh135_passes_absent),
		cmocka_unit_test(test_rules_unauthenticated_bh136_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh136_passes_false),
		cmocka_unit_test(test_rules_unauthenticated_bh136_leaves_true_to_bh135),
		cmocka_unit_test(test_rules_unauthenticated_bh136_reports_not_boolean),
		cmocka_unit_test(test_rules_unauthenticated_bh137_reports_singleuser),
		cmocka_unit_test(test_rules_unauthenticated_bh137_passes_lab),
		cmocka_unit_test(test_rules_unauthenticated_bh137_passes_runbook_launcher),
		cmocka_unit_test(test_rules_unauthenticated_bh137_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh137_reports_empty),
		cmocka_unit_test(test_rules_unauthenticated_bh137_reports_string_command),
		cmocka_unit_test(test_rules_unauthenticated_bh138_reports_other_command),
		cmocka_unit_test(test_rules_unauthenticated_bh138_passes_lab_in_folder),
		cmocka_unit_test(test_rules_unauthenticated_bh138_passes_runbook_launcher),
		cmocka_unit_test(test_rules_unauthenticated_bh138_reports_other_python_script),
		cmocka_unit_test(test_rules_unauthenticated_bh138_leaves_singleuser_to_bh137),
		cmocka_unit_test(test_rules_unauthenticated_bh139_reports_missing),
		cmocka_unit_test(test_rules_unauthenticated_bh139_reports_empty),
		cmocka_unit_test(test_rules_unauthenticated_bh139_passes_set),
		cmocka_unit_test(test_rules_unauthenticated_bh140_reports_invalid_pattern),
		cmocka_unit_test(test_rules_unauthenticated_bh140_passes_valid_patterns),
		cmocka_unit_test(test_rules_unauthenticated_bh140_reports_other_provider),
		cmocka_unit_test(test_rules_unauthenticated_bh140_reports_string_not_list),
		cmocka_unit_test(test_rules_unauthenticated_bh140_reports_number_item),
		cmocka_unit_test(test_rules_unauthenticated_bh140_ignores_other_classes),
		cmocka_unit_test(test_rules_unauthenticated_bh141_reports_spawner_only),
		cmocka_unit_test(test_rules_unauthenticated_bh141_reports_binderhub_only),
		cmocka_unit_test(test_rules_unauthenticated_bh141_passes_binderhub_only_with_login),
		cmocka_unit_test(test_rules_unauthenticated_bh141_reports_different_origins),
		cmocka_unit_test(test_rules_unauthenticated_bh141_passes_same_origin),
		cmocka_unit_test(test_rules_unauthenticated_bh141_passes_neither),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
