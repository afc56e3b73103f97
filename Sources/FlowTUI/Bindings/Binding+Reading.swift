extension Binding {
    /// Keys for reading long things: zoom, search, attempts, copying a value or the body.
    static let reading: [Binding] = [
        Binding(
            [.character("z")], section: .view, help: KeyBinding("z", "zoom the pane / back"),
            footerPriority: 132, footer: { KeyBinding("z", $0.isZoomed ? "unzoom" : "zoom") },
            action: { model, _ in
                model.toggleZoom()
                return .none
            }),
        Binding(
            [.character("/")], section: .view, help: KeyBinding("/", "search the focused pane"),
            footer: KeyBinding("/", "search"), footerPriority: 133,
            action: { model, _ in
                model.openSearch()
                return .none
            }),
        Binding(
            [.character("n"), .character("N")], section: .view, help: KeyBinding("n N", "next / previous match"),
            footerPriority: 5,
            footer: { model in
                guard let search = model.search, let index = search.matchIndex else { return nil }
                return KeyBinding("n N", "match \(index + 1)/\(search.matchCount)")
            },
            disabledReason: { $0.search == nil ? "No search is on: / searches the focused pane." : nil },
            action: { model, key in
                model.moveToMatch(forward: key == .character("n"))
                return .none
            }),
        Binding(
            [.escape], section: .view, help: nil,
            footer: KeyBinding("esc", "end search"), footerPriority: 6,
            disabledReason: { $0.search == nil ? "No search is on." : nil },
            action: { model, _ in
                model.endSearch()
                return .none
            }),
    ]

    /// `<` `>`: the attempts of the step shown.
    static let attempts: [Binding] = [
        Binding(
            [.character("<"), .character(">")], section: .flow, help: KeyBinding("< >", "earlier / later attempt"),
            footerPriority: 135,
            footer: { model in model.shownStepAttempts.count > 1 ? KeyBinding("< >", "attempt") : nil },
            action: { model, key in
                model.viewAttempt(forward: key == .character(">"))
                return .none
            })
    ]

    /// `y`, `Y`: copy the selected line's whole value, or the response body.
    static let copying: [Binding] = [
        Binding(
            [.character("y")], section: .other, help: KeyBinding("y", "copy the selected value"),
            action: { model, _ in model.copySelectedValue() }),
        Binding(
            [.character("Y")], section: .other, help: KeyBinding("Y", "copy the response body"),
            action: { model, _ in model.copyResponseBody() }),
    ]
}

extension AppModel {
    /// Why a flow key (`n`, esc) gives way to the search while one is on.
    var searchReason: String? {
        search == nil ? nil : "While a search is on, n N move between matches: esc ends it, then n sends again."
    }
}
