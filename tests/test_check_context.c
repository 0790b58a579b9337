/* Where findings about missing keys point when several layers are checked, and
 * the order findings are sorted in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "load.h"

static struct tree_doc *parse(const char *text, const char *name)
{
	struct load_error err;
	struct tree_doc *doc = NULL;

	assert_int_equal(load_buffer(text, strlen(text), name, NULL, &doc, &err), LOAD_OK);
	return doc;
}

static void test_context_missing_prefers_values_file(void **state)
{
	struct tree_doc *values = parse("binderhub-service:\n  config:\n    BinderHub: {}\n",
					"binder.values.yaml");
	struct tree_doc *secrets = parse("binderhub-service:\n  config:\n    DockerRegistry:\n"
					 "      password: x\n",
					 "enc-binder.secret.values.yaml");
	struct layer layers[2] = {
		{.name = "binder.values.yaml", .doc = values, .values = values->root},
		{.name = "enc-binder.secret.values.yaml", .doc = secrets, .values = secrets->root,
		 .secret = true},
	};
	struct findings findings = {0};
	struct rule_context ctx = {.values = values->root, .layers = layers, .layer_count = 2,
				   .findings = &findings};

	(void)state;
	check_report_missing(&ctx, RULE_BH139, "binderhub-service.config.GitHubRepoProvider",
			     "missing");
	assert_int_equal(findings.count, 1);
	assert_string_equal(findings.items[0].mark.file, "binder.values.yaml");
	assert_int_equal(findings.items[0].mark.line, 2);

	/* A deeper key in the secret file still wins. */
	check_report_missing(&ctx, RULE_BH160, "binderhub-service.config.DockerRegistry.url",
			     "missing");
	assert_int_equal(findings.count, 2);
	assert_string_equal(findings.items[1].mark.file, "enc-binder.secret.values.yaml");
	assert_int_equal(findings.items[1].mark.line, 3);
	findings_release(&findings);
	tree_doc_free(values);
	tree_doc_free(secrets);
}

/* Finding order */

static char key_a[] = "a.key";
static char key_b[] = "b.key";
static char message_a[] = "first";
static char message_b[] = "second";

static struct finding make_finding(const char *file, size_t line, size_t column,
				   enum rule_id rule, char *path, char *message)
{
	struct finding finding = {
		.rule = rule,
		.severity = SEVERITY_ERROR,
		.mark = {.file = file, .line = line, .column = column},
		.path = path,
		.message = message,
	};

	return finding;
}

static void expect_before(const struct finding *first, const struct finding *second)
{
	assert_true(findings_compare(first, second) < 0);
	assert_true(findings_compare(second, first) > 0);
}

static void test_context_findings_compare_by_file(void **state)
{
	struct finding a = make_finding("a.yaml", 9, 9, RULE_BH139, key_b, message_b);
	struct finding b = make_finding("b.yaml", 1, 1, RULE_BH001, key_a, message_a);

	(void)state;
	expect_before(&a, &b);
}

static void test_context_findings_compare_lines_as_numbers(void **state)
{
	struct finding a = make_finding("a.yaml", 20, 9, RULE_BH139, key_b, message_b);
	struct finding b = make_finding("a.yaml", 100, 1, RULE_BH001, key_a, message_a);

	(void)state;
	expect_before(&a, &b);
}

static void test_context_findings_compare_by_column(void **state)
{
	struct finding a = make_finding("a.yaml", 5, 2, RULE_BH139, key_b, message_b);
	struct finding b = make_finding("a.yaml", 5, 10, RULE_BH001, key_a, message_a);

	(void)state;
	expect_before(&a, &b);
}

static void test_context_findings_compare_by_rule(void **state)
{
	struct finding a = make_finding("a.yaml", 5, 3, RULE_BH001, key_b, message_b);
	struct finding b = make_finding("a.yaml", 5, 3, RULE_BH139, key_a, message_a);

	(void)state;
	expect_before(&a, &b);
}

static void test_context_findings_compare_by_path_then_message(void **state)
{
	struct finding a = make_finding("a.yaml", 5, 3, RULE_BH001, key_a, message_b);
	struct finding b = make_finding("a.yaml", 5, 3, RULE_BH001, key_b, message_a);
	struct finding c = make_finding("a.yaml", 5, 3, RULE_BH001, key_b, message_b);

	(void)state;
	expect_before(&a, &b);
	expect_before(&b, &c);
}

static void test_context_findings_compare_null_first(void **state)
{
	struct finding no_file = make_finding(NULL, 0, 0, RULE_BH139, key_a, message_a);
	struct finding file = make_finding("a.yaml", 0, 0, RULE_BH001, key_a, message_a);
	struct finding no_path = make_finding("a.yaml", 0, 0, RULE_BH001, NULL, message_a);
	struct finding no_message = make_finding("a.yaml", 0, 0, RULE_BH001, key_a, NULL);

	(void)state;
	expect_before(&no_file, &file);
	expect_before(&no_path, &file);
	expect_before(&no_message, &file);
}

static void test_context_findings_compare_ignores_severity(void **state)
{
	struct finding a = make_finding("a.yaml", 5, 3, RULE_BH001, key_a, message_a);
	struct finding b = make_finding("a.yaml", 5, 3, RULE_BH001, key_a, message_a);

	(void)state;
	b.severity = SEVERITY_INFO;
	b.from_emulated = true;
	assert_int_equal(findings_compare(&a, &b), 0);
}

static void test_context_findings_sort_orders_items(void **state)
{
	struct finding items[] = {
		make_finding("b.yaml", 1, 1, RULE_BH001, key_a, message_a),
		make_finding("a.yaml", 10, 1, RULE_BH001, key_a, message_a),
		make_finding(NULL, 0, 0, RULE_BH001, key_a, message_a),
		make_finding("a.yaml", 9, 1, RULE_BH001, key_a, message_a),
	};
	struct findings findings = {.items = items, .count = 4, .capacity = 4};

	(void)state;
	findings_sort(&findings);
	assert_null(items[0].mark.file);
	assert_int_equal(items[1].mark.line, 9);
	assert_int_equal(items[2].mark.line, 10);
	assert_string_equal(items[3].mark.file, "b.yaml");
}

static void test_context_findings_sort_empty_list(void **state)
{
	struct findings findings = {0};

	(void)state;
	findings_sort(&findings);
	assert_int_equal(findings.count, 0);
	assert_null(findings.items);
}

static void test_context_secret_keys(void **state)
{
	static const char *const secret[] = {"password", "client_secret", "apiToken",
					     "googleServiceAccountKey", "access_token",
					     "private_token", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN"};
	static const char *const plain[] = {"username", "url", "token_url", "registry"};

	(void)state;
	for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++)
		if (!check_is_secret_key(secret[i]))
			fail_msg("'%s' is not taken for a secret key", secret[i]);
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (check_is_secret_key(plain[i]))
			fail_msg("'%s' is taken for a secret key", plain[i]);
}

static void test_context_lineless_finding_goes_to_values_file(void **state)
{
	struct tree_doc *values = parse("jupyterhub: {}\n", "binder.values.yaml");
	struct tree_doc *secrets = parse("jupyterhub: {}\n", "enc-binder.secret.values.yaml");
	struct layer layers[2] = {
		{.name = "binder.values.yaml", .doc = values, .values = values->root},
		{.name = "enc-binder.secret.values.yaml", .doc = secrets, .values = secrets->root,
		 .secret = true},
	};
	struct findings findings = {0};
	struct rule_context ctx = {.values = values->root, .layers = layers, .layer_count = 2,
				   .defaults_name = "chart defaults", .findings = &findings};
	struct node from_defaults = {.kind = NODE_SCALAR, .mark = {"chart defaults", 3, 1}};

	(void)state;
	check_report(&ctx, RULE_BH070, &from_defaults, "binderhub-service.custom", "off");
	assert_int_equal(findings.count, 1);
	assert_string_equal(findings.items[0].mark.file, "binder.values.yaml");
	assert_int_equal(findings.items[0].mark.line, 0);
	findings_release(&findings);
	tree_doc_free(values);
	tree_doc_free(secrets);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_missing_prefers_values_file),
		cmocka_unit_test(test_context_secret_keys),
		cmocka_unit_test(test_context_lineless_finding_goes_to_values_file),
		cmocka_unit_test(test_context_findings_compare_by_file),
		cmocka_unit_test(test_context_findings_compare_lines_as_numbers),
		cmocka_unit_test(test_context_findings_compare_by_column),
		cmocka_unit_test(test_context_findings_compare_by_rule),
		cmocka_unit_test(test_context_findings_compare_by_path_then_message),
		cmocka_unit_test(test_context_findings_compare_null_first),
		cmocka_unit_test(test_context_findings_compare_ignores_severity),
		cmocka_unit_test(test_context_findings_sort_orders_items),
		cmocka_unit_test(test_context_findings_sort_empty_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
