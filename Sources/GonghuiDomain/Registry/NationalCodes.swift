import Foundation

/// A national code list (国家标准代码表): codes and names as the standard gives them, the
/// standard named, and the older or everyday words officers type that mean the same entry.
public struct CodeList: Sendable {
    public struct Entry: Sendable, Equatable {
        public let code: String
        public let name: String
    }

    /// The standard, as a form or a page cites it ("GB/T 3304-1991").
    public let source: String
    public let entries: [Entry]
    /// Other words for an entry (大专 → 31).
    public let synonyms: [String: String]
    private let byCode: [String: String]
    private let byName: [String: String]

    init(source: String, _ pairs: [(String, String)], synonyms: [String: String] = [:]) {
        self.source = source
        entries = pairs.map { Entry(code: $0.0, name: $0.1) }
        self.synonyms = synonyms
        byCode = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(pairs.map { ($0.1, $0.0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The name of a stored value: a code's name, or the value itself when it is not a code
    /// (text kept from before the lists).
    public func name(of value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return byCode[value] ?? value
    }

    /// The code for what was typed: a code, a name of the list, or one of its everyday words;
    /// nil for anything else.
    public func code(for typed: String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if byCode[t] != nil { return t }
        if t.count == 1, byCode["0" + t] != nil { return "0" + t }
        return byName[t] ?? synonyms[t]
    }

    /// The names a value may be typed as, for an error message.
    public var sample: String { entries.prefix(4).map(\.name).joined(separator: "、") + "…" }
}

/// The code lists the registry keeps members' attributes in.
public enum NationalCodes {
    /// 民族 (GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码).
    public static let ethnicity = CodeList(source: "GB/T 3304-1991", [
        ("01", "汉族"), ("02", "蒙古族"), ("03", "回族"), ("04", "藏族"), ("05", "维吾尔族"), ("06", "苗族"), ("07", "彝族"), ("08", "壮族"),
        ("09", "布依族"), ("10", "朝鲜族"), ("11", "满族"), ("12", "侗族"), ("13", "瑶族"), ("14", "白族"), ("15", "土家族"), ("16", "哈尼族"),
        ("17", "哈萨克族"), ("18", "傣族"), ("19", "黎族"), ("20", "傈僳族"), ("21", "佤族"), ("22", "畲族"), ("23", "高山族"), ("24", "拉祜族"),
        ("25", "水族"), ("26", "东乡族"), ("27", "纳西族"), ("28", "景颇族"), ("29", "柯尔克孜族"), ("30", "土族"), ("31", "达斡尔族"),
        ("32", "仫佬族"), ("33", "羌族"), ("34", "布朗族"), ("35", "撒拉族"), ("36", "毛南族"), ("37", "仡佬族"), ("38", "锡伯族"),
        ("39", "阿昌族"), ("40", "普米族"), ("41", "塔吉克族"), ("42", "怒族"), ("43", "乌孜别克族"), ("44", "俄罗斯族"), ("45", "鄂温克族"),
        ("46", "德昂族"), ("47", "保安族"), ("48", "裕固族"), ("49", "京族"), ("50", "塔塔尔族"), ("51", "独龙族"), ("52", "鄂伦春族"),
        ("53", "赫哲族"), ("54", "门巴族"), ("55", "珞巴族"), ("56", "基诺族"), ("97", "其他"), ("98", "外国血统中国籍人士"),
    ], synonyms: ["汉": "01", "蒙古": "02", "回": "03", "藏": "04", "维吾尔": "05", "苗": "06", "彝": "07", "壮": "08", "满": "11", "土家": "15"])

    /// 学历 (GB/T 4658-2006 学历代码), at the level the registry asks.
    public static let education = CodeList(source: "GB/T 4658-2006", [
        ("11", "博士研究生"), ("14", "硕士研究生"), ("21", "大学本科"), ("31", "大学专科"), ("41", "中等专科"), ("44", "职业高中"),
        ("47", "技工学校"), ("61", "普通高中"), ("71", "初中"), ("81", "小学"), ("90", "其他"),
    ], synonyms: ["博士": "11", "研究生": "14", "硕士": "14", "本科": "21", "大专": "31", "专科": "31", "高职": "31", "中专": "41",
                  "职高": "44", "技校": "47", "高中": "61", "初中及以下": "71", "小学及以下": "81"])

    /// 政治面貌 (GB/T 4762-1984 政治面貌代码).
    public static let politicalStatus = CodeList(source: "GB/T 4762-1984", [
        ("01", "中国共产党党员"), ("02", "中国共产党预备党员"), ("03", "中国共产主义青年团团员"), ("04", "中国国民党革命委员会会员"),
        ("05", "中国民主同盟盟员"), ("06", "中国民主建国会会员"), ("07", "中国民主促进会会员"), ("08", "中国农工民主党党员"),
        ("09", "中国致公党党员"), ("10", "九三学社社员"), ("11", "台湾民主自治同盟盟员"), ("12", "无党派民主人士"), ("13", "群众"),
    ], synonyms: ["中共党员": "01", "党员": "01", "预备党员": "02", "共青团员": "03", "团员": "03", "民革": "04", "民盟": "05",
                  "民建": "06", "民进": "07", "农工党": "08", "致公党": "09", "九三学社": "10", "台盟": "11", "无党派": "12"])

    /// 户籍类型: the household registration the union statistics count (城镇 / 农村), as the
    /// hardship archive records it.
    public static let householdType = CodeList(source: "工会统计调查制度（户籍：城镇、农村）", [
        ("1", "城镇"), ("2", "农村"),
    ], synonyms: ["非农业": "1", "非农业户口": "1", "城镇户口": "1", "居民户口": "1", "农业": "2", "农业户口": "2", "农村户口": "2"])

    /// 国民经济行业分类 (GB/T 4754-2017): the 20 sections and their 97 divisions. An org's
    /// industry is kept as the section letter and division number ("C26").
    public static let industrySections: [(letter: String, name: String, divisions: ClosedRange<Int>)] = [
        ("A", "农、林、牧、渔业", 1...5), ("B", "采矿业", 6...12), ("C", "制造业", 13...43),
        ("D", "电力、热力、燃气及水生产和供应业", 44...46), ("E", "建筑业", 47...50), ("F", "批发和零售业", 51...52),
        ("G", "交通运输、仓储和邮政业", 53...60), ("H", "住宿和餐饮业", 61...62), ("I", "信息传输、软件和信息技术服务业", 63...65),
        ("J", "金融业", 66...69), ("K", "房地产业", 70...70), ("L", "租赁和商务服务业", 71...72), ("M", "科学研究和技术服务业", 73...75),
        ("N", "水利、环境和公共设施管理业", 76...79), ("O", "居民服务、修理和其他服务业", 80...82), ("P", "教育", 83...83),
        ("Q", "卫生和社会工作", 84...85), ("R", "文化、体育和娱乐业", 86...90), ("S", "公共管理、社会保障和社会组织", 91...96),
        ("T", "国际组织", 97...97),
    ]

    static let industryDivisions: [Int: String] = [
        1: "农业", 2: "林业", 3: "畜牧业", 4: "渔业", 5: "农、林、牧、渔专业及辅助性活动",
        6: "煤炭开采和洗选业", 7: "石油和天然气开采业", 8: "黑色金属矿采选业", 9: "有色金属矿采选业", 10: "非金属矿采选业",
        11: "开采专业及辅助性活动", 12: "其他采矿业",
        13: "农副食品加工业", 14: "食品制造业", 15: "酒、饮料和精制茶制造业", 16: "烟草制品业", 17: "纺织业", 18: "纺织服装、服饰业",
        19: "皮革、毛皮、羽毛及其制品和制鞋业", 20: "木材加工和木、竹、藤、棕、草制品业", 21: "家具制造业", 22: "造纸和纸制品业",
        23: "印刷和记录媒介复制业", 24: "文教、工美、体育和娱乐用品制造业", 25: "石油、煤炭及其他燃料加工业", 26: "化学原料和化学制品制造业",
        27: "医药制造业", 28: "化学纤维制造业", 29: "橡胶和塑料制品业", 30: "非金属矿物制品业", 31: "黑色金属冶炼和压延加工业",
        32: "有色金属冶炼和压延加工业", 33: "金属制品业", 34: "通用设备制造业", 35: "专用设备制造业", 36: "汽车制造业",
        37: "铁路、船舶、航空航天和其他运输设备制造业", 38: "电气机械和器材制造业", 39: "计算机、通信和其他电子设备制造业",
        40: "仪器仪表制造业", 41: "其他制造业", 42: "废弃资源综合利用业", 43: "金属制品、机械和设备修理业",
        44: "电力、热力生产和供应业", 45: "燃气生产和供应业", 46: "水的生产和供应业",
        47: "房屋建筑业", 48: "土木工程建筑业", 49: "建筑安装业", 50: "建筑装饰、装修和其他建筑业", 51: "批发业", 52: "零售业",
        53: "铁路运输业", 54: "道路运输业", 55: "水上运输业", 56: "航空运输业", 57: "管道运输业", 58: "多式联运和运输代理业",
        59: "装卸搬运和仓储业", 60: "邮政业", 61: "住宿业", 62: "餐饮业", 63: "电信、广播电视和卫星传输服务", 64: "互联网和相关服务",
        65: "软件和信息技术服务业", 66: "货币金融服务", 67: "资本市场服务", 68: "保险业", 69: "其他金融业", 70: "房地产业",
        71: "租赁业", 72: "商务服务业", 73: "研究和试验发展", 74: "专业技术服务业", 75: "科技推广和应用服务业", 76: "水利管理业",
        77: "生态保护和环境治理业", 78: "公共设施管理业", 79: "土地管理业", 80: "居民服务业", 81: "机动车、电子产品和日用产品修理业",
        82: "其他服务业", 83: "教育", 84: "卫生", 85: "社会工作", 86: "新闻和出版业", 87: "广播、电视、电影和录音制作业", 88: "文化艺术业",
        89: "体育", 90: "娱乐业", 91: "中国共产党机关", 92: "国家机构", 93: "人民政协、民主党派", 94: "社会保障",
        95: "群众团体、社会团体和其他成员组织", 96: "基层群众自治组织及其他组织", 97: "国际组织",
    ]

    /// "C26 化学原料和化学制品制造业" for "C26"; a section alone by its name; anything else as it is.
    public static func industryName(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        let v = value.trimmingCharacters(in: .whitespaces).uppercased()
        guard let letter = v.first, let section = industrySections.first(where: { $0.letter == String(letter) }) else { return value }
        let digits = v.dropFirst()
        if digits.isEmpty { return "\(section.letter) \(section.name)" }
        guard let n = Int(digits.prefix(2)), section.divisions.contains(n), let name = industryDivisions[n] else { return value }
        return "\(v) \(name)"
    }

    /// The divisions of every section, "C26" and its name, for a picker.
    public static var industryChoices: [(section: String, divisions: [(code: String, name: String)])] {
        industrySections.map { s in
            ("\(s.letter) \(s.name)", s.divisions.map { n in (s.letter + (n < 10 ? "0" : "") + String(n), industryDivisions[n] ?? "") })
        }
    }
}

extension NationalCodes {
    /// The member attributes kept as national codes, by field, with the words a problem uses.
    public static let memberLists: [String: (list: CodeList, label: String)] = [
        "ethnicity": (ethnicity, "民族"), "education": (education, "学历"),
        "political_status": (politicalStatus, "政治面貌"), "household_type": (householdType, "户籍类型"),
    ]

    /// The code to keep for a member attribute typed as a code, a name or an everyday word; the
    /// value itself for fields without a list.
    public static func coded(_ field: String, _ value: String?) -> String? {
        guard let value, !value.isEmpty else { return value }
        guard let list = memberLists[field]?.list else { return value }
        return list.code(for: value) ?? value
    }

    /// Why a member attribute is not one of its list's entries, or nil.
    public static func problem(_ field: String, _ value: String?) -> FieldProblem? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty, let (list, label) = memberLists[field] else { return nil }
        guard list.code(for: value) == nil else { return nil }
        return FieldProblem(field: field, value: value, reason: "\(label)应为 \(list.source) 中的名称或代码，如 \(list.sample)")
    }

    /// The name of a member attribute's stored value.
    public static func name(_ field: String, _ value: String?) -> String? {
        memberLists[field]?.list.name(of: value) ?? value
    }
}
