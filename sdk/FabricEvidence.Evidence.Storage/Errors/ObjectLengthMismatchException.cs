namespace FabricEvidence.Evidence.Storage;

/// <summary>The content is longer or shorter than the object's declared length.</summary>
public sealed class ObjectLengthMismatchException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key.</param>
    /// <param name="declaredLength">The declared length.</param>
    /// <param name="actualLength">The bytes received, or at least how many (content past the declared length is not read to its end).</param>
    /// <param name="message">What happened.</param>
    public ObjectLengthMismatchException(string key, long declaredLength, long actualLength, string message)
        : base(key, message)
    {
        DeclaredLength = declaredLength;
        ActualLength = actualLength;
    }

    /// <summary>The declared length.</summary>
    public long DeclaredLength { get; }

    /// <summary>The bytes received (for content that is too long: at least this many).</summary>
    public long ActualLength { get; }
}
