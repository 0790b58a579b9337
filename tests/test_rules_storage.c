/* Unit tests of the storage rules BH010-BH017. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"

/* ---- BH010 ---------------------------------------------------------------------- */

static void test_rules_storage_bh010_enabled(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub-home-nfs:\n"
			    "  enabled: true\n",
			    HUB_AUTHENTICATED, check_BH010, RULE_BH010, SEVERITY_WARNING, 2, 12,
			    "set it to false");
}

static void test_rules_storage_bh010_absent_without_defaults(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub-home-nfs: {}\n", HUB_AUTHENTICATED, check_BH010, RULE_BH010,
			    SEVERITY_WARNING, 1, 1, "deploys the NFS home server by default");
}

static void test_rules_storage_bh010_absent_from_older_chart_passes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, "jupyterhub: {}\n", HUB_AUTHENTICATED);
	fixture.ctx.have_defaults = true;
	fixture.ctx.defaults_name = "chart-defaults.yaml";
	assert_int_equal(rule_fixture_run(&fixture, check_BH010), 0);
	rule_fixture_release(&fixture);
}

static void test_rules_storage_bh010_false_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub-home-nfs:\n"
			   "  enabled: false\n",
			   HUB_AUTHENTICATED, check_BH010);
}

/* ---- BH011 ---------------------------------------------------------------------- */

/* The effective value of "extraVolumeMounts: {}" over basehub's defaults: the
 * empty mapping merges with the default mounts, which stay. */
static const char admin_mounts_kept[] = "jupyterhub:\n"
					"  custom:\n"
					"    singleuserAdmin:\n"
					"      extraVolumeMounts:\n"
					"        001-shared-readwrite-volumemount:\n"
					"          name: home\n"
					"          mountPath: /home/jovyan/shared-readwrite\n";

static void test_rules_storage_bh011_default_mounts_kept(void **state)
{
	(void)state;
	rule_expect_reports(admin_mounts_kept, HUB_AUTHENTICATED, check_BH011, RULE_BH011,
			    SEVERITY_ERROR, 5, 9, "still mounts 'home'");
}

static void test_rules_storage_bh011_mapping_mentions_empty_mapping(void **state)
{
	(void)state;
	rule_expect_reports(admin_mounts_kept, HUB_AUTHENTICATED, check_BH011, RULE_BH011,
			    SEVERITY_ERROR, 5, 9, "an empty mapping {} keeps the chart's");
}

/* basehub's two admin mounts, both of volume home. */
static const char admin_mounts_of_one_volume[] = "jupyterhub:\n"
						 "  custom:\n"
						 "    singleuserAdmin:\n"
						 "      extraVolumeMounts:\n"
						 "        001-shared-readwrite-volumemount:\n"
						 "          name: home\n"
						 "          mountPath: /home/jovyan/shared-readwrite\n"
						 "        002-shared-readwrite-rstudio-volumemount:\n"
						 "          name: home\n"
						 "          mountPath: /home/rstudio/shared-readwrite\n";

/* Run BH011 on yaml and return a copy of its one finding's message. */
static char *bh011_message(const char *yaml)
{
	struct rule_fixture fixture;
	char *message;

	rule_fixture_init(&fixture, yaml, HUB_AUTHENTICATED);
	message = strdup(
		rule_expect_one(&fixture, check_BH011, RULE_BH011, SEVERITY_ERROR, 5, 9)->message);
	assert_non_null(message);
	rule_fixture_release(&fixture);
	return message;
}

static size_t count_of(const char *text, const char *part)
{
	size_t count = 0;

	for (const char *at = strstr(text, part); at; at = strstr(at + 1, part))
		count++;
	return count;
}

static void test_rules_storage_bh011_mapping_message_complete(void **state)
{
	static const char ending[] = "because an empty mapping {} keeps the chart's mounts";
	char *message = bh011_message(admin_mounts_of_one_volume);
	size_t length = strlen(message);

	(void)state;
	assert_true(length > strlen(ending));
	assert_string_equal(message + length - strlen(ending), ending);
	free(message);
}

static void test_rules_storage_bh011_names_volume_once(void **state)
{
	char *message = bh011_message(admin_mounts_of_one_volume);

	(void)state;
	assert_int_equal(count_of(message, "'home'"), 1);
	assert_non_null(strstr(message, "still mounts 'home';"));
	free(message);
}

static void test_rules_storage_bh011_list(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  custom:\n"
			    "    singleuserAdmin:\n"
			    "      extraVolumeMounts:\n"
			    "        - name: home\n"
			    "          mountPath: /home/jovyan/shared\n",
			    HUB_AUTHENTICATED, check_BH011, RULE_BH011, SEVERITY_ERROR, 5, 9,
			    "still mounts 'home'");
}

static void test_rules_storage_bh011_null_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    singleuserAdmin:\n"
			   "      extraVolumeMounts:\n",
			   HUB_AUTHENTICATED, check_BH011);
}

static void test_rules_storage_bh011_empty_list_passes(void **state)
{
	(void)state;
	/* [] does clear the mounts; BH008 reports it as a schema error instead. */
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    singleuserAdmin:\n"
			   "      extraVolumeMounts: []\n",
			   HUB_AUTHENTICATED, check_BH011);
}

static void test_rules_storage_bh011_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  custom:\n"
			   "    singleuserAdmin: {}\n",
			   HUB_AUTHENTICATED, check_BH011);
}

/* ---- BH012 ---------------------------------------------------------------------- */

static void test_rules_storage_bh012_static(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage:\n"
			    "      type: static\n",
			    HUB_AUTHENTICATED, check_BH012, RULE_BH012, SEVERITY_ERROR, 4, 13,
			    "jupyterhub.singleuser.storage.type is 'static'; set it to 'none'");
}

static void test_rules_storage_bh012_absent(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage: {}\n",
			    HUB_AUTHENTICATED, check_BH012, RULE_BH012, SEVERITY_ERROR, 3, 5,
			    "missing jupyterhub.singleuser.storage.type; set it to 'none'");
}

static void test_rules_storage_bh012_none_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    storage:\n"
			   "      type: none\n",
			   HUB_AUTHENTICATED, check_BH012);
}

/* ---- BH013, BH014 ----------------------------------------------------------------- */

static void test_rules_storage_bh013_home_without_storage(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage:\n"
			    "      type: none\n"
			    "      extraVolumeMounts:\n"
			    "        - name: home\n"
			    "          mountPath: /home/jovyan/shared\n",
			    HUB_AUTHENTICATED, check_BH013, RULE_BH013, SEVERITY_ERROR, 6, 17,
			    "storage.type 'none' creates no home volume");
}

static void test_rules_storage_bh013_home_with_storage_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    storage:\n"
			   "      type: static\n"
			   "      extraVolumeMounts:\n"
			   "        - name: home\n"
			   "          mountPath: /home/jovyan/shared\n",
			   HUB_AUTHENTICATED, check_BH013);
}

/* basehub's defaults with type none and only the volumes nulled: the
 * dev-shm mount keeps its volume, the shared mount loses home. */
static const char dev_shm_and_home[] = "jupyterhub:\n"
				       "  singleuser:\n"
				       "    storage:\n"
				       "      type: none\n"
				       "      extraVolumes:\n"
				       "        001-shm-volume:\n"
				       "          name: dev-shm\n"
				       "          emptyDir:\n"
				       "            medium: Memory\n"
				       "      extraVolumeMounts:\n"
				       "        001-shm-volumemount:\n"
				       "          name: dev-shm\n"
				       "          mountPath: /dev/shm\n"
				       "        002-shared-volumemount:\n"
				       "          name: home\n"
				       "          mountPath: /home/jovyan/shared\n";

static void test_rules_storage_bh014_names_each_volume_once(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage:\n"
			    "      extraVolumeMounts:\n"
			    "        - name: dev-shm\n"
			    "        - name: home\n"
			    "        - name: home\n"
			    "        - name: dev-shm\n",
			    HUB_AUTHENTICATED, check_BH014, RULE_BH014, SEVERITY_INFO, 5, 9,
			    "keeps 'dev-shm', 'home';");
}

static void test_rules_storage_bh014_counts_distinct_names_beyond_three(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage:\n"
			    "      extraVolumeMounts:\n"
			    "        - name: a\n"
			    "        - name: a\n"
			    "        - name: b\n"
			    "        - name: c\n"
			    "        - name: d\n"
			    "        - name: d\n"
			    "        - name: e\n",
			    HUB_AUTHENTICATED, check_BH014, RULE_BH014, SEVERITY_INFO, 5, 9,
			    "keeps 'a', 'b', 'c' and 2 more;");
}

static void test_rules_storage_bh013_mapping_form(void **state)
{
	(void)state;
	rule_expect_reports(dev_shm_and_home, HUB_AUTHENTICATED, check_BH013, RULE_BH013,
			    SEVERITY_ERROR, 15, 17, "mounts volume 'home'");
}

static const char dev_shm_only[] = "jupyterhub:\n"
				   "  singleuser:\n"
				   "    storage:\n"
				   "      type: none\n"
				   "      extraVolumes:\n"
				   "        001-shm-volume:\n"
				   "          name: dev-shm\n"
				   "          emptyDir:\n"
				   "            medium: Memory\n"
				   "      extraVolumeMounts:\n"
				   "        001-shm-volumemount:\n"
				   "          name: dev-shm\n"
				   "          mountPath: /dev/shm\n";

static void test_rules_storage_bh013_dev_shm_leftover_passes(void **state)
{
	(void)state;
	rule_expect_passes(dev_shm_only, HUB_AUTHENTICATED, check_BH013);
}

static void test_rules_storage_bh014_dev_shm_leftover(void **state)
{
	(void)state;
	rule_expect_reports(dev_shm_only, HUB_AUTHENTICATED, check_BH014, RULE_BH014, SEVERITY_INFO,
			    11, 9, "keeps 'dev-shm' and storage.extraVolumes keeps 'dev-shm'");
}

static void test_rules_storage_bh014_volume_only(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    storage:\n"
			    "      extraVolumes:\n"
			    "        - name: dev-shm\n"
			    "      extraVolumeMounts:\n",
			    HUB_AUTHENTICATED, check_BH014, RULE_BH014, SEVERITY_INFO, 5, 9,
			    "jupyterhub.singleuser.storage.extraVolumes keeps 'dev-shm'");
}

static void test_rules_storage_bh014_both_null_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    storage:\n"
			   "      type: none\n"
			   "      extraVolumeMounts:\n"
			   "      extraVolumes:\n",
			   HUB_AUTHENTICATED, check_BH014);
}

/* ---- BH015, BH016 ----------------------------------------------------------------- */

static const char init_container_home[] = "jupyterhub:\n"
					  "  singleuser:\n"
					  "    storage:\n"
					  "      type: none\n"
					  "    initContainers:\n"
					  "      - name: volume-mount-ownership-fix\n"
					  "        image: busybox\n"
					  "        volumeMounts:\n"
					  "          - name: home\n"
					  "            mountPath: /home/jovyan\n";

static void test_rules_storage_bh015_home_mount(void **state)
{
	(void)state;
	rule_expect_reports(init_container_home, HUB_AUTHENTICATED, check_BH015, RULE_BH015,
			    SEVERITY_ERROR, 9, 19,
			    "init container 'volume-mount-ownership-fix' mounts volume 'home'");
}

static void test_rules_storage_bh015_defined_volume_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    storage:\n"
			   "      type: none\n"
			   "      extraVolumes:\n"
			   "        - name: scratch\n"
			   "          emptyDir: {}\n"
			   "    initContainers:\n"
			   "      - name: prepare\n"
			   "        volumeMounts:\n"
			   "          - name: scratch\n"
			   "            mountPath: /scratch\n",
			   HUB_AUTHENTICATED, check_BH015);
}

static void test_rules_storage_bh016_init_containers(void **state)
{
	(void)state;
	rule_expect_reports(init_container_home, HUB_AUTHENTICATED, check_BH016, RULE_BH016,
			    SEVERITY_WARNING, 6, 7, "still runs 'volume-mount-ownership-fix'");
}

static void test_rules_storage_bh016_empty_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    initContainers: []\n",
			   HUB_AUTHENTICATED, check_BH016);
}

/* ---- BH017 ---------------------------------------------------------------------- */

static void test_rules_storage_bh017_profiles(void **state)
{
	(void)state;
	rule_expect_reports("jupyterhub:\n"
			    "  singleuser:\n"
			    "    profileList:\n"
			    "      - display_name: Small\n"
			    "      - display_name: Large\n",
			    HUB_AUTHENTICATED, check_BH017, RULE_BH017, SEVERITY_ERROR, 4, 7,
			    "has 2 profiles");
}

static void test_rules_storage_bh017_empty_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser:\n"
			   "    profileList: []\n",
			   HUB_AUTHENTICATED, check_BH017);
}

static void test_rules_storage_bh017_absent_passes(void **state)
{
	(void)state;
	rule_expect_passes("jupyterhub:\n"
			   "  singleuser: {}\n",
			   HUB_AUTHENTICATED, check_BH017);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_storage_bh010_enabled),
		cmocka_unit_test(test_rules_storage_bh010_absent_without_defaults),
		cmocka_unit_test(test_rules_storage_bh010_absent_from_older_chart_passes),
		cmocka_unit_test(test_rules_storage_bh010_false_passes),
		cmocka_unit_test(test_rules_storage_bh011_default_mounts_kept),
		cmocka_unit_test(test_rules_storage_bh011_mapping_mentions_empty_mapping),
		cmocka_unit_test(test_rules_storage_bh011_mapping_message_complete),
		cmocka_unit_test(test_rules_storage_bh011_names_volume_once),
		cmocka_unit_test(test_rules_storage_bh011_list),
		cmocka_unit_test(test_rules_storage_bh011_null_passes),
		cmocka_unit_test(test_rules_storage_bh011_empty_list_passes),
		cmocka_unit_test(test_rules_storage_bh011_absent_passes),
		cmocka_unit_test(test_rules_storage_bh012_static),
		cmocka_unit_test(test_rules_storage_bh012_absent),
		cmocka_unit_test(test_rules_storage_bh012_none_passes),
		cmocka_unit_test(test_rules_storage_bh013_home_without_storage),
		cmocka_unit_test(test_rules_storage_bh013_home_with_storage_passes),
		cmocka_unit_test(test_rules_storage_bh013_mapping_form),
		cmocka_unit_test(test_rules_storage_bh013_dev_shm_leftover_passes),
		cmocka_unit_test(test_rules_storage_bh014_dev_shm_leftover),
		cmocka_unit_test(test_rules_storage_bh014_names_each_volume_once),
		cmocka_unit_test(test_rules_storage_bh014_counts_distinct_names_beyond_three),
		cmocka_unit_test(test_rules_storage_bh014_volume_only),
		cmocka_unit_test(test_rules_storage_bh014_both_null_passes),
		cmocka_unit_test(test_rules_storage_bh015_home_mount),
		cmocka_unit_test(test_rules_storage_bh015_defined_volume_passes),
		cmocka_unit_test(test_rules_storage_bh016_init_containers),
		cmocka_unit_test(test_rules_storage_bh016_empty_passes),
		cmocka_unit_test(test_rules_storage_bh017_profiles),
		cmocka_unit_test(test_rules_storage_bh017_empty_passes),
		cmocka_unit_test(test_rules_storage_bh017_absent_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
