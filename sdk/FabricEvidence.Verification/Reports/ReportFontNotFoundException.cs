namespace FabricEvidence.Verification;

/// <summary>A PDF report cannot be written: no font with Chinese glyphs was found or the one named cannot be used.</summary>
public sealed class ReportFontNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportFontNotFoundException()
        : this("No font with Chinese glyphs was found for the PDF report.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was looked for and how to fix it.</param>
    public ReportFontNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was looked for and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ReportFontNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
