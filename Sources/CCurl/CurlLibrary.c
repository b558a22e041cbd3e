#include "CCurl.h"
#include <CDynamicLibrary.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

/* OpenSSL's OPENSSL_INIT_NO_ATEXIT (openssl/crypto.h, 1.1.1b and later), here so that building
   needs no OpenSSL headers. */
#define HALO_OPENSSL_INIT_NO_ATEXIT 0x00080000L

/* libcurl's functions as found by dlsym; filled once, under pthread_once, then only read. */
static struct {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *curl);
  CURLcode (*easy_perform)(CURL *curl);
  const char *(*easy_strerror)(CURLcode code);
  CURLcode (*easy_setopt)(CURL *curl, CURLoption option, ...);
  CURLcode (*easy_getinfo)(CURL *curl, CURLINFO info, ...);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
  void (*slist_free_all)(struct curl_slist *list);
} curl;

static pthread_once_t loaded = PTHREAD_ONCE_INIT;
static char load_failure[512];

static void load(void) {
#ifdef __APPLE__
  static const char *const names[] = {"libcurl.4.dylib", "/usr/lib/libcurl.4.dylib"};
#else
  /* Debian's OpenSSL build first; the GnuTLS build has the same interface. */
  static const char *const names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
#endif
  const struct halo_symbol symbols[] = {
      {"curl_global_init", (void **)&curl.global_init},
      {"curl_easy_init", (void **)&curl.easy_init},
      {"curl_easy_cleanup", (void **)&curl.easy_cleanup},
      {"curl_easy_perform", (void **)&curl.easy_perform},
      {"curl_easy_strerror", (void **)&curl.easy_strerror},
      {"curl_easy_setopt", (void **)&curl.easy_setopt},
      {"curl_easy_getinfo", (void **)&curl.easy_getinfo},
      {"curl_slist_append", (void **)&curl.slist_append},
      {"curl_slist_free_all", (void **)&curl.slist_free_all},
  };
  void *library = halo_load_library("HALO_LIBCURL", names, sizeof names / sizeof names[0], "libcurl", symbols,
                                    sizeof symbols / sizeof symbols[0], load_failure, sizeof load_failure);
  if (library == NULL) return;
  /* OpenSSL (when libcurl uses it) would free its global state in an atexit handler while threads
     that sent requests (fan-out helpers, page fetchers) may still be ending and running its
     per-thread destructors: a crash at exit after the run's work was done. The process's memory
     goes at exit anyway, so the handler is never registered. */
  int (*init_crypto)(uint64_t options, const void *settings);
  *(void **)&init_crypto = dlsym(library, "OPENSSL_init_crypto");
  if (init_crypto != NULL) init_crypto(HALO_OPENSSL_INIT_NO_ATEXIT, NULL);
  /* curl_global_init is not thread-safe in older libcurl: here it runs once, under pthread_once. */
  CURLcode code = curl.global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK)
    snprintf(load_failure, sizeof load_failure, "curl_global_init failed: %s", curl.easy_strerror(code));
}

const char *halo_curl_load(void) {
  pthread_once(&loaded, load);
  return load_failure[0] != '\0' ? load_failure : NULL;
}

CURL *halo_curl_easy_init(void) { return curl.easy_init(); }
void halo_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
CURLcode halo_curl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
const char *halo_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *halo_curl_slist_append(struct curl_slist *list, const char *text) {
  return curl.slist_append(list, text);
}
void halo_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }

CURLcode halo_curl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl.easy_setopt(handle, option, value);
}
CURLcode halo_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
  return curl.easy_setopt(handle, option, value);
}
CURLcode halo_curl_setopt_ptr(CURL *handle, CURLoption option, void *value) {
  return curl.easy_setopt(handle, option, value);
}
CURLcode halo_curl_setopt_str(CURL *handle, CURLoption option, const char *value) {
  return curl.easy_setopt(handle, option, value);
}
CURLcode halo_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl.easy_setopt(handle, option, value);
}
CURLcode halo_curl_setopt_data_fn(CURL *handle, CURLoption option, halo_curl_data_fn fn) {
  return curl.easy_setopt(handle, option, fn);
}
CURLcode halo_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl.easy_getinfo(handle, info, value);
}
