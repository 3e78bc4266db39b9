import GonghuiDomain
import Testing

@Suite("Rates: one rounding, half up, for every page")
struct RateTests {
    @Test("tenths of a percent, half up in integers, at the half")
    func permille() {
        // 13 of 16 is 81.25% exactly: half up is 81.3 (a binary printf gives 81.2).
        #expect(Rate.permille(13, of: 16) == 813 && Rate.percent(13, of: 16) == "81.3%")
        #expect(Rate.percent(1, of: 80) == "1.3%" && Rate.percent(1, of: 100) == "1.0%")
        #expect(Rate.percent(0, of: 7) == "0.0%" && Rate.percent(7, of: 7) == "100.0%")
        // Just under the half stays down.
        #expect(Rate.percent(8_124, of: 10_000) == "81.2%" && Rate.percent(81_249, of: 100_000) == "81.2%")
        #expect(Rate.percent(3, of: 0) == nil && Rate.permille(3, of: 0) == nil)
        #expect(Rate.percent(permille: -15) == "-1.5%")
    }

    @Test("a four-place rate in percent is the same digits, not rounded again")
    func fourPlaces() {
        #expect(Rate.percent(fourPlaces: "0.9875") == "98.75%")
        #expect(Rate.percent(fourPlaces: "1.0000") == "100.00%" && Rate.percent(fourPlaces: "0.0005") == "0.05%")
        #expect(Rate.percent(fourPlaces: Rate.fourPlaces(13, of: 16)!) == "81.25%")
        for bad in ["", "0.98", "x.1234", "-0.1234", "0.12345"] { #expect(Rate.percent(fourPlaces: bad) == nil, "\(bad)") }
    }
}

@Suite("Names in pinyin order")
struct NameOrderTests {
    @Test func pinyinNotCodePoints() {
        let names = ["万莉", "上官燕", "丁强", "张三", "阿明", "Li Lei"]
        #expect(names.sorted() == ["Li Lei", "丁强", "万莉", "上官燕", "张三", "阿明"], "code points put 上官 after 万")
        #expect(names.sorted { (NameOrder.key($0), $0) < (NameOrder.key($1), $1) } == ["阿明", "丁强", "Li Lei", "上官燕", "万莉", "张三"])
        #expect(NameOrder.key("上官燕") == "shang guan yan")
        #expect(NameOrder.key(" 张三 ") == "zhang san")
        // Surnames read as surnames: 曾 zeng after 陈 chen, 单 shan.
        #expect(NameOrder.key("曾悦") == "zeng yue" && NameOrder.key("单雄") == "shan xiong")
        #expect(["曾悦", "陈红", "操琼"].sorted { NameOrder.key($0) < NameOrder.key($1) } == ["操琼", "陈红", "曾悦"])
    }
}

@Suite("National code lists")
struct NationalCodesTests {
    @Test func namesCodesAndEverydayWords() {
        #expect(NationalCodes.ethnicity.code(for: "汉族") == "01" && NationalCodes.ethnicity.code(for: "1") == "01" && NationalCodes.ethnicity.code(for: "土家族") == "15")
        #expect(NationalCodes.ethnicity.entries.count == 58, "56 peoples, 其他, 外国血统")
        #expect(NationalCodes.education.code(for: "大专") == "31" && NationalCodes.education.code(for: "本科") == "21")
        #expect(NationalCodes.politicalStatus.code(for: "群众") == "13" && NationalCodes.politicalStatus.code(for: "中共党员") == "01")
        #expect(NationalCodes.coded("household_type", "农业户口") == "2")
        #expect(NationalCodes.name("ethnicity", "01") == "汉族" && NationalCodes.name("ethnicity", "旧写法") == "旧写法")
        #expect(NationalCodes.problem("ethnicity", "火星族")?.reason.contains("GB/T 3304-1991") == true)
        #expect(NationalCodes.problem("ethnicity", "满族") == nil && NationalCodes.problem("workplace", "任意") == nil)
        #expect(NationalCodes.industryName("C26") == "C26 化学原料和化学制品制造业" && NationalCodes.industryName("c36") == "C36 汽车制造业")
        #expect(NationalCodes.industryName("E") == "E 建筑业" && NationalCodes.industryName("制造业") == "制造业")
        #expect(NationalCodes.industryChoices.flatMap(\.divisions).count == 97)
    }
}
