namespace LabelStudio.Client.DataManager;

/// <summary>A Data Manager task column: a built-in one or a task data field (<c>data.&lt;field&gt;</c>).</summary>
public readonly record struct DataManagerColumn
{
    private DataManagerColumn(string name) => Name = name;

    /// <summary>The column name after the <c>tasks:</c> prefix, e.g. <c>id</c> or <c>data.image</c>.</summary>
    public string Name { get; }

    /// <summary>Task id.</summary>
    public static DataManagerColumn Id { get; } = new("id");

    /// <summary>Inner (per-project) task id.</summary>
    public static DataManagerColumn InnerId { get; } = new("inner_id");

    /// <summary>Completion time.</summary>
    public static DataManagerColumn CompletedAt { get; } = new("completed_at");

    /// <summary>Creation time.</summary>
    public static DataManagerColumn CreatedAt { get; } = new("created_at");

    /// <summary>Update time.</summary>
    public static DataManagerColumn UpdatedAt { get; } = new("updated_at");

    /// <summary>Number of annotations.</summary>
    public static DataManagerColumn TotalAnnotations { get; } = new("total_annotations");

    /// <summary>Number of cancelled (skipped) annotations.</summary>
    public static DataManagerColumn CancelledAnnotations { get; } = new("cancelled_annotations");

    /// <summary>Number of predictions.</summary>
    public static DataManagerColumn TotalPredictions { get; } = new("total_predictions");

    /// <summary>Who annotated.</summary>
    public static DataManagerColumn AnnotatorsColumn { get; } = new("annotators");

    /// <summary>Prediction score.</summary>
    public static DataManagerColumn PredictionsScore { get; } = new("predictions_score");

    /// <summary>Prediction model versions.</summary>
    public static DataManagerColumn PredictionsModelVersions { get; } = new("predictions_model_versions");

    /// <summary>Ground truth flag.</summary>
    public static DataManagerColumn GroundTruth { get; } = new("ground_truth");

    /// <summary>A task data field, e.g. <c>Data("image")</c> → <c>data.image</c>.</summary>
    /// <param name="field">The key in the task's <c>data</c>.</param>
    /// <returns>The column.</returns>
    public static DataManagerColumn Data(string field)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return new DataManagerColumn("data." + field);
    }

    /// <summary>Any other column by its name after <c>tasks:</c>.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The column.</returns>
    public static DataManagerColumn Custom(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DataManagerColumn(name);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
