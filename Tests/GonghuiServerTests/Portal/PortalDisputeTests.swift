import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Portal: a worker's disputes, and the inboxes")
struct PortalDisputeTests {
    @Test("a worker files from the phone, problems beside their fields; follows the steps; the officer's inbox has the to-do; the worker rates the closed case", arguments: Engine.available)
    func fileFollowRate(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let list = try await client.get("/my/disputes", &w)
            #expect(list.status == .ok && list.text.contains("您还没有维权案件") && list.text.contains("href=\"/my/disputes/new\""))
            let csrf = try #require(csrfToken(in: list.text))
            let bad = try await client.post("/my/disputes/new", [("_csrf", csrf), ("employer_name", ""), ("facts", "太短"), ("amount", "abc")], &w)
            #expect(bad.status == .unprocessableContent)
            for field in ["employer_name", "types", "facts", "amount"] { #expect(bad.text.contains("id=\"\(field)-error\""), "\(field)") }
            let filed = try await client.post("/my/disputes/new", [("_csrf", csrf), ("kind", "complaint"), ("employer_name", "江岸某物流公司"),
                                                                  ("type_wage_arrears", "1"), ("amount", "6,000"), ("facts", "公司拖欠两个月工资共 6000 元，要求补发"),
                                                                  ("mediation", "1")], &w)
            #expect(filed.status == .seeOther)
            let location = try #require(filed.headers[.location])
            let page = try await client.get(location, &w)
            #expect(page.status == .ok && page.text.contains("已提交") && page.text.contains("待受理") && page.text.contains("江岸区总工会"))
            #expect(page.text.contains("工会已登记您的诉求") && page.text.contains("还剩 15 天"))
            let id = Int64(location.split(separator: "/").last!.prefix { $0.isNumber })!

            // The county's officer finds it in the inbox, leading to the case.
            var (officer, token) = try await client.webLogin("officer.a")
            let inbox = try await client.get("/inbox", &officer)
            #expect(inbox.status == .ok && inbox.text.contains("href=\"/disputes/\(id)\"") && inbox.text.contains("未读消息 1 条"))
            #expect(try await client.post("/inbox/read", [("_csrf", token)], &officer).status == .seeOther)
            #expect(try await client.get("/inbox", &officer).text.contains("没有未读消息"))

            // Taken to a performed agreement; the worker downloads it and rates.
            let actor = Actor.system("t")
            _ = try await f.store.disputes.act(id: id, .accept, actor: actor)
            _ = try await f.store.disputes.act(id: id, .startMediation(appliedOn: .today(), oral: false, note: ""), actor: actor)
            _ = try await f.store.disputes.act(id: id, .recordAgreement(terms: [AgreementTerm(description: "支付工资", amount: Money(yuan: 6_000), dueOn: CivilDate.today().adding(days: 3))]), actor: actor)
            let agreement = try await client.get("/my/disputes/\(id)/agreement", &w)
            #expect(agreement.status == .ok && agreement.body.readableBytesView.starts(with: [0x50, 0x4B]))
            _ = try await f.store.disputes.act(id: id, .recordPerformance(term: 0, performedOn: .today(), amount: Money(yuan: 6_000)), actor: actor)
            let closed = try await client.get("/my/disputes/\(id)", &w)
            #expect(closed.text.contains("已办结") && closed.text.contains("name=\"score\"") && closed.text.contains("6,000.00 元"))
            let noScore = try await client.post("/my/disputes/\(id)/rate", [("_csrf", csrf), ("score", "")], &w)
            #expect(noScore.status == .unprocessableContent && noScore.text.contains("id=\"score-error\""))
            #expect(try await client.post("/my/disputes/\(id)/rate", [("_csrf", csrf), ("score", "5"), ("comment", "很及时")], &w).status == .seeOther)
            let rated = try await client.get("/my/disputes/\(id)", &w)
            #expect(rated.text.contains("您的评价：5 分") && !rated.text.contains("name=\"score\""))
            let messages = try await client.get("/my/inbox", &w)
            #expect(messages.text.contains("已办结") && messages.text.contains("href=\"/my/disputes/\(id)\""))

            // Another worker finds nothing.
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(id))) { _ = try await f.store.disputes.portalCase(id: id, memberID: f.memberB.id) }
        }
    }

    @Test("someone who is not a member files without an account, follows the case by its number and ID number; the officer confirms the identity", arguments: Engine.available)
    func guestFilesAndTracks(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var guest = Browser()
            let welcome = try await client.get("/my/", &guest)
            #expect(welcome.text.contains("href=\"/my/disputes/guest\"") && welcome.text.contains("href=\"/my/disputes/track\""))
            let form = try await client.get("/my/disputes/guest", &guest)
            #expect(form.status == .ok && form.text.contains("<option value=\"K01\">江岸区总工会</option>"))
            let pre = try #require(csrfToken(in: form.text))
            let bad = try await client.post("/my/disputes/guest", [("_csrf", pre), ("name", ""), ("id_number", "123"), ("phone", "1"), ("employer_name", "某公司"),
                                                                  ("type_wage_arrears", "1"), ("facts", "拖欠工资三个月未发放"), ("org_code", "")], &guest)
            #expect(bad.status == .unprocessableContent)
            for field in ["name", "id_number", "phone", "org_code"] { #expect(bad.text.contains("id=\"\(field)-error\""), "\(field)") }
            let id = idNumber(birth: "19950505", seq: "777")
            let filed = try await client.post("/my/disputes/guest", [("_csrf", pre), ("name", "赵六"), ("id_number", id), ("phone", "13700007777"),
                                                                    ("employer_name", "某装修公司"), ("type_wage_arrears", "1"), ("facts", "拖欠工资三个月未发放"),
                                                                    ("org_code", "K01")], &guest)
            #expect(filed.status == .ok && filed.text.contains("请记下案件编号") && filed.text.contains("江岸区总工会") && filed.text.contains("待受理"))
            let page = try await f.store.disputes.list(DisputeFilter(), actor: .system("t"))
            let c = try #require(page.items.first { $0.employer.name == "某装修公司" })
            #expect(c.channel == .online && c.handlingOrgCode == "K01")

            let track = try await client.get("/my/disputes/track", &guest)
            let token = try #require(csrfToken(in: track.text))
            let miss = try await client.post("/my/disputes/track", [("_csrf", token), ("case_no", c.caseNo), ("id_number", f.idA)], &guest)
            #expect(miss.status == .notFound && miss.text.contains("没有找到案件"))
            let found = try await client.post("/my/disputes/track", [("_csrf", token), ("case_no", c.caseNo), ("id_number", id)], &guest)
            #expect(found.status == .ok && found.text.contains(c.caseNo) && found.text.contains("工会已登记您的诉求"))

            var (officer, officerToken) = try await client.webLogin("officer.a")
            #expect(try await client.get("/disputes/\(c.id)", &officer).text.contains("身份待核实"))
            #expect(try await client.post("/disputes/\(c.id)/confirm-identity", [("_csrf", officerToken)], &officer).status == .seeOther)
            let after = try await client.get("/disputes/\(c.id)", &officer)
            #expect(!after.text.contains("身份待核实") && after.text.contains("已当面核实申请人身份"))
            #expect(try await client.post("/my/disputes/track", [("_csrf", token), ("case_no", c.caseNo), ("id_number", id)], &guest).text.contains("工会已核实您的身份"))
        }
    }
}
