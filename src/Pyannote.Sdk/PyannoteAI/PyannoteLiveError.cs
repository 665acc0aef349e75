namespace Pyannote.Sdk.PyannoteAI;

/// <summary>The service reported a problem with what it received (<c>error</c>, for example "Invalid chunk size").
/// The session is not ended by the SDK: whether the service closes it afterwards is not documented.</summary>
/// <param name="Message">The service's message.</param>
public sealed record PyannoteLiveError(string Message) : PyannoteLiveEvent;
