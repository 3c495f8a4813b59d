#include "idp_curl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The functions the tools call, resolved from the library once.
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[256] = "libcurl was not loaded";

#define RESOLVE(field, symbol) \
    do { \
        *(void **)(&api.field) = dlsym(library, symbol); \
        if (!api.field) { snprintf(failure, sizeof failure, "libcurl.so.4 has no %s", symbol); return; } \
    } while (0)

static void load(void) {
    // Lazy binding, as the dynamic loader does at start-up: RTLD_NOW would resolve every symbol
    // of libcurl and its ~30 libraries up front, which measured 4 ms slower per run.
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(failure, sizeof failure, "cannot load libcurl.so.4 (%s); install libcurl4 (apt-get install libcurl4)", why ? why : "unknown");
        return;
    }
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_reset, "curl_easy_reset");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(failure, sizeof failure, "curl_global_init failed");
        return;
    }
    failure[0] = '\0';
}

int idp_curl_load(char *error, size_t length) {
    pthread_once(&once, load);
    if (failure[0] == '\0') return 0;
    if (error && length) snprintf(error, length, "%s", failure);
    return -1;
}

CURL *idp_curl_easy_init(void) { return api.easy_init(); }
void idp_curl_easy_cleanup(CURL *h) { api.easy_cleanup(h); }
void idp_curl_easy_reset(CURL *h) { api.easy_reset(h); }
CURLcode idp_curl_easy_perform(CURL *h) { return api.easy_perform(h); }
const char *idp_curl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }
struct curl_slist *idp_curl_slist_append(struct curl_slist *list, const char *value) { return api.slist_append(list, value); }
void idp_curl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

CURLcode idp_setopt_long(CURL *h, CURLoption o, long v) { return api.easy_setopt(h, o, v); }
CURLcode idp_setopt_str(CURL *h, CURLoption o, const char *v) { return api.easy_setopt(h, o, v); }
CURLcode idp_setopt_ptr(CURL *h, CURLoption o, void *v) { return api.easy_setopt(h, o, v); }
CURLcode idp_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return api.easy_setopt(h, o, v); }
CURLcode idp_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return api.easy_setopt(h, o, v); }
CURLcode idp_setopt_write(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return api.easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
CURLcode idp_setopt_header(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return api.easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
// CURLOPT_PROTOCOLS is deprecated after 7.85 in favour of the _STR form, which 7.81 lacks; the
// long form works in both.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void idp_restrict_protocols(CURL *h) {
    api.easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    api.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
}
#pragma GCC diagnostic pop
CURLcode idp_getinfo_long(CURL *h, CURLINFO i, long *v) { return api.easy_getinfo(h, i, v); }
