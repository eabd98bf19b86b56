using System.Collections.Concurrent;
using FabricEvidence.Identity.Client;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Identity;

/// <summary>
/// The nonces the page gave holders: each may be used for one verification, within <see cref="IdentityPageOptions.NonceLifetime"/>.
/// The ledger refuses a second record with a nonce too; checking here first means a replay or a stale form records
/// nothing and gets a message before any peer is asked. In memory: a restart forgets them, so a nonce issued before
/// it must be issued again.
/// </summary>
internal sealed class NonceStore(IOptions<IdentityPageOptions> options, TimeProvider time)
{
    // Far more than the open forms of any station; beyond it, expired nonces are dropped before new ones are issued.
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    /// <summary>A new nonce and when it expires.</summary>
    public (string Nonce, DateTimeOffset Expires) Issue()
    {
        var now = time.GetUtcNow();
        if (_expiries.Count >= SweepThreshold)
        {
            // Expired entries are kept a while so that a late form hears "expired", not "unknown"; past that, they go.
            foreach (var (nonce, expires) in _expiries)
            {
                if (expires < now)
                {
                    _expiries.TryRemove(nonce, out _);
                }
            }
        }

        var fresh = VerifierClient.CreateNonce();
        var until = now + options.Value.NonceLifetime;
        _expiries[fresh] = until;
        return (fresh, until);
    }

    /// <summary>Whether <paramref name="nonce"/> is usable now, without using it (for a form sent back with errors).</summary>
    public NonceState Check(string nonce) =>
        !_expiries.TryGetValue(nonce, out var expires) ? NonceState.Unknown
        : expires <= time.GetUtcNow() ? NonceState.Expired
        : NonceState.Usable;

    /// <summary>Uses <paramref name="nonce"/>: it answers <see cref="NonceState.Usable"/> once, to one caller.</summary>
    public NonceState Use(string nonce)
    {
        if (!_expiries.TryRemove(nonce, out var expires))
        {
            return NonceState.Unknown;
        }

        return expires <= time.GetUtcNow() ? NonceState.Expired : NonceState.Usable;
    }
}

/// <summary>What a nonce sent back with a form is.</summary>
internal enum NonceState
{
    /// <summary>Issued here, not used, not expired.</summary>
    Usable,

    /// <summary>Issued here but older than the lifetime.</summary>
    Expired,

    /// <summary>Not issued here, or already used (a replay), or issued before a restart.</summary>
    Unknown,
}
