#include "yusuan_load.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dlopen and dlsym are in glibc's libc since 2.34: no -ldl, which would add a library to every start. */

/* Opens the library and finds every function; NULL, or the error (kept in lib->error). Called once, under the lock. */
static const char *open_library(yusuan_library *lib) {
    const char *name = lib->soname;
    char wrong[256];
    const char *unloadable = getenv("YUSUAN_TEST_UNLOADABLE");
    if (unloadable != NULL && strcmp(unloadable, lib->soname) == 0) {
        snprintf(wrong, sizeof wrong, "%s.missing-for-test", lib->soname);
        name = wrong;
    }
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(lib->error, sizeof lib->error, "%s", why != NULL ? why : name);
        return lib->error;
    }
    for (size_t i = 0; i < lib->count; i++) {
        void *f = dlsym(handle, lib->names[i]);
        if (f == NULL) {
            snprintf(lib->error, sizeof lib->error, "%s has no function %s", name, lib->names[i]);
            dlclose(handle);
            return lib->error;
        }
        lib->slots[i] = f;
    }
    if (lib->ready != NULL) lib->ready();
    return NULL;
}

const char *yusuan_library_load(yusuan_library *lib) {
    int state = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    if (state == 0) {
        pthread_mutex_lock(&lib->lock);
        state = __atomic_load_n(&lib->state, __ATOMIC_RELAXED);
        if (state == 0) {
            state = open_library(lib) == NULL ? 1 : 2;
            /* Release: whoever reads 1 also sees the slots filled and `ready` done. */
            __atomic_store_n(&lib->state, state, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&lib->lock);
    }
    return state == 1 ? NULL : lib->error;
}
