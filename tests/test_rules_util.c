/* Unit tests of the helpers that the rule files share (rules_util.h) and of the rule API
 * additions check_is_absent, check_is_deleted and check_report_value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "rule_fixture.h"
#include "rules_util.h"

/* Return the node at path of the fixture's values. */
static const struct node *at(const struct rule_fixture *fixture, const char *path)
{
	return tree_get_path(fixture->doc->root, path);
}

/* ---- display ------------------------------------------------------------------------ */

static void test_rules_util_display_quoted_kinds(void **state)
{
	struct rule_fixture fixture;
	char buffer[RULES_QUOTED_SIZE];

	(void)state;
	rule_fixture_init(&fixture,
			  "text: abc\n"
			  "empty: \"\"\n"
			  "none: null\n"
			  "list: [1]\n"
			  "map: {}\n"
			  "long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
			  HUB_AUTHENTICATED);
	assert_string_equal(rules_display_quoted(at(&fixture, "text"), buffer, sizeof(buffer)),
			    "'abc'");
	assert_string_equal(rules_display_quoted(at(&fixture, "empty"), buffer, sizeof(buffer)),
			    "''");
	assert_string_equal(rules_display_quoted(at(&fixture, "none"), buffer, sizeof(buffer)),
			    "null");
	assert_string_equal(rules_display_quoted(at(&fixture, "list"), buffer, sizeof(buffer)),
			    "a list");
	assert_string_equal(rules_display_quoted(at(&fixture, "map"), buffer, sizeof(buffer)),
			    "{}");
	assert_string_equal(rules_display_quoted(NULL, buffer, sizeof(buffer)), "absent");
	rules_display_quoted(at(&fixture, "long"), buffer, sizeof(buffer));
	assert_int_equal(strlen(buffer), 62);
	assert_string_equal(buffer + 55, "aaa...'");
	rule_fixture_release(&fixture);
}

static void test_rules_util_display_list_items(void **state)
{
	struct rule_fixture fixture;
	char buffer[64];
	char small[12];

	(void)state;
	rule_fixture_init(&fixture,
			  "scopes: [servers, 'read:users', null]\n"
			  "empty: []\n"
			  "one: servers\n",
			  HUB_AUTHENTICATED);
	assert_string_equal(rules_display_list(at(&fixture, "scopes"), buffer, sizeof(buffer)),
			    "servers, read:users, null");
	assert_string_equal(rules_display_list(at(&fixture, "empty"), buffer, sizeof(buffer)),
			    "[]");
	assert_string_equal(rules_display_list(at(&fixture, "one"), buffer, sizeof(buffer)),
			    "servers");
	assert_string_equal(rules_display_list(at(&fixture, "scopes"), small, sizeof(small)),
			    "servers,...");
	rule_fixture_release(&fixture);
}

static void test_rules_util_default_suffix_origin(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, "key: value\n", HUB_AUTHENTICATED);
	assert_string_equal(rules_default_suffix(&fixture.ctx, at(&fixture, "key")), "");
	fixture.ctx.defaults_name = "values.yaml";
	assert_string_equal(rules_default_suffix(&fixture.ctx, at(&fixture, "key")),
			    ", the chart default");
	assert_string_equal(rules_default_suffix(&fixture.ctx, NULL), "");
	rule_fixture_release(&fixture);
}

/* ---- words and lists --------------------------------------------------------------- */

static void test_rules_util_text_in_cases(void **state)
{
	static const char *const words[] = {"null", "tmp", NULL};

	(void)state;
	assert_true(rules_text_in("tmp", words));
	assert_false(rules_text_in("Tmp", words));
	assert_false(rules_text_in(NULL, words));
	assert_true(rules_text_in_ignoring_case("NULL", words));
	assert_false(rules_text_in_ignoring_case("nul", words));
	assert_false(rules_text_in_ignoring_case(NULL, words));
}

static void test_rules_util_list_contains_cases(void **state)
{
	static const char *const words[] = {"servers", NULL};
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "plain: [self, servers]\n"
			  "other: [self]\n"
			  "cipher: ['ENC[AES256_GCM,data:abc,type:str]']\n"
			  "scalar: servers\n"
			  "aliased: &scopes [servers]\n"
			  "alias: *scopes\n",
			  HUB_AUTHENTICATED);
	assert_true(rules_list_contains(at(&fixture, "plain"), words));
	assert_false(rules_list_contains(at(&fixture, "other"), words));
	assert_true(rules_list_contains(at(&fixture, "cipher"), words));
	assert_false(rules_list_contains(at(&fixture, "scalar"), words));
	assert_true(rules_list_contains(at(&fixture, "alias"), words));
	assert_false(rules_list_contains(NULL, words));
	rule_fixture_release(&fixture);
}

static void test_rules_util_sequence_items(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, "anchor: &a x\nlist: [*a, y]\nmap: {a: 1}\n",
			  HUB_AUTHENTICATED);
	assert_int_equal(rules_sequence_count(at(&fixture, "list")), 2);
	assert_int_equal(rules_sequence_count(at(&fixture, "map")), 0);
	assert_int_equal(rules_sequence_count(NULL), 0);
	assert_string_equal(check_text(rules_sequence_item(at(&fixture, "list"), 0)), "x");
	assert_int_equal(rules_sequence_item(at(&fixture, "list"), 0)->kind, NODE_SCALAR);
	rule_fixture_release(&fixture);
}

static void test_rules_util_env_find_last(void **state)
{
	struct rule_fixture fixture;
	const struct node *item;

	(void)state;
	rule_fixture_init(&fixture,
			  "env:\n"
			  "  - name: A\n"
			  "    value: first\n"
			  "  - just a string\n"
			  "  - name: A\n"
			  "    value: second\n"
			  "map:\n"
			  "  A: {name: A}\n",
			  HUB_AUTHENTICATED);
	item = rules_env_find(at(&fixture, "env"), "A");
	assert_non_null(item);
	assert_string_equal(check_text(tree_mapping_get(item, "value")), "second");
	assert_null(rules_env_find(at(&fixture, "env"), "B"));
	assert_null(rules_env_find(at(&fixture, "map"), "A"));
	assert_null(rules_env_find(NULL, "A"));
	rule_fixture_release(&fixture);
}

/* ---- commands ------------------------------------------------------------------------ */

static void test_rules_util_cmd_runs_singleuser(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture,
			  "string: jupyterhub-singleuser\n"
			  "folder: [/opt/conda/bin/jupyterhub-singleuser, --debug]\n"
			  "module: [python3, -m, jupyterhub.singleuser]\n"
			  "shell: [sh, -c, 'exec jupyterhub-singleuser --ip=0.0.0.0']\n"
			  "lab: [jupyter-lab]\n"
			  "suffix: [jupyterhub-singleuser-extra]\n"
			  "word: [echo-jupyterhub-singleuser]\n",
			  HUB_UNAUTHENTICATED);
	assert_true(rules_cmd_runs_singleuser(at(&fixture, "string")));
	assert_true(rules_cmd_runs_singleuser(at(&fixture, "folder")));
	assert_true(rules_cmd_runs_singleuser(at(&fixture, "module")));
	assert_true(rules_cmd_runs_singleuser(at(&fixture, "shell")));
	assert_false(rules_cmd_runs_singleuser(at(&fixture, "lab")));
	assert_false(rules_cmd_runs_singleuser(at(&fixture, "suffix")));
	assert_false(rules_cmd_runs_singleuser(at(&fixture, "word")));
	assert_false(rules_cmd_runs_singleuser(NULL));
	rule_fixture_release(&fixture);
}

static void test_rules_util_cmd_items_string(void **state)
{
	struct rule_fixture fixture;
	const struct node *single = NULL;
	const struct node *const *items;
	size_t count = 0;

	(void)state;
	rule_fixture_init(&fixture, "cmd: jupyter-lab\nlist: [a, b]\n", HUB_UNAUTHENTICATED);
	items = rules_cmd_items(at(&fixture, "cmd"), &single, &count);
	assert_int_equal(count, 1);
	assert_ptr_equal(items[0], at(&fixture, "cmd"));
	assert_ptr_equal(single, at(&fixture, "cmd"));
	items = rules_cmd_items(at(&fixture, "list"), &single, &count);
	assert_int_equal(count, 2);
	assert_string_equal(check_text(items[1]), "b");
	assert_string_equal(rules_program_name("/opt/conda/bin/jupyter-lab"), "jupyter-lab");
	assert_string_equal(rules_program_name("jupyter-lab"), "jupyter-lab");
	rule_fixture_release(&fixture);
}

/* ---- key paths ----------------------------------------------------------------------- */

static void test_rules_util_path_append_key_escapes(void **state)
{
	char path[64] = "";
	size_t length;

	(void)state;
	length = rules_path_append_key(path, sizeof(path), 0, "node.kubernetes.io/type");
	assert_string_equal(path, "node\\.kubernetes\\.io/type");
	assert_int_equal(length, strlen(path));
	strcpy(path, "a");
	length = rules_path_append_key(path, sizeof(path), 1, "b");
	assert_string_equal(path, "a.b");
	assert_int_equal(length, 3);
}

static void test_rules_util_path_append_key_cuts(void **state)
{
	char path[6] = "ab";
	size_t length;

	(void)state;
	length = rules_path_append_key(path, sizeof(path), 2, "c.d");
	assert_string_equal(path, "ab.c");
	assert_int_equal(length, 4);
	strcpy(path, "abcd");
	length = rules_path_append_key(path, sizeof(path), 4, "e");
	assert_string_equal(path, "abcd.");
	assert_int_equal(length, 5);
}

/* ---- rule API additions ----------------------------------------------------------- */

static void test_check_is_absent_kinds(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, "none: null\nempty: \"\"\nlist: []\nmap: {}\n",
			  HUB_AUTHENTICATED);
	assert_true(check_is_absent(NULL));
	assert_true(check_is_absent(at(&fixture, "none")));
	assert_false(check_is_absent(at(&fixture, "empty")));
	assert_false(check_is_absent(at(&fixture, "list")));
	assert_false(check_is_absent(at(&fixture, "map")));
	rule_fixture_release(&fixture);
}

static void test_check_is_deleted_parents(void **state)
{
	struct deletion deletions[] = {{.path = (char *)"a.b", .mark = {0}}};
	struct rule_fixture fixture;

	(void)state;
	rule_fixture_init(&fixture, "x: 1\n", HUB_AUTHENTICATED);
	fixture.ctx.deletions = deletions;
	fixture.ctx.deletion_count = 1;
	assert_true(check_is_deleted(&fixture.ctx, "a.b"));
	assert_true(check_is_deleted(&fixture.ctx, "a.b.c"));
	assert_false(check_is_deleted(&fixture.ctx, "a.bc"));
	assert_false(check_is_deleted(&fixture.ctx, "a"));
	rule_fixture_release(&fixture);
}

static void test_check_report_value_user_node(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, "a:\n  b: 1\n", HUB_AUTHENTICATED);
	check_report_value(&fixture.ctx, RULE_BH001, at(&fixture, "a.b"), "a.b", "a.b is %d", 1);
	finding = rule_fixture_last(&fixture);
	assert_non_null(finding);
	assert_int_equal(finding->mark.line, 2);
	assert_int_equal(finding->mark.column, 6);
	assert_string_equal(finding->message, "a.b is 1");
	assert_string_equal(finding->path, "a.b");
	rule_fixture_release(&fixture);
}

static void test_check_report_value_missing_node(void **state)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, "a:\n  b: 1\n", HUB_AUTHENTICATED);
	check_report_value(&fixture.ctx, RULE_BH001, NULL, "a.c", "missing a.c");
	finding = rule_fixture_last(&fixture);
	assert_non_null(finding);
	/* The nearest parent key the user wrote: "a" at line 1. */
	assert_int_equal(finding->mark.line, 1);
	assert_int_equal(finding->mark.column, 1);
	rule_fixture_release(&fixture);
}

static void test_check_report_value_default_node(void **state)
{
	struct deletion deletions[] = {{.path = (char *)"a", .mark = {.file = "user.yaml",
								      .line = 7, .column = 3}}};
	struct rule_fixture fixture;
	const struct finding *finding;

	(void)state;
	rule_fixture_init(&fixture, "a:\n  b: 1\n", HUB_AUTHENTICATED);
	/* Every node of the fixture now counts as a chart default. */
	fixture.ctx.defaults_name = "values.yaml";
	fixture.ctx.deletions = deletions;
	fixture.ctx.deletion_count = 1;
	check_report_value(&fixture.ctx, RULE_BH001, at(&fixture, "a.b"), "a.b", "a.b is 1");
	finding = rule_fixture_last(&fixture);
	assert_non_null(finding);
	assert_string_equal(finding->mark.file, "user.yaml");
	assert_int_equal(finding->mark.line, 7);
	assert_int_equal(finding->mark.column, 3);
	rule_fixture_release(&fixture);
}

/* ---- binder role ---------------------------------------------------------------------- */

static const char *const read_users[] = {"read:users", NULL};

/* Run the binder role check on yaml and return how many findings it added. */
static size_t run_binder_role(struct rule_fixture *fixture, const char *yaml)
{
	rule_fixture_init(fixture, yaml, HUB_AUTHENTICATED);
	rules_check_binder_role(&fixture->ctx, RULE_BH115, read_users, "read:users",
				"read users");
	return fixture->findings.count;
}

static void test_rules_util_binder_role_missing(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_binder_role(&fixture, "jupyterhub: {hub: {loadRoles: {}}}\n"), 1);
	assert_string_equal(rule_fixture_last(&fixture)->message,
			    "no binder role in jupyterhub.hub.loadRoles; add one with services "
			    "[binder] and scopes [servers, read:users]");
	rule_fixture_release(&fixture);
}

static void test_rules_util_binder_role_scopes(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_binder_role(&fixture,
					 "jupyterhub:\n"
					 "  hub:\n"
					 "    loadRoles:\n"
					 "      binder:\n"
					 "        services: [other]\n"
					 "        scopes: [self]\n"),
			 2);
	assert_string_equal(fixture.findings.items[0].message,
			    "jupyterhub.hub.loadRoles.binder.services is 'other'; add binder so "
			    "that the role is given to the binder service");
	assert_string_equal(fixture.findings.items[1].message,
			    "jupyterhub.hub.loadRoles.binder.scopes is 'self'; add servers and "
			    "read:users so that BinderHub can read users");
	assert_int_equal(fixture.findings.items[1].mark.line, 6);
	rule_fixture_release(&fixture);
}

static void test_rules_util_binder_role_complete(void **state)
{
	struct rule_fixture fixture;

	(void)state;
	assert_int_equal(run_binder_role(&fixture,
					 "jupyterhub:\n"
					 "  hub:\n"
					 "    loadRoles:\n"
					 "      binder:\n"
					 "        services: [binder]\n"
					 "        scopes: [admin:servers, read:users]\n"),
			 0);
	rule_fixture_release(&fixture);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_util_display_quoted_kinds),
		cmocka_unit_test(test_rules_util_display_list_items),
		cmocka_unit_test(test_rules_util_default_suffix_origin),
		cmocka_unit_test(test_rules_util_text_in_cases),
		cmocka_unit_test(test_rules_util_list_contains_cases),
		cmocka_unit_test(test_rules_util_sequence_items),
		cmocka_unit_test(test_rules_util_env_find_last),
		cmocka_unit_test(test_rules_util_cmd_runs_singleuser),
		cmocka_unit_test(test_rules_util_cmd_items_string),
		cmocka_unit_test(test_rules_util_path_append_key_escapes),
		cmocka_unit_test(test_rules_util_path_append_key_cuts),
		cmocka_unit_test(test_check_is_absent_kinds),
		cmocka_unit_test(test_check_is_deleted_parents),
		cmocka_unit_test(test_check_report_value_user_node),
		cmocka_unit_test(test_check_report_value_missing_node),
		cmocka_unit_test(test_check_report_value_default_node),
		cmocka_unit_test(test_rules_util_binder_role_missing),
		cmocka_unit_test(test_rules_util_binder_role_scopes),
		cmocka_unit_test(test_rules_util_binder_role_complete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
