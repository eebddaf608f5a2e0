namespace LabelStudio.MlBackend;

/// <summary>The webhook actions that trigger training.</summary>
public static class TrainingEventNames
{
    /// <summary>An annotation was submitted.</summary>
    public const string AnnotationCreated = "ANNOTATION_CREATED";

    /// <summary>An annotation was updated.</summary>
    public const string AnnotationUpdated = "ANNOTATION_UPDATED";

    /// <summary>An annotation was deleted (the name the Python backend knows).</summary>
    public const string AnnotationDeleted = "ANNOTATION_DELETED";

    /// <summary>Annotations were deleted (the name Label Studio really sends, with <c>annotations: [{"id"}]</c>).</summary>
    public const string AnnotationsDeleted = "ANNOTATIONS_DELETED";

    /// <summary>The "Start training" button, or a legacy <c>POST /train</c>.</summary>
    public const string StartTraining = "START_TRAINING";

    /// <summary>True for the actions that are queued for training.</summary>
    /// <param name="action">The webhook action.</param>
    /// <returns>Whether the action trains.</returns>
    public static bool IsTrainingEvent(string? action) =>
        action is AnnotationCreated or AnnotationUpdated or AnnotationDeleted or AnnotationsDeleted or StartTraining;
}
