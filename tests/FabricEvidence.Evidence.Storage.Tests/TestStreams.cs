namespace FabricEvidence.Evidence.Storage.Tests;

/// <summary>Content for tests: reproducible random bytes, and a source that fails part-way as a dropped connection does.</summary>
internal static class TestStreams
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Gives the first <paramref name="cutAfter"/> bytes of <paramref name="data"/>, then fails like a reset connection.</summary>
    public static Stream CutAfter(byte[] data, int cutAfter) => new CuttingStream(data, cutAfter);

    private sealed class CuttingStream(byte[] data, int cutAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= cutAfter)
            {
                throw new IOException("The connection was reset (test).");
            }

            // Small reads, so the cut falls inside the store's buffer as a network read would.
            var n = Math.Min(Math.Min(count, 64 * 1024), cutAfter - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
