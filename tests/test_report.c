/*
 * Tests of the report formats of `binderhub-gen check` (include/report.h,
 * src/report/): option parsing, the colour decision, sorting, and the text,
 * json, github and sarif output.
 *
 * The golden files under tests/golden/report/ are written from a small
 * fixture catalogue defined here, so edits to the real rule texts do not
 * change them. Regenerate them with BHG_UPDATE_GOLDEN=1.
 *
 * Run as `test_report --write-catalogue-sarif`, the program instead writes a
 * SARIF log with the real catalogue to standard output, which
 * tests/test_sarif_schema.sh validates against the SARIF schema subset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture.h"
#include "load.h"
#include "report.h"
#include "rules.h"
#include "tree.h"

#define GOLDEN_DIR BHG_TESTS_DIR "/golden/report/"

/* Fixture catalogue: finding.rule indexes it, as it indexes rule_catalogue. */
enum fixture_rule {
	FIXTURE_ERROR,
	FIXTURE_WARNING,
	FIXTURE_INFO,
	FIXTURE_DEPLOYER,
	FIXTURE_RULE_COUNT,
};

static const struct rule_info fixture_rules[FIXTURE_RULE_COUNT] = {
	[FIXTURE_ERROR] = {
		.id = (enum rule_id)FIXTURE_ERROR,
		.code = "BH901",
		.name = "sample-enabled",
		.severity = SEVERITY_ERROR,
		.section = "I.1",
		.applies = APPLIES_ALL,
		.summary = "sample.enabled is true",
		.reason = "Without it the sample feature stays off.",
		.fix = "sample:\n  enabled: true\n",
	},
	[FIXTURE_WARNING] = {
		.id = (enum rule_id)FIXTURE_WARNING,
		.code = "BH902",
		.name = "sample-url-https",
		.severity = SEVERITY_WARNING,
		.section = "I.2",
		.applies = APPLIES_AUTHENTICATED,
		.summary = "sample.url starts with \"https://\"",
		.reason = "Browsers block mixed content,\nso a plain http URL fails.",
		.fix = "sample:\n  # the hub's address\n\n  url: https://<domain>\n",
	},
	[FIXTURE_INFO] = {
		.id = (enum rule_id)FIXTURE_INFO,
		.code = "BH903",
		.name = "sample-command-review",
		.severity = SEVERITY_INFO,
		.section = "I.3",
		.applies = APPLIES_ALL,
		.summary = "sample.command needs a review",
		.reason = "The values cannot show what a shell command does.",
		.fix = "",
	},
	[FIXTURE_DEPLOYER] = {
		.id = (enum rule_id)FIXTURE_DEPLOYER,
		.code = "BH904",
		.name = "sample-hosts-set",
		.severity = SEVERITY_ERROR,
		.section = "I.4/derived",
		.applies = APPLIES_ALL,
		.summary = "jupyterhub.ingress.hosts is not empty",
		.reason = "The ingress needs a host name.",
		.fix = "jupyterhub:\n  ingress:\n    hosts: [<domain>]\n",
	},
};

#define FILE_COMMON "./config/clusters/demo/common.values.yaml"
#define FILE_BINDER "config/clusters/demo/binder.values.yaml"
#define DERIVED "unauthenticated hub, provider aws, registry quay, chart defaults built-in (9ad7cd0fc)"

/* Helpers */

static char *copy_text(const char *text)
{
	char *copy = strdup(text);

	assert_non_null(copy);
	return copy;
}

static void add_finding(struct findings *findings, int rule, enum severity severity,
			const char *file, size_t line, size_t column, const char *path,
			const char *message, bool from_emulated)
{
	struct finding *finding;

	if (findings->count == findings->capacity) {
		size_t capacity = findings->capacity ? findings->capacity * 2 : 8;
		struct finding *items = realloc(findings->items, capacity * sizeof(*items));

		assert_non_null(items);
		findings->items = items;
		findings->capacity = capacity;
	}
	finding = &findings->items[findings->count++];
	memset(finding, 0, sizeof(*finding));
	finding->rule = (enum rule_id)rule;
	finding->severity = severity;
	finding->mark.file = file;
	finding->mark.line = line;
	finding->mark.column = column;
	finding->path = copy_text(path);
	finding->message = copy_text(message);
	finding->from_emulated = from_emulated;
}

/*
 * The golden set, deliberately out of order: an error, a warning and an
 * info at known places, an error without a line, and an error whose value
 * comes from the emulated deployer layer, in two files.
 */
static void build_golden_findings(struct findings *findings)
{
	add_finding(findings, FIXTURE_WARNING, SEVERITY_WARNING, FILE_BINDER, 3, 3, "sample.url",
		    "sample.url is 'http://hub.example.org:8080/a,b'; use https", false);
	add_finding(findings, FIXTURE_ERROR, SEVERITY_ERROR, FILE_COMMON, 12, 5, "sample.enabled",
		    "sample.enabled is 'false'; set it to true", false);
	add_finding(findings, FIXTURE_INFO, SEVERITY_INFO, FILE_BINDER, 20, 7, "sample.command",
		    "sample.command is 'echo \"100%\" \\ done'; check it by hand", false);
	add_finding(findings, FIXTURE_ERROR, SEVERITY_ERROR, FILE_COMMON, 0, 0, "sample.missing",
		    "missing sample.missing; set it to true", false);
	add_finding(findings, FIXTURE_DEPLOYER, SEVERITY_ERROR, FILE_BINDER, 0, 0,
		    "jupyterhub.ingress.hosts", "jupyterhub.ingress.hosts is []; add the hub's domain",
		    true);
}

static const struct report_summary golden_summary = {
	.derived = DERIVED,
	.file_count = 2,
	.exit_status = 1,
};

/* Write findings with the fixture catalogue and return the output (malloc'ed). */
static char *render(enum report_format format, const struct findings *findings,
		    const struct report_summary *summary, bool color, size_t *length)
{
	char *text = NULL;
	size_t size = 0;
	FILE *stream = open_memstream(&text, &size);

	assert_non_null(stream);
	assert_int_equal(report_write_with_catalogue(stream, format, findings, summary, color,
						     fixture_rules, FIXTURE_RULE_COUNT),
			 0);
	assert_int_equal(fclose(stream), 0);
	if (length)
		*length = size;
	return text;
}

/*
 * Replace every "\"" BHG_VERSION "\"" in text by "\"@BHG_VERSION@\"", so the
 * golden files stay valid when the project's version changes.
 */
static char *mask_version(const char *text)
{
	static const char version[] = "\"" BHG_VERSION "\"";
	static const char mask[] = "\"@BHG_VERSION@\"";
	char *result = NULL;
	size_t size = 0;
	FILE *stream = open_memstream(&result, &size);
	const char *c = text;
	const char *hit;

	assert_non_null(stream);
	while ((hit = strstr(c, version)) != NULL) {
		fwrite(c, 1, (size_t)(hit - c), stream);
		fputs(mask, stream);
		c = hit + strlen(version);
	}
	fputs(c, stream);
	assert_int_equal(fclose(stream), 0);
	return result;
}

static void assert_golden(enum report_format format, bool color, const char *golden_name)
{
	struct findings findings = {0};
	char *text;
	char *masked;

	build_golden_findings(&findings);
	report_sort(&findings);
	text = render(format, &findings, &golden_summary, color, NULL);
	masked = mask_version(text);
	fixture_assert_golden(masked, strlen(masked), golden_name);
	free(masked);
	free(text);
	findings_release(&findings);
}

/* Return line number index (0-based) of text as a malloc'ed string, or NULL. */
static char *line_at(const char *text, size_t index)
{
	const char *line = text;
	size_t length;
	char *copy;

	for (size_t i = 0; i < index; i++) {
		line = strchr(line, '\n');
		if (!line)
			return NULL;
		line++;
	}
	if (*line == '\0')
		return NULL;
	length = strcspn(line, "\n");
	copy = malloc(length + 1);
	assert_non_null(copy);
	memcpy(copy, line, length);
	copy[length] = '\0';
	return copy;
}

static void assert_line(const char *text, size_t index, const char *expected)
{
	char *line = line_at(text, index);

	assert_non_null(line);
	assert_string_equal(line, expected);
	free(line);
}

static size_t count_lines(const char *text)
{
	size_t count = 0;

	for (const char *c = text; *c; c++)
		count += *c == '\n';
	return count;
}

/* Parse JSON output with the project's YAML loader: every JSON text that
 * the report writes is also YAML. */
static struct tree_doc *parse_json(const char *text)
{
	struct load_options options = {0};
	struct tree_doc *doc = NULL;
	struct load_error error;

	if (load_buffer(text, strlen(text), "output.json", &options, &doc, &error) != LOAD_OK)
		fail_msg("output is not valid JSON/YAML: line %zu: %s", error.mark.line,
			 error.message);
	assert_non_null(doc);
	assert_non_null(doc->root);
	return doc;
}

static const struct node *sequence_item(const struct node *sequence, size_t index)
{
	assert_non_null(sequence);
	assert_int_equal(sequence->kind, NODE_SEQUENCE);
	assert_true(index < sequence->as.sequence.count);
	return sequence->as.sequence.items[index];
}

static size_t sequence_count(const struct node *sequence)
{
	assert_non_null(sequence);
	assert_int_equal(sequence->kind, NODE_SEQUENCE);
	return sequence->as.sequence.count;
}

static const char *text_at(const struct node *root, const char *path)
{
	const struct node *node = tree_get_path(root, path);

	if (!node || node->kind != NODE_SCALAR)
		return NULL;
	return node->as.scalar.value;
}

/* Parsing --format and --color */

static void test_report_format_parse_names(void **state)
{
	enum report_format format = REPORT_SARIF;

	(void)state;
	assert_int_equal(report_format_parse("text", NULL, &format), 0);
	assert_int_equal(format, REPORT_TEXT);
	assert_int_equal(report_format_parse("json", NULL, &format), 0);
	assert_int_equal(format, REPORT_JSON);
	assert_int_equal(report_format_parse("github", NULL, &format), 0);
	assert_int_equal(format, REPORT_GITHUB);
	assert_int_equal(report_format_parse("sarif", NULL, &format), 0);
	assert_int_equal(format, REPORT_SARIF);
}

static void test_report_format_parse_auto_in_actions(void **state)
{
	enum report_format format = REPORT_TEXT;

	(void)state;
	assert_int_equal(report_format_parse("auto", "true", &format), 0);
	assert_int_equal(format, REPORT_GITHUB);
}

static void test_report_format_parse_auto_outside_actions(void **state)
{
	enum report_format format = REPORT_SARIF;

	(void)state;
	assert_int_equal(report_format_parse("auto", NULL, &format), 0);
	assert_int_equal(format, REPORT_TEXT);

	format = REPORT_SARIF;
	assert_int_equal(report_format_parse("auto", "", &format), 0);
	assert_int_equal(format, REPORT_TEXT);
}

static void test_report_format_parse_rejects_unknown(void **state)
{
	static const char *const invalid[] = {"JSON", "", "gcc", "text ", "sarif2"};
	enum report_format format = REPORT_JSON;

	(void)state;
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		assert_int_equal(report_format_parse(invalid[i], "true", &format), -1);
		assert_int_equal(format, REPORT_JSON);
	}
	assert_int_equal(report_format_parse(NULL, "true", &format), -1);
	assert_int_equal(format, REPORT_JSON);
}

static void test_report_color_parse_names(void **state)
{
	enum color_mode mode = COLOR_NEVER;

	(void)state;
	assert_int_equal(report_color_parse("auto", &mode), 0);
	assert_int_equal(mode, COLOR_AUTO);
	assert_int_equal(report_color_parse("always", &mode), 0);
	assert_int_equal(mode, COLOR_ALWAYS);
	assert_int_equal(report_color_parse("never", &mode), 0);
	assert_int_equal(mode, COLOR_NEVER);
}

static void test_report_color_parse_rejects_unknown(void **state)
{
	static const char *const invalid[] = {"Always", "", "yes", "colour"};
	enum color_mode mode = COLOR_ALWAYS;

	(void)state;
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		assert_int_equal(report_color_parse(invalid[i], &mode), -1);
		assert_int_equal(mode, COLOR_ALWAYS);
	}
	assert_int_equal(report_color_parse(NULL, &mode), -1);
	assert_int_equal(mode, COLOR_ALWAYS);
}

/* The colour decision */

static void test_report_use_color_never(void **state)
{
	(void)state;
	assert_false(report_use_color(COLOR_NEVER, true, NULL, "xterm-256color"));
}

static void test_report_use_color_always_overrides_no_color(void **state)
{
	(void)state;
	assert_true(report_use_color(COLOR_ALWAYS, false, "1", "dumb"));
}

static void test_report_use_color_auto_terminal(void **state)
{
	(void)state;
	assert_true(report_use_color(COLOR_AUTO, true, NULL, "xterm-256color"));
}

static void test_report_use_color_auto_pipe(void **state)
{
	(void)state;
	assert_false(report_use_color(COLOR_AUTO, false, NULL, "xterm-256color"));
}

static void test_report_use_color_auto_no_color_set(void **state)
{
	(void)state;
	assert_false(report_use_color(COLOR_AUTO, true, "1", "xterm-256color"));
	assert_false(report_use_color(COLOR_AUTO, true, "0", "xterm-256color"));
}

static void test_report_use_color_auto_no_color_empty(void **state)
{
	(void)state;
	assert_true(report_use_color(COLOR_AUTO, true, "", "xterm-256color"));
}

static void test_report_use_color_auto_term_dumb(void **state)
{
	(void)state;
	assert_false(report_use_color(COLOR_AUTO, true, NULL, "dumb"));
}

static void test_report_use_color_auto_term_unset(void **state)
{
	(void)state;
	assert_true(report_use_color(COLOR_AUTO, true, NULL, NULL));
}

/* Sorting */

static void test_report_sort_orders_by_place_and_rule(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, 2, SEVERITY_INFO, "b.yaml", 1, 1, "p", "m", false);
	add_finding(&findings, 1, SEVERITY_INFO, "a.yaml", 10, 1, "p", "m", false);
	add_finding(&findings, 1, SEVERITY_INFO, "a.yaml", 9, 4, "p", "m", false);
	add_finding(&findings, 3, SEVERITY_INFO, "a.yaml", 9, 2, "p", "m", false);
	add_finding(&findings, 0, SEVERITY_INFO, "a.yaml", 9, 2, "p", "m", false);
	add_finding(&findings, 0, SEVERITY_INFO, "a.yaml", 0, 0, "p", "m", false);

	report_sort(&findings);

	assert_int_equal(findings.items[0].mark.line, 0);
	assert_int_equal(findings.items[1].mark.column, 2);
	assert_int_equal(findings.items[1].rule, 0);
	assert_int_equal(findings.items[2].mark.column, 2);
	assert_int_equal(findings.items[2].rule, 3);
	assert_int_equal(findings.items[3].mark.column, 4);
	assert_int_equal(findings.items[4].mark.line, 10);
	assert_string_equal(findings.items[5].mark.file, "b.yaml");
	findings_release(&findings);
}

static void test_report_sort_compares_lines_as_numbers(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, 0, SEVERITY_ERROR, "a.yaml", 100, 1, "p", "m", false);
	add_finding(&findings, 0, SEVERITY_ERROR, "a.yaml", 20, 1, "p", "m", false);

	report_sort(&findings);

	assert_int_equal(findings.items[0].mark.line, 20);
	assert_int_equal(findings.items[1].mark.line, 100);
	findings_release(&findings);
}

static void test_report_sort_null_file_first(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, 0, SEVERITY_ERROR, "a.yaml", 1, 1, "p", "m", false);
	add_finding(&findings, 0, SEVERITY_ERROR, NULL, 0, 0, "p", "m", false);

	report_sort(&findings);

	assert_null(findings.items[0].mark.file);
	assert_string_equal(findings.items[1].mark.file, "a.yaml");
	findings_release(&findings);
}

static void test_report_sort_ties_by_path_then_message(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, 1, SEVERITY_ERROR, "a.yaml", 5, 3, "b.key", "first", false);
	add_finding(&findings, 1, SEVERITY_ERROR, "a.yaml", 5, 3, "a.key", "second", false);
	add_finding(&findings, 1, SEVERITY_ERROR, "a.yaml", 5, 3, "a.key", "first", false);

	report_sort(&findings);

	assert_string_equal(findings.items[0].path, "a.key");
	assert_string_equal(findings.items[0].message, "first");
	assert_string_equal(findings.items[1].path, "a.key");
	assert_string_equal(findings.items[1].message, "second");
	assert_string_equal(findings.items[2].path, "b.key");
	findings_release(&findings);
}

static void test_report_sort_empty_list(void **state)
{
	struct findings findings = {0};

	(void)state;
	report_sort(&findings);
	assert_int_equal(findings.count, 0);
	assert_null(findings.items);
}

/* Golden files, one per format */

static void test_report_write_text_golden(void **state)
{
	(void)state;
	assert_golden(REPORT_TEXT, false, GOLDEN_DIR "text.txt");
}

static void test_report_write_text_color_golden(void **state)
{
	(void)state;
	assert_golden(REPORT_TEXT, true, GOLDEN_DIR "text-color.txt");
}

static void test_report_write_json_golden(void **state)
{
	(void)state;
	assert_golden(REPORT_JSON, false, GOLDEN_DIR "report.json");
}

static void test_report_write_github_golden(void **state)
{
	(void)state;
	assert_golden(REPORT_GITHUB, false, GOLDEN_DIR "github.txt");
}

static void test_report_write_sarif_golden(void **state)
{
	(void)state;
	assert_golden(REPORT_SARIF, false, GOLDEN_DIR "report.sarif");
}

/* Text */

static void test_report_write_text_line_forms(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 4, 9, "p", "full", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 7, 0, "p", "no column",
		    false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 0, 3, "p", "no line", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, NULL, 0, 0, "p", "no file", false);

	text = render(REPORT_TEXT, &findings, NULL, false, NULL);

	assert_line(text, 0, "a.yaml:4:9: note: full [BH903 sample-command-review]");
	assert_line(text, 1, "a.yaml:7: note: no column [BH903 sample-command-review]");
	assert_line(text, 2, "a.yaml: note: no line [BH903 sample-command-review]");
	assert_line(text, 3, "note: no file [BH903 sample-command-review]");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_fix_indented(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_WARNING, SEVERITY_WARNING, "a.yaml", 1, 1, "p", "m", false);

	text = render(REPORT_TEXT, &findings, NULL, false, NULL);

	assert_line(text, 1, "  fix:");
	assert_line(text, 2, "    sample:");
	assert_line(text, 3, "      # the hub's address");
	/* An empty line of the fix stays empty, without trailing blanks. */
	assert_line(text, 4, "");
	assert_line(text, 5, "      url: https://<domain>");
	assert_line(text, 6, "1 warning in 1 file");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_emulated_note(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "hub.yaml", 0, 0, "p", "m", true);

	text = render(REPORT_TEXT, &findings, NULL, false, NULL);

	assert_line(text, 1, "  (the value comes from the deployer's own layer, not from hub.yaml)");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_severity_overrides_catalogue(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	/* --severity may lower an error rule to a warning. */
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_WARNING, "a.yaml", 2, 1, "p", "m", false);

	text = render(REPORT_TEXT, &findings, NULL, false, NULL);

	assert_line(text, 0, "a.yaml:2:1: warning: m [BH901 sample-enabled]");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_colors_severity_and_rule(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 1, 2, "p", "m", false);
	add_finding(&findings, FIXTURE_WARNING, SEVERITY_WARNING, "a.yaml", 2, 2, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 3, 2, "p", "m", false);

	text = render(REPORT_TEXT, &findings, NULL, true, NULL);

	assert_line(text, 0, "a.yaml:1:2: \033[1;31merror\033[0m: m \033[2m[BH901 sample-enabled]\033[0m");
	assert_line(text, 4,
		    "a.yaml:2:2: \033[1;33mwarning\033[0m: m \033[2m[BH902 sample-url-https]\033[0m");
	assert_line(text, 10,
		    "a.yaml:3:2: \033[1;36mnote\033[0m: m \033[2m[BH903 sample-command-review]\033[0m");
	assert_line(text, 11, "1 error, 1 warning, 1 info in 1 file");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_no_escape_without_color(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	build_golden_findings(&findings);
	text = render(REPORT_TEXT, &findings, &golden_summary, false, NULL);

	assert_null(strchr(text, '\033'));
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_clean(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 2, .exit_status = 0};
	char *text;

	(void)state;
	text = render(REPORT_TEXT, &findings, &summary, false, NULL);

	assert_string_equal(text, "no findings in 2 files\n");
	free(text);
}

static void test_report_write_text_derived_line(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = DERIVED, .file_count = 1, .exit_status = 0};
	char *text;

	(void)state;
	text = render(REPORT_TEXT, &findings, &summary, false, NULL);

	assert_string_equal(text, "checking as: " DERIVED "\nno findings in 1 file\n");
	free(text);
}

static void test_report_write_text_summary_plurals(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 3, .exit_status = 0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_WARNING, "a.yaml", 1, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_WARNING, "a.yaml", 2, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 3, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 4, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 5, 1, "p", "m", false);

	text = render(REPORT_TEXT, &findings, &summary, false, NULL);

	assert_line(text, 5, "2 warnings, 3 infos in 3 files");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_summary_singular(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 1, .exit_status = 1};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_ERROR, "a.yaml", 1, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_WARNING, "a.yaml", 2, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 3, 1, "p", "m", false);

	text = render(REPORT_TEXT, &findings, &summary, false, NULL);

	assert_line(text, 3, "1 error, 1 warning, 1 info in 1 file");
	free(text);
	findings_release(&findings);
}

static void test_report_write_text_without_summary(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	build_golden_findings(&findings);
	text = render(REPORT_TEXT, &findings, NULL, false, NULL);

	/* The file count falls back to the distinct files of the findings. */
	assert_line(text, count_lines(text) - 1, "3 errors, 1 warning, 1 info in 2 files");
	assert_null(strstr(text, "checking as:"));
	free(text);
	findings_release(&findings);
}

/* Colour belongs to the text format only. */
static void test_report_write_formats_ignore_color(void **state)
{
	static const enum report_format formats[] = {REPORT_JSON, REPORT_GITHUB, REPORT_SARIF};
	struct findings findings = {0};

	(void)state;
	build_golden_findings(&findings);
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *plain = render(formats[i], &findings, &golden_summary, false, NULL);
		char *colored = render(formats[i], &findings, &golden_summary, true, NULL);

		assert_string_equal(colored, plain);
		free(plain);
		free(colored);
	}
	findings_release(&findings);
}

/* JSON */

static void test_report_write_json_structure(void **state)
{
	struct findings findings = {0};
	struct tree_doc *doc;
	const struct node *list;
	const struct node *item;
	char *text;

	(void)state;
	build_golden_findings(&findings);
	report_sort(&findings);
	text = render(REPORT_JSON, &findings, &golden_summary, false, NULL);
	doc = parse_json(text);

	assert_string_equal(text_at(doc->root, "version"), "1");
	assert_string_equal(text_at(doc->root, "tool.name"), "binderhub-gen");
	assert_string_equal(text_at(doc->root, "tool.version"), BHG_VERSION);
	assert_string_equal(text_at(doc->root, "derived"), DERIVED);
	list = tree_get_path(doc->root, "findings");
	assert_int_equal(sequence_count(list), 5);

	item = sequence_item(list, 1);
	assert_string_equal(text_at(item, "rule"), "BH901");
	assert_string_equal(text_at(item, "name"), "sample-enabled");
	assert_string_equal(text_at(item, "severity"), "error");
	assert_string_equal(text_at(item, "file"), FILE_COMMON);
	assert_string_equal(text_at(item, "line"), "12");
	assert_string_equal(text_at(item, "column"), "5");
	assert_string_equal(text_at(item, "path"), "sample.enabled");
	assert_string_equal(text_at(item, "message"), "sample.enabled is 'false'; set it to true");
	assert_string_equal(text_at(item, "fix"), "sample:\n  enabled: true\n");
	assert_string_equal(text_at(item, "from_emulated"), "false");

	item = sequence_item(list, 2);
	assert_string_equal(text_at(item, "line"), "0");
	assert_string_equal(text_at(item, "column"), "0");
	assert_string_equal(text_at(item, "from_emulated"), "true");

	item = sequence_item(list, 4);
	assert_string_equal(text_at(item, "severity"), "info");
	assert_string_equal(text_at(item, "message"),
			    "sample.command is 'echo \"100%\" \\ done'; check it by hand");

	assert_string_equal(text_at(doc->root, "summary.errors"), "3");
	assert_string_equal(text_at(doc->root, "summary.warnings"), "1");
	assert_string_equal(text_at(doc->root, "summary.infos"), "1");
	assert_string_equal(text_at(doc->root, "summary.files"), "2");
	tree_doc_free(doc);
	free(text);
	findings_release(&findings);
}

static void test_report_write_json_empty(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 1, .exit_status = 0};
	struct tree_doc *doc;
	char *text;

	(void)state;
	text = render(REPORT_JSON, &findings, &summary, false, NULL);
	doc = parse_json(text);

	assert_non_null(strstr(text, "\"findings\": [],\n"));
	assert_true(tree_is_null(tree_get_path(doc->root, "derived")));
	assert_int_equal(sequence_count(tree_get_path(doc->root, "findings")), 0);
	assert_string_equal(text_at(doc->root, "summary.errors"), "0");
	assert_string_equal(text_at(doc->root, "summary.files"), "1");
	tree_doc_free(doc);
	free(text);
}

static void test_report_write_json_escapes_strings(void **state)
{
	struct findings findings = {0};
	struct tree_doc *doc;
	const struct node *item;
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, NULL, 0, 0, "a\\.b",
		    "tab\there, bell\a, \"quoted\", back\\slash,\nnew line", false);

	text = render(REPORT_JSON, &findings, NULL, false, NULL);

	assert_non_null(strstr(text, "\"message\": \"tab\\there, bell\\u0007, \\\"quoted\\\", "
				     "back\\\\slash,\\nnew line\""));
	assert_non_null(strstr(text, "\"file\": null,"));
	assert_non_null(strstr(text, "\"path\": \"a\\\\.b\","));
	doc = parse_json(text);
	item = sequence_item(tree_get_path(doc->root, "findings"), 0);
	assert_string_equal(text_at(item, "message"),
			    "tab\there, bell\a, \"quoted\", back\\slash,\nnew line");
	assert_true(tree_is_null(tree_get_path(item, "file")));
	tree_doc_free(doc);
	free(text);
	findings_release(&findings);
}

/* GitHub */

static void test_report_write_github_errors_first(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_INFO, SEVERITY_INFO, "a.yaml", 1, 1, "p", "i", false);
	add_finding(&findings, FIXTURE_WARNING, SEVERITY_WARNING, "a.yaml", 2, 1, "p", "w", false);
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 3, 1, "p", "e", false);
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 4, 1, "p", "e2", false);

	text = render(REPORT_GITHUB, &findings, NULL, false, NULL);

	assert_line(text, 0, "::error file=a.yaml,line=3,col=1,title=BH901 sample-enabled::e");
	assert_line(text, 1, "::error file=a.yaml,line=4,col=1,title=BH901 sample-enabled::e2");
	assert_line(text, 2, "::warning file=a.yaml,line=2,col=1,title=BH902 sample-url-https::w");
	assert_line(text, 3,
		    "::notice file=a.yaml,line=1,col=1,title=BH903 sample-command-review::i");
	assert_line(text, 4, "2 errors, 1 warning, 1 info in 1 file");
	assert_int_equal(count_lines(text), 5);
	free(text);
	findings_release(&findings);
}

static void test_report_write_github_escapes_properties(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "./odd:name,100%\n.yaml", 5, 2, "p",
		    "m", false);

	text = render(REPORT_GITHUB, &findings, NULL, false, NULL);

	assert_line(text, 0, "::error file=odd%3Aname%2C100%25%0A.yaml,line=5,col=2,"
			     "title=BH901 sample-enabled::m");
	free(text);
	findings_release(&findings);
}

static void test_report_write_github_escapes_message(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 1, 1, "p",
		    "50% of a:b, c::d\r\nnext", false);

	text = render(REPORT_GITHUB, &findings, NULL, false, NULL);

	assert_line(text, 0, "::error file=a.yaml,line=1,col=1,title=BH901 sample-enabled::"
			     "50%25 of a:b, c::d%0D%0Anext");
	free(text);
	findings_release(&findings);
}

static void test_report_write_github_omits_unknown_place(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 0, 4, "p", "no line", false);
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 6, 0, "p", "no column",
		    false);
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, NULL, 0, 0, "p", "no file", false);

	text = render(REPORT_GITHUB, &findings, NULL, false, NULL);

	assert_line(text, 0, "::error file=a.yaml,title=BH901 sample-enabled::no line");
	assert_line(text, 1, "::error file=a.yaml,line=6,title=BH901 sample-enabled::no column");
	assert_line(text, 2, "::error title=BH901 sample-enabled::no file");
	free(text);
	findings_release(&findings);
}

static void test_report_write_github_emulated_note(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_DEPLOYER, SEVERITY_ERROR, "./hub,1.yaml", 0, 0, "p", "m",
		    true);

	text = render(REPORT_GITHUB, &findings, NULL, false, NULL);

	assert_line(text, 0, "::error file=hub%2C1.yaml,title=BH904 sample-hosts-set::m "
			     "(the value comes from the deployer's own layer, not from hub,1.yaml)");
	free(text);
	findings_release(&findings);
}

/* SARIF */

static void test_report_write_sarif_structure(void **state)
{
	struct findings findings = {0};
	struct tree_doc *doc;
	const struct node *run;
	const struct node *rules;
	const struct node *results;
	const struct node *result;
	const struct node *location;
	char *text;

	(void)state;
	build_golden_findings(&findings);
	report_sort(&findings);
	text = render(REPORT_SARIF, &findings, &golden_summary, false, NULL);
	doc = parse_json(text);

	assert_string_equal(text_at(doc->root, "version"), "2.1.0");
	assert_non_null(text_at(doc->root, "$schema"));
	assert_int_equal(sequence_count(tree_get_path(doc->root, "runs")), 1);
	run = sequence_item(tree_get_path(doc->root, "runs"), 0);
	assert_string_equal(text_at(run, "tool.driver.name"), "binderhub-gen");
	assert_string_equal(text_at(run, "tool.driver.version"), BHG_VERSION);

	rules = tree_get_path(run, "tool.driver.rules");
	assert_int_equal(sequence_count(rules), FIXTURE_RULE_COUNT);
	for (size_t i = 0; i < FIXTURE_RULE_COUNT; i++) {
		const struct node *rule = sequence_item(rules, i);

		assert_string_equal(text_at(rule, "id"), fixture_rules[i].code);
		assert_string_equal(text_at(rule, "name"), fixture_rules[i].name);
		assert_string_equal(text_at(rule, "shortDescription.text"),
				    fixture_rules[i].summary);
		assert_string_equal(text_at(rule, "fullDescription.text"), fixture_rules[i].reason);
		if (fixture_rules[i].fix[0] != '\0')
			assert_string_equal(text_at(rule, "help.text"), fixture_rules[i].fix);
		else
			assert_null(tree_get_path(rule, "help"));
	}
	assert_string_equal(text_at(sequence_item(rules, FIXTURE_WARNING),
				    "defaultConfiguration.level"),
			    "warning");
	assert_string_equal(text_at(sequence_item(rules, FIXTURE_INFO), "defaultConfiguration.level"),
			    "note");

	results = tree_get_path(run, "results");
	assert_int_equal(sequence_count(results), 5);

	/* A finding without a line has a location but no region. */
	result = sequence_item(results, 0);
	assert_string_equal(text_at(result, "ruleId"), "BH901");
	assert_string_equal(text_at(result, "ruleIndex"), "0");
	assert_string_equal(text_at(result, "level"), "error");
	assert_string_equal(text_at(result, "message.text"), "missing sample.missing; set it to true");
	location = sequence_item(tree_get_path(result, "locations"), 0);
	assert_string_equal(text_at(location, "physicalLocation.artifactLocation.uri"),
			    "config/clusters/demo/common.values.yaml");
	assert_null(tree_get_path(location, "physicalLocation.region"));

	result = sequence_item(results, 1);
	location = sequence_item(tree_get_path(result, "locations"), 0);
	assert_string_equal(text_at(location, "physicalLocation.region.startLine"), "12");
	assert_string_equal(text_at(location, "physicalLocation.region.startColumn"), "5");

	result = sequence_item(results, 2);
	assert_string_equal(text_at(result, "ruleIndex"), "3");
	assert_string_equal(text_at(result, "message.text"),
			    "jupyterhub.ingress.hosts is []; add the hub's domain (the value comes "
			    "from the deployer's own layer, not from " FILE_BINDER ")");

	result = sequence_item(results, 4);
	assert_string_equal(text_at(result, "ruleId"), "BH903");
	assert_string_equal(text_at(result, "ruleIndex"), "2");
	assert_string_equal(text_at(result, "level"), "note");

	assert_int_equal(sequence_count(tree_get_path(run, "invocations")), 1);
	assert_string_equal(text_at(sequence_item(tree_get_path(run, "invocations"), 0),
				    "executionSuccessful"),
			    "true");
	assert_string_equal(text_at(sequence_item(tree_get_path(run, "invocations"), 0), "exitCode"),
			    "1");
	tree_doc_free(doc);
	free(text);
	findings_release(&findings);
}

static void test_report_write_sarif_encodes_uri(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "./my hub/a:b%#?\xc3\xa9~(1),x.yaml",
		    3, 0, "p", "m", false);

	text = render(REPORT_SARIF, &findings, NULL, false, NULL);

	assert_non_null(strstr(text, "\"uri\": \"my%20hub/a%3Ab%25%23%3F%C3%A9~(1),x.yaml\""));
	/* Column 0 means unknown, and SARIF columns start at 1. */
	assert_non_null(strstr(text, "\"region\": {\"startLine\": 3}"));
	free(text);
	findings_release(&findings);
}

static void test_report_write_sarif_no_file_no_location(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, NULL, 0, 0, "p", "m", false);

	text = render(REPORT_SARIF, &findings, NULL, false, NULL);

	assert_null(strstr(text, "\"locations\""));
	assert_non_null(strstr(text, "\"message\": {\"text\": \"m\"}\n"));
	free(text);
	findings_release(&findings);
}

static void test_report_write_sarif_exit_code_without_summary(void **state)
{
	struct findings findings = {0};
	char *text;

	(void)state;
	add_finding(&findings, FIXTURE_WARNING, SEVERITY_WARNING, "a.yaml", 1, 1, "p", "m", false);
	text = render(REPORT_SARIF, &findings, NULL, false, NULL);
	assert_non_null(strstr(text, "{\"executionSuccessful\": true, \"exitCode\": 0}"));
	free(text);

	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 2, 1, "p", "m", false);
	text = render(REPORT_SARIF, &findings, NULL, false, NULL);
	assert_non_null(strstr(text, "{\"executionSuccessful\": true, \"exitCode\": 1}"));
	free(text);
	findings_release(&findings);
}

static void test_report_write_sarif_empty(void **state)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 1, .exit_status = 0};
	struct tree_doc *doc;
	const struct node *run;
	char *text;

	(void)state;
	text = render(REPORT_SARIF, &findings, &summary, false, NULL);
	doc = parse_json(text);

	run = sequence_item(tree_get_path(doc->root, "runs"), 0);
	assert_int_equal(sequence_count(tree_get_path(run, "results")), 0);
	assert_int_equal(sequence_count(tree_get_path(run, "tool.driver.rules")), FIXTURE_RULE_COUNT);
	tree_doc_free(doc);
	free(text);
}

/* The SARIF log with the real catalogue: one descriptor per rule, in enum order. */
static void test_report_write_sarif_full_catalogue(void **state)
{
	struct findings findings = {0};
	struct tree_doc *doc;
	const struct node *run;
	const struct node *rules;
	const struct node *result;
	char *text = NULL;
	size_t size = 0;
	FILE *stream = open_memstream(&text, &size);

	(void)state;
	assert_non_null(stream);
	add_finding(&findings, RULE__COUNT - 1, rule_catalogue[RULE__COUNT - 1].severity, "a.yaml",
		    2, 3, "p", "m", false);
	assert_int_equal(report_write(stream, REPORT_SARIF, &findings, NULL, false), 0);
	assert_int_equal(fclose(stream), 0);
	doc = parse_json(text);

	run = sequence_item(tree_get_path(doc->root, "runs"), 0);
	rules = tree_get_path(run, "tool.driver.rules");
	assert_int_equal(sequence_count(rules), RULE__COUNT);
	for (size_t i = 0; i < RULE__COUNT; i++)
		assert_string_equal(text_at(sequence_item(rules, i), "id"), rule_catalogue[i].code);
	result = sequence_item(tree_get_path(run, "results"), 0);
	assert_string_equal(text_at(result, "ruleId"), rule_catalogue[RULE__COUNT - 1].code);
	assert_int_equal(strtoul(text_at(result, "ruleIndex"), NULL, 10), RULE__COUNT - 1);
	tree_doc_free(doc);
	free(text);
	findings_release(&findings);
}

/* Errors */

/* Run report_write_with_catalogue into a memory stream and check that it
 * fails with EINVAL before writing a byte. */
static void assert_rejected(enum report_format format, const struct findings *findings)
{
	char *text = NULL;
	size_t size = 0;
	FILE *stream = open_memstream(&text, &size);

	assert_non_null(stream);
	errno = 0;
	assert_int_equal(report_write_with_catalogue(stream, format, findings, NULL, false,
						     fixture_rules, FIXTURE_RULE_COUNT),
			 -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(fclose(stream), 0);
	assert_int_equal(size, 0);
	free(text);
}

static void test_report_write_rejects_unknown_rule(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, SEVERITY_ERROR, "a.yaml", 1, 1, "p", "m", false);
	add_finding(&findings, FIXTURE_RULE_COUNT, SEVERITY_ERROR, "a.yaml", 2, 1, "p", "m", false);
	assert_rejected(REPORT_TEXT, &findings);
	findings_release(&findings);
}

static void test_report_write_rejects_unknown_severity(void **state)
{
	struct findings findings = {0};

	(void)state;
	add_finding(&findings, FIXTURE_ERROR, (enum severity)7, "a.yaml", 1, 1, "p", "m", false);
	assert_rejected(REPORT_JSON, &findings);
	findings_release(&findings);
}

static void test_report_write_rejects_unknown_format(void **state)
{
	struct findings findings = {0};

	(void)state;
	assert_rejected((enum report_format)42, &findings);
}

static void test_report_write_reports_write_error(void **state)
{
	struct findings findings = {0};
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (!full)
		skip();
	build_golden_findings(&findings);
	errno = 0;
	assert_int_equal(report_write_with_catalogue(full, REPORT_TEXT, &findings, &golden_summary,
						     false, fixture_rules, FIXTURE_RULE_COUNT),
			 -1);
	assert_int_equal(errno, ENOSPC);
	fclose(full);
	findings_release(&findings);
}

/* For tests/test_sarif_schema.sh: a SARIF log with the real catalogue and
 * one result of each kind of place, written to standard output. */
static int write_catalogue_sarif(void)
{
	struct findings findings = {0};
	struct report_summary summary = {.derived = NULL, .file_count = 2, .exit_status = 1};
	int status;

	add_finding(&findings, RULE__COUNT - 1, SEVERITY_ERROR, "./a dir/common.values.yaml", 4, 7,
		    "p", "a \"quoted\" value, 100%", false);
	add_finding(&findings, 0, SEVERITY_WARNING, "binder.values.yaml", 9, 0, "p", "no column",
		    false);
	add_finding(&findings, 0, SEVERITY_INFO, "binder.values.yaml", 0, 0, "p", "emulated", true);
	add_finding(&findings, 0, SEVERITY_ERROR, NULL, 0, 0, "p", "no file", false);
	report_sort(&findings);
	status = report_write(stdout, REPORT_SARIF, &findings, &summary, false) == 0 ? 0 : 1;
	findings_release(&findings);
	return status;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_format_parse_names),
		cmocka_unit_test(test_report_format_parse_auto_in_actions),
		cmocka_unit_test(test_report_format_parse_auto_outside_actions),
		cmocka_unit_test(test_report_format_parse_rejects_unknown),
		cmocka_unit_test(test_report_color_parse_names),
		cmocka_unit_test(test_report_color_parse_rejects_unknown),
		cmocka_unit_test(test_report_use_color_never),
		cmocka_unit_test(test_report_use_color_always_overrides_no_color),
		cmocka_unit_test(test_report_use_color_auto_terminal),
		cmocka_unit_test(test_report_use_color_auto_pipe),
		cmocka_unit_test(test_report_use_color_auto_no_color_set),
		cmocka_unit_test(test_report_use_color_auto_no_color_empty),
		cmocka_unit_test(test_report_use_color_auto_term_dumb),
		cmocka_unit_test(test_report_use_color_auto_term_unset),
		cmocka_unit_test(test_report_sort_orders_by_place_and_rule),
		cmocka_unit_test(test_report_sort_compares_lines_as_numbers),
		cmocka_unit_test(test_report_sort_null_file_first),
		cmocka_unit_test(test_report_sort_ties_by_path_then_message),
		cmocka_unit_test(test_report_sort_empty_list),
		cmocka_unit_test(test_report_write_text_golden),
		cmocka_unit_test(test_report_write_text_color_golden),
		cmocka_unit_test(test_report_write_json_golden),
		cmocka_unit_test(test_report_write_github_golden),
		cmocka_unit_test(test_report_write_sarif_golden),
		cmocka_unit_test(test_report_write_text_line_forms),
		cmocka_unit_test(test_report_write_text_fix_indented),
		cmocka_unit_test(test_report_write_text_emulated_note),
		cmocka_unit_test(test_report_write_text_severity_overrides_catalogue),
		cmocka_unit_test(test_report_write_text_colors_severity_and_rule),
		cmocka_unit_test(test_report_write_text_no_escape_without_color),
		cmocka_unit_test(test_report_write_text_clean),
		cmocka_unit_test(test_report_write_text_derived_line),
		cmocka_unit_test(test_report_write_text_summary_plurals),
		cmocka_unit_test(test_report_write_text_summary_singular),
		cmocka_unit_test(test_report_write_text_without_summary),
		cmocka_unit_test(test_report_write_formats_ignore_color),
		cmocka_unit_test(test_report_write_json_structure),
		cmocka_unit_test(test_report_write_json_empty),
		cmocka_unit_test(test_report_write_json_escapes_strings),
		cmocka_unit_test(test_report_write_github_errors_first),
		cmocka_unit_test(test_report_write_github_escapes_properties),
		cmocka_unit_test(test_report_write_github_escapes_message),
		cmocka_unit_test(test_report_write_github_omits_unknown_place),
		cmocka_unit_test(test_report_write_github_emulated_note),
		cmocka_unit_test(test_report_write_sarif_structure),
		cmocka_unit_test(test_report_write_sarif_encodes_uri),
		cmocka_unit_test(test_report_write_sarif_no_file_no_location),
		cmocka_unit_test(test_report_write_sarif_exit_code_without_summary),
		cmocka_unit_test(test_report_write_sarif_empty),
		cmocka_unit_test(test_report_write_sarif_full_catalogue),
		cmocka_unit_test(test_report_write_rejects_unknown_rule),
		cmocka_unit_test(test_report_write_rejects_unknown_severity),
		cmocka_unit_test(test_report_write_rejects_unknown_format),
		cmocka_unit_test(test_report_write_reports_write_error),
	};

	if (argc == 2 && strcmp(argv[1], "--write-catalogue-sarif") == 0)
		return write_catalogue_sarif();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
