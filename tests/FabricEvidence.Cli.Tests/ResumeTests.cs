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
        // The second attempt starts where HEAD says the service's upload stands: after part of what the cut body
        // delivered (a reset may discard what the service had not read yet), never from 0 again.
        Assert.InRange(cutting.PatchOffsets[1], 1, 2_500_000);
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

    private sealed class CutContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly long _cutAfter;

        public CutContent(HttpContent inner, long cutAfter)
        {
            _inner = inner;
            _cutAfter = cutAfter;

            // The wrapper must carry the upload's Content-Type: without it the service refuses the PATCH (415)
            // before storing a byte, and the cut proves nothing about resumption.
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var body = new MemoryStream();
            await _inner.CopyToAsync(body);
            await stream.WriteAsync(body.GetBuffer().AsMemory(0, (int)_cutAfter));
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("connection cut by the test");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
