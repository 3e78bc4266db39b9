/// A value a region sets from a date: a 低保 line, a minimum wage.
public protocol RegionallyEffective {
    /// A GB/T 2260 code: a county's, a city's (`4201 00`) or the province's (`42 0000`).
    var regionCode: String { get }
    var effectiveFrom: CivilDate { get }
}

extension Collection where Element: RegionallyEffective {
    /// The value for a place on a date: its county's, else its city's, else its province's — the
    /// most specific region with a value in force on the date, and of that region the value that
    /// took effect last.
    public func inForce(for regionCode: String, on date: CivilDate) -> Element? {
        guard regionCode.count == 6 else { return nil }
        for code in [regionCode, String(regionCode.prefix(4)) + "00", String(regionCode.prefix(2)) + "0000"] {
            if let latest = filter({ $0.regionCode == code && $0.effectiveFrom <= date }).max(by: { $0.effectiveFrom < $1.effectiveFrom }) {
                return latest
            }
        }
        return nil
    }
}
