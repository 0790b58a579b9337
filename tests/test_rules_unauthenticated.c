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

#include "check.h"
#include "rule_fixture.h"

/* BH111: no redirect to a server, as on authenticated hubs */

static void test_rules_unauthenticated_bh111_reports_redirect(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    redirectToServer: yes\n",
			    HUB_UNAUTHENTICATED, check_BH111, RULE_BH111, SEVERITY_WARNING, 3, 23,
			    "'yes'");
}

static void test_rules_unauthenticated_bh111_passes_false(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  hub:\n"
			   "    redirectToServer: false\n",
			   HUB_UNAUTHENTICATED, check_BH111);
}

static void test_rules_unauthenticated_bh111_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    loadRoles: {}\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH111, RULE_BH111, SEVERITY_WARNING, 2, 3);
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
	(void)state;
	rule_expect_reports(AUTHENTICATOR("github"), HUB_UNAUTHENTICATED, check_BH130, RULE_BH130,
			    SEVERITY_ERROR, 5, 30, "'github'");
}

static void test_rules_unauthenticated_bh130_passes_quoted_null(void **state)
{
	(void)state;
	rule_expect_passes(AUTHENTICATOR("\"null\""), HUB_UNAUTHENTICATED, check_BH130);
}

static void test_rules_unauthenticated_bh130_passes_class_path_any_case(void **state)
{
	(void)state;
	rule_expect_passes(AUTHENTICATOR("JupyterHub.Auth.NullAuthenticator"), HUB_UNAUTHENTICATED,
			   check_BH130);
}

static void test_rules_unauthenticated_bh130_passes_tmp(void **state)
{
	(void)state;
	rule_expect_passes(AUTHENTICATOR("tmpauthenticator"), HUB_UNAUTHENTICATED, check_BH130);
}

static void test_rules_unauthenticated_bh130_reports_unquoted_null(void **state)
{
	(void)state;
	rule_expect_reports(AUTHENTICATOR("null"), HUB_UNAUTHENTICATED, check_BH130, RULE_BH130,
			    SEVERITY_ERROR, 5, 30, "unquoted null");
}

static void test_rules_unauthenticated_bh130_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config:\n"
			  "      JupyterHub:\n"
			  "        admin_access: false\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH130, RULE_BH130, SEVERITY_ERROR, 4, 7);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh131_reports_tmp(void **state)
{
	(void)state;
	rule_expect_reports(AUTHENTICATOR("tmp"), HUB_UNAUTHENTICATED, check_BH131, RULE_BH131,
			    SEVERITY_WARNING, 5, 30, "'tmp'");
}

static void test_rules_unauthenticated_bh131_passes_null(void **state)
{
	(void)state;
	rule_expect_passes(AUTHENTICATOR("\"null\""), HUB_UNAUTHENTICATED, check_BH131);
}

/* BH132 and BH133: homepage and admins */

static void test_rules_unauthenticated_bh132_reports_enabled(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      templateVars:\n"
			  "        enabled: true\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH132, RULE_BH132, SEVERITY_WARNING, 5, 18);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh132_passes_disabled(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    homepage:\n"
			   "      templateVars:\n"
			   "        enabled: false\n",
			   HUB_UNAUTHENTICATED, check_BH132);
}

static void test_rules_unauthenticated_bh132_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    homepage:\n"
			  "      gitRepoBranch: master\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH132, RULE_BH132, SEVERITY_WARNING, 3, 5);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_reports_staff_admins(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  custom:\n"
			  "    2i2c:\n"
			  "      add_staff_user_ids_to_admin_users: true\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH133, RULE_BH133, SEVERITY_WARNING, 4, 42);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh133_passes_false(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    2i2c:\n"
			   "      add_staff_user_ids_to_admin_users: false\n",
			   HUB_UNAUTHENTICATED, check_BH133);
}

static void test_rules_unauthenticated_bh133_passes_absent_without_defaults(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    2i2c:\n"
			   "      add_staff_user_ids_of_type: \"\"\n",
			   HUB_UNAUTHENTICATED, check_BH133);
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
	rule_expect_one(&fixture, check_BH133, RULE_BH133, SEVERITY_WARNING, 3, 5);
	rule_fixture_release(&fixture);
}

/* BH134: the binder role creates users */

static void test_rules_unauthenticated_bh134_reports_read_users_only(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  hub:\n"
			    "    loadRoles:\n"
			    "      binder:\n"
			    "        services:\n"
			    "          - binder\n"
			    "        scopes:\n"
			    "          - servers\n"
			    "          - read:users\n",
			    HUB_UNAUTHENTICATED, check_BH134, RULE_BH134, SEVERITY_ERROR, 8, 11,
			    "add admin:users");
}

static void test_rules_unauthenticated_bh134_passes_admin_users(void **state)
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
			   "          - admin:users\n",
			   HUB_UNAUTHENTICATED, check_BH134);
}

static void test_rules_unauthenticated_bh134_reports_missing_services(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    loadRoles:\n"
			  "      binder:\n"
			  "        scopes: [servers, admin:users]\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH134, RULE_BH134, SEVERITY_ERROR, 4, 7);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.loadRoles.binder.services");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh134_reports_missing_role(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    redirectToServer: false\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH134, RULE_BH134, SEVERITY_ERROR, 2, 3);
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
	rule_fixture_init(&fixture, SPAWNER_AUTH("true"), HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH135, RULE_BH135, SEVERITY_ERROR, 5, 23);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh135_passes_false(void **state)
{
	(void)state;
	rule_expect_passes(SPAWNER_AUTH("false"), HUB_UNAUTHENTICATED, check_BH135);
}

static void test_rules_unauthenticated_bh135_passes_absent(void **state)
{
	(void)state;
	rule_expect_passes(AUTHENTICATOR("\"null\""), HUB_UNAUTHENTICATED, check_BH135);
}

static void test_rules_unauthenticated_bh136_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  hub:\n"
			  "    config:\n"
			  "      BinderSpawnerMixin:\n"
			  "        cors_allow_origin: '*'\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH136, RULE_BH136, SEVERITY_WARNING, 4, 7);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh136_passes_false(void **state)
{
	(void)state;
	rule_expect_passes(SPAWNER_AUTH("false"), HUB_UNAUTHENTICATED, check_BH136);
}

static void test_rules_unauthenticated_bh136_leaves_true_to_bh135(void **state)
{
	(void)state;
	rule_expect_passes(SPAWNER_AUTH("true"), HUB_UNAUTHENTICATED, check_BH136);
}

static void test_rules_unauthenticated_bh136_reports_not_boolean(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, SPAWNER_AUTH("\"false\""), HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH136, RULE_BH136, SEVERITY_WARNING, 5, 23);
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
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    cmd:\n"
			    "      - /mnt/ghsa/check-patch-run\n"
			    "      - jupyterhub-singleuser\n",
			    HUB_UNAUTHENTICATED, check_BH137, RULE_BH137, SEVERITY_ERROR, 4, 7,
			    "'/mnt/ghsa/check-patch-run, jupyterhub-singleuser'");
}

static void test_rules_unauthenticated_bh137_passes_lab(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    cmd:\n"
			   "      - jupyter-lab\n",
			   HUB_UNAUTHENTICATED, check_BH137);
}

static void test_rules_unauthenticated_bh137_passes_runbook_launcher(void **state)
{
	(void)state;
	rule_expect_passes(RUNBOOK_LAUNCHER, HUB_UNAUTHENTICATED, check_BH137);
}

static void test_rules_unauthenticated_bh137_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  singleuser:\n"
			  "    storage:\n"
			  "      type: none\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH137, RULE_BH137, SEVERITY_ERROR, 2, 3);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_reports_empty(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  singleuser:\n"
			  "    cmd: []\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH137, RULE_BH137, SEVERITY_ERROR, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh137_reports_string_command(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  singleuser:\n"
			  "    cmd: /usr/local/bin/jupyterhub-singleuser\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH137, RULE_BH137, SEVERITY_ERROR, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_reports_other_command(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    cmd: [start.sh, jupyter, lab]\n",
			    HUB_UNAUTHENTICATED, check_BH138, RULE_BH138, SEVERITY_WARNING, 3, 10,
			    "'start.sh, jupyter, lab'");
}

static void test_rules_unauthenticated_bh138_passes_lab_in_folder(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    cmd: [/opt/conda/bin/jupyter-notebook]\n",
			   HUB_UNAUTHENTICATED, check_BH138);
}

static void test_rules_unauthenticated_bh138_passes_runbook_launcher(void **state)
{
	(void)state;
	rule_expect_passes(RUNBOOK_LAUNCHER, HUB_UNAUTHENTICATED, check_BH138);
}

static void test_rules_unauthenticated_bh138_reports_other_python_script(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "jupyterhub:\n"
			  "  singleuser:\n"
			  "    cmd: [python3, -c, \"import os; os.execvp('jupyter-lab', [])\"]\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH138, RULE_BH138, SEVERITY_WARNING, 3, 10);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh138_leaves_singleuser_to_bh137(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    cmd: [jupyterhub-singleuser]\n",
			   HUB_UNAUTHENTICATED, check_BH138);
}

/* BH139 and BH140: repository specs */

static void test_rules_unauthenticated_bh139_reports_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    BinderHub:\n"
			  "      base_url: /\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH139, RULE_BH139, SEVERITY_WARNING, 2, 3);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh139_reports_empty(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    GitHubRepoProvider:\n"
			  "      allowed_specs: []\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH139, RULE_BH139, SEVERITY_WARNING, 4, 22);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh139_passes_set(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    GitHubRepoProvider:\n"
			   "      allowed_specs:\n"
			   "        - ^example/.*\n",
			   HUB_UNAUTHENTICATED, check_BH139);
}

static void test_rules_unauthenticated_bh140_reports_invalid_pattern(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    GitHubRepoProvider:\n"
			  "      allowed_specs:\n"
			  "        - ^example/.*\n"
			  "        - ^example/(repo\n",
			  HUB_AUTHENTICATED);
	rule_expect_one(&fixture, check_BH140, RULE_BH140, SEVERITY_ERROR, 6, 11);
	rule_expect_message_contains(rule_fixture_last(&fixture), "'^example/(repo'");
	rule_expect_message_contains(rule_fixture_last(&fixture), "missing closing parenthesis");
	rule_expect_message_contains(rule_fixture_last(&fixture), "offset 14");
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.GitHubRepoProvider.allowed_specs");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_pcre_only_syntax(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	/* PCRE2 compiles these, Python's re does not. */
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    GitHubRepoProvider:\n"
			  "      allowed_specs:\n"
			  "        - (?<owner>example)/\\p{L}+\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH140, RULE_BH140, SEVERITY_ERROR, 5, 11);
	rule_expect_message_contains(rule_fixture_last(&fixture), "(?P<name>");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_passes_valid_patterns(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    GitHubRepoProvider:\n"
			   "      allowed_specs:\n"
			   "        - ^example/.*\n"
			   "        - ^example/(repo)\n"
			   "      banned_specs:\n"
			   "        - (?P<owner>[^/]+)/bad.*\n",
			   HUB_UNAUTHENTICATED, check_BH140);
}

static void test_rules_unauthenticated_bh140_reports_other_provider(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    ZenodoProvider:\n"
			  "      banned_specs:\n"
			  "        - \"*bad\"\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH140, RULE_BH140, SEVERITY_ERROR, 5, 11);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.ZenodoProvider.banned_specs");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_string_not_list(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "binderhub-service:\n"
			  "  config:\n"
			  "    GitLabRepoProvider:\n"
			  "      high_quota_specs: ^example/.*\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH140, RULE_BH140, SEVERITY_ERROR, 4, 25);
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh140_reports_number_item(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  config:\n"
			    "    GitHubRepoProvider:\n"
			    "      allowed_specs: [\"^a/.*\", 42]\n",
			    HUB_UNAUTHENTICATED, check_BH140, RULE_BH140, SEVERITY_ERROR, 4, 32,
			    "not a string");
}

static void test_rules_unauthenticated_bh140_ignores_other_classes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    BinderHub:\n"
			   "      allowed_specs: [\"(\"]\n",
			   HUB_UNAUTHENTICATED, check_BH140);
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
	rule_fixture_init(&fixture,
			  SPAWNER_CORS("'*'") "binderhub-service:\n"
					      "  config:\n"
					      "    BinderHub:\n"
					      "      base_url: /\n",
			  HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH141, RULE_BH141, SEVERITY_ERROR, 8, 5);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "binderhub-service.config.BinderHub.cors_allow_origin");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_reports_binderhub_only(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, BINDERHUB_CORS("'*'"), HUB_UNAUTHENTICATED);
	rule_expect_one(&fixture, check_BH141, RULE_BH141, SEVERITY_ERROR, 0, 0);
	assert_string_equal(rule_fixture_last(&fixture)->path,
			    "jupyterhub.hub.config.BinderSpawnerMixin.cors_allow_origin");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_passes_binderhub_only_with_login(void **state)
{
	(void)state;
	rule_expect_passes(BINDERHUB_CORS("'*'"), HUB_AUTHENTICATED, check_BH141);
}

static void test_rules_unauthenticated_bh141_reports_different_origins(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, SPAWNER_CORS("'*'") BINDERHUB_CORS("https://example.org"),
			  HUB_UNAUTHENTICATED);
	finding = rule_expect_one(&fixture, check_BH141, RULE_BH141, SEVERITY_ERROR, 9, 26);
	rule_expect_message_contains(finding, "'https://example.org'");
	rule_expect_message_contains(finding, "'*'");
	rule_fixture_release(&fixture);
}

static void test_rules_unauthenticated_bh141_passes_same_origin(void **state)
{
	(void)state;
	rule_expect_passes(SPAWNER_CORS("'*'") BINDERHUB_CORS("\"*\""), HUB_UNAUTHENTICATED,
			   check_BH141);
}

static void test_rules_unauthenticated_bh141_passes_neither(void **state)
{
	(void)state;
	rule_expect_passes(SPAWNER_CORS("''"), HUB_UNAUTHENTICATED, check_BH141);
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
		cmocka_unit_test(test_rules_unauthenticated_bh140_reports_pcre_only_syntax),
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
