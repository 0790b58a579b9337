/*
 * Bump allocator: many small allocations released together.  A document tree
 * allocates every node and string from one arena, so freeing a document is a
 * single call whatever its aliases and shared subtrees look like.
 */
#ifndef BHG_ARENA_H
#define BHG_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

void arena_init(struct arena *arena);

/** Free every block; the arena can be used again afterwards. */
void arena_release(struct arena *arena);

/** Overwrite every block with zeros, for arenas that held secrets. */
void arena_wipe(struct arena *arena);

/**
 * Allocate size zeroed bytes aligned for any type.  Aborts with a message on
 * out of memory, as every caller would have to give up anyway.
 */
void *arena_alloc(struct arena *arena, size_t size);

/** Copy length bytes and add a NUL. */
char *arena_strndup(struct arena *arena, const char *text, size_t length);

char *arena_strdup(struct arena *arena, const char *text);

/** Grow an array allocated in the arena; the old copy is simply abandoned. */
void *arena_grow(struct arena *arena, void *old, size_t old_size, size_t new_size);

#endif
