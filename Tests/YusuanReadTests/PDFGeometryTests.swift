import Testing
@testable import YusuanRead

/// Words laid out as an exporter places them: `w("文字", x, top)` with 10 pt characters (digits 5 pt).
private func w(_ text: String, _ x: Double, _ top: Double, size: Double = 10) -> PDFWord {
    let width = text.reduce(0.0) { $0 + (($1.isASCII) ? size / 2 : size) }
    return PDFWord(text, x0: x, y0: top, x1: x + width, y1: top + size)
}

private func tables(_ d: TextDocument) -> [Table] { d.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } } }
private func paragraphs(_ d: TextDocument) -> [String] { d.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } } }
private func texts(_ t: Table) -> [[String]] { t.rows.map { $0.cells.map(\.text) } }

@Suite("PDF geometry")
struct PDFGeometryTests {
    @Test("a label that wraps inside its column is one cell; the amounts centred beside it belong to its row")
    func wrappedAndCentred() throws {
        // Columns: code at 10, name at 60 (12 characters wide: 60–180), amount at 200. Rows 6 pt apart (cell padding).
        let page = PDFPage(words: [
            w("科目编码", 10, 100), w("科目名称", 60, 100), w("金额", 200, 100),
            // A two-line name; the code and the amount are centred on the row, half a line lower than its first line.
            w("农村社会事业含以合同签订", 60, 116), w("213", 10, 121), w("760.25", 200, 121), w("为准的服务项目", 60, 126),
            w("301", 10, 142), w("工资福利支出", 60, 142), w("330.05", 200, 142),
        ])
        let d = PDFReader.parse(pages: [page])
        let t = try #require(tables(d).first)
        #expect(texts(t) == [["科目编码", "科目名称", "金额"], ["213", "农村社会事业含以合同签订为准的服务项目", "760.25"], ["301", "工资福利支出", "330.05"]])
        // Provenance: each cell names its own line and the table its page.
        #expect(t.page == 1 && t.rows[1].cells[2].line != t.rows[1].cells[1].line)
        #expect(d.line(t.rows[1].cells[2].line).contains("760.25"))
    }

    @Test("a line of amounts printed above its label joins the label's row; the 款 code stays a code")
    func amountsAboveTheLabel() throws {
        let page = PDFPage(words: [
            w("科目编码", 10, 100), w("科目名称", 60, 100), w("合计", 200, 100), w("人员经费", 260, 100),
            // ONLYOFFICE: the amounts a line above the code and the label.
            w("360.05", 200, 113), w("360.05", 260, 113),
            w("14", 10, 121), w("人员经费合计", 60, 121),
            w("301", 10, 140), w("工资福利支出", 60, 140), w("330.05", 200, 140), w("330.05", 260, 140),
        ])
        let t = try #require(tables(PDFReader.parse(pages: [page])).first)
        #expect(texts(t) == [["科目编码", "科目名称", "合计", "人员经费"], ["14", "人员经费合计", "360.05", "360.05"],
                             ["301", "工资福利支出", "330.05", "330.05"]])
    }

    @Test("a table that goes on at the top of the next page continues in the same columns; its repeated header is dropped")
    func tableOverTwoPages() throws {
        let header = [w("科目编码", 10, 100), w("科目名称", 60, 100), w("金额", 200, 100)]
        let p1 = PDFPage(words: header + [w("301", 10, 116), w("工资福利支出", 60, 116), w("330.05", 200, 116),
                                          w("30101", 10, 132), w("基本工资", 60, 132), w("120.40", 200, 132)])
        let p2 = PDFPage(words: header + [w("302", 10, 116), w("商品和服务支出", 60, 116), w("60.20", 200, 116),
                                          w("30201", 10, 132), w("办公费", 60, 132), w("12.00", 200, 132)])
        let d = PDFReader.parse(pages: [p1, p2])
        let ts = tables(d)
        #expect(ts.count == 1)
        #expect(ts.first.map(texts)?.map { $0[0] } == ["科目编码", "301", "30101", "302", "30201"])
        #expect(d.pages?[(ts.first?.rows.last?.line ?? 1) - 1] == 2, "a row's line is on its own page")
    }

    @Test("prose: lines that run to the edge go on; a centred title, a numbered heading and a sentence end do not")
    func proseFromGeometry() {
        var words = [w("某县农业农村局", 150, 40, size: 20), w("2024年度部门决算公开说明", 90, 66, size: 20),
                     w("一、收入支出决算总体情况", 10, 100)]
        // A narrow (WPS-like) column: every line short, without punctuation at its end, justified to the edge.
        for (i, l) in ["2024年度收入总计1310.42万元其中本", "年收入合计1250.32万元年初结转和", "结余60.10万元。"].enumerated() {
            words.append(w(l, 10, 116 + Double(i) * 16))
        }
        words.append(w("二、支出决算情况说明", 10, 170))
        let p = paragraphs(PDFReader.parse(pages: [PDFPage(words: words)]))
        #expect(p == ["某县农业农村局", "2024年度部门决算公开说明", "一、收入支出决算总体情况",
                      "2024年度收入总计1310.42万元其中本年收入合计1250.32万元年初结转和结余60.10万元。", "二、支出决算情况说明"])
    }

    @Test("a sentence that ends at the margin goes on with the next line at the same pitch; an indented line starts a paragraph")
    func sentenceAtTheMargin() {
        let lines = ["收入预算合计1250.32万元其中一般公共预算", "拨款收入1180.50万元政府性基金收入70万元。", "与上年相比持平无增减变化主要原因是人员稳定",
                     "经费标准不变。"]
        var words = lines.enumerated().map { w($0.element, 10, 100 + Double($0.offset) * 16) }
        words.append(w("下一段的第一行开头缩进两个字符的位置", 30, 164))
        let p = paragraphs(PDFReader.parse(pages: [PDFPage(words: words)]))
        #expect(p == [lines.joined(), "下一段的第一行开头缩进两个字符的位置"])
    }

    @Test("prose from layout text: one blank line (1.5 line spacing) does not end a paragraph; words and units split across lines join")
    func proseFromLayoutText() {
        let text = """
        某县农业农村局
        2024年度部门决算公开说明
        二、支出决算情况说明
          2024年度本年支出合计1,238.77万元，其中：基

        本支出决算418.02万元；项目支出决算820.75万元。其中：人

        员经费360.55万元，公用经费57.47万元，以合同签订为准的服务预

        算已计入（以合

        同签订为准）。
        （一）基本支出
        """
        let p = paragraphs(PDFReader.parse(text))
        #expect(p == ["某县农业农村局", "2024年度部门决算公开说明", "二、支出决算情况说明",
                      "2024年度本年支出合计1,238.77万元，其中：基本支出决算418.02万元；项目支出决算820.75万元。其中：人员经费360.55万元，公用经费57.47万元，以合同签订为准的服务预算已计入（以合同签订为准）。",
                      "（一）基本支出"])
    }

    @Test("headings by their numbering, not by shortness")
    func headings() {
        for h in ["一、部门职责", "（一）总体绩效目标", "(2)支出", "1.收入说明", "2、支出说明", "第一部分 部门概况"] { #expect(ProseBuilder.isHeading(h), "\(h)") }
        for s in ["1.5万元用于", "2024年度收入", "人员经费", "（以合同签订为准）"] { #expect(!ProseBuilder.isHeading(s), "\(s)") }
    }

    @Test("a header cell centred over sub-columns stays in its row; the sub-headers below are not joined into it")
    func mergedHeader() throws {
        let page = PDFPage(words: [
            w("项目", 10, 100), w("指标值", 122, 100), w("依据", 260, 100),
            w("符号", 100, 112), w("值", 140, 112), w("单位", 180, 112),
            w("数量", 10, 128), w("≥", 100, 128), w("90", 140, 128), w("%", 180, 128), w("文件", 260, 128),
            w("质量", 10, 144), w("=", 100, 144), w("100", 140, 144), w("%", 180, 144), w("文件", 260, 144),
        ])
        let t = try #require(tables(PDFReader.parse(pages: [page])).first)
        #expect(texts(t).prefix(2) == [["项目", "", "指标值", "", "依据"], ["", "符号", "值", "单位", ""]])
        #expect(texts(t).last == ["质量", "=", "100", "%", "文件"])
    }

    @Test("a title between two tables ends the first; a one-cell row inside a table does not")
    func titleBetweenTables() {
        let page = PDFPage(words: [
            w("项目", 10, 100), w("数量", 120, 100), w("价值", 200, 100),
            w("车辆", 10, 116), w("5", 120, 116), w("101.55", 200, 116),
            w("1、房屋", 10, 132),
            w("设备", 10, 148), w("13", 120, 148), w("733.03", 200, 148),
            // A title across the columns, set apart, then a second table.
            w("二、政府采购预算情况说明表格", 10, 172),
            w("品目", 10, 196), w("数量", 120, 196), w("金额", 200, 196),
            w("服务器", 10, 212), w("3", 120, 212), w("60", 200, 212),
        ])
        let d = PDFReader.parse(pages: [page])
        #expect(tables(d).map { texts($0).map { $0[0] } } == [["项目", "车辆", "1、房屋", "设备"], ["品目", "服务器"]])
        #expect(paragraphs(d) == ["二、政府采购预算情况说明表格"])
    }

    @Test("pdftotext's bbox XHTML: pages, words, entities")
    func bboxMarkup() {
        let x = """
        <doc><page width="595" height="842"><flow><block><line>
        <word xMin="10.5" yMin="20" xMax="30" yMax="30">A&amp;B</word><word xMin="40" yMin="20" xMax="60" yMax="30">&#x4E00;</word>
        </line></block></flow></page><page width="595" height="842"></page></doc>
        """
        let pages = PDFGeometry.pages(x)
        #expect(pages.count == 2 && pages[1].words.isEmpty)
        #expect(pages[0].words == [PDFWord("A&B", x0: 10.5, y0: 20, x1: 30, y1: 30), PDFWord("一", x0: 40, y0: 20, x1: 60, y1: 30)])
    }
}
