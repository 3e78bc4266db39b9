import Foundation
import GonghuiAPI
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The rights-protection API: the figures of a node and a period, and the lists of risk alerts,
/// legal-aid applications and labor-law supervisions of the caller's subtree.
struct RightsRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("rights/figures", use: figures)
        api.get("rights/alerts", use: alerts)
        api.get("rights/legal-aid", use: legalAid)
        api.get("rights/supervision", use: supervision)
    }

    // GET rights/figures?org=&from=&to=
    func figures(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64) ?? context.actor.orgCode
        let today = CivilDate.today()
        let from = q.date("from") ?? CivilDate(year: today.year, month: 1, day: 1)!
        let to = q.date("to") ?? today
        var problems: [FieldProblem] = []
        if code == nil { problems.append(FieldProblem(field: "org", value: "", reason: "请指定工会代码")) }
        if from > to { problems.append(FieldProblem(field: "from", value: from.iso, reason: "开始日期不能晚于结束日期 \(to.iso)")) }
        try q.check()
        if !problems.isEmpty { throw APIError.validation(problems) }
        let org = try await store.orgs.org(code: code!, actor: context.actor)
        let f = try await store.rightsFigures(code: org.code, from: from, to: to, actor: context.actor)
        return try JSONResponse.make(API.RightsFigures(f, orgCode: org.code, orgName: org.name, from: from, to: to))
    }

    // GET rights/alerts?state=
    func alerts(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try await page(request, states: RiskAlertState.self) { state, limit, offset in
            let (items, total) = try await store.warnings.list(state: state, actor: context.actor, limit: limit, offset: offset)
            return (items.map(API.RiskAlert.init), total)
        }
    }

    // GET rights/legal-aid?state=
    func legalAid(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try await page(request, states: LegalAidState.self) { state, limit, offset in
            let (items, total) = try await store.legalAid.list(state: state, actor: context.actor, limit: limit, offset: offset)
            return (items.map(API.LegalAidApplication.init), total)
        }
    }

    // GET rights/supervision?state=
    func supervision(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let today = CivilDate.today()
        return try await page(request, states: SupervisionState.self) { state, limit, offset in
            let (items, total) = try await store.supervision.list(state: state, actor: context.actor, limit: limit, offset: offset)
            return (items.map { API.Supervision($0, today: today) }, total)
        }
    }

    /// One page of a list filtered by its `state`, with `limit` and `offset` checked.
    private func page<State: CaseIterable & RawRepresentable<String>, Item: Codable & Sendable>(
        _ request: Request, states: State.Type, _ load: (State?, Int, Int) async throws -> ([Item], Int)
    ) async throws -> Response {
        var q = QueryReader(request)
        let state = q.choice("state", allowed: State.allCases.map(\.rawValue), State.init(rawValue:))
        let (limit, offset) = (q.int("limit", default: 50, min: 1, max: 500), q.int("offset", default: 0, min: 0, max: 10_000_000))
        try q.check()
        let (items, total) = try await load(state, limit, offset)
        return try JSONResponse.make(CountedPageJSON(items: items, total: total, limit: limit, offset: offset))
    }
}

extension API.RightsFigures {
    init(_ f: RightsFigures, orgCode: String, orgName: String, from: CivilDate, to: CivilDate) {
        func counted<K: RawRepresentable<String>>(_ kinds: [K], _ counts: [K: Int], _ label: (K) -> String) -> [API.CountedKind] {
            kinds.map { API.CountedKind(kind: $0.rawValue, label: label($0), count: counts[$0] ?? 0) }
        }
        self.init(
            orgCode: orgCode, orgName: orgName, from: from.iso, to: to.iso,
            alerts: WarningRule.allCases.map { rule in
                let l = f.alerts[rule] ?? RightsFigures.AlertLine()
                return .init(rule: rule.rawValue, label: rule.title, raised: l.raised, acknowledged: l.acknowledged, acknowledgedWithin24h: l.acknowledgedWithinDay,
                             meanHoursToAcknowledge: l.acknowledged == 0 ? nil : Double(l.hoursToAcknowledge) / Double(l.acknowledged), closed: l.closed)
            },
            legalAid: .init(applications: f.legalAidApplications, approved: f.legalAidApproved, refused: f.legalAidRefused,
                            byOutcome: counted(LegalAidOutcome.allCases, f.legalAidByOutcome, \.title), obtainedFen: f.legalAidObtained.fen, feeFen: f.legalAidFees.fen),
            supervision: .init(letters: counted(SupervisionLetterKind.allCases, f.letters, \.shortTitle), corrected: f.supervisionCorrected,
                               referred: f.supervisionReferred, laborDecisions: counted(LaborDepartmentDecision.allCases, f.laborDecisions, \.title)))
    }
}

extension API.RiskAlert {
    init(_ a: RiskAlert) {
        self.init(id: a.id, rule: a.rule.rawValue, ruleLabel: a.rule.title, state: .init(rawValue: a.state.rawValue)!, orgCode: a.orgCode, orgName: a.orgName,
                  caseId: a.caseID, caseNo: a.caseNo, subject: a.subject, summary: a.summary, raisedOn: a.raisedOn.iso, acknowledgedBy: a.acknowledgedBy,
                  acknowledgeNote: a.acknowledgeNote, closedBy: a.closedBy, closeNote: a.closeNote, version: a.version)
    }
}

extension API.LegalAidApplication {
    init(_ a: LegalAidCase) {
        self.init(id: a.id, applicationNo: a.applicationNo, orgCode: a.orgCode, orgName: a.orgName, name: a.name, idMasked: a.idMasked, phoneMasked: a.phoneMasked,
                  caseId: a.caseID, caseNo: a.caseNo, matter: .init(rawValue: a.matter.rawValue)!, request: a.request, appliedOn: a.appliedOn.iso,
                  state: .init(rawValue: a.state.rawValue)!, eligible: a.assessment.eligible, decidingRule: a.assessment.decidingRule?.rule,
                  priorities: a.assessment.priorities, decidedOn: a.decidedOn?.iso, decisionNote: a.decisionNote, lawyerName: a.lawyer?.name,
                  lawyerFirm: a.lawyer?.firm, assignedOn: a.assignedOn?.iso, outcome: a.outcome?.rawValue, obtainedFen: a.obtained.fen, feeFen: a.fee.fen,
                  concludedOn: a.concludedOn?.iso, version: a.version)
    }
}

extension API.Supervision {
    init(_ m: SupervisionMatter, today: CivilDate) {
        self.init(id: m.id, matterNo: m.matterNo, orgCode: m.orgCode, orgName: m.orgName, employerName: m.employerName, employerCreditCode: m.employerCreditCode,
                  caseId: m.caseID, caseNo: m.caseNo, violation: m.violation, legalBasis: m.legalBasis, correction: m.correction,
                  laborDepartment: m.laborDepartment, openedOn: m.openedOn.iso, state: .init(rawValue: m.state.rawValue)!, closedOn: m.closedOn?.iso,
                  decision: m.decision?.rawValue, nextStep: m.nextStep(today: today).map(UI.Supervision.nextStepText),
                  letters: m.letters.map { l in
                      .init(id: l.id, kind: .init(rawValue: l.kind.rawValue)!, number: l.number, issuedOn: l.issuedOn.iso, dueOn: l.dueOn?.iso, recipient: l.recipient,
                            answeredOn: l.answeredOn?.iso, answerResult: l.answerResult?.rawValue, answer: l.answer)
                  },
                  version: m.version)
    }
}
