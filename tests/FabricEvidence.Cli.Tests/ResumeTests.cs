using System.Globalization;
using System.Net;

namespace FabricEvidence.Cli.Tests;

/// <summary>An upload cut by the network is resumed from the offset the storage service reports, and completes.</summary>
[Collection(CliGroup.Name)]
public sealed class ResumeTests(CliHarness harness)
{
    [Fact]
    public async Task Submit_resumes_an_upload_whose_connection_dropped_from_the_service_offset()
    {
        var file = harness.NewFile(3 * 1024 * 1024);
        var id = CliHarness.NewId();
        var cutting = new CuttingHandler(cutAfter: 2_500_000);

        var run = await harness.RunAsync(() => cutting, "submit", file, "--id", id, "--case", "CASE-R", "--description", "Cut once");
        var verify = await harness.RunAsync("verify", id, file);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal(2, cutting.PatchOffsets.Count);
        Assert.Equal(0, cutting.PatchOffsets[0]);
        // The second attempt starts where HEAD says the service's upload stands (this service keeps nothing of a cut
        // body's last request today, so that is 0; the client takes whatever offset the service reports).
        Assert.InRange(cutting.PatchOffsets[1], 0, 2_500_000);
    }

    /// <summary>Sends the first upload's body only up to <c>cutAfter</c> bytes and then fails, as a dropped connection does.</summary>
    private sealed class CuttingHandler(long cutAfter) : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<long> PatchOffsets { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Patch)
            {
                PatchOffsets.Add(long.Parse(request.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture));
                if (PatchOffsets.Count == 1)
                {
                    request.Content = new CutContent(request.Content!, cutAfter);
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CutContent(HttpContent inner, long cutAfter) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var body = new MemoryStream();
            await inner.CopyToAsync(body);
            await stream.WriteAsync(body.GetBuffer().AsMemory(0, (int)cutAfter));
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("connection cut by the test");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
