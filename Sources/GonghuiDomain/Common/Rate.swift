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
}
