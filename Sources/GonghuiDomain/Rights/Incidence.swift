import Foundation

/// How often disputes break out in each region under a node (案件发生率): the cases received in a
/// period per 10,000 members, and the shade the map gives it — five steps from the lowest to the
/// highest rate among the regions shown, so that the map compares the regions with each other.
public struct RegionIncidence: Sendable, Equatable {
    public var code: String
    public var name: String
    public var cases: Int
    public var members: Int

    public init(code: String, name: String, cases: Int, members: Int) {
        self.code = code; self.name = name; self.cases = cases; self.members = members
    }

    /// Cases per 10,000 members, or nil where the region has no members.
    public var perTenThousand: Double? { members == 0 ? nil : Double(cases) * 10_000 / Double(members) }

    /// One decimal, or nil.
    public var rateText: String? { perTenThousand.map { String(format: "%.1f", $0) } }

    /// The shade of each region, 0 (lowest) to 4 (highest), nil without members: the rate's place
    /// between the lowest and the highest of `all`, in five equal steps.
    public static func shades(_ all: [RegionIncidence]) -> [Int?] {
        let rates = all.compactMap(\.perTenThousand)
        guard let low = rates.min(), let high = rates.max() else { return all.map { _ in nil } }
        return all.map { r in
            guard let rate = r.perTenThousand else { return nil }
            guard high > low else { return 2 }
            return min(4, Int((rate - low) / (high - low) * 5))
        }
    }
}
