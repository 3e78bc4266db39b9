import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Annual statistics over HTTP")
struct StatisticsAPITests {
    @Test("a county officer gets the county's report in JSON, CSV and XLSX, and another county is not found", arguments: Engine.available)
    func countyReport(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let a = try await client.login("officer.a").bearer
            // A contract for G01, then the county's report: G01 with 张三, 100 employees.
            let added = try await client.call(.post, "/api/v1/orgs/G01/contracts",
                                              json: ["kind": "综合性集体合同", "validFrom": "2020-01-01", "workersCovered": 90], headers: a)
            #expect(added.status == .created, "\(added.text)")
            let report = try await client.call(.get, "/api/v1/orgs/K01/reports/annual?asOf=2024-12-31", headers: a)
            #expect(report.status == .ok, "\(report.text)")
            let rows = try report.object()["rows"] as? [[String: Any]] ?? []
            #expect(rows.compactMap { $0["orgCode"] as? String } == ["K01", "G01"])
            let figures = rows.first?["figures"] as? [String: Any] ?? [:]
            #expect(figures["members"] as? Int == 1 && figures["employees"] as? Int == 100 && figures["grassroots_unions"] as? Int == 1)
            #expect(figures["collective_contracts"] as? Int == 1 && figures["contract_workers"] as? Int == 90)
            #expect(rows.first?["membershipRate"] as? String == "0.0100")

            let csv = try await client.call(.get, "/api/v1/orgs/K01/reports/annual?asOf=2024-12-31&format=csv", headers: a)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(whereSeparator: \.isNewline).map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") }
            // Chinese names as the XLSX has them; the keys on request.
            #expect(lines.first?.hasPrefix("组织代码,组织名称,组织类型,基层工会数,会员数-合计,会员数-女会员,") == true, "\(lines.first ?? "")")
            #expect(lines.dropFirst().first?.hasPrefix("K01,江岸区总工会,") == true)
            let keyed = try await client.call(.get, "/api/v1/orgs/K01/reports/annual?asOf=2024-12-31&format=csv&keys=en", headers: a)
            #expect(keyed.text.replacingOccurrences(of: "\u{FEFF}", with: "").hasPrefix("org_code,org_name,kind,grassroots_unions,members,"))
            let xlsx = try await client.call(.get, "/api/v1/orgs/K01/reports/annual?format=xlsx&depth=all", headers: a)
            #expect(xlsx.headers[.contentType] == AnnualReportFiles.Format.xlsx.contentType)
            #expect(xlsx.headers[.contentDisposition]?.contains("annual-K01-") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))

            // Another county, or the city above: not found. Bad parameters: 422 naming the field.
            try await client.call(.get, "/api/v1/orgs/K02/reports/annual", headers: a).problem(.notFound)
            try await client.call(.get, "/api/v1/orgs/C01/reports/annual", headers: a).problem(.notFound)
            try await client.call(.get, "/api/v1/orgs/K02/contracts", headers: a).problem(.notFound)
            let bad = try await client.call(.get, "/api/v1/orgs/K01/reports/annual?depth=x&asOf=2999-01-01", headers: a).problem(.unprocessableContent)
            let fields = (bad["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields.contains("depth"))
            try await client.call(.get, "/api/v1/orgs/K01/reports/annual?asOf=2999-01-01", headers: a).problem(.unprocessableContent)

            // The province administrator sees both counties add up to the province.
            let admin = try await client.login("admin").bearer
            let whole = try await client.call(.get, "/api/v1/orgs/P42/reports/annual?asOf=2024-12-31&depth=all", headers: admin)
            let all = try whole.object()["rows"] as? [[String: Any]] ?? []
            let members = Dictionary(uniqueKeysWithValues: all.map { ($0["orgCode"] as? String ?? "", ($0["figures"] as? [String: Any])?["members"] as? Int ?? -1) })
            #expect(members == ["P42": 2, "C01": 2, "K01": 1, "G01": 1, "K02": 1, "G02": 1])
            // A reviewer may read the report but not record contracts.
            let reviewer = try await client.login("reviewer.a").bearer
            #expect(try await client.call(.get, "/api/v1/orgs/K01/reports/annual", headers: reviewer).status == .ok)
            try await client.call(.post, "/api/v1/orgs/G01/contracts", json: ["kind": "工资专项集体合同", "validFrom": "2021-01-01", "workersCovered": 1],
                                  headers: reviewer).problem(.forbidden)

            // The report's JSON is written by hand for speed: the same document as the encoder's,
            // names with quotes, backslashes and control characters included.
            _ = try await f.store.orgs.update(code: "G02", with: OrganizationDraft(code: "G02", name: "江汉\"纺织\\厂\t工会", parentCode: "K02", kind: .grassroots, employees: 80),
                                              keepChairPhone: true, expectedVersion: nil, on: .today(), actor: .system("test"))
            let full = try await f.store.statistics.annualReport(code: "P42", asOf: .today(), depth: nil, actor: .system("test"))
            let fast = try JSONSerialization.jsonObject(with: try AnnualReportFiles.render(full, format: .json)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(API.AnnualReport(full))) as? NSDictionary
            #expect(fast != nil && fast == encoded)
            // and it is the contract's document: it reads back as the generated type, figures and all.
            let read = try JSONDecoder().decode(API.AnnualReport.self, from: try AnnualReportFiles.render(full, format: .json))
            #expect(read == (try API.AnnualReport(full)))
            #expect(read.rows.first?.figures.members == full.rows.first?.figures.values[AnnualReport.columns.dropFirst(3).map(\.key).firstIndex(of: "members")!])
            #expect(String(decoding: try AnnualReportFiles.render(full, format: .json), as: UTF8.self).contains(#"江汉\"纺织\\厂\t工会"#))
        }
    }

    @Test("the console's statistics page: the county's table with totals, charts, drill-down, downloads; another county is not found", arguments: Engine.available)
    func statisticsPages(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var a = try await client.webLogin("officer.a").0
            let start = try await client.get("/stats", &a)
            #expect(start.headers[.location] == "/stats/K01")
            let page = try await client.get("/stats/K01", &a)
            #expect(page.status == .ok)
            #expect(page.text.contains("统计年报：江岸区总工会"))
            // G01 (张三, 100 employees) is the only child; the totals row repeats its figures.
            #expect(page.text.contains("<th scope=\"row\">江岸机械厂工会"))
            #expect(page.text.contains("<tfoot><tr><th scope=\"row\">合计</th><td class=\"num\">1</td><td class=\"num\">1</td>"))
            #expect(page.text.contains("1.0%"), "membership rate 1 ÷ 100")
            #expect(page.text.contains("比上年同期持平"), "张三 joined in 2015: the same a year earlier")
            #expect(page.text.components(separatedBy: "<svg class=\"chart\"").count == 3, "rate and composition charts")
            #expect(!page.text.contains("江汉纺织厂工会"))
            // A date before anyone joined: nobody, and the page says which date it shows.
            let early = try await client.get("/stats/K01?asOf=2010-06-30", &a)
            #expect(early.text.contains("截至 2010-06-30") && early.text.contains("<tfoot><tr><th scope=\"row\">合计</th><td class=\"num\">1</td><td class=\"num\">0</td>"))
            let bad = try await client.get("/stats/K01?asOf=2024-02-30", &a)
            #expect(bad.status == .ok && bad.text.contains("field-error") && bad.text.contains("不是有效日期"))
            let xlsx = try await client.get("/stats/K01/download?asOf=2024-12-31&format=xlsx&depth=all", &a)
            #expect(xlsx.headers[.contentType] == AnnualReportFiles.Format.xlsx.contentType)
            #expect(xlsx.headers[.contentDisposition]?.contains("annual-K01-2024-12-31.xlsx") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let csv = try await client.get("/stats/K01/download?format=csv&depth=all", &a)
            #expect(csv.text.contains("G01,江岸机械厂工会,"))
            #expect(try await client.get("/stats/K02", &a).status == .notFound)
            #expect(try await client.get("/stats/C01/download?format=xlsx", &a).status == .notFound)

            // The dashboard: change since last year, members over time, the children's rates.
            var admin = try await client.webLogin("admin").0
            let home = try await client.get("/", &admin)
            #expect(home.text.contains("会员人数变化") && home.text.contains("各下级组织入会率") && home.text.contains("会员构成"))
            #expect(home.text.contains("<span class=\"n\">2</span>在会会员"))
            // Both members joined in 2015: two at each of the last five year-ends.
            #expect(home.text.components(separatedBy: "<td class=\"num\">2</td><td class=\"num\">").count >= 5)
            let province = try await client.get("/stats/P42", &admin)
            #expect(province.text.contains("<th scope=\"row\"><a href=\"/stats/C01\">武汉市总工会</a>"))
        }
    }

    @Test("collective contracts on the union's page: recorded through the form with its errors, then counted by the statistics", arguments: Engine.available)
    func contractsInTheConsole(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var (a, csrf) = try await client.webLogin("officer.a")
            let before = try await client.get("/orgs/G01", &a)
            #expect(before.text.contains("没有登记集体合同") && before.text.contains("/orgs/G01/contracts/new"))
            #expect(try await client.get("/orgs/G01/contracts/new", &a).status == .ok)
            let bad = try await client.post("/orgs/G01/contracts/new", [("_csrf", csrf), ("kind", "综合性集体合同"), ("validFrom", "2024-01-01"),
                                                                        ("validTo", "2023-12-31"), ("workersCovered", "80")], &a)
            #expect(bad.status == .unprocessableContent && bad.text.contains("终止日期不能早于生效日期"))
            let good = try await client.post("/orgs/G01/contracts/new", [("_csrf", csrf), ("kind", "工资专项集体合同"), ("signedOn", "2023-12-20"),
                                                                         ("validFrom", "2024-01-01"), ("validTo", ""), ("workersCovered", "80")], &a)
            #expect(good.headers[.location] == "/orgs/G01?ok=contract")
            let after = try await client.get("/orgs/G01", &a)
            #expect(after.text.contains("工资专项集体合同") && after.text.contains("有效") && after.text.contains("无固定期限"))
            let stats = try await client.get("/stats/K01", &a)
            #expect(stats.text.contains("集体合同 1 份，覆盖职工 80 人"))
            let earlier = try await client.get("/stats/K01?asOf=2023-12-31", &a)
            #expect(earlier.text.contains("集体合同 0 份，覆盖职工 0 人"))
            // A reviewer sees the contracts but has no form; another county's union is not found.
            var (r, _) = try await client.webLogin("reviewer.a")
            #expect(!(try await client.get("/orgs/G01", &r)).text.contains("/contracts/new"))
            #expect(try await client.get("/orgs/G01/contracts/new", &r).status == .forbidden)
            #expect(try await client.get("/orgs/G02/contracts/new", &a).status == .notFound)
        }
    }
}
