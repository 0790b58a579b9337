/*
 * Validators for user-given values; documented in include/validate.h.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "validate.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest text quoted back inside a reason, so that one bad label of a long
 * host name cannot fill the whole message. */
#define QUOTE_MAX 80

__attribute__((format(printf, 3, 4)))
static bool fail(char *reason, size_t reason_size, const char *format, ...)
{
	va_list arguments;

	if (reason == NULL || reason_size == 0)
		return false;
	va_start(arguments, format);
	vsnprintf(reason, reason_size, format, arguments);
	va_end(arguments);
	return false;
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_lower(c) || is_upper(c) || is_digit(c);
}

/* Name one character for a message: a letter or symbol as itself in quotes,
 * anything that would not print as a number, so the message stays one line. */
static void describe_character(char *buffer, size_t size, char c)
{
	unsigned char byte = (unsigned char)c;

	if (is_upper(c))
		snprintf(buffer, size, "the upper-case letter '%c'", c);
	else if (c == ' ')
		snprintf(buffer, size, "a space");
	else if (byte < 0x20 || byte == 0x7f)
		snprintf(buffer, size, "the control character 0x%02x", byte);
	else if (byte >= 0x80)
		snprintf(buffer, size, "the non-ASCII byte 0x%02x", byte);
	else
		snprintf(buffer, size, "'%c'", c);
}

/* Check the first length bytes of text as an RFC 1123 label; upper case is
 * allowed only when the caller compares host names case-insensitively. */
static bool check_label(const char *text, size_t length, bool allow_upper,
			char *reason, size_t reason_size)
{
	char character[48];

	if (length == 0)
		return fail(reason, reason_size, "is empty");
	if (length > VALIDATE_LABEL_MAX)
		return fail(reason, reason_size, "is %zu characters long, over the maximum of %d",
			    length, VALIDATE_LABEL_MAX);
	for (size_t i = 0; i < length; i++) {
		char c = text[i];

		if (is_lower(c) || is_digit(c) || c == '-' || (allow_upper && is_upper(c)))
			continue;
		describe_character(character, sizeof character, c);
		return fail(reason, reason_size, "contains %s", character);
	}
	if (text[0] == '-')
		return fail(reason, reason_size, "starts with '-'");
	if (text[length - 1] == '-')
		return fail(reason, reason_size, "ends with '-'");
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_dns_label(const char *text, char *reason, size_t reason_size)
{
	return check_label(text, strlen(text), false, reason, reason_size);
}

/* Check a host name of the given length, with or without upper-case letters. */
static bool check_host(const char *text, size_t length, bool allow_upper,
		       char *reason, size_t reason_size)
{
	const char *scheme = strstr(text, "://");
	char label_reason[128];
	size_t labels = 0;

	if (length == 0)
		return fail(reason, reason_size, "is empty");
	if (scheme != NULL && (size_t)(scheme - text) < length)
		return fail(reason, reason_size, "includes the scheme '%.*s'",
			    (int)(scheme - text + 3), text);
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '/')
			return fail(reason, reason_size, "includes the path '%.*s'",
				    QUOTE_MAX, text + i);
		if (text[i] == ':')
			return fail(reason, reason_size, "includes the port '%.*s'",
				    QUOTE_MAX, text + i);
	}
	if (text[length - 1] == '.')
		return fail(reason, reason_size, "ends with '.'");
	if (length > VALIDATE_HOST_NAME_MAX)
		return fail(reason, reason_size, "is %zu characters long, over the maximum of %d",
			    length, VALIDATE_HOST_NAME_MAX);

	for (size_t start = 0; start <= length; labels++) {
		const char *dot = memchr(text + start, '.', length - start);
		size_t end = dot != NULL ? (size_t)(dot - text) : length;

		if (end == start)
			return fail(reason, reason_size, "contains an empty label ('..' or a leading '.')");
		if (!check_label(text + start, end - start, allow_upper,
				 label_reason, sizeof label_reason))
			return fail(reason, reason_size, "has the label '%.*s', which %s",
				    (int)(end - start < QUOTE_MAX ? end - start : QUOTE_MAX),
				    text + start, label_reason);
		start = end + 1;
	}
	if (labels < 2)
		return fail(reason, reason_size,
			    "is a single label, but a host name needs at least two, as in 'hub.example.org'");
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_host_name(const char *text, char *reason, size_t reason_size)
{
	const char *last_label = strrchr(text, '.');

	if (!check_host(text, strlen(text), false, reason, reason_size))
		return false;
	/* No top-level domain is all digits, so this is an IP address, which
	 * cannot get the TLS certificate that the ingress requests. */
	last_label = last_label ? last_label + 1 : text;
	if (strspn(last_label, "0123456789") == strlen(last_label))
		return fail(reason, reason_size, "is an IP address, not a host name");
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_quantity(const char *text, char *reason, size_t reason_size)
{
	static const char *const suffixes[] = {
		"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "m", "k", "M", "G", "T", "P", "E",
	};
	const char *p = text;
	size_t digits = 0;

	if (*p == '\0')
		return fail(reason, reason_size, "is empty");
	if (*p == '+' || *p == '-')
		p++;
	for (; is_digit(*p); p++)
		digits++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			digits++;
	if (digits == 0)
		return fail(reason, reason_size, "does not start with a number");

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (strcmp(p, suffixes[i]) == 0)
			return true;

	/* "1E" is exa, but "1E3" is an exponent: the grammar reads e/E
	 * followed by a signed integer as an exponent. */
	if (*p == 'e' || *p == 'E') {
		const char *exponent = p + 1;

		if (*exponent == '+' || *exponent == '-')
			exponent++;
		if (is_digit(*exponent)) {
			while (is_digit(*exponent))
				exponent++;
			if (*exponent == '\0')
				return true;
		}
	}
	return fail(reason, reason_size, "has the unknown suffix '%.*s'", QUOTE_MAX, p);
}

/* Exported function, documented in include/validate.h */
bool validate_label_value(const char *text, char *reason, size_t reason_size)
{
	size_t length = strlen(text);
	char character[48];

	if (length == 0)
		return true;
	if (length > VALIDATE_LABEL_MAX)
		return fail(reason, reason_size, "is %zu characters long, over the maximum of %d",
			    length, VALIDATE_LABEL_MAX);
	for (size_t i = 0; i < length; i++) {
		char c = text[i];

		if (is_alnum(c) || c == '-' || c == '_' || c == '.')
			continue;
		describe_character(character, sizeof character, c);
		return fail(reason, reason_size, "contains %s", character);
	}
	if (!is_alnum(text[0]))
		return fail(reason, reason_size, "starts with '%c', not a letter or digit", text[0]);
	if (!is_alnum(text[length - 1]))
		return fail(reason, reason_size, "ends with '%c', not a letter or digit",
			    text[length - 1]);
	return true;
}

/* Check the ":PORT" at text (text points at the ':') up to length bytes. */
static bool check_port(const char *text, size_t length, char *reason, size_t reason_size)
{
	unsigned long port = 0;

	if (length < 2 || length > 6)
		return fail(reason, reason_size, "has the invalid port '%.*s'", (int)length, text);
	for (size_t i = 1; i < length; i++) {
		if (!is_digit(text[i]))
			return fail(reason, reason_size, "has the invalid port '%.*s'",
				    (int)length, text);
		port = port * 10 + (unsigned long)(text[i] - '0');
	}
	if (port == 0 || port > 65535)
		return fail(reason, reason_size,
			    "has the port %lu, outside the range 1 to 65535", port);
	return true;
}

/* Check "HOST[:PORT]" of the given length, the authority part of a URL. */
static bool check_authority(const char *text, size_t length, bool allow_upper,
			    char *reason, size_t reason_size)
{
	const char *colon = memchr(text, ':', length);
	size_t host_length = colon != NULL ? (size_t)(colon - text) : length;
	char host_reason[256];

	if (memchr(text, '@', length) != NULL)
		return fail(reason, reason_size, "contains a user name before '@'");
	if (!check_host(text, host_length, allow_upper, host_reason, sizeof host_reason))
		return fail(reason, reason_size, "has the host '%.*s', which %s",
			    (int)(host_length < QUOTE_MAX ? host_length : QUOTE_MAX), text,
			    host_reason);
	if (colon != NULL)
		return check_port(colon, length - host_length, reason, reason_size);
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_cors_origin(const char *text, char *reason, size_t reason_size)
{
	static const char https[] = "https://";
	const char *authority;
	size_t length;

	if (strcmp(text, "*") == 0)
		return true;
	if (*text == '\0')
		return fail(reason, reason_size, "is empty");
	if (strncmp(text, "http://", 7) == 0)
		return fail(reason, reason_size, "starts with 'http://', but only https:// origins are accepted");
	if (strncmp(text, https, sizeof https - 1) != 0)
		return fail(reason, reason_size, "is neither '*' nor an origin starting with 'https://'");

	authority = text + sizeof https - 1;
	length = strcspn(authority, "/?#");
	if (authority[length] != '\0')
		return fail(reason, reason_size,
			    "has the path '%.*s', but an origin ends after the host or port",
			    QUOTE_MAX, authority + length);
	return check_authority(authority, length, false, reason, reason_size);
}

/* Exported function, documented in include/validate.h */
bool validate_http_url(const char *text, char *reason, size_t reason_size)
{
	const char *scheme_end = strstr(text, "://");
	const char *authority;
	size_t length;
	char character[48];

	if (*text == '\0')
		return fail(reason, reason_size, "is empty");
	if (strncmp(text, "https://", 8) == 0)
		authority = text + 8;
	else if (strncmp(text, "http://", 7) == 0)
		authority = text + 7;
	else if (scheme_end != NULL)
		return fail(reason, reason_size,
			    "uses the scheme '%.*s', but only http:// and https:// are accepted",
			    (int)(scheme_end - text < QUOTE_MAX ? scheme_end - text : QUOTE_MAX), text);
	else
		return fail(reason, reason_size, "does not start with 'http://' or 'https://'");

	length = strcspn(authority, "/?#");
	if (!check_authority(authority, length, true, reason, reason_size))
		return false;
	for (const char *p = authority + length; *p != '\0'; p++) {
		unsigned char byte = (unsigned char)*p;

		if (byte > 0x20 && byte != 0x7f)
			continue;
		describe_character(character, sizeof character, *p);
		return fail(reason, reason_size, "contains %s; write it percent-encoded", character);
	}
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_gcp_project_id(const char *text, char *reason, size_t reason_size)
{
	size_t length = strlen(text);
	char character[48];

	if (length == 0)
		return fail(reason, reason_size, "is empty");
	if (length < 6 || length > 30)
		return fail(reason, reason_size, "is %zu characters long, outside the range 6 to 30",
			    length);
	for (size_t i = 0; i < length; i++) {
		char c = text[i];

		if (is_lower(c) || is_digit(c) || c == '-')
			continue;
		describe_character(character, sizeof character, c);
		return fail(reason, reason_size, "contains %s", character);
	}
	if (!is_lower(text[0]))
		return fail(reason, reason_size, "starts with '%c', not a lower-case letter", text[0]);
	if (text[length - 1] == '-')
		return fail(reason, reason_size, "ends with '-'");
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_image_prefix(const char *text, char *reason, size_t reason_size)
{
	const char *scheme = strstr(text, "://");
	const char *slash;
	const char *path;
	char character[48];

	if (*text == '\0')
		return fail(reason, reason_size, "is empty");
	if (scheme != NULL)
		return fail(reason, reason_size, "includes the scheme '%.*s'",
			    (int)(scheme - text + 3 < QUOTE_MAX ? scheme - text + 3 : QUOTE_MAX), text);
	slash = strchr(text, '/');
	if (slash == NULL)
		return fail(reason, reason_size,
			    "has no '/' between the registry host and the repository path");
	if (!check_authority(text, (size_t)(slash - text), false, reason, reason_size))
		return false;

	path = slash + 1;
	if (*path == '\0')
		return fail(reason, reason_size, "has no repository path after the registry host");
	for (const char *p = path; *p != '\0'; p++) {
		char c = *p;

		if (c == '/' && (p == path || p[-1] == '/'))
			return fail(reason, reason_size, "contains an empty path segment ('//')");
		if (is_lower(c) || is_digit(c) || c == '.' || c == '_' || c == '-' || c == '/')
			continue;
		describe_character(character, sizeof character, c);
		return fail(reason, reason_size, "contains %s", character);
	}
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_python_regex_syntax(const char *pattern, char *reason, size_t reason_size)
{
	/* The escapes of Python 3.11's sre_parse; any other backslash-letter
	 * is its "bad escape" error, though PCRE2 gives many a meaning. */
	static const char python_escapes[] = "abBdDfnrsStvwWxuUNAZ";

	for (size_t i = 0; pattern[i]; i++) {
		if (pattern[i] == '\\') {
			char next = pattern[i + 1];

			if (((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')) &&
			    !strchr(python_escapes, next))
				return fail(reason, reason_size,
					    "uses '\\%c', which Python's re module rejects as a bad "
					    "escape",
					    next);
			if (next)
				i++;
			continue;
		}
		if (pattern[i] != '(' || pattern[i + 1] != '?')
			continue;

		const char *group = pattern + i + 2;

		if (group[0] == '<' && group[1] != '=' && group[1] != '!')
			return fail(reason, reason_size,
				    "uses '(?<name>', which Python's re module writes '(?P<name>'");
		if (group[0] == '|' || group[0] == '&' || group[0] == 'R' ||
		    (group[0] >= '0' && group[0] <= '9') || group[0] == '+' ||
		    (group[0] == 'P' && group[1] == '>'))
			return fail(reason, reason_size,
				    "uses the PCRE group '(?%c', which Python's re module does not "
				    "support",
				    group[0]);
		/* Since Python 3.11, flags for the whole pattern must start it. */
		if (i > 0 && strspn(group, "aiLmsux") > 0 && group[strspn(group, "aiLmsux")] == ')')
			return fail(reason, reason_size,
				    "sets flags with '(?%.*s)' after the start, which Python's re "
				    "module rejects; move them to the start or write '(?%.*s:...)'",
				    (int)strspn(group, "aiLmsux"), group, (int)strspn(group, "aiLmsux"),
				    group);
	}
	return true;
}

/* Exported function, documented in include/validate.h */
bool validate_regex(const char *pattern, char *reason, size_t reason_size)
{
	int error_code = 0;
	PCRE2_SIZE error_offset = 0;
	PCRE2_UCHAR message[256];
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
			     &error_code, &error_offset, NULL);
	if (code != NULL) {
		pcre2_code_free(code);
		return validate_python_regex_syntax(pattern, reason, reason_size);
	}
	if (pcre2_get_error_message(error_code, message, sizeof message) < 0)
		snprintf((char *)message, sizeof message, "error %d", error_code);
	return fail(reason, reason_size,
		    "does not compile as a regular expression, because PCRE2 reports '%s' at offset %zu",
		    (const char *)message, (size_t)error_offset);
}

/* Exported function, documented in include/validate.h */
bool validate_text(const char *text, char *reason, size_t reason_size)
{
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		if ((*c < 0x20 && *c != '\t' && *c != '\n') || *c == 0x7f)
			return fail(reason, reason_size, "contains the control character 0x%02x", *c);
	return true;
}
