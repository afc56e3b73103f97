/// One entry of the main screen's key table: the keys, what they do, and when they do it.
///
/// As lazygit's controllers do (`{Keys, Handler, Description, GetDisabledReason, DisplayOnScreen}`),
/// this one list drives dispatch, the help overlay, the footer and the "not now because…" notice,
/// so the four cannot drift apart; a test checks docs/key-bindings.md against it. Several entries
/// may share a key (esc cancels, else stops listening, else goes back): a key runs the first entry
/// that is enabled now, and when none is, the first entry's reason becomes the notice.
struct Binding: Sendable {
    /// Where an entry is listed: its section of the help overlay and of docs/key-bindings.md.
    enum Section: CaseIterable, Sendable {
        case flow, followUps, browserSignOn, view, other

        /// The section's title in the help overlay.
        var helpTitle: String {
            switch self {
            case .flow: "Flow"
            case .followUps: "After the tokens"
            case .browserSignOn: "Browser sign-on"
            case .view: "View"
            case .other: "Other"
            }
        }

        /// The heading the section's keys are documented under in docs/key-bindings.md.
        var docHeading: String {
            switch self {
            case .followUps: "Follow-up steps"
            default: helpTitle
            }
        }
    }

    /// The keys that run it.
    var keys: [Key]
    var section: Section
    /// Its row in the help overlay (the keys as written, what they do), or nil when another
    /// entry's row already says it.
    var help: KeyBinding?
    /// Where its hint goes in the footer: lower comes first; equal keeps the table's order.
    var footerPriority: Int
    /// Its hint in the footer now, or nil to leave it out (a disabled entry is always left out).
    var footer: @Sendable (AppModel) -> KeyBinding?
    /// Why it does nothing now, shown as the notice when its key is pressed; nil when enabled.
    var disabledReason: @Sendable (AppModel) -> String?
    /// What it does, given the key that ran it.
    var action: @Sendable (inout AppModel, Key) -> AppCommand

    init(
        _ keys: [Key], section: Section, help: KeyBinding?, footerPriority: Int = Int.max,
        footer: @escaping @Sendable (AppModel) -> KeyBinding? = { _ in nil },
        disabledReason: @escaping @Sendable (AppModel) -> String? = { _ in nil },
        action: @escaping @Sendable (inout AppModel, Key) -> AppCommand
    ) {
        self.keys = keys
        self.section = section
        self.help = help
        self.footerPriority = footerPriority
        self.footer = footer
        self.disabledReason = disabledReason
        self.action = action
    }

    /// An entry whose footer hint is fixed.
    init(
        _ keys: [Key], section: Section, help: KeyBinding?, footer hint: KeyBinding, footerPriority: Int,
        disabledReason: @escaping @Sendable (AppModel) -> String? = { _ in nil },
        action: @escaping @Sendable (inout AppModel, Key) -> AppCommand
    ) {
        self.init(
            keys, section: section, help: help, footerPriority: footerPriority, footer: { _ in hint },
            disabledReason: disabledReason, action: action)
    }

    /// Whether it applies now.
    func isEnabled(_ model: AppModel) -> Bool { disabledReason(model) == nil }
}
