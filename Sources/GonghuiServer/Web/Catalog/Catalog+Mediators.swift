import GonghuiDomain

/// The words of the mediator roster (调解员名册) and of the mediator fields that offer it.
extension UI {
    enum Mediators {
        static let title = "调解员名册"
        static let link = "调解员名册"
        static func intro(_ org: String) -> String {
            "\(org)的调解员。办理调解时，调解员一栏可从本工会及上级工会的名册中选择；移出名册的调解员保留在历史记录中。"
        }
        static let readOnly = "这是上级工会的名册，由该工会维护。"
        static let orgLabel = "工会代码"
        static let show = "查看"
        static let noMediators = "名册中还没有调解员。"
        static let colName = "姓名"
        static let colRole = "身份"
        static let colSpecialties = "擅长的争议类型"
        static let colPhone = "联系电话"
        static let colMediating = "调解中"
        static let colAgreements = "达成协议"
        static let colStatus = "状态"
        static let colActions = "操作"
        static let active = "在册"
        static let inactive = "已移出"
        static let edit = "修改"
        static let addTitle = "增加调解员"
        static func editTitle(_ name: String) -> String { "修改调解员 \(name)" }
        static let nameLabel = "姓名"
        static let roleLabel = "身份"
        static let phoneLabel = "手机号码"
        static let phoneHint = "选填，供办案人员联系。"
        static let specialtiesLabel = "擅长的争议类型"
        static let noteLabel = "备注"
        static let noteHint = "例如 所在单位、执业证号、可调解的时间。"
        static let activeLabel = "在册（取消勾选即移出名册）"
        static let countsNote = "调解中、达成协议按本工会办理的案件中调解员一栏的姓名统计。"
        static let fieldHint = "可从调解员名册中选择，也可填写工会干部姓名；多人用顿号分隔。"
        static func choiceLabel(_ m: Mediator) -> String { "\(m.role.title) · \(m.orgName)" }
        static let specialtiesSeparator = "、"
    }
}
