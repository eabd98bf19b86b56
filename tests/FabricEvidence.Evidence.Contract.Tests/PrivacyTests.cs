using System.Text;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>No personal data on the ledger: not in state, arguments, events, results or refusals.</summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private static readonly string[] PrivateValues =
    [
        Ledger.OperatorName, "Jane Q", Ledger.Place, "Sample Street", Ledger.DeviceName, "490154203237518",
        Ledger.DetailsText, "John Roe", "1980-02-03", "Mary Major", Ledger.Salt,
    ];

    private readonly Ledger _ledger = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task No_transient_value_reaches_public_state_arguments_events_or_results()
    {
        var results = await Scenario.RunAsync(_ledger);

        var published = new List<string>();
        published.AddRange(_ledger.State.GetAllState().Select(kv => kv.Key + "=" + Ledger.Utf8(kv.Value)));
        foreach (var transaction in _ledger.State.Transactions)
        {
            published.AddRange(transaction.Args.Select(Ledger.Utf8));
            published.AddRange(transaction.WrittenKeys);
            published.AddRange(transaction.PrivateWrites.Select(w => w.KeyHash + w.ValueHash));
            if (transaction.Event is { } e)
            {
                published.Add(e.Name + Ledger.Utf8(e.Payload));
            }
        }

        published.AddRange(results.Select(r => r.PayloadText + r.Message));
        foreach (var key in _ledger.State.GetAllState().Select(kv => kv.Key).Where(k => k.StartsWith("\0evidence\0", StringComparison.Ordinal)))
        {
            published.AddRange(_ledger.State.GetHistory(key).Select(h => Ledger.Utf8(h.Value)));
        }

        Assert.True(published.Count > 100);
        Assert.Contains(published, p => p.Contains("originHash", StringComparison.Ordinal));
        foreach (var value in PrivateValues)
        {
            Assert.DoesNotContain(published, p => p.Contains(value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_private_details_are_readable_by_members_with_a_role_that_needs_them()
    {
        (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        var details = await _ledger.QueryAsync<PrivateDetails>("GetPrivateDetails", "EV-1");

        Assert.Equal((Ledger.OperatorName, Ledger.Place), (details.Origin.Operator, details.Origin.Place));
        Assert.Equal(Ledger.DetailsText, details.CaseDetails!.Text);
        var investigator = await _ledger.EvaluateAsync(Investigator1, "GetPrivateDetails", "EV-1");
        Assert.True(investigator.IsSuccess);
        var storage = await _ledger.EvaluateAsync(Storage1, "GetPrivateDetails", "EV-1");
        Assert.StartsWith(EvidenceErrorCodes.Forbidden + ": ", storage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_identify_people_only_by_organisation_role_and_certificate_fingerprint()
    {
        await _ledger.StoreAsync("EV-1");

        var json = _ledger.State.GetStateText(Keys.Item("EV-1"))!;

        foreach (var identity in new[] { Investigator1, Storage1 })
        {
            Assert.DoesNotContain(identity.CommonName, json, StringComparison.Ordinal);
            Assert.Contains(Fingerprint(identity), json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("x509::", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("x509::")), json, StringComparison.Ordinal);
    }
}
