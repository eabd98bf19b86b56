using System.Globalization;
using System.Resources;

namespace FabricEvidence.Verification.Internal;

/// <summary>The report's strings in one language, from Reports/Resources/ReportStrings(.zh-CN).resx.</summary>
internal sealed class ReportText
{
    private static readonly ResourceManager Resources = new("FabricEvidence.Verification.Reports.Resources.ReportStrings", typeof(ReportText).Assembly);

    private ReportText(CultureInfo culture, string language)
    {
        Culture = culture;
        Language = language;
    }

    /// <summary>The culture the strings are looked up in (the neutral resources are English).</summary>
    public CultureInfo Culture { get; }

    /// <summary>The BCP 47 tag of the language written: <c>en</c> or <c>zh-CN</c>.</summary>
    public string Language { get; }

    public static ReportText For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? new ReportText(CultureInfo.GetCultureInfo("zh-CN"), "zh-CN")
            : new ReportText(CultureInfo.InvariantCulture, "en");

    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"The report string '{key}' is missing from the resources.");

    public string Format(string key, params object[] arguments) => string.Format(Culture, this[key], arguments);

    /// <summary>A translated name (event, role, check, validation code), or the name itself when there is no translation.</summary>
    public string Named(string prefix, string? name) =>
        string.IsNullOrEmpty(name) ? string.Empty : Resources.GetString(prefix + "." + name, Culture) ?? name;
}
