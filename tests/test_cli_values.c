/*
 * End-to-end tests of `binderhub-gen values` and `secrets` through the built
 * binary: golden outputs byte for byte, and every error path's exit status,
 * exact message, empty stdout and absence of files.
 * Regenerate the golden files with BHG_UPDATE_GOLDEN=1 after a deliberate change.
 */
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

#include "cli.h"
#include "fixture.h"
#include "load.h"

#define MAX_ARGS 48

/* snprintf into a new buffer; the tests build many paths. */
static char *format_text(const char *format, ...)
{
	va_list args;
	char *text = malloc(4096);

	assert_non_null(text);
	va_start(args, format);
	vsnprintf(text, 4096, format, args);
	va_end(args);
	return text;
}

struct golden_case {
	const char *name;
	const char *args[MAX_ARGS];
};

static const struct golden_case values_cases[] = {
	{"aws-none-quay-cors",
	 {"values", "--cluster", "opensci", "--hub", "binder", "--aws", "--no-auth", "--cors", "*",
	  NULL}},
	{"gcp-github-gar-homepage",
	 {"values", "--cluster", "demo", "--hub", "binder", "--gcp", "--gcp-project", "demo-project-1",
	  "--auth", "--org-name", "Example University", "--org-logo-url",
	  "https://example.org/logo.png", "--org-url", "https://example.org", "--funded-by-name",
	  "Example Foundation", "--funded-by-url", "https://example.org/funding", "--banner",
	  "Support: binder@example.org", "--about", "Run by the example team.", NULL}},
	{"gcp-cilogon-quay-no-logs",
	 {"values", "--cluster", "hhmi", "--gcp", "--auth=cilogon", "--image-prefix",
	  "quay.io/hhmi-binder/", "--instance-type", "n2-highmem-2", "--no-launch-logs", NULL}},
	{"azure-none-specs-no-comments",
	 {"values", "--cluster", "utoronto", "--hub", "binder", "--azure", "--instance-type",
	  "Standard_E8s_v5", "--allowed-spec", "^example-org/.*", "--allowed-spec",
	  "^other-org/one-repo$", "--docker-storage-limit", "30Gi", "--no-comments", NULL}},
	{"aws-github-set-public-api",
	 {"values", "--cluster", "opensci", "--hub", "big-binder", "--aws", "--auth=github",
	  "--binderhub-domain", "big.binder.opensci.2i2c.cloud", "--public-hub-api", "--set",
	  "jupyterhub.singleuser.memory.limit=8G", "--set",
	  "jupyterhub.singleuser.nodeSelector.node\\.kubernetes\\.io/instance-type=r5.2xlarge",
	  "--set-string", "binderhub-service.config.BinderHub.banner_message=true", NULL}},
};

static char *golden_path(const char *folder, const char *name)
{
	char *path = format_text("%s/golden/%s/%s.yaml", BHG_TESTS_DIR, folder, name);
	return path;
}

static void test_cli_values_golden(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(values_cases) / sizeof(values_cases[0]); i++) {
		struct cli_result result;
		char *path = golden_path("values", values_cases[i].name);

		assert_int_equal(cli_run(values_cases[i].args, NULL, NULL, NULL, &result), 0);
		if (result.status != 0)
			fail_msg("%s: exit %d: %s", values_cases[i].name, result.status, result.err);
		fixture_assert_golden(result.out, result.out_length, path);
		free(path);
		cli_result_release(&result);
	}
}

/*
 * Every auth mode x provider x registry has a golden file.  The optional
 * features rotate over the 18 cases, so each appears with every auth mode
 * and provider.
 */
static void test_cli_values_golden_matrix(void **state)
{
	static const char *const auths[] = {"none", "github", "cilogon"};
	static const char *const providers[] = {"gcp", "aws", "azure"};
	static const char *const registries[] = {"gar", "quay"};
	size_t index = 0;

	(void)state;
	for (size_t a = 0; a < 3; a++)
		for (size_t p = 0; p < 3; p++)
			for (size_t r = 0; r < 2; r++, index++) {
				const char *args[MAX_ARGS];
				char auth[32], provider[32], registry[32], name[96];
				struct cli_result result;
				size_t n = 0;
				char *path;

				snprintf(auth, sizeof(auth), a == 0 ? "--no-auth" : "--auth=%s",
					 auths[a]);
				snprintf(provider, sizeof(provider), "--%s", providers[p]);
				snprintf(registry, sizeof(registry), "--registry=%s", registries[r]);
				snprintf(name, sizeof(name), "matrix-%s-%s-%s", auths[a], providers[p],
					 registries[r]);
				args[n++] = "values";
				args[n++] = "--cluster";
				args[n++] = "matrix";
				args[n++] = auth;
				args[n++] = provider;
				args[n++] = registry;
				if (p == 2) {
					args[n++] = "--instance-type";
					args[n++] = "Standard_E8s_v5";
				}
				if (r == 0) {
					args[n++] = "--gcp-project";
					args[n++] = "matrix-project-1";
				}
				if (index % 2 == 0 && a == 0) {
					args[n++] = "--cors";
					args[n++] = "*";
				}
				if (index % 2 == 0 && a != 0) {
					args[n++] = "--org-name=Example";
					args[n++] = "--org-logo-url=https://example.org/logo.png";
					args[n++] = "--org-url=https://example.org";
					args[n++] = "--funded-by-name=Example Fund";
					args[n++] = "--funded-by-url=https://example.org/fund";
				}
				if (index % 3 != 1) {
					args[n++] = "--allowed-spec";
					args[n++] = "^example-org/.*";
				}
				if (index % 4 == 1)
					args[n++] = "--no-launch-logs";
				if (index % 5 == 2) {
					args[n++] = "--set";
					args[n++] = "jupyterhub.singleuser.memory.limit=4G";
				}
				args[n] = NULL;

				path = golden_path("values", name);
				assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
				if (result.status != 0)
					fail_msg("%s: exit %d: %s", name, result.status, result.err);
				fixture_assert_golden(result.out, result.out_length, path);
				free(path);
				cli_result_release(&result);
			}
}

static void test_cli_values_header_keeps_line_breaks_out(void **state)
{
	/* CR, NEL and LS end a YAML comment line, so an argument holding one
	 * must not turn into keys of the file. */
	static const char *const values[] = {"a\rinjected: true", "a\xc2\x85injected: true",
					     "a\xe2\x80\xa8injected: true"};

	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char set[96];
		const char *args[] = {"values", "--cluster", "opensci", "--aws", "--allowed-spec",
				      "^a/.*", "--set-string", set, NULL};
		struct tree_doc *doc = NULL;
		struct load_error err;
		struct cli_result result;

		snprintf(set, sizeof(set), "jupyterhub.custom.note=%s", values[i]);
		assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
		assert_int_equal(result.status, 0);
		assert_int_equal(load_buffer(result.out, result.out_length, "out", NULL, &doc, &err),
				 LOAD_OK);
		assert_null(tree_mapping_get(doc->root, "injected"));
		assert_int_equal(doc->root->as.mapping.count, 3);
		tree_doc_free(doc);
		cli_result_release(&result);
	}
}

static void test_cli_values_output_is_deterministic(void **state)
{
	struct cli_result first, second;

	(void)state;
	assert_int_equal(cli_run(values_cases[1].args, NULL, NULL, NULL, &first), 0);
	assert_int_equal(cli_run(values_cases[1].args, NULL, NULL, NULL, &second), 0);
	assert_int_equal(first.out_length, second.out_length);
	assert_memory_equal(first.out, second.out, first.out_length);
	assert_int_equal(first.out[first.out_length - 1], '\n');
	assert_int_not_equal(first.out[first.out_length - 2], '\n');
	cli_result_release(&first);
	cli_result_release(&second);
}

static void test_cli_values_warns_open_builds(void **state)
{
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(values_cases[0].args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.err, "stdout:"));
	assert_non_null(strstr(result.err, ": warning: missing "
					   "binderhub-service.config.GitHubRepoProvider.allowed_specs, "
					   "so anyone can build any GitHub repository"));
	assert_non_null(strstr(result.err, "[BH139 allowed-specs-set]"));
	cli_result_release(&result);
}

struct error_case {
	const char *args[MAX_ARGS];
	const char *message;
};

static const struct error_case values_errors[] = {
	{{"values", "--aws", NULL},
	 "binderhub-gen: error: missing required options: --cluster; see 'binderhub-gen values "
	 "--help'\n"},
	{{"values", "--cluster", "opensci", "--aws", "--auth", "--org-name", "X", NULL},
	 "binderhub-gen: error: the homepage needs all of --org-name, --org-logo-url, --org-url, "
	 "--funded-by-name and --funded-by-url; add --org-logo-url, --org-url, --funded-by-name, "
	 "--funded-by-url\n"},
	{{"values", "--cluster", "opensci", "--aws", "--org-name", "X", NULL},
	 "binderhub-gen: error: --org-name applies only to hubs with login, because a hub without "
	 "login shows no homepage; add --auth or drop the homepage options\n"},
	{{"values", "--cluster", "opensci", "--aws", "--auth", "--cors", "*", NULL},
	 "binderhub-gen: error: --cors applies only to hubs without login, because JupyterHub "
	 "ignores cors_allow_origin when users log in; drop --cors or use --no-auth\n"},
	{{"values", "--cluster", "opensci", "--gcp", "--gcp-project", "my-proj-1", "--hub",
	  "hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh", NULL},
	 "binderhub-gen: error: the default --registry-repository "
	 "'hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh-registry' (the hub name and "
	 "'-registry') is 69 characters long, over the maximum of 63; give --registry-repository "
	 "NAME\n"},
	{{"values", "--cluster", "opensci", "--aws", "--set", "a.b", NULL}, NULL},
	{{"values", "--cluster", "opensci", "--aws", "--registry", "quay", "--image-prefix",
	  "us-central1-docker.pkg.dev/p/r/", NULL},
	 "binderhub-gen: error: --image-prefix is on 'us-central1-docker.pkg.dev', but --registry is "
	 "quay; drop --registry or give a prefix on that registry\n"},
	{{"values", "--cluster", "opensci", "--aws", "--set",
	  "binderhub-service.config.DockerRegistry.password=hunter2", NULL},
	 "binderhub-gen: error: --set binderhub-service.config.DockerRegistry.password=... would put "
	 "a secret on the command line and in the values file; put it in the secret file instead "
	 "(binderhub-gen secrets, then sops)\n"},
	{{"values", "--cluster", "opensci", "--aws", "--set", "jupyterhub.hub.loadRoles.user.scopes.x=1",
	  NULL},
	 "binderhub-gen: error: cannot apply 'jupyterhub.hub.loadRoles.user.scopes.x=1': the value "
	 "above key 'x' is not a mapping\n"},
	{{"values", "--cluster", "opensci", "--aws", "--allowed-spec", "a(", NULL},
	 "binderhub-gen: error: invalid value 'a(' for option '--allowed-spec': does not compile as "
	 "a regular expression, because PCRE2 reports 'missing closing parenthesis' at offset 2; fix "
	 "the regular expression, which BinderHub compiles with Python's re module\n"},
	{{"nonsense", NULL},
	 "binderhub-gen: error: unknown command 'nonsense'; run 'binderhub-gen --help' to list "
	 "them\n"},
	{{"secrets", "--cluster", "opensci", "--aws", "--registry-password", "hunter2", NULL},
	 "binderhub-gen: error: option '--registry-password' is not accepted, because secrets on the "
	 "command line show in 'ps' output and in shell history; use 'binderhub-gen secrets "
	 "--registry-password-file FILE' ('-' reads stdin) or set the environment variable "
	 "BINDERHUB_GEN_REGISTRY_PASSWORD\n"},
	{{"secrets", "--cluster", "opensci", "--aws", NULL},
	 "binderhub-gen: error: no registry password given; pass --registry-password-file FILE (or - "
	 "for stdin) or set BINDERHUB_GEN_REGISTRY_PASSWORD\n"},
};

static void test_cli_errors_exit_2_with_one_message(void **state)
{
	char *dir = fixture_temp_dir();

	(void)state;
	for (size_t i = 0; i < sizeof(values_errors) / sizeof(values_errors[0]); i++) {
		const char *args[MAX_ARGS + 2];
		char *output = NULL;
		struct cli_result result;
		size_t n = 0;

		/* Every failing run also names an output file, which must not appear. */
		output = format_text(strcmp(values_errors[i].args[0], "secrets") == 0
					     ? "%s/enc-binder.secret.values.yaml"
					     : "%s/binder.values.yaml",
				     dir);
		for (; values_errors[i].args[n]; n++)
			args[n] = values_errors[i].args[n];
		args[n++] = "-o";
		args[n++] = output;
		args[n] = NULL;
		assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
		assert_int_equal(result.status, 2);
		assert_int_equal(result.out_length, 0);
		if (values_errors[i].message)
			assert_string_equal(result.err, values_errors[i].message);
		else
			assert_non_null(strstr(result.err, "binderhub-gen: error: "));
		assert_int_not_equal(access(output, F_OK), 0);
		free(output);
		cli_result_release(&result);
	}
	fixture_remove_tree(dir);
	free(dir);
}

static void test_cli_output_name_matches_kind(void **state)
{
	const char *values[] = {"values", "--cluster", "opensci", "--aws", "-o",
				"x/enc-binder.secret.values.yaml", NULL};
	const char *secrets[] = {"secrets", "--cluster", "opensci", "--aws", "--no-launch-logs",
				 "-o", "x/binder.values.yaml", NULL};
	const char *env[] = {"BINDERHUB_GEN_REGISTRY_PASSWORD=from-env", NULL};
	struct cli_result result;

	(void)state;
	assert_int_equal(cli_run(values, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, "binderhub-gen: error: 'x/enc-binder.secret.values.yaml' has "
					"'secret' in its name, so the deployer would take it for a "
					"sops-encrypted secret file; name it <hub>.values.yaml\n");
	cli_result_release(&result);

	assert_int_equal(cli_run(secrets, NULL, env, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, "binderhub-gen: error: 'x/binder.values.yaml' has no 'secret' "
					"in its name, so sops's creation rule and the deployer would not "
					"treat it as a secret file; name it "
					"enc-<hub>.secret.values.yaml\n");
	cli_result_release(&result);
}

static void test_cli_values_rejects_overwrite(void **state)
{
	char *dir = fixture_temp_dir();
	char *output = NULL;
	const char *args[] = {"values", "--cluster", "opensci", "--aws", "-o", NULL, NULL, NULL};
	struct cli_result result;
	size_t length = 0;
	char *content;

	(void)state;
	output = format_text("%s/binder.values.yaml", dir);
	args[5] = output;
	assert_int_equal(fixture_write_file(output, "keep me\n", 0644), 0);
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	/* The only message: the file is refused before the self-check runs. */
	{
		char *expected = format_text("binderhub-gen: error: '%s' already exists; add "
					     "--force to replace it\n",
					     output);

		assert_string_equal(result.err, expected);
		free(expected);
	}
	content = fixture_read_file(output, &length);
	assert_string_equal(content, "keep me\n");
	free(content);
	cli_result_release(&result);

	args[6] = "--force";
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_int_equal(result.out_length, 0);
	content = fixture_read_file(output, &length);
	assert_non_null(strstr(content, "binderhub-service:"));
	free(content);
	cli_result_release(&result);
	free(output);
	fixture_remove_tree(dir);
	free(dir);
}

static void test_cli_values_self_check_blocks_errors(void **state)
{
	char *dir = fixture_temp_dir();
	char *output = format_text("%s/binder.values.yaml", dir);
	const char *args[] = {"values", "--cluster", "opensci", "--aws", "--allowed-spec", "^a/.*",
			      "--set", "binderhub-service.config.BinderHub.base_url=/services/binder",
			      "-o", output, NULL, NULL};
	struct cli_result result;
	size_t length = 0;
	char *content;

	(void)state;
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 1);
	assert_int_equal(result.out_length, 0);
	assert_non_null(strstr(result.err, ": error: "));
	assert_non_null(strstr(result.err, "[BH040 "));
	assert_non_null(strstr(result.err, "so it was not written; fix the options above, or add "
					   "--allow-findings to write it anyway\n"));
	assert_int_not_equal(access(output, F_OK), 0);
	cli_result_release(&result);

	args[10] = "--allow-findings";
	assert_int_equal(cli_run(args, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.err, "[BH040 "));
	content = fixture_read_file(output, &length);
	assert_non_null(strstr(content, "base_url: /services/binder\n"));
	free(content);
	cli_result_release(&result);
	free(output);
	fixture_remove_tree(dir);
	free(dir);
}

static const char key_json[] = "{\n  \"type\": \"service_account\",\n"
			       "  \"client_email\": \"launch-logs@example.iam.gserviceaccount.com\",\n"
			       "  \"private_key\": \"k\"\n}\n";

static void test_cli_secrets_golden_and_mode(void **state)
{
	char *dir = fixture_temp_dir();
	char *password_file = NULL, *key_file = NULL, *output = NULL, *path;
	struct cli_result result;
	struct stat st;
	size_t length = 0;
	char *content;

	(void)state;
	password_file = format_text("%s/password", dir);
	key_file = format_text("%s/key.json", dir);
	output = format_text("%s/enc-binder.secret.values.yaml", dir);
	assert_int_equal(fixture_write_file(password_file, "s3cret-'quoted'\n", 0600), 0);
	assert_int_equal(fixture_write_file(key_file, key_json, 0600), 0);

	const char *quay[] = {"secrets", "--cluster", "opensci", "--aws", "--registry-password-file",
			      password_file, "--launch-logs-key-file", key_file, "-o", output, NULL};

	assert_int_equal(cli_run(quay, NULL, NULL, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_int_equal(result.out_length, 0);
	assert_int_equal(stat(output, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	content = fixture_read_file(output, &length);
	path = golden_path("secrets", "quay-launch-logs");
	fixture_assert_golden(content, length, path);
	free(path);
	free(content);
	cli_result_release(&result);

	/* GAR, password from stdin, launch logs off: no key needed. */
	const char *gar[] = {"secrets", "--cluster", "demo", "--gcp", "--gcp-project",
			     "demo-project-1", "--registry-password-file", "-", "--no-launch-logs",
			     NULL};

	assert_int_equal(cli_run(gar,
				 "{\"type\": \"service_account\", \"client_email\": \"pusher@p.example\", "
				 "\"private_key\": \"k\"}\n",
				 NULL, NULL, &result),
			 0);
	assert_int_equal(result.status, 0);
	path = golden_path("secrets", "gar-stdin-no-logs");
	fixture_assert_golden(result.out, result.out_length, path);
	free(path);
	cli_result_release(&result);

	/* A GAR password and a launch-logs key must be service-account keys. */
	assert_int_equal(cli_run(gar, "hunter2\n", NULL, NULL, &result), 0);
	assert_int_equal(result.status, 2);
	assert_int_equal(result.out_length, 0);
	assert_string_equal(result.err, "binderhub-gen: error: the registry password is not a JSON "
					"object, but Artifact Registry needs a service-account JSON key "
					"as the password of _json_key; give the key from terraform's "
					"registry_sa_keys output\n");
	cli_result_release(&result);

	const char *bad_key[] = {"secrets", "--cluster", "opensci", "--aws",
				 "--registry-password-file", password_file, "--launch-logs-key-file",
				 "-", NULL};

	assert_int_equal(cli_run(bad_key, "{\"type\": \"authorized_user\"}", NULL, NULL, &result),
			 0);
	assert_int_equal(result.status, 2);
	assert_string_equal(result.err, "binderhub-gen: error: the launch-logs key has no 'type' of "
					"'service_account'; give the JSON key of 2i2c's service "
					"account for launch events, because BinderHub exits at start-up "
					"without a valid one\n");
	cli_result_release(&result);

	/* The password may come from the environment. */
	const char *env_args[] = {"secrets", "--cluster", "opensci", "--aws", "--no-launch-logs", NULL};
	const char *env[] = {"BINDERHUB_GEN_REGISTRY_PASSWORD=from-env", NULL};

	assert_int_equal(cli_run(env_args, NULL, env, NULL, &result), 0);
	assert_int_equal(result.status, 0);
	assert_non_null(strstr(result.out, "password: &password from-env\n"));
	cli_result_release(&result);

	free(password_file);
	free(key_file);
	free(output);
	fixture_remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_values_golden),
		cmocka_unit_test(test_cli_values_golden_matrix),
		cmocka_unit_test(test_cli_values_header_keeps_line_breaks_out),
		cmocka_unit_test(test_cli_values_output_is_deterministic),
		cmocka_unit_test(test_cli_values_warns_open_builds),
		cmocka_unit_test(test_cli_errors_exit_2_with_one_message),
		cmocka_unit_test(test_cli_output_name_matches_kind),
		cmocka_unit_test(test_cli_values_rejects_overwrite),
		cmocka_unit_test(test_cli_values_self_check_blocks_errors),
		cmocka_unit_test(test_cli_secrets_golden_and_mode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
