/*
 * Running the built binderhub-gen (or any program) as a child process and
 * collecting its exit status, standard output and standard error.
 */
#ifndef BHG_TEST_CLI_H
#define BHG_TEST_CLI_H

#include <stddef.h>

/** Default of cli_timeout_seconds. */
#define CLI_DEFAULT_TIMEOUT_SECONDS 60

/** Seconds a child may run before cli_run_program() kills it with SIGKILL; tests may change it. */
extern int cli_timeout_seconds;

/** Outcome of one run; release it with cli_result_release(). */
struct cli_result {
	int status;        /**< Exit status, or 128 + the signal number that ended the child. */
	char *out;         /**< Standard output, malloc'ed with a NUL added after the last byte. */
	size_t out_length; /**< Byte count of out without that NUL. */
	char *err;         /**< Standard error, like out. */
	size_t err_length;
};

/**
 * Run program with argv (NULL-terminated, without argv[0]) and wait for it.
 * stdin_text is written to its standard input (NULL connects /dev/null).
 * The child's environment holds only PATH and HOME (copied from this
 * process, or /usr/bin:/bin and /), LANG=C and NO_COLOR=1, plus the entries
 * "NAME=VALUE" of env (NULL-terminated, may be NULL); an entry of env
 * replaces a default of the same name. cwd is the child's working folder
 * (NULL: this process's). A child still running after cli_timeout_seconds
 * is killed and reported as 128 + SIGKILL.
 *
 * Returns 0 with *result filled, or -1 after printing why the child could
 * not be run. When the child cannot start the program, status is 127.
 */
int cli_run_program(const char *program, const char *const *argv, const char *stdin_text,
		    const char *const *env, const char *cwd, struct cli_result *result);

/** cli_run_program() on the binary under test, BHG_BINARY. */
int cli_run(const char *const *argv, const char *stdin_text, const char *const *env, const char *cwd,
	    struct cli_result *result);

/** Free the captured output and reset *result. */
void cli_result_release(struct cli_result *result);

#endif
