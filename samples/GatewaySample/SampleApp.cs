using System.Text;
using FabricEvidence.Gateway;

namespace GatewaySample;

/// <summary>Connects to a Fabric Gateway as the given identity and evaluates, submits, or listens for events.</summary>
internal static class SampleApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SampleOptions options;
        try
        {
            options = SampleOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message);
            await error.WriteLineAsync();
            await error.WriteLineAsync(SampleOptions.Usage);
            return 2;
        }

        try
        {
            return await RunAsync(options, output, cancellationToken);
        }
        catch (GatewayException ex)
        {
            // The message says which step failed where; each endorsing peer's own reason is in Details.
            await error.WriteLineAsync(ex.Message);
            foreach (var detail in ex.Details)
            {
                await error.WriteLineAsync($"  {detail.Address} ({detail.MspId}): {detail.Message}");
            }

            return 1;
        }
        catch (CommitException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> RunAsync(SampleOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var channelOptions = new FabricChannelOptions { ServerNameOverride = options.ServerNameOverride };
        if (options.TlsCertificatePath is not null)
        {
            channelOptions.WithTlsRootCertificateFile(options.TlsCertificatePath);
        }

        using var channel = FabricChannel.ForAddress(options.Endpoint, channelOptions);

        X509Identity identity;
        ISigner? signer = null;
        if (options.MspDirectory is not null)
        {
            var credentials = Identities.LoadMspDirectory(options.MspId, options.MspDirectory);
            (identity, signer) = (credentials.Identity, credentials.Signer);
        }
        else
        {
            using var certificate = Identities.ReadCertificateFile(options.CertificatePath!);
            identity = new X509Identity(options.MspId, certificate);
            if (options.PrivateKeyPath is not null)
            {
                using var key = PrivateKey.FromPemFile(options.PrivateKeyPath);
                signer = Identities.CreateSigner(key, certificate);
            }
        }

        await using var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = identity,
            Signer = signer,
        });
        var network = gateway.GetNetwork(options.Channel);
        var contract = network.GetContract(options.Chaincode);

        switch (options.Command)
        {
            case "evaluate":
                var evaluated = await contract.EvaluateAsync(options.TransactionName!, new ProposalOptions().AddArguments(options.Arguments.ToArray()), cancellationToken);
                await output.WriteLineAsync(Encoding.UTF8.GetString(evaluated));
                return 0;

            case "submit":
                var submitted = await contract.StartSubmitAsync(options.TransactionName!, new ProposalOptions().AddArguments(options.Arguments.ToArray()), cancellationToken);
                await output.WriteLineAsync($"Submitted transaction {submitted.TransactionId}; waiting for commit...");
                var status = await submitted.GetStatusAsync(cancellationToken);
                if (!status.Successful)
                {
                    throw new CommitException(status.TransactionId, status.Code);
                }

                await output.WriteLineAsync($"Committed in block {status.BlockNumber}");
                await output.WriteLineAsync(Encoding.UTF8.GetString(submitted.GetResult()));
                return 0;

            default:
                var checkpointer = Checkpointers.InMemory();
                var eventsOptions = new EventsOptions { StartBlock = options.StartBlock, Checkpoint = checkpointer };
                try
                {
                    await foreach (var e in network.GetChaincodeEventsAsync(options.Chaincode, eventsOptions, cancellationToken))
                    {
                        await output.WriteLineAsync($"block {e.BlockNumber} tx {e.TransactionId} {e.EventName}: {Encoding.UTF8.GetString(e.Payload.Span)}");
                        await checkpointer.CheckpointChaincodeEventAsync(e, cancellationToken);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await output.WriteLineAsync($"Stopped; resume from block {checkpointer.BlockNumber} after transaction {checkpointer.TransactionId}.");
                }

                return 0;
        }
    }
}
