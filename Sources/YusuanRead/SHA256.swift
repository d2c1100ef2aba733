import CYusuanCrypto

/// SHA-256 (FIPS 180-4), for identifying source files in provenance: our own C (CYusuanCrypto), with the CPU's
/// SHA instructions where there are some, so hashing a document costs next to nothing beside reading it, and no
/// run pays for loading and setting up libcrypto.
public enum SHA256 {
    public static func hex(_ data: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest(data) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func digest(_ data: [UInt8]) -> [UInt8] {
        var md = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { d in
            md.withUnsafeMutableBufferPointer { yusuan_sha256(d.baseAddress, d.count, $0.baseAddress) }
        }
        return md
    }

    /// The ways whole blocks can be hashed (CYusuanCrypto's paths).
    enum Path: CaseIterable {
        case portable, vector, shaNI
        var c: Int32 {
            switch self {
            case .portable: YUSUAN_SHA256_PORTABLE
            case .vector: YUSUAN_SHA256_VECTOR
            case .shaNI: YUSUAN_SHA256_SHA_NI
            }
        }
        /// Whether this CPU can take it.
        var available: Bool { yusuan_sha256_paths() & (1 << c) != 0 }
    }

    /// The digest of `bytes` through one path (portable C where this CPU cannot take it), for tests.
    static func digest(_ bytes: UnsafeRawBufferPointer, path: Path) -> [UInt8] {
        var md = [UInt8](repeating: 0, count: 32)
        md.withUnsafeMutableBufferPointer { yusuan_sha256_using(bytes.baseAddress, bytes.count, $0.baseAddress, path.c) }
        return md
    }
}
