import GonghuiAPI
import GonghuiDomain

extension API.DisputeCase {
    /// The case with its clocks as of `today` under `policy`, its claims measured against `wages`.
    init(_ c: DisputeCase, policy: PolicyBook, wages: MinimumWageTable, today: CivilDate) {
        let w = c.workflow
        let due = w.dueOn(policy: policy)
        self.init(id: c.id, caseNo: c.caseNo, channel: contractValue(c.channel.rawValue), channelLabel: c.channel.title,
                  kind: contractValue(w.kind.rawValue), kindLabel: w.kind.title, state: contractValue(w.state.rawValue), stateLabel: w.state.title,
                  handlingOrgCode: c.handlingOrgCode, handlingOrgName: c.handlingOrgName, workers: c.workers.map(API.DisputeWorker.init),
                  workersInvolved: c.workersInvolved, collective: c.collective, employer: API.DisputeEmployer(c.employer),
                  types: c.types.map { contractValue($0.rawValue) }, claims: c.claims.map { API.DisputeClaim($0, finalAward: c.finalAward($0, wages: wages, policy: policy)) }, amountClaimedFen: c.amountClaimed.fen,
                  facts: c.facts, learnedOn: c.learnedOn?.iso, employmentEndedOn: c.employmentEndedOn?.iso, confidential: c.confidential,
                  namesWithheld: c.namesWithheld, receivedOn: w.receivedOn.iso, acceptedOn: w.acceptedOn?.iso, dueOn: due?.iso,
                  daysLeft: due.map { DisputeClocks.daysLeft(until: $0, today: today) }, overdue: w.isOverdue(on: today, policy: policy),
                  extendedDays: w.extendedDays, extensionReason: w.extensionReason, mediationAppliedOn: w.mediationAppliedOn?.iso,
                  oralApplication: w.oralApplication, mayApplyForArbitration: w.mayApplyForArbitration(on: today, policy: policy),
                  limitationEndsOn: c.limitationEndsOn?.iso,
                  limitationWarning: w.state.isOpen && DisputeClocks.limitationWarning(endsOn: c.limitationEndsOn, today: today, policy: policy),
                  terms: w.terms.map(API.AgreementTerm.init), closedOn: w.closedOn?.iso, outcome: w.outcome.map { contractValue($0.rawValue) },
                  outcomeLabel: w.outcome?.title, recoveredFen: w.recovered.fen, note: w.note, version: c.version)
    }
}

extension API.DisputeWorker {
    init(_ w: DisputeWorker) {
        self.init(name: w.name, idNumberMasked: w.idNumberMasked, phoneMasked: w.phoneMasked, representative: w.isRepresentative, memberId: w.memberID)
    }
}

extension API.DisputeEmployer {
    init(_ e: DisputeEmployer) {
        self.init(name: e.name, creditCode: e.creditCode, regionCode: e.regionCode, industry: e.industry, unionCode: e.unionCode)
    }
}

extension API.DisputeClaim {
    init(_ c: DisputeClaim, finalAward: Bool?) {
        self.init(_type: contractValue(c.type.rawValue), description: c.description, amountFen: c.amount.fen, finalAward: finalAward)
    }
}

extension API.MinimumWage {
    init(_ w: MinimumWage) {
        self.init(regionCode: w.regionCode, effectiveFrom: w.effectiveFrom.iso, monthlyFen: w.monthly.fen, source: w.source)
    }
}

extension API.AgreementTerm {
    init(_ t: AgreementTerm) {
        self.init(description: t.description, amountFen: t.amount.fen, dueOn: t.dueOn.iso, performedOn: t.performedOn?.iso,
                  amountPerformedFen: t.amountPerformed.fen)
    }
}

extension API.DisputeEvent {
    init(_ e: DisputeEvent) {
        self.init(kind: e.kind, onDate: e.onDate.iso, state: contractValue(e.state.rawValue), detail: e.detail, actor: e.actor, recordedAt: e.recordedAt)
    }
}

extension API.PolicyRule {
    init(_ r: PolicyRule) {
        self.init(key: contractValue(r.key), value: r.value, effectiveFrom: r.effectiveFrom.iso, source: r.source, workingDays: r.workingDays)
    }
}

extension API.CalendarDay {
    init(_ d: HolidayCalendar.Day) {
        self.init(date: d.date.iso, kind: contractValue(d.kind.rawValue), name: d.name, source: d.source)
    }
}
