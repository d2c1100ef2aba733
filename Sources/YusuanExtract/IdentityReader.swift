import Foundation
import YusuanModel
import YusuanRead

/// Who published the document, for which year, and whether it is a budget or final accounts.
enum IdentityReader {
    static let provinces = [
        "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
        "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
        "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    ]
    static let nameEndings = ["部", "局", "委", "办", "院", "会", "中心", "所", "站", "馆", "队", "处", "室", "厅", "组", "社",
                              "团", "校", "园", "政府", "办公室", "委员会", "街道", "镇", "乡", "联合会", "协会", "学校", "医院", "集团"]

    static func read(_ doc: TextDocument) -> Identity {
        var id = Identity()
        let paragraphs = doc.blocks.compactMap { b -> Paragraph? in if case .paragraph(let p) = b { return p } else { return nil } }

        // The title: an early paragraph with a year and 预算/决算 ("2021年部门预算信息公开情况说明").
        for (i, p) in paragraphs.prefix(12).enumerated() {
            guard let (year, yearIndex) = titleYear(p.text),
                  ["预算", "决算", "收支总表", "支出表", "收入表", "经费"].contains(where: { p.text.includes($0) }) else { continue }
            id.fiscalYear = year
            id.kind = p.text.includes("决算") ? .finalAccounts : .budget
            id.provenance = Provenance(line: p.line, page: p.page, text: p.text)
            var before = String(p.text[..<yearIndex]).trimmingSpaces()
            if let r = before.byteRange(of: "现将") { before = String(before[r.upperBound...]) }
            if looksLikeName(before) {
                id.department = before
            } else if i > 0, looksLikeName(paragraphs[i - 1].text) {
                id.department = paragraphs[i - 1].text
            }
            break
        }
        // "现将XX2021年部门预算公开如下" names the department in the body.
        if id.department == nil || id.fiscalYear == nil {
            for p in paragraphs.prefix(40) {
                guard let r = p.text.byteRange(of: "现将") else { continue }
                let rest = String(p.text[r.upperBound...])
                if let (year, yi) = titleYear(rest) {
                    if id.fiscalYear == nil { id.fiscalYear = year }
                    let name = String(rest[..<yi]).trimmingSpaces()
                    if id.department == nil, looksLikeName(name) { id.department = name }
                    if id.kind == nil { id.kind = rest.includes("决算") ? .finalAccounts : (rest.includes("预算") ? .budget : nil) }
                    if id.provenance == nil { id.provenance = Provenance(line: p.line, page: p.page, text: p.text) }
                    break
                }
            }
        }
        if let dept = id.department {
            id.department = dept.replacingAll(" ", with: "")
            id.normalizedDepartment = normalize(dept)
            id.region = region(of: dept, document: doc)
            id.departmentCode = code(before: dept, in: doc)
        }
        return id
    }

    /// The first "2021年" whose year is plausible for a disclosure, and where it starts.
    static func titleYear(_ s: String) -> (Int, String.Index)? {
        var idx = s.startIndex
        while idx < s.endIndex {
            let digits = s[idx...].prefix(4)
            if digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                let after = s.index(idx, offsetBy: 4)
                if after < s.endIndex, s[after] == "年", let y = Int(digits), (1990...2100).contains(y) {
                    if idx == s.startIndex || !(s[s.index(before: idx)].isASCII && s[s.index(before: idx)].isNumber) { return (y, idx) }
                }
            }
            idx = s.index(after: idx)
        }
        return nil
    }

    static func looksLikeName(_ s: String) -> Bool {
        let t = s.trimmingSpaces()
        guard t.count >= 2, t.count <= 60, !t.includes("。"), !t.includes("，") else { return false }
        return nameEndings.contains { t.hasSuffix($0) } || t.hasSuffix("（本级）") || t.hasSuffix("(本级)")
    }

    static func normalize(_ name: String) -> String { DepartmentNames.normalize(name) }

    /// "中国共产党廊坊市广阳区委员会组织部" → "廊坊市广阳区"; a province named in the text is put in front.
    static func region(of name: String, document: TextDocument) -> String? {
        var parts = DepartmentNames.split(name).regions
        guard !parts.isEmpty else { return nil }
        if !provinces.contains(where: { parts[0] == $0 }) {
            // The province is rarely in the name but usually in the text ("《河北省省级预算公开办法》").
            var counts: [String: Int] = [:]
            let head = document.lines.prefix(200).joined(separator: "\n")
            for p in provinces {
                var rest = Substring(head)
                while let r = rest.byteRange(of: p) { counts[p, default: 0] += 1; rest = rest[r.upperBound...] }
            }
            if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
                parts.insert(best.key, at: 0)
            }
        }
        return parts.joined()
    }

    /// A department code in brackets right before the name: "[263001]中国共产党…".
    static func code(before name: String, in doc: TextDocument) -> String? {
        for line in doc.lines {
            guard let r = line.byteRange(of: name) else { continue }
            let head = line[..<r.lowerBound].trimmingSpaces()
            guard let close = head.last, "]】)）".contains(close) else { continue }
            let inner = head.dropLast().reversed().prefix(while: { $0.isASCII && $0.isNumber })
            if inner.count >= 3 { return String(inner.reversed()) }
        }
        return nil
    }
}
