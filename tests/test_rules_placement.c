/* Unit tests of the node placement rules BH050-BH055. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"

/* Instance types at line 4 column 41 (docker API), line 8 column 43 (build
 * pods) and line 12 column 41 (user pods). */
static const char *selectors_yaml(char *buffer, size_t size, const char *docker_api,
				  const char *builder, const char *user)
{
	snprintf(buffer, size,
		 "binderhub-service:\n"
		 "  dockerApi:\n"
		 "    nodeSelector:\n"
		 "      node.kubernetes.io/instance-type: %s\n"
		 "  config:\n"
		 "    KubernetesBuildExecutor:\n"
		 "      node_selector:\n"
		 "        node.kubernetes.io/instance-type: %s\n"
		 "jupyterhub:\n"
		 "  singleuser:\n"
		 "    nodeSelector:\n"
		 "      node.kubernetes.io/instance-type: %s\n",
		 docker_api, builder, user);
	return buffer;
}

/* Run check on the three instance types for provider; expect at most one finding. */
static void run_selectors(const char *docker_api, const char *builder, const char *user,
			  enum hub_provider provider, rule_fixture_check check, enum rule_id rule,
			  enum severity severity, size_t line, size_t column, const char *part)
{
	struct rule_fixture fixture;
	char yaml[1024];

	rule_fixture_init(&fixture, selectors_yaml(yaml, sizeof(yaml), docker_api, builder, user),
			  HUB_AUTHENTICATED);
	fixture.ctx.provider = provider;
	rule_expect_one_or_none(&fixture, check, rule, severity, line, column, part);
	rule_fixture_release(&fixture);
}

/* ---- BH050 ---------------------------------------------------------------------- */

static void test_rules_placement_bh050_builder_differs(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "r5.4xlarge", "r5.xlarge", HUB_PROVIDER_AWS, check_BH050,
		      RULE_BH050, SEVERITY_ERROR, 8, 43,
		      "sets label 'node.kubernetes.io/instance-type' to 'r5.4xlarge'");
}

static void test_rules_placement_bh050_same_labels_pass(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "r5.xlarge", "r5.4xlarge", HUB_PROVIDER_AWS, check_BH050,
		      RULE_BH050, SEVERITY_ERROR, 0, 0, NULL);
}

static void test_rules_placement_bh050_camel_case_trait(void **state)
{
	(void)state;
	rule_expect_reports("binderhub-service:\n"
			    "  dockerApi:\n"
			    "    nodeSelector:\n"
			    "      node.kubernetes.io/instance-type: n2-highmem-4\n"
			    "  config:\n"
			    "    KubernetesBuildExecutor:\n"
			    "      nodeSelector:\n"
			    "        node.kubernetes.io/instance-type: n2-highmem-4\n",
			    HUB_AUTHENTICATED, check_BH050, RULE_BH050, SEVERITY_ERROR, 4, 41,
			    "the trait is node_selector; nodeSelector is ignored");
}

static void test_rules_placement_bh050_no_docker_api_selector_passes(void **state)
{
	(void)state;
	rule_expect_passes("binderhub-service:\n"
			   "  config:\n"
			   "    KubernetesBuildExecutor:\n"
			   "      node_selector:\n"
			   "        node.kubernetes.io/instance-type: n2-highmem-4\n",
			   HUB_AUTHENTICATED, check_BH050);
}

/* ---- BH051-BH053 ----------------------------------------------------------------- */

static void run_missing_instance_type(const char *yaml, rule_fixture_check check, enum rule_id rule,
				      size_t line, size_t column, const char *part)
{
	struct rule_fixture fixture;

	rule_fixture_init(&fixture, yaml, HUB_AUTHENTICATED);
	fixture.ctx.provider = HUB_PROVIDER_GCP;
	rule_expect_message_contains(
		rule_expect_one(&fixture, check, rule, SEVERITY_WARNING, line, column), part);
	rule_fixture_release(&fixture);
}

static void test_rules_placement_bh051_unpinned(void **state)
{
	(void)state;
	run_missing_instance_type("binderhub-service:\n"
				  "  dockerApi:\n"
				  "    nodeSelector: {}\n",
				  check_BH051, RULE_BH051, 3, 5,
				  "binderhub-service.dockerApi.nodeSelector does not pin "
				  "node.kubernetes.io/instance-type; set it to the cluster's smallest "
				  "user node type, usually 'n2-highmem-4'");
}

static void test_rules_placement_bh052_unpinned(void **state)
{
	(void)state;
	run_missing_instance_type("binderhub-service:\n"
				  "  config:\n"
				  "    KubernetesBuildExecutor: {}\n",
				  check_BH052, RULE_BH052, 3, 5,
				  "KubernetesBuildExecutor.node_selector does not pin");
}

static void test_rules_placement_bh053_unpinned(void **state)
{
	(void)state;
	run_missing_instance_type("jupyterhub:\n"
				  "  singleuser:\n"
				  "    nodeSelector:\n"
				  "      2i2c/hub-name: binder\n",
				  check_BH053, RULE_BH053, 3, 5,
				  "jupyterhub.singleuser.nodeSelector does not pin");
}

static void test_rules_placement_bh051_to_bh053_pinned_pass(void **state)
{
	(void)state;
	run_selectors("n2-highmem-4", "n2-highmem-4", "n2-highmem-4", HUB_PROVIDER_GCP,
		      check_BH051, RULE_BH051, SEVERITY_WARNING, 0, 0, NULL);
	run_selectors("n2-highmem-4", "n2-highmem-4", "n2-highmem-4", HUB_PROVIDER_GCP,
		      check_BH052, RULE_BH052, SEVERITY_WARNING, 0, 0, NULL);
	run_selectors("n2-highmem-4", "n2-highmem-4", "n2-highmem-4", HUB_PROVIDER_GCP,
		      check_BH053, RULE_BH053, SEVERITY_WARNING, 0, 0, NULL);
}

/* ---- BH054, BH055 ---------------------------------------------------------------- */

static void test_rules_placement_bh054_builder_pool_differs(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "r5.4xlarge", "r5.xlarge", HUB_PROVIDER_AWS, check_BH054,
		      RULE_BH054, SEVERITY_INFO, 8, 43,
		      "pins instance type 'r5.4xlarge', but jupyterhub.singleuser.nodeSelector "
		      "pins 'r5.xlarge'");
}

static void test_rules_placement_bh054_equal_pass(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "r5.xlarge", "r5.xlarge", HUB_PROVIDER_AWS, check_BH054,
		      RULE_BH054, SEVERITY_INFO, 0, 0, NULL);
}

static void test_rules_placement_bh054_encrypted_passes(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "ENC[AES256_GCM,data:eA==,type:str]", "r5.xlarge",
		      HUB_PROVIDER_AWS, check_BH054, RULE_BH054, SEVERITY_INFO, 0, 0, NULL);
}

static void test_rules_placement_bh055_smaller_type(void **state)
{
	(void)state;
	run_selectors("n2-highmem-4", "n2-highmem-4", "n2-highmem-2", HUB_PROVIDER_GCP,
		      check_BH055, RULE_BH055, SEVERITY_INFO, 12, 41,
		      "pins instance type 'n2-highmem-2', not the usual 'n2-highmem-4'");
}

static void test_rules_placement_bh055_recommended_passes(void **state)
{
	(void)state;
	run_selectors("r5.xlarge", "r5.xlarge", "r5.xlarge", HUB_PROVIDER_AWS, check_BH055,
		      RULE_BH055, SEVERITY_INFO, 0, 0, NULL);
}

static void test_rules_placement_bh055_other_provider_passes(void **state)
{
	(void)state;
	run_selectors("m3.quad", "m3.quad", "m3.quad", HUB_PROVIDER_OTHER, check_BH055,
		      RULE_BH055, SEVERITY_INFO, 0, 0, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_placement_bh050_builder_differs),
		cmocka_unit_test(test_rules_placement_bh050_same_labels_pass),
		cmocka_unit_test(test_rules_placement_bh050_camel_case_trait),
		cmocka_unit_test(test_rules_placement_bh050_no_docker_api_selector_passes),
		cmocka_unit_test(test_rules_placement_bh051_unpinned),
		cmocka_unit_test(test_rules_placement_bh052_unpinned),
		cmocka_unit_test(test_rules_placement_bh053_unpinned),
		cmocka_unit_test(test_rules_placement_bh051_to_bh053_pinned_pass),
		cmocka_unit_test(test_rules_placement_bh054_builder_pool_differs),
		cmocka_unit_test(test_rules_placement_bh054_equal_pass),
		cmocka_unit_test(test_rules_placement_bh054_encrypted_passes),
		cmocka_unit_test(test_rules_placement_bh055_smaller_type),
		cmocka_unit_test(test_rules_placement_bh055_recommended_passes),
		cmocka_unit_test(test_rules_placement_bh055_other_provider_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
