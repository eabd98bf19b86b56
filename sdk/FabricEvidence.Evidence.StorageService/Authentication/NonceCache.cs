using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Authentication;

/// <summary>
/// The nonces of signed requests seen within the replay window. A request's date must be within the window, so a
/// nonce needs remembering only that long; expired entries are swept as new ones arrive.
/// </summary>
internal sealed class NonceCache(IOptions<FabricTrustOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = options.Value.SignatureClockSkew * 2;
    private long _nextSweepTicks;

    /// <summary>Remembers a nonce of a certificate; false when it was used already (a replay).</summary>
    public bool TryUse(string fingerprint, string nonce)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextSweepTicks))
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + TimeSpan.FromSeconds(30)).UtcTicks);
            foreach (var (key, seenAt) in _seen)
            {
                if (now - seenAt > _window)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        return _seen.TryAdd(fingerprint + ":" + nonce, now);
    }
}
