/*
 * Parts of the report module that every format uses: option parsing, the
 * colour decision, sorting and counting, and report_write() itself, which
 * checks its input and hands it to one format.
 */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
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

static void counts_add(struct report_counts *counts, enum severity severity)
{
	switch (severity) {
	case SEVERITY_ERROR:
		counts->errors++;
		break;
	case SEVERITY_WARNING:
		counts->warnings++;
		break;
	case SEVERITY_INFO:
		counts->infos++;
		break;
	}
}

struct report_counts report_count(const struct findings *findings)
{
	struct report_counts counts = {0};

	for (size_t i = 0; i < findings->count; i++) {
		counts_add(&counts, findings->items[i].severity);
	}
	return counts;
}

struct report_counts report_count_distinct(const struct report_input *input)
{
	struct report_counts counts = {0};

	for (size_t i = 0; i < input->entry_count; i++) {
		if (input->entries[i].repeat)
			continue;
		counts_add(&counts, input->entries[i].finding->severity);
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

/* Order of the merged entries: the findings' own, then the hubs' order,
 * which puts a finding that several hubs share next to its repeats. */
static int compare_entries(const void *a, const void *b)
{
	const struct report_entry *left = a;
	const struct report_entry *right = b;
	int order = findings_compare(left->finding, right->finding);

	if (order != 0)
		return order;
	return (left->hub > right->hub) - (left->hub < right->hub);
}

/* Merge the hubs' findings into one sorted array and mark the repeats.
 * Returns NULL, without allocating, when there are no findings. */
static struct report_entry *merge_entries(const struct report_hub *hubs, size_t hub_count,
					  size_t *count_out)
{
	struct report_entry *entries;
	size_t count = 0;

	for (size_t h = 0; h < hub_count; h++)
		count += hubs[h].findings->count;
	*count_out = count;
	if (count == 0)
		return NULL;
	entries = calloc(count, sizeof(*entries));
	if (!entries)
		abort();

	count = 0;
	for (size_t h = 0; h < hub_count; h++) {
		for (size_t i = 0; i < hubs[h].findings->count; i++) {
			entries[count].finding = &hubs[h].findings->items[i];
			entries[count].hub = h;
			count++;
		}
	}
	/* One hub's findings keep the order given, as report_write() promises. */
	if (hub_count > 1)
		qsort(entries, count, sizeof(*entries), compare_entries);
	for (size_t i = 1; i < count; i++)
		entries[i].repeat = entries[i].hub != entries[i - 1].hub &&
				    findings_compare(entries[i].finding, entries[i - 1].finding) == 0;
	return entries;
}

int report_write_hubs_with_catalogue(FILE *out, enum report_format format,
				     const struct report_hub *hubs, size_t hub_count,
				     const struct report_summary *summary, bool color,
				     const struct rule_info *rules, size_t rule_count)
{
	struct report_input input = {
		.hubs = hubs,
		.hub_count = hub_count,
		.rules = rules,
		.rule_count = rule_count,
		.derived = summary->derived,
		.file_count = summary->file_count,
		.exit_status = summary->exit_status,
		.scope = summary->scope,
		.color = color,
	};
	struct report_entry *entries;

	for (size_t h = 0; h < hub_count; h++) {
		for (size_t i = 0; i < hubs[h].findings->count; i++) {
			const struct finding *finding = &hubs[h].findings->items[i];

			if ((size_t)finding->rule >= rule_count ||
			    !severity_is_valid(finding->severity)) {
				errno = EINVAL;
				return -1;
			}
		}
	}
	if (format != REPORT_TEXT && format != REPORT_JSON && format != REPORT_GITHUB &&
	    format != REPORT_SARIF) {
		errno = EINVAL;
		return -1;
	}

	entries = merge_entries(hubs, hub_count, &input.entry_count);
	input.entries = entries;
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
	}
	free(entries);

	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

int report_write_hubs(FILE *out, enum report_format format, const struct report_hub *hubs,
		      size_t hub_count, const struct report_summary *summary, bool color)
{
	return report_write_hubs_with_catalogue(out, format, hubs, hub_count, summary, color,
						rule_catalogue, RULE__COUNT);
}

int report_write_with_catalogue(FILE *out, enum report_format format,
				const struct findings *findings,
				const struct report_summary *summary, bool color,
				const struct rule_info *rules, size_t rule_count)
{
	struct report_summary filled = {0};
	struct report_hub hub = {.findings = findings};

	if (summary) {
		filled = *summary;
	} else {
		filled.file_count = count_distinct_files(findings);
		filled.exit_status = report_count(findings).errors > 0 ? 1 : 0;
	}
	hub.derived = filled.derived;
	hub.file_count = filled.file_count;
	return report_write_hubs_with_catalogue(out, format, &hub, 1, &filled, color, rules,
						rule_count);
}

int report_write(FILE *out, enum report_format format, const struct findings *findings,
		 const struct report_summary *summary, bool color)
{
	return report_write_with_catalogue(out, format, findings, summary, color, rule_catalogue,
					   RULE__COUNT);
}
