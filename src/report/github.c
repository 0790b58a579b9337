/*
 * The github format: GitHub Actions workflow commands, which the runner turns
 * into annotations on the pull request's diff.
 *
 *     ::error file=FILE,line=LINE,col=COL,title=BH024 tls-secret-names-differ::MESSAGE
 *
 * The runner shows only 10 annotations of each severity per step and drops
 * the rest (actions/toolkit, docs/problem-matchers.md, "Limitations"), so
 * errors come first and a plain summary line ends the output for the log.
 */
#include "common.h"

/*
 * Escape text as @actions/core does and the runner reverses: '%' first, then
 * CR and LF, which would end the command. Property values also escape ':'
 * and ',', because the runner splits properties at ',' and ends the property
 * list at the first "::".
 */
static void write_escaped(FILE *out, const char *text, bool property)
{
	for (const char *c = text; *c; c++) {
		switch (*c) {
		case '%':
			fputs("%25", out);
			break;
		case '\r':
			fputs("%0D", out);
			break;
		case '\n':
			fputs("%0A", out);
			break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default:
			fputc(*c, out);
		}
	}
}

static const char *command_name(enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		return "error";
	case SEVERITY_WARNING:
		return "warning";
	case SEVERITY_INFO:
		return "notice";
	}
	return "notice";
}

static void write_annotation(FILE *out, const struct finding *finding, const struct rule_info *rule)
{
	/* Annotations attach to a file by its path in the repository. */
	const char *file = report_strip_dot_slash(finding->mark.file);

	fprintf(out, "::%s ", command_name(finding->severity));
	if (file) {
		fputs("file=", out);
		write_escaped(out, file, true);
		fputc(',', out);
		if (finding->mark.line > 0) {
			fprintf(out, "line=%zu,", finding->mark.line);
			if (finding->mark.column > 0)
				fprintf(out, "col=%zu,", finding->mark.column);
		}
	}
	fputs("title=", out);
	write_escaped(out, rule->code, true);
	fputc(' ', out);
	write_escaped(out, rule->name, true);
	fputs("::", out);
	write_escaped(out, finding->message ? finding->message : "", false);
	/* The annotation sits on the last user file, which does not contain
	 * the value, so the message names the value's source. */
	if (finding->from_emulated) {
		fputs(" (the value comes from the deployer's own layer, not from ", out);
		write_escaped(out, file ? file : "the files checked", false);
		fputc(')', out);
	}
	fputc('\n', out);
}

void report_write_github(FILE *out, const struct report_input *input)
{
	static const enum severity order[] = {SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_INFO};
	struct report_counts counts = report_count_distinct(input);

	/* An annotation attaches to a file and line, not to a hub, so a finding
	 * that several hubs share is written once. */
	for (size_t s = 0; s < sizeof(order) / sizeof(order[0]); s++) {
		for (size_t i = 0; i < input->entry_count; i++) {
			const struct finding *finding = input->entries[i].finding;

			if (!input->entries[i].repeat && finding->severity == order[s])
				write_annotation(out, finding, &input->rules[finding->rule]);
		}
	}

	report_write_summary_line(out, &counts, input->file_count);
}
