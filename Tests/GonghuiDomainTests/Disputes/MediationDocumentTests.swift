import Testing
@testable import GonghuiDomain

@Suite("Mediation documents composed from the record")
struct MediationDocumentTests {
    private func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    func dossier(terms: [AgreementTerm], oral: Bool = true, workers: Int = 1, particulars: MediationParticulars = MediationParticulars()) throws -> DisputeDossier {
        var w = DisputeWorkflow(kind: .complaint, receivedOn: date("2026-03-01"))
        try w.apply(.accept, on: date("2026-03-01"), policy: DisputePolicy.defaults)
        try w.apply(.startMediation(appliedOn: date("2026-03-02"), oral: oral, note: "口头申请：请求支付工资"), on: date("2026-03-02"), policy: DisputePolicy.defaults)
        if !terms.isEmpty { try w.apply(.recordAgreement(terms: terms), on: date("2026-03-10"), policy: DisputePolicy.defaults) }
        let c = DisputeCase(id: 7, caseNo: "JF2026-000007", channel: .visit, handlingOrgCode: "JA", handlingOrgName: "江岸区总工会",
                            workers: [], workersInvolved: max(workers, 1),
                            employer: DisputeEmployer(name: "江岸机械厂", creditCode: "91420102MA4K123456", regionCode: nil, industry: nil, unionCode: nil),
                            types: [.wageArrears], claims: [DisputeClaim(type: .wageArrears, description: "三个月工资", amount: Money(yuan: 18_000))],
                            facts: "自 2025 年 12 月起未发工资", learnedOn: nil, employmentEndedOn: nil, confidential: false, workflow: w, limitationEndsOn: nil,
                            collective: workers >= 10, version: 1)
        let parties = (0..<workers).map { i in
            DocumentParty(name: "工人\(i + 1)", idNumber: i == 0 ? "420102198501011234" : nil, phone: "13800000000", isRepresentative: i == 0)
        }
        return DisputeDossier(dispute: c, parties: parties, particulars: particulars, sessions: [], agreementNo: terms.isEmpty ? nil : "（2026）JA调字第 3 号",
                              agreementSignedOn: terms.isEmpty ? nil : date("2026-03-10"), mediationRecordedAt: nil)
    }

    @Test("the agreement: its number, the parties, each term with its amount in capitals, the waiver and the law's articles")
    func agreement() throws {
        let d = try dossier(terms: [AgreementTerm(description: "支付拖欠工资", amount: Money(fen: 1_680_032), dueOn: date("2026-03-20"))],
                            particulars: MediationParticulars(mediator: "李明", employerRepresentative: "王总", paymentMethod: "转账至职工本人银行账户"))
        let doc = try #require(MediationDocument.compose(.agreement, d))
        #expect(doc.title == "劳动争议调解协议书" && doc.blocks.first == .subtitle("（2026）JA调字第 3 号"))
        let text = doc.blocks.compactMap { b -> String? in if case .paragraph(let s) = b { return s } else { return nil } }
        #expect(text.contains("1. 乙方于 2026年3月20日 前向甲方支付拖欠工资，金额 16800.32 元（大写：壹万陆仟捌佰元零叁角贰分），支付方式：转账至职工本人银行账户。"))
        #expect(text.contains("2. 乙方按期履行上述义务后，甲方不再就本次争议向乙方提出其他请求。"))
        #expect(text.contains { $0.contains("第十五条、第十六条") } && text.contains { $0.contains("一式三份") })
        #expect(doc.blocks.contains(.fields([("姓名", "工人1"), ("性别", "男"), ("公民身份号码", "420102198501011234"), ("联系电话", "13800000000")])))
        #expect(doc.blocks.contains(.fields([("单位名称", "江岸机械厂"), ("统一社会信用代码", "91420102MA4K123456"), ("法定代表人", "王总"), ("委托代理人", "")])))
        guard case .signatures(let lines) = doc.blocks.last else { Issue.record("no signatures"); return }
        #expect(lines.contains("调解员（签名）：李明　＿＿＿＿＿＿") && lines.contains("江岸区总工会劳动争议调解委员会（印章）") && lines.last == "2026年3月10日")
    }

    @Test("a group is a table with its representatives; documents the case does not have yet say why")
    func groupsAndUnavailable() throws {
        let group = try dossier(terms: [], oral: false, workers: 12)
        #expect(MediationDocument.unavailable(.agreement, for: group) == "案件还没有达成调解协议")
        #expect(MediationDocument.unavailable(.oralRecord, for: group) == "调解申请为书面申请，没有口头申请笔录")
        #expect(MediationDocument.compose(.oralRecord, group) == nil)
        let application = try #require(MediationDocument.compose(.application, group))
        let tables = application.blocks.compactMap { b -> [[String]]? in if case .table(_, let rows) = b { return rows } else { return nil } }
        #expect(tables.first?.count == 12 && tables.first?.first == ["1", "工人1", "男", "420102198501011234", "13800000000", "代表"])
        let oral = try #require(MediationDocument.compose(.oralRecord, try dossier(terms: [])))
        #expect(oral.blocks.contains(.paragraph("口头申请：请求支付工资")))
    }
}
