#include "yusuan_opencc.h"
#include "yusuan_load.h"

#define OPENCC_FUNCTIONS(F) F(opencc_open) F(opencc_convert_utf8) F(opencc_convert_utf8_free)

enum { OPENCC_FUNCTIONS(YUSUAN_LIBRARY_INDEX) function_count };
static const char *const names[function_count] = {OPENCC_FUNCTIONS(YUSUAN_LIBRARY_NAME)};
static void *slots[function_count];
#define CALL(f) YUSUAN_LIBRARY_CALL(slots, f)

static yusuan_library library = YUSUAN_LIBRARY(YUSUAN_OPENCC_SONAME, names, slots, function_count, NULL);

const char *yusuan_opencc_load(void) { return yusuan_library_load(&library); }

opencc_t yusuan_opencc_open(const char *config) { return CALL(opencc_open)(config); }
char *yusuan_opencc_convert_utf8(opencc_t opencc, const char *input, size_t length) {
    return CALL(opencc_convert_utf8)(opencc, input, length);
}
void yusuan_opencc_convert_utf8_free(char *converted) { CALL(opencc_convert_utf8_free)(converted); }
