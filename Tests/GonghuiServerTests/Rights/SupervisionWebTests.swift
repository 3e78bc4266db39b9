import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@Suite("Web console: labor-law supervision")
struct SupervisionWebTests {
    @Test("an employer found with its case, a reminder with errors beside its fields, the numbered letter as a page and DOCX, the answer, the opinion, the proposal and the decision; another county finds nothing",
          arguments: Engine.available)
    func reminderToDecision(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (officer, token) = try await client.webLogin("officer.a")
            let today = CivilDate.today()
            // A case against the employer, found on the search by a part of its name.
            let county = Actor.system("test")
            let code = "91420102MA4K12345" + String(CreditCode.checkCharacter(for: "91420102MA4K12345")!)
            let employer = DisputeEmployer(name: "江岸机械厂", creditCode: code, regionCode: nil, industry: nil, unionCode: nil)
            let intake = DisputeIntake(channel: .hotline, kind: .complaint, receivedOn: today, workers: [DisputeWorkerDraft(name: "李师傅", idNumber: try IDNumber(f.idA),
                                       phone: nil, isRepresentative: true)], employer: employer, types: [.wageArrears], claims: [], facts: "拖欠工资", learnedOn: today,
                                       employmentEndedOn: nil, confidential: false, handlingOrgCode: "K01")
            let c = try await f.store.disputes.register(intake, allowDuplicate: true, actor: county, today: today)
            let search = try await client.get("/supervision/new?q=%E6%9C%BA%E6%A2%B0", &officer)
            #expect(search.status == .ok && search.text.contains(c.caseNo) && search.text.contains(code))

            let bad = try await client.post("/supervision/new", [("_csrf", token), ("employer_name", "江岸机械厂"), ("employer_credit_code", "123"),
                                                                  ("violation", ""), ("legal_basis", "《劳动法》第五十条"), ("correction", "足额支付"),
                                                                  ("first_letter", "reminder"), ("issued_on", today.iso)], &officer)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"employer_credit_code-error\""))
            let badText = try await client.post("/supervision/new", [("_csrf", token), ("employer_name", "江岸机械厂"), ("employer_credit_code", code),
                                                                      ("violation", " "), ("legal_basis", "《劳动法》第五十条"), ("correction", "足额支付"),
                                                                      ("first_letter", "reminder"), ("issued_on", today.iso)], &officer)
            #expect(badText.status == .unprocessableContent && badText.text.contains("id=\"violation-error\"") && badText.text.contains("请填写违法事实"))
            #expect(try await f.store.supervision.list(actor: .system("t")).total == 0)
            let opened = try await client.post("/supervision/new", [("_csrf", token), ("employer_name", "江岸机械厂"), ("employer_credit_code", code),
                                                                     ("case_id", String(c.id)), ("violation", "拖欠 10 名职工三个月工资"),
                                                                     ("legal_basis", "《中华人民共和国劳动法》第五十条"), ("correction", "足额支付拖欠工资"),
                                                                     ("labor_department", "江岸区人力资源和社会保障局"), ("first_letter", "reminder"),
                                                                     ("issued_on", today.iso)], &officer)
            #expect(opened.status == .seeOther)
            let location = try #require(opened.headers[.location])
            let path = String(location.prefix { $0 != "?" })
            let page = try await client.get(location, &officer)
            let number = "工监提〔\(today.year)〕1号"
            #expect(page.text.contains(number) && page.text.contains(c.caseNo) && page.text.contains("等待用人单位答复"))
            let m = try await f.store.supervision.find(id: Int64(path.split(separator: "/").last!)!, actor: .system("t"))
            let letter = try #require(m.letters.first)
            #expect(letter.dueOn == SupervisionPolicy.answerDue(.reminder, issuedOn: today, policy: try await f.store.disputes.policy()))

            // The letter as a page and as DOCX, with the committee's seal place.
            let paper = try await client.get("\(path)/letters/\(letter.id)", &officer)
            #expect(paper.status == .ok && paper.text.contains("工会劳动法律监督提示函") && paper.text.contains("劳动法律监督委员会（盖章）") && paper.text.contains("江岸机械厂："))
            let file = try await client.get("\(path)/letters/\(letter.id)/docx", &officer)
            #expect(file.status == .ok && file.body.readableBytesView.starts(with: [0x50, 0x4B]))
            if MediationDocumentAPITests.libreOffice != nil {
                let text = try MediationDocumentAPITests.text(ofDOCX: Data(file.body.readableBytesView))
                #expect(text.contains("工会劳动法律监督提示函") && text.contains(number), "\(text)")
            }
            #expect(try await client.get("\(path)/letters/999999", &officer).status == .notFound)

            // Another county: not found, neither the page nor a write.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.get(path, &other).status == .notFound)
            #expect(try await client.get("\(path)/letters/\(letter.id)/docx", &other).status == .notFound)
            #expect(try await client.post("\(path)/answer", [("_csrf", otherToken), ("answered_on", today.iso), ("answer_result", "corrected"), ("answer", "已整改")],
                                          &other).status == .notFound)
            #expect(try await client.get("/supervision", &other).text.contains(number) == false)

            // The answer (refused), the opinion, its refusal, the proposal, the decision.
            let noResult = try await client.post("\(path)/answer", [("_csrf", token), ("version", versionField(in: page.text) ?? ""), ("answered_on", today.iso),
                                                                    ("answer", "公司称资金困难")], &officer)
            #expect(noResult.status == .unprocessableContent && noResult.text.contains("id=\"answer_result-error\""))
            var current = page
            for (step, fields) in [("answer", [("answered_on", today.iso), ("answer_result", "refused"), ("answer", "公司称资金困难")]),
                                   ("issue", [("kind", "opinion"), ("issued_on", today.iso)]),
                                   ("answer", [("answered_on", today.iso), ("answer_result", "partly"), ("answer", "支付了一个月")]),
                                   ("issue", [("kind", "proposal"), ("issued_on", today.iso), ("recipient", "")]),
                                   ("decide", [("decided_on", today.iso), ("decision", "investigated"), ("decision_note", "已立案")])] {
                let r = try await client.post("\(path)/\(step)", [("_csrf", token), ("version", versionField(in: current.text) ?? "")] + fields, &officer)
                #expect(r.status == .seeOther, "\(step): \(r.text.prefix(400))")
                current = try await client.get(path, &officer)
            }
            #expect(current.text.contains("工监意〔\(today.year)〕1号") && current.text.contains("工监建〔\(today.year)〕1号") && current.text.contains("劳动行政部门已处理"))
            let proposal = try await f.store.supervision.find(id: m.id, actor: .system("t")).letters.last!
            let proposalPaper = try await client.get("\(path)/letters/\(proposal.id)", &officer)
            #expect(proposalPaper.text.contains("江岸区人力资源和社会保障局：") && proposalPaper.text.contains("该单位答复“部分整改”"))

            // The figures page counts the letters.
            var (admin, _) = try await client.webLogin("admin")
            let figures = try await client.get("/disputes/figures?org=P42&from=\(today.year)-01-01&to=\(today.iso)", &admin)
            #expect(figures.text.contains("发出提示函 1 份") && figures.text.contains("发出监督建议书 1 份") && figures.text.contains("提请劳动行政部门 1 件"))
        }
    }
}
