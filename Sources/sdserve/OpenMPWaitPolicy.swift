import Foundation

/// oneDNN runs on OpenMP, whose default wait policy keeps worker threads spinning for a while
/// after every parallel region. Between oneDNN calls the engine runs its own kernels on
/// Dispatch threads, and on a machine with few or shared cores the spinning workers take the
/// cores those kernels need: a CLIP-L pass measured 3.4 s with spinning against 1.6 s without.
/// libgomp reads `OMP_WAIT_POLICY` only when it loads (before `main`), so when the user has not
/// chosen a policy the process re-executes itself once with `OMP_WAIT_POLICY=passive`.
enum OpenMPWaitPolicy {
    static let variable = "OMP_WAIT_POLICY"

    /// Returns when the policy is already set or the re-exec is impossible; otherwise does not
    /// return (the process image is replaced by the same program, same arguments).
    static func preferPassive() {
        guard ProcessInfo.processInfo.environment[variable] == nil else { return }
        setenv(variable, "passive", 1)
        // On failure (no /proc) execv returns and this process continues with the default policy.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
