using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Protocol.Internal;

/// <summary>Certificate checks against a caller-given set of roots, as Fabric's own CAs require.</summary>
internal static class TlsValidation
{
    public static bool ValidateServer(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string expectedName, bool nameOverridden)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        var cert = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var chainOk = roots is null
            ? (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0
            : ChainsTo(cert, roots, X509KeyUsageOid.ServerAuth);
        if (!chainOk)
        {
            return false;
        }

        // The platform checked the name against the address's host; an override replaces that check.
        return nameOverridden
            ? cert.MatchesHostname(expectedName, allowWildcards: true, allowCommonName: true)
            : (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
    }

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

internal static class X509KeyUsageOid
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
}
