using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Export;

/// <summary>Which tasks an export snapshot includes.</summary>
public sealed class TaskFilterOptions
{
    /// <summary>Only tasks of these Data Manager views.</summary>
    public List<int>? View { get; set; }

    /// <summary>"only", "exclude" or null.</summary>
    public string? Skipped { get; set; }

    /// <summary>"only", "exclude" or null.</summary>
    public string? Finished { get; set; }

    /// <summary>"only", "exclude" or null.</summary>
    public string? Annotated { get; set; }

    /// <summary>Only tasks with annotations.</summary>
    public bool? OnlyWithAnnotations { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
