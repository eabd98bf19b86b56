namespace FabricEvidence.Evidence.Storage;

/// <summary>An object opened for reading: its description and a stream of its bytes. Disposing closes the stream.</summary>
public sealed class ObjectContent : IDisposable, IAsyncDisposable
{
    /// <summary>Pairs a description with the stream of the object's bytes.</summary>
    /// <param name="info">The object.</param>
    /// <param name="content">Its bytes from the start; owned by this instance.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ObjectContent(StoredObject info, Stream content)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(content);
        Info = info;
        Content = content;
    }

    /// <summary>The object.</summary>
    public StoredObject Info { get; }

    /// <summary>The object's bytes, from the start.</summary>
    public Stream Content { get; }

    /// <summary>Closes the stream.</summary>
    public void Dispose() => Content.Dispose();

    /// <summary>Closes the stream.</summary>
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
