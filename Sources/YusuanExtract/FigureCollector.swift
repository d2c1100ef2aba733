import Foundation
import YusuanModel

/// Accumulates figures in document order. The first statement of a figure wins; a later statement with
/// the same value is a confirmation, one with a different value becomes a warning naming both lines.
struct FigureCollector {
    private(set) var figures: [String: Figure] = [:]
    private(set) var warnings: [String] = []

    mutating func add(_ key: String, _ value: Decimal, raw: String, step: Decimal, provenance: Provenance) {
        if let existing = figures[key] {
            // "8万元" in a headline, "8.27万元" in the text: the more precise statement is the figure.
            if step < existing.step, abs(existing.value - value) <= existing.step / 2 {
                figures[key] = Figure(key: key, value: value, raw: raw, step: step, provenance: provenance)
                return
            }
            if existing.value != value {
                warnings.append("\(key): line \(existing.provenance.line) states \(existing.value.plain), line \(provenance.line) states \(value.plain); kept the first")
            }
            return
        }
        figures[key] = Figure(key: key, value: value, raw: raw, step: step, provenance: provenance)
    }

    mutating func warn(_ message: String) { warnings.append(message) }
}
