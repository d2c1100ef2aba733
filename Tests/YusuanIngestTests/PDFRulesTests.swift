import Testing
@testable import YusuanRead

/// Row and column borders read from `pdftocairo -svg` output: the shapes cairo writes for LibreOffice, reportlab,
/// Word and WPS exports, written by hand.
@Suite("PDF table borders")
struct PDFRulesTests {
    static let svg = """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792">
    <defs><g><symbol id="glyph0-1"><path style="stroke:none;" d="M 1 1 L 9 1 L 9 1.5 L 1 1.5 Z"/></symbol></g>
    <clipPath id="clip1"><path d="M 0 0 L 612 0 L 612 1 L 0 1 Z"/></clipPath></defs>
    <pageSet><page>
    <path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 84 632 L 516 632 " transform="matrix(1,0,0,-1,0,792)"/>
    <path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 171 632 L 171 580 " transform="matrix(1,0,0,-1,0,792)"/>
    <path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 0 0 C 10 10 20 10 30 0 "/>
    <g transform="translate(10,20)"><path style="stroke:none;fill:rgb(0%,0%,0%);" d="M 50 100 L 250 100 L 250 100.75 L 50 100.75 Z"/></g>
    <path style="stroke:none;fill:rgb(90%,90%,90%);" d="M 50 300 L 250 300 L 250 330 L 50 330 Z"/>
    </page><page>
    <path style="stroke:none;fill:rgb(0%,0%,0%);" d="M 300 50 L 300.5 50 L 300.5 90 L 300 90 Z"/>
    </page></pageSet></svg>
    """

    @Test("stroked lines and thin filled boxes under their transforms; glyphs, clips, curves and shading skipped")
    func parse() {
        let pages = PDFRules.parse(svg: Array(Self.svg.utf8))
        #expect(pages.count == 2)
        // y flipped by the page transform: 792 − 632 = 160; the filled box moved by its group (10, 20).
        #expect(pages[0].rows == [PDFRule(y: 160, x0: 84, x1: 516), PDFRule(y: 120.375, x0: 60, x1: 260)])
        #expect(pages[0].columns == [PDFColumnRule(x: 171, top: 160, bottom: 212)])
        #expect(pages[1].rows.isEmpty && pages[1].columns == [PDFColumnRule(x: 300.25, top: 50, bottom: 90)])
    }

    @Test("anything that is not cairo's SVG gives no borders, and never traps", arguments: [
        "", "<", "<page", "<pageSet><page><path d=\"M\"/>", "<page><path style=\"stroke:#000\" d=\"M 1e309 2 L -- 5 6 L\"/>",
        "<page><g transform=\"matrix(1,2\"><path style=\"stroke:#000\" d=\"M 0 0 L 10 0\"/></g></g></g>",
    ])
    func junk(svg: String) {
        let pages = PDFRules.parse(svg: Array(svg.utf8))
        #expect(pages.allSatisfy { $0.rows.allSatisfy { $0.y.isFinite } })
    }
}
