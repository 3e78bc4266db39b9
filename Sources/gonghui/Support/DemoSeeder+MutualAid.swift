import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// Medical mutual aid for the demo: the demo county's city runs a hospitalization plan with last
/// year's round and this year's; the county's first units enrolled all their members last year and
/// paid; this year most renewed (some paid, some not yet) and one unit has not enrolled.
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
    }
}
