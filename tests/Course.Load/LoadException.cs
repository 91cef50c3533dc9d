namespace Course.Load;

/// <summary>Something a learner would notice: an error page, a missing control, a dead circuit, no response.</summary>
public sealed class LoadException(string message) : Exception(message);
