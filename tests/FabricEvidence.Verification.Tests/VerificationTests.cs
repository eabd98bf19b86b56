using Xunit.Abstractions;

namespace FabricEvidence.Verification.Tests;

public sealed class VerificationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Bundle_of_an_untampered_ledger_and_the_right_file_is_verified()
    {
        using var scenario = Scenario.Create();
        var bundle = await scenario.BundleAsync();

        var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(Scenario.File));

        foreach (var check in result.Checks)
        {
            output.WriteLine(check.ToString());
        }

        Assert.True(result.IsVerified, string.Join("\n", result.Checks));
    }
}
