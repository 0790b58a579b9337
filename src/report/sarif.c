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

static void write_result(FILE *out, const struct finding *finding, const struct rule_info *rule)
{
	const char *file = report_strip_dot_slash(finding->mark.file);

	fputs("        {\n          \"ruleId\": ", out);
	json_write_string(out, rule->code);
	fprintf(out, ",\n          \"ruleIndex\": %zu,\n", (size_t)finding->rule);
	fprintf(out, "          \"level\": \"%s\",\n", report_severity_word(finding->severity));
	write_message(out, finding, file);
	if (file)
		write_location(out, &finding->mark, file);
	fputs("\n        }", out);
}

void report_write_sarif(FILE *out, const struct report_input *input)
{
	const struct findings *findings = input->findings;

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
	for (size_t i = 0; i < findings->count; i++) {
		fputs(i == 0 ? "\n" : ",\n", out);
		write_result(out, &findings->items[i], &input->rules[findings->items[i].rule]);
	}
	fputs(findings->count > 0 ? "\n      ]\n" : "]\n", out);
	fputs("    }\n"
	      "  ]\n"
	      "}\n",
	      out);
}
