using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>
/// A Label Studio task: the data to label plus its annotations, predictions and drafts, as found in a
/// JSON export, an import file or a REST response. Members the server adds that are not modelled here
/// are kept in <see cref="ExtensibleModel.AdditionalProperties"/>.
/// </summary>
[JsonConverter(typeof(TaskConverter))]
public sealed class LabelStudioTask : ExtensibleModel
{
    // The collections are made on first use: the readers set those the JSON has, and a skipped or absent member costs
    // no empty list per task. The writers look at the fields, so writing does not make them either.
    private JsonObject? _data;
    private IList<Annotation>? _annotations;
    private IList<Prediction>? _predictions;
    private IList<Draft>? _drafts;

    /// <summary>Task id (<c>id</c>); absent for tasks not yet imported.</summary>
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    /// <summary>
    /// Task data (<c>data</c>): the values the labeling config refers to with <c>$key</c>. Numbers keep
    /// their original JSON text.
    /// </summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(JsonObjectConverter))]
    public JsonObject Data
    {
        get => _data ??= [];
        set => _data = value;
    }

    /// <summary>Free-form task metadata (<c>meta</c>).</summary>
    [JsonPropertyName("meta")]
    [JsonConverter(typeof(JsonObjectConverter))]
    public JsonObject? Meta { get; set; }

    internal JsonObject? DataOrNull => _data;

    internal IList<Annotation>? AnnotationsOrNull => _annotations;

    internal IList<Prediction>? PredictionsOrNull => _predictions;

    internal IList<Draft>? DraftsOrNull => _drafts;

    // Whether "agreement" is written (read from JSON, or set).
    internal bool HasAgreementMember => Agreement is not null || IsPresent(TaskConverter.AgreementBit);

    // Whether the JSON read had an "annotations" member (the official converter drops tasks without one).
    internal bool HasAnnotationsMember => IsPresent(TaskConverter.AnnotationsBit);

    /// <summary>Annotations (<c>annotations</c>); empty when the task has none.</summary>
    [JsonPropertyName("annotations")]
    public IList<Annotation> Annotations
    {
        get => _annotations ??= [];
        set => _annotations = value;
    }

    /// <summary>Predictions (<c>predictions</c>); empty when the task has none.</summary>
    [JsonPropertyName("predictions")]
    [JsonConverter(typeof(PredictionListConverter))]
    public IList<Prediction> Predictions
    {
        get => _predictions ??= [];
        set => _predictions = value;
    }

    /// <summary>Unsubmitted annotation drafts (<c>drafts</c>); empty when the task has none.</summary>
    [JsonPropertyName("drafts")]
    public IList<Draft> Drafts
    {
        get => _drafts ??= [];
        set => _drafts = value;
    }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    public Timestamp? CreatedAt { get; set; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    public Timestamp? UpdatedAt { get; set; }

    /// <summary>Position of the task inside its project (<c>inner_id</c>).</summary>
    [JsonPropertyName("inner_id")]
    public long? InnerId { get; set; }

    /// <summary>Number of submitted annotations (<c>total_annotations</c>).</summary>
    [JsonPropertyName("total_annotations")]
    public int? TotalAnnotations { get; set; }

    /// <summary>Number of skipped annotations (<c>cancelled_annotations</c>).</summary>
    [JsonPropertyName("cancelled_annotations")]
    public int? CancelledAnnotations { get; set; }

    /// <summary>Number of predictions (<c>total_predictions</c>).</summary>
    [JsonPropertyName("total_predictions")]
    public int? TotalPredictions { get; set; }

    /// <summary>Number of comments (<c>comment_count</c>).</summary>
    [JsonPropertyName("comment_count")]
    public int? CommentCount { get; set; }

    /// <summary>Number of unresolved comments (<c>unresolved_comment_count</c>).</summary>
    [JsonPropertyName("unresolved_comment_count")]
    public int? UnresolvedCommentCount { get; set; }

    /// <summary>Time of the last comment update (<c>last_comment_updated_at</c>).</summary>
    [JsonPropertyName("last_comment_updated_at")]
    public Timestamp? LastCommentUpdatedAt { get; set; }

    /// <summary>Project id (<c>project</c>).</summary>
    [JsonPropertyName("project")]
    public long? Project { get; set; }

    /// <summary>Who last updated the task (<c>updated_by</c>): a user id, or a list of users depending on the endpoint.</summary>
    [JsonPropertyName("updated_by")]
    public JsonNode? UpdatedBy { get; set; }

    /// <summary>The uploaded file the task came from (<c>file_upload</c>): a file name or an id depending on the endpoint.</summary>
    [JsonPropertyName("file_upload")]
    public JsonNode? FileUpload { get; set; }

    /// <summary>Users who commented (<c>comment_authors</c>).</summary>
    [JsonPropertyName("comment_authors")]
    public JsonNode? CommentAuthors { get; set; }

    // Set by the readers when agreement was an integer literal (100, not 100.0): written back as one (see IntegerLiteral).
    internal const ulong AgreementIntegerBit = 1UL << 40;

    // With AgreementExactBit: the agreement of an integer literal a double cannot hold (from 2^53 on), exact as Python's
    // ints are. A plain long and a presence bit: 8 bytes a task (0.8 MB per 100k tasks), no side object.
    internal const ulong AgreementExactBit = 1UL << 41;

    private double? _agreement;

    private long _agreementExact;

    /// <summary>
    /// Annotator agreement (<c>agreement</c>), present in some exports. An integer in the JSON read (<c>100</c>, not
    /// <c>100.0</c>) is written back as one, as the official converter writes it; setting the property forgets that.
    /// </summary>
    [JsonPropertyName("agreement")]
    public double? Agreement
    {
        get => _agreement;
        set
        {
            _agreement = value;
            PresentMembers &= ~(AgreementIntegerBit | AgreementExactBit);
        }
    }

    // Whether agreement is written as an integer; its exact value when a double could not hold it.
    internal bool AgreementIsInteger => IsPresent(AgreementIntegerBit) && _agreement is { } value && double.IsInteger(value);

    internal long? AgreementExact => IsPresent(AgreementExactBit) ? _agreementExact : null;

    // Called by the readers after Agreement is set: the literal's kind goes into their presence bits.
    internal ulong ReadAgreementLiteral(ReadOnlySpan<byte> literal)
    {
        if (_agreement is not { } value || !IntegerLiteral.Is(literal))
        {
            return 0;
        }

        if (IntegerLiteral.ExactBeyondDouble(literal, value) is not { } exact)
        {
            return AgreementIntegerBit;
        }

        _agreementExact = exact;
        return AgreementIntegerBit | AgreementExactBit;
    }

    /// <summary>Whether the task counts as labeled (<c>is_labeled</c>), in REST responses.</summary>
    [JsonPropertyName("is_labeled")]
    public bool? IsLabeled { get; set; }

    /// <summary>How many annotators should label the task (<c>overlap</c>), in REST responses.</summary>
    [JsonPropertyName("overlap")]
    public int? Overlap { get; set; }
}
