/// A case as the worker it concerns sees it in the portal (我的维权): its number and state, the
/// union handling it, the deadline it waits on, each step by date without the officers' notes,
/// whether an agreement can be downloaded, and the worker's rating once it is closed.
public struct PortalDispute: Equatable, Sendable {
    public struct Step: Equatable, Sendable {
        /// The event's kind (`registered`, `accepted`, `mediation_started`, `agreement`…).
        public var kind: String
        public var onDate: CivilDate
        public var state: DisputeCaseState

        public init(kind: String, onDate: CivilDate, state: DisputeCaseState) {
            self.kind = kind; self.onDate = onDate; self.state = state
        }
    }

    public var id: Int64
    public var caseNo: String
    public var channel: DisputeChannel
    public var kind: DisputeRequestKind
    public var types: [DisputeType]
    public var employerName: String
    public var handlingOrgName: String
    public var workflow: DisputeWorkflow
    public var dueOn: CivilDate?
    public var steps: [Step]
    public var agreementNo: String?
    public var rating: DisputeRating?

    public init(id: Int64, caseNo: String, channel: DisputeChannel, kind: DisputeRequestKind, types: [DisputeType], employerName: String,
                handlingOrgName: String, workflow: DisputeWorkflow, dueOn: CivilDate?, steps: [Step], agreementNo: String?, rating: DisputeRating?) {
        self.id = id; self.caseNo = caseNo; self.channel = channel; self.kind = kind; self.types = types; self.employerName = employerName
        self.handlingOrgName = handlingOrgName; self.workflow = workflow; self.dueOn = dueOn; self.steps = steps; self.agreementNo = agreementNo
        self.rating = rating
    }

    /// A closed case the worker has not rated yet.
    public var mayRate: Bool { workflow.state == .closed && rating == nil }
}

/// The worker's rating of how the case was handled (满意度评价): 1 to 5, and a comment.
public struct DisputeRating: Equatable, Codable, Sendable {
    public var score: Int
    public var comment: String
    public var ratedAt: Int64

    public init(score: Int, comment: String, ratedAt: Int64) {
        self.score = score; self.comment = comment; self.ratedAt = ratedAt
    }

    public static func problems(score: Int, comment: String) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if !(1...5).contains(score) { out.append(FieldProblem(field: "score", value: String(score), reason: "请选择 1 至 5 分")) }
        if comment.trimmed.count > 500 { out.append(FieldProblem(field: "comment", value: "", reason: "评价最多 500 字")) }
        return out
    }
}

/// What a worker files from the portal (网上投诉 / 申请调解): the worker is the signed-in member.
public struct PortalDisputeFiling: Equatable, Sendable {
    public var kind: DisputeRequestKind
    public var employerName: String
    public var employerCreditCode: String?
    public var types: [DisputeType]
    public var amountClaimed: Money
    public var facts: String
    public var learnedOn: CivilDate?
    public var employmentEndedOn: CivilDate?
    public var confidential: Bool
    /// The worker asks for mediation (申请调解) rather than only complaining.
    public var wantsMediation: Bool

    public init(kind: DisputeRequestKind, employerName: String, employerCreditCode: String?, types: [DisputeType], amountClaimed: Money, facts: String,
                learnedOn: CivilDate?, employmentEndedOn: CivilDate?, confidential: Bool, wantsMediation: Bool) {
        self.kind = kind; self.employerName = employerName; self.employerCreditCode = employerCreditCode; self.types = types
        self.amountClaimed = amountClaimed; self.facts = facts; self.learnedOn = learnedOn; self.employmentEndedOn = employmentEndedOn
        self.confidential = confidential; self.wantsMediation = wantsMediation
    }

    /// The intake it makes for the worker: one worker, the claim as one of the first type.
    public func intake(name: String, idNumber: IDNumber?, phone: PhoneNumber?, receivedOn: CivilDate, handlingOrgCode: String) -> DisputeIntake {
        let claims = amountClaimed.fen > 0 && !types.isEmpty ? [DisputeClaim(type: types[0], description: "网上申请所述金额", amount: amountClaimed)] : []
        let text = wantsMediation ? "【申请调解】" + facts.trimmed : facts.trimmed
        return DisputeIntake(channel: .online, kind: kind, receivedOn: receivedOn,
                             workers: [DisputeWorkerDraft(name: name, idNumber: idNumber, phone: phone, isRepresentative: true)],
                             employer: DisputeEmployer(name: employerName, creditCode: employerCreditCode, regionCode: nil, industry: nil, unionCode: nil),
                             types: types, claims: claims, facts: text, learnedOn: learnedOn, employmentEndedOn: employmentEndedOn,
                             confidential: confidential, handlingOrgCode: handlingOrgCode)
    }
}

/// Where a case filed online goes (DOMAIN.md §9): the worker's own grassroots union when it has a
/// labor-dispute mediation committee and the worker did not ask for confidentiality against it;
/// else the nearest township or county union above.
public enum DisputeRouting {
    public struct Candidate: Equatable, Sendable {
        public var code: String
        public var kind: OrgKind
        public var hasMediationCommittee: Bool

        public init(code: String, kind: OrgKind, hasMediationCommittee: Bool) {
            self.code = code; self.kind = kind; self.hasMediationCommittee = hasMediationCommittee
        }
    }

    /// `chain`: the member's union first, then each union above it up to the province.
    public static func handler(chain: [Candidate], confidentialAgainstOwnUnion: Bool) -> String? {
        if !confidentialAgainstOwnUnion, let own = chain.first(where: { $0.kind == .grassroots }), own.hasMediationCommittee { return own.code }
        return chain.first { $0.kind == .township || $0.kind == .county }?.code ?? chain.last?.code
    }
}
