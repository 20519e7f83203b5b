#ifndef MUTUALIS_COPENSSL_SHIM_H
#define MUTUALIS_COPENSSL_SHIM_H

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/kdf.h>
#include <openssl/hmac.h>

// OSSL_PARAM constructors are functions, but OPENSSL_free is a macro: expose it.
static inline void mutualis_openssl_free(void *p) { OPENSSL_free(p); }

#endif
