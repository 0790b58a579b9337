/* Single-rule test fixture and its assertions, documented in rule_fixture.h. */
#include "rule_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "load.h"

static const char *first_host(const struct node *root, const char *path)
{
	const struct node *hosts = tree_get_path(root, path);

	if (!hosts || hosts->kind != NODE_SEQUENCE || hosts->as.sequence.count == 0)
		return NULL;
	return check_text(hosts->as.sequence.items[0]);
}

void rule_fixture_init(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode)
{
	struct load_options options = {.keep_comments = true};
	struct load_error err;

	memset(fixture, 0, sizeof(*fixture));
	if (load_buffer(yaml, strlen(yaml), "values.yaml", &options, &fixture->doc, &err) != LOAD_OK)
		fail_msg("fixture YAML does not load: %s (line %zu)", err.message, err.mark.line);
	fixture->layer.name = "values.yaml";
	fixture->layer.doc = fixture->doc;
	fixture->layer.values = fixture->doc->root;
	fixture->layer.secret = false;
	fixture->ctx.values = fixture->doc->root;
	fixture->ctx.layers = &fixture->layer;
	fixture->ctx.layer_count = 1;
	fixture->ctx.mode = mode;
	fixture->ctx.jupyterhub_domain = first_host(fixture->doc->root, "jupyterhub.ingress.hosts");
	fixture->ctx.binderhub_domain =
		first_host(fixture->doc->root, "binderhub-service.ingress.hosts");
	fixture->ctx.findings = &fixture->findings;
}

size_t rule_fixture_run(struct rule_fixture *fixture, rule_fixture_check check)
{
	size_t before = fixture->findings.count;

	check(&fixture->ctx);
	return fixture->findings.count - before;
}

size_t rule_fixture_run_yaml(struct rule_fixture *fixture, const char *yaml, enum hub_mode mode,
			     rule_fixture_check check)
{
	rule_fixture_init(fixture, yaml, mode);
	return rule_fixture_run(fixture, check);
}

const struct finding *rule_fixture_last(const struct rule_fixture *fixture)
{
	return fixture->findings.count ? &fixture->findings.items[fixture->findings.count - 1] : NULL;
}

void rule_fixture_release(struct rule_fixture *fixture)
{
	findings_release(&fixture->findings);
	tree_doc_free(fixture->doc);
}

static const char *rule_code(enum rule_id rule)
{
	return (size_t)rule < RULE__COUNT ? rule_catalogue[rule].code : "an unknown rule";
}

/* Print the last count findings, so that a wrong count shows what the rule reported. */
static void print_last_findings(const struct rule_fixture *fixture, size_t count)
{
	const struct findings *findings = &fixture->findings;

	for (size_t i = findings->count - count; i < findings->count; i++) {
		const struct finding *finding = &findings->items[i];

		print_error("  %s at %s:%zu:%zu: %s\n", rule_code(finding->rule),
			    finding->mark.file ? finding->mark.file : "(no file)",
			    finding->mark.line, finding->mark.column,
			    finding->message ? finding->message : "(no message)");
	}
}

void rule_expect_finding_at(const char *caller_file, int caller_line, const struct finding *finding,
			    enum rule_id rule, enum severity severity, const char *file,
			    size_t line, size_t column)
{
	if (!finding) {
		fail_msg("%s:%d: no finding, expected %s", caller_file, caller_line,
			 rule_code(rule));
		/* Not reached, but cmocka does not declare fail_msg() as not returning. */
		return;
	}
	if (finding->rule != rule)
		fail_msg("%s:%d: the finding is %s, expected %s", caller_file, caller_line,
			 rule_code(finding->rule), rule_code(rule));
	if (finding->severity != severity)
		fail_msg("%s:%d: %s has severity %s, expected %s", caller_file, caller_line,
			 rule_code(rule), severity_name(finding->severity),
			 severity_name(severity));
	if (file && (!finding->mark.file || strcmp(finding->mark.file, file) != 0))
		fail_msg("%s:%d: %s points into '%s', expected '%s'", caller_file, caller_line,
			 rule_code(rule), finding->mark.file ? finding->mark.file : "(no file)",
			 file);
	if (finding->mark.line != line)
		fail_msg("%s:%d: %s is at line %zu, expected %zu", caller_file, caller_line,
			 rule_code(rule), finding->mark.line, line);
	if (finding->mark.column != column)
		fail_msg("%s:%d: %s is at column %zu, expected %zu", caller_file, caller_line,
			 rule_code(rule), finding->mark.column, column);
}

void rule_expect_message_contains_at(const char *caller_file, int caller_line,
				     const struct finding *finding, const char *part)
{
	if (!finding) {
		fail_msg("%s:%d: no finding, expected a message with '%s'", caller_file,
			 caller_line, part);
		return;
	}
	if (!finding->message) {
		fail_msg("%s:%d: %s has no message, expected one with '%s'", caller_file,
			 caller_line, rule_code(finding->rule), part);
		return;
	}
	if (!strstr(finding->message, part))
		fail_msg("%s:%d: message '%s' does not contain '%s'", caller_file, caller_line,
			 finding->message, part);
}

const struct finding *rule_expect_one_at(const char *caller_file, int caller_line,
					 struct rule_fixture *fixture, rule_fixture_check check,
					 enum rule_id rule, enum severity severity, size_t line,
					 size_t column)
{
	size_t count = rule_fixture_run(fixture, check);
	const struct finding *finding;

	if (count != 1) {
		print_last_findings(fixture, count);
		fail_msg("%s:%d: expected one %s finding, but the check added %zu", caller_file,
			 caller_line, rule_code(rule), count);
	}
	finding = rule_fixture_last(fixture);
	rule_expect_finding_at(caller_file, caller_line, finding, rule, severity, NULL, line,
			       column);
	return finding;
}

/* Run check and fail unless it adds no finding. */
static void expect_none(const char *caller_file, int caller_line, struct rule_fixture *fixture,
			rule_fixture_check check)
{
	size_t count = rule_fixture_run(fixture, check);

	if (count != 0) {
		print_last_findings(fixture, count);
		fail_msg("%s:%d: expected no finding, but the check added %zu", caller_file,
			 caller_line, count);
	}
}

void rule_expect_one_or_none_at(const char *caller_file, int caller_line,
				struct rule_fixture *fixture, rule_fixture_check check,
				enum rule_id rule, enum severity severity, size_t line,
				size_t column, const char *part)
{
	const struct finding *finding;

	if (!part) {
		expect_none(caller_file, caller_line, fixture, check);
		return;
	}
	finding = rule_expect_one_at(caller_file, caller_line, fixture, check, rule, severity, line,
				     column);
	rule_expect_message_contains_at(caller_file, caller_line, finding, part);
}

void rule_expect_reports_at(const char *caller_file, int caller_line, const char *yaml,
			    enum hub_mode mode, rule_fixture_check check, enum rule_id rule,
			    enum severity severity, size_t line, size_t column, const char *part)
{
	struct rule_fixture fixture;
	const struct finding *finding;

	rule_fixture_init(&fixture, yaml, mode);
	finding = rule_expect_one_at(caller_file, caller_line, &fixture, check, rule, severity,
				     line, column);
	rule_expect_message_contains_at(caller_file, caller_line, finding, part);
	rule_fixture_release(&fixture);
}

void rule_expect_passes_at(const char *caller_file, int caller_line, const char *yaml,
			   enum hub_mode mode, rule_fixture_check check)
{
	struct rule_fixture fixture;

	rule_fixture_init(&fixture, yaml, mode);
	expect_none(caller_file, caller_line, &fixture, check);
	rule_fixture_release(&fixture);
}
