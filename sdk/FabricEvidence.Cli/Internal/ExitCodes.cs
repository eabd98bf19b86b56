namespace FabricEvidence.Cli.Internal;

/// <summary>The tool's exit codes; the README's table lists them, and scripts rely on them not changing.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>verify</c>, the file matches the ledger.</summary>
    public const int Ok = 0;

    /// <summary>Something failed that none of the codes below describe (a bug, a full disk).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The item (or the file, MSP folder, network.env named) does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The ledger or the storage service refused: role, organisation, state, a step already done.</summary>
    public const int Refused = 4;

    /// <summary>Verification failed: the file's or the downloaded content's digest differs from the ledger's.</summary>
    public const int VerificationFailed = 5;

    /// <summary>The peer or the storage service could not be reached, or did not answer in time.</summary>
    public const int Connection = 6;
}
