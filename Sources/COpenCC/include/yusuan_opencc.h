#ifndef YUSUAN_COPENCC_SHIM_H
#define YUSUAN_COPENCC_SHIM_H
#include <opencc/opencc.h>

/* The library these headers belong to: OpenCC's headers say no version, so this is the name Debian's libopencc-dev
 * links against (libopencc.so -> libopencc.so.1.1, package libopencc1.1); a test checks that both open the same file. */
#define YUSUAN_OPENCC_SONAME "libopencc.so.1.1"

/* NULL once OpenCC is loaded, else why not. Call it before the functions below, OpenCC's own without "yusuan_". */
const char *yusuan_opencc_load(void);

opencc_t yusuan_opencc_open(const char *config);
char *yusuan_opencc_convert_utf8(opencc_t opencc, const char *input, size_t length);
void yusuan_opencc_convert_utf8_free(char *converted);
#endif
