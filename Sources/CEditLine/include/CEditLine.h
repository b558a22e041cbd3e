#ifndef CEDITLINE_H
#define CEDITLINE_H
#include <stdio.h>

/* libedit (BSD licence) is opened with dlopen when the REPL starts on a terminal, not linked:
   linking it made the dynamic loader map and relocate it and its dependencies (libtinfo, libbsd,
   libmd) at every start, 0.3 ms of each `halo -e` or runbook run that never edits a line. Only its
   readline-compatible API is used, declared here, so building needs no libedit headers. */

/* Opens libedit (HALO_LIBEDIT names the file, else the system's), once per process. NULL when it is
   ready, else why it is not. */
const char *cedit_load(void);

/* char **(*)(const char *text, int start, int end): the completion hook. */
typedef char **cedit_completion_fn(const char *text, int start, int end);
/* char *(*)(const char *text, int state): called with state 0, 1, 2, ... until NULL. */
typedef char *cedit_generator_fn(const char *text, int state);
typedef int cedit_getc_fn(FILE *stream);

char *cedit_readline(const char *prompt);
int cedit_add_history(const char *line);
void cedit_using_history(void);
void cedit_stifle_history(int max);
char **cedit_completion_matches(const char *text, cedit_generator_fn *generator);
void cedit_forced_update_display(void);
void cedit_resize_terminal(void);

/* libedit's globals, one function each (Swift 6 rejects any touch of an imported mutable C global). */
void cedit_set_readline_name(const char *name);
void cedit_set_attempted_completion(cedit_completion_fn *fn);
void cedit_completion_over(void);
const char *cedit_line_buffer(void);
int cedit_point(void);
void cedit_set_word_breaks(const char *chars);
void cedit_set_append_character(int c);
/* Reading keys ourselves lets Ctrl-C end readline() cleanly; set both before the first readline(). */
void cedit_set_getc(cedit_getc_fn *fn);
void cedit_set_catch_signals(int on);
#endif
