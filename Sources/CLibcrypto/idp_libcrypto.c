#include "idp_libcrypto.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The few OpenSSL calls needed, declared by shape (their ABI is the same in OpenSSL 1.1.1 and 3),
// so that building needs no OpenSSL headers.
typedef struct idp_bio IDP_BIO;
typedef struct idp_pkey IDP_PKEY;
typedef struct idp_md_ctx IDP_MD_CTX;
typedef struct idp_md IDP_MD;

static struct {
    IDP_BIO *(*bio_new_mem_buf)(const void *, int);
    int (*bio_free)(IDP_BIO *);
    IDP_PKEY *(*pem_read_bio_private_key)(IDP_BIO *, IDP_PKEY **, void *, void *);
    void (*pkey_free)(IDP_PKEY *);
    IDP_MD_CTX *(*md_ctx_new)(void);
    void (*md_ctx_free)(IDP_MD_CTX *);
    const IDP_MD *(*sha256)(void);
    int (*digest_sign_init)(IDP_MD_CTX *, void **, const IDP_MD *, void *, IDP_PKEY *);
    int (*digest_sign)(IDP_MD_CTX *, unsigned char *, size_t *, const unsigned char *, size_t);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[256] = "libcrypto was not loaded";

#define RESOLVE(field, symbol) \
    do { \
        *(void **)(&api.field) = dlsym(library, symbol); \
        if (!api.field) { snprintf(failure, sizeof failure, "libcrypto has no %s", symbol); return; } \
    } while (0)

static void load(void) {
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libcrypto.so.1.1", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure, sizeof failure, "cannot load libcrypto.so.3 or libcrypto.so.1.1; install OpenSSL's libssl3");
        return;
    }
    RESOLVE(bio_new_mem_buf, "BIO_new_mem_buf");
    RESOLVE(bio_free, "BIO_free");
    RESOLVE(pem_read_bio_private_key, "PEM_read_bio_PrivateKey");
    RESOLVE(pkey_free, "EVP_PKEY_free");
    RESOLVE(md_ctx_new, "EVP_MD_CTX_new");
    RESOLVE(md_ctx_free, "EVP_MD_CTX_free");
    RESOLVE(sha256, "EVP_sha256");
    RESOLVE(digest_sign_init, "EVP_DigestSignInit");
    RESOLVE(digest_sign, "EVP_DigestSign");
    failure[0] = '\0';
}

long idp_rs256_sign(const char *pem, size_t pem_length, const uint8_t *message, size_t length,
                    uint8_t *signature, size_t capacity, char *error, size_t error_length) {
    pthread_once(&once, load);
    if (failure[0] != '\0') {
        if (error && error_length) snprintf(error, error_length, "%s", failure);
        return -1;
    }
    long result = -1;
    const char *why = "the private key is not a PEM RSA key";
    IDP_BIO *bio = api.bio_new_mem_buf(pem, (int)pem_length);
    IDP_PKEY *key = bio ? api.pem_read_bio_private_key(bio, NULL, NULL, NULL) : NULL;
    IDP_MD_CTX *context = key ? api.md_ctx_new() : NULL;
    if (context) {
        size_t written = capacity;
        why = "the signature failed";
        if (api.digest_sign_init(context, NULL, api.sha256(), NULL, key) == 1
            && api.digest_sign(context, signature, &written, message, length) == 1) {
            result = (long)written;
        }
    }
    if (context) api.md_ctx_free(context);
    if (key) api.pkey_free(key);
    if (bio) api.bio_free(bio);
    if (result < 0 && error && error_length) snprintf(error, error_length, "%s", why);
    return result;
}
