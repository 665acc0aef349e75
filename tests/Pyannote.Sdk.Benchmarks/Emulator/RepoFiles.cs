namespace Pyannote.Sdk.Benchmarks.Emulator;

/// <summary>Finds files of the repository from wherever BenchmarkDotNet runs the benchmark process (its own bin folder).</summary>
internal static class RepoFiles
{
    public static string Find(string relativePath)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
