#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
   wrapper per argument kind. */
static inline CURLcode halo_curl_setopt_long(CURL *curl, CURLoption option, long value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode halo_curl_setopt_off(CURL *curl, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode halo_curl_setopt_ptr(CURL *curl, CURLoption option, void *value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode halo_curl_setopt_str(CURL *curl, CURLoption option, const char *value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode halo_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(curl, option, value);
}

/* The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*halo_curl_data_fn)(char *data, size_t size, size_t count, void *userdata);
static inline CURLcode halo_curl_setopt_data_fn(CURL *curl, CURLoption option, halo_curl_data_fn fn) {
  return curl_easy_setopt(curl, option, fn);
}

static inline CURLcode halo_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) {
  return curl_easy_getinfo(curl, info, value);
}

/* CURL_GLOBAL_DEFAULT is a macro of macros, which Swift does not import. */
static inline CURLcode halo_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
#endif
