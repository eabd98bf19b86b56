using System.Security.Claims;

namespace FabricEvidence.Evidence.StorageService.Authentication;

/// <summary>An authenticated caller: organisation, certificate fingerprint and Fabric CA role, as the ledger records parties.</summary>
internal sealed record FabricIdentity(string MspId, string CertificateFingerprint, string? Role, string Subject)
{
    public const string MspClaim = "fabric:msp";
    public const string FingerprintClaim = "fabric:fingerprint";
    public const string RoleClaim = "fabric:role";

    public LedgerParty Party => new(MspId, CertificateFingerprint);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, Subject),
            new(MspClaim, MspId),
            new(FingerprintClaim, CertificateFingerprint),
        };
        if (Role is not null)
        {
            claims.Add(new Claim(RoleClaim, Role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    // FindFirst(...)?.Value rather than the FindFirstValue extension: that one lives in Microsoft.Extensions.Identity.Core,
    // an assembly the service would load (and keep mapped) for nothing else.
    public static FabricIdentity FromPrincipal(ClaimsPrincipal principal) => new(
        principal.FindFirst(MspClaim)?.Value ?? throw new InvalidOperationException("The caller is not authenticated."),
        principal.FindFirst(FingerprintClaim)?.Value ?? throw new InvalidOperationException("The caller is not authenticated."),
        principal.FindFirst(RoleClaim)?.Value,
        principal.Identity?.Name ?? "");
}
