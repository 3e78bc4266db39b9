import Foundation
import GonghuiDomain
import GonghuiStore

// What each dispute page shows, read from the store here and nowhere in the views.

/// The worklist (劳动争议案件): open cases first by the deadline they wait on.
struct DisputeListPageModel {
    static let pageSize = 30

    var actor: Actor
    var csrf: String?
    var flash: String?
    var query: DisputeListQuery
    var today: CivilDate
    var policy: PolicyBook
    var items: [DisputeCase]
    var total: Int
    var orgError: String?
    var mayRegister: Bool
    /// The unions a typed name matched, to choose from.
    var orgChoices: [OrgChoice] = []

    static func load(store: Store, query: DisputeListQuery, actor: Actor, csrf: String?, flash: String?) async throws -> DisputeListPageModel {
        let today = CivilDate.today()
        var query = query
        let picked = try await OrgPicker.filter(query.org, store: store, actor: actor)
        query.org = picked.code
        var orgError = picked.problem
        var page: DisputePage?
        if picked.choices.isEmpty && orgError == nil {
            do {
                page = try await store.disputes.list(query.filter(today: today), actor: actor, limit: pageSize, offset: query.offset)
            } catch StoreError.notFound {
                orgError = UI.Disputes.orgNotFound(query.org)
            }
        }
        return DisputeListPageModel(actor: actor, csrf: csrf, flash: flash, query: query, today: today, policy: try await store.disputes.policy(),
                                    items: page?.items ?? [], total: page?.total ?? 0, orgError: orgError, mayRegister: actor.role.mayEditRegistry,
                                    orgChoices: picked.choices)
    }
}

/// The intake form with what was typed and its problems.
struct DisputeIntakePageModel {
    var actor: Actor
    var csrf: String?
    var values: DisputeIntakeForm
    var errors: FieldErrors
    /// Set after a duplicate was found: the officer may confirm it is a separate matter.
    var duplicateOffered: Bool
}

/// One case with its clocks, parties, agreement, timeline and the steps the actor may take.
struct DisputeCasePageModel {
    var actor: Actor
    var csrf: String?
    var flash: String?
    var dispute: DisputeCase
    var events: [DisputeEvent]
    var policy: PolicyBook
    var wages: MinimumWageTable
    var today: CivilDate
    var problem: ActionProblem?
    var mayHandle: Bool
    /// The mediation's particulars, sessions and agreement number.
    var mediation: DisputeService.MediationRecord
    var papers: [DisputePaper]
    /// Filed online by someone who is not a member: waits for an officer to confirm who they are.
    var identityPending: Bool
    /// The arbitration the case went on to, when recorded.
    var arbitration: ArbitrationRecord?
    /// The active mediators of the handling union's roster and of the unions above it, offered
    /// in the mediator fields.
    var mediatorChoices: [Mediator] = []
    /// The risk alerts the case raised (风险预警).
    var alerts: [RiskAlert] = []
    /// The legal-aid applications of the case (法律援助).
    var legalAid: [LegalAidCase] = []

    static func load(store: Store, id: Int64, actor: Actor, csrf: String?, flash: String?, problem: ActionProblem?) async throws -> DisputeCasePageModel {
        async let found = store.disputes.find(id: id, actor: actor)
        async let history = store.disputes.history(id: id, actor: actor)
        async let mediation = store.disputes.mediation(id: id, actor: actor)
        async let papers = store.disputes.papers(caseID: id, actor: actor)
        async let pending = store.disputes.identityPending(caseID: id, actor: actor)
        async let arbitration = store.disputes.arbitration(caseID: id, actor: actor)
        let c = try await found
        var model = DisputeCasePageModel(actor: actor, csrf: csrf, flash: flash, dispute: c, events: try await history, policy: try await store.disputes.policy(),
                                         wages: try await store.disputes.minimumWages(), today: CivilDate.today(), problem: problem,
                                         mayHandle: actor.role.mayEditRegistry, mediation: try await mediation, papers: try await papers,
                                         identityPending: try await pending, arbitration: try await arbitration)
        model.alerts = try await store.warnings.alerts(caseID: id, actor: actor)
        model.legalAid = try await store.legalAid.applications(caseID: id, actor: actor)
        if model.mayHandle && c.workflow.state != .closed {
            model.mediatorChoices = try await store.disputes.mediatorChoices(handlingOrgCode: c.handlingOrgCode)
        }
        return model
    }

    /// The documents of the case, each available or with the reason it is not yet; none for an
    /// officer who does not handle cases or who sees the workers masked.
    var documents: [(kind: MediationDocument.Kind, unavailable: String?)] {
        guard mayHandle, !dispute.namesWithheld, dispute.workflow.mediationAppliedOn != nil else { return [] }
        let dossier = DisputeDossier(dispute: dispute, parties: [], particulars: mediation.particulars, sessions: mediation.sessions,
                                     agreementNo: mediation.agreementNo, agreementSignedOn: mediation.agreementSignedOn, mediationRecordedAt: nil)
        return MediationDocument.Kind.allCases.map { ($0, MediationDocument.unavailable($0, for: dossier)) }
    }

    /// Sessions are recorded while the case is mediated or its agreement performed.
    var maySaveSession: Bool { mayHandle && [.mediating, .performing].contains(dispute.workflow.state) }

    /// The message of the problem when it belongs beside `field` of the form of `action`.
    func problem(_ action: String, field: String?) -> String? { problem.message(action, field: field) }

    /// The steps the case's state allows, in the order an officer takes them.
    var steps: [String] {
        let w = dispute.workflow
        switch w.state {
        case .received: return w.kind.isAnsweredAtOnce ? ["answer", "transfer"] : ["accept", "refuse", "transfer"]
        case .accepted: return ["start_mediation", "resolve", w.extendedDays == 0 ? "extend" : nil, "transfer"].compactMap { $0 }
        case .mediating: return ["record_agreement", "end_mediation", w.extendedDays == 0 ? "extend" : nil, "transfer"].compactMap { $0 }
        case .performing: return ["record_performance", "end_mediation"]
        case .closed: return []
        }
    }
}

/// A document of a case as a page for the printer.
struct MediationDocumentPageModel {
    var actor: Actor
    var csrf: String?
    var caseID: Int64
    var caseNo: String
    var document: MediationDocument
}
