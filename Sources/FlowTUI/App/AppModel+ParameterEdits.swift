import FlowEngine
import Foundation

/// The parameter picker's edits beyond a value: add a parameter (`a`), remove one (`d`), change
/// the client authentication method (`A`), and the PKCE verifier shown when the screen is unmasked.
extension AppModel {
    /// Names offered when adding a parameter; any other name may be typed.
    static let suggestedParameters = ["prompt", "login_hint", "acr_values", "max_age"]

    /// Keys of the parameter picker that are not moving or opening the editor; nil when the key is not one.
    mutating func handleParameterPickerEdit(_ key: Key, selected: Int) -> AppCommand? {
        switch key {
        case .character("a"):
            guard flow.readyStepSendsEveryParameter else {
                notice = "This request sends only the parameters it names: edit their values instead."
                return AppCommand.none
            }
            overlay = .parameterName(field: TextField(label: "name"))
            return AppCommand.none
        case .character("d"), .delete:
            guard flow.readyStepSendsEveryParameter else {
                notice = "This request sends only the parameters it names: edit their values instead."
                return AppCommand.none
            }
            guard flow.draft.indices.contains(selected) else { return AppCommand.none }
            let name = flow.draft[selected].name
            flow.removeParameter(name)
            notice = "\(name) removed: n sends the edited request."
            overlay =
                flow.draft.isEmpty ? nil : .parameterPicker(selected: min(selected, max(0, flow.draft.count - 1)))
            return AppCommand.none
        case .character("A"):
            let methods = flow.availableClientAuthentications
            guard flow.readyStepAuthenticatesClient, methods.count > 1 else {
                notice =
                    flow.readyStepAuthenticatesClient
                    ? "No other client authentication method is configured (a secret or --key is needed)."
                    : "This request does not authenticate the client."
                return AppCommand.none
            }
            let current = methods.firstIndex(of: flow.configuration.clientAuthentication) ?? -1
            let next = methods[(current + 1) % methods.count]
            flow.changeClientAuthentication(to: next)
            notice = "Client authentication \(next.rawValue): n sends the edited request."
            return AppCommand.none
        default:
            return nil
        }
    }

    /// Keys while typing the name of a parameter to add.
    mutating func handleParameterNameKey(_ key: Key, field: TextField) {
        var field = field
        switch field.handle(key) {
        case .submitted(let name):
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else {
                overlay = .parameterName(field: field)
                return
            }
            let existing = flow.draft.first { $0.name == trimmed }?.value ?? ""
            overlay = .parameterEditor(
                name: trimmed,
                field: TextField(label: trimmed, text: existing, isMasked: editorMasks(trimmed)))
        case .cancelled:
            overlay = .parameterPicker(selected: 0)
        case .edited, .moved, .ignored:
            overlay = .parameterName(field: field)
        }
    }

    /// Whether the editor hides a parameter's value: secrets always, except the PKCE verifier,
    /// which shows when the screen is unmasked (to compare it with the challenge sent).
    func editorMasks(_ name: String) -> Bool {
        guard Self.isSecretParameter(name) else { return false }
        return name == "code_verifier" ? isMasked : true
    }

    /// The picker's lines under the parameters: the auth method, and the PKCE verifier.
    var parameterPickerNotes: [StyledLine] {
        var notes: [StyledLine] = []
        if flow.readyStepAuthenticatesClient {
            notes.append(
                StyledLine([
                    Span("client auth ".padding(toWidth: 20), style: .bold),
                    Span(flow.configuration.clientAuthentication.rawValue),
                    Span("  A changes", style: .dim),
                ]))
        }
        if let pkce = flow.pkce,
            flow.draft.contains(where: { $0.name == "code_challenge" || $0.name == "code_verifier" })
        {
            notes.append(
                StyledLine([
                    Span("PKCE verifier ".padding(toWidth: 20), style: .bold),
                    Span(isMasked ? Redactor.mask + "  (m shows it)" : safe.line(pkce.verifier)),
                ]))
        }
        return notes
    }

    /// The name prompt for a new parameter, with the usual ones suggested.
    func renderParameterName(_ field: TextField, into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width - 4, 72)
        let box = dialogBox(lineCount: 3, width: width, in: area)
        drawDialogFrame(title: "Add a parameter", box: box, footer: "enter next · esc back", into: &canvas)
        canvas.draw(
            "for example " + Self.suggestedParameters.joined(separator: ", ") + ", or any name",
            x: box.x + 2, y: box.y + 2, width: box.width - 4, style: .dim, ellipsis: true)
        field.render(into: &canvas, x: box.x + 2, y: box.y + 4, width: box.width - 4)
    }
}
