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

/** One finding of the report and the hub it belongs to. */
struct report_entry {
	const struct finding *finding;
	size_t hub;  /**< Index into report_input.hubs. */
	bool repeat; /**< Equal to the entry before it, which belongs to another hub. */
};

/** Everything a format writes, with the optional parts already filled in. */
struct report_input {
	const struct report_hub *hubs;
	size_t hub_count;
	const struct report_entry *entries; /**< Every hub's findings, sorted, equal ones adjacent. */
	size_t entry_count;
	const struct rule_info *rules; /**< Indexed by finding.rule; every rule is in range. */
	size_t rule_count;
	const char *derived; /**< NULL when nothing is to be printed. */
	size_t file_count;
	int exit_status;
	enum report_scope scope;
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

/** Count the entries of each severity, each repeat left out. */
struct report_counts report_count_distinct(const struct report_input *input);

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
