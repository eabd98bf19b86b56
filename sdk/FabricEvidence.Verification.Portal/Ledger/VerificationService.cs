using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal;

/// <summary>
/// Exports an item's bundle from the ledger, verifies it (with the uploaded file, if any) and keeps the outcome for the
/// downloads under a random token. The uploaded file itself is never kept: only its digest, inside the result.
/// </summary>
internal sealed partial class VerificationService(
    EvidenceBundleExporter exporter,
    BundleVerifier verifier,
    IMemoryCache cache,
    IOptions<PortalOptions> options,
    ILogger<VerificationService> logger)
{
    public async Task<VerificationOutcome> VerifyAsync(string itemId, Stream? file, CancellationToken cancellationToken)
    {
        EvidenceBundle bundle;
        try
        {
            bundle = await exporter.ExportItemAsync(itemId, cancellationToken).ConfigureAwait(false);
        }
        catch (EvidenceItemNotFoundException)
        {
            return new VerificationOutcome(VerificationStatus.NotFound, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The ledger (or the peer's answer) failed; the clerk gets a message, the log gets the cause.
            LogLedgerFailure(logger, itemId, e);
            return new VerificationOutcome(VerificationStatus.LedgerUnavailable, null);
        }

        var result = file is null
            ? await verifier.VerifyAsync(bundle, cancellationToken).ConfigureAwait(false)
            : await verifier.VerifyAsync(bundle, file, cancellationToken).ConfigureAwait(false);
        var stored = new StoredVerification(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), itemId, bundle, result);
        cache.Set(Key(stored.Token), stored, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.ResultLifetime, Size = 1 });
        return new VerificationOutcome(VerificationStatus.Done, stored);
    }

    public StoredVerification? Find(string token) =>
        token.Length == 32 && token.All(char.IsAsciiHexDigitLower) && cache.TryGetValue(Key(token), out StoredVerification? stored) ? stored : null;

    private static string Key(string token) => "verification:" + token;

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the ledger for item {ItemId} failed")]
    private static partial void LogLedgerFailure(ILogger logger, string itemId, Exception exception);
}

internal enum VerificationStatus
{
    Done,
    NotFound,
    LedgerUnavailable,
}

internal sealed record VerificationOutcome(VerificationStatus Status, StoredVerification? Verification);

internal sealed record StoredVerification(string Token, string ItemId, EvidenceBundle Bundle, BundleVerificationResult Result);
