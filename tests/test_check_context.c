/* Where findings about missing keys point when several layers are checked. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context_missing_prefers_values_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
