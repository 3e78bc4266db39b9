/// The arbitration a case went on to (劳动争议仲裁), as the union follows it for the worker: the
/// commission, when the application was made, accepted and decided, and the result. Its clocks
/// are the law's: accepted within 5 days (劳动争议调解仲裁法 art. 29), decided within 45 days of
/// acceptance, 15 more once with approval (art. 43).
public struct ArbitrationRecord: Equatable, Sendable {
    public var commission: String
    public var appliedOn: CivilDate
    public var acceptedOn: CivilDate?
    public var extended: Bool
    public var awardedOn: CivilDate?
    public var result: String

    public init(commission: String, appliedOn: CivilDate, acceptedOn: CivilDate? = nil, extended: Bool = false, awardedOn: CivilDate? = nil, result: String = "") {
        self.commission = commission; self.appliedOn = appliedOn; self.acceptedOn = acceptedOn; self.extended = extended
        self.awardedOn = awardedOn; self.result = result
    }

    /// The day the commission must decide whether to accept.
    public func acceptanceDue(policy: PolicyBook) -> CivilDate {
        DisputeClocks.arbitrationAcceptanceDue(appliedOn: appliedOn, policy: policy)
    }

    /// The day the award is due, once accepted.
    public func awardDue(policy: PolicyBook) -> CivilDate? {
        acceptedOn.map { DisputeClocks.arbitrationAwardDue(acceptedOn: $0, extended: extended, policy: policy) }
    }

    /// The deadline the arbitration waits on now, or nil once decided.
    public func dueOn(policy: PolicyBook) -> CivilDate? {
        if awardedOn != nil { return nil }
        return awardDue(policy: policy) ?? acceptanceDue(policy: policy)
    }

    /// Every problem at once, named by field; the dates in order and not in the future.
    public func problems(caseClosedOn: CivilDate?, today: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if commission.trimmed.isEmpty || commission.trimmed.count > 100 { out.append(FieldProblem(field: "commission", value: commission, reason: "请填写仲裁委员会名称（最多 100 字）")) }
        if appliedOn > today { out.append(FieldProblem(field: "applied_on", value: appliedOn.iso, reason: "不能晚于今天")) }
        if let closed = caseClosedOn, appliedOn < closed.adding(days: -365) { out.append(FieldProblem(field: "applied_on", value: appliedOn.iso, reason: "申请日期与调解结束相距过远，请核对")) }
        if let a = acceptedOn, a < appliedOn || a > today { out.append(FieldProblem(field: "accepted_on", value: a.iso, reason: "受理日期应在申请之后、今天之前")) }
        if let d = awardedOn {
            if acceptedOn == nil { out.append(FieldProblem(field: "awarded_on", value: d.iso, reason: "请先填写受理日期")) }
            else if let a = acceptedOn, d < a || d > today { out.append(FieldProblem(field: "awarded_on", value: d.iso, reason: "裁决日期应在受理之后、今天之前")) }
            if result.trimmed.isEmpty { out.append(FieldProblem(field: "result", value: "", reason: "请填写裁决结果")) }
        }
        if result.trimmed.count > 1000 { out.append(FieldProblem(field: "result", value: "", reason: "最多 1000 字")) }
        return out
    }
}
