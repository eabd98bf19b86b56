namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>A fresh service, PKI and investigator for each test.</summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    protected FabricTestPki Pki { get; } = new();

    protected ServiceUnderTest Service { get; private set; } = null!;

    protected TestIdentity Investigator { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Service = await ServiceUnderTest.StartAsync(Pki, Settings);
        Investigator = Pki.Investigator1();
        Client = Service.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        Pki.Dispose();
    }

    protected static byte[] Bytes(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Uploads <paramref name="content"/> in one request, as the investigator, and expects it stored.</summary>
    protected async Task<StorageReceipt> UploadAsync(string id, byte[] content, TestIdentity? signer = null)
    {
        using var response = await Client.SendAsync(Requests.Patch(Service.Https, id, 0, content, signer ?? Investigator, content.Length));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<StorageReceipt>(response.Content))!;
    }
}
