import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

/// A day's work in the console: figures that agree, unions picked by name, words officers know,
/// actions only where they can be taken, lists to sort, export and print.
@Suite("Web console: a day's work")
struct DayWorkTests {
    static let sys = Actor.system("test")

    /// The numbers of the page's table rows whose first cell is a month ("2026-03") of `year`.
    static func monthRows(_ html: String, year: Int) -> [Int] {
        html.components(separatedBy: "<tr><td>").dropFirst().compactMap { row in
            let first = row.components(separatedBy: "</td>").first ?? ""
            guard first.count == 7, first.hasPrefix("\(year)-") else { return nil }
            let cell = row.components(separatedBy: "<td class=\"num\">").dropFirst().first?.components(separatedBy: "</td>").first
            return cell.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        }
    }

    @Test("本年新入会 is the sum of this year's monthly bars: members in good standing by joining month", arguments: Engine.available)
    func newMembersAgree(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let today = CivilDate.today()
            // Three join this month; one of them leaves again. Two count, in the headline and in the bars.
            var ids: [Int64] = []
            for (i, name) in ["周一", "周二", "周三"].enumerated() {
                let m = try await f.store.members.register(MemberDraft(idNumber: try IDNumber(idNumber(birth: "1992030\(i + 1)", seq: "31\(i)")), name: name,
                                                                       phone: nil, orgCode: "G01", joinedOn: today, employmentType: .openEnded, isMigrant: false),
                                                           actor: Self.sys)
                ids.append(m.id)
            }
            _ = try await f.store.members.changeStatus(id: ids[2], to: .withdrawn, on: today, reason: "离职", actor: Self.sys)
            var (a, _) = try await client.webLogin("officer.a")
            let home = try await client.get("/", &a)
            #expect(home.text.contains("<span class=\"n\">2</span>本年新入会"), "the headline")
            let year = String(today.year)
            let months = Self.monthRows(home.text, year: today.year)
            #expect(months.reduce(0, +) == 2, "this year's months: \(months)")
            #expect(home.text.contains("\(year) 年合计（本年新入会）</th><td class=\"num\">2</td>"))
        }
    }

    @Test("union pickers: a name or a code in any case; several unions by a name are offered to choose; none is said plainly",
          arguments: Engine.available)
    func pickers(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, csrf) = try await client.webLogin("officer.a")
            let member = "/members/\(f.memberA.id)/transfer"
            // A name one union bears: taken at once.
            let byName = try await client.post(member, [("_csrf", csrf), ("to_org_code", "江汉纺织厂"), ("date", CivilDate.today().iso), ("reason", "调动")], &a)
            #expect(byName.status == .seeOther, "\(byName.text)")
            let page = try await client.get("/members/\(f.memberA.id)", &a)
            #expect(page.text.contains("转接办理中") && page.text.contains("由 江岸机械厂工会 转往 江汉纺织厂工会"))
            #expect(!page.text.contains("/members/\(f.memberA.id)/transfer\""), "no second transfer while one is open")
            // Lower-case code and a shared name: a second union named like the first.
            _ = try await f.store.orgs.create(OrganizationDraft(code: "G03", name: "江汉纺织二厂工会", parentCode: "K02", kind: .grassroots, employees: 10),
                                              on: try CivilDate(parsing: "2010-01-01"), actor: Self.sys)
            let t = try #require(try await f.store.members.openTransfer(memberID: f.memberA.id, actor: Self.sys))
            _ = try await f.store.members.cancelTransfer(id: t.id, actor: Self.sys)
            let several = try await client.post(member, [("_csrf", csrf), ("to_org_code", "江汉纺织"), ("date", CivilDate.today().iso)], &a)
            #expect(several.status == .unprocessableContent)
            #expect(several.text.contains("名称包含“江汉纺织”的组织有 2 个，请选择其一"))
            #expect(several.text.contains("type=\"radio\" name=\"to_org_code\" value=\"G02\"") && several.text.contains("value=\"G03\""))
            #expect(several.text.contains("name=\"to_org_code_again\""))
            let none = try await client.post(member, [("_csrf", csrf), ("to_org_code", "不存在的工会"), ("date", CivilDate.today().iso)], &a)
            #expect(none.text.contains("没有找到名称包含或代码为“不存在的工会”的基层工会"))
            let lower = try await client.post(member, [("_csrf", csrf), ("to_org_code", "g03"), ("date", CivilDate.today().iso)], &a)
            #expect(lower.status == .seeOther, "\(lower.text)")
            #expect(try await f.store.members.openTransfer(memberID: f.memberA.id, actor: Self.sys)?.toOrgCode == "G03")

            // Type-ahead: the officer's own subtree, or the whole network for a transfer's target.
            let mine = try await client.get("/pick/orgs?reach=scope&q=%E6%B1%9F", &a)
            #expect(mine.text.contains("\"G01\"") && !mine.text.contains("\"G02\""), "\(mine.text)")
            let anywhere = try await client.get("/pick/orgs?reach=network&units=1&q=%E6%B1%9F", &a)
            #expect(anywhere.text.contains("\"G02\"") && !anywhere.text.contains("\"K01\""), "\(anywhere.text)")

            // The members filter takes a name; another county's union is not found.
            let filtered = try await client.get("/members?org=%E6%9C%BA%E6%A2%B0", &a)
            #expect(filtered.text.contains("张三"), "机械 → G01")
            let other = try await client.get("/members?org=%E7%BA%BA%E7%BB%87", &a)
            #expect(other.text.contains("没有找到名称包含或代码为“纺织”的组织"))
        }
    }

    @Test("the audit log in officers' words: actions and objects by name, actors by name and role, and a count that agrees with the list",
          arguments: Engine.available)
    func auditInWords(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            // A failed sign-in belongs to no union, a subsistence line set from the command line to
            // the whole system: the province's auditor sees both, counted.
            _ = try? await f.store.users.login(username: "officer.a", password: "wrong")
            try await f.store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: "420000", effectiveFrom: try CivilDate(parsing: "2020-01-01"),
                                                                          monthly: Money(yuan: 800)), actor: Actor.system("cli"))
            var (auditor, _) = try await client.webLogin("auditor")
            let page = try await client.get("/audit", &auditor)
            #expect(page.text.contains("登记会员") && page.text.contains("新建组织") && page.text.contains("登录失败") && page.text.contains("设置低保标准"))
            #expect(page.text.contains("命令行（服务器管理员）"))
            #expect(!page.text.contains("<td>member.create</td>") && !page.text.contains("<code>member."))
            #expect(page.text.contains("系统（test）") || page.text.contains("系统（auth）"))
            let total = try await f.store.auditLog.count(actor: try #require(try await f.store.users.login(username: "auditor", password: testPassword).1),
                                                         filter: AuditLog.Filter())
            let rows = page.text.components(separatedBy: "<tr><td class=\"num\">").count - 1
            #expect(page.text.contains("符合条件的记录共 \(total) 条"))
            #expect(rows == min(total, 50))
            // Every entry of the chain is in the province's list.
            let chain = try await f.store.auditLog.verify()
            #expect(Int(chain.entries) == total)
            // The filters are pickers by name.
            #expect(page.text.contains("<option value=\"member.create\">登记会员</option>"))
            let only = try await client.get("/audit?action=member.create", &auditor)
            #expect(only.text.contains("符合条件的记录共 2 条"))
        }
    }

    @Test("a union's own officers are not offered, and may not make, changes of its place in the tree", arguments: [Engine.sqlite])
    func ownUnionTreeChanges(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, csrf) = try await client.webLogin("officer.a")
            let own = try await client.get("/orgs/K01", &a)
            #expect(!own.text.contains("/orgs/K01/move") && !own.text.contains("/orgs/K01/merge") && !own.text.contains("/orgs/K01/dissolve"))
            let below = try await client.get("/orgs/G01", &a)
            #expect(below.text.contains("/orgs/G01/move") && below.text.contains("/orgs/G01/dissolve"))
            #expect(try await client.get("/orgs/K01/dissolve", &a).status == .forbidden)
            let actor = try #require(try await f.store.users.login(username: "officer.a", password: testPassword).1)
            await #expect(throws: StoreError.self) { _ = try await f.store.orgs.dissolve(code: "K01", on: .today(), reason: "", actor: actor) }
            _ = csrf
        }
    }

    @Test("a printable slip with the activation code and the portal's address; the member page then says a code is waiting", arguments: [Engine.sqlite])
    func activationSlip(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, csrf) = try await client.webLogin("officer.a")
            let issued = try await client.post("/members/\(f.memberA.id)/activation", [("_csrf", csrf)], &a)
            #expect(issued.text.contains("职工服务平台开通通知") && issued.text.contains("class=\"slip\"") && issued.text.contains("/my/activate"))
            let later = try await client.get("/members/\(f.memberA.id)", &a)
            #expect(later.text.contains("已生成激活码") && !later.text.contains("会员尚未开通账号。"))
        }
    }

    @Test("the members list: pinyin order, sorting by a column, page numbers, the result to Excel and to print", arguments: Engine.available)
    func membersList(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            // 丁, 万, 上官 are in code-point order 丁 < 万 < 上; pinyin puts 上官 (shang) between 丁 (ding) and 万 (wan).
            for (i, name) in ["万莉", "上官燕", "丁强"].enumerated() {
                _ = try await f.store.members.register(MemberDraft(idNumber: try IDNumber(idNumber(birth: "1991040\(i + 1)", seq: "41\(i)")), name: name,
                                                                   phone: nil, orgCode: "G01", joinedOn: try CivilDate(parsing: "2020-0\(i + 1)-01"),
                                                                   employmentType: .openEnded, isMigrant: false), actor: Self.sys)
            }
            var (a, _) = try await client.webLogin("officer.a")
            let list = try await client.get("/members?org=G01", &a)
            func order(_ text: String, _ names: [String]) -> [String] {
                names.compactMap { n in text.range(of: ">\(n)</a>").map { (n, $0.lowerBound) } }.sorted { $0.1 < $1.1 }.map(\.0)
            }
            #expect(order(list.text, ["丁强", "上官燕", "万莉", "张三"]) == ["丁强", "上官燕", "万莉", "张三"])
            let byJoined = try await client.get("/members?org=G01&sort=joined", &a)
            #expect(order(byJoined.text, ["丁强", "上官燕", "万莉", "张三"]) == ["丁强", "上官燕", "万莉", "张三"], "2020-03, 02, 01, then 2015")
            #expect(byJoined.text.contains("aria-sort=\"descending\""))
            let xlsx = try await client.get("/members/export.xlsx?org=G01", &a)
            let reader = try TableReader(xlsxData: Data(xlsx.body.readableBytesView))
            var cells: [[String]] = []
            while let row = try reader.nextRow() { cells.append(row.cells) }
            #expect(cells.contains { $0.first == "上官燕" } && cells.contains { $0.first == "张三" && $0.contains("江岸机械厂工会") }, "\(cells)")
            #expect(!cells.flatMap { $0 }.contains(f.idA), "identifiers stay masked")
            let printed = try await client.get("/members/print?org=G01", &a)
            #expect(printed.text.contains("会员名单（4 人）") && printed.text.contains("class=\"print-list\""))
            let audit = try await f.store.auditLog.list(actor: .system("t"), filter: AuditLog.Filter(action: "member.export"))
            #expect(audit.first?.summary.contains("导出会员查询结果 4 人") == true)
            // Page numbers once there is more than one page.
            for i in 0..<20 {
                _ = try await f.store.members.register(MemberDraft(idNumber: try IDNumber(idNumber(birth: "19930101", seq: String(format: "5%02d", i))),
                                                                   name: "批量\(i)", phone: nil, orgCode: "G01", joinedOn: try CivilDate(parsing: "2021-01-01"),
                                                                   employmentType: .openEnded, isMigrant: false), actor: Self.sys)
            }
            let paged = try await client.get("/members?org=G01", &a)
            #expect(paged.text.contains("aria-current=\"page\"") && paged.text.contains("aria-label=\"第 2 页\""))
        }
    }

    @Test("regions picked by name from the GB/T 2260 list, a union filter by name on the hardship and dispute lists", arguments: [Engine.sqlite])
    func regionsAndFilters(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, _) = try await client.webLogin("officer.a")
            let form = try await client.get("/hardship/new?member=\(f.memberA.id)", &a)
            #expect(form.text.contains("<select id=\"f-region_code\" name=\"region_code\""))
            #expect(form.text.contains("<optgroup label=\"湖北省 武汉市\"><option value=\"420102\">江岸区</option>"))
            #expect(form.text.contains("name=\"region_code_other\""), "another province's code is typed beside it")
            var (admin, _) = try await client.webLogin("admin")
            let lines = try await client.get("/hardship/lines", &admin)
            #expect(lines.text.contains("<option value=\"420000\">湖北省（全境）</option>") && lines.text.contains("<option value=\"420100\">武汉市（全境）</option>"))
            #expect(try await client.get("/hardship?org=%E6%9C%BA%E6%A2%B0", &a).status == .ok, "机械 → G01")
            let none = try await client.get("/hardship?org=%E7%BA%BA%E7%BB%87", &a)
            #expect(none.status == .unprocessableContent && none.text.contains("没有找到名称包含或代码为“纺织”的组织"))
            #expect(try await client.get("/disputes?org=g01", &a).status == .ok, "a code in lower case")
            let figures = try await client.get("/disputes/figures?org=%E6%9C%BA%E6%A2%B0", &a)
            #expect(figures.status == .ok && figures.text.contains("江岸机械厂工会"), "the figures of 机械 → G01")
        }
    }

    @Test("民族、学历、政治面貌、户籍类型 chosen from the national lists and kept as codes; 行业 by name; units' flags only on units",
          arguments: Engine.available)
    func codeLists(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, csrf) = try await client.webLogin("officer.a")
            let form = try await client.get("/members/new?org=G01", &a)
            #expect(form.text.contains("<option value=\"01\">汉族</option>") && form.text.contains("按 GB/T 4762-1984"))
            let id = idNumber(birth: "19940101", seq: "661")
            let made = try await client.post("/members/new", [("_csrf", csrf), ("id_number", id), ("org_code", "G01"), ("name", "钱多"), ("joined_on", "2020-01-01"),
                                                             ("employment_type", "open_ended"), ("ethnicity", "15"), ("education", "31"), ("political_status", "13"),
                                                             ("household_type", "2")], &a)
            #expect(made.status == .seeOther, "\(made.text)")
            let m = try #require(try await f.store.members.search(name: "钱多", orgCode: "G01", status: nil, actor: Self.sys).items.first)
            #expect(m.ethnicity == "15" && m.education == "31" && m.politicalStatus == "13" && m.householdType == "2")
            let page = try await client.get("/members/\(m.id)", &a)
            #expect(page.text.contains("土家族") && page.text.contains("大学专科") && page.text.contains("群众") && page.text.contains("农村"))
            // Over the API a name is taken and kept as its code; an unknown one is refused, named.
            let token = try await client.login("officer.a").bearer
            let byName = try await client.call(.patch, "/api/v1/members/\(m.id)", json: ["ethnicity": "满族", "version": m.version], headers: token)
            #expect(byName.status == .ok, "\(byName.text)")
            #expect(try await f.store.members.member(id: m.id, actor: Self.sys).ethnicity == "11")
            let now = try await f.store.members.member(id: m.id, actor: Self.sys)
            let bad = try await client.call(.patch, "/api/v1/members/\(m.id)", json: ["education": "火星大学", "version": now.version], headers: token)
            #expect(bad.status == .unprocessableContent && bad.text.contains("GB/T 4658-2006"))
            // 行业 by its name; a city federation is not shown the units' flags.
            let edit = try await client.get("/orgs/G01/edit", &a)
            #expect(edit.text.contains("<option value=\"C26\">C26 化学原料和化学制品制造业</option>"))
            var (admin, _) = try await client.webLogin("admin")
            let city = try await client.get("/orgs/C01", &admin)
            #expect(city.text.contains("女职工委员会") && !city.text.contains("职工代表大会制度") && !city.text.contains("厂务公开"))
        }
    }

    @Test("a dispute's handling union and the union it is handed to, by name", arguments: [Engine.sqlite])
    func disputePickers(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (a, token) = try await client.webLogin("officer.a")
            // Handled by a union below the officer's, named by a few characters.
            let created = try await client.post("/disputes/new", DisputeWebTests.intake(token, extra: [("handling_org", "机械厂")]), &a)
            #expect(created.status == .seeOther, "\(created.text)")
            let path = String(try #require(created.headers[.location]).prefix { $0 != "?" })
            let c = try #require(try await f.store.disputes.list(DisputeFilter(), actor: Self.sys).items.first)
            #expect(c.handlingOrgCode == "G01")
            let unknown = try await client.post("/disputes/new", DisputeWebTests.intake(token, employer: "另一家公司", extra: [("handling_org", "纺织")]), &a)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("没有找到名称包含或代码为“纺织”的组织"))
            // Handed back to the county by its name.
            let page = try await client.get(path, &a)
            let moved = try await client.post("/disputes/\(c.id)/transfer", [("_csrf", token), ("version", versionField(in: page.text) ?? ""), ("action", "transfer"),
                                                                              ("org_code", "江岸区"), ("transfer_reason", "涉及多家单位，由区总工会办理")], &a)
            #expect(moved.status == .seeOther)
            #expect(try await f.store.disputes.list(DisputeFilter(), actor: Self.sys).items.first?.handlingOrgCode == "K01")
        }
    }
}
