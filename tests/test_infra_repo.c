/* Tests of finding an infrastructure checkout and listing its clusters. */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "infra_repo.h"

#define CHECKOUT BHG_TESTS_DIR "/fixtures/cluster"
#define DEMO_FOLDER CHECKOUT "/config/clusters/demo"

/* The working folder a test left, so that it can go back after chdir(). */
struct working_folder {
	char saved[4096];
};

static void enter_folder(struct working_folder *working, const char *folder)
{
	assert_non_null(getcwd(working->saved, sizeof(working->saved)));
	assert_int_equal(chdir(folder), 0);
}

static void leave_folder(struct working_folder *working)
{
	assert_int_equal(chdir(working->saved), 0);
}

static void assert_same_folder(const char *actual, const char *expected)
{
	char actual_real[4096], expected_real[4096];

	assert_non_null(realpath(actual, actual_real));
	assert_non_null(realpath(expected, expected_real));
	assert_string_equal(actual_real, expected_real);
}

/* Create path (a folder) and its parents below an existing folder. */
static void make_folders(const char *base, const char *relative)
{
	char path[4096];
	size_t base_length = strlen(base);

	snprintf(path, sizeof(path), "%s/%s", base, relative);
	for (char *slash = path + base_length + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	assert_int_equal(mkdir(path, 0755), 0);
}

static void write_below(const char *base, const char *relative, const char *text)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", base, relative);
	assert_int_equal(fixture_write_file(path, text, 0644), 0);
}

/* ---- infra_repo_find_root ---------------------------------------------------- */

static void test_infra_repo_find_root_from_nested_folder(void **state)
{
	char root[4096];

	(void)state;
	assert_int_equal(infra_repo_find_root(DEMO_FOLDER, root, sizeof(root)), 0);
	assert_same_folder(root, CHECKOUT);
}

static void test_infra_repo_find_root_from_file(void **state)
{
	char root[4096];

	(void)state;
	assert_int_equal(infra_repo_find_root(DEMO_FOLDER "/binder.values.yaml", root,
					      sizeof(root)),
			 0);
	assert_same_folder(root, CHECKOUT);
}

static void test_infra_repo_find_root_from_root_itself(void **state)
{
	char root[4096];

	(void)state;
	assert_int_equal(infra_repo_find_root(CHECKOUT, root, sizeof(root)), 0);
	assert_same_folder(root, CHECKOUT);
}

static void test_infra_repo_find_root_absolute_elsewhere(void **state)
{
	char *folder = fixture_temp_dir();
	struct working_folder working;
	char root[4096], expected[4096];

	(void)state;
	assert_non_null(realpath(CHECKOUT, expected));
	enter_folder(&working, folder);
	assert_int_equal(infra_repo_find_root(DEMO_FOLDER, root, sizeof(root)), 0);
	leave_folder(&working);
	assert_string_equal(root, expected);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_find_root_is_working_folder(void **state)
{
	struct working_folder working;
	char root[4096];

	(void)state;
	enter_folder(&working, CHECKOUT);
	assert_int_equal(infra_repo_find_root("config/clusters/demo/cluster.yaml", root,
					      sizeof(root)),
			 0);
	leave_folder(&working);
	assert_string_equal(root, ".");
}

static void test_infra_repo_find_root_above_working_folder(void **state)
{
	struct working_folder working;
	char root[4096];

	(void)state;
	enter_folder(&working, DEMO_FOLDER);
	assert_int_equal(infra_repo_find_root(".", root, sizeof(root)), 0);
	leave_folder(&working);
	assert_string_equal(root, "../../..");
}

static void test_infra_repo_find_root_below_working_folder(void **state)
{
	struct working_folder working;
	char root[4096];

	(void)state;
	enter_folder(&working, BHG_TESTS_DIR);
	assert_int_equal(infra_repo_find_root("fixtures/cluster/config", root, sizeof(root)), 0);
	leave_folder(&working);
	assert_string_equal(root, "fixtures/cluster");
}

static void test_infra_repo_find_root_not_found(void **state)
{
	char *folder = fixture_temp_dir();
	char root[4096] = "unchanged";

	(void)state;
	assert_int_equal(infra_repo_find_root(folder, root, sizeof(root)), -1);
	assert_int_equal(infra_repo_find_root("/tmp", root, sizeof(root)), -1);
	assert_string_equal(root, "unchanged");
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_find_root_missing_start(void **state)
{
	char root[4096];

	(void)state;
	assert_int_equal(infra_repo_find_root(CHECKOUT "/no/such/folder", root, sizeof(root)), -1);
}

static void test_infra_repo_find_root_needs_chart_defaults(void **state)
{
	char *folder = fixture_temp_dir();
	char start[4096];
	char root[4096];

	(void)state;
	make_folders(folder, "config/clusters/x");
	snprintf(start, sizeof(start), "%s/config/clusters/x", folder);
	assert_int_equal(infra_repo_find_root(start, root, sizeof(root)), -1);

	/* A folder where the file should be is not enough either. */
	make_folders(folder, "helm-charts/basehub/values.yaml");
	assert_int_equal(infra_repo_find_root(start, root, sizeof(root)), -1);

	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_find_root_needs_clusters_folder(void **state)
{
	char *folder = fixture_temp_dir();
	char root[4096];

	(void)state;
	make_folders(folder, "helm-charts/basehub");
	write_below(folder, "helm-charts/basehub/values.yaml", "jupyterhub: {}\n");
	make_folders(folder, "config");
	write_below(folder, "config/clusters", "not a folder\n");
	assert_int_equal(infra_repo_find_root(folder, root, sizeof(root)), -1);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_find_root_buffer_too_small(void **state)
{
	char root[4];

	(void)state;
	assert_int_equal(infra_repo_find_root(DEMO_FOLDER, root, sizeof(root)), -1);
}

/* ---- infra_repo_list_clusters ------------------------------------------------ */

static void test_infra_repo_list_clusters_fixture(void **state)
{
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	assert_int_equal(infra_repo_list_clusters(CHECKOUT, &paths, &count), 0);
	/* notes/ has no cluster.yaml and templates/gcp/cluster.yaml is one level too deep. */
	assert_int_equal(count, 2);
	assert_string_equal(paths[0], CHECKOUT "/config/clusters/alpha/cluster.yaml");
	assert_string_equal(paths[1], CHECKOUT "/config/clusters/demo/cluster.yaml");
	infra_repo_free_clusters(paths, count);
}

static void test_infra_repo_list_clusters_sorted_and_filtered(void **state)
{
	char *folder = fixture_temp_dir();
	char **paths = NULL;
	size_t count = 0;
	char expected[4096];

	(void)state;
	make_folders(folder, "config/clusters/zeta");
	make_folders(folder, "config/clusters/Beta");
	make_folders(folder, "config/clusters/alpha");
	make_folders(folder, "config/clusters/.hidden");
	make_folders(folder, "config/clusters/empty");
	make_folders(folder, "config/clusters/odd/cluster.yaml");
	write_below(folder, "config/clusters/zeta/cluster.yaml", "name: zeta\n");
	write_below(folder, "config/clusters/Beta/cluster.yaml", "name: Beta\n");
	write_below(folder, "config/clusters/alpha/cluster.yaml", "name: alpha\n");
	write_below(folder, "config/clusters/.hidden/cluster.yaml", "name: hidden\n");
	write_below(folder, "config/clusters/README.md", "not a cluster\n");

	assert_int_equal(infra_repo_list_clusters(folder, &paths, &count), 0);
	assert_int_equal(count, 3);
	snprintf(expected, sizeof(expected), "%s/config/clusters/Beta/cluster.yaml", folder);
	assert_string_equal(paths[0], expected);
	snprintf(expected, sizeof(expected), "%s/config/clusters/alpha/cluster.yaml", folder);
	assert_string_equal(paths[1], expected);
	snprintf(expected, sizeof(expected), "%s/config/clusters/zeta/cluster.yaml", folder);
	assert_string_equal(paths[2], expected);

	infra_repo_free_clusters(paths, count);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_list_clusters_relative_root(void **state)
{
	struct working_folder working;
	char **paths = NULL;
	size_t count = 0;

	(void)state;
	enter_folder(&working, CHECKOUT);
	assert_int_equal(infra_repo_list_clusters(".", &paths, &count), 0);
	leave_folder(&working);
	assert_int_equal(count, 2);
	assert_string_equal(paths[0], "config/clusters/alpha/cluster.yaml");
	assert_string_equal(paths[1], "config/clusters/demo/cluster.yaml");
	infra_repo_free_clusters(paths, count);
}

static void test_infra_repo_list_clusters_none(void **state)
{
	char *folder = fixture_temp_dir();
	char **paths = NULL;
	size_t count = 99;

	(void)state;
	make_folders(folder, "config/clusters");
	assert_int_equal(infra_repo_list_clusters(folder, &paths, &count), 0);
	assert_int_equal(count, 0);
	infra_repo_free_clusters(paths, count);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

static void test_infra_repo_list_clusters_missing_folder(void **state)
{
	char *folder = fixture_temp_dir();
	char **paths = (char **)0x1;
	size_t count = 99;

	(void)state;
	errno = 0;
	assert_int_equal(infra_repo_list_clusters(folder, &paths, &count), -1);
	assert_int_equal(errno, ENOENT);
	assert_ptr_equal(paths, (char **)0x1);
	assert_int_equal(count, 99);
	assert_int_equal(fixture_remove_tree(folder), 0);
	free(folder);
}

/* ---- infra_repo_chart_defaults_path ---------------------------------------- */

static void test_infra_repo_chart_defaults_path_joined(void **state)
{
	char path[256];

	(void)state;
	assert_int_equal(infra_repo_chart_defaults_path(".", path, sizeof(path)), 0);
	assert_string_equal(path, "helm-charts/basehub/values.yaml");
	assert_int_equal(infra_repo_chart_defaults_path("../..", path, sizeof(path)), 0);
	assert_string_equal(path, "../../helm-charts/basehub/values.yaml");
	assert_int_equal(infra_repo_chart_defaults_path("/srv/infrastructure/", path, sizeof(path)),
			 0);
	assert_string_equal(path, "/srv/infrastructure/helm-charts/basehub/values.yaml");
}

static void test_infra_repo_chart_defaults_path_too_small(void **state)
{
	char path[16];

	(void)state;
	assert_int_equal(infra_repo_chart_defaults_path("/srv", path, sizeof(path)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_infra_repo_find_root_from_nested_folder),
		cmocka_unit_test(test_infra_repo_find_root_from_file),
		cmocka_unit_test(test_infra_repo_find_root_from_root_itself),
		cmocka_unit_test(test_infra_repo_find_root_absolute_elsewhere),
		cmocka_unit_test(test_infra_repo_find_root_is_working_folder),
		cmocka_unit_test(test_infra_repo_find_root_above_working_folder),
		cmocka_unit_test(test_infra_repo_find_root_below_working_folder),
		cmocka_unit_test(test_infra_repo_find_root_not_found),
		cmocka_unit_test(test_infra_repo_find_root_missing_start),
		cmocka_unit_test(test_infra_repo_find_root_needs_chart_defaults),
		cmocka_unit_test(test_infra_repo_find_root_needs_clusters_folder),
		cmocka_unit_test(test_infra_repo_find_root_buffer_too_small),
		cmocka_unit_test(test_infra_repo_list_clusters_fixture),
		cmocka_unit_test(test_infra_repo_list_clusters_sorted_and_filtered),
		cmocka_unit_test(test_infra_repo_list_clusters_relative_root),
		cmocka_unit_test(test_infra_repo_list_clusters_none),
		cmocka_unit_test(test_infra_repo_list_clusters_missing_folder),
		cmocka_unit_test(test_infra_repo_chart_defaults_path_joined),
		cmocka_unit_test(test_infra_repo_chart_defaults_path_too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
