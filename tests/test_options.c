/* Tests for the option table, its parser and its printers (src/options*.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include "options.h"

#define MAX_ARGS 64

/* The NULL-ended argument list of a test command line, without argv[0]. */
#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Everything one options_parse_gen_with() call produced. */
struct parse_run {
	enum options_result result;
	struct gen_options options;
	char *out;
	size_t out_length;
	char *err;
	size_t err_length;
};

/* Parse args for command, answering prompts from input (NULL for none). */
static void run_parse_with_input(struct parse_run *run, enum gen_command command,
				 const char *input, bool interactive, const char *const *args)
{
	char *argv[MAX_ARGS + 2];
	int argc = 0;
	FILE *in;
	FILE *out;
	FILE *err;

	memset(run, 0, sizeof *run);
	argv[argc++] = (char *)options_command_name(command);
	for (; *args != NULL; args++) {
		assert_true(argc <= MAX_ARGS);
		argv[argc++] = (char *)*args;
	}
	argv[argc] = NULL;

	out = open_memstream(&run->out, &run->out_length);
	err = open_memstream(&run->err, &run->err_length);
	if (input != NULL && input[0] != '\0')
		in = fmemopen((void *)input, strlen(input), "r");
	else
		in = fopen("/dev/null", "r");
	assert_non_null(out);
	assert_non_null(err);
	assert_non_null(in);

	struct options_streams streams = {out, err, in, interactive};

	run->result = options_parse_gen_with(command, argc, argv, &run->options, &streams);
	fclose(out);
	fclose(err);
	fclose(in);
}

static void run_parse(struct parse_run *run, enum gen_command command, const char *const *args)
{
	run_parse_with_input(run, command, NULL, false, args);
}

static void run_release(struct parse_run *run)
{
	gen_options_release(&run->options);
	free(run->out);
	free(run->err);
}

/* Parse args and require success with nothing printed. */
static void parse_ok(struct parse_run *run, enum gen_command command, const char *const *args)
{
	run_parse(run, command, args);
	if (run->result != OPTIONS_OK)
		print_error("unexpected error output: %s", run->err);
	assert_int_equal(run->result, OPTIONS_OK);
	assert_int_equal(run->err_length, 0);
	assert_int_equal(run->out_length, 0);
}

/* Parse args and require a usage error whose whole stderr is message plus a newline. */
static void expect_usage(enum gen_command command, const char *const *args, const char *message)
{
	struct parse_run run;
	char *expected = malloc(strlen("binderhub-gen: error: ") + strlen(message) + 2);

	assert_non_null(expected);
	sprintf(expected, "binderhub-gen: error: %s\n", message);
	run_parse(&run, command, args);
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_string_equal(run.err, expected);
	assert_int_equal(run.out_length, 0);
	run_release(&run);
	free(expected);
}

/* Whether text contains "--name" as a whole option name, not as the start of a longer one. */
static bool mentions_option(const char *text, const char *dashes, const char *name)
{
	size_t dashes_length = strlen(dashes);
	size_t name_length = strlen(name);

	for (const char *p = strstr(text, dashes); p != NULL; p = strstr(p + 1, dashes)) {
		const char *after = p + dashes_length + name_length;

		if (strncmp(p + dashes_length, name, name_length) != 0)
			continue;
		if ((*after >= 'a' && *after <= 'z') || *after == '-' || (*after == '\\' && after[1] == '-'))
			continue;
		return true;
	}
	return false;
}

static bool starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool is_visible(const struct option_spec *spec)
{
	return spec->help != NULL && spec->rejection == NULL;
}

static bool accepts(const struct option_spec *spec, enum gen_command command)
{
	return (spec->commands & OPTION_COMMAND(command)) != 0;
}

/* ------------------------------------------------------------------------
 * Each flag in both forms
 * ------------------------------------------------------------------------ */

/* A string option, a value for it and the field that must receive the value. */
struct string_case {
	enum gen_command command;
	const char *flag;
	const char *value;
	size_t field; /* offsetof() a char * member of struct gen_options. */
};

#define FIELD(name) offsetof(struct gen_options, name)

static const struct string_case string_cases[] = {
	{GEN_VALUES, "--cluster", "mycluster", FIELD(cluster)},
	{GEN_VALUES, "--hub", "staging", FIELD(hub)},
	{GEN_VALUES, "--namespace", "other-ns", FIELD(namespace_name)},
	{GEN_VALUES, "--binderhub-domain", "binder.example.org", FIELD(binderhub_domain)},
	{GEN_VALUES, "--jupyterhub-domain", "jupyter.example.org", FIELD(jupyterhub_domain)},
	{GEN_VALUES, "--domain-suffix", "example.org", FIELD(domain_suffix)},
	{GEN_VALUES, "--instance-type", "r5.2xlarge", FIELD(instance_type)},
	{GEN_VALUES, "--docker-storage-limit", "500Mi", FIELD(docker_storage_limit)},
	{GEN_VALUES, "--gcp-project", "my-project", FIELD(gcp_project)},
	{GEN_VALUES, "--gcp-region", "europe-west4", FIELD(gcp_region)},
	{GEN_VALUES, "--registry-repository", "images", FIELD(registry_repository)},
	{GEN_VALUES, "--image-prefix", "quay.io/my-org/binder-", FIELD(image_prefix)},
	{GEN_VALUES, "--registry-url", "https://registry.example.org", FIELD(registry_url)},
	{GEN_VALUES, "--registry-username", "robot+builder", FIELD(registry_username)},
	{GEN_VALUES, "--cors", "https://docs.example.org", FIELD(cors_origin)},
	{GEN_VALUES, "--banner", "<b>Maintenance</b> on Friday", FIELD(banner)},
	{GEN_VALUES, "--about", "Run by <a href=\"https://example.org\">us</a>", FIELD(about)},
	{GEN_VALUES, "--output", "out/values.yaml", FIELD(output)},
	{GEN_SECRETS, "--cluster", "mycluster", FIELD(cluster)},
	{GEN_SECRETS, "--hub", "staging", FIELD(hub)},
	{GEN_SECRETS, "--gcp-region", "europe-west4", FIELD(gcp_region)},
	{GEN_SECRETS, "--registry-username", "robot+builder", FIELD(registry_username)},
	{GEN_SECRETS, "--registry-password-file", "password.txt", FIELD(registry_password_file)},
	{GEN_SECRETS, "--launch-logs-key-file", "-", FIELD(launch_logs_key_file)},
	{GEN_SECRETS, "--output", "-", FIELD(output)},
};

static const char *string_field(const struct gen_options *options, size_t offset)
{
	return *(char *const *)((const char *)options + offset);
}

/* Run one string case with the value joined by '=' or as the next word. */
static void check_string_case(const struct string_case *test, bool joined)
{
	struct parse_run run;
	char joined_word[256];
	const char *args[8];
	size_t count = 0;
	const char *stored;

	if (strcmp(test->flag, "--cluster") != 0) {
		args[count++] = "--cluster";
		args[count++] = "c";
	}
	args[count++] = "--aws";
	if (joined) {
		snprintf(joined_word, sizeof joined_word, "%s=%s", test->flag, test->value);
		args[count++] = joined_word;
	} else {
		args[count++] = test->flag;
		args[count++] = test->value;
	}
	args[count] = NULL;

	run_parse(&run, test->command, args);
	if (run.result != OPTIONS_OK)
		fail_msg("%s %s (%s form): %s", options_command_name(test->command), test->flag,
			 joined ? "--flag=value" : "--flag value", run.err);
	stored = string_field(&run.options, test->field);
	if (stored == NULL || strcmp(stored, test->value) != 0)
		fail_msg("%s %s (%s form): stored '%s' instead of '%s'",
			 options_command_name(test->command), test->flag,
			 joined ? "--flag=value" : "--flag value", stored ? stored : "(null)",
			 test->value);
	run_release(&run);
}

static void test_options_parse_string_flags_joined(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof string_cases / sizeof string_cases[0]; i++)
		check_string_case(&string_cases[i], true);
}

static void test_options_parse_string_flags_separate(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof string_cases / sizeof string_cases[0]; i++)
		check_string_case(&string_cases[i], false);
}

static void test_options_parse_homepage_flags(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--auth", "--org-name", "Example Org",
		      "--org-logo-url=https://example.org/logo.png", "--org-url", "https://example.org",
		      "--funded-by-name=Example Fund", "--funded-by-url", "http://fund.example.org"));
	assert_string_equal(run.options.org_name, "Example Org");
	assert_string_equal(run.options.org_logo_url, "https://example.org/logo.png");
	assert_string_equal(run.options.org_url, "https://example.org");
	assert_string_equal(run.options.funded_by_name, "Example Fund");
	assert_string_equal(run.options.funded_by_url, "http://fund.example.org");
	run_release(&run);
}

static void test_options_parse_provider_flags(void **state)
{
	const struct {
		const char *const *args;
		enum provider provider;
	} cases[] = {
		{ARGS("--cluster", "c", "--gcp", "--gcp-project", "my-project"), PROVIDER_GCP},
		{ARGS("--cluster", "c", "--aws"), PROVIDER_AWS},
		{ARGS("--cluster", "c", "--azure", "--instance-type", "Standard_E4s_v5"), PROVIDER_AZURE},
		{ARGS("--cluster", "c", "--provider", "gcp", "--gcp-project", "my-project"), PROVIDER_GCP},
		{ARGS("--cluster", "c", "--provider=aws"), PROVIDER_AWS},
		{ARGS("--cluster", "c", "--provider", "azure", "--instance-type=x1"), PROVIDER_AZURE},
		{ARGS("--cluster", "c", "--aws", "--provider", "aws"), PROVIDER_AWS},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_run run;

		parse_ok(&run, GEN_VALUES, cases[i].args);
		assert_int_equal(run.options.provider, cases[i].provider);
		run_release(&run);
	}
}

static void test_options_parse_registry_flag(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "c", "--gcp", "--registry", "quay"));
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--registry=gar", "--gcp-project=my-project"));
	assert_int_equal(run.options.registry, REGISTRY_GAR);
	run_release(&run);
}

static void test_options_parse_auth_flags(void **state)
{
	const struct {
		const char *const *args;
		enum auth_mode auth;
	} cases[] = {
		{ARGS("--cluster", "c", "--aws"), AUTH_NONE},
		{ARGS("--cluster", "c", "--aws", "--no-auth"), AUTH_NONE},
		{ARGS("--cluster", "c", "--aws", "--auth"), AUTH_GITHUB},
		{ARGS("--cluster", "c", "--auth", "--aws"), AUTH_GITHUB},
		{ARGS("--cluster", "c", "--aws", "--auth=github"), AUTH_GITHUB},
		{ARGS("--cluster", "c", "--aws", "--auth", "github"), AUTH_GITHUB},
		{ARGS("--cluster", "c", "--aws", "--auth=cilogon"), AUTH_CILOGON},
		{ARGS("--cluster", "c", "--aws", "--auth", "cilogon"), AUTH_CILOGON},
		{ARGS("--cluster", "c", "--aws", "--auth", "--auth=github"), AUTH_GITHUB},
		{ARGS("--cluster", "c", "--aws", "--no-auth", "--no-auth"), AUTH_NONE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_run run;

		parse_ok(&run, GEN_VALUES, cases[i].args);
		assert_int_equal(run.options.auth, cases[i].auth);
		run_release(&run);
	}
}

static void test_options_parse_boolean_flags(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "c", "--aws"));
	assert_true(run.options.launch_logs);
	assert_false(run.options.public_hub_api);
	assert_false(run.options.force);
	assert_true(run.options.comments);
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--no-launch-logs", "--public-hub-api", "--force",
		      "--no-comments"));
	assert_false(run.options.launch_logs);
	assert_true(run.options.public_hub_api);
	assert_true(run.options.force);
	assert_false(run.options.comments);
	run_release(&run);

	parse_ok(&run, GEN_SECRETS, ARGS("--cluster", "c", "--aws", "--no-launch-logs", "--force"));
	assert_false(run.options.launch_logs);
	assert_true(run.options.force);
	run_release(&run);
}

static void test_options_parse_allowed_specs_in_order(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--allowed-spec", "^org-a/.*",
		      "--allowed-spec=^org-b/.*", "--allowed-spec", "^org-a/.*"));
	assert_int_equal(run.options.allowed_specs.count, 3);
	assert_string_equal(run.options.allowed_specs.items[0], "^org-a/.*");
	assert_string_equal(run.options.allowed_specs.items[1], "^org-b/.*");
	assert_string_equal(run.options.allowed_specs.items[2], "^org-a/.*");
	run_release(&run);
}

static void test_options_parse_sets_in_order(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--set", "a.b=1", "--set-string=a.c=2",
		      "--set=a.d=x=y", "--set-string", "a.e=", "--set", "a.b=1"));
	assert_int_equal(run.options.sets.count, 5);
	assert_false(run.options.sets.items[0].force_string);
	assert_string_equal(run.options.sets.items[0].text, "a.b=1");
	assert_true(run.options.sets.items[1].force_string);
	assert_string_equal(run.options.sets.items[1].text, "a.c=2");
	assert_false(run.options.sets.items[2].force_string);
	assert_string_equal(run.options.sets.items[2].text, "a.d=x=y");
	assert_true(run.options.sets.items[3].force_string);
	assert_string_equal(run.options.sets.items[3].text, "a.e=");
	assert_false(run.options.sets.items[4].force_string);
	assert_string_equal(run.options.sets.items[4].text, "a.b=1");
	run_release(&run);
}

static void test_options_parse_short_output_forms(void **state)
{
	const char *const *const cases[] = {
		ARGS("--cluster", "c", "--aws", "-o", "out.yaml"),
		ARGS("--cluster", "c", "--aws", "-oout.yaml"),
		ARGS("--cluster", "c", "--aws", "--output", "out.yaml"),
		ARGS("--cluster", "c", "--aws", "--output=out.yaml"),
		ARGS("--cluster", "c", "--aws", "-o", "out.yaml", "--output=out.yaml"),
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_run run;

		parse_ok(&run, GEN_VALUES, cases[i]);
		assert_string_equal(run.options.output, "out.yaml");
		run_release(&run);
	}
}

static void test_options_parse_repeated_same_value(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--cluster=c", "--aws", "--hub", "h", "--hub", "h"));
	assert_string_equal(run.options.cluster, "c");
	assert_string_equal(run.options.hub, "h");
	run_release(&run);
}

static void test_options_parse_value_starting_with_dash(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "c", "--aws", "--banner", "-- closed today --"));
	assert_string_equal(run.options.banner, "-- closed today --");
	run_release(&run);
}

static void test_options_parse_double_dash_ends_options(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "--", "--force"),
		     "unexpected argument '--force'; 'binderhub-gen values' takes only options, see "
		     "'binderhub-gen values --help'");
}

static void test_options_parse_help_long(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse(&run, GEN_VALUES, ARGS("--help"));
	assert_int_equal(run.result, OPTIONS_DONE);
	assert_int_equal(run.err_length, 0);
	assert_true(starts_with(run.out, "Usage: binderhub-gen values "));
	run_release(&run);
}

static void test_options_parse_help_short_skips_required(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse(&run, GEN_SECRETS, ARGS("-h", "--cluster"));
	assert_int_equal(run.result, OPTIONS_DONE);
	assert_int_equal(run.err_length, 0);
	assert_true(starts_with(run.out, "Usage: binderhub-gen secrets "));
	run_release(&run);
}

static void test_options_parse_version(void **state)
{
	const char *const *const cases[] = {ARGS("--version"), ARGS("-V"), ARGS("-Vh")};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parse_run run;

		run_parse(&run, GEN_VALUES, cases[i]);
		assert_int_equal(run.result, OPTIONS_DONE);
		assert_string_equal(run.out, "binderhub-gen " BHG_VERSION "\n");
		assert_int_equal(run.err_length, 0);
		run_release(&run);
	}
}

static void test_options_parse_error_before_help_wins(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--bogus", "--help"),
		     "unknown option '--bogus'; see 'binderhub-gen values --help'");
}

/* ------------------------------------------------------------------------
 * Defaults
 * ------------------------------------------------------------------------ */

static void test_options_default_gcp(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "mycluster", "--gcp", "--gcp-project", "my-project"));
	assert_int_equal(run.options.command, GEN_VALUES);
	assert_string_equal(run.options.hub, "binder");
	assert_string_equal(run.options.namespace_name, "binder");
	assert_string_equal(run.options.domain_suffix, "2i2c.cloud");
	assert_string_equal(run.options.binderhub_domain, "binder.mycluster.2i2c.cloud");
	assert_string_equal(run.options.jupyterhub_domain, "hub.binder.mycluster.2i2c.cloud");
	assert_string_equal(run.options.instance_type, "n2-highmem-4");
	assert_string_equal(run.options.docker_storage_limit, "15Gi");
	assert_int_equal(run.options.registry, REGISTRY_GAR);
	assert_string_equal(run.options.gcp_region, "us-central1");
	assert_string_equal(run.options.registry_repository, "binder-registry");
	assert_string_equal(run.options.image_prefix,
			    "us-central1-docker.pkg.dev/my-project/binder-registry/");
	assert_string_equal(run.options.registry_url, "https://us-central1-docker.pkg.dev");
	assert_string_equal(run.options.registry_username, "_json_key");
	assert_int_equal(run.options.auth, AUTH_NONE);
	assert_true(run.options.launch_logs);
	assert_true(run.options.comments);
	assert_null(run.options.output);
	assert_null(run.options.cors_origin);
	assert_int_equal(run.options.allowed_specs.count, 0);
	assert_int_equal(run.options.sets.count, 0);
	run_release(&run);
}

static void test_options_default_gcp_region_and_repository(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--hub", "staging", "--gcp", "--gcp-project", "my-project",
		      "--gcp-region", "europe-west4", "--registry-repository", "images"));
	assert_string_equal(run.options.image_prefix,
			    "europe-west4-docker.pkg.dev/my-project/images/");
	assert_string_equal(run.options.registry_url, "https://europe-west4-docker.pkg.dev");
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--hub", "staging", "--gcp", "--gcp-project", "my-project"));
	assert_string_equal(run.options.registry_repository, "staging-registry");
	assert_string_equal(run.options.image_prefix,
			    "us-central1-docker.pkg.dev/my-project/staging-registry/");
	run_release(&run);
}

static void test_options_default_aws(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "mycluster", "--hub", "staging", "--aws"));
	assert_string_equal(run.options.instance_type, "r5.xlarge");
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_string_equal(run.options.image_prefix,
			    "quay.io/imagebuilding-non-gcp-hubs/mycluster-staging-");
	assert_string_equal(run.options.registry_url, "https://quay.io");
	assert_string_equal(run.options.registry_username,
			    "imagebuilding-non-gcp-hubs+image_builder");
	assert_string_equal(run.options.namespace_name, "staging");
	assert_string_equal(run.options.binderhub_domain, "staging.mycluster.2i2c.cloud");
	run_release(&run);
}

static void test_options_default_azure(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--azure", "--instance-type", "Standard_E4s_v5"));
	assert_string_equal(run.options.instance_type, "Standard_E4s_v5");
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_string_equal(run.options.image_prefix, "quay.io/imagebuilding-non-gcp-hubs/c-binder-");
	run_release(&run);
}

static void test_options_default_explicit_instance_type_wins(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--gcp", "--gcp-project", "my-project", "--instance-type",
		      "n2-highmem-2"));
	assert_string_equal(run.options.instance_type, "n2-highmem-2");
	run_release(&run);
}

static void test_options_default_registry_quay_on_gcp(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "c", "--gcp", "--registry", "quay"));
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_null(run.options.gcp_project);
	assert_string_equal(run.options.image_prefix, "quay.io/imagebuilding-non-gcp-hubs/c-binder-");
	assert_string_equal(run.options.registry_username,
			    "imagebuilding-non-gcp-hubs+image_builder");
	run_release(&run);
}

static void test_options_default_registry_from_quay_prefix(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--gcp", "--image-prefix", "quay.io/my-org/hub-"));
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_string_equal(run.options.image_prefix, "quay.io/my-org/hub-");
	assert_string_equal(run.options.registry_url, "https://quay.io");
	assert_string_equal(run.options.registry_username,
			    "imagebuilding-non-gcp-hubs+image_builder");
	run_release(&run);
}

static void test_options_default_registry_from_gar_prefix(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--image-prefix",
		      "europe-west1-docker.pkg.dev/other-project/repo/"));
	assert_int_equal(run.options.registry, REGISTRY_GAR);
	assert_null(run.options.gcp_project);
	assert_string_equal(run.options.image_prefix, "europe-west1-docker.pkg.dev/other-project/repo/");
	assert_string_equal(run.options.registry_url, "https://europe-west1-docker.pkg.dev");
	assert_string_equal(run.options.registry_username, "_json_key");
	run_release(&run);
}

static void test_options_default_explicit_registry_flags_win(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--gcp", "--gcp-project", "my-project", "--registry-url",
		      "https://mirror.example.org", "--registry-username", "builder"));
	assert_string_equal(run.options.registry_url, "https://mirror.example.org");
	assert_string_equal(run.options.registry_username, "builder");
	assert_string_equal(run.options.image_prefix,
			    "us-central1-docker.pkg.dev/my-project/binder-registry/");
	run_release(&run);
}

static void test_options_default_domains(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--hub", "h", "--domain-suffix", "example.org"));
	assert_string_equal(run.options.binderhub_domain, "h.c.example.org");
	assert_string_equal(run.options.jupyterhub_domain, "hub.h.c.example.org");
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--binderhub-domain", "binder.example.org"));
	assert_string_equal(run.options.binderhub_domain, "binder.example.org");
	assert_string_equal(run.options.jupyterhub_domain, "hub.binder.example.org");
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--jupyterhub-domain", "jupyter.example.org"));
	assert_string_equal(run.options.binderhub_domain, "binder.c.2i2c.cloud");
	assert_string_equal(run.options.jupyterhub_domain, "jupyter.example.org");
	run_release(&run);
}

static void test_options_default_namespace(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES, ARGS("--cluster", "c", "--aws", "--hub", "staging"));
	assert_string_equal(run.options.namespace_name, "staging");
	run_release(&run);

	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--aws", "--hub", "staging", "--namespace", "ns"));
	assert_string_equal(run.options.namespace_name, "ns");
	run_release(&run);
}

static void test_options_default_secrets(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_SECRETS, ARGS("--cluster", "c", "--gcp"));
	assert_int_equal(run.options.command, GEN_SECRETS);
	assert_string_equal(run.options.hub, "binder");
	assert_int_equal(run.options.registry, REGISTRY_GAR);
	assert_null(run.options.image_prefix);
	assert_string_equal(run.options.registry_url, "https://us-central1-docker.pkg.dev");
	assert_string_equal(run.options.registry_username, "_json_key");
	assert_null(run.options.namespace_name);
	assert_null(run.options.binderhub_domain);
	assert_null(run.options.jupyterhub_domain);
	assert_null(run.options.instance_type);
	assert_null(run.options.docker_storage_limit);
	assert_null(run.options.registry_password_file);
	assert_null(run.options.launch_logs_key_file);
	assert_true(run.options.launch_logs);
	run_release(&run);

	parse_ok(&run, GEN_SECRETS, ARGS("--cluster", "c", "--azure"));
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_string_equal(run.options.registry_username,
			    "imagebuilding-non-gcp-hubs+image_builder");
	assert_string_equal(run.options.image_prefix, "quay.io/imagebuilding-non-gcp-hubs/c-binder-");
	run_release(&run);
}

/* ------------------------------------------------------------------------
 * Usage errors, each with its exact message
 * ------------------------------------------------------------------------ */

static void test_options_error_unknown_option(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--clsuter", "c"),
		     "unknown option '--clsuter'; did you mean '--cluster'?");
	expect_usage(GEN_VALUES, ARGS("--hubb=x"), "unknown option '--hubb'; did you mean '--hub'?");
	expect_usage(GEN_VALUES, ARGS("--prov", "gcp"),
		     "unknown option '--prov'; did you mean '--provider'?");
	expect_usage(GEN_VALUES, ARGS("--frobnicate"),
		     "unknown option '--frobnicate'; see 'binderhub-gen values --help'");
	expect_usage(GEN_SECRETS, ARGS("--frobnicate=1"),
		     "unknown option '--frobnicate'; see 'binderhub-gen secrets --help'");
	expect_usage(GEN_VALUES, ARGS("-x"), "unknown option '-x'; see 'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("-cluster", "c"),
		     "unknown option '-cluster'; did you mean '--cluster'?");
	expect_usage(GEN_VALUES, ARGS("-ox", "-q"),
		     "unknown option '-q'; see 'binderhub-gen values --help'");
}

static void test_options_error_unknown_option_hides_value(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse(&run, GEN_SECRETS, ARGS("--registry-pasword=hunter2"));
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_null(strstr(run.err, "hunter2"));
	run_release(&run);
}

static void test_options_error_suggests_only_own_options(void **state)
{
	/* --namespace is a values option, so secrets must not suggest it. */
	(void)state;
	expect_usage(GEN_SECRETS, ARGS("--namespce", "x"),
		     "unknown option '--namespce'; see 'binderhub-gen secrets --help'");
	expect_usage(GEN_VALUES, ARGS("--namespce", "x"),
		     "unknown option '--namespce'; did you mean '--namespace'?");
}

static void test_options_error_other_command(void **state)
{
	(void)state;
	expect_usage(GEN_SECRETS, ARGS("--auth"),
		     "option '--auth' is accepted only by 'binderhub-gen values'; remove it from the "
		     "'secrets' command line");
	expect_usage(GEN_SECRETS, ARGS("--cluster", "c", "--set", "a=b"),
		     "option '--set' is accepted only by 'binderhub-gen values'; remove it from the "
		     "'secrets' command line");
	expect_usage(GEN_VALUES, ARGS("--registry-password-file", "p"),
		     "option '--registry-password-file' is accepted only by 'binderhub-gen secrets'; "
		     "remove it from the 'values' command line");
	expect_usage(GEN_VALUES, ARGS("--launch-logs-key-file=k"),
		     "option '--launch-logs-key-file' is accepted only by 'binderhub-gen secrets'; "
		     "remove it from the 'values' command line");
}

static void test_options_error_secret_value_flags(void **state)
{
	static const char registry[] =
		"option '--registry-password' is not accepted, because secrets on the command line "
		"show in 'ps' output and in shell history; use 'binderhub-gen secrets "
		"--registry-password-file FILE' ('-' reads stdin) or set the environment variable "
		"BINDERHUB_GEN_REGISTRY_PASSWORD";
	static const char password[] =
		"option '--password' is not accepted, because secrets on the command line show in 'ps' "
		"output and in shell history; use 'binderhub-gen secrets --registry-password-file "
		"FILE' ('-' reads stdin) or set the environment variable "
		"BINDERHUB_GEN_REGISTRY_PASSWORD";
	static const char key[] =
		"option '--launch-logs-key' is not accepted, because secrets on the command line show "
		"in 'ps' output and in shell history; use 'binderhub-gen secrets "
		"--launch-logs-key-file FILE' ('-' reads stdin) or set the environment variable "
		"BINDERHUB_GEN_LAUNCH_LOGS_KEY";

	(void)state;
	for (int command = 0; command < GEN__COUNT; command++) {
		expect_usage((enum gen_command)command, ARGS("--registry-password", "hunter2"), registry);
		expect_usage((enum gen_command)command, ARGS("--registry-password=hunter2"), registry);
		expect_usage((enum gen_command)command, ARGS("--registry-password"), registry);
		expect_usage((enum gen_command)command, ARGS("--password", "hunter2"), password);
		expect_usage((enum gen_command)command, ARGS("--password=hunter2"), password);
		expect_usage((enum gen_command)command, ARGS("--launch-logs-key", "{\"k\": 1}"), key);
		expect_usage((enum gen_command)command, ARGS("--launch-logs-key={\"k\": 1}"), key);
	}
}

static void test_options_error_missing_argument(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--aws", "--cluster"),
		     "option '--cluster' needs a value; write '--cluster NAME' or '--cluster=NAME'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "-o"),
		     "option '-o' needs a value; write '-o FILE' or '--output=FILE'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "--set"),
		     "option '--set' needs a value; write '--set PATH=VALUE' or '--set=PATH=VALUE'");
	expect_usage(GEN_SECRETS, ARGS("--registry-password-file"),
		     "option '--registry-password-file' needs a value; write "
		     "'--registry-password-file FILE' or '--registry-password-file=FILE'");
}

static void test_options_error_empty_argument(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster="),
		     "empty value for option '--cluster'; write '--cluster NAME' with a non-empty NAME");
	expect_usage(GEN_VALUES, ARGS("--banner", ""),
		     "empty value for option '--banner'; write '--banner TEXT' with a non-empty TEXT");
	expect_usage(GEN_VALUES, ARGS("--auth="),
		     "empty value for option '--auth'; write '--auth MODE' with a non-empty MODE");
}

static void test_options_error_value_for_flag(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--gcp=x"),
		     "option '--gcp' takes no value, but '--gcp=x' gives one; write '--gcp' alone");
	expect_usage(GEN_VALUES, ARGS("--force="),
		     "option '--force' takes no value, but '--force=' gives one; write '--force' alone");
	expect_usage(GEN_SECRETS, ARGS("--no-launch-logs=yes"),
		     "option '--no-launch-logs' takes no value, but '--no-launch-logs=yes' gives one; "
		     "write '--no-launch-logs' alone");
}

static void test_options_error_bad_choice(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--provider", "gce"),
		     "invalid value 'gce' for option '--provider'; valid values are gcp, aws, azure");
	expect_usage(GEN_VALUES, ARGS("--provider=GCP"),
		     "invalid value 'GCP' for option '--provider'; valid values are gcp, aws, azure");
	expect_usage(GEN_SECRETS, ARGS("--registry", "gcr"),
		     "invalid value 'gcr' for option '--registry'; valid values are gar, quay");
	expect_usage(GEN_VALUES, ARGS("--auth=google"),
		     "invalid value 'google' for option '--auth'; valid values are github, cilogon");
}

static void test_options_error_auth_next_word_not_choice(void **state)
{
	/* Only a choice is taken from the next word, so "google" stays an operand. */
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "--auth", "google"),
		     "unexpected argument 'google'; 'binderhub-gen values' takes only options, see "
		     "'binderhub-gen values --help'");
}

static void test_options_error_repeated_values(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "a", "--cluster=b"),
		     "option '--cluster' is given twice, as 'a' and 'b'; give it once");
	expect_usage(GEN_VALUES, ARGS("-o", "a.yaml", "--output", "b.yaml"),
		     "option '--output' is given twice, as 'a.yaml' and 'b.yaml'; give it once");
	expect_usage(GEN_VALUES, ARGS("--provider", "gcp", "--provider", "aws"),
		     "option '--provider' is given twice, as 'gcp' and 'aws'; give it once");
	expect_usage(GEN_VALUES, ARGS("--auth", "--auth=cilogon"),
		     "option '--auth' is given twice, as 'github' and 'cilogon'; give it once");
}

static void test_options_error_two_providers(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--gcp", "--aws"),
		     "two providers given, 'gcp' (--gcp) and 'aws' (--aws); give only one of --gcp, "
		     "--aws, --azure and --provider");
	expect_usage(GEN_SECRETS, ARGS("--provider=azure", "--gcp"),
		     "two providers given, 'azure' (--provider) and 'gcp' (--gcp); give only one of "
		     "--gcp, --aws, --azure and --provider");
}

static void test_options_error_two_auth_modes(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--auth", "--no-auth"),
		     "two authentication modes given, 'github' and 'none'; give only one of "
		     "--auth=github, --auth=cilogon and --no-auth");
	expect_usage(GEN_VALUES, ARGS("--no-auth", "--auth=cilogon"),
		     "two authentication modes given, 'none' and 'cilogon'; give only one of "
		     "--auth=github, --auth=cilogon and --no-auth");
}

/* An invalid value for a validated option and the message it must produce. */
struct invalid_case {
	enum gen_command command;
	const char *flag;
	const char *value;
	const char *message;
};

static const struct invalid_case invalid_cases[] = {
	{GEN_VALUES, "--cluster", "My-Cluster",
	 "invalid value 'My-Cluster' for option '--cluster': contains the upper-case letter 'M'; use "
	 "1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit"},
	{GEN_SECRETS, "--hub", "hub-",
	 "invalid value 'hub-' for option '--hub': ends with '-'; use 1 to 63 lower-case letters, "
	 "digits and '-', starting and ending with a letter or digit"},
	{GEN_VALUES, "--namespace", "my_ns",
	 "invalid value 'my_ns' for option '--namespace': contains '_'; use 1 to 63 lower-case "
	 "letters, digits and '-', starting and ending with a letter or digit"},
	{GEN_VALUES, "--binderhub-domain", "https://binder.example.org",
	 "invalid value 'https://binder.example.org' for option '--binderhub-domain': includes the "
	 "scheme 'https://'; give a lower-case host name such as 'binder.example.org', without "
	 "scheme, port or path"},
	{GEN_VALUES, "--jupyterhub-domain", "hub.example.org:443",
	 "invalid value 'hub.example.org:443' for option '--jupyterhub-domain': includes the port "
	 "':443'; give a lower-case host name such as 'binder.example.org', without scheme, port or "
	 "path"},
	{GEN_VALUES, "--domain-suffix", "cloud",
	 "invalid value 'cloud' for option '--domain-suffix': is a single label, but a host name "
	 "needs at least two, as in 'hub.example.org'; give a lower-case parent domain such as "
	 "'2i2c.cloud', without scheme, port or path"},
	{GEN_VALUES, "--instance-type", "r5 xlarge",
	 "invalid value 'r5 xlarge' for option '--instance-type': contains a space; give the instance "
	 "type as the cloud names it, such as n2-highmem-4 or r5.xlarge (at most 63 letters, digits, "
	 "'-', '_' and '.')"},
	{GEN_VALUES, "--docker-storage-limit", "15GB",
	 "invalid value '15GB' for option '--docker-storage-limit': has the unknown suffix 'GB'; give "
	 "a Kubernetes quantity such as 15Gi, 500Mi or 20G"},
	{GEN_VALUES, "--docker-storage-limit", "0Gi",
	 "invalid value '0Gi' for option '--docker-storage-limit': is not greater than zero; give a "
	 "Kubernetes quantity such as 15Gi, 500Mi or 20G"},
	{GEN_VALUES, "--docker-storage-limit", "-1Gi",
	 "invalid value '-1Gi' for option '--docker-storage-limit': is not greater than zero; give a "
	 "Kubernetes quantity such as 15Gi, 500Mi or 20G"},
	{GEN_VALUES, "--docker-storage-limit", "0.0",
	 "invalid value '0.0' for option '--docker-storage-limit': is not greater than zero; give a "
	 "Kubernetes quantity such as 15Gi, 500Mi or 20G"},
	{GEN_VALUES, "--gcp-project", "My Project",
	 "invalid value 'My Project' for option '--gcp-project': contains the upper-case letter 'M'; "
	 "give the project ID, not its name or number, such as 'my-project-123'"},
	{GEN_SECRETS, "--gcp-region", "US-Central1",
	 "invalid value 'US-Central1' for option '--gcp-region': contains the upper-case letter 'U'; "
	 "use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit"},
	{GEN_VALUES, "--registry-repository", "my/repo",
	 "invalid value 'my/repo' for option '--registry-repository': contains '/'; use 1 to 63 "
	 "lower-case letters, digits and '-', starting and ending with a letter or digit"},
	{GEN_VALUES, "--image-prefix", "https://quay.io/org/",
	 "invalid value 'https://quay.io/org/' for option '--image-prefix': includes the scheme "
	 "'https://'; give a prefix such as 'us-central1-docker.pkg.dev/<project>/<repository>/' or "
	 "'quay.io/imagebuilding-non-gcp-hubs/<cluster>-<hub>-'"},
	{GEN_VALUES, "--registry-url", "quay.io",
	 "invalid value 'quay.io' for option '--registry-url': does not start with 'http://' or "
	 "'https://'; give an absolute URL such as 'https://example.org/logo.png'"},
	{GEN_SECRETS, "--registry-username", "robot builder",
	 "invalid value 'robot builder' for option '--registry-username': contains a space or control "
	 "character; give the user name exactly as the registry shows it"},
	{GEN_VALUES, "--allowed-spec", "^org/(repo",
	 "invalid value '^org/(repo' for option '--allowed-spec': does not compile as a regular "
	 "expression, because PCRE2 reports 'missing closing parenthesis' at offset 10; fix the "
	 "regular expression, which BinderHub compiles with Python's re module"},
	{GEN_VALUES, "--cors", "https://example.org/",
	 "invalid value 'https://example.org/' for option '--cors': has the path '/', but an origin "
	 "ends after the host or port; give '*' or an origin such as 'https://example.org' or "
	 "'https://example.org:8443'"},
	{GEN_VALUES, "--org-logo-url", "example.org/logo.png",
	 "invalid value 'example.org/logo.png' for option '--org-logo-url': does not start with "
	 "'http://' or 'https://'; give an absolute URL such as 'https://example.org/logo.png'"},
	{GEN_VALUES, "--org-url", "ftp://example.org",
	 "invalid value 'ftp://example.org' for option '--org-url': uses the scheme 'ftp', but only "
	 "http:// and https:// are accepted; give an absolute URL such as "
	 "'https://example.org/logo.png'"},
	{GEN_VALUES, "--funded-by-url", "https://localhost",
	 "invalid value 'https://localhost' for option '--funded-by-url': has the host 'localhost', "
	 "which is a single label, but a host name needs at least two, as in 'hub.example.org'; give "
	 "an absolute URL such as 'https://example.org/logo.png'"},
	{GEN_VALUES, "--set", "novalue",
	 "invalid value 'novalue' for option '--set': has no '='; write --set PATH=VALUE, for example "
	 "--set jupyterhub.hub.redirectToServer=false"},
	{GEN_VALUES, "--set-string", "=x",
	 "invalid value '=x' for option '--set-string': has no PATH before '='; write --set-string "
	 "PATH=VALUE"},
};

static void test_options_error_invalid_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
		const struct invalid_case *test = &invalid_cases[i];
		char joined[256];

		expect_usage(test->command, ARGS(test->flag, test->value), test->message);
		snprintf(joined, sizeof joined, "%s=%s", test->flag, test->value);
		expect_usage(test->command, ARGS(joined), test->message);
	}
}

static void test_options_error_value_quoted_on_one_line(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "a\nb"),
		     "invalid value 'a\\nb' for option '--cluster': contains the control character "
		     "0x0a; use 1 to 63 lower-case letters, digits and '-', starting and ending with a "
		     "letter or digit");
}

static void test_options_error_operand(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "values.yaml"),
		     "unexpected argument 'values.yaml'; 'binderhub-gen values' takes only options, "
		     "see 'binderhub-gen values --help'");
	expect_usage(GEN_SECRETS, ARGS("-"),
		     "unexpected argument '-'; 'binderhub-gen secrets' takes only options, see "
		     "'binderhub-gen secrets --help'");
}

static void test_options_error_missing_required(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--hub", "h"),
		     "missing required options: --cluster, --gcp|--aws|--azure; see 'binderhub-gen "
		     "values --help'");
	expect_usage(GEN_SECRETS, ARGS("--aws"),
		     "missing required options: --cluster; see 'binderhub-gen secrets --help'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c"),
		     "missing required options: --gcp|--aws|--azure; see 'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--gcp"),
		     "missing required options: --gcp-project; see 'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "--registry", "gar"),
		     "missing required options: --gcp-project; see 'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("--gcp"),
		     "missing required options: --cluster, --gcp-project; see 'binderhub-gen values "
		     "--help'");
	expect_usage(GEN_VALUES, ARGS("--registry=gar"),
		     "missing required options: --cluster, --gcp|--aws|--azure, --gcp-project; see "
		     "'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--azure"),
		     "missing required options: --instance-type; see 'binderhub-gen values --help'");
	expect_usage(GEN_VALUES, ARGS("--provider", "azure", "--registry", "gar"),
		     "missing required options: --cluster, --gcp-project, --instance-type; see "
		     "'binderhub-gen values --help'");
	expect_usage(GEN_SECRETS, ARGS(NULL),
		     "missing required options: --cluster, --gcp|--aws|--azure; see 'binderhub-gen "
		     "secrets --help'");
}

static void test_options_error_prefix_host_unknown(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--gcp", "--image-prefix", "gcr.io/p/x/"),
		     "cannot tell the registry from the host 'gcr.io' of --image-prefix; add "
		     "--registry gar or --registry quay");
	expect_usage(GEN_SECRETS, ARGS("--image-prefix", "registry.example.org:5000/x/"),
		     "cannot tell the registry from the host 'registry.example.org' of "
		     "--image-prefix; add --registry gar or --registry quay");
}

static void test_options_parse_prefix_host_unknown_with_registry(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_VALUES,
		 ARGS("--cluster", "c", "--gcp", "--image-prefix", "registry.example.org:5000/x/",
		      "--registry", "quay"));
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	assert_string_equal(run.options.registry_url, "https://registry.example.org");
	run_release(&run);
}

static void test_options_error_same_domains(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", "c", "--aws", "--binderhub-domain", "x.example.org",
			  "--jupyterhub-domain", "x.example.org"),
		     "--binderhub-domain and --jupyterhub-domain are both 'x.example.org'; give "
		     "BinderHub and JupyterHub different host names");
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", "c", "--aws", "--jupyterhub-domain", "binder.c.2i2c.cloud"),
		     "--binderhub-domain and --jupyterhub-domain are both 'binder.c.2i2c.cloud'; give "
		     "BinderHub and JupyterHub different host names");
}

static void test_options_error_default_domain_too_long(void **state)
{
	/* 63 + 1 + 63 + 1 + 61 + 1 + 63 = 253 characters: valid by itself, but
	 * "hub." makes the default JupyterHub host 257 characters long. */
	static const char suffix[] =
		"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghija."
		"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc";
	static const char label[] = "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc";
	char expected[1024];

	(void)state;
	snprintf(expected, sizeof expected,
		 "the default of --jupyterhub-domain, 'hub.%s.%s.%s', is not a valid host name: is "
		 "257 characters long, over the maximum of 253; give --jupyterhub-domain HOST",
		 label, label, suffix);
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", label, "--hub", label, "--aws", "--domain-suffix", suffix),
		     expected);

	snprintf(expected, sizeof expected,
		 "the default of --binderhub-domain, '%s.%s.x%s', is not a valid host name: is 254 "
		 "characters long, over the maximum of 253; give --binderhub-domain HOST",
		 label, label, suffix);
	char longer[sizeof suffix + 1] = "x";

	strcat(longer, suffix);
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", label, "--hub", label, "--aws", "--domain-suffix", longer),
		     expected);
}

static void test_options_error_homepage_without_auth(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES, ARGS("--cluster", "c", "--aws", "--funded-by-name", "Fund"),
		     "--funded-by-name applies only to hubs with login, because a hub without login "
		     "shows no homepage; add --auth or drop the homepage options");
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", "c", "--aws", "--no-auth", "--org-url", "https://example.org",
			  "--org-name", "Org"),
		     "--org-name applies only to hubs with login, because a hub without login shows "
		     "no homepage; add --auth or drop the homepage options");
}

static void test_options_error_homepage_incomplete(void **state)
{
	(void)state;
	expect_usage(GEN_VALUES,
		     ARGS("--cluster", "c", "--aws", "--auth=cilogon", "--org-name", "Org",
			  "--funded-by-url", "https://fund.example.org"),
		     "the homepage needs all of --org-name, --org-logo-url, --org-url, "
		     "--funded-by-name and --funded-by-url; add --org-logo-url, --org-url, "
		     "--funded-by-name");
}

static void test_options_error_two_stdin_secrets(void **state)
{
	(void)state;
	expect_usage(GEN_SECRETS,
		     ARGS("--cluster", "c", "--aws", "--registry-password-file", "-",
			  "--launch-logs-key-file=-"),
		     "--registry-password-file and --launch-logs-key-file both read stdin ('-'); give "
		     "a file for at least one of them");
}

static void test_options_parse_one_stdin_secret(void **state)
{
	struct parse_run run;

	(void)state;
	parse_ok(&run, GEN_SECRETS,
		 ARGS("--cluster", "c", "--aws", "--registry-password-file", "-",
		      "--launch-logs-key-file", "key.json"));
	assert_string_equal(run.options.registry_password_file, "-");
	assert_string_equal(run.options.launch_logs_key_file, "key.json");
	run_release(&run);
}

static void test_options_error_key_file_without_launch_logs(void **state)
{
	(void)state;
	expect_usage(GEN_SECRETS,
		     ARGS("--cluster", "c", "--aws", "--no-launch-logs", "--launch-logs-key-file",
			  "key.json"),
		     "--launch-logs-key-file is given, but --no-launch-logs turns sending launch "
		     "events off; drop one of the two options");
}

static void test_options_error_leaves_output_zeroed(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse(&run, GEN_VALUES, ARGS("--cluster", "c", "--hub", "h", "--bogus"));
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_null(run.options.cluster);
	assert_null(run.options.hub);
	assert_false(run.options.launch_logs);
	run_release(&run);
}

/* ------------------------------------------------------------------------
 * Prompts for missing required options
 * ------------------------------------------------------------------------ */

static void test_options_prompt_valid_answers(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_VALUES, "mycluster\ngcp\nmy-project\n", true, ARGS(NULL));
	assert_int_equal(run.result, OPTIONS_OK);
	assert_string_equal(run.err,
			    "Cluster name (--cluster): "
			    "Cloud provider (gcp, aws or azure) (--provider): "
			    "GCP project ID of the Artifact Registry (--gcp-project): ");
	assert_int_equal(run.out_length, 0);
	assert_string_equal(run.options.cluster, "mycluster");
	assert_int_equal(run.options.provider, PROVIDER_GCP);
	assert_string_equal(run.options.gcp_project, "my-project");
	assert_string_equal(run.options.image_prefix,
			    "us-central1-docker.pkg.dev/my-project/binder-registry/");
	/* The prompted values are kept for the output's "Generated by" line. */
	assert_int_equal(run.options.prompted.count, 3);
	assert_string_equal(run.options.prompted.items[0], "--cluster=mycluster");
	assert_string_equal(run.options.prompted.items[1], "--provider=gcp");
	assert_string_equal(run.options.prompted.items[2], "--gcp-project=my-project");
	run_release(&run);
}

static void test_options_prompt_invalid_then_valid(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_VALUES, "My Cluster\n\n  mycluster  \ngce\nazure\nbad type\nE4s\n",
			     true, ARGS(NULL));
	assert_int_equal(run.result, OPTIONS_OK);
	assert_string_equal(
		run.err,
		"Cluster name (--cluster): "
		"binderhub-gen: error: invalid value 'My Cluster' for option '--cluster': contains "
		"the upper-case letter 'M'; use 1 to 63 lower-case letters, digits and '-', starting "
		"and ending with a letter or digit\n"
		"Cluster name (--cluster): "
		"Cluster name (--cluster): "
		"Cloud provider (gcp, aws or azure) (--provider): "
		"binderhub-gen: error: invalid value 'gce' for option '--provider'; valid values are "
		"gcp, aws, azure\n"
		"Cloud provider (gcp, aws or azure) (--provider): "
		"Instance type of the user nodes, as Azure names it (--instance-type): "
		"binderhub-gen: error: invalid value 'bad type' for option '--instance-type': contains "
		"a space; give the instance type as the cloud names it, such as n2-highmem-4 or "
		"r5.xlarge (at most 63 letters, digits, '-', '_' and '.')\n"
		"Instance type of the user nodes, as Azure names it (--instance-type): ");
	assert_string_equal(run.options.cluster, "mycluster");
	assert_int_equal(run.options.provider, PROVIDER_AZURE);
	assert_string_equal(run.options.instance_type, "E4s");
	run_release(&run);
}

static void test_options_prompt_end_of_input(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_VALUES, NULL, true, ARGS(NULL));
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_string_equal(run.err,
			    "Cluster name (--cluster): \n"
			    "binderhub-gen: error: no answer for --cluster before the end of input; "
			    "pass --cluster NAME\n");
	assert_null(run.options.cluster);
	run_release(&run);
}

static void test_options_prompt_end_of_input_later(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_SECRETS, "mycluster\n", true, ARGS("--hub", "h"));
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_string_equal(run.err,
			    "Cluster name (--cluster): "
			    "Cloud provider (gcp, aws or azure) (--provider): \n"
			    "binderhub-gen: error: no answer for --provider before the end of input; "
			    "pass --provider NAME\n");
	run_release(&run);
}

static void test_options_prompt_only_missing(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_SECRETS, "aws", true, ARGS("--cluster", "c"));
	assert_int_equal(run.result, OPTIONS_OK);
	assert_string_equal(run.err, "Cloud provider (gcp, aws or azure) (--provider): ");
	assert_int_equal(run.options.provider, PROVIDER_AWS);
	assert_int_equal(run.options.registry, REGISTRY_QUAY);
	run_release(&run);
}

static void test_options_prompt_nothing_missing(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_VALUES, "unused\n", true, ARGS("--cluster", "c", "--aws"));
	assert_int_equal(run.result, OPTIONS_OK);
	assert_int_equal(run.err_length, 0);
	run_release(&run);
}

static void test_options_prompt_not_interactive(void **state)
{
	struct parse_run run;

	(void)state;
	run_parse_with_input(&run, GEN_VALUES, "mycluster\naws\n", false, ARGS(NULL));
	assert_int_equal(run.result, OPTIONS_USAGE);
	assert_string_equal(run.err,
			    "binderhub-gen: error: missing required options: --cluster, "
			    "--gcp|--aws|--azure; see 'binderhub-gen values --help'\n");
	run_release(&run);
}

/* ------------------------------------------------------------------------
 * Generated help, man page and completion
 * ------------------------------------------------------------------------ */

static char *print_to_string(void (*print)(FILE *))
{
	char *text = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&text, &length);

	assert_non_null(stream);
	print(stream);
	fclose(stream);
	return text;
}

static void print_values_help(FILE *out)
{
	options_print_help(GEN_VALUES, out);
}

static void print_secrets_help(FILE *out)
{
	options_print_help(GEN_SECRETS, out);
}

static void check_help(enum gen_command command, const char *help)
{
	const struct program_spec *program = &options_program;

	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];
		bool listed = mentions_option(help, "--", spec->long_name);

		if (is_visible(spec) && accepts(spec, command) && !listed)
			fail_msg("%s help lacks --%s", options_command_name(command), spec->long_name);
		if ((!is_visible(spec) || !accepts(spec, command)) && listed)
			fail_msg("%s help shows --%s", options_command_name(command), spec->long_name);
	}
}

static void test_options_help_values(void **state)
{
	char *help = print_to_string(print_values_help);

	(void)state;
	check_help(GEN_VALUES, help);
	assert_true(starts_with(help, "Usage: binderhub-gen values --cluster NAME --gcp|--aws|--azure "
				      "[OPTION]...\n\nWrite the Helm values file"));
	assert_non_null(strstr(help, "\nHub:\n"));
	assert_non_null(strstr(help, "\nProvider and placement:\n"));
	assert_non_null(strstr(help, "\nRegistry:\n"));
	assert_non_null(strstr(help, "\nAuthentication and homepage:\n"));
	assert_non_null(strstr(help, "\nOutput:\n"));
	assert_null(strstr(help, "\nSecret input:\n"));
	assert_non_null(strstr(help, "\n  -o, --output FILE           Write to FILE"));
	assert_non_null(strstr(help, "\n      --auth[=MODE]           Require users"));
	assert_non_null(strstr(help, "\nExit status:\n  0   Success.\n"));
	assert_non_null(strstr(help, "\n  1   The generated file breaks a runbook rule"));
	assert_non_null(strstr(help, "\n  2   Usage error or unreadable input.\n"));
	free(help);
}

static void test_options_help_secrets(void **state)
{
	char *help = print_to_string(print_secrets_help);

	(void)state;
	check_help(GEN_SECRETS, help);
	assert_true(starts_with(help, "Usage: binderhub-gen secrets "));
	assert_non_null(strstr(help, "\nSecret input:\n"));
	assert_null(strstr(help, "\nAuthentication and homepage:\n"));
	assert_non_null(strstr(help, "BINDERHUB_GEN_REGISTRY_PASSWORD"));
	assert_non_null(strstr(help, "BINDERHUB_GEN_LAUNCH_LOGS_KEY"));
	free(help);
}

static void test_options_help_lines_fit(void **state)
{
	char *texts[] = {print_to_string(print_values_help), print_to_string(print_secrets_help)};

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		for (char *line = texts[t]; *line != '\0';) {
			size_t length = strcspn(line, "\n");

			/* A single long word (a URL) may overflow; nothing else may. */
			if (length > 79 && memchr(line + 30, ' ', length - 30) != NULL)
				fail_msg("help line longer than 79 columns: %.*s", (int)length, line);
			line += length + (line[length] == '\n');
		}
		free(texts[t]);
	}
}

static void test_options_help_every_option_documented(void **state)
{
	const struct program_spec *program = &options_program;

	(void)state;
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];

		if (spec->rejection != NULL)
			continue;
		if (spec->help == NULL || spec->help[0] == '\0')
			fail_msg("--%s has no help text", spec->long_name);
		if (spec->argument != OPTION_ARGUMENT_NONE && spec->argument_name == NULL)
			fail_msg("--%s has no argument name", spec->long_name);
		if (spec->commands == 0)
			fail_msg("--%s belongs to no subcommand", spec->long_name);
		assert_int_equal(spec->id, (enum option_id)i);
	}
	assert_int_equal(program->option_count, OPTION__COUNT);
}

static void test_options_man_page(void **state)
{
	char *man = print_to_string(options_print_man);
	const struct program_spec *program = &options_program;

	(void)state;
	assert_true(starts_with(man, ".TH BINDERHUB-GEN 1 "));
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];
		char roff_name[96] = "";
		size_t used = 0;

		for (const char *p = spec->long_name; *p != '\0' && used + 3 < sizeof roff_name; p++) {
			if (*p == '-')
				roff_name[used++] = '\\';
			roff_name[used++] = *p;
		}
		roff_name[used] = '\0';
		if (is_visible(spec) && !mentions_option(man, "\\-\\-", roff_name))
			fail_msg("man page lacks --%s", spec->long_name);
		if (!is_visible(spec) && mentions_option(man, "\\-\\-", roff_name))
			fail_msg("man page shows the rejected --%s", spec->long_name);
	}
	assert_non_null(strstr(man, "\n.SH NAME\n"));
	assert_non_null(strstr(man, "\n.SH SYNOPSIS\n"));
	assert_non_null(strstr(man, "\n.SH COMMANDS\n.TP\n.B values\n"));
	assert_non_null(strstr(man, "\n.TP\n.B secrets\n"));
	assert_non_null(strstr(man, "\n.SH ENVIRONMENT\n"));
	assert_non_null(strstr(man, "\n.B NO_COLOR\n"));
	assert_non_null(strstr(man, "\n.B BINDERHUB_GEN_REGISTRY_PASSWORD\n"));
	assert_non_null(strstr(man, "\n.B BINDERHUB_GEN_LAUNCH_LOGS_KEY\n"));
	assert_non_null(strstr(man, "\n.SH \"EXIT STATUS\"\n"));
	assert_non_null(strstr(man, "\n.SH EXAMPLES\n"));
	assert_non_null(strstr(man, "|\n  sops \\-\\-encrypt \\-\\-filename\\-override "
				    "config/clusters/<cluster>/enc\\-<hub>.secret.values.yaml \\e\n"
				    "    \\-\\-input\\-type yaml \\-\\-output\\-type yaml /dev/stdin"));
	assert_non_null(strstr(man, "Only for \\fBvalues\\fR."));
	assert_non_null(strstr(man, "Only for \\fBsecrets\\fR."));
	free(man);
}

static void test_options_man_page_escapes_roff(void **state)
{
	char *man = print_to_string(options_print_man);

	(void)state;
	/* No line may start with a request that the text did not mean. */
	for (char *line = man; *line != '\0';) {
		size_t length = strcspn(line, "\n");

		if (line[0] == '\'')
			fail_msg("man line starts with a quote: %.*s", (int)length, line);
		line += length + (line[length] == '\n');
	}
	assert_null(strstr(man, "re module\\"));
	free(man);
}

/* Run groff over the man page when it is installed, and require no warnings. */
static void test_options_man_page_groff_clean(void **state)
{
	char *dir;
	char path[512];
	char command[1200];
	char *man;
	char *warnings;
	size_t length = 0;

	(void)state;
	if (access("/usr/bin/groff", X_OK) != 0)
		skip();
	dir = fixture_temp_dir();
	snprintf(path, sizeof path, "%s/binderhub-gen.1", dir);
	man = print_to_string(options_print_man);
	assert_int_equal(fixture_write_file(path, man, 0644), 0);
	snprintf(command, sizeof command, "/usr/bin/groff -man -ww -z '%s' 2>'%s.err'", path, path);
	assert_int_equal(system(command), 0);
	snprintf(command, sizeof command, "%s.err", path);
	warnings = fixture_read_file(command, &length);
	assert_non_null(warnings);
	assert_string_equal(warnings, "");
	free(warnings);
	free(man);
	fixture_remove_tree(dir);
	free(dir);
}

static void test_options_completion_lists_options(void **state)
{
	char *script = print_to_string(options_print_completion_bash);
	const struct program_spec *program = &options_program;

	(void)state;
	assert_non_null(strstr(script, "complete -F _binderhub_gen binderhub-gen\n"));
	for (size_t i = 0; i < program->option_count; i++) {
		const struct option_spec *spec = &program->options[i];
		bool listed = mentions_option(script, "--", spec->long_name);

		if (is_visible(spec) && !listed)
			fail_msg("completion lacks --%s", spec->long_name);
		if (!is_visible(spec) && listed)
			fail_msg("completion offers the rejected --%s", spec->long_name);
	}
	assert_non_null(strstr(script, "compgen -W 'gcp aws azure'"));
	assert_non_null(strstr(script, "compgen -W 'gar quay'"));
	assert_non_null(strstr(script, "compgen -W 'github cilogon'"));
	free(script);
}

/* Source the completion script in bash, complete words (the last one being
 * completed) in folder, and return the candidates one a line. */
static char *complete_words(const char *folder, const char *words)
{
	char script_path[512];
	char command[2048];
	char *script = print_to_string(options_print_completion_bash);
	char *result = NULL;
	size_t length = 0;
	char buffer[256];
	FILE *pipe;
	FILE *collected = open_memstream(&result, &length);

	snprintf(script_path, sizeof script_path, "%s/completion.bash", folder);
	assert_int_equal(fixture_write_file(script_path, script, 0644), 0);
	free(script);
	snprintf(command, sizeof command,
		 "cd '%s' && /bin/bash --norc --noprofile -c '"
		 "source ./completion.bash; COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
		 "_binderhub_gen; printf \"%%s\\n\" \"${COMPREPLY[@]}\" | sort'",
		 folder, words);
	pipe = popen(command, "r");
	assert_non_null(pipe);
	while (fgets(buffer, sizeof buffer, pipe) != NULL)
		fputs(buffer, collected);
	assert_int_equal(pclose(pipe), 0);
	fclose(collected);
	return result;
}

static void test_options_completion_in_bash(void **state)
{
	static const struct {
		const char *words;
		const char *expected;
	} cases[] = {
		{"binderhub-gen val", "values\n"},
		{"binderhub-gen \"\"", "secrets\nvalues\n"},
		{"binderhub-gen values --prov", "--provider\n"},
		{"binderhub-gen values --provider \"\"", "aws\nazure\ngcp\n"},
		{"binderhub-gen values --provider = a", "aws\nazure\n"},
		{"binderhub-gen values --provider =", "aws\nazure\ngcp\n"},
		{"binderhub-gen secrets --registry q", "quay\n"},
		{"binderhub-gen values --auth c", "cilogon\n"},
		{"binderhub-gen values --auth --no-a", "--no-auth\n"},
		{"binderhub-gen secrets --au", "\n"},
		{"binderhub-gen secrets --registry-pass", "--registry-password-file\n"},
		{"binderhub-gen values --registry-pass", "\n"},
		{"binderhub-gen values --cluster \"\"", "\n"},
		{"binderhub-gen values -o ou", "out.yaml\n"},
		{"binderhub-gen secrets --launch-logs-key-file ou", "out.yaml\n"},
		{"binderhub-gen values --set-s", "--set-string\n"},
	};
	char *dir;
	char path[512];

	(void)state;
	if (access("/bin/bash", X_OK) != 0)
		skip();
	dir = fixture_temp_dir();
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	assert_int_equal(fixture_write_file(path, "", 0644), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *candidates = complete_words(dir, cases[i].words);

		if (strcmp(candidates, cases[i].expected) != 0)
			fail_msg("completing '%s' gave '%s' instead of '%s'", cases[i].words, candidates,
				 cases[i].expected);
		free(candidates);
	}
	fixture_remove_tree(dir);
	free(dir);
}

/* ------------------------------------------------------------------------
 * Helpers: quoting and suggestions
 * ------------------------------------------------------------------------ */

static void test_options_quote_escapes_and_cuts(void **state)
{
	char buffer[OPTIONS_QUOTE_SIZE];
	char long_text[200];

	(void)state;
	assert_string_equal(options_quote("plain", buffer, sizeof buffer), "plain");
	assert_string_equal(options_quote("a\nb\tc\x01", buffer, sizeof buffer), "a\\nb\\tc\\x01");
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	options_quote(long_text, buffer, sizeof buffer);
	assert_int_equal(strlen(buffer), 103);
	assert_string_equal(buffer + 100, "...");
	options_quote(long_text, buffer, 8);
	assert_string_equal(buffer, "xxxx...");
}

static void test_options_suggest_nearest(void **state)
{
	const struct program_spec *program = &options_program;
	const struct option_spec *spec;

	(void)state;
	spec = options_suggest(program, GEN_VALUES, "clsuter", 7);
	assert_non_null(spec);
	assert_string_equal(spec->long_name, "cluster");
	/* Two swaps: three or more edits without counting a swap as one. */
	spec = options_suggest(program, GEN_VALUES, "lcutser", 7);
	assert_non_null(spec);
	assert_string_equal(spec->long_name, "cluster");
	spec = options_suggest(program, GEN_VALUES, "docker-storage", 14);
	assert_non_null(spec);
	assert_string_equal(spec->long_name, "docker-storage-limit");
	spec = options_suggest(program, GEN_VALUES, "gcp-projetc", 11);
	assert_non_null(spec);
	assert_string_equal(spec->long_name, "gcp-project");
	/* "gcp=x" counts only the name before the '='. */
	spec = options_suggest(program, GEN_VALUES, "gpc=x", 3);
	assert_non_null(spec);
	assert_string_equal(spec->long_name, "gcp");
	assert_null(options_suggest(program, GEN_VALUES, "frobnicate", 10));
	assert_null(options_suggest(program, GEN_VALUES, "", 0));
	assert_null(options_suggest(program, GEN_SECRETS, "no-auth", 7));
	/* Hidden options are never suggested. */
	spec = options_suggest(program, GEN_SECRETS, "pasword", 7);
	assert_null(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_parse_string_flags_joined),
		cmocka_unit_test(test_options_parse_string_flags_separate),
		cmocka_unit_test(test_options_parse_homepage_flags),
		cmocka_unit_test(test_options_parse_provider_flags),
		cmocka_unit_test(test_options_parse_registry_flag),
		cmocka_unit_test(test_options_parse_auth_flags),
		cmocka_unit_test(test_options_parse_boolean_flags),
		cmocka_unit_test(test_options_parse_allowed_specs_in_order),
		cmocka_unit_test(test_options_parse_sets_in_order),
		cmocka_unit_test(test_options_parse_short_output_forms),
		cmocka_unit_test(test_options_parse_repeated_same_value),
		cmocka_unit_test(test_options_parse_value_starting_with_dash),
		cmocka_unit_test(test_options_parse_double_dash_ends_options),
		cmocka_unit_test(test_options_parse_help_long),
		cmocka_unit_test(test_options_parse_help_short_skips_required),
		cmocka_unit_test(test_options_parse_version),
		cmocka_unit_test(test_options_parse_error_before_help_wins),
		cmocka_unit_test(test_options_default_gcp),
		cmocka_unit_test(test_options_default_gcp_region_and_repository),
		cmocka_unit_test(test_options_default_aws),
		cmocka_unit_test(test_options_default_azure),
		cmocka_unit_test(test_options_default_explicit_instance_type_wins),
		cmocka_unit_test(test_options_default_registry_quay_on_gcp),
		cmocka_unit_test(test_options_default_registry_from_quay_prefix),
		cmocka_unit_test(test_options_default_registry_from_gar_prefix),
		cmocka_unit_test(test_options_default_explicit_registry_flags_win),
		cmocka_unit_test(test_options_default_domains),
		cmocka_unit_test(test_options_default_namespace),
		cmocka_unit_test(test_options_default_secrets),
		cmocka_unit_test(test_options_error_unknown_option),
		cmocka_unit_test(test_options_error_unknown_option_hides_value),
		cmocka_unit_test(test_options_error_suggests_only_own_options),
		cmocka_unit_test(test_options_error_other_command),
		cmocka_unit_test(test_options_error_secret_value_flags),
		cmocka_unit_test(test_options_error_missing_argument),
		cmocka_unit_test(test_options_error_empty_argument),
		cmocka_unit_test(test_options_error_value_for_flag),
		cmocka_unit_test(test_options_error_bad_choice),
		cmocka_unit_test(test_options_error_auth_next_word_not_choice),
		cmocka_unit_test(test_options_error_repeated_values),
		cmocka_unit_test(test_options_error_two_providers),
		cmocka_unit_test(test_options_error_two_auth_modes),
		cmocka_unit_test(test_options_error_invalid_values),
		cmocka_unit_test(test_options_error_value_quoted_on_one_line),
		cmocka_unit_test(test_options_error_operand),
		cmocka_unit_test(test_options_error_missing_required),
		cmocka_unit_test(test_options_error_prefix_host_unknown),
		cmocka_unit_test(test_options_parse_prefix_host_unknown_with_registry),
		cmocka_unit_test(test_options_error_same_domains),
		cmocka_unit_test(test_options_error_default_domain_too_long),
		cmocka_unit_test(test_options_error_homepage_without_auth),
		cmocka_unit_test(test_options_error_homepage_incomplete),
		cmocka_unit_test(test_options_error_two_stdin_secrets),
		cmocka_unit_test(test_options_parse_one_stdin_secret),
		cmocka_unit_test(test_options_error_key_file_without_launch_logs),
		cmocka_unit_test(test_options_error_leaves_output_zeroed),
		cmocka_unit_test(test_options_prompt_valid_answers),
		cmocka_unit_test(test_options_prompt_invalid_then_valid),
		cmocka_unit_test(test_options_prompt_end_of_input),
		cmocka_unit_test(test_options_prompt_end_of_input_later),
		cmocka_unit_test(test_options_prompt_only_missing),
		cmocka_unit_test(test_options_prompt_nothing_missing),
		cmocka_unit_test(test_options_prompt_not_interactive),
		cmocka_unit_test(test_options_help_values),
		cmocka_unit_test(test_options_help_secrets),
		cmocka_unit_test(test_options_help_lines_fit),
		cmocka_unit_test(test_options_help_every_option_documented),
		cmocka_unit_test(test_options_man_page),
		cmocka_unit_test(test_options_man_page_escapes_roff),
		cmocka_unit_test(test_options_man_page_groff_clean),
		cmocka_unit_test(test_options_completion_lists_options),
		cmocka_unit_test(test_options_completion_in_bash),
		cmocka_unit_test(test_options_quote_escapes_and_cuts),
		cmocka_unit_test(test_options_suggest_nearest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
