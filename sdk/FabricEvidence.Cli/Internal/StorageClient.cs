using FabricEvidence.Evidence.Storage;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;

namespace FabricEvidence.Cli.Internal;

/// <summary>
/// The storage service's HTTP protocol as a client: resumable uploads (<c>HEAD</c>/<c>PATCH /items/{id}/upload</c>)
/// and downloads (<c>GET /items/{id}/content</c> with the access transaction), every request signed with the caller's
/// Fabric key (scheme <c>FE-SIG-1</c>, see the service's README).
/// </summary>
internal sealed class StorageClient : IDisposable
{
    private const string UploadContentType = "application/offset+octet-stream";
    private const int CopyBufferSize = 1024 * 1024;

    /// <summary>How often an upload cut by the network is resumed before the tool gives up.</summary>
    private const int MaxResumes = 5;

    private readonly HttpClient _http;
    private readonly X509Certificate2 _certificate;
    private readonly ISigner _signer;

    public StorageClient(Uri baseAddress, HttpMessageHandler handler, X509Certificate2 certificate, ISigner signer)
    {
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _certificate = certificate;
        _signer = signer;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>
    /// Asks the service's health endpoint, so that a submission is not written to the ledger when its content could
    /// not be uploaded afterwards.
    /// </summary>
    public async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("healthz", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new StorageRefusedException((int)response.StatusCode, "unhealthy", $"The storage service at {BaseAddress} reports itself unhealthy ({(int)response.StatusCode}); ask its operator, or retry later.");
        }
    }

    /// <summary>Uploads <paramref name="content"/> (seekable) from where the service's upload stands, resuming after cuts.</summary>
    /// <returns>The service's receipt: stored and confirmed on the ledger.</returns>
    public async Task<StorageUploadReceipt> UploadAsync(string evidenceId, Stream content, long length, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var path = $"items/{Uri.EscapeDataString(evidenceId)}/upload";
        for (var attempt = 0; ; attempt++)
        {
            var offset = await GetOffsetAsync(path, cancellationToken).ConfigureAwait(false);
            progress?.Report(offset);
            content.Seek(offset, SeekOrigin.Begin);
            using var request = new HttpRequestMessage(HttpMethod.Patch, path)
            {
                Content = new ProgressContent(content, length - offset, offset, progress),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(UploadContentType);
            request.Content.Headers.ContentLength = length - offset;
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < MaxResumes && ex.HttpRequestError != HttpRequestError.ConnectionError)
            {
                // The connection dropped mid-body: what arrived is kept by the service; HEAD says where to go on.
                continue;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var receipt = await response.Content.ReadFromJsonAsync(cancellationToken).ConfigureAwait(false);
                    return receipt;
                }

                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    // The service stored part of the body (the stream ended early); continue from its offset.
                    if (attempt >= MaxResumes)
                    {
                        throw new StorageRefusedException(0, "upload-incomplete", $"The upload of '{evidenceId}' stopped short {MaxResumes} times; run submit's upload again later (it resumes).");
                    }

                    continue;
                }

                throw await RefusalAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Downloads the content into <paramref name="destination"/>, hashing it on the way, with the access transaction as the receipt.</summary>
    public async Task<StorageDownload> DownloadAsync(string evidenceId, string accessTransactionId, Stream destination, DigestAlgorithm algorithm, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"items/{Uri.EscapeDataString(evidenceId)}/content");
        request.Headers.Add("Evidence-Access-Transaction", accessTransactionId);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusalAsync(response, cancellationToken).ConfigureAwait(false);
        }

        using var hasher = EvidenceHasher.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                progress?.Report(hasher.Length);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The service aborts a download whose bytes no longer match the recorded digest rather than finish it.
            throw new StorageRefusedException(0, "download-cut", $"The download of '{evidenceId}' was cut after {hasher.Length} bytes (the service stops serving an object that no longer matches its digest); the partial file was discarded.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var length = hasher.Length;
        return new StorageDownload(
            hasher.GetHexDigestAndReset(),
            length,
            Header(response, "Evidence-Digest"),
            Header(response, "Evidence-Object-Version"));
    }

    public void Dispose() => _http.Dispose();

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<StorageRefusedException> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() ?? "refused" : "refused";
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return new StorageRefusedException(status, code, detail ?? $"The storage service answered {status} {response.ReasonPhrase}.");
        }
        catch (JsonException)
        {
            return new StorageRefusedException(status, "refused", $"The storage service answered {status} {response.ReasonPhrase}.");
        }
    }

    private async Task<long> GetOffsetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // A HEAD answer has no body; ask again with GET semantics is impossible, so name the status plainly.
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new StorageRefusedException(404, "item-not-found", "The storage service does not know this item on the ledger; check the id and that the service uses the same channel."),
                HttpStatusCode.Unauthorized => new StorageRefusedException(401, "unauthenticated", "The storage service did not accept this identity's certificate; use an identity of an organisation the service trusts."),
                HttpStatusCode.Forbidden => new StorageRefusedException(403, "not-submitter", "Only the identity that submitted the item may upload its content; use that identity."),
                HttpStatusCode.Conflict => new StorageRefusedException(409, "already-stored", "The storage service refuses an upload of this item: its content is already stored, or it is not awaiting storage."),
                _ => new StorageRefusedException((int)response.StatusCode, "refused", $"The storage service answered {(int)response.StatusCode} {response.ReasonPhrase} to HEAD {path}."),
            };
        }

        return response.Headers.TryGetValues("Upload-Offset", out var values) && long.TryParse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : 0;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        await SignAsync(request, cancellationToken).ConfigureAwait(false);
        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the <c>FE-SIG-1</c> headers: certificate, date, nonce, and the signature of the canonical text.</summary>
    private async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = new Uri(_http.BaseAddress!, request.RequestUri!);
        var date = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        string? Value(string name) => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
        // The service's own definition of the signed text, so that the two cannot drift apart.
        var text = RequestSignature.CanonicalString(request.Method.Method, uri.PathAndQuery, date, nonce,
            Value("Upload-Offset"), Value("Upload-Length"), Value("Evidence-Access-Transaction"));
        var signature = await _signer.SignAsync(SHA256.HashData(Encoding.UTF8.GetBytes(text)), cancellationToken).ConfigureAwait(false);
        request.Headers.Add(RequestSignature.CertificateHeader, Convert.ToBase64String(_certificate.RawData));
        request.Headers.Add(RequestSignature.DateHeader, date);
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(RequestSignature.SignatureHeader, Convert.ToBase64String(signature));
    }

    /// <summary>Streams a file's remainder as the request body, reporting the absolute position as it goes.</summary>
    private sealed class ProgressContent(Stream source, long count, long start, IProgress<long>? progress) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                var remaining = count;
                while (remaining > 0)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(CopyBufferSize, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The file became shorter while it was uploaded; it must not change until submit ends.");
                    }

                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                    progress?.Report(start + (count - remaining));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = count;
            return true;
        }
    }
}
