import Foundation
import Testing
import YusuanIngest
import YusuanModel

/// Standard tables of documents of our own in every format a department publishes them in
/// (scripts/make-table-fixtures.py): the same figures, tables and identity must come out of each.
@Suite("Standard tables in every format")
struct TableFormatTests {
    static func read(_ name: String) throws -> Disclosure {
        switch Ingest.ingest(bytes: fixture("tables/" + name), path: name) {
        case .success(let d): return d
        case .failure(let f): throw f
        }
    }

    static func threePublic(_ d: Disclosure) -> [String: Decimal] {
        d.figures.filter { $0.key.hasPrefix("three_public.") || $0.key.hasPrefix("budget.three_public.") }.mapValues(\.value)
    }

    @Test("final accounts, row form with 预算数 and 决算数", arguments: ["txt", "docx", "xlsx", "doc", "xls", "pdf"])
    func finalAccounts(format: String) throws {
        let d = try Self.read("three-public-final." + format)
        #expect(d.identity.department == "某县档案馆" && d.identity.fiscalYear == 2023 && d.identity.kind == .finalAccounts)
        let expected: [String: Decimal] = [
            "three_public.total": Decimal(string: "27.45")!, "three_public.reception": Decimal(string: "5.2")!,
            "three_public.vehicles": Decimal(string: "22.25")!, "three_public.vehicles.operation": Decimal(string: "12.25")!,
            "three_public.vehicles.purchase": 10,
            "budget.three_public.total": 36, "budget.three_public.overseas_travel": 6, "budget.three_public.reception": 8,
            "budget.three_public.vehicles": 22, "budget.three_public.vehicles.operation": 12, "budget.three_public.vehicles.purchase": 10,
        ]
        #expect(Self.threePublic(d) == expected, "\(format): \(Self.threePublic(d))")
        // The blank 决算 cell of 因公出国（境）费 is not stated: absent, not 0.
        #expect(d.figures["three_public.overseas_travel"] == nil)
    }

    @Test("budget, column form with the vehicles column split", arguments: ["txt", "docx", "xlsx", "doc", "xls", "pdf"])
    func budget(format: String) throws {
        let d = try Self.read("three-public-budget." + format)
        #expect(d.identity.department == "某县档案馆" && d.identity.fiscalYear == 2024 && d.identity.kind == .budget)
        let expected: [String: Decimal] = [
            "three_public.total": Decimal(string: "18.5")!, "three_public.overseas_travel": 3, "three_public.vehicles": 12,
            "three_public.vehicles.purchase": 4, "three_public.vehicles.operation": 8, "three_public.reception": Decimal(string: "3.5")!,
        ]
        #expect(Self.threePublic(d) == expected, "\(format): \(Self.threePublic(d))")
    }

    @Test("a performance table listing two projects, going on over a page with its header repeated",
          arguments: ["txt", "docx", "xlsx", "doc", "xls", "pdf"])
    func performanceOverPages(format: String) throws {
        let d = try Self.read("performance-over-pages." + format)
        #expect(d.identity.department == "某县档案馆" && d.identity.fiscalYear == 2024 && d.identity.kind == .budget)
        // One table per project, every indicator once (the header repeated on the next page is not one).
        #expect(d.performanceTables.map(\.project) == ["档案数字化加工", "档案库房安全运维"], "\(format)")
        #expect(d.performanceTables.map(\.indicators.count) == [9, 8], "\(format)")
        let all = d.performanceTables.flatMap(\.indicators)
        #expect(!all.contains { $0.name.includes("三级指标") || $0.raw.includes("指标值") }, "\(format)")
        // Cells that wrap in the PDF ("数字化档案页⏎数", "2024年11月⏎底前") are whole.
        #expect(all.map(\.name).contains("数字化档案页数") && all.map(\.raw).contains("2024年11月底前"), "\(format)")
        let reception = all.first { $0.name == "查档利用人次" }
        #expect(reception?.op == "≥" && reception?.value == 5000 && reception?.unit == "人次" && reception?.level2 == "社会效益指标", "\(format)")
    }
}
