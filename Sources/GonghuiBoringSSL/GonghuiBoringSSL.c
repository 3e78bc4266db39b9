// The functions themselves are swift-crypto's embedded BoringSSL (include/GonghuiBoringSSL.h).
#include "GonghuiBoringSSL.h"

const char *gh_boringssl_missing_symbol(void) {
    // A weak declaration the linker found no definition for has the address NULL.
    const struct { const char *name; const void *address; } functions[] = {
        {"CCryptoBoringSSL_EVP_aead_aes_256_gcm", (const void *)CCryptoBoringSSL_EVP_aead_aes_256_gcm},
        {"CCryptoBoringSSL_EVP_AEAD_CTX_new", (const void *)CCryptoBoringSSL_EVP_AEAD_CTX_new},
        {"CCryptoBoringSSL_EVP_AEAD_CTX_free", (const void *)CCryptoBoringSSL_EVP_AEAD_CTX_free},
        {"CCryptoBoringSSL_EVP_AEAD_CTX_seal", (const void *)CCryptoBoringSSL_EVP_AEAD_CTX_seal},
        {"CCryptoBoringSSL_EVP_sha256", (const void *)CCryptoBoringSSL_EVP_sha256},
        {"CCryptoBoringSSL_HMAC", (const void *)CCryptoBoringSSL_HMAC},
    };
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (functions[i].address == NULL) return functions[i].name;
    }
    return NULL;
}
