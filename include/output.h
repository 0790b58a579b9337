/*
 * Writing a generated document to standard output or to a file, atomically.
 *
 * A file is first written in full to a temporary file in the same folder and
 * then moved into place, so a reader (or sops) never reads half a document and
 * a failed run leaves the target as it was.
 */
#ifndef BHG_OUTPUT_H
#define BHG_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/** Permission bits of a values file: readable by everyone, like any file in a git checkout. */
#define OUTPUT_MODE_VALUES 0644u
/** Permission bits of a plaintext secrets file: owner only. */
#define OUTPUT_MODE_SECRETS 0600u

/** Destination and options of output_write(). */
struct output_target {
	const char *path; /**< File to write; NULL or "-" means standard output. */
	bool force;       /**< Replace an existing file instead of failing. */
	unsigned mode;    /**< Permission bits of a new file, set exactly: the umask does not apply. */
};

/**
 * Write length bytes of data to target.
 *
 * To a file: write a temporary file ".NAME.XXXXXX" beside the target with
 * permission bits target->mode, fsync it and move it into place. Without
 * force, an existing target (or one created meanwhile) is never replaced.
 * With force, rename(2) replaces it, so a symbolic link at the target path is
 * replaced by the new file rather than followed. The folder is fsync'ed last.
 *
 * To standard output: flush stdout, then write the bytes with write(2), so no
 * copy of them stays in the stdio buffer. A closed pipe is reported as an
 * error only when SIGPIPE is ignored; otherwise the signal ends the process.
 *
 * Returns 0 on success. On failure, returns -1, removes the temporary file,
 * leaves an existing target unchanged and stores a message in error that
 * names the file and the system error, without the "binderhub-gen: error: "
 * prefix that the caller prints. The one exception: when only the final
 * fsync of the folder fails, the file is already in place and the message
 * states that.
 */
int output_write(const struct output_target *target, const char *data, size_t length, char *error,
		 size_t error_size);

/** Return true when target is standard output and standard output is a terminal. */
bool output_is_terminal(const struct output_target *target);

/**
 * Flush standard output and check its error indicator, so that a failed
 * write (a full disk, a closed pipe) fails the command instead of passing
 * silently. On failure, prints "binderhub-gen: error: cannot write to
 * standard output: REASON; ..." to standard error and returns EXIT_USAGE
 * (include/commands.h); otherwise returns EXIT_OK.
 */
int output_flush_stdout(void);

/**
 * Fail early, before any work, when the target file exists and force is
 * off, with the message output_write() would give.  output_write() checks
 * again when it writes, so a file created meanwhile is still never replaced.
 */
int output_check_target(const struct output_target *target, char *error, size_t error_size);

#endif
