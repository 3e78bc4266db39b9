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
