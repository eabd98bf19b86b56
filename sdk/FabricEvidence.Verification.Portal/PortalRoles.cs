using System.Security.Claims;

namespace FabricEvidence.Verification.Portal;

/// <summary>The portal's roles and what they allow.</summary>
internal static class PortalRoles
{
    /// <summary>Court staff: see certificate subjects (names) and download bundles (whose blocks carry the certificates).</summary>
    public const string Court = "court";

    /// <summary>
    /// A verifier of the portal's organisation: verifies identity presentations, recorded on the ledger as the
    /// verifier identity of the <c>IdentityGateway</c> settings.
    /// </summary>
    public const string Verifier = "verifier";

    public static bool IsCourt(ClaimsPrincipal user) => user.IsInRole(Court);

    public static bool IsVerifier(ClaimsPrincipal user) => user.IsInRole(Verifier);
}
