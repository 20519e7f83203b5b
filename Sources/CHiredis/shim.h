#ifndef MUTUALIS_CHIREDIS_SHIM_H
#define MUTUALIS_CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>

// hiredis reports the failing context's error as a fixed-size char array and a
// code; these inline helpers keep the Swift side free of tuple-shaped arrays.
static inline int mutualis_redis_context_error(const redisContext *c) { return c->err; }
static inline const char *mutualis_redis_context_errstr(const redisContext *c) { return c->errstr; }
static inline int mutualis_redis_context_fd(const redisContext *c) { return c->fd; }

#endif
