import FlowEngine

extension Binding {
    /// Every key of the main screen (no overlay open), in the help overlay's order within each section.
    static let mainScreen: [Binding] =
        flow + [cancelPush, forgotPassword] + attempts
        + AppModel.followUpKeys.map { followUp(key: $0.key, step: $0.step) }
        + browserSignOn + view + reading + other

    // MARK: - Flow

    static let flow: [Binding] = [
        Binding(
            [.character("n"), .enter], section: .flow, help: KeyBinding("n enter", "send / next step"),
            footerPriority: 20, footer: { $0.advanceHint },
            disabledReason: { model in
                if let reason = model.searchReason { return reason }
                if let reason = model.inFlightReason { return reason }
                if model.awaitsBrowserCallback { return "Sign-on happens in a browser: n pastes the callback URL." }
                return nil
            },
            action: { model, _ in model.advance() }),
        Binding(
            [.character("e")], section: .flow, help: KeyBinding("e", "edit a parameter"),
            footer: KeyBinding("e", "edit"), footerPriority: 30, disabledReason: { $0.editDisabledReason },
            action: { model, _ in
                model.openParameterPicker()
                return .none
            }),
        Binding(
            (0...9).map { .character(Character(String($0))) } + [.character("["), .character("]")],
            section: .flow, help: KeyBinding("0-9 [ ]", "look at a sent step"),
            footerPriority: 130, footer: { KeyBinding($0.stepKeys, "step") },
            action: { model, key in
                switch key {
                case .character("["): model.viewNeighbour(forward: false)
                case .character("]"): model.viewNeighbour(forward: true)
                case .character(let digit): model.view(stepNumber: Int(String(digit)) ?? 0)
                default: break
                }
                return .none
            }),
        Binding(
            [.character("r")], section: .flow, help: KeyBinding("r", "restart: new state, PKCE"),
            footerPriority: 160, footer: { $0.restartReason == nil ? KeyBinding("r", "restart") : nil },
            action: { model, _ in model.restart() }),
        Binding(
            [.character("x")], section: .flow, help: KeyBinding("x", "clear cookies (ST)"),
            footer: KeyBinding("x", "clear cookies"), footerPriority: 140,
            action: { model, _ in
                model.clearCookies()
                return .none
            }),
        Binding(
            [.escape], section: .flow, help: KeyBinding("esc", "cancel / stop / close"),
            footer: KeyBinding("esc", "cancel"), footerPriority: 10,
            disabledReason: { $0.inFlight == nil ? "No request is in flight." : nil },
            action: { model, _ in model.cancelRequest() }),
        Binding(
            [.escape], section: .browserSignOn, help: nil,
            footer: KeyBinding("esc", "stop listening"), footerPriority: 40,
            disabledReason: { model in
                if model.inFlight != nil { return "A request is in flight: esc cancels it." }
                return model.listening == nil ? "authflow is not listening for the browser's redirect." : nil
            },
            action: { model, _ in model.stopListening() }),
        Binding(
            [.escape], section: .flow, help: nil,
            disabledReason: { model in
                if model.inFlight != nil || model.listening != nil { return "esc cancels or stops listening first." }
                return model.search == nil ? nil : "esc ends the search first."
            },
            action: { model, _ in
                model.goBackToTheFlow()
                return .none
            }),
    ]

    // MARK: - Follow-ups

    /// u, i, f, v, s: build a follow-up step's request, for `n` to send.
    static func followUp(key: Character, step: FlowStep) -> Binding {
        let help: String
        switch step {
        case .userInfo: help = "UserInfo"
        case .introspect: help = "introspect the token"
        case .refresh: help = "refresh the tokens"
        case .revoke: help = "revoke the token"
        case .signOff: help = "sign off (ends ST)"
        default: help = step.title
        }
        return Binding(
            [.character(key)], section: .followUps, help: KeyBinding(String(key), help), footerPriority: 60,
            // Each on its own once the flow completed, else one hint for all (adjacent hints with
            // the same label share it: "u i f v s follow-up").
            footer: { model in
                KeyBinding(String(key), model.flow.phase == .completed ? AppModel.shortName(step) : "follow-up")
            },
            disabledReason: { $0.followUpDisabledReason(step) },
            action: { model, _ in model.chooseFollowUp(step) })
    }

    // MARK: - Browser sign-on

    static let browserSignOn: [Binding] = [
        Binding(
            [.character("n"), .enter], section: .browserSignOn, help: KeyBinding("n", "paste the callback URL"),
            footer: KeyBinding("n", "paste callback"), footerPriority: 20,
            disabledReason: { model in
                if let reason = model.inFlightReason { return reason }
                if let reason = model.searchReason { return reason }
                return model.awaitsBrowserCallback ? nil : "The flow is not waiting for a browser's callback."
            },
            action: { model, _ in
                model.openCallbackPrompt()
                return .none
            }),
        Binding(
            [.character("l")], section: .browserSignOn, help: KeyBinding("l", "listen for the redirect"),
            footer: KeyBinding("l", "listen"), footerPriority: 40, disabledReason: { $0.listenDisabledReason },
            action: { model, _ in model.listenAgain() }),
        Binding(
            [.character("c")], section: .browserSignOn, help: nil,
            footer: KeyBinding("c", "copy URL"), footerPriority: 50,
            disabledReason: { $0.authorizeURLToCopy == nil ? "The flow is not waiting for a browser's sign-on." : nil },
            action: { model, _ in
                // The browser sends this request: what the user needs is the URL itself.
                guard let url = model.authorizeURLToCopy else { return .none }
                return .copy(TerminalSafe.line(model.redactor.redact(url)))
            }),
    ]

    // MARK: - View

    static let view: [Binding] = [
        Binding(
            [.tab, .backTab], section: .view, help: KeyBinding("tab S-tab", "next / previous pane"),
            footer: KeyBinding("tab", "pane"), footerPriority: 120,
            action: { model, key in
                model.focus = key == .tab ? model.focus.next : model.focus.previous
                return .none
            }),
        scrolling([.character("j"), .character("k"), .up, .down], help: KeyBinding("j k ↑ ↓", "scroll the pane")),
        scrolling(
            [.pageUp, .pageDown, .control("f"), .control("b"), .character(" ")],
            help: KeyBinding("pgup pgdn", "scroll a page")),
        scrolling([.character("g"), .character("G"), .home, .end], help: KeyBinding("g G", "top / bottom")),
        Binding(
            [.character("m")], section: .view, help: KeyBinding("m", "mask / show secrets"),
            footerPriority: 150, footer: { KeyBinding("m", $0.isMasked ? "unmask" : "mask") },
            action: { model, _ in
                model.toggleMask()
                return .none
            }),
    ]

    /// Keys that scroll the focused pane (``TextView`` says how far).
    static func scrolling(_ keys: [Key], help: KeyBinding) -> Binding {
        Binding(
            keys, section: .view, help: help,
            action: { model, key in
                model.scrollFocused(key)
                return .none
            })
    }

    // MARK: - Other

    static let other: [Binding] =
        [
            Binding(
                [.character("c")], section: .other, help: KeyBinding("c", "copy request as curl"),
                footer: KeyBinding("c", "copy curl"), footerPriority: 170,
                disabledReason: { $0.authorizeURLToCopy == nil ? nil : "c copies the authorize URL now." },
                action: { model, _ in model.copyShownRequestAsCurl() })
        ] + copying + [
            Binding(
                [.character("t")], section: .other, help: KeyBinding("t", "timeline of exchanges"),
                action: { model, _ in
                    model.overlay = .timeline
                    return .none
                }),
            Binding(
                [.character("F")], section: .other, help: KeyBinding("F", "simulator faults (demo)"),
                footerPriority: 155,
                footer: { $0.presentation.faultCatalog.isEmpty ? nil : KeyBinding("F", "fault") },
                disabledReason: { $0.faultPickerDisabledReason },
                action: { model, _ in
                    model.openFaultPicker()
                    return .none
                }),
            Binding(
                [.character("w")], section: .other, help: KeyBinding("w", "save the session"),
                action: { model, _ in
                    model.openSavePrompt()
                    return .none
                }),
            Binding(
                [.character("?"), .function(1)], section: .other, help: KeyBinding("?", "this help"),
                footer: KeyBinding("?", "help"), footerPriority: 100,
                action: { model, _ in
                    model.overlay = .help
                    return .none
                }),
            Binding(
                [.character("q")], section: .other, help: KeyBinding("q", "quit"),
                footer: KeyBinding("q", "quit"), footerPriority: 110,
                action: { _, _ in .quit }),
        ]
}
