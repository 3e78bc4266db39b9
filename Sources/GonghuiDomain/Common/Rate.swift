/// Rates as the statistics print them: a fraction to four decimal places, rounded half up in
/// integer arithmetic (the same digits on every machine). The one rounding of every rate.
public enum Rate {
    /// `part ÷ whole` as "0.8125"; nil when there is no whole.
    public static func fourPlaces(_ part: Int, of whole: Int) -> String? {
        guard whole > 0 else { return nil }
        let scaled = (part * 100_000 / whole + 5) / 10
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// `part ÷ whole` in tenths of a percent, rounded half up: 13 of 16 (0.8125) → 813; nil
    /// when there is no whole.
    public static func permille(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 2000 / whole + 1) / 2
    }

    /// `part ÷ whole` as a percentage to one decimal, rounded half up: "81.3%". Every page, chart
    /// and table that shows a rate to one decimal shows this.
    public static func percent(_ part: Int, of whole: Int) -> String? {
        permille(part, of: whole).map(percent(permille:))
    }

    /// Tenths of a percent as "81.3%".
    public static func percent(permille p: Int) -> String {
        "\(p < 0 ? "-" : "")\(abs(p) / 10).\(abs(p) % 10)%"
    }

    /// A four-place rate ("0.9875", from `fourPlaces`) as the same number in percent with two
    /// decimals ("98.75%"): moved, not rounded again. nil for anything else.
    public static func percent(fourPlaces text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let digits = { (p: Substring) in !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 2, parts[1].count == 4, digits(parts[0]), digits(parts[1]), let whole = Int(parts[0]), let fraction = Int(parts[1]) else { return nil }
        let permyriad = whole * 10_000 + fraction
        let cents = permyriad % 100
        return "\(permyriad / 100).\(cents < 10 ? "0" : "")\(cents)%"
    }
}
