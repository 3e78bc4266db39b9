/// Chinese personal names for the demo: surnames by their real frequency, given names of one or
/// two characters with the tendencies of men's and women's names.
enum PersonNames {
    /// About 190 surnames with their approximate share per 100,000 people (national figures,
    /// nudged towards Hubei for 熊, 向, 田, 覃, 冉, 鄢, 喻), a few compound ones among them;
    /// together they cover nearly everyone, as the commonest hundred cover 85 %.
    static let surnames: [(String, Int)] = [
        ("王", 7100), ("李", 7000), ("张", 6600), ("刘", 5400), ("陈", 4600), ("杨", 3596),
        ("黄", 2900), ("赵", 2668), ("吴", 2320), ("周", 2204), ("徐", 1508), ("孙", 1508),
        ("马", 1276), ("朱", 1160), ("胡", 1508), ("郭", 1125), ("何", 1114), ("林", 928),
        ("高", 1044), ("罗", 1044), ("郑", 928), ("梁", 812), ("谢", 754), ("宋", 638),
        ("唐", 626), ("许", 580), ("韩", 568), ("冯", 557), ("邓", 580), ("曹", 534),
        ("彭", 603), ("曾", 522), ("肖", 522), ("田", 557), ("董", 452), ("袁", 429),
        ("潘", 418), ("于", 348), ("蒋", 394), ("蔡", 406), ("余", 487), ("杜", 360),
        ("叶", 371), ("程", 406), ("苏", 336), ("魏", 325), ("吕", 313), ("丁", 313),
        ("任", 302), ("沈", 290), ("姚", 290), ("卢", 278), ("姜", 267), ("崔", 232),
        ("钟", 255), ("谭", 302), ("陆", 244), ("汪", 325), ("范", 232), ("金", 220),
        ("石", 232), ("廖", 209), ("贾", 197), ("夏", 232), ("韦", 174), ("付", 197),
        ("方", 197), ("白", 174), ("邹", 197), ("孟", 162), ("熊", 348), ("秦", 162),
        ("邱", 151), ("江", 174), ("尹", 151), ("薛", 139), ("闫", 128), ("段", 139),
        ("雷", 186), ("侯", 128), ("龙", 128), ("史", 128), ("陶", 139), ("黎", 116),
        ("贺", 128), ("顾", 116), ("毛", 116), ("郝", 104), ("龚", 128), ("邵", 104),
        ("万", 151), ("钱", 104), ("严", 104), ("覃", 128), ("武", 93), ("戴", 93),
        ("莫", 81), ("孔", 81), ("向", 186), ("汤", 93), ("常", 70), ("冉", 58),
        ("殷", 58), ("柯", 70), ("欧阳", 50), ("司马", 8), ("上官", 8), ("诸葛", 5),
        ("皇甫", 4), ("令狐", 3), ("乔", 230), ("邢", 228), ("温", 226), ("安", 224),
        ("易", 222), ("代", 220), ("颜", 218), ("祝", 216), ("聂", 214), ("葛", 212),
        ("牛", 210), ("鲁", 208), ("章", 206), ("喻", 204), ("童", 202), ("甘", 200),
        ("梅", 198), ("饶", 196), ("焦", 194), ("游", 192), ("庞", 190), ("左", 188),
        ("申", 186), ("文", 184), ("柳", 182), ("鄢", 180), ("阮", 178), ("涂", 176),
        ("舒", 174), ("詹", 172), ("桂", 170), ("晏", 168), ("项", 166), ("宁", 164),
        ("凌", 162), ("伍", 160), ("骆", 158), ("柴", 156), ("岳", 154), ("关", 152),
        ("樊", 150), ("符", 148), ("裴", 146), ("纪", 144), ("俞", 142), ("齐", 140),
        ("单", 138), ("艾", 136), ("操", 134), ("祁", 132), ("耿", 130), ("尚", 128),
        ("管", 126), ("卜", 124), ("盛", 122), ("包", 120), ("兰", 118), ("华", 116),
        ("佘", 114), ("谌", 112), ("庄", 110), ("屈", 108), ("宗", 106), ("蓝", 104),
        ("霍", 102), ("洪", 100), ("穆", 98), ("费", 96), ("邬", 94), ("匡", 92),
        ("戚", 90), ("房", 88), ("滕", 86), ("闵", 84), ("巩", 82), ("鄂", 80),
        ("麦", 78), ("车", 76), ("明", 74), ("成", 72), ("杭", 70),
    ]

    /// Characters common in men's given names.
    static let maleCharacters: [String] = [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏",
        "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙",
        "林", "阳", "峰", "建", "国", "文", "志", "海", "东", "亮", "成", "兵", "进", "新",
        "力", "永", "良", "晨", "轩", "博", "睿", "哲", "昊", "然", "子", "宏", "金", "福",
        "德", "学", "荣", "庆", "祥", "春", "云", "坤", "振", "彬", "毅", "炜", "晟", "航",
        "楠", "武", "卫", "红", "兴", "胜", "家", "佳", "泽", "鸿", "豪", "锋", "诚", "立",
    ]

    /// Characters common in women's given names.
    static let femaleCharacters: [String] = [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "莉",
        "萍", "红", "琴", "倩", "洁", "颖", "琳", "梅", "英", "兰", "秀", "珍", "凤", "玉",
        "月", "佳", "欣", "怡", "悦", "琪", "雯", "婧", "晶", "璐", "瑶", "蕾", "薇", "莹",
        "梦", "思", "雨", "涵", "诗", "婉", "露", "清", "宁", "晓", "小", "春", "桂", "金",
        "华", "文", "嘉", "子", "可", "丹", "妍", "菲", "蓉", "琼", "冬", "秋", "云", "爱",
    ]

    /// Shares out of 4,096 for a table lookup instead of a search.
    private static let surnameLookup: [UInt8] = {
        let total = surnames.reduce(0) { $0 + $1.1 }
        let counts = apportion(4096, weights: surnames.map(\.1))
        precondition(surnames.count < 256 && total > 0)
        var table = [UInt8]()
        table.reserveCapacity(4096)
        for (index, count) in counts.enumerated() {
            table.append(contentsOf: repeatElement(UInt8(index), count: count))
        }
        return table
    }()

    /// UTF-8 bytes of the surnames and characters: names are assembled byte by byte, which
    /// is several times faster than appending strings (ten million names per run).
    private static let surnameBytes: [[UInt8]] = surnames.map { Array($0.0.utf8) }
    private static let maleBytes: [[UInt8]] = maleCharacters.map { Array($0.utf8) }
    private static let femaleBytes: [[UInt8]] = femaleCharacters.map { Array($0.utf8) }

    /// A full name. People born earlier more often have one-character given names.
    static func make(female: Bool, birthYear: Int, using rng: inout SplitMix64) -> String {
        let bits = rng.next()
        let surname = surnameBytes[Int(surnameLookup[Int(bits & 4095)])]
        let characters = female ? femaleBytes : maleBytes
        let singleShare: UInt64 = birthYear < 1975 ? 30 : (birthYear < 1990 ? 18 : 10)
        let first = Int((bits >> 12) % UInt64(characters.count))
        var second = -1
        if (bits >> 24) % 100 >= singleShare {
            second = Int((bits >> 32) % UInt64(characters.count))
            // Doubled characters (婷婷, 晶晶) happen, but less often than chance would give.
            if second == first && (bits >> 48) & 3 != 0 {
                second = Int((bits >> 50) % UInt64(characters.count))
            }
        }
        let firstBytes = characters[first]
        let secondBytes = second < 0 ? [] : characters[second]
        let length = surname.count + firstBytes.count + secondBytes.count
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            for byte in surname { buffer[position] = byte; position += 1 }
            for byte in firstBytes { buffer[position] = byte; position += 1 }
            for byte in secondBytes { buffer[position] = byte; position += 1 }
            return position
        }
    }
}
