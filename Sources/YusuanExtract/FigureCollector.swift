import Foundation
import YusuanModel

/// Accumulates figures in document order. The first statement of a figure wins; a later statement with
/// the same value is a confirmation, one with a different value becomes a warning naming both lines.
struct FigureCollector {
    private(set) var figures: [String: Figure] = [:]
    private(set) var warnings: [String] = []

    mutating func add(_ key: String, _ value: Decimal, raw: String, step: Decimal, provenance: Provenance) {
        if let w = Numbers.implausible(value, raw: raw, line: provenance.line) { warnings.append(w); return }
        if let existing = figures[key] {
            if existing.value != value {
                warnings.append("\(key): line \(existing.provenance.line) states \(existing.value.plain), line \(provenance.line) states \(value.plain); kept the first")
            }
            return
        }
        figures[key] = Figure(key: key, value: value, raw: raw, step: step, provenance: provenance)
    }

    mutating func warn(_ message: String) { warnings.append(message) }
}
