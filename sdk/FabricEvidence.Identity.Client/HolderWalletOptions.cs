namespace FabricEvidence.Identity.Client;

/// <summary>Options of a <see cref="HolderWallet"/>. Each property states its default.</summary>
public sealed class HolderWalletOptions
{
    /// <summary>The clock of presentations, consents and holder proofs. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The page size when listing verifications, 1 to 100. Defaults to 50.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How the wallet file is encrypted when saved. Defaults to <see cref="WalletProtectionOptions"/>' defaults.</summary>
    public WalletProtectionOptions Protection { get; set; } = new();

    /// <summary>The chaincode name the identity contract is deployed under. Defaults to <c>identity</c>.</summary>
    public string ChaincodeName { get; set; } = "identity";

    /// <summary>The channel. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>
    /// For dependency injection: the name of the registered gateway to use
    /// (<c>IFabricGatewayFactory.GetGateway</c>). Defaults to empty: the unnamed gateway.
    /// </summary>
    public string GatewayName { get; set; } = string.Empty;
}
