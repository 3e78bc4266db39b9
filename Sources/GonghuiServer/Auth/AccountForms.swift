import Foundation

/// The login form: a name, a password and where to go afterwards.
struct LoginForm {
    var username: String
    var password = ""
    /// The page asked for before signing in.
    var next: String

    struct Parsed {
        var username: String
        var password: String
    }

    init(username: String, next: String) {
        self.username = username
        self.next = next
    }

    init(_ form: WebForm) {
        username = form["username"]
        password = form.raw("password")
        next = form["next"]
    }

    /// The name and password to try, cut to the lengths the store accepts.
    func parse(into errors: inout FieldErrors) -> Parsed? {
        if username.isEmpty { errors.add("username", UI.Auth.usernameMissing) }
        if password.isEmpty { errors.add("password", UI.Auth.passwordMissing) }
        guard errors.isEmpty else { return nil }
        return Parsed(username: String(username.prefix(64)), password: String(password.prefix(256)))
    }
}

/// Changing one's own password: the current one and the new one twice.
struct PasswordForm {
    var current: String
    var new: String
    var again: String

    struct Parsed {
        var current: String
        var new: String
    }

    init(_ form: WebForm) {
        current = form.raw("current_password")
        new = form.raw("new_password")
        again = form.raw("new_password_again")
    }

    func parse(into errors: inout FieldErrors) -> Parsed? {
        if current.isEmpty { errors.add("current_password", UI.Auth.currentPasswordMissing) }
        if new.isEmpty { errors.add("new_password", UI.Auth.newPasswordMissing) }
        if new != again { errors.add("new_password_again", UI.Auth.newPasswordsDiffer) }
        guard errors.isEmpty else { return nil }
        return Parsed(current: String(current.prefix(256)), new: String(new.prefix(256)))
    }
}
