using System.Globalization;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>The tables of the registry commands: organisations, proposals, issuers and credential types.</summary>
internal static class RegistryOutput
{
    public static string Party(PartyAction party) =>
        $"{party.MspId} {party.Role} (cert {Output.Short(party.CertificateFingerprint)}) tx {Output.Short(party.TxId)} at {Time(party.Timestamp)}";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static Table RegistryTable(RegistryConfig config)
    {
        var table = Grid();
        table.AddRow("Organisations", Markup.Escape(string.Join(", ", config.Organisations)));
        table.AddRow("Approvals a change needs", $"{config.Majority} of {config.Organisations.Count}");
        table.AddRow("Version", config.Version.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Set by", Markup.Escape(Party(config.Changed)));
        return table;
    }

    public static string ProposalSummary(ChangeProposal proposal, int majority) => proposal.State switch
    {
        ProposalState.Applied => $"Proposal {proposal.Id} ({Kind(proposal.Kind)}) is applied: {proposal.Approvals.Count} of the {majority} approvals it needed.",
        ProposalState.Withdrawn => $"Proposal {proposal.Id} ({Kind(proposal.Kind)}) is withdrawn; nothing changed.",
        _ => $"Proposal {proposal.Id} ({Kind(proposal.Kind)}) is open with {proposal.Approvals.Count} of {majority} approvals; "
            + $"the other organisations' administrators run 'evidence identity registry approve {proposal.Id}' before {Time(proposal.ExpiresAt)}.",
    };

    public static Table ProposalTable(ChangeProposal proposal)
    {
        var table = Grid();
        table.AddRow("Proposal", Markup.Escape(proposal.Id));
        table.AddRow("Change", Markup.Escape(Kind(proposal.Kind)));
        table.AddRow("State", proposal.State switch
        {
            ProposalState.Applied => "[green]applied[/]",
            ProposalState.Withdrawn => "[grey]withdrawn[/]",
            _ => "[yellow]open[/]",
        });
        if (proposal.Issuer is { } issuer)
        {
            AddIssuerRows(table, issuer);
        }

        if (proposal.IssuerId is { } issuerId)
        {
            table.AddRow("Issuer", Markup.Escape(issuerId));
        }

        if (proposal.Organisations is { } organisations)
        {
            table.AddRow("Organisations", Markup.Escape(string.Join(", ", organisations)));
        }

        table.AddRow("Approvable until", Time(proposal.ExpiresAt));
        table.AddRow("Proposed by", Markup.Escape(Party(proposal.Proposed)));
        foreach (var approval in proposal.Approvals)
        {
            table.AddRow("Approved by", Markup.Escape(Party(approval)));
        }

        if (proposal.Closed is { } closed)
        {
            table.AddRow(proposal.State == ProposalState.Withdrawn ? "Withdrawn by" : "Applied in", Markup.Escape(Party(closed)));
        }

        return table;
    }

    public static Table IssuerTable(IssuerRecord record)
    {
        var table = Grid();
        AddIssuerRows(table, record.Spec);
        table.AddRow("State", record.Active ? "[green]active[/]" : "[grey]removed (may only revoke)[/]");
        table.AddRow("Last change", Markup.Escape($"proposal {record.ProposalId}, {Party(record.Changed)}"));
        return table;
    }

    public static Table TypeTable(CredentialType type)
    {
        var table = Grid();
        table.AddRow("Type (vct)", Markup.Escape(type.Vct));
        table.AddRow("Version", type.Version.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Claims", Markup.Escape(string.Join(", ", type.Claims)));
        table.AddRow("Selectively disclosable", Markup.Escape(string.Join(", ", type.SelectivelyDisclosable)));
        table.AddRow("Registered by", Markup.Escape(Party(type.Registered)));
        return table;
    }

    private static void AddIssuerRows(Table table, IssuerSpec issuer)
    {
        table.AddRow("Issuer", Markup.Escape(issuer.IssuerId));
        table.AddRow("Organisation", Markup.Escape(issuer.MspId));
        table.AddRow("Certificate", Markup.Escape(issuer.CertificateFingerprint));
        table.AddRow("May issue", Markup.Escape(string.Join(", ", issuer.CredentialTypes)));
        table.AddRow("Valid", $"{Time(issuer.ValidFrom)} to {Time(issuer.ValidUntil)}");
        table.AddRow("Status lists at", Markup.Escape(issuer.StatusListBaseUri));
    }

    private static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.AddIssuer => "add an issuer",
        ChangeKind.UpdateIssuer => "update an issuer",
        ChangeKind.RemoveIssuer => "remove an issuer",
        ChangeKind.SetOrganisations => "set the organisations",
        _ => kind.ToString(),
    };

    private static Table Grid() =>
        new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("Field").AddColumn("Value");
}
