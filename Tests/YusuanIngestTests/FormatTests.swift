import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
func fixture(_ name: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: fixtures.appendingPathComponent(name).path) ?? Data()) }

func read(_ name: String, as path: String? = nil) throws -> Disclosure {
    switch Ingest.ingest(bytes: fixture(name), path: path ?? name) {
    case .success(let d): return d
    case .failure(let f): throw f
    }
}

/// Tables without line numbers, for comparing formats whose lines differ.
func shape(_ t: [PerformanceTable]) -> [String] {
    t.map { t in t.project + "|" + t.indicators.map { "\($0.level1)/\($0.level2)/\($0.name)/\($0.description)/\($0.op ?? "")/\($0.value?.plain ?? "")/\($0.unit ?? "")/\($0.raw)/\($0.basis)" }.joined(separator: ";") }
}

/// The seed as its text extraction reads: what every other format is compared with.
func seedText() throws -> Disclosure {
    guard case .success(let d) = Ingest.ingest(bytes: seedBytes, path: "seed.txt") else { throw CocoaError(.fileReadCorruptFile) }
    return d
}

@Suite("Formats")
struct FormatTests {
    let text: Disclosure
    init() throws { text = try seedText() }

    @Test(".docx made from the seed's content gives exactly the text path's figures and tables")
    func docx() throws {
        let d = try read("seed.docx")
        #expect(d.source.format == "docx")
        #expect(d.figures.mapValues(\.value) == text.figures.mapValues(\.value))
        #expect(shape(d.performanceTables) == shape(text.performanceTables))
        #expect(d.procurement.map { [$0.item, $0.catalogCode ?? "", $0.quantity?.plain ?? "", $0.unitPrice?.plain ?? "", $0.amount?.plain ?? ""] }
                == text.procurement.map { [$0.item, $0.catalogCode ?? "", $0.quantity?.plain ?? "", $0.unitPrice?.plain ?? "", $0.amount?.plain ?? ""] })
        #expect(d.assets.map(\.item) == text.assets.map(\.item))
        #expect(d.identity.department == text.identity.department && d.identity.departmentCode == "263001")
        // The tracked deletion (基本支出999.99万元) is not read; the field instruction is not text.
        #expect(!d.figures.values.contains { $0.provenance.text.contains("999.99") })
        #expect(d.identity.provenance?.text == "2021年部门预算信息公开情况说明")
        // Every figure's line holds its number.
        let lines = try #require(try? DocxReader.read(bytes: fixture("seed.docx")))
        for f in d.figures.values where !f.key.hasPrefix("change.three") { #expect(lines.line(f.provenance.line).contains(f.value.magnitude.plain), "\(f.key)") }
    }

    @Test("HTML in GB18030 with a meta charset: same figures; scripts, navigation and footer ignored")
    func html() throws {
        let d = try read("seed-gb18030.html")
        #expect(d.source.format == "html" && d.source.encoding.hasPrefix("GB18030"))
        #expect(d.figures.mapValues(\.value) == text.figures.mapValues(\.value))
        #expect(shape(d.performanceTables) == shape(text.performanceTables))
        #expect(d.procurement.count == 11)
    }

    @Test("the whole seed as a PDF gives the text path's figures, each with its page")
    func wholePDF() throws {
        let d = try read("seed.pdf")
        #expect(d.source.format == "pdf")
        #expect(d.figures.mapValues(\.value) == text.figures.mapValues(\.value))
        #expect(d.figures.values.allSatisfy { $0.provenance.page != nil })
        #expect(d.figures["expenditure.basic"]?.provenance.page == 1 && d.figures["assets.vehicles.value"]?.provenance.page == 7)
        #expect(d.performanceTables.count == 22)
    }

    @Test("PDF through pdftotext: figures with page and line")
    func pdf() throws {
        let d = try read("seed-part.pdf")
        #expect(d.source.format == "pdf")
        for k in ["revenue.total", "expenditure.total", "expenditure.basic", "expenditure.basic.personnel", "expenditure.basic.public",
                  "expenditure.project", "change.expenditure.total", "change.expenditure.basic", "change.expenditure.project", "operating_costs",
                  "three_public.total", "three_public.overseas_travel", "three_public.vehicles", "three_public.reception", "assets.total",
                  "assets.vehicles.count", "assets.vehicles.value", "assets.equipment_over_200k.value", "assets.other.count"] {
            #expect(d.figures[k]?.value == text.figures[k]?.value, "\(k)")
        }
        #expect(d.figures["expenditure.basic"]?.provenance.page == 1)
        #expect(d.figures["assets.total"]?.provenance.page == 2)
        #expect(d.figures["change.expenditure.basic"]?.value == Decimal(string: "-901.2"), "a number split across lines is joined")
    }

    @Test("an .xlsx of standard tables yields the figures its cells hold, and the classification rows")
    func xlsx() throws {
        let d = try read("standard-tables.xlsx")
        #expect(d.source.format == "xlsx")
        #expect(d.identity.department == "某县农业农村局" && d.identity.fiscalYear == 2023 && d.identity.kind == .budget)
        let want: [String: String] = [
            "revenue.total": "1250.5", "revenue.general_public_budget": "1180.5", "revenue.government_fund": "70",
            "expenditure.total": "1250.5", "expenditure.basic": "420.25", "expenditure.project": "830.25",
            "gpb.expenditure.total": "1180.5", "gpb.expenditure.basic": "420.25", "gpb.expenditure.project": "760.25",
            "gpb.expenditure.basic.personnel": "360.05", "gpb.expenditure.basic.public": "60.2",
            "three_public.total": "8.6", "three_public.overseas_travel": "0", "three_public.vehicles": "6.1",
            "three_public.vehicles.purchase": "0", "three_public.vehicles.operation": "6.1", "three_public.reception": "2.5",
        ]
        for (k, v) in want { #expect(d.figures[k]?.value == Decimal(string: v), "\(k): \(String(describing: d.figures[k]?.value))") }
        #expect(d.figures["expenditure.basic.personnel"] == nil, "the personnel figure is general-public-budget only")
        #expect(d.lineItems.map(\.code) == ["213", "213", "21301", "2130101", "2130126"])
        #expect(d.lineItems.last?.name == "农村社会事业" && d.lineItems.last?.values["gpb.expenditure.project"] == Decimal(string: "760.25"))
    }

    @Test("traditional characters read like simplified; the source quotes the original")
    func traditional() throws {
        let d = try read("traditional.txt")
        #expect(d.identity.department == "某县农业农村局")
        #expect(d.figures["expenditure.basic"]?.value == Decimal(string: "420.25"))
        #expect(d.figures["expenditure.basic"]?.raw == "4,202,500.00元")
        #expect(d.figures["change.three_public.total"]?.value == Decimal(string: "-0.4"))
        #expect(d.figures["expenditure.basic"]?.provenance.text.contains("基本支出") == true)
        #expect(d.figures["expenditure.basic"]?.provenance.text.contains("人員經費") == true, "quotes the traditional original")
        #expect(d.warnings.contains { $0.contains("OpenCC") })
    }

    @Test("final accounts: kind, 本年 and 结转, completion rate")
    func finalAccounts() throws {
        let d = try read("final-accounts.txt")
        #expect(d.identity.kind == .finalAccounts && d.identity.fiscalYear == 2022)
        let want: [String: String] = ["revenue.total": "1310.42", "revenue.current_year": "1250.32", "revenue.carryover": "60.1",
                                      "expenditure.total": "1238.77", "carryover.end": "71.65", "expenditure.basic": "418.02",
                                      "expenditure.project": "820.75", "completion_pct.expenditure.total": "96.8",
                                      "three_public.total": "7.95", "completion_pct.three_public.total": "92.4",
                                      "change.three_public.total": "-0.65", "change_pct.three_public.total": "-7.6"]
        for (k, v) in want { #expect(d.figures[k]?.value == Decimal(string: v), "\(k): \(String(describing: d.figures[k]?.value))") }
        #expect(d.warnings.isEmpty, "\(d.warnings)")
    }

    @Test("the format is told from the content, not the name")
    func detection() throws {
        #expect(try read("seed.docx", as: "download.txt").source.format == "docx")
        #expect(try read("standard-tables.xlsx", as: "table.bin").source.format == "xlsx")
        #expect(try read("seed-gb18030.html", as: "page.txt").source.format == "html")
    }
}

@Suite("Hostile containers")
struct HostileTests {
    @Test func zipBomb() throws {
        guard case .failure(let f) = Ingest.ingest(bytes: fixture("bomb.docx"), path: "bomb.docx") else { Issue.record("read a zip bomb"); return }
        #expect(f.message.contains("64 MB") && f.path == "bomb.docx")
    }

    @Test func entityBomb() throws {
        guard case .failure(let f) = Ingest.ingest(bytes: fixture("entity-bomb.docx"), path: "x.docx") else { Issue.record("read an entity bomb"); return }
        #expect(f.message.contains("entities"))
    }

    @Test("corrupt and truncated containers", arguments: ["seed.docx", "standard-tables.xlsx", "seed-part.pdf"])
    func truncated(name: String) {
        let bytes = fixture(name)
        for cut in [10, 100, bytes.count / 3, bytes.count / 2, bytes.count - 20] {
            if case .failure(let f) = Ingest.ingest(bytes: Array(bytes.prefix(cut)), path: name) { #expect(!f.message.isEmpty) }
        }
    }

    @Test("an HTML page of 50 MB is refused, not parsed")
    func hugeHTML() {
        var bytes = Array("<!DOCTYPE html><html><body>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 * 1024 * 1024)
        guard case .failure(let f) = Ingest.ingest(bytes: bytes, path: "big.html") else { Issue.record("parsed 50 MB"); return }
        #expect(f.message.contains("MB"))
    }

    @Test("pdftotext that does not finish in time is stopped and the PDF refused")
    func pdfTimeout() {
        do {
            _ = try PDFReader.read(bytes: fixture("seed-part.pdf"), timeout: 0.000_001)
            Issue.record("no timeout")
        } catch {
            #expect(error.description.contains("did not finish"))
        }
    }

    @Test("a folder of mixed formats loads what it can and names what it cannot")
    func mixedFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yusuan-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for n in ["seed.docx", "standard-tables.xlsx", "seed-gb18030.html", "bomb.docx"] {
            try Data(fixture(n)).write(to: dir.appendingPathComponent(n))
        }
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2]).write(to: dir.appendingPathComponent("old.doc"))
        let r = Ingest.run(paths: [dir.path])
        #expect(r.disclosures.count == 3)
        #expect(Set(r.failures.map { ($0.path as NSString).lastPathComponent }) == ["bomb.docx", "old.doc"])
        #expect(r.failures.contains { $0.message.contains("save it as .docx") })
    }
}
