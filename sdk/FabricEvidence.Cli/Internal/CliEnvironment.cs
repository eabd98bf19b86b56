namespace FabricEvidence.Cli.Internal;

/// <summary>What the tool takes from its surroundings, replaceable in tests: environment variables and the HTTP handler.</summary>
internal sealed class CliEnvironment
{
    public static CliEnvironment Process { get; } = new(System.Environment.GetEnvironmentVariable);

    public CliEnvironment(Func<string, string?> variables, Func<HttpMessageHandler>? httpHandler = null)
    {
        Variable = variables;
        CreateHttpHandler = httpHandler ?? (() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
    }

    public Func<string, string?> Variable { get; }

    public Func<HttpMessageHandler> CreateHttpHandler { get; }
}
