#ifndef YUSUAN_COPENCC_SHIM_H
#define YUSUAN_COPENCC_SHIM_H
#include <opencc/opencc.h>
#endif
