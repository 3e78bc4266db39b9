import GonghuiDomain

/// The deterministic synthetic province (湖北省) behind `gonghui serve --demo`, the tests and
/// the benchmarks: its organization tree, its members and the demo logins.
///
/// The tree is built once (about a second for 100,000 unions); members are never stored:
/// `member(at:)` derives member i from the seed and i alone, so ten million members cost no
/// memory and can be produced in any order or in parallel. The same options always give the
/// same province.
public struct DemoProvince: Sendable {
    public let options: DemoOptions
    /// Every organization, parents before children.
    public let orgs: [DemoOrg]
    /// The logins of the demo, with fixed passwords.
    public let accounts: [DemoAccount]
    let index: MemberIndex

    public init(options: DemoOptions = DemoOptions()) {
        self.options = options
        let plan = OrgPlan(options: options)
        let builder = ProvinceBuilder(plan: plan, options: options)
        orgs = builder.orgs
        index = builder.makeMemberIndex()
        accounts = builder.makeAccounts()
    }

    /// All members, generated on demand.
    public func members() -> DemoMemberSequence {
        DemoMemberSequence(index: index, range: 0..<options.members)
    }

    /// Members with numbers in `range` (a subrange of 0..<options.members), e.g. one share of
    /// a parallel import.
    public func members(_ range: Range<Int>) -> DemoMemberSequence {
        precondition(range.lowerBound >= 0 && range.upperBound <= options.members,
                     "member range \(range) outside 0..<\(options.members)")
        return DemoMemberSequence(index: index, range: range)
    }

    /// Member number `index` (0 ≤ index < options.members).
    public func member(at index: Int) -> DemoMember {
        self.index.member(at: index)
    }
}

/// The members of a demo province as a lazy collection: an element is generated when it is
/// read, and reading it again gives the same member.
public struct DemoMemberSequence: RandomAccessCollection, Sendable {
    let index: MemberIndex
    let range: Range<Int>

    public var startIndex: Int { range.lowerBound }
    public var endIndex: Int { range.upperBound }

    public subscript(position: Int) -> DemoMember {
        precondition(range.contains(position), "member index \(position) out of \(range)")
        return index.member(at: position)
    }

    public subscript(bounds: Range<Int>) -> DemoMemberSequence {
        precondition(bounds.lowerBound >= range.lowerBound && bounds.upperBound <= range.upperBound)
        return DemoMemberSequence(index: index, range: bounds)
    }
}
