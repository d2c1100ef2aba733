#ifndef YUSUAN_CCRYPTO_SHIM_H
#define YUSUAN_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
