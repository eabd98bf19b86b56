namespace FabricEvidence.Evidence.Storage;

/// <summary>An upload of the key is in progress (starting another), or its upload is busy with another writer.</summary>
public sealed class UploadInProgressException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key.</param>
    /// <param name="message">What is in progress and what to do.</param>
    public UploadInProgressException(string key, string message)
        : base(key, message)
    {
    }
}
