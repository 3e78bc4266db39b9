import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

/// The attacks of the security probe, kept closed: writes outside the actor's subtree, racing
/// the lock-out, oversized and malformed bodies, headers, and what a refusal tells.
@Suite("Security")
struct SecurityTests {
    static let sys = Actor.system("test")

    /// Everything another county (K02) owns, made by the system: the objects officer.a of K01
    /// tries to change.
    struct Targets {
        var countyCycle: Int64
        var provinceCycle: Int64
        var grant: Int64
        var batch: Int64
        var archive: Int64
        var transfer: Int64
        var reference: String
    }

    static func targets(_ f: Fixture, _ client: any TestClientProtocol) async throws -> Targets {
        let s = f.store
        let admin = try await client.login("admin").bearer
        _ = try await s.orgs.create(OrganizationDraft(code: "G03", name: "江汉电子厂工会", parentCode: "K02", kind: .grassroots, employees: 50),
                                    on: try CivilDate(parsing: "2010-01-01"), actor: sys)
        let transfer = try await s.members.requestTransfer(memberID: f.memberB.id, toOrgCode: "G03", on: .today(), reason: "调动", actor: sys)
        _ = try await client.call(.post, "/api/v1/hardship/lines", json: ["regionCode": "420000", "effectiveFrom": "2020-01-01", "monthlyFen": 80_000], headers: admin)
        let archive = try await client.call(.post, "/api/v1/hardship/archives", json: [
            "memberId": f.memberB.id, "appliedOn": CivilDate.today().adding(days: -3).iso, "bankAccount": "6217002870019999000",
            "details": HardshipAPITests.details(incomeFen: 2_000_000),
        ], headers: admin)
        #expect(archive.status == .created, "\(archive.text)")
        _ = try await s.assistance.createProgram(code: "XSQL", name: "夏送清凉", kind: .summerCool, actor: sys)
        let start = CivilDate.today().adding(days: -5), end = CivilDate.today().adding(days: 60)
        let province = try await s.assistance.openCycle(programCode: "XSQL", name: "2027年夏送清凉", startsOn: start, endsOn: end, rules: nil,
                                                        budget: Money(yuan: 10_000), ownerOrgCode: "P42", actor: sys)
        let county = try await s.assistance.openCycle(programCode: "XSQL", name: "江汉区夏送清凉", startsOn: start, endsOn: end, rules: nil,
                                                      budget: Money(yuan: 1_000), ownerOrgCode: "K02", actor: sys)
        _ = try await s.assistance.allocate(cycleID: province.id, toOrgCode: "C01", amount: Money(yuan: 5_000), actor: sys)
        _ = try await s.assistance.allocate(cycleID: province.id, toOrgCode: "K02", amount: Money(yuan: 2_000), actor: sys)
        let g = try await s.assistance.apply(cycleID: province.id, memberID: f.memberB.id,
                                             declaration: .init(outdoorWorker: true, bankName: "中国农业银行江汉支行", bankAccount: try BankAccountNumber("6228480000000004321")), actor: sys)
        _ = try await s.assistance.decide(grantID: g.id, .review, actor: sys)
        _ = try await s.assistance.decide(grantID: g.id, .approve, actor: sys)
        let batch = try await s.assistance.createBatch(cycleID: province.id, actor: sys)
        #expect(batch.orgCode == "K02")
        let (_, lines) = try await s.assistance.exportBatch(id: batch.id, actor: sys)
        _ = try await s.assistance.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: false, reason: "账户冻结")], actor: sys)
        _ = try await s.assistance.requeue(grantID: g.id, bankName: nil, bankAccount: try BankAccountNumber("6228480000000008888"), actor: .system("maker"))
        return Targets(countyCycle: county.id, provinceCycle: province.id, grant: g.id, batch: batch.id,
                       archive: try #require(try archive.object()["id"] as? Int64), transfer: transfer.id, reference: lines[0].reference)
    }

    static func auditHead(_ store: Store) async throws -> Int64 {
        try await store.database.read { db in try await db.raw("SELECT seq FROM audit_head WHERE id = 1").first()!.decode(column: "seq", as: Int64.self) }
    }

    @Test("Every write route, tried by another county's officer, is not found (or forbidden) and changes nothing", arguments: Engine.available)
    func writesOutsideScope(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let t = try await Self.targets(f, client)
            // A dispute case and a mediator of the other county.
            let b0 = try await client.login("officer.b").bearer
            let caseB = try await client.call(.post, "/api/v1/disputes", json: DisputeAPITests.intake(), headers: b0).object()["id"] as? Int64 ?? 0
            let mediatorB = try await client.call(.post, "/api/v1/disputes/mediators", json: ["name": "赵调解", "role": "full_time"], headers: b0)
                .object()["id"] as? Int64 ?? 0
            #expect(caseB > 0 && mediatorB > 0)
            // The other county's rights work: a case marked (its alert goes to the city), a legal-aid
            // application approved, a lawyer on its roster, a supervision with its reminder.
            let day = CivilDate.today()
            _ = try await f.store.disputes.markRisk(caseID: caseB, mark: .massIncident, note: "相约到区政府", actor: Self.sys)
            let alertB = try #require(try await f.store.warnings.list(actor: Self.sys).alerts.first).id
            let aidB = try await f.store.legalAid.apply(LegalAidDraft(name: "李四", idNumber: try IDNumber(f.idB), phone: nil, matter: .arbitration, request: "代理仲裁",
                                                                      caseID: nil, orgCode: "K02", appliedOn: day), actor: Self.sys).id
            _ = try await f.store.legalAid.decide(id: aidB, approve: true, note: "", actor: Self.sys)
            let lawyerB = try await f.store.legalAid.addLawyer(LegalAidLawyerDraft(name: "钱律师", firm: "楚天律师事务所", licenceNo: "14201201012345679", phone: nil,
                                                                                   specialties: "劳动争议"), orgCode: "K02", actor: Self.sys).id
            let supervisionB = try await f.store.supervision.open(SupervisionDraft(employerName: "某物流公司", employerCreditCode: nil, caseID: nil, violation: "拖欠工资",
                                                                                   legalBasis: "《劳动法》第五十条", correction: "足额支付", laborDepartment: "某区人社局",
                                                                                   firstLetter: .reminder, issuedOn: day), orgCode: "K02", actor: Self.sys).id
            // The other county's mutual aid: G02 enrolled and paid for in the city's round, a claim filed.
            let ma = try await MutualAidClaimWebTests.round(f)
            _ = try await f.store.mutualAid.enroll(roundID: ma.id, unitCode: "G02", actor: Self.sys)
            _ = try await f.store.mutualAid.recordPayment(roundID: ma.id, unitCode: "G02", amount: Money(yuan: 70), receivedOn: day, receiptNo: "HZ-2", actor: Self.sys)
            let claimB = try await f.store.mutualAid.fileClaim(
                memberID: f.memberB.id,
                MutualAidClaimDraft(roundID: ma.id, benefitCode: "stay", event: MutualAidEvent(kind: .hospitalStay, on: day, dischargedOn: day, totalCost: Money(yuan: 5_000)),
                                    bankName: "中国工商银行", bankAccount: "6222020200001234567", papers: [(.invoice, "a.pdf", Array("%PDF-1.4 x".utf8))]),
                actor: Self.sys).id
            // The other county's loan, for its member 李四.
            let loanB = try await f.store.loans.apply(memberID: f.memberB.id, LoanDraft(
                basis: .registeredUnemployed, isGraduate: false, partnershipNo: nil, projectKind: .shop, projectName: "便利店", operatingSince: CivilDate(year: 2024, month: 1, day: 1)!,
                jobsCreated: 1, amount: Money(yuan: 10_000),
                guarantors: [LoanGuarantor(name: "钱担保", idNumber: try IDNumber(idNumber(birth: "19750101", seq: "321")), idMasked: "", employer: "区教育局", relation: "同事",
                                           amount: Money(yuan: 10_000))]), actor: Self.sys).id
            let before = try await Self.auditHead(f.store)
            let a = try await client.login("officer.a").bearer
            let B = f.memberB.id
            let newID = idNumber(birth: "19950505", seq: "135")
            let details = HardshipAPITests.details(incomeFen: 1_000_000)
            // (method, path, body, the statuses that count as refused)
            let attempts: [(HTTPRequest.Method, String, [String: Any]?, Set<Int>)] = [
                (.post, "/api/v1/orgs", ["code": "G09", "name": "渗透工会", "parentCode": "K02", "kind": "grassroots"], [404, 422]),
                (.patch, "/api/v1/orgs/G02", ["name": "改名"], [404]),
                (.post, "/api/v1/orgs/G02/move", ["parentCode": "K01"], [404]),
                (.post, "/api/v1/orgs/K01/move", ["parentCode": "K02"], [403, 404, 422]),
                (.post, "/api/v1/orgs/G02/merge", ["intoCode": "G01"], [404]),
                (.post, "/api/v1/orgs/G02/dissolve", ["reason": "撤销"], [404]),
                (.post, "/api/v1/orgs/G02/contracts", ["kind": "综合性集体合同", "validFrom": "2025-01-01", "workersCovered": 10], [404]),
                (.post, "/api/v1/members", ["idNumber": newID, "name": "王五", "orgCode": "G02", "joinedOn": "2020-01-01", "employmentType": "fixed_term", "isMigrant": false], [404, 422]),
                (.patch, "/api/v1/members/\(B)", ["name": "王五"], [404]),
                (.post, "/api/v1/members/\(B)/identifiers", nil, [404]),
                (.post, "/api/v1/members/\(B)/status", ["status": "withdrawn", "reason": "退会"], [404]),
                (.post, "/api/v1/transfers", ["memberId": B, "toOrgCode": "G01"], [404]),
                (.post, "/api/v1/transfers/\(t.transfer)/approve", [:], [404]),
                (.post, "/api/v1/transfers/\(t.transfer)/reject", ["reason": "不同意"], [404]),
                (.post, "/api/v1/transfers/\(t.transfer)/cancel", nil, [404]),
                (.post, "/api/v1/users", ["username": "spy", "displayName": "spy", "password": testPassword, "role": "org_admin", "orgCode": "K02"], [403, 404]),
                (.post, "/api/v1/hardship/lines", ["regionCode": "420000", "effectiveFrom": "2021-01-01", "monthlyFen": 1], [403]),
                (.post, "/api/v1/hardship/archives", ["memberId": B, "bankAccount": "6217002870019999001", "details": details], [404]),
                (.put, "/api/v1/hardship/archives/\(t.archive)", ["bankAccount": "6217002870019999002", "details": details], [404]),
                (.post, "/api/v1/hardship/archives/\(t.archive)/actions", ["action": "submit_for_notice"], [404]),
                (.post, "/api/v1/programs", ["code": "X1", "name": "渗透项目", "kind": "other"], [403]),
                (.post, "/api/v1/cycles", ["programCode": "XSQL", "name": "冒名批次", "startsOn": CivilDate.today().iso, "endsOn": CivilDate.today().adding(days: 9).iso,
                                           "budgetFen": 100, "ownerOrgCode": "K02"], [404, 422]),
                (.post, "/api/v1/cycles/\(t.countyCycle)/close", nil, [404]),
                (.post, "/api/v1/cycles/\(t.provinceCycle)/close", nil, [403]),
                (.post, "/api/v1/cycles/\(t.countyCycle)/allocations", ["toOrgCode": "G02", "amountFen": 100], [404]),
                (.post, "/api/v1/cycles/\(t.provinceCycle)/allocations", ["toOrgCode": "G02", "amountFen": 100], [404, 422]),
                (.post, "/api/v1/cycles/\(t.countyCycle)/grants", ["memberId": f.memberA.id, "outdoorWorker": true], [404]),
                (.post, "/api/v1/cycles/\(t.provinceCycle)/grants", ["memberId": B, "outdoorWorker": true, "bankName": "农行", "bankAccount": "6228480000000001111"], [404]),
                (.post, "/api/v1/cycles/\(t.countyCycle)/grants/generate", ["orgCode": "K01"], [404]),
                (.post, "/api/v1/cycles/\(t.provinceCycle)/grants/generate", ["orgCode": "K02"], [404]),
                (.post, "/api/v1/cycles/\(t.countyCycle)/batches", nil, [404]),
                (.post, "/api/v1/grants/\(t.grant)/review", [:], [404]),
                (.post, "/api/v1/grants/\(t.grant)/approve", [:], [404]),
                (.post, "/api/v1/grants/\(t.grant)/reject", ["reason": "不符合"], [404]),
                (.post, "/api/v1/grants/\(t.grant)/requeue", ["bankAccount": "6228480000000002222"], [404]),
                (.post, "/api/v1/grants/\(t.grant)/account-change/approve", [:], [404]),
                (.post, "/api/v1/grants/\(t.grant)/account-change/refuse", ["reason": "x"], [404]),
                (.post, "/api/v1/batches/\(t.batch)/results", ["results": [["reference": t.reference, "paid": true]]], [404]),
                (.get, "/api/v1/batches/\(t.batch)/file", nil, [404]),
                (.post, "/api/v1/disputes", DisputeAPITests.intake(extra: ["handlingOrgCode": "K02", "allowDuplicate": true]), [404, 422]),
                (.post, "/api/v1/disputes/\(caseB)/actions", ["action": "accept"], [404]),
                (.post, "/api/v1/disputes/\(caseB)/workers", ["workers": [["name": "渗透"]]], [404]),
                (.post, "/api/v1/disputes/\(caseB)/transfer", ["orgCode": "K01", "reason": "转办"], [404]),
                (.post, "/api/v1/disputes/\(caseB)/sessions", ["heldOn": CivilDate.today().iso, "place": "x", "attendees": "x", "notes": "x"], [404]),
                (.post, "/api/v1/disputes/\(caseB)/particulars", ["mediator": "渗透"], [404]),
                (.post, "/api/v1/disputes/\(caseB)/arbitration", ["commission": "x", "appliedOn": CivilDate.today().iso], [404]),
                (.get, "/api/v1/disputes/\(caseB)/documents/application", nil, [404]),
                (.post, "/api/v1/disputes/policy", ["key": "disputes.acceptance_days", "value": 10, "effectiveFrom": "2027-01-01", "source": "x"], [403]),
                (.post, "/api/v1/disputes/calendar", ["date": "2027-01-01", "kind": "holiday", "name": "元旦", "source": "x"], [403]),
                (.post, "/api/v1/disputes/minimum-wages", ["regionCode": "420000", "effectiveFrom": "2027-01-01", "monthlyFen": 1, "source": "x"], [403]),
                (.post, "/api/v1/disputes/mediators", ["name": "渗透", "role": "officer", "orgCode": "K02"], [404]),
                (.patch, "/api/v1/disputes/mediators/\(mediatorB)", ["name": "改名", "role": "officer"], [404]),
            ]
            for (method, path, body, refused) in attempts {
                let r = try await client.call(method, path, json: body, headers: a)
                #expect(refused.contains(Int(r.status.code)), "\(method) \(path) answered \(r.status.code): \(r.text)")
            }
            // The paper goes as the body itself.
            for uri in ["/api/v1/hardship/archives/\(t.archive)/attachments?kind=application&filename=a.pdf",
                        "/api/v1/disputes/\(caseB)/papers?kind=evidence&filename=a.pdf"] {
                let paper = try await client.execute(uri: uri, method: .post, headers: a.merging([.contentType: "application/pdf"]), body: ByteBuffer(string: "%PDF-1.4 x"))
                #expect(paper.status == .notFound, "\(uri)")
            }
            // The console's forms go the same way.
            var (web, token) = try await client.webLogin("officer.a")
            for path in ["/cycles/\(t.countyCycle)/close", "/cycles/\(t.provinceCycle)/close", "/grants/\(t.grant)/requeue", "/grants/\(t.grant)/account",
                         "/members/\(B)/edit", "/hardship/\(t.archive)/act", "/orgs/G02/edit", "/transfers/\(t.transfer)/cancel"] {
                let r = try await client.post(path, [("_csrf", token), ("decision", "approve"), ("action", "submit"), ("name", "改名")], &web)
                #expect([403, 404].contains(Int(r.status.code)), "web \(path) answered \(r.status.code): \(r.text.prefix(300))")
            }
            // The dispute forms, each with fields it would accept from its own county.
            let today = CivilDate.today().iso
            let disputeForms: [(String, [(String, String)])] = [
                ("/disputes/\(caseB)/act", [("action", "accept"), ("version", "1")]),
                ("/disputes/\(caseB)/transfer", [("action", "transfer"), ("org_code", "K01"), ("reason", "转办"), ("version", "1")]),
                ("/disputes/\(caseB)/session", [("held_on", today), ("place", "调解室"), ("attendees", "双方"), ("notes", "记录")]),
                ("/disputes/\(caseB)/particulars", [("mediator", "渗透")]),
                ("/disputes/\(caseB)/arbitration", [("commission", "仲裁委"), ("applied_on", today)]),
                ("/disputes/\(caseB)/confirm-identity", []),
                ("/disputes/mediators/\(mediatorB)", [("name", "改名"), ("role", "officer"), ("version", "1"), ("active", "1")]),
                ("/disputes/mediators", [("name", "渗透"), ("role", "officer"), ("org_code", "K02")]),
                ("/disputes/settings/policy", [("key", "disputes.acceptance_days"), ("value", "10"), ("effective_from", "2027-01-01"), ("source", "x")]),
                ("/disputes/settings/minimum-wage", [("region_code", "420000"), ("effective_from", "2027-01-01"), ("monthly", "1"), ("source", "x")]),
                ("/disputes/settings/calendar", [("date", "2027-01-01"), ("kind", "holiday"), ("name", "元旦"), ("source", "x")]),
            ]
            // The rights forms: the alert, the mark, legal aid, the roster, supervision; and a new application or supervision for the other county's union.
            let rightsForms: [(String, [(String, String)], Set<Int>)] = [
                ("/warnings/\(alertB)/acknowledge", [("acknowledge_note", "已知悉"), ("version", "1")], [403, 404]),
                ("/warnings/\(alertB)/close", [("close_note", "已办结"), ("version", "1")], [403, 404]),
                ("/disputes/\(caseB)/risk-mark", [("risk_mark", "extreme_act"), ("risk_note", "渗透")], [403, 404]),
                ("/legal-aid/\(aidB)/decide", [("decision", "refuse"), ("decision_note", "渗透")], [403, 404]),
                ("/legal-aid/\(aidB)/assign", [("lawyer_id", String(lawyerB))], [403, 404]),
                ("/legal-aid/\(aidB)/conclude", [("outcome", "won"), ("concluded_on", today)], [403, 404]),
                ("/legal-aid/lawyers/\(lawyerB)/active", [("active", "0")], [403, 404]),
                ("/legal-aid/new", [("name", "李四"), ("id_number", f.idB), ("matter", "arbitration"), ("request", "渗透"), ("applied_on", today),
                                    ("org_code", "K02")], [403, 404, 422]),
                ("/supervision/\(supervisionB)/answer", [("answered_on", today), ("answer_result", "corrected"), ("answer", "渗透")], [403, 404]),
                ("/supervision/\(supervisionB)/issue", [("kind", "opinion"), ("issued_on", today)], [403, 404]),
                ("/supervision/\(supervisionB)/decide", [("decided_on", today), ("decision", "ordered")], [403, 404]),
            ]
            // Mutual aid: the other county's unit enrolled or paid for, its claim decided, a round or plan
            // set for the city, a batch of the other county's claims.
            let mutualAidForms: [(String, [(String, String)], Set<Int>)] = [
                ("/mutual-aid/rounds/\(ma.id)/enroll", [("unit_code", "G02")], [403, 404, 422]),
                ("/mutual-aid/rounds/\(ma.id)/payment", [("unit_code", "G02"), ("amount", "70"), ("received_on", today), ("receipt_no", "X")], [403, 404, 409, 422]),
                ("/mutual-aid/claims/\(claimB)/review", [("decision", "approve")], [403, 404]),
                ("/mutual-aid/claims/\(claimB)/owner", [("decision", "approve")], [403, 404]),
                ("/mutual-aid/claims/\(claimB)/requeue", [], [403, 404]),
                ("/mutual-aid/rounds/\(ma.id)/batches", [], [403, 404, 409]),
                ("/mutual-aid/rounds", [("plan", "WH-ZY"), ("name", "渗透"), ("contribution", "1"), ("starts_on", "2030-01-01"), ("ends_on", "2030-12-31"),
                                        ("waiting_days", "0"), ("enrollment_opens", "2029-12-01"), ("enrollment_closes", "2030-06-30"), ("claim_limit_days", "90"),
                                        ("owner_approval_above", "1"), ("source", "x")], [403, 404, 422]),
                ("/mutual-aid/plans", [("code", "X-1"), ("name", "渗透"), ("kind", "accident")], [403, 404, 422]),
            ]
            let loanForms: [(String, [(String, String)], Set<Int>)] = [
                ("/loans/\(loanB)/assess", [("feasible", "1"), ("officer_name", "渗透")], [403, 404]),
                ("/loans/\(loanB)/approve", [], [403, 404]),
                ("/loans/\(loanB)/lend", [("amount", "1"), ("lent_on", today), ("rate", "4"), ("months", "12"), ("subsidy", "0"), ("bank_name", "x")], [403, 404]),
                ("/loans/\(loanB)/repay", [("paid_on", today), ("principal", "1"), ("reference", "X")], [403, 404]),
                ("/loans/\(loanB)/visit", [("visited_on", today), ("officer", "渗透"), ("note", "x")], [403, 404]),
                ("/loans/\(loanB)/recover", [("guarantor", "x"), ("paid_on", today), ("principal", "1"), ("reference", "X")], [403, 404]),
                ("/loans/\(loanB)/write-off", [("written_off_on", today), ("write_off_reason", "x")], [403, 404]),
                ("/loans/new", LoanWebTests.application(token, id: f.idB, amount: "1000").dropFirst().map { $0 }, [403, 404, 422]),
            ]
            for (path, fields, refused) in mutualAidForms + loanForms {
                let r = try await client.post(path, [("_csrf", token)] + fields, &web)
                #expect(refused.contains(Int(r.status.code)), "web \(path) answered \(r.status.code): \(r.text.prefix(300))")
            }
            let claimForm = try await client.postMultipart("/mutual-aid/rounds/\(ma.id)/claims", fields: [("_csrf", token)] + MutualAidClaimWebTests.claimFields(token, idNumber: f.idB),
                                                           file: ("paper_invoice", "a.pdf", "%PDF-1.4 x"), &web)
            #expect(claimForm.status == .unprocessableContent && claimForm.text.contains("在您的管辖范围内没有这个身份证号的会员"))
            #expect(try await f.store.mutualAid.claim(id: claimB, actor: Self.sys).state == .filed)
            for (path, fields, refused) in rightsForms {
                let r = try await client.post(path, [("_csrf", token)] + fields, &web)
                #expect(refused.contains(Int(r.status.code)), "web \(path) answered \(r.status.code): \(r.text.prefix(300))")
            }
            for (path, fields) in disputeForms {
                let r = try await client.post(path, [("_csrf", token)] + fields, &web)
                #expect([403, 404].contains(Int(r.status.code)), "web \(path) answered \(r.status.code): \(r.text.prefix(300))")
            }
            let paperForm = try await client.postMultipart("/disputes/\(caseB)/papers", fields: [("_csrf", token), ("kind", "evidence")],
                                                           file: ("file", "a.pdf", "%PDF-1.4 x"), &web)
            #expect(paperForm.status == .notFound)
            // Nothing changed: not one audit entry, the cycles open, the grant and transfer as they were.
            #expect(try await Self.auditHead(f.store) == before)
            #expect(try await f.store.assistance.cycle(id: t.countyCycle, actor: Self.sys).isOpen)
            #expect(try await f.store.assistance.cycle(id: t.provinceCycle, actor: Self.sys).isOpen)
            let g = try await f.store.assistance.grant(id: t.grant, actor: Self.sys)
            #expect(g.state == .failed && g.proposedBy == "system:maker")
            #expect(try await f.store.members.member(id: B, actor: Self.sys).name == "李四")
            #expect(try await f.store.members.transfer(id: t.transfer, actor: Self.sys).state == .processing)

            // The same routes work for the county that owns them: the refusals above were about scope.
            let b = try await client.login("officer.b").bearer
            #expect(try await client.call(.post, "/api/v1/cycles/\(t.countyCycle)/close", headers: b).status == .ok)
            let approved = try await client.call(.post, "/api/v1/grants/\(t.grant)/account-change/approve", json: [:], headers: b)
            #expect(approved.status == .ok, "\(approved.text)")
            #expect(try await Self.auditHead(f.store) == before + 2)
        }
    }

    @Test("The list and the page of cycles show only those above or below the officer's union", arguments: [Engine.sqlite])
    func cyclesOfAnotherCountyAreNotListed(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let t = try await Self.targets(f, client)
            let a = try await client.login("officer.a").bearer
            let ids = try await client.call(.get, "/api/v1/cycles", headers: a).items().compactMap { $0["id"] as? Int64 }
            #expect(ids == [t.provinceCycle])
            try await client.call(.get, "/api/v1/cycles/\(t.countyCycle)", headers: a).problem(.notFound)
            var (web, _) = try await client.webLogin("officer.a")
            #expect(try await client.get("/cycles/\(t.countyCycle)", &web).status == .notFound)
            #expect(try await client.get("/programs", &web).text.contains("江汉区夏送清凉") == false)
        }
    }

    @Test("Parallel wrong passwords lock the account at the tenth; the right password then waits; an unknown name locks the same way",
          arguments: Engine.available)
    func lockOutUnderConcurrency(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let policy = UserService.policy
            // More than the lock threshold at once: every one fails, and the account is locked after.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<(policy.lockAfter + 2) {
                    group.addTask { Int(try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": "wrong-Passw0rd"]).status.code) }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 423 }, "\(statuses)")
            #expect(statuses.contains(423), "the tenth failure locks: \(statuses)")
            let right = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword])
            try right.problem(HTTPResponse.Status(code: 423), code: "account_locked")
            // A name that does not exist answers exactly like one that does.
            var unknown: [Int] = []
            for _ in 0..<policy.lockAfter {
                unknown.append(Int(try await client.call(.post, "/api/v1/auth/login", json: ["username": "nobody.here", "password": "wrong-Passw0rd"]).status.code))
            }
            #expect(unknown == Array(repeating: 401, count: policy.lockAfter - 1) + [423], "\(unknown)")
            try await client.call(.post, "/api/v1/auth/login", json: ["username": "nobody.here", "password": "x"]).problem(HTTPResponse.Status(code: 423))
            // Another user is not affected by either lock.
            _ = try await client.login("officer.b")
        }
    }

    @Test("One address guessing many names is turned away with 429 and Retry-After", arguments: [Engine.sqlite])
    func manyNamesFromOneAddress(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var last: TestResponse?
            for i in 0..<40 {
                last = try await client.call(.post, "/api/v1/auth/login", json: ["username": "guess\(i)", "password": "wrong-Passw0rd"])
                if last?.status == .tooManyRequests { break }
            }
            let r = try #require(last)
            try r.problem(.tooManyRequests, code: "too_many_attempts")
            #expect(Int(r.headers[.retryAfter] ?? "") ?? 0 > 0)
            // Refused before any password is checked, also for the right one.
            try await client.call(.post, "/api/v1/auth/login", json: ["username": "admin", "password": testPassword]).problem(.tooManyRequests)
        }
    }

    @Test("Oversized bodies are 413 problems or pages, never 500s", arguments: [Engine.sqlite])
    func oversizedBodies(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let big = String(repeating: "x", count: 1 << 20)
            try await client.call(.post, "/api/v1/auth/login", raw: "{\"username\":\"\(big)\",\"password\":\"x\"}").problem(.contentTooLarge, code: "payload_too_large")
            let admin = try await client.login("admin").bearer
            try await client.call(.post, "/api/v1/members/lookup", raw: "{\"idNumber\":\"\(big)\"}", headers: admin).problem(.contentTooLarge, code: "payload_too_large")
            let paper = try await client.execute(uri: "/api/v1/hardship/archives/1/attachments?kind=application&filename=a.pdf", method: .post,
                                                 headers: admin.merging([.contentType: "application/pdf"]), body: ByteBuffer(repeating: 0x25, count: 11 << 20))
            try paper.problem(.contentTooLarge)
            // A form to the sign-in page larger than any sign-in.
            var b = Browser()
            _ = try await client.get("/login", &b)
            var headers = b.header
            headers[.contentType] = "application/x-www-form-urlencoded"
            let form = try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "username=" + String(repeating: "a", count: 2 << 20)))
            #expect(form.status == .contentTooLarge && form.text.contains("提交的内容过长"))
            _ = f
        }
    }

    @Test("Bodies must be JSON, name each key once, and dates are YYYY-MM-DD", arguments: [Engine.sqlite])
    func strictBodies(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let admin = try await client.login("admin").bearer
            let plain = try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "text/plain"],
                                                 body: ByteBuffer(string: "{\"username\":\"admin\",\"password\":\"\(testPassword)\"}"))
            try plain.problem(.unsupportedMediaType, code: "unsupported_media_type")
            let twice = try await client.call(.post, "/api/v1/auth/login", raw: "{\"username\":\"officer.b\",\"username\":\"admin\",\"password\":\"\(testPassword)\"}")
            let p = try twice.problem(.badRequest, code: "invalid_json")
            #expect(p["field"] as? String == "username")
            let loose = try await client.call(.post, "/api/v1/members", json: ["idNumber": idNumber(birth: "19950505", seq: "135"), "name": "王五", "orgCode": "G01",
                                                                             "joinedOn": "2025-2-3", "employmentType": "fixed_term", "isMigrant": false], headers: admin)
            let lp = try loose.problem(.unprocessableContent)
            #expect(lp["field"] as? String == "joinedOn" && (lp["detail"] as? String ?? "").contains("YYYY-MM-DD"))
            #expect(try await f.store.members.search(name: "王五", orgCode: nil, status: nil, actor: Self.sys).items.isEmpty)
            // +json types are JSON too.
            let vendor = try await client.execute(uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/vnd.api+json; charset=utf-8"],
                                                  body: ByteBuffer(string: "{\"username\":\"admin\",\"password\":\"\(testPassword)\"}"))
            #expect(vendor.status == .ok)
        }
    }

    @Test("API answers and downloads are never sniffed or cached", arguments: [Engine.sqlite])
    func responseHeaders(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let admin = try await client.login("admin").bearer
            for uri in ["/api/v1/me", "/api/v1/orgs/P42", "/api/v1/orgs/P42/reports/annual?format=csv", "/api/v1/nowhere"] {
                let r = try await client.call(.get, uri, headers: admin)
                #expect(r.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(r.headers[.cacheControl] == "no-store", "\(uri)")
            }
        }
    }

    @Test("Registering someone another county holds says only that it cannot be done here", arguments: [Engine.sqlite])
    func registeringAnotherCountysMember(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let a = try await client.login("officer.a").bearer
            let body: [String: Any] = ["idNumber": f.idB, "name": "李四", "orgCode": "G01", "joinedOn": "2020-01-01", "employmentType": "fixed_term", "isMigrant": false]
            let r = try await client.call(.post, "/api/v1/members", json: body, headers: a).problem(.conflict, code: "already_member")
            let detail = r["detail"] as? String ?? ""
            #expect(detail.contains("上级工会") && !detail.contains("在会") && !detail.contains("江汉"), "\(detail)")
            // Inside the officer's own subtree the status is said, as before.
            var own = body
            own["idNumber"] = f.idA
            let mine = try await client.call(.post, "/api/v1/members", json: own, headers: a).problem(.conflict, code: "already_member")
            #expect((mine["detail"] as? String ?? "").contains("在会"))
        }
    }

    @Test("A new SQLite database file is readable by its owner only")
    func databaseFileMode() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("g.sqlite").path
        let (store, _) = try await Store.open(configuration: StoreConfiguration(location: .sqlite(path: path), key: KeySettings()))
        await store.close()
        for file in [path, path + ".key"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(file) is \(String(mode, radix: 8))")
        }
    }
}
