/*
 * The sarif format: a SARIF 2.1.0 log with one run, for GitHub code scanning
 * and other SARIF viewers. The driver lists every rule of the catalogue, so a
 * result's ruleIndex is its enum rule_id value. The objects and members
 * written here are the ones that tests/sarif/sarif-2.1.0-subset.schema.json
 * allows; extend that schema when adding a member.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json_escape.h"

#define SARIF_SCHEMA_URI \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/*
 * Write file as a URI reference (RFC 3986): unreserved characters, sub-delims,
 * '@' and '/' are kept, every other byte becomes %XX. ':' is encoded too,
 * because in a relative reference's first segment it would read as a scheme.
 */
static void write_uri(FILE *out, const char *file)
{
	static const char kept[] = "-._~!$&'()*+,;=@/";

	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)file; *c; c++) {
		bool alphanumeric = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				    (*c >= '0' && *c <= '9');

		if (alphanumeric || strchr(kept, *c))
			fputc(*c, out);
		else
			fprintf(out, "%%%02X", (unsigned)*c);
	}
	fputc('"', out);
}

static void write_text_object(FILE *out, const char *indent, const char *key, const char *text,
			      bool last)
{
	fprintf(out, "%s\"%s\": {\"text\": ", indent, key);
	json_write_string(out, text);
	fputs(last ? "}\n" : "},\n", out);
}

static void write_rule(FILE *out, const struct rule_info *rule)
{
	static const char indent[] = "              ";

	fputs("            {\n", out);
	fprintf(out, "%s\"id\": ", indent);
	json_write_string(out, rule->code);
	fprintf(out, ",\n%s\"name\": ", indent);
	json_write_string(out, rule->name);
	fputs(",\n", out);
	write_text_object(out, indent, "shortDescription", rule->summary, false);
	write_text_object(out, indent, "fullDescription", rule->reason, false);
	/* An empty help text is of no use to a reader, so leave help out. */
	if (rule->fix && rule->fix[0] != '\0')
		write_text_object(out, indent, "help", rule->fix, false);
	fprintf(out, "%s\"defaultConfiguration\": {\"level\": \"%s\"}\n", indent,
		report_severity_word(rule->severity));
	fputs("            }", out);
}

static void write_driver(FILE *out, const struct report_input *input)
{
	fputs("      \"tool\": {\n"
	      "        \"driver\": {\n"
	      "          \"name\": \"binderhub-gen\",\n",
	      out);
	fputs("          \"version\": ", out);
	json_write_string(out, BHG_VERSION);
	fputs(",\n          \"rules\": [", out);
	for (size_t i = 0; i < input->rule_count; i++) {
		fputs(i == 0 ? "\n" : ",\n", out);
		write_rule(out, &input->rules[i]);
	}
	fputs(input->rule_count > 0 ? "\n          ]\n" : "]\n", out);
	fputs("        }\n"
	      "      },\n",
	      out);
}

/* The message, and for a value from the emulated deployer layer where it
 * comes from, because the location is then the last user file. */
static void write_message(FILE *out, const struct finding *finding, const char *file)
{
	const char *message = finding->message ? finding->message : "";

	fputs("          \"message\": {\"text\": ", out);
	if (!finding->from_emulated) {
		json_write_string(out, message);
	} else {
		static const char note[] = " (the value comes from the deployer's own layer, not from ";
		const char *source = file ? file : "the files checked";
		size_t size = strlen(message) + sizeof(note) + strlen(source) + 1;
		char *text = malloc(size);

		if (!text)
			abort();
		snprintf(text, size, "%s%s%s)", message, note, source);
		json_write_string(out, text);
		free(text);
	}
	fputs("}", out);
}

static void write_location(FILE *out, const struct mark *mark, const char *file)
{
	fputs(",\n          \"locations\": [\n"
	      "            {\n"
	      "              \"physicalLocation\": {\n"
	      "                \"artifactLocation\": {\"uri\": ",
	      out);
	write_uri(out, file);
	fputs("}", out);
	/* SARIF lines and columns start at 1; a finding about the whole file
	 * has no region. */
	if (mark->line > 0) {
		fprintf(out, ",\n                \"region\": {\"startLine\": %zu", mark->line);
		if (mark->column > 0)
			fprintf(out, ", \"startColumn\": %zu", mark->column);
		fputs("}", out);
	}
	fputs("\n"
	      "              }\n"
	      "            }\n"
	      "          ]",
	      out);
}

/*
 * The property bag of the result of entries[0]: the hub and cluster it was
 * found for and, when the following entries repeat it for other hubs, all
 * of their names in "hubs" as CLUSTER/HUB (HUB without a cluster).  Nothing
 * is written for files given as arguments, which belong to no named hub.
 */
static void write_properties(FILE *out, const struct report_input *input,
			     const struct report_entry *entries, size_t count)
{
	const struct report_hub *hub = &input->hubs[entries[0].hub];
	size_t repeats = 0;

	if (!hub->name)
		return;
	while (repeats + 1 < count && entries[repeats + 1].repeat)
		repeats++;

	fputs(",\n          \"properties\": {\"hub\": ", out);
	json_write_string(out, hub->name);
	if (hub->cluster) {
		fputs(", \"cluster\": ", out);
		json_write_string(out, hub->cluster);
	}
	if (repeats > 0) {
		fputs(", \"hubs\": [", out);
		for (size_t i = 0; i <= repeats; i++) {
			const struct report_hub *other = &input->hubs[entries[i].hub];
			const char *name = other->name ? other->name : "";
			size_t size = strlen(name) + (other->cluster ? strlen(other->cluster) : 0) + 2;
			char *text = malloc(size);

			if (!text)
				abort();
			if (other->cluster)
				snprintf(text, size, "%s/%s", other->cluster, name);
			else
				snprintf(text, size, "%s", name);
			if (i > 0)
				fputs(", ", out);
			json_write_string(out, text);
			free(text);
		}
		fputc(']', out);
	}
	fputc('}', out);
}

static void write_result(FILE *out, const struct report_input *input,
			 const struct report_entry *entries, size_t count)
{
	const struct finding *finding = entries[0].finding;
	const struct rule_info *rule = &input->rules[finding->rule];
	const char *file = report_strip_dot_slash(finding->mark.file);

	fputs("        {\n          \"ruleId\": ", out);
	json_write_string(out, rule->code);
	fprintf(out, ",\n          \"ruleIndex\": %zu,\n", (size_t)finding->rule);
	fprintf(out, "          \"level\": \"%s\",\n", report_severity_word(finding->severity));
	write_message(out, finding, file);
	if (file)
		write_location(out, &finding->mark, file);
	write_properties(out, input, entries, count);
	fputs("\n        }", out);
}

void report_write_sarif(FILE *out, const struct report_input *input)
{
	bool first = true;

	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA_URI "\",\n"
	      "  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n"
	      "    {\n",
	      out);
	write_driver(out, input);

	/* Findings are what the run is for, so the run itself succeeded even
	 * when exitCode is 1.  Exit status 2 means a usage error or a file that
	 * did not load, after which the rules did not run as requested. */
	fprintf(out,
		"      \"invocations\": [\n"
		"        {\"executionSuccessful\": %s, \"exitCode\": %d}\n"
		"      ],\n",
		input->exit_status < EXIT_USAGE ? "true" : "false", input->exit_status);

	fputs("      \"results\": [", out);
	/* A result attaches to a file and line, not to a hub, so a finding
	 * that several hubs share is one result naming them all. */
	for (size_t i = 0; i < input->entry_count; i++) {
		if (input->entries[i].repeat)
			continue;
		fputs(first ? "\n" : ",\n", out);
		write_result(out, input, &input->entries[i], input->entry_count - i);
		first = false;
	}
	fputs(first ? "]\n" : "\n      ]\n", out);
	fputs("    }\n"
	      "  ]\n"
	      "}\n",
	      out);
}
