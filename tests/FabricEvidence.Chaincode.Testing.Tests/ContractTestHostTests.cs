using System.Text;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Testing.Tests;

public sealed class ContractTestHostTests
{
    public sealed class CounterContract : Contract
    {
        [Transaction]
        public static async Task<int> Increment(Context context, string name)
        {
            var current = await context.Stub.GetStateAsync(name) is { } bytes ? int.Parse(Encoding.UTF8.GetString(bytes), System.Globalization.CultureInfo.InvariantCulture) : 0;
            await context.Stub.PutStateAsync(name, Encoding.UTF8.GetBytes((current + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            context.Stub.SetEvent("Incremented", Encoding.UTF8.GetBytes(name));
            return current + 1;
        }

        [Transaction(TransactionIntent.Evaluate)]
        public static string Caller(Context context) => context.ClientIdentity.Subject;

        [Transaction(TransactionIntent.Evaluate)]
        public static string Secret(Context context) =>
            context.Stub.Transient.TryGetValue("secret", out var secret) ? Encoding.UTF8.GetString(secret) : "none";

        [Transaction(TransactionIntent.Evaluate)]
        public static string When(Context context) => $"{context.Stub.TxId}@{context.Stub.TxTimestamp}";

        [Transaction]
        public static void Fail(Context context) => throw new ChaincodeException("nope");
    }

    [Fact]
    public async Task Submit_commits_a_successful_transaction_and_reports_its_event()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var result = await host.SubmitAsync("Increment", ["c"]);

        Assert.Equal("1", result.EnsureSuccess().PayloadText);
        Assert.True(result.Committed);
        Assert.Equal(TxValidationCode.Valid, result.ValidationCode);
        Assert.Equal("Incremented", result.Event!.Name);
        Assert.Equal("1", host.Ledger.GetStateText("c"));
    }

    [Fact]
    public async Task Evaluate_runs_the_transaction_but_commits_nothing()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var result = await host.EvaluateAsync("Increment", ["c"]);

        Assert.Equal("1", result.PayloadText);
        Assert.Null(result.ValidationCode);
        Assert.False(result.Committed);
        Assert.Null(host.Ledger.GetState("c"));
    }

    [Fact]
    public async Task Failed_transaction_commits_nothing_and_EnsureSuccess_reports_it()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var result = await host.SubmitAsync("Fail");

        Assert.Null(result.ValidationCode);
        Assert.Empty(host.Ledger.Transactions);
        var error = Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
        Assert.Equal($"Transaction {result.TxId} failed with status 500: nope", error.Message);
    }

    [Fact]
    public async Task Identity_transient_data_id_and_timestamp_can_be_given_per_transaction()
    {
        await using var host = ContractTestHost.Create<CounterContract>();
        var when = new FabricTimestamp(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).ToUnixTimeSeconds(), 987_654_321);

        var caller = await host.InvokeAsync(new TestTransaction { Function = "Caller", Identity = TestIdentity.Create("Org2MSP", "zoe"), Submit = false });
        var secret = await host.InvokeAsync(new TestTransaction { Function = "Secret", Transient = new Dictionary<string, byte[]> { ["secret"] = "s"u8.ToArray() }, Submit = false });
        var timed = await host.InvokeAsync(new TestTransaction { Function = "When", TxId = "abc", Timestamp = when, Submit = false });

        Assert.Equal("CN=zoe,OU=client,O=Org2MSP", caller.PayloadText);
        Assert.Equal("s", secret.PayloadText);
        Assert.Equal("abc@2025-03-04T05:06:07.987654321Z", timed.PayloadText);
    }

    [Fact]
    public async Task Metadata_is_available_from_the_host()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var metadata = await host.GetMetadataAsync();

        Assert.Contains("\"CounterContract\"", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payload_can_be_read_as_JSON()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var value = (await host.SubmitAsync("Increment", ["c"])).PayloadAs<int>();

        Assert.Equal(1, value);
    }

    [Fact]
    public async Task Concurrent_submissions_of_a_read_modify_write_conflict_like_on_Fabric()
    {
        await using var host = ContractTestHost.Create<CounterContract>();
        var first = host.Ledger.CreateStub("Increment", "c");
        var second = host.Ledger.CreateStub("Increment", "c");

        await host.Chaincode.InvokeAsync(first, CancellationToken.None);
        await host.Chaincode.InvokeAsync(second, CancellationToken.None);

        Assert.Equal(TxValidationCode.Valid, first.Commit());
        Assert.Equal(TxValidationCode.MvccReadConflict, second.Commit());
        Assert.Equal("1", host.Ledger.GetStateText("c"));
    }

    [Fact]
    public void Host_without_contracts_is_rejected() =>
        Assert.Throws<InvalidOperationException>(() => new ContractTestHost(_ => { }));
}
