using System.Text;
using Pyannote.Sdk.Transcripts;

namespace Pyannote.Sdk.Tests.Reliability;

/// <summary>Fuzz targets that belong to no vendor (the RTTM reader).</summary>
internal static partial class ExtraTargets
{
    internal static string[] Files(string folder, string pattern) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", folder), pattern).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    static partial void Add(List<FuzzTests.Target> targets)
    {
        targets.Add(new FuzzTests.Target("DiarizationFormats.ParseRttm", Files("corpora", "*.rttm"), bytes =>
        {
            _ = DiarizationFormats.ToRttm(DiarizationFormats.ParseRttm(Encoding.UTF8.GetString(bytes)));
            return Task.CompletedTask;
        }, e => e is FormatException));

    }
}
