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

/* A string member whose value may be NULL, written as null. */
static void write_nullable_member(FILE *out, const char *indent, const char *key,
				  const char *value, bool last)
{
	if (value) {
		write_string_member(out, indent, key, value, last);
		return;
	}
	fprintf(out, "%s\"%s\": null%s\n", indent, key, last ? "" : ",");
}

static void write_counts(FILE *out, const char *indent, const struct report_counts *counts,
			 size_t file_count)
{
	write_size_member(out, indent, "errors", counts->errors, false);
	write_size_member(out, indent, "warnings", counts->warnings, false);
	write_size_member(out, indent, "infos", counts->infos, false);
	write_size_member(out, indent, "files", file_count, true);
}

static void write_finding(FILE *out, const struct finding *finding, const struct rule_info *rule,
			  const struct report_hub *hub)
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
	fprintf(out, "%s\"from_emulated\": %s,\n", indent,
		finding->from_emulated ? "true" : "false");
	write_nullable_member(out, indent, "hub", hub->name, false);
	write_nullable_member(out, indent, "cluster", hub->cluster, true);
	fputs("    }", out);
}

static void write_hub(FILE *out, const struct report_hub *hub)
{
	static const char indent[] = "      ";
	struct report_counts counts = report_count(hub->findings);

	fputs("    {\n", out);
	write_nullable_member(out, indent, "name", hub->name, false);
	write_nullable_member(out, indent, "cluster", hub->cluster, false);
	write_nullable_member(out, indent, "derived", hub->derived, false);
	fputs("      \"summary\": {\n", out);
	write_counts(out, "        ", &counts, hub->file_count);
	fputs("      }\n    }", out);
}

void report_write_json(FILE *out, const struct report_input *input)
{
	struct report_counts counts = report_count_distinct(input);

	fprintf(out, "{\n  \"version\": %d,\n", REPORT_JSON_VERSION);
	fputs("  \"tool\": {\n", out);
	write_string_member(out, "    ", "name", "binderhub-gen", false);
	write_string_member(out, "    ", "version", BHG_VERSION, true);
	fputs("  },\n", out);
	write_string_member(out, "  ", "derived", input->derived, false);

	/* Every hub lists its own findings, also one that an earlier hub
	 * shares, so that a script can select a hub's findings by "hub". */
	fputs("  \"findings\": [", out);
	for (size_t i = 0; i < input->entry_count; i++) {
		const struct report_entry *entry = &input->entries[i];

		fputs(i == 0 ? "\n" : ",\n", out);
		write_finding(out, entry->finding, &input->rules[entry->finding->rule],
			      &input->hubs[entry->hub]);
	}
	fputs(input->entry_count > 0 ? "\n  ],\n" : "],\n", out);

	fputs("  \"hubs\": [", out);
	for (size_t h = 0; h < input->hub_count; h++) {
		fputs(h == 0 ? "\n" : ",\n", out);
		write_hub(out, &input->hubs[h]);
	}
	fputs(input->hub_count > 0 ? "\n  ],\n" : "],\n", out);

	fputs("  \"summary\": {\n", out);
	write_counts(out, "    ", &counts, input->file_count);
	fputs("  }\n}\n", out);
}
