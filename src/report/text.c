/*
 * The text format: one gcc-style line per finding, which editors and CI
 * problem matchers already parse, then the rule's fix for the person reading.
 *
 *     FILE:LINE:COL: error: MESSAGE [BH024 tls-secret-names-differ]
 *       fix:
 *         <values-file fragment>
 */
#include "common.h"

#include "text_layout.h"

#define ANSI_RESET "\033[0m"
#define ANSI_DIM "\033[2m"
#define ANSI_BOLD_RED "\033[1;31m"
#define ANSI_BOLD_YELLOW "\033[1;33m"
#define ANSI_BOLD_CYAN "\033[1;36m"

static const char *severity_color(enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		return ANSI_BOLD_RED;
	case SEVERITY_WARNING:
		return ANSI_BOLD_YELLOW;
	case SEVERITY_INFO:
		return ANSI_BOLD_CYAN;
	}
	return ANSI_BOLD_CYAN;
}

/* "FILE:LINE:COL: " with the parts that are known; gcc also drops the line
 * and column of a diagnostic about a whole file. */
static void write_location(FILE *out, const struct mark *mark)
{
	if (!mark->file)
		return;
	fputs(mark->file, out);
	if (mark->line > 0) {
		fprintf(out, ":%zu", mark->line);
		if (mark->column > 0)
			fprintf(out, ":%zu", mark->column);
	}
	fputs(": ", out);
}

static void write_headline(FILE *out, const struct finding *finding, const struct rule_info *rule,
			   bool color)
{
	const char *word = report_severity_word(finding->severity);

	write_location(out, &finding->mark);
	if (color)
		fprintf(out, "%s%s%s: ", severity_color(finding->severity), word, ANSI_RESET);
	else
		fprintf(out, "%s: ", word);
	fputs(finding->message ? finding->message : "", out);
	if (color)
		fprintf(out, " %s[%s %s]%s\n", ANSI_DIM, rule->code, rule->name, ANSI_RESET);
	else
		fprintf(out, " [%s %s]\n", rule->code, rule->name);
}

/* The fix is a values-file fragment. Indenting it sets it apart from the next
 * finding, and it can still be copied and re-indented as a block. */
static void write_fix(FILE *out, const char *fix)
{
	if (!fix || fix[0] == '\0')
		return;
	fputs("  fix:\n", out);
	text_layout_write_indented(out, fix, "    ");
}

static void write_findings(FILE *out, const struct report_input *input,
			   const struct findings *findings)
{
	for (size_t i = 0; i < findings->count; i++) {
		const struct finding *finding = &findings->items[i];
		const struct rule_info *rule = &input->rules[finding->rule];

		write_headline(out, finding, rule, input->color);
		/* The engine points such findings at the last user file, which
		 * does not contain the value, so the note names the value's source. */
		if (finding->from_emulated)
			fprintf(out, "  (the value comes from the deployer's own layer, not from %s)\n",
				finding->mark.file ? finding->mark.file : "the files checked");
		write_fix(out, rule->fix);
	}
}

/* "[CLUSTER: ]hub NAME: N errors, N warnings, N infos", which CI logs and
 * scripts grep for, so every count is written, also a 0. */
static void write_hub_line(FILE *out, const struct report_input *input,
			   const struct report_hub *hub, const struct report_counts *counts)
{
	if (input->scope == REPORT_SCOPE_CHECKOUT && hub->cluster)
		fprintf(out, "%s: ", hub->cluster);
	fprintf(out, "hub %s: %zu error%s, %zu warning%s, %zu info%s\n",
		hub->name ? hub->name : "(files)", counts->errors, counts->errors == 1 ? "" : "s",
		counts->warnings, counts->warnings == 1 ? "" : "s", counts->infos,
		counts->infos == 1 ? "" : "s");
}

void report_write_text(FILE *out, const struct report_input *input)
{
	struct report_counts counts;

	if (input->scope == REPORT_SCOPE_ONE_HUB) {
		if (input->derived)
			fprintf(out, "checking as: %s\n", input->derived);
		for (size_t h = 0; h < input->hub_count; h++)
			write_findings(out, input, input->hubs[h].findings);
		counts = report_count_distinct(input);
		report_write_summary_line(out, &counts, input->file_count);
		return;
	}

	/* Each hub's part is whole, also when a finding in a shared file was
	 * written for an earlier hub, so that it can be read alone.  The last
	 * line counts such a finding once. */
	for (size_t h = 0; h < input->hub_count; h++) {
		const struct report_hub *hub = &input->hubs[h];

		counts = report_count(hub->findings);
		if (h > 0)
			fputc('\n', out);
		if (hub->derived)
			fprintf(out, "checking as: %s\n", hub->derived);
		write_findings(out, input, hub->findings);
		report_write_summary_line(out, &counts, hub->file_count);
		write_hub_line(out, input, hub, &counts);
	}
	if (input->hub_count > 1) {
		counts = report_count_distinct(input);
		fputs("\nall hubs: ", out);
		report_write_summary_line(out, &counts, input->file_count);
	}
}
