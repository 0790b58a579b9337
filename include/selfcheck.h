/*
 * The generator checks its own output with the checker's rules before it
 * writes anything.
 */
#ifndef BHG_SELFCHECK_H
#define BHG_SELFCHECK_H

#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "options.h"

/**
 * Check an emitted values file as deployed: over the built-in chart
 * defaults, with the secret file that `binderhub-gen secrets` writes for the
 * same options layered after it, as sops encrypts it.  name is the file
 * name findings use.  Returns the checker's exit status (0 no error, 1
 * errors) or 2 when the text does not load, with error filled.
 */
int selfcheck_values(const struct gen_options *options, const char *text, size_t length,
		     const char *name, struct findings *out, char *error, size_t error_size);

/**
 * Check an emitted secret file for the rules that plaintext can pass:
 * duplicate keys, misplaced configuration classes and a mapping at the top.
 * The encryption rules run after sops, on the committed file.
 */
int selfcheck_secrets(const char *text, size_t length, const char *name, struct findings *out,
		      char *error, size_t error_size);

enum selfcheck_kind {
	SELFCHECK_VALUES,
	SELFCHECK_SECRETS,
};

/**
 * Check text about to be written as options->output, print the findings at
 * warning level or above to stderr in the checker's text format, and return
 * 0 when the text may be written: no errors, or --allow-findings.  Returns
 * -1 with a message on stderr otherwise.
 */
int selfcheck_gate(enum selfcheck_kind kind, const struct gen_options *options, const char *text,
		   size_t length);

#endif
