using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// Alters a bundle the way a forger would: change an entry's bytes and, unless told not to, restate its SHA-256 in the
/// manifest so that only Fabric's own protections (hashes, signatures) stand in the way.
/// </summary>
internal static class BundleTamper
{
    public static string BlockPath(ulong number) => $"blocks/{number}.block";

    public static EvidenceBundle ChangeEntry(this EvidenceBundle bundle, string path, Func<byte[], byte[]> change, bool restateDigest = true)
    {
        var entries = bundle.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var changed = change(entries[path].ToArray());
        entries[path] = changed;
        var manifest = restateDigest ? bundle.Manifest with
        {
            Entries = [.. bundle.Manifest.Entries.Select(e => e.Path == path ? e with { Sha256 = Sha256(changed) } : e)],
        } : bundle.Manifest;
        return new EvidenceBundle(manifest, entries);
    }

    public static EvidenceBundle ChangeBlock(this EvidenceBundle bundle, ulong number, Action<Block> change, bool restateDigest = true) =>
        bundle.ChangeEntry(BlockPath(number), bytes =>
        {
            var block = Block.Parser.ParseFrom(bytes);
            change(block);
            return block.ToByteArray();
        }, restateDigest);

    public static EvidenceBundle FlipByte(this EvidenceBundle bundle, string path, int offset, bool restateDigest = true) =>
        bundle.ChangeEntry(path, bytes =>
        {
            bytes[offset] ^= 0x01;
            return bytes;
        }, restateDigest);

    public static EvidenceBundle ChangeManifest(this EvidenceBundle bundle, Func<BundleManifest, BundleManifest> change) =>
        new(change(bundle.Manifest), bundle.Entries);

    public static EvidenceBundle ChangeItem(this EvidenceBundle bundle, Func<BundleItem, BundleItem> change) =>
        bundle.ChangeManifest(m => m with { Items = [.. m.Items.Select(change)] });

    /// <summary>Replaces a full block by its header, as if the bundle had never included it.</summary>
    public static EvidenceBundle DemoteToHeader(this EvidenceBundle bundle, ulong number)
    {
        var entries = bundle.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var header = Block.Parser.ParseFrom(entries[BlockPath(number)].Span).Header;
        entries.Remove(BlockPath(number));
        var headers = ReadHeaders(entries.GetValueOrDefault(EvidenceBundle.HeadersPath));
        headers.Add(header);
        headers.Sort((a, b) => a.Number.CompareTo(b.Number));
        var bytes = WriteHeaders(headers);
        entries[EvidenceBundle.HeadersPath] = bytes;
        var manifestEntries = bundle.Manifest.Entries.Where(e => e.Path != BlockPath(number) && e.Kind != BundleEntryKind.Headers).ToList();
        manifestEntries.Add(new BundleEntry { Path = EvidenceBundle.HeadersPath, Kind = BundleEntryKind.Headers, HeaderCount = headers.Count, Sha256 = Sha256(bytes) });
        return new EvidenceBundle(bundle.Manifest with { Entries = manifestEntries }, entries);
    }

    /// <summary>Removes one header from headers.bin (restating its count and digest).</summary>
    public static EvidenceBundle DropHeader(this EvidenceBundle bundle, ulong number)
    {
        var entries = bundle.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var headers = ReadHeaders(entries[EvidenceBundle.HeadersPath]);
        Assert.Equal(1, headers.RemoveAll(h => h.Number == number));
        var bytes = WriteHeaders(headers);
        entries[EvidenceBundle.HeadersPath] = bytes;
        var manifest = bundle.Manifest with
        {
            Entries = [.. bundle.Manifest.Entries.Select(e => e.Kind == BundleEntryKind.Headers ? e with { HeaderCount = headers.Count, Sha256 = Sha256(bytes) } : e)],
        };
        return new EvidenceBundle(manifest, entries);
    }

    public static EvidenceBundle ChangeHeader(this EvidenceBundle bundle, ulong number, Action<BlockHeader> change)
    {
        var entries = bundle.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var headers = ReadHeaders(entries[EvidenceBundle.HeadersPath]);
        change(headers.Single(h => h.Number == number));
        var bytes = WriteHeaders(headers);
        entries[EvidenceBundle.HeadersPath] = bytes;
        var manifest = bundle.Manifest with
        {
            Entries = [.. bundle.Manifest.Entries.Select(e => e.Kind == BundleEntryKind.Headers ? e with { Sha256 = Sha256(bytes) } : e)],
        };
        return new EvidenceBundle(manifest, entries);
    }

    public static List<BlockHeader> ReadHeaders(ReadOnlyMemory<byte> bytes)
    {
        var headers = new List<BlockHeader>();
        var input = new CodedInputStream(bytes.ToArray());
        while (!input.IsAtEnd)
        {
            var header = new BlockHeader();
            input.ReadMessage(header);
            headers.Add(header);
        }

        return headers;
    }

    private static byte[] WriteHeaders(IEnumerable<BlockHeader> headers)
    {
        var stream = new MemoryStream();
        foreach (var header in headers)
        {
            header.WriteDelimitedTo(stream);
        }

        return stream.ToArray();
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<byte[]> ToZipAsync(this EvidenceBundle bundle)
    {
        var stream = new MemoryStream();
        await bundle.WriteAsync(stream);
        return stream.ToArray();
    }
}

/// <summary>Assertions on verification results that name the check, and print every check when they fail.</summary>
internal static class ResultAssert
{
    public static void Verified(BundleVerificationResult result) =>
        Assert.True(result.Verdict == VerificationVerdict.Verified, Describe(result));

    /// <summary>The result failed, and exactly these checks (by name) failed.</summary>
    public static void FailedExactly(BundleVerificationResult result, params string[] names)
    {
        Assert.True(result.Verdict == VerificationVerdict.NotVerified, Describe(result));
        var failed = result.Failures.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(failed.SequenceEqual(names.Distinct().Order(StringComparer.Ordinal)), $"Expected failures [{string.Join(", ", names)}], got [{string.Join(", ", failed)}]\n{Describe(result)}");
    }

    /// <summary>The result failed, and among the failures is this check (on this block/transaction, with this text).</summary>
    public static VerificationCheck FailedWith(BundleVerificationResult result, string name, ulong? block = null, string? transaction = null, string? message = null)
    {
        Assert.True(result.Verdict == VerificationVerdict.NotVerified, Describe(result));
        var match = result.Failures.FirstOrDefault(c => c.Name == name
            && (block is null || c.BlockNumber == block)
            && (transaction is null || c.TransactionId == transaction)
            && (message is null || c.Message.Contains(message, StringComparison.Ordinal)));
        Assert.True(match is not null, $"No failed {name} check (block {block}, transaction {transaction}, text '{message}')\n{Describe(result)}");
        return match!;
    }

    public static string Describe(BundleVerificationResult result) =>
        $"Verdict {result.Verdict}\n" + string.Join("\n", result.Checks.Where(c => c.Outcome != CheckOutcome.Passed).Select(c => c.ToString()));
}
