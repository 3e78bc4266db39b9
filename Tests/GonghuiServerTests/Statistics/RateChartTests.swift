import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web console: the children's membership rates agree and none is dropped unsaid")
struct RateChartTests {
    @Test("the chart's label and the table's cell are one rounding; past 40 children the chart shows the 30 lowest and says what it leaves out",
          arguments: [Engine.sqlite])
    func rateChart(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (admin, _) = try await client.webLogin("admin")
            // K02 holds 1 member of 80 employees: 1.25%, which is 1.3% half up in the bars' label and in the table alike.
            let city = try await client.get("/?org=C01", &admin)
            #expect(city.status == .ok)
            #expect(city.text.components(separatedBy: "1.3%").count - 1 >= 2, "label and table")
            #expect(!city.text.contains("1.2%"))

            // 45 more unions under K02, none with members yet: 46 children in all.
            let past = try CivilDate(parsing: "2010-01-01")
            for i in 1...45 {
                _ = try await f.store.orgs.create(OrganizationDraft(code: String(format: "G2%02d", i), name: "江汉测试\(i)号工会", parentCode: "K02",
                                                                    kind: .grassroots, employees: 10 + i), on: past, actor: .system("t"))
            }
            let county = try await client.get("/?org=K02", &admin)
            #expect(county.text.contains("入会率最低的 30 个下级组织") && county.text.contains("另有 16 个下级组织入会率较高，未在图中列出"))
            // The highest (江汉纺织厂工会, 1.3%) is left to the table; every child is in the table.
            let title = try #require(county.text.range(of: "入会率最低的 30 个下级组织"))
            let end = try #require(county.text.range(of: "</svg>", range: title.upperBound..<county.text.endIndex))
            let chart = String(county.text[title.lowerBound..<end.upperBound])
            #expect(!chart.contains("江汉纺织厂工会") && chart.contains("0.0%"))
            for i in 1...45 { #expect(county.text.contains("江汉测试\(i)号工会</a>"), "\(i)") }
            #expect(county.text.contains("江汉纺织厂工会</a>"))
        }
    }
}
