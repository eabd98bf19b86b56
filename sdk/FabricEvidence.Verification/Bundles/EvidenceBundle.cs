using System.Collections.ObjectModel;
using System.IO.Compression;
using FabricEvidence.Verification.Internal;

namespace FabricEvidence.Verification;

/// <summary>
/// An offline verification bundle: one zip file with <c>manifest.json</c>, the blocks that hold an item's
/// transactions, the configuration and chaincode-definition blocks in force, and the headers of every block in
/// between. The format is specified in <c>docs/bundle-format.md</c>; <see cref="EvidenceBundleBuilder"/> makes one
/// from a ledger, <see cref="BundleVerifier"/> checks one.
/// </summary>
/// <remarks>
/// Reading a bundle checks only its form (a zip, a well-formed manifest); what the entries hold is checked by the
/// verifier, which reports each problem instead of throwing.
/// </remarks>
public sealed class EvidenceBundle
{
    /// <summary>The path of the manifest in the zip: <c>manifest.json</c>.</summary>
    public const string ManifestPath = "manifest.json";

    /// <summary>The path the builder gives the headers entry: <c>headers.bin</c>.</summary>
    public const string HeadersPath = "headers.bin";

    /// <summary>The largest entry a bundle may hold, uncompressed: 256 MiB (Fabric's largest message is 100 MiB).</summary>
    public const long MaxEntryLength = 256L * 1024 * 1024;

    /// <summary>The most entries a bundle may hold: 100,000.</summary>
    public const int MaxEntryCount = 100_000;

    // Zip timestamps carry no meaning in a bundle; a fixed one makes two bundles of the same content byte-identical.
    private static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a bundle from a manifest and the entries' bytes.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="entries">Every entry other than the manifest, by path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="entries"/> contains the manifest's path.</exception>
    public EvidenceBundle(BundleManifest manifest, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.ContainsKey(ManifestPath))
        {
            throw new ArgumentException($"The entries must not contain {ManifestPath}; it is written from the manifest.", nameof(entries));
        }

        Manifest = manifest;
        Entries = new ReadOnlyDictionary<string, ReadOnlyMemory<byte>>(new Dictionary<string, ReadOnlyMemory<byte>>(entries, StringComparer.Ordinal));
    }

    /// <summary>The manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The manifest's bytes as read from a zip file; null for a bundle made in memory (canonical by construction).</summary>
    internal ReadOnlyMemory<byte>? ManifestBytes { get; private init; }

    /// <summary>Every entry of the zip other than the manifest, by path (including entries the manifest does not list).</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Entries { get; }

    /// <summary>Reads a bundle from a stream holding the zip file. The stream is read to its end and not disposed.</summary>
    /// <param name="zip">The zip file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zip"/> is null.</exception>
    /// <exception cref="BundleFormatException">The stream is not a bundle; the message says why.</exception>
    public static async Task<EvidenceBundle> ReadAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var buffer = new MemoryStream();
        await zip.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        return Read(buffer);
    }

    /// <summary>Reads a bundle from a file.</summary>
    /// <param name="path">The zip file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="BundleFormatException">The file is not a bundle; the message says why.</exception>
    public static async Task<EvidenceBundle> ReadFromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return await ReadAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the bundle as a zip file to <paramref name="destination"/> (not disposed).</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the zip is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(archive, ManifestPath, ManifestJson.Write(Manifest));
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in Manifest.Entries)
            {
                if (Entries.TryGetValue(entry.Path, out var bytes) && written.Add(entry.Path))
                {
                    AddEntry(archive, entry.Path, bytes.Span);
                }
            }

            foreach (var (path, bytes) in Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (written.Add(path))
                {
                    AddEntry(archive, path, bytes.Span);
                }
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the bundle to a file, replacing it if it exists.</summary>
    /// <param name="path">The zip file's path.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public async Task WriteToFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            await WriteAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddEntry(ZipArchive archive, string path, ReadOnlySpan<byte> bytes)
    {
        var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static EvidenceBundle Read(MemoryStream buffer)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(buffer, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new BundleFormatException($"The bundle is not a readable zip file: {e.Message}", e);
        }

        using (archive)
        {
            var entries = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            byte[]? manifestBytes = null;
            if (archive.Entries.Count > MaxEntryCount)
            {
                throw new BundleFormatException($"The bundle has {archive.Entries.Count} entries; at most {MaxEntryCount} are allowed.");
            }

            foreach (var entry in archive.Entries)
            {
                var path = entry.FullName;
                if (path.EndsWith('/') && entry.Length == 0)
                {
                    continue; // a directory record, written by some zip tools
                }

                var bytes = ReadEntry(entry);
                if (path == ManifestPath)
                {
                    if (manifestBytes is not null)
                    {
                        throw new BundleFormatException($"The bundle has {ManifestPath} twice.");
                    }

                    manifestBytes = bytes;
                }
                else if (!entries.TryAdd(path, bytes))
                {
                    throw new BundleFormatException($"The bundle has the entry {path} twice.");
                }
            }

            if (manifestBytes is null)
            {
                throw new BundleFormatException($"The bundle has no {ManifestPath}.");
            }

            return new EvidenceBundle(ManifestJson.Read(manifestBytes), entries) { ManifestBytes = manifestBytes };
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxEntryLength)
        {
            throw new BundleFormatException($"The entry {entry.FullName} is {entry.Length} bytes; at most {MaxEntryLength} are allowed.");
        }

        try
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream((int)Math.Max(0, entry.Length));
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                // The declared length is the archive's claim; the decompressed data may say otherwise.
                if (bytes.Length + read > MaxEntryLength)
                {
                    throw new BundleFormatException($"The entry {entry.FullName} decompresses to more than {MaxEntryLength} bytes.");
                }

                bytes.Write(chunk, 0, read);
            }

            return bytes.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new BundleFormatException($"The entry {entry.FullName} cannot be decompressed: {e.Message}", e);
        }
    }
}
