using System.Security.Claims;

namespace FabricEvidence.Verification.Portal;

/// <summary>The portal's one role and what it allows.</summary>
internal static class PortalRoles
{
    /// <summary>Court staff: see certificate subjects (names) and download bundles (whose blocks carry the certificates).</summary>
    public const string Court = "court";

    public static bool IsCourt(ClaimsPrincipal user) => user.IsInRole(Court);
}
