extension Money {
    /// The amount in capital Chinese numerals as cheques, receipts and agreements write it (人民币
    /// 大写, 《支付结算办法》附一): "壹仟陆佰捌拾元零叁角贰分", "壹元零伍分", "伍角整". Zeros inside run to one
    /// 零; an amount that ends at 元 or 角 ends in 整.
    public var chineseUppercase: String {
        let digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
        let total = abs(fen)
        let yuan = total / 100, jiao = Int(total / 10 % 10), cents = Int(total % 10)
        func section(_ v: Int) -> String {
            var s = "", zero = false
            for (unit, name) in [(1000, "仟"), (100, "佰"), (10, "拾"), (1, "")] {
                let d = v / unit % 10
                if d == 0 {
                    if !s.isEmpty { zero = true }
                } else {
                    if zero { s += "零"; zero = false }
                    s += digits[d] + name
                }
            }
            return s
        }
        var groups: [(Int, String)] = []
        var rest = yuan
        for unit in ["", "万", "亿", "万亿"] {
            groups.insert((Int(rest % 10_000), unit), at: 0)
            rest /= 10_000
            if rest == 0 { break }
        }
        var whole = "", pendingZero = false
        for (value, unit) in groups {
            if value == 0 {
                if !whole.isEmpty { pendingZero = true }
                continue
            }
            if !whole.isEmpty && (pendingZero || value < 1000) { whole += "零" }
            whole += section(value) + unit
            pendingZero = false
        }
        var out = fen < 0 ? "负" : ""
        if jiao == 0 && cents == 0 { return out + (yuan == 0 ? "零元整" : whole + "元整") }
        if yuan > 0 { out += whole + "元" }
        // A zero in the 元 place before 角, or an empty 角 before 分, is written 零.
        if yuan > 0 && (jiao == 0 || yuan % 10 == 0) { out += "零" }
        if jiao > 0 { out += digits[jiao] + "角" }
        out += cents > 0 ? digits[cents] + "分" : "整"
        return out
    }
}
