import Foundation
@testable import GonghuiDomain
import Testing

/// Cases per 10,000 members and the map's five shades between the lowest and highest region.
@Suite("Region incidence")
struct RegionIncidenceTests {
    @Test func ratesAndShades() {
        let regions = [
            RegionIncidence(code: "A", name: "江岸区", cases: 12, members: 40_000),   // 3.0
            RegionIncidence(code: "B", name: "江汉区", cases: 30, members: 20_000),   // 15.0
            RegionIncidence(code: "C", name: "硚口区", cases: 9, members: 10_000),    // 9.0
            RegionIncidence(code: "D", name: "新设开发区", cases: 2, members: 0),
        ]
        #expect(regions.map(\.rateText) == ["3.0", "15.0", "9.0", nil])
        // (9 − 3) ÷ (15 − 3) × 5 = 2.5: the third step; the highest is the fifth.
        #expect(RegionIncidence.shades(regions) == [0, 4, 2, nil])
        #expect(RegionIncidence.shades([regions[0], regions[0]]) == [2, 2])
        #expect(RegionIncidence.shades([regions[3]]) == [nil])
    }
}
