#include "CEditLine.h"
#include <CDynamicLibrary.h>
#include <pthread.h>

/* libedit's functions and the addresses of its globals as found by dlsym; filled once, under
   pthread_once, then only read. */
static struct {
  char *(*readline)(const char *prompt);
  int (*add_history)(const char *line);
  void (*using_history)(void);
  void (*stifle_history)(int max);
  char **(*completion_matches)(const char *text, cedit_generator_fn *generator);
  int (*forced_update_display)(void);
  void (*resize_terminal)(void);
  const char **readline_name;
  cedit_completion_fn **attempted_completion_function;
  int *attempted_completion_over;
  char **line_buffer;
  int *point;
  const char **basic_word_break_characters;
  int *completion_append_character;
  cedit_getc_fn **getc_function;
  int *catch_signals;
} edit;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static char load_failure[512];

static void load(void) {
#ifdef __APPLE__
  static const char *const names[] = {"libedit.3.dylib", "/usr/lib/libedit.3.dylib", "libedit.dylib"};
#else
  static const char *const names[] = {"libedit.so.2", "libedit.so"};
#endif
  const struct halo_symbol symbols[] = {
      {"readline", (void **)&edit.readline},
      {"add_history", (void **)&edit.add_history},
      {"using_history", (void **)&edit.using_history},
      {"stifle_history", (void **)&edit.stifle_history},
      {"rl_completion_matches", (void **)&edit.completion_matches},
      {"rl_forced_update_display", (void **)&edit.forced_update_display},
      {"rl_resize_terminal", (void **)&edit.resize_terminal},
      {"rl_readline_name", (void **)&edit.readline_name},
      {"rl_attempted_completion_function", (void **)&edit.attempted_completion_function},
      {"rl_attempted_completion_over", (void **)&edit.attempted_completion_over},
      {"rl_line_buffer", (void **)&edit.line_buffer},
      {"rl_point", (void **)&edit.point},
      {"rl_basic_word_break_characters", (void **)&edit.basic_word_break_characters},
      {"rl_completion_append_character", (void **)&edit.completion_append_character},
      {"rl_getc_function", (void **)&edit.getc_function},
      {"rl_catch_signals", (void **)&edit.catch_signals},
  };
  halo_load_library("HALO_LIBEDIT", names, sizeof names / sizeof names[0], "libedit", symbols,
                    sizeof symbols / sizeof symbols[0], load_failure, sizeof load_failure);
}

const char *cedit_load(void) {
  pthread_once(&loaded, load);
  return load_failure[0] != '\0' ? load_failure : NULL;
}

char *cedit_readline(const char *prompt) { return edit.readline(prompt); }
int cedit_add_history(const char *line) { return edit.add_history(line); }
void cedit_using_history(void) { edit.using_history(); }
void cedit_stifle_history(int max) { edit.stifle_history(max); }
char **cedit_completion_matches(const char *text, cedit_generator_fn *generator) {
  return edit.completion_matches(text, generator);
}
void cedit_forced_update_display(void) { edit.forced_update_display(); }
void cedit_resize_terminal(void) { edit.resize_terminal(); }

void cedit_set_readline_name(const char *name) { *edit.readline_name = name; }
void cedit_set_attempted_completion(cedit_completion_fn *fn) { *edit.attempted_completion_function = fn; }
void cedit_completion_over(void) { *edit.attempted_completion_over = 1; }
const char *cedit_line_buffer(void) { return *edit.line_buffer; }
int cedit_point(void) { return *edit.point; }
void cedit_set_word_breaks(const char *chars) { *edit.basic_word_break_characters = chars; }
void cedit_set_append_character(int c) { *edit.completion_append_character = c; }
void cedit_set_getc(cedit_getc_fn *fn) { *edit.getc_function = fn; }
void cedit_set_catch_signals(int on) { *edit.catch_signals = on; }
