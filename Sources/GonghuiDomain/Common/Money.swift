/// An amount of renminbi in fen (分), the smallest unit. Never a floating-point number:
/// sums of grants, dues and budgets must agree to the fen.
public struct Money: Hashable, Comparable, Sendable {
    public var fen: Int64

    public init(fen: Int64) {
        self.fen = fen
    }

    /// Whole yuan (元).
    public init(yuan: Int64) {
        self.fen = yuan * 100
    }

    public static let zero = Money(fen: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static prefix func - (amount: Money) -> Money { Money(fen: -amount.fen) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.fen += rhs.fen }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.fen -= rhs.fen }

    /// The amount times a whole count (a per-person amount for a number of people).
    public func multiplied(by count: Int) -> Money { Money(fen: fen * Int64(count)) }

    public var isNegative: Bool { fen < 0 }
    public var isZero: Bool { fen == 0 }

    /// Yuan with exactly two decimals and no grouping: "1234.56", "-0.50", "0.00".
    public var yuanString: String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        let text = "\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
        return fen < 0 ? "-" + text : text
    }

    /// Yuan as people read money, thousands grouped and two decimals: "1,234,567.89". For pages
    /// and printed documents; files for machines and form fields keep `yuanString`.
    public var groupedYuan: String { Self.grouped(fen.magnitude, fenPerHundredth: 1, negative: fen < 0) }

    /// Ten thousands of yuan (万元) to two decimals, half up: 8,000.00 元 → "0.80",
    /// 7,000,293.00 元 → "700.03".
    public var tenThousandYuan: String { Self.grouped(fen.magnitude, fenPerHundredth: 10_000, negative: fen < 0) }

    /// `magnitude` fen in a unit of which one hundredth is `fenPerHundredth` fen, rounded half up
    /// to two decimals, the whole part grouped by thousands.
    static func grouped(_ magnitude: UInt64, fenPerHundredth: UInt64, negative: Bool) -> String {
        let exact = (magnitude + fenPerHundredth / 2) / fenPerHundredth
        let cents = exact % 100
        return (negative && exact > 0 ? "-" : "") + Self.thousands(exact / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// 1234567 → "1,234,567": the one grouping of pages' numbers and amounts. By hand: a
    /// NumberFormatter per call costs more than the page.
    public static func thousands(_ n: UInt64) -> String {
        let digits = String(n)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}

/// Why a text could not be read as an amount of money.
public enum MoneyError: Error, Equatable, Sendable, UserFacingError {
    case malformed(String)
    /// More than two decimal places: the amount is not a whole number of fen.
    case tooManyDecimals(String)
    case overflow(String)

    public var message: String {
        switch self {
        case .malformed(let raw):
            "金额格式不正确：“\(raw)”，应为以元为单位的数字，如 1234.56"
        case .tooManyDecimals(let raw):
            "金额最多保留两位小数（到分）：“\(raw)”"
        case .overflow(let raw):
            "金额超出可处理范围：“\(raw)”"
        }
    }
}

extension Money {
    /// Reads an amount in yuan as people and spreadsheets write it: "1234.56", "1,234.5",
    /// "￥12", "¥12.00元", "-3.10", "￥-3.10", with surrounding white space and full-width
    /// characters allowed. Thousands separators must group by three, so a decimal comma such
    /// as "12,34" is refused rather than misread. Decimals beyond the fen are an error unless
    /// they are zeros ("1.230" is 1.23 yuan; "1.234" cannot be represented exactly).
    public init(parsingYuan raw: String) throws(MoneyError) {
        let shown = String(TextScanning.trimmed(raw))
        var text = Substring(shown)
        if !TextScanning.isASCII(text) {
            // Currency sign and unit: "￥12", "-¥3.10", "¥-3.10", "12元".
            var folded = TextScanning.trimmed(TextScanning.foldingFullWidth(text))
            if folded.hasSuffix("元") { folded = TextScanning.trimmed(String(folded.dropLast())) }
            var sign = ""
            if let first = folded.first, first == "-" || first == "+" {
                sign = String(first)
                folded = folded.dropFirst()
            }
            if folded.first == "¥" { folded = TextScanning.trimmed(String(folded.dropFirst())) }
            text = Substring(sign + folded)
        }
        let bytes = text.utf8
        var index = bytes.startIndex
        var negative = false
        func peek() -> UInt8? { index < bytes.endIndex ? bytes[index] : nil }

        if let first = peek(), first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }

        var whole: Int64 = 0
        var wholeDigits = 0
        var groupDigits = 0      // digits since the last comma
        var sawComma = false
        var overflow = false
        while let byte = peek() {
            if byte >= 0x30 && byte <= 0x39 {
                let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times10.addingReportingOverflow(Int64(byte - 0x30))
                overflow = overflow || o1 || o2
                whole = plus
                wholeDigits += 1
                groupDigits += 1
            } else if byte == UInt8(ascii: ",") {
                // The first group holds 1…3 digits, every later one exactly 3.
                guard groupDigits >= 1, groupDigits <= 3, !sawComma || groupDigits == 3 else {
                    throw .malformed(shown)
                }
                sawComma = true
                groupDigits = 0
            } else {
                break
            }
            index = bytes.index(after: index)
        }
        guard wholeDigits > 0, !sawComma || groupDigits == 3 else { throw .malformed(shown) }

        var cents: Int64 = 0
        if peek() == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            var fractionDigits = 0
            var excessNonZero = false
            while let byte = peek(), byte >= 0x30 && byte <= 0x39 {
                fractionDigits += 1
                if fractionDigits <= 2 {
                    cents += Int64(byte - 0x30) * (fractionDigits == 1 ? 10 : 1)
                } else if byte != 0x30 {
                    excessNonZero = true
                }
                index = bytes.index(after: index)
            }
            guard fractionDigits > 0 else { throw .malformed(shown) }
            if index == bytes.endIndex && excessNonZero { throw .tooManyDecimals(shown) }
        }
        guard index == bytes.endIndex else { throw .malformed(shown) }
        if overflow { throw .overflow(shown) }

        let (scaled, o1) = whole.multipliedReportingOverflow(by: 100)
        let (total, o2) = scaled.addingReportingOverflow(cents)
        guard !o1, !o2 else { throw .overflow(shown) }
        self.fen = negative ? -total : total
    }
}

extension Money: CustomStringConvertible {
    /// The same as `yuanString`.
    public var description: String { yuanString }
}

extension Money: Codable {
    /// Decodes a whole number of fen.
    public init(from decoder: any Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes as a whole number of fen.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }
}

extension Sequence where Element == Money {
    /// The total to the fen.
    public func sum() -> Money {
        reduce(into: Money.zero) { $0 += $1 }
    }
}
