import Foundation

/// The login page and the password page, rendered from their models.
enum AccountViews {
    typealias A = UI.Auth

    static func login(_ m: LoginPageModel) -> HTML {
        let flashHTML: HTML = Layout.flash(m.flash)
        return """
        \(flashHTML)
        \(Layout.formErrors(m.errors))
        <form method="post" action="/login" class="card">
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="next" value="\(m.next)">
        \(Layout.field(A.username, name: "username", value: m.username, error: m.errors["username"], required: true, autocomplete: "username"))
        \(Layout.field(A.password, name: "password", type: "password", error: m.errors["password"], required: true, autocomplete: "current-password"))
        <button type="submit">\(A.login)</button>
        </form>
        <p class="muted">\(A.workersGoTo)<a href="/my/">\(UI.portalName)</a>\(A.fullStop)</p>
        """
    }

    static func password(_ m: PasswordPageModel) -> HTML {
        """
        \(Layout.formErrors(m.errors))
        <form method="post" action="/account/password" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.field(A.currentPassword, name: "current_password", type: "password", error: m.errors["current_password"], required: true, autocomplete: "current-password"))
        \(Layout.field(A.newPassword, name: "new_password", type: "password", error: m.errors["new_password"], hint: A.newPasswordHint, required: true, autocomplete: "new-password"))
        \(Layout.field(A.newPasswordAgain, name: "new_password_again", type: "password", error: m.errors["new_password_again"], required: true, autocomplete: "new-password"))
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }
}
