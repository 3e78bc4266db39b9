// The few BoringSSL functions the field cipher calls directly.
//
// swift-crypto embeds BoringSSL with every symbol prefixed `CCryptoBoringSSL_` and does not
// publish its C module; these are the declarations of those functions as that copy defines
// them, resolved when the program is linked with swift-crypto. They let one AES-256-GCM key
// schedule serve every value (swift-crypto's `AES.GCM.seal` sets one up per call).
#ifndef GONGHUI_BORINGSSL_H
#define GONGHUI_BORINGSSL_H

#include <stddef.h>
#include <stdint.h>

typedef struct evp_aead_st EVP_AEAD;
typedef struct evp_aead_ctx_st EVP_AEAD_CTX;
typedef struct env_md_st EVP_MD;

const EVP_AEAD *CCryptoBoringSSL_EVP_aead_aes_256_gcm(void);
EVP_AEAD_CTX *CCryptoBoringSSL_EVP_AEAD_CTX_new(const EVP_AEAD *aead, const uint8_t *key, size_t key_len, size_t tag_len);
void CCryptoBoringSSL_EVP_AEAD_CTX_free(EVP_AEAD_CTX *ctx);
int CCryptoBoringSSL_EVP_AEAD_CTX_seal(const EVP_AEAD_CTX *ctx, uint8_t *out, size_t *out_len, size_t max_out_len,
                                       const uint8_t *nonce, size_t nonce_len, const uint8_t *in, size_t in_len,
                                       const uint8_t *ad, size_t ad_len);
const EVP_MD *CCryptoBoringSSL_EVP_sha256(void);
uint8_t *CCryptoBoringSSL_HMAC(const EVP_MD *evp_md, const void *key, size_t key_len, const uint8_t *data, size_t data_len,
                               uint8_t *out, unsigned int *out_len);

#endif
