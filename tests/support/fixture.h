/*
 * Test fixtures on disk: temporary folders, whole-file reads and writes, and
 * comparison with golden files.
 */
#ifndef BHG_TEST_FIXTURE_H
#define BHG_TEST_FIXTURE_H

#include <stddef.h>

/**
 * Create a new empty folder under $TMPDIR (or /tmp) and return its
 * malloc'ed path. Fails the running cmocka test when that is impossible.
 * Remove it with fixture_remove_tree() and free the path.
 */
char *fixture_temp_dir(void);

/** Delete path and, when it is a folder, everything below it; symbolic links are not followed. Returns 0 or -1. */
int fixture_remove_tree(const char *path);

/**
 * Read the whole file into a malloc'ed buffer with a NUL added after the
 * last byte. Stores the byte count in *length when length is non-NULL.
 * Returns NULL with errno set when the file cannot be read.
 */
char *fixture_read_file(const char *path, size_t *length);

/** Create or truncate path, write text and set its permission bits to mode exactly. Returns 0 or -1. */
int fixture_write_file(const char *path, const char *text, unsigned mode);

/**
 * Compare actual with the golden file at golden_path. Returns 0 when they are
 * byte-identical, 1 when they differ and -1 when the golden file cannot be
 * read. For 1 and -1, *report is a malloc'ed explanation: the golden file's
 * name, the number of the first differing line and both versions of it.
 */
int fixture_compare_golden(const char *actual, size_t length, const char *golden_path,
			   char **report);

/**
 * Fail the running cmocka test unless actual equals the golden file, printing
 * the report of fixture_compare_golden(). With BHG_UPDATE_GOLDEN=1 in the
 * environment, write actual to golden_path instead, so golden files are
 * regenerated only on request.
 */
void fixture_assert_golden(const char *actual, size_t length, const char *golden_path);

#endif
