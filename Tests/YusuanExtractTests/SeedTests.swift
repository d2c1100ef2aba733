import Foundation
import Testing
import YusuanExtract
import YusuanModel
import YusuanRead

/// The real 2021 disclosure against what a person read off it (../shared/reference, copied to Fixtures/).
@Suite("Seed disclosure")
struct SeedTests {
    let disclosure: Disclosure
    let document: TextDocument
    let reference: [String: Any]

    init() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath)))
        document = try TikaTextReader.read(bytes: bytes)
        disclosure = try Extractor.extract(document, source: SourceInfo(path: seedPath, format: "tika-text", sha256: "", encoding: "UTF-8"))
        let refURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/seed-2021-organization-department.expected.json")
        reference = try JSONSerialization.jsonObject(with: Data(contentsOf: refURL)) as! [String: Any]
    }

    @Test func identity() {
        let id = disclosure.identity
        #expect(id.department == reference["department"] as? String)
        #expect(id.fiscalYear == 2021)
        #expect(id.kind == .budget)
        #expect(id.departmentCode == "263001")
        #expect(id.region == "河北省廊坊市广阳区")
        #expect((reference["department_aliases"] as! [String]).contains(id.normalizedDepartment ?? ""))
    }

    @Test("all 30 reference figures, each on a line that contains its number")
    func figures() throws {
        let expected = reference["figures"] as! [String: NSNumber]
        #expect(expected.count == 30)
        for (key, number) in expected {
            let f = try #require(disclosure.figures[key], "missing \(key)")
            let want = Decimal(string: number.stringValue)!
            #expect(abs(NSDecimalNumber(decimal: f.value - want).doubleValue) < 0.005, "\(key): \(f.value) ≠ \(want)")
            let line = document.line(f.provenance.line)
            let digits = f.value.magnitude.plain
            #expect(line.contains(digits), "\(key): line \(f.provenance.line) does not contain \(digits)")
            #expect(f.provenance.text == line.trimmingSpaces() || line.contains(f.provenance.text) || f.provenance.text.contains(digits))
        }
    }

    @Test("the stated 持平 of 三公 is a change of zero; nothing else is invented")
    func noInventedFigures() {
        let extra = Set(disclosure.figures.keys).subtracting((reference["figures"] as! [String: Any]).keys)
        #expect(extra == ["change.three_public.total"])
        #expect(figure(disclosure, "change.three_public.total") == 0)
        #expect(disclosure.figures["revenue.state_capital"] == nil, "the seed does not state 国有资本经营预算收入")
        #expect(disclosure.warnings.isEmpty, "\(disclosure.warnings)")
    }

    @Test("22 performance tables: the department's and 21 projects, with the key indicators")
    func performanceTables() throws {
        let tables = disclosure.performanceTables
        #expect(tables.count == 22)
        #expect(tables.filter { $0.scope == .department }.count == 1)
        let projects = tables.filter { $0.scope == .project }
        let perf = reference["performance_projects"] as! [String: Any]
        let key = perf["key_indicators"] as! [[String: Any]]
        #expect(projects.count == key.count)
        for (table, ref) in zip(projects, key) {
            #expect(table.project == ref["project"] as? String)
            let byLevel2 = { (prefix: String) in table.indicators.first { $0.level2.hasPrefix(prefix) }?.raw }
            #expect(byLevel2("数量") == ref["quantity"] as? String, "\(table.project) quantity")
            if let q = ref["quality"] as? String { #expect(byLevel2("质量") == q, "\(table.project) quality") }
            if let c = ref["cost"] as? String { #expect(byLevel2("成本") == c, "\(table.project) cost") }
            #expect(table.indicators.allSatisfy { !$0.level1.isEmpty && !$0.level2.isEmpty }, "blank hierarchy cells inherit")
            #expect(table.goal != nil)
        }
        // A parsed indicator, in full.
        let village = try #require(projects.first { $0.project == "村级组织办公经费" })
        let count = try #require(village.indicators.first)
        #expect(count.level1 == "产出指标" && count.level2 == "数量指标" && count.name == "拨付村街数量")
        #expect(count.op == "=" && count.value == 149 && count.unit == "个" && count.raw == "149个" && count.basis == "廊组字[2018]94号")
        // "≥90百分之" is 90 %.
        let training = try #require(projects.first { $0.project == "学习、培训经费" })
        let pass = try #require(training.indicators.first { $0.name == "培训合格率" })
        #expect(pass.op == "≥" && pass.value == 90 && pass.unit == "%")
        // The department table's value is split over 符号 / 值 / 单位 columns.
        let dept = try #require(tables.first { $0.scope == .department })
        #expect(dept.indicators.first?.op == "≥" && dept.indicators.first?.value == 2)
    }

    @Test("11 procurement rows with quantity, unit price and amount")
    func procurement() throws {
        let rows = disclosure.procurement
        let ref = reference["procurement_items"] as! [[String: Any]]
        #expect(rows.count == ref.count)
        for (row, r) in zip(rows, ref) {
            #expect(row.item == r["item"] as? String)
            #expect(row.catalogCode == r["catalog_code"] as? String)
            #expect(row.unit == r["unit"] as? String)
            #expect(row.quantity == Decimal(string: (r["quantity"] as! NSNumber).stringValue))
            #expect(row.unitPrice == Decimal(string: (r["unit_price"] as! NSNumber).stringValue))
            #expect(row.amount == Decimal(string: (r["amount"] as! NSNumber).stringValue))
        }
    }

    @Test func assetTable() {
        let items = disclosure.assets.map(\.item)
        #expect(items.count == 6)
        #expect(items.contains("车辆（台、辆）"))
        let vehicles = disclosure.assets.first { $0.item.hasPrefix("车辆") }
        #expect(vehicles?.count == 5 && vehicles?.value == dec("101.55"))
        let housing = disclosure.assets.first { $0.item.hasPrefix("房屋") }
        #expect(housing?.count == nil && housing?.value == nil, "an empty cell is absent, not 0")
    }
}
