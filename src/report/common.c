/*
 * Parts of the report module that every format uses: option parsing, the
 * colour decision, sorting and counting, and report_write() itself, which
 * checks its input and hands it to one format.
 */
#include "common.h"

#include <errno.h>
#include <string.h>

int report_format_parse(const char *text, const char *github_actions, enum report_format *out)
{
	static const struct {
		const char *name;
		enum report_format format;
	} formats[] = {
		{"text", REPORT_TEXT},
		{"json", REPORT_JSON},
		{"github", REPORT_GITHUB},
		{"sarif", REPORT_SARIF},
	};

	if (!text)
		return -1;
	if (strcmp(text, "auto") == 0) {
		/* GitHub sets GITHUB_ACTIONS=true in every step of a workflow run. */
		*out = github_actions && github_actions[0] != '\0' ? REPORT_GITHUB : REPORT_TEXT;
		return 0;
	}
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(text, formats[i].name) == 0) {
			*out = formats[i].format;
			return 0;
		}
	}
	return -1;
}

int report_color_parse(const char *text, enum color_mode *out)
{
	static const struct {
		const char *name;
		enum color_mode mode;
	} modes[] = {
		{"auto", COLOR_AUTO},
		{"always", COLOR_ALWAYS},
		{"never", COLOR_NEVER},
	};

	if (!text)
		return -1;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcmp(text, modes[i].name) == 0) {
			*out = modes[i].mode;
			return 0;
		}
	}
	return -1;
}

bool report_use_color(enum color_mode mode, bool is_terminal, const char *no_color,
		      const char *term)
{
	switch (mode) {
	case COLOR_NEVER:
		return false;
	case COLOR_ALWAYS:
		return true;
	case COLOR_AUTO:
		break;
	}

	/* no-color.org: NO_COLOR counts only when it is present and not empty. */
	if (no_color && no_color[0] != '\0')
		return false;
	/* TERM=dumb names a terminal that interprets no escape sequences. */
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return is_terminal;
}

/* Sorting */

void report_sort(struct findings *findings)
{
	findings_sort(findings);
}

/* Shared pieces of the formats */

const char *report_severity_word(enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		return "error";
	case SEVERITY_WARNING:
		return "warning";
	case SEVERITY_INFO:
		return "note";
	}
	return "note";
}

struct report_counts report_count(const struct findings *findings)
{
	struct report_counts counts = {0};

	for (size_t i = 0; i < findings->count; i++) {
		switch (findings->items[i].severity) {
		case SEVERITY_ERROR:
			counts.errors++;
			break;
		case SEVERITY_WARNING:
			counts.warnings++;
			break;
		case SEVERITY_INFO:
			counts.infos++;
			break;
		}
	}
	return counts;
}

static void write_count(FILE *out, size_t count, const char *singular, const char *plural,
			bool *first)
{
	if (count == 0)
		return;
	fprintf(out, "%s%zu %s", *first ? "" : ", ", count, count == 1 ? singular : plural);
	*first = false;
}

void report_write_summary_line(FILE *out, const struct report_counts *counts, size_t file_count)
{
	bool first = true;

	write_count(out, counts->errors, "error", "errors", &first);
	write_count(out, counts->warnings, "warning", "warnings", &first);
	write_count(out, counts->infos, "info", "infos", &first);
	if (first)
		fputs("no findings", out);
	fprintf(out, " in %zu %s\n", file_count, file_count == 1 ? "file" : "files");
}

const char *report_strip_dot_slash(const char *file)
{
	while (file && file[0] == '.' && file[1] == '/') {
		file += 2;
		while (file[0] == '/')
			file++;
	}
	return file;
}

/* Entry points */

/* Files named by the findings, each counted once: the file count when the
 * caller gives no summary. */
static size_t count_distinct_files(const struct findings *findings)
{
	size_t count = 0;

	for (size_t i = 0; i < findings->count; i++) {
		const char *file = findings->items[i].mark.file;
		bool seen = file == NULL;

		for (size_t j = 0; j < i && !seen; j++) {
			const char *other = findings->items[j].mark.file;

			seen = other && strcmp(file, other) == 0;
		}
		if (!seen)
			count++;
	}
	return count;
}

static bool severity_is_valid(enum severity severity)
{
	return severity == SEVERITY_ERROR || severity == SEVERITY_WARNING ||
	       severity == SEVERITY_INFO;
}

int report_write_with_catalogue(FILE *out, enum report_format format,
				const struct findings *findings,
				const struct report_summary *summary, bool color,
				const struct rule_info *rules, size_t rule_count)
{
	struct report_input input = {
		.findings = findings,
		.rules = rules,
		.rule_count = rule_count,
		.color = color,
	};

	for (size_t i = 0; i < findings->count; i++) {
		const struct finding *finding = &findings->items[i];

		if ((size_t)finding->rule >= rule_count || !severity_is_valid(finding->severity)) {
			errno = EINVAL;
			return -1;
		}
	}

	if (summary) {
		input.derived = summary->derived;
		input.file_count = summary->file_count;
		input.exit_status = summary->exit_status;
	} else {
		input.file_count = count_distinct_files(findings);
		input.exit_status = report_count(findings).errors > 0 ? 1 : 0;
	}

	switch (format) {
	case REPORT_TEXT:
		report_write_text(out, &input);
		break;
	case REPORT_JSON:
		report_write_json(out, &input);
		break;
	case REPORT_GITHUB:
		report_write_github(out, &input);
		break;
	case REPORT_SARIF:
		report_write_sarif(out, &input);
		break;
	default:
		errno = EINVAL;
		return -1;
	}

	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

int report_write(FILE *out, enum report_format format, const struct findings *findings,
		 const struct report_summary *summary, bool color)
{
	return report_write_with_catalogue(out, format, findings, summary, color, rule_catalogue,
					   RULE__COUNT);
}
