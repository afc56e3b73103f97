extension TimeText {
    /// A duration in the largest whole unit, for skews and ages: `45 s`, `59 m`, `3 h`, `2 d`.
    public static func duration(_ seconds: Double) -> String {
        // Clamped so no outside value can trap the conversion.
        let whole = seconds.isFinite ? Int64(min(abs(seconds), 9e15).rounded(.towardZero)) : 0
        switch whole {
        case ..<60: return "\(whole) s"
        case ..<3600: return "\(whole / 60) m"
        case ..<172_800: return "\(whole / 3600) h"
        default: return "\(whole / 86_400) d"
        }
    }
}
