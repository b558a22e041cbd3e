#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
/* libedit's readline-compatible header. Not <readline/readline.h>: that may be GNU readline (GPL). */
#include <editline/readline.h>

/* Swift 6 rejects any touch of an imported mutable C global, so each one gets a function. */
static inline void cedit_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void cedit_set_attempted_completion(rl_completion_func_t *fn) {
  rl_attempted_completion_function = fn;
}
static inline void cedit_completion_over(void) { rl_attempted_completion_over = 1; }
static inline const char *cedit_line_buffer(void) { return rl_line_buffer; }
static inline int cedit_point(void) { return rl_point; }
static inline void cedit_set_word_breaks(const char *chars) { rl_basic_word_break_characters = chars; }
static inline void cedit_set_append_character(int c) { rl_completion_append_character = c; }
/* Reading keys ourselves lets Ctrl-C end readline() cleanly; set both before the first readline(). */
static inline void cedit_set_getc(int (*fn)(FILE *)) { rl_getc_function = fn; }
static inline void cedit_set_catch_signals(int on) { rl_catch_signals = on; }
#endif
