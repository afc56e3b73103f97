extension SimulatorConfiguration {
    /// The password-recovery code the simulator "sends" to every user after `password.forgot`, fixed
    /// so a presenter can read it. UNCONFIRMED: the format of PingOne's recovery codes.
    public static let demoRecoveryCode = "362918"

    /// The built-in environment used by `authflow demo`: a confidential web app, a public SPA, and users
    /// for a plain sign-on (`demo`), MFA with an email OTP and a TOTP device (`mfa`) and a temporary
    /// password (`temp`), a push approved on the third poll (`push`, with an email OTP as the other device)
    /// a push that is never approved and times out after 3 seconds (`pushtimeout`), an expired password (`expired`) and an account locked
    /// for an hour from the start (`locked`).
    public static let demo = SimulatorConfiguration(
        environmentID: "5caa81af-ec05-41ff-a709-c7378007a99c",
        organizationID: "b7e1c3d2-5f4a-4e6b-9c8d-0a1b2c3d4e5f",
        region: "NA",
        applications: [
            SimulatedApplication(
                id: "724ec718-c41c-4d51-98b0-84a583f450f9",
                name: "authflow demo web app",
                secret: "demo-secret-7Hq2",
                tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
                pkceEnforcement: "OPTIONAL",
                redirectURIs: demoRedirectURIs,
                refreshTokenType: "JSON_WEB_TOKEN"
            ),
            SimulatedApplication(
                id: "9b1f5a2e-3c4d-4e8f-a1b2-c3d4e5f60718",
                name: "authflow demo SPA",
                secret: nil,
                tokenEndpointAuthMethod: "NONE",
                pkceEnforcement: "S256_REQUIRED",
                redirectURIs: demoRedirectURIs,
                refreshTokenType: "JSON_WEB_TOKEN"
            ),
        ],
        users: [
            SimulatedUser(
                id: "e2a4c6f8-1b3d-4f5a-8c7e-9d0f1a2b3c4d",
                username: "demo",
                password: "2Federate!",
                givenName: "Demo",
                familyName: "User",
                email: "demo@example.com"
            ),
            SimulatedUser(
                id: "7c1e9a3b-5d2f-4a6e-8b0c-1d3e5f7a9b2c",
                username: "mfa",
                password: "2Federate!",
                givenName: "Multi",
                familyName: "Factor",
                email: "mfa@example.com",
                devices: [
                    SimulatedDevice(
                        id: "3d9dd925-6b1c-4e2a-9f8d-7c6b5a4e3d2c", type: "EMAIL", address: "mfa@example.com",
                        otp: "428913"),
                    SimulatedDevice(id: "a8f2c4e6-0b1d-4c3e-8f5a-6b7c8d9e0f1a", type: "TOTP", otp: "771204"),
                ]
            ),
            SimulatedUser(
                id: "4f6a8c0e-2b4d-4e6f-9a1b-3c5d7e9f1a2b",
                username: "temp",
                password: "Temp-1234",
                givenName: "Temporary",
                familyName: "Password",
                email: "temp@example.com",
                mustChangePassword: true
            ),
            SimulatedUser(
                id: "5a7c9e1a-3b5d-4f7b-9d1f-7b9d1f3b5d7b",
                username: "expired",
                password: "Expired-1234",
                givenName: "Expired",
                familyName: "Password",
                email: "expired@example.com",
                passwordExpired: true
            ),
            SimulatedUser(
                id: "b8d0f2b4-6c8e-4a0c-8e2a-4c6e8a0c2e4a",
                username: "locked",
                password: "2Federate!",
                givenName: "Locked",
                familyName: "Out",
                email: "locked@example.com",
                lockedForSeconds: 3600
            ),
            SimulatedUser(
                id: "c3e5a7b9-1d2f-4a6c-8e0b-5f7a9c1e3d5b",
                username: "push",
                password: "2Federate!",
                givenName: "Push",
                familyName: "Approver",
                email: "push@example.com",
                devices: [
                    SimulatedDevice(
                        id: "6e8a0c2e-4b6d-4f8a-9c1e-3a5b7d9f1c3e", type: "MOBILE", otp: "", isDefault: true,
                        pushApprovedOnPoll: 3),
                    SimulatedDevice(
                        id: "0f2b4d6f-8a1c-4e3a-b5c7-9d1f3b5d7f9a", type: "EMAIL", address: "push@example.com",
                        otp: "615047"),
                ]
            ),
            SimulatedUser(
                id: "d4f6b8d0-2e3a-4b7d-9f1c-6a8b0d2f4e6c",
                username: "pushtimeout",
                password: "2Federate!",
                givenName: "Push",
                familyName: "Unanswered",
                email: "pushtimeout@example.com",
                devices: [
                    SimulatedDevice(
                        id: "9a1c3e5a-7b9d-4f1b-8d3f-5b7d9f1b3d5f", type: "MOBILE", otp: "", pushTimeoutSeconds: 3)
                ]
            ),
            SimulatedUser(
                id: "e5a7c9e1-3f5b-4d7f-a1c3-7e9b1d3f5a7c",
                username: "fido",
                password: "2Federate!",
                givenName: "Fido",
                familyName: "Keyholder",
                email: "fido@example.com",
                devices: [
                    SimulatedDevice(
                        id: "2b4d6f8a-0c1e-4a3c-9e5b-7d9f1b3d5e7a", type: "SECURITY_KEY", otp: "", isDefault: true)
                ]
            ),
        ],
        faults: []
    )

    private static let demoRedirectURIs = [
        "http://127.0.0.1/callback",
        "http://localhost/callback",
        "https://app.example.com/callback",
    ]
}
