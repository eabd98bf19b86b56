namespace FabricEvidence.Verification.Portal;

/// <summary>The type the portal's localized strings are looked up by (<c>Resources/PortalStrings.resx</c> and <c>.zh-CN.resx</c>).</summary>
public sealed class PortalStrings
{
    private PortalStrings()
    {
    }
}
