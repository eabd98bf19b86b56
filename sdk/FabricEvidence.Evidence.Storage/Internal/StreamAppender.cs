using System.Buffers;

namespace FabricEvidence.Evidence.Storage.Internal;

/// <summary>
/// The append loop every store shares: read the source through one pooled buffer, never past the declared length,
/// and hand each piece to the store's writer, which writes it and hashes it before the next read. A source that
/// fails part-way leaves everything handed over before it written.
/// </summary>
internal static class StreamAppender
{
    public const int BufferSize = 1024 * 1024;

    // write: writes and hashes one piece, returns the upload's new offset.
    public static async Task<long> AppendAsync(string key, long length, long offset, Stream content, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<long>> write, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return offset;
                }

                var remaining = length - offset;
                if (read > remaining)
                {
                    if (remaining > 0)
                    {
                        offset = await write(buffer.AsMemory(0, (int)remaining), cancellationToken).ConfigureAwait(false);
                    }

                    throw new ObjectLengthMismatchException(key, length, offset + read - remaining,
                        $"The content of '{key}' goes past its declared length of {length} bytes; the first {length} bytes were kept.");
                }

                offset = await write(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                progress?.Report(offset);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
