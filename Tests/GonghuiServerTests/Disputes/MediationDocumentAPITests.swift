import Foundation
import GonghuiProcess
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Mediation records and documents over the API and in the console")
struct MediationDocumentAPITests {
    static var libreOffice: String? {
        ["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The document's text as LibreOffice Writer reads it.
    static func text(ofDOCX data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("doc.docx")
        try data.write(to: input)
        let status = try ChildProcess.run(#require(libreOffice), ["--headless", "-env:UserInstallation=file://\(dir.path)/profile", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir.path, input.path])
        #expect(status == 0, "LibreOffice exited with \(status)")
        return try String(contentsOf: dir.appendingPathComponent("doc.txt"), encoding: .utf8)
    }

    /// A case taken to a signed agreement over the API; its id.
    static func agreedCase(_ client: any TestClientProtocol, headers: HTTPFields) async throws -> Int64 {
        let c = try await client.call(.post, "/api/v1/disputes", json: DisputeAPITests.intake(workers: 2), headers: headers).object()
        let id = try #require(c["id"] as? Int64)
        #expect(try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "accept"], headers: headers).status == .ok)
        let started: [String: Any] = ["action": "start_mediation", "oral": true, "note": "职工当场口头申请调解", "mediator": "李明"]
        #expect(try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: started, headers: headers).status == .ok)
        let signed: [String: Any] = ["action": "record_agreement", "terms": [["description": "支付拖欠工资", "amountFen": 1_680_032, "dueOn": CivilDate.today().adding(days: 10).iso]],
                                     "employerRepresentative": "王建国", "paymentMethod": "转账至职工本人银行账户"]
        #expect(try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: signed, headers: headers).status == .ok)
        return id
    }

    @Test("the agreement numbered, sessions recorded, the DOCX read back by LibreOffice; handlers only", arguments: Engine.available)
    func documentsOverTheAPI(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let county = try await client.login("officer.a").bearer
            let id = try await Self.agreedCase(client, headers: county)
            let record = try await client.call(.get, "/api/v1/disputes/\(id)/mediation", headers: county).object()
            let year = CivilDate.today().year
            #expect(record["agreementNo"] as? String == "（\(year)）K01调字第 1 号" && record["mediator"] as? String == "李明")
            #expect(record["employerRepresentative"] as? String == "王建国")
            let documents = try #require(record["documents"] as? [[String: Any]])
            #expect(documents.map { $0["kind"] as? String } == ["application", "oral-record", "agreement"] && documents.allSatisfy { $0["available"] as? Bool == true })

            let bad = try await client.call(.post, "/api/v1/disputes/\(id)/sessions", json: ["heldOn": CivilDate.today().iso, "place": "", "attendees": "x", "notes": "y"],
                                            headers: county).problem(.unprocessableContent)
            #expect((bad["problems"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["place"])
            let session: [String: Any] = ["heldOn": CivilDate.today().iso, "place": "区总工会调解室", "attendees": "工人1、王建国、李明", "notes": "确认付款日期"]
            let withSession = try await client.call(.post, "/api/v1/disputes/\(id)/sessions", json: session, headers: county).object()
            #expect((withSession["sessions"] as? [[String: Any]])?.first?["place"] as? String == "区总工会调解室")

            let file = try await client.call(.get, "/api/v1/disputes/\(id)/documents/agreement", headers: county)
            #expect(file.status == .ok && file.headers[.contentType]?.contains("wordprocessingml") == true)
            #expect(file.body.readableBytesView.starts(with: [0x50, 0x4B]))
            if Self.libreOffice != nil {
                let text = try Self.text(ofDOCX: Data(file.body.readableBytesView))
                for expected in ["劳动争议调解协议书", "（\(year)）K01调字第 1 号", "工人1", idNumber(birth: "19880808", seq: "300"), "王建国",
                                 "壹万陆仟捌佰元零叁角贰分", "转账至职工本人银行账户", "调解员（签名）：李明", "一式三份"] {
                    #expect(text.contains(expected), "\(expected)")
                }
            }
            try await client.call(.get, "/api/v1/disputes/\(id)/documents/summons", headers: county).problem(.unprocessableContent)

            let reviewer = try await client.login("reviewer.a").bearer
            try await client.call(.get, "/api/v1/disputes/\(id)/documents/agreement", headers: reviewer).problem(.forbidden)
            let other = try await client.login("officer.b").bearer
            try await client.call(.get, "/api/v1/disputes/\(id)/documents/agreement", headers: other).problem(.notFound)
            // A case without a mediation has no documents yet.
            let fresh = try await client.call(.post, "/api/v1/disputes", json: DisputeAPITests.intake(type: "work_injury"), headers: county).object()
            try await client.call(.get, "/api/v1/disputes/\(fresh["id"] as? Int64 ?? 0)/documents/application", headers: county).problem(.conflict)
        }
    }

    @Test("the case page's mediation card, the print page and the Word file in the console", arguments: Engine.available)
    func documentsInTheConsole(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let bearer = try await client.login("officer.a").bearer
            let id = try await Self.agreedCase(client, headers: bearer)
            var (officer, token) = try await client.webLogin("officer.a")
            let page = try await client.get("/disputes/\(id)", &officer)
            #expect(page.text.contains("id=\"d-mediation\"") && page.text.contains("K01调字第 1 号"))
            #expect(page.text.contains("href=\"/disputes/\(id)/documents/agreement\"") && page.text.contains("href=\"/disputes/\(id)/documents/agreement/docx\""))
            let session = try await client.post("/disputes/\(id)/session", [("_csrf", token), ("held_on", CivilDate.today().iso), ("place", ""), ("attendees", "a"),
                                                                            ("session_notes", "b")], &officer)
            #expect(session.status == .unprocessableContent && session.text.contains("id=\"place-error\""))
            let saved = try await client.post("/disputes/\(id)/session", [("_csrf", token), ("held_on", CivilDate.today().iso), ("place", "调解室"),
                                                                          ("attendees", "双方"), ("session_notes", "达成一致")], &officer)
            #expect(saved.status == .seeOther)
            let particulars = try await client.post("/disputes/\(id)/particulars", [("_csrf", token), ("employer_agent", "赵律师")], &officer)
            #expect(particulars.status == .seeOther)
            let print = try await client.get("/disputes/\(id)/documents/agreement", &officer)
            #expect(print.status == .ok && print.text.contains("<article class=\"document\">") && print.text.contains("赵律师"))
            #expect(print.text.contains(idNumber(birth: "19880808", seq: "300")))
            let docx = try await client.get("/disputes/\(id)/documents/agreement/docx", &officer)
            #expect(docx.status == .ok && docx.body.readableBytesView.starts(with: [0x50, 0x4B]))
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            #expect(try await client.get("/disputes/\(id)/documents/agreement", &reviewer).status == .forbidden)
            #expect(!(try await client.get("/disputes/\(id)", &reviewer).text.contains("/documents/agreement")))
        }
    }

    @Test("papers over the API and in the console: PDF, JPEG or PNG by their bytes, downloads audited, readers cannot upload", arguments: Engine.available)
    func papers(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let county = try await client.login("officer.a").bearer
            let c = try await client.call(.post, "/api/v1/disputes", json: DisputeAPITests.intake(), headers: county).object()
            let id = try #require(c["id"] as? Int64)
            var pdf = county
            pdf[.contentType] = "application/pdf"
            try await client.call(.post, "/api/v1/disputes/\(id)/papers?kind=wages&filename=x.pdf", raw: "not a pdf", headers: pdf).problem(.unprocessableContent)
            try await client.call(.post, "/api/v1/disputes/\(id)/papers?filename=x.pdf", raw: "%PDF-1.4", headers: pdf).problem(.unprocessableContent)
            let saved = try await client.call(.post, "/api/v1/disputes/\(id)/papers?kind=wages&filename=%E5%B7%A5%E8%B5%84.pdf", raw: "%PDF-1.4 wages", headers: pdf)
            #expect(saved.status == .created)
            let paper = try saved.object()
            #expect(paper["filename"] as? String == "工资.pdf" && paper["kindLabel"] as? String == "工资、考勤凭证")
            let list = try await client.call(.get, "/api/v1/disputes/\(id)/papers", headers: county).items()
            #expect(list.count == 1)
            let file = try await client.call(.get, "/api/v1/disputes/\(id)/papers/\(paper["id"] as? Int64 ?? 0)", headers: county)
            #expect(file.status == .ok && file.text == "%PDF-1.4 wages" && file.headers[.contentType] == "application/pdf")
            let reviewer = try await client.login("reviewer.a").bearer
            var reviewerPDF = reviewer
            reviewerPDF[.contentType] = "application/pdf"
            try await client.call(.post, "/api/v1/disputes/\(id)/papers?kind=wages&filename=y.pdf", raw: "%PDF-1.4", headers: reviewerPDF).problem(.forbidden)
            // The console lists it with its link.
            var (officer, _) = try await client.webLogin("officer.a")
            let page = try await client.get("/disputes/\(id)", &officer)
            #expect(page.text.contains("id=\"d-papers\"") && page.text.contains("href=\"/disputes/\(id)/papers/\(paper["id"] as? Int64 ?? 0)\""))
            #expect(page.text.contains("enctype=\"multipart/form-data\""))
        }
    }

    @Test("the arbitration of a case over the API and on its page", arguments: Engine.available)
    func arbitration(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let county = try await client.login("officer.a").bearer
            let c = try await client.call(.post, "/api/v1/disputes", json: DisputeAPITests.intake(), headers: county).object()
            let id = try #require(c["id"] as? Int64)
            try await client.call(.get, "/api/v1/disputes/\(id)/arbitration", headers: county).problem(.notFound)
            for step: [String: Any] in [["action": "accept"], ["action": "start_mediation"], ["action": "end_mediation", "outcome": "arbitration", "note": "申请仲裁"]] {
                #expect(try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: step, headers: county).status == .ok)
            }
            let today = CivilDate.today()
            let bad = try await client.call(.post, "/api/v1/disputes/\(id)/arbitration", json: ["commission": "", "appliedOn": today.iso], headers: county).problem(.unprocessableContent)
            #expect((bad["problems"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["commission"])
            let saved = try await client.call(.post, "/api/v1/disputes/\(id)/arbitration", json: ["commission": "江岸区劳动人事争议仲裁委员会", "appliedOn": today.iso],
                                              headers: county).object()
            #expect(saved["acceptanceDue"] as? String == today.adding(days: 5).iso && saved["awardDue"] == nil)
            var (officer, _) = try await client.webLogin("officer.a")
            let page = try await client.get("/disputes/\(id)", &officer)
            #expect(page.text.contains("id=\"d-arbitration\"") && page.text.contains("江岸区劳动人事争议仲裁委员会") && page.text.contains("还剩 5 天"))
        }
    }
}
