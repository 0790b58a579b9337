/*
 * Checks for the values that users give on the command line and that the
 * checker finds in values files: DNS labels, host names, Kubernetes
 * quantities and label values, CORS origins, http(s) URLs, GCP project IDs,
 * image prefixes and regular expressions.
 *
 * Every validator returns true when the text is valid.  Otherwise it returns
 * false and, when reason is non-NULL, writes into it a lower-case phrase about
 * the first problem found, with the value itself as the implied subject
 * ("contains the upper-case letter 'M'", "is empty").  Callers build the
 * whole message around it, for example "invalid value 'My-Hub' for --hub:
 * contains the upper-case letter 'M'; <how to fix it>".  The reason is
 * truncated to fit reason_size.
 */
#ifndef BHG_VALIDATE_H
#define BHG_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/** Maximum length of a DNS label (RFC 1035 section 2.3.4), also Kubernetes' limit for names and label values. */
#define VALIDATE_LABEL_MAX 63

/**
 * Maximum length of a host name in text form.  RFC 1035 section 2.3.4 limits
 * a name to 255 octets in wire form, which leaves 253 characters as text
 * without the final dot.
 */
#define VALIDATE_HOST_NAME_MAX 253

/**
 * Check an RFC 1123 label as Kubernetes uses it for names: 1 to 63
 * characters of a-z, 0-9 and '-', neither first nor last being '-'.
 */
bool validate_dns_label(const char *text, char *reason, size_t reason_size);

/**
 * Check a lower-case host name: at least two DNS labels joined by '.', at
 * most 253 characters, with no scheme, port, path or final '.'.
 */
bool validate_host_name(const char *text, char *reason, size_t reason_size);

/**
 * Check a Kubernetes resource quantity such as "15Gi", "500Mi", "20G",
 * "1.5Gi" or "1e9": an optionally signed decimal number followed by one of
 * the suffixes Ki Mi Gi Ti Pi Ei, m k M G T P E, or an exponent e<N>/E<N>.
 * The sign is allowed here because the grammar allows it; callers that need
 * a positive size check that themselves.
 */
bool validate_quantity(const char *text, char *reason, size_t reason_size);

/**
 * Check a Kubernetes label value, as used for node.kubernetes.io/instance-type:
 * at most 63 characters of A-Z, a-z, 0-9, '-', '_' and '.', beginning and
 * ending with a letter or digit.  The empty string is a valid label value.
 */
bool validate_label_value(const char *text, char *reason, size_t reason_size);

/**
 * Check a CORS origin as BinderHub's cors_allow_origin takes it: either "*"
 * or "https://HOST" with an optional ":PORT" (1 to 65535) and no path, not
 * even a final '/'.  HOST follows validate_host_name().
 */
bool validate_cors_origin(const char *text, char *reason, size_t reason_size);

/**
 * Check an absolute http:// or https:// URL: a lower-case scheme, a host
 * name of two or more labels (letters in any case), an optional port, then
 * optionally a path, query or fragment without spaces or control characters.
 */
bool validate_http_url(const char *text, char *reason, size_t reason_size);

/**
 * Check a GCP project ID: 6 to 30 characters of a-z, 0-9 and '-', starting
 * with a letter and not ending with '-'.  Legacy domain-scoped IDs
 * ("example.com:project") are rejected.
 */
bool validate_gcp_project_id(const char *text, char *reason, size_t reason_size);

/**
 * Check a container image prefix as BinderHub's image_prefix takes it:
 * "HOST[:PORT]/PATH" without a scheme, where HOST follows
 * validate_host_name() and PATH is one or more characters of a-z, 0-9, '.',
 * '_', '-' and '/' with no empty segment ("//").  The prefix may end in '/'
 * or '-', because BinderHub appends the image name to it as it is.
 */
bool validate_image_prefix(const char *text, char *reason, size_t reason_size);

/**
 * Check that a regular expression compiles with PCRE2 in UTF mode.
 * BinderHub compiles allowed_specs with Python's re module; PCRE2 accepts
 * nearly the same syntax, so this catches typos such as an unclosed group,
 * though a few constructs differ between the two.  The reason names the
 * PCRE2 error message and the byte offset where compiling stopped.
 */
bool validate_regex(const char *pattern, char *reason, size_t reason_size);

/**
 * True when text is free text that a YAML scalar can carry as written: no
 * control characters other than tab and newline.
 */
bool validate_text(const char *text, char *reason, size_t reason_size);

/**
 * True unless pattern, which PCRE2 compiles, uses syntax that Python's re
 * module (as of 3.11, which BinderHub runs) rejects: escapes such as '\p' or
 * '\z', '(?<name>', PCRE-only groups, or global flags after the start.
 * NOTE: a check of known differences, not a Python regular-expression parser.
 */
bool validate_python_regex_syntax(const char *pattern, char *reason, size_t reason_size);

#endif
