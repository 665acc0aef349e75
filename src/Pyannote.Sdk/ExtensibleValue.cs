namespace Pyannote.Sdk;

/// <summary>The equality rules every extensible enum (<c>TogetherModel</c>, <c>PyannoteModel</c>, <c>JobStatus</c>, …)
/// shares: vendor identifiers compare ordinally, ignoring case, and <c>default</c> equals only <c>default</c>.</summary>
internal static class ExtensibleValue
{
    public static bool Equal(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    public static int Hash(string? value) => value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(value);
}
