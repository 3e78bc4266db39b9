import Foundation
import GonghuiDemo
import GonghuiDomain
import GonghuiStore

/// Labor-dispute cases for the demo county: consultations answered at once, complaints waiting to
/// be accepted (one past its 15 days), cases being handled and mediated, a collective wage-arrears
/// case whose agreement is partly performed, a confidential complaint, and closed cases of every
/// ending. Employers are the county's own enterprises (their unions are found by credit code) and
/// a few outside the registry.
extension DemoSeeder {
    /// How far a demo case goes, and how many days ago it was received.
    private enum Plan {
        case answered, waiting, accepted, mediating, performing, agreed, noAgreement, refused, resolved
    }

    func addDisputes(province: DemoProvince) async throws {
        let actor = Actor.system("demo")
        let today = CivilDate.today()
        guard let county = province.accounts.first(where: { $0.username == "county" })?.orgCode else { return }
        let employers = province.orgs.filter { $0.kind == .grassroots && $0.parentCode.map { $0.hasPrefix(county) } == true && $0.creditCode != nil }.prefix(12)
            .map { DisputeEmployer(name: String($0.name.dropLast(2)), creditCode: $0.creditCode, regionCode: $0.regionCode, industry: nil, unionCode: nil) }
            + ["江岸区某餐饮管理有限公司", "某建筑劳务分包有限公司", "某快递网点"].map { DisputeEmployer(name: $0, creditCode: nil, regionCode: nil, industry: nil, unionCode: nil) }
        guard !employers.isEmpty else { return }
        if let root = province.orgs.first(where: { $0.parentCode == nil }) {
            try await store.disputes.setMinimumWage(MinimumWage(regionCode: root.regionCode, effectiveFrom: CivilDate(year: today.year - 2, month: 1, day: 1)!,
                                                                monthly: Money(yuan: 1_800), source: "演示数据（示意金额，非真实标准）"), actor: actor)
        }
        // The county union's mediator roster: the names the demo's mediations use, and one who left.
        let roster: [(String, MediatorRole, [DisputeType], String, Bool)] = [
            ("李明", .fullTime, [.wageArrears, .termination], "区总工会劳动争议调解委员会专职调解员", true),
            ("王芳", .lawyer, [.compensation, .workInjury, .socialInsurance], "工会法律援助律师，周二、周四可约", true),
            ("陈刚", .partTime, [.workingHours, .noWrittenContract], "退休劳动监察员", true),
            ("周海", .partTime, [.wageArrears], "已调离", false),
        ]
        for (i, (name, role, types, note, active)) in roster.enumerated() {
            _ = try await store.disputes.addMediator(MediatorDraft(name: name, role: role, phone: try PhoneNumber("1390000000\(i + 1)"), specialties: types,
                                                                   note: note, active: active), orgCode: county, actor: actor)
        }
        let plans: [(Plan, Int)] = [
            (.answered, 3), (.answered, 40), (.waiting, 2), (.waiting, 20), (.accepted, 12), (.accepted, 50), (.mediating, 9), (.mediating, 25),
            (.performing, 35), (.agreed, 90), (.agreed, 200), (.noAgreement, 120), (.refused, 60), (.resolved, 150), (.resolved, 300), (.waiting, 5),
        ]
        for (n, (plan, daysAgo)) in plans.enumerated() {
            let received = today.adding(days: -daysAgo)
            let intake = Self.disputeIntake(n, plan: plan, employer: employers[n % employers.count], county: county, receivedOn: received, today: today)
            let c = try await store.disputes.register(intake, allowDuplicate: true, actor: actor, today: received)
            for (day, action) in Self.disputeSteps(plan, n: n, receivedOn: received, today: today) {
                _ = try await store.disputes.act(id: c.id, action, particulars: Self.particulars(action, n: n), actor: actor, today: day)
                if case .startMediation(let applied, _, _) = action {
                    let session = MediationSession(heldOn: min(today, applied.adding(days: 2)), place: "区总工会劳动争议调解室",
                                                   attendees: "职工代表、用人单位人事负责人、调解员", notes: "双方陈述意见，调解员释明相关法律规定，约定下次调解时间")
                    _ = try await store.disputes.recordSession(caseID: c.id, session, actor: actor, today: today)
                }
            }
        }
        let unions = province.orgs.filter { $0.kind == .grassroots && $0.parentCode.map { $0.hasPrefix(county) } == true }.map(\.code)
        try await importDisputeHistory(county: county, unions: unions, employers: employers, today: today)
        try await addRiskWarnings(county: county, employers: employers, today: today)
        try await addLegalAid(province: province, county: county, today: today)
        let department = (province.orgs.first { $0.code == county }?.name ?? "").replacingOccurrences(of: "总工会", with: "") + "人力资源和社会保障局"
        try await addSupervision(county: county, employers: employers, department: department, today: today)
    }

    /// The county's labor-law supervisions (一函两书): one that went through all three letters and
    /// was decided by the labor department, one corrected after the reminder, one whose opinion
    /// went unanswered past its day (the worklist proposes the proposal), one waiting for its answer.
    private func addSupervision(county: String, employers: [DisputeEmployer], department: String, today: CivilDate) async throws {
        let actor = Actor.system("demo")
        let s = store.supervision
        func draft(_ e: DisputeEmployer, _ violation: String, _ basis: String, _ correction: String, _ daysAgo: Int) -> SupervisionDraft {
            SupervisionDraft(employerName: e.name, employerCreditCode: e.creditCode.flatMap { try? CreditCode($0) }, caseID: nil, violation: violation,
                             legalBasis: basis, correction: correction, laborDepartment: department, firstLetter: .reminder, issuedOn: today.adding(days: -daysAgo))
        }
        let wages = ("拖欠 46 名职工 2 个月工资，共计 31.2 万元。", "《中华人民共和国劳动法》第五十条：工资应当以货币形式按月支付给劳动者本人，不得克扣或者无故拖欠劳动者的工资",
                     "立即足额支付拖欠的工资，并建立按月足额支付工资的制度。")
        let overtime = ("安排职工每月加班超过 36 小时且未支付加班工资。", "《中华人民共和国劳动法》第四十一条、第四十四条",
                        "将加班时间控制在法定限度内，并按法定标准补发加班工资。")
        let insurance = ("未为 12 名职工缴纳社会保险费。", "《中华人民共和国社会保险法》第五十八条、第六十条", "为职工办理社会保险登记并补缴社会保险费。")
        let contract = ("与 8 名职工未订立书面劳动合同。", "《中华人民共和国劳动合同法》第十条、第八十二条", "与职工订立书面劳动合同，并依法支付未订立期间的二倍工资。")
        // Firms rather than schools or offices: the letters go to employers that break labor law.
        let firms = employers.filter { $0.name.contains("公司") || $0.name.contains("厂") || $0.name.contains("部") }
        let pool = firms.count >= 4 ? Array(firms) : Array(employers)
        let picks = (0..<4).map { pool[($0 + 1) % pool.count] }
        var m = try await s.open(draft(picks[0], wages.0, wages.1, wages.2, 90), orgCode: county, actor: actor, today: today)
        m = try await s.issue(.opinion, matterID: m.id, issuedOn: today.adding(days: -70), actor: actor, today: today)
        m = try await s.answer(matterID: m.id, answeredOn: today.adding(days: -60), result: .refused, text: "公司称资金周转困难，暂无法支付", actor: actor, today: today)
        m = try await s.issue(.proposal, matterID: m.id, issuedOn: today.adding(days: -55), actor: actor, today: today)
        _ = try await s.decide(matterID: m.id, decidedOn: today.adding(days: -20), decision: .ordered, note: "劳动保障监察责令限期支付，公司已全部支付", actor: actor, today: today)
        m = try await s.open(draft(picks[1], overtime.0, overtime.1, overtime.2, 30), orgCode: county, actor: actor, today: today)
        _ = try await s.answer(matterID: m.id, answeredOn: today.adding(days: -12), result: .corrected, text: "公司已调整排班，补发加班工资 4.6 万元", actor: actor, today: today)
        m = try await s.open(draft(picks[2], insurance.0, insurance.1, insurance.2, 75), orgCode: county, actor: actor, today: today)
        _ = try await s.issue(.opinion, matterID: m.id, issuedOn: today.adding(days: -45), actor: actor, today: today)
        _ = try await s.open(draft(picks[3], contract.0, contract.1, contract.2, 4), orgCode: county, actor: actor, today: today)
    }

    /// The county's legal-aid roster and three applications of its members: one concluded (an
    /// arbitration won), one with its lawyer, one waiting for the decision.
    private func addLegalAid(province: DemoProvince, county: String, today: CivilDate) async throws {
        let actor = Actor.system("demo")
        let lawyers = [
            LegalAidLawyerDraft(name: "王芳", firm: "湖北江岸律师事务所", licenceNo: "14201201510000001", phone: try PhoneNumber("13900000002"), specialties: "工伤、社会保险、经济补偿"),
            LegalAidLawyerDraft(name: "赵磊", firm: "湖北楚天律师事务所", licenceNo: "14201201810000002", phone: try PhoneNumber("13900000005"), specialties: "欠薪、劳动合同"),
        ]
        var roster: [LegalAidLawyer] = []
        for l in lawyers { roster.append(try await store.legalAid.addLawyer(l, orgCode: county, actor: actor)) }
        let members = province.members().lazy.filter { $0.orgCode.hasPrefix(county) && $0.status == .active }.prefix(3)
        let plans: [(LegalAidMatter, Int, String)] = [
            (.arbitration, 60, "公司拖欠三个月工资共 27,000 元，经调解未果，申请工会代理劳动仲裁"),
            (.opinion, 10, "公司以调岗为由降薪，请工会出具法律意见书"),
            (.litigation, 2, "仲裁裁决后公司不履行，申请代理向法院起诉"),
        ]
        for (member, (matter, daysAgo, request)) in zip(members, plans) {
            let on = today.adding(days: -daysAgo)
            let a = try await store.legalAid.apply(LegalAidDraft(name: member.name, idNumber: try IDNumber(member.idNumber), phone: try? PhoneNumber(member.phone),
                                                                 matter: matter, request: request, caseID: nil, orgCode: county, appliedOn: on), actor: actor, today: on)
            guard daysAgo > 2, a.assessment.eligible else { continue }
            _ = try await store.legalAid.decide(id: a.id, approve: true, note: "", actor: actor, today: on.adding(days: 1))
            _ = try await store.legalAid.assign(id: a.id, lawyerID: roster[daysAgo > 30 ? 1 : 0].id, actor: actor, today: on.adding(days: 2))
            if daysAgo > 30 {
                _ = try await store.legalAid.conclude(id: a.id, outcome: .won, obtained: Money(yuan: 27_000), fee: Money(yuan: 3_000), note: "仲裁裁决公司支付拖欠工资",
                                                      concludedOn: on.adding(days: 45), actor: actor, today: today)
            }
        }
    }

    /// The risk warning's demo: a labour subcontractor with three wage complaints in a month (the
    /// daily run alerts the city), the last of them marked 群体性 (alerted at once); the
    /// collective case above has alerted the city when it was registered.
    private func addRiskWarnings(county: String, employers: [DisputeEmployer], today: CivilDate) async throws {
        let actor = Actor.system("demo")
        let builder = employers.first { $0.creditCode == nil && $0.name.contains("建筑") } ?? employers[0]
        var last: DisputeCase?
        for (i, daysAgo) in [15, 8, 3].enumerated() {
            let received = today.adding(days: -daysAgo)
            let intake = Self.disputeIntake(100 + i, plan: .waiting, employer: builder, county: county, receivedOn: received, today: today)
            last = try await store.disputes.register(intake, allowDuplicate: true, actor: actor, today: received)
        }
        if let last {
            _ = try await store.disputes.markRisk(caseID: last.id, mark: .massIncident, note: "职工在微信群中相约到区政府门口讨薪", actor: actor, today: today)
        }
        _ = try await store.warnings.runTrends(today: today)
    }

    /// The two years before the platform, as a county's 12351 register holds them: about three
    /// hundred work orders, imported as `gonghui import disputes` would (the importer itself runs).
    private func importDisputeHistory(county: String, unions: [String], employers: [DisputeEmployer], today: CivilDate) async throws {
        let outcomes = ["达成协议", "达成协议", "未调解", "未达成协议", "撤回", "未调解"]
        let rows: [[String]] = (0..<320).map { n in
            let received = today.adding(days: -(40 + (n * 677) % 690))
            let kind = DisputeRequestKind.allCases[[0, 1, 1, 2, 1, 2, 3][n % 7]]
            let employer = employers[(n * 7) % employers.count]
            let types = kind.isAnsweredAtOnce ? "" : [DisputeType.wageArrears.title, "\(DisputeType.wageArrears.title)、\(DisputeType.socialInsurance.title)",
                                                      DisputeType.termination.title, DisputeType.compensation.title, DisputeType.workInjury.title][n % 5]
            let closed = n % 23 != 0
            let outcome = kind.isAnsweredAtOnce || !closed ? "" : outcomes[n % outcomes.count]
            let claimed = kind.isAnsweredAtOnce ? 0 : 1_500 + (n * 3_217) % 18_000
            let recovered = outcome == "达成协议" || (outcome == "未调解" && n % 2 == 0) ? claimed * (70 + n % 31) / 100 : 0
            let workers = n % 41 == 0 ? 10 + n % 30 : 1 + n % 3
            return [String(format: "12351-%04d-%05d", received.year, n + 1), DisputeChannel.allCases[[0, 0, 0, 1, 1, 2, 4][n % 7]].title, kind.title,
                    types, received.iso, ["张", "王", "李", "赵", "刘", "陈", "杨", "黄"][n % 8] + ["建国", "秀英", "志强", "丽", "伟", "芳"][n % 6], "",
                    "", String(workers), employer.name, employer.creditCode ?? "", n % 3 == 0 || unions.isEmpty ? county : unions[n % unions.count],
                    String(claimed), closed ? "已办结" : "办理中", closed ? min(today, received.adding(days: 5 + (n * 13) % 70)).iso : "", outcome,
                    recovered == 0 ? "" : String(recovered)]
        }
        let report = try await DisputeImporter(store: store).run(
            source: InMemoryTable(header: ImportColumns.disputes.chineseHeader, rows: rows),
            options: ImportOptions(fileName: "历年12351工单台账.xlsx", today: today), actor: .system("demo")).0
        guard report.written, report.problems.isEmpty else {
            throw StoreError.invalid(report.problems.prefix(3).map { FieldProblem(field: $0.column, value: $0.value, reason: "\($0.row)：\($0.reason)") })
        }
    }

    private static func disputeIntake(_ n: Int, plan: Plan, employer: DisputeEmployer, county: String, receivedOn: CivilDate, today: CivilDate) -> DisputeIntake {
        let surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"]
        let collective = plan == .performing
        let workers = (0..<(collective ? 12 : 1 + n % 2)).map { i in
            DisputeWorkerDraft(name: surnames[(n + i) % surnames.count] + ["师傅", "女士", "先生"][i % 3], idNumber: nil,
                               phone: try? PhoneNumber("139" + String(format: "%08d", 10_000_000 + n * 131 + i)), isRepresentative: i == 0)
        }
        let kinds: [DisputeRequestKind] = [.request, .complaint, .request, .complaint]
        let kind: DisputeRequestKind = plan == .answered ? .consultation : kinds[n % kinds.count]
        let type: DisputeType = collective ? .wageArrears : [.wageArrears, .termination, .socialInsurance, .workingHours, .noWrittenContract, .compensation][n % 6]
        let amount = Money(yuan: Int64(collective ? 216_000 : 3_000 + (n * 1_750) % 40_000))
        let facts = kind == .consultation ? "咨询：\(type.title)的相关规定和办理途径" : "反映\(employer.name)\(type.title)问题，请求工会协调解决"
        return DisputeIntake(channel: DisputeChannel.allCases[n % DisputeChannel.allCases.count], kind: kind, receivedOn: receivedOn, workers: workers,
                             employer: employer, types: kind == .consultation ? [] : [type],
                             claims: kind == .consultation ? [] : [DisputeClaim(type: type, description: collective ? "12 人三个月工资" : "", amount: amount)],
                             facts: facts, learnedOn: receivedOn.adding(days: -20), employmentEndedOn: n % 3 == 0 ? receivedOn.adding(days: -10) : nil,
                             confidential: n == 15, handlingOrgCode: county)
    }

    /// What the demo's mediations print: a mediator, and for an agreement the employer's
    /// representative and how it pays.
    private static func particulars(_ action: DisputeAction, n: Int) -> MediationParticulars? {
        switch action {
        case .startMediation: return MediationParticulars(mediator: ["李明", "王芳", "陈刚"][n % 3])
        case .recordAgreement:
            return MediationParticulars(employerRepresentative: ["刘建华", "周志强", "吴秀兰"][n % 3], paymentMethod: "转账至职工本人银行账户")
        default: return nil
        }
    }

    /// The steps that take a new case to its plan, each on its day (never after today).
    private static func disputeSteps(_ plan: Plan, n: Int, receivedOn r: CivilDate, today: CivilDate) -> [(CivilDate, DisputeAction)] {
        func day(_ d: Int) -> CivilDate { min(today, r.adding(days: d)) }
        let mediation: [(CivilDate, DisputeAction)] = [(day(2), .accept), (day(4), .startMediation(appliedOn: day(4), oral: n % 2 == 0, note: "双方同意由工会调解"))]
        switch plan {
        case .answered: return [(day(0), .answer(reply: "已电话告知相关法律规定和申请劳动仲裁的途径"))]
        case .waiting: return []
        case .accepted: return [(day(2), .accept)]
        case .mediating: return mediation
        case .refused: return [(day(3), .refuse(reason: "该事项已由劳动人事争议仲裁委员会受理"))]
        case .resolved: return [(day(2), .accept), (day(20), .resolve(note: "经工会协调，企业补发工资", recovered: Money(yuan: Int64(2_000 + n * 500))))]
        case .noAgreement: return mediation + [(day(18), .endMediation(.noAgreement, note: "双方分歧较大，告知职工可申请劳动仲裁"))]
        case .performing, .agreed:
            let terms = [AgreementTerm(description: "支付拖欠工资", amount: Money(yuan: plan == .performing ? 144_000 : 8_000), dueOn: day(20)),
                         AgreementTerm(description: "支付经济补偿", amount: Money(yuan: plan == .performing ? 72_000 : 2_000), dueOn: r.adding(days: 50))]
            var steps = mediation + [(day(10), .recordAgreement(terms: terms)),
                                     (day(19), .recordPerformance(term: 0, performedOn: day(19), amount: terms[0].amount))]
            if plan == .agreed { steps.append((day(45), .recordPerformance(term: 1, performedOn: day(45), amount: terms[1].amount))) }
            return steps
        }
    }
}
