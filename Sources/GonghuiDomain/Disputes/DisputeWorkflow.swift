import Foundation

/// A step an officer takes on a case (办理).
public enum DisputeAction: Equatable, Sendable {
    /// A consultation or suggestion answered; the case closes.
    case answer(reply: String)
    /// Accepted for handling; the handling period starts.
    case accept
    /// Not accepted, with the reason told to the person.
    case refuse(reason: String)
    /// The handling period extended once, with approval and a written reason.
    case extend(days: Int, reason: String)
    /// A mediation application received (written, or oral and recorded on the spot — art. 12).
    case startMediation(appliedOn: CivilDate, oral: Bool, note: String)
    /// A mediation agreement signed: its terms are followed until performed.
    case recordAgreement(terms: [AgreementTerm])
    /// A term of the agreement paid (or otherwise performed), with the amount received.
    case recordPerformance(term: Int, performedOn: CivilDate, amount: Money)
    /// The mediation ended without a performed agreement: no agreement, withdrawn, or the parties
    /// went to arbitration.
    case endMediation(DisputeOutcome, note: String)
    /// Settled by the union's coordination without a mediation, with the amount recovered.
    case resolve(note: String, recovered: Money)
}

/// A term of a mediation agreement (调解协议条款): what the employer does, by when, for how much.
public struct AgreementTerm: Equatable, Codable, Sendable {
    public var description: String
    public var amount: Money
    public var dueOn: CivilDate
    /// Set once performed.
    public var performedOn: CivilDate?
    public var amountPerformed: Money

    public init(description: String, amount: Money, dueOn: CivilDate, performedOn: CivilDate? = nil, amountPerformed: Money = .zero) {
        self.description = description
        self.amount = amount
        self.dueOn = dueOn
        self.performedOn = performedOn
        self.amountPerformed = amountPerformed
    }
}

public enum DisputeWorkflowError: Error, Equatable, Sendable {
    /// The step cannot be taken in the case's state.
    case notNow(state: DisputeCaseState)
    /// Only consultations and suggestions are answered; disputes are accepted or refused.
    case notAnsweredAtOnce
    /// A consultation is answered, not accepted.
    case answeredAtOnce
    case extensionUsed
    case extensionTooLong(max: Int)
    case reasonRequired
    case mediationBeforeReceipt
    case noTerms
    case badTerm(index: Int, problem: String)
    case noSuchTerm(Int)
    case termPerformed(Int)
    case notAnEndOfMediation

    public var message: String {
        switch self {
        case .notNow(let state): "案件当前为“\(state.title)”，不能进行此操作"
        case .notAnsweredAtOnce: "只有咨询、意见建议可以直接答复办结；求决、投诉请先受理或不予受理"
        case .answeredAtOnce: "咨询、意见建议直接答复办结，无需受理"
        case .extensionUsed: "办理期限只能延长一次"
        case .extensionTooLong(let max): "延长期限不得超过 \(max) 日"
        case .reasonRequired: "请填写理由"
        case .mediationBeforeReceipt: "调解申请日期不能早于案件登记日期"
        case .noTerms: "调解协议至少要有一项条款"
        case .badTerm(let i, let problem): "第 \(i + 1) 项条款：\(problem)"
        case .noSuchTerm(let i): "没有第 \(i + 1) 项条款"
        case .termPerformed(let i): "第 \(i + 1) 项条款已记录履行"
        case .notAnEndOfMediation: "调解结束的结果应为未达成协议、撤回或转仲裁"
        }
    }
}

/// The dates and state of a case and the rules for moving it on.
public struct DisputeWorkflow: Equatable, Sendable {
    public private(set) var kind: DisputeRequestKind
    public private(set) var state: DisputeCaseState
    public private(set) var receivedOn: CivilDate
    public private(set) var acceptedOn: CivilDate?
    public private(set) var extendedDays: Int
    public private(set) var extensionReason: String?
    public private(set) var mediationAppliedOn: CivilDate?
    public private(set) var oralApplication: Bool
    public private(set) var terms: [AgreementTerm]
    public private(set) var closedOn: CivilDate?
    public private(set) var outcome: DisputeOutcome?
    public private(set) var recovered: Money
    /// The reply, the reason for refusing, the mediation's or the settlement's note.
    public private(set) var note: String?

    public init(kind: DisputeRequestKind, receivedOn: CivilDate) {
        self.kind = kind
        state = .received
        self.receivedOn = receivedOn
        extendedDays = 0
        oralApplication = false
        terms = []
        recovered = .zero
    }

    /// The workflow as stored.
    public init(kind: DisputeRequestKind, state: DisputeCaseState, receivedOn: CivilDate, acceptedOn: CivilDate?, extendedDays: Int,
                extensionReason: String?, mediationAppliedOn: CivilDate?, oralApplication: Bool, terms: [AgreementTerm],
                closedOn: CivilDate?, outcome: DisputeOutcome?, recovered: Money, note: String?) {
        self.kind = kind; self.state = state; self.receivedOn = receivedOn; self.acceptedOn = acceptedOn
        self.extendedDays = extendedDays; self.extensionReason = extensionReason; self.mediationAppliedOn = mediationAppliedOn
        self.oralApplication = oralApplication; self.terms = terms; self.closedOn = closedOn; self.outcome = outcome
        self.recovered = recovered; self.note = note
    }

    /// A case from the registers kept before the platform (`gonghui import disputes`), which
    /// record only the day it came in, whether it is closed and on what day, and the mediation's
    /// result. Without other dates the case is taken as accepted on the day it came in (so its
    /// handling period runs from then) and, when it went to mediation, as applied for that day.
    /// A consultation or suggestion still open waits to be answered; a closed one was answered.
    /// `mediationResult` is nil when the case was not mediated (未调解): a closed request or
    /// complaint was then settled otherwise (协调解决).
    public static func imported(kind: DisputeRequestKind, receivedOn: CivilDate, closedOn: CivilDate?, mediationResult: DisputeOutcome?,
                                recovered: Money) -> DisputeWorkflow {
        let answered = kind.isAnsweredAtOnce
        let mediated = mediationResult.map { $0.endsMediation } ?? false
        let outcome: DisputeOutcome? = closedOn.map { _ in mediated ? mediationResult! : (answered ? .answered : .resolved) }
        return DisputeWorkflow(
            kind: kind, state: closedOn == nil ? (answered ? .received : .accepted) : .closed, receivedOn: receivedOn,
            acceptedOn: answered ? nil : receivedOn, extendedDays: 0, extensionReason: nil, mediationAppliedOn: mediated ? receivedOn : nil,
            oralApplication: false, terms: [], closedOn: closedOn, outcome: outcome, recovered: recovered, note: nil)
    }

    /// The deadline the case is waiting on now: acceptance, then handling; while mediating, the
    /// earlier of the mediation's and the handling's; while an agreement is performed, the next
    /// unperformed term's due date.
    public func dueOn(policy: PolicyBook) -> CivilDate? {
        switch state {
        case .received:
            return kind.isAnsweredAtOnce ? nil : DisputeClocks.acceptanceDue(receivedOn: receivedOn, policy: policy)
        case .accepted:
            return handlingDue(policy: policy)
        case .mediating:
            let mediation = mediationAppliedOn.map { DisputeClocks.mediationDue(appliedOn: $0, policy: policy) }
            return [mediation, handlingDue(policy: policy)].compactMap { $0 }.min()
        case .performing:
            return terms.filter { $0.performedOn == nil }.map(\.dueOn).min()
        case .closed:
            return nil
        }
    }

    public func handlingDue(policy: PolicyBook) -> CivilDate? {
        acceptedOn.map { DisputeClocks.handlingDue(acceptedOn: $0, extendedDays: extendedDays, policy: policy) }
    }

    public func isOverdue(on today: CivilDate, policy: PolicyBook) -> Bool {
        guard let due = dueOn(policy: policy) else { return false }
        return today > due
    }

    /// Whether the case was (or, open, is still) within its handling period: the on-time rate's
    /// numerator counts closed cases closed on or before it. A case closed before being accepted
    /// (answered, refused) counts against the acceptance period.
    public func closedOnTime(policy: PolicyBook) -> Bool? {
        guard let closedOn else { return nil }
        let due = handlingDue(policy: policy) ?? DisputeClocks.handlingDue(acceptedOn: receivedOn, extendedDays: 0, policy: policy)
        return closedOn <= due
    }

    /// After the mediation period without an agreement, either party may go to arbitration (art. 14).
    public func mayApplyForArbitration(on today: CivilDate, policy: PolicyBook) -> Bool {
        guard state == .mediating, let applied = mediationAppliedOn else { return false }
        return today > DisputeClocks.mediationDue(appliedOn: applied, policy: policy)
    }

    /// Takes `action` on `date`, or says why it cannot be taken now.
    public mutating func apply(_ action: DisputeAction, on date: CivilDate, policy: PolicyBook) throws(DisputeWorkflowError) {
        switch (action, state) {
        case (.answer(let reply), .received):
            guard kind.isAnsweredAtOnce else { throw .notAnsweredAtOnce }
            try close(.answered, on: date, note: reply)
        case (.accept, .received):
            guard !kind.isAnsweredAtOnce else { throw .answeredAtOnce }
            state = .accepted
            acceptedOn = date
        case (.refuse(let reason), .received):
            guard !kind.isAnsweredAtOnce else { throw .answeredAtOnce }
            try close(.refused, on: date, note: reason)
        case (.extend(let days, let reason), .accepted), (.extend(let days, let reason), .mediating):
            guard extendedDays == 0 else { throw .extensionUsed }
            let most = DisputeClocks.days(DisputePolicy.extensionDays, on: acceptedOn ?? date, policy)
            guard (1...most).contains(days) else { throw .extensionTooLong(max: most) }
            guard !reason.trimmed.isEmpty else { throw .reasonRequired }
            extendedDays = days
            extensionReason = reason.trimmed
        case (.startMediation(let appliedOn, let oral, let note), .accepted):
            guard appliedOn >= receivedOn else { throw .mediationBeforeReceipt }
            state = .mediating
            mediationAppliedOn = appliedOn
            oralApplication = oral
            self.note = note.trimmed.isEmpty ? nil : note.trimmed
        case (.recordAgreement(let newTerms), .mediating):
            guard !newTerms.isEmpty else { throw .noTerms }
            for (i, t) in newTerms.enumerated() {
                if t.description.trimmed.isEmpty { throw .badTerm(index: i, problem: "请填写条款内容") }
                if t.amount.fen < 0 { throw .badTerm(index: i, problem: "金额不能为负数") }
                if t.dueOn < date { throw .badTerm(index: i, problem: "履行期限不能早于签订日期") }
            }
            terms = newTerms.map { AgreementTerm(description: $0.description.trimmed, amount: $0.amount, dueOn: $0.dueOn) }
            state = .performing
        case (.recordPerformance(let index, let performedOn, let amount), .performing):
            guard terms.indices.contains(index) else { throw .noSuchTerm(index) }
            guard terms[index].performedOn == nil else { throw .termPerformed(index) }
            guard amount.fen >= 0 else { throw .badTerm(index: index, problem: "金额不能为负数") }
            terms[index].performedOn = performedOn
            terms[index].amountPerformed = amount
            recovered += amount
            if terms.allSatisfy({ $0.performedOn != nil }) { try close(.agreement, on: date, note: note) }
        case (.endMediation(let outcome, let endNote), .mediating), (.endMediation(let outcome, let endNote), .performing):
            guard [.noAgreement, .withdrawn, .arbitration].contains(outcome) else { throw .notAnEndOfMediation }
            if state == .performing && outcome != .arbitration { throw .notAnEndOfMediation }
            try close(outcome, on: date, note: endNote)
        case (.resolve(let resolveNote, let amount), .accepted):
            recovered = amount
            try close(.resolved, on: date, note: resolveNote)
        default:
            throw .notNow(state: state)
        }
    }

    private mutating func close(_ outcome: DisputeOutcome, on date: CivilDate, note: String?) throws(DisputeWorkflowError) {
        let text = note?.trimmed ?? ""
        if outcome != .agreement && text.isEmpty { throw .reasonRequired }
        state = .closed
        closedOn = date
        self.outcome = outcome
        if !text.isEmpty { self.note = text }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
