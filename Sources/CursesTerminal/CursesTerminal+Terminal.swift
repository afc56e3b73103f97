import FlowTUI

/// The program's terminal in the app: `draw`, `readKey`, `size`, `copyToClipboard` and `stop`
/// are CursesTerminal's own.
extension CursesTerminal: Terminal {}
