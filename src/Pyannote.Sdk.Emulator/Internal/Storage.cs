using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Pyannote.Sdk.Emulator.Internal;

internal sealed record StoredObject(string Path, long Size, string Sha256, string? ContentType, string? FileName);

/// <summary>Thrown while streaming an upload that exceeds the vendor's limit.</summary>
internal sealed class UploadTooLargeException(long limit) : Exception($"Upload exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Files uploaded to the emulator (pyannote media://, JigsawStack file store, transient uploads), on disk.</summary>
internal sealed class EmulatorStorage : IDisposable
{
    /// <summary>Escapes each segment of a storage key for a URL path.</summary>
    public static string EscapeKey(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));


    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly bool _ownsRoot;

    public EmulatorStorage(string? root)
    {
        _ownsRoot = root is null;
        Root = root ?? Path.Combine(Path.GetTempPath(), "pyannote-sdk-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public bool TryGet(string area, string key, out StoredObject stored) => _objects.TryGetValue(area + ":" + key, out stored!);

    public bool Remove(string area, string key)
    {
        if (!_objects.TryRemove(area + ":" + key, out var stored))
        {
            return false;
        }

        TryDelete(stored.Path);
        return true;
    }

    public void Add(string area, string key, StoredObject stored)
    {
        if (_objects.TryGetValue(area + ":" + key, out var old) && old.Path != stored.Path)
        {
            TryDelete(old.Path);
        }

        _objects[area + ":" + key] = stored;
    }

    /// <summary>Streams <paramref name="source"/> to a new temp file (never buffering it whole), hashing as it goes.</summary>
    public async Task<StoredObject> SaveAsync(Stream source, long limit, string? contentType, string? fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        var buffer = new byte[81920];
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        throw new UploadTooLargeException(limit);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
            return new StoredObject(path, total, Convert.ToHexString(hash.GetHashAndReset()), contentType, fileName);
        }
        catch
        {
            TryDelete(path);
            throw;
        }
    }

    /// <summary>Query-string signature for a pre-signed storage URL.</summary>
    public string Sign(string method, string key, long expires)
    {
        var mac = HMACSHA256.HashData(_signingKey, Encoding.UTF8.GetBytes($"{method}\n{key}\n{expires}"));
        return Convert.ToHexString(mac).ToLowerInvariant();
    }

    public bool Verify(string method, string key, long expires, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(method, key, expires)), Encoding.ASCII.GetBytes(signature));

    public static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (!_ownsRoot)
        {
            return;
        }

        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
