// Declarations only (include/GonghuiBoringSSL.h); the definitions are swift-crypto's BoringSSL.
#include "GonghuiBoringSSL.h"
