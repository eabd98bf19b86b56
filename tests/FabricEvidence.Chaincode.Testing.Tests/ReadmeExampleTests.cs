using System.Globalization;
using System.Text;
using FabricEvidence.TestSupport;

namespace FabricEvidence.Chaincode.Testing.Tests;

/// <summary>
/// The opening examples of the runtime's README (a contract) and of this package's README (a test of it), compiled
/// and run here so that neither README can drift from working code.
/// </summary>
public sealed class ReadmeExampleTests
{
    /// <summary>Counts named things; every increment is a transaction on the ledger.</summary>
    [Contract(Name = "counter")]
    public sealed class CounterContract : Contract
    {
        [Transaction]
        public static async Task<int> Increment(Context context, string name)
        {
            var current = await context.Stub.GetStateAsync(name) is { } bytes ? int.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture) : 0;
            await context.Stub.PutStateAsync(name, Encoding.UTF8.GetBytes((current + 1).ToString(CultureInfo.InvariantCulture)));
            context.Stub.SetEvent("Incremented", Encoding.UTF8.GetBytes(name));
            return current + 1;
        }

        [Transaction(TransactionIntent.Evaluate)]
        public static async Task<int> Read(Context context, string name) =>
            await context.Stub.GetStateAsync(name) is { } bytes ? int.Parse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture) : 0;
    }

    [Theory]
    [InlineData("chaincode/FabricEvidence.Chaincode/README.md")]
    [InlineData("chaincode/FabricEvidence.Chaincode.Testing/README.md")]
    public void The_README_opens_with_the_example_this_test_runs(string readme)
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored(readme, "tests/FabricEvidence.Chaincode.Testing.Tests/ReadmeExampleTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task The_README_example_increments_commits_and_reads_back()
    {
        await using var host = ContractTestHost.Create<CounterContract>();

        var result = await host.SubmitAsync("Increment", ["apples"]);
        Assert.Equal("1", result.EnsureSuccess().PayloadText);
        Assert.True(result.Committed);
        Assert.Equal("Incremented", result.Event!.Name);
        Assert.Equal("1", host.Ledger.GetStateText("apples"));

        var read = await host.EvaluateAsync("Read", ["apples"]);
        Assert.Equal("1", read.PayloadText);
        Assert.Single(host.Ledger.Transactions);
    }
}
