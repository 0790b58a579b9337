/*
 * Growable byte buffer.  Growing never leaves an old copy behind in freed
 * memory, because the buffer may hold secrets on their way to sops.
 */
#ifndef BHG_TEXT_BUFFER_H
#define BHG_TEXT_BUFFER_H

#include <stddef.h>

struct text_buffer {
	char *data; /**< NUL-terminated once anything was appended; malloc'ed. */
	size_t length;
	size_t capacity;
};

/** Append size bytes; aborts on out of memory. */
void text_buffer_append(struct text_buffer *buffer, const char *bytes, size_t size);

/** Overwrite the contents with zeros and free them. */
void text_buffer_release_wiped(struct text_buffer *buffer);

#endif
