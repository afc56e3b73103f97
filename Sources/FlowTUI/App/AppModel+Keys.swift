extension AppModel {
    /// Every key binding, for the help overlay.
    public static let help = HelpOverlay(
        title: "Keys",
        sections: [
            .init(
                "Flow",
                [
                    KeyBinding("n enter", "send / next step"),
                    KeyBinding("e", "edit a parameter"),
                    KeyBinding("0-9 [ ]", "look at a sent step"),
                    KeyBinding("r", "restart: new state, PKCE"),
                    KeyBinding("x", "clear cookies (ST)"),
                    KeyBinding("esc", "cancel / stop / close"),
                ]),
            .init(
                "After the tokens",
                [
                    KeyBinding("u", "UserInfo"),
                    KeyBinding("i", "introspect the token"),
                    KeyBinding("f", "refresh the tokens"),
                    KeyBinding("v", "revoke the token"),
                    KeyBinding("s", "sign off (ends ST)"),
                ]),
            .init(
                "Browser sign-on",
                [
                    KeyBinding("n", "paste the callback URL"),
                    KeyBinding("l", "listen for the redirect"),
                ]),
            .init(
                "View",
                [
                    KeyBinding("tab S-tab", "next / previous pane"),
                    KeyBinding("j k ↑ ↓", "scroll the pane"),
                    KeyBinding("pgup pgdn", "scroll a page"),
                    KeyBinding("g G", "top / bottom"),
                    KeyBinding("m", "mask / show secrets"),
                ]),
            .init(
                "Other",
                [
                    KeyBinding("c", "copy request as curl"),
                    KeyBinding("y", "copy the focused pane"),
                    KeyBinding("?", "this help"),
                    KeyBinding("q", "quit"),
                ]),
        ])

    /// The keys that matter now, for the footer.
    var keyBar: KeyBar {
        var bindings: [KeyBinding] = []
        if overlay != nil {
            switch overlay {
            case .parameterPicker:
                bindings = [KeyBinding("↑↓", "choose"), KeyBinding("enter", "edit"), KeyBinding("esc", "close")]
            case .parameterEditor: bindings = [KeyBinding("enter", "set"), KeyBinding("esc", "back")]
            case .credentials:
                bindings = [
                    KeyBinding("tab", "next field"), KeyBinding("enter", "sign on"), KeyBinding("esc", "close"),
                ]
            case .browserCallback: bindings = [KeyBinding("enter", "use this URL"), KeyBinding("esc", "close")]
            default: bindings = [KeyBinding("esc", "close")]
            }
            return KeyBar(bindings)
        }
        if inFlight != nil {
            bindings.append(KeyBinding("esc", "cancel"))
        } else {
            switch flow.phase {
            case .ready: bindings += [KeyBinding("n", "send"), KeyBinding("e", "edit")]
            case .needsCredentials: bindings.append(KeyBinding("n", "sign on"))
            case .needsBrowserCallback:
                bindings.append(KeyBinding("n", "paste callback"))
                if listening != nil {
                    bindings.append(KeyBinding("esc", "stop listening"))
                } else if canListenForCallback {
                    bindings.append(KeyBinding("l", "listen"))
                }
                bindings.append(KeyBinding("c", "copy URL"))
            case .failed: bindings.append(KeyBinding("n", browserCallbackFailed ? "sign on again" : "retry"))
            case .completed, .waitingForResponse: break
            }
            bindings += followUpBindings
        }
        bindings += [
            KeyBinding("?", "help"), KeyBinding("q", "quit"), KeyBinding("tab", "pane"), KeyBinding(stepKeys, "step"),
            KeyBinding("x", "clear cookies"), KeyBinding("m", isMasked ? "unmask" : "mask"), KeyBinding("r", "restart"),
            KeyBinding("c", "copy curl"),
        ]
        return KeyBar(bindings)
    }

    /// The number keys of the steps listed, such as "1-5", or "0-8" with PAR and follow-ups.
    var stepKeys: String {
        let numbers = listedSteps.map(\.number).filter { $0 <= 9 }
        return "\(numbers.min() ?? 1)-\(numbers.max() ?? 5)"
    }
}
