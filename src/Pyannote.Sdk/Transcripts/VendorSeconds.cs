namespace Pyannote.Sdk.Transcripts;

/// <summary>Vendor seconds to <see cref="TimeSpan"/>; a bad number is a response-format problem, not an argument problem.</summary>
internal static class VendorSeconds
{
    public static TimeSpan From(double seconds, string field, SpeechVendor vendor)
    {
        try
        {
            return TimeRules.FromSeconds(seconds, field);
        }
        catch (ArgumentException ex)
        {
            throw new SpeechResponseFormatException(vendor, 200, $"'{field}' holds an invalid time: {ex.Message}", ex);
        }
    }
}
