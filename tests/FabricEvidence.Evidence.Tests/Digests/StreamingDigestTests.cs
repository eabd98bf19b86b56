using System.Diagnostics;

namespace FabricEvidence.Evidence.Tests.Digests;

public class StreamingDigestTests
{
    [Theory]
    [InlineData(DigestAlgorithm.Sha256, 0)]
    [InlineData(DigestAlgorithm.Sha256, 3 * 1024 * 1024 + 17)]
    [InlineData(DigestAlgorithm.Sm3, 3 * 1024 * 1024 + 17)]
    public async Task A_stream_longer_than_the_buffer_gives_the_digest_of_its_bytes(DigestAlgorithm algorithm, int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        var result = await EvidenceDigests.ComputeAsync(new MemoryStream(data), algorithm);

        Assert.Equal(length, result.Length);
        Assert.Equal(EvidenceDigests.Compute(algorithm, data), result.Digest);
    }

    [Fact]
    public async Task Short_reads_do_not_change_the_digest()
    {
        var data = new byte[100_000];
        new Random(3).NextBytes(data);

        var result = await EvidenceDigests.ComputeAsync(new TricklingStream(data, maxRead: 7), DigestAlgorithm.Sm3);

        Assert.Equal(EvidenceDigests.Compute(DigestAlgorithm.Sm3, data), result.Digest);
    }

    [Fact]
    public async Task Reading_starts_at_the_current_position()
    {
        var stream = new MemoryStream("skipped|hashed"u8.ToArray()) { Position = 8 };

        var result = await EvidenceDigests.ComputeAsync(stream, DigestAlgorithm.Sha256);

        Assert.Equal(6, result.Length);
        Assert.Equal(EvidenceDigests.Compute(DigestAlgorithm.Sha256, "hashed"u8), result.Digest);
    }

    [Fact]
    public async Task Progress_counts_up_to_the_length()
    {
        var data = new byte[5 * 1024 * 1024 + 3];
        var reports = new List<long>();

        await EvidenceDigests.ComputeAsync(new MemoryStream(data), DigestAlgorithm.Sha256, new SynchronousProgress(reports.Add));

        Assert.True(reports.Count >= 6, $"expected a report per buffer, got {reports.Count}");
        Assert.Equal(data.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public async Task Cancellation_stops_reading()
    {
        using var cts = new CancellationTokenSource();
        var data = new byte[8 * 1024 * 1024];
        var progress = new SynchronousProgress(_ => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            EvidenceDigests.ComputeAsync(new MemoryStream(data), DigestAlgorithm.Sha256, progress, cts.Token));
    }

    [Fact]
    public async Task Unreadable_and_null_streams_are_refused_naming_the_argument()
    {
        var unreadable = new MemoryStream();
        unreadable.Dispose();

        Assert.Equal("content", (await Assert.ThrowsAsync<ArgumentException>(() => EvidenceDigests.ComputeAsync(unreadable, DigestAlgorithm.Sha256))).ParamName);
        Assert.Equal("content", (await Assert.ThrowsAsync<ArgumentNullException>(() => EvidenceDigests.ComputeAsync(null!, DigestAlgorithm.Sha256))).ParamName);
        Assert.Equal("algorithm", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EvidenceDigests.ComputeAsync(new MemoryStream(), (DigestAlgorithm)0))).ParamName);
    }

    [Fact]
    public async Task A_file_digest_agrees_with_sha256sum()
    {
        var path = Path.GetTempFileName();
        try
        {
            var data = new byte[2 * 1024 * 1024 + 5];
            new Random(11).NextBytes(data);
            await File.WriteAllBytesAsync(path, data);

            var result = await EvidenceDigests.ComputeFileAsync(path, DigestAlgorithm.Sha256);

            var psi = new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true };
            using var process = Process.Start(psi)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(output.Split(' ')[0], result.Digest.Hex);
            Assert.Equal(data.Length, result.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_such()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() =>
            EvidenceDigests.ComputeFileAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), DigestAlgorithm.Sm3));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>A stream that returns at most a few bytes per read, as a network stream may.</summary>
    private sealed class TricklingStream(byte[] data, int maxRead) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, maxRead), data.Length - _position);
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
