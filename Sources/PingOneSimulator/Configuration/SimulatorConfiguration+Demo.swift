extension SimulatorConfiguration {
    /// The built-in environment used by `authflow demo`: a confidential web app, a public SPA, and users
    /// for a plain sign-on (`demo`), MFA with an email OTP and a TOTP device (`mfa`) and a temporary
    /// password (`temp`).
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
        ],
        faults: []
    )

    private static let demoRedirectURIs = [
        "http://127.0.0.1/callback",
        "http://localhost/callback",
        "https://app.example.com/callback",
    ]
}
