import Foundation
import Testing
import GonghuiDomain

@Suite("RegionCode")
struct RegionCodeTests {
    private func code(_ raw: String) throws -> RegionCode { try RegionCode(raw) }

    @Test func levelsAndParents() throws {
        let jiangan = try code("420102")
        #expect(jiangan.level == .county)
        #expect(jiangan.provinceCode.value == "420000")
        #expect(jiangan.prefectureCode.value == "420100")
        #expect(try code("420100").level == .prefecture)
        #expect(try code("420000").level == .province)
        #expect(try code("420000").prefectureCode.value == "420000")
        let xiantao = try code("429004")
        #expect(xiantao.level == .county)
        #expect(xiantao.prefectureCode.value == "429000")
        #expect(try code("429000").level == .prefecture)
        #expect(try code(" 420106 ").value == "420106")
        #expect(try code("420106").description == "420106")
    }

    @Test func containment() throws {
        #expect(try code("420000").contains(code("420106")))
        #expect(try code("420000").contains(code("429021")))
        #expect(try code("420100").contains(code("420106")))
        #expect(try !code("420100").contains(code("420202")))
        #expect(try !code("420000").contains(code("430102")))
        #expect(try code("420106").contains(code("420106")))
        #expect(try !code("420106").contains(code("420107")))
        #expect(try !code("420106").contains(code("420100")))
    }

    @Test("not six digits", arguments: ["", "42010", "4201060", "42010a", "４２０１０６", "420-06", "42 0106"])
    func malformed(raw: String) {
        #expect(throws: RegionCodeError.malformed(raw)) { try RegionCode(raw) }
    }

    @Test("unknown provinces", arguments: ["990000", "100000", "000000", "160101", "830000", "910000"])
    func unknownProvince(raw: String) {
        #expect(throws: RegionCodeError.unknownProvince(raw)) { try RegionCode(raw) }
    }

    @Test func taiwanHongKongMacao() throws {
        for raw in ["710000", "810000", "820000"] {
            #expect(try code(raw).level == .province)
        }
    }

    @Test func hubeiMembership() throws {
        let catalog = RegionCatalog.builtIn
        #expect(catalog.version == "2023")
        #expect(try catalog.validate("420106").value == "420106")
        #expect(throws: RegionCodeError.notInCatalog("420199", version: "2023")) { try catalog.validate("420199") }
        // 监利县 became 监利市 (421088) in 2020.
        #expect(throws: RegionCodeError.notInCatalog("421023", version: "2023")) { try catalog.validate("421023") }
        #expect(try catalog.validate("421088").value == "421088")
        #expect(throws: RegionCodeError.malformed("4201")) { try catalog.validate("4201") }
        #expect(throws: RegionCodeError.unknownProvince("990101")) { try catalog.validate("990101") }
    }

    @Test func provincesWithoutDetailPassOnForm() throws {
        let catalog = RegionCatalog.builtIn
        #expect(try catalog.validate("310101").value == "310101")
        #expect(try catalog.validate("110199").value == "110199")
        #expect(catalog.name(of: try code("310101")) == nil)
        #expect(!catalog.covers(provinceOf: try code("310101")))
        #expect(catalog.covers(provinceOf: try code("420106")))
    }

    @Test func builtInNames() throws {
        let catalog = RegionCatalog.builtIn
        #expect(catalog.name(of: try code("420000")) == "湖北省")
        #expect(catalog.name(of: try code("420106")) == "武昌区")
        #expect(catalog.name(of: try code("429004")) == "仙桃市")
        #expect(catalog.name(of: try code("422800")) == "恩施土家族苗族自治州")
        #expect(catalog.name(of: try code("710000")) == "台湾省")
        #expect(catalog.name(of: try code("820000")) == "澳门特别行政区")
        #expect(catalog.fullName(of: try code("420102")) == "湖北省武汉市江岸区")
        #expect(catalog.fullName(of: try code("429004")) == "湖北省仙桃市")
        #expect(catalog.fullName(of: try code("420000")) == "湖北省")
        #expect(catalog.fullName(of: try code("420199")) == nil)
        let provinces = catalog.provinceNames
        #expect(provinces.count == 34)
        #expect(provinces["110000"] == "北京市")
        #expect(provinces["650000"] == "新疆维吾尔自治区")
        #expect(provinces["420100"] == nil)
    }

    @Test func hubeiTree() throws {
        let catalog = RegionCatalog.builtIn
        let prefectures = catalog.children(of: try code("420000"))
        #expect(prefectures.map(\.value) == [
            "420100", "420200", "420300", "420500", "420600", "420700", "420800", "420900",
            "421000", "421100", "421200", "421300", "422800", "429000",
        ])
        let wuhan = catalog.children(of: try code("420100")).map(\.value)
        #expect(wuhan.count == 13)
        #expect(wuhan.first == "420102" && wuhan.last == "420117")
        #expect(catalog.children(of: try code("429000")).map(\.value) == ["429004", "429005", "429006", "429021"])
        #expect(catalog.children(of: try code("420106")).isEmpty)
        #expect(catalog.children(of: try code("310000")).isEmpty)

        let counties = prefectures.flatMap { catalog.children(of: $0) }
        #expect(counties.count == 103)
        #expect(counties.allSatisfy { $0.level == .county })
        let names = counties.compactMap { catalog.name(of: $0) }
        #expect(names.filter { $0.hasSuffix("区") && $0 != "神农架林区" }.count == 39)
        #expect(names.filter { $0.hasSuffix("市") }.count == 26)
        #expect(names.filter { $0.hasSuffix("自治县") }.count == 2)
        #expect(names.filter { $0.hasSuffix("县") && !$0.hasSuffix("自治县") }.count == 35)
        #expect(catalog.count == 34 + 14 + 103)
    }

    @Test func customCatalog() throws {
        let catalog = RegionCatalog(version: "test", entries: ["110000": "北京市", "110101": "东城区", "110102": "西城区"])
        #expect(catalog.children(of: try code("110000")).map(\.value) == ["110101", "110102"])
        #expect(throws: RegionCodeError.notInCatalog("110199", version: "test")) { try catalog.validate("110199") }
        #expect(try catalog.validate("420199").value == "420199")
        #expect(catalog.fullName(of: try code("110101")) == "北京市东城区")
        #expect(catalog.provinceNames == ["110000": "北京市"])
    }

    @Test func messages() {
        #expect(RegionCodeError.malformed("4201").message == "行政区划代码格式不正确：“4201”，应为 6 位数字")
        #expect(RegionCodeError.notInCatalog("420199", version: "2023").message == "行政区划代码“420199”不在 2023 版行政区划代码表中")
        #expect(RegionCodeError.unknownProvince("990000").message.contains("990000"))
    }

    @Test func codable() throws {
        let json = String(decoding: try JSONEncoder().encode([try code("420106")]), as: UTF8.self)
        #expect(json == #"["420106"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RegionCode].self, from: Data(#"["4201"]"#.utf8)) }
    }
}
