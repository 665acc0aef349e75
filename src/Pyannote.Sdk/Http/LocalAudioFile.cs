using System.Runtime.InteropServices;

namespace Pyannote.Sdk.Http;

/// <summary>
/// Local audio paths: only regular files are accepted, after following symbolic links. A FIFO would block the upload
/// forever (deaf to cancellation), a device such as <c>/dev/zero</c> never ends, a directory or a symbolic-link loop
/// fails only mid-request; each is refused here, before anything is opened or sent, with an
/// <see cref="ArgumentException"/> naming the parameter, the file and the rule.
/// </summary>
internal static class LocalAudioFile
{
    /// <summary>Checks the path without opening it and returns the regular file it designates (links followed).</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at the path (or a link points nowhere).</exception>
    /// <exception cref="ArgumentException">The path is a directory, a FIFO, a device or socket, or a link loop.</exception>
    public static FileInfo Resolve(string path, string paramName)
    {
        var name = Path.GetFileName(path);
        FileSystemInfo target = new FileInfo(path);
        if (target.LinkTarget is not null)
        {
            try
            {
                target = target.ResolveLinkTarget(returnFinalTarget: true) ?? target;
            }
            catch (IOException e)
            {
                // ELOOP: a cycle, or more levels than the OS follows.
                throw new ArgumentException($"The audio file '{name}' (parameter '{paramName}') is a symbolic link that cannot be resolved (a link loop or too many levels of links): {e.Message}", paramName, e);
            }
        }

        if (Directory.Exists(target.FullName))
        {
            throw new ArgumentException($"The audio file '{name}' (parameter '{paramName}') is a directory; give the path of an audio file.", paramName);
        }

        var file = new FileInfo(target.FullName);
        if (!file.Exists)
        {
            throw new FileNotFoundException(
                target == (FileSystemInfo)file || target.FullName == Path.GetFullPath(path)
                    ? $"The audio file '{path}' (parameter '{paramName}') does not exist."
                    : $"The audio file '{path}' (parameter '{paramName}') is a symbolic link to '{target.FullName}', which does not exist.",
                path);
        }

        if (FileType(file.FullName) is { } kind && kind != "regular file")
        {
            throw new ArgumentException($"The audio file '{name}' (parameter '{paramName}') is a {kind}, not a regular file; only regular files can be uploaded (a {kind} can block or never end). Copy the audio to a file, or pass it with AudioInput.FromStream.", paramName);
        }

        return file;
    }

    /// <summary>Opens a file that <see cref="Resolve"/> accepted, for reading by offset. The handle is kept for every
    /// attempt of the upload, so a file swapped for something else after the check is never read.</summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle Open(FileInfo file) =>
        File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);

    /// <summary>What the path is ("regular file", "FIFO (named pipe)", "character device", …), following links, or
    /// <see langword="null"/> where the type cannot be read (Windows has no FIFOs or device paths of this kind).</summary>
    internal static string? FileType(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        // .NET has no public API for the Unix file type. The runtime's own native shim (always loaded on Unix, and
        // linked directly into NativeAOT apps) exposes stat(2) with a fixed layout: int Flags, int Mode, … where Mode
        // carries the S_IFMT bits. Only Mode is read; the buffer is far larger than the structure. Any failure falls
        // back to "unknown", and the caller's other checks still apply.
        try
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
            var status = default(NativeFileStatus);
            if (Stat(ref MemoryMarshal.GetArrayDataReference(bytes), ref status) != 0)
            {
                return null;
            }

            return (status.Mode & 0xF000) switch
            {
                0x8000 => "regular file",
                0x4000 => "directory",
                0x1000 => "FIFO (named pipe)",
                0x2000 => "character device",
                0x6000 => "block device",
                0xC000 => "socket",
                _ => null,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            return null;
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat(ref byte path, ref NativeFileStatus output);

    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
    }
}
