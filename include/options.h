/*
 * Command-line options of binderhub-gen, declared once in a table.
 *
 * The table (src/options_table.c) lists every option with its names,
 * argument, help text and the subcommands that accept it.  The generic parser
 * (src/options.c), the --help printer, the man page and the bash completion
 * script (src/options_help.c, options_man.c, options_completion.c) all read
 * that one table, so they cannot disagree.
 *
 * Parsing follows GNU conventions: "--name=value" and "--name value",
 * short options "-o FILE", "-oFILE" and bundles such as "-hV", "--" ends the
 * options.  Long options must be written in full: an abbreviation is an
 * unknown option, so that adding an option later never changes what an
 * existing command line means.
 */
#ifndef BHG_OPTIONS_H
#define BHG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ------------------------------------------------------------------------
 * Parsed options of `binderhub-gen values` and `binderhub-gen secrets`
 * ------------------------------------------------------------------------ */

enum auth_mode {
	AUTH_NONE,    /**< NullAuthenticator: anyone can launch, random user names. */
	AUTH_GITHUB,  /**< GitHubOAuthenticator. */
	AUTH_CILOGON, /**< CILogonOAuthenticator. */
};

enum provider {
	PROVIDER_UNSET,
	PROVIDER_GCP,
	PROVIDER_AWS,
	PROVIDER_AZURE,
};

enum registry_kind {
	REGISTRY_UNSET,
	REGISTRY_GAR,  /**< Google Artifact Registry, <region>-docker.pkg.dev. */
	REGISTRY_QUAY, /**< quay.io, the organisation shared by 2i2c's non-GCP hubs. */
};

/**
 * Subcommand that options are parsed for.  The values double as bit
 * positions in option_spec.commands (see OPTION_COMMAND), so a later
 * subcommand adds its value here and its bit to the options it accepts.
 */
enum gen_command {
	GEN_VALUES,
	GEN_SECRETS,
	GEN__COUNT,
};

/** A growable list of owned, NUL-terminated strings. */
struct string_list {
	char **items;
	size_t count;
};

/** One --set or --set-string argument, kept as given ("PATH=VALUE"). */
struct set_argument {
	bool force_string; /**< true for --set-string: VALUE stays a string, as helm does. */
	char *text;        /**< Owned; has a non-empty PATH before the first '='. */
};

/** Every --set and --set-string in command-line order, which is the order helm applies them in. */
struct set_arguments {
	struct set_argument *items;
	size_t count;
};

/**
 * The options of one `values` or `secrets` run after parsing and defaults.
 *
 * On OPTIONS_OK every field that has a default is filled in, so the caller
 * can use the strings directly.  Options that the subcommand does not take
 * stay NULL (or empty).  All strings are owned and freed by
 * gen_options_release().
 */
struct gen_options {
	enum gen_command command;

	/* Hub */
	char *cluster;        /**< DNS label; required. */
	char *hub;            /**< DNS label; default "binder". */
	char *namespace_name; /**< values: DNS label; default the hub name. */
	char *binderhub_domain;  /**< values: default "<hub>.<cluster>.<domain_suffix>". */
	char *jupyterhub_domain; /**< values: default "hub.<binderhub_domain>". */
	char *domain_suffix;     /**< values: default "2i2c.cloud". */
	bool launch_logs;     /**< Send launch events to 2i2c; default true, false with --no-launch-logs. */
	bool public_hub_api;  /**< values: JUPYTERHUB_API_URL is the public URL, not the in-cluster one. */

	/* Provider and placement */
	enum provider provider;     /**< Required. */
	char *instance_type;        /**< values: default per provider; required on Azure. */
	char *docker_storage_limit; /**< values: Kubernetes quantity; default "15Gi". */

	/* Registry */
	enum registry_kind registry; /**< Default gar on GCP, quay elsewhere, or from the image prefix's host. */
	char *gcp_project;           /**< Required for values when the registry is gar and image_prefix is not given. */
	char *gcp_region;            /**< Default "us-central1". */
	char *registry_repository;   /**< Default "<hub>-registry". */
	char *image_prefix;          /**< Default per registry; NULL only for secrets on gar without --gcp-project. */
	char *registry_url;          /**< Default "https://<host of image_prefix>" or per registry. */
	char *registry_username;     /**< Default "_json_key" (gar) or the quay robot account. */

	/* Authentication and homepage (values) */
	enum auth_mode auth;               /**< Default AUTH_NONE. */
	struct string_list allowed_specs;  /**< Regular expressions, each compiled by PCRE2. */
	char *cors_origin;                 /**< "*" or "https://host[:port]", or NULL. */
	char *banner, *about;
	char *org_name, *org_logo_url, *org_url, *funded_by_name, *funded_by_url;

	/* Output */
	char *output;                /**< -o FILE; NULL or "-" means stdout. */
	bool force;                  /**< Replace an existing output file. */
	bool allow_findings;         /**< Write the file even when checking it finds errors. */
	bool comments;               /**< values: write explanatory comments; false with --no-comments. */
	struct set_arguments sets;   /**< values: --set and --set-string in order. */
	struct string_list prompted; /**< "--name=answer" for each option answered at a prompt,
	                                  so the output can record the whole command. */

	/* Secret input (secrets) */
	char *registry_password_file; /**< "-" is stdin; NULL means BINDERHUB_GEN_REGISTRY_PASSWORD. */
	char *launch_logs_key_file;   /**< "-" is stdin; NULL means BINDERHUB_GEN_LAUNCH_LOGS_KEY. */
};

enum options_result {
	OPTIONS_OK,    /**< Options parsed; run the command. */
	OPTIONS_DONE,  /**< Help or version printed; exit with status 0. */
	OPTIONS_USAGE, /**< One error message printed; exit with status 2. */
};

/** Streams and mode for options_parse_gen_with(), so tests can script the prompts. */
struct options_streams {
	FILE *out;        /**< --help and --version output. */
	FILE *err;        /**< Error messages and prompts. */
	FILE *in;         /**< Answers to prompts. */
	bool interactive; /**< Prompt for missing required options instead of failing. */
};

/**
 * Parse the options of `binderhub-gen values` or `binderhub-gen secrets`.
 *
 * argv[0] is the subcommand name and is skipped.  Help and version go to
 * out_stream, errors to err_stream.  When required options are missing and
 * both stdin and stderr are terminals, prompts for each on err_stream and
 * reads the replies from stdin.  Otherwise prints one message that lists
 * every missing option.
 *
 * \param[out] out  Zeroed first; contains owned values only on OPTIONS_OK.
 *                  gen_options_release() is safe to call in every case.
 * \return OPTIONS_OK, OPTIONS_DONE or OPTIONS_USAGE.
 */
enum options_result options_parse_gen(enum gen_command command, int argc, char **argv,
				      struct gen_options *out, FILE *out_stream, FILE *err_stream);

/**
 * Parse like options_parse_gen(), with the prompt streams and the decision
 * to prompt taken from streams instead of from isatty().
 */
enum options_result options_parse_gen_with(enum gen_command command, int argc, char **argv,
					   struct gen_options *out,
					   const struct options_streams *streams);

/** Free every string of options and zero it. */
void gen_options_release(struct gen_options *options);

/** The subcommand's name as typed on the command line ("values", "secrets"). */
const char *options_command_name(enum gen_command command);

/* ------------------------------------------------------------------------
 * The option table and its generic parser and printers
 * ------------------------------------------------------------------------ */

/** Bit of a subcommand in option_spec.commands. */
#define OPTION_COMMAND(command) (1u << (command))

/** Identifies an option in the table; handlers switch on it. */
enum option_id {
	OPTION_CLUSTER,
	OPTION_HUB,
	OPTION_NAMESPACE,
	OPTION_BINDERHUB_DOMAIN,
	OPTION_JUPYTERHUB_DOMAIN,
	OPTION_DOMAIN_SUFFIX,
	OPTION_NO_LAUNCH_LOGS,
	OPTION_PUBLIC_HUB_API,
	OPTION_GCP,
	OPTION_AWS,
	OPTION_AZURE,
	OPTION_PROVIDER,
	OPTION_INSTANCE_TYPE,
	OPTION_DOCKER_STORAGE_LIMIT,
	OPTION_REGISTRY,
	OPTION_GCP_PROJECT,
	OPTION_GCP_REGION,
	OPTION_REGISTRY_REPOSITORY,
	OPTION_IMAGE_PREFIX,
	OPTION_REGISTRY_URL,
	OPTION_REGISTRY_USERNAME,
	OPTION_AUTH,
	OPTION_NO_AUTH,
	OPTION_ALLOWED_SPEC,
	OPTION_CORS,
	OPTION_BANNER,
	OPTION_ABOUT,
	OPTION_ORG_NAME,
	OPTION_ORG_LOGO_URL,
	OPTION_ORG_URL,
	OPTION_FUNDED_BY_NAME,
	OPTION_FUNDED_BY_URL,
	OPTION_REGISTRY_PASSWORD_FILE,
	OPTION_LAUNCH_LOGS_KEY_FILE,
	OPTION_OUTPUT,
	OPTION_FORCE,
	OPTION_ALLOW_FINDINGS,
	OPTION_NO_COMMENTS,
	OPTION_SET,
	OPTION_SET_STRING,
	OPTION_HELP,
	OPTION_VERSION,
	OPTION_REGISTRY_PASSWORD, /**< Rejected: a secret on the command line. */
	OPTION_PASSWORD,          /**< Rejected: a secret on the command line. */
	OPTION_LAUNCH_LOGS_KEY,   /**< Rejected: a secret on the command line. */
	OPTION__COUNT,
};

enum option_argument {
	OPTION_ARGUMENT_NONE,
	OPTION_ARGUMENT_REQUIRED,
	/**
	 * "--name=value", or "--name" alone for option_spec.implied_value.  The
	 * next word is taken as the value only when it is one of the choices,
	 * so "--auth cilogon" works as users expect while "--auth" before an
	 * operand stays unambiguous.
	 */
	OPTION_ARGUMENT_OPTIONAL,
};

/** Sections of --help and of the man page's OPTIONS, in printing order. */
enum option_group {
	OPTION_GROUP_HUB,
	OPTION_GROUP_PROVIDER,
	OPTION_GROUP_REGISTRY,
	OPTION_GROUP_AUTH,
	OPTION_GROUP_SECRETS,
	OPTION_GROUP_OUTPUT,
	OPTION_GROUP_GENERAL,
	OPTION_GROUP__COUNT,
};

/** One command-line option. */
struct option_spec {
	enum option_id id;
	char short_name;               /**< 'o' for -o, or 0. */
	const char *long_name;         /**< Without the leading "--". */
	enum option_argument argument;
	const char *argument_name;     /**< "NAME", "FILE", ...; NULL without an argument. */
	const char *const *choices;    /**< NULL-ended accepted values, or NULL for free text. */
	const char *implied_value;     /**< Value of an optional argument when none is given. */
	bool file_argument;            /**< The argument is a path: complete file names. */
	bool repeatable;               /**< Every occurrence adds a value (--set, --allowed-spec). */
	unsigned commands;             /**< OPTION_COMMAND() bits of the subcommands that accept it. */
	enum option_group group;
	const char *help;              /**< What it sets, its format and default; NULL hides the option. */
	const char *rejection;         /**< Non-NULL: always rejected with this text; never in help. */
};

/** One subcommand that the table serves. */
struct command_spec {
	enum gen_command command;
	const char *name;        /**< "values" */
	const char *synopsis;    /**< Arguments after the name, for the usage line. */
	const char *summary;     /**< One line, lower-case start, for the man page. */
	const char *description; /**< One paragraph for --help. */
};

/** A term and its explanation, for ENVIRONMENT, EXIT STATUS and EXAMPLES. */
struct doc_entry {
	const char *term;
	const char *text;
};

/** Everything the printers need to describe the program. */
struct program_spec {
	const char *name;        /**< "binderhub-gen" */
	const char *version;
	const char *summary;     /**< For the man page's NAME line. */
	const char *description; /**< For the man page's DESCRIPTION. */
	const struct command_spec *commands;
	size_t command_count;
	const struct option_spec *options;
	size_t option_count;
	const char *const *group_titles; /**< OPTION_GROUP__COUNT titles. */
	const struct doc_entry *environment;
	size_t environment_count;
	const struct doc_entry *exit_statuses; /**< term is the number. */
	size_t exit_status_count;
	const struct doc_entry *examples;      /**< term is the command line, text explains it. */
	size_t example_count;
};

/** binderhub-gen's own description, defined with the option table. */
extern const struct program_spec options_program;

/**
 * Called by options_parse() for each option or operand in command-line order.
 *
 * \param spec   The option, or NULL for an operand.
 * \param given  The option as written ("--cluster", "-o"), or NULL for an operand.
 * \param value  The option's argument (implied_value when an optional one is
 *               left out), NULL for an option without one, or the operand.
 * \return OPTIONS_OK to continue; OPTIONS_DONE or OPTIONS_USAGE to stop
 *         parsing, after printing the help or the one error message.
 */
typedef enum options_result (*option_handler)(void *context, const struct option_spec *spec,
					      const char *given, const char *value);

/**
 * Walk argv[1..argc-1] for one subcommand of program and call handler for
 * each option and operand.  Parsing stops at the first usage error, after
 * printing one message on err.  The errors are: an unknown option (with the
 * nearest name within edit distance 2 as a suggestion), an option of another
 * subcommand, a rejected option, a missing, empty or unexpected argument, a
 * value outside choices, and a non-repeatable option given twice with
 * different values.
 */
enum options_result options_parse(const struct program_spec *program, enum gen_command command,
				  int argc, char **argv, option_handler handler, void *context,
				  FILE *err);

/** Print "binderhub-gen: error: " and the formatted message and a newline to err. */
void options_print_error(FILE *err, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/** Size of a buffer that options_quote() can always fill completely. */
#define OPTIONS_QUOTE_SIZE 512

/**
 * Copy text into buffer for quoting inside a message: a control character
 * becomes \n, \t or \xNN, and text longer than 100 bytes is cut and ends
 * in "...", so that the message stays on one line of readable length.
 * Returns buffer.
 */
const char *options_quote(const char *text, char *buffer, size_t size);

/**
 * Print a usage line, a description, the options of command grouped by
 * topic, and the exit statuses.
 */
void options_print_help(enum gen_command command, FILE *out);

/** Print program's --help text for command; options_print_help() uses options_program. */
void options_print_help_for(const struct program_spec *program, enum gen_command command,
			    FILE *out);

/** Print the roff man page binderhub-gen(1) covering every subcommand. */
void options_print_man(FILE *out);

/** Print program's man page; options_print_man() uses options_program. */
void options_print_man_for(const struct program_spec *program, FILE *out);

/**
 * Print one man page for count tables of one program, such as the generator's
 * table and the one of `check`, whose command numbers must all differ.  The
 * title, NAME, DESCRIPTION and version come from programs[0].  SYNOPSIS,
 * COMMANDS and EXAMPLES list those of every table.  OPTIONS lists each
 * table's options under its group titles, an option that an earlier table
 * documents in the same words only once, and ends each entry with the
 * commands that accept it unless all do.  With several tables, ENVIRONMENT
 * and EXIT STATUS give each table's entries under the names of its
 * commands.  For one table the page equals options_print_man_for()'s.
 */
void options_print_man_programs(const struct program_spec *const *programs, size_t count,
				FILE *out);

/**
 * Print a bash completion script: subcommands, each subcommand's options,
 * the values of options with choices, and file names for FILE arguments.
 * The script defines and registers the function _binderhub_gen; it needs
 * bash 4 or later and works with or without the bash-completion package.
 */
void options_print_completion_bash(FILE *out);

/** Print program's completion script; options_print_completion_bash() uses options_program. */
void options_print_completion_bash_for(const struct program_spec *program, FILE *out);

/**
 * Print one completion script for count tables of one program, whose
 * command numbers must all differ: it completes the commands of every
 * table, and each command's options and option values from its own table.
 * For one table the script equals options_print_completion_bash_for()'s.
 */
void options_print_completion_bash_programs(const struct program_spec *const *programs,
					    size_t count, FILE *out);

/**
 * Find the option of program nearest to name (length bytes, without leading
 * dashes and "=value") among those that command accepts and help shows.
 * That is the only option that name is a prefix of, else the one at the
 * smallest edit distance if that is at most 2; an adjacent swap counts as one
 * edit and a tie goes to the first in table order.  Returns NULL when no
 * option is near.
 */
const struct option_spec *options_suggest(const struct program_spec *program,
					  enum gen_command command, const char *name, size_t length);

#endif
