namespace FabricEvidence.Evidence.Storage;

/// <summary>An object with the key already exists; objects are written once and never replaced.</summary>
public sealed class ObjectAlreadyExistsException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ObjectAlreadyExistsException(string key, Exception? innerException = null)
        : base(key, $"An object with the key '{key}' already exists; objects are written once and never replaced.", innerException)
    {
    }
}
