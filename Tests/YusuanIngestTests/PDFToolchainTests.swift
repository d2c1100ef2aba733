import Foundation
import Testing
import YusuanIngest
import YusuanModel
import YusuanRead
import YusuanRender

/// tesseract with Chinese is installed only by `scripts/setup.sh --ocr`; CI does not install it.
let tesseractChinese: Bool = {
    guard case .success(let o) = Subprocess.run("/usr/bin/env", ["tesseract", "--list-langs"], timeout: 20), o.status == 0 else { return false }
    return String(decoding: o.stdout + o.stderr, as: UTF8.self).contains("chi_sim")
}()

/// PDFs as they come from the field: unembedded Chinese CID fonts, and scans (fixtures of our own, made by
/// scripts/make-legacy-fixtures.py from explanation.docx).
@Suite("PDF toolchain")
struct PDFToolchainTests {
    @Test("an unembedded STSong-Light (Adobe-GB1) PDF gives the same figures as the document's text")
    func unembeddedChineseFont() throws {
        let pdf = try read("explanation-stsong.pdf"), docx = try read("explanation.docx")
        #expect(pdf.figures.count >= 15)
        for (k, f) in pdf.figures { #expect(f.value == docx.figures[k]?.value, "\(k)") }
        #expect(pdf.identity.department == "某县水务局" && pdf.identity.fiscalYear == 2023)
    }

    @Test("pdftotext's complaints about missing font data are reported as such, with the fix")
    func fontDiagnosis() {
        let stderr = "Syntax Error: Missing language pack for 'Adobe-GB1' mapping\nSyntax Error: Unknown font tag 'F1'\nSyntax Error (401): No font in show\n"
        let d = PDFReader.missingFontData(Array(stderr.utf8))
        #expect(d?.contains("poppler-data") == true && d?.contains("Adobe-GB1") == true, "\(String(describing: d))")
        #expect(PDFReader.missingFontData(Array("Syntax Warning: May not be a PDF file\n".utf8)) == nil)
        let alone = PDFReader.missingFontData(Array("Syntax Error: Unknown font tag 'F9'\n".utf8))
        #expect(alone?.contains("damaged") == true && alone?.contains("poppler-data") == true, "\(String(describing: alone))")
        #expect(PDFReader.missingFontData([]) == nil)
    }

    @Test("a scan without --ocr: the message says how to read it")
    func scanWithoutOCR() throws {
        let f = try #require(failure(Ingest.ingest(bytes: fixture("explanation-scan.pdf"), path: "scan.pdf")))
        #expect(f.message.contains("--ocr") && f.message.contains("setup.sh --ocr"), "\(f.message)")
    }

    @Test("a scan with --ocr: the page's figures, each marked ocr, and a warning", .enabled(if: tesseractChinese, "tesseract with chi_sim is not installed (scripts/setup.sh --ocr)"))
    func scanWithOCR() throws {
        let r = Ingest.ingest(bytes: fixture("explanation-scan.pdf"), path: "scan.pdf", options: ReadOptions(ocr: true))
        let d = try #require(success(r), "\(r)")
        let docx = try read("explanation.docx")
        for k in ["revenue.total", "revenue.general_public_budget", "expenditure.total", "expenditure.basic", "expenditure.basic.personnel",
                  "expenditure.project", "operating_costs", "three_public.total", "three_public.vehicles", "three_public.reception"] {
            #expect(d.figures[k]?.value == docx.figures[k]?.value, "\(k): \(String(describing: d.figures[k]?.raw))")
        }
        #expect(d.figures.values.allSatisfy { $0.provenance.ocr && $0.provenance.page == 1 })
        #expect(d.warnings.contains { $0.contains("OCR") })
        #expect(DisclosureJSON.disclosure(d).serialized().contains("\"ocr\": true"))
        // Text read from the file is never marked.
        #expect(!docx.figures.values.contains { $0.provenance.ocr })
    }
}
