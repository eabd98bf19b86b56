namespace FabricEvidence.Gateway;

/// <summary>A checkpoint file exists but cannot be read as a checkpoint. The message names the file and the problem.</summary>
public sealed class FileCheckpointerException : Exception
{
    /// <summary>Creates an exception.</summary>
    public FileCheckpointerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a cause.</summary>
    public FileCheckpointerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
