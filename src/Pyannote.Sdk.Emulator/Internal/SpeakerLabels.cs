using System.Globalization;

namespace Pyannote.Sdk.Emulator.Internal;

/// <summary>The speaker label styles the emulated vendors answer with.</summary>
internal static class SpeakerLabels
{
    /// <summary><c>SPEAKER_00</c>, <c>SPEAKER_01</c>, ...</summary>
    public static string Underscored(int speaker) => "SPEAKER_" + speaker.ToString("00", CultureInfo.InvariantCulture);

    /// <summary><c>Speaker 1</c>, <c>Speaker 2</c>, ...</summary>
    public static string Spaced(int speaker) => "Speaker " + (speaker + 1).ToString(CultureInfo.InvariantCulture);
}
