import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// The mediation's record in the store: sessions, the particulars, the agreement's number, and
/// the dossier the documents print from (full ID numbers, for handlers only, audited).
@Suite("Mediation records and documents in the store")
struct MediationRecordTests {
    static func day(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    /// A case of `employer` taken to a signed agreement on `signedOn`.
    static func agreed(_ store: Store, actor: Actor, employer: String, signedOn: CivilDate, particulars: MediationParticulars? = nil) async throws -> DisputeCase {
        var intake = try DisputeServiceTests.intake(workers: 2, creditCode: nil)
        intake.employer.name = employer
        let c = try await store.disputes.register(intake, actor: actor, today: DisputeServiceTests.march1)
        _ = try await store.disputes.act(id: c.id, .accept, actor: actor, today: DisputeServiceTests.march1)
        _ = try await store.disputes.act(id: c.id, .startMediation(appliedOn: DisputeServiceTests.march1, oral: true, note: "职工当场口头申请调解，请求支付三个月工资"),
                                         particulars: MediationParticulars(mediator: "李明"), actor: actor, today: DisputeServiceTests.march1)
        return try await store.disputes.act(id: c.id, .recordAgreement(terms: [
            AgreementTerm(description: "支付拖欠工资", amount: Money(fen: 1_680_032), dueOn: signedOn.adding(days: 10)),
        ]), particulars: particulars, actor: actor, today: signedOn)
    }

    @Test(arguments: Engines.all)
    func sessionsParticularsAndTheAgreementsNumber(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let first = try await Self.agreed(t.store, actor: county, employer: "甲公司", signedOn: Self.day("2026-03-10"),
                                              particulars: MediationParticulars(employerRepresentative: "王总", paymentMethod: "银行转账"))
            let second = try await Self.agreed(t.store, actor: county, employer: "乙公司", signedOn: Self.day("2026-03-12"))
            let one = try await t.store.disputes.mediation(id: first.id, actor: county)
            #expect(one.agreementNo == "（2026）JA调字第 1 号" && one.agreementSignedOn == Self.day("2026-03-10"))
            #expect(one.particulars == MediationParticulars(mediator: "李明", employerRepresentative: "王总", paymentMethod: "银行转账"))
            #expect(try await t.store.disputes.mediation(id: second.id, actor: county).agreementNo == "（2026）JA调字第 2 号")

            // Sessions while mediated or performed; a bad one named by its fields; none before mediation.
            await #expect(throws: StoreError.invalid([
                FieldProblem(field: "place", value: "", reason: "请填写调解地点（最多 100 字）"),
                FieldProblem(field: "attendees", value: "", reason: "请填写参加人员（最多 500 字）"),
            ])) {
                _ = try await t.store.disputes.recordSession(caseID: first.id, MediationSession(heldOn: Self.day("2026-03-11"), place: " ", attendees: "", notes: "x"),
                                                             actor: county, today: Self.day("2026-03-12"))
            }
            let withSession = try await t.store.disputes.recordSession(
                caseID: first.id, MediationSession(heldOn: Self.day("2026-03-11"), place: "区总工会调解室", attendees: "张三、王总、李明", notes: "确认付款日期"),
                actor: county, today: Self.day("2026-03-12"))
            #expect(withSession.sessions.map(\.place) == ["区总工会调解室"] && withSession.sessions.first?.recordedBy == county.displayName)
            let fresh = try await t.store.disputes.register(try DisputeServiceTests.intake(types: [.workInjury]), actor: county, today: DisputeServiceTests.march1)
            await #expect(throws: StoreError.conflict(code: "workflow", message: "案件当前为“待受理”，只有调解中的案件可以记录调解过程")) {
                _ = try await t.store.disputes.recordSession(caseID: fresh.id, MediationSession(heldOn: Self.day("2026-03-02"), place: "a", attendees: "b", notes: "c"),
                                                             actor: county, today: Self.day("2026-03-02"))
            }
            await #expect(throws: StoreError.conflict(code: "workflow", message: "案件还没有收到调解申请")) {
                _ = try await t.store.disputes.setParticulars(caseID: fresh.id, MediationParticulars(mediator: "x"), actor: county)
            }
            // Given fields replace, empty ones keep.
            let corrected = try await t.store.disputes.setParticulars(caseID: first.id, MediationParticulars(employerAgent: "赵律师"), actor: county)
            #expect(corrected.particulars.employerAgent == "赵律师" && corrected.particulars.employerRepresentative == "王总")

            // Another county finds nothing.
            let other = try await SmallTree.actor(t.store, org: "XL")
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(first.id))) { _ = try await t.store.disputes.mediation(id: first.id, actor: other) }
        }
    }

    @Test(arguments: Engines.all)
    func theDossierPrintsFullIDNumbersForHandlersOnlyAndIsAudited(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let c = try await Self.agreed(t.store, actor: county, employer: "甲公司", signedOn: Self.day("2026-03-10"))
            let dossier = try await t.store.disputes.dossier(id: c.id, document: "劳动争议调解协议书", actor: county)
            #expect(dossier.parties.map(\.idNumber) == [idNumber("42010219850101100"), idNumber("42010219850101101")])
            #expect(dossier.parties.first?.phone == "13800000000" && dossier.parties.first?.isRepresentative == true)
            #expect(dossier.agreementNo == "（2026）JA调字第 1 号" && dossier.mediationRecordedAt != nil)
            let doc = try #require(MediationDocument.compose(.agreement, dossier))
            #expect(doc.blocks.contains(.subtitle("（2026）JA调字第 1 号")))
            let printed = try await t.store.database.read { db in
                try await db.raw("SELECT summary FROM audit_log WHERE action = 'dispute.document'").all().map { try $0.decode(column: "summary", as: String.self) }
            }
            #expect(printed == ["\(c.caseNo)：打印劳动争议调解协议书"])
            // A reviewer reads the case but prints nothing.
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer)
            await #expect(throws: StoreError.forbidden("当前角色无权打印案件文书")) {
                _ = try await t.store.disputes.dossier(id: c.id, document: "x", actor: reviewer)
            }
        }
    }

    @Test(arguments: Engines.all)
    func papersAreRecognisedByTheirBytesKeptEncryptedAndClosedToTheEmployersUnion(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let c = try await t.store.disputes.register(try DisputeServiceTests.intake(confidential: true), actor: county, today: DisputeServiceTests.march1)
            let pdf = Array("%PDF-1.4\n工资条".utf8)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "file", value: "工资.pdf", reason: "只能上传 PDF、JPEG 或 PNG 文件")])) {
                _ = try await t.store.disputes.addPaper(caseID: c.id, kind: .wages, filename: "工资.pdf", data: Array("not a pdf".utf8), actor: county)
            }
            let kept = try await t.store.disputes.addPaper(caseID: c.id, kind: .wages, filename: "../../工资条.pdf", data: pdf, actor: county)
            #expect(kept.filename == "工资条.pdf" && kept.contentType == "application/pdf" && kept.size == pdf.count)
            let stored = try await t.store.database.read { db in
                try await db.raw("SELECT data FROM dispute_papers WHERE id = \(bind: kept.id)").first()!.decode(column: "data", as: Data.self)
            }
            #expect(!Data(stored).starts(with: Array("%PDF".utf8)), "stored encrypted")
            let (meta, bytes) = try await t.store.disputes.paperData(caseID: c.id, paperID: kept.id, actor: county)
            #expect(meta == kept && bytes == pdf)
            #expect(try await t.store.disputes.papers(caseID: c.id, actor: county) == [kept])
            // The employer's own union (JA01, by the credit code) never reaches the confidential case, nor its papers.
            let union = try await SmallTree.actor(t.store, org: "JA01")
            let audits = try await t.store.database.read { db in
                try await db.raw("SELECT action FROM audit_log WHERE action LIKE 'dispute.paper%' ORDER BY seq").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(audits == ["dispute.paper_add", "dispute.paper_download"])
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(c.id))) {
                _ = try await t.store.disputes.paperData(caseID: c.id, paperID: kept.id, actor: union)
            }
        }
    }

    @Test(arguments: Engines.all)
    func theArbitrationAfterAMediationIsFollowedOnTheLawsClocks(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let march1 = DisputeServiceTests.march1
            let c = try await t.store.disputes.register(try DisputeServiceTests.intake(), actor: county, today: march1)
            let record = ArbitrationRecord(commission: "武汉市劳动人事争议仲裁委员会", appliedOn: Self.day("2026-03-20"))
            await #expect(throws: StoreError.conflict(code: "workflow", message: "案件以“转仲裁”办结后才能记录仲裁情况")) {
                _ = try await t.store.disputes.recordArbitration(caseID: c.id, record, actor: county, today: Self.day("2026-03-20"))
            }
            _ = try await t.store.disputes.act(id: c.id, .accept, actor: county, today: march1)
            _ = try await t.store.disputes.act(id: c.id, .startMediation(appliedOn: march1, oral: false, note: ""), actor: county, today: march1)
            _ = try await t.store.disputes.act(id: c.id, .endMediation(.arbitration, note: "15 日内未达成协议，职工申请仲裁"), actor: county, today: Self.day("2026-03-17"))
            _ = try await t.store.disputes.recordArbitration(caseID: c.id, record, actor: county, today: Self.day("2026-03-20"))
            let policy = DisputePolicy.defaults
            let applied = try #require(try await t.store.disputes.arbitration(caseID: c.id, actor: county))
            #expect(applied.acceptanceDue(policy: policy) == Self.day("2026-03-25") && applied.dueOn(policy: policy) == Self.day("2026-03-25"))
            var accepted = applied
            accepted.acceptedOn = Self.day("2026-03-24")
            accepted.extended = true
            _ = try await t.store.disputes.recordArbitration(caseID: c.id, accepted, actor: county, today: Self.day("2026-03-24"))
            let stored = try #require(try await t.store.disputes.arbitration(caseID: c.id, actor: county))
            // 45 days from acceptance and 15 more once: 23 May.
            #expect(stored.awardDue(policy: policy) == Self.day("2026-05-23") && stored.extended)
            var awarded = stored
            awarded.awardedOn = Self.day("2026-05-10")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "result", value: "", reason: "请填写裁决结果")])) {
                _ = try await t.store.disputes.recordArbitration(caseID: c.id, awarded, actor: county, today: Self.day("2026-05-10"))
            }
            awarded.result = "裁决用人单位支付工资 18000 元（终局裁决）"
            _ = try await t.store.disputes.recordArbitration(caseID: c.id, awarded, actor: county, today: Self.day("2026-05-10"))
            #expect(try await t.store.disputes.arbitration(caseID: c.id, actor: county)?.dueOn(policy: policy) == nil)
            #expect(try await t.store.disputes.history(id: c.id, actor: county).filter { $0.kind == "arbitration" }.count == 3)
        }
    }
}
