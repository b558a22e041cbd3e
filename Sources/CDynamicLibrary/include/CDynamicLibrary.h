#ifndef CDYNAMICLIBRARY_H
#define CDYNAMICLIBRARY_H
#include <stddef.h>

/* Opening a shared library only when a run needs it (libcurl at the first request, libedit when
   the REPL starts on a terminal), so that runs that do not never pay for loading it. */

/* A symbol to look up, and where its address goes. */
struct halo_symbol {
  const char *name;
  void **address;
};

/* Opens the file the environment variable `variable` names when it is set (and only that), else
   the first of `names` that opens, and looks up each of `symbols`. Returns the library, or NULL
   with why in `failure` (the loader's message, or "the <what> found has no <symbol>"). */
void *halo_load_library(const char *variable, const char *const *names, size_t name_count,
                        const char *what, const struct halo_symbol *symbols, size_t symbol_count,
                        char *failure, size_t failure_size);
#endif
