/* Bump allocator; documented in include/arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *arena)
{
	arena->head = NULL;
}

void arena_release(struct arena *arena)
{
	struct arena_block *block = arena->head;

	while (block) {
		struct arena_block *next = block->next;

		free(block);
		block = next;
	}
	arena->head = NULL;
}

void arena_wipe(struct arena *arena)
{
	for (struct arena_block *block = arena->head; block; block = block->next) {
		/* volatile keeps the compiler from dropping stores to memory that
		 * is freed right after. */
		volatile unsigned char *bytes = block->data;

		for (size_t i = 0; i < block->used; i++)
			bytes[i] = 0;
	}
}

static struct arena_block *arena_new_block(size_t size)
{
	struct arena_block *block = calloc(1, sizeof(*block) + size);

	if (!block) {
		fputs("binderhub-gen: error: out of memory\n", stderr);
		abort();
	}
	block->size = size;
	return block;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_block *block = arena->head;
	size_t offset;

	if (size == 0)
		size = 1;
	if (block) {
		offset = (block->used + align - 1) / align * align;
		if (offset <= block->size && block->size - offset >= size) {
			block->used = offset + size;
			return block->data + offset;
		}
	}

	/* Large requests get a block of their own, kept behind the current one
	 * so that the current block's free space is not lost. */
	if (size > ARENA_BLOCK_SIZE / 4 && block) {
		struct arena_block *big = arena_new_block(size);

		big->used = size;
		big->next = block->next;
		block->next = big;
		return big->data;
	}
	block = arena_new_block(size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE);
	block->next = arena->head;
	arena->head = block;
	block->used = size;
	return block->data;
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
	char *copy = arena_alloc(arena, length + 1);

	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
	return arena_strndup(arena, text, strlen(text));
}

void *arena_grow(struct arena *arena, void *old, size_t old_size, size_t new_size)
{
	void *copy = arena_alloc(arena, new_size);

	if (old && old_size)
		memcpy(copy, old, old_size < new_size ? old_size : new_size);
	return copy;
}
