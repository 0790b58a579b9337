/* Growable byte buffer; documented in include/text_buffer.h. */
#include "text_buffer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void wipe(char *data, size_t size)
{
	volatile char *bytes = data;

	for (size_t i = 0; i < size; i++)
		bytes[i] = 0;
}

void text_buffer_append(struct text_buffer *buffer, const char *bytes, size_t size)
{
	if (buffer->length + size + 1 > buffer->capacity) {
		size_t capacity = buffer->capacity ? buffer->capacity : 4096;
		char *data;

		while (buffer->length + size + 1 > capacity)
			capacity *= 2;
		/* malloc and copy rather than realloc, so the old block can be wiped. */
		data = malloc(capacity);
		if (!data) {
			fputs("binderhub-gen: error: out of memory\n", stderr);
			abort();
		}
		if (buffer->data) {
			memcpy(data, buffer->data, buffer->length);
			wipe(buffer->data, buffer->capacity);
			free(buffer->data);
		}
		buffer->data = data;
		buffer->capacity = capacity;
	}
	memcpy(buffer->data + buffer->length, bytes, size);
	buffer->length += size;
	buffer->data[buffer->length] = '\0';
}

void text_buffer_release_wiped(struct text_buffer *buffer)
{
	if (buffer->data) {
		wipe(buffer->data, buffer->capacity);
		free(buffer->data);
	}
	buffer->data = NULL;
	buffer->length = buffer->capacity = 0;
}
