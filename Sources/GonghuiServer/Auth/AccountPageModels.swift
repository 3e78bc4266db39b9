import Foundation

/// The login page: the name typed (never the password), where to go afterwards, the problems
/// and the flash message.
struct LoginPageModel {
    var username: String
    var next: String
    var errors = FieldErrors()
    var flash: String?
    /// The token of forms shown before signing in.
    var csrf: String?

    init(form: LoginForm, errors: FieldErrors = FieldErrors(), flash: String? = nil) {
        username = form.username
        next = form.next
        self.errors = errors
        self.flash = flash
    }
}

/// The page changing one's password.
struct PasswordPageModel {
    var errors: FieldErrors
    var csrf: String?
    var flash: String?
}
