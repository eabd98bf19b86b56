namespace FabricEvidence.Evidence.Storage;

/// <summary>An object store operation failed; derived types say what failed. <see cref="Key"/> names the object.</summary>
public class ObjectStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The object's key, when the failure concerns one.</param>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ObjectStoreException(string? key, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Key = key;
    }

    /// <summary>The key of the object concerned, if any.</summary>
    public string? Key { get; }
}
