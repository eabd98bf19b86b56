namespace FabricEvidence.Cli.Internal;

/// <summary>The storage service answered with a problem (<c>application/problem+json</c>): its status, code and detail.</summary>
internal sealed class StorageRefusedException : Exception
{
    public StorageRefusedException(int status, string code, string detail)
        : base(detail)
    {
        Status = status;
        Code = code;
    }

    public StorageRefusedException()
    {
        Code = string.Empty;
    }

    public StorageRefusedException(string message)
        : base(message)
    {
        Code = string.Empty;
    }

    public StorageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    public int Status { get; }

    public string Code { get; }
}
