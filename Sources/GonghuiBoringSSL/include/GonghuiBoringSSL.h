// The few BoringSSL functions the field cipher calls directly.
//
// swift-crypto embeds BoringSSL with every symbol prefixed `CCryptoBoringSSL_` and does not
// publish its C module; these are the declarations of those functions as that copy defines
// them, resolved when the program is linked with swift-crypto. They let one AES-256-GCM key
// schedule serve every value (swift-crypto's `AES.GCM.seal` sets one up per call). They are
// the internals of one version, swift-crypto 4.5.2, pinned exactly in Package.swift.
//
// Each is declared weak: if another swift-crypto renames or drops one, the program still
// links, `gh_boringssl_missing_symbol` names it, the field cipher uses swift-crypto's public
// API instead (same output, slower), and DependencyPinTests fails naming the package, the
// version and the symbol.
#ifndef GONGHUI_BORINGSSL_H
#define GONGHUI_BORINGSSL_H

#include <stddef.h>
#include <stdint.h>

#define GH_BORINGSSL_IMPORT __attribute__((weak))

typedef struct evp_aead_st EVP_AEAD;
typedef struct evp_aead_ctx_st EVP_AEAD_CTX;
typedef struct env_md_st EVP_MD;

GH_BORINGSSL_IMPORT const EVP_AEAD *CCryptoBoringSSL_EVP_aead_aes_256_gcm(void);
GH_BORINGSSL_IMPORT EVP_AEAD_CTX *CCryptoBoringSSL_EVP_AEAD_CTX_new(const EVP_AEAD *aead, const uint8_t *key, size_t key_len, size_t tag_len);
GH_BORINGSSL_IMPORT void CCryptoBoringSSL_EVP_AEAD_CTX_free(EVP_AEAD_CTX *ctx);
GH_BORINGSSL_IMPORT int CCryptoBoringSSL_EVP_AEAD_CTX_seal(const EVP_AEAD_CTX *ctx, uint8_t *out, size_t *out_len, size_t max_out_len,
                                                           const uint8_t *nonce, size_t nonce_len, const uint8_t *in, size_t in_len,
                                                           const uint8_t *ad, size_t ad_len);
GH_BORINGSSL_IMPORT const EVP_MD *CCryptoBoringSSL_EVP_sha256(void);
GH_BORINGSSL_IMPORT uint8_t *CCryptoBoringSSL_HMAC(const EVP_MD *evp_md, const void *key, size_t key_len, const uint8_t *data, size_t data_len,
                                                   uint8_t *out, unsigned int *out_len);

/// The first of the functions above that the linked swift-crypto does not define, or NULL when
/// every one is there.
const char *gh_boringssl_missing_symbol(void);

#endif
