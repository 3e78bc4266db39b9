import Foundation

extension UI {
    /// The words of signing in (工作人员登录) and of changing one's password.
    enum Auth {
        static let loginTitle = "工作人员登录"
        static let username = "用户名"
        static let password = "密码"
        static let login = "登录"
        static let usernameMissing = "请输入用户名"
        static let passwordMissing = "请输入密码"
        static let workersGoTo = "职工本人请前往 "
        static let fullStop = "。"
        static let currentPassword = "当前密码"
        static let newPassword = "新密码"
        static let newPasswordHint = "至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类"
        static let newPasswordAgain = "再次输入新密码"
        static let currentPasswordMissing = "请输入当前密码"
        static let newPasswordMissing = "请输入新密码"
        static let newPasswordsDiffer = "两次输入的新密码不一致"
    }
}
