using System.Text.Json;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client.Internal;
using static FabricEvidence.Identity.Client.Internal.IdentityContractCaller;

namespace FabricEvidence.Identity.Client;

/// <summary>
/// The administrators' client of the identity contract: initialise the registry's organisations, register credential
/// types, and propose, approve or withdraw issuer changes (each organisation's administrator approves with its own
/// gateway; a majority applies the change). Submitted calls need an administrator's certificate (OU <c>admin</c>).
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var org1 = new RegistryClient(org1AdminGateway);
/// await org1.InitializeAsync(["Org1MSP", "Org2MSP"], ct);
/// await org1.RegisterCredentialTypeAsync("urn:example:residence", claims, disclosable, ct);
/// await org1.ProposeIssuerAsync("p-1", spec, DateTimeOffset.UtcNow.AddDays(7), ct);
/// await new RegistryClient(org2AdminGateway).ApproveChangeAsync("p-1", ct); // 2 of 2: applied
/// </code>
/// </example>
public sealed class RegistryClient
{
    private readonly IdentityContractCaller _contract;

    /// <summary>A client of the identity contract as the gateway's identity.</summary>
    /// <param name="gateway">The gateway.</param>
    /// <param name="options">Chaincode and channel; defaults by default.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public RegistryClient(IGateway gateway, RegistryClientOptions? options = null)
    {
        var settings = options ?? new RegistryClientOptions();
        _contract = new IdentityContractCaller(gateway, settings.ChannelName, settings.ChaincodeName, nameof(RegistryClientOptions));
    }

    /// <summary>Sets the registry's organisations, once, right after deployment.</summary>
    /// <param name="organisations">The channel's organisations (MSP ids) whose administrators approve registry changes.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="IdentityException">The contract refused (a second initialisation is an <see cref="IdentityConflictException"/>).</exception>
    public Task<RegistryConfig> InitializeAsync(IReadOnlyCollection<string> organisations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return _contract.SubmitAsync<RegistryConfig>("Initialize", null, Arguments(JsonSerializer.Serialize(organisations)), cancellationToken);
    }

    /// <summary>Registers a credential type, or its next version.</summary>
    /// <param name="vct">The type URI.</param>
    /// <param name="claims">Every claim path a credential of this type may hold.</param>
    /// <param name="selectivelyDisclosable">The paths issued as disclosures (a subset of <paramref name="claims"/>; <c>*</c> for array elements).</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The type version.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialType> RegisterCredentialTypeAsync(string vct, IReadOnlyCollection<string> claims, IReadOnlyCollection<string> selectivelyDisclosable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(selectivelyDisclosable);
        return _contract.SubmitAsync<CredentialType>("RegisterCredentialType", vct,
            Arguments(vct, JsonSerializer.Serialize(claims), JsonSerializer.Serialize(selectivelyDisclosable)), cancellationToken);
    }

    /// <summary>Proposes to add an issuer (or, with <paramref name="update"/>, to replace its registration); counts as the caller's organisation's approval.</summary>
    /// <param name="proposalId">A new proposal id.</param>
    /// <param name="issuer">The issuer's registration (<see cref="IssuerSpec.CertificateFingerprint"/>: see <see cref="Fingerprint"/>).</param>
    /// <param name="expiresAt">Until when it may be approved (at most 30 days ahead).</param>
    /// <param name="update">Whether it replaces an existing registration.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The proposal, already applied if the caller's approval is a majority.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> ProposeIssuerAsync(string proposalId, IssuerSpec issuer, DateTimeOffset expiresAt, bool update = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return ProposeAsync(proposalId, update ? ChangeKind.UpdateIssuer : ChangeKind.AddIssuer, IdentityJson.Write(issuer), expiresAt, cancellationToken);
    }

    /// <summary>Proposes to remove an issuer (it can then only revoke).</summary>
    /// <param name="proposalId">A new proposal id.</param>
    /// <param name="issuerId">The issuer.</param>
    /// <param name="expiresAt">Until when it may be approved.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> ProposeIssuerRemovalAsync(string proposalId, string issuerId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuerId);
        return ProposeAsync(proposalId, ChangeKind.RemoveIssuer, JsonSerializer.Serialize(new { issuerId }), expiresAt, cancellationToken);
    }

    /// <summary>Proposes a new set of organisations.</summary>
    /// <param name="proposalId">A new proposal id.</param>
    /// <param name="organisations">The MSP ids.</param>
    /// <param name="expiresAt">Until when it may be approved.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> ProposeOrganisationsAsync(string proposalId, IReadOnlyCollection<string> organisations, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        return ProposeAsync(proposalId, ChangeKind.SetOrganisations, JsonSerializer.Serialize(new { organisations }), expiresAt, cancellationToken);
    }

    /// <summary>Approves a proposal for the caller's organisation.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The proposal, applied once a majority approved.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> ApproveChangeAsync(string proposalId, CancellationToken cancellationToken = default) =>
        _contract.SubmitAsync<ChangeProposal>("ApproveChange", proposalId, Arguments(proposalId), cancellationToken);

    /// <summary>Withdraws the caller's organisation's open proposal.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the remaining steps.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> WithdrawChangeAsync(string proposalId, CancellationToken cancellationToken = default) =>
        _contract.SubmitAsync<ChangeProposal>("WithdrawChange", proposalId, Arguments(proposalId), cancellationToken);

    /// <summary>The registry's organisations.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="IdentityException">The contract refused (<see cref="IdentityWrongStateException"/> before initialisation).</exception>
    public Task<RegistryConfig> GetRegistryAsync(CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<RegistryConfig>("GetRegistry", null, Arguments(), cancellationToken);

    /// <summary>A proposal.</summary>
    /// <param name="proposalId">The proposal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The proposal.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<ChangeProposal> GetProposalAsync(string proposalId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<ChangeProposal>("GetProposal", proposalId, Arguments(proposalId), cancellationToken);

    /// <summary>A registered issuer.</summary>
    /// <param name="issuerId">The issuer's URI.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The issuer.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<IssuerRecord> GetIssuerAsync(string issuerId, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<IssuerRecord>("GetIssuer", issuerId, Arguments(issuerId), cancellationToken);

    /// <summary>The current version of a credential type.</summary>
    /// <param name="vct">The type URI.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The type.</returns>
    /// <exception cref="IdentityException">The contract refused.</exception>
    public Task<CredentialType> GetCredentialTypeAsync(string vct, CancellationToken cancellationToken = default) =>
        _contract.EvaluateAsync<CredentialType>("GetCredentialType", vct, Arguments(vct), cancellationToken);

    /// <summary>The registry's fingerprint of a certificate: lowercase hex SHA-256 of its DER encoding.</summary>
    /// <param name="certificate">The issuer's enrollment certificate.</param>
    /// <returns>The fingerprint for <see cref="IssuerSpec.CertificateFingerprint"/>.</returns>
    public static string Fingerprint(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
    }

    private Task<ChangeProposal> ProposeAsync(string proposalId, ChangeKind kind, string payload, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        _contract.SubmitAsync<ChangeProposal>("ProposeChange", proposalId, Arguments(proposalId, kind.ToString(), payload, IdentityJson.Time(expiresAt)), cancellationToken);
}
