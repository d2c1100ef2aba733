import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead

/// PDFs shaped like real exports (scripts/make-pdf-fixtures.py): the seed printed with an unembedded CID font,
/// and documents of our own that LibreOffice made from .docx files.
@Suite("PDF exports")
struct PDFFormatTests {
    let text: Disclosure
    init() throws { text = try seedText() }

    private func procurement(_ d: Disclosure) -> [[String]] {
        d.procurement.map { [$0.item, $0.catalogCode ?? "", $0.unit ?? "", $0.quantity?.plain ?? "", $0.unitPrice?.plain ?? "", $0.amount?.plain ?? ""] }
    }

    @Test("the seed printed in STSong-Light with wrapped, vertically centred cells: the procurement rows and the performance tables of the text")
    func seedWithCIDFont() throws {
        let d = try read("seed-cid.pdf")
        #expect(d.identity.department == text.identity.department && d.identity.fiscalYear == 2021)
        #expect(procurement(d) == procurement(text) && procurement(d).count == 11)
        #expect(d.assets.map(\.item) == text.assets.map(\.item))
        // A sentence ending at the margin does not end its paragraph ("…0万元。⏎与2020年相比持平").
        #expect(d.figures.mapValues(\.value) == text.figures.mapValues(\.value))
        #expect(d.figures.values.allSatisfy { $0.provenance.page != nil })
        // Tables read exactly as the text has them (indicators with levels, values, units and bases).
        let want = Set(shape(text.performanceTables))
        let exact = shape(d.performanceTables).filter(want.contains)
        // All 22, the 部门整体 table too: three header rows over narrow columns (符号/值/单位), going on over a page.
        #expect(want.count == 22 && exact.count == want.count, "\(exact.count) of \(want.count) performance tables read exactly")
        #expect(d.performanceTables.flatMap(\.indicators).count == text.performanceTables.flatMap(\.indicators).count)
        #expect(text.performanceTables.flatMap(\.indicators).count == 137)
    }

    @Test("LibreOffice, narrow justified text at 1.5 line spacing, \"2024 年度\": the same figures as the .docx")
    func explanation() throws {
        let pdf = try read("lo-explanation.pdf"), docx = try read("lo-explanation.docx")
        #expect(!pdf.figures.isEmpty)
        #expect(pdf.figures.mapValues(\.value) == docx.figures.mapValues(\.value))
        // Words and amounts broken over lines ("基⏎本支出", "服务预⏎算", "7.95⏎万元") are whole again.
        #expect(pdf.figures["expenditure.basic"]?.value == Decimal(string: "418.02"))
        #expect(pdf.figures["three_public.total"]?.value == Decimal(string: "7.95"))
        #expect(pdf.figures["expenditure.basic.personnel"]?.provenance.page == 1)
        // The cover title over two lines names the department and the year; the kind is read from 决算.
        #expect(pdf.identity.department == "某县农业农村局" && pdf.identity.fiscalYear == 2024 && pdf.identity.kind == .finalAccounts)
        #expect(pdf.identity.kind == docx.identity.kind)
    }

    @Test("LibreOffice tables: vertically centred and wrapped cells, merged headers, a table over two pages with its header repeated")
    func tables() throws {
        let d = try read("lo-tables.pdf")
        // The figures written in lo-tables.docx.
        let want: [String: String] = [
            "gpb.expenditure.total": "1180.5", "gpb.expenditure.basic": "420.25", "gpb.expenditure.project": "760.25",
            "gpb.expenditure.basic.personnel": "360.05", "gpb.expenditure.basic.public": "60.2",
            "three_public.total": "8.6", "three_public.overseas_travel": "0", "three_public.vehicles": "6.1",
            "three_public.vehicles.purchase": "0", "three_public.vehicles.operation": "6.1", "three_public.reception": "2.5"]
        #expect(d.figures.count == want.count)
        for (k, v) in want { #expect(d.figures[k]?.value == Decimal(string: v), "\(k)") }
        // The function table: a name over three lines beside its centred codes and amounts is one row.
        let items = d.lineItems
        #expect(items.prefix(4).map(\.code) == ["213", "21301", "2130101", "2130126"])
        #expect(items.first { $0.code == "2130126" }?.name == "农村社会事业（含以合同签订为准的农村人居环境整治服务购买项目）")
        #expect(items.first { $0.code == "2130126" }?.values["gpb.expenditure.project"] == Decimal(string: "760.25"))
        // The economic table goes on over a page: every row once, the repeated header not read as data, codes never amounts.
        let econ = items.dropFirst(4)
        #expect(econ.count == 66)
        #expect(econ.first { $0.code == "30217" }?.values.values.contains(Decimal(string: "2.5")!) == true)
        #expect(!items.contains { $0.values.values.contains { [Decimal(301), Decimal(30101), Decimal(213)].contains($0) } })
        #expect(d.identity.department == "某县农业农村局" && d.identity.fiscalYear == 2024)
    }
}
