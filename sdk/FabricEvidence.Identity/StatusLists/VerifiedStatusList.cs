using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Identity;

/// <summary>A status list token that passed signature, certificate chain, subject and validity checks.</summary>
public sealed record VerifiedStatusList
{
    /// <summary>The list's URI (<c>sub</c>).</summary>
    public required string Uri { get; init; }

    /// <summary>The decoded list.</summary>
    public required StatusList List { get; init; }

    /// <summary>When the token was issued (<c>iat</c>).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the token expires (<c>exp</c>), if it says.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>How long it may be cached (<c>ttl</c>), if it says.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>The certificate whose key signed the token.</summary>
    public required X509Certificate2 IssuerCertificate { get; init; }

    /// <summary>The trust anchor that certificate chains to.</summary>
    public required X509Certificate2 TrustAnchor { get; init; }

    /// <summary>Reads a credential's status.</summary>
    /// <param name="reference">The credential's <c>status.status_list</c>.</param>
    /// <returns>The status value.</returns>
    /// <exception cref="SdJwtVerificationException">
    /// <see cref="SdJwtErrorCode.StatusListMismatch"/> when the reference names another list,
    /// <see cref="SdJwtErrorCode.StatusIndexOutOfRange"/> when its index is outside this one.
    /// </exception>
    public TokenStatus GetStatus(StatusReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!string.Equals(reference.Uri, Uri, StringComparison.Ordinal))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.StatusListMismatch, $"The credential's status is in '{reference.Uri}', not in '{Uri}'.");
        }

        if (reference.Index < 0 || reference.Index >= List.Capacity)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.StatusIndexOutOfRange,
                $"The credential's status index {reference.Index} is outside the list (0 to {List.Capacity - 1}).");
        }

        return List.Get(reference.Index);
    }

    /// <summary>Refuses a credential whose status is anything but valid.</summary>
    /// <param name="reference">The credential's <c>status.status_list</c>.</param>
    /// <exception cref="SdJwtVerificationException">
    /// <see cref="SdJwtErrorCode.Revoked"/>, <see cref="SdJwtErrorCode.Suspended"/> or <see cref="SdJwtErrorCode.StatusNotValid"/>,
    /// or the codes of <see cref="GetStatus"/>.
    /// </exception>
    public void EnsureValid(StatusReference reference)
    {
        var status = GetStatus(reference);
        switch (status)
        {
            case TokenStatus.Valid:
                return;
            case TokenStatus.Invalid:
                throw new SdJwtVerificationException(SdJwtErrorCode.Revoked, $"The credential at index {reference.Index} of '{Uri}' is revoked.");
            case TokenStatus.Suspended:
                throw new SdJwtVerificationException(SdJwtErrorCode.Suspended, $"The credential at index {reference.Index} of '{Uri}' is suspended.");
            default:
                throw new SdJwtVerificationException(SdJwtErrorCode.StatusNotValid, $"The credential at index {reference.Index} of '{Uri}' has status 0x{(byte)status:x2}, which is not valid.");
        }
    }
}
