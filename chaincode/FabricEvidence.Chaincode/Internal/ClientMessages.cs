namespace FabricEvidence.Chaincode.Internal;

/// <summary>The message a failed transaction returns to the client for an exception thrown by chaincode code.</summary>
internal static class ClientMessages
{
    /// <summary>
    /// The exception's message without .NET's "(Parameter 'name')" suffix: the parameter is the runtime's or the
    /// contract's C# name, which means nothing to a client of another language. Never the stack trace.
    /// </summary>
    public static string Of(Exception exception)
    {
        if (exception is ChaincodeException chaincode)
        {
            return chaincode.ResponseMessage;
        }

        var message = exception.Message;
        if (string.IsNullOrEmpty(message))
        {
            return exception.GetType().Name;
        }

        if (exception is ArgumentException { ParamName: { } name })
        {
            // The suffix is localised; an empty ArgumentException with the same parameter name yields exactly it.
            var suffix = new ArgumentException(null, name).Message;
            var at = suffix.IndexOf('(', StringComparison.Ordinal);
            suffix = at > 0 ? " " + suffix[at..] : suffix;
            if (message.EndsWith(suffix, StringComparison.Ordinal) && message.Length > suffix.Length)
            {
                return message[..^suffix.Length];
            }
        }

        return message;
    }
}
