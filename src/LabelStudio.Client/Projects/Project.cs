using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.Users;

namespace LabelStudio.Client.Projects;

/// <summary>A labeling project.</summary>
public sealed class Project
{
    /// <summary>Project id.</summary>
    public int? Id { get; set; }

    /// <summary>Title (drafts may have an empty title).</summary>
    public string? Title { get; set; }

    /// <summary>Description.</summary>
    public string? Description { get; set; }

    /// <summary>The labeling configuration XML.</summary>
    public string? LabelConfig { get; set; }

    /// <summary>Instructions shown to annotators (HTML).</summary>
    public string? ExpertInstruction { get; set; }

    /// <summary>Show instructions before labeling.</summary>
    public bool? ShowInstruction { get; set; }

    /// <summary>Let annotators skip tasks.</summary>
    public bool? ShowSkipButton { get; set; }

    /// <summary>Allow submitting empty annotations.</summary>
    public bool? EnableEmptyAnnotation { get; set; }

    /// <summary>Show annotation history.</summary>
    public bool? ShowAnnotationHistory { get; set; }

    /// <summary>Owning organization id.</summary>
    public int? Organization { get; set; }

    /// <summary>Color (#RRGGBB).</summary>
    public string? Color { get; set; }

    /// <summary>Annotations per task before it is completed.</summary>
    public int? MaximumAnnotations { get; set; }

    /// <summary>Published to annotators.</summary>
    public bool? IsPublished { get; set; }

    /// <summary>Model version used for predictions.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Draft project.</summary>
    public bool? IsDraft { get; set; }

    /// <summary>Creator.</summary>
    public UserSummary? CreatedBy { get; set; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Annotations before ML training starts.</summary>
    public int? MinAnnotationsToStartTraining { get; set; }

    /// <summary>Train on every annotation update.</summary>
    public bool? StartTrainingOnAnnotationUpdate { get; set; }

    /// <summary>Show predictions to annotators.</summary>
    public bool? ShowCollabPredictions { get; set; }

    /// <summary>Tasks with annotations.</summary>
    public int? NumTasksWithAnnotations { get; set; }

    /// <summary>Number of tasks.</summary>
    public int? TaskNumber { get; set; }

    /// <summary>Useful annotations.</summary>
    public int? UsefulAnnotationNumber { get; set; }

    /// <summary>Ground-truth annotations.</summary>
    public int? GroundTruthNumber { get; set; }

    /// <summary>Skipped annotations.</summary>
    public int? SkippedAnnotationsNumber { get; set; }

    /// <summary>All annotations.</summary>
    public int? TotalAnnotationsNumber { get; set; }

    /// <summary>All predictions.</summary>
    public int? TotalPredictionsNumber { get; set; }

    /// <summary>Task sampling mode.</summary>
    public string? Sampling { get; set; }

    /// <summary>Show ground truth first.</summary>
    public bool? ShowGroundTruthFirst { get; set; }

    /// <summary>Show overlapping tasks first.</summary>
    public bool? ShowOverlapFirst { get; set; }

    /// <summary>Overlap cohort percentage.</summary>
    public int? OverlapCohortPercentage { get; set; }

    /// <summary>Login for task data (when set).</summary>
    public string? TaskDataLogin { get; set; }

    /// <summary>Per-control weights.</summary>
    public JsonElement? ControlWeights { get; set; }

    /// <summary>The server's parse of the labeling config.</summary>
    public JsonElement? ParsedLabelConfig { get; set; }

    /// <summary>Evaluate predictions automatically.</summary>
    public bool? EvaluatePredictionsAutomatically { get; set; }

    /// <summary>Skip queue policy.</summary>
    public string? SkipQueue { get; set; }

    /// <summary>Reveal pre-annotations interactively.</summary>
    public bool? RevealPreannotationsInteractively { get; set; }

    /// <summary>Pinned time.</summary>
    public DateTimeOffset? PinnedAt { get; set; }

    /// <summary>Finished tasks.</summary>
    public int? FinishedTaskNumber { get; set; }

    /// <summary>Tasks in the queue.</summary>
    public int? QueueTotal { get; set; }

    /// <summary>Tasks done in the queue.</summary>
    public int? QueueDone { get; set; }

    /// <summary>Whether the config has control tags.</summary>
    public bool? ConfigHasControlTags { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
