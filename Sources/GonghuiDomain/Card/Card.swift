import Foundation

/// The thresholds of the member service card's measures (会员服务卡), effective-dated policy with
/// their source: speech 4 asks that cards be not only issued (送得出) but used (用得上) and not left
/// as sleeping cards (睡眠卡); the days and months that make each measure are the province's own.
public enum CardPolicy {
    public static let usageWindowDays = "card.usage_window_days"
    public static let lastingMonths = "card.lasting_months"
    public static let sleepUnactivatedDays = "card.sleep_unactivated_days"
    public static let sleepUnusedDays = "card.sleep_unused_days"

    static let source = "《关于进一步做好会员服务卡工作的意见》（省总工会）：服务卡不仅要“送得出”，而且要“用得上”，避免成为“睡眠卡”"

    public static let defaults = PolicyBook([
        rule(usageWindowDays, 90, source + "；用得上：最近 90 天内有使用"),
        rule(lastingMonths, 6, source + "；长期用：最近 12 个月中至少 6 个月有使用"),
        rule(sleepUnactivatedDays, 60, source + "；发卡后 60 天未激活的列为睡眠卡跟进"),
        rule(sleepUnusedDays, 180, source + "；180 天未使用的列为睡眠卡跟进"),
    ])

    public static func title(_ key: String) -> String {
        switch key {
        case usageWindowDays: "“用得上”的统计天数"
        case lastingMonths: "“长期用”：最近 12 个月中有使用的最少月数"
        case sleepUnactivatedDays: "发卡后未激活多少天列为睡眠卡"
        case sleepUnusedDays: "未使用多少天列为睡眠卡"
        default: key
        }
    }

    public static func range(of key: String) -> ClosedRange<Int> { key == lastingMonths ? 1...12 : 1...3650 }

    /// The rule in force on `day`; before any rule began, the earliest one.
    public static func value(_ key: String, book: PolicyBook, on day: CivilDate) -> Int {
        (book.rule(key, on: day) ?? defaults.rule(key, on: day) ?? defaults.rules.first { $0.key == key }!).value
    }

    private static func rule(_ key: String, _ value: Int, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(year: 2015, month: 1, day: 1)!, source: source)
    }
}

/// Where a member's card stands (服务卡状态).
public enum CardState: String, CaseIterable, Codable, Sendable {
    /// 已申请: asked for by the member in the portal (or listed by the union), not yet sent to the bank.
    case requested
    /// 制卡中: in an issuing file sent to the bank.
    case issuing
    /// 已发卡: the bank made it; waiting for the member to activate it.
    case issued
    /// 已激活
    case active
    /// 未成功: the bank could not make it, with its reason.
    case refused
    /// 已注销
    case cancelled

    public var title: String {
        switch self {
        case .requested: "已申请"
        case .issuing: "制卡中"
        case .issued: "已发卡待激活"
        case .active: "已激活"
        case .refused: "发卡未成功"
        case .cancelled: "已注销"
        }
    }

    /// States that hold the member's one card.
    public static let live: [CardState] = [.requested, .issuing, .issued, .active]
}

/// A bank card number as the bank's result file gives it: 16 to 19 digits passing the Luhn check.
/// Stored sealed; shown only masked, like an account.
public struct CardNumber: Equatable, Sendable {
    public let value: String

    public init(_ raw: String) throws(CardNumberError) {
        let digits = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard (16...19).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformed(raw) }
        guard Self.luhn(digits) else { throw .checkDigit(raw) }
        value = digits
    }

    /// The first six (the bank's BIN) and the last four digits.
    public var masked: String { String(value.prefix(6)) + String(repeating: "*", count: value.count - 10) + value.suffix(4) }

    /// The Luhn (mod 10) check of ISO/IEC 7812.
    public static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (i, c) in digits.reversed().enumerated() {
            var d = Int(c.asciiValue! - 48)
            if i % 2 == 1 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return sum % 10 == 0
    }

    /// The check digit that makes `body` + digit pass the Luhn check.
    public static func checkDigit(for body: String) -> Character {
        for d in 0...9 where luhn(body + String(d)) { return Character(String(d)) }
        return "0"
    }
}

public enum CardNumberError: Error, Equatable, Sendable, UserFacingError {
    case malformed(String)
    case checkDigit(String)
    public var message: String {
        switch self {
        case .malformed: "卡号应为 16 至 19 位数字"
        case .checkDigit: "卡号校验位不正确"
        }
    }
}

/// A member's card as the officer and the member read it.
public struct MemberCard: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var memberID: Int64
    public var name: String
    public var orgCode: String
    public var state: CardState
    public var branch: String
    public var requestedOn: CivilDate
    public var fileNo: String?
    public var cardMasked: String?
    public var issuedOn: CivilDate?
    public var activatedOn: CivilDate?
    public var lastUsedOn: CivilDate?
    public var reason: String?

    public init(id: Int64, memberID: Int64, name: String, orgCode: String, state: CardState, branch: String, requestedOn: CivilDate, fileNo: String?,
                cardMasked: String?, issuedOn: CivilDate?, activatedOn: CivilDate?, lastUsedOn: CivilDate?, reason: String?) {
        self.id = id; self.memberID = memberID; self.name = name; self.orgCode = orgCode; self.state = state; self.branch = branch; self.requestedOn = requestedOn
        self.fileNo = fileNo; self.cardMasked = cardMasked; self.issuedOn = issuedOn; self.activatedOn = activatedOn; self.lastUsedOn = lastUsedOn; self.reason = reason
    }

    /// Why the card sleeps on `day`, or nil: issued and not activated for the province's days, or
    /// not used (since activation or the last use) for its days.
    public func sleeping(on day: CivilDate, unactivatedDays: Int, unusedDays: Int) -> CardSleep? {
        switch state {
        case .issued:
            guard let issued = issuedOn, day.daysSinceEpoch - issued.daysSinceEpoch > unactivatedDays else { return nil }
            return .notActivated(days: day.daysSinceEpoch - issued.daysSinceEpoch)
        case .active:
            guard let since = lastUsedOn ?? activatedOn, day.daysSinceEpoch - since.daysSinceEpoch > unusedDays else { return nil }
            return .notUsed(days: day.daysSinceEpoch - since.daysSinceEpoch)
        default:
            return nil
        }
    }
}

/// Why a card is a sleeping card (睡眠卡).
public enum CardSleep: Equatable, Sendable {
    case notActivated(days: Int)
    case notUsed(days: Int)

    public var title: String {
        switch self {
        case .notActivated(let d): "发卡 \(d) 天未激活"
        case .notUsed(let d): "\(d) 天未使用"
        }
    }
}

/// One row of the bank's issuing result (制卡结果): the member's ID number, the card number and the
/// day, or a failure with its reason; `row` is the file's line.
public struct CardResultRow: Equatable, Sendable {
    public var row: Int
    public var idNumber: IDNumber
    public var cardNumber: CardNumber?
    public var issuedOn: CivilDate?
    public var reason: String?

    public init(row: Int, idNumber: IDNumber, cardNumber: CardNumber?, issuedOn: CivilDate?, reason: String?) {
        self.row = row; self.idNumber = idNumber; self.cardNumber = cardNumber; self.issuedOn = issuedOn; self.reason = reason
    }
}

/// One use of a card from the bank's or a merchant's file (消费明细).
public struct CardUsageRow: Equatable, Sendable {
    public var row: Int
    public var cardNumber: CardNumber
    public var usedOn: CivilDate
    public var merchant: String
    public var amount: Money
    public var discount: Money
    public var reference: String

    public init(row: Int, cardNumber: CardNumber, usedOn: CivilDate, merchant: String, amount: Money, discount: Money, reference: String) {
        self.row = row; self.cardNumber = cardNumber; self.usedOn = usedOn; self.merchant = merchant; self.amount = amount; self.discount = discount
        self.reference = reference
    }
}

/// The card measures of a node (服务卡指标) on a day: issued (送得出), activated (激活率), used in the
/// window (用得上), used in enough of the last twelve months (长期用), sleeping, and the year's target.
public struct CardMeasuresRow: Equatable, Codable, Sendable {
    public var orgCode: String
    public var orgName: String
    public var issued = 0
    public var activated = 0
    public var used = 0
    public var lasting = 0
    public var sleeping = 0
    public var target: Int?
    /// activated ÷ issued, used ÷ activated, lasting ÷ activated, issued ÷ target: four places.
    public var activationRate: String?
    public var usageRate: String?
    public var lastingRate: String?
    public var targetDone: String?

    public init(orgCode: String, orgName: String) { self.orgCode = orgCode; self.orgName = orgName }

    public mutating func finish() {
        activationRate = Rate.fourPlaces(activated, of: issued)
        usageRate = Rate.fourPlaces(used, of: activated)
        lastingRate = Rate.fourPlaces(lasting, of: activated)
        targetDone = target.flatMap { Rate.fourPlaces(issued, of: $0) }
    }
}

public struct CardMeasures: Equatable, Codable, Sendable {
    public var orgCode: String
    public var orgName: String
    public var asOf: CivilDate
    public var rows: [CardMeasuresRow]

    public init(orgCode: String, orgName: String, asOf: CivilDate, rows: [CardMeasuresRow]) {
        self.orgCode = orgCode; self.orgName = orgName; self.asOf = asOf; self.rows = rows
    }

    public var total: CardMeasuresRow { rows[0] }
}

/// What a merchant offers members (普惠商户的类别).
public enum MerchantCategory: String, CaseIterable, Codable, Sendable {
    case shopping, medical, travel, cultureSport = "culture_sport", training

    public var title: String {
        switch self {
        case .shopping: "购物"
        case .medical: "医疗"
        case .travel: "旅游"
        case .cultureSport: "文体"
        case .training: "培训"
        }
    }
}

/// A merchant under a signed contract with a union (签约商户), giving members a discount on the card.
public struct CardMerchant: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var orgCode: String
    public var orgName: String
    public var name: String
    public var category: MerchantCategory
    public var address: String
    public var phone: String
    public var discount: String
    public var contractNo: String
    public var contractFrom: CivilDate
    public var contractTo: CivilDate

    public init(id: Int64, orgCode: String, orgName: String, name: String, category: MerchantCategory, address: String, phone: String, discount: String,
                contractNo: String, contractFrom: CivilDate, contractTo: CivilDate) {
        self.id = id; self.orgCode = orgCode; self.orgName = orgName; self.name = name; self.category = category; self.address = address; self.phone = phone
        self.discount = discount; self.contractNo = contractNo; self.contractFrom = contractFrom; self.contractTo = contractTo
    }

    /// In force on `day` (both ends included).
    public func inForce(on day: CivilDate) -> Bool { contractFrom <= day && day <= contractTo }

    /// Days left on `day` when the contract ends within `days`, else nil.
    public func expiring(on day: CivilDate, within days: Int) -> Int? {
        let left = contractTo.daysSinceEpoch - day.daysSinceEpoch
        return (0...days).contains(left) ? left : nil
    }
}

/// What the officer types for a merchant.
public struct CardMerchantDraft: Sendable {
    public var name: String
    public var category: MerchantCategory
    public var address: String
    public var phone: String
    public var discount: String
    public var contractNo: String
    public var contractFrom: CivilDate
    public var contractTo: CivilDate

    public init(name: String, category: MerchantCategory, address: String, phone: String, discount: String, contractNo: String, contractFrom: CivilDate, contractTo: CivilDate) {
        self.name = name; self.category = category; self.address = address; self.phone = phone; self.discount = discount; self.contractNo = contractNo
        self.contractFrom = contractFrom; self.contractTo = contractTo
    }

    /// Each problem by its field.
    public var problems: [FieldProblem] {
        var out: [FieldProblem] = []
        func text(_ field: String, _ value: String, _ max: Int, _ reason: String) {
            let v = value.trimmingCharacters(in: .whitespaces)
            if v.isEmpty || v.count > max { out.append(FieldProblem(field: field, value: v, reason: reason)) }
        }
        text("name", name, 100, "请填写商户名称（最多 100 字）")
        text("address", address, 200, "请填写商户地址（最多 200 字）")
        text("discount", discount, 300, "请写明优惠内容（最多 300 字）")
        text("contract_no", contractNo, 60, "请填写合同编号（最多 60 字）")
        if phone.count > 30 { out.append(FieldProblem(field: "phone", value: phone, reason: "联系电话最多 30 字")) }
        if contractTo < contractFrom { out.append(FieldProblem(field: "contract_to", value: contractTo.iso, reason: "合同截止日期早于开始日期 \(contractFrom.iso)")) }
        return out
    }
}
