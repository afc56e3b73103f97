extension String {
    /// The string padded with blanks to a display width (not cut when longer).
    func padding(toWidth width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - DisplayWidth.of(self)))
    }
}
