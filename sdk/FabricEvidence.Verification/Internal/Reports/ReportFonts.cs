using System.Buffers.Binary;
using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Finds and serves the one font the PDF report is written in. PDFsharp has no access to the system's fonts on Linux
/// and takes a single process-wide <see cref="IFontResolver"/>, so this resolver is installed once and serves every
/// font file registered with it under a face name of its own. The font must have Chinese glyphs (the report's
/// language may be Chinese, and names in certificates may be), and TrueType outlines: PDFsharp cannot embed CFF
/// (<c>OTTO</c>) fonts, which rules out the OpenType Noto CJK files.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    /// <summary>Known TrueType fonts with Simplified Chinese glyphs, best first.</summary>
    private static readonly string[] KnownFiles =
    [
        "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "NotoSansSC-Regular.ttf",
        "NotoSansCJKsc-Regular.ttf", "msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "Arial Unicode.ttf",
    ];

    private static readonly string[] FontDirectories =
    [
        "/usr/share/fonts", "/usr/local/share/fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local/share/fonts"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
        Environment.GetFolderPath(Environment.SpecialFolder.Fonts), "/System/Library/Fonts", "/Library/Fonts",
    ];

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private static readonly Lazy<string?> Discovered = new(Discover);

    private ReportFonts()
    {
    }

    /// <summary>Registers the font to write with and returns its face name for <c>XFont</c>.</summary>
    /// <exception cref="ReportFontNotFoundException">No usable font.</exception>
    public static string Register(string? path)
    {
        path ??= Discovered.Value ?? throw new ReportFontNotFoundException(
            "No font with Chinese glyphs was found for the PDF report (looked for " + string.Join(", ", KnownFiles) + " under " +
            string.Join(", ", FontDirectories.Where(d => d.Length > 0)) + "). Install one (Debian: apt-get install fonts-wqy-microhei) " +
            "or set VerificationReportOptions.PdfFontPath to a TrueType font (.ttf or .ttc) that has them.");
        var face = "FabricEvidenceReport:" + Path.GetFullPath(path);
        Faces.GetOrAdd(face, _ => Load(path));
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
            }
            else if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                throw new InvalidOperationException("PDFsharp's GlobalFontSettings.FontResolver is set by another component; the verification report needs its own to embed a font with Chinese glyphs.");
            }
        }

        return face;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Faces.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var bytes) ? bytes : null;

    private static string? Discover()
    {
        foreach (var name in KnownFiles)
        {
            foreach (var directory in FontDirectories.Where(d => d.Length > 0 && Directory.Exists(d)))
            {
                var found = Directory.EnumerateFiles(directory, name, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive }).FirstOrDefault();
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static byte[] Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportFontNotFoundException($"The PDF report's font '{path}' cannot be read: {e.Message}", e);
        }

        if (bytes.Length < 12)
        {
            throw new ReportFontNotFoundException($"'{path}' is not a TrueType font.");
        }

        var tag = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return tag switch
        {
            0x74746366 => FirstFaceOfCollection(bytes, path), // 'ttcf'
            0x00010000 or 0x74727565 => bytes, // TrueType, 'true'
            0x4F54544F => throw new ReportFontNotFoundException($"'{path}' has CFF outlines (OpenType 'OTTO'), which PDFsharp cannot embed; use a TrueType font with Chinese glyphs such as WenQuanYi Micro Hei (fonts-wqy-microhei)."),
            _ => throw new ReportFontNotFoundException($"'{path}' is not a TrueType font."),
        };
    }

    /// <summary>
    /// Copies the first face out of a TrueType collection into a font file of its own: its table directory with the
    /// tables it points to, offsets rebased (a collection's offsets count from the start of the collection).
    /// </summary>
    private static byte[] FirstFaceOfCollection(byte[] collection, string path)
    {
        try
        {
            var faceOffset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12)));
            var tableCount = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(faceOffset + 4));
            var headerLength = 12 + (16 * tableCount);
            var tables = new List<(int Record, int Offset, int Length)>(tableCount);
            var total = headerLength;
            for (var i = 0; i < tableCount; i++)
            {
                var record = faceOffset + 12 + (16 * i);
                var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 8)));
                var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 12)));
                _ = collection.AsSpan(offset, length);
                tables.Add((record, offset, length));
                total = checked(total + ((length + 3) & ~3));
            }

            var font = new byte[total];
            collection.AsSpan(faceOffset, headerLength).CopyTo(font);
            var position = headerLength;
            for (var i = 0; i < tables.Count; i++)
            {
                var (_, offset, length) = tables[i];
                collection.AsSpan(offset, length).CopyTo(font.AsSpan(position));
                BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + (16 * i) + 8), (uint)position);
                position += (length + 3) & ~3;
            }

            return font;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new ReportFontNotFoundException($"The font collection '{path}' is damaged: {e.Message}", e);
        }
    }
}
