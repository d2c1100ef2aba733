import Foundation
import Testing
import YusuanCollect
import YusuanIngest
import YusuanModel

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seedPath = repoRoot.appendingPathComponent("datasets/guangyang/2021/organization-department.budget.txt").path

func disclosure(_ text: String, path: String) throws -> Disclosure {
    switch Ingest.ingest(bytes: Array(text.utf8), path: path) {
    case .success(let d): return d
    case .failure(let f): throw f
    }
}

func dec(_ s: String) -> Decimal { Decimal(string: s)! }

@Suite("Department names")
struct DepartmentNameTests {
    @Test("the seed's three names are one department", arguments: [
        "中国共产党廊坊市广阳区委员会组织部", "中共廊坊市广阳区委组织部", "广阳区委组织部", "中共广阳区委组织部", " 中共廊坊市广阳区委组织部（本级） ",
    ])
    func variants(name: String) {
        #expect(DepartmentNames.matchKey(name) == "广阳区|委组织部")
    }

    @Test("the fast match key is split's, on names of every shape")
    func fastMatchKeyIsSplits() {
        let pieces = ["河北省", "廊坊市", "广阳区", "沛县", "丰县", "内蒙古自治区", "新城区", "阿拉善左旗", "市场", "社区", "县", "旗", "区", "市",
                      "省", "州", "盟", "自治区", "中国共产党", "中共", "中国", "委员会", "委", "组织部", "教育局", "（本级）", "(本级)", "（机关）",
                      "(机关)", " ", "\u{3000}", "“", "”", "\"", "《", "》", "「", "」", "a", "1", "-", "·", "\t", "\n", "本级", "机关", "（", ")",
                      "e\u{301}", "\r\n", "\u{FA11}", "ｶﾞ"]
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20_000 {
            let name = (0..<(1 + Int(rng.unit() * 8))).map { _ in pieces[Int(rng.unit() * Double(pieces.count))] }.joined()
            let (regions, core) = DepartmentNames.split(name)
            #expect(DepartmentNames.matchKey(name).sameBytes((regions.last ?? "") + "|" + core), "\(name)")
        }
    }

    @Test("the fast match key drops exactly the white space split drops, scalar by scalar")
    func fastMatchKeyWhiteSpace() {
        // Every scalar of the fast path's ranges other than the ideographs (which are never white space).
        let ranges: [ClosedRange<UInt32>] = [0x09...0x0A, 0x20...0x7E, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x303F,
                                             0xFF01...0xFF60, 0xFFE0...0xFFEE]
        for v in ranges.joined() {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let name = "广阳区" + String(Character(scalar)) + "教育局"
            let (regions, core) = DepartmentNames.split(name)
            #expect(DepartmentNames.matchKey(name).sameBytes((regions.last ?? "") + "|" + core), "U+\(String(v, radix: 16))")
        }
    }

    @Test func regionsAreSplitOff() {
        #expect(DepartmentNames.split("河北省廊坊市广阳区教育局") == (["河北省", "廊坊市", "广阳区"], "教育局"))
        #expect(DepartmentNames.split("广阳区市场监督管理局").core == "市场监督管理局")
        #expect(DepartmentNames.split("市场监督管理局") == ([], "市场监督管理局"))
        #expect(DepartmentNames.split("内蒙古自治区呼和浩特市新城区财政局") == (["内蒙古自治区", "呼和浩特市", "新城区"], "财政局"))
        #expect(DepartmentNames.matchKey("广阳区教育局") != DepartmentNames.matchKey("安次区教育局"))
    }

    @Test func aliasesFile() throws {
        let table = try AliasTable.parse("""
        departments:
          - id: gy-edu
            name: 廊坊市广阳区教育局
            aliases: [广阳区教体局, 广阳区教育和体育局]
        """)
        #expect(table.entry(for: "广阳区教体局")?.id == "gy-edu")
        #expect(table.entry(for: "廊坊市广阳区教育局")?.id == "gy-edu")
        #expect(table.entry(for: "广阳区教育局")?.id == "gy-edu", "matched by rule against the listed name")
        #expect(table.entry(for: "广阳区财政局") == nil)
        #expect(throws: AliasTable.ParseError.self) { try AliasTable.parse("departments: 3") }
        #expect(throws: AliasTable.ParseError.self) { try AliasTable.parse("departments:\n  - name: x") }
        #expect(throws: AliasTable.ParseError.self) { try AliasTable.parse("{{{") }
    }
}

@Suite("Panel")
struct PanelTests {
    static func doc(_ name: String, _ year: Int, _ body: String, kind: String = "预算") -> String {
        "\(name)\n\(year)年部门\(kind)公开说明\n\(body)\n"
    }

    @Test("the seed gives 2021 and a derived 2020")
    func seedDerivesThePriorYear() throws {
        let d = try disclosure(String(decoding: FileManager.default.contents(atPath: seedPath)!, as: UTF8.self), path: seedPath)
        let panel = PanelBuilder.build([d])
        #expect(panel.departments.count == 1)
        let id = panel.departments[0].id
        #expect(panel.years(id, kind: .budget) == [2020, 2021])
        let y2020 = try #require(panel.cells[PanelKey(department: id, year: 2020, kind: .budget)])
        #expect(y2020.isDerivedOnly)
        #expect(y2020.value("expenditure.total")?.value == dec("6952.34"))
        #expect(y2020.value("expenditure.basic")?.value == dec("1274.21"))
        #expect(y2020.value("expenditure.project")?.value == dec("5678.04"))
        #expect(y2020.value("three_public.total")?.value == dec("2.19"))
        #expect(y2020.value("expenditure.total")?.derived == true)
        #expect(y2020.value("expenditure.total")?.line == 43, "the sentence is the source")
    }

    @Test("name variants merge; equal figures merge; different figures are both kept")
    func merging() throws {
        let a = try disclosure(Self.doc("中国共产党廊坊市广阳区委员会组织部", 2021, "支出预算100万元，其中基本支出40万元。"), path: "a.txt")
        let b = try disclosure(Self.doc("中共廊坊市广阳区委组织部", 2021, "支出预算100万元，其中基本支出41万元。"), path: "b.txt")
        let c = try disclosure(Self.doc("广阳区委组织部", 2022, "支出预算120万元。"), path: "c.txt")
        let panel = PanelBuilder.build([a, b, c])
        #expect(panel.departments.count == 1)
        #expect(Set(panel.departments[0].names).count == 3)
        #expect(panel.departments[0].name == "广阳区委组织部", "the most recent document's name")
        let cell = try #require(panel.cells[PanelKey(department: panel.departments[0].id, year: 2021, kind: .budget)])
        #expect(cell.documents.count == 2)
        #expect(cell.own["expenditure.total"]?.value == 100)
        #expect(cell.conflicts["expenditure.total"] == nil)
        #expect(cell.own["expenditure.basic"]?.value == 40 && cell.conflicts["expenditure.basic"]?.first?.value == 41)
        #expect(cell.conflicts["expenditure.basic"]?.first?.path == "b.txt")
    }

    @Test("a derived figure never overrides the year's own")
    func derivedDoesNotOverride() throws {
        let y1 = try disclosure(Self.doc("某县财政局", 2022, "支出预算100万元。"), path: "2022.txt")
        let y2 = try disclosure(Self.doc("某县财政局", 2023, "支出预算130万元，比上年增加20万元。"), path: "2023.txt")
        let panel = PanelBuilder.build([y2, y1])
        let cell = try #require(panel.cells[PanelKey(department: panel.departments[0].id, year: 2022, kind: .budget)])
        #expect(cell.value("expenditure.total")?.value == 100)
        #expect(cell.value("expenditure.total")?.derived == false)
        #expect(cell.derived["expenditure.total"]?.value == 110)
    }

    @Test("budgets and final accounts are separate cells; documents without a year are set aside")
    func kinds() throws {
        let b = try disclosure(Self.doc("某县财政局", 2022, "支出预算100万元。"), path: "b.txt")
        let f = try disclosure(Self.doc("某县财政局", 2022, "本年支出合计96万元。", kind: "决算"), path: "f.txt")
        var noYear = b
        noYear.identity.fiscalYear = nil
        let panel = PanelBuilder.build([b, f, noYear])
        #expect(panel.cells.count == 2)
        #expect(panel.unplaced.count == 1)
    }
}
