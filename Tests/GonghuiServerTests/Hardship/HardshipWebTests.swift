import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The form of an archive for a member with one family member: (18000 − 6000) ÷ 12 ÷ 2 = 500
/// yuan a head, below the 800-yuan line of the fixture's province: 深度困难.
func hardshipFields(_ token: String, member: Int64, appliedOn: CivilDate = .today()) -> [(String, String)] {
    [("_csrf", token), ("member_id", String(member)), ("applied_on", appliedOn.iso), ("region_code", "420102"),
     ("annual_income", "18,000"), ("rigid_expenses", "6000"), ("household_size", "2"), ("sudden_costs", ""), ("own_monthly_income", "1000"),
     ("main_cause", "6"), ("secondary_causes", "2"), ("secondary_causes", "9"), ("health", "患大病"), ("major_illness", "尿毒症"),
     ("disability_grade", ""), ("housing", "自有住房"), ("marital_status", "已婚"), ("household_registration", "城镇"), ("medical_insurance", "职工医保"),
     ("lives_in_city", "1"), ("labor_relation_since", ""), ("bank_name", "中国工商银行武汉江岸支行"), ("bank_account", "6222 0000 1111 2222 333"),
     ("family_rows", "6"), ("family1_name", "王芳"), ("family1_relation", "配偶"), ("family1_id_number", idNumber(birth: "19910202", seq: "224")),
     ("family1_health", "健康"), ("family1_monthly_income", "500"), ("family1_school_or_work", "待业"),
     ("category_override", ""), ("override_reason", ""), ("note", "")]
}

/// The province's 低保 line, 800 yuan a head and month, recorded through the page by the system admin.
func addProvinceLine(_ client: any TestClientProtocol) async throws {
    var (admin, token) = try await client.webLogin("admin")
    let r = try await client.post("/hardship/lines", [("_csrf", token), ("region_code", "420000"), ("effective_from", "2020-01-01"), ("monthly", "800")], &admin)
    #expect(r.status == .seeOther, "\(r.text)")
}

func versionField(in html: String) -> String? {
    firstMatch("name=\"version\" value=\"[0-9]+\"", in: html).flatMap { firstMatch("[0-9]+", in: String($0.dropFirst(15))) }
}

@Suite("Web console: hardship archives")
struct HardshipWebTests {
    @Test("The pages render for an officer; the 低保 table is kept by the province only", arguments: Engine.available)
    func pages(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            var (admin, adminToken) = try await client.webLogin("admin")
            let bad = try await client.post("/hardship/lines", [("_csrf", adminToken), ("region_code", "42010"), ("effective_from", "2020-01-01"), ("monthly", "abc")], &admin)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("id=\"region_code-error\""))
            #expect(bad.text.contains("id=\"monthly-error\""))
            #expect(try await fixture.store.hardship.subsistenceLines().isEmpty)
            try await addProvinceLine(client)
            let days = try await client.post("/hardship/notice-days", [("_csrf", adminToken), ("notice_days", "7")], &admin)
            #expect(days.status == .seeOther)
            #expect(try await fixture.store.hardship.noticeDays() == 7)
            let lines = try await client.get("/hardship/lines", &admin)
            #expect(lines.status == .ok)
            #expect(lines.text.contains("湖北省"))
            #expect(lines.text.contains("800.00"))
            #expect(lines.text.contains("执行中"))

            var (officer, token) = try await client.webLogin("officer.a")
            let list = try await client.get("/hardship", &officer)
            #expect(list.status == .ok)
            #expect(list.text.contains("href=\"/hardship\" aria-current=\"page\">帮扶</a>"), "the nav section is current")
            #expect(list.text.contains("新建档案"))
            #expect(list.text.contains("待年度复核"))
            let officerLines = try await client.get("/hardship/lines", &officer)
            #expect(officerLines.text.contains("低保标准由省总工会维护"))
            #expect(!officerLines.text.contains("action=\"/hardship/lines\""))
            let refused = try await client.post("/hardship/lines", [("_csrf", token), ("region_code", "420000"), ("effective_from", "2021-01-01"), ("monthly", "1")], &officer)
            #expect(refused.status == .forbidden)
            let member = try await client.get("/members/\(fixture.memberA.id)", &officer)
            #expect(member.text.contains("href=\"/hardship/new?member=\(fixture.memberA.id)\""))
            let new = try await client.get("/hardship/new?member=\(fixture.memberA.id)", &officer)
            #expect(new.status == .ok)
            #expect(new.text.contains("张三"))
            #expect(new.text.contains("name=\"family6_relation\""))
            #expect(new.text.contains("<label for=\"f-secondary-9\">子女上学</label>"))
            let nonMember = try await client.get("/hardship/new", &officer)
            #expect(nonMember.text.contains("name=\"id_number\""))
            // A reviewer reads the list but does not build.
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            let rl = try await client.get("/hardship", &reviewer)
            #expect(rl.status == .ok)
            #expect(!rl.text.contains("新建档案"))
            #expect(try await client.get("/hardship/new", &reviewer).status == .forbidden)
        }
    }

    @Test("A bad form shows each error beside its field with 422 and writes nothing", arguments: Engine.available)
    func badForm(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            try await addProvinceLine(client)
            var (officer, token) = try await client.webLogin("officer.a")
            // Errors the page finds itself.
            var fields = hardshipFields(token, member: fixture.memberA.id).filter { !["annual_income", "bank_account", "main_cause"].contains($0.0) }
            fields += [("annual_income", "12,34"), ("bank_account", "123"), ("main_cause", "")]
            let r = try await client.post("/hardship/new", fields, &officer)
            #expect(r.status == .unprocessableContent)
            for name in ["annual_income", "bank_account", "main_cause"] {
                #expect(r.text.contains("id=\"\(name)-error\""), "error beside \(name)")
                #expect(r.text.contains("\(name)-error\" aria-invalid=\"true\""), "the input of \(name) is marked invalid")
            }
            #expect(r.text.contains("value=\"12,34\""), "the input is kept")
            #expect(r.text.contains("value=\"王芳\""), "the family row is kept")
            // Errors the store finds: a family member in the third row without a relation, a
            // household smaller than its members, and too many secondary causes.
            fields = hardshipFields(token, member: fixture.memberA.id).filter { !$0.0.hasPrefix("family1_") && $0.0 != "household_size" }
            fields += [("family3_name", "王小明"), ("family3_relation", ""), ("family3_health", "健康"), ("household_size", "1"),
                       ("secondary_causes", "3"), ("secondary_causes", "4")]
            let s = try await client.post("/hardship/new", fields, &officer)
            #expect(s.status == .unprocessableContent)
            #expect(s.text.contains("id=\"family3_relation-error\""), "the store's family[1] is the form's third row")
            #expect(s.text.contains("id=\"household_size-error\""))
            #expect(s.text.contains("id=\"secondary_causes-error\""))
            #expect(s.text.contains("次要致困原因最多 3 项"))
            #expect(s.text.contains("value=\"王小明\""))
            // An override without a reason.
            fields = hardshipFields(token, member: fixture.memberA.id).filter { $0.0 != "category_override" } + [("category_override", "relative")]
            let o = try await client.post("/hardship/new", fields, &officer)
            #expect(o.status == .unprocessableContent)
            #expect(o.text.contains("id=\"override_reason-error\""))
            #expect(try await fixture.store.hardship.list(HardshipFilter(), actor: .system("test")).total == 0)
        }
    }

    @Test("Build, see the arithmetic, submit for notice, send back with a reason; other counties see nothing", arguments: Engine.available)
    func path(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            try await addProvinceLine(client)
            var (officer, token) = try await client.webLogin("officer.a")
            let built = try await client.post("/hardship/new", hardshipFields(token, member: fixture.memberA.id), &officer)
            #expect(built.status == .seeOther, "\(built.text)")
            let location = try #require(built.headers[.location])
            #expect(location.hasSuffix("?ok=hs_built"))
            let path = String(location.prefix(while: { $0 != "?" }))
            var page = try await client.get(location, &officer)
            #expect(page.status == .ok)
            for text in ["深度困难", "÷ 12 个月 ÷ 2 人", "家庭人均月收入 500.00 元", "420000（湖北省）", "王芳", "配偶", "本人或家属患大病", "尿毒症", "**** **** 2333",
                         "提交公示", "困难职工档案已建立"] {
                #expect(page.text.contains(text), "archive page shows \(text)")
            }
            #expect(!page.text.contains(idNumber(birth: "19910202", seq: "224")), "family ID numbers are masked")
            let member = try await client.get("/members/\(fixture.memberA.id)", &officer)
            #expect(member.text.contains("href=\"\(path)\""), "the member page links to the open archive")
            #expect(!member.text.contains("建立困难职工档案"))
            let again = try await client.get("/hardship/new?member=\(fixture.memberA.id)", &officer)
            #expect(again.text.contains("一户只建一档"))

            // Submit for notice with the version shown.
            let v1 = try #require(versionField(in: page.text))
            let submitted = try await client.post(path + "/act", [("_csrf", token), ("action", "submit"), ("version", v1)], &officer)
            #expect(submitted.status == .seeOther, "\(submitted.text)")
            page = try await client.get(path, &officer)
            #expect(page.text.contains("公示中"))
            // The notice is not over today.
            let v2 = try #require(versionField(in: page.text))
            let early = try await client.post(path + "/act", [("_csrf", token), ("action", "end_notice"), ("version", v2)], &officer)
            #expect(early.status == .unprocessableContent)
            #expect(early.text.contains("公示期到"))
            // A stale page is refused.
            let stale = try await client.post(path + "/act", [("_csrf", token), ("action", "send_back"), ("reason", "x"), ("version", v1)], &officer)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("已被他人办理或修改"))
            // The county's reviewer sees it, but during the notice the union handles objections.
            var (reviewer, reviewerToken) = try await client.webLogin("reviewer.a")
            let seen = try await client.get(path, &reviewer)
            #expect(seen.status == .ok)
            #expect(!seen.text.contains("value=\"send_back\""))
            let refused = try await client.post(path + "/act", [("_csrf", reviewerToken), ("action", "send_back"), ("reason", "材料不全"), ("version", v2)], &reviewer)
            #expect(refused.status == .forbidden)
            // Sending back needs a reason.
            let noReason = try await client.post(path + "/act", [("_csrf", token), ("action", "send_back"), ("reason", " "), ("version", v2)], &officer)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("id=\"reason-error\""))
            #expect(noReason.text.contains("退回时必须填写退回原因"))
            let back = try await client.post(path + "/act", [("_csrf", token), ("action", "send_back"), ("reason", "公示期间有异议：缺少单位证明<script>"), ("version", v2)], &officer)
            #expect(back.status == .seeOther)
            page = try await client.get(path, &officer)
            #expect(page.text.contains("档案被退回"))
            #expect(page.text.contains("公示期间有异议：缺少单位证明&lt;script&gt;"))
            #expect(!page.text.contains("<script>"))
            let worklist = try await client.get("/hardship?tab=building", &officer)
            #expect(worklist.text.contains("被退回"))
            #expect(worklist.text.contains("张三"))

            // Revising recomputes the category: (30000 − 6000) ÷ 24 = 1000, 相对困难.
            let edit = try await client.get(path + "/edit", &officer)
            #expect(edit.status == .ok)
            #expect(edit.text.contains("value=\"王芳\""))
            #expect(edit.text.contains("留空则保持不变"))
            let v3 = try #require(versionField(in: edit.text))
            var fields = hardshipFields(token, member: fixture.memberA.id).filter { !["annual_income", "bank_account", "family1_id_number"].contains($0.0) }
            fields += [("annual_income", "30000"), ("bank_account", ""), ("family1_id_number", ""), ("version", v3)]
            let revised = try await client.post(path + "/edit", fields, &officer)
            #expect(revised.status == .seeOther, "\(revised.text)")
            page = try await client.get(path, &officer)
            #expect(page.text.contains("相对困难"))
            #expect(page.text.contains("**** **** 2333"), "the bank account on file is kept")
            let archiveID = try #require(Int64(path.split(separator: "/").last!))
            let stored = try await fixture.store.hardship.archive(id: archiveID, actor: .system("test"))
            #expect(stored.family.first?.idNumberMasked != nil, "the family member's ID number on file is kept")

            // Papers: a PDF is kept and downloaded with its name; anything else is refused.
            let upload = try await client.postMultipart(path + "/attachments", fields: [("_csrf", token), ("kind", "application")],
                                                        file: (name: "file", fileName: "帮扶申请书.pdf", data: "%PDF-1.4 申请书"), &officer)
            #expect(upload.status == .seeOther, "\(upload.text)")
            page = try await client.get(path, &officer)
            let link = try #require(firstMatch("/hardship/[0-9]+/attachments/[0-9]+", in: page.text))
            let download = try await client.get(link, &officer)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.contains("attachment;") == true)
            #expect(download.headers[.contentDisposition]?.contains("filename*=UTF-8''%E5%B8%AE") == true)
            #expect(download.text == "%PDF-1.4 申请书")
            let wrong = try await client.postMultipart(path + "/attachments", fields: [("_csrf", token), ("kind", "application")],
                                                       file: (name: "file", fileName: "x.txt", data: "hello"), &officer)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("只能上传 PDF、JPEG 或 PNG 文件"))

            // Another county sees nothing of it.
            var (other, _) = try await client.webLogin("officer.b")
            #expect(try await client.get(path, &other).status == .notFound)
            #expect(try await client.get(link, &other).status == .notFound)
            let otherList = try await client.get("/hardship", &other)
            #expect(!otherList.text.contains("张三"))
        }
    }

    @Test("An archive not built within five days is marked overdue in words and in red", arguments: Engine.available)
    func overdue(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            try await addProvinceLine(client)
            var (officer, token) = try await client.webLogin("officer.b")
            var fields = hardshipFields(token, member: fixture.memberB.id, appliedOn: CivilDate.today().adding(days: -10))
            fields = fields.filter { $0.0 != "family1_id_number" } + [("family1_id_number", idNumber(birth: "19870303", seq: "335"))]
            let built = try await client.post("/hardship/new", fields, &officer)
            #expect(built.status == .seeOther, "\(built.text)")
            let list = try await client.get("/hardship", &officer)
            #expect(list.text.contains("class=\"row-late\""))
            #expect(list.text.contains("已逾期 5 天"))
            #expect(list.text.contains("（逾期 1）"), "the tab counts the overdue archive")
            let only = try await client.get("/hardship?overdue=1", &officer)
            #expect(only.text.contains("李四"))
            let page = try await client.get(try #require(built.headers[.location]), &officer)
            #expect(page.text.contains("已逾期 5 天"))
        }
    }
    @Test("A non-member is built by union code; a member's ID number is refused beside the field; closing needs its reason", arguments: Engine.available)
    func nonMemberAndClose(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            try await addProvinceLine(client)
            var (officer, token) = try await client.webLogin("officer.a")
            let person = [("name", "赵六"), ("id_number", idNumber(birth: "19800808", seq: "447")), ("phone", "13600000000"), ("org_code", "G01")]
            var fields = hardshipFields(token, member: 0).filter { $0.0 != "member_id" }
            let asMember = try await client.post("/hardship/new", fields + [("name", "张三"), ("id_number", fixture.idA), ("phone", ""), ("org_code", "G01")], &officer)
            #expect(asMember.status == .unprocessableContent)
            #expect(asMember.text.contains("id=\"id_number-error\""))
            #expect(asMember.text.contains("已登记为会员"))
            fields += person
            let built = try await client.post("/hardship/new", fields, &officer)
            #expect(built.status == .seeOther, "\(built.text)")
            let path = String(try #require(built.headers[.location]).prefix(while: { $0 != "?" }))
            var page = try await client.get(path, &officer)
            #expect(page.text.contains("非会员"))
            #expect(page.text.contains("赵六"))
            let version = try #require(versionField(in: page.text))
            let noReason = try await client.post(path + "/act", [("_csrf", token), ("action", "close"), ("closing_reason", ""), ("note", ""), ("version", version)], &officer)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("id=\"closing_reason-error\""))
            #expect(noReason.text.contains("<details class=\"step card\" open>"), "the closing form stays open with its error")
            let noNote = try await client.post(path + "/act", [("_csrf", token), ("action", "close"), ("closing_reason", "ineligible"), ("note", ""), ("version", version)], &officer)
            #expect(noNote.status == .unprocessableContent)
            #expect(noNote.text.contains("id=\"note-error\""))
            let closed = try await client.post(path + "/act", [("_csrf", token), ("action", "close"), ("closing_reason", "ineligible"), ("note", "入户核实收入超标"), ("version", version)], &officer)
            #expect(closed.status == .seeOther)
            page = try await client.get(path, &officer)
            #expect(page.text.contains("原因：精准识别退出；入户核实收入超标"))
            #expect(page.text.contains("当前环节不由您办理"))
            #expect(!page.text.contains("action=\"/hardship/\(path.split(separator: "/").last!)/attachments\""), "no uploads to a closed archive")
            let closedTab = try await client.get("/hardship?tab=closed", &officer)
            #expect(closedTab.text.contains("赵六"))
        }
    }
}
