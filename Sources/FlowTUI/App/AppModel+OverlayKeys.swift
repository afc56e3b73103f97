import FlowEngine

extension AppModel {
    /// Keys while an overlay is open: the overlay takes them all.
    mutating func handleOverlayKey(_ key: Key) -> AppCommand {
        guard let overlay else { return .none }
        switch overlay {
        case .help:
            switch key {
            case .escape, .character("?"), .character("q"), .enter, .function(1): self.overlay = nil
            default: break
            }
        case .parameterPicker(let selected):
            let count = flow.draft.count
            switch key {
            case .escape, .character("q"):
                self.overlay = nil
            case .up, .character("k"):
                self.overlay = .parameterPicker(selected: max(0, selected - 1))
            case .down, .character("j"):
                self.overlay = .parameterPicker(selected: min(count - 1, selected + 1))
            case .enter, .character("e"):
                guard flow.draft.indices.contains(selected) else {
                    self.overlay = nil
                    break
                }
                let parameter = flow.draft[selected]
                let field = TextField(
                    label: parameter.name, text: parameter.value, isMasked: editorMasks(parameter.name))
                self.overlay = .parameterEditor(name: parameter.name, field: field)
            default:
                if let command = handleParameterPickerEdit(key, selected: selected) { return command }
            }
        case .parameterName(let field):
            handleParameterNameKey(key, field: field)
        case .parameterEditor(let name, var field):
            switch field.handle(key) {
            case .submitted(let value):
                flow.editParameter(name, to: value)
                notice = "\(name) changed: n sends the edited request."
                self.overlay = nil
            case .cancelled:
                self.overlay = .parameterPicker(selected: flow.draft.firstIndex { $0.name == name } ?? 0)
            case .edited, .moved, .ignored:
                self.overlay = .parameterEditor(name: name, field: field)
            }
        case .credentials(var form):
            switch form.handle(key) {
            case .submitted(let code, let newPassword) where form.input == .recoveryCode:
                self.overlay = nil
                notice = "Recovery code and new password set: n sends password.recover."
                return follow(flow.enterRecovery(code: code, newPassword: newPassword))
            case .submitted(let username, let password):
                self.overlay = nil
                notice = "Credentials set: n sends them to the Flow API."
                return follow(flow.enterCredentials(username: username, password: password))
            case .answered(let answer):
                self.overlay = nil
                return answerSignOn(form.input, answer)
            case .cancelled:
                self.overlay = nil
            case .edited:
                self.overlay = .credentials(form)
            }
        case .browserCallback(let url, var field):
            switch field.handle(key) {
            case .submitted(let callback):
                self.overlay = nil
                return follow(flow.receiveCallback(callback, at: now))
            case .cancelled:
                self.overlay = nil
            case .edited, .moved, .ignored:
                self.overlay = .browserCallback(authorizeURL: url, field: field)
            }
        case .faultPicker(let selected):
            return handleFaultPickerKey(key, selected: selected)
        case .timeline:
            switch key {
            case .escape, .character("t"), .character("q"), .enter: self.overlay = nil
            default: break
            }
        case .saveSession(var field):
            switch field.handle(key) {
            case .submitted(let name):
                self.overlay = .saveSession(field: field)
                return save(to: name)
            case .cancelled:
                self.overlay = nil
            case .edited, .moved, .ignored:
                self.overlay = .saveSession(field: field)
            }
        }
        return .none
    }
}
