/*
 * JSON string literals, shared by the JSON and SARIF formats of `check` and
 * by `rules --format json`.
 */
#ifndef BHG_JSON_ESCAPE_H
#define BHG_JSON_ESCAPE_H

#include <stdio.h>

/**
 * Write text to out as a JSON string literal (RFC 8259): '"', '\\' and the
 * control characters U+0000 to U+001F are escaped, using the short forms
 * \b \f \n \r \t where JSON has them and \u00XX otherwise. Every other byte,
 * UTF-8 included, is copied unchanged, so the literal is valid JSON only when
 * text is valid UTF-8. A NULL text is written as the JSON literal null.
 */
void json_write_string(FILE *out, const char *text);

#endif
