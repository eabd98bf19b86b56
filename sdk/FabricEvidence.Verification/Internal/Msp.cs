using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// One organisation's MSP from a channel configuration, and identity validation as Fabric's X.509 MSP does it
/// (msp/mspimpl.go, mspimplvalidate.go, version 1.4.3 and later): the certificate must not be a CA, must chain to one
/// of the MSP's root CAs through its intermediate CAs, must not be revoked by one of the MSP's CRLs, must carry one of
/// the MSP's required OUs, and, with NodeOUs enabled, exactly one of the client, peer, admin and orderer OUs. In
/// addition to Fabric (which checks expiry only when transactions are submitted), every certificate of the chain must
/// be valid at the time checked: the transaction's timestamp.
/// </summary>
internal sealed class Msp : IDisposable
{
    private readonly Dictionary<string, ChainResult> _chains = new(StringComparer.Ordinal);
    private readonly List<CertificateInfo> _roots = [];
    private readonly List<CertificateInfo> _intermediates = [];
    private readonly List<byte[]> _admins = [];
    private readonly List<RevocationList> _crls = [];
    private readonly List<(string Unit, byte[]? Certifiers)> _requiredUnits = [];

    private Msp(string id, string organization)
    {
        Id = id;
        Organization = organization;
    }

    public string Id { get; }

    /// <summary>The configuration group's name for the organisation (e.g. <c>Org1MSP</c> or <c>Org1</c>).</summary>
    public string Organization { get; }

    /// <summary>Why the MSP cannot validate identities (an Idemix MSP, unreadable certificates), or null.</summary>
    public string? Error { get; private set; }

    public IReadOnlyList<CertificateInfo> Roots => _roots;

    public HashAlgorithmName SignatureHash { get; private set; } = HashAlgorithmName.SHA256;

    private HashAlgorithmName IdentifierHash { get; set; } = HashAlgorithmName.SHA256;

    public NodeUnit? ClientUnit { get; private set; }

    public NodeUnit? PeerUnit { get; private set; }

    public NodeUnit? AdminUnit { get; private set; }

    public NodeUnit? OrdererUnit { get; private set; }

    public bool NodeUnitsEnabled { get; private set; }

    public static Msp FromConfig(string organization, MSPConfig config)
    {
        const int FabricMspType = 0;
        if (config.Type != FabricMspType)
        {
            var idemix = new Msp(organization, organization) { Error = "the organisation uses an Idemix MSP; its identities cannot be verified by this verifier" };
            return idemix;
        }

        FabricMSPConfig fabric;
        try
        {
            fabric = FabricMSPConfig.Parser.ParseFrom(config.Config);
        }
        catch (InvalidProtocolBufferException e)
        {
            return new Msp(organization, organization) { Error = $"the MSP configuration cannot be decoded ({e.Message})" };
        }

        var msp = new Msp(fabric.Name, organization);
        var errors = new List<string>();
        foreach (var root in fabric.RootCerts)
        {
            msp._roots.AddRange(CertificateInfo.ParseAll(root.Span, errors));
        }

        foreach (var intermediate in fabric.IntermediateCerts)
        {
            msp._intermediates.AddRange(CertificateInfo.ParseAll(intermediate.Span, errors));
        }

        foreach (var admin in fabric.Admins)
        {
            msp._admins.AddRange(CertificateInfo.ParseAll(admin.Span, errors).Select(a => a.Der));
        }

        foreach (var crl in fabric.RevocationList)
        {
            var list = RevocationList.TryParse(crl.Span, out var crlError);
            if (list is null)
            {
                errors.Add($"a revocation list is {crlError}");
            }
            else
            {
                msp._crls.Add(list);
            }
        }

        if (fabric.CryptoConfig is { } crypto)
        {
            msp.SignatureHash = crypto.SignatureHashFamily switch
            {
                "" or "SHA2" => HashAlgorithmName.SHA256,
                "SHA3" => HashAlgorithmName.SHA3_256,
                var other => Fail(errors, $"the signature hash family '{other}' is unknown", HashAlgorithmName.SHA256),
            };
            msp.IdentifierHash = crypto.IdentityIdentifierHashFunction switch
            {
                "" or "SHA256" => HashAlgorithmName.SHA256,
                "SHA384" => HashAlgorithmName.SHA384,
                "SHA3_256" => HashAlgorithmName.SHA3_256,
                "SHA3_384" => HashAlgorithmName.SHA3_384,
                var other => Fail(errors, $"the identity identifier hash function '{other}' is unknown", HashAlgorithmName.SHA256),
            };
        }

        foreach (var unit in fabric.OrganizationalUnitIdentifiers)
        {
            msp._requiredUnits.Add((unit.OrganizationalUnitIdentifier, msp.CertifiersOf(unit.Certificate, errors)));
        }

        if (fabric.FabricNodeOus is { Enable: true } nodeOus)
        {
            msp.NodeUnitsEnabled = true;
            msp.ClientUnit = msp.NodeUnitFrom(nodeOus.ClientOuIdentifier, errors);
            msp.PeerUnit = msp.NodeUnitFrom(nodeOus.PeerOuIdentifier, errors);
            msp.AdminUnit = msp.NodeUnitFrom(nodeOus.AdminOuIdentifier, errors);
            msp.OrdererUnit = msp.NodeUnitFrom(nodeOus.OrdererOuIdentifier, errors);
        }

        if (msp._roots.Count == 0)
        {
            errors.Add("the MSP has no root CA certificate");
        }

        if (errors.Count > 0)
        {
            msp.Error = string.Join("; ", errors);
        }

        return msp;
    }

    private static T Fail<T>(List<string> errors, string error, T fallback)
    {
        errors.Add(error);
        return fallback;
    }

    private NodeUnit? NodeUnitFrom(FabricOUIdentifier? identifier, List<string> errors) =>
        identifier is null || identifier.OrganizationalUnitIdentifier.Length == 0
            ? null
            : new NodeUnit(identifier.OrganizationalUnitIdentifier, CertifiersOf(identifier.Certificate, errors));

    // Fabric names the CA an OU must be certified by with the hash of that CA's certification chain.
    private byte[]? CertifiersOf(ByteString certificate, List<string> errors)
    {
        if (certificate.IsEmpty)
        {
            return null;
        }

        var ca = CertificateInfo.TryParse(certificate.Span, out var error);
        if (ca is null)
        {
            errors.Add($"an OU identifier's certificate is {error}");
            return null;
        }

        using (ca)
        {
            var known = _roots.Concat(_intermediates).FirstOrDefault(c => c.Der.AsSpan().SequenceEqual(ca.Der));
            if (known is null)
            {
                errors.Add($"an OU identifier names the CA '{ca.Subject}', which is not one of the MSP's CAs");
                return null;
            }

            var chain = Chain(known);
            if (chain.Error is not null)
            {
                errors.Add($"the CA '{known.Subject}' of an OU identifier does not chain to a root CA ({chain.Error})");
                return null;
            }

            return IdentifierOf(chain.Certificates);
        }
    }

    private byte[] IdentifierOf(IEnumerable<CertificateInfo> chain)
    {
        using var hash = IncrementalHash.CreateHash(IdentifierHash);
        foreach (var certificate in chain)
        {
            hash.AppendData(certificate.Der);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Validates an identity at a time; the result says why not and what role its OUs give it.</summary>
    public IdentityValidation Validate(CertificateInfo identity, DateTimeOffset time)
    {
        if (Error is not null)
        {
            return new IdentityValidation(null, null, $"MSP {Id} cannot validate identities: {Error}");
        }

        if (identity.IsCertificateAuthority)
        {
            return new IdentityValidation(null, null, "the certificate is a CA certificate, which Fabric does not accept as an identity");
        }

        var chain = Chain(identity);
        if (chain.Error is not null)
        {
            return new IdentityValidation(null, null, $"the certificate does not chain to a root CA of {Id}: {chain.Error}");
        }

        foreach (var certificate in chain.Certificates)
        {
            var notBefore = new DateTimeOffset(certificate.Certificate.NotBefore);
            var notAfter = new DateTimeOffset(certificate.Certificate.NotAfter);
            if (time < notBefore || time > notAfter)
            {
                var which = ReferenceEquals(certificate, identity) ? "the certificate" : $"the CA certificate '{certificate.Subject}'";
                return new IdentityValidation(chain.Certificates, null,
                    $"{which} is not valid at {time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (valid from {notBefore.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} to {notAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})");
            }
        }

        if (IsRevoked(identity, chain.Certificates))
        {
            return new IdentityValidation(chain.Certificates, null, $"the certificate is revoked by a revocation list of {Id}");
        }

        var certifiers = IdentifierOf(chain.Certificates.Skip(1));
        if (_requiredUnits.Count > 0
            && !identity.OrganizationalUnits.Any(u => _requiredUnits.Any(r => r.Unit == u && (r.Certifiers is null || r.Certifiers.AsSpan().SequenceEqual(certifiers)))))
        {
            return new IdentityValidation(chain.Certificates, null, $"none of the certificate's OUs ({string.Join(", ", identity.OrganizationalUnits)}) is an OU {Id} accepts");
        }

        string? role = null;
        if (NodeUnitsEnabled)
        {
            var matches = new List<string>();
            foreach (var (unit, name) in new[] { (ClientUnit, "client"), (PeerUnit, "peer"), (AdminUnit, "admin"), (OrdererUnit, "orderer") })
            {
                if (unit is null || !identity.OrganizationalUnits.Contains(unit.Unit))
                {
                    continue;
                }

                if (unit.Certifiers is not null && !unit.Certifiers.AsSpan().SequenceEqual(certifiers))
                {
                    return new IdentityValidation(chain.Certificates, null, $"the certificate's {name} OU is not certified by the CA {Id} names for it");
                }

                matches.Add(name);
            }

            if (matches.Count != 1)
            {
                return new IdentityValidation(chain.Certificates, null, matches.Count == 0
                    ? $"the certificate has none of {Id}'s client, peer, admin or orderer OUs (it has: {string.Join(", ", identity.OrganizationalUnits)})"
                    : $"the certificate has several of {Id}'s node OUs ({string.Join(", ", matches)}); Fabric requires exactly one");
            }

            role = matches[0];
        }

        return new IdentityValidation(chain.Certificates, role, null) { Certifiers = certifiers };
    }

    /// <summary>Whether a valid identity holds an MSP role (policies' MSPRole principals), as Fabric's MSP v1.4.3+ decides.</summary>
    public bool HasRole(CertificateInfo identity, IdentityValidation validation, MSPRole.Types.MSPRoleType role)
    {
        if (!validation.IsValid)
        {
            return false;
        }

        return role switch
        {
            MSPRole.Types.MSPRoleType.Member => true,
            MSPRole.Types.MSPRoleType.Admin => _admins.Any(a => a.AsSpan().SequenceEqual(identity.Der)) || validation.NodeRole == "admin",
            MSPRole.Types.MSPRoleType.Client => NodeUnitsEnabled && validation.NodeRole == "client",
            MSPRole.Types.MSPRoleType.Peer => NodeUnitsEnabled && validation.NodeRole == "peer",
            MSPRole.Types.MSPRoleType.Orderer => NodeUnitsEnabled && validation.NodeRole == "orderer",
            _ => false,
        };
    }

    private bool IsRevoked(CertificateInfo identity, IReadOnlyList<CertificateInfo> chain)
    {
        if (_crls.Count == 0 || chain.Count < 2)
        {
            return false;
        }

        var issuer = chain[1];
        var ski = issuer.SubjectKeyIdentifier;
        var serial = new BigInteger(identity.Certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
        foreach (var crl in _crls)
        {
            if (ski is not null && crl.AuthorityKeyIdentifier is not null && crl.AuthorityKeyIdentifier.AsSpan().SequenceEqual(ski)
                && crl.Revoked.Contains(serial) && crl.IsSignedBy(issuer))
            {
                return true;
            }
        }

        return false;
    }

    private ChainResult Chain(CertificateInfo certificate)
    {
        if (_chains.TryGetValue(certificate.Fingerprint, out var cached))
        {
            return cached;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Validity in time is checked against the transaction's time by the caller, as Fabric builds chains at NotBefore + 1 s.
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        chain.ChainPolicy.VerificationTime = certificate.Certificate.NotBefore.AddSeconds(1);
        foreach (var root in _roots)
        {
            chain.ChainPolicy.CustomTrustStore.Add(root.Certificate);
        }

        foreach (var intermediate in _intermediates)
        {
            chain.ChainPolicy.ExtraStore.Add(intermediate.Certificate);
        }

        ChainResult result;
        try
        {
            if (chain.Build(certificate.Certificate))
            {
                var certificates = new List<CertificateInfo> { certificate };
                for (var i = 1; i < chain.ChainElements.Count; i++)
                {
                    var raw = chain.ChainElements[i].Certificate.RawData;
                    certificates.Add(_roots.Concat(_intermediates).First(c => c.Der.AsSpan().SequenceEqual(raw)));
                }

                result = new ChainResult(certificates, null);
            }
            else
            {
                var problems = chain.ChainStatus
                    .Where(s => s.Status is not (X509ChainStatusFlags.NotTimeValid or X509ChainStatusFlags.NoError))
                    .Select(s => s.StatusInformation.Trim())
                    .Distinct(StringComparer.Ordinal);
                result = new ChainResult([], string.Join("; ", problems) is { Length: > 0 } text ? text : "no chain to a root CA");
            }
        }
        catch (CryptographicException e)
        {
            result = new ChainResult([], e.Message);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }

        _chains[certificate.Fingerprint] = result;
        return result;
    }

    public void Dispose()
    {
        foreach (var certificate in _roots.Concat(_intermediates))
        {
            certificate.Dispose();
        }
    }

    private sealed record ChainResult(IReadOnlyList<CertificateInfo> Certificates, string? Error);
}

/// <summary>A node OU of an MSP: the OU value and, when the configuration names one, the hash of its certifying CA's chain.</summary>
internal sealed record NodeUnit(string Unit, byte[]? Certifiers);

/// <summary>The outcome of validating an identity: its chain (leaf first), its node role, or why it is not valid.</summary>
internal sealed record IdentityValidation(IReadOnlyList<CertificateInfo>? Chain, string? NodeRole, string? Error)
{
    public bool IsValid => Error is null;

    /// <summary>The identity's certifiers identifier (hash of its CA chain), for OU principals.</summary>
    public byte[]? Certifiers { get; init; }
}
