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
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/cms.h>
#include <openssl/ts.h>
#include <openssl/pkcs12.h>
#include <openssl/objects.h>

// OSSL_PARAM constructors are functions, but OPENSSL_free is a macro: expose it.
static inline void mutualis_openssl_free(void *p) { OPENSSL_free(p); }
static inline void *mutualis_openssl_malloc(size_t n) { return OPENSSL_malloc(n); }

// BIO_get_mem_data is a macro.
static inline long mutualis_bio_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }

// RFC 2253 names with UTF-8 kept as is (the flag is a compound macro).
static inline unsigned long mutualis_name_flags(void) { return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB; }

// The STACK_OF(X509) accessors are macros with casts: functions Swift can call.
static inline STACK_OF(X509) *mutualis_x509_stack_new(void) { return sk_X509_new_null(); }
static inline int mutualis_x509_stack_push(STACK_OF(X509) *stack, X509 *cert) { return sk_X509_push(stack, cert); }
static inline int mutualis_x509_stack_count(const STACK_OF(X509) *stack) { return sk_X509_num(stack); }
static inline X509 *mutualis_x509_stack_value(const STACK_OF(X509) *stack, int i) { return sk_X509_value(stack, i); }
static inline void mutualis_x509_stack_free_all(STACK_OF(X509) *stack) { sk_X509_pop_free(stack, X509_free); }
static inline void mutualis_x509_stack_free(STACK_OF(X509) *stack) { sk_X509_free(stack); }

static inline int mutualis_cms_signer_count(STACK_OF(CMS_SignerInfo) *stack) { return sk_CMS_SignerInfo_num(stack); }
static inline CMS_SignerInfo *mutualis_cms_signer_value(STACK_OF(CMS_SignerInfo) *stack, int i) { return sk_CMS_SignerInfo_value(stack, i); }

#endif
