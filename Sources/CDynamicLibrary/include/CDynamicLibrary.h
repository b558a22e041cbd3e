#ifndef CDYNAMICLIBRARY_H
#define CDYNAMICLIBRARY_H
#include <stddef.h>

/* Opening a shared library only when a run needs it (libcurl at the first request, libedit when
   the REPL starts on a terminal), so that runs that do not never pay for loading it. */

/* The first library that opens: the file the environment variable `variable` names when it is set
   (and only that), else each of `names` in turn. NULL when none does; `halo_open_failure` says why. */
void *halo_open_library(const char *variable, const char *const *names, size_t count);

/* Why `halo_open_library` returned NULL, written into `failure`. */
void halo_open_failure(const char *fallback, char *failure, size_t size);

/* Looks `symbol` up in `library` and stores it in `*slot`: 0 when found, else -1 with why in
   `failure` ("the <what> found has no <symbol>"). */
int halo_bind_symbol(void *library, const char *symbol, void **slot, const char *what, char *failure,
                     size_t size);
#endif
