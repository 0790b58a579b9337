/*
 * Unit tests of the check that a --deployer-values render was made for the
 * hub being checked (src/check/deployer_render.c).  A `2i2c/hub-name` node
 * selector or an in-cluster URL "://hub.NAMESPACE.svc" that names another
 * hub must be found at its line and column.  The error must name both hubs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/check/hub_run.h"
#include "fixture.h"
#include "load.h"
#include "tree.h"

/* A render for hub off, in the shape of basehub's values.jsonnet output. */
#define RENDER_FOR_OFF                                                                         \
	"binderhub-service:\n"                                                                 \
	"  dockerApi:\n"                                                                       \
	"    nodeSelector:\n"                                                                  \
	"      2i2c/hub-name: \"off\"\n"                                                       \
	"  config:\n"                                                                          \
	"    BinderHub:\n"                                                                     \
	"      hub_url_local: http://hub.off.svc.cluster.local:8081\n"

static struct tree_doc *parse(const char *yaml)
{
	struct tree_doc *doc = NULL;
	struct load_error err;

	if (load_buffer(yaml, strlen(yaml), "rendered.yaml", NULL, &doc, &err) != LOAD_OK)
		fail_msg("fixture does not parse: %s", err.message);
	return doc;
}

/* Run deployer_render_find_other_hub() on yaml for hub_name; other receives the name. */
static const struct node *find_in(struct tree_doc **doc, const char *yaml, const char *hub_name,
				  char *other, size_t size)
{
	*doc = parse(yaml);
	snprintf(other, size, "%s", "(unset)");
	return deployer_render_find_other_hub((*doc)->root, hub_name, other, size);
}

static void test_deployer_render_node_selector_other_hub(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found = find_in(&doc, RENDER_FOR_OFF, "typo", other, sizeof(other));

	(void)state;
	assert_non_null(found);
	assert_string_equal(other, "off");
	assert_int_equal(found->mark.line, 4);
	assert_int_equal(found->mark.column, 22);
	tree_doc_free(doc);
}

static void test_deployer_render_same_hub(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found = find_in(&doc, RENDER_FOR_OFF, "off", other, sizeof(other));

	(void)state;
	assert_null(found);
	assert_string_equal(other, "(unset)");
	tree_doc_free(doc);
}

static void test_deployer_render_url_other_hub(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "config:\n  hub_url_local: http://hub.off.svc.cluster.local:8081\n",
			"typo", other, sizeof(other));

	(void)state;
	assert_non_null(found);
	assert_string_equal(other, "off");
	assert_int_equal(found->mark.line, 2);
	assert_int_equal(found->mark.column, 18);
	tree_doc_free(doc);
}

static void test_deployer_render_url_same_hub(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "config:\n  hub_url_local: http://hub.typo.svc.cluster.local:8081\n",
			"typo", other, sizeof(other));

	(void)state;
	assert_null(found);
	tree_doc_free(doc);
}

static void test_deployer_render_url_prefix_of_hub_name(void **state)
{
	struct tree_doc *doc;
	char other[64];
	/* "of" is a prefix of "off", so a prefix comparison would wrongly accept it. */
	const struct node *found = find_in(&doc, "url: http://hub.of.svc:8081\n", "off", other,
					   sizeof(other));

	(void)state;
	assert_non_null(found);
	assert_string_equal(other, "of");
	tree_doc_free(doc);
}

static void test_deployer_render_url_not_in_cluster(void **state)
{
	struct tree_doc *doc;
	char other[64];
	/* A name with a dot before ".svc" is a public host, not an in-cluster namespace. */
	const struct node *dotted = find_in(&doc, "url: https://hub.off.example.org.svc.example\n",
					    "typo", other, sizeof(other));

	(void)state;
	assert_null(dotted);
	tree_doc_free(doc);
}

static void test_deployer_render_url_without_svc(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "url: https://hub.off/hub/api\n", "typo", other, sizeof(other));

	(void)state;
	assert_null(found);
	tree_doc_free(doc);
}

static void test_deployer_render_url_slash_before_svc(void **state)
{
	struct tree_doc *doc;
	char other[64];
	/* ".svc" after a '/' is in the URL's path, not in its host. */
	const struct node *found =
		find_in(&doc, "url: http://hub.off/x.svc\n", "typo", other, sizeof(other));

	(void)state;
	assert_null(found);
	tree_doc_free(doc);
}

static void test_deployer_render_in_sequence(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "urls:\n  - https://example.org\n  - http://hub.off.svc:8081\n", "typo",
			other, sizeof(other));

	(void)state;
	assert_non_null(found);
	assert_string_equal(other, "off");
	assert_int_equal(found->mark.line, 3);
	tree_doc_free(doc);
}

static void test_deployer_render_first_found_wins(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "a:\n  2i2c/hub-name: first\nb:\n  2i2c/hub-name: second\n", "typo",
			other, sizeof(other));

	(void)state;
	assert_non_null(found);
	assert_string_equal(other, "first");
	tree_doc_free(doc);
}

static void test_deployer_render_selector_value_not_scalar(void **state)
{
	struct tree_doc *doc;
	char other[64];
	const struct node *found =
		find_in(&doc, "nodeSelector:\n  2i2c/hub-name: [off]\n", "typo", other, sizeof(other));

	(void)state;
	assert_null(found);
	tree_doc_free(doc);
}

static void test_deployer_render_empty_document(void **state)
{
	char other[64] = "(unset)";

	(void)state;
	assert_null(deployer_render_find_other_hub(NULL, "typo", other, sizeof(other)));
	assert_string_equal(other, "(unset)");
}

/*
 * Run deployer_render_is_for_other_hub() with standard error sent to a file
 * in a new temporary folder, and return what it wrote there, malloc'ed.
 */
static char *run_is_for_other_hub(const struct hub_input *input, const char *yaml,
				  bool *result)
{
	struct check_request request = {.deployer_values = "rendered/off.yaml"};
	struct tree_doc *doc = parse(yaml);
	char *dir = fixture_temp_dir();
	char path[PATH_SIZE];
	char *text;
	int saved;
	FILE *capture;

	snprintf(path, sizeof(path), "%s/stderr", dir);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	capture = fopen(path, "w");
	assert_non_null(capture);
	assert_true(dup2(fileno(capture), STDERR_FILENO) >= 0);

	*result = deployer_render_is_for_other_hub(&request, input, doc);

	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	fclose(capture);
	text = fixture_read_file(path, NULL);
	assert_non_null(text);
	fixture_remove_tree(dir);
	free(dir);
	tree_doc_free(doc);
	return text;
}

static void test_deployer_render_error_names_hubs(void **state)
{
	char name[] = "typo";
	struct cluster_hub hub = {.name = name};
	struct hub_input input = {.hub = &hub, .deployer = DEPLOYER_RENDERED};
	bool result = false;
	char *text = run_is_for_other_hub(&input, RENDER_FOR_OFF, &result);

	(void)state;
	assert_true(result);
	assert_string_equal(text,
			    "binderhub-gen: error: rendered/off.yaml:4:22: the file of option "
			    "'--deployer-values' was rendered for hub 'off', not for hub 'typo' of "
			    "option '--hub'; render helm-charts/basehub/values.jsonnet for hub 'typo' "
			    "or leave the option out\n");
	free(text);
}

static void test_deployer_render_same_hub_silent(void **state)
{
	char name[] = "off";
	struct cluster_hub hub = {.name = name};
	struct hub_input input = {.hub = &hub, .deployer = DEPLOYER_RENDERED};
	bool result = true;
	char *text = run_is_for_other_hub(&input, RENDER_FOR_OFF, &result);

	(void)state;
	assert_false(result);
	assert_string_equal(text, "");
	free(text);
}

static void test_deployer_render_no_hub_silent(void **state)
{
	/* Files given as arguments name no hub, so no render can be for another. */
	struct hub_input input = {.deployer = DEPLOYER_RENDERED};
	bool result = true;
	char *text = run_is_for_other_hub(&input, RENDER_FOR_OFF, &result);

	(void)state;
	assert_false(result);
	assert_string_equal(text, "");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deployer_render_node_selector_other_hub),
		cmocka_unit_test(test_deployer_render_same_hub),
		cmocka_unit_test(test_deployer_render_url_other_hub),
		cmocka_unit_test(test_deployer_render_url_same_hub),
		cmocka_unit_test(test_deployer_render_url_prefix_of_hub_name),
		cmocka_unit_test(test_deployer_render_url_not_in_cluster),
		cmocka_unit_test(test_deployer_render_url_without_svc),
		cmocka_unit_test(test_deployer_render_url_slash_before_svc),
		cmocka_unit_test(test_deployer_render_in_sequence),
		cmocka_unit_test(test_deployer_render_first_found_wins),
		cmocka_unit_test(test_deployer_render_selector_value_not_scalar),
		cmocka_unit_test(test_deployer_render_empty_document),
		cmocka_unit_test(test_deployer_render_error_names_hubs),
		cmocka_unit_test(test_deployer_render_same_hub_silent),
		cmocka_unit_test(test_deployer_render_no_hub_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
