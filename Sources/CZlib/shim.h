#ifndef MUTUALIS_CZLIB_SHIM_H
#define MUTUALIS_CZLIB_SHIM_H

#include <zlib.h>

#endif
