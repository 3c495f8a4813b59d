#ifndef IDP_CURL_H
#define IDP_CURL_H
// libcurl, loaded on first use rather than at start-up. Linking libcurl makes the dynamic loader
// map and relocate it and its ~30 dependencies (OpenSSL, GnuTLS, Kerberos, LDAP, …) before main:
// about 6.5 ms on every run, also for --help and for input refused before any request. Here the
// tools depend on libc alone and `idp_curl_load` dlopens libcurl.so.4 at the first request.
// Typed wrappers stand in for libcurl's variadic calls, which Swift cannot import directly.
// Only API present in libcurl 7.81 (ubuntu-22.04) is used.
#include <curl/curl.h>
#include <stddef.h>

/// Loads libcurl.so.4 and initialises it once; 0 on success, else -1 with the reason in `error`.
int idp_curl_load(char *error, size_t length);

CURL *idp_curl_easy_init(void);
void idp_curl_easy_cleanup(CURL *h);
void idp_curl_easy_reset(CURL *h);
CURLcode idp_curl_easy_perform(CURL *h);
const char *idp_curl_easy_strerror(CURLcode code);
struct curl_slist *idp_curl_slist_append(struct curl_slist *list, const char *value);
void idp_curl_slist_free_all(struct curl_slist *list);

CURLcode idp_setopt_long(CURL *h, CURLoption o, long v);
CURLcode idp_setopt_str(CURL *h, CURLoption o, const char *v);
CURLcode idp_setopt_ptr(CURL *h, CURLoption o, void *v);
CURLcode idp_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode idp_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode idp_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *));
CURLcode idp_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *));
/// HTTP and HTTPS only, for requests and redirects.
void idp_restrict_protocols(CURL *h);
CURLcode idp_getinfo_long(CURL *h, CURLINFO i, long *v);
#endif
