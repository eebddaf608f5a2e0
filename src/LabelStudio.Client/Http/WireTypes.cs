using System.Text.Json;

namespace LabelStudio.Client.Http;

/// <summary>New order of Data Manager views.</summary>
internal sealed class ViewOrderRequest
{
    public int Project { get; set; }

    public List<int> Ids { get; set; } = [];
}

/// <summary>Tasks a Data Manager action applies to.</summary>
internal sealed class ActionSelection
{
    // Label Studio reads this member camelCase (PrepareParams), unlike the rest of the API.
    [System.Text.Json.Serialization.JsonPropertyName("selectedItems")]
    public JsonElement? SelectedItems { get; set; }

    public JsonElement? Filters { get; set; }

    public List<string>? Ordering { get; set; }
}

/// <summary>Body of the ML train call.</summary>
internal sealed class MlTrainRequest
{
    public bool? UseGroundTruth { get; set; }
}

/// <summary>Body of the ML interactive-annotating call.</summary>
internal sealed class MlInteractiveRequest
{
    public int Task { get; set; }

    public JsonElement? Context { get; set; }
}

/// <summary>The asynchronous import answer: only an id to poll.</summary>
internal sealed class ImportStarted
{
    public int? Import { get; set; }
}
