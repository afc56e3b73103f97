import ArgumentParser
import AuthflowCLI
import AuthflowStart

/// The process's entry: runs the ``Authflow`` command.
///
/// Crash backtraces are kept non-interactive (the runtime's backtracer never waits for a key) by
/// the `AuthflowStart` C target linked in here, before the Swift runtime starts: it hides a
/// terminal on standard input from the runtime's start-up, and `authflow_start_finish` gives it
/// back, first thing here (after every constructor, the runtime's included, even when a release
/// build links the runtime statically). There is no second start of the process for it.
@main
enum AuthflowMain {
    static func main() async {
        authflow_start_finish()
        await Authflow.main(nil)
    }
}
