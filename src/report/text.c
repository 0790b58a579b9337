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

void report_write_text(FILE *out, const struct report_input *input)
{
	const struct findings *findings = input->findings;
	struct report_counts counts = report_count(findings);

	if (input->derived)
		fprintf(out, "checking as: %s\n", input->derived);

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

	report_write_summary_line(out, &counts, input->file_count);
}
