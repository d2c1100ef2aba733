import CYusuanCrypto

/// SHA-256 (FIPS 180-4), for identifying source files in provenance, through OpenSSL's libcrypto
/// (`EVP_Digest`): it uses the CPU's SHA instructions where there are some, so hashing a document costs next to
/// nothing beside reading it.
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
        var md = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { d in
            md.withUnsafeMutableBufferPointer { m in
                EVP_Digest(d.baseAddress, d.count, m.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest fails only when libcrypto cannot allocate its context: no digest to give then.
        precondition(ok == 1 && length == 32, "libcrypto could not compute SHA-256")
        return Array(md.prefix(32))
    }
}
