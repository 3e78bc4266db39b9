/// What a worklist shows.
public struct DisputeFilter: Sendable {
    public var orgCode: String?
    public var states: [DisputeCaseState]
    public var type: DisputeType?
    public var employer: String?
    public var overdueOnly: Bool
    public var today: CivilDate

    public init(orgCode: String? = nil, states: [DisputeCaseState] = [], type: DisputeType? = nil, employer: String? = nil, overdueOnly: Bool = false,
                today: CivilDate = .today()) {
        self.orgCode = orgCode; self.states = states; self.type = type; self.employer = employer; self.overdueOnly = overdueOnly; self.today = today
    }
}

/// One page of a worklist, with the count of all that match.
public struct DisputePage: Sendable {
    public var items: [DisputeCase]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [DisputeCase], total: Int, limit: Int, offset: Int) {
        self.items = items; self.total = total; self.limit = limit; self.offset = offset
    }
}

/// The dispute work of a subtree at a glance, as the dashboard shows it (工作台): the open cases,
/// those past their deadline, and this year's cases with what was recovered for their workers.
public struct DisputeSummary: Equatable, Sendable {
    public var openCases: Int
    public var overdueCases: Int
    /// Cases received since 1 January of the year, and the amount recovered in them (the figures
    /// page's definition: a case counts in the period it was received).
    public var receivedThisYear: Int
    public var recoveredThisYear: Money

    public init(openCases: Int, overdueCases: Int, receivedThisYear: Int, recoveredThisYear: Money) {
        self.openCases = openCases; self.overdueCases = overdueCases; self.receivedThisYear = receivedThisYear; self.recoveredThisYear = recoveredThisYear
    }
}
