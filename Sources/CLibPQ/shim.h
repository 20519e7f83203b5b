#ifndef MUTUALIS_CLIBPQ_SHIM_H
#define MUTUALIS_CLIBPQ_SHIM_H

// libpq's header lives in /usr/include/postgresql on Debian; pkg-config adds
// that folder, the fallback keeps the build working without pkg-config.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#endif
