import GonghuiDomain

/// What to generate: the size of the synthetic province and the seed it grows from.
///
/// The same options always give the same province, member for member.
public struct DemoOptions: Sendable, Equatable {
    public var seed: UInt64 = 20_261_121
    /// Members (会员) in the province.
    public var members: Int = 200_000
    /// Grassroots unions, federations (联合会) included: the statistics' 基层工会数.
    public var grassrootsUnions: Int = 10_000
    /// Township and street unions (乡镇、街道工会).
    public var townships: Int = 1_000
    /// The "today" of the demo: no date it produces is later.
    public var asOf: CivilDate = CivilDate(year: 2026, month: 11, day: 21)!

    /// - Parameter grassrootsUnions: by default one union per 20 members, at least 10,000 and
    ///   at most 100,000.
    public init(members: Int = 200_000, grassrootsUnions: Int? = nil, seed: UInt64 = 20_261_121) {
        precondition(members >= 0, "members must not be negative")
        self.members = members
        self.grassrootsUnions = grassrootsUnions ?? min(max(members / 20, 10_000), 100_000)
        self.seed = seed
    }
}
