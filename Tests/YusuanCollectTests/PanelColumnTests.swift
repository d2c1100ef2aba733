import Foundation
import Testing
import YusuanCollect
import YusuanModel

/// The compact stores must give back exactly what went in, and the panel's fast arithmetic must give the same
/// bits as Decimal arithmetic followed by NSDecimalNumber's doubleValue, which is what analyses computed before.
@Suite("Compact figures and panel columns")
struct PanelColumnTests {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// Decimal numbers as documents write them: 0–10 places (some past the 8 the fast path takes), trailing
    /// zeros kept, now and then huge, negative or zero.
    static func randomDecimal(_ rng: inout SplitMix64) -> Decimal {
        let places = Int(rng.unit() * 11)
        let digits = 1 + Int(rng.unit() * 16)
        var s = String((0..<digits).map { i in Character(String(i == 0 ? 1 + Int(rng.unit() * 9) : Int(rng.unit() * 10))) })
        if rng.unit() < 0.05 { s = "0" }
        if places > 0 { s += "." + String((0..<places).map { _ in Character(String(Int(rng.unit() * 10))) }) }
        if rng.unit() < 0.1 { s = "-" + s }
        if rng.unit() < 0.02 { s = "1234567890123456789012.5" }
        return Decimal(string: s, locale: posix)!
    }

    @Test("Decimal.double is NSDecimalNumber's doubleValue, bit for bit")
    func decimalDouble() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let a = Self.randomDecimal(&rng), b = Self.randomDecimal(&rng)
            for x in [a, b, a - b, a + b, a * 10, -a] {
                #expect(x.double.bitPattern == NSDecimalNumber(decimal: x).doubleValue.bitPattern, "\(x)")
            }
        }
    }

    @Test("a figure table gives back every figure exactly, kept whole when it does not fit an entry")
    func figureTableRoundTrip() {
        var rng = SplitMix64(seed: 11)
        var figures: [String: Figure] = [:]
        let texts = ["本年支出预算9250.53万元，比上年增加2298.19万元。", "合计\t4,202,500.00元", "", "一般公共预算拨款"]
        for (i, key) in FigureKey.canonical.enumerated() {
            let text = texts[i % texts.count]
            let raw = i % 3 == 0 && !text.isEmpty ? String(text.prefix(6)) : "\(i),000.00元"
            figures[key] = Figure(key: key, value: Self.randomDecimal(&rng), raw: raw, step: i % 5 == 0 ? Decimal(string: "0.0001")! : 0.01,
                                  provenance: Provenance(line: i * 7 + 1, page: i % 2 == 0 ? nil : i, text: text, ocr: i % 4 == 0),
                                  origin: i % 2 == 0 ? .table : .prose)
        }
        // What an entry cannot hold: a line past 2³¹, a 25-digit mantissa, a step that is not one word.
        figures["change.expenditure.total"] = Figure(key: "change.expenditure.total", value: 1, raw: "1", provenance: Provenance(line: Int(Int32.max) + 5, text: "x"))
        figures["prior.expenditure.total"] = Figure(key: "prior.expenditure.total", value: Decimal(string: "1234567890123456789012.345", locale: Self.posix)!,
                                                    raw: "big", step: Decimal(string: "123456.7", locale: Self.posix)!, provenance: Provenance(line: 3, page: -4, text: "y"))
        let table = FigureTable(figures)
        #expect(table.count == figures.count)
        #expect(table.keys == FigureKey.sorted(figures.keys))
        for (k, f) in figures {
            let back = table[k]
            #expect(back == f, "\(k)")
            #expect(back?.value.description == f.value.description, "the stored form, not only the value: \(k)")
        }
        #expect(table["no.such.figure"] == nil)
        var edited = table
        edited["expenditure.total"] = nil
        #expect(edited.count == table.count - 1 && edited["expenditure.total"] == nil && edited != table)
        #expect(FigureTable(figures) == table)
    }

    /// Documents of several departments over years with figures in every shape, changes that derive prior
    /// years, and two documents for one cell that disagree.
    static func documents(_ seed: UInt64) -> [Disclosure] {
        var rng = SplitMix64(seed: seed)
        var out: [Disclosure] = []
        for d in 0..<6 {
            for y in 2018...2023 where rng.unit() < 0.8 {
                for copy in 0..<(rng.unit() < 0.15 ? 2 : 1) {
                    var figures: [String: Figure] = [:]
                    for key in ["expenditure.total", "expenditure.basic", "expenditure.project", "change.expenditure.total", "change.expenditure.basic"]
                    where rng.unit() < 0.85 {
                        let v = copy == 1 && rng.unit() < 0.5 ? randomDecimal(&rng) + 1 : randomDecimal(&rng)
                        figures[key] = Figure(key: key, value: v, raw: v.plain, step: 0.01, provenance: Provenance(line: 1 + out.count, text: "\(key) \(v)"))
                    }
                    out.append(Disclosure(source: SourceInfo(path: "d\(d)/\(y)-\(copy).txt", format: "test", sha256: "", encoding: "UTF-8"),
                                          identity: Identity(department: "测试区第\(d)局", fiscalYear: y, kind: rng.unit() < 0.8 ? .budget : .finalAccounts),
                                          figures: figures))
                }
            }
        }
        return out
    }

    @Test("the panel's doubles and changes equal Decimal arithmetic then doubleValue", arguments: [1, 2, 3, 4] as [UInt64])
    func columnsAgreeWithDecimal(seed: UInt64) throws {
        let panel = PanelBuilder.build(Self.documents(seed))
        for column in panel.figureNames.indices {
            for cell in 0..<panel.cellCount where panel.has(cell, column) {
                let v = try #require(panel.value(cell, column))
                #expect(panel.double(cell, column).bitPattern == NSDecimalNumber(decimal: v.value).doubleValue.bitPattern)
                #expect(panel.isZero(cell, column) == (v.value == 0))
                if let p = panel.previousYear(of: cell), let u = panel.value(p, column) {
                    #expect(panel.changeDouble(from: p, to: cell, column).bitPattern
                            == NSDecimalNumber(decimal: v.value - u.value).doubleValue.bitPattern)
                }
            }
        }
    }

    @Test("cells, own and derived values and conflicts are what the documents say", arguments: [1, 2, 3] as [UInt64])
    func cellsFromDocuments(seed: UInt64) throws {
        let docs = Self.documents(seed)
        let panel = PanelBuilder.build(docs)
        var own: [PanelKey: [String: Figure]] = [:]
        var differing: [PanelKey: Set<String>] = [:]
        for d in docs {
            let key = PanelKey(department: try #require(panel.departments.first { $0.names.contains(d.identity.department!) }).id,
                               year: d.identity.fiscalYear!, kind: d.identity.kind!)
            for (k, f) in d.figures {
                if let first = own[key]?[k] { if first.value != f.value { differing[key, default: []].insert(k) } }
                else { own[key, default: [:]][k] = f }
            }
        }
        var expectedKeys = Set(own.keys)
        for (key, figures) in own {
            for (k, change) in figures where k.hasPrefix("change.") {
                let base = String(k.dropFirst("change.".count))
                guard let current = figures[base] else { continue }
                let prev = PanelKey(department: key.department, year: key.year - 1, kind: key.kind)
                expectedKeys.insert(prev)
                let cell = try #require(panel.cells[prev])
                #expect(cell.derived[base]?.value == current.value - change.value)
                #expect(cell.value(base)?.value == (own[prev]?[base]?.value ?? current.value - change.value))
            }
        }
        #expect(Set(panel.sortedKeys) == expectedKeys)
        #expect(panel.sortedKeys == panel.sortedKeys.sorted())
        for (key, figures) in own {
            let cell = try #require(panel.cells[key])
            for (k, f) in figures { #expect(cell.own[k]?.value == f.value && cell.own[k]?.line == f.provenance.line) }
            #expect(Set(cell.conflicts.keys) == differing[key, default: []])
        }
    }

    @Test("names equal as Strings but not as bytes are one department, as before")
    func canonicallyEqualNames() {
        func doc(_ name: String, _ year: Int) -> Disclosure {
            Disclosure(source: SourceInfo(path: "\(year).txt", format: "test", sha256: "", encoding: "UTF-8"),
                       identity: Identity(department: name, fiscalYear: year, kind: .budget),
                       figures: ["expenditure.total": Figure(key: "expenditure.total", value: 1, raw: "1", provenance: Provenance(line: 1, text: "1"))])
        }
        // The first two are simple; the third (é as e + combining acute) is the second's canonical equivalent.
        let panel = PanelBuilder.build([doc("某县财政局", 2020), doc("某县Caf\u{E9}局", 2021), doc("某县Cafe\u{301}局", 2022), doc("某县Caf\u{E9}局", 2023)])
        #expect(panel.departments.count == 2)
        let cafe = panel.departments.first { $0.names.contains("某县Caf\u{E9}局") }
        #expect(cafe.map { panel.years($0.id, kind: .budget) } == [2021, 2022, 2023])
        #expect(cafe?.names.count == 1, "equal names are listed once, as String equality had it")
    }
}
