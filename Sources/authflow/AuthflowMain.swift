import ArgumentParser
import AuthflowCLI

/// The process's entry: runs the ``Authflow`` command.
///
/// Crash backtraces are kept non-interactive (the runtime's backtracer never waits for a key) by
/// the `AuthflowStart` C target linked in here, before the Swift runtime starts: it hides a
/// terminal on standard input from the runtime's start-up and gives it back before `main`. There is
/// no second start of the process for it.
@main
enum AuthflowMain {
    static func main() async {
        await Authflow.main(nil)
    }
}
