/// Thrown by a handler when trying again cannot help (the input itself is refused): the job is
/// dead at once, kept with this error, listed by `mutualis jobs dead` and replayable.
public struct PermanentJobFailure: Error, CustomStringConvertible {
    public var reason: any Error

    public init(_ reason: any Error) {
        self.reason = reason
    }

    public var description: String { "permanent failure: \(reason)" }
}
