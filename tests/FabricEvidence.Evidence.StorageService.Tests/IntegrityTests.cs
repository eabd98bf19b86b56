using FabricEvidence.Evidence.StorageService.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>The integrity run: every stored object hashed again, the result attested on the ledger.</summary>
public sealed class IntegrityTests : ServiceTestBase
{
    [Fact]
    public async Task An_untouched_object_is_attested_as_matching()
    {
        var content = Bytes(70_000);
        Service.Submit("EV-ok", Investigator, content, DigestAlgorithm.Sm3);
        await UploadAsync("EV-ok", content);

        var summary = await Service.App.Services.GetRequiredService<IntegrityChecker>().RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0), (summary.Checked, summary.Matched, summary.Mismatched));
        var attestation = Assert.Single(Service.Ledger.IntegrityChecks);
        Assert.Equal(ContentDigest.Compute(DigestAlgorithm.Sm3, content), attestation.ComputedDigest);
    }

    [Fact]
    public async Task An_object_altered_on_disk_is_attested_as_a_mismatch_with_the_digest_found()
    {
        var content = Bytes(70_000);
        Service.Submit("EV-bad", Investigator, content);
        var receipt = await UploadAsync("EV-bad", content);
        StorageTampering.FlipLastByte(Service.Store, "EV-bad");
        var altered = (byte[])content.Clone();
        altered[^1] ^= 0xFF;

        var summary = await Service.App.Services.GetRequiredService<IntegrityChecker>().RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1), (summary.Checked, summary.Matched, summary.Mismatched));
        var attestation = Assert.Single(Service.Ledger.IntegrityChecks);
        Assert.Equal(ContentDigest.Compute(DigestAlgorithm.Sha256, altered), attestation.ComputedDigest);
        Assert.NotEqual(receipt.Digest, attestation.ComputedDigest.Hex);
        Assert.Equal(receipt.ObjectVersion, attestation.ObjectVersion);
    }
}
