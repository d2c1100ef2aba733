#ifndef YUSUAN_SHA256_H
#define YUSUAN_SHA256_H
#include <stddef.h>
#include <stdint.h>

/* SHA-256 (FIPS 180-4) of `len` bytes into `out`, by the fastest way this CPU has (asked once). `data` may be NULL
 * when `len` is 0. */
void yusuan_sha256(const void *data, size_t len, uint8_t out[32]);

/* The ways whole blocks can be hashed: portable C; AVX2 and BMI2 (x86-64 without the SHA instructions); the SHA
 * instructions (x86-64 SHA-NI). */
#define YUSUAN_SHA256_PORTABLE 0
#define YUSUAN_SHA256_VECTOR 1
#define YUSUAN_SHA256_SHA_NI 2

/* Bit i set: this CPU can take path i (the portable one always). */
int yusuan_sha256_paths(void);

/* For tests: the digest through one path; portable C when this CPU cannot take it. */
void yusuan_sha256_using(const void *data, size_t len, uint8_t out[32], int path);
#endif
