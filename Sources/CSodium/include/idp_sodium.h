#ifndef IDP_SODIUM_H
#define IDP_SODIUM_H
#include <stddef.h>
#include <stdint.h>

/// libsodium's sealed box (crypto_box_seal), which GitHub's secrets API requires: `message` sealed
/// for the 32-byte public key `public_key` into `out` (message length + 48 bytes). Returns 0, or -1
/// with a reason in `idp_sodium_failure()` when libsodium cannot be loaded.
int idp_sealed_box(const uint8_t *message, size_t length, const uint8_t *public_key, uint8_t *out);
const char *idp_sodium_failure(void);

#endif
