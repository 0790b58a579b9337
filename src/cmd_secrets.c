/* `binderhub-gen secrets`: read secrets, build the secret file, write it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "emit.h"
#include "generate.h"
#include "options.h"
#include "output.h"
#include "secret.h"
#include "secret_format.h"
#include "selfcheck.h"
#include "text_buffer.h"

#define ENV_REGISTRY_PASSWORD "BINDERHUB_GEN_REGISTRY_PASSWORD"
#define ENV_LAUNCH_LOGS_KEY "BINDERHUB_GEN_LAUNCH_LOGS_KEY"

/* Read both secrets; on failure both are freed and error names the missing one. */
static int read_secrets(const struct gen_options *options, struct secret *password,
			struct secret *key, bool *have_key, char *error, size_t error_size)
{
	char reason[128];

	*have_key = false;
	if (secret_read(options->registry_password_file, "--registry-password-file",
			ENV_REGISTRY_PASSWORD, password, error, error_size))
		return -1;
	/* Password files usually end with a newline that is not part of it. */
	secret_trim_final_newline(password);
	/* Artifact Registry takes a service-account key as the password. */
	if (options->registry == REGISTRY_GAR &&
	    !secret_is_service_account_key(password, reason, sizeof(reason))) {
		snprintf(error, error_size,
			 "the registry password %s, but Artifact Registry needs a service-account JSON "
			 "key as the password of _json_key; give the key from terraform's "
			 "registry_sa_keys output",
			 reason);
		secret_free(password);
		return -1;
	}
	if (!options->launch_logs)
		return 0;
	if (secret_read(options->launch_logs_key_file, "--launch-logs-key-file", ENV_LAUNCH_LOGS_KEY,
			key, error, error_size)) {
		secret_free(password);
		return -1;
	}
	*have_key = true;
	if (!secret_is_service_account_key(key, reason, sizeof(reason))) {
		snprintf(error, error_size,
			 "the launch-logs key %s; give the JSON key of 2i2c's service account for launch "
			 "events, because BinderHub exits at start-up without a valid one",
			 reason);
		secret_free(password);
		secret_free(key);
		*have_key = false;
		return -1;
	}
	return 0;
}

int cmd_secrets(int argc, char **argv)
{
	struct gen_options options;
	struct secret password = {0}, key = {0};
	bool have_key = false;
	struct tree_doc *doc = NULL;
	struct emit_options emit_options = {.comments = true};
	struct output_target target;
	struct text_buffer text = {0};
	char error[1024];
	int status = EXIT_USAGE;

	status = generate_start(GEN_SECRETS, argc, argv, &options, &target);
	if (status >= 0)
		return status;
	status = EXIT_USAGE;

	if (read_secrets(&options, &password, &key, &have_key, error, sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		gen_options_release(&options);
		return EXIT_USAGE;
	}
	if (generate_secrets(&options, &password, have_key ? &key : NULL, &doc, error,
			     sizeof(error)) != GENERATE_OK) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	emit_options.comments = options.comments;
	if (emit_document(doc->root, &emit_options, &text.data, &text.length, error,
			  sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	text.capacity = text.length + 1;
	if (selfcheck_gate(SELFCHECK_SECRETS, &options, text.data, text.length)) {
		status = EXIT_FINDINGS;
		goto done;
	}
	if (output_is_terminal(&target))
		fputs("binderhub-gen: warning: writing plaintext secrets to a terminal; pipe them "
		      "into 'sops --encrypt' or write them with -o FILE instead\n",
		      stderr);
	if (output_write(&target, text.data, text.length, error, sizeof(error))) {
		fprintf(stderr, "binderhub-gen: error: %s\n", error);
		goto done;
	}
	status = EXIT_OK;
done:
	text_buffer_release_wiped(&text);
	tree_doc_free_wiped(doc);
	secret_free(&password);
	if (have_key)
		secret_free(&key);
	gen_options_release(&options);
	return status;
}
