import GonghuiDomain

extension UI {
    /// 会员服务卡 in the console.
    enum Cards {
        static let title = "会员服务卡"
        static func pageTitle(_ org: String) -> String { "\(org) 会员服务卡" }
        static func intro(_ asOf: String) -> String {
            "截至 \(asOf)：送得出（已发卡）、激活率（已激活 ÷ 已发卡）、用得上（近 90 天有使用 ÷ 已激活）、长期用（近 12 个月至少 6 个月有使用 ÷ 已激活）。天数和月数按本省现行规定。"
        }
        static let issued = "已发卡（张）"
        static func activation(_ n: Int) -> String { "激活率（已激活 \(n) 张）" }
        static func usage(_ n: Int) -> String { "使用率（近期使用 \(n) 张）" }
        static func lasting(_ n: Int) -> String { "长期使用率（\(n) 张）" }
        static let sleepingTile = "睡眠卡（张）"
        static func targetTile(_ target: String) -> String { "年度目标完成率（目标 \(target) 张）" }
        static let colOrg = "单位"
        static let colActivation = "激活率"
        static let colUsage = "使用率"
        static let colLasting = "长期使用率"
        static let colTarget = "年度目标"
        static let targetTitle = "年度发卡目标"
        static let targetBar = "目标"
        static let issuedBar = "已发卡"
        static func targetField(_ year: Int) -> String { "\(year) 年发卡目标（张）" }
        static let targetButton = "保存目标"
        static let targetWhole = "请填写正整数"
        static let sleepingTitle = "睡眠卡跟进名单"
        static let sleepingHint = "发卡后超过规定天数未激活，或超过规定天数未使用的卡，按沉睡时间排列，请联系持卡会员。"
        static let noSleeping = "没有睡眠卡。"
        static let colName = "持卡会员"
        static let colUnit = "所在工会"
        static let colCard = "卡号"
        static let colWhy = "情况"
        static let link = "会员服务卡"
        static let monthsTitle = "近 12 个月"
        static let colMonth = "月份"
        static let colActivated = "已激活（张，累计）"
        static let colUsedInMonth = "当月有使用的卡（张）"
        static let payToCard = "发放到会员服务卡（持有已激活服务卡的会员）"
    }

    /// 我的服务卡 in the portal.
    enum PortalCard {
        static let title = "我的服务卡"
        static let nav = "服务卡"
        static let intro = "工会会员服务卡是与合作银行联名的银行卡，也是您的电子会员证。帮扶救助、送温暖、金秋助学、医疗互助金和劳模津补贴可以直接发到卡上，在签约商户购物、就医、旅游、文体和培训享受优惠。"
        static let none = "您还没有会员服务卡。选择领卡网点即可申领，银行制卡后通知您领取。"
        static let branch = "领卡网点"
        static let branchHint = "填写方便您领取的合作银行网点，如“工行江岸支行”"
        static let apply = "申领服务卡"
        static func stateLine(_ state: String, _ branch: String) -> String { "\(state)（领卡网点：\(branch)）" }
        static func cardLine(_ masked: String, _ issued: String) -> String { "卡号 \(masked)，\(issued) 发卡" }
        static let activate = "激活服务卡"
        static let activateHint = "请先到网点领取实体卡，核对卡号后激活。"
        static func refusedLine(_ reason: String) -> String { "银行未能制卡：\(reason)。可重新申领。" }
        static let servicesTitle = "卡上承载的工会服务"
        static let services = ["困难职工帮扶救助资金", "送温暖慰问金", "金秋助学金", "职工医疗互助金", "小额担保贷款", "劳模津补贴"]
        static let usageTitle = "最近的用卡记录"
        static let noUsage = "还没有用卡记录。"
        static func usageLine(_ on: String, _ merchant: String, _ amount: String, _ discount: String) -> String { "\(on) \(merchant) \(amount) 元（优惠 \(discount) 元）" }
    }
}

extension UI {
    /// 普惠商户 in the console and the portal.
    enum CardMerchants {
        static let title = "普惠商户"
        static let intro = "与工会签约、为持卡会员提供优惠的商户。合同到期前 30 天列入待办，请及时续签或下架。"
        static func worklist(_ days: Int) -> String { "待办：\(days) 天内到期的合同" }
        static let noneExpiring = "近期没有到期的合同。"
        static let allTitle = "全部商户"
        static let none = "还没有签约商户。"
        static let colName = "商户名称"
        static let colCategory = "类别"
        static let colDiscount = "优惠内容"
        static let colContract = "合同"
        static let colUnion = "签约工会"
        static let colState = "状态"
        static func contractLine(_ no: String, _ from: String, _ to: String) -> String { "\(no)（\(from) 至 \(to)）" }
        static let inForce = "有效"
        static let notInForce = "不在合同期"
        static func expiring(_ days: Int) -> String { days == 0 ? "今天到期" : "\(days) 天后到期" }
        static let newTitle = "登记签约商户"
        static let choose = "请选择"
        static let address = "地址"
        static let phone = "联系电话"
        static let discountHint = "如“持卡消费九折”“职工体检套餐八折”"
        static let contractNo = "合同编号"
        static let contractFrom = "合同开始日期"
        static let contractTo = "合同截止日期"
        static let submit = "登记商户"
        static let link = "普惠商户"
        // Portal
        static let nearby = "优惠商户"
        static let city = "城市"
        static let category = "类别"
        static let all = "全部"
        static let find = "查找"
        static let noneNearby = "这里还没有签约商户。"
        static func merchantLine(_ category: String, _ discount: String) -> String { "\(category) · \(discount)" }
        static func addressLine(_ address: String, _ phone: String) -> String { phone.isEmpty ? address : "\(address)，电话 \(phone)" }
        static func contractUntil(_ to: String) -> String { "优惠有效期至 \(to)" }
        static func signedBy(_ org: String) -> String { "签约工会：\(org)" }
    }
}
