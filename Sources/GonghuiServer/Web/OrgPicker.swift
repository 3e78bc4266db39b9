import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird
import NIOCore

/// 组织选择: a field that takes a union's name or its code. Without JavaScript it is a search
/// step: the form is sent, a code (in any case) or a name that one union bears is taken at once,
/// and a name several unions bear comes back as a list to choose from, with the rest of the form
/// kept. With JavaScript (`PickerScript`, served from the same origin) the field suggests unions
/// as the officer types.
struct OrgPicker: Sendable {
    var reach: OrgService.PickReach
    var holdingMembers: Bool

    /// Every union in the actor's subtree (filters, a handling union).
    static let inScope = OrgPicker(reach: .scope, holdingMembers: false)
    /// A unit of the actor's subtree that members are registered in (a new member's union).
    static let unitInScope = OrgPicker(reach: .scope, holdingMembers: true)
    /// A unit anywhere in the network (a transfer's receiving union).
    static let unitAnywhere = OrgPicker(reach: .network, holdingMembers: true)

    enum Outcome: Equatable {
        /// Nothing typed.
        case empty
        /// The union meant, by its code as stored.
        case code(String)
        /// Several unions bear the name: choose one.
        case choices([OrgChoice])
        /// No union bears the name or the code.
        case problem(String)
    }

    /// How many choices a name may bring back; more, and the officer is asked to type more of it.
    static let maxChoices = 20

    func resolve(_ text: String, store: Store, actor: Actor) async throws -> Outcome {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .empty }
        let found = try await store.orgs.pick(t, reach: reach, holdingMembers: holdingMembers, actor: actor, limit: Self.maxChoices + 1)
        if let exact = found.first(where: { $0.code.lowercased() == t.lowercased() }) { return .code(exact.code) }
        if let named = found.filter({ $0.name == t }).only { return .code(named.code) }
        switch found.count {
        case 0: return .problem(UI.Picker.noneFound(t, units: holdingMembers))
        case 1: return .code(found[0].code)
        case ...Self.maxChoices: return .choices(found)
        default: return .choices(Array(found.prefix(Self.maxChoices)))
        }
    }

    /// Resolves a posted field in place: `text` becomes the code meant; a problem is filed under
    /// `field` (with `missing` when nothing was typed and the field is required); returns the
    /// unions to choose from, empty once one is meant.
    func settle(_ text: inout String, field: String, missing: String? = nil, errors: inout FieldErrors,
                store: Store, actor: Actor) async throws -> [OrgChoice] {
        switch try await resolve(text, store: store, actor: actor) {
        case .code(let code): text = code
        case .choices(let found): return found
        case .problem(let message): errors.add(field, message)
        case .empty: if let missing { errors.add(field, missing) }
        }
        return []
    }

    /// For a field on a page that cannot list choices: the code meant, or the sentence to show
    /// beside the field (the first few unions a name matched, to be typed more fully).
    func settleInline(_ text: String, store: Store, actor: Actor) async throws -> (code: String?, problem: String?) {
        switch try await resolve(text, store: store, actor: actor) {
        case .code(let code): return (code, nil)
        case .choices(let found): return (nil, UI.Picker.several(text, found.prefix(5).map { UI.Picker.named($0.name, code: $0.code) }, count: found.count))
        case .problem(let message): return (nil, message)
        case .empty: return (nil, nil)
        }
    }

    /// Where the type-ahead asks (`/pick/orgs`, or `/my/pick/orgs` in the portal).
    func source(portal: Bool = false) -> String {
        (portal ? "/my/pick/orgs" : "/pick/orgs") + "?reach=\(reach.rawValue)&units=\(holdingMembers ? 1 : 0)"
    }

    /// The field: a search box that takes a name or a code, and, after a name several unions
    /// bear, the list to choose from (radio buttons carrying the code) with a box to type again.
    func field(_ label: String, name: String, value: String, error: String? = nil, hint: String? = nil, required: Bool = false,
               choices: [OrgChoice] = [], portal: Bool = false) -> HTML {
        let list = "\(name)-options"
        let attributes = " list=\"\(list)\" data-pick=\"\(source(portal: portal))\" spellcheck=\"false\""
        guard !choices.isEmpty else {
            return Layout.field(label, name: name, value: value, type: "search", error: error, hint: hint ?? UI.Picker.hint, required: required,
                                autocomplete: "off", attributes: attributes) + "<datalist id=\"\(list)\"></datalist>"
        }
        let options = choices.map { c -> HTML in
            """
            <label class="check"><input type="radio" name="\(name)" value="\(c.code)" required> <span>\(c.name) <span class="muted nw">\(c.code)\(c.parentName.map { UI.Picker.under($0) } ?? "")</span></span></label>
            """
        }
        let more: HTML = choices.count >= Self.maxChoices ? "<p class=\"hint\">\(UI.Picker.tooMany(Self.maxChoices))</p>" : .empty
        return """
        <fieldset class="picker has-error" id="f-\(name)" aria-describedby="\(name)-error">
        <legend>\(label)</legend>
        <p class="field-error" id="\(name)-error">\(error ?? UI.Picker.chooseOne(value, count: choices.count))</p>
        \(options)\(more)
        \(Layout.field(UI.Picker.typeAgain, name: name + Self.againSuffix, value: "", type: "search", autocomplete: "off",
                       attributes: " list=\"\(list)\" data-pick=\"\(source(portal: portal))\" spellcheck=\"false\""))<datalist id="\(list)"></datalist>
        </fieldset>
        """
    }

    /// The box under a list of choices for typing a name or code again.
    static let againSuffix = "_again"

    /// The value of a picker field as sent: a second try typed under the choices wins over the
    /// (then unchosen) list.
    static func typed(_ form: WebForm, _ name: String) -> String {
        let again = form[name + againSuffix]
        return again.isEmpty ? form[name] : again
    }

    /// The same for a filter in a query string.
    static func typed(_ query: PageQuery, _ name: String) -> String {
        let again = query.string(name + againSuffix, maxLength: 64)
        return again.isEmpty ? query.string(name, maxLength: 64) : again
    }

    /// A list's union filter: the code meant, or the choices and the problem to show instead.
    static func filter(_ text: String, store: Store, actor: Actor) async throws -> (code: String, choices: [OrgChoice], problem: String?) {
        switch try await inScope.resolve(text, store: store, actor: actor) {
        case .code(let code): return (code, [], nil)
        case .choices(let found): return (text, found, nil)
        case .problem(let message): return (text, [], message)
        case .empty: return ("", [], nil)
        }
    }

    /// The JSON the type-ahead reads: up to 20 unions for `q`, each with its code, name and the
    /// union above it.
    static func suggestions(_ request: Request, store: Store, actor: Actor, reach fixed: OrgService.PickReach? = nil) async throws -> Response {
        let q = PageQuery(request)
        let reach = fixed ?? OrgService.PickReach(rawValue: q.string("reach")) ?? .scope
        let picker = OrgPicker(reach: reach, holdingMembers: fixed != nil || q.string("units") == "1")
        let found = try await store.orgs.pick(q.string("q", maxLength: 64), reach: picker.reach, holdingMembers: picker.holdingMembers,
                                              actor: actor, limit: maxChoices)
        let items = found.map { ["code": $0.code, "name": $0.name, "parent": $0.parentName ?? ""] }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSONEncoder().encode(items))))
    }
}

extension Array {
    /// The one element, when there is exactly one.
    var only: Element? { count == 1 ? first : nil }
}

/// The console's one script: type-ahead for the union pickers (`OrgPicker`). Pages work without
/// it; it only fills each picker's `<datalist>` from `/pick/orgs` as the officer types.
enum PickerScript {
    static let version = "1"
    static let path = "/assets/gonghui.js?v=\(version)"
    static let js = """
    (function () {
      'use strict';
      var fields = document.querySelectorAll('input[data-pick]');
      Array.prototype.forEach.call(fields, function (input) {
        var list = document.getElementById(input.getAttribute('list'));
        if (!list || !window.fetch) { return; }
        var timer = null, asked = '';
        input.addEventListener('input', function () {
          clearTimeout(timer);
          timer = setTimeout(function () {
            var q = input.value.trim();
            if (q === '' || q === asked) { return; }
            asked = q;
            fetch(input.getAttribute('data-pick') + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
              .then(function (r) { return r.ok ? r.json() : []; })
              .then(function (items) {
                if (input.value.trim() !== q) { return; }
                list.textContent = '';
                items.forEach(function (o) {
                  var option = document.createElement('option');
                  option.value = o.code;
                  option.label = o.name + (o.parent ? ' \\u00b7 ' + o.parent : '');
                  option.textContent = option.label;
                  list.appendChild(option);
                });
              })
              .catch(function () {});
          }, 200);
        });
      });
    })();
    """
}
