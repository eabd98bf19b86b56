namespace FabricEvidence.Evidence.Storage;

/// <summary>There is no object with the key.</summary>
public sealed class ObjectNotFoundException : ObjectStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The key.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ObjectNotFoundException(string key, Exception? innerException = null)
        : base(key, $"There is no object with the key '{key}'.", innerException)
    {
    }
}
