using System.Globalization;
using System.Text.Json;
using FabricEvidence.Evidence;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FabricEvidence.Cli.Internal;

/// <summary>How results look: tables for people, JSON for scripts (written unwrapped, straight to the output).</summary>
internal sealed class Output(IAnsiConsole console, IAnsiConsole errors)
{
    public IAnsiConsole Console => console;

    public IAnsiConsole Errors => errors;

    public void Json<T>(T value, bool singleLine = false)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(JsonSerializer.Serialize(value, singleLine ? CliJson.Lines : CliJson.Options));
        writer.Flush();
    }

    public void Heading(string text) => console.Write(new Rule($"[bold]{Markup.Escape(text)}[/]").LeftJustified());

    public void Success(string text) => console.MarkupLine($"[green]✔[/] {Markup.Escape(text)}");

    public void Note(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    public void Record(EvidenceRecord record) => console.Write(RecordTable(record));

    public static Table RecordTable(EvidenceRecord record)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("[bold]Field[/]").AddColumn("[bold]Value[/]");
        void Row(string name, IRenderable value) => table.AddRow(new Markup($"[grey]{name}[/]"), value);
        void Text(string name, string? value)
        {
            if (value is not null)
            {
                Row(name, new Text(value));
            }
        }

        Text("Evidence id", record.Id);
        Text("Case", record.CaseReference);
        Text("Description", record.Description);
        Row("State", State(record.State));
        Text("Holder", record.Holder);
        Text("Digest", $"{record.DigestAlgorithm} {record.Digest}");
        Text("Size", Bytes(record.Size));
        Text("Media type", record.MediaType);
        Text("Retain until", Date(record.RetainUntil));
        Text("Submitted by", Party(record.Submitted));
        if (record.Storage is { } storage)
        {
            Text("Stored by", Party(storage.Confirmed));
            Text("Storage digest", storage.Matched ? $"{storage.ComputedDigest} (matches)" : $"{storage.ComputedDigest} (DOES NOT MATCH)");
            Text("Object", $"{storage.ObjectLocation} (version {storage.ObjectVersion})");
        }

        if (record.Transfer is { } offer)
        {
            Text("Transfer offered", $"to {offer.ToMspId} for \"{offer.Purpose}\" ({Party(offer.Offered)})");
        }

        foreach (var hold in record.Holds)
        {
            Text("Legal hold", $"{hold.HoldId}: {hold.Reason} ({Party(hold.Placed)})");
        }

        if (record.Integrity is { } integrity)
        {
            Text("Integrity", integrity.FirstMismatch is { } mismatch
                ? $"ALTERED: a check found {mismatch.ComputedDigest} (tx {Short(mismatch.Checked.TxId)})"
                : $"intact at the last check (tx {Short(integrity.LastCheck.Checked.TxId)})");
        }

        if (record.Disposal is { } disposal)
        {
            Text("Disposal", disposal.Approved is { } approved
                ? $"approved: {disposal.DecisionReason} ({Party(approved)})"
                : $"requested: {disposal.RequestReason} ({Party(disposal.Requested)})");
        }

        if (record.Invalidation is { } invalidation)
        {
            Text("Invalidated", $"{invalidation.Reason} ({Party(invalidation.Invalidated)})");
        }

        Text("Last change", $"{record.LastChange.Type} in {record.LastChange.By.TxId}");
        return table;
    }

    public static Table HistoryTable(IReadOnlyList<HistoryEntry> history)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("#").AddColumn("Time (UTC)").AddColumn("Change").AddColumn("By").AddColumn("Certificate").AddColumn("Transaction").AddColumn("State").AddColumn("Holder");
        var number = 1;
        foreach (var entry in history)
        {
            var by = entry.Record.LastChange.By;
            table.AddRow(
                new Text(number++.ToString(CultureInfo.InvariantCulture)),
                new Text(Time(entry.Timestamp)),
                new Text(entry.Record.LastChange.Type),
                new Text($"{by.MspId} {by.Role}"),
                new Text(Short(by.CertificateFingerprint)),
                new Text(entry.TxId),
                State(entry.Record.State),
                new Text(entry.Record.Holder));
        }

        return table;
    }

    public static string EventLine(EvidenceEvent e)
    {
        var extra = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                extra.Add($"{name}={value}");
            }
        }

        Add("to", e.ToMspId);
        Add("from", e.FromMspId);
        Add("hold", e.HoldId);
        Add("purpose", e.Purpose);
        Add("reason", e.Reason);
        Add("digest", e.ComputedDigest ?? e.Digest);
        return $"block {e.BlockNumber} {Time(e.By.Timestamp)} {e.Type} {e.EvidenceId} {e.State} holder={e.Holder} by={e.By.MspId}/{e.By.Role} tx={e.By.TxId}"
            + (extra.Count > 0 ? " " + string.Join(' ', extra) : string.Empty);
    }

    public static IRenderable State(EvidenceState state) => new Markup(state switch
    {
        EvidenceState.Stored => "[green]Stored[/]",
        EvidenceState.Submitted => "[yellow]Submitted[/]",
        EvidenceState.Rejected => "[red]Rejected[/]",
        _ => "[grey]" + state + "[/]",
    });

    public static string Party(PartyAction party) => $"{party.MspId} {party.Role} (cert {Short(party.CertificateFingerprint)}) tx {Short(party.TxId)} at {Time(party.Timestamp)}";

    public static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;

    public static string Time(Timestamp timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds).AddTicks(timestamp.Nanos / 100).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Date(Timestamp timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bytes(long size) => size switch
    {
        < 1024 => $"{size} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0:0.0} KiB ({size} bytes)"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024):0.0} MiB ({size} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024 * 1024):0.00} GiB ({size} bytes)"),
    };
}
