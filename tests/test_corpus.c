/*
 * Acceptance test on real hubs.  The corpus folder next to this repository
 * (CORPUS) has one folder per live binderhub-ui hub, with its cluster.yaml,
 * its values files, the chart defaults of the same revision, the deployer's
 * rendered layer and a manifest.txt.  Every such hub deploys and works, so
 * `binderhub-gen check` must find no error in it.  Each hub is checked with
 * the emulated deployer layer and with the rendered one, and both must give
 * the same findings (rule ids and severities).
 *
 * manifest.txt names the hub on a line "hub: NAME".  Lines
 * "expect: RULE [SEVERITY]" (for example "expect: BH139 warning") name
 * findings that both checks must report.
 *
 * The corpus is not part of this repository; without it the tests are
 * skipped.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "cli.h"
#include "fixture.h"

#define CORPUS BHG_SOURCE_DIR "/../shared/corpus"

#define MAX_HUBS 64
#define MAX_EXPECTED 32
#define MAX_FINDINGS 512

/* One hub of the corpus. */
struct corpus_hub {
	char folder[256]; /* Below CORPUS. */
	char name[128];   /* The manifest's hub: line. */
	char expected[MAX_EXPECTED][128]; /* "RULE" or "RULE SEVERITY". */
	size_t expected_count;
};

struct corpus {
	struct corpus_hub hubs[MAX_HUBS];
	size_t hub_count;
};

/* Copy the rest of line after prefix, without the line end, into value. */
static bool take_field(const char *line, const char *prefix, char *value, size_t size)
{
	size_t length;

	if (strncmp(line, prefix, strlen(prefix)) != 0)
		return false;
	line += strlen(prefix);
	line += strspn(line, " \t");
	length = strcspn(line, "\r\n");
	while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t'))
		length--;
	snprintf(value, size, "%.*s", (int)length, line);
	return true;
}

static void read_manifest(const char *text, struct corpus_hub *hub)
{
	for (const char *line = text; *line;) {
		char value[128];

		if (take_field(line, "hub:", value, sizeof(value)))
			snprintf(hub->name, sizeof(hub->name), "%s", value);
		else if (take_field(line, "expect:", value, sizeof(value)) &&
			 hub->expected_count < MAX_EXPECTED)
			snprintf(hub->expected[hub->expected_count++], sizeof(hub->expected[0]), "%s",
				 value);
		line += strcspn(line, "\n");
		if (*line == '\n')
			line++;
	}
}

static int compare_folders(const void *a, const void *b)
{
	return strcmp(((const struct corpus_hub *)a)->folder, ((const struct corpus_hub *)b)->folder);
}

static int setup_corpus(void **state)
{
	struct corpus *corpus = calloc(1, sizeof(*corpus));
	DIR *folder = opendir(CORPUS);
	struct dirent *entry;

	if (!corpus)
		return -1;
	*state = corpus;
	if (!folder)
		return 0;
	while ((entry = readdir(folder)) != NULL && corpus->hub_count < MAX_HUBS) {
		struct corpus_hub *hub = &corpus->hubs[corpus->hub_count];
		char path[1024];
		char *manifest;

		if (entry->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/manifest.txt", CORPUS, entry->d_name);
		manifest = fixture_read_file(path, NULL);
		if (!manifest)
			continue;
		memset(hub, 0, sizeof(*hub));
		snprintf(hub->folder, sizeof(hub->folder), "%s", entry->d_name);
		read_manifest(manifest, hub);
		free(manifest);
		corpus->hub_count++;
	}
	closedir(folder);
	qsort(corpus->hubs, corpus->hub_count, sizeof(corpus->hubs[0]), compare_folders);
	return 0;
}

static int teardown_corpus(void **state)
{
	free(*state);
	return 0;
}

/* The corpus of state, or a skip of the running test when there is none. */
static const struct corpus *corpus_or_skip(void **state)
{
	const struct corpus *corpus = *state;
	struct stat info;

	if (stat(CORPUS, &info) != 0 || !S_ISDIR(info.st_mode)) {
		print_message("no corpus of real hubs at %s; skipping\n", CORPUS);
		skip();
	}
	if (corpus->hub_count == 0)
		fail_msg("%s has no folder with a manifest.txt", CORPUS);
	return corpus;
}

/* Check hub as JSON, with its rendered deployer layer when rendered is true. */
static void check_hub(const struct corpus_hub *hub, bool rendered, struct cli_result *result)
{
	char cluster[512], defaults[512], render[512];
	const char *argv[12];
	size_t count = 0;

	if (hub->name[0] == '\0')
		fail_msg("%s/manifest.txt has no 'hub:' line", hub->folder);
	snprintf(cluster, sizeof(cluster), "%s/cluster.yaml", hub->folder);
	snprintf(defaults, sizeof(defaults), "%s/chart-defaults.basehub.values.yaml", hub->folder);
	snprintf(render, sizeof(render), "%s/00-rendered.values.jsonnet.yaml", hub->folder);
	argv[count++] = "check";
	argv[count++] = "--format";
	argv[count++] = "json";
	argv[count++] = "--cluster-file";
	argv[count++] = cluster;
	argv[count++] = "--hub";
	argv[count++] = hub->name;
	argv[count++] = "--chart-values";
	argv[count++] = defaults;
	if (rendered) {
		argv[count++] = "--deployer-values";
		argv[count++] = render;
	}
	argv[count] = NULL;
	assert_int_equal(cli_run(argv, NULL, NULL, CORPUS, result), 0);
}

/* The string value of the next "key": "value" member at or after *cursor. */
static bool next_member(const char **cursor, const char *key, char *value, size_t size)
{
	char pattern[64];
	const char *found;
	size_t length;

	snprintf(pattern, sizeof(pattern), "\"%s\": \"", key);
	found = strstr(*cursor, pattern);
	if (!found)
		return false;
	found += strlen(pattern);
	length = strcspn(found, "\"");
	snprintf(value, size, "%.*s", (int)length, found);
	*cursor = found + length;
	return true;
}

static int compare_verdicts(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* Collect "RULE SEVERITY" of every finding of a JSON report, sorted. */
static size_t read_verdicts(const char *json, char verdicts[][64], size_t max)
{
	const char *cursor = strstr(json, "\"findings\": [");
	size_t count = 0;
	char rule[32], severity[32];

	assert_non_null(cursor);
	while (count < max && next_member(&cursor, "rule", rule, sizeof(rule))) {
		assert_true(next_member(&cursor, "severity", severity, sizeof(severity)));
		snprintf(verdicts[count++], 64, "%s %s", rule, severity);
	}
	qsort(verdicts, count, sizeof(verdicts[0]), compare_verdicts);
	return count;
}

/* True when a verdict is the expected "RULE" or "RULE SEVERITY". */
static bool has_verdict(char verdicts[][64], size_t count, const char *expected)
{
	size_t length = strlen(expected);

	for (size_t i = 0; i < count; i++)
		if (strncmp(verdicts[i], expected, length) == 0 &&
		    (verdicts[i][length] == '\0' || verdicts[i][length] == ' '))
			return true;
	return false;
}

static void assert_hub_passes(const struct corpus_hub *hub, bool rendered)
{
	static char verdicts[MAX_FINDINGS][64];
	const char *layer = rendered ? "rendered" : "emulated";
	struct cli_result result;
	size_t count;

	check_hub(hub, rendered, &result);
	if (result.status != 0)
		fail_msg("%s (hub %s, %s deployer layer): exit status %d, expected 0\n%s%s",
			 hub->folder, hub->name, layer, result.status, result.out, result.err);
	count = read_verdicts(result.out, verdicts, MAX_FINDINGS);
	for (size_t i = 0; i < hub->expected_count; i++)
		if (!has_verdict(verdicts, count, hub->expected[i]))
			fail_msg("%s (hub %s, %s deployer layer): no finding '%s'\n%s", hub->folder,
				 hub->name, layer, hub->expected[i], result.out);
	cli_result_release(&result);
}

static void test_corpus_hubs_pass_with_emulated_layer(void **state)
{
	const struct corpus *corpus = corpus_or_skip(state);

	for (size_t i = 0; i < corpus->hub_count; i++)
		assert_hub_passes(&corpus->hubs[i], false);
}

static void test_corpus_hubs_pass_with_rendered_layer(void **state)
{
	const struct corpus *corpus = corpus_or_skip(state);

	for (size_t i = 0; i < corpus->hub_count; i++)
		assert_hub_passes(&corpus->hubs[i], true);
}

static void test_corpus_layers_give_same_verdicts(void **state)
{
	static char emulated[MAX_FINDINGS][64];
	static char rendered[MAX_FINDINGS][64];
	const struct corpus *corpus = corpus_or_skip(state);

	for (size_t i = 0; i < corpus->hub_count; i++) {
		const struct corpus_hub *hub = &corpus->hubs[i];
		struct cli_result with_emulated, with_rendered;
		size_t emulated_count, rendered_count;

		check_hub(hub, false, &with_emulated);
		check_hub(hub, true, &with_rendered);
		emulated_count = read_verdicts(with_emulated.out, emulated, MAX_FINDINGS);
		rendered_count = read_verdicts(with_rendered.out, rendered, MAX_FINDINGS);
		if (emulated_count != rendered_count)
			fail_msg("%s (hub %s): %zu findings with the emulated deployer layer, %zu "
				 "with the rendered one\n%s\n%s",
				 hub->folder, hub->name, emulated_count, rendered_count,
				 with_emulated.out, with_rendered.out);
		for (size_t j = 0; j < emulated_count; j++)
			if (strcmp(emulated[j], rendered[j]) != 0)
				fail_msg("%s (hub %s): '%s' with the emulated deployer layer, '%s' "
					 "with the rendered one",
					 hub->folder, hub->name, emulated[j], rendered[j]);
		cli_result_release(&with_emulated);
		cli_result_release(&with_rendered);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus_hubs_pass_with_emulated_layer),
		cmocka_unit_test(test_corpus_hubs_pass_with_rendered_layer),
		cmocka_unit_test(test_corpus_layers_give_same_verdicts),
	};

	return cmocka_run_group_tests(tests, setup_corpus, teardown_corpus);
}
