import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// Small guaranteed loans for the demo county, one in every state: repaid and closed; being
/// repaid on time; 45 days overdue with a visit on record; written off after the fund paid the
/// bank, part recovered from the guarantor; approved and waiting for the bank; assessed and
/// waiting for approval; waiting for the assessment; refused as not feasible.
extension DemoSeeder {
    func addLoans(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        guard let county = province.accounts.first(where: { $0.username == "county" })?.orgCode else { return }
        let units = province.orgs.filter { $0.kind == .grassroots && $0.parentCode == county }.map(\.code)
        var people: [Member] = []
        // From the county's last units (the first ones are the mutual-aid demo's), two at most each.
        for unit in units.reversed() where people.count < 8 {
            people += try await store.members.search(name: nil, orgCode: unit, status: .active, actor: actor, limit: 2, sort: .name).items.prefix(8 - people.count)
        }
        guard people.count >= 8 else { return }
        let s = store.loans
        let projects: [(LoanProjectKind, String, Int64, Int)] = [
            (.catering, "社区早餐店", 50_000, 3), (.shop, "便民超市", 50_000, 2), (.workshop, "服装加工作坊", 50_000, 6), (.farming, "生态养鸡场", 50_000, 4),
            (.transport, "城乡货运", 50_000, 2), (.catering, "小面馆", 40_000, 2), (.shop, "五金店", 30_000, 1), (.other, "网店代运营", 50_000, 1),
        ]
        // Months before today each loan was applied for; the bank lends a month later.
        let appliedMonthsAgo = [26, 8, 10, 16, 1, 0, 0, 2]
        var loans: [Loan] = []
        for (i, p) in projects.enumerated() {
            let member = people[i]
            let applied = min(today, today.adding(months: -appliedMonthsAgo[i]).adding(days: -(i * 3)))
            let amount = Money(yuan: member.gender == .female ? min(p.2 + 20_000, 80_000) : p.2)
            let guarantor = LoanGuarantor(name: ["王建国", "李红梅", "张志强", "刘芳", "陈伟", "杨静", "赵磊", "黄敏"][i], idNumber: try IDNumber(demoGuarantorID(i)),
                                          idMasked: "", employer: ["区人社局", "区第一中学", "区人民医院", "街道办事处", "区财政局", "区税务局", "区教育局", "区卫健局"][i],
                                          relation: ["亲属", "朋友", "同学", "邻居", "亲属", "朋友", "同事", "亲属"][i], amount: amount)
            let draft = LoanDraft(basis: i % 3 == 0 ? .registeredUnemployed : .hardToEmploy, isGraduate: false, partnershipNo: nil, projectKind: p.0, projectName: p.1,
                                  operatingSince: applied.adding(months: -(14 + i)), jobsCreated: p.3, amount: amount, guarantors: [guarantor])
            loans.append(try await s.apply(memberID: member.id, draft, actor: actor, today: applied))
        }
        let checklist = LoanFeasibility.checklist.map { _ in true }
        let officers = ["周晓东", "吴丽娟"]
        for (i, l) in loans.enumerated() where i != 6 {
            let applied = min(today, today.adding(months: -appliedMonthsAgo[i]).adding(days: -(i * 3)))
            if i == 7 {
                _ = try await s.assess(loanID: l.id, badCredit: false,
                                       feasibility: LoanFeasibility(answers: [true, false, true, false, true], feasible: false,
                                                                    note: "项目开办不足一年，月收入难以覆盖还款额", officer: officers[1]),
                                       officerName: officers[1], actor: actor, today: applied.adding(days: 7))
                continue
            }
            _ = try await s.assess(loanID: l.id, badCredit: false, feasibility: LoanFeasibility(answers: checklist, feasible: true, note: "", officer: officers[i % 2]),
                                   officerName: officers[i % 2], actor: actor, today: min(today, applied.adding(days: 7)))
            if i == 5 { continue }
            _ = try await s.approve(loanID: l.id, actor: actor, today: min(today, applied.adding(days: 14)))
            if i == 4 { continue }
            let lentOn = applied.adding(months: 1)
            let months = i == 0 ? 12 : 24
            let schedule = try await s.recordLending(loanID: l.id, amount: l.amount, lentOn: lentOn, rateBasisPoints: 435, months: months, method: .equalInstalments,
                                                     subsidyBasisPoints: 10_000, bankName: "中国邮政储蓄银行", actor: actor, today: today)
            // How many instalments the borrower paid: all that fell due, or fewer for the late ones.
            let due = schedule.filter { $0.dueOn <= today }.count
            let paid = switch i {
            case 2: max(0, due - 2)
            case 3: 3
            default: due
            }
            for inst in schedule.prefix(paid) {
                try await s.recordRepayment(loanID: l.id, paidOn: inst.dueOn, principal: inst.principal, interest: inst.interest - inst.subsidy,
                                            reference: "YZ\(l.loanNo.suffix(6))-\(inst.seq)", actor: actor)
            }
            try await s.recordVisit(loanID: l.id, visitedOn: min(today, lentOn.adding(months: 3)), officer: officers[i % 2],
                                    note: i == 2 ? "客流减少，经营收入下降，借款人表示将压缩开支按期还款" : "项目正常经营，资金用于购置设备和进货，带动就业人数与申请一致",
                                    actor: actor, today: today)
            if i == 2 {
                try await s.recordVisit(loanID: l.id, visitedOn: today.adding(days: -5), officer: officers[0], note: "已逾期，上门催收，借款人承诺月底前补还两期",
                                        actor: actor, today: today)
            }
            if i == 3 {
                let off = schedule[3].dueOn.adding(days: 120)
                if off <= today {
                    _ = try await s.writeOff(loanID: l.id, on: off, reason: "借款人外出务工失联，经多次催收未果，担保基金已向银行代偿", actor: actor, today: today)
                    _ = try await s.recoverFromGuarantor(loanID: l.id, guarantor: "刘芳", paidOn: min(today, off.adding(days: 30)), principal: Money(yuan: 10_000),
                                                         interest: .zero, reference: "DC\(l.loanNo.suffix(6))-1", actor: actor, today: today)
                }
            }
        }
    }

    /// A valid ID number for a demo guarantor (born 1975–1982 in Wuhan's Jiang'an district).
    func demoGuarantorID(_ i: Int) -> String {
        let body = "420102" + String(1975 + i) + String(format: "%02d", 1 + i) + String(format: "%02d", 10 + i) + String(format: "%03d", 101 + i * 7)
        return body + String(IDNumber.checkCharacter(for: body))
    }
}
