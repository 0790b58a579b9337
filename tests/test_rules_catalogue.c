/*
 * Tests of the rule catalogue (include/rules.h, src/rules/), its printers and
 * the `rules` and `explain` subcommands (src/cmd_rules.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "commands.h"
#include "rules.h"

/*
 * The rule table of the runbook's rule catalogue, transcribed independently of
 * include/rules_catalogue.def: code, severity (with BH014, BH054, BH055,
 * BH153, BH154 and BH158 lowered to info after testing on real hubs), the hubs
 * it applies to and the runbook section.
 */
static const struct expected_rule {
	const char *code;
	enum severity severity;
	enum rule_applies applies;
	const char *section;
} expected_rules[] = {
	{"BH001", SEVERITY_ERROR, APPLIES_ALL, "I.3 (+I.2 snippet)"},
	{"BH002", SEVERITY_ERROR, APPLIES_ALL, "I.4"},
	{"BH003", SEVERITY_WARNING, APPLIES_ALL, "III.1/derived"},
	{"BH005", SEVERITY_ERROR, APPLIES_ALL, "derived"},
	{"BH006", SEVERITY_ERROR, APPLIES_ALL, "derived"},
	{"BH007", SEVERITY_ERROR, APPLIES_ALL, "derived"},
	{"BH008", SEVERITY_ERROR, APPLIES_ALL, "I.1/schema"},
	{"BH009", SEVERITY_ERROR, APPLIES_ALL, "derived"},
	{"BH010", SEVERITY_WARNING, APPLIES_ALL, "I.1"},
	{"BH011", SEVERITY_ERROR, APPLIES_ALL, "I.1"},
	{"BH012", SEVERITY_ERROR, APPLIES_ALL, "I.1"},
	{"BH013", SEVERITY_ERROR, APPLIES_ALL, "I.1"},
	{"BH014", SEVERITY_INFO, APPLIES_ALL, "I.1"},
	{"BH015", SEVERITY_ERROR, APPLIES_ALL, "I.1"},
	{"BH016", SEVERITY_WARNING, APPLIES_ALL, "I.1"},
	{"BH017", SEVERITY_ERROR, APPLIES_ALL, "I.1"},
	{"BH020", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH021", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH022", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH023", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH024", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH025", SEVERITY_ERROR, APPLIES_ALL, "I.2"},
	{"BH026", SEVERITY_WARNING, APPLIES_ALL, "I.2"},
	{"BH027", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "I.2/derived"},
	{"BH028", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "I.2/derived"},
	{"BH030", SEVERITY_ERROR, APPLIES_ALL, "I.4"},
	{"BH031", SEVERITY_WARNING, APPLIES_ALL, "I.4"},
	{"BH040", SEVERITY_ERROR, APPLIES_ALL, "I.5"},
	{"BH041", SEVERITY_ERROR, APPLIES_ALL, "I.5"},
	{"BH042", SEVERITY_WARNING, APPLIES_ALL, "I.5"},
	{"BH043", SEVERITY_ERROR, APPLIES_ALL, "I.5"},
	{"BH044", SEVERITY_ERROR, APPLIES_ALL, "I.5/derived"},
	{"BH050", SEVERITY_ERROR, APPLIES_ALL, "I.6"},
	{"BH051", SEVERITY_WARNING, APPLIES_PROVIDER_GCP_AWS, "I.6"},
	{"BH052", SEVERITY_WARNING, APPLIES_PROVIDER_GCP_AWS, "I.6"},
	{"BH053", SEVERITY_WARNING, APPLIES_PROVIDER_GCP_AWS, "I.6"},
	{"BH054", SEVERITY_INFO, APPLIES_ALL, "I.6"},
	{"BH055", SEVERITY_INFO, APPLIES_PROVIDER_GCP_AWS, "I.6"},
	{"BH060", SEVERITY_ERROR, APPLIES_ALL, "I.7"},
	{"BH061", SEVERITY_ERROR, APPLIES_ALL, "I.7"},
	{"BH062", SEVERITY_ERROR, APPLIES_ALL, "I.7"},
	{"BH063", SEVERITY_ERROR, APPLIES_ALL, "I.7"},
	{"BH064", SEVERITY_ERROR, APPLIES_ALL, "I.7"},
	{"BH065", SEVERITY_WARNING, APPLIES_ALL, "I.7"},
	{"BH066", SEVERITY_WARNING, APPLIES_ALL, "I.7/derived"},
	{"BH067", SEVERITY_ERROR, APPLIES_ALL, "I.7/derived"},
	{"BH070", SEVERITY_WARNING, APPLIES_ALL, "I.8"},
	{"BH071", SEVERITY_ERROR, APPLIES_ALL, "I.8"},
	{"BH100", SEVERITY_WARNING, APPLIES_AUTHENTICATED, "II.1"},
	{"BH101", SEVERITY_WARNING, APPLIES_AUTHENTICATED, "II.1"},
	{"BH102", SEVERITY_ERROR, APPLIES_ALL, "III.1/schema"},
	{"BH110", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II.2"},
	{"BH111", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "II.2/template"},
	{"BH112", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II.3"},
	{"BH113", SEVERITY_WARNING, APPLIES_AUTHENTICATED, "II.3"},
	{"BH114", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II.6"},
	{"BH115", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II.4"},
	{"BH116", SEVERITY_WARNING, APPLIES_AUTHENTICATED, "II.4"},
	{"BH117", SEVERITY_ERROR, APPLIES_ALL, "II.4, III.3"},
	{"BH118", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II.5"},
	{"BH119", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II/derived"},
	{"BH120", SEVERITY_WARNING, APPLIES_ALL, "II/template"},
	{"BH121", SEVERITY_ERROR, APPLIES_AUTHENTICATED, "II/derived"},
	{"BH130", SEVERITY_ERROR, APPLIES_UNAUTHENTICATED, "III.1"},
	{"BH131", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.1"},
	{"BH132", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.1"},
	{"BH133", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.2"},
	{"BH134", SEVERITY_ERROR, APPLIES_UNAUTHENTICATED, "III.3"},
	{"BH135", SEVERITY_ERROR, APPLIES_UNAUTHENTICATED, "III.5"},
	{"BH136", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.5"},
	{"BH137", SEVERITY_ERROR, APPLIES_UNAUTHENTICATED, "III.6"},
	{"BH138", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.6"},
	{"BH139", SEVERITY_WARNING, APPLIES_UNAUTHENTICATED, "III.7"},
	{"BH140", SEVERITY_ERROR, APPLIES_ALL, "III.7"},
	{"BH141", SEVERITY_ERROR, APPLIES_ALL, "III.8"},
	{"BH142", SEVERITY_WARNING, APPLIES_AUTHENTICATED, "III.8"},
	{"BH150", SEVERITY_ERROR, APPLIES_ALL, "Reg.2"},
	{"BH151", SEVERITY_ERROR, APPLIES_ALL, "Reg.2/3"},
	{"BH152", SEVERITY_WARNING, APPLIES_REGISTRY_GAR, "Reg.2"},
	{"BH153", SEVERITY_INFO, APPLIES_REGISTRY_QUAY, "Reg.2"},
	{"BH154", SEVERITY_INFO, APPLIES_REGISTRY_QUAY, "Reg.2"},
	{"BH155", SEVERITY_ERROR, APPLIES_ALL, "Reg.2"},
	{"BH156", SEVERITY_ERROR, APPLIES_REGISTRY_QUAY, "Reg.2"},
	{"BH157", SEVERITY_ERROR, APPLIES_REGISTRY_QUAY, "Reg.2"},
	{"BH158", SEVERITY_INFO, APPLIES_ALL, "Reg.2 (imagebuilding)"},
	{"BH160", SEVERITY_ERROR, APPLIES_ALL, "Reg.3"},
	{"BH161", SEVERITY_WARNING, APPLIES_ALL, "Reg.3"},
	{"BH162", SEVERITY_WARNING, APPLIES_REGISTRY_GAR_QUAY, "Reg.3"},
	{"BH163", SEVERITY_WARNING, APPLIES_ALL, "Reg.3"},
	{"BH170", SEVERITY_ERROR, APPLIES_ALL, "Reg.3/4"},
	{"BH171", SEVERITY_WARNING, APPLIES_ALL, "Reg.4"},
	{"BH172", SEVERITY_ERROR, APPLIES_ALL, "Reg.4"},
};

#define EXPECTED_COUNT (sizeof(expected_rules) / sizeof(expected_rules[0]))

/* Helpers */

static char *read_stream(FILE *stream);

/* Run print on a temporary file and return what it wrote (malloc'ed). */
static char *print_to_string(void (*print)(FILE *, const void *), const void *argument)
{
	FILE *stream = tmpfile();
	char *text;

	assert_non_null(stream);
	print(stream, argument);
	assert_int_equal(fflush(stream), 0);
	text = read_stream(stream);
	assert_int_equal(fclose(stream), 0);
	return text;
}

struct set_request {
	enum rules_format format;
	const struct rule_info *rules;
	size_t count;
};

static void print_set(FILE *out, const void *argument)
{
	const struct set_request *request = argument;

	rules_print_set(out, request->format, request->rules, request->count);
}

static void print_list(FILE *out, const void *argument)
{
	rules_print_list(out, *(const enum rules_format *)argument);
}

static void print_explain(FILE *out, const void *argument)
{
	rules_print_explain(out, argument);
}

static char *render_set(enum rules_format format, const struct rule_info *rules, size_t count)
{
	struct set_request request = {format, rules, count};

	return print_to_string(print_set, &request);
}

static char *render_list(enum rules_format format)
{
	return print_to_string(print_list, &format);
}

/* True when text parses with libyaml to the end and its first document is a mapping. */
static bool yaml_text_is_mapping(const char *text)
{
	yaml_parser_t parser;
	yaml_event_t event;
	bool ok = true;
	bool seen_root = false;
	bool root_is_mapping = false;
	bool done = false;

	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			ok = false;
			break;
		}
		if (!seen_root && (event.type == YAML_MAPPING_START_EVENT ||
				   event.type == YAML_SEQUENCE_START_EVENT ||
				   event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT)) {
			seen_root = true;
			root_is_mapping = event.type == YAML_MAPPING_START_EVENT;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return ok && root_is_mapping;
}

/*
 * A JSON syntax checker (RFC 8259), enough to prove that the printer's output
 * parses: every value, string escape and bracket is checked, nothing is built.
 */
static void json_skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r')
		(*p)++;
}

static bool json_parse_value(const char **p, int depth);

static bool json_parse_string(const char **p)
{
	if (**p != '"')
		return false;
	(*p)++;
	while (**p != '"') {
		unsigned char c = (unsigned char)**p;

		if (c == '\0' || c < 0x20)
			return false;
		if (c == '\\') {
			(*p)++;
			if (**p == 'u') {
				for (int i = 1; i <= 4; i++) {
					if (!isxdigit((unsigned char)(*p)[i]))
						return false;
				}
				*p += 4;
			} else if (**p == '\0' || !strchr("\"\\/bfnrt", **p)) {
				return false;
			}
		}
		(*p)++;
	}
	(*p)++;
	return true;
}

static bool json_parse_number(const char **p)
{
	if (**p == '-')
		(*p)++;
	if (**p == '0') {
		(*p)++;
	} else if (isdigit((unsigned char)**p)) {
		while (isdigit((unsigned char)**p))
			(*p)++;
	} else {
		return false;
	}
	if (**p == '.') {
		(*p)++;
		if (!isdigit((unsigned char)**p))
			return false;
		while (isdigit((unsigned char)**p))
			(*p)++;
	}
	if (**p == 'e' || **p == 'E') {
		(*p)++;
		if (**p == '+' || **p == '-')
			(*p)++;
		if (!isdigit((unsigned char)**p))
			return false;
		while (isdigit((unsigned char)**p))
			(*p)++;
	}
	return true;
}

static bool json_parse_literal(const char **p, const char *literal)
{
	size_t length = strlen(literal);

	if (strncmp(*p, literal, length) != 0)
		return false;
	*p += length;
	return true;
}

static bool json_parse_container(const char **p, int depth, char close, bool is_object)
{
	(*p)++;
	json_skip_space(p);
	if (**p == close) {
		(*p)++;
		return true;
	}
	for (;;) {
		if (is_object) {
			json_skip_space(p);
			if (!json_parse_string(p))
				return false;
			json_skip_space(p);
			if (**p != ':')
				return false;
			(*p)++;
		}
		if (!json_parse_value(p, depth + 1))
			return false;
		json_skip_space(p);
		if (**p == close) {
			(*p)++;
			return true;
		}
		if (**p != ',')
			return false;
		(*p)++;
	}
}

static bool json_parse_value(const char **p, int depth)
{
	if (depth > 64)
		return false;
	json_skip_space(p);
	switch (**p) {
	case '{':
		return json_parse_container(p, depth, '}', true);
	case '[':
		return json_parse_container(p, depth, ']', false);
	case '"':
		return json_parse_string(p);
	case 't':
		return json_parse_literal(p, "true");
	case 'f':
		return json_parse_literal(p, "false");
	case 'n':
		return json_parse_literal(p, "null");
	default:
		return json_parse_number(p);
	}
}

/* True when text is exactly one JSON value, with only white space around it. */
static bool json_text_is_valid(const char *text)
{
	const char *p = text;

	if (!json_parse_value(&p, 0))
		return false;
	json_skip_space(&p);
	return *p == '\0';
}

static size_t count_occurrences(const char *text, const char *needle)
{
	size_t count = 0;

	for (const char *hit = strstr(text, needle); hit; hit = strstr(hit + 1, needle))
		count++;
	return count;
}

/* Output of one call of a subcommand, with stdout and stderr captured. */
struct captured {
	int status;
	char *out;
	char *err;
};

static char *read_stream(FILE *stream)
{
	long size;
	char *text;

	assert_int_equal(fseek(stream, 0, SEEK_END), 0);
	size = ftell(stream);
	assert_true(size >= 0);
	rewind(stream);
	text = malloc((size_t)size + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, stream), (size_t)size);
	text[size] = '\0';
	return text;
}

/*
 * Call command with arguments (NULL-ended, the subcommand's name first) while
 * file descriptors 1 and 2 point at temporary files.  No cmocka assertion runs
 * while they are redirected, so a failure message is never lost.
 */
static void capture_command(int (*command)(int, char **), const char *const *arguments,
			    struct captured *result)
{
	char *argv[16];
	int argc = 0;
	FILE *out_file = tmpfile();
	FILE *err_file = tmpfile();
	int saved_out;
	int saved_err;

	assert_non_null(out_file);
	assert_non_null(err_file);
	for (; arguments[argc]; argc++) {
		assert_true(argc < 15);
		argv[argc] = strdup(arguments[argc]);
		assert_non_null(argv[argc]);
	}
	argv[argc] = NULL;

	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	assert_true(saved_out >= 0);
	assert_true(saved_err >= 0);
	assert_true(dup2(fileno(out_file), STDOUT_FILENO) >= 0);
	assert_true(dup2(fileno(err_file), STDERR_FILENO) >= 0);

	result->status = command(argc, argv);
	fflush(stdout);
	fflush(stderr);

	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);

	result->out = read_stream(out_file);
	result->err = read_stream(err_file);
	fclose(out_file);
	fclose(err_file);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
}

static void captured_release(struct captured *result)
{
	free(result->out);
	free(result->err);
}

/* Catalogue contents */

static void test_rules_catalogue_count_matches_runbook(void **state)
{
	(void)state;
	assert_int_equal(EXPECTED_COUNT, 92);
	assert_int_equal(RULE__COUNT, EXPECTED_COUNT);
}

static void test_rules_catalogue_codes_match_runbook(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT && i < EXPECTED_COUNT; i++)
		assert_string_equal(rule_catalogue[i].code, expected_rules[i].code);
}

static void test_rules_catalogue_ids_match_positions(void **state)
{
	(void)state;
	assert_int_equal(RULE_BH001, 0);
	assert_string_equal(rule_catalogue[RULE_BH024].code, "BH024");
	assert_string_equal(rule_catalogue[RULE_BH172].code, "BH172");
	for (size_t i = 0; i < RULE__COUNT; i++)
		assert_int_equal(rule_catalogue[i].id, i);
}

static void test_rules_catalogue_codes_ascending(void **state)
{
	(void)state;
	for (size_t i = 1; i < RULE__COUNT; i++)
		assert_true(strcmp(rule_catalogue[i - 1].code, rule_catalogue[i].code) < 0);
}

static void test_rules_catalogue_codes_well_formed(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const char *code = rule_catalogue[i].code;

		assert_int_equal(strlen(code), 5);
		assert_memory_equal(code, "BH", 2);
		assert_true(isdigit((unsigned char)code[2]));
		assert_true(isdigit((unsigned char)code[3]));
		assert_true(isdigit((unsigned char)code[4]));
	}
}

static void test_rules_catalogue_codes_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		for (size_t j = i + 1; j < RULE__COUNT; j++)
			assert_string_not_equal(rule_catalogue[i].code, rule_catalogue[j].code);
	}
}

static void test_rules_catalogue_names_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		for (size_t j = i + 1; j < RULE__COUNT; j++)
			assert_string_not_equal(rule_catalogue[i].name, rule_catalogue[j].name);
	}
}

static bool is_kebab_case(const char *name)
{
	bool after_dash = true;

	if (*name == '\0')
		return false;
	for (const char *c = name; *c; c++) {
		if (*c == '-') {
			if (after_dash)
				return false;
			after_dash = true;
		} else if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')) {
			after_dash = false;
		} else {
			return false;
		}
	}
	return !after_dash;
}

static void test_rules_catalogue_kebab_check_rejects_bad_names(void **state)
{
	(void)state;
	assert_true(is_kebab_case("tls-secret-names-differ"));
	assert_false(is_kebab_case(""));
	assert_false(is_kebab_case("Tls-secret"));
	assert_false(is_kebab_case("tls_secret"));
	assert_false(is_kebab_case("-tls"));
	assert_false(is_kebab_case("tls-"));
	assert_false(is_kebab_case("tls--secret"));
}

static void test_rules_catalogue_names_kebab_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		if (!is_kebab_case(rule_catalogue[i].name))
			fail_msg("%s: name '%s' is not kebab-case", rule_catalogue[i].code,
				 rule_catalogue[i].name);
	}
}

static void test_rules_catalogue_fields_non_empty(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const struct rule_info *rule = &rule_catalogue[i];

		assert_non_null(rule->name);
		assert_non_null(rule->section);
		assert_non_null(rule->summary);
		assert_non_null(rule->reason);
		assert_non_null(rule->fix);
		assert_true(rule->name[0] != '\0');
		assert_true(rule->section[0] != '\0');
		assert_true(rule->summary[0] != '\0');
		assert_true(rule->reason[0] != '\0');
		assert_true(rule->fix[0] != '\0');
	}
}

static void test_rules_catalogue_summaries_one_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const char *summary = rule_catalogue[i].summary;
		size_t length = strlen(summary);

		assert_null(strchr(summary, '\n'));
		assert_true(summary[length - 1] != '.');
		assert_false(isupper((unsigned char)summary[0]) && islower((unsigned char)summary[1]));
	}
}

static void test_rules_catalogue_reasons_are_sentences(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const char *reason = rule_catalogue[i].reason;

		assert_null(strchr(reason, '\n'));
		assert_int_equal(reason[strlen(reason) - 1], '.');
	}
}

static void test_rules_catalogue_severities_match_runbook(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT && i < EXPECTED_COUNT; i++) {
		if (rule_catalogue[i].severity != expected_rules[i].severity)
			fail_msg("%s: severity %s, expected %s", rule_catalogue[i].code,
				 severity_name(rule_catalogue[i].severity),
				 severity_name(expected_rules[i].severity));
	}
}

static void test_rules_catalogue_info_after_real_hub_testing(void **state)
{
	(void)state;
	assert_int_equal(rule_catalogue[RULE_BH014].severity, SEVERITY_INFO);
	assert_int_equal(rule_catalogue[RULE_BH054].severity, SEVERITY_INFO);
	assert_int_equal(rule_catalogue[RULE_BH055].severity, SEVERITY_INFO);
	assert_int_equal(rule_catalogue[RULE_BH153].severity, SEVERITY_INFO);
	assert_int_equal(rule_catalogue[RULE_BH154].severity, SEVERITY_INFO);
	assert_int_equal(rule_catalogue[RULE_BH158].severity, SEVERITY_INFO);
}

static void test_rules_catalogue_applies_match_runbook(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT && i < EXPECTED_COUNT; i++) {
		if (rule_catalogue[i].applies != expected_rules[i].applies)
			fail_msg("%s: applies to %s, expected %s", rule_catalogue[i].code,
				 rules_applies_name(rule_catalogue[i].applies),
				 rules_applies_name(expected_rules[i].applies));
	}
}

static void test_rules_catalogue_sections_match_runbook(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT && i < EXPECTED_COUNT; i++)
		assert_string_equal(rule_catalogue[i].section, expected_rules[i].section);
}

static void test_rules_catalogue_yaml_check_rejects_bad_text(void **state)
{
	(void)state;
	assert_true(yaml_text_is_mapping("a:\n  b: 1\n"));
	assert_false(yaml_text_is_mapping("a: [1, 2\n"));
	assert_false(yaml_text_is_mapping("- a\n- b\n"));
	assert_false(yaml_text_is_mapping("just a scalar\n"));
	assert_false(yaml_text_is_mapping("a:\n\tb: 1\n"));
	assert_false(yaml_text_is_mapping(""));
}

static void test_rules_catalogue_fixes_parse_as_mappings(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const struct rule_info *rule = &rule_catalogue[i];

		if (!yaml_text_is_mapping(rule->fix))
			fail_msg("%s: fix is not a YAML mapping:\n%s", rule->code, rule->fix);
	}
}

static void test_rules_catalogue_fixes_end_with_newline(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		const char *fix = rule_catalogue[i].fix;

		assert_int_equal(fix[strlen(fix) - 1], '\n');
		assert_null(strchr(fix, '\t'));
	}
}

/* True when a line of fix that is not a comment contains text. */
static bool fix_yaml_contains(const char *fix, const char *text)
{
	const char *line = fix;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t length = end ? (size_t)(end - line) : strlen(line);
		const char *content = line + strspn(line, " ");
		char *copy;
		bool found;

		if (*content != '#') {
			copy = strndup(line, length);
			assert_non_null(copy);
			found = strstr(copy, text) != NULL;
			free(copy);
			if (found)
				return true;
		}
		line += length + (end ? 1 : 0);
	}
	return false;
}

static void test_rules_catalogue_fix_yaml_check_skips_comments(void **state)
{
	(void)state;
	assert_true(fix_yaml_contains("a:\n  b: true\n", "b: true"));
	assert_false(fix_yaml_contains("a:\n  # b: true\n  b: <b>\n", "b: true"));
	assert_false(fix_yaml_contains("a: 1\n", "b"));
}

/*
 * YAML that suits only some of the hubs or keys a rule reports on.  The
 * reporter prints the same fix under every finding of a rule, so a fix with
 * such a line contradicts the message on the other hubs or keys.
 */
static const struct {
	enum rule_id rule;
	const char *yaml;
} fixes_for_one_case[] = {
	/* Duplicate keys can sit under any parent. */
	{RULE_BH005, "jupyterhub:"},
	/* The misplaced class can be any class of either chart. */
	{RULE_BH006, "DockerRegistry:"},
	/* A basehub key is wrong on the basehub chart, top-level chart keys on daskhub. */
	{RULE_BH009, "basehub:"},
	/* auth_enabled is true on hubs with login and false without. */
	{RULE_BH044, "auth_enabled: true"},
	{RULE_BH044, "auth_enabled: false"},
	/* The usual instance type depends on the provider, and any of three
	 * selectors can be reported. */
	{RULE_BH055, "instance-type: n2-highmem-4"},
	{RULE_BH055, "instance-type: r5.xlarge"},
	/* The staff id type depends on the login, and unauthenticated hubs turn
	 * the staff admins off. */
	{RULE_BH120, "add_staff_user_ids_of_type: google"},
	{RULE_BH120, "add_staff_user_ids_to_admin_users: true"},
	/* Any specs list of any repository provider can be reported. */
	{RULE_BH140, "GitHubRepoProvider:"},
	{RULE_BH140, "allowed_specs:"},
	/* The registry path depends on the provider. */
	{RULE_BH150, "image_prefix: quay.io"},
	{RULE_BH150, "image_prefix: <region>"},
	/* The user name depends on the registry. */
	{RULE_BH162, "_json_key"},
	{RULE_BH162, "+<robot>"},
	/* Any secret key can be reported, not only the registry password. */
	{RULE_BH170, "DockerRegistry"},
	{RULE_BH170, "password:"},
	{RULE_BH171, "DockerRegistry"},
	{RULE_BH171, "password:"},
	{RULE_BH172, "DockerRegistry"},
	{RULE_BH172, "password:"},
};

static void test_rules_catalogue_fixes_suit_every_case(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(fixes_for_one_case) / sizeof(fixes_for_one_case[0]); i++) {
		const struct rule_info *rule = &rule_catalogue[fixes_for_one_case[i].rule];

		if (fix_yaml_contains(rule->fix, fixes_for_one_case[i].yaml))
			fail_msg("%s: fix has '%s', which suits only some findings:\n%s", rule->code,
				 fixes_for_one_case[i].yaml, rule->fix);
	}
}

static void test_rules_catalogue_fix_auth_enabled_names_both_modes(void **state)
{
	(void)state;
	assert_true(fix_yaml_contains(rule_catalogue[RULE_BH044].fix,
				      "auth_enabled: <true on hubs with login, false without>"));
}

static void test_rules_catalogue_fix_daskhub_root_is_placeholder(void **state)
{
	(void)state;
	/* Top-level chart keys are wrong on daskhub, a basehub key on basehub. */
	assert_false(fix_yaml_contains(rule_catalogue[RULE_BH009].fix, "\njupyterhub:"));
	assert_int_not_equal(strncmp(rule_catalogue[RULE_BH009].fix, "jupyterhub:", 11), 0);
	assert_true(fix_yaml_contains(rule_catalogue[RULE_BH009].fix, "<root>:"));
}

static void test_rules_catalogue_fix_secret_key_is_placeholder(void **state)
{
	(void)state;
	assert_true(fix_yaml_contains(rule_catalogue[RULE_BH170].fix, "<secret-key>: <secret-value>"));
	assert_non_null(strstr(rule_catalogue[RULE_BH170].fix, "sops --encrypt --in-place"));
	assert_non_null(strstr(rule_catalogue[RULE_BH170].fix, "enc-<hub>.secret.values.yaml"));
	assert_true(fix_yaml_contains(rule_catalogue[RULE_BH171].fix,
				      "<secret-key>: <set-in-encrypted-values>"));
	assert_true(fix_yaml_contains(rule_catalogue[RULE_BH172].fix, "<secret-key>: ENC["));
}

/* Lookup */

static void test_rules_find_by_code(void **state)
{
	(void)state;
	assert_ptr_equal(rules_find("BH024"), &rule_catalogue[RULE_BH024]);
}

static void test_rules_find_by_lower_case_code(void **state)
{
	(void)state;
	assert_ptr_equal(rules_find("bh024"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_find("Bh172"), &rule_catalogue[RULE_BH172]);
}

static void test_rules_find_by_name(void **state)
{
	(void)state;
	assert_ptr_equal(rules_find("tls-secret-names-differ"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_find("duplicate-keys"), &rule_catalogue[RULE_BH005]);
	assert_ptr_equal(rules_find("binderhub-base-url"), &rule_catalogue[RULE_BH040]);
}

static void test_rules_find_name_ignores_case(void **state)
{
	(void)state;
	assert_ptr_equal(rules_find("TLS-SECRET-NAMES-DIFFER"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_find("TLS-Secret-Names-Differ"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_find("Duplicate-Keys"), &rule_catalogue[RULE_BH005]);
}

static void test_rules_find_name_needs_dashes(void **state)
{
	(void)state;
	/* '_' for '-' is a typo that rules_suggest() names, not a match. */
	assert_null(rules_find("tls_secret_names_differ"));
	assert_ptr_equal(rules_suggest("TLS_Secret_Names_Differ"), &rule_catalogue[RULE_BH024]);
}

static void test_rules_find_unknown(void **state)
{
	(void)state;
	assert_null(rules_find("BH999"));
	assert_null(rules_find("BH24"));
	assert_null(rules_find("no-such-rule"));
	assert_null(rules_find(""));
	assert_null(rules_find(NULL));
}

static void test_rules_suggest_code_one_edit_away(void **state)
{
	(void)state;
	assert_ptr_equal(rules_suggest("BH24"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_suggest("bh0244"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_suggest("BH0024"), &rule_catalogue[RULE_BH002]);
}

static void test_rules_suggest_cut_off_code(void **state)
{
	(void)state;
	assert_ptr_equal(rules_suggest("BH04"), &rule_catalogue[RULE_BH040]);
	assert_ptr_equal(rules_suggest("bh04"), &rule_catalogue[RULE_BH040]);
	assert_ptr_equal(rules_suggest("BH17"), &rule_catalogue[RULE_BH170]);
	assert_ptr_equal(rules_suggest("BH01"), &rule_catalogue[RULE_BH010]);
}

static void test_rules_suggest_code_too_short(void **state)
{
	(void)state;
	/* Two edits from dozens of codes: no single one is meant. */
	assert_null(rules_suggest("BH0"));
	assert_null(rules_suggest("BH"));
}

static void test_rules_suggest_code_far_away(void **state)
{
	(void)state;
	assert_null(rules_suggest("BH999"));
	assert_null(rules_suggest("BH990"));
	assert_null(rules_suggest("BH5000"));
}

static void test_rules_suggest_name_typo(void **state)
{
	(void)state;
	assert_ptr_equal(rules_suggest("tls-secret-name-differ"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_suggest("tls-secret-nmaes-differ"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_suggest("duplicate-key"), &rule_catalogue[RULE_BH005]);
}

static void test_rules_suggest_name_case_and_underscores(void **state)
{
	(void)state;
	assert_ptr_equal(rules_suggest("TLS-SECRET-NAMES-DIFFER"), &rule_catalogue[RULE_BH024]);
	assert_ptr_equal(rules_suggest("tls_secret_names_differ"), &rule_catalogue[RULE_BH024]);
}

static void test_rules_suggest_nothing_close(void **state)
{
	(void)state;
	assert_null(rules_suggest("completely-unrelated-words"));
	assert_null(rules_suggest(""));
	assert_null(rules_suggest(NULL));
	assert_null(rules_suggest("tls-secret-names-differ-tls-secret-names-differ-tls-secret-names-differ"));
}

/* Severities, applies and formats */

static void test_rules_severity_round_trip(void **state)
{
	(void)state;
	const enum severity all[] = {SEVERITY_INFO, SEVERITY_WARNING, SEVERITY_ERROR};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		enum severity parsed = all[(i + 1) % 3];

		assert_int_equal(severity_parse(severity_name(all[i]), &parsed), 0);
		assert_int_equal(parsed, all[i]);
	}
}

static void test_rules_severity_names(void **state)
{
	(void)state;
	assert_string_equal(severity_name(SEVERITY_ERROR), "error");
	assert_string_equal(severity_name(SEVERITY_WARNING), "warning");
	assert_string_equal(severity_name(SEVERITY_INFO), "info");
	assert_string_equal(severity_name((enum severity)42), "unknown");
}

static void test_rules_severity_order(void **state)
{
	(void)state;
	assert_true(SEVERITY_ERROR > SEVERITY_WARNING);
	assert_true(SEVERITY_WARNING > SEVERITY_INFO);
}

static void test_rules_severity_parse_any_case(void **state)
{
	(void)state;
	enum severity parsed = SEVERITY_INFO;

	assert_int_equal(severity_parse("ERROR", &parsed), 0);
	assert_int_equal(parsed, SEVERITY_ERROR);
	assert_int_equal(severity_parse("Warning", &parsed), 0);
	assert_int_equal(parsed, SEVERITY_WARNING);
}

static void test_rules_severity_parse_invalid(void **state)
{
	(void)state;
	enum severity parsed = SEVERITY_WARNING;

	assert_int_equal(severity_parse("fatal", &parsed), -1);
	assert_int_equal(parsed, SEVERITY_WARNING);
	assert_int_equal(severity_parse("", &parsed), -1);
	assert_int_equal(parsed, SEVERITY_WARNING);
	assert_int_equal(severity_parse("errors", &parsed), -1);
	assert_int_equal(parsed, SEVERITY_WARNING);
	assert_int_equal(severity_parse(NULL, &parsed), -1);
	assert_int_equal(parsed, SEVERITY_WARNING);
}

static void test_rules_applies_names(void **state)
{
	(void)state;
	assert_string_equal(rules_applies_name(APPLIES_ALL), "all");
	assert_string_equal(rules_applies_name(APPLIES_AUTHENTICATED), "authenticated");
	assert_string_equal(rules_applies_name(APPLIES_UNAUTHENTICATED), "unauthenticated");
	assert_string_equal(rules_applies_name(APPLIES_PROVIDER_GCP_AWS), "provider-gcp-aws");
	assert_string_equal(rules_applies_name(APPLIES_REGISTRY_GAR), "registry-gar");
	assert_string_equal(rules_applies_name(APPLIES_REGISTRY_QUAY), "registry-quay");
	assert_string_equal(rules_applies_name(APPLIES_REGISTRY_GAR_QUAY), "registry-gar-quay");
	assert_string_equal(rules_applies_name((enum rule_applies)42), "unknown");
}

static void test_rules_applies_descriptions(void **state)
{
	(void)state;
	assert_string_equal(rules_applies_description(APPLIES_ALL), "all hubs");
	assert_string_equal(rules_applies_description(APPLIES_UNAUTHENTICATED),
			    "unauthenticated hubs");
	assert_string_equal(rules_applies_description(APPLIES_REGISTRY_QUAY),
			    "hubs pushing to quay.io");
	assert_string_equal(rules_applies_description((enum rule_applies)42), "unknown");
}

static void test_rules_format_parse_valid(void **state)
{
	(void)state;
	enum rules_format format = RULES_FORMAT_TEXT;

	assert_int_equal(rules_format_parse("json", &format), 0);
	assert_int_equal(format, RULES_FORMAT_JSON);
	assert_int_equal(rules_format_parse("markdown", &format), 0);
	assert_int_equal(format, RULES_FORMAT_MARKDOWN);
	assert_int_equal(rules_format_parse("text", &format), 0);
	assert_int_equal(format, RULES_FORMAT_TEXT);
}

static void test_rules_format_parse_invalid(void **state)
{
	(void)state;
	enum rules_format format = RULES_FORMAT_MARKDOWN;

	assert_int_equal(rules_format_parse("yaml", &format), -1);
	assert_int_equal(format, RULES_FORMAT_MARKDOWN);
	assert_int_equal(rules_format_parse("JSON", &format), -1);
	assert_int_equal(format, RULES_FORMAT_MARKDOWN);
	assert_int_equal(rules_format_parse(NULL, &format), -1);
	assert_int_equal(format, RULES_FORMAT_MARKDOWN);
}

/* Printers */

static const struct rule_info fixture_rules[] = {
	{
		.id = RULE_BH001,
		.code = "BH001",
		.name = "fixture-first",
		.severity = SEVERITY_WARNING,
		.section = "I.2",
		.applies = APPLIES_AUTHENTICATED,
		.summary = "say \"hi\" to C:\\path",
		.reason = "Tab\there, bell\x07 and caf\xc3\xa9.",
		.fix = "a:\n  b: \"c\"\n",
	},
	{
		.id = RULE_BH002,
		.code = "BH002",
		.name = "second-fixture-with-a-longer-name",
		.severity = SEVERITY_ERROR,
		.section = "Reg.2",
		.applies = APPLIES_REGISTRY_QUAY,
		.summary = "a|b uses `code`, *stars*, _lead, mid_word, <x> and [y]",
		.reason = "The reason of the second fixture is long enough to be wrapped over "
			  "several lines by the explain printer, which fills lines up to "
			  "seventy-nine columns.",
		.fix = "x:\n  - y\n\n  # note\nz: 1\n",
	},
};

static void test_rules_print_json_escapes_strings(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_JSON, fixture_rules, 1);

	assert_string_equal(text, "{\n"
				  "  \"version\": 1,\n"
				  "  \"rules\": [\n"
				  "    {\n"
				  "      \"id\": \"BH001\",\n"
				  "      \"name\": \"fixture-first\",\n"
				  "      \"severity\": \"warning\",\n"
				  "      \"section\": \"I.2\",\n"
				  "      \"applies\": \"authenticated\",\n"
				  "      \"summary\": \"say \\\"hi\\\" to C:\\\\path\",\n"
				  "      \"reason\": \"Tab\\there, bell\\u0007 and caf\xc3\xa9.\",\n"
				  "      \"fix\": \"a:\\n  b: \\\"c\\\"\\n\"\n"
				  "    }\n"
				  "  ]\n"
				  "}\n");
	free(text);
}

static void test_rules_print_json_empty_set(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_JSON, fixture_rules, 0);

	assert_string_equal(text, "{\n  \"version\": 1,\n  \"rules\": []\n}\n");
	assert_true(json_text_is_valid(text));
	free(text);
}

static void test_rules_json_check_rejects_bad_text(void **state)
{
	(void)state;
	assert_true(json_text_is_valid("{\"a\": [1, -2.5e3, true, null, \"\\u00e9\"]}"));
	assert_false(json_text_is_valid("{\"a\": [1, 2}"));
	assert_false(json_text_is_valid("{\"a\": \"tab\there\"}"));
	assert_false(json_text_is_valid("{\"a\": \"\\q\"}"));
	assert_false(json_text_is_valid("{\"a\": 1,}"));
	assert_false(json_text_is_valid("{\"a\": 1} {}"));
	assert_false(json_text_is_valid("{\"a\" 1}"));
	assert_false(json_text_is_valid("\"unterminated"));
}

static void test_rules_print_json_fixtures_valid(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_JSON, fixture_rules, 2);

	assert_true(json_text_is_valid(text));
	free(text);
}

static void test_rules_print_json_catalogue_valid(void **state)
{
	(void)state;
	char *text = render_list(RULES_FORMAT_JSON);

	assert_true(json_text_is_valid(text));
	assert_non_null(strstr(text, "\"version\": 1,"));
	assert_int_equal(count_occurrences(text, "\"id\": \"BH"), RULE__COUNT);
	assert_non_null(strstr(text, "\"id\": \"BH024\",\n      \"name\": \"tls-secret-names-differ\""));
	free(text);
}

static void test_rules_print_text_aligns_columns(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_TEXT, fixture_rules, 2);

	assert_string_equal(text,
			    "CODE   SEVERITY  NAME                               SUMMARY\n"
			    "BH001  warning   fixture-first                      say \"hi\" to C:\\path\n"
			    "BH002  error     second-fixture-with-a-longer-name  a|b uses `code`, *stars*, "
			    "_lead, mid_word, <x> and [y]\n");
	free(text);
}

static void test_rules_print_text_catalogue_lines(void **state)
{
	(void)state;
	char *text = render_list(RULES_FORMAT_TEXT);

	assert_int_equal(count_occurrences(text, "\n"), RULE__COUNT + 1);
	assert_non_null(strstr(text, "\nBH024  error     tls-secret-names-differ "));
	free(text);
}

static void test_rules_print_markdown_intro(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_MARKDOWN, fixture_rules, 1);

	assert_memory_equal(text, "# ", 2);
	assert_non_null(strstr(text, "generated by `binderhub-gen rules --format markdown`"));
	assert_non_null(strstr(text, "do not edit it by hand"));
	free(text);
}

static void test_rules_print_markdown_table_row(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_MARKDOWN, fixture_rules, 2);

	assert_non_null(strstr(text, "\n| Code | Name | Severity | Applies to | Summary |\n"
				     "|---|---|---|---|---|\n"
				     "| [BH001](#bh001-fixture-first) | fixture-first | warning | "
				     "authenticated hubs | say \"hi\" to C:\\\\path |\n"));
	assert_non_null(strstr(text, "| [BH002](#bh002-second-fixture-with-a-longer-name) | "
				     "second-fixture-with-a-longer-name | error | hubs pushing to "
				     "quay.io | a\\|b uses \\`code\\`, \\*stars\\*, \\_lead, mid_word, "
				     "\\<x\\> and \\[y\\] |\n"));
	free(text);
}

static void test_rules_print_markdown_rule_section(void **state)
{
	(void)state;
	char *text = render_set(RULES_FORMAT_MARKDOWN, fixture_rules, 2);
	const char *expected = "\n## BH002 second-fixture-with-a-longer-name\n"
			       "\n"
			       "- **Checks:** a\\|b uses \\`code\\`, \\*stars\\*, \\_lead, mid_word, "
			       "\\<x\\> and \\[y\\]\n"
			       "- **Severity:** error\n"
			       "- **Runbook section:** Reg.2\n"
			       "- **Applies to:** hubs pushing to quay.io\n"
			       "\n"
			       "The reason of the second fixture is long enough to be wrapped over "
			       "several lines by the explain printer, which fills lines up to "
			       "seventy-nine columns.\n"
			       "\n"
			       "Fix:\n"
			       "\n"
			       "```yaml\n"
			       "x:\n"
			       "  - y\n"
			       "\n"
			       "  # note\n"
			       "z: 1\n"
			       "```\n";
	size_t text_length = strlen(text);
	size_t expected_length = strlen(expected);

	assert_true(text_length > expected_length);
	assert_string_equal(text + text_length - expected_length, expected);
	free(text);
}

static void test_rules_print_markdown_catalogue_sections(void **state)
{
	(void)state;
	char *text = render_list(RULES_FORMAT_MARKDOWN);

	assert_int_equal(count_occurrences(text, "\n## BH"), RULE__COUNT);
	assert_int_equal(count_occurrences(text, "\n```yaml\n"), RULE__COUNT);
	assert_non_null(strstr(text, "\n## BH024 tls-secret-names-differ\n"));
	free(text);
}

static void test_rules_print_explain_layout(void **state)
{
	(void)state;
	char *text = print_to_string(print_explain, &fixture_rules[1]);

	assert_string_equal(text,
			    "BH002 second-fixture-with-a-longer-name\n"
			    "\n"
			    "what:             a|b uses `code`, *stars*, _lead, mid_word, <x> and [y]\n"
			    "severity:         error\n"
			    "applies to:       hubs pushing to quay.io\n"
			    "runbook section:  Reg.2\n"
			    "why:              The reason of the second fixture is long enough to be wrapped\n"
			    "                  over several lines by the explain printer, which fills lines\n"
			    "                  up to seventy-nine columns.\n"
			    "fix:\n"
			    "    x:\n"
			    "      - y\n"
			    "\n"
			    "      # note\n"
			    "    z: 1\n");
	free(text);
}

static void test_rules_print_explain_lines_fit(void **state)
{
	(void)state;
	for (size_t i = 0; i < RULE__COUNT; i++) {
		char *text = print_to_string(print_explain, &rule_catalogue[i]);
		const char *line = text;

		/* The labelled fields come before "fix:".  After their 18-column
		 * label, only a single word that cannot be broken may pass column 79. */
		while (*line && strncmp(line, "fix:\n", 5) != 0) {
			size_t length = strcspn(line, "\n");

			if (length > 79 && memchr(line + 18, ' ', length - 18))
				fail_msg("%s: explain line longer than 79 columns: %.*s",
					 rule_catalogue[i].code, (int)length, line);
			line += length;
			if (*line)
				line++;
		}
		assert_true(*line != '\0');
		free(text);
	}
}

/* docs/rules.md */

static char *read_whole_file(const char *path)
{
	FILE *file = fopen(path, "rb");
	char *text;

	if (!file)
		return NULL;
	text = read_stream(file);
	fclose(file);
	return text;
}

static void test_rules_docs_match_markdown_printer(void **state)
{
	(void)state;
	const char *path = BHG_SOURCE_DIR "/docs/rules.md";
	char *committed = read_whole_file(path);
	char *generated = render_list(RULES_FORMAT_MARKDOWN);

	if (!committed)
		fail_msg("cannot read %s; generate it with: "
			 "build/binderhub-gen rules --format markdown > docs/rules.md",
			 path);
	if (strcmp(committed, generated) != 0) {
		size_t line = 1;
		size_t i = 0;

		while (committed[i] && committed[i] == generated[i]) {
			if (committed[i] == '\n')
				line++;
			i++;
		}
		fail_msg("docs/rules.md differs from the markdown printer at line %zu; regenerate "
			 "it with: build/binderhub-gen rules --format markdown > docs/rules.md",
			 line);
	}
	free(committed);
	free(generated);
}

/* Subcommands */

static void test_rules_cmd_rules_default_text(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_rules, (const char *const[]){"rules", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "CODE   SEVERITY", strlen("CODE   SEVERITY"));
	assert_int_equal(count_occurrences(result.out, "\n"), RULE__COUNT + 1);
	assert_string_equal(result.err, "");
	captured_release(&result);
}

static void test_rules_cmd_rules_format_json(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_rules, (const char *const[]){"rules", "--format", "json", NULL},
			&result);
	assert_int_equal(result.status, EXIT_OK);
	assert_true(json_text_is_valid(result.out));
	assert_string_equal(result.err, "");
	captured_release(&result);
}

static void test_rules_cmd_rules_format_equals_markdown(void **state)
{
	(void)state;
	struct captured result;
	char *expected = render_list(RULES_FORMAT_MARKDOWN);

	capture_command(cmd_rules, (const char *const[]){"rules", "--format=markdown", NULL},
			&result);
	assert_int_equal(result.status, EXIT_OK);
	assert_string_equal(result.out, expected);
	assert_string_equal(result.err, "");
	free(expected);
	captured_release(&result);
}

static void test_rules_cmd_rules_format_repeated_same(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_rules,
			(const char *const[]){"rules", "--format", "json", "--format=json", NULL},
			&result);
	assert_int_equal(result.status, EXIT_OK);
	assert_true(json_text_is_valid(result.out));
	captured_release(&result);
}

static void test_rules_cmd_rules_help(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_rules, (const char *const[]){"rules", "--help", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "Usage: binderhub-gen rules ", 27);
	assert_non_null(strstr(result.out, "--format"));
	assert_string_equal(result.err, "");
	captured_release(&result);

	capture_command(cmd_rules, (const char *const[]){"rules", "-h", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "Usage: binderhub-gen rules ", 27);
	captured_release(&result);
}

/* Run a command that must fail with a usage error: exit 2, nothing on stdout, message on stderr. */
static void assert_usage_error(int (*command)(int, char **), const char *const *arguments,
			       const char *expected_error)
{
	struct captured result;

	capture_command(command, arguments, &result);
	assert_int_equal(result.status, EXIT_USAGE);
	assert_string_equal(result.out, "");
	assert_string_equal(result.err, expected_error);
	captured_release(&result);
}

static void test_rules_cmd_rules_format_missing_value(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--format", NULL},
			   "binderhub-gen: error: option '--format' needs a value; use one of "
			   "text, markdown, json\n");
}

static void test_rules_cmd_rules_format_invalid(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--format", "yaml", NULL},
			   "binderhub-gen: error: invalid format 'yaml'; use one of text, "
			   "markdown, json\n");
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--format=", NULL},
			   "binderhub-gen: error: invalid format ''; use one of text, markdown, "
			   "json\n");
}

static void test_rules_cmd_rules_format_conflict(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules,
			   (const char *const[]){"rules", "--format=json", "--format", "text", NULL},
			   "binderhub-gen: error: option '--format' given twice, as 'json' and "
			   "'text'; give it once\n");
}

static void test_rules_cmd_rules_unknown_option(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--colour", NULL},
			   "binderhub-gen: error: unknown option '--colour' for 'rules'; see "
			   "'binderhub-gen rules --help'\n");
}

static void test_rules_cmd_rules_help_with_value(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--help=yes", NULL},
			   "binderhub-gen: error: option '--help' takes no value; run "
			   "'binderhub-gen rules --help'\n");
}

static void test_rules_cmd_rules_unexpected_argument(void **state)
{
	(void)state;
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "BH024", NULL},
			   "binderhub-gen: error: unexpected argument 'BH024'; 'binderhub-gen "
			   "rules' takes no arguments, see 'binderhub-gen rules --help'\n");
	assert_usage_error(cmd_rules, (const char *const[]){"rules", "--", "--format", NULL},
			   "binderhub-gen: error: unexpected argument '--format'; 'binderhub-gen "
			   "rules' takes no arguments, see 'binderhub-gen rules --help'\n");
}

static void test_rules_cmd_explain_by_code(void **state)
{
	(void)state;
	struct captured result;
	char *expected = print_to_string(print_explain, &rule_catalogue[RULE_BH024]);

	capture_command(cmd_explain, (const char *const[]){"explain", "BH024", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_string_equal(result.out, expected);
	assert_string_equal(result.err, "");
	captured_release(&result);

	capture_command(cmd_explain, (const char *const[]){"explain", "bh024", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_string_equal(result.out, expected);
	captured_release(&result);
	free(expected);
}

static void test_rules_cmd_explain_by_name(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_explain,
			(const char *const[]){"explain", "tls-secret-names-differ", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "BH024 tls-secret-names-differ\n",
			    strlen("BH024 tls-secret-names-differ\n"));
	assert_non_null(strstr(result.out, "\nwhy:"));
	assert_non_null(strstr(result.out, "\nfix:\n    jupyterhub:\n"));
	assert_string_equal(result.err, "");
	captured_release(&result);
}

static void test_rules_cmd_explain_by_name_any_case(void **state)
{
	(void)state;
	struct captured result;
	char *expected = print_to_string(print_explain, &rule_catalogue[RULE_BH024]);

	capture_command(cmd_explain,
			(const char *const[]){"explain", "TLS-Secret-Names-Differ", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_string_equal(result.out, expected);
	assert_string_equal(result.err, "");
	captured_release(&result);
	free(expected);
}

static void test_rules_cmd_explain_cut_off_code_hint(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "BH04", NULL},
			   "binderhub-gen: error: unknown rule 'BH04'; did you mean 'BH040' "
			   "(binderhub-base-url)?\n");
}

static void test_rules_cmd_explain_after_double_dash(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_explain, (const char *const[]){"explain", "--", "BH040", NULL},
			&result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "BH040 binderhub-base-url\n",
			    strlen("BH040 binderhub-base-url\n"));
	captured_release(&result);
}

static void test_rules_cmd_explain_help(void **state)
{
	(void)state;
	struct captured result;

	capture_command(cmd_explain, (const char *const[]){"explain", "--help", NULL}, &result);
	assert_int_equal(result.status, EXIT_OK);
	assert_memory_equal(result.out, "Usage: binderhub-gen explain RULE\n",
			    strlen("Usage: binderhub-gen explain RULE\n"));
	assert_string_equal(result.err, "");
	captured_release(&result);
}

static void test_rules_cmd_explain_unknown_code(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "BH999", NULL},
			   "binderhub-gen: error: unknown rule 'BH999'; run 'binderhub-gen "
			   "rules' to list them\n");
}

static void test_rules_cmd_explain_unknown_with_hint(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain,
			   (const char *const[]){"explain", "tls-secret-name-differ", NULL},
			   "binderhub-gen: error: unknown rule 'tls-secret-name-differ'; did you "
			   "mean 'BH024' (tls-secret-names-differ)?\n");
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "BH24", NULL},
			   "binderhub-gen: error: unknown rule 'BH24'; did you mean 'BH024' "
			   "(tls-secret-names-differ)?\n");
}

static void test_rules_cmd_explain_missing_rule(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain, (const char *const[]){"explain", NULL},
			   "binderhub-gen: error: missing rule code or name; run 'binderhub-gen "
			   "rules' to list them\n");
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "--", NULL},
			   "binderhub-gen: error: missing rule code or name; run 'binderhub-gen "
			   "rules' to list them\n");
}

static void test_rules_cmd_explain_two_rules(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "BH024", "BH040", NULL},
			   "binderhub-gen: error: unexpected argument 'BH040'; 'binderhub-gen "
			   "explain' takes one rule code or name\n");
}

static void test_rules_cmd_explain_unknown_option(void **state)
{
	(void)state;
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "--format=json", "BH024", NULL},
			   "binderhub-gen: error: unknown option '--format=json' for 'explain'; "
			   "see 'binderhub-gen explain --help'\n");
	assert_usage_error(cmd_explain, (const char *const[]){"explain", "--help=1", NULL},
			   "binderhub-gen: error: option '--help' takes no value; run "
			   "'binderhub-gen explain --help'\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_catalogue_count_matches_runbook),
		cmocka_unit_test(test_rules_catalogue_codes_match_runbook),
		cmocka_unit_test(test_rules_catalogue_ids_match_positions),
		cmocka_unit_test(test_rules_catalogue_codes_ascending),
		cmocka_unit_test(test_rules_catalogue_codes_well_formed),
		cmocka_unit_test(test_rules_catalogue_codes_unique),
		cmocka_unit_test(test_rules_catalogue_names_unique),
		cmocka_unit_test(test_rules_catalogue_kebab_check_rejects_bad_names),
		cmocka_unit_test(test_rules_catalogue_names_kebab_case),
		cmocka_unit_test(test_rules_catalogue_fields_non_empty),
		cmocka_unit_test(test_rules_catalogue_summaries_one_line),
		cmocka_unit_test(test_rules_catalogue_reasons_are_sentences),
		cmocka_unit_test(test_rules_catalogue_severities_match_runbook),
		cmocka_unit_test(test_rules_catalogue_info_after_real_hub_testing),
		cmocka_unit_test(test_rules_catalogue_applies_match_runbook),
		cmocka_unit_test(test_rules_catalogue_sections_match_runbook),
		cmocka_unit_test(test_rules_catalogue_yaml_check_rejects_bad_text),
		cmocka_unit_test(test_rules_catalogue_fixes_parse_as_mappings),
		cmocka_unit_test(test_rules_catalogue_fixes_end_with_newline),
		cmocka_unit_test(test_rules_catalogue_fix_yaml_check_skips_comments),
		cmocka_unit_test(test_rules_catalogue_fixes_suit_every_case),
		cmocka_unit_test(test_rules_catalogue_fix_auth_enabled_names_both_modes),
		cmocka_unit_test(test_rules_catalogue_fix_daskhub_root_is_placeholder),
		cmocka_unit_test(test_rules_catalogue_fix_secret_key_is_placeholder),
		cmocka_unit_test(test_rules_find_by_code),
		cmocka_unit_test(test_rules_find_by_lower_case_code),
		cmocka_unit_test(test_rules_find_by_name),
		cmocka_unit_test(test_rules_find_name_ignores_case),
		cmocka_unit_test(test_rules_find_name_needs_dashes),
		cmocka_unit_test(test_rules_find_unknown),
		cmocka_unit_test(test_rules_suggest_code_one_edit_away),
		cmocka_unit_test(test_rules_suggest_cut_off_code),
		cmocka_unit_test(test_rules_suggest_code_too_short),
		cmocka_unit_test(test_rules_suggest_code_far_away),
		cmocka_unit_test(test_rules_suggest_name_typo),
		cmocka_unit_test(test_rules_suggest_name_case_and_underscores),
		cmocka_unit_test(test_rules_suggest_nothing_close),
		cmocka_unit_test(test_rules_severity_round_trip),
		cmocka_unit_test(test_rules_severity_names),
		cmocka_unit_test(test_rules_severity_order),
		cmocka_unit_test(test_rules_severity_parse_any_case),
		cmocka_unit_test(test_rules_severity_parse_invalid),
		cmocka_unit_test(test_rules_applies_names),
		cmocka_unit_test(test_rules_applies_descriptions),
		cmocka_unit_test(test_rules_format_parse_valid),
		cmocka_unit_test(test_rules_format_parse_invalid),
		cmocka_unit_test(test_rules_print_json_escapes_strings),
		cmocka_unit_test(test_rules_print_json_empty_set),
		cmocka_unit_test(test_rules_json_check_rejects_bad_text),
		cmocka_unit_test(test_rules_print_json_fixtures_valid),
		cmocka_unit_test(test_rules_print_json_catalogue_valid),
		cmocka_unit_test(test_rules_print_text_aligns_columns),
		cmocka_unit_test(test_rules_print_text_catalogue_lines),
		cmocka_unit_test(test_rules_print_markdown_intro),
		cmocka_unit_test(test_rules_print_markdown_table_row),
		cmocka_unit_test(test_rules_print_markdown_rule_section),
		cmocka_unit_test(test_rules_print_markdown_catalogue_sections),
		cmocka_unit_test(test_rules_print_explain_layout),
		cmocka_unit_test(test_rules_print_explain_lines_fit),
		cmocka_unit_test(test_rules_docs_match_markdown_printer),
		cmocka_unit_test(test_rules_cmd_rules_default_text),
		cmocka_unit_test(test_rules_cmd_rules_format_json),
		cmocka_unit_test(test_rules_cmd_rules_format_equals_markdown),
		cmocka_unit_test(test_rules_cmd_rules_format_repeated_same),
		cmocka_unit_test(test_rules_cmd_rules_help),
		cmocka_unit_test(test_rules_cmd_rules_format_missing_value),
		cmocka_unit_test(test_rules_cmd_rules_format_invalid),
		cmocka_unit_test(test_rules_cmd_rules_format_conflict),
		cmocka_unit_test(test_rules_cmd_rules_unknown_option),
		cmocka_unit_test(test_rules_cmd_rules_help_with_value),
		cmocka_unit_test(test_rules_cmd_rules_unexpected_argument),
		cmocka_unit_test(test_rules_cmd_explain_by_code),
		cmocka_unit_test(test_rules_cmd_explain_by_name),
		cmocka_unit_test(test_rules_cmd_explain_by_name_any_case),
		cmocka_unit_test(test_rules_cmd_explain_cut_off_code_hint),
		cmocka_unit_test(test_rules_cmd_explain_after_double_dash),
		cmocka_unit_test(test_rules_cmd_explain_help),
		cmocka_unit_test(test_rules_cmd_explain_unknown_code),
		cmocka_unit_test(test_rules_cmd_explain_unknown_with_hint),
		cmocka_unit_test(test_rules_cmd_explain_missing_rule),
		cmocka_unit_test(test_rules_cmd_explain_two_rules),
		cmocka_unit_test(test_rules_cmd_explain_unknown_option),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
