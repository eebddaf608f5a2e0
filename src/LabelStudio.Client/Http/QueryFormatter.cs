using System.Globalization;
using System.Reflection;
using Refit;

namespace LabelStudio.Client.Http;

/// <summary>Formats query values as Django and the spec expect: booleans lowercase, numbers invariant.</summary>
internal sealed class QueryFormatter : IUrlParameterFormatter
{
    private readonly DefaultUrlParameterFormatter _default = new();

    public string? Format(object? value, ICustomAttributeProvider attributeProvider, Type type) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f and not Enum => f.ToString(null, CultureInfo.InvariantCulture),
        _ => _default.Format(value, attributeProvider, type),
    };
}
