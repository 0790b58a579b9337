/*
 * The generator's flag matrix, shared by the round-trip test and the
 * property that every generated file passes the checker.
 */
#ifndef BHG_TEST_MATRIX_H
#define BHG_TEST_MATRIX_H

#include <stdbool.h>

#include "options.h"
#include "tree.h"

struct matrix_case {
	char label[512];               /**< The command line, for failure messages. */
	const struct gen_options *options;
	bool comments;
};

/**
 * Generate the values document of every combination and call visit on it.
 * Parsing and generation must succeed for every case (the test fails
 * otherwise).  Returns how many cases were visited.
 */
int matrix_for_each(int (*visit)(const struct matrix_case *matrix_case,
				 const struct tree_doc *doc, void *data),
		    void *data);

#endif
