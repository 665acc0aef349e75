namespace Pyannote.Sdk.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
