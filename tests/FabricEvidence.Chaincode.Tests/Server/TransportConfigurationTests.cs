using System.Net;
using FabricEvidence.Chaincode.Internal.Shim;
using FabricEvidence.Chaincode.Internal.Transport;
using FabricEvidence.Chaincode.Tests.Shim;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace FabricEvidence.Chaincode.Tests.Server;

public class TransportConfigurationTests
{
    [Fact]
    public async Task The_transport_reloads_no_configuration_file_so_it_watches_no_directory()
    {
        // A reloading file source watches the content root (the working directory) recursively: every file written
        // below it would wake the service. The transport is configured in code and must not reload anything.
        var chaincode = new LambdaChaincode((stub, _) => Task.FromResult(Harness.Ok(stub.FunctionName)));
        var service = new ChaincodeService(chaincode, new ChaincodeRuntimeSettings("cc:1", null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)), NullLogger.Instance, CancellationToken.None);
        using var transport = new ChaincodeTransport(new IPEndPoint(IPAddress.Loopback, 0), new ListenerTls(null, null), service, 4 * 1024 * 1024,
            TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20), 100, NullLoggerFactory.Instance);
        await transport.StartAsync(CancellationToken.None);
        try
        {
            var root = Assert.IsAssignableFrom<IConfigurationRoot>(transport.Configuration);
            var files = root.Providers.OfType<FileConfigurationProvider>().ToList();
            Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is reloaded on change"));
            Assert.True(transport.Port > 0);
        }
        finally
        {
            await transport.StopAsync(CancellationToken.None);
        }
    }
}
