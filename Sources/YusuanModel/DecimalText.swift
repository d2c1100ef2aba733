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

    /// For statistics and layout only: money stays Decimal everywhere else. The same bits as
    /// NSDecimalNumber's doubleValue, without an object per call.
    public var double: Double { DecimalBits.known ? DecimalBits.double(self) : NSDecimalNumber(decimal: self).doubleValue }

    /// Rounded to `places` decimals (plain rounding, as for money).
    public func rounded(_ places: Int) -> Decimal {
        var v = self, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }
}
