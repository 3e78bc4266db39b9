import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Portal: a worker's papers for a case (补充材料)")
struct PortalDisputePaperTests {
    static let filing: [(String, String)] = [("kind", "complaint"), ("employer_name", "江岸某物流公司"), ("type_wage_arrears", "1"),
                                             ("facts", "公司拖欠两个月工资共 6000 元，要求补发")]

    @Test("filed with a paper, a bad file refused beside its field before anything is filed, another added; the union sees them; another worker cannot",
          arguments: Engine.available)
    func papersFromThePortal(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let form = try await client.get("/my/disputes/new", &w)
            #expect(form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("name=\"paper_kind\""))
            let csrf = try #require(csrfToken(in: form.text))

            // Not a PDF, JPEG or PNG: refused beside the file field, nothing filed.
            let bad = try await client.postMultipart("/my/disputes/new", fields: [("_csrf", csrf)] + Self.filing + [("paper_kind", "wages")],
                                                     file: ("file", "工资.txt", "not a pdf"), &w)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"file-error\""), "\(bad.text)")
            #expect(try await f.store.disputes.portalCases(memberID: f.memberA.id).isEmpty)

            let filed = try await client.postMultipart("/my/disputes/new", fields: [("_csrf", csrf)] + Self.filing + [("paper_kind", "wages")],
                                                       file: ("file", "工资条.pdf", "%PDF-1.4 payslips"), &w)
            #expect(filed.status == .seeOther && filed.headers[.location]?.hasSuffix("?ok=filed") == true, "\(filed.text)")
            let path = String(try #require(filed.headers[.location]).prefix { $0 != "?" })
            let id = Int64(path.split(separator: "/").last!)!
            let page = try await client.get(path, &w)
            #expect(page.text.contains("我的材料") && page.text.contains("工资、考勤凭证：工资条.pdf") && page.text.contains("action=\"\(path)/papers\""))

            // One more from the case page; an empty upload refused beside the field.
            let empty = try await client.postMultipart("\(path)/papers", fields: [("_csrf", csrf), ("kind", "evidence")], file: ("file", "", ""), &w)
            #expect(empty.status == .unprocessableContent && empty.text.contains("id=\"file-error\""))
            let added = try await client.postMultipart("\(path)/papers", fields: [("_csrf", csrf), ("kind", "evidence")],
                                                       file: ("file", "聊天记录.pdf", "%PDF-1.5 chat"), &w)
            #expect(added.status == .seeOther)
            let pdf = try await client.postMultipart("\(path)/papers", fields: [("_csrf", csrf), ("kind", "contract")],
                                                     file: ("file", "劳动合同.pdf", "%PDF-1.7 contract"), &w)
            #expect(pdf.status == .seeOther && pdf.headers[.location]?.contains("ok=paper") == true)
            let mine = try await f.store.disputes.portalPapers(caseID: id, memberID: f.memberA.id)
            #expect(mine.map(\.filename).contains("工资条.pdf") && mine.map(\.filename).contains("劳动合同.pdf"))
            #expect(mine.allSatisfy { $0.uploadedBy == "张三（职工上传）" })

            // Another worker: not found, nothing added.
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(id))) {
                _ = try await f.store.disputes.addPortalPaper(caseID: id, memberID: f.memberB.id, kind: .evidence, filename: "x.pdf", data: Array("%PDF-1.4 x".utf8))
            }
            #expect(try await f.store.disputes.papers(caseID: id, actor: .system("t")).count == mine.count)

            // The handling union sees them in the case's papers and has a to-do; the paper opens.
            var (console, _) = try await client.webLogin("officer.a")
            let casePage = try await client.get("/disputes/\(id)", &console)
            let contract = try #require(try await f.store.disputes.papers(caseID: id, actor: .system("t")).first { $0.filename == "劳动合同.pdf" })
            #expect(casePage.text.contains("href=\"/disputes/\(id)/papers/\(contract.id)\"") && casePage.text.contains("张三（职工上传）"))
            let download = try await client.get("/disputes/\(id)/papers/\(contract.id)", &console)
            #expect(download.status == .ok && download.text == "%PDF-1.7 contract")
            #expect(try await client.get("/inbox", &console).text.contains("职工补充了材料"))

            // Closed: no more papers, the list stays.
            let actor = Actor.system("t")
            _ = try await f.store.disputes.act(id: id, .refuse(reason: "不属于受理范围"), actor: actor)
            let closed = try await client.get(path, &w)
            #expect(closed.text.contains("劳动合同.pdf") && !closed.text.contains("action=\"\(path)/papers\""))
            let late = try await client.postMultipart("\(path)/papers", fields: [("_csrf", csrf), ("kind", "evidence")], file: ("file", "y.pdf", "%PDF-1.4 y"), &w)
            #expect(late.status == .unprocessableContent && late.text.contains("案件已办结，不能再补充材料"), "\(late.text)")
        }
    }
}
