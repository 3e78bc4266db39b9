import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console and portal: the member service card")
struct CardWebTests {
    @Test("the worker applies choosing a branch; the union's file and the bank's result issue it; the worker activates it; the county's measures and target; another county refused",
          arguments: Engine.available)
    func applyIssueActivate(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let page = try await client.get("/my/card", &w)
            #expect(page.status == .ok && page.text.contains("申领服务卡"))
            let token = try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            let empty = try await client.post("/my/card", [("_csrf", String(token)), ("branch", "")], &w)
            #expect(empty.status == .unprocessableContent && empty.text.contains("请选择领卡网点"))
            #expect(try await client.post("/my/card", [("_csrf", String(token)), ("branch", "工行江岸支行")], &w).status == .seeOther)
            #expect(try await client.get("/my/card", &w).text.contains("已申请（领卡网点：工行江岸支行）"))
            // The union's file and the bank's result.
            let (_, lines) = try await f.store.cards.issuingFile(orgCode: "K01", allMembers: false, branch: "", actor: .system("t"))
            #expect(lines.map(\.idNumber) == [f.idA])
            let body = "622202000000000001"
            let number = try CardNumber(body + String(CardNumber.checkDigit(for: body)))
            _ = try await f.store.cards.importResults([CardResultRow(row: 2, idNumber: try IDNumber(f.idA), cardNumber: number, issuedOn: CivilDate.today(), reason: nil)],
                                                     fileName: "r.csv", actor: .system("t"))
            let issued = try await client.get("/my/card", &w)
            #expect(issued.text.contains(number.masked) && issued.text.contains("激活服务卡") && !issued.text.contains(number.value))
            #expect(try await client.post("/my/card/activate", [("_csrf", String(token))], &w).status == .seeOther)
            #expect(try await client.get("/my/card", &w).text.contains("已激活"))

            // The county: its measures, a target with an error beside it, then saved.
            var (county, ctoken) = try await client.webLogin("officer.a")
            let measures = try await client.get("/cards", &county)
            #expect(measures.status == .ok && measures.text.contains("100.00%") && measures.text.contains("睡眠卡跟进名单"))
            let bad = try await client.post("/cards/target", [("_csrf", ctoken), ("org", "K01"), ("target", "很多")], &county)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"target-error\""))
            #expect(try await client.post("/cards/target", [("_csrf", ctoken), ("org", "K01"), ("target", "4")], &county).status == .seeOther)
            #expect(try await f.store.cards.measures(orgCode: "K01", actor: .system("t")).total.targetDone == "0.2500")
            // Another county neither reads nor sets K01's.
            var (other, otoken) = try await client.webLogin("officer.b")
            #expect(try await client.get("/cards?org=K01", &other).status == .notFound)
            #expect(try await client.post("/cards/target", [("_csrf", otoken), ("org", "K01"), ("target", "9")], &other).status == .notFound)
            #expect(try await f.store.cards.measures(orgCode: "K01", actor: .system("t")).total.target == 4)

            // A merchant: a contract ending before it starts is refused beside the date; one ending
            // in 20 days is signed and heads the worklist; the worker finds it by category.
            let today = CivilDate.today()
            let merchant: [(String, String)] = [("_csrf", ctoken), ("name", "江岸职工书屋"), ("category", "culture_sport"), ("address", "江岸区解放大道 1 号"),
                                                ("phone", "027-82800000"), ("discount", "持卡购书八五折"), ("contract_no", "PH-2026-01"),
                                                ("contract_from", today.adding(days: -300).iso)]
            let backwards = try await client.post("/cards/merchants", merchant + [("contract_to", today.adding(days: -301).iso)], &county)
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("id=\"contract_to-error\""))
            #expect(try await client.post("/cards/merchants", merchant + [("contract_to", today.adding(days: 20).iso)], &county).status == .seeOther)
            let list = try await client.get("/cards/merchants", &county)
            #expect(list.text.contains("待办：30 天内到期的合同") && list.text.contains("20 天后到期"))
            let found = try await client.get("/my/card?category=culture_sport", &w)
            #expect(found.text.contains("江岸职工书屋") && found.text.contains("持卡购书八五折"))
            #expect(!(try await client.get("/my/card?category=medical", &w)).text.contains("江岸职工书屋"))
            let id = try #require(try await f.store.cards.merchants(actor: .system("t")).first?.id)
            #expect(try await client.get("/my/merchants/\(id)", &w).text.contains("江岸区解放大道 1 号"))
            // The API: the measures, and a merchant's system sending uses — a wrong check digit named by
            // its index, nothing recorded; then recorded, the worker seeing it.
            let bearer = try await client.login("officer.a").bearer
            let api = try await client.call(.get, "/api/v1/cards/measures?org=K01", headers: bearer).object()
            #expect((api["rows"] as? [[String: Any]])?.first?["issued"] as? Int == 1)
            let wrong = String(number.value.dropLast()) + String((Int(String(number.value.last!))! + 1) % 10)
            let use: [String: Any] = ["usedOn": today.iso, "merchant": "江岸职工书屋", "amountFen": 8_500, "discountFen": 1_500, "reference": "API-1"]
            var badUse = use
            badUse["cardNumber"] = wrong
            let refused = try await client.call(.post, "/api/v1/cards/usage", json: ["rows": [badUse]], headers: bearer)
            #expect(refused.status == .unprocessableContent && refused.text.contains("rows[1].cardNumber"))
            var goodUse = use
            goodUse["cardNumber"] = number.value
            #expect(try await client.call(.post, "/api/v1/cards/usage", json: ["rows": [goodUse]], headers: bearer).status == .created)
            #expect(try await client.get("/my/card", &w).text.contains("江岸职工书屋 85.00 元（优惠 15.00 元）"))
            let otherBearer = try await client.login("officer.b").bearer
            let theirs = try await client.call(.post, "/api/v1/cards/usage", json: ["rows": [goodUse.merging(["reference": "API-2"]) { $1 }]], headers: otherBearer)
            #expect(theirs.status == .unprocessableContent && theirs.text.contains("没有这张已发放的服务卡"))
            // Another county may not sign for K01.
            #expect(try await client.post("/cards/merchants", [("_csrf", otoken), ("org", "K01")] + merchant.dropFirst() + [("contract_to", today.iso)], &other).status == .notFound)
        }
    }
}
