import Foundation
import HTTPTypes
import Hummingbird

/// The CSRF token of forms shown before signing in: a random value in a cookie and in the form
/// (double submit); a page from another site can read neither.
enum PreLogin {
    static func token(_ request: Request, secure: Bool) -> (String, HTTPFields) {
        if let existing = request.cookies[Web.preCookie]?.value, existing.count >= 16, existing.count <= 64 {
            return (existing, [:])
        }
        var g = SystemRandomNumberGenerator()
        let token = (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
        var headers = HTTPFields()
        headers[.setCookie] = Web.cookie(Web.preCookie, token, maxAge: 3600, secure: secure, sameSite: "Strict")
        return (token, headers)
    }
}
