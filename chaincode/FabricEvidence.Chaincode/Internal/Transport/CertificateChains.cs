using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>Certificate checks against a caller-given set of roots, as Fabric's own CAs require.</summary>
internal static class CertificateChains
{
    public const string ClientAuthUsageOid = "1.3.6.1.5.5.7.3.2";

    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots, string? requiredUsageOid)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediate CAs given with the roots may be needed to complete the chain.
        chain.ChainPolicy.ExtraStore.AddRange(roots);
        if (requiredUsageOid is not null)
        {
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(requiredUsageOid));
        }

        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }
}
