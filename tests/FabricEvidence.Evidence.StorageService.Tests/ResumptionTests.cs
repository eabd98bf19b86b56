using System.Net;
using System.Security.Cryptography;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>An upload whose connection is cut part-way continues from the offset the service kept.</summary>
public sealed class ResumptionTests : ServiceTestBase
{
    [Fact]
    public async Task After_a_cut_connection_the_upload_resumes_at_the_kept_offset_and_is_confirmed_once()
    {
        var content = Bytes(8 * 1024 * 1024, seed: 5);
        const int cutAfter = 3 * 1024 * 1024;
        Service.Submit("EV-cut", Investigator, content);

        // The body promises every byte, sends part of them, then the client drops the connection.
        using (var cutClient = Service.CreateClient())
        {
            var request = Requests.Patch(Service.Https, "EV-cut", 0, new CutContent(content, cutAfter), Investigator, content.Length);
            await Assert.ThrowsAnyAsync<Exception>(() => cutClient.SendAsync(request));
        }

        Assert.Empty(Service.Ledger.Confirmations);
        using var head = await Client.SendAsync(Requests.Head(Service.Https, "EV-cut", Investigator));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var offset = long.Parse(head.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(offset, 1, cutAfter);
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers.GetValues("Upload-Length").Single());

        using var rest = await Client.SendAsync(Requests.Patch(Service.Https, "EV-cut", offset, content[(int)offset..], Investigator));

        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        var confirmation = Assert.Single(Service.Ledger.Confirmations);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), confirmation.ComputedDigest.Hex);
        Assert.Equal(content.Length, confirmation.Size);
    }

    /// <summary>Sends the first <c>cutAfter</c> bytes, gives the server time to write them, then fails the request body.</summary>
    private sealed class CutContent(byte[] data, int cutAfter) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(data.AsMemory(0, cutAfter));
            await stream.FlushAsync();
            await Task.Delay(500);
            throw new IOException("The test cut the connection.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = data.Length;
            return true;
        }
    }
}
