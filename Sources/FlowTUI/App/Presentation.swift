/// How the session is shown: what the header says beyond the configuration, and the defaults.
public struct Presentation: Equatable, Sendable {
    /// Demo credentials, shown beside the steps and offered at the sign-on prompt.
    public struct DemoCredentials: Equatable, Sendable {
        public var username: String
        public var password: String
        /// The one-time password the demo simulator "sent" to each MFA device, by device id: shown
        /// in the OTP prompt for the presenter to type.
        public var otps: [String: String]
        /// The password-recovery code the demo simulator "sends" after `password.forgot`: shown in the
        /// recovery prompt.
        public var recoveryCode: String?

        public init(username: String, password: String, otps: [String: String] = [:], recoveryCode: String? = nil) {
            self.username = username
            self.password = password
            self.otps = otps
            self.recoveryCode = recoveryCode
        }
    }

    /// Whether secrets start masked (on for `demo` and for screen sharing).
    public var masksSecrets: Bool
    /// A short name for where the flow runs, such as `demo simulator`; shown in the header.
    public var label: String?
    /// The simulator's demo user, when the flow runs against it.
    public var demoCredentials: DemoCredentials?
    /// Whether TLS certificates go unverified (`--insecure`): always shown in the header.
    public var tlsVerificationDisabled: Bool
    /// Where the session listens for the browser's redirect (a loopback `redirect_uri`), when it
    /// does; without one, a browser sign-on is finished by pasting the callback URL.
    public var callbackListenerURL: String?
    /// A warning to show in the notice line when the session opens (such as the port a loopback
    /// redirect URI without one was given), until the first key.
    public var startNotice: String?
    /// The proxy requests go through (`host:port`), shown in the header; nil when direct.
    public var proxy: String?
    /// The faults the demo's simulator can inject, for `F`; empty against a real server.
    public var faultCatalog: [FaultChoice] = []
    /// The faults armed when the session starts (`--fault`), by name.
    public var armedFaults: [String] = []
    /// `--present`: personal claims (email, name, phone, address…) are masked too.
    public var masksPersonalClaims = false

    /// One fault of the simulator: its name (as `--fault` takes it) and what it does.
    public struct FaultChoice: Equatable, Sendable {
        public var name: String
        public var summary: String

        public init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }
    /// The file a reopened session came from (`authflow open`): the screen is read-only, and the
    /// keys that would send anything say so.
    public var readOnlySource: String?
    /// How many notes the reopened file came with (what it lacks), printed when the UI ends.
    public var readOnlyNoteCount = 0
    /// The reopened file does not show the client's authentication method (no token request):
    /// the header says so instead of naming the default.
    public var clientAuthenticationUnknown = false

    public init(
        masksSecrets: Bool = true, label: String? = nil, demoCredentials: DemoCredentials? = nil,
        tlsVerificationDisabled: Bool = false, callbackListenerURL: String? = nil, proxy: String? = nil
    ) {
        self.masksSecrets = masksSecrets
        self.label = label
        self.demoCredentials = demoCredentials
        self.tlsVerificationDisabled = tlsVerificationDisabled
        self.callbackListenerURL = callbackListenerURL
        self.proxy = proxy
    }
}
