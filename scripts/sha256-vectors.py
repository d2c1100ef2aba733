# Expected SHA-256 digests for Tests/YusuanReadTests, by Python's hashlib (never by the code under test):
#   python3 scripts/sha256-vectors.py > Tests/YusuanReadTests/SHA256Vectors.swift
import hashlib, sys
M = (1 << 64) - 1
def splitmix(seed):
    s = seed
    while True:
        s = (s + 0x9E3779B97F4A7C15) & M
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        yield z ^ (z >> 31)
def pattern(n):  # every byte value, in an order that is not a plain count
    return bytes((i * 167 + 13) & 0xFF for i in range(n))
def random_bytes(seed, n):
    g = splitmix(seed)
    return bytes(next(g) & 0xFF for _ in range(n))
out = []
out.append("// Made by scripts/sha256-vectors.py with Python's hashlib; do not edit by hand.")
out.append("")
out.append("/// Expected SHA-256 digests for the tests, from an independent implementation.")
out.append("enum SHA256Vectors {")
out.append("    /// Message n: `pattern(n)`, bytes (i * 167 + 13) mod 256 for i in 0..<n; digests for n in 0...300.")
out.append("    static let prefixes: [String] = [")
for n in range(301):
    out.append('        "%s",' % hashlib.sha256(pattern(n)).hexdigest())
out.append("    ]")
out.append("")
out.append("    /// (seed, length, digest): the low byte of each SplitMix64(seed) draw, `length` of them.")
out.append("    static let random: [(seed: UInt64, count: Int, digest: String)] = [")
for seed, n in [(1, 1_000_003), (2, 65_536), (3, 50_001), (4, 4_097), (5, 262_207)]:
    out.append('        (%d, %d, "%s"),' % (seed, n, hashlib.sha256(random_bytes(seed, n)).hexdigest()))
out.append("    ]")
out.append("}")
print("\n".join(out))
