using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>
/// Uploads whose TCP connection really goes away part-way through the body (reset or closed by the client, not an
/// HttpClient exception): the bytes the service received before the cut are stored and hashed, HEAD reports them,
/// and the rest completes the object with the submitted digest.
/// </summary>
public sealed class CutConnectionTests : ServiceTestBase
{
    private const int Size = 3 * 1024 * 1024;
    private const int CutAfter = 2_500_000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_dropped_mid_body_keeps_what_arrived_and_the_rest_completes_the_upload(bool reset)
    {
        var content = Bytes(Size, seed: 13);
        Service.Submit("EV-drop", Investigator, content);

        using (var connection = await RawConnection.OpenAsync(Service))
        {
            await connection.SendPatchHeadAsync("EV-drop", offset: 0, bodyLength: Size, Investigator);
            await connection.SendAsync(content.AsMemory(0, CutAfter));
            await WaitForOffsetAsync("EV-drop", CutAfter);
            connection.Drop(reset);
        }

        var offset = await HeadOffsetAsync("EV-drop");
        Assert.Equal(CutAfter, offset);
        Assert.Empty(Service.Ledger.Confirmations);

        using var rest = await Client.SendAsync(Requests.Patch(Service.Https, "EV-drop", offset, content[(int)offset..], Investigator, Size));
        Assert.True(rest.StatusCode == HttpStatusCode.Created, await rest.Content.ReadAsStringAsync());
        var confirmation = Assert.Single(Service.Ledger.Confirmations);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), confirmation.ComputedDigest.Hex);
        Assert.Equal(Size, confirmation.Size);
    }

    /// <summary>
    /// What the CLI's resumption test ran into: its cutting wrapper replaced the request content without its
    /// <c>Content-Type</c>, so the service refused the PATCH (415) before storing a byte, and the client, still busy
    /// failing its own body, never saw the answer. HEAD then rightly said 0.
    /// </summary>
    [Fact]
    public async Task A_cut_upload_without_the_upload_media_type_is_refused_before_a_byte_is_stored()
    {
        var content = Bytes(Size, seed: 14);
        Service.Submit("EV-untyped", Investigator, content);

        using (var connection = await RawConnection.OpenAsync(Service))
        {
            await connection.SendPatchHeadAsync("EV-untyped", offset: 0, bodyLength: Size, Investigator, contentType: null);
            Assert.StartsWith("HTTP/1.1 415 ", await connection.ReadStatusLineAsync(), StringComparison.Ordinal);
            await connection.SendAsync(content.AsMemory(0, CutAfter));
            connection.Drop(reset: true);
        }

        Assert.Equal(0, await HeadOffsetAsync("EV-untyped"));
        Assert.Null(await Service.Store.ResumeUploadAsync("EV-untyped"));
        Assert.Empty(Service.Ledger.Confirmations);
    }

    private async Task<long> HeadOffsetAsync(string id)
    {
        using var head = await Client.SendAsync(Requests.Head(Service.Https, id, Investigator));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the store's live upload holds <paramref name="expected"/> bytes, so that the cut comes after them.</summary>
    private async Task WaitForOffsetAsync(string id, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            var upload = await Service.Store.ResumeUploadAsync(id);
            seen = upload?.Offset ?? -1;
            if (seen == expected)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"The service never held {expected} bytes of '{id}' before the cut (last seen {seen}).");
    }

    /// <summary>A TLS connection to the service driven by hand, so that the test decides when and how it ends.</summary>
    private sealed class RawConnection : IDisposable
    {
        private readonly Socket _socket;
        private readonly SslStream _tls;
        private readonly Uri _base;

        private RawConnection(Socket socket, SslStream tls, Uri baseAddress)
        {
            _socket = socket;
            _tls = tls;
            _base = baseAddress;
        }

        public static async Task<RawConnection> OpenAsync(ServiceUnderTest service)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(service.Https.Host, service.Https.Port);
            var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, (_, certificate, _, _) => service.ValidateServer(certificate));
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", ApplicationProtocols = [SslApplicationProtocol.Http11] });
            return new RawConnection(socket, tls, service.Https);
        }

        public async Task SendPatchHeadAsync(string id, long offset, long bodyLength, TestIdentity signer, string? contentType = "application/offset+octet-stream")
        {
            // The signature headers come from the same code the other tests use; only the framing is by hand.
            using var request = Requests.Patch(_base, id, offset, new ByteArrayContent([]), signer, offset + bodyLength);
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"PATCH {request.RequestUri!.PathAndQuery} HTTP/1.1\r\n")
                .Append(CultureInfo.InvariantCulture, $"Host: {_base.Authority}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {bodyLength}\r\n");
            if (contentType is not null)
            {
                head.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
            }

            foreach (var header in request.Headers)
            {
                head.Append(CultureInfo.InvariantCulture, $"{header.Key}: {string.Join(',', header.Value)}\r\n");
            }

            await SendAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        }

        public async Task SendAsync(ReadOnlyMemory<byte> bytes)
        {
            await _tls.WriteAsync(bytes);
            await _tls.FlushAsync();
        }

        /// <summary>Reads the response's status line (the service may answer before the body is sent).</summary>
        public async Task<string> ReadStatusLineAsync()
        {
            var line = new StringBuilder();
            var one = new byte[1];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await _tls.ReadAsync(one, timeout.Token) == 1 && one[0] != (byte)'\n')
            {
                line.Append((char)one[0]);
            }

            return line.ToString().TrimEnd('\r');
        }

        /// <summary>Ends the connection mid-body: a TCP reset (a dropped link) or an orderly close (a client that gave up).</summary>
        public void Drop(bool reset)
        {
            if (reset)
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                _socket.Shutdown(SocketShutdown.Both);
            }

            _socket.Close();
        }

        public void Dispose()
        {
            _tls.Dispose();
            _socket.Dispose();
        }
    }
}
