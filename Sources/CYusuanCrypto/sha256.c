/* SHA-256 as FIPS 180-4 defines it (sections 4.1.2, 4.2.2, 5.1.1, 5.3.3, 6.2), written here so that no run loads
 * libcrypto: linking it cost some 3,400 symbol bindings at every start and its first digest 6.7 M instructions
 * (configuration file, provider fetch). Whole blocks go through the SHA-NI instructions where the CPU has them
 * (Intel's SHA extensions: two rounds per SHA256RNDS2, the message schedule by SHA256MSG1/MSG2), else with AVX2
 * and BMI2 where it has those, else in portable C; the padding is shared. Under callgrind (which has no SHA
 * instructions) the AVX2 path takes some 31 instructions a byte, libcrypto's own 28. */
#include "yusuan_sha256.h"
#include <string.h>

/* The first 32 bits of the fractional parts of the cube roots of the first 64 primes (4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The first 32 bits of the fractional parts of the square roots of the first 8 primes (5.3.3). */
static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

typedef void (*compress_fn)(uint32_t state[8], const uint8_t *blocks, size_t count);

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Ch and the four sigmas of 4.1.2, in forms with fewer operations (the same functions). */
#define CH(e, f, g) ((g) ^ ((e) & ((f) ^ (g))))
#define BIG_S0(a) rotr(rotr(rotr(a, 9) ^ (a), 11) ^ (a), 2)   /* rotr 2 ^ rotr 13 ^ rotr 22, one copy fewer */
#define BIG_S1(e) rotr(rotr(rotr(e, 14) ^ (e), 5) ^ (e), 6)   /* rotr 6 ^ rotr 11 ^ rotr 25 */
#define SMALL_S0(x) (rotr(x, 7) ^ rotr(x, 18) ^ ((x) >> 3))
#define SMALL_S1(x) (rotr(x, 17) ^ rotr(x, 19) ^ ((x) >> 10))

/* One round of 6.2.2 step 3 with the variables renamed rather than moved: the caller rotates the names. wk[t] is
 * K[t] + W[t]. Maj(a, b, c) is taken as b ^ ((a ^ b) & (b ^ c)), where b ^ c is the round before's a ^ b (`bc`). */
#define ROUND(a, b, c, d, e, f, g, h, t)                                  \
    do {                                                                  \
        uint32_t t1 = (h) + BIG_S1(e) + CH(e, f, g) + wk[t];              \
        uint32_t ab = (a) ^ (b);                                          \
        (d) += t1;                                                        \
        (h) = t1 + BIG_S0(a) + ((b) ^ (ab & bc));                         \
        bc = ab;                                                          \
    } while (0)

/* The 64 rounds and the new hash value (6.2.2 steps 2-4), shared by the paths that make W in other ways (inlined
 * into each, so that each is compiled for its own instructions). */
static inline __attribute__((always_inline)) void rounds(uint32_t state[8], const uint32_t wk[64]) {
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    uint32_t bc = b ^ c;
    for (int t = 0; t < 64; t += 8) {
        ROUND(a, b, c, d, e, f, g, h, t);
        ROUND(h, a, b, c, d, e, f, g, t + 1);
        ROUND(g, h, a, b, c, d, e, f, t + 2);
        ROUND(f, g, h, a, b, c, d, e, t + 3);
        ROUND(e, f, g, h, a, b, c, d, t + 4);
        ROUND(d, e, f, g, h, a, b, c, t + 5);
        ROUND(c, d, e, f, g, h, a, b, t + 6);
        ROUND(b, c, d, e, f, g, h, a, t + 7);
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/* 6.2.2, one 64-byte block after another. */
static void compress_portable(uint32_t state[8], const uint8_t *p, size_t count) {
    for (; count > 0; count--, p += 64) {
        uint32_t w[64];
        for (int t = 0; t < 16; t++) w[t] = load_be32(p + 4 * t);
        for (int t = 16; t < 64; t++) w[t] = w[t - 16] + SMALL_S0(w[t - 15]) + w[t - 7] + SMALL_S1(w[t - 2]);
        for (int t = 0; t < 64; t++) w[t] += K[t];
        rounds(state, w);
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define YUSUAN_SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>

/* The same with the SHA instructions. SHA256RNDS2 keeps the working variables as two vectors, {A,B,E,F} and
 * {C,D,G,H} (A and C in the top lanes), and does two rounds on the low two lanes of W+K; after two rounds the old
 * ABEF is the new CDGH, so the two vectors take turns. W[t..t+3] for t >= 16 comes from the four vectors before:
 * MSG1 gives W[t-16] + sigma0(W[t-15]), W[t-7] is added from the two latest, MSG2 adds sigma1(W[t-2]). */
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_sha_ni(uint32_t state[8], const uint8_t *p, size_t count) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i badc = _mm_shuffle_epi32(dcba, 0xB1);         /* lanes 0..3: b a d c */
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);         /* lanes 0..3: h g f e */
    __m128i abef = _mm_alignr_epi8(badc, efgh, 8);        /* lanes 0..3: f e b a */
    __m128i cdgh = _mm_blend_epi16(efgh, badc, 0xF0);     /* lanes 0..3: h g d c */
    for (; count > 0; count--, p += 64) {
        const __m128i abef0 = abef, cdgh0 = cdgh;
        __m128i m[4];
        for (int i = 0; i < 4; i++) m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), byteswap);
#pragma clang loop unroll(full)
        for (int g = 0; g < 16; g++) {
            if (g >= 4) {
                /* m[g & 3] holds W for group g-4 and becomes group g; (g+1)&3 is g-3, (g+2)&3 is g-2, (g+3)&3 is g-1. */
                __m128i w = _mm_sha256msg1_epu32(m[g & 3], m[(g + 1) & 3]);
                w = _mm_add_epi32(w, _mm_alignr_epi8(m[(g + 3) & 3], m[(g + 2) & 3], 4));
                m[g & 3] = _mm_sha256msg2_epu32(w, m[(g + 3) & 3]);
            }
            __m128i wk = _mm_add_epi32(m[g & 3], _mm_loadu_si128((const __m128i *)&K[4 * g]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);         /* lanes 0..3: a b e f */
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);         /* lanes 0..3: g h c d */
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));  /* a b c d */
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));     /* e f g h */
}

/* sigma0 and sigma1 of four words at once in each 128-bit lane (AVX2 has shifts, not rotations). */
__attribute__((target("avx2")))
static inline __m256i small_s0_x8(__m256i x) {
    return _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi32(x, 7), _mm256_slli_epi32(x, 25)),
                                             _mm256_xor_si256(_mm256_srli_epi32(x, 18), _mm256_slli_epi32(x, 14))),
                            _mm256_srli_epi32(x, 3));
}
__attribute__((target("avx2")))
static inline __m256i small_s1_x8(__m256i x) {
    return _mm256_xor_si256(_mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi32(x, 17), _mm256_slli_epi32(x, 15)),
                                             _mm256_xor_si256(_mm256_srli_epi32(x, 19), _mm256_slli_epi32(x, 13))),
                            _mm256_srli_epi32(x, 10));
}

/* For CPUs without the SHA instructions (and valgrind, which has none): the message schedules of two blocks at
 * once, four words of each per step in the two halves of AVX2 vectors, then each block's rounds in scalar code with
 * BMI's three-operand rotate and and-not. W[t..t+3] needs sigma1 of W[t-2..t+1], the last two made in the same
 * step: the low two words first, then the high two from them. A last odd block is scheduled beside itself. */
__attribute__((target("avx2,bmi,bmi2")))
static void compress_vector(uint32_t state[8], const uint8_t *p, size_t count) {
    const __m256i byteswap = _mm256_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL, 0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    while (count > 0) {
        const uint8_t *second = count > 1 ? p + 64 : p;
        uint32_t wk[2][64] __attribute__((aligned(32)));
        __m256i m[4];
        for (int i = 0; i < 4; i++) {
            __m256i two = _mm256_loadu2_m128i((const __m128i *)(second + 16 * i), (const __m128i *)(p + 16 * i));
            __m256i k = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)&K[4 * i]));
            m[i] = _mm256_shuffle_epi8(two, byteswap);
            __m256i sum = _mm256_add_epi32(m[i], k);
            _mm_store_si128((__m128i *)&wk[0][4 * i], _mm256_castsi256_si128(sum));
            _mm_store_si128((__m128i *)&wk[1][4 * i], _mm256_extracti128_si256(sum, 1));
        }
        /* Unrolled, so that the four vectors stay in registers. */
#pragma clang loop unroll(full)
        for (int g = 4; g < 16; g++) {
            /* As in compress_sha_ni: m[g & 3] holds group g-4, then (g+1)&3 g-3, (g+2)&3 g-2, (g+3)&3 g-1. */
            __m256i w16 = m[g & 3], w12 = m[(g + 1) & 3], w8 = m[(g + 2) & 3], w4 = m[(g + 3) & 3];
            __m256i w = _mm256_add_epi32(_mm256_add_epi32(w16, _mm256_alignr_epi8(w4, w8, 4)), small_s0_x8(_mm256_alignr_epi8(w12, w16, 4)));
            w = _mm256_add_epi32(w, small_s1_x8(_mm256_srli_si256(w4, 8)));
            w = _mm256_add_epi32(w, small_s1_x8(_mm256_slli_si256(w, 8)));
            m[g & 3] = w;
            __m256i sum = _mm256_add_epi32(w, _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)&K[4 * g])));
            _mm_store_si128((__m128i *)&wk[0][4 * g], _mm256_castsi256_si128(sum));
            _mm_store_si128((__m128i *)&wk[1][4 * g], _mm256_extracti128_si256(sum, 1));
        }
        rounds(state, wk[0]);
        if (count == 1) break;
        rounds(state, wk[1]);
        count -= 2;
        p += 128;
    }
}

/* AVX needs the CPU's flag and the system's saving of the vector registers (OSXSAVE, then XCR0's SSE and AVX bits). */
static int avx_usable(unsigned c1) {
    if (!(c1 & bit_AVX) || !(c1 & bit_OSXSAVE)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}

/* Which paths this CPU can take (bit i for path i), asked once (a relaxed atomic: every thread finds the same). */
static int cpu_paths(void) {
    static int known = 0; /* 0 not asked yet */
    int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (k == 0) {
        unsigned a = 0, b1 = 0, c1 = 0, d = 0, b7 = 0, c7 = 0;
        if (!__get_cpuid(1, &a, &b1, &c1, &d)) c1 = 0;
        if (!__get_cpuid_count(7, 0, &a, &b7, &c7, &d)) b7 = 0;
        k = 1 << YUSUAN_SHA256_PORTABLE;
        if (avx_usable(c1) && (b7 & bit_AVX2) && (b7 & bit_BMI) && (b7 & bit_BMI2)) k |= 1 << YUSUAN_SHA256_VECTOR;
        if ((c1 & bit_SSSE3) && (c1 & bit_SSE4_1) && (b7 & bit_SHA)) k |= 1 << YUSUAN_SHA256_SHA_NI;
        __atomic_store_n(&known, k, __ATOMIC_RELAXED);
    }
    return k;
}
#endif

int yusuan_sha256_paths(void) {
#if YUSUAN_SHA_X86
    return cpu_paths();
#else
    return 1 << YUSUAN_SHA256_PORTABLE;
#endif
}

/* 5.1.1 padding (a 1 bit, zeros, the length in bits as 64 bits big-endian) and 6.2.2's final hash value. */
void yusuan_sha256_using(const void *data, size_t len, uint8_t out[32], int path) {
    compress_fn compress = compress_portable;
#if YUSUAN_SHA_X86
    int paths = cpu_paths();
    if (path == YUSUAN_SHA256_SHA_NI && (paths & (1 << YUSUAN_SHA256_SHA_NI))) compress = compress_sha_ni;
    else if (path == YUSUAN_SHA256_VECTOR && (paths & (1 << YUSUAN_SHA256_VECTOR))) compress = compress_vector;
#else
    (void)path;
#endif
    uint32_t state[8];
    memcpy(state, H0, sizeof state);
    const uint8_t *bytes = data;
    size_t whole = len / 64;
    if (whole > 0) compress(state, bytes, whole);
    size_t rest = len - whole * 64;
    uint8_t tail[128] = {0};
    if (rest > 0) memcpy(tail, bytes + whole * 64, rest);
    tail[rest] = 0x80;
    size_t tailBlocks = rest + 1 + 8 <= 64 ? 1 : 2;
    uint64_t bits = (uint64_t)len << 3;
    for (int i = 0; i < 8; i++) tail[tailBlocks * 64 - 1 - i] = (uint8_t)(bits >> (8 * i));
    compress(state, tail, tailBlocks);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(state[i] >> 8);
        out[4 * i + 3] = (uint8_t)state[i];
    }
}

/* The fastest path this CPU has. */
void yusuan_sha256(const void *data, size_t len, uint8_t out[32]) {
    int paths = yusuan_sha256_paths();
    yusuan_sha256_using(data, len, out, paths & (1 << YUSUAN_SHA256_SHA_NI) ? YUSUAN_SHA256_SHA_NI
                                        : paths & (1 << YUSUAN_SHA256_VECTOR) ? YUSUAN_SHA256_VECTOR : YUSUAN_SHA256_PORTABLE);
}
