import Dispatch
import Foundation

/// Runs a blocking libkrb5 call through `Blocking`, optionally bounded by a timeout.
///
/// MIT krb5 1.20 has no overall request timeout of its own; when `timeout` passes first, the
/// caller gets a timeout error at once and the abandoned call finishes (and frees what it
/// made) in the background.
enum KerberosBlocking {
    static func run<T: Sendable>(
        timeout: Double?, operation: String, _ body: @escaping @Sendable () -> Result<T, KerberosError>
    ) async throws(KerberosError) -> T {
        guard let timeout, timeout > 0 else { return try await Blocking.run(body).get() }
        let result: Result<T, KerberosError> = await withCheckedContinuation { continuation in
            let gate = ResumeOnce(continuation)
            Task.detached { gate.resume(await Blocking.run(body)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                gate.resume(
                    .failure(
                        KerberosError(
                            code: KerberosErrorCode.timeoutCode,
                            message: "no answer within \(timeout) s", operation: operation)))
            }
        }
        return try result.get()
    }
}

/// Resumes a continuation with the first result offered and ignores the rest.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    init(_ continuation: CheckedContinuation<T, Never>) { self.continuation = continuation }

    func resume(_ value: T) {
        let c: CheckedContinuation<T, Never>? = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        c?.resume(returning: value)
    }
}
