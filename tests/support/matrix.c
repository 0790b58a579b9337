/* Flag matrix of the generator; documented in matrix.h. */
#include "matrix.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "generate.h"

#define MATRIX_MAX_ARGS 40

struct arg_list {
	const char *items[MATRIX_MAX_ARGS];
	int count;
};

static void args_add(struct arg_list *args, const char *arg)
{
	assert_true(args->count < MATRIX_MAX_ARGS - 1);
	args->items[args->count++] = arg;
	args->items[args->count] = NULL;
}

static const char *const auth_flags[] = {"--no-auth", "--auth=github", "--auth=cilogon"};
static const char *const provider_flags[] = {"--gcp", "--aws", "--azure"};
static const char *const registry_flags[] = {"--registry=gar", "--registry=quay"};

static void build_args(struct arg_list *args, unsigned auth, unsigned provider, unsigned registry,
		       unsigned bits)
{
	bool cors = bits & 1, specs = bits & 2, logs_off = bits & 4, homepage = bits & 8,
	     set = bits & 16, public_api = bits & 32, no_comments = bits & 64;

	args->count = 0;
	args_add(args, "values");
	args_add(args, "--cluster");
	args_add(args, "matrix");
	args_add(args, auth_flags[auth]);
	args_add(args, provider_flags[provider]);
	args_add(args, registry_flags[registry]);
	if (provider == 2) {
		args_add(args, "--instance-type");
		args_add(args, "Standard_E8s_v5");
	}
	if (registry == 0) {
		args_add(args, "--gcp-project");
		args_add(args, "matrix-project-1");
	}
	/* CORS is for hubs without login: with login the spawner ignores it. */
	if (cors && auth == 0) {
		args_add(args, "--cors");
		args_add(args, "*");
	}
	if (specs) {
		args_add(args, "--allowed-spec");
		args_add(args, "^example-org/.*");
	}
	if (logs_off)
		args_add(args, "--no-launch-logs");
	if (homepage && auth != 0) {
		static const char *const fields[] = {
			"--org-name=Example",  "--org-logo-url=https://example.org/logo.png",
			"--org-url=https://example.org", "--funded-by-name=Example Fund",
			"--funded-by-url=https://example.org/fund"};

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			args_add(args, fields[i]);
	}
	if (set) {
		args_add(args, "--set");
		args_add(args, "jupyterhub.singleuser.memory.limit=4G");
		args_add(args, "--set-string");
		args_add(args, "binderhub-service.config.BinderHub.banner_message=on");
	}
	if (public_api)
		args_add(args, "--public-hub-api");
	if (no_comments)
		args_add(args, "--no-comments");
}

int matrix_for_each(int (*visit)(const struct matrix_case *matrix_case,
				 const struct tree_doc *doc, void *data),
		    void *data)
{
	int visited = 0;

	for (unsigned auth = 0; auth < 3; auth++)
		for (unsigned provider = 0; provider < 3; provider++)
			for (unsigned registry = 0; registry < 2; registry++)
				for (unsigned bits = 0; bits < 128; bits++) {
					struct arg_list args;
					struct gen_options options;
					struct matrix_case matrix_case = {0};
					struct tree_doc *doc = NULL;
					char error[1024];
					FILE *sink = fopen("/dev/null", "w");

					/* Homepage and CORS bits do nothing in one mode each:
					 * skip the duplicates they would make. */
					if ((auth == 0 && (bits & 8)) || (auth != 0 && (bits & 1)))
						continue;
					build_args(&args, auth, provider, registry, bits);
					for (int i = 0; i < args.count; i++) {
						strncat(matrix_case.label, args.items[i],
							sizeof(matrix_case.label) -
								strlen(matrix_case.label) - 2);
						strcat(matrix_case.label, " ");
					}
					assert_non_null(sink);
					if (options_parse_gen(GEN_VALUES, args.count, (char **)args.items,
							      &options, sink, sink) != OPTIONS_OK)
						fail_msg("options rejected: %s", matrix_case.label);
					fclose(sink);
					if (generate_values(&options, &doc, error, sizeof(error)) !=
					    GENERATE_OK)
						fail_msg("%s: %s", matrix_case.label, error);
					matrix_case.options = &options;
					matrix_case.comments = options.comments;
					visit(&matrix_case, doc, data);
					visited++;
					tree_doc_free(doc);
					gen_options_release(&options);
				}
	return visited;
}
