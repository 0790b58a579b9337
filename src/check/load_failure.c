/* BH007 findings for a file or cluster.yaml that does not load; documented in hub_run.h. */
#include "hub_run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"

static const char *quote(const char *text, char *buffer)
{
	return options_quote(text, buffer, OPTIONS_QUOTE_SIZE);
}

/* A malloc'ed string formatted as printf() does. */
static char *format_text(const char *format, ...) __attribute__((format(printf, 1, 2)));

static char *format_text(const char *format, ...)
{
	va_list args;
	int length;
	char *text;

	va_start(args, format);
	length = vsnprintf(NULL, 0, format, args);
	va_end(args);
	if (length < 0)
		abort();
	text = malloc((size_t)length + 1);
	if (!text)
		abort();
	va_start(args, format);
	vsnprintf(text, (size_t)length + 1, format, args);
	va_end(args);
	return text;
}

bool load_failure_is_reported(const struct check_request *request)
{
	return hub_report_format(request) != REPORT_TEXT;
}

/* The what-to-do part of the message about a file that did not load, or
 * NULL when the loader's message already ends with it. */
static char *load_advice(const struct check_request *request, const struct load_error *err)
{
	const char *file = err->mark.file;
	/* "-" loads as "stdin", whose text is consumed, so yamllint cannot read it again. */
	bool from_stdin = request->stdin_given && file && strcmp(file, "stdin") == 0;

	switch (err->status) {
	case LOAD_ERR_SYNTAX:
		/* libyaml reports only the problem it stopped at, while yamllint also
		 * reports indentation and style problems, which often explain it. */
		if (file && !from_stdin)
			return format_text("fix the YAML syntax at this line ('yamllint %s' shows "
					   "more)",
					   file);
		return format_text("fix the YAML syntax at this line");
	case LOAD_ERR_IO:
		return format_text("correct the path or make the file readable");
	case LOAD_OK:
	case LOAD_ERR_LIMIT:
	case LOAD_ERR_STRUCTURE:
	default:
		/* Most limit and structure messages end in what to do after a "; ". */
		if (strstr(err->message, "; "))
			return NULL;
		return format_text(err->mark.line > 0 ? "correct the file at this line"
						      : "correct the file");
	}
}

/*
 * Make result the report of a hub whose file did not load: exit status 2
 * and one BH007 (values-file-parses) finding with message at mark, which
 * may have no file.  --disable and --severity do not apply, because the
 * finding reports why the run failed rather than what a rule found.
 */
static void set_unloaded_finding(const struct mark *mark, char *message,
				 struct hub_result *result)
{
	struct finding *finding;

	result->findings.items = calloc(1, sizeof(*result->findings.items));
	if (!result->findings.items)
		abort();
	result->findings.capacity = 1;
	result->findings.count = 1;
	finding = &result->findings.items[0];
	finding->rule = RULE_BH007;
	finding->severity = SEVERITY_ERROR;

	/* The mark's name may point into a path list or cluster that a batch
	 * run frees before it writes the report, so the result keeps a copy.
	 * That file alone counts as checked. */
	result->unloaded_file = hub_result_copy_text(mark->file);
	for (size_t i = 0; i < result->file_count; i++)
		free(result->files[i]);
	result->file_count = 0;
	if (result->unloaded_file)
		hub_result_add_file(result, result->unloaded_file);

	finding->mark = *mark;
	finding->mark.file = result->unloaded_file;
	finding->path = format_text("%s", "");
	finding->message = message;
	result->unloaded = true;
	result->status = EXIT_USAGE;
}

void load_failure_report_file(const struct check_request *request, const char *hub_name,
			      const struct load_error *err, struct hub_result *result)
{
	char *advice = load_advice(request, err);
	char quoted[OPTIONS_QUOTE_SIZE];
	char *unchecked;
	char *message;

	if (hub_name)
		unchecked = format_text("nothing else of hub '%s' was checked, because helm layers "
					"all of its values files together",
					quote(hub_name, quoted));
	else
		unchecked = format_text("nothing else was checked, because helm layers all of the "
					"hub's values files together");
	message = format_text("%s%s%s%s; %s", err->status == LOAD_ERR_SYNTAX ? "invalid YAML: " : "",
			      err->message, advice ? "; " : "", advice ? advice : "", unchecked);
	free(advice);
	free(unchecked);
	set_unloaded_finding(&err->mark, message, result);
}

/*
 * The cluster module's error text without its leading "FILE:LINE:COLUMN: "
 * or "FILE: ", where FILE is file.  Stores the line and column it names in
 * *mark, which keeps its values when the text names none.
 */
static const char *strip_error_location(const char *error, const char *file, struct mark *mark)
{
	size_t length = strlen(file);
	const char *rest = error + length;
	size_t line, column;
	int used = 0;

	if (strncmp(error, file, length) != 0)
		return error;
	if (sscanf(rest, ":%zu:%zu: %n", &line, &column, &used) == 2 && used > 0) {
		mark->line = line;
		mark->column = column;
		return rest + used;
	}
	if (strncmp(rest, ": ", 2) == 0)
		return rest + 2;
	return error;
}

void load_failure_report_cluster(const char *path, const char *error, struct hub_result *result)
{
	struct mark mark = {.file = path};
	const char *what = strip_error_location(error, path, &mark);

	set_unloaded_finding(&mark,
			     format_text("%s; no hub of this cluster.yaml was checked", what),
			     result);
}

void load_failure_report_missing_file(const struct cluster *cluster,
				      const struct cluster_hub *hub, const char *error,
				      struct hub_result *result)
{
	struct mark mark = hub->mark;
	char quoted[OPTIONS_QUOTE_SIZE];
	const char *what;

	mark.file = cluster->path;
	what = strip_error_location(error, cluster->path, &mark);
	set_unloaded_finding(&mark,
			     format_text("%s; nothing else of hub '%s' was checked, because helm "
					 "layers all of its values files together",
					 what, quote(hub->name, quoted)),
			     result);
}
