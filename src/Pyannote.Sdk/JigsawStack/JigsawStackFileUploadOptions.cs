namespace Pyannote.Sdk.JigsawStack;

/// <summary>Options of <see cref="JigsawStackClient.UploadFileAsync"/>; unset values are not sent.</summary>
public sealed class JigsawStackFileUploadOptions
{
    /// <summary>The key to store the file under; the service picks one when <see langword="null"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Whether to replace an existing file with the same key (service default false).</summary>
    public bool? Overwrite { get; set; }

    /// <summary>Whether to return a temporary public URL for the file (service default false).</summary>
    public bool? TempPublicUrl { get; set; }
}
