import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// Medical mutual aid for the demo: the demo county's city runs a hospitalization plan with last
/// year's round and this year's; the county's first units enrolled all their members last year and
/// paid; this year most renewed (some paid, some not yet) and one unit has not enrolled. This
/// year's claims stand in every state: paid and returned by the bank through a batch, in a batch
/// sent to the bank, approved and waiting, waiting for the city's approval, waiting for review,
/// refused with a reason.
extension DemoSeeder {
    func addMutualAid(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        guard let county = province.accounts.first(where: { $0.username == "county" })?.orgCode,
              let city = province.orgs.first(where: { $0.code == county })?.parentCode,
              let cityName = province.orgs.first(where: { $0.code == city })?.name else { return }
        let s = store.mutualAid
        let plan = try await s.createPlan(code: "ZY-\(city)", name: "\(cityName.replacingOccurrences(of: "总工会", with: ""))职工住院医疗互助", kind: .hospitalization,
                                          ownerCode: city, actor: actor)
        let source = "\(cityName)职工医疗互助活动实施办法（演示）"
        let last = try await s.addRound(planCode: plan.code, name: "\(today.year - 1) 年度", startsOn: CivilDate(year: today.year - 1, month: 1, day: 1)!,
                                        endsOn: CivilDate.endOfYear(today.year - 1), enrollmentOpens: CivilDate(year: today.year - 2, month: 12, day: 1)!,
                                        enrollmentCloses: CivilDate(year: today.year - 1, month: 6, day: 30)!, terms: MutualAidRound.exampleTerms(source: source), actor: actor)
        let this = try await s.addRound(planCode: plan.code, name: "\(today.year) 年度", startsOn: today.startOfYear, endsOn: CivilDate.endOfYear(today.year),
                                        enrollmentOpens: CivilDate(year: today.year - 1, month: 12, day: 1)!, enrollmentCloses: CivilDate.endOfYear(today.year),
                                        terms: MutualAidRound.exampleTerms(source: source), actor: actor)
        let units = province.orgs.filter { $0.kind == .grassroots && $0.parentCode == county }.prefix(6).map(\.code)
        for (i, unit) in units.enumerated() {
            let lastDay = CivilDate(year: today.year - 1, month: 2, day: 10)!
            if i < 4 {
                let n = try await s.enroll(roundID: last.id, unitCode: unit, actor: actor, today: lastDay)
                if n > 0 {
                    _ = try await s.recordPayment(roundID: last.id, unitCode: unit, amount: Money(fen: last.terms.contribution.fen * Int64(n)),
                                                  receivedOn: lastDay.adding(days: 12), receiptNo: "HZ\(today.year - 1)-\(String(format: "%03d", i + 1))", actor: actor, today: today)
                }
            }
            guard i < 5 else { continue }
            let day = min(today, today.startOfYear.adding(days: 20 + i))
            let n = try await s.enroll(roundID: this.id, unitCode: unit, actor: actor, today: day)
            if n > 0 && i % 2 == 0 {
                _ = try await s.recordPayment(roundID: this.id, unitCode: unit, amount: Money(fen: this.terms.contribution.fen * Int64(n)),
                                              receivedOn: min(today, day.adding(days: 10)), receiptNo: "HZ\(today.year)-\(String(format: "%03d", i + 1))", actor: actor, today: today)
            }
        }
        try await addClaims(round: this, units: units.enumerated().filter { $0.offset < 5 && $0.offset % 2 == 0 }.map(\.element), actor: actor, today: today)
    }

    /// Claims on this year's round by members of the paid-up units, their stays (one after the
    /// other, so one person may have several) in the 40 days before today. Skipped early in the
    /// year, before any cover.
    func addClaims(round: MutualAidRound, units: [String], actor: Actor, today: CivilDate) async throws {
        let s = store.mutualAid
        let base = today.adding(days: -40)
        guard base > today.startOfYear.adding(days: 40) else { return }
        var people: [Member] = []
        for unit in units {
            people += try await store.members.search(name: nil, orgCode: unit, status: .active, actor: actor, limit: 6, sort: .name).items
        }
        guard !people.isEmpty else { return }
        func person(_ i: Int) -> Member { people[i % people.count] }
        func stay(_ offset: Int, _ days: Int, total: Int64, insurance: Int64) -> MutualAidEvent {
            MutualAidEvent(kind: .hospitalStay, on: base.adding(days: offset), dischargedOn: base.adding(days: offset + days), totalCost: Money(yuan: total),
                           insurancePaid: Money(yuan: insurance))
        }
        func file(_ m: Member, _ event: MutualAidEvent, benefit: String = "stay", filed: Int) async throws -> MutualAidClaim {
            let paper: MutualAidPaperKind = event.kind == .hospitalStay ? .dischargeSummary : .diagnosis
            let account = "62220202" + String(format: "%011lld", m.id % 100_000_000_000)
            return try await s.fileClaim(memberID: m.id, MutualAidClaimDraft(roundID: round.id, benefitCode: benefit, event: event, bankName: "中国工商银行", bankAccount: account,
                                                                              papers: [(paper, "\(paper.title).pdf", Array("%PDF-1.4\n\(paper.title)（演示）\n%%EOF\n".utf8))]),
                                         actor: actor, today: base.adding(days: filed))
        }
        // Paid, and returned by the bank, through one batch.
        let paid1 = try await file(person(0), stay(0, 4, total: 12_000, insurance: 6_000), filed: 6)
        let failed = try await file(person(1), stay(6, 3, total: 6_800, insurance: 3_900), filed: 10)
        let paid2 = try await file(person(6), stay(11, 4, total: 25_000, insurance: 14_000), filed: 16)
        for c in [paid1, failed, paid2] { _ = try await s.review(claimID: c.id, approve: true, actor: actor, today: base.adding(days: 18)) }
        let batch = try await s.createBatch(roundID: round.id, actor: actor)
        let lines = try await store.assistance.batchLines(id: batch.id, actor: actor)
        _ = try await store.assistance.exportBatch(id: batch.id, actor: actor)
        _ = try await store.assistance.recordBankResults(batchID: batch.id, lines.enumerated().map { i, l in
            BankResult(row: i + 2, reference: l.reference, paid: l.claimID != failed.id, reason: l.claimID == failed.id ? "账户已销户" : nil)
        }, actor: actor)
        // Approved and waiting for the next batch.
        let waiting = try await file(person(5), stay(17, 3, total: 4_200, insurance: 2_100), filed: 21)
        _ = try await s.review(claimID: waiting.id, approve: true, actor: actor, today: base.adding(days: 24))
        // That one in a second batch, sent to the bank, its result not back; another approved after it.
        let second = try await s.createBatch(roundID: round.id, actor: actor)
        _ = try await store.assistance.exportBatch(id: second.id, actor: actor)
        let next = try await file(person(7), stay(33, 2, total: 5_400, insurance: 2_600), filed: 36)
        _ = try await s.review(claimID: next.id, approve: true, actor: actor, today: base.adding(days: 37))
        // A major illness above the threshold: reviewed, waiting for the city.
        let big = try await file(person(2), MutualAidEvent(kind: .majorIllness, on: base.adding(days: 1), diagnosis: "急性心肌梗塞"), benefit: "illness", filed: 9)
        _ = try await s.review(claimID: big.id, approve: true, actor: actor, today: base.adding(days: 14))
        // Waiting for review; refused with its reason.
        _ = try await file(person(3), stay(28, 2, total: 9_600, insurance: 5_200), filed: 31)
        let refused = try await file(person(4), stay(22, 4, total: 3_500, insurance: 1_200), filed: 27)
        _ = try await s.review(claimID: refused.id, approve: false, reason: "住院发生在非定点医疗机构，且未办理转诊备案", actor: actor, today: base.adding(days: 29))
    }
}
