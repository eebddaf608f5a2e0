using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Client.Projects;

/// <summary>Fields to create or update a project; unset fields are not sent.</summary>
public sealed class ProjectRequest
{
    /// <summary>Title (3 to 50 characters).</summary>
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

    /// <summary>Annotations before ML training starts.</summary>
    public int? MinAnnotationsToStartTraining { get; set; }

    /// <summary>Train on every annotation update.</summary>
    public bool? StartTrainingOnAnnotationUpdate { get; set; }

    /// <summary>Show predictions to annotators.</summary>
    public bool? ShowCollabPredictions { get; set; }

    /// <summary>Task sampling mode: "Sequential sampling", "Uniform sampling" or "Uncertainty sampling".</summary>
    public string? Sampling { get; set; }

    /// <summary>Show ground truth first.</summary>
    public bool? ShowGroundTruthFirst { get; set; }

    /// <summary>Show overlapping tasks first.</summary>
    public bool? ShowOverlapFirst { get; set; }

    /// <summary>Overlap cohort percentage.</summary>
    public int? OverlapCohortPercentage { get; set; }

    /// <summary>Login for task data.</summary>
    public string? TaskDataLogin { get; set; }

    /// <summary>Password for task data (write-only; never logged).</summary>
    public string? TaskDataPassword { get; set; }

    /// <summary>Per-control weights.</summary>
    public JsonElement? ControlWeights { get; set; }

    /// <summary>Evaluate predictions automatically.</summary>
    public bool? EvaluatePredictionsAutomatically { get; set; }

    /// <summary>Reveal pre-annotations interactively.</summary>
    public bool? RevealPreannotationsInteractively { get; set; }

    /// <summary>Fields this version of the client does not model; kept so nothing the server sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
