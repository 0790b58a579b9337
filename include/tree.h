/*
 * In-memory YAML document tree shared by the generator and the checker.
 *
 * A document owns an arena: every node, string and array of a document is
 * allocated from it and released at once by tree_doc_free().  Mappings keep
 * their key order, scalars keep the style they were written in, and an alias
 * is a node of its own that points at the anchored node it refers to.
 */
#ifndef BHG_TREE_H
#define BHG_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/** Position of a node in the text it was read from; line and column are 1-based. */
struct mark {
	const char *file; /**< Name shown to users ("stdin" for -); NULL for built nodes. */
	size_t line;      /**< 0 when the node was built in memory. */
	size_t column;
};

enum node_kind {
	NODE_SCALAR,
	NODE_SEQUENCE,
	NODE_MAPPING,
	NODE_ALIAS,
};

/** Style a scalar was written in; mirrors libyaml's yaml_scalar_style_t. */
enum scalar_style {
	SCALAR_PLAIN,
	SCALAR_SINGLE_QUOTED,
	SCALAR_DOUBLE_QUOTED,
	SCALAR_LITERAL,
	SCALAR_FOLDED,
};

/** Type of a scalar under YAML 1.1 resolution rules. */
enum scalar_type {
	SCALAR_TYPE_NULL,
	SCALAR_TYPE_BOOL,
	SCALAR_TYPE_INT,
	SCALAR_TYPE_FLOAT,
	SCALAR_TYPE_STRING,
};

struct node;

struct pair {
	struct node *key;
	struct node *value;
};

struct node {
	enum node_kind kind;
	struct mark mark;
	size_t end_line; /**< Line just after the node's text ends, 0 when built in memory. */
	char *anchor;  /**< Anchor name without '&', or NULL. */
	char *tag;     /**< Explicit tag as written (e.g. "tag:yaml.org,2002:str"), or NULL. */
	char *comment; /**< Whole-line comments written above this node, '#' included, lines
	                    joined by '\n' without a trailing one; NULL when there are none. */
	union {
		struct {
			char *value; /**< NUL-terminated; YAML allows no NUL inside. */
			size_t length;
			enum scalar_style style;
		} scalar;
		struct {
			struct node **items;
			size_t count;
			size_t capacity;
		} sequence;
		struct {
			struct pair *pairs;
			size_t count;
			size_t capacity;
		} mapping;
		struct {
			char *name;          /**< Anchor name the alias refers to. */
			struct node *target; /**< The anchored node; never NULL once loaded. */
		} alias;
	} as;
};

/** Two keys of one mapping with the same text, recorded by the loader. */
struct duplicate_key {
	const struct node *first;
	const struct node *second;
};

/** A document: its root node and the arena that owns every node in it. */
struct tree_doc {
	struct arena arena;
	struct node *root; /**< NULL for an empty document. */
	const char *file;  /**< Name used in marks, owned by the arena. */
	struct duplicate_key *duplicates; /**< In the order the second keys were read. */
	size_t duplicate_count;
};

struct tree_doc *tree_doc_new(const char *file);
void tree_doc_free(struct tree_doc *doc);

/** Free a document that contains secrets, overwriting its memory first. */
void tree_doc_free_wiped(struct tree_doc *doc);

/* Constructors: the node and its strings are allocated in doc's arena. */
struct node *tree_new_scalar(struct tree_doc *doc, const char *value, size_t length,
			     enum scalar_style style);
struct node *tree_new_string(struct tree_doc *doc, const char *value);
struct node *tree_new_sequence(struct tree_doc *doc);
struct node *tree_new_mapping(struct tree_doc *doc);
struct node *tree_new_alias(struct tree_doc *doc, const char *name, struct node *target);

/** Append an item to a sequence. */
void tree_sequence_append(struct tree_doc *doc, struct node *sequence, struct node *item);

/** Append a pair to a mapping; does not look for an existing key. */
void tree_mapping_append(struct tree_doc *doc, struct node *mapping, struct node *key,
			 struct node *value);

/**
 * Set key to value in a mapping: replaces the value of the first pair whose key
 * is the scalar key, or appends a new pair with a plain string key.
 * Returns the pair that contains the value.
 */
struct pair *tree_mapping_set(struct tree_doc *doc, struct node *mapping, const char *key,
			      struct node *value);

/** Remove the pair at index i, keeping the order of the others. */
void tree_mapping_remove_at(struct node *mapping, size_t i);

/** Remove the item at index i, keeping the order of the others. */
void tree_sequence_remove_at(struct node *sequence, size_t i);

/** Follow aliases to the node they refer to; NULL stays NULL. */
const struct node *tree_resolve(const struct node *node);

/**
 * Find the pair whose key is the scalar key (aliases on the mapping are followed).
 * Returns NULL when node is not a mapping or has no such key.
 */
struct pair *tree_mapping_find(const struct node *mapping, const char *key);

/** Value of key in a mapping, aliases resolved; NULL when absent. */
const struct node *tree_mapping_get(const struct node *mapping, const char *key);

/**
 * Look up a dotted path such as "binderhub-service.config.BinderHub".
 * A backslash escapes a dot that belongs to a key ("node\.kubernetes\.io/instance-type").
 * Returns NULL when any step is missing or not a mapping.
 */
const struct node *tree_get_path(const struct node *root, const char *path);

/** Resolve a scalar by YAML 1.1 rules: a quoted or block scalar is always a string. */
enum scalar_type tree_scalar_type(const struct node *scalar);

/** True when the scalar is null: plain "~", "null", "Null", "NULL" or empty. */
bool tree_is_null(const struct node *node);

/** True when the node is a scalar whose value resolves to boolean true. */
bool tree_is_true(const struct node *node);

/** True when the node is a scalar whose value resolves to boolean false. */
bool tree_is_false(const struct node *node);

/**
 * True when text, written as a plain scalar, would not read back as the same
 * string (it would be a null, boolean or number in YAML 1.1 or YAML 1.2, or
 * the merge key "<<" or the value key "=").
 */
bool tree_plain_text_is_ambiguous(const char *text);

/** True when node (aliases followed) is a scalar whose text is text. */
bool tree_scalar_equals(const struct node *node, const char *text);

/**
 * Copy a subtree into doc's arena.  Aliases inside the subtree are pointed at
 * the copies of their anchors; an alias whose anchor is outside the subtree
 * keeps its target.  Marks and comments are copied, file names included, so
 * the copy does not depend on the source document's memory.
 */
struct node *tree_copy(struct tree_doc *doc, const struct node *node);

/**
 * State for copying several subtrees of one source document: an alias copied
 * after its anchor points at the anchor's copy, even across subtrees.
 */
struct tree_copier {
	const struct node **from;
	struct node **to;
	size_t count;
	size_t capacity;
	const char *file_from; /**< Last mark file name copied, and its copy, so a */
	const char *file_to;   /**< subtree's name is copied once, not per node. */
};

/** Copy node into doc, remembering anchored nodes for later aliases. */
struct node *tree_copier_copy(struct tree_copier *copier, struct tree_doc *doc,
			      const struct node *node);

/** Record that aliases to from must now point at to (a node not made by copying). */
void tree_copier_note(struct tree_copier *copier, const struct node *from, struct node *to);

void tree_copier_release(struct tree_copier *copier);

/**
 * Compare two trees structurally: same kinds, same scalar text and type,
 * same keys in the same order, aliases compared by what they refer to.
 * Marks, styles and comments are ignored.
 */
bool tree_equal(const struct node *a, const struct node *b);

#endif
