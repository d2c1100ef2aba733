#ifndef YUSUAN_CZLIB_SHIM_H
#define YUSUAN_CZLIB_SHIM_H
#include <zlib.h>
#endif
