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
            #expect(lines.first?.hasPrefix("org_code,org_name,kind,grassroots_unions,members,") == true)
            #expect(lines.dropFirst().first?.hasPrefix("K01,江岸区总工会,") == true)
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
        }
    }
}
