#ifndef YUSUAN_LOAD_H
#define YUSUAN_LOAD_H
#include <pthread.h>
#include <stddef.h>

/* A shared library opened when first needed (dlopen) rather than at every start, its functions looked up once
 * (dlsym). Most runs read plain text and never need libxml2 or OpenCC, whose loading (with ICU, libstdc++, marisa)
 * took several times the CPU of the rest of a start. The shims (CLibXML2, COpenCC) keep one of these each and give
 * Swift plain functions. */
typedef struct yusuan_library {
    const char *soname;          /* the name the library's -dev package links against, as the shim's header says */
    const char *const *names;    /* the functions, `count` of them */
    void **slots;                /* their addresses, in the same order, once loaded */
    size_t count;
    void (*ready)(void);         /* run once after loading, before any caller sees the library (may be NULL) */
    pthread_mutex_t lock;
    int state;                   /* 0 not tried yet, 1 loaded, 2 failed (read atomically) */
    char error[512];
} yusuan_library;

#define YUSUAN_LIBRARY(soname, names, slots, count, ready) {soname, names, slots, count, ready, PTHREAD_MUTEX_INITIALIZER, 0, ""}

/* NULL once the library is loaded, else why it is not ("libxml2.so.2: cannot open shared object file: ...").
 * Tried once per process (a failure is kept); safe from any thread. For tests of the failure path, the environment
 * variable YUSUAN_TEST_UNLOADABLE set to a soname makes the loader ask for a name that does not exist instead. */
const char *yusuan_library_load(yusuan_library *lib);

/* For the shims' tables of functions, from one list macro F(name) F(name) ...: */
#define YUSUAN_LIBRARY_INDEX(f) yusuan_index_##f,
#define YUSUAN_LIBRARY_NAME(f) #f,
/* The function `f` as its library's header declares it, at its loaded address. */
#define YUSUAN_LIBRARY_CALL(slots, f) ((__typeof__(&f))(slots)[yusuan_index_##f])
#endif
