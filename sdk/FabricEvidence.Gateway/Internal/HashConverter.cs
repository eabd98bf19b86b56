using System.ComponentModel;
using System.Globalization;

namespace FabricEvidence.Gateway.Internal;

/// <summary>Lets configuration bind a <see cref="Hash"/> from its name (<c>"Hash": "SHA256"</c>).</summary>
internal sealed class HashConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name ? Hash.FromName(name) : base.ConvertFrom(context, culture, value);

    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) => destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is Hash hash ? hash.Name : base.ConvertTo(context, culture, value, destinationType);
}
