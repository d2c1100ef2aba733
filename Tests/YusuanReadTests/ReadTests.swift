import Testing
@testable import YusuanRead

@Suite("Decoding")
struct DecodingTests {
    let sample = "2021年预算收入9250.53万元"

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoding.decode(Array(sample.utf8)) == DecodedText(text: sample, encoding: "UTF-8"))
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(sample.utf8)).text == sample)
    }

    @Test func utf16WithBOM() throws {
        let le: [UInt8] = [0xFF, 0xFE] + sample.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + sample.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoding.decode(le) == DecodedText(text: sample, encoding: "UTF-16LE"))
        #expect(try TextDecoding.decode(be) == DecodedText(text: sample, encoding: "UTF-16BE"))
    }

    @Test func gb18030AndGBK() throws {
        // "预算" in GBK/GB18030 is D4 A4 CB E3: not valid UTF-8, so it must be detected.
        let gbk: [UInt8] = [0x32, 0x30, 0x32, 0x31, 0xC4, 0xEA, 0xD4, 0xA4, 0xCB, 0xE3]
        #expect(try TextDecoding.decode(gbk) == DecodedText(text: "2021年预算", encoding: "GB18030"))
        let roundTrip = try #require(TextDecoding.convert(Array(sample.utf8), from: "UTF-8", to: "GB18030"))
        #expect(try TextDecoding.decode(roundTrip).text == sample)
    }

    @Test func refusesEmptyAndBinary() {
        #expect(throws: DecodingError.empty) { try TextDecoding.decode([]) }
        #expect(throws: DecodingError.self) { try TextDecoding.decode([0x00, 0x01, 0x02, 0x03, 0xFF, 0xD8, 0xFF, 0xE0, 0x00]) }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x01, count: 64)
        #expect(throws: DecodingError.self) { try TextDecoding.decode(png) }
    }
}

@Suite("Normalisation")
struct NormalizationTests {
    @Test func fullWidthDigitsAndNumberPunctuation() {
        #expect(TextNormalization.normalize("支出９２５０．５３万元，增长１２．５％") == "支出9250.53万元，增长12.5%")
        #expect(TextNormalization.normalize("９，２５０．５３万元") == "9,250.53万元")
        #expect(TextNormalization.normalize("减少－３万元") == "减少-3万元")
        // A full-width comma between words stays Chinese punctuation.
        #expect(TextNormalization.normalize("收入，支出") == "收入，支出")
        #expect(TextNormalization.normalize("Ａ０２０１") == "A0201")
    }

    @Test func spaces() {
        #expect(TextNormalization.normalize("合\u{3000}计\u{00A0}100\u{200B}万元") == "合 计 100万元")
    }

    @Test func wordNoise() {
        #expect(TextNormalization.normalize("[bookmark: _GoBack]中共某部") == "中共某部")
        #expect(TextNormalization.normalize("1.某经费绩效目标表{ TC 2、某表 \\f C \\l 1 }") == "1.某经费绩效目标表")
        #expect(TextNormalization.normalize("某表{ TC 2、被截断的域代码") == "某表")
        #expect(TextNormalization.normalize("集合{a, b}不是域代码") == "集合{a, b}不是域代码")
        #expect(TextNormalization.normalize("{ PAGE }第一页") == "第一页")
    }

    @Test("exporters' spaces between CJK and numbers", arguments: [
        ("2024 年度部门决算", "2024年度部门决算"), ("比 2023 年增加", "比2023年增加"), ("合计 2.55 万元", "合计2.55万元"),
        ("较 2022 年度决算数增加 19.68 万元", "较2022年度决算数增加19.68万元"), ("增长 12.5 %", "增长12.5%"),
        ("预算 16.7万元", "预算16.7万元"), ("保有 3 輛", "保有3輛"),
    ])
    func cjkNumberSpaces(_ pair: (String, String)) {
        #expect(TextNormalization.repair(pair.0) == pair.1)
    }

    @Test func columnsAndCodesKeepTheirSpaces() {
        // Two or more spaces separate PDF layout columns; a classification code stays apart from its name.
        #expect(TextNormalization.repair("本年收入合计  434.16  2023  年") == "本年收入合计  434.16  2023  年")
        #expect(TextNormalization.repair("2010101 行政运行") == "2010101 行政运行")
        #expect(TextNormalization.repair("2019 2020") == "2019 2020")
        #expect(TextNormalization.repair("项目 预算数 决算数") == "项目 预算数 决算数")
        #expect(TextNormalization.repair("\t≥ 20 人") == "\t≥ 20 人")
        #expect(TextNormalization.repair("\t公務(wù)用車") == "\t公務用車")
    }

    @Test func letterSpacedLabels() {
        #expect(TextNormalization.repair("本 年 收 入 合 计") == "本年收入合计")
        #expect(TextNormalization.repair("合 计  65.00") == "合计  65.00")
        #expect(TextNormalization.repair("项 目 预算数") == "项目 预算数")
        #expect(TextNormalization.repair("“三 公”经费") == "“三公”经费")
        // A character touching a word is not letter-spaced: "公 务接待费" is left as it is.
        #expect(TextNormalization.repair("公 务接待费") == "公 务接待费")
    }

    @Test func pinyinGlossesAndDoubledGlyphs() {
        #expect(TextNormalization.repair("公務(wù)用車購(gòu)置費(fèi)") == "公務用車購置費")
        #expect(TextNormalization.repair("部門門(mén)決算（jué）") == "部門決算")
        // Brackets holding plain letters are not a reading.
        #expect(TextNormalization.repair("附件(xls)和(a)项") == "附件(xls)和(a)项")
    }

    @Test func preparedLinesKeepTheOriginalsForQuoting() {
        let p = TextNormalization.prepare(["某局", "2024 年度部门决算", "收入 1.5 万元"])
        #expect(p.lines == ["某局", "2024年度部门决算", "收入1.5万元"])
        #expect(p.originals == ["某局", "2024 年度部门决算", "收入 1.5 万元"])
        #expect(!p.traditional)
        let unchanged = TextNormalization.prepare(["某局2024年度部门决算"])
        #expect(unchanged.originals == nil)
    }

    @Test func lineEndings() {
        #expect(TextNormalization.lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"])
        #expect(TextNormalization.lines("a\n\nb\n") == ["a", "", "b"])
    }
}

@Suite("Tika text blocks")
struct TikaBlockTests {
    @Test func paragraphsTablesAndContinuations() {
        let text = """
        标题
        \t一级
        指标
        \t值

        \t产出
        \t5个

        七、下一节
        """
        let doc = TikaTextReader.read(text: text)
        #expect(doc.blocks.count == 3)
        guard case .paragraph(let p) = doc.blocks[0], case .table(let t) = doc.blocks[1], case .paragraph(let q) = doc.blocks[2] else {
            Issue.record("unexpected blocks \(doc.blocks)"); return
        }
        #expect(p.text == "标题" && p.line == 1)
        #expect(t.line == 2 && t.rows.count == 2)
        #expect(t.rows[0].cells.map(\.text) == ["一级指标", "值"])
        #expect(t.rows[1].cells[1].line == 7)
        #expect(q.text == "七、下一节" && q.line == 9)
    }

    @Test func headingEndsATableWithoutBlankLine() {
        let doc = TikaTextReader.read(text: "\t触控一体机\n\t3.32\n 七、国有资产信息\n正文")
        #expect(doc.blocks.count == 3)
        if case .paragraph(let p) = doc.blocks[1] { #expect(p.text == "七、国有资产信息" && p.line == 3) }
    }

    @Test func listItemsInACellKeepTheirBreaks() {
        let doc = TikaTextReader.read(text: "\t绩效目标\n\t1.维持运转\n2.提升能力\n")
        guard case .table(let t) = doc.blocks[0] else { Issue.record("no table"); return }
        #expect(t.rows[0].cells[1].text == "1.维持运转\n2.提升能力")
    }
}

@Test("SHA-256 matches known vectors")
func sha256Vectors() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = Array(String(repeating: "a", count: 1000).utf8)
    #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    // Lengths around the block and padding boundaries (hashlib's digests).
    let known = [
        55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318", 56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
        63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34", 64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0", 119: "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
        120: "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c", 128: "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e",
    ]
    for (n, hex) in known { #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: n)) == hex, "\(n)") }
}
