using System.Security.Cryptography;
using System.Text.Json;

namespace FabricEvidence.Cli.Tests;

/// <summary>The investigator's flow through the tool against the real contract and the real storage service.</summary>
[Collection(CliGroup.Name)]
public sealed class FlowTests(CliHarness harness)
{
    [Fact]
    public async Task Submit_uploads_waits_for_the_storage_confirmation_and_prints_the_confirmed_record()
    {
        var file = harness.NewFile(300_000);
        var id = CliHarness.NewId();

        var run = await harness.RunAsync("submit", file, "--id", id, "--case", "CASE-2026/17", "--description", "Disk image");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains($"Submitted {id}", run.Output, StringComparison.Ordinal);
        Assert.Contains("confirmed by Org1MSP storage", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stored by", run.Output, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), run.Output, StringComparison.Ordinal);
        var stored = Directory.EnumerateFiles(harness.StorageRoot, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        Assert.Contains(stored, bytes => bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)));
    }

    [Fact]
    public async Task Submit_json_has_two_parties_with_different_certificates_and_transactions()
    {
        var file = harness.NewFile(10_000);

        var run = await harness.RunAsync("submit", file, "--case", "CASE-2026/18", "--description", "Photo", "--algorithm", "sm3", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        using var json = JsonDocument.Parse(run.Output);
        var record = json.RootElement.GetProperty("record");
        Assert.Equal("Stored", record.GetProperty("state").GetString());
        Assert.Equal("SM3", record.GetProperty("digestAlgorithm").GetString());
        var submitted = record.GetProperty("submitted");
        var confirmed = record.GetProperty("storage").GetProperty("confirmed");
        Assert.Equal("investigator", submitted.GetProperty("role").GetString());
        Assert.Equal("storage", confirmed.GetProperty("role").GetString());
        Assert.NotEqual(submitted.GetProperty("certificateFingerprint").GetString(), confirmed.GetProperty("certificateFingerprint").GetString());
        Assert.NotEqual(submitted.GetProperty("txId").GetString(), confirmed.GetProperty("txId").GetString());
        Assert.Equal(confirmed.GetProperty("txId").GetString(), json.RootElement.GetProperty("storage").GetProperty("transactionId").GetString());
        Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$", submitted.GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Verify_says_match_for_the_file_and_exits_5_for_a_changed_copy()
    {
        var (id, file) = await SubmitAsync(50_000);

        var match = await harness.RunAsync("verify", id, file);
        var changed = harness.NewFile(0);
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 1;
        File.WriteAllBytes(changed, bytes);
        var mismatch = await harness.RunAsync("verify", id, changed);
        var json = await harness.RunAsync("verify", id, changed, "--json");

        Assert.Equal(0, match.ExitCode);
        Assert.Contains("MATCH", match.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", match.Output, StringComparison.Ordinal);
        Assert.Equal(5, mismatch.ExitCode);
        Assert.Contains("MISMATCH", mismatch.Output, StringComparison.Ordinal);
        Assert.Equal(5, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal("mismatch", document.RootElement.GetProperty("verdict").GetString());
        Assert.False(document.RootElement.GetProperty("verification").GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task Transfer_by_Org1_custodian_and_accept_by_Org2_custodian_move_custody_and_show_in_history()
    {
        var (id, _) = await SubmitAsync(1_000);

        var offer = await harness.RunAsync("transfer", id, "--to", "Org2MSP", "--purpose", "Forensic analysis", "--user", "custodian");
        var accept = await harness.RunAsync("accept", id, "--org", "2", "--user", "custodian");
        var show = await harness.RunAsync("show", id, "--json");
        var history = await harness.RunAsync("history", id);
        var historyJson = await harness.RunAsync("history", id, "--json");

        Assert.True(offer.ExitCode == 0, offer.Errors);
        Assert.True(accept.ExitCode == 0, accept.Errors);
        Assert.Contains("Org2MSP now holds", accept.Output, StringComparison.Ordinal);
        using var record = JsonDocument.Parse(show.Output);
        Assert.Equal("Org2MSP", record.RootElement.GetProperty("holder").GetString());
        using var entries = JsonDocument.Parse(historyJson.Output);
        var changes = entries.RootElement.EnumerateArray().Select(e => e.GetProperty("record").GetProperty("lastChange").GetProperty("type").GetString()).ToList();
        Assert.Equal(["EvidenceSubmitted", "StorageConfirmed", "TransferOffered", "TransferAccepted"], changes);
        foreach (var entry in entries.RootElement.EnumerateArray())
        {
            Assert.Contains(entry.GetProperty("txId").GetString()!, history.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Org2MSP custodian", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hold_and_release_by_a_judge_and_a_refused_disposal()
    {
        var (id, _) = await SubmitAsync(1_000);

        var hold = await harness.RunAsync("hold", id, "--hold-id", "ORDER-17", "--reason", "Pending trial", "--user", "judge");
        var transfer = await harness.RunAsync("transfer", id, "--to", "Org2MSP", "--purpose", "Analysis", "--user", "custodian");
        var release = await harness.RunAsync("release", id, "--hold-id", "ORDER-17", "--reason", "Trial over", "--user", "judge");
        var dispose = await harness.RunAsync("dispose", id, "--reason", "Case closed", "--user", "custodian");

        Assert.True(hold.ExitCode == 0, hold.Errors);
        Assert.Contains("ORDER-17", hold.Output, StringComparison.Ordinal);
        Assert.Equal(4, transfer.ExitCode);
        Assert.StartsWith("error: The ledger refused", transfer.Errors, StringComparison.Ordinal);
        Assert.True(release.ExitCode == 0, release.Errors);
        Assert.Equal(4, dispose.ExitCode);
        Assert.Contains("must be retained until", dispose.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_records_access_and_writes_the_verified_content()
    {
        var (id, file) = await SubmitAsync(200_000);
        var target = Path.Combine(harness.StateDir, id + ".out");

        var run = await harness.RunAsync("download", id, "--purpose", "Court exhibit", "-o", target, "--user", "custodian");
        var again = await harness.RunAsync("download", id, "--purpose", "Court exhibit", "-o", target, "--user", "custodian");
        var forced = await harness.RunAsync("download", id, "--purpose", "Court exhibit", "-o", target, "--user", "custodian", "--force", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(target));
        Assert.Contains("Access recorded on the ledger", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("pass --force", again.Errors, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.Errors);
        using var json = JsonDocument.Parse(forced.Output);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task Watch_prints_events_and_resumes_after_its_checkpoint()
    {
        var (id, _) = await SubmitAsync(1_000);
        var checkpoint = Path.Combine(harness.StateDir, id + ".checkpoint");

        var first = await harness.RunAsync("watch", "--from-block", "0", "--id", id, "--count", "1", "--checkpoint", checkpoint, "--json");
        var second = await harness.RunAsync("watch", "--id", id, "--count", "1", "--checkpoint", checkpoint, "--json");
        var table = await harness.RunAsync("watch", "--from-block", "0", "--id", id, "--count", "2");

        Assert.True(first.ExitCode == 0, first.Errors);
        using var e1 = JsonDocument.Parse(first.Output);
        using var e2 = JsonDocument.Parse(second.Output);
        Assert.Equal("EvidenceSubmitted", e1.RootElement.GetProperty("type").GetString());
        Assert.Equal("StorageConfirmed", e2.RootElement.GetProperty("type").GetString());
        Assert.Contains($"EvidenceSubmitted {id}", table.Output, StringComparison.Ordinal);
        Assert.Contains($"StorageConfirmed {id}", table.Output, StringComparison.Ordinal);
    }

    private async Task<(string Id, string File)> SubmitAsync(int size)
    {
        var file = harness.NewFile(size);
        var id = CliHarness.NewId();
        var run = await harness.RunAsync("submit", file, "--id", id, "--case", "CASE-T", "--description", "Test item");
        Assert.True(run.ExitCode == 0, run.Errors);
        return (id, file);
    }
}
