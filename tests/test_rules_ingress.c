/* Unit tests of the ingress rules BH020-BH028. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"

/* The values of both ingresses; each field fills one line of ingress_yaml(),
 * so line and column of every value stay the same across the cases. */
struct ingress_values {
	const char *jupyterhub_enabled;   /* line 3, value at column 14 */
	const char *jupyterhub_hosts;     /* line 4, value at column 12 */
	const char *jupyterhub_tls_hosts; /* line 6 */
	const char *jupyterhub_secret;    /* line 7, value at column 21 */
	const char *binderhub_enabled;    /* line 10, value at column 14 */
	const char *binderhub_hosts;      /* line 11, value at column 12 */
	const char *binderhub_tls_hosts;  /* line 13 */
	const char *binderhub_secret;     /* line 14, value at column 21 */
};

static const struct ingress_values runbook = {
	.jupyterhub_enabled = "true",
	.jupyterhub_hosts = "[hub.example.org]",
	.jupyterhub_tls_hosts = "[hub.example.org]",
	.jupyterhub_secret = "https-auto-tls",
	.binderhub_enabled = "true",
	.binderhub_hosts = "[binder.example.org]",
	.binderhub_tls_hosts = "[binder.example.org]",
	.binderhub_secret = "binder-https-auto-tls",
};

static const char *ingress_yaml(char *buffer, size_t size, const struct ingress_values *values)
{
	snprintf(buffer, size,
		 "jupyterhub:\n"
		 "  ingress:\n"
		 "    enabled: %s\n"
		 "    hosts: %s\n"
		 "    tls:\n"
		 "      - hosts: %s\n"
		 "        secretName: %s\n"
		 "binderhub-service:\n"
		 "  ingress:\n"
		 "    enabled: %s\n"
		 "    hosts: %s\n"
		 "    tls:\n"
		 "      - hosts: %s\n"
		 "        secretName: %s\n",
		 values->jupyterhub_enabled, values->jupyterhub_hosts,
		 values->jupyterhub_tls_hosts, values->jupyterhub_secret,
		 values->binderhub_enabled, values->binderhub_hosts, values->binderhub_tls_hosts,
		 values->binderhub_secret);
	return buffer;
}

static void ingress_one(const struct ingress_values *values, rule_fixture_check check,
			enum rule_id rule, enum severity severity, size_t line, size_t column,
			const char *part)
{
	char yaml[1024];

	rule_expect_reports(ingress_yaml(yaml, sizeof(yaml), values), HUB_AUTHENTICATED, check,
			    rule, severity, line, column, part);
}

static void ingress_none(const struct ingress_values *values, rule_fixture_check check)
{
	char yaml[1024];

	rule_expect_passes(ingress_yaml(yaml, sizeof(yaml), values), HUB_AUTHENTICATED, check);
}

/* ---- BH020, BH022 ---------------------------------------------------------------- */

static void test_rules_ingress_bh020_disabled(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_enabled = "false";
	ingress_one(&values, check_BH020, RULE_BH020, SEVERITY_ERROR, 3, 14,
		    "jupyterhub.ingress.enabled is 'false'; set it to true");
}

static void test_rules_ingress_bh020_no_hosts(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_hosts = "[]";
	ingress_one(&values, check_BH020, RULE_BH020, SEVERITY_ERROR, 4, 12,
		    "jupyterhub.ingress.hosts is []");
}

static void test_rules_ingress_bh020_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH020);
}

static void test_rules_ingress_bh022_enabled_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  ingress:\n"
			    "    hosts: [binder.example.org]\n",
			    HUB_AUTHENTICATED, check_BH022, RULE_BH022, SEVERITY_ERROR, 2, 3,
			    "missing binderhub-service.ingress.enabled; set it to true");
}

static void test_rules_ingress_bh022_hosts_absent(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  ingress:\n"
			    "    enabled: true\n",
			    HUB_AUTHENTICATED, check_BH022, RULE_BH022, SEVERITY_ERROR, 2, 3,
			    "set it to [<binderhub-domain>]");
}

static void test_rules_ingress_bh022_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH022);
}

/* ---- BH021, BH023 ---------------------------------------------------------------- */

static void test_rules_ingress_bh021_host_without_tls(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_tls_hosts = "[old.example.org]";
	ingress_one(&values, check_BH021, RULE_BH021, SEVERITY_ERROR, 4, 13,
		    "host 'hub.example.org' of jupyterhub.ingress is in no jupyterhub.ingress.tls "
		    "entry");
}

static void test_rules_ingress_bh021_entry_without_secret(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_secret = "''";
	ingress_one(&values, check_BH021, RULE_BH021, SEVERITY_ERROR, 6, 9,
		    "has no secretName; set secretName to 'https-auto-tls'");
}

static void test_rules_ingress_bh021_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH021);
}

static void test_rules_ingress_bh023_host_without_tls(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_tls_hosts = "[hub.example.org]";
	ingress_one(&values, check_BH023, RULE_BH023, SEVERITY_ERROR, 11, 13,
		    "host 'binder.example.org'");
}

static void test_rules_ingress_bh023_encrypted_tls_host_passes(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_tls_hosts = "['ENC[AES256_GCM,data:aG9zdA==,type:str]']";
	ingress_none(&values, check_BH023);
}

static void test_rules_ingress_bh023_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH023);
}

/* ---- BH024, BH025, BH026 ---------------------------------------------------------- */

static void test_rules_ingress_bh024_shared_secret(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_secret = "https-auto-tls";
	ingress_one(&values, check_BH024, RULE_BH024, SEVERITY_ERROR, 14, 21,
		    "secretName 'https-auto-tls', which jupyterhub.ingress.tls uses too");
}

static void test_rules_ingress_bh024_distinct_passes(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_secret = "binder-tls";
	ingress_none(&values, check_BH024);
}

static void test_rules_ingress_bh025_shared_host(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_hosts = "[hub.example.org]";
	ingress_one(&values, check_BH025, RULE_BH025, SEVERITY_ERROR, 11, 13,
		    "host 'hub.example.org' is in both");
}

static void test_rules_ingress_bh025_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH025);
}

static void test_rules_ingress_bh026_jupyterhub_name(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_secret = "hub-tls";
	ingress_one(&values, check_BH026, RULE_BH026, SEVERITY_WARNING, 7, 21,
		    "the runbook names it 'https-auto-tls'");
}

static void test_rules_ingress_bh026_binderhub_name(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_secret = "binder-tls";
	ingress_one(&values, check_BH026, RULE_BH026, SEVERITY_WARNING, 14, 21,
		    "the runbook names it 'binder-https-auto-tls'");
}

static void test_rules_ingress_bh026_runbook_passes(void **state)
{
	(void)state;
	ingress_none(&runbook, check_BH026);
}

/* ---- BH027, BH028 ---------------------------------------------------------------- */

static void run_cluster_domain(enum hub_mode mode, const char *domain, rule_fixture_check check,
			       enum rule_id rule, enum severity severity, bool expected)
{
	struct rule_fixture fixture;
	char yaml[1024];

	rule_fixture_init(&fixture, ingress_yaml(yaml, sizeof(yaml), &runbook), mode);
	fixture.ctx.cluster_domain = domain;
	rule_expect_one_or_none(&fixture, check, rule, severity, 4, 12,
				expected ? "is the BinderHub domain" : NULL);
	rule_fixture_release(&fixture);
}

static void test_rules_ingress_bh027_binder_domain(void **state)
{
	(void)state;
	run_cluster_domain(HUB_AUTHENTICATED, "binder.example.org", check_BH027, RULE_BH027,
			   SEVERITY_ERROR, true);
}

static void test_rules_ingress_bh027_hub_domain_passes(void **state)
{
	(void)state;
	run_cluster_domain(HUB_AUTHENTICATED, "hub.example.org", check_BH027, RULE_BH027,
			   SEVERITY_ERROR, false);
}

static void test_rules_ingress_bh027_without_cluster_passes(void **state)
{
	(void)state;
	run_cluster_domain(HUB_AUTHENTICATED, NULL, check_BH027, RULE_BH027, SEVERITY_ERROR, false);
}

static void test_rules_ingress_bh027_other_domain(void **state)
{
	struct rule_fixture fixture;
	char yaml[1024];

	(void)state;
	rule_fixture_init(&fixture, ingress_yaml(yaml, sizeof(yaml), &runbook), HUB_AUTHENTICATED);
	fixture.ctx.cluster_domain = "old.example.org";
	rule_expect_message_contains(
		rule_expect_one(&fixture, check_BH027, RULE_BH027, SEVERITY_ERROR, 4, 12),
		"'old.example.org', is not in jupyterhub.ingress.hosts");
	rule_fixture_release(&fixture);
}

static void test_rules_ingress_bh028_binder_domain(void **state)
{
	(void)state;
	run_cluster_domain(HUB_UNAUTHENTICATED, "binder.example.org", check_BH028, RULE_BH028,
			   SEVERITY_WARNING, true);
}

static void test_rules_ingress_bh028_hub_domain_passes(void **state)
{
	(void)state;
	run_cluster_domain(HUB_UNAUTHENTICATED, "hub.example.org", check_BH028, RULE_BH028,
			   SEVERITY_WARNING, false);
}

/* ---- BH024 fixes, BH027 and BH028 advice ------------------------------------------ */

static void test_rules_ingress_bh024_points_at_jupyterhub_name(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_secret = "binder-https-auto-tls";
	ingress_one(&values, check_BH024, RULE_BH024, SEVERITY_ERROR, 7, 21,
		    "jupyterhub.ingress.tls uses secretName 'binder-https-auto-tls', which "
		    "binderhub-service.ingress.tls uses too; rename it to 'https-auto-tls'");
}

static void test_rules_ingress_bh024_suggests_binderhub_name(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.binderhub_secret = "https-auto-tls";
	ingress_one(&values, check_BH024, RULE_BH024, SEVERITY_ERROR, 14, 21,
		    "rename it to 'binder-https-auto-tls'");
}

static void test_rules_ingress_bh024_both_unconventional(void **state)
{
	struct ingress_values values = runbook;

	(void)state;
	values.jupyterhub_secret = "shared-tls";
	values.binderhub_secret = "shared-tls";
	ingress_one(&values, check_BH024, RULE_BH024, SEVERITY_ERROR, 14, 21,
		    "binderhub-service.ingress.tls uses secretName 'shared-tls', which "
		    "jupyterhub.ingress.tls uses too; rename it to 'binder-https-auto-tls'");
}

static void test_rules_ingress_bh027_binder_domain_advice(void **state)
{
	struct rule_fixture fixture;
	char yaml[1024];

	(void)state;
	rule_fixture_init(&fixture, ingress_yaml(yaml, sizeof(yaml), &runbook), HUB_AUTHENTICATED);
	fixture.ctx.cluster_domain = "binder.example.org";
	rule_expect_one(&fixture, check_BH027, RULE_BH027, SEVERITY_ERROR, 4, 12);
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "change that domain in cluster.yaml to the JupyterHub domain "
				     "'hub.example.org', and leave jupyterhub.ingress.hosts as it is");
	rule_fixture_release(&fixture);
}

static void test_rules_ingress_bh028_binder_domain_harmless(void **state)
{
	struct rule_fixture fixture;
	char yaml[1024];

	(void)state;
	rule_fixture_init(&fixture, ingress_yaml(yaml, sizeof(yaml), &runbook),
			  HUB_UNAUTHENTICATED);
	fixture.ctx.cluster_domain = "binder.example.org";
	rule_expect_one(&fixture, check_BH028, RULE_BH028, SEVERITY_WARNING, 4, 12);
	rule_expect_message_contains(rule_fixture_last(&fixture), "this is harmless");
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "health check tests the BinderHub domain");
	rule_expect_message_contains(rule_fixture_last(&fixture),
				     "change that domain in cluster.yaml to the JupyterHub domain "
				     "'hub.example.org'");
	rule_fixture_release(&fixture);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_ingress_bh020_disabled),
		cmocka_unit_test(test_rules_ingress_bh020_no_hosts),
		cmocka_unit_test(test_rules_ingress_bh020_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh022_enabled_absent),
		cmocka_unit_test(test_rules_ingress_bh022_hosts_absent),
		cmocka_unit_test(test_rules_ingress_bh022_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh021_host_without_tls),
		cmocka_unit_test(test_rules_ingress_bh021_entry_without_secret),
		cmocka_unit_test(test_rules_ingress_bh021_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh023_host_without_tls),
		cmocka_unit_test(test_rules_ingress_bh023_encrypted_tls_host_passes),
		cmocka_unit_test(test_rules_ingress_bh023_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh024_shared_secret),
		cmocka_unit_test(test_rules_ingress_bh024_distinct_passes),
		cmocka_unit_test(test_rules_ingress_bh024_points_at_jupyterhub_name),
		cmocka_unit_test(test_rules_ingress_bh024_suggests_binderhub_name),
		cmocka_unit_test(test_rules_ingress_bh024_both_unconventional),
		cmocka_unit_test(test_rules_ingress_bh027_binder_domain_advice),
		cmocka_unit_test(test_rules_ingress_bh028_binder_domain_harmless),
		cmocka_unit_test(test_rules_ingress_bh025_shared_host),
		cmocka_unit_test(test_rules_ingress_bh025_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh026_jupyterhub_name),
		cmocka_unit_test(test_rules_ingress_bh026_binderhub_name),
		cmocka_unit_test(test_rules_ingress_bh026_runbook_passes),
		cmocka_unit_test(test_rules_ingress_bh027_binder_domain),
		cmocka_unit_test(test_rules_ingress_bh027_hub_domain_passes),
		cmocka_unit_test(test_rules_ingress_bh027_without_cluster_passes),
		cmocka_unit_test(test_rules_ingress_bh027_other_domain),
		cmocka_unit_test(test_rules_ingress_bh028_binder_domain),
		cmocka_unit_test(test_rules_ingress_bh028_hub_domain_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
