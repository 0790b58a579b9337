/* Tests for the value validators (src/validate.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "validate.h"

typedef bool (*validator)(const char *text, char *reason, size_t reason_size);

/* One input and the reason the validator must report for it. */
struct validate_case {
	const char *text;
	const char *reason; /* NULL when the text is valid. */
};

/* Check every case and report each mismatch with its input, then fail once
 * if there was any, so that one run lists every wrong case. */
static void check_cases(validator validate, const struct validate_case *cases, size_t count)
{
	size_t failures = 0;

	for (size_t i = 0; i < count; i++) {
		char reason[512] = "";
		bool valid = validate(cases[i].text, reason, sizeof reason);

		if (cases[i].reason == NULL && !valid) {
			print_error("'%s' should be valid, but got the reason '%s'\n", cases[i].text,
				    reason);
			failures++;
		} else if (cases[i].reason != NULL && valid) {
			print_error("'%s' should be invalid because it %s\n", cases[i].text,
				    cases[i].reason);
			failures++;
		} else if (cases[i].reason != NULL && strcmp(reason, cases[i].reason) != 0) {
			print_error("'%s': expected the reason '%s', got '%s'\n", cases[i].text,
				    cases[i].reason, reason);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

#define CHECK_CASES(validate, cases) check_cases(validate, cases, sizeof cases / sizeof cases[0])

/* 63 and 64 characters: the label limit and one over it. */
#define LABEL_63 "abcdefghij" "abcdefghij" "abcdefghij" "abcdefghij" "abcdefghij" "abcdefghij" "abc"
#define LABEL_64 LABEL_63 "d"

static void test_validate_dns_label_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"a", NULL},
		{"binder", NULL},
		{"my-hub-2", NULL},
		{"2i2c", NULL},
		{"a-b", NULL},
		{"0", NULL},
		{LABEL_63, NULL},
	};

	(void)state;
	CHECK_CASES(validate_dns_label, cases);
}

static void test_validate_dns_label_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{LABEL_64, "is 64 characters long, over the maximum of 63"},
		{"My-hub", "contains the upper-case letter 'M'"},
		{"my_hub", "contains '_'"},
		{"my.hub", "contains '.'"},
		{"my hub", "contains a space"},
		{"hub\n", "contains the control character 0x0a"},
		{"h\xc3\xbc" "b", "contains the non-ASCII byte 0xc3"},
		{"-hub", "starts with '-'"},
		{"hub-", "ends with '-'"},
		{"-", "starts with '-'"},
	};

	(void)state;
	CHECK_CASES(validate_dns_label, cases);
}

static void test_validate_dns_label_null_reason(void **state)
{
	(void)state;
	assert_false(validate_dns_label("Bad", NULL, 0));
	assert_true(validate_dns_label("good", NULL, 0));
}

static void test_validate_dns_label_reason_truncated(void **state)
{
	char reason[8] = "xxxxxxx";

	(void)state;
	assert_false(validate_dns_label("", reason, sizeof reason));
	assert_string_equal(reason, "is empt");
}

static void test_validate_host_name_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"binder.example.org", NULL},
		{"hub.binder.mycluster.2i2c.cloud", NULL},
		{"a.b", NULL},
		{"2i2c.cloud", NULL},
		{"xn--bcher-kva.example", NULL},
		{LABEL_63 ".org", NULL},
	};

	(void)state;
	CHECK_CASES(validate_host_name, cases);
}

static void test_validate_host_name_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"localhost", "is a single label, but a host name needs at least two, as in 'hub.example.org'"},
		{"https://binder.example.org", "includes the scheme 'https://'"},
		{"binder.example.org/", "includes the path '/'"},
		{"binder.example.org/hub", "includes the path '/hub'"},
		{"binder.example.org:443", "includes the port ':443'"},
		{"binder.example.org.", "ends with '.'"},
		{"binder..org", "contains an empty label ('..' or a leading '.')"},
		{".example.org", "contains an empty label ('..' or a leading '.')"},
		{"Binder.example.org", "has the label 'Binder', which contains the upper-case letter 'B'"},
		{"my_hub.example.org", "has the label 'my_hub', which contains '_'"},
		{"-x.example.org", "has the label '-x', which starts with '-'"},
		{"x-.example.org", "has the label 'x-', which ends with '-'"},
		{LABEL_64 ".org", "has the label '" LABEL_64 "', which is 64 characters long, over the maximum of 63"},
	};

	(void)state;
	CHECK_CASES(validate_host_name, cases);
}

static void test_validate_host_name_length_limit(void **state)
{
	/* Four 63-character labels and dots make 255 characters; trimming
	 * gives exactly 253 and 254. */
	char host[300];
	char reason[256];

	(void)state;
	snprintf(host, sizeof host, "%s.%s.%s.%s", LABEL_63, LABEL_63, LABEL_63, LABEL_63);
	host[253] = '\0';
	assert_int_equal(strlen(host), 253);
	assert_true(validate_host_name(host, reason, sizeof reason));

	snprintf(host, sizeof host, "%s.%s.%s.%s", LABEL_63, LABEL_63, LABEL_63, LABEL_63);
	host[254] = '\0';
	assert_false(validate_host_name(host, reason, sizeof reason));
	assert_string_equal(reason, "is 254 characters long, over the maximum of 253");
}

static void test_validate_host_name_rejects_ip_address(void **state)
{
	char reason[256];

	(void)state;
	assert_false(validate_host_name("10.0.0.1", reason, sizeof reason));
	assert_string_equal(reason, "is an IP address, not a host name");
	assert_true(validate_host_name("hub.10.example.org", reason, sizeof reason));
	assert_true(validate_host_name("binder.2i2c.cloud", reason, sizeof reason));
}

static void test_validate_text_control_characters(void **state)
{
	char reason[256];

	(void)state;
	assert_true(validate_text("Operated by 2i2c.\tSupport: binder@example.org\nline 2", reason,
				  sizeof reason));
	assert_false(validate_text("bell\a", reason, sizeof reason));
	assert_string_equal(reason, "contains the control character 0x07");
	assert_false(validate_text("del\x7f", reason, sizeof reason));
	assert_string_equal(reason, "contains the control character 0x7f");
}

/* Each case agrees with Python 3.11's re.compile, which BinderHub runs. */
static void test_validate_regex_python_syntax(void **state)
{
	static const char *const accepted[] = {
		"^2i2c-org/.*", "(?i)^org/.*", "(?<=a)b", "(?<!a)b", "(?P<n>x)(?P=n)", "[\\w-]+/\\Z",
		"(?>ab)", "a++", "(?i:a)b", "\\d+\\.\\w",
	};
	static const char *const rejected[] = {
		"(?<x>a)", "\\p{L}", "a(?i)b", "\\Qa.b\\E", "(?|a|b)", "a\\z", "\\h", "(?R)",
	};
	char reason[256];

	(void)state;
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
		if (!validate_regex(accepted[i], reason, sizeof reason))
			fail_msg("'%s' rejected: %s", accepted[i], reason);
	for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
		if (validate_regex(rejected[i], reason, sizeof reason))
			fail_msg("'%s' accepted", rejected[i]);
	assert_false(validate_regex("(?<x>a)", reason, sizeof reason));
	assert_string_equal(reason, "uses '(?<name>', which Python's re module writes '(?P<name>'");
}

static void test_validate_quantity_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"15Gi", NULL},
		{"500Mi", NULL},
		{"20G", NULL},
		{"1Ki", NULL},
		{"1Ti", NULL},
		{"1Pi", NULL},
		{"1Ei", NULL},
		{"100m", NULL},
		{"1k", NULL},
		{"1M", NULL},
		{"1T", NULL},
		{"1P", NULL},
		{"1E", NULL},
		{"1073741824", NULL},
		{"1.5Gi", NULL},
		{".5Gi", NULL},
		{"1.Gi", NULL},
		{"+1Gi", NULL},
		{"-1Gi", NULL},
		{"1e9", NULL},
		{"1E9", NULL},
		{"1e-3", NULL},
		{"1e+3", NULL},
		{"0", NULL},
	};

	(void)state;
	CHECK_CASES(validate_quantity, cases);
}

static void test_validate_quantity_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"Gi", "does not start with a number"},
		{".Gi", "does not start with a number"},
		{"-", "does not start with a number"},
		{"15GB", "has the unknown suffix 'GB'"},
		{"15gi", "has the unknown suffix 'gi'"},
		{"15 Gi", "has the unknown suffix ' Gi'"},
		{"15K", "has the unknown suffix 'K'"},
		{"15Gi ", "has the unknown suffix 'Gi '"},
		{"1.2.3", "has the unknown suffix '.3'"},
		{"1e", "has the unknown suffix 'e'"},
		{"1e+", "has the unknown suffix 'e+'"},
		{"1e3Gi", "has the unknown suffix 'e3Gi'"},
	};

	(void)state;
	CHECK_CASES(validate_quantity, cases);
}

static void test_validate_label_value_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"", NULL},
		{"n2-highmem-4", NULL},
		{"r5.xlarge", NULL},
		{"Standard_E4s_v5", NULL},
		{"a", NULL},
		{LABEL_63, NULL},
	};

	(void)state;
	CHECK_CASES(validate_label_value, cases);
}

static void test_validate_label_value_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{LABEL_64, "is 64 characters long, over the maximum of 63"},
		{"r5 xlarge", "contains a space"},
		{"r5/xlarge", "contains '/'"},
		{"-r5", "starts with '-', not a letter or digit"},
		{"_r5", "starts with '_', not a letter or digit"},
		{"r5.", "ends with '.', not a letter or digit"},
	};

	(void)state;
	CHECK_CASES(validate_label_value, cases);
}

static void test_validate_cors_origin_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"*", NULL},
		{"https://example.org", NULL},
		{"https://docs.example.org:8443", NULL},
		{"https://example.org:1", NULL},
		{"https://example.org:65535", NULL},
	};

	(void)state;
	CHECK_CASES(validate_cors_origin, cases);
}

static void test_validate_cors_origin_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"**", "is neither '*' nor an origin starting with 'https://'"},
		{"example.org", "is neither '*' nor an origin starting with 'https://'"},
		{"http://example.org", "starts with 'http://', but only https:// origins are accepted"},
		{"https://example.org/", "has the path '/', but an origin ends after the host or port"},
		{"https://example.org/docs", "has the path '/docs', but an origin ends after the host or port"},
		{"https://example.org?a=b", "has the path '?a=b', but an origin ends after the host or port"},
		{"https://", "has the host '', which is empty"},
		{"https://Example.org", "has the host 'Example.org', which has the label 'Example', which contains the upper-case letter 'E'"},
		{"https://localhost", "has the host 'localhost', which is a single label, but a host name needs at least two, as in 'hub.example.org'"},
		{"https://example.org:0", "has the port 0, outside the range 1 to 65535"},
		{"https://example.org:65536", "has the port 65536, outside the range 1 to 65535"},
		{"https://example.org:", "has the invalid port ':'"},
		{"https://example.org:80a", "has the invalid port ':80a'"},
		{"https://example.org:1234567", "has the invalid port ':1234567'"},
		{"https://user@example.org", "contains a user name before '@'"},
	};

	(void)state;
	CHECK_CASES(validate_cors_origin, cases);
}

static void test_validate_http_url_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"https://example.org", NULL},
		{"http://example.org", NULL},
		{"https://example.org/", NULL},
		{"https://Example.ORG/Logo.png", NULL},
		{"https://example.org:8443/a/b?c=d#e", NULL},
		{"https://example.org?x=1", NULL},
		{"https://2i2c.org", NULL},
	};

	(void)state;
	CHECK_CASES(validate_http_url, cases);
}

static void test_validate_http_url_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"example.org", "does not start with 'http://' or 'https://'"},
		{"HTTPS://example.org", "uses the scheme 'HTTPS', but only http:// and https:// are accepted"},
		{"ftp://example.org", "uses the scheme 'ftp', but only http:// and https:// are accepted"},
		{"https://", "has the host '', which is empty"},
		{"https:///logo.png", "has the host '', which is empty"},
		{"https://localhost/", "has the host 'localhost', which is a single label, but a host name needs at least two, as in 'hub.example.org'"},
		{"https://exa_mple.org/", "has the host 'exa_mple.org', which has the label 'exa_mple', which contains '_'"},
		{"https://example.org:99999/", "has the port 99999, outside the range 1 to 65535"},
		{"https://example.org/a b", "contains a space; write it percent-encoded"},
		{"https://example.org/a\tb", "contains the control character 0x09; write it percent-encoded"},
		{"https://user:pw@example.org/", "contains a user name before '@'"},
	};

	(void)state;
	CHECK_CASES(validate_http_url, cases);
}

static void test_validate_gcp_project_id_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"my-project", NULL},
		{"two-eye-two-see", NULL},
		{"abcdef", NULL},
		{"a23456789012345678901234567890", NULL},
	};

	(void)state;
	CHECK_CASES(validate_gcp_project_id, cases);
}

static void test_validate_gcp_project_id_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"abcde", "is 5 characters long, outside the range 6 to 30"},
		{"a234567890123456789012345678901", "is 31 characters long, outside the range 6 to 30"},
		{"My-project", "contains the upper-case letter 'M'"},
		{"example.com:project", "contains '.'"},
		{"1project", "starts with '1', not a lower-case letter"},
		{"-project", "starts with '-', not a lower-case letter"},
		{"project-", "ends with '-'"},
	};

	(void)state;
	CHECK_CASES(validate_gcp_project_id, cases);
}

static void test_validate_image_prefix_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"us-central1-docker.pkg.dev/my-project/binder-registry/", NULL},
		{"quay.io/imagebuilding-non-gcp-hubs/mycluster-binder-", NULL},
		{"registry.example.org:5000/binder/", NULL},
		{"quay.io/org/x", NULL},
		{"quay.io/org/x_y.z", NULL},
	};

	(void)state;
	CHECK_CASES(validate_image_prefix, cases);
}

static void test_validate_image_prefix_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"", "is empty"},
		{"https://quay.io/org/", "includes the scheme 'https://'"},
		{"quay.io", "has no '/' between the registry host and the repository path"},
		{"quay.io/", "has no repository path after the registry host"},
		{"quay.io//org", "contains an empty path segment ('//')"},
		{"quay.io/org//x", "contains an empty path segment ('//')"},
		{"quay.io/Org/", "contains the upper-case letter 'O'"},
		{"quay.io/org/x y", "contains a space"},
		{"quay.io/org/x:tag", "contains ':'"},
		{"Quay.io/org/", "has the host 'Quay.io', which has the label 'Quay', which contains the upper-case letter 'Q'"},
		{"localhost/org/", "has the host 'localhost', which is a single label, but a host name needs at least two, as in 'hub.example.org'"},
		{"quay.io:0/org/", "has the port 0, outside the range 1 to 65535"},
	};

	(void)state;
	CHECK_CASES(validate_image_prefix, cases);
}

static void test_validate_regex_valid(void **state)
{
	static const struct validate_case cases[] = {
		{"^binder-examples/.*", NULL},
		{"^(?P<owner>[a-z]+)/.*", NULL},
		{"", NULL},
		{"^2i2c-org/[^/]+/main$", NULL},
		{"caf\xc3\xa9", NULL},
	};

	(void)state;
	CHECK_CASES(validate_regex, cases);
}

static void test_validate_regex_invalid(void **state)
{
	static const struct validate_case cases[] = {
		{"^foo(", "does not compile as a regular expression, because PCRE2 reports "
			  "'missing closing parenthesis' at offset 5"},
		{"[a-", "does not compile as a regular expression, because PCRE2 reports "
			"'missing terminating ] for character class' at offset 3"},
		{"*abc", "does not compile as a regular expression, because PCRE2 reports "
			 "'quantifier does not follow a repeatable item' at offset 0"},
		{"a)", "does not compile as a regular expression, because PCRE2 reports "
		       "'unmatched closing parenthesis' at offset 1"},
	};

	(void)state;
	CHECK_CASES(validate_regex, cases);
}

static void test_validate_regex_invalid_utf8(void **state)
{
	char reason[512];

	(void)state;
	assert_false(validate_regex("caf\xc3", reason, sizeof reason));
	assert_non_null(strstr(reason, "PCRE2 reports"));
	assert_non_null(strstr(reason, "UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate_dns_label_valid),
		cmocka_unit_test(test_validate_dns_label_invalid),
		cmocka_unit_test(test_validate_dns_label_null_reason),
		cmocka_unit_test(test_validate_dns_label_reason_truncated),
		cmocka_unit_test(test_validate_host_name_valid),
		cmocka_unit_test(test_validate_host_name_invalid),
		cmocka_unit_test(test_validate_host_name_length_limit),
		cmocka_unit_test(test_validate_host_name_rejects_ip_address),
		cmocka_unit_test(test_validate_text_control_characters),
		cmocka_unit_test(test_validate_regex_python_syntax),
		cmocka_unit_test(test_validate_quantity_valid),
		cmocka_unit_test(test_validate_quantity_invalid),
		cmocka_unit_test(test_validate_label_value_valid),
		cmocka_unit_test(test_validate_label_value_invalid),
		cmocka_unit_test(test_validate_cors_origin_valid),
		cmocka_unit_test(test_validate_cors_origin_invalid),
		cmocka_unit_test(test_validate_http_url_valid),
		cmocka_unit_test(test_validate_http_url_invalid),
		cmocka_unit_test(test_validate_gcp_project_id_valid),
		cmocka_unit_test(test_validate_gcp_project_id_invalid),
		cmocka_unit_test(test_validate_image_prefix_valid),
		cmocka_unit_test(test_validate_image_prefix_invalid),
		cmocka_unit_test(test_validate_regex_valid),
		cmocka_unit_test(test_validate_regex_invalid),
		cmocka_unit_test(test_validate_regex_invalid_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
