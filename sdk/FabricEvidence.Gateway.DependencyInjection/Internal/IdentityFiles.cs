namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>The client identity and signer from an MSP folder, or from a certificate and (optionally) a key file.</summary>
internal static class IdentityFiles
{
    public static (X509Identity Identity, ISigner? Signer) Load(FabricGatewayConnectionOptions options)
    {
        if (options.MspDirectory is { } msp)
        {
            var credentials = Identities.LoadMspDirectory(options.MspId!, msp);
            return (credentials.Identity, credentials.Signer);
        }

        using var certificate = Identities.ReadCertificateFile(options.CertificatePath!);
        var identity = new X509Identity(options.MspId!, certificate);
        if (options.PrivateKeyPath is null)
        {
            return (identity, null);
        }

        using var key = PrivateKey.FromPemFile(options.PrivateKeyPath);
        return (identity, Identities.CreateSigner(key, certificate));
    }
}
