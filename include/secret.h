/*
 * Reading secrets (a registry password, a service-account key) from a file,
 * standard input or an environment variable, never from the command line.
 *
 * Every buffer that held secret bytes is wiped before it is freed.
 */
#ifndef BHG_SECRET_H
#define BHG_SECRET_H

#include <stdbool.h>
#include <stddef.h>

/** Largest secret accepted, in bytes; a service-account JSON key is about 2.3 KiB. */
#define SECRET_MAX_BYTES ((size_t)1024 * 1024)

/** Source of a secret. */
enum secret_source {
	SECRET_FROM_FILE,
	SECRET_FROM_STDIN,
	SECRET_FROM_ENV,
};

/** A secret value; release it with secret_free(). */
struct secret {
	char *data;    /**< malloc'ed, NUL-terminated; may contain other NUL bytes. */
	size_t length; /**< Byte count without the final NUL. */
	enum secret_source source;
};

/**
 * Read a secret from path, where "-" means standard input, or, when path is
 * NULL, from the environment variable env_name. flag_name is the option that
 * takes path, such as "--registry-password-file"; it and env_name appear in
 * error messages.
 *
 * Only one secret per process may come from standard input: a second "-"
 * fails and names the option that read it first.
 *
 * Returns 0 and fills *out. On failure, returns -1, leaves *out untouched
 * and stores a message in error, without the "binderhub-gen: error: "
 * prefix that the caller prints. The failures are: neither path nor
 * variable given (see secret_format_missing(), with the description made
 * from flag_name), a file that is missing, unreadable or a folder, an empty
 * secret or one of only white space, and more than SECRET_MAX_BYTES bytes. The message never contains
 * secret bytes.
 */
int secret_read(const char *path, const char *flag_name, const char *env_name, struct secret *out,
		char *error, size_t error_size);

/**
 * Format the message for a secret given neither as a file nor in the
 * environment, e.g. "no registry password given; pass
 * --registry-password-file FILE (or - for stdin) or set
 * BINDERHUB_GEN_REGISTRY_PASSWORD" for description "registry password".
 */
void secret_format_missing(const char *description, const char *flag_name, const char *env_name,
			   char *error, size_t error_size);

/** Wipe and free secret->data, then set the secret to empty; a zeroed secret is fine too. */
void secret_free(struct secret *secret);

/**
 * Drop one trailing "\n" or "\r\n", as written by editors and by echo, so a
 * password file's line ending does not become part of the password.
 */
void secret_trim_final_newline(struct secret *secret);

/** Overwrite length bytes at data with zeros in a way the compiler cannot remove. */
void secret_wipe(void *data, size_t length);

/** Return true when a secret has been read from standard input in this process. */
bool secret_stdin_claimed(void);

/** Forget that standard input was read, so tests can read it again. */
void secret_reset_stdin_claim(void);

#endif
