using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Projects;

/// <summary>Task and annotation counters of a project.</summary>
public sealed class ProjectCounts
{
    /// <summary>Project id.</summary>
    public int? Id { get; set; }

    /// <summary>Tasks.</summary>
    public int? TaskNumber { get; set; }

    /// <summary>Finished tasks.</summary>
    public int? FinishedTaskNumber { get; set; }

    /// <summary>Predictions.</summary>
    public int? TotalPredictionsNumber { get; set; }

    /// <summary>Annotations.</summary>
    public int? TotalAnnotationsNumber { get; set; }

    /// <summary>Tasks with annotations.</summary>
    public int? NumTasksWithAnnotations { get; set; }

    /// <summary>Useful annotations.</summary>
    public int? UsefulAnnotationNumber { get; set; }

    /// <summary>Ground-truth annotations.</summary>
    public int? GroundTruthNumber { get; set; }

    /// <summary>Skipped annotations.</summary>
    public int? SkippedAnnotationsNumber { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
