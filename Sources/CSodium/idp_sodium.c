#include "idp_sodium.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// libsodium, dlopened at the first secret: no tool pays for loading it, and building needs no headers.
static int (*sodium_init_fn)(void);
static int (*box_seal)(unsigned char *, const unsigned char *, unsigned long long, const unsigned char *);
static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[256] = "libsodium was not loaded";

static void load(void) {
    void *library = dlopen("libsodium.so.23", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libsodium.so.26", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(failure, sizeof failure, "cannot load libsodium.so.23 or .26; install libsodium23 (Debian, Ubuntu) or libsodium");
        return;
    }
    *(void **)(&sodium_init_fn) = dlsym(library, "sodium_init");
    *(void **)(&box_seal) = dlsym(library, "crypto_box_seal");
    if (!sodium_init_fn || !box_seal || sodium_init_fn() < 0) {
        box_seal = NULL;
        snprintf(failure, sizeof failure, "libsodium has no usable crypto_box_seal");
    }
}

int idp_sealed_box(const uint8_t *message, size_t length, const uint8_t *public_key, uint8_t *out) {
    pthread_once(&once, load);
    if (!box_seal) return -1;
    return box_seal(out, message, (unsigned long long)length, public_key) == 0 ? 0 : -1;
}

const char *idp_sodium_failure(void) { return failure; }
