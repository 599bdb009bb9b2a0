import Foundation
import Methods

/// Why an executor could not run a job.
public enum JobExecutionError: Error, CustomStringConvertible, Equatable {
    case methodNotImplemented(String)
    case invalidTestExecutor(spec: String, reason: String)
    case cancelled
    case injectedFailure(String)

    public var description: String {
        switch self {
        case .methodNotImplemented(let m): return "method \(m) is not implemented"
        case .invalidTestExecutor(let spec, let reason):
            return "ZEROLOG_TEST_EXECUTOR=\(spec): \(reason) (expected e.g. sleep-ms:50 or sleep-ms:50,fail-seeds:3+5)"
        case .cancelled: return "cancelled"
        case .injectedFailure(let why): return why
        }
    }
}

/// The factory the runner asks for an executor. Each method registers a constructor in
/// `methodExecutors` (filled where the method is implemented); a job whose method has none
/// FAILS with "method X is not implemented": there are no placeholder numbers.
public enum JobExecutors {
    /// Environment variable selecting the deterministic test executor (runner tests only).
    public static let testExecutorVariable = "ZEROLOG_TEST_EXECUTOR"

    /// Method name → executor constructor. Methods are wired in here as they are implemented.
    public static let methodExecutors: [String: @Sendable () -> any JobExecutor] =
        Dictionary(uniqueKeysWithValues: MethodCatalog.names.map { name in
            (name, { @Sendable () -> any JobExecutor in MethodJobExecutor() })
        })

    /// The executor for this process: the test executor when `ZEROLOG_TEST_EXECUTOR` is set,
    /// else dispatch by method name over `methodExecutors`.
    public static func make(environment: [String: String] = ProcessInfo.processInfo.environment,
                            methods: [String: @Sendable () -> any JobExecutor] = methodExecutors) throws -> any JobExecutor {
        if let spec = environment[testExecutorVariable], !spec.isEmpty {
            return try TestJobExecutor(spec: spec)
        }
        return MethodDispatchExecutor(executors: methods)
    }
}

/// Runs each job with the executor registered for its method.
public struct MethodDispatchExecutor: JobExecutor {
    let executors: [String: @Sendable () -> any JobExecutor]

    public init(executors: [String: @Sendable () -> any JobExecutor]) {
        self.executors = executors
    }

    public func execute(_ job: PlannedJob, context: JobContext) throws -> JobOutcome {
        guard let make = executors[job.job.method] else {
            throw JobExecutionError.methodNotImplemented(job.job.method)
        }
        return try make().execute(job, context: context)
    }
}
