#include "CDynamicLibrary.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void *open_library(const char *variable, const char *const *names, size_t count) {
  const char *chosen = getenv(variable);
  if (chosen != NULL && chosen[0] != '\0') return dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
  for (size_t i = 0; i < count; i++) {
    void *library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (library != NULL) return library;
  }
  return NULL;
}

void *halo_load_library(const char *variable, const char *const *names, size_t name_count,
                        const char *what, const struct halo_symbol *symbols, size_t symbol_count,
                        char *failure, size_t failure_size) {
  void *library = open_library(variable, names, name_count);
  if (library == NULL) {
    const char *why = dlerror();
    if (why != NULL) snprintf(failure, failure_size, "%s", why);
    else snprintf(failure, failure_size, "%s not found", names[0]);
    return NULL;
  }
  for (size_t i = 0; i < symbol_count; i++) {
    *symbols[i].address = dlsym(library, symbols[i].name);
    if (*symbols[i].address == NULL) {
      snprintf(failure, failure_size, "the %s found has no %s", what, symbols[i].name);
      return NULL;
    }
  }
  return library;
}
