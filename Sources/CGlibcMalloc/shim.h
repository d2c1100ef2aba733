#ifndef YUSUAN_CGLIBCMALLOC_SHIM_H
#define YUSUAN_CGLIBCMALLOC_SHIM_H
#include <malloc.h>
#endif
