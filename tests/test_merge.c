/* Unit tests of helm-style layering and --set overrides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"
#include "load.h"
#include "merge.h"
#include "set.h"

static struct tree_doc *parse(const char *text)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;
	struct tree_doc *doc = NULL;

	assert_int_equal(load_buffer(text, strlen(text), "t.yaml", &options, &doc, &err), LOAD_OK);
	return doc;
}

static void expect_text(const struct node *root, const char *expected)
{
	struct emit_options options = {.comments = true};
	char error[128];
	char *out = NULL;
	size_t length = 0;

	assert_int_equal(emit_document(root, &options, &out, &length, error, sizeof(error)), 0);
	assert_string_equal(out, expected);
	free(out);
}

static void merge_texts(const char *base, const char *overlay, const char *expected)
{
	struct tree_doc *doc = parse(base);
	struct tree_doc *layer = parse(overlay);

	merge_layer(doc, &doc->root, layer->root);
	tree_doc_free(layer);
	expect_text(doc->root, expected);
	tree_doc_free(doc);
}

static void test_merge_maps_merge_keys_append(void **state)
{
	(void)state;
	merge_texts("a:\n  b: 1\n  c: 2\n", "a:\n  c: 3\n  d: 4\n", "a:\n  b: 1\n  c: 3\n  d: 4\n");
}

static void test_merge_lists_replace(void **state)
{
	(void)state;
	merge_texts("a: [1, 2, 3]\n", "a: [4]\n", "a:\n- 4\n");
}

static void test_merge_null_replaces(void **state)
{
	(void)state;
	merge_texts("a:\n  b: 1\n", "a:\n", "a:\n");
}

static void test_merge_comment_from_overlay(void **state)
{
	(void)state;
	merge_texts("# base\na: 1\nb: 2\n", "# new\nb: 3\n", "# base\na: 1\n# new\nb: 3\n");
}

static void test_merge_aliases_follow_copied_anchor(void **state)
{
	struct tree_doc *doc = parse("x:\n  url: old\n");
	struct tree_doc *layer = parse("x:\n  url: &url new\ny:\n  server: *url\n");
	const struct node *server;

	(void)state;
	merge_layer(doc, &doc->root, layer->root);
	tree_doc_free(layer);
	server = tree_mapping_find(tree_mapping_get(doc->root, "y"), "server")->value;
	assert_int_equal(server->kind, NODE_ALIAS);
	assert_ptr_equal(server->as.alias.target, tree_get_path(doc->root, "x.url"));
	expect_text(doc->root, "x:\n  url: &url new\ny:\n  server: *url\n");
	tree_doc_free(doc);
}

static void apply(const char *base, const char *assignment, bool as_string, const char *expected)
{
	struct tree_doc *doc = parse(base);
	char error[256];

	assert_int_equal(set_apply(doc, &doc->root, assignment, as_string, error, sizeof(error)), 0);
	expect_text(doc->root, expected);
	tree_doc_free(doc);
}

static void test_set_creates_path(void **state)
{
	(void)state;
	apply("a: 1\n", "b.c.d=x", false, "a: 1\nb:\n  c:\n    d: x\n");
}

static void test_set_typed_and_string(void **state)
{
	(void)state;
	apply("a: 1\n", "a=true", false, "a: true\n");
	apply("a: 1\n", "a=true", true, "a: 'true'\n");
	apply("a: 1\n", "a=", false, "a: ''\n");
}

static void test_set_escaped_dot(void **state)
{
	(void)state;
	apply("n:\n  node.kubernetes.io/instance-type: a\n", "n.node\\.kubernetes\\.io/instance-type=b",
	      false, "n:\n  node.kubernetes.io/instance-type: b\n");
}

static void test_set_keeps_anchor(void **state)
{
	(void)state;
	apply("u: &url a\ns: *url\n", "u=b", false, "u: &url b\ns: *url\n");
}

static void test_set_last_key(void **state)
{
	char key[64];

	(void)state;
	assert_int_equal(set_last_key("a.b\\.c=1", key, sizeof(key)), 0);
	assert_string_equal(key, "b.c");
	assert_int_equal(set_last_key("password=x", key, sizeof(key)), 0);
	assert_string_equal(key, "password");
	assert_int_equal(set_last_key("=x", key, sizeof(key)), -1);
}

static void test_set_errors(void **state)
{
	struct tree_doc *doc = parse("a: [1]\nl: &l {k: v}\nm: *l\n");
	char error[256];

	(void)state;
	assert_int_equal(set_apply(doc, &doc->root, "novalue", false, error, sizeof(error)), -1);
	assert_string_equal(error, "invalid assignment 'novalue'; write PATH=VALUE with a non-empty "
				   "dotted PATH, e.g. jupyterhub.hub.redirectToServer=false");
	assert_int_equal(set_apply(doc, &doc->root, "a..b=1", false, error, sizeof(error)), -1);
	assert_int_equal(set_apply(doc, &doc->root, "=1", false, error, sizeof(error)), -1);
	assert_int_equal(set_apply(doc, &doc->root, "a.b=1", false, error, sizeof(error)), -1);
	assert_string_equal(error, "cannot apply 'a.b=1': the value above key 'b' is not a mapping");
	assert_int_equal(set_apply(doc, &doc->root, "m.k=1", false, error, sizeof(error)), -1);
	assert_int_equal(set_apply(doc, &doc->root, "a[0]=1", false, error, sizeof(error)), -1);
	assert_string_equal(error, "cannot apply 'a[0]=1': list indexes such as [0] are not "
				   "supported; set the whole list in a values file instead");
	tree_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge_maps_merge_keys_append),
		cmocka_unit_test(test_merge_lists_replace),
		cmocka_unit_test(test_merge_null_replaces),
		cmocka_unit_test(test_merge_comment_from_overlay),
		cmocka_unit_test(test_merge_aliases_follow_copied_anchor),
		cmocka_unit_test(test_set_creates_path),
		cmocka_unit_test(test_set_typed_and_string),
		cmocka_unit_test(test_set_escaped_dot),
		cmocka_unit_test(test_set_keeps_anchor),
		cmocka_unit_test(test_set_last_key),
		cmocka_unit_test(test_set_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
