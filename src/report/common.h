/*
 * Declarations shared by the report formats: their input, severity words,
 * counts and the summary line. Private to src/report/.
 */
#ifndef BHG_REPORT_COMMON_H
#define BHG_REPORT_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"

/** Everything a format writes, with the optional parts already filled in. */
struct report_input {
	const struct findings *findings;
	const struct rule_info *rules; /**< Indexed by finding.rule; every rule is in range. */
	size_t rule_count;
	const char *derived; /**< NULL when nothing is to be printed. */
	size_t file_count;
	int exit_status;
	bool color;
};

/** Number of findings per severity. */
struct report_counts {
	size_t errors;
	size_t warnings;
	size_t infos;
};

/** Return the gcc and SARIF word for severity: "error", "warning" or "note". */
const char *report_severity_word(enum severity severity);

/** Count the findings of each severity. */
struct report_counts report_count(const struct findings *findings);

/**
 * Write the closing line of the text and github formats, e.g.
 * "2 errors, 1 warning, 3 infos in 3 files" or "no findings in 2 files".
 * Severities without findings are left out.
 */
void report_write_summary_line(FILE *out, const struct report_counts *counts, size_t file_count);

/**
 * Return file without its leading "./" segments, the form that GitHub and
 * SARIF consumers match against paths in the repository.
 */
const char *report_strip_dot_slash(const char *file);

void report_write_text(FILE *out, const struct report_input *input);
void report_write_json(FILE *out, const struct report_input *input);
void report_write_github(FILE *out, const struct report_input *input);
void report_write_sarif(FILE *out, const struct report_input *input);

#endif
