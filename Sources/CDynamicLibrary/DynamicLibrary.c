#include "CDynamicLibrary.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

void *halo_open_library(const char *variable, const char *const *names, size_t count) {
  const char *chosen = getenv(variable);
  if (chosen != NULL && chosen[0] != '\0') return dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
  for (size_t i = 0; i < count; i++) {
    void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library != NULL) return library;
  }
  return NULL;
}

void halo_open_failure(const char *fallback, char *failure, size_t size) {
  const char *why = dlerror();
  snprintf(failure, size, "%s", why != NULL ? why : fallback);
}

int halo_bind_symbol(void *library, const char *symbol, void **slot, const char *what, char *failure,
                     size_t size) {
  *slot = dlsym(library, symbol);
  if (*slot != NULL) return 0;
  snprintf(failure, size, "the %s found has no %s", what, symbol);
  return -1;
}
