using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using FabricEvidence.Evidence.Storage;
using FabricEvidence.Evidence.StorageService.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>
/// The upload protocol (tus-like) and the download. Every check that can refuse a request runs before a byte of it is
/// stored; what an upload stores becomes an object only with the declared length and digest, and only then is it
/// confirmed on the ledger.
/// </summary>
internal sealed class StorageHandlers(
    IEvidenceObjectStore store,
    IEvidenceLedger ledger,
    ItemLocks locks,
    ProblemWriter problems,
    StorageTelemetry telemetry,
    IOptions<StorageServiceOptions> options,
    TimeProvider time,
    ILogger<StorageHandlers> logger)
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly StorageServiceOptions _options = options.Value;

    /// <summary><c>HEAD /items/{id}/upload</c>: where the upload continues.</summary>
    public async Task<IResult> HeadUploadAsync(HttpContext context, string evidenceId)
    {
        var (item, refusal) = await UploadableItemAsync(context, evidenceId).ConfigureAwait(false);
        if (refusal is not null)
        {
            return problems.ToResult(context, refusal);
        }

        using var lease = await locks.TryAcquireAsync(evidenceId, _options.UploadLockTimeout, context.RequestAborted).ConfigureAwait(false);
        if (lease is null)
        {
            return problems.ToResult(context, Refusal.Busy(evidenceId));
        }

        var upload = await store.ResumeUploadAsync(evidenceId, context.RequestAborted).ConfigureAwait(false);
        if (upload is null && await store.HeadAsync(evidenceId, context.RequestAborted).ConfigureAwait(false) is not null)
        {
            return problems.ToResult(context, Refusal.AlreadyStored(evidenceId, "Its confirmation on the ledger is pending; the service retries it."));
        }

        SetUploadHeaders(context, upload?.Offset ?? 0, item!.Size);
        return Results.Ok();
    }

    /// <summary><c>PATCH /items/{id}/upload</c>: appends the body at <c>Upload-Offset</c>; the last chunk completes, stores and confirms.</summary>
    public async Task<IResult> PatchUploadAsync(HttpContext context, string evidenceId)
    {
        if (!string.Equals(context.Request.ContentType, StorageHeaders.UploadContentType, StringComparison.OrdinalIgnoreCase))
        {
            return problems.ToResult(context, Refusal.UnsupportedMediaType());
        }

        if (!TryReadLength(context, StorageHeaders.UploadOffset, required: true, out var offset, out var headerRefusal)
            || !TryReadLength(context, StorageHeaders.UploadLength, required: false, out var declaredLength, out headerRefusal))
        {
            return problems.ToResult(context, headerRefusal!);
        }

        var (item, refusal) = await UploadableItemAsync(context, evidenceId).ConfigureAwait(false);
        if (refusal is not null)
        {
            return problems.ToResult(context, refusal);
        }

        if (declaredLength >= 0 && declaredLength != item!.Size)
        {
            return problems.ToResult(context, Refusal.LengthMismatch($"Upload-Length is {declaredLength} but '{evidenceId}' was submitted with {item.Size} bytes."));
        }

        if (context.Request.ContentLength is { } chunk && offset + chunk > item!.Size)
        {
            return problems.ToResult(context, Refusal.LengthMismatch($"{chunk} bytes from offset {offset} go past the submitted size of {item.Size} bytes."));
        }

        using var lease = await locks.TryAcquireAsync(evidenceId, _options.UploadLockTimeout, context.RequestAborted).ConfigureAwait(false);
        if (lease is null)
        {
            return problems.ToResult(context, Refusal.Busy(evidenceId));
        }

        using var activity = StorageTelemetry.Source.StartActivity("StorageService.Upload");
        activity?.SetTag("evidence.id", evidenceId);
        IObjectUpload? upload;
        try
        {
            (upload, refusal) = await OpenUploadAsync(context, item!, offset).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            return problems.ToResult(context, Refusal.Store($"The store failed opening the upload of '{evidenceId}': {ex.Message}"));
        }

        if (refusal is not null)
        {
            return problems.ToResult(context, refusal);
        }

        var caller = FabricIdentity.FromPrincipal(context.User);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Chunks may be as large as the object: the body is streamed to the store, never held.
            limit.MaxRequestBodySize = null;
        }

        var before = upload!.Offset;
        telemetry.UploadActive(1);
        try
        {
            await upload.AppendAsync(context.Request.Body, null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ObjectLengthMismatchException)
        {
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            return problems.ToResult(context, Refusal.LengthMismatch($"The body goes past the submitted size of {item!.Size} bytes; the upload was discarded. Send exactly the submitted file, from offset 0."));
        }
        catch (ObjectStoreException ex)
        {
            return problems.ToResult(context, Refusal.Store($"The store failed writing '{evidenceId}' at offset {upload.Offset}: {ex.Message} Continue from offset {upload.Offset}."));
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The connection dropped or the body ended early: what arrived is kept; the client resumes at the offset.
            telemetry.Received(upload.Offset - before);
            Log.UploadCut(logger, evidenceId, upload.Offset, upload.Length, ex.Message);
            return context.RequestAborted.IsCancellationRequested
                ? Results.Empty
                : problems.ToResult(context, Refusal.Invalid($"The body ended before its declared length; {upload.Offset} of {upload.Length} bytes are stored. Continue from offset {upload.Offset}.") with { UploadOffset = upload.Offset });
        }
        finally
        {
            telemetry.UploadActive(-1);
        }

        telemetry.Received(upload.Offset - before);
        Log.UploadProgress(logger, evidenceId, caller.MspId, upload.Offset - before, upload.Offset, upload.Length);
        if (upload.Offset < upload.Length)
        {
            SetUploadHeaders(context, upload.Offset, upload.Length);
            return Results.NoContent();
        }

        return await CompleteAsync(context, item!, upload).ConfigureAwait(false);
    }

    /// <summary><c>DELETE /items/{id}/upload</c>: discards an upload in progress.</summary>
    public async Task<IResult> DeleteUploadAsync(HttpContext context, string evidenceId)
    {
        var (_, refusal) = await UploadableItemAsync(context, evidenceId).ConfigureAwait(false);
        if (refusal is not null)
        {
            return problems.ToResult(context, refusal);
        }

        using var lease = await locks.TryAcquireAsync(evidenceId, _options.UploadLockTimeout, context.RequestAborted).ConfigureAwait(false);
        if (lease is null)
        {
            return problems.ToResult(context, Refusal.Busy(evidenceId));
        }

        var upload = await store.ResumeUploadAsync(evidenceId, context.RequestAborted).ConfigureAwait(false);
        if (upload is null)
        {
            return problems.ToResult(context, Refusal.UploadNotFound(evidenceId));
        }

        await upload.AbortAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary><c>GET /items/{id}/content</c>: the object, to a caller whose access record is committed.</summary>
    public async Task<IResult> GetContentAsync(HttpContext context, string evidenceId)
    {
        if (!ObjectIds.IsValid(evidenceId))
        {
            return problems.ToResult(context, Refusal.Invalid(ObjectIds.Describe(evidenceId)));
        }

        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            return problems.ToResult(context, Refusal.Invalid("A download request has no body."));
        }

        var transactionId = context.Request.Headers[StorageHeaders.AccessTransaction].ToString();
        if (transactionId.Length == 0)
        {
            return problems.ToResult(context, Refusal.NoAccessRecord(
                $"Record your access on the ledger first (evidence:RecordAccess with a purpose) and present its transaction id in the {StorageHeaders.AccessTransaction} header."));
        }

        if (transactionId.Length != 64 || !transactionId.All(char.IsAsciiHexDigitLower))
        {
            return problems.ToResult(context, Refusal.Invalid($"{StorageHeaders.AccessTransaction} is a Fabric transaction id: 64 lowercase hexadecimal digits."));
        }

        var caller = FabricIdentity.FromPrincipal(context.User);
        LedgerItem? item;
        LedgerAccessRecord? record;
        try
        {
            item = await ledger.GetItemAsync(evidenceId, context.RequestAborted).ConfigureAwait(false);
            if (item is null)
            {
                return problems.ToResult(context, Refusal.ItemNotFound(evidenceId));
            }

            if (item.State != LedgerItemState.Stored || item.Storage is null)
            {
                return problems.ToResult(context, Refusal.WrongState(evidenceId, item.State, LedgerItemState.Stored.ToString()));
            }

            record = await ledger.FindAccessRecordAsync(evidenceId, transactionId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (EvidenceLedgerException ex)
        {
            return problems.ToResult(context, Refusal.Ledger(ex));
        }

        if (record is null)
        {
            return problems.ToResult(context, Refusal.NoAccessRecord($"The ledger has no committed access record of '{evidenceId}' in transaction {transactionId}; record access and wait for the commit."));
        }

        if (record.Accessor.CertificateFingerprint != caller.CertificateFingerprint || record.Accessor.MspId != caller.MspId)
        {
            return problems.ToResult(context, Refusal.NoAccessRecord($"The access record in transaction {transactionId} was made by another identity; record your own access."));
        }

        var age = time.GetUtcNow() - record.RecordedAt;
        if (age > _options.AccessRecordMaxAge)
        {
            return problems.ToResult(context, Refusal.NoAccessRecord(
                $"The access record in transaction {transactionId} is {age.TotalMinutes:0} minutes old; records admit a download for {_options.AccessRecordMaxAge.TotalMinutes:0} minutes. Record access again."));
        }

        ObjectContent content;
        try
        {
            content = await store.OpenReadAsync(evidenceId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            return problems.ToResult(context, Refusal.Store($"The ledger records '{evidenceId}' as stored, but the store cannot give it: {ex.Message}"));
        }

        if (content.Info.Version != item.Storage.ObjectVersion)
        {
            await content.DisposeAsync().ConfigureAwait(false);
            Log.VersionMismatch(logger, evidenceId, content.Info.Version, item.Storage.ObjectVersion);
            return problems.ToResult(context, Refusal.Store($"The stored object of '{evidenceId}' is not the version the ledger confirmed; it was replaced behind the service's back and is not served."));
        }

        Log.Serving(logger, evidenceId, content.Info.Version, caller.MspId, transactionId);
        return new ContentResult(logger, telemetry, content, item);
    }

    private async Task<IResult> CompleteAsync(HttpContext context, LedgerItem item, IObjectUpload upload)
    {
        StoredObject stored;
        try
        {
            // Not the request's token: every byte arrived, so the commit goes ahead even if the client stops waiting.
            stored = await upload.CompleteAsync(item.Digest, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDigestMismatchException ex)
        {
            return problems.ToResult(context, Refusal.DigestMismatch(item.EvidenceId, ex.Expected, ex.Actual));
        }
        catch (ObjectAlreadyExistsException)
        {
            return problems.ToResult(context, Refusal.AlreadyStored(item.EvidenceId, ""));
        }
        catch (ObjectStoreException ex)
        {
            return problems.ToResult(context, Refusal.Store($"The store failed committing '{item.EvidenceId}': {ex.Message}"));
        }

        LedgerTransactionResult confirmed;
        using (var activity = StorageTelemetry.Source.StartActivity("StorageService.ConfirmStorage"))
        {
            activity?.SetTag("evidence.id", item.EvidenceId);
            try
            {
                confirmed = await ledger.ConfirmStorageAsync(
                    new StorageConfirmation(item.EvidenceId, stored.Digest!, stored.Length, stored.Location, stored.Version), CancellationToken.None).ConfigureAwait(false);
            }
            catch (EvidenceLedgerException ex)
            {
                Log.ConfirmationFailed(logger, item.EvidenceId, stored.Version, ex.Code, ex);
                return problems.ToResult(context, Refusal.Ledger(ex) with
                {
                    Detail = $"The content of '{item.EvidenceId}' is stored as version {stored.Version}, but its confirmation on the ledger failed ({ex.Code}: {ex.Message}). The service confirms it on its next integrity run; do not upload again.",
                });
            }
        }

        telemetry.Stored(stored.Digest!.Algorithm.Name);
        Log.StoredAndConfirmed(logger, item.EvidenceId, stored.Version, confirmed.TransactionId, confirmed.State);
        SetUploadHeaders(context, stored.Length, stored.Length);
        return Results.Created($"/items/{item.EvidenceId}/content", new StorageReceipt(
            item.EvidenceId, stored.Digest.Algorithm.Name, stored.Digest.Hex, stored.Length, stored.Location, stored.Version, confirmed.TransactionId, confirmed.State.ToString()));
    }

    private async Task<(IObjectUpload?, Refusal?)> OpenUploadAsync(HttpContext context, LedgerItem item, long offset)
    {
        var id = item.EvidenceId;
        var upload = await store.ResumeUploadAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (upload is not null && (upload.Length != item.Size || upload.Algorithm != item.Digest.Algorithm))
        {
            // Left by an earlier item of this id that the ledger no longer has: it cannot become this item's object.
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            upload = null;
        }

        if (upload is null)
        {
            if (await store.HeadAsync(id, context.RequestAborted).ConfigureAwait(false) is not null)
            {
                return (null, Refusal.AlreadyStored(id, "Its confirmation on the ledger is pending; the service retries it."));
            }

            if (offset != 0)
            {
                return (null, Refusal.OffsetMismatch(id, 0, offset));
            }

            try
            {
                upload = await store.StartUploadAsync(id, item.Size, item.Digest.Algorithm, context.RequestAborted).ConfigureAwait(false);
            }
            catch (ObjectAlreadyExistsException)
            {
                return (null, Refusal.AlreadyStored(id, ""));
            }
            catch (UploadInProgressException)
            {
                return (null, Refusal.Busy(id));
            }
        }

        return upload.Offset != offset ? (null, Refusal.OffsetMismatch(id, upload.Offset, offset)) : (upload, null);
    }

    /// <summary>The checks every upload request shares: a well-formed id, an item on the ledger awaiting its content, the caller its submitter.</summary>
    private async Task<(LedgerItem?, Refusal?)> UploadableItemAsync(HttpContext context, string evidenceId)
    {
        if (!ObjectIds.IsValid(evidenceId))
        {
            return (null, Refusal.Invalid(ObjectIds.Describe(evidenceId)));
        }

        LedgerItem? item;
        try
        {
            item = await ledger.GetItemAsync(evidenceId, context.RequestAborted).ConfigureAwait(false);
        }
        catch (EvidenceLedgerException ex)
        {
            return (null, Refusal.Ledger(ex));
        }

        if (item is null)
        {
            return (null, Refusal.ItemNotFound(evidenceId));
        }

        var caller = FabricIdentity.FromPrincipal(context.User);
        if (item.Submitter.CertificateFingerprint != caller.CertificateFingerprint || item.Submitter.MspId != caller.MspId)
        {
            return (null, Refusal.NotSubmitter(evidenceId));
        }

        return item.State switch
        {
            LedgerItemState.Submitted => (item, null),
            LedgerItemState.Stored => (null, Refusal.AlreadyStored(evidenceId, "")),
            _ => (null, Refusal.WrongState(evidenceId, item.State, LedgerItemState.Submitted.ToString())),
        };
    }

    private static bool TryReadLength(HttpContext context, string header, bool required, out long value, out Refusal? refusal)
    {
        value = -1;
        refusal = null;
        var values = context.Request.Headers[header];
        if (values.Count == 0)
        {
            if (required)
            {
                refusal = Refusal.Invalid($"The {header} header is required: the offset in the object of this chunk's first byte (0 to start; HEAD tells where to continue).");
            }

            return !required;
        }

        if (values.Count > 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            refusal = Refusal.Invalid($"The {header} header must be one non-negative decimal number.");
            return false;
        }

        return true;
    }

    private static void SetUploadHeaders(HttpContext context, long offset, long length)
    {
        context.Response.Headers[StorageHeaders.UploadOffset] = offset.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[StorageHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// Streams the object with the digest the ledger recorded, hashing what it sends: if the bytes do not have that
    /// digest the connection is aborted before the end, so the client never takes altered content for complete.
    /// </summary>
    private sealed class ContentResult(ILogger logger, StorageTelemetry telemetry, ObjectContent content, LedgerItem item) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using var scope = content.ConfigureAwait(false);
            using var activity = StorageTelemetry.Source.StartActivity("StorageService.Download");
            activity?.SetTag("evidence.id", item.EvidenceId);
            var recorded = item.Storage!.ComputedDigest;
            var response = httpContext.Response;
            response.ContentType = "application/octet-stream";
            response.ContentLength = content.Info.Length;
            response.Headers[StorageHeaders.DigestAlgorithm] = recorded.Algorithm.Name;
            response.Headers[StorageHeaders.Digest] = recorded.Hex;
            response.Headers[StorageHeaders.ObjectVersion] = content.Info.Version;
            if (recorded.Algorithm == DigestAlgorithm.Sha256)
            {
                // RFC 9530; its registry has no SM3, which the Evidence-Digest header carries.
                response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(recorded.Hex))}:";
            }

            using var hasher = EvidenceHasher.Create(recorded.Algorithm);
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
            try
            {
                int read;
                while ((read = await content.Content.ReadAsync(buffer.AsMemory(0, CopyBufferSize), httpContext.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    hasher.Append(buffer.AsSpan(0, read));
                    if (hasher.Length == content.Info.Length)
                    {
                        // Check before the last bytes leave, so a client never receives an altered object whole.
                        var computed = new ContentDigest(recorded.Algorithm, hasher.GetCurrentHexDigest());
                        if (computed != recorded)
                        {
                            Log.ServedDigestMismatch(logger, item.EvidenceId, computed.Hex, recorded.Hex);
                            httpContext.Abort();
                            return;
                        }
                    }

                    await response.Body.WriteAsync(buffer.AsMemory(0, read), httpContext.RequestAborted).ConfigureAwait(false);
                    telemetry.Served(read);
                }

                if (content.Info.Length == 0 && hasher.GetCurrentHexDigest() != recorded.Hex)
                {
                    Log.ServedDigestMismatch(logger, item.EvidenceId, hasher.GetCurrentHexDigest(), recorded.Hex);
                    httpContext.Abort();
                }
                else if (hasher.Length != content.Info.Length)
                {
                    Log.ServedDigestMismatch(logger, item.EvidenceId, $"({hasher.Length} bytes)", recorded.Hex);
                    httpContext.Abort();
                }
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            Activity.Current?.SetTag("evidence.bytes", hasher.Length);
        }
    }
}
