extension AppModel {
    /// Every key binding, for the help overlay.
    public static let help = HelpOverlay(title: "Keys", sections: [
        .init("Flow", [
            KeyBinding("n enter", "send the request / next step"),
            KeyBinding("e", "edit a parameter"),
            KeyBinding("1 … 5", "look at an earlier step"),
            KeyBinding("r", "restart: new state, nonce, PKCE"),
            KeyBinding("x", "clear cookies (the ST session)"),
            KeyBinding("esc", "cancel the request / close"),
        ]),
        .init("View", [
            KeyBinding("tab shift-tab", "next / previous pane"),
            KeyBinding("j k ↑ ↓", "scroll the focused pane"),
            KeyBinding("pgup pgdn", "scroll a page"),
            KeyBinding("g G", "top / bottom"),
            KeyBinding("m", "mask or show secrets"),
        ]),
        .init("Other", [
            KeyBinding("c", "copy the request as curl"),
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
            case .parameterPicker: bindings = [KeyBinding("↑↓", "choose"), KeyBinding("enter", "edit"), KeyBinding("esc", "close")]
            case .parameterEditor: bindings = [KeyBinding("enter", "set"), KeyBinding("esc", "back")]
            case .credentials: bindings = [KeyBinding("tab", "next field"), KeyBinding("enter", "sign on"), KeyBinding("esc", "close")]
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
            case .needsBrowserCallback: bindings.append(KeyBinding("n", "paste callback"))
            case .failed: bindings.append(KeyBinding("n", "retry"))
            case .completed, .waitingForResponse: break
            }
        }
        bindings += [
            KeyBinding("?", "help"), KeyBinding("q", "quit"), KeyBinding("tab", "pane"), KeyBinding("1-5", "step"),
            KeyBinding("x", "clear cookies"), KeyBinding("m", isMasked ? "unmask" : "mask"), KeyBinding("r", "restart"),
            KeyBinding("c", "copy curl"),
        ]
        return KeyBar(bindings)
    }
}
