#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>

/* libcurl is opened with dlopen at the first request, not linked: linking it made the dynamic
   loader map and relocate its ~30 dependencies (GSSAPI, LDAP, RTMP, ...) at every start, most of
   a run's start-up, for runs that make no request at all. Swift calls only these functions, so
   libcurl's own symbols are never linked (a call to one would fail to link, which keeps it so). */

/* Opens libcurl (HALO_LIBCURL names the file, else the system's libcurl.so.4) and runs
   curl_global_init, once per process. NULL when it is ready, else why it is not. */
const char *halo_curl_load(void);

CURL *halo_curl_easy_init(void);
void halo_curl_easy_cleanup(CURL *curl);
CURLcode halo_curl_easy_perform(CURL *curl);
const char *halo_curl_easy_strerror(CURLcode code);
struct curl_slist *halo_curl_slist_append(struct curl_slist *list, const char *text);
void halo_curl_slist_free_all(struct curl_slist *list);

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
   wrapper per argument kind. */
CURLcode halo_curl_setopt_long(CURL *curl, CURLoption option, long value);
CURLcode halo_curl_setopt_off(CURL *curl, CURLoption option, curl_off_t value);
CURLcode halo_curl_setopt_ptr(CURL *curl, CURLoption option, void *value);
CURLcode halo_curl_setopt_str(CURL *curl, CURLoption option, const char *value);
CURLcode halo_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value);

/* The signature of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*halo_curl_data_fn)(char *data, size_t size, size_t count, void *userdata);
CURLcode halo_curl_setopt_data_fn(CURL *curl, CURLoption option, halo_curl_data_fn fn);

CURLcode halo_curl_getinfo_long(CURL *curl, CURLINFO info, long *value);
#endif
