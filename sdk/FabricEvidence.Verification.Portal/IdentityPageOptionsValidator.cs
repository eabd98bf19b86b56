using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal;

/// <summary>Checks <see cref="IdentityPageOptions"/> at start-up so that a wrong setting stops the portal with a message saying which.</summary>
internal sealed class IdentityPageOptionsValidator : IValidateOptions<IdentityPageOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityPageOptions options)
    {
        var failures = new List<string>();
        if (options.VerifierAccessCodeHashes.Any(hash => !PortalOptionsValidator.IsSha256Hex(hash)))
        {
            failures.Add("Portal:Identity:VerifierAccessCodeHashes must hold SHA-256 hashes (64 hexadecimal digits), not access codes.");
        }

        if (!options.Enabled)
        {
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (string.IsNullOrWhiteSpace(options.ChannelName))
        {
            failures.Add("Portal:Identity:ChannelName must name the channel.");
        }

        if (string.IsNullOrWhiteSpace(options.ChaincodeName))
        {
            failures.Add("Portal:Identity:ChaincodeName must name the identity chaincode.");
        }

        if (options.CertificateAuthorities.Count == 0 || options.CertificateAuthorities.Values.All(files => files.Count == 0))
        {
            failures.Add("Portal:Identity:CertificateAuthorities must name the CA certificate file of at least one issuing organisation, e.g. Portal:Identity:CertificateAuthorities:Org1MSP:0=/path/ca.pem.");
        }

        foreach (var (mspId, files) in options.CertificateAuthorities)
        {
            foreach (var file in files.Where(f => !File.Exists(f)))
            {
                failures.Add($"Portal:Identity:CertificateAuthorities:{mspId}: the file '{file}' does not exist.");
            }
        }

        if (options.VerifierAccessCodeHashes.Count == 0)
        {
            failures.Add("Portal:Identity:VerifierAccessCodeHashes must hold the hash of at least one verifier access code, or nobody can open the page.");
        }

        if (options.NonceLifetime <= TimeSpan.Zero)
        {
            failures.Add("Portal:Identity:NonceLifetime must be positive.");
        }

        if (options.MaxPresentationBytes <= 0)
        {
            failures.Add("Portal:Identity:MaxPresentationBytes must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
