using LabelStudio.Config;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// The part of a labeling config the exporters need, shaped like the official converter's schema: control name to
/// tag type, and the data keys of the object tags. An absent config gives an empty schema (every result dropped).
/// </summary>
internal sealed class ExportSchema
{
    private readonly Dictionary<string, string> _controls;

    public ExportSchema(IReadOnlyDictionary<string, string> controls, IReadOnlyList<string> dataKeys)
    {
        _controls = new Dictionary<string, string>(controls, StringComparer.Ordinal);
        DataKeys = dataKeys;
    }

    public IReadOnlyList<string> DataKeys { get; }

    public IReadOnlyDictionary<string, string> Controls => _controls;

    public static ExportSchema From(LabelConfig? config)
    {
        if (config is null)
        {
            return new ExportSchema(new Dictionary<string, string>(), []);
        }

        var controls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var control in config.Controls)
        {
            if (control.Name is { } name && !string.Equals(control.TagName, "Filter", StringComparison.OrdinalIgnoreCase))
            {
                controls.TryAdd(name, control.TagName);
            }
        }

        var keys = config.Objects.Where(o => o.DataKey is not null).Select(o => o.DataKey!).Distinct(StringComparer.Ordinal).ToArray();
        return new ExportSchema(controls, keys);
    }

    /// <summary>The tag type of the control a result's <c>from_name</c> names, or null when the schema has none.</summary>
    public string? ControlType(string? fromName) => fromName is not null && _controls.TryGetValue(fromName, out var type) ? type : null;
}
