/// The year's figures of labor-dispute work (劳动争议调处统计) for a node and a period: the cases
/// received in the period and what became of them, each counted where its handling union is.
public struct DisputeFigures: Equatable, Sendable {
    public var casesReceived = 0
    /// At least the configured number of workers (劳动争议调解仲裁法 art. 7).
    public var collectiveCases = 0
    public var workersInvolved = 0
    public var casesClosed = 0
    /// Closed on or before the handling deadline (按期办结).
    public var casesClosedOnTime = 0
    /// Cases with a mediation (an application was received).
    public var mediations = 0
    /// Mediations that reached an agreement (调解成功).
    public var mediationsAgreed = 0
    public var amountClaimed = Money.zero
    public var amountRecovered = Money.zero
    /// Cases received by channel, by kind of request and by dispute type (a case of several types
    /// counts once under each).
    public var byChannel: [DisputeChannel: Int] = [:]
    public var byKind: [DisputeRequestKind: Int] = [:]
    public var byType: [DisputeType: Int] = [:]

    public init() {}

    /// The report's columns: the key in JSON and CSV, and the Chinese heading.
    public static let columns: [(key: String, title: String)] = [
        ("cases_received", "受理案件"), ("collective_cases", "集体案件"), ("workers_involved", "涉及职工"), ("cases_closed", "办结"),
        ("cases_closed_on_time", "按期办结"), ("mediations", "调解"), ("mediations_agreed", "调解成功"),
        ("amount_claimed_fen", "涉及金额（分）"), ("amount_recovered_fen", "追回金额（分）"),
    ]

    /// The figures in `columns` order.
    public var values: [Int64] {
        [Int64(casesReceived), Int64(collectiveCases), Int64(workersInvolved), Int64(casesClosed), Int64(casesClosedOnTime), Int64(mediations),
         Int64(mediationsAgreed), amountClaimed.fen, amountRecovered.fen]
    }

    /// One case's part.
    public mutating func add(_ c: DisputeCaseFacts, policy: PolicyBook) {
        casesReceived += 1
        if c.collective { collectiveCases += 1 }
        workersInvolved += c.workersInvolved
        if let onTime = c.workflow.closedOnTime(policy: policy) {
            casesClosed += 1
            if onTime { casesClosedOnTime += 1 }
        }
        if c.workflow.mediationAppliedOn != nil { mediations += 1 }
        if c.workflow.outcome == .agreement || c.workflow.state == .performing { mediationsAgreed += 1 }
        amountClaimed += c.amountClaimed
        amountRecovered += c.workflow.recovered
        if let channel = c.channel { byChannel[channel, default: 0] += 1 }
        byKind[c.workflow.kind, default: 0] += 1
        for t in c.types { byType[t, default: 0] += 1 }
    }

    public static func + (a: DisputeFigures, b: DisputeFigures) -> DisputeFigures {
        var s = a
        s.casesReceived += b.casesReceived; s.collectiveCases += b.collectiveCases; s.workersInvolved += b.workersInvolved
        s.casesClosed += b.casesClosed; s.casesClosedOnTime += b.casesClosedOnTime; s.mediations += b.mediations
        s.mediationsAgreed += b.mediationsAgreed; s.amountClaimed += b.amountClaimed; s.amountRecovered += b.amountRecovered
        s.byChannel.merge(b.byChannel, uniquingKeysWith: +); s.byKind.merge(b.byKind, uniquingKeysWith: +); s.byType.merge(b.byType, uniquingKeysWith: +)
        return s
    }

    /// 按期办结率 and 调解成功率, rounded as every rate; nil without a denominator.
    public var onTimeRate: String? { Rate.fourPlaces(casesClosedOnTime, of: casesClosed) }
    public var agreementRate: String? { Rate.fourPlaces(mediationsAgreed, of: mediations) }
}

/// What the figures need of a case.
public struct DisputeCaseFacts: Sendable {
    public var workflow: DisputeWorkflow
    public var collective: Bool
    public var workersInvolved: Int
    public var amountClaimed: Money
    public var channel: DisputeChannel?
    public var types: [DisputeType]

    public init(workflow: DisputeWorkflow, collective: Bool, workersInvolved: Int, amountClaimed: Money, channel: DisputeChannel? = nil,
                types: [DisputeType] = []) {
        self.workflow = workflow; self.collective = collective; self.workersInvolved = workersInvolved; self.amountClaimed = amountClaimed
        self.channel = channel; self.types = types
    }
}

/// The figures of a node and its subtree, a row per node down to a depth.
public struct DisputeReport: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var orgCode: String
        public var orgName: String
        public var kind: OrgKind
        public var level: Int
        public var parentCode: String?
        /// The node's subtree summed.
        public var figures: DisputeFigures

        public init(orgCode: String, orgName: String, kind: OrgKind, level: Int, parentCode: String?, figures: DisputeFigures) {
            self.orgCode = orgCode; self.orgName = orgName; self.kind = kind; self.level = level; self.parentCode = parentCode; self.figures = figures
        }
    }

    /// A node of the tree as the report reads it.
    public struct Node: Sendable {
        public var id: Int64
        public var parentID: Int64?
        public var code: String
        public var name: String
        public var kind: OrgKind

        public init(id: Int64, parentID: Int64?, code: String, name: String, kind: OrgKind) {
            self.id = id; self.parentID = parentID; self.code = code; self.name = name; self.kind = kind
        }
    }

    public var from: CivilDate
    public var to: CivilDate
    public var depth: Int?
    public var rows: [Row]

    public init(from: CivilDate, to: CivilDate, depth: Int?, rows: [Row]) {
        self.from = from; self.to = to; self.depth = depth; self.rows = rows
    }

    /// The rows from each node's own figures: a node's are its own plus its children's; the
    /// root first, then each child after its parent by code, down to `depth` levels below it.
    public static func build(root: Int64, nodes: [Node], own: [Int64: DisputeFigures], from: CivilDate, to: CivilDate, depth: Int?) -> DisputeReport {
        let byID = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var children: [Int64: [Int64]] = [:]
        for n in nodes { if let p = n.parentID, byID[p] != nil { children[p, default: []].append(n.id) } }
        for (p, list) in children { children[p] = list.sorted { byID[$0]!.code < byID[$1]!.code } }
        var total: [Int64: DisputeFigures] = [:]
        func sum(_ id: Int64) -> DisputeFigures {
            let f = (children[id] ?? []).reduce(own[id] ?? DisputeFigures()) { $0 + sum($1) }
            total[id] = f
            return f
        }
        _ = sum(root)
        var rows: [Row] = []
        func walk(_ id: Int64, level: Int) {
            guard let n = byID[id] else { return }
            rows.append(Row(orgCode: n.code, orgName: n.name, kind: n.kind, level: level, parentCode: n.parentID.flatMap { byID[$0]?.code },
                            figures: total[id] ?? DisputeFigures()))
            if let depth, level >= depth { return }
            for c in children[id] ?? [] { walk(c, level: level + 1) }
        }
        walk(root, level: 0)
        return DisputeReport(from: from, to: to, depth: depth, rows: rows)
    }
}
