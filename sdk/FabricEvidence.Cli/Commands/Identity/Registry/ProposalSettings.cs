using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>The options of a new registry change proposal: its id and until when the other organisations may approve it.</summary>
internal class ProposalSettings : RegistrySettings
{
    /// <summary>The approval window when <c>--expires</c> is not given; the contract allows at most 30 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);

    [CommandArgument(0, "<PROPOSAL>")]
    [Description("A new proposal id (the other administrators approve it by this id).")]
    public string Proposal { get; init; } = string.Empty;

    [CommandOption("--expires <DATE>")]
    [Description("Until when the proposal may be approved, ISO 8601 (at most 30 days ahead). Default: 7 days from now.")]
    public string? Expires { get; init; }

    public DateTimeOffset ExpiresAt() =>
        Expires is null ? DateTimeOffset.UtcNow.Add(DefaultWindow) : IdentityInputs.ParseTime(Expires, "--expires");

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Proposal) ? ValidationResult.Error("PROPOSAL is required: a new proposal id, e.g. issuer-registry-org1.")
        : Expires is not null && !IdentityInputs.TryParseTime(Expires, out _) ? ValidationResult.Error($"--expires '{Expires}' is not a date: use ISO 8601, e.g. 2027-01-31.")
        : base.Validate();
}
