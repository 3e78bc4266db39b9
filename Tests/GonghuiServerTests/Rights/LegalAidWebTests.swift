import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Web console: legal aid")
struct LegalAidWebTests {
    @Test("an application with errors beside its fields, the rules' assessment, approval, a lawyer from the roster and the outcome; another county finds nothing",
          arguments: Engine.available)
    func applicationToOutcome(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (officer, token) = try await client.webLogin("officer.a")
            #expect(try await client.get("/legal-aid/new", &officer).status == .ok)
            let bad = try await client.post("/legal-aid/new", [("_csrf", token), ("name", "张三"), ("id_number", "123"), ("matter", ""), ("request", ""),
                                                                ("applied_on", CivilDate.today().iso)], &officer)
            #expect(bad.status == .unprocessableContent)
            for field in ["id_number", "matter"] { #expect(bad.text.contains("id=\"\(field)-error\""), "\(field)") }
            #expect(try await f.store.legalAid.list(actor: .system("t")).total == 0)
            let applied = try await client.post("/legal-aid/new", [("_csrf", token), ("name", "张三"), ("id_number", f.idA), ("phone", "13800138000"),
                                                                    ("matter", "arbitration"), ("request", "调解不成，申请代理仲裁"), ("applied_on", CivilDate.today().iso)], &officer)
            #expect(applied.status == .seeOther)
            let location = try #require(applied.headers[.location])
            let path = String(location.prefix { $0 != "?" })
            let page = try await client.get(location, &officer)
            #expect(page.text.contains("审查规则：符合援助条件") && page.text.contains("申请人为在会会员") && page.text.contains("《工会法律援助办法》"))
            #expect(!page.text.contains(f.idA) && page.text.contains("value=\"approve\""))
            // Another county: not found.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.get(path, &other).status == .notFound)
            #expect(try await client.post("\(path)/decide", [("_csrf", otherToken), ("decision", "approve")], &other).status == .notFound)

            let approved = try await client.post("\(path)/decide", [("_csrf", token), ("version", versionField(in: page.text) ?? ""), ("decision", "approve")], &officer)
            #expect(approved.status == .seeOther)
            // The roster: a wrong licence number beside its field, then a lawyer.
            let badLawyer = try await client.post("/legal-aid/lawyers", [("_csrf", token), ("name", "王律师"), ("firm", "楚天律师事务所"), ("licence_no", "123")], &officer)
            #expect(badLawyer.status == .unprocessableContent && badLawyer.text.contains("律师执业证号应为 17 位数字"))
            let added = try await client.post("/legal-aid/lawyers", [("_csrf", token), ("name", "王律师"), ("firm", "楚天律师事务所"), ("licence_no", "14201201012345678"),
                                                                     ("phone", "13900002222"), ("specialties", "劳动争议")], &officer)
            #expect(added.status == .seeOther)
            let lawyer = try #require(try await f.store.legalAid.lawyers(forOrgCode: "K01", activeOnly: true).first)
            let toAssign = try await client.get(path, &officer)
            #expect(toAssign.text.contains("楚天律师事务所 王律师 律师"))
            let assigned = try await client.post("\(path)/assign", [("_csrf", token), ("version", versionField(in: toAssign.text) ?? ""), ("lawyer_id", String(lawyer.id))], &officer)
            #expect(assigned.status == .seeOther)
            // The papers: the decision and the assignment letter with the full ID number for the handler (audited), as a page and as DOCX.
            let letter = try await client.get("\(path)/documents/assignment", &officer)
            #expect(letter.status == .ok && letter.text.contains("工会法律援助指派函") && letter.text.contains("现指派贵所 王律师 律师（执业证号 14201201012345678）承办"))
            #expect(letter.text.contains(f.idA) == false && letter.text.contains("13800138000"))
            let decisionPaper = try await client.get("\(path)/documents/decision", &officer)
            #expect(decisionPaper.text.contains("（身份证号 \(f.idA)）") && decisionPaper.text.contains("决定给予工会法律援助"))
            let file = try await client.get("\(path)/documents/assignment/docx", &officer)
            #expect(file.status == .ok && file.body.readableBytesView.starts(with: [0x50, 0x4B]))
            if MediationDocumentAPITests.libreOffice != nil {
                let text = try MediationDocumentAPITests.text(ofDOCX: Data(file.body.readableBytesView))
                #expect(text.contains("工会法律援助指派函") && text.contains("楚天律师事务所："), "\(text)")
            }
            var (reader, _) = try await client.webLogin("reviewer.a")
            let masked = try await client.get("\(path)/documents/decision", &reader)
            #expect(masked.status == .ok && !masked.text.contains(f.idA) && masked.text.contains("********"))
            #expect(try await client.get("\(path)/documents/unknown", &officer).status == .notFound)
            let printed = try await f.store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'legal_aid.document'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(printed == 3)
            let toConclude = try await client.get(path, &officer)
            let badAmount = try await client.post("\(path)/conclude", [("_csrf", token), ("version", versionField(in: toConclude.text) ?? ""), ("outcome", "won"),
                                                                       ("obtained", "abc"), ("concluded_on", CivilDate.today().iso)], &officer)
            #expect(badAmount.status == .unprocessableContent && badAmount.text.contains("id=\"obtained-error\""))
            let concluded = try await client.post("\(path)/conclude", [("_csrf", token), ("version", versionField(in: toConclude.text) ?? ""), ("outcome", "won"),
                                                                       ("obtained", "12,345.67"), ("fee", "3000"), ("concluded_on", CivilDate.today().iso),
                                                                       ("outcome_note", "仲裁裁决全部支持")], &officer)
            #expect(concluded.status == .seeOther)
            let done = try await client.get(path, &officer)
            #expect(done.text.contains("为职工挽回 12,345.67 元；律师费 3,000.00 元") && done.text.contains("已结案"))
            let stored = try await f.store.legalAid.find(id: Int64(path.split(separator: "/").last!)!, actor: .system("t"))
            #expect(stored.obtained == Money(fen: 1_234_567) && stored.fee == Money(fen: 300_000) && stored.outcome == .won)
            // A reviewer of the county reads the list and the application.
            #expect(try await client.get("/legal-aid", &reader).text.contains(stored.applicationNo))
            // The worker sees the application, the lawyer and how to reach them, and the outcome in the portal.
            var worker = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let portal = try await client.get("/my/disputes", &worker)
            #expect(portal.status == .ok && portal.text.contains("我的法律援助申请") && portal.text.contains(stored.applicationNo))
            #expect(portal.text.contains("承办律师：楚天律师事务所 王律师 律师，联系电话 13900002222") && portal.text.contains("为职工挽回 12,345.67 元"))
        }
    }

    @Test("a worker applies from the portal, problems beside their fields; the county union receives it in its inbox with the rules' result; another's case is refused",
          arguments: Engine.available)
    func workerAppliesFromThePortal(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let list = try await client.get("/my/disputes", &w)
            #expect(list.text.contains("href=\"/my/legal-aid/new\""))
            let form = try await client.get("/my/legal-aid/new", &w)
            let csrf = try #require(csrfToken(in: form.text))
            let bad = try await client.post("/my/legal-aid/new", [("_csrf", csrf), ("matter", ""), ("request", "")], &w)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"matter-error\""))
            let noRequest = try await client.post("/my/legal-aid/new", [("_csrf", csrf), ("matter", "arbitration"), ("request", " ")], &w)
            #expect(noRequest.status == .unprocessableContent && noRequest.text.contains("id=\"request-error\""))
            // A case the worker is not in.
            let other = try await f.store.disputes.register(DisputeIntake(channel: .hotline, kind: .complaint, receivedOn: .today(),
                workers: [DisputeWorkerDraft(name: "李四", idNumber: try IDNumber(f.idB), phone: nil, isRepresentative: true)],
                employer: DisputeEmployer(name: "江岸某物流公司", creditCode: nil, regionCode: nil, industry: nil, unionCode: nil), types: [.wageArrears], claims: [],
                facts: "拖欠工资两个月", learnedOn: .today(), employmentEndedOn: nil, confidential: false, handlingOrgCode: "K02"), allowDuplicate: true, actor: .system("t"))
            let stranger = try await client.post("/my/legal-aid/new", [("_csrf", csrf), ("matter", "arbitration"), ("request", "请律师代理仲裁"), ("case_id", String(other.id))], &w)
            #expect(stranger.status == .unprocessableContent && stranger.text.contains("请选择您本人的案件"))
            #expect(try await f.store.legalAid.list(actor: .system("t")).total == 0)

            let applied = try await client.post("/my/legal-aid/new", [("_csrf", csrf), ("matter", "arbitration"), ("request", "公司拖欠两个月工资，调解不成，请律师代理仲裁")], &w)
            #expect(applied.status == .seeOther && applied.headers[.location] == "/my/disputes?ok=la_portal_applied")
            let a = try #require(try await f.store.legalAid.list(actor: .system("t")).items.first)
            // The member's grassroots union is G01; the county union K01 handles it, with the member's identifiers from the registry.
            #expect(a.orgCode == "K01" && a.name == "张三" && a.memberID == f.memberA.id && a.assessment.eligible && a.phoneMasked != nil)
            let mine = try await client.get("/my/disputes?ok=la_portal_applied", &w)
            #expect(mine.text.contains("法律援助申请已提交") && mine.text.contains(a.applicationNo) && mine.text.contains("待审查"))
            var (officer, _) = try await client.webLogin("officer.a")
            let inbox = try await client.get("/inbox", &officer)
            #expect(inbox.text.contains("新的法律援助申请 \(a.applicationNo)") && inbox.text.contains("/legal-aid/\(a.id)"))
            var (otherCounty, _) = try await client.webLogin("officer.b")
            #expect(try await client.get("/legal-aid/\(a.id)", &otherCounty).status == .notFound)
        }
    }
}
