namespace FabricEvidence.Evidence.Storage;

/// <summary>The content's digest is not the expected one; nothing was stored.</summary>
public sealed class ObjectDigestMismatchException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expected">The digest the content should have had.</param>
    /// <param name="actual">The digest it has.</param>
    public ObjectDigestMismatchException(string key, ContentDigest expected, ContentDigest actual)
        : base(key, $"The content of '{key}' has the {actual.Algorithm.Name} digest {actual.Hex}, not the expected {expected.Hex}; nothing was stored.")
    {
        ArgumentNullException.ThrowIfNull(expected);
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The expected digest.</summary>
    public ContentDigest Expected { get; }

    /// <summary>The digest of the content received.</summary>
    public ContentDigest Actual { get; }
}
