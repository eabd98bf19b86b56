namespace FabricEvidence.Chaincode.Tests.Shim;

public class SmokeTests
{
    [Fact]
    public async Task Put_then_get_round_trips_through_the_peer()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            if (stub.FunctionName == "put")
            {
                await stub.PutStateAsync(stub.Parameters[0], System.Text.Encoding.UTF8.GetBytes(stub.Parameters[1]));
                return Harness.Ok();
            }

            var value = await stub.GetStateAsync(stub.Parameters[0]);
            return Harness.Ok(value is null ? "<null>" : System.Text.Encoding.UTF8.GetString(value));
        });

        var put = await h.InvokeAsync("put", "k1", "v1");
        var get = await h.InvokeAsync("get", "k1");
        var missing = await h.InvokeAsync("get", "nope");

        Assert.Equal(200, put.Status);
        Assert.Equal("v1", get.Payload);
        Assert.Equal("<null>", missing.Payload);
        Assert.Contains(put.Transcript, l => l.StartsWith("cc->peer PUT_STATE collection=\"\" key=\"k1\" value=\"v1\"", StringComparison.Ordinal));
    }
}
