import Foundation
import YusuanModel

/// Accumulates figures in document order. The first statement of a figure wins, except that a table cell
/// beats running text and an exact statement beats its rounding ("8万元" then "8.27万元"). Every statement is
/// kept in `statements`, so checks can report where a document disagrees with itself.
struct FigureCollector {
    private(set) var figures: [String: Figure] = [:]
    private(set) var statements: [Figure] = []
    private(set) var warnings: [String] = []

    mutating func add(_ key: String, _ value: Decimal, raw: String, step: Decimal, provenance: Provenance, origin: Figure.Origin = .prose) {
        if let w = Numbers.implausible(value, raw: raw, line: provenance.line) { warnings.append(w); return }
        let new = Figure(key: key, value: value, raw: raw, step: step, provenance: provenance, origin: origin)
        statements.append(new)
        guard let existing = figures[key] else {
            figures[key] = new
            return
        }
        if existing.value == value { return }
        if step < existing.step, abs(existing.value - value) <= existing.step / 2 {
            figures[key] = new
            return
        }
        let keepNew = existing.origin == .prose && origin == .table
        let kept = keepNew ? new : existing
        if keepNew { figures[key] = new }
        warnings.append("\(key): line \(existing.provenance.line) states \(existing.value.plain), line \(provenance.line) states \(value.plain); kept line \(kept.provenance.line) (\(kept.origin == .table ? "table" : "text"))")
    }

    mutating func warn(_ message: String) { warnings.append(message) }
}
