import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// A warning the session starts with (the port given to a loopback redirect URI without one) is on
/// screen before the browser is sent anywhere.
@Suite struct StartNoticeTests {
    @Test func theRedirectURIPortWarningIsShownAtStart() {
        var presentation = DemoFlow.presentation
        presentation.startNotice =
            "! the redirect URI has no port: authorize sends http://127.0.0.1:51234/callback, the port listened on"
        let model = AppModel(
            flow: DemoFlow.flow(), presentation: presentation, size: Size(columns: 160, rows: 40), now: DemoFlow.start)
        #expect(model.notice == presentation.startNotice)
        // The step column wraps it; its words are on screen.
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("redirect") && screen.contains("no port"), "\(screen)")
        #expect(DemoFlow.model().notice == nil, "no warning, no notice")
    }
}
