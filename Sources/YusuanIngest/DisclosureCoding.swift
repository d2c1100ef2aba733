import Foundation
import YusuanModel

/// A compact binary form of a `Disclosure` for the document cache. Only the cache reads it, so it is not a
/// contract; a change to it (or to any model type) needs `DocumentCache.extractorVersion` bumped.
///
/// Decoding never trusts the bytes: every length is checked against what is left, strings must be UTF-8, enums
/// must be known, and the whole input must be used. Anything else is `DisclosureCoding.Corrupt`.
enum DisclosureCoding {
    struct Corrupt: Error {}

    /// Everything but `source.path`, which the reader sets (the same bytes may lie at another path).
    static func encode(_ d: Disclosure) -> [UInt8] {
        let w = Writer()
        w.string(d.source.format); w.string(d.source.sha256); w.string(d.source.encoding)
        let id = d.identity
        w.optional(id.department, w.string); w.optional(id.normalizedDepartment, w.string)
        w.optional(id.departmentCode, w.string); w.optional(id.region, w.string)
        w.optional(id.fiscalYear, w.int); w.optional(id.kind?.rawValue, w.string)
        w.optional(id.provenance, w.provenance)
        // Sorted, so that the same disclosure always gives the same bytes. The key is written apart from the
        // figure's own: a figure may be kept under another name (支出总计 as the total).
        w.array(d.figures.sorted { $0.key < $1.key }) { kv in w.string(kv.key); w.figure(kv.value) }
        w.array(d.performanceTables) { t in
            w.string(t.scope.rawValue); w.string(t.project); w.optional(t.goal, w.string); w.int(t.line)
            w.array(t.indicators) { i in
                w.string(i.level1); w.string(i.level2); w.string(i.name); w.string(i.description)
                w.optional(i.op, w.string); w.optional(i.value, w.decimal); w.optional(i.unit, w.string)
                w.string(i.raw); w.string(i.basis); w.int(i.line)
            }
        }
        w.array(d.procurement) { p in
            w.optional(p.project, w.string); w.string(p.item); w.optional(p.catalogCode, w.string); w.optional(p.unit, w.string)
            w.optional(p.quantity, w.decimal); w.optional(p.unitPrice, w.decimal); w.optional(p.amount, w.decimal); w.int(p.line)
        }
        w.array(d.assets) { a in
            w.string(a.item); w.optional(a.count, w.decimal); w.optional(a.value, w.decimal); w.bool(a.isSubItem); w.int(a.line)
        }
        w.array(d.outline) { o in w.string(o.text); w.int(o.line) }
        w.array(d.lineItems) { li in
            w.string(li.code); w.string(li.name)
            w.array(li.values.sorted { $0.key < $1.key }) { kv in w.string(kv.key); w.decimal(kv.value) }
            w.optional(li.table, w.string); w.int(li.line)
        }
        w.array(d.statements, w.figure)
        w.array(d.warnings, w.string)
        return w.bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>, path: String) throws(Corrupt) -> Disclosure {
        let r = Reader(bytes)
        let source = SourceInfo(path: path, format: try r.string(), sha256: try r.string(), encoding: try r.string())
        var id = Identity()
        id.department = try r.optional(r.string); id.normalizedDepartment = try r.optional(r.string)
        id.departmentCode = try r.optional(r.string); id.region = try r.optional(r.string)
        id.fiscalYear = try r.optional(r.int)
        id.kind = try r.optional { () throws(Corrupt) in try r.enumeration(DisclosureKind.self) }
        id.provenance = try r.optional(r.provenance)
        var figures: [String: Figure] = [:]
        for (k, f) in try r.array({ () throws(Corrupt) in (try r.string(), try r.figure()) }) {
            guard figures.updateValue(f, forKey: k) == nil else { throw Corrupt() }
        }
        var d = Disclosure(source: source, identity: id, figures: figures)
        d.performanceTables = try r.array { () throws(Corrupt) in
            let scope = try r.enumeration(PerformanceTable.Scope.self), project = try r.string(), goal = try r.optional(r.string)
            let line = try r.int()
            let indicators = try r.array { () throws(Corrupt) in
                Indicator(level1: try r.string(), level2: try r.string(), name: try r.string(), description: try r.string(),
                          op: try r.optional(r.string), value: try r.optional(r.decimal), unit: try r.optional(r.string),
                          raw: try r.string(), basis: try r.string(), line: try r.int())
            }
            return PerformanceTable(scope: scope, project: project, goal: goal, indicators: indicators, line: line)
        }
        d.procurement = try r.array { () throws(Corrupt) in
            ProcurementItem(project: try r.optional(r.string), item: try r.string(), catalogCode: try r.optional(r.string),
                            unit: try r.optional(r.string), quantity: try r.optional(r.decimal), unitPrice: try r.optional(r.decimal),
                            amount: try r.optional(r.decimal), line: try r.int())
        }
        d.assets = try r.array { () throws(Corrupt) in
            AssetRow(item: try r.string(), count: try r.optional(r.decimal), value: try r.optional(r.decimal),
                     isSubItem: try r.bool(), line: try r.int())
        }
        d.outline = try r.array { () throws(Corrupt) in OutlineEntry(text: try r.string(), line: try r.int()) }
        d.lineItems = try r.array { () throws(Corrupt) in
            let code = try r.string(), name = try r.string()
            var values: [String: Decimal] = [:]
            for (k, v) in try r.array({ () throws(Corrupt) in (try r.string(), try r.decimal()) }) {
                guard values.updateValue(v, forKey: k) == nil else { throw Corrupt() }
            }
            return LineItem(code: code, name: name, values: values, table: try r.optional(r.string), line: try r.int())
        }
        d.statements = try r.array(r.figure)
        d.warnings = try r.array(r.string)
        guard r.atEnd else { throw Corrupt() }
        return d
    }

    /// Appends values: unsigned LEB128 varints, zigzag for signed, strings once each. A document repeats its
    /// lines (a figure and its statements quote the same one): a string already written is written as its
    /// number (n + 1), a new one as 0, its length and its UTF-8. That halves an entry and what reading it allocates.
    /// Classes, not structs: the array and optional helpers take the writer's own methods as arguments.
    final class Writer {
        var bytes: [UInt8] = []
        var written: [String: Int] = [:]

        func uint(_ v: UInt64) {
            var v = v
            while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
            bytes.append(UInt8(v))
        }
        func int(_ v: Int) { uint(UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)) }
        func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
        func string(_ s: String) {
            if let n = written[s] { uint(UInt64(n + 1)); return }
            written[s] = written.count
            bytes.append(0)
            uint(UInt64(s.utf8.count))
            bytes.append(contentsOf: s.utf8)
        }
        func optional<T>(_ v: T?, _ put: (T) -> Void) {
            guard let v else { bytes.append(0); return }
            bytes.append(1)
            put(v)
        }
        func array<T>(_ xs: [T], _ put: (T) -> Void) {
            uint(UInt64(xs.count))
            for x in xs { put(x) }
        }

        /// Sign, exponent and a 64-bit significand when that gives back the same value (every amount a
        /// disclosure states); the decimal text otherwise.
        func decimal(_ d: Decimal) {
            let s = d.isNaN ? 0 : NSDecimalNumber(decimal: d.significand).uint64Value
            if !d.isNaN, Decimal(sign: d.sign, exponent: d.exponent, significand: Decimal(s)) == d {
                bytes.append(d.sign == .minus ? 2 : 1)
                int(d.exponent)
                uint(s)
            } else {
                bytes.append(0)
                string(d.description)
            }
        }
        func provenance(_ p: Provenance) {
            int(p.line); optional(p.page, int); string(p.text); bool(p.ocr)
        }
        func figure(_ f: Figure) {
            string(f.key); decimal(f.value); string(f.raw); decimal(f.step); provenance(f.provenance); string(f.origin.rawValue)
        }
    }

    final class Reader {
        let bytes: ArraySlice<UInt8>
        var at: Int
        var strings: [String] = []

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes; at = bytes.startIndex }

        var atEnd: Bool { at == bytes.endIndex }

        func byte() throws(Corrupt) -> UInt8 {
            guard at < bytes.endIndex else { throw Corrupt() }
            defer { at += 1 }
            return bytes[at]
        }
        func uint() throws(Corrupt) -> UInt64 {
            var v: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                let b = try byte()
                v |= UInt64(b & 0x7F) << UInt64(shift)
                if b < 0x80 { return v }
            }
            throw Corrupt()
        }
        func int() throws(Corrupt) -> Int {
            let z = try uint()
            return Int(truncatingIfNeeded: Int64(bitPattern: z >> 1 ^ (0 &- (z & 1))))
        }
        /// A count of things still to read, each at least one byte: never more than the bytes left.
        func count() throws(Corrupt) -> Int {
            let n = try uint()
            guard n <= UInt64(bytes.endIndex - at) else { throw Corrupt() }
            return Int(n)
        }
        func bool() throws(Corrupt) -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            default: throw Corrupt()
            }
        }
        func string() throws(Corrupt) -> String {
            let ref = try uint()
            if ref > 0 {
                guard ref <= UInt64(strings.count) else { throw Corrupt() }
                return strings[Int(ref - 1)]
            }
            let n = try count()
            defer { at += n }
            guard let s = String(validating: bytes[at..<at + n], as: UTF8.self) else { throw Corrupt() }
            strings.append(s)
            return s
        }
        func enumeration<E: RawRepresentable>(_: E.Type) throws(Corrupt) -> E where E.RawValue == String {
            guard let e = E(rawValue: try string()) else { throw Corrupt() }
            return e
        }
        func optional<T>(_ get: () throws(Corrupt) -> T) throws(Corrupt) -> T? {
            try bool() ? try get() : nil
        }
        func array<T>(_ get: () throws(Corrupt) -> T) throws(Corrupt) -> [T] {
            let n = try count()
            var xs: [T] = []
            xs.reserveCapacity(n)
            for _ in 0..<n { xs.append(try get()) }
            return xs
        }
        func decimal() throws(Corrupt) -> Decimal {
            switch try byte() {
            case 0:
                guard let d = Decimal(string: try string(), locale: Locale(identifier: "en_US_POSIX")), !d.isNaN else { throw Corrupt() }
                return d
            case let sign where sign <= 2:
                let exponent = try int()
                let significand = try uint()
                // Decimal holds exponents of -128…127; a larger one is not something the writer made.
                guard (-128...127).contains(exponent) else { throw Corrupt() }
                let d = Decimal(sign: sign == 2 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
                guard !d.isNaN else { throw Corrupt() }
                return d
            default: throw Corrupt()
            }
        }
        func provenance() throws(Corrupt) -> Provenance {
            Provenance(line: try int(), page: try optional(int), text: try string(), ocr: try bool())
        }
        func figure() throws(Corrupt) -> Figure {
            Figure(key: try string(), value: try decimal(), raw: try string(), step: try decimal(), provenance: try provenance(),
                   origin: try enumeration(Figure.Origin.self))
        }
    }
}
