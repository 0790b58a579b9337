/*
 * Subcommands.  Each takes the arguments after "binderhub-gen", argv[0]
 * being the subcommand's name, and returns the process exit status.
 */
#ifndef BHG_COMMANDS_H
#define BHG_COMMANDS_H

/** Exit statuses shared by every subcommand. */
enum exit_status {
	EXIT_OK = 0,       /**< Success. */
	EXIT_FINDINGS = 1, /**< Findings at error level (or warnings with --strict). */
	EXIT_USAGE = 2,    /**< Usage error, unreadable input or YAML that does not parse. */
};

int cmd_values(int argc, char **argv);
int cmd_secrets(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_check(int argc, char **argv);

struct program_spec;

/**
 * The option table and texts of `check` (src/cmd_check.c), which the man
 * page and the completion script print beside the generator's options_program.
 */
extern const struct program_spec cmd_check_program;

/** Print the man page, generated from the option table. */
int cmd_man(int argc, char **argv);

/** Print a shell completion script; "bash" is the only shell. */
int cmd_completion(int argc, char **argv);

#endif
