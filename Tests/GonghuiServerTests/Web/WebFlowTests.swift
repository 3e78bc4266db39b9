import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing

extension TestClientProtocol {
    func postMultipart(_ uri: String, fields: [(String, String)], file: (name: String, fileName: String, data: String), _ browser: inout Browser) async throws -> TestResponse {
        let boundary = "----gonghui-test-\(UUID().uuidString)"
        var body = ""
        for (k, v) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\"\r\nContent-Type: text/csv\r\n\r\n\(file.data)\r\n"
        body += "--\(boundary)--\r\n"
        var headers = browser.header
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let r = try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        browser.take(r)
        return r
    }
}

func firstMatch(_ pattern: String, in text: String) -> String? {
    guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
    return String(text[r])
}

@Suite("Web flows: portal activation, import, org rules, dashboard")
struct WebFlowTests {
    @Test("A worker activates with ID, phone and the union's code; the code is stored only as a hash", arguments: Engine.available)
    func portalActivation(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            // Setup: the union issues a code for 张三.
            var (officer, token) = try await client.webLogin("officer.a")
            let issued = try await client.post("/members/\(fixture.memberA.id)/activation", [("_csrf", token)], &officer)
            #expect(issued.status == .ok)
            let code = try #require(firstMatch("[A-Z2-9]{5}-[A-Z2-9]{5}", in: issued.text))
            let stored = try await fixture.store.database.read { db in try await db.raw("SELECT code_hash FROM activation_codes").all() }
            #expect(stored.count == 1)
            let hash = try stored[0].decode(column: "code_hash", as: String.self)
            #expect(!hash.contains(code) && !hash.contains(code.replacingOccurrences(of: "-", with: "")))
            // Action: a wrong code, then the right one (typed in lower case, without the dash).
            var worker = Browser()
            let form = try await client.get("/my/activate", &worker)
            let pre = try #require(csrfToken(in: form.text))
            let fields = [("_csrf", pre), ("id_number", fixture.idA), ("phone", "13800138000"), ("password", "Worker-2026!"), ("password_again", "Worker-2026!")]
            let wrong = try await client.post("/my/activate", fields + [("code", "AAAAA-BBBBB")], &worker)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("激活码不正确"))
            #expect(wrong.text.contains("value=\"\(fixture.idA)\""), "the ID number stays in the form")
            let wrongPhone = try await client.post("/my/activate", [("_csrf", pre), ("id_number", fixture.idA), ("phone", "13900000000"), ("code", code),
                                                                    ("password", "Worker-2026!"), ("password_again", "Worker-2026!")], &worker)
            #expect(wrongPhone.status == .unprocessableContent, "the phone must be the one the union holds")
            let ok = try await client.post("/my/activate", fields + [("code", code.lowercased().replacingOccurrences(of: "-", with: ""))], &worker)
            #expect(ok.status == .seeOther, "\(ok.text)")
            #expect(worker.cookies["gonghui_worker"] != nil)
            // Check: the worker sees their membership, and nothing of the console.
            let home = try await client.get("/my/", &worker)
            #expect(home.text.contains("张三"))
            #expect(home.text.contains("江岸机械厂工会"))
            #expect(home.text.contains("申请帮扶"))
            #expect(home.text.contains(fixture.memberA.idNumberMasked))
            #expect(!home.text.contains(fixture.idA), "the full ID number is not shown")
            let console = try await client.get("/members", &worker)
            #expect(console.status == .seeOther)
            // The code works once.
            var other = Browser()
            let again = try await client.get("/my/activate", &other)
            let reuse = try await client.post("/my/activate", [("_csrf", try #require(csrfToken(in: again.text))), ("id_number", fixture.idA), ("phone", "13800138000"),
                                                               ("code", code), ("password", "Worker-2026!"), ("password_again", "Worker-2026!")], &other)
            #expect(reuse.status == .unprocessableContent)
            // The worker updates the phone and asks for a transfer; the union sees it in 待办.
            let csrf = try #require(csrfToken(in: home.text))
            let phone = try await client.post("/my/phone", [("_csrf", csrf), ("phone", "13912345678")], &worker)
            #expect(phone.status == .seeOther)
            let m = try await fixture.store.members.member(id: fixture.memberA.id, actor: .system("test"))
            #expect(m.phoneMasked == "139****5678")
            let transfer = try await client.post("/my/transfer", [("_csrf", csrf), ("to_org_code", "G02"), ("reason", "调动")], &worker)
            #expect(transfer.status == .seeOther, "\(transfer.text)")
            let box = try await client.get("/transfers?box=outgoing", &officer)
            #expect(box.text.contains("张三"))
            #expect(box.text.contains("江汉纺织厂工会"))
            // Without the worker session's token, a portal form is refused.
            let forged = try await client.post("/my/phone", [("_csrf", token), ("phone", "13700000000")], &worker)
            #expect(forged.status == .forbidden)
        }
    }

    @Test("Five wrong codes void the activation code", arguments: [Engine.sqlite])
    func codeAttempts(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            let code = try await fixture.store.portal.issueActivationCode(memberID: fixture.memberA.id, actor: .system("test"))
            let id = try IDNumber(fixture.idA), phone = try PhoneNumber("13800138000")
            for _ in 0..<PortalService.maxCodeAttempts {
                await #expect(throws: StoreError.self) {
                    _ = try await fixture.store.portal.activate(idNumber: id, phone: phone, code: "WRONGWRONG", password: "Worker-2026!")
                }
            }
            await #expect(throws: StoreError.self) {
                _ = try await fixture.store.portal.activate(idNumber: id, phone: phone, code: code.code, password: "Worker-2026!")
            }
            // A new code works.
            let fresh = try await fixture.store.portal.issueActivationCode(memberID: fixture.memberA.id, actor: .system("test"))
            let credential = try await fixture.store.portal.activate(idNumber: id, phone: phone, code: fresh.code, password: "Worker-2026!")
            #expect(try await fixture.store.portal.authenticate(token: credential.token)?.memberID == fixture.memberA.id)
        }
    }

    @Test("Import: a bad file is reported row by row and writes nothing; a good one lands after confirmation", arguments: Engine.available)
    func importFlow(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            var (b, token) = try await client.webLogin("officer.a")
            let header = "身份证号,姓名,手机号,所属工会代码,入会日期,用工形式,是否农民工\n"
            let good1 = idNumber(birth: "19930301", seq: "551"), good2 = idNumber(birth: "19930302", seq: "552")
            let badID = String(good2.dropLast()) + (good2.last == "0" ? "1" : "0")
            let bad = header + "\(good1),王五,13600000001,G01,2020-01-01,劳务派遣,否\n\(badID),赵六,12345,G01,2020-01-01,外星,否\n"
            // Action: check the bad file.
            let checked = try await client.postMultipart("/import/check", fields: [("_csrf", token), ("kind", "members")],
                                                         file: ("file", "名册.csv", bad), &b)
            #expect(checked.status == .seeOther, "\(checked.text)")
            let reportURL = try #require(checked.headers[.location])
            let report = try await client.get(reportURL, &b)
            #expect(report.text.contains("文件中有错误"))
            #expect(report.text.contains("尚未写入任何数据"))
            #expect(report.text.contains("外星"))
            #expect(report.text.contains("校验位"))
            let rejects = try await client.get(reportURL + "/rejects.csv", &b)
            #expect(rejects.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(rejects.text.contains("赵六"))
            #expect(!rejects.text.contains("王五"))
            // Named after the file, not "名册.csv.csv"; the XLSX (offered first) keeps every cell as text.
            #expect(rejects.headers[.contentDisposition]?.contains("%E9%94%99%E8%AF%AF%E8%A1%8C-%E5%90%8D%E5%86%8C.csv") == true, "\(rejects.headers[.contentDisposition] ?? "")")
            let rejectsXLSX = try await client.get(reportURL + "/rejects.xlsx", &b)
            #expect(rejectsXLSX.headers[.contentDisposition]?.contains("%E9%94%99%E8%AF%AF%E8%A1%8C-%E5%90%8D%E5%86%8C.xlsx") == true)
            let reader = try TableReader(xlsxData: Data(rejectsXLSX.body.readableBytesView))
            let sheetHeader = try reader.readHeader() ?? []
            var sheet: [[String]] = []
            while let row = try reader.nextRow() { sheet.append(row.cells) }
            #expect(sheetHeader.last == "错误原因" && sheet.contains { $0.contains("赵六") }, "\(sheetHeader) \(sheet)")
            #expect(report.text.contains("rejects.xlsx"))
            #expect(try await fixture.store.members.search(name: "王五", orgCode: nil, status: nil, actor: .system("test")).total == 0)
            // Another officer cannot see this upload.
            var (other, _) = try await client.webLogin("officer.b")
            #expect(try await client.get(reportURL, &other).status == .notFound)
            // The good file, confirmed.
            let goodFile = header + "\(good1),王五,13600000001,G01,2020-01-01,劳务派遣,否\n\(good2),赵六,13600000002,G01,2020-01-01,灵活就业,是\n"
            let checked2 = try await client.postMultipart("/import/check", fields: [("_csrf", token), ("kind", "members")], file: ("file", "名册.csv", goodFile), &b)
            let url2 = try #require(checked2.headers[.location])
            let report2 = try await client.get(url2, &b)
            #expect(report2.text.contains("校验通过"))
            let commit = try await client.post(url2 + "/commit", [("_csrf", token)], &b)
            #expect(commit.status == .seeOther)
            var done = ""
            for _ in 0..<100 {
                done = try await client.get(url2, &b).text
                if done.contains("导入完成") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(done.contains("导入完成"))
            let wang = try #require(try await fixture.store.members.search(name: "王五", orgCode: "G01", status: nil, actor: .system("test")).items.first)
            // The member's history says which import wrote them, and who ran it, by name.
            let history = try await client.get("/members/\(wang.id)", &b)
            #expect(history.text.contains("入会（批量导入：名册.csv）") && history.text.contains("officer.a（组织管理员）") && !history.text.contains("system:import"),
                    "\(history.text)")
            // Templates.
            let template = try await client.get("/import/template/members.csv", &b)
            #expect(template.text.contains("身份证号 id_number"))
            let xlsx = try await client.get("/import/template/orgs.xlsx", &b)
            #expect(xlsx.body.readableBytesView.starts(with: [0x50, 0x4B]))
        }
    }

    @Test("The XLSX template downloaded from the import page reads back as a valid, empty roster", arguments: [Engine.sqlite])
    func xlsxTemplateRoundTrip(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var (b, token) = try await client.webLogin("officer.a")
            let template = try await client.get("/import/template/members.xlsx", &b)
            #expect(template.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            // Send the bytes back as an upload.
            let boundary = "----gonghui-xlsx"
            var body = ByteBuffer()
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nmembers\r\n")
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"模板.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(template.body.readableBytesView)
            body.writeString("\r\n--\(boundary)--\r\n")
            var headers = b.header
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            let checked = try await client.execute(uri: "/import/check", method: .post, headers: headers, body: body)
            #expect(checked.status == .seeOther, "\(checked.text)")
            let report = try await client.get(try #require(checked.headers[.location]), &b)
            #expect(report.text.contains("校验通过"), "\(report.text)")
            #expect(report.text.contains("共 0 行"))
        }
    }

    @Test("Org move: confirmation first, then the same refusal as the API", arguments: Engine.available)
    func orgMove(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var (b, token) = try await client.webLogin("admin")
            let confirm = try await client.post("/orgs/K01/move", [("_csrf", token), ("parent_code", "G01"), ("date", "2024-01-01")], &b)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("请确认"))
            #expect(confirm.text.contains("name=\"step\" value=\"confirmed\""))
            let refused = try await client.post("/orgs/K01/move", [("_csrf", token), ("parent_code", "G01"), ("date", "2024-01-01"), ("step", "confirmed")], &b)
            let api = try await client.call(.post, "/api/v1/orgs/K01/move", json: ["parentCode": "G01"], headers: try await client.login("admin").bearer)
            let detail = try api.problem(.conflict)["detail"] as? String
            #expect(refused.status == .conflict)
            #expect(refused.text.contains(try #require(detail)))
            // A legal move, confirmed, lands and is in the org's history.
            let moved = try await client.post("/orgs/G01/move", [("_csrf", token), ("parent_code", "K02"), ("date", "2024-01-01"), ("step", "confirmed")], &b)
            #expect(moved.status == .seeOther)
            let page = try await client.get("/orgs/G01", &b)
            #expect(page.text.contains("调整隶属关系"))
            #expect(page.text.contains("江汉区总工会"))
        }
    }

    @Test("Worklist: the releasing side approves, the receiving side must give a reason to refuse; a request can be withdrawn", arguments: Engine.available)
    func worklist(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            // Setup: a transfer of 张三 (K01) to G02 (K02), and one of 李四 the other way.
            let sys = Actor.system("test")
            let t = try await fixture.store.members.requestTransfer(memberID: fixture.memberA.id, toOrgCode: "G02", on: .today(), reason: "调动", actor: sys)
            let back = try await fixture.store.members.requestTransfer(memberID: fixture.memberB.id, toOrgCode: "G01", on: .today(), reason: "调动", actor: sys)
            var (a, tokenA) = try await client.webLogin("officer.a")
            var (b, tokenB) = try await client.webLogin("officer.b")
            // Action and check: K01 sees 张三 waiting to be released, and approves.
            let out = try await client.get("/transfers?box=outgoing", &a)
            #expect(out.text.contains("张三") && !out.text.contains("李四"))
            #expect(out.text.contains("撤回申请"))
            #expect(try await client.post("/transfers/\(t.id)/decide", [("_csrf", tokenA), ("decision", "approve"), ("box", "outgoing")], &a).status == .seeOther)
            // K02 must give a reason to refuse; then approves.
            let incoming = try await client.get("/transfers?box=incoming", &b)
            #expect(incoming.text.contains("张三"))
            let noReason = try await client.post("/transfers/\(t.id)/decide", [("_csrf", tokenB), ("decision", "reject"), ("box", "incoming")], &b)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("不同意时必须填写理由"))
            #expect(try await client.post("/transfers/\(t.id)/decide", [("_csrf", tokenB), ("decision", "approve"), ("box", "incoming")], &b).status == .seeOther)
            #expect(try await fixture.store.members.member(id: fixture.memberA.id, actor: sys).orgCode == "G02")
            // K02 withdraws its own request for 李四.
            #expect(try await client.post("/transfers/\(back.id)/cancel", [("_csrf", tokenB)], &b).status == .seeOther)
            #expect(try await fixture.store.members.transfer(id: back.id, actor: sys).state == .cancelled)
        }
    }

    @Test("Dashboard numbers are the subtree's; auditors see the audit chain, officers do not", arguments: Engine.available)
    func dashboardAndAudit(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            var (a, _) = try await client.webLogin("officer.a")
            let home = try await client.get("/", &a)
            #expect(home.status == .ok)
            #expect(home.text.contains("工作台：江岸区总工会"))
            #expect(home.text.contains("<svg class=\"chart\""))
            #expect(home.text.contains("<span class=\"n\">1</span>在会会员"), "one member in K01's subtree")
            #expect(home.text.contains("江岸机械厂工会"))
            #expect(!home.text.contains("江汉纺织厂工会"), "another county is not shown")
            let figures = try await fixture.store.dashboard.figures(actor: try #require(try await fixture.store.users.login(username: "admin", password: testPassword).1))
            #expect(figures.members == 2 && figures.grassrootsUnions == 2 && figures.employees == 180)
            #expect(try await client.get("/audit", &a).status == .forbidden)
            var (auditor, _) = try await client.webLogin("auditor")
            let audit = try await client.get("/audit?entity=member", &auditor)
            #expect(audit.text.contains("哈希链校验通过"))
            #expect(audit.text.contains("登记会员 张三"))
            let badDate = try await client.get("/audit?from=2024-13-01", &auditor)
            #expect(badDate.text.contains("field-error"))
        }
    }
}
