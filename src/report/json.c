/*
 * The JSON format, layout version 1, documented in docs/output-formats.md.
 * Scripts depend on it: add members only, and raise "version" when a member
 * changes meaning or goes away.
 */
#include "common.h"

#include "json_escape.h"

#define REPORT_JSON_VERSION 1

static void write_string_member(FILE *out, const char *indent, const char *key,
				const char *value, bool last)
{
	fprintf(out, "%s\"%s\": ", indent, key);
	json_write_string(out, value);
	fputs(last ? "\n" : ",\n", out);
}

static void write_size_member(FILE *out, const char *indent, const char *key, size_t value,
			      bool last)
{
	fprintf(out, "%s\"%s\": %zu%s\n", indent, key, value, last ? "" : ",");
}

static void write_finding(FILE *out, const struct finding *finding, const struct rule_info *rule)
{
	static const char indent[] = "      ";

	fputs("    {\n", out);
	write_string_member(out, indent, "rule", rule->code, false);
	write_string_member(out, indent, "name", rule->name, false);
	write_string_member(out, indent, "severity", severity_name(finding->severity), false);
	write_string_member(out, indent, "file", finding->mark.file, false);
	write_size_member(out, indent, "line", finding->mark.line, false);
	write_size_member(out, indent, "column", finding->mark.line ? finding->mark.column : 0,
			  false);
	write_string_member(out, indent, "path", finding->path, false);
	write_string_member(out, indent, "message", finding->message, false);
	write_string_member(out, indent, "fix", rule->fix, false);
	fprintf(out, "%s\"from_emulated\": %s\n", indent,
		finding->from_emulated ? "true" : "false");
	fputs("    }", out);
}

void report_write_json(FILE *out, const struct report_input *input)
{
	const struct findings *findings = input->findings;
	struct report_counts counts = report_count(findings);

	fprintf(out, "{\n  \"version\": %d,\n", REPORT_JSON_VERSION);
	fputs("  \"tool\": {\n", out);
	write_string_member(out, "    ", "name", "binderhub-gen", false);
	write_string_member(out, "    ", "version", BHG_VERSION, true);
	fputs("  },\n", out);
	write_string_member(out, "  ", "derived", input->derived, false);

	fputs("  \"findings\": [", out);
	for (size_t i = 0; i < findings->count; i++) {
		fputs(i == 0 ? "\n" : ",\n", out);
		write_finding(out, &findings->items[i], &input->rules[findings->items[i].rule]);
	}
	fputs(findings->count > 0 ? "\n  ],\n" : "],\n", out);

	fputs("  \"summary\": {\n", out);
	write_size_member(out, "    ", "errors", counts.errors, false);
	write_size_member(out, "    ", "warnings", counts.warnings, false);
	write_size_member(out, "    ", "infos", counts.infos, false);
	write_size_member(out, "    ", "files", input->file_count, true);
	fputs("  }\n}\n", out);
}
