import Testing
@testable import GonghuiDomain

@Suite("Amounts in capital Chinese numerals (人民币大写)")
struct MoneyChineseTests {
    @Test("the examples of 《支付结算办法》 and the edges of zeros", arguments: [
        (168_032, "壹仟陆佰捌拾元零叁角贰分"),
        (168_132, "壹仟陆佰捌拾壹元叁角贰分"),
        (10_700_053, "壹拾万柒仟元零伍角叁分"),
        (10_000_500, "壹拾万零伍元整"),
        (105, "壹元零伍分"),
        (50, "伍角整"),
        (0, "零元整"),
        (1_000, "壹拾元整"),
        (101_000, "壹仟零壹拾元整"),
        (10_000_001_000, "壹亿零壹拾元整"),
        (1_800_000, "壹万捌仟元整"),
        (100_000_000, "壹佰万元整"),
        (21_600_000, "贰拾壹万陆仟元整"),
    ] as [(Int64, String)])
    func uppercase(fen: Int64, expected: String) {
        #expect(Money(fen: fen).chineseUppercase == expected)
    }
}
