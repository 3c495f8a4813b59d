#ifndef IDP_LIBCRYPTO_H
#define IDP_LIBCRYPTO_H
// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) through the system's OpenSSL libcrypto, loaded at the
// first signature (dlopen, as libcurl is): the TTL scan signs the platform GitHub App's JWT with it
// to get an installation token per consumer owner. Nothing else in the tools needs it.
#include <stddef.h>
#include <stdint.h>

/// Signs `message` with the PEM private key (PKCS#1 or PKCS#8). Returns the signature's length
/// (written to `signature`, which holds `capacity` bytes), or -1 with the reason in `error`.
long idp_rs256_sign(const char *pem, size_t pem_length, const uint8_t *message, size_t length,
                    uint8_t *signature, size_t capacity, char *error, size_t error_length);
#endif
