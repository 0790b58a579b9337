/* Writing the report of one or more hub results; documented in hub_run.h. */
#include "hub_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

enum report_format hub_report_format(const struct check_request *request)
{
	enum report_format format = REPORT_TEXT;

	/* The option parser accepts only the choices, which all parse. */
	report_format_parse(request->format, getenv("GITHUB_ACTIONS"), &format);
	return format;
}

/* Files that the results checked, a file that several hubs layer counted once. */
static size_t count_distinct_files(struct hub_result *const *results, size_t count)
{
	size_t distinct = 0;

	for (size_t r = 0; r < count; r++) {
		for (size_t f = 0; f < results[r]->file_count; f++) {
			const char *file = results[r]->files[f];
			bool seen = false;

			for (size_t q = 0; q <= r && !seen; q++) {
				size_t end = q == r ? f : results[q]->file_count;

				for (size_t g = 0; g < end && !seen; g++)
					seen = strcmp(results[q]->files[g], file) == 0;
			}
			if (!seen)
				distinct++;
		}
	}
	return distinct;
}

int hub_report_write(const struct check_request *request, struct hub_result *const *results,
		     size_t count, enum report_scope scope, int exit_status)
{
	struct report_summary summary = {
		.file_count = count_distinct_files(results, count),
		.exit_status = exit_status,
		.scope = scope,
	};
	struct report_hub *hubs = calloc(count ? count : 1, sizeof(*hubs));
	enum report_format format = hub_report_format(request);
	bool color;
	int written;

	if (!hubs)
		abort();
	for (size_t i = 0; i < count; i++) {
		hubs[i].name = results[i]->hub_name;
		hubs[i].cluster = results[i]->cluster_name;
		hubs[i].derived = results[i]->unloaded ? NULL : results[i]->derived;
		hubs[i].findings = &results[i]->findings;
		hubs[i].file_count = results[i]->file_count;
	}
	if (scope == REPORT_SCOPE_ONE_HUB && count == 1)
		summary.derived = hubs[0].derived;

	color = report_use_color(request->color, isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR"),
				 getenv("TERM"));
	written = report_write_hubs(stdout, format, hubs, count, &summary, color);
	free(hubs);
	if (written != 0) {
		fprintf(stderr,
			"binderhub-gen: error: cannot write the report to standard output: %s; check "
			"the file or pipe it goes to\n",
			strerror(errno));
		return EXIT_USAGE;
	}
	return exit_status;
}
