import Foundation

extension Decimal {
    /// Exact plain notation without exponent ("9250.53", "-901.2", "0"), rounded to 8 places:
    /// how JSON, reports and messages print amounts.
    public var plain: String {
        var d = self
        var r = Decimal()
        NSDecimalRound(&r, &d, 8, .plain)
        return NSDecimalNumber(decimal: r).stringValue
    }
}
